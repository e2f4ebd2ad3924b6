"""The sections dock: no cut, a clipping box or a section plane (twin._vtk.cuts), handles
to drag in the view, and keyboard nudges while the view has the focus: the arrows move
the box east-west and north-south (the plane along its normal), Page Up / Page Down move
the box up and down; with Shift ten times the step."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QButtonGroup, QCheckBox, QDoubleSpinBox, QFormLayout, QLabel, QRadioButton, QWidget

from twin._vtk.cuts import NUDGE_M, Cuts


class SectionsPanel(QWidget):
    def __init__(self, mirror, view, parent=None):
        super().__init__(parent)
        self.cuts = Cuts(mirror)
        self.view = view
        self.modes = QButtonGroup(self)
        form = QFormLayout(self)
        for i, (mode, text) in enumerate((("off", self.tr("No cut")), ("box", self.tr("Clipping box")),
                                          ("plane", self.tr("Section plane")))):
            button = QRadioButton(text)
            button.setObjectName(mode)
            self.modes.addButton(button, i)
            form.addRow(button)
        self.modes.button(0).setChecked(True)
        self.modes.idToggled.connect(self._mode_toggled)
        self.handles = QCheckBox(self.tr("Handles in the view"))
        self.handles.setChecked(True)
        self.handles.toggled.connect(self._show_handles)
        form.addRow(self.handles)
        self.step = QDoubleSpinBox(minimum=0.1, maximum=500.0, value=NUDGE_M, suffix=" m")
        self.step.setAccessibleName(self.tr("Nudge step"))
        form.addRow(self.tr("Arrow keys move by"), self.step)
        self.note = QLabel(self.tr("Arrows: east-west, north-south (the plane: along its normal); "
                                   "Page Up/Down: up and down; Shift: ×10."))
        self.note.setWordWrap(True)
        form.addRow(self.note)
        view.installEventFilter(self)

    def set_mode(self, mode: str) -> None:
        self.findChild(QRadioButton, mode).setChecked(True)

    def _mode_toggled(self, _id: int, checked: bool) -> None:
        if not checked:
            return
        mode = self.modes.checkedButton().objectName()
        try:
            if mode == "box":
                self.cuts.set_box(self.cuts.box if self.cuts.box is not None else self.cuts.default_box())
            elif mode == "plane":
                if self.cuts.origin is None:
                    self.cuts.set_plane(*self.cuts.default_plane())
                else:
                    self.cuts.set_plane(self.cuts.origin, self.cuts.normal)
            else:
                self.cuts.off()
        except ValueError:            # nothing drawn yet: nothing to cut
            self.modes.button(0).setChecked(True)
            return
        self._show_handles(self.handles.isChecked())

    def _show_handles(self, on: bool) -> None:
        self.cuts.show_handles(on and self.cuts.mode != "off")

    def nudge_key(self, key, shift: bool) -> bool:
        """Moves the cut for an arrow or page key; False for any other key or no cut."""
        step = self.step.value() * (10.0 if shift else 1.0)
        moves = {Qt.Key_Left: (-step, 0, 0), Qt.Key_Right: (step, 0, 0), Qt.Key_Up: (0, step, 0),
                 Qt.Key_Down: (0, -step, 0), Qt.Key_PageUp: (0, 0, step), Qt.Key_PageDown: (0, 0, -step)}
        if self.cuts.mode == "off" or key not in moves:
            return False
        dx, dy, dz = moves[key]
        if self.cuts.mode == "plane":
            if dz:
                return False
            dx = dx or dy                 # any arrow moves the plane along its normal
        self.cuts.nudge(dx, dy, dz)
        return True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.KeyPress and self.isVisible():
            return self.nudge_key(event.key(), bool(event.modifiers() & Qt.ShiftModifier))
        return False

    def closeEvent(self, event) -> None:
        self.cuts.off()
        super().closeEvent(event)
