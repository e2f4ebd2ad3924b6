"""WCAG 2.1 AA on the public windows: contrast read from the real widgets (palette and
pixels), touch target sizes, accessible names, keyboard reach and a visible focus."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from twin._qt.themes import HIGH_CONTRAST, KIOSK, PRESENTATION, THEMES, contrast_ratio
from twin.present.kiosk import EXIT_ADMIN, hash_pin
from twin.present.tours import Tours


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(QColor("#ffffff"), QColor("#777777")) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(QColor("#123456"), QColor("#123456")) == pytest.approx(1.0)


@pytest.fixture
def kiosk_window(qtbot):
    from tests.conftest import DEMO_SCENE
    from twin._qt.kiosk import KioskWindow
    from twin.io.scene_file import load_scene
    windows = []

    def open_(theme=KIOSK, lang="fr"):
        win = KioskWindow(load_scene(DEMO_SCENE), hash_pin("1234"), lang=lang, theme=theme, load=False)
        win.resize(1280, 800)
        win.show()
        qtbot.waitExposed(win)
        windows.append(win)
        return win
    yield open_
    for win in windows:
        win.leave(EXIT_ADMIN)


def _image(widget) -> np.ndarray:
    img = widget.grab().toImage().convertToFormat(QImage.Format_RGB888)
    arr = np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine())
    return arr[:, :img.width() * 3].reshape(img.height(), img.width(), 3)


def _drawn_contrast(widget) -> float:
    """Contrast between the commonest colour of a widget's inside (its background) and the
    text strokes' cores: the commonest of the colours at least half as far from the
    background as the farthest. Not the farthest itself: that can be a lone pixel of a
    glyph's edge, tinted by the rasteriser (one machine drew (0, 0, 176) beside black
    strokes on yellow)."""
    arr = _image(widget)
    inner = arr[10:-10, 12:-12].reshape(-1, 3)
    colours, counts = np.unique(inner, axis=0, return_counts=True)
    bg = colours[np.argmax(counts)]
    distance = np.abs(colours.astype(int) - bg.astype(int)).sum(axis=1)
    far = np.flatnonzero(distance >= distance.max() / 2)
    core = colours[far[np.argmax(counts[far])]]
    return contrast_ratio(QColor(*core), QColor(*bg))


@pytest.mark.parametrize("name", sorted(THEMES))
def test_text_contrast_of_every_kiosk_control(kiosk_window, name):
    theme = THEMES[name]
    win = kiosk_window(theme)
    win.drawer_button.click()                     # the layers' drawer open: its toggles too
    QApplication.processEvents()
    buttons = [b for b in win.findChildren(QPushButton) if b.isVisible()]
    assert len(buttons) >= 8
    for button in buttons:
        pal = button.palette()    # what the style sheet made of it
        for group in (QPalette.Active, QPalette.Inactive):
            assert contrast_ratio(pal.color(group, QPalette.ButtonText), pal.color(group, QPalette.Button)) >= 4.5, \
                button.objectName()
        assert _drawn_contrast(button) >= 4.5, (name, button.objectName(), button.isChecked())
    pal = win.caption.palette()
    assert contrast_ratio(pal.color(QPalette.WindowText), QColor(theme.caption)) >= 4.5
    assert _drawn_contrast(win.caption) >= 4.5
    # the other state of each toggle too (checked ↔ unchecked)
    for button, _entry in win.layer_buttons.values():
        button.toggle()
        QApplication.processEvents()
        assert _drawn_contrast(button) >= 4.5, (name, button.objectName(), button.isChecked())


@pytest.mark.parametrize("theme", [KIOSK, PRESENTATION, HIGH_CONTRAST], ids=lambda t: t.name)
def test_theme_colour_pairs(theme):
    """Every pair of colours a theme puts text on, including the large caption text (3:1)."""
    pairs = [(theme.text, theme.window), (theme.button_text, theme.button),
             (theme.checked_text, theme.checked), (theme.caption_text, theme.caption)]
    for fg, bg in pairs:
        assert contrast_ratio(QColor(fg), QColor(bg)) >= 4.5, (theme.name, fg, bg)
    # the focus outline must stand out from the buttons and the bar it is drawn on (non-text: 3:1)
    for bg in (theme.button, theme.window):
        assert contrast_ratio(QColor(theme.focus), QColor(bg)) >= 3.0, (theme.name, bg)
    assert theme.point_size >= 14


def test_presentation_window_contrast(qtbot):
    from tests.conftest import DEMO_SCENE
    from twin._qt.present import PresentWindow
    from twin.io.scene_file import load_scene
    scene = load_scene(DEMO_SCENE)
    win = PresentWindow(scene, next(iter(Tours.of(scene).values())), language="fr")
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    labels = [label for label in win.findChildren(QLabel) if label.isVisible() and label.text()]
    assert labels
    for label in labels:
        assert _drawn_contrast(label) >= 4.5, label.objectName()
    win.timer.stop()
    win.mirror.close()


def test_touch_targets_and_accessible_names(kiosk_window):
    win = kiosk_window()
    pad = win.open_pin_pad()
    QApplication.processEvents()
    controls = [b for b in [*win.findChildren(QPushButton), *pad.findChildren(QPushButton)] if b.isVisible()]
    assert len(controls) > 20
    for button in controls:
        assert button.width() >= 44 and button.height() >= 44, button.objectName()
        assert button.accessibleName(), f"{button.objectName()} has no accessible name"
    assert pad.entry.accessibleName() and win.view.accessibleName()


def test_every_control_is_reached_by_tab_with_a_visible_focus(kiosk_window, qtbot):
    win = kiosk_window()
    win.activateWindow()
    buttons = [b for b in win.findChildren(QPushButton) if b.isVisible()]
    buttons[0].setFocus()
    qtbot.waitUntil(buttons[0].hasFocus, timeout=2000)
    reached = []
    for _ in range(len(buttons) + 2):
        reached.append(QApplication.focusWidget())
        QTest.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    assert set(buttons) <= set(reached)
    for button in buttons:
        # the outline: the focus colour, or on a checked button (whose fill may be that
        # colour) the checked text colour
        focus = QColor(win.theme.checked_text if button.isChecked() else win.theme.focus)
        focus_rgb = np.array([focus.red(), focus.green(), focus.blue()])
        button.setFocus()
        QApplication.processEvents()
        focused = (np.abs(_image(button).astype(int) - focus_rgb).sum(axis=2) < 30).sum()
        win.bar.setFocus()
        QApplication.processEvents()
        unfocused = (np.abs(_image(button).astype(int) - focus_rgb).sum(axis=2) < 30).sum()
        # a 4 px outline all around: at least 2 × 4 px × (width + height)
        assert focused - unfocused >= 6 * (button.width() + button.height()), button.objectName()


def test_keyboard_operates_the_kiosk(kiosk_window, qtbot):
    win = kiosk_window()
    button, entry = win.layer_buttons["Bâtiments (LoD1)"]
    layer = win.scene.layers.find(entry.name)
    assert layer.visible
    button.setFocus()
    QTest.keyClick(button, Qt.Key_Space)
    assert not layer.visible and not button.isChecked()
    win.language_buttons["en"].setFocus()
    QTest.keyClick(win.language_buttons["en"], Qt.Key_Space)
    assert win.home_button.text() == "Home"
    before = win.current_view()
    QTest.keyClick(win, Qt.Key_Left)            # the 3D view: arrows turn, +/- zoom
    QTest.keyClick(win, Qt.Key_Plus)
    assert not np.allclose(before.position, win.current_view().position)
    from twin._qt.i18n import install_language
    install_language(QApplication.instance(), "en")
