"""Urban projects: pick what the maquette shows (the town today or a project's variant),
build a variant in the 3D view (draw a footprint, take a parcel, import a polygon, place
an architect's model, demolish, raise or lower), undo and redo, and read its metrics
checked against the PLU, exportable as CSV.

Every change goes through ``Projects.of(scene)`` (validated there, one undo step each); the
panel rebuilds from the model's signals, so undo, a script or the scene file all show
here the same way."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QLocale, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox, QDoubleSpinBox, QFileDialog, QFormLayout, QGridLayout, QHBoxLayout, QInputDialog, QLabel,
    QListWidget, QListWidgetItem, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout,
    QWidget,
)

from twin.core.errors import TwinError
from twin.core.layers import BuildingsLayer, VectorLayer
from twin.projects.town import building_ids
from twin.projects.edits import (BASELINE, ROOFS, Demolish, NewBuilding, PlacedModel, SetHeight, edit_kind, new_id,
                                 read_footprint)
from twin.projects.model import Project, Projects, Variant

USES = ("logement", "bureaux", "commerce", "équipement public", "mixte")
BAD = QColor("#fde2e0")
SHOWN_COLUMNS = [("building_id", QT_TRANSLATE_NOOP("ProjectsPanel", "Building")),
                 ("status", QT_TRANSLATE_NOOP("ProjectsPanel", "State")),
                 ("footprint_area", QT_TRANSLATE_NOOP("ProjectsPanel", "Footprint m²")),
                 ("height", QT_TRANSLATE_NOOP("ProjectsPanel", "Height m")),
                 ("levels", QT_TRANSLATE_NOOP("ProjectsPanel", "Levels")),
                 ("floor_area", QT_TRANSLATE_NOOP("ProjectsPanel", "Floor area m²")),
                 ("emprise", QT_TRANSLATE_NOOP("ProjectsPanel", "Emprise")),
                 ("setback", QT_TRANSLATE_NOOP("ProjectsPanel", "Setback m")),
                 ("dwellings", QT_TRANSLATE_NOOP("ProjectsPanel", "Dwellings")),
                 ("violations", QT_TRANSLATE_NOOP("ProjectsPanel", "PLU"))]


class ProjectsPanel(QWidget):
    message = Signal(str)            # what went wrong, for the window to show
    report_done = Signal(str)        # the path of a report just written
    compare = Signal(object)         # show this state beside the main view: "off", None or (project, variant)

    def __init__(self, scene, tool=None, parent=None):
        super().__init__(parent)
        self.scene, self.tool = scene, tool
        self.projects = Projects.of(scene)
        self.last_variant: tuple[str, str] | None = None    # what before/after toggles back to

        self.shown = QComboBox()
        self.shown.setAccessibleName(self.tr("What the maquette shows"))
        self.shown.currentIndexChanged.connect(self._shown_changed)
        new_project = QPushButton(self.tr("New project…"))
        new_project.clicked.connect(lambda: self.new_project())
        new_variant = QPushButton(self.tr("New variant…"))
        new_variant.setToolTip(self.tr("A copy of the variant shown, or an empty one from the town today"))
        new_variant.clicked.connect(lambda: self.new_variant())
        self.beside = QComboBox()
        self.beside.setAccessibleName(self.tr("Show side by side with"))
        self.beside.currentIndexChanged.connect(self._beside_changed)
        self.remove_variant = QPushButton(self.tr("Remove variant"))
        self.remove_variant.clicked.connect(self._remove_variant)
        self.undo = QPushButton(self.tr("Undo"))
        self.undo.clicked.connect(self.projects.history.undo)
        self.redo = QPushButton(self.tr("Redo"))
        self.redo.clicked.connect(self.projects.history.redo)

        self.floors = QSpinBox()
        self.floors.setRange(1, 60)
        self.floors.setValue(4)
        self.floors.setPrefix("R+")
        self.floors.setAccessibleName(self.tr("Levels above the ground floor"))
        self.height = QDoubleSpinBox()
        self.height.setRange(0, 300)
        self.height.setSuffix(" m")
        self.height.setSpecialValueText(self.tr("from levels"))
        self.height.setAccessibleName(self.tr("Height (0: from the levels)"))
        self.roof = QComboBox()
        self.roof.addItems(list(ROOFS))
        self.roof.setAccessibleName(self.tr("Roof"))
        self.use = QComboBox()
        self.use.addItems(list(USES))
        self.use.setAccessibleName(self.tr("Use"))

        self.tools: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for i, (key, text, slot) in enumerate((
                ("draw", self.tr("Draw a building"), self.draw_building),
                ("parcel", self.tr("Build on a parcel"), self.build_on_parcel),
                ("import", self.tr("Import a footprint…"), self.import_footprint),
                ("model", self.tr("Place a model…"), self.place_model),
                ("demolish", self.tr("Demolish a building"), self.demolish),
                ("raise", self.tr("Change a height"), self.change_height))):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, s=slot: s())
            self.tools[key] = button
            grid.addWidget(button, i // 2, i % 2)

        self.edits = QListWidget()
        self.edits.setAccessibleName(self.tr("Edits of the variant"))
        remove_edit = QPushButton(self.tr("Remove the selected edit"))
        remove_edit.clicked.connect(self._remove_edit)
        self.table = QTableWidget(0, len(SHOWN_COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(label) for _k, label in SHOWN_COLUMNS])
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAccessibleName(self.tr("Metrics of the variant"))
        export = QPushButton(self.tr("Export the metrics (CSV)…"))
        export.clicked.connect(lambda: self.export_csv())
        self.report = QPushButton(self.tr("Report for the council (PDF, HTML)…"))
        self.report.setToolTip(self.tr("Views of every variant, metrics, PLU check, sun and views lost, in French"))
        self.report.clicked.connect(lambda: self.write_report())
        self.summary = QLabel()
        self.summary.setWordWrap(True)

        top = QHBoxLayout()
        for w in (new_project, new_variant, self.remove_variant):
            top.addWidget(w)
        history = QHBoxLayout()
        history.addWidget(self.undo)
        history.addWidget(self.redo)
        params = QFormLayout()
        params.addRow(self.tr("Levels"), self.floors)
        params.addRow(self.tr("Height"), self.height)
        params.addRow(self.tr("Roof"), self.roof)
        params.addRow(self.tr("Use"), self.use)
        box = QVBoxLayout(self)
        box.addWidget(QLabel(self.tr("Shown:")))
        box.addWidget(self.shown)
        box.addLayout(top)
        side = QFormLayout()
        side.addRow(self.tr("Side by side with"), self.beside)
        box.addLayout(side)
        box.addLayout(params)
        box.addLayout(grid)
        box.addLayout(history)
        box.addWidget(self.edits, 1)
        box.addWidget(remove_edit)
        box.addWidget(self.summary)
        box.addWidget(self.table, 2)
        box.addWidget(export)
        box.addWidget(self.report)

        self.projects.changed.connect(self._rebuild)
        self.projects.active_changed.connect(self._rebuild)
        self.projects.history.changed.connect(self._history_changed)
        for layer in scene.data_layers():       # buildings and parcels loaded: metrics can be measured
            if isinstance(layer, (BuildingsLayer, VectorLayer)):
                layer.data_changed.connect(self._rebuild)
        self._rebuild()
        self._history_changed()

    # -- model → widgets -----------------------------------------------------------------
    def _rebuild(self, *_args) -> None:
        active = self.projects.active
        if active is not None:
            self.last_variant = active
        self.shown.blockSignals(True)
        self.shown.clear()
        self.shown.addItem(self.tr("{} (the town today)").format(BASELINE), None)
        for project in self.projects:
            for variant in project.variants:
                self.shown.addItem(f"{project.name} — {variant.name}", _key((project.name, variant.name)))
        self.shown.setCurrentIndex(max(0, self.shown.findData(_key(active))) if active else 0)
        self.shown.blockSignals(False)
        beside = self.beside.currentData()
        self.beside.blockSignals(True)
        self.beside.clear()
        self.beside.addItem(self.tr("(nothing: one view)"), "off")
        for i in range(self.shown.count()):
            self.beside.addItem(self.shown.itemText(i), self.shown.itemData(i) or "")
        self.beside.setCurrentIndex(max(0, self.beside.findData(beside)))
        self.beside.blockSignals(False)
        for button in (*self.tools.values(), self.remove_variant):
            button.setEnabled(active is not None)
        self.report.setEnabled(bool(len(self.projects)))
        self.edits.clear()
        if active is not None:
            for edit in self.projects.variant(*active).edits:
                item = QListWidgetItem(self._describe(edit))
                item.setData(Qt.UserRole, edit.id)
                self.edits.addItem(item)
        self._metrics(active)

    def _metrics(self, active) -> None:
        self.frame = None
        self.table.setRowCount(0)
        if active is None:
            self.summary.setText(self.tr("The town as it is. Choose or create a variant to build a project."))
            return
        from twin.analysis.urban_metrics import variant_metrics
        try:
            frame = variant_metrics(self.scene, *active)
        except TwinError as exc:
            self.summary.setText(self.tr("Metrics unavailable: {}").format(exc))
            return
        self.frame = frame
        self.table.setRowCount(len(frame))
        for r, row in enumerate(frame.itertuples(index=False)):
            values = row._asdict()
            bad = bool(values["violations"]) and values["building_id"] != "Total"
            for c, (key, _label) in enumerate(SHOWN_COLUMNS):
                item = QTableWidgetItem(_fmt(values[key]))
                if bad:
                    item.setBackground(QBrush(BAD))
                    item.setToolTip(values["violations"])
                self.table.setItem(r, c, item)
        total = frame.iloc[-1]
        broken = frame.iloc[:-1]["violations"].astype(bool).sum()
        self.summary.setText(self.tr("%n building(s) built or changed, about {} m² of floor area, {} dwelling(s); ", "",
                                     len(frame) - 1).format(_fmt(total['floor_area']), _fmt(total['dwellings']))
                             + (self.tr("{} break the PLU (in red).").format(broken) if broken
                                else self.tr("PLU respected.")))

    def _history_changed(self) -> None:
        h = self.projects.history
        self.undo.setEnabled(h.can_undo)
        self.redo.setEnabled(h.can_redo)
        self.undo.setToolTip(self.tr("Undo {}").format(h.undo_text) if h.can_undo else "")
        self.redo.setToolTip(self.tr("Redo {}").format(h.redo_text) if h.can_redo else "")

    # -- widgets → model -----------------------------------------------------------------
    def _shown_changed(self, index: int) -> None:
        key = self.shown.itemData(index)
        self.projects.active = tuple(key.split(_SEP, 1)) if key else None

    def _beside_changed(self, index: int) -> None:
        key = self.beside.itemData(index)
        self.compare.emit("off" if key == "off" else tuple(key.split(_SEP, 1)) if key else None)

    def compare_with(self, variant) -> None:
        """Shows ``variant`` (None: the town today; "off": no second view) beside the main view."""
        self.beside.setCurrentIndex(max(0, self.beside.findData("off" if variant == "off" else _key(variant) or "")))

    def toggle_before_after(self) -> None:
        """The one-key before/after: the town today ↔ the last variant shown."""
        if self.projects.active is not None:
            self.projects.active = None
        elif self.last_variant is not None:
            try:
                self.projects.active = self.last_variant
            except KeyError:
                self.last_variant = None

    def _apply(self, change, *args) -> bool:
        """Runs a model change; a refusal is told, and nothing changed."""
        try:
            change(*args)
        except (TwinError, ValueError, KeyError) as exc:
            self.message.emit(str(exc))
            return False
        return True

    def new_project(self, name: str | None = None, variant: str = "A") -> bool:
        if name is None:
            name, ok = QInputDialog.getText(self, self.tr("New project"), self.tr("Name of the project:"))
            if not ok or not name.strip():
                return False
        if not self._apply(self.projects.add_project, Project(name.strip(), (Variant(variant),))):
            return False
        self.projects.active = (name.strip(), variant)
        return True

    def new_variant(self, name: str | None = None) -> bool:
        active = self.projects.active
        if active is None:
            if not len(self.projects):
                return self.new_project()
            active = (self.projects.names[0], None)
        if name is None:
            name, ok = QInputDialog.getText(self, self.tr("New variant"),
                                            self.tr("Name of the new variant of {}:").format(active[0]))
            if not ok or not name.strip():
                return False
        name = name.strip()
        if active[1] is not None:
            ok = self._apply(self.projects.copy_variant, active[0], active[1], name)
        else:
            ok = self._apply(self.projects.add_variant, active[0], Variant(name))
        if ok:
            self.projects.active = (active[0], name)
        return ok

    def _remove_variant(self) -> None:
        active = self.projects.active
        if active is not None:
            self._apply(self.projects.remove_variant, *active)

    def add_edit(self, edit) -> bool:
        active = self.projects.active
        if active is None:
            self.message.emit(self.tr("Choose a variant first: the town today cannot be edited."))
            return False
        return self._apply(self.projects.add_edit, active[0], active[1], edit)

    def _remove_edit(self) -> None:
        item = self.edits.currentItem()
        active = self.projects.active
        if item is not None and active is not None:
            self._apply(self.projects.remove_edit, active[0], active[1], item.data(Qt.UserRole))

    def new_building(self, footprint) -> bool:
        """A new building on ``footprint`` with the panel's levels, height, roof and use."""
        height = self.height.value() or None
        try:
            edit = NewBuilding(new_id("b"), footprint, height=height, floors=None if height else self.floors.value() + 1,
                               roof=self.roof.currentText(), use=self.use.currentText())
        except TwinError as exc:
            self.message.emit(str(exc))
            return False
        return self.add_edit(edit)

    # -- tools in the view -----------------------------------------------------------------
    def draw_building(self) -> None:
        if self.tool is not None:
            self.tool.draw_polygon(self.new_building)

    def build_on_parcel(self) -> None:
        if self.tool is not None:
            self.tool.pick(self._parcel_picked, self.tr("Click the parcel to build on"))

    def _parcel_picked(self, picked) -> None:
        table = getattr(picked.layer.data, "table", None) if picked.layer is not None else None
        if table is None or picked.feature is None or picked.layer.kind != "vector":
            self.message.emit(self.tr("That is not a parcel: click a polygon of a parcels layer."))
            return
        self.new_building(table.frame.geometry.iloc[picked.feature])

    def import_footprint(self, path: str | None = None) -> bool:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Footprint to import"), "",
                                                  self.tr("Vector files (*.geojson *.json *.gpkg *.shp)"))
            if not path:
                return False
        try:
            footprint = read_footprint(Path(path), self.scene.crs)
        except TwinError as exc:
            self.message.emit(str(exc))
            return False
        return self.new_building(footprint)

    def place_model(self, path: str | None = None, anchor=None) -> bool:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Architect's model"), "",
                                                  self.tr("3D models (*.glb *.gltf *.obj *.ply *.stl)"))
            if not path:
                return False
        from twin.core.layers import Placement
        if anchor is None:
            centre = self.tool.mirror.world_at(*self.tool.display_xy(self.tool.view.rect().center())) \
                if self.tool is not None else None
            if centre is None:
                self.message.emit(self.tr("Point the view at the ground where the model goes, then place it again."))
                return False
            anchor = (centre[0], centre[1])
        try:
            edit = PlacedModel(new_id("m"), Path(path), Placement(anchor=tuple(anchor)), name=Path(path).stem)
        except TwinError as exc:
            self.message.emit(str(exc))
            return False
        return self.add_edit(edit)

    def demolish(self) -> None:
        if self.tool is not None:
            self.tool.pick(self._demolish_picked, self.tr("Click the building to demolish"))

    def _building_id(self, picked) -> str | None:
        if picked.layer is None or picked.layer.kind != "buildings" or picked.feature is None:
            self.message.emit(self.tr("That is not an existing building: click one of the town's buildings."))
            return None
        return str(building_ids(picked.layer.data.table.frame)[picked.feature])

    def _demolish_picked(self, picked) -> None:
        bid = self._building_id(picked)
        if bid is not None:
            self.add_edit(Demolish(new_id("d"), (bid,)))

    def change_height(self) -> None:
        if self.tool is not None:
            self.tool.pick(self._height_picked, self.tr("Click the building whose height changes"))

    def _height_picked(self, picked, height: float | None = None) -> None:
        bid = self._building_id(picked)
        if bid is None:
            return
        if height is None:
            height, ok = QInputDialog.getDouble(self, self.tr("Change a height"), self.tr("New height of {} (m):").format(bid),
                                                self.height.value() or 12.0, 0.1, 300.0, 1)
            if not ok:
                return
        try:
            edit = SetHeight(new_id("h"), bid, height)
        except TwinError as exc:
            self.message.emit(str(exc))
            return
        self.add_edit(edit)

    def write_report(self, path: str | None = None, **options):
        """The report of the project shown (or the first one), in the background with a
        progress dialog that can cancel it; ``options`` go to ``twin.report.build.build_report``."""
        if not len(self.projects):
            self.message.emit(self.tr("This scene has no project to report on."))
            return None
        project = (self.projects.active or (self.projects.names[0],))[0]
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Report of the project"), f"{project}.pdf",
                                                  self.tr("PDF (*.pdf);;Web page (*.html)"))
            if not path:
                return None
        from twin._qt.loader import copy_task
        from twin.report.build import build_report
        # on a copy: the report turns the sun on and switches variants
        task = copy_task(self.scene, lambda copy, feedback: build_report(copy, project, Path(path), feedback=feedback,
                                                                         **options),
                         self.tr("Writing the project's report…"), self)
        task.finished.connect(lambda out: self.report_done.emit(str(out)))
        task.failed.connect(lambda text: text and self.message.emit(text))
        self._report_task = task
        task.start()
        return task

    def export_csv(self, path: str | None = None) -> Path | None:
        if self.frame is None:
            self.message.emit(self.tr("Show a variant to export its metrics."))
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the metrics"), "metriques.csv", "CSV (*.csv)")
            if not path:
                return None
        from twin.analysis.urban_metrics import metrics_to_csv
        try:
            return metrics_to_csv(self.frame, path)
        except TwinError as exc:
            self.message.emit(str(exc))
            return None

    def _describe(self, edit) -> str:
        kind = edit_kind(edit)
        if kind == "new_building":
            size = self.tr("{} m").format(_g(edit.height)) if edit.height else f"R+{edit.floors - 1}"
            return self.tr("New building {}: {} m², {}, {} roof").format(
                edit.name or edit.id, QLocale().toString(float(edit.footprint.area), "f", 0), size, edit.roof)
        if kind == "model":
            return self.tr("Model {}").format(edit.name or edit.source.name)
        if kind == "demolish":
            return self.tr("Demolish {}").format(", ".join(edit.building_ids))
        return self.tr("Height of {} → {} m").format(edit.building_id, _g(edit.height))


_SEP = "\x1f"      # joins (project, variant) into one combo key: Qt turns tuples into lists


def _key(active) -> str | None:
    return None if active is None else _SEP.join(active)


def _g(value: float) -> str:
    return QLocale().toString(float(value), "g", 6)


def _fmt(value) -> str:

    """A figure as the window's language writes it (QLocale's default: "1 234,5" in French)."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float):
        if abs(value) >= 10:
            return QLocale().toString(value, "f", 0)
        return QLocale().toString(value, "f", 2).rstrip("0").rstrip(QLocale().decimalPoint())
    return str(value)

