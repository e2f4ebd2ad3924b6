"""Selecting features in the 3D view: a click selects the feature under the cursor
(Ctrl adds or removes it), a Shift-drag selects every feature of the table's layer (or
of every visible layer with a table) inside the box; Esc ends. The selection is the
model's (``twin.core.selection``): the attribute table and the highlight follow it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import QRubberBand

from twin._vtk.highlight import rows_in_box
from twin.core.selection import Selection, table_of

CLICK_PX = 4


class FeatureSelect(QObject):
    """On while ``active``; ``picked(layer)`` tells which layer a click selected in."""

    picked = Signal(object)
    ended = Signal()

    def __init__(self, view, mirror, display_xy, current_layer):
        super().__init__(view)
        self.view, self.mirror, self.display_xy = view, mirror, display_xy
        self.current_layer = current_layer         # () -> the attribute table's layer or None
        self.active = False
        self._press: QPoint | None = None
        self._box = QRubberBand(QRubberBand.Rectangle, view)
        view.installEventFilter(self)

    def start(self) -> None:
        self.active = True
        self.view.setCursor(Qt.PointingHandCursor)

    def stop(self) -> None:
        self.active = False
        self._press = None
        self._box.hide()
        self.view.unsetCursor()
        self.ended.emit()

    def click(self, pos: QPoint, add: bool = False) -> None:
        picked = self.mirror.pick(*self.display_xy(pos))
        if picked is None or picked.feature is None or table_of(picked.layer) is None:
            layer = self.current_layer()
            if layer is not None and not add:
                Selection.of(layer).clear()
            return
        selection = Selection.of(picked.layer)
        if add:
            selection.toggle([picked.feature])
        else:
            selection.set([picked.feature])
        self.picked.emit(picked.layer)

    def select_box(self, a: QPoint, b: QPoint, add: bool = False) -> int:
        """Selects what lies between widget positions ``a`` and ``b``; how many."""
        box = (*self.display_xy(a), *self.display_xy(b))
        current = self.current_layer()
        layers = [current] if current is not None and table_of(current) is not None else [
            layer for layer in self.mirror.scene.layers.leaves()
            if layer.effectively_visible and table_of(layer) is not None and id(layer) in self.mirror.visuals]
        total = 0
        for layer in layers:
            rows = rows_in_box(self.mirror, layer, box)
            total += len(rows)
            (Selection.of(layer).add if add else Selection.of(layer).set)(rows)
        if len(layers) == 1:
            self.picked.emit(layers[0])
        return total

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if not self.active:
            return False
        kind = event.type()
        if kind == QEvent.KeyPress and event.key() == Qt.Key_Escape:
            self.stop()
            return True
        if kind == QEvent.MouseButtonPress and event.button() == Qt.LeftButton:
            self._press = event.position().toPoint()
            if event.modifiers() & Qt.ShiftModifier:      # a box: the camera stays put
                self._box.setGeometry(QRect(self._press, QSize()))
                self._box.show()
                return True
        elif kind == QEvent.MouseMove and self._box.isVisible() and self._press is not None:
            self._box.setGeometry(QRect(self._press, event.position().toPoint()).normalized())
            return True
        elif kind == QEvent.MouseButtonRelease and event.button() == Qt.LeftButton and self._press is not None:
            end, start = event.position().toPoint(), self._press
            add = bool(event.modifiers() & Qt.ControlModifier)
            self._press = None
            if self._box.isVisible():
                self._box.hide()
                self.select_box(start, end, add)
                return True
            if (end - start).manhattanLength() < CLICK_PX:
                self.click(start, add)
        return False
