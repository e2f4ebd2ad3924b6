"""File → New scene from a commune's folder: the commune picked from the outlines the
folder holds (BD TOPO's ``commune`` layer, ADMIN EXPRESS), with the buffer around it.

The outlines are looked for in the background (a BD TOPO archive's GeoPackage must be
extracted first, once: the build then reuses it), then the scene is built there too."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QCompleter, QDialog, QDialogButtonBox, QFormLayout, QLabel, QMessageBox, QSpinBox, QWidget,
)

from twin._qt.loader import BackgroundTask
from twin.io.area import Commune


class CommuneDialog(QDialog):
    """Which commune of the folder, typed by code or name or picked, and its buffer."""

    def __init__(self, communes: list[Commune], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New scene from a commune's folder"))
        self.communes = communes
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("Commune outlines found in the folder: {}").format(QLocale().toString(len(communes)))))
        self.commune = QComboBox()
        self.commune.setEditable(True)
        self.commune.setInsertPolicy(QComboBox.NoInsert)
        self.commune.addItem(self.tr("The whole folder (no commune)"), None)
        for commune in communes:
            self.commune.addItem(str(commune), commune.code)
        completer = QCompleter([str(c) for c in communes], self)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setFilterMode(Qt.MatchContains)        # "arras" finds "62041 — Arras"
        self.commune.setCompleter(completer)
        self.commune.setCurrentIndex(1 if len(communes) == 1 else 0)
        self.commune.setAccessibleName(self.tr("Commune"))
        form.addRow(self.tr("Commune (INSEE code or name):"), self.commune)
        self.buffer = QSpinBox()
        self.buffer.setRange(0, 5000)
        self.buffer.setSingleStep(50)
        self.buffer.setValue(200)
        self.buffer.setSuffix(self.tr(" m"))
        self.buffer.setAccessibleName(self.tr("Buffer around the commune"))
        form.addRow(self.tr("Buffer around the commune:"), self.buffer)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020")
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Build the scene"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def code(self) -> str | None:
        """The INSEE code chosen (None: the whole folder); raises ValueError when the text
        names no commune of the folder."""
        text = self.commune.currentText().strip()
        index = self.commune.findText(text)
        if index >= 0:
            return self.commune.itemData(index)
        wanted = text.split("—")[0].strip().casefold()
        matches = [c for c in self.communes if wanted in (c.code.casefold(), c.name.casefold())]
        if len(matches) != 1:
            raise ValueError(text)
        return matches[0].code

    def _check(self) -> None:
        try:
            self.code()
        except ValueError as exc:
            self.problem.setText(self.tr("No commune “{}” in this folder: pick one in the list.").format(exc))
            return
        self.accept()


class CommuneWizard(QObject):
    """Folder → outlines (background) → commune and buffer (dialog) → scene (background);
    ``built(result, out)`` with build_scene's result when it is done."""

    built = Signal(object, object)

    def __init__(self, folder: Path, out: Path, parent: QWidget):
        super().__init__(parent)
        self.folder, self.out, self.window = Path(folder), Path(out).with_suffix(".toml"), parent
        self.workdir = self.out.parent / f"{self.out.stem}.data"     # archives and the window, beside the scene
        self.dialog: CommuneDialog | None = None
        self.task: BackgroundTask | None = None

    def start(self) -> None:
        from twin.io.survey import communes_in_folder
        self._run(lambda fb: communes_in_folder(self.folder, self.workdir, fb),
                  self.tr("Looking for the communes' outlines…"), self._choose)

    def _run(self, work, title: str, then) -> None:
        self.task = BackgroundTask(work, title, self.window)
        self.task.finished.connect(then)
        self.task.failed.connect(lambda message: message and QMessageBox.warning(
            self.window, self.tr("No scene built"), message))
        self.task.start()

    def _choose(self, communes: list[Commune]) -> None:
        if not communes:          # a folder of one place: everything in it
            self.build(None, 200.0)
            return
        self.dialog = CommuneDialog(communes, self.window)
        self.dialog.accepted.connect(lambda: self.build(self.dialog.code(), float(self.dialog.buffer.value())))
        self.dialog.open()

    def build(self, commune: str | None, buffer: float) -> None:
        from twin.io.commune import build_scene
        self._run(lambda fb: build_scene(self.folder, feedback=fb, commune=commune, buffer=buffer,
                                         workdir=self.workdir),
                  self.tr("Building the scene…"), lambda result: self.built.emit(result, self.out))
