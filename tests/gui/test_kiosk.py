"""The kiosk driven like a visitor would: touches, drags, keys, idle time, the PIN pad."""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import (
    QAction, QContextMenuEvent, QEventPoint, QMouseEvent, QTouchEvent, QWheelEvent,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMenuBar, QPushButton, QWidget

from twin.present.kiosk import EXIT_ADMIN, KioskConfig, hash_pin
from twin.present.tours import Tours

PIN = "2468"
PIN_HASH = hash_pin(PIN)


@pytest.fixture
def kiosk(qtbot):
    """``kiosk(**options)``: the demo's kiosk, full screen, data loaded (idle time shortened by the tests that need it)."""
    from tests.conftest import DEMO_SCENE
    from twin._qt.kiosk import KioskWindow
    from twin.io.loading import apply_results, load_scene_data
    from twin.io.scene_file import load_scene
    windows = []

    def open_(idle=60.0, lang="fr", **options):
        scene = load_scene(DEMO_SCENE)
        apply_results(load_scene_data(scene))
        win = KioskWindow(scene, PIN_HASH, lang=lang, config=replace(KioskConfig.of(scene), idle_seconds=idle),
                          load=False, **options)
        win.resize(800, 560)
        win.showFullScreen()
        qtbot.waitExposed(win)
        win.data_ready()
        windows.append(win)
        return win
    yield open_
    for win in windows:
        win.leave(EXIT_ADMIN)
    from twin._qt.i18n import install_language
    install_language(QApplication.instance(), "en")


def _mouse(widget, kind, pos, button=Qt.LeftButton, buttons=Qt.LeftButton):
    pos = QPointF(pos)
    event = QMouseEvent(kind, pos, QPointF(widget.mapToGlobal(pos.toPoint())), button, buttons,
                        Qt.NoModifier)
    QApplication.sendEvent(widget, event)


def _drag(widget, start: QPoint, end: QPoint, steps: int = 5):
    _mouse(widget, QEvent.MouseButtonPress, start)
    for i in range(1, steps + 1):
        _mouse(widget, QEvent.MouseMove, start + (end - start) * i / steps, Qt.NoButton)
    _mouse(widget, QEvent.MouseButtonRelease, end, buttons=Qt.NoButton)


def _inside(win, view) -> bool:
    b = win.bounds
    fx, fy, fz = view.focal_point
    distance = float(np.linalg.norm(np.subtract(view.position, view.focal_point)))
    eye_ground = win.ground(*view.position[:2])
    return (b.xmin - 1e-6 <= fx <= b.xmax + 1e-6 and b.ymin - 1e-6 <= fy <= b.ymax + 1e-6
            and view.position[2] >= eye_ground + b.zmin_above_ground - 1e-3
            and view.position[2] <= b.zmax + 1e-3
            and b.min_distance - 1e-3 <= distance <= b.max_distance + 1e-3)


def test_the_kiosk_is_frameless_full_screen_public_and_without_menus(kiosk):
    win = kiosk()
    assert win.isFullScreen()
    assert win.windowFlags() & Qt.FramelessWindowHint and win.windowFlags() & Qt.WindowStaysOnTopHint
    assert win.scene.public
    assert not win.findChildren(QMenuBar)
    names = {b.objectName() for b in win.findChildren(QPushButton)}
    assert {"home", "tour:Découverte du centre", "layer:Bâtiments (LoD1)", "lang:fr", "lang:en"} <= names


def test_mouse_drags_orbit_and_never_leave_the_bounds(kiosk, qtbot):
    win = kiosk()
    centre = QPoint(win.view.width() // 2, win.view.height() // 2)
    before = win.current_view()
    _drag(win.view, centre, centre + QPoint(120, 0))
    after = win.current_view()
    assert not np.allclose(before.position, after.position)        # it turned
    np.testing.assert_allclose(before.focal_point, after.focal_point, atol=1e-3)
    for dx, dy in ((900, 0), (0, 900), (0, -900), (-900, 700)):   # wild drags: down, over, under
        _drag(win.view, centre, centre + QPoint(dx, dy), steps=10)
        assert _inside(win, win.current_view())
    for _ in range(30):                                           # the wheel cannot zoom through
        QApplication.sendEvent(win.view, QWheelEvent(QPointF(centre), QPointF(win.view.mapToGlobal(centre)),
                                                     QPoint(), QPoint(0, 1200), Qt.NoButton, Qt.NoModifier,
                                                     Qt.NoScrollPhase, False))
    assert _inside(win, win.current_view())


def test_touch_one_finger_orbits_two_fingers_pan_and_pinch_clamps(kiosk, qtbot):
    win = kiosk()
    device = QTest.createTouchDevice()
    centre = QPoint(win.view.width() // 2, win.view.height() // 2)
    before = win.current_view()
    QTest.touchEvent(win.view, device).press(0, centre).commit()
    for i in range(1, 6):
        QTest.touchEvent(win.view, device).move(0, centre + QPoint(30 * i, 0)).commit()
    QTest.touchEvent(win.view, device).release(0, centre + QPoint(150, 0)).commit()
    orbited = win.current_view()
    assert not np.allclose(before.position, orbited.position)
    np.testing.assert_allclose(before.focal_point, orbited.focal_point, atol=1e-3)

    a, b = centre - QPoint(50, 0), centre + QPoint(50, 0)
    QTest.touchEvent(win.view, device).press(0, a).press(1, b).commit()
    for i in range(1, 6):        # two fingers slide together: a pan
        QTest.touchEvent(win.view, device).move(0, a + QPoint(0, 40 * i)).move(1, b + QPoint(0, 40 * i)).commit()
    QTest.touchEvent(win.view, device).release(0, a).release(1, b).commit()
    panned = win.current_view()
    assert not np.allclose(orbited.focal_point, panned.focal_point)
    distance = lambda v: float(np.linalg.norm(np.subtract(v.position, v.focal_point)))  # noqa: E731
    assert distance(panned) == pytest.approx(distance(orbited), rel=0.02)

    QTest.touchEvent(win.view, device).press(0, centre - QPoint(10, 0)).press(1, centre + QPoint(10, 0)).commit()
    for i in range(1, 40):       # a long spread of the fingers: zoom in, down to the limit only
        QTest.touchEvent(win.view, device).move(0, centre - QPoint(10 + 10 * i, 0)) \
            .move(1, centre + QPoint(10 + 10 * i, 0)).commit()
    QTest.touchEvent(win.view, device).release(0, centre).release(1, centre).commit()
    pinched = win.current_view()
    assert distance(pinched) < distance(panned)
    assert distance(pinched) == pytest.approx(win.bounds.min_distance, rel=0.05) or \
        pinched.position[2] == pytest.approx(win.ground(*pinched.position[:2]) + win.bounds.zmin_above_ground, abs=1)
    assert _inside(win, pinched)


def test_idle_goes_home_and_loops_the_attract_tour_until_touched(kiosk, qtbot):
    win = kiosk(idle=1.0)   # shortened from 90 s (long enough that a frame never outlasts it)
    centre = QPoint(win.view.width() // 2, win.view.height() // 2)
    _drag(win.view, centre, centre + QPoint(200, 50))
    win.scene.layers.find("Bâtiments (LoD1)").visible = False
    qtbot.waitUntil(lambda: win.attract, timeout=5000)
    assert win.playing.name == win.config.attract_tour
    attract = Tours.of(win.scene)[win.config.attract_tour]
    assert win.scene.layers.find("Bâtiments (LoD1)").visible          # home restored the layers
    qtbot.wait(300)
    first = attract.stops[0].caption["fr"]
    assert win.caption.text() == first
    # the loop wraps: far past the tour's end it still plays (virtual time)
    start = win._play_start
    win.clock = lambda: start + 3 * attract.duration + 0.5
    win._tour_tick()
    assert win.attract and win.caption.text() == first
    np.testing.assert_allclose(win.current_view().position, attract.stops[0].view.position, atol=1e-3)
    win.clock = time.monotonic

    # a visitor touches (sent straight to the view: QTest's touches spin the event loop,
    # where frames of the tour can outlast this test's short idle time)
    device = QTest.createTouchDevice()
    for kind, state in ((QEvent.TouchBegin, QEventPoint.State.Pressed),
                        (QEvent.TouchEnd, QEventPoint.State.Released)):
        point = QEventPoint(0, state, QPointF(centre), QPointF(win.view.mapToGlobal(centre)))
        QApplication.sendEvent(win.view, QTouchEvent(kind, device, Qt.NoModifier, [point]))
    assert not win.attract and win.playing is None
    assert not win.tour_timer.isActive()
    qtbot.waitUntil(lambda: win.attract, timeout=5000)               # and leaves: it starts again
    QTest.keyClick(win, Qt.Key_Tab)                                  # a key stops it too
    assert not win.attract


class _KeySpy(QObject):
    """Records the keys that reach a widget (after the application's filters)."""

    def __init__(self):
        super().__init__()
        self.keys = []

    def eventFilter(self, obj, event):
        if event.type() == QEvent.KeyPress:
            self.keys.append(event.key())
        return False


@pytest.mark.parametrize("key, modifiers", [
    (Qt.Key_Escape, Qt.NoModifier), (Qt.Key_F4, Qt.AltModifier), (Qt.Key_Q, Qt.ControlModifier),
    (Qt.Key_W, Qt.ControlModifier), (Qt.Key_Tab, Qt.AltModifier), (Qt.Key_F11, Qt.NoModifier),
])
def test_escape_keys_are_refused(kiosk, qtbot, key, modifiers):
    win = kiosk(idle=60)
    left = []
    win.left.connect(left.append)
    spy = _KeySpy()
    for widget in (win, win.home_button):
        widget.installEventFilter(spy)
    QTest.keyClick(win.home_button, Qt.Key_A)          # an ordinary key gets through...
    assert spy.keys == [Qt.Key_A, Qt.Key_A]            # (button, then its window)
    spy.keys.clear()
    QTest.keyClick(win.home_button, key, modifiers)    # ...these never reach a widget
    QTest.keyClick(win, key, modifiers)
    qtbot.wait(50)
    assert spy.keys == [] and not left
    assert win.isVisible() and win.isFullScreen()


def test_closing_minimising_right_click_and_long_press_are_refused(kiosk, qtbot):
    win = kiosk(idle=60)
    assert win.close() is False                  # Alt+F4 from the window manager: a close event
    assert win.isVisible()
    win.showNormal()
    qtbot.waitUntil(win.isFullScreen, timeout=2000)
    # a context menu that would open on right-click or long press, if they got through
    win.view.setContextMenuPolicy(Qt.ActionsContextMenu)
    win.view.addAction(QAction("Quit", win.view))
    centre = QPoint(win.view.width() // 2, win.view.height() // 2)
    before = win.current_view()
    _mouse(win.view, QEvent.MouseButtonPress, centre, Qt.RightButton, Qt.RightButton)
    _mouse(win.view, QEvent.MouseMove, centre + QPoint(200, 200), Qt.NoButton, Qt.RightButton)
    _mouse(win.view, QEvent.MouseButtonRelease, centre + QPoint(200, 200), Qt.RightButton, Qt.NoButton)
    QTest.mouseClick(win.view, Qt.RightButton, Qt.NoModifier, centre)
    QApplication.sendEvent(win.view, QContextMenuEvent(QContextMenuEvent.Mouse, centre,
                                                       win.view.mapToGlobal(centre)))
    qtbot.wait(100)
    assert QApplication.activePopupWidget() is None
    np.testing.assert_allclose(win.current_view().position, before.position, atol=1e-6)  # VTK never zoomed
    device = QTest.createTouchDevice()
    QTest.touchEvent(win.view, device).press(0, centre).commit()         # long press: 1.5 s still
    qtbot.wait(1500)
    QTest.touchEvent(win.view, device).release(0, centre).commit()
    qtbot.wait(100)
    assert QApplication.activePopupWidget() is None and win.pin_pad is None
    assert win.isVisible() and win.isFullScreen()


def _tap_corner(win, times=5):
    for _ in range(times):
        QTest.mouseClick(win.view, Qt.LeftButton, Qt.NoModifier, QPoint(10, 10))
        QTest.qWait(80)


def _enter(pad, digits: str):
    for d in digits:
        QTest.mouseClick(pad.findChild(QPushButton, f"digit{d}"), Qt.LeftButton)
    QTest.mouseClick(pad.ok, Qt.LeftButton)


def test_pin_refused_then_accepted_and_the_admin_leaves(kiosk, qtbot):
    win = kiosk(idle=60, lang="en")
    _tap_corner(win, 4)
    assert win.pin_pad is None                   # four taps are not the gesture
    _tap_corner(win, 1)
    pad = win.pin_pad
    qtbot.waitUntil(pad.isVisible, timeout=2000)
    _enter(pad, "1111")
    assert pad.message.text() == "Wrong PIN" and pad.pages.currentIndex() == 0
    assert pad.entry.text() == ""
    _enter(pad, PIN)
    assert pad.pages.currentIndex() == 1 and pad.leave.isVisible()
    with qtbot.waitSignal(win.left, timeout=2000) as signal:
        QTest.mouseClick(pad.leave, Qt.LeftButton)
    assert signal.args == [EXIT_ADMIN]
    assert not win.isVisible()


def test_pin_tries_are_rate_limited(kiosk, qtbot):
    win = kiosk(idle=60, lang="en")
    now = [1000.0]
    win.clock = lambda: now[0]
    pad = win.open_pin_pad()
    for _ in range(5):
        _enter(pad, "9999")
    assert "Too many attempts" in pad.message.text()
    _enter(pad, PIN)                              # even the right PIN waits
    assert pad.pages.currentIndex() == 0 and "Too many attempts" in pad.message.text()
    now[0] += 61
    _enter(pad, PIN)
    assert pad.pages.currentIndex() == 1
    QTest.mouseClick(pad.back, Qt.LeftButton)     # back to the kiosk, still locked
    assert not pad.isVisible() and win.isVisible() and win.locked


def test_an_admin_page_left_open_closes_when_the_kiosk_goes_idle(kiosk, qtbot):
    now = [1000.0]
    win = kiosk(idle=60, lang="en", clock=lambda: now[0])
    pad = win.open_pin_pad()
    _enter(pad, PIN)
    assert pad.pages.currentIndex() == 1 and pad.isVisible()
    win.idle_timer.timeout.emit()               # the idle time has passed, but for its countdown
    now[0] += win.config.countdown
    win.countdown.tick()
    assert not pad.isVisible() and win.attract
    assert win.open_pin_pad().pages.currentIndex() == 0   # the PIN is asked again


def _visible_strings(win) -> dict[str, str]:
    """Every string a visitor sees or a screen reader says, by widget and property."""
    out = {"window title": win.windowTitle()}
    for w in [win, *win.findChildren(QWidget)]:
        if not w.isVisibleTo(win) or w.objectName().startswith("lang:"):   # languages name themselves
            continue
        for prop in ("text", "toolTip", "accessibleName"):
            value = getattr(w, prop)() if (prop != "text" or isinstance(w, (QLabel, QPushButton))) else ""
            if value:
                out[f"{w.objectName() or type(w).__name__}.{prop}"] = value
    return out


def test_switching_language_changes_every_visible_string(kiosk, qtbot):
    win = kiosk(idle=60, lang="fr")
    QTest.mouseClick(win.drawer_button, Qt.LeftButton)      # the layers' drawer open: its strings too
    french = _visible_strings(win)
    assert win.home_button.text() == "Accueil"
    assert french["home.accessibleName"] == "Revenir à la vue de départ"
    QTest.mouseClick(win.language_buttons["en"], Qt.LeftButton)
    english = _visible_strings(win)
    assert set(english) == set(french) and len(english) > 15
    same = {key: text for key, text in english.items() if french[key] == text}
    assert not same, f"not translated: {same}"
    assert win.home_button.text() == "Home"
    assert english["tour:Découverte du centre.text"] == "Discovering Arras town centre"
    assert english["layer:Bâtiments (LoD1).text"] == "Buildings"
    assert win.language_buttons["en"].isChecked() and not win.language_buttons["fr"].isChecked()
    QTest.mouseClick(win.language_buttons["fr"], Qt.LeftButton)
    assert _visible_strings(win) == french


def test_dutch_is_offered_and_speaks_dutch(kiosk):
    win = kiosk(idle=60, lang="nl")
    assert "nl" in win.language_buttons
    assert win.home_button.text() == "Begin"
    assert win.layer_buttons["Bâtiments (LoD1)"][0].text() == "Buildings"   # no Dutch title: English


def test_visitors_filter_public_buildings_by_the_need_they_have(kiosk, qtbot):
    """Picto Access in the kiosk: ticking "wheelchair" shows the accessibility layer with
    only the buildings that suit a wheelchair; a second need narrows it further."""
    win = kiosk()
    layer = win.needs_layer
    assert layer is not None and set(win.need_buttons) == {"wheelchair", "hearing", "sight", "mental"}
    assert not layer.visible and layer.require == ""
    everyone = int(layer.shown().sum())
    assert not win.need_buttons["wheelchair"].isVisible()           # in the drawer, closed
    qtbot.mouseClick(win.drawer_button, Qt.LeftButton)
    qtbot.mouseClick(win.need_buttons["wheelchair"], Qt.LeftButton)
    assert layer.visible and layer.require == "wheelchair"
    wheelchair = int(layer.shown().sum())
    assert 0 < wheelchair < everyone
    qtbot.mouseClick(win.need_buttons["hearing"], Qt.LeftButton)
    assert layer.require == "wheelchair, hearing" and int(layer.shown().sum()) <= wheelchair
    assert win.need_buttons["wheelchair"].text() == "Fauteuil roulant"
    assert all(b.height() >= 44 and b.width() >= 44 for b in win.need_buttons.values())
    win.set_language("en")
    assert win.need_buttons["sight"].text() == "Sight"


def test_the_legends_in_the_view_follow_the_visitors_language(kiosk):
    """The overlays' legends and street labels are drawn by VTK, out of Qt's reach: they
    follow the kiosk's language through twin.core.i18n."""
    win = kiosk(lang="fr")

    def legend_text() -> str:
        return " ".join(label for legend in win.mirror.legends.shown for _c, label in legend.entries)
    assert "nouveau" in legend_text() and "new" not in legend_text().split()
    win.set_language("en")
    assert "new" in legend_text().split() and "nouveau" not in legend_text()
    win.set_language("nl")
    assert "nieuw" in legend_text()
