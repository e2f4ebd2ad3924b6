"""The kiosk's visitors (RGAA 4.1, EN 301 549): warned before it starts again, able to
pause a tour, to ask for high contrast, and told what the 3D view shows; the same for
the council presentation. Time moves by the kiosk's clock, not by sleeping."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QAccessible, QColor, QEventPoint, QTouchEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

import twin._qt.kiosk_countdown as kiosk_countdown
from tests.gui import test_kiosk
from tests.gui.test_accessibility import _drawn_contrast, _image
from twin._qt.themes import HIGH_CONTRAST, KIOSK
from twin.present.kiosk import KioskConfig
from twin.present.tours import Tours

kiosk = test_kiosk.kiosk          # its fixture


@pytest.fixture
def announced(monkeypatch):
    """The announcements the countdown makes to assistive technologies (passed on to Qt)."""
    events = []
    real = QAccessible.updateAccessibility

    class Spy:
        @staticmethod
        def updateAccessibility(event):
            if event.type() == QAccessible.Event.Announcement:
                events.append((event.object(), event.message(), event.politeness()))
            real(event)

        def __getattr__(self, name):
            return getattr(QAccessible, name)
    monkeypatch.setattr(kiosk_countdown, "QAccessible", Spy())
    return events


def _touch(win):
    device = QTest.createTouchDevice()
    centre = QPoint(win.view.width() // 2, win.view.height() // 2)
    for kind, state in ((QEvent.TouchBegin, QEventPoint.State.Pressed), (QEvent.TouchEnd, QEventPoint.State.Released)):
        point = QEventPoint(0, state, QPointF(centre), QPointF(win.view.mapToGlobal(centre)))
        QApplication.sendEvent(win.view, QTouchEvent(kind, device, Qt.NoModifier, [point]))


def test_a_countdown_warns_before_the_kiosk_starts_again_and_a_touch_keeps_it(kiosk, qtbot, announced):
    now = [1000.0]
    win = kiosk(idle=60, lang="en", clock=lambda: now[0])
    assert win.config.countdown == 10 and win.idle_timer.interval() == 50_000
    assert not win.countdown.isVisible()
    win.idle_timer.timeout.emit()                      # 50 s untouched
    band = win.countdown
    assert band.isVisible() and band.geometry().bottom() <= win.bar.geometry().top()
    assert band.label.text() == "Nobody there? The kiosk starts again in 10 s. Touch the screen to stay."
    assert announced == [(band.label, band.label.text(), QAccessible.AnnouncementPoliteness.Assertive)]
    QApplication.processEvents()
    assert _drawn_contrast(band) >= 4.5 and band.stay.height() >= 44     # dark text on the yellow band
    now[0] += 3.2
    band.tick()
    assert "in 7 s." in band.label.text() and not win.attract
    _touch(win)                                        # a visitor is there
    assert not band.isVisible() and not win.attract and win.idle_timer.isActive()

    win.idle_timer.timeout.emit()
    QTest.keyClick(win, Qt.Key_Tab)                    # a key keeps it too
    assert not band.active and not win.attract
    win.idle_timer.timeout.emit()
    QTest.mouseClick(band.stay, Qt.LeftButton)         # and its own button
    assert not band.active and not win.attract

    win.idle_timer.timeout.emit()                      # nobody, this time
    now[0] += 9.9
    band.tick()
    assert band.active and "in 1 s." in band.label.text()
    now[0] += 0.2
    band.tick()
    assert not band.isVisible() and win.attract and win.playing.name == win.config.attract_tour


def test_a_visitors_tour_pauses_and_plays_on_from_where_it_was(kiosk, qtbot):
    now = [1000.0]
    win = kiosk(idle=600, lang="en", clock=lambda: now[0])
    assert not win.pause_button.isVisibleTo(win)
    name, button = next(iter(win.tour_buttons.items()))
    QTest.mouseClick(button, Qt.LeftButton)
    tour = Tours.of(win.scene)[name]
    assert win.pause_button.isVisible() and win.pause_button.text() == "Pause"
    assert win.pause_button.accessibleName() == "Pause the tour"
    now[0] += 4.0
    win._tour_tick()
    QTest.mouseClick(win.pause_button, Qt.LeftButton)
    assert win.pause_button.text() == "Resume" and not win.tour_timer.isActive()
    held = win.current_view()
    now[0] += 30.0                                     # a long look: the tour waits
    win._tour_tick()
    assert np.allclose(win.current_view().position, held.position)
    win.pause_button.setFocus()
    QTest.keyClick(win.pause_button, Qt.Key_Space)     # the keyboard plays it on
    assert win.tour_timer.isActive() and win.pause_button.text() == "Pause"
    now[0] += 1.0
    win._tour_tick()
    expected = tour.state_at(5.0, win.ground).view
    assert np.allclose(win.current_view().position, expected.position, atol=1e-3)
    win.start_attract()                                # the attract loop stops at a touch: no pause
    assert win.attract and not win.pause_button.isVisibleTo(win)


def _background(widget) -> QColor:
    """The colour of a band's margin (its top-left corner, outside every button)."""
    return QColor(*(int(v) for v in _image(widget)[3, 3]))


