"""Clicks in the 3D view that answer a panel's question: the corners of a footprint drawn
on the ground, or the feature under the cursor (a parcel, a building to demolish).

The view keeps orbiting and zooming while a tool is on: only a click (press and release
without a drag) is taken. Enter or a double click closes a footprint, Backspace removes
the last corner, Esc cancels."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import shapely
from PySide6.QtCore import QEvent, QObject, QPoint, Qt

CLICK_PX = 4


class ClickFilter(QObject):
    """A tool of the view while its ``mode`` is set: a click (press and release without a
    drag) goes to ``click``, Enter (and a double click where ``_double_click_finishes``) to
    ``_finish``, Esc to ``_escape``, Backspace to ``_backspace``; everything else — orbiting,
    zooming — goes on to the view."""

    mode: str | None = None
    _press = QPoint()

    def _double_click_finishes(self) -> bool:
        return True

    def _backspace(self) -> bool:
        return False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self.mode is None:
            return False
        kind = event.type()
        if kind == QEvent.MouseButtonPress and event.button() == Qt.LeftButton:
            self._press = event.position().toPoint()
        elif kind == QEvent.MouseButtonRelease and event.button() == Qt.LeftButton:
            if (event.position().toPoint() - self._press).manhattanLength() < CLICK_PX:
                self.click(self._press)
        elif kind == QEvent.MouseButtonDblClick and self._double_click_finishes():
            self._finish()
            return True
        elif kind == QEvent.KeyPress:
            key = event.key()
            if key == Qt.Key_Escape:
                self._escape()
                return True
            if key in (Qt.Key_Return, Qt.Key_Enter):
                self._finish()
                return True
            if key == Qt.Key_Backspace and self._backspace():
                return True
        return False


class ViewTool(ClickFilter):
    def __init__(self, view, mirror, display_xy: Callable[[QPoint], tuple[int, int]], status=None):
        super().__init__(view)
        self.view, self.mirror, self.display_xy = view, mirror, display_xy
        self.status = status or (lambda text: None)      # a line for the status bar
        self.mode: str | None = None
        self.vertices: list[tuple[float, float, float]] = []
        self._done: Callable | None = None
        self._press = QPoint()
        view.installEventFilter(self)

    @property
    def active(self) -> bool:
        return self.mode is not None

    def draw_polygon(self, done: Callable[[shapely.Polygon], None]) -> None:
        """Collects corners on the ground; ``done(polygon)`` in the scene CRS when closed."""
        self._start("draw", done)
        self.status(self.tr("Click the corners of the footprint; Enter or double-click to close, "
                            "Backspace to undo a corner, Esc to cancel"))

    def draw_line(self, done: Callable[[shapely.LineString], None]) -> None:
        """Collects vertices on the ground; ``done(line)`` in the scene CRS when ended."""
        self._start("line", done)
        self.status(self.tr("Click the vertices of the line; Enter or double-click to end it, "
                            "Backspace to undo a vertex, Esc to cancel"))

    def pick_point(self, done: Callable[[tuple[float, float, float]], None]) -> None:
        """``done((x, y, z))``: the ground or roof clicked, in the scene CRS."""
        self._start("point", done)
        self.status(self.tr("Click a point in the view (Esc to cancel)"))

    def pick(self, done: Callable, prompt: str) -> None:
        """``done(pick)`` with the feature clicked (a ``twin._vtk.mirror.Pick``)."""
        self._start("pick", done)
        self.status(self.tr("{} (Esc to cancel)").format(prompt))


    def _start(self, mode: str, done: Callable) -> None:
        self.cancel()
        self.mode, self._done, self.vertices = mode, done, []
        self.view.setCursor(Qt.CrossCursor)
        self.view.setFocus()

    def cancel(self) -> None:
        self._stop()

    def _stop(self) -> None:
        if self.mode is not None:
            self.view.unsetCursor()
            self.status("")
        self.mode, self._done, self.vertices = None, None, []
        self.mirror.sketch.clear()

    def click(self, pos: QPoint) -> None:
        """A click at a widget position (the event filter's and the tests' way in)."""
        if self.mode in ("draw", "line"):
            world = self.mirror.world_at(*self.display_xy(pos))
            if world is not None:
                self.vertices.append(world)
                self.mirror.sketch.show(self.vertices)
        elif self.mode == "point":
            world = self.mirror.world_at(*self.display_xy(pos))
            if world is not None:
                done = self._done
                self._stop()
                done(tuple(world))
        elif self.mode == "pick":
            picked = self.mirror.pick(*self.display_xy(pos))
            if picked is not None:
                done = self._done
                self._stop()
                done(picked)

    def close_polygon(self) -> bool:
        if self.mode == "line" and len(self.vertices) >= 2:
            polygon = shapely.LineString(np.asarray(self.vertices)[:, :2])   # a line ends here
        elif self.mode != "draw" or len(self.vertices) < 3:
            return False
        else:
            polygon = shapely.Polygon(np.asarray(self.vertices)[:, :2])
        done = self._done
        self._stop()
        done(polygon)
        return True

    def _double_click_finishes(self) -> bool:
        return self.mode in ("draw", "line")

    def _finish(self) -> None:
        self.close_polygon()

    def _escape(self) -> None:
        self.cancel()

    def _backspace(self) -> bool:
        if not self.vertices:
            return False
        self.vertices.pop()
        self.mirror.sketch.show(self.vertices)
        return True
