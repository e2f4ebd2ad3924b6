"""The processing toolbox: every algorithm of the registry (twin's and plugins') by group,
with a search field; a form generated from the chosen algorithm's typed parameters; the
run off the GUI thread with progress and Cancel; written vector and raster files added to
the scene as layers, a profile shown in the profile dock."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDoubleSpinBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QProgressBar, QPushButton, QSpinBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from twin._qt.plugins_ui import AlgorithmRunner
from twin.core.layers import Layer
from twin.core.params import Area, Choice, InputFile, Line, OutputFile, Point
from twin.core.plugins import plugins


class ParameterForm(QWidget):
    """One field per parameter: files with a browse button, lines and points drawn or
    clicked in the view, layers from the scene, numbers within their bounds."""

    def __init__(self, algorithm, scene, tool=None, parent=None):
        super().__init__(parent)
        self.algorithm, self.scene, self.tool = algorithm, scene, tool
        self.fields: dict[str, QWidget] = {}
        form = QFormLayout(self)
        if algorithm.description:
            note = QLabel(algorithm.description)
            note.setWordWrap(True)
            form.addRow(note)
        for p in algorithm.parameters:
            widget, row = self._field(p)
            widget.setAccessibleName(p.label or p.name)
            widget.setToolTip(p.help)
            self.fields[p.name] = widget
            form.addRow(p.label or p.name, row)

    def _field(self, p) -> tuple[QWidget, QWidget]:
        if p.type is Layer:
            combo = QComboBox()
            for layer in self.scene.layers.leaves():
                combo.addItem(layer.name, layer)
            return combo, combo
        if p.type is bool:
            check = QCheckBox()
            check.setChecked(bool(p.default))
            return check, check
        if p.type in (int, float):
            spin = QSpinBox() if p.type is int else QDoubleSpinBox(decimals=2)
            spin.setRange(p.minimum if p.minimum is not None else -1e9, p.maximum if p.maximum is not None else 1e9)
            if p.default is not None:
                spin.setValue(p.default)
            return spin, spin
        if p.type is Choice:
            combo = QComboBox()
            combo.addItems(list(p.choices))
            if p.default is not None:
                combo.setCurrentText(str(p.default))
            return combo, combo
        edit = QLineEdit("" if p.default is None else str(p.default))
        if p.optional:
            edit.setPlaceholderText(self.tr("(optional)"))
        button = None
        if p.type is InputFile:
            button = QPushButton(self.tr("Browse…"))
            button.clicked.connect(lambda: self._browse(edit, save=False, p=p))
        elif p.type is OutputFile:
            button = QPushButton(self.tr("Save as…"))
            button.clicked.connect(lambda: self._browse(edit, save=True, p=p))
        elif p.type is Line and self.tool is not None:
            button = QPushButton(self.tr("Draw"))
            button.clicked.connect(lambda: self.tool.draw_line(
                lambda line: edit.setText(", ".join(f"{x:.2f} {y:.2f}" for x, y in line.coords))))
        elif p.type is Area and self.tool is not None:
            button = QPushButton(self.tr("Draw"))
            button.clicked.connect(lambda: self.tool.draw_polygon(
                lambda poly: edit.setText(" ".join(f"{v:.2f}" for v in poly.bounds))))
        elif p.type is Point and self.tool is not None:
            button = QPushButton(self.tr("Pick"))
            button.clicked.connect(lambda: self.tool.pick_point(lambda xyz: edit.setText(f"{xyz[0]:.2f} {xyz[1]:.2f}")))
        if button is None:
            return edit, edit
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(edit, 1)
        box.addWidget(button)
        return edit, row

    def _browse(self, edit: QLineEdit, save: bool, p) -> None:
        if save:
            kinds = " ".join(f"*{s}" for s in p.suffixes) or "*"
            path, _ = QFileDialog.getSaveFileName(self, p.label or p.name, edit.text(), f"{kinds};;*")
        else:
            path, _ = QFileDialog.getOpenFileName(self, p.label or p.name, edit.text())
        if path:
            edit.setText(path)

    def values(self) -> dict:
        out = {}
        for p in self.algorithm.parameters:
            w = self.fields[p.name]
            if isinstance(w, QComboBox):
                out[p.name] = w.currentData() if p.type is Layer else w.currentText()
            elif isinstance(w, QCheckBox):
                out[p.name] = w.isChecked()
            elif isinstance(w, (QSpinBox, QDoubleSpinBox)):
                out[p.name] = w.value()
            elif w.text().strip() or not p.optional:
                out[p.name] = w.text()
        return out


class Toolbox(QWidget, AlgorithmRunner):
    """``result(algorithm, results)`` once an algorithm has run."""

    result = Signal(object, dict)

    def __init__(self, scene, tool=None, parent=None):
        super().__init__(parent)
        self.scene, self.tool = scene, tool
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search algorithms…"))
        self.search.setAccessibleName(self.tr("Search algorithms"))
        self.search.textChanged.connect(self._filter)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(self.tr("Algorithms"))
        self.tree.currentItemChanged.connect(lambda item, _old: self.choose(item.data(0, Qt.UserRole) if item else None))
        self.form_holder = QVBoxLayout()
        self.form: ParameterForm | None = None
        self.run_button = QPushButton(self.tr("Run"), enabled=False)
        self.run_button.clicked.connect(self.run)
        self.cancel_button = QPushButton(self.tr("Cancel"), enabled=False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.log = QPlainTextEdit(readOnly=True)
        self.log.setMaximumHeight(110)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        box = QVBoxLayout(self)
        box.addWidget(self.search)
        box.addWidget(self.tree, 1)
        box.addLayout(self.form_holder)
        box.addLayout(buttons)
        box.addWidget(self.progress)
        box.addWidget(self.log)
        self.thread: QThread | None = None
        self.algorithm = None
        self._fill()

    def _fill(self) -> None:
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for a in sorted(plugins().algorithms().values(), key=lambda a: (a.group or "~", a.title)):
            group = a.group or self.tr("Plugins")
            if group not in groups:
                groups[group] = QTreeWidgetItem(self.tree, [group])
                groups[group].setFlags(Qt.ItemIsEnabled)
            item = QTreeWidgetItem(groups[group], [a.title])
            item.setData(0, Qt.UserRole, a.name)
            item.setToolTip(0, f"{a.name} — {a.description}")
        self.tree.expandAll()

    def _filter(self, text: str) -> None:
        words = text.lower().split()
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            shown = 0
            for i in range(group.childCount()):
                item = group.child(i)
                hay = f"{item.text(0)} {item.toolTip(0)} {group.text(0)}".lower()
                hide = not all(w in hay for w in words)
                item.setHidden(hide)
                shown += not hide
            group.setHidden(shown == 0)

    def visible_algorithms(self) -> list[str]:
        return [self.tree.topLevelItem(g).child(i).data(0, Qt.UserRole)
                for g in range(self.tree.topLevelItemCount())
                for i in range(self.tree.topLevelItem(g).childCount())
                if not self.tree.topLevelItem(g).child(i).isHidden()]

    def choose(self, name: str | None) -> ParameterForm | None:
        if self.form is not None:
            self.form.setParent(None)
            self.form.deleteLater()
            self.form = None
        self.algorithm = plugins().algorithms().get(name) if name else None
        self.run_button.setEnabled(self.algorithm is not None and self.thread is None)
        if self.algorithm is None:
            return None
        self.form = ParameterForm(self.algorithm, self.scene, self.tool)
        self.form_holder.addWidget(self.form)
        return self.form

    # -- running -----------------------------------------------------------------------------
    def run(self) -> None:
        if self.algorithm is None or self.thread is not None:
            return
        self.log.setPlainText("")
        self._start(self.algorithm, self.scene, self.form.values())

    def _finish(self) -> None:
        self._stop(self.algorithm is not None)

    def _progress(self, fraction: float, text: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        self.progress.setFormat(f"%p% {text}")

    def _done(self, results: dict) -> None:
        self._finish()
        self.progress.setValue(1000)
        lines = [f"{k}: {v}" for k, v in results.items() if isinstance(v, (str, int, float, Path))]
        lines += self.worker.feedback.warnings
        self.log.setPlainText("\n".join(lines))
        self.result.emit(self.worker.algorithm, results)

    def _failed(self, message: str) -> None:
        self._finish()
        self.log.setPlainText(message if message != "Canceled." else self.tr("Canceled."))

    def closeEvent(self, event) -> None:
        if self.thread is not None:
            self.worker.feedback.cancel()
            self._finish()
        super().closeEvent(event)