def test_high_contrast_from_the_kiosks_button_and_from_the_scene(kiosk, qtbot):
    win = kiosk(lang="en")
    assert win.theme is KIOSK and not win.contrast_button.isChecked()
    assert win.contrast_button.isVisible() and win.contrast_button.accessibleName().startswith("High contrast")
    QTest.mouseClick(win.contrast_button, Qt.LeftButton)
    QApplication.processEvents()
    assert win.theme is HIGH_CONTRAST and win.contrast_button.isChecked()
    assert _background(win.bar) == QColor("#000000")
    assert win.home_button.font().pointSize() == HIGH_CONTRAST.point_size
    win.go_home()                                      # Home keeps the visitor's choice
    assert win.theme is HIGH_CONTRAST
    win.start_attract()                                # the next visitor finds the scene's theme
    QApplication.processEvents()
    assert win.theme is KIOSK and not win.contrast_button.isChecked()
    assert _background(win.bar) == QColor(KIOSK.window)


def test_the_scene_can_start_the_kiosk_in_high_contrast(qtbot):
    from tests.conftest import DEMO_SCENE
    from twin._qt.kiosk import KioskWindow
    from twin.io.scene_file import load_scene
    from twin.present.kiosk import EXIT_ADMIN, hash_pin
    scene = load_scene(DEMO_SCENE)
    win = KioskWindow(scene, hash_pin("1234"), lang="en", load=False,
                      config=replace(KioskConfig.of(scene), theme="high-contrast"))
    try:
        win.resize(1280, 800)
        win.show()
        qtbot.waitExposed(win)
        assert win.theme is HIGH_CONTRAST and win.contrast_button.isChecked()
        assert _background(win.bar) == QColor("#000000")
        QTest.mouseClick(win.contrast_button, Qt.LeftButton)   # a visitor may still turn it off
        assert win.theme is KIOSK
        win.start_attract()
        assert win.theme is HIGH_CONTRAST
    finally:
        win.leave(EXIT_ADMIN)


def test_the_view_is_named_and_described_as_it_changes(kiosk, qtbot):
    win = kiosk(lang="en")
    view = win.view
    assert view.accessibleName() == "3D view of the town"
    qtbot.waitUntil(lambda: "Shown: " in view.accessibleDescription(), timeout=3000)
    text = view.accessibleDescription()
    assert text.startswith(win.scene.name) and "Bâtiments (LoD1)" in text and "Time: " in text
    win.set_view(win.scene.bookmark("Grand Place").view)
    qtbot.waitUntil(lambda: "Grand Place" in view.accessibleDescription(), timeout=3000)
    win.scene.layers.find("Bâtiments (LoD1)").visible = False
    qtbot.waitUntil(lambda: "Bâtiments (LoD1)" not in view.accessibleDescription(), timeout=3000)
    win.set_language("fr")
    assert "regard vers" in view.accessibleDescription() and "Affiché : " in view.accessibleDescription()


def test_the_presentation_names_describes_pauses_and_turns_high_contrast(qtbot):
    from tests.conftest import DEMO_SCENE
    from twin._qt.present import PresentWindow
    from twin.io.loading import apply_results, load_scene_data
    from twin.io.scene_file import load_scene
    scene = load_scene(DEMO_SCENE)
    apply_results(load_scene_data(scene))
    win = PresentWindow(scene, next(iter(Tours.of(scene).values())), language="en")
    qtbot.addWidget(win)
    win.hold.show()
    qtbot.waitExposed(win)
    win.timer.stop()
    qtbot.waitUntil(lambda: win.geometry() == win.screen().geometry(), timeout=3000)   # no window manager
    assert win.view.accessibleName() == "3D view of the town"
    qtbot.waitUntil(lambda: "Shown: " in win.view.accessibleDescription(), timeout=3000)
    first = win.view.accessibleDescription()
    assert "Vue d'ensemble" in first
    qtbot.keyClick(win, Qt.Key_PageDown)
    win.advance(30.0)                                      # the flight to the Grand Place is over
    qtbot.waitUntil(lambda: "Grand Place, looking north" in win.view.accessibleDescription(), timeout=3000)
    qtbot.keyClick(win, Qt.Key_P)                          # plays, then pauses
    assert win.player.playing
    qtbot.keyClick(win, Qt.Key_P)
    assert not win.player.playing and win.status.text() == "Paused"
    qtbot.keyClick(win, Qt.Key_H)
    QApplication.processEvents()
    assert win.high_contrast and _background(win.bar) == QColor("#000000")
    assert _drawn_contrast(win.caption) >= 7
    qtbot.keyClick(win, Qt.Key_H)
    assert not win.high_contrast
    win.description.changed()                          # pending when the presenter leaves
    qtbot.keyClick(win, Qt.Key_Escape)
    assert not win.description.timer.isActive()        # nothing reads the closed mirror's camera
    win.description.changed()
    assert not win.description.timer.isActive()
