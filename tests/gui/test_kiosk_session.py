"""The kiosk in a bare X session, as many kiosks run (``xinit`` straight into the app): the
tests' Xvfb has no window manager, so nobody but the kiosk itself makes it full screen."""

from __future__ import annotations

import os

import numpy as np
from PIL import ImageGrab
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from tests.gui import test_kiosk

kiosk = test_kiosk.kiosk          # its fixture


def _grab() -> np.ndarray:
    """The X screen itself, as a visitor sees it (not Qt's idea of the window)."""
    return np.asarray(ImageGrab.grab(xdisplay=os.environ["DISPLAY"]).convert("RGB"))


def _shown(win, qtbot) -> np.ndarray:
    win.view.render()
    qtbot.wait(200)
    QApplication.processEvents()
    return _grab()


def test_the_kiosk_fills_the_whole_screen_without_a_window_manager(kiosk, qtbot, tmp_path):
    win = kiosk(lang="fr")               # shown full screen the usual way, at 800 × 560 first
    screen = win.screen().geometry()
    win.hold.show()
    qtbot.waitUntil(lambda: win.geometry() == screen, timeout=3000)
    assert win.isFullScreen() and win.windowFlags() & Qt.WindowStaysOnTopHint
    pixels = _shown(win, qtbot)
    from PIL import Image
    Image.fromarray(pixels).save(tmp_path / "bare-x.png")
    assert pixels.shape[:2] == (screen.height(), screen.width())
    black = (pixels.max(axis=2) < 8).mean()
    assert black < 0.02, f"{black:.0%} of the screen is black"
    # the bar's blue across the whole bottom edge, the town above it up to the right edge
    bar = np.array([0x14, 0x20, 0x2E])
    assert (np.abs(pixels[-3, :, :].astype(int) - bar).sum(axis=1) < 12).mean() > 0.9
    assert pixels[: win.view.height(), -200:].std() > 10


def test_the_kiosk_follows_its_screen_when_it_changes(kiosk, qtbot):
    win = kiosk(lang="fr")
    win.hold.show()
    screen = win.screen()
    full = screen.geometry()
    qtbot.waitUntil(lambda: win.geometry() == full, timeout=3000)
    # what Qt says when xrandr gives the screen another size (Xvfb 21.1 cannot change its own)
    screen.geometryChanged.emit(QRect(0, 0, 1280, 800))
    qtbot.waitUntil(lambda: win.geometry() == QRect(0, 0, 1280, 800), timeout=3000)
    screen.geometryChanged.emit(full)
    qtbot.waitUntil(lambda: win.geometry() == full, timeout=3000)


def test_the_kiosk_comes_back_above_another_window(kiosk, qtbot):
    win = kiosk(lang="fr")
    win.hold.show()
    qtbot.waitUntil(lambda: win.geometry() == win.screen().geometry(), timeout=3000)
    win.hold.raise_timer.stop()           # until the intruder is seen on top
    intruder = QWidget()                  # another client's window mapped over the kiosk
    intruder.setStyleSheet("background: #ff0000;")
    intruder.setAttribute(Qt.WA_StyledBackground)
    intruder.setGeometry(500, 300, 400, 300)
    intruder.show()
    qtbot.waitExposed(intruder)
    intruder.raise_()
    qtbot.wait(200)
    red = np.array([255, 0, 0])

    def red_share():
        QApplication.processEvents()
        patch = _grab()[350:550, 550:850].astype(int)
        return (np.abs(patch - red).sum(axis=2) < 30).mean()
    assert red_share() > 0.9              # no window manager: the last window mapped is on top
    win.hold.raise_timer.start()
    try:
        qtbot.waitUntil(lambda: red_share() < 0.05, timeout=5000)   # the kiosk raised itself again
    finally:
        intruder.close()


def test_the_pin_pad_stays_above_the_kiosk_that_raises_itself(kiosk, qtbot):
    win = kiosk(lang="fr")
    win.hold.show()
    pad = win.open_pin_pad()
    qtbot.waitExposed(pad)
    win.hold._stay_on_top()
    qtbot.wait(200)
    QApplication.processEvents()
    g = pad.frameGeometry()
    on_screen = _grab()[g.top():g.bottom() + 1, g.left():g.right() + 1].astype(int)
    drawn = pad.grab().toImage().convertToFormat(QImage.Format_RGB888)
    own = np.array(drawn.constBits(), dtype=np.uint8).reshape(drawn.height(), drawn.bytesPerLine())
    own = own[:, :3 * drawn.width()].reshape(drawn.height(), drawn.width(), 3).astype(int)
    h, w = min(own.shape[0], on_screen.shape[0]), min(own.shape[1], on_screen.shape[1])
    assert np.abs(own[:h, :w] - on_screen[:h, :w]).mean() < 8    # the pad, not the kiosk under it
