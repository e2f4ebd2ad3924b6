"""The council presentation and the tour editor, driven with keys and clicks."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from tests.conftest import DEMO_SCENE
from twin.core.camera import View
from twin.present.tours import Stop, Tour, Tours
from twin.projects.model import Projects

TOUR = "Découverte du centre"


def _close(a: View, b: View, tol=0.5) -> bool:
    return (np.allclose(a.position, b.position, atol=tol) and np.allclose(a.focal_point, b.focal_point, atol=tol))


@pytest.fixture
def presentation(qtbot):
    from twin._qt.present import PresentWindow
    from twin.io.loading import apply_results, load_scene_data
    from twin.io.scene_file import load_scene
    scene = load_scene(DEMO_SCENE)
    apply_results(load_scene_data(scene))
    win = PresentWindow(scene, Tours.of(scene)[TOUR], language="fr")
    qtbot.addWidget(win)
    win.resize(960, 540)
    win.show()
    qtbot.waitExposed(win)
    win.timer.stop()            # the test moves the clock itself
    return win


def test_keys_move_between_stops(presentation, qtbot, tmp_path):
    win = presentation
    tour = win.tour
    assert win.caption.text() == tour.stops[0].caption["fr"]
    assert _close(win.mirror.current_view(), tour.stops[0].view)
    qtbot.keyClick(win, Qt.Key_PageDown)
    assert win.player.stop == 1 and win.player.state().in_flight
    win.advance(1.0)                                     # mid-flight: neither stop
    mid = win.mirror.current_view()
    assert not _close(mid, tour.stops[0].view, 5) and not _close(mid, tour.stops[1].view, 5)
    win.advance(10.0)
    assert _close(win.mirror.current_view(), tour.stops[1].view)
    assert win.caption.text() == tour.stops[1].caption["fr"]
    win.view.render()
    win.grab().save(str(tmp_path / "present.png"))
    for key in (Qt.Key_Space, Qt.Key_Right):
        qtbot.keyClick(win, key)
        win.advance(10.0)
    assert win.player.stop == 3 and "Fréquentation (passages par heure)" in [
        layer.name for layer in win.scene.layers.leaves() if layer.effectively_visible]
    qtbot.keyClick(win, Qt.Key_PageUp)
    win.advance(10.0)
    assert _close(win.mirror.current_view(), tour.stops[2].view)
    qtbot.keyClick(win, Qt.Key_Home)
    win.advance(10.0)
    assert win.player.stop == 0 and _close(win.mirror.current_view(), tour.stops[0].view)
    qtbot.keyClick(win, Qt.Key_L)
    assert win.caption.text() == tour.stops[0].caption["en"]


def test_caption_is_large_and_readable(presentation):
    from PySide6.QtGui import QColor

    from twin._qt.themes import contrast_ratio
    win = presentation
    win.caption.ensurePolished()
    assert win.caption.font().pointSize() >= 28
    image = win.caption.grab().toImage()
    background = QColor(image.pixel(2, 2))
    assert contrast_ratio(QColor("#ffffff"), background) >= 4.5


def test_blank_scrub_play_and_escape(presentation, qtbot):
    win = presentation
    qtbot.keyClick(win, Qt.Key_B)
    assert win.blanked
    image = win.grab().toImage()
    assert QColorAt(image, image.width() // 2, image.height() // 2) == (0, 0, 0)
    qtbot.keyClick(win, Qt.Key_B)
    assert not win.blanked
    before = win.scene.timeline.current
    qtbot.keyClick(win, Qt.Key_BracketRight)
    assert (win.scene.timeline.current - before).total_seconds() == 1800
    qtbot.keyClick(win, Qt.Key_BracketLeft)
    qtbot.keyClick(win, Qt.Key_BracketLeft)
    assert (win.scene.timeline.current - before).total_seconds() == -1800
    qtbot.keyClick(win, Qt.Key_P)
    assert win.player.playing
    win.advance(win.tour.duration + 1)
    assert win.player.stop == len(win.tour.stops) - 1 and not win.player.playing
    qtbot.keyClick(win, Qt.Key_Escape)
    assert not win.isVisible()


def test_before_after_toggles_the_variant(presentation, qtbot):
    win = presentation
    project = next(iter(Projects.of(win.scene)))          # the demo's Îlot Saint-Géry
    variant = project.variants[0]
    Projects.of(win.scene).active = (project.name, variant.name)
    qtbot.keyClick(win, Qt.Key_A)
    assert Projects.of(win.scene).active is None
    qtbot.keyClick(win, Qt.Key_A)
    assert Projects.of(win.scene).active == (project.name, variant.name)


def QColorAt(image, x, y):
    from PySide6.QtGui import QColor
    c = QColor(image.pixel(x, y))
    return c.red(), c.green(), c.blue()


# -- the tour editor in the main window --------------------------------------------------------

def test_tours_panel_records_reorders_and_edits(demo_window, qtbot, tmp_path):
    win = demo_window(data="now")
    panel = win.tours_panel
    scene = win.scene
    demo_tours = list(Tours.of(scene))
    assert [panel.tours.item(i).text() for i in range(panel.tours.count())] == demo_tours and demo_tours[0] == TOUR
    assert panel.stops.count() == 4
    panel.stops.setCurrentRow(3)
    win.go_to(View((684300.0, 7021300.0, 200.0), (684131.0, 7021537.0, 64.0)))
    scene.layers.find("Parcelles").visible = False
    qtbot.mouseClick(panel.buttons["record"], Qt.LeftButton)
    tour = Tours.of(scene)[TOUR]
    assert len(tour.stops) == 5 and panel.stops.count() == 5
    new = tour.stops[4]
    assert _close(new.view, View((684300.0, 7021300.0, 200.0), (684131.0, 7021537.0, 64.0)))
    assert "Parcelles" not in new.layers and "Bâtiments (LoD1)" in new.layers
    assert new.time == scene.timeline.current
    qtbot.mouseClick(panel.buttons["up"], Qt.LeftButton)
    assert Tours.of(scene)[TOUR].stops[3] == new and panel.stops.currentRow() == 3
    panel.caption_fr.setText("Nouvelle vue")
    panel.caption_fr.editingFinished.emit()
    panel.hold.setValue(2.5)
    panel.hold.editingFinished.emit()
    edited = Tours.of(scene)[TOUR].stops[3]
    assert edited.caption["fr"] == "Nouvelle vue" and edited.hold == 2.5
    qtbot.mouseClick(panel.buttons["remove_stop"], Qt.LeftButton)
    assert len(Tours.of(scene)[TOUR].stops) == 4
    # model → widget
    Tours.of(scene).add(Tour("Autre", [Stop(scene.bookmark("Grand Place").view, caption={"fr": "Ici"})]))
    assert panel.tours.count() == len(demo_tours) + 1
    panel.tours.setCurrentRow(len(demo_tours))
    assert panel.stops.count() == 1 and panel.stops.item(0).text() == "1. Ici"
    panel.rename_tour("Encore")
    assert list(Tours.of(scene)) == [*demo_tours, "Encore"]
    panel.remove_tour()
    assert list(Tours.of(scene)) == demo_tours
    win.tours_dock.show()
    win.grab().save(str(tmp_path / "tours-panel.png"))


def test_play_and_present_from_the_main_window(demo_window, qtbot):
    win = demo_window(data="now")
    tour = Tours.of(win.scene)[TOUR]
    win.play_tour(TOUR)
    playback = win._tour_playback
    assert playback.isActive()
    playback.player.tick(tour.duration + 1)
    playback._tick()
    assert not playback.isActive() and _close(win.mirror.current_view(), tour.stops[-1].view)
    presentation = win.present_tour(TOUR)
    qtbot.waitExposed(presentation)
    assert presentation.isFullScreen()
    qtbot.keyClick(presentation, Qt.Key_Escape)
    assert not presentation.isVisible()


def test_export_video_in_the_background(demo_window, qtbot, tmp_path):
    win = demo_window(data="none")
    scene = win.scene
    Tours.of(scene).add(Tour("Court", [Stop(scene.bookmark("Grand Place").view, hold=0.2),
                                  Stop(scene.bookmark("Place des Héros").view, hold=0.2, flight=0.4)]))
    panel = win.tours_panel
    panel.tours.setCurrentRow(list(Tours.of(scene)).index("Court"))
    done = []
    panel.export_done.connect(done.append)
    task = panel.export_video(str(tmp_path / "court.mp4"), size=(160, 90), fps=10)
    assert task is not None
    qtbot.waitUntil(lambda: bool(done), timeout=120000)
    import imageio_ffmpeg
    frames, _ = imageio_ffmpeg.count_frames_and_secs(done[0])
    assert frames == 8
