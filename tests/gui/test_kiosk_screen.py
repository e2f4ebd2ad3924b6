"""The kiosk's screen belongs to the town: the 3D view over most of it, the controls in a
bar and a drawer, every button a finger's size (1600×1000, the Xvfb of the GUI tests)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from tests.gui import test_kiosk

kiosk = test_kiosk.kiosk          # its fixture

MIN_TARGET_PX = 44


def _area(widget) -> int:
    return widget.width() * widget.height()


def _buttons_shown(win) -> list[QPushButton]:
    return [b for b in win.findChildren(QPushButton) if b.isVisibleTo(win)]


def screenshot(win) -> QImage:
    """The window as a visitor sees it: Qt's widgets, and the 3D view's own pixels where
    it stands (a native OpenGL window, which Qt's grab leaves black)."""
    image = win.grab().toImage().convertToFormat(QImage.Format_RGB888)
    win.view.render()
    pixels = np.ascontiguousarray(win.view.screenshot(return_img=True)[:, :, :3])
    h, w = pixels.shape[:2]
    view = QImage(pixels.data, w, h, 3 * w, QImage.Format_RGB888)
    painter = QPainter(image)
    painter.drawImage(win.view.mapTo(win, QPoint(0, 0)), view)
    painter.end()
    return image


def test_the_view_takes_most_of_the_screen_and_every_button_a_finger(kiosk, qtbot, tmp_path):
    win = kiosk(lang="fr")
    win.setGeometry(win.screen().geometry())     # what a window manager does for full screen (Xvfb has none)
    qtbot.waitUntil(lambda: win.width() == win.screen().geometry().width(), timeout=3000)
    assert (win.width(), win.height()) == (1600, 1000)
    assert _area(win.view) >= 0.7 * _area(win), (win.view.size(), win.size())
    assert not win.drawer.isVisible()
    shown = _buttons_shown(win)
    assert {"home", "drawer", "lang:fr", "lang:en", "tour:Découverte du centre"} <= {b.objectName() for b in shown}
    assert all(b.width() >= MIN_TARGET_PX and b.height() >= MIN_TARGET_PX for b in shown)
    # the bar is one row under the view
    assert all(b.geometry().top() >= 0 for b in shown) and win.bar.geometry().top() >= win.view.geometry().bottom()
    image = screenshot(win)
    image.save(str(tmp_path / "kiosk.png"))
    rgb = np.array(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine())[:, :3 * image.width()]
    view_rows = rgb[: win.view.height()].reshape(win.view.height(), -1, 3)
    assert view_rows.std() > 20                 # the town is drawn there, not a blank

    QTest.mouseClick(win.drawer_button, Qt.LeftButton)           # the layers' drawer
    assert win.drawer.isVisible() and win.drawer_button.isChecked()
    toggles = [b for b, _entry in win.layer_buttons.values()] + list(win.need_buttons.values())
    assert toggles and all(b.isVisible() for b in toggles)
    assert all(b.width() >= MIN_TARGET_PX and b.height() >= MIN_TARGET_PX for b in _buttons_shown(win))
    assert all(b.geometry().right() <= win.width() for b in toggles)     # rows wrap on the screen
    assert _area(win.view) >= 0.45 * _area(win)                          # the town still shows above
    screenshot(win).save(str(tmp_path / "kiosk-drawer.png"))
    QTest.mouseClick(win.layer_buttons["Bâtiments (LoD1)"][0], Qt.LeftButton)
    assert not win.scene.layers.find("Bâtiments (LoD1)").visible

    QTest.mouseClick(win.drawer_button, Qt.LeftButton)           # closed again by its handle
    assert not win.drawer.isVisible()
    QTest.mouseClick(win.drawer_button, Qt.LeftButton)
    QTest.mouseClick(win.home_button, Qt.LeftButton)             # Home resets the screen too
    assert not win.drawer.isVisible() and win.scene.layers.find("Bâtiments (LoD1)").visible
    QTest.mouseClick(win.drawer_button, Qt.LeftButton)
    win.start_attract()                                          # and the next visitor finds the town
    assert not win.drawer.isVisible() and win.attract
    qtbot.waitUntil(lambda: _area(win.view) >= 0.7 * _area(win), timeout=2000)   # a tour's caption included


def test_on_a_narrow_screen_tours_move_into_the_drawer_and_rows_wrap(qtbot):
    from PySide6.QtWidgets import QHBoxLayout, QWidget
    from twin._qt.kiosk_layout import arrange, strip
    from twin._qt.kiosk_pin import big_button
    from twin._qt.themes import KIOSK
    window, bar_widget, drawer_widget = QWidget(), QWidget(), QWidget()
    qtbot.addWidget(window)

    def buttons(prefix, n):
        return [big_button(QPushButton(f"{prefix} {i} with a long title", window), f"{prefix}{i}") for i in range(n)]
    home, handle = big_button(QPushButton("Home", window), "home"), big_button(QPushButton("Layers", window), "drawer")
    tours, toggles, languages = buttons("tour", 2), buttons("layer", 6), buttons("lang", 2)
    KIOSK.apply(window)
    bar = QHBoxLayout()
    strip(bar_widget, "kioskBar").addLayout(bar)
    rows = strip(drawer_widget, "kioskDrawer")
    room = 900
    assert arrange(bar, rows, home, tours, handle, [toggles], languages, room)
    in_bar = [bar.itemAt(i).widget() for i in range(bar.count()) if bar.itemAt(i).widget()]
    assert in_bar == [home, handle, *languages]                    # the tours did not fit
    drawer_rows = [rows.itemAt(i).layout() for i in range(rows.count())]
    placed = [[r.itemAt(i).widget() for i in range(r.count()) if r.itemAt(i).widget()] for r in drawer_rows]
    assert placed[0] == tours and sum(placed[1:], []) == toggles and len(placed) > 2   # the toggles wrapped
    for row in placed:
        assert sum(b.sizeHint().width() for b in row) + 12 * (len(row) - 1) <= room or len(row) == 1
    wide_bar, wide_rows = QHBoxLayout(), strip(QWidget(), "kioskDrawer")
    assert not arrange(wide_bar, wide_rows, home, tours, handle, [], languages, 4000)   # nothing for the drawer
