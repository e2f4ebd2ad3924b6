"""The windows tell their 3D view when its camera moves: a drag, a wheel zoom, a tour's
flight; the full picture comes back shortly after."""

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from twin._qt.motion import DELAY_MS

assert DELAY_MS < 300          # the full picture is back within 0.3 s of the last move…
SLACK_MS = 500                 # …plus, in a test on a busy machine, a frame being drawn then
from twin.present.tours import Tours

TOUR = "Découverte du centre"


def _mouse(view, kind, pos: QPoint, buttons):
    event = QMouseEvent(kind, QPointF(pos), QPointF(view.mapToGlobal(pos)), Qt.LeftButton, buttons, Qt.NoModifier)
    QApplication.sendEvent(view, event)


def test_a_drag_draws_less_until_shortly_after_it_ends(demo_window, qtbot):
    win = demo_window(data="now")
    view, mirror = win.view, win.mirror
    full = mirror.motion.drawn
    assert not mirror.interacting and full.pixels > 0
    start = view.rect().center()
    _mouse(view, QEvent.MouseButtonPress, start, Qt.LeftButton)
    assert mirror.interacting
    for step in range(1, 6):
        _mouse(view, QEvent.MouseMove, start + QPoint(8 * step, 0), Qt.LeftButton)
    view.render()
    moving = mirror.motion.drawn
    assert moving.pixels < full.pixels and moving.cells < full.cells
    qtbot.wait(DELAY_MS + 100)
    assert mirror.interacting                   # still held: the button is down
    _mouse(view, QEvent.MouseButtonRelease, start + QPoint(40, 0), Qt.NoButton)
    assert mirror.interacting                   # a pause between moves keeps it cheap…
    qtbot.waitUntil(lambda: not mirror.interacting, timeout=DELAY_MS + SLACK_MS)   # …then cleared
    qtbot.waitUntil(lambda: mirror.motion.drawn.pixels == full.pixels, timeout=2000)   # drawn again
    assert mirror.motion.drawn.cells > moving.cells


def test_a_wheel_zoom_draws_less_for_a_moment(demo_window, qtbot):
    win = demo_window(data="now")
    view, mirror = win.view, win.mirror
    centre = QPointF(view.rect().center())
    wheel = QWheelEvent(centre, view.mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt.NoButton,
                        Qt.NoModifier, Qt.NoScrollPhase, False)
    before = np.asarray(mirror.current_view().position)
    QApplication.sendEvent(view, wheel)
    assert mirror.interacting
    assert not np.allclose(np.asarray(mirror.current_view().position), before)    # it zoomed
    qtbot.waitUntil(lambda: not mirror.interacting, timeout=DELAY_MS + SLACK_MS)


def test_tour_playback_draws_less_while_flying_not_while_holding(demo_window):
    win = demo_window(data="now")
    tour = Tours.of(win.scene)[TOUR]
    win.play_tour(TOUR)
    playback = win._tour_playback
    playback.stop()                     # the test moves the clock itself
    seen = set()
    for _ in range(int(tour.duration / 0.5) - 1):
        playback.player.tick(0.5)
        playback._tick()
        state = playback.player.state()
        assert win.mirror.interacting == state.in_flight
        seen.add(state.in_flight)
    assert seen == {True, False}
    playback.player.tick(tour.duration)
    playback._tick()
    assert not win.mirror.interacting and not playback.isActive()


def test_the_presentation_draws_less_while_flying(qtbot):
    from tests.conftest import DEMO_SCENE
    from twin._qt.present import PresentWindow
    from twin.io.loading import apply_results, load_scene_data
    from twin.io.scene_file import load_scene
    scene = load_scene(DEMO_SCENE)
    apply_results(load_scene_data(scene))
    win = PresentWindow(scene, Tours.of(scene)[TOUR], language="fr")
    qtbot.addWidget(win)
    win.timer.stop()
    win.player.set_playing(True)
    seen = set()
    last = win.player.state().view
    while not seen >= {True, False} and win.player.playing:
        win.advance(0.5)
        state = win.player.state()
        assert win.mirror.interacting == (state.in_flight and state.view != last)
        seen.add(win.mirror.interacting)
        last = state.view
    assert seen == {True, False}
    while not win.player.state().in_flight:
        win.advance(0.5)
    win.player.set_playing(False)       # paused in flight: the view holds still
    win.advance(0.5)
    assert not win.mirror.interacting
    win.close()


def test_the_kiosk_draws_less_while_dragged_and_while_its_attract_tour_flies(qtbot):
    from tests.conftest import DEMO_SCENE
    from tests.gui.test_kiosk import PIN_HASH, _mouse as kiosk_mouse
    from twin._qt.kiosk import KioskWindow
    from twin.present.kiosk import EXIT_ADMIN
    from twin.io.loading import apply_results, load_scene_data
    from twin.io.scene_file import load_scene
    scene = load_scene(DEMO_SCENE)
    apply_results(load_scene_data(scene))
    win = KioskWindow(scene, PIN_HASH, lang="fr", load=False)
    win.resize(800, 560)
    win.show()
    qtbot.waitExposed(win)
    win.data_ready()
    centre = QPoint(win.view.width() // 2, win.view.height() // 2)
    kiosk_mouse(win.view, QEvent.MouseButtonPress, centre)
    kiosk_mouse(win.view, QEvent.MouseMove, centre + QPoint(30, 0))
    assert win.mirror.interacting
    kiosk_mouse(win.view, QEvent.MouseButtonRelease, centre + QPoint(30, 0), buttons=Qt.NoButton)
    qtbot.waitUntil(lambda: not win.mirror.interacting, timeout=DELAY_MS + SLACK_MS)
    win.start_attract()
    attract = win.playing
    seen = set()
    start = win._play_start
    for i in range(int(attract.duration / 0.5)):
        win.clock = lambda: start + 0.5 * i
        win._tour_tick()
        state = attract.state_at(0.5 * i, win.ground)
        assert win.mirror.interacting == state.in_flight
        seen.add(state.in_flight)
    assert seen == {True, False}
    win.poke()                          # a visitor: the tour stops, the full picture is drawn
    assert not win.mirror.interacting
    win.leave(EXIT_ADMIN)


def test_a_comparison_beside_the_view_draws_less_with_it(demo_window, qtbot):
    win = demo_window(data="now")
    win.compare_with(None)
    beside = win.compare_view.mirror
    start = win.view.rect().center()
    _mouse(win.view, QEvent.MouseButtonPress, start, Qt.LeftButton)
    _mouse(win.view, QEvent.MouseMove, start + QPoint(20, 0), Qt.LeftButton)
    assert win.mirror.interacting and beside.interacting
    _mouse(win.view, QEvent.MouseButtonRelease, start + QPoint(20, 0), Qt.NoButton)
    qtbot.waitUntil(lambda: not beside.interacting, timeout=DELAY_MS + SLACK_MS)
    win.compare_with("off")
    assert win.motion.mirrors == [win.mirror]
