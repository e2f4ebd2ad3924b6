"""File → New scene from a commune's folder: the commune picked from the outlines the
folder holds (BD TOPO's ``commune`` layer, ADMIN EXPRESS), with the buffer around it.
File → New scene from a commune: its data downloaded first (``twin fetch``, twin.io.fetch),
then the same build.

The outlines are looked for in the background (a BD TOPO archive's GeoPackage must be
extracted first, once: the build then reuses it), then the scene is built there too;
estimates and downloads run in the background as well, with progress and cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QCompleter, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel, QLineEdit,
    QMessageBox, QSpinBox, QWidget,
)

from twin._qt.loader import BackgroundTask
from twin.core.errors import TwinError
from twin.io.area import Commune


def add_buffer(form: QFormLayout) -> QSpinBox:
    """The buffer around the commune, in metres, as a row of ``form`` (both wizards)."""
    buffer = QSpinBox()
    buffer.setRange(0, 5000)
    buffer.setSingleStep(50)
    buffer.setValue(200)
    buffer.setSuffix(QCoreApplication.translate("CommuneDialog", " m"))
    buffer.setAccessibleName(QCoreApplication.translate("CommuneDialog", "Buffer around the commune"))
    form.addRow(QCoreApplication.translate("CommuneDialog", "Buffer around the commune:"), buffer)
    return buffer


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
        self.buffer = add_buffer(form)
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


class FetchDialog(QDialog):
    """File → New scene from a commune: the commune by INSEE code or by name (suggestions
    from ADMIN EXPRESS as one types, looked up off the GUI thread), what to download,
    the buffer, where; then what it comes to (files and size) before anything is fetched."""

    suggested = Signal(str, object)        # the text looked up, [(code, name)] or an error message
    KINDS = (("bdtopo", QT_TRANSLATE_NOOP("FetchDialog", "BD TOPO buildings and land cover")),
             ("cadastre", QT_TRANSLATE_NOOP("FetchDialog", "Cadastre parcels (Etalab)")),
             ("lidar", QT_TRANSLATE_NOOP("FetchDialog", "LiDAR HD point clouds (large)")),
             ("mnt", QT_TRANSLATE_NOOP("FetchDialog", "Terrain (LiDAR HD MNT)")),
             ("ortho", QT_TRANSLATE_NOOP("FetchDialog", "Orthophoto")))

    def __init__(self, folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New scene from a commune"))
        form = QFormLayout(self)
        self.commune = QLineEdit()
        self.commune.setPlaceholderText(self.tr("62041 or Arras"))
        self.commune.setAccessibleName(self.tr("Commune"))
        self.names = QStringListModel(self)
        completer = QCompleter(self.names, self)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setFilterMode(Qt.MatchContains)
        self.commune.setCompleter(completer)
        self._timer = QTimer(self, singleShot=True, interval=300)     # look up once typing pauses
        self._timer.timeout.connect(self._look_up)
        self.commune.textEdited.connect(lambda _: self._timer.start())
        self.commune.textChanged.connect(self._changed)
        self.suggested.connect(self._suggestions)
        form.addRow(self.tr("Commune (INSEE code or name):"), self.commune)
        self.kinds = {}
        for kind, text in self.KINDS:
            box = QCheckBox(QCoreApplication.translate("FetchDialog", text))
            box.setChecked(kind != "lidar")
            box.toggled.connect(self._changed)
            self.kinds[kind] = box
            form.addRow(box)
        self.buffer = add_buffer(form)
        self.resolution = QDoubleSpinBox()
        self.resolution.setRange(0.2, 20.0)
        self.resolution.setSingleStep(0.1)
        self.resolution.setValue(0.5)
        self.resolution.setSuffix(self.tr(" m"))
        self.resolution.setAccessibleName(self.tr("Orthophoto pixel"))
        form.addRow(self.tr("Orthophoto pixel:"), self.resolution)
        for spin in (self.buffer, self.resolution):
            spin.valueChanged.connect(self._changed)
        self.folder = QLineEdit(str(folder))
        self.folder.setAccessibleName(self.tr("Folder for the downloads"))
        form.addRow(self.tr("Download into:"), self.folder)
        self.summary = QLabel(self.tr("Type a commune, then Estimate to see what will be downloaded."))
        self.summary.setWordWrap(True)
        form.addRow(self.summary)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.estimate = self.buttons.addButton(self.tr("Estimate"), QDialogButtonBox.ActionRole)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("Download and build the scene"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.plan = None
        self._changed()

    def code(self) -> str:
        """The INSEE code typed, or picked from the suggestions ("62041 — Arras")."""
        return self.commune.text().split("—")[0].strip()

    def what(self) -> list[str]:
        return [kind for kind, box in self.kinds.items() if box.isChecked()]

    def _changed(self, *_) -> None:
        """A change of commune or options makes the estimate stale: estimate again first."""
        self.plan = None
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(False)
        self.estimate.setEnabled(bool(self.code()) and bool(self.what()))

    def _look_up(self) -> None:
        import threading
        text = self.commune.text().strip()
        if len(text) < 2 or text[:2].isdigit():
            return

        def run():
            from twin.core.feedback import Feedback
            from twin.io.fetch.services import communes_named
            try:
                self.suggested.emit(text, communes_named(text, Feedback()))
            except TwinError as exc:
                self.suggested.emit(text, exc.message)
        threading.Thread(target=run, daemon=True).start()

    def _suggestions(self, text: str, found) -> None:
        if isinstance(found, str):
            self.summary.setText(self.tr("No suggestions: {}").format(found))
            return
        self.names.setStringList([f"{code} — {name}" for code, name in found])
        if self.commune.text().strip() == text and found:
            self.commune.completer().complete()

    def show_plan(self, plan) -> None:
        """What will be downloaded, by kind, and its size; downloading is then possible."""
        locale = QLocale()
        counts: dict[str, int] = {}
        for job in plan.jobs:
            counts[job.what] = counts.get(job.what, 0) + 1
        lines = [self.tr("{} — {}: {} files, about {}").format(plan.code, plan.name, locale.toString(len(plan.jobs)),
                                                                 locale.formattedDataSize(plan.size))]
        lines += [self.tr("  {}: {}").format(QCoreApplication.translate("FetchDialog", dict(self.KINDS).get(what, what)),
                                             locale.toString(n)) for what, n in counts.items() if what != "bdtopo"]
        lines += [self.tr("  {}: {} features").format(QCoreApplication.translate("FetchDialog", dict(self.KINDS)[j.what]),
                                                      locale.toString(j.features))
                  for j in plan.jobs if j.what == "bdtopo" and j.features is not None]
        self.summary.setText("\n".join(lines))
        self.plan = plan
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(True)


class FetchWizard(CommuneWizard):
    """Commune and options (dialog) → estimate (background) → download (background, with
    progress and cancel) → scene built there (background) → ``built(result, out)``. The
    downloads go to FOLDER/INSEE, the scene to FOLDER/INSEE.toml."""

    def __init__(self, folder: Path, parent: QWidget):
        super().__init__(Path(folder), Path(folder) / "scene.toml", parent)
        self.base = Path(folder)
        self.fetch_dialog: FetchDialog | None = None

    def start(self) -> None:
        self.fetch_dialog = FetchDialog(self.base, self.window)
        self.fetch_dialog.estimate.clicked.connect(self.estimate)
        self.fetch_dialog.accepted.connect(self.download)
        self.fetch_dialog.open()

    def estimate(self) -> None:
        from twin.io.fetch.commune import plan
        d = self.fetch_dialog
        code, what, buffer, resolution = d.code(), d.what(), float(d.buffer.value()), float(d.resolution.value())
        self.base = Path(d.folder.text()).expanduser()
        self._run(lambda fb: plan(code, self.base / code, what, buffer, resolution, fb, sizes=True),
                  self.tr("Asking the services what commune {} comes to…").format(code), d.show_plan)

    def download(self) -> None:
        from twin.io.fetch.commune import fetch
        plan = self.fetch_dialog.plan
        self.folder, self.out = plan.out, plan.out.parent / f"{plan.code}.toml"
        self.workdir = self.out.parent / f"{self.out.stem}.data"
        self._run(lambda fb: fetch(plan, fb), self.tr("Downloading commune {}…").format(plan.code),
                  lambda jobs: self.build(plan.code, plan.buffer))
