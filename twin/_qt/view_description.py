"""A 3D view's accessible description kept to what it shows (place, direction, layers,
instant: ``twin.present.describe``), for screen readers; recomputed a moment after a
change, so a moving camera does not flood them."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from twin.core.scene import Scene
from twin.present.describe import describe_view

DELAY_MS = 400


class ViewDescription(QObject):
    """``changed()`` whenever the view may show something else (a frame was asked for)."""

    def __init__(self, view: QWidget, scene: Scene, current_view: Callable):
        super().__init__(view)
        self.view, self.scene, self.current_view = view, scene, current_view
        self.timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self.timer.timeout.connect(self.update)
        self.closed = False

    def changed(self) -> None:
        if not self.closed and not self.timer.isActive():
            self.timer.start()

    def close(self) -> None:
        """Before the mirror closes: a description computed after would read a dead camera."""
        self.closed = True
        self.timer.stop()

    def update(self) -> None:
        """Qt tells assistive technologies of the new description (DescriptionChanged)."""
        self.timer.stop()
        if self.closed:
            return
        text = describe_view(self.scene, self.current_view())
        if text != self.view.accessibleDescription():
            self.view.setAccessibleDescription(text)
