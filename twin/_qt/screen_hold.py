"""A public window that holds its whole screen in any X or Wayland session.

``showFullScreen`` only asks a window manager for full screen; a kiosk started straight
into a bare X session (``xinit`` into the app, no window manager) would keep its default
size in the top-left corner, the rest of the screen black. So the window also sizes
itself to its screen's geometry, follows that screen when it changes (a display plugged
in, ``xrandr``) or when the window moves to another one, and, for the kiosk, raises
itself now and then: without a window manager stacking is whoever asked last.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRect, QTimer
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QWidget

RAISE_EVERY_MS = 2000


class ScreenHold(QObject):
    """``ScreenHold(window, on_top=True).show()`` instead of ``window.showFullScreen()``."""

    def __init__(self, window: QWidget, on_top: bool = False):
        super().__init__(window)
        self.window = window
        self.screen: QScreen | None = None
        self.raise_timer = QTimer(self, interval=RAISE_EVERY_MS)
        self.raise_timer.timeout.connect(self._stay_on_top)
        self.on_top = on_top

    def show(self) -> None:
        window = self.window
        window.showFullScreen()        # a window manager's full screen, where there is one
        handle = window.windowHandle()
        if handle is not None and self.screen is None:
            handle.screenChanged.connect(self._follow)
        self._follow(window.screen())
        if self.on_top:
            self.raise_timer.start()

    def _follow(self, screen: QScreen | None) -> None:
        if screen is None:
            return
        if self.screen is not None and self.screen is not screen:
            self.screen.geometryChanged.disconnect(self.fit)
        if self.screen is not screen:
            self.screen = screen
            screen.geometryChanged.connect(self.fit)
        self.fit(screen.geometry())

    def fit(self, rect: QRect | None = None) -> None:
        """The window on the whole screen (``rect``: the screen's new geometry)."""
        if self.screen is None or not self.window.isVisible():
            return
        rect = QRect(rect) if rect is not None else self.screen.geometry()
        handle = self.window.windowHandle()
        if handle is not None and handle.geometry() != rect:
            handle.setGeometry(rect)   # the QWindow's: QWidget.setGeometry would drop the full-screen state
        self._stay_on_top()
        self.window.activateWindow()   # without a window manager, nobody else gives it the keys

    def _stay_on_top(self) -> None:
        """Raised above other clients' windows, but never over its own dialogs (the PIN pad)."""
        if not self.window.isVisible():
            self.raise_timer.stop()
            return
        if not any(w is not self.window and w.isVisible() and (w.parent() is self.window or w.isModal())
                   for w in QApplication.topLevelWidgets()):
            self.window.raise_()

    def stop(self) -> None:
        self.raise_timer.stop()
