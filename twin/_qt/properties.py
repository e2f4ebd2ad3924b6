"""Properties of the selected layer (opacity, colours, source, load status) and the
attributes of the last picked feature."""

from __future__ import annotations

from dataclasses import fields, replace

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox, QColorDialog, QComboBox, QDoubleSpinBox, QFormLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPushButton, QSlider, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from twin.core.layers import (
    BasemapLayer, BuildingsLayer, Layer, ModelLayer, Placement, PointCloudLayer, TemporalLayer, TerrainLayer, VectorLayer,
)
from twin.core.layers.style import CLASSIFY
from twin.core.layers.classes import class_color, class_name
from twin.core.layers.style import Style

translate = QCoreApplication.translate


class PropertiesPanel(QWidget):
    def __init__(self, parent=None, view_centre=None, reload=None):
        super().__init__(parent)
        self.layer: Layer | None = None
        self.view_centre = view_centre     # () -> scene (x, y, z) under the view's centre, or None
        self.reload = reload               # (layer) -> None: read the layer's files again
        self.form = QFormLayout()
        box = QVBoxLayout(self)
        box.addLayout(self.form)
        box.addStretch(1)
        self.set_layer(None)

    def set_layer(self, layer: Layer | None) -> None:
        if self.layer is not None:
            self.layer.events.disconnect(self._on_event)
            self.layer.data_changed.disconnect(self._later)
            if isinstance(self.layer, PointCloudLayer):
                self.layer.refined.disconnect(self._refined)
        self.layer = layer
        if layer is not None:
            layer.events.connect(self._on_event)
            layer.data_changed.connect(self._later)
            if isinstance(layer, PointCloudLayer):
                layer.refined.connect(self._refined)
        self._refresh()

    def _refined(self, data) -> None:
        """Points refined in place: update the figures, keep the form (and its open editors)
        unless new classes appeared for the legend."""
        legend = getattr(self, "classes", None)
        if legend is not None and legend.codes != list(data.classes):
            self._later()
            return
        for key, value in _data_summary(self.layer).items():
            if key in self._summary:
                self._summary[key].setText(value)

    def _later(self, *_args) -> None:
        # the widget that changed the model may be the sender: rebuild after its signal
        QTimer.singleShot(0, self._refresh)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self._later()
        super().changeEvent(event)

    def _on_event(self, info) -> None:

        # rebuilding the form would destroy the slider the user is dragging
        if info.signal.name == "opacity":
            self.opacity.blockSignals(True)
            self.opacity.setValue(round(self.layer.opacity * 100))
            self.opacity.blockSignals(False)
        else:
            self._later()

    def _refresh(self, *_args) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.classes = None
        self._summary: dict[str, QLabel] = {}
        layer = self.layer
        if layer is None:
            self.form.addRow(QLabel(self.tr("Select a layer to see its properties.")))
            return
        self.form.addRow(self.tr("Name"), QLabel(layer.name))
        self.form.addRow(self.tr("Kind"), QLabel(layer.kind))
        self.opacity = QSlider(Qt.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setValue(round(layer.opacity * 100))
        self.opacity.setAccessibleName(self.tr("Opacity"))
        self.opacity.valueChanged.connect(lambda v: setattr(layer, "opacity", v / 100))
        self.form.addRow(self.tr("Opacity"), self.opacity)
        style = getattr(layer, "style", None)
        if isinstance(style, Style):
            for f in fields(style):
                if f.name.endswith("color"):
                    self.form.addRow(f.name.replace("_", " ").capitalize(), self._color_button(layer, f.name))
        if isinstance(layer, (TerrainLayer, BuildingsLayer)):
            self._shading_rows(layer)
        if isinstance(layer, PointCloudLayer):
            self._point_cloud_rows(layer)
        if isinstance(layer, TemporalLayer):
            self._time_rows(layer)
        if isinstance(layer, BasemapLayer):
            self._basemap_rows(layer)
        else:
            self._plugin_rows(layer)
        if isinstance(layer, ModelLayer):
            self._model_rows(layer)
        if isinstance(layer, (VectorLayer, BuildingsLayer)) and layer.data is not None:
            self._thematic_rows(layer)
        if isinstance(layer, (VectorLayer, BuildingsLayer)) and self.reload is not None:
            from twin._qt.layer_filter import filter_row
            self.filter = filter_row(self.form, layer, self.reload)    # an expression: the features read
        source = getattr(layer, "source", None)
        if source is not None:
            label = QLabel(source.name)
            label.setToolTip(str(source))
            self.form.addRow(self.tr("Source"), label)
        if layer.error:
            err = QLabel(layer.error)
            err.setWordWrap(True)
            err.setStyleSheet("color: #b00020")
            self.form.addRow(self.tr("Not loaded"), err)
        for key, value in _data_summary(layer).items():
            self._summary[key] = QLabel(value)
            self.form.addRow(key, self._summary[key])

    def _point_cloud_rows(self, layer: PointCloudLayer) -> None:
        style = layer.style
        color_by = QComboBox()
        color_by.addItems(["auto", "classification", "elevation", "intensity", "rgb"])
        color_by.setCurrentText(style.color_by)
        color_by.currentTextChanged.connect(lambda v: setattr(layer, "style", layer.style.replace(color_by=v)))
        self.form.addRow(self.tr("Colour by"), color_by)
        size = QDoubleSpinBox()
        size.setRange(0.5, 20)
        size.setSingleStep(0.5)
        size.setValue(style.point_size)
        size.valueChanged.connect(lambda v: setattr(layer, "style", layer.style.replace(point_size=v)))
        self.form.addRow(self.tr("Point size"), size)
        edl = QCheckBox(self.tr("Eye-dome lighting"))
        edl.setChecked(style.eye_dome_lighting)
        edl.toggled.connect(lambda v: setattr(layer, "style", layer.style.replace(eye_dome_lighting=v)))
        self.form.addRow(self.tr("Shading"), edl)
        if layer.data is not None and len(layer.data.classes):
            self.classes = ClassLegend(layer)
            self.form.addRow(self.tr("Classes"), self.classes)

    def _shading_rows(self, layer: TerrainLayer | BuildingsLayer) -> None:
        """The terrain's relief, the buildings' maquette: one switch per style field."""
        if isinstance(layer, TerrainLayer):
            switches = {"relief": self.tr("Relief (hillshade and height tint)")}
        else:
            switches = {"vary_tones": self.tr("Tones by use and age"),
                        "occlusion": self.tr("Shade at the foot of walls"),
                        "outlines": self.tr("Outlines"), "roof_ortho": self.tr("Orthophoto on roofs")}
        for i, (name, text) in enumerate(switches.items()):
            box = QCheckBox(text)
            box.setObjectName(f"style_{name}")
            box.setChecked(getattr(layer.style, name))
            box.toggled.connect(lambda on, n=name: setattr(layer, "style", layer.style.replace(**{n: on})))
            if name == "relief" and layer.texture is not None:
                box.setEnabled(False)
                box.setToolTip(self.tr("The orthophoto is draped instead"))
            self.form.addRow(self.tr("Shading") if i == 0 else "", box)

    def _thematic_rows(self, layer) -> None:
        """Colour by an attribute, QGIS-style: the field, how it is classified, how many classes."""
        style = layer.style
        frame = layer.data.table.frame
        by_attribute = getattr(style, "color_by", "attribute") == "attribute" and style.color_field
        self.thematic_field = QComboBox()
        self.thematic_field.setAccessibleName(self.tr("Colour by attribute"))
        self.thematic_field.addItem(self.tr("(one colour)"), None)
        for name in frame.columns:
            if name != getattr(frame, "_geometry_column_name", None):
                self.thematic_field.addItem(str(name), str(name))
        self.thematic_field.setCurrentIndex(max(0, self.thematic_field.findData(style.color_field)) if by_attribute else 0)
        self.thematic_method = QComboBox()
        self.thematic_method.addItems(list(CLASSIFY))
        self.thematic_method.setCurrentText(style.classify)
        self.thematic_count = QDoubleSpinBox()
        self.thematic_count.setDecimals(0)
        self.thematic_count.setRange(2, 12)
        self.thematic_count.setValue(style.classes)
        for widget in (self.thematic_field, self.thematic_method):
            widget.currentIndexChanged.connect(lambda _i: self._set_thematic(layer))
        self.thematic_count.editingFinished.connect(lambda: self._set_thematic(layer))
        self.form.addRow(self.tr("Colour by"), self.thematic_field)
        self.form.addRow(self.tr("Classes"), self.thematic_method)
        self.form.addRow(self.tr("Number of classes"), self.thematic_count)
        if hasattr(style, "label_field"):
            self.label_field = QComboBox()
            self.label_field.setAccessibleName(self.tr("Label from attribute"))
            self.label_field.addItem(self.tr("(no labels)"), None)
            for i in range(1, self.thematic_field.count()):
                self.label_field.addItem(self.thematic_field.itemText(i), self.thematic_field.itemData(i))
            self.label_field.setCurrentIndex(max(0, self.label_field.findData(style.label_field)))
            self.label_field.currentIndexChanged.connect(
                lambda _i: setattr(layer, "style", layer.style.replace(label_field=self.label_field.currentData())))
            self.form.addRow(self.tr("Labels"), self.label_field)
        if self.reload is not None:
            join = QPushButton(self.tr("Change the joined table…") if layer.join is not None
                               else self.tr("Join a table…"))
            join.setToolTip(self.tr("joined: {}").format(layer.join.table.name) if layer.join is not None else
                            self.tr("add a table's columns by key or by location (CSV, XLSX, Parquet)"))
            join.clicked.connect(lambda: self.join_table(layer))
            self.form.addRow(self.tr("Table"), join)

    def join_table(self, layer):
        """Opens the join dialog (window-modal, not blocking); an accepted join reads the
        layer again with it."""
        from twin._qt.join_dialog import JoinDialog
        dialog = JoinDialog(layer, self)
        dialog.accepted.connect(lambda: self.reload(layer))
        dialog.open()
        return dialog

    def _set_thematic(self, layer) -> None:
        field = self.thematic_field.currentData()
        changes = {"color_field": field, "classify": self.thematic_method.currentText(), "classes": int(self.thematic_count.value())}
        if isinstance(layer, BuildingsLayer):
            changes["color_by"] = "attribute" if field else "solid"
        style = layer.style.replace(**changes)
        if style != layer.style:
            layer.style = style

    def _model_rows(self, layer: ModelLayer) -> None:
        """Level of detail, and the placement of a model in its own coordinates: every edit
        moves the model at once and is saved with the scene."""
        data = layer.data
        if data is not None and len(data.lods) > 1:
            lod = QComboBox()
            lod.setAccessibleName(self.tr("Level of detail"))
            lod.addItem(self.tr("finest of each object"), "")
            for name in data.lods:
                lod.addItem(self.tr("LoD {}").format(name) if name else self.tr("no LoD"), name)
            lod.setCurrentIndex(max(0, lod.findData(layer.lod)))
            lod.currentIndexChanged.connect(lambda i: setattr(layer, "lod", lod.itemData(i)))
            self.form.addRow(self.tr("Shown"), lod)
        if data is None or data.raw is None or not data.raw.local:
            return
        p = layer.effective_placement()
        self.placement_edits: dict[str, QWidget] = {}
        for name, label, lo, hi, value, step in (
                ("x", self.tr("Anchor E (m)"), -1e8, 1e8, p.anchor[0], 1.0),
                ("y", self.tr("Anchor N (m)"), -1e8, 1e8, p.anchor[1], 1.0),
                ("z", self.tr("Anchor altitude (m)"), -1e4, 1e4, p.anchor[2] if len(p.anchor) == 3 else 0.0, 0.5),
                ("rotation", self.tr("Rotation (°, anticlockwise)"), -360, 360, p.rotation, 5.0),
                ("scale", self.tr("Scale"), 0.001, 1000, p.scale, 0.1)):
            spin = QDoubleSpinBox()
            spin.setRange(lo, hi)
            spin.setDecimals(3 if name == "scale" else 2)
            spin.setSingleStep(step)
            spin.setValue(value)
            spin.setAccessibleName(label)
            spin.editingFinished.connect(lambda: self._set_placement(layer))
            self.placement_edits[name] = spin
            self.form.addRow(label, spin)
        grounded = QCheckBox(self.tr("Stand on the ground"))
        grounded.setChecked(len(p.anchor) == 2)
        self.placement_edits["z"].setEnabled(not grounded.isChecked())
        grounded.toggled.connect(lambda _on: self._set_placement(layer))
        self.placement_edits["ground"] = grounded
        self.form.addRow("", grounded)
        up = QComboBox()
        up.addItems(["z", "y"])
        up.setCurrentText(p.up)
        up.setAccessibleName(self.tr("Up axis of the model"))
        up.currentTextChanged.connect(lambda _t: self._set_placement(layer))
        self.placement_edits["up"] = up
        self.form.addRow(self.tr("Up axis"), up)
        here = QPushButton(self.tr("Place at the view's centre"))
        here.clicked.connect(lambda: self._place_at_centre(layer))
        here.setEnabled(self.view_centre is not None)
        self.form.addRow("", here)

    def _set_placement(self, layer: ModelLayer) -> None:
        e = self.placement_edits
        anchor = (e["x"].value(), e["y"].value()) + (() if e["ground"].isChecked() else (e["z"].value(),))
        placement = Placement(anchor=anchor, crs="", rotation=e["rotation"].value(), scale=e["scale"].value(),
                              up=e["up"].currentText())
        if placement != layer.placement:
            layer.placement = placement

    def _place_at_centre(self, layer: ModelLayer) -> None:
        centre = self.view_centre() if self.view_centre is not None else None
        if centre is None:
            return
        self.placement_edits["x"].setValue(centre[0])
        self.placement_edits["y"].setValue(centre[1])
        self.placement_edits["ground"].setChecked(True)
        self._set_placement(layer)

    def _plugin_rows(self, layer: Layer) -> None:
        """A plugin layer's own settings (thresholds, fields, filters), as the scene file
        keeps them; a value the layer refuses turns red with the reason. Settings that
        name files or columns take effect with *Reload*."""
        from twin.io.scene_file import plugin_fields
        temporal = {"time_offset", "fixed_time", "history", "max_age", "compare"}
        settings = {k: v for k, v in plugin_fields(type(layer)).items() if k not in temporal}
        if not settings:
            return
        self.setting_edits: dict[str, QWidget] = {}
        for name, default in settings.items():
            value = getattr(layer, name)
            if isinstance(default, bool):
                edit = QCheckBox()
                edit.setChecked(bool(value))
                edit.toggled.connect(lambda on, n=name: self._set_setting(layer, n, on, None))
            elif isinstance(default, (int, float)):
                edit = QLineEdit(f"{value:g}")
                edit.editingFinished.connect(lambda n=name, e=edit, t=type(default): self._set_setting(
                    layer, n, e.text(), e, t))
            else:
                edit = QLineEdit(str(value))
                edit.editingFinished.connect(lambda n=name, e=edit: self._set_setting(layer, n, e.text(), e))
            edit.setAccessibleName(name)
            self.setting_edits[name] = edit
            self.form.addRow(name.replace("_", " ").capitalize(), edit)
        if self.reload is not None:
            again = QPushButton(self.tr("Reload the layer's files"))
            again.clicked.connect(lambda: self.reload(layer))
            self.form.addRow("", again)

    def _basemap_rows(self, layer: BasemapLayer) -> None:
        """A preset (IGN's Plan, its orthophotos) or any service: a WMTS endpoint and its
        layer, or an XYZ template pasted as the URL; the credit shown in the view."""
        self.preset = QComboBox()
        for text, key in ((self.tr("Plan IGN"), "plan-ign"), (self.tr("IGN orthophotos"), "ortho-ign"),
                          (self.tr("Another service (URL below)"), "")):
            self.preset.addItem(text, key)
        self.preset.setCurrentIndex(self.preset.findData(layer.preset))
        self.preset.setAccessibleName(self.tr("Basemap"))
        self.form.addRow(self.tr("Basemap"), self.preset)
        self.setting_edits = {}
        for name, label in (("url", self.tr("URL (WMTS or XYZ {z}/{x}/{y})")), ("layer", self.tr("WMTS layer")),
                            ("style", self.tr("WMTS style")), ("tile_matrix_set", self.tr("Tile matrix set")),
                            ("format", self.tr("Format")), ("attribution", self.tr("Attribution"))):
            edit = QLineEdit(getattr(layer, name))
            edit.setPlaceholderText(getattr(layer.service(), name, ""))     # what the preset uses
            edit.setAccessibleName(label)
            edit.editingFinished.connect(lambda n=name, e=edit: self._set_setting(layer, n, e.text(), e))
            self.setting_edits[name] = edit
            self.form.addRow(label, edit)
        self.preset.currentIndexChanged.connect(
            lambda _i: self._set_setting(layer, "preset", self.preset.currentData(), self.preset))

    def _set_setting(self, layer, name: str, value, edit, kind=str) -> None:
        try:
            value = kind(value) if kind is not str else str(value).strip()
            if value == getattr(layer, name):
                return
            replace(layer, **{name: value})        # a copy runs the layer's checks
        except (ValueError, TypeError) as exc:
            if edit is not None:
                edit.setStyleSheet("border: 1px solid #b00020")
                edit.setToolTip(f"{name}: {exc}")
            return
        if edit is not None:
            edit.setStyleSheet("")
        setattr(layer, name, value)

    def _time_rows(self, layer: TemporalLayer) -> None:
        """The layer's temporal settings, as the scene file keeps them (ISO 8601); a value
        the model refuses is shown in red with the reason and not applied."""
        self.time_edits: dict[str, QLineEdit] = {}
        rows = [("time_offset", self.tr("Time offset"), self.tr("e.g. -P7D: the state a week before the timeline's")),
                ("fixed_time", self.tr("Pinned at"), self.tr("an instant in UTC (2026-06-21T10:00:00Z) shown "
                                                             "whatever the timeline; empty: follow it")),
                ("history", self.tr("Chart span"), self.tr("how far back a picked feature's chart goes, e.g. P1D"))]
        rows += [(name, label, tip) for name, label, tip in (
            ("max_age", self.tr("Silent after"),
             self.tr("a reading older than this counts as no reading, e.g. PT1H")),
            ("compare", self.tr("Compare with"),
             self.tr("the slot this long before, e.g. P7D (a week), P364D (a year)")))
            if hasattr(layer, name)]
        for name, label, tip in rows:
            edit = QLineEdit(getattr(layer, name))
            edit.setToolTip(tip)
            edit.setAccessibleName(label)
            edit.editingFinished.connect(lambda n=name, e=edit: self._set_setting(layer, n, e.text(), e))
            self.time_edits[name] = edit
            self.form.addRow(label, edit)


    def _color_button(self, layer, name: str) -> QPushButton:
        value = getattr(layer.style, name)
        button = QPushButton(value)
        button.setAccessibleName(name)
        button.setStyleSheet(f"background: {value}; color: {'#000' if QColor(value).lightness() > 128 else '#fff'}")

        def pick():
            color = QColorDialog.getColor(QColor(value), self, f"{layer.name}: {name}")
            if color.isValid():
                layer.style = layer.style.replace(**{name: color.name()})
        button.clicked.connect(pick)
        return button


def _data_summary(layer: Layer) -> dict[str, str]:
    data = layer.data
    if data is None:
        return {}
    out, n = {}, QLocale().toString
    table = getattr(data, "table", None)
    if table is not None:
        out[translate("PropertiesPanel", "Features")] = n(len(table))
        if table.skipped_null:
            out[translate("PropertiesPanel", "Skipped")] = translate("PropertiesPanel", "{} without geometry").format(n(table.skipped_null))
        if table.repaired:
            out[translate("PropertiesPanel", "Repaired")] = translate("PropertiesPanel", "{} invalid geometries").format(n(table.repaired))
    sources = getattr(data, "height_sources", None)
    if sources:
        out[translate("PropertiesPanel", "Heights from")] = ", ".join(f"{k}: {v}" for k, v in sources.items() if v)
    total = getattr(data, "total", None)
    if total is not None:
        out[translate("PropertiesPanel", "Points")] = translate("PropertiesPanel", "{} shown of {}").format(n(len(data.points)), n(total))
        stream = getattr(data, "stream", None)
        if stream is not None:
            out[translate("PropertiesPanel", "Tiles")] = translate("PropertiesPanel", "{}, {} of {} nodes shown").format(len(stream.tiles), n(data.nodes),
                                                                      n(len(stream.nodes)))
    grid = getattr(data, "grid", None)
    if grid is not None:
        out[translate("PropertiesPanel", "Grid")] = translate("PropertiesPanel", "{}×{} at {} m").format(grid.shape[1], grid.shape[0], n(abs(grid.transform.a)))
    return out


class ClassLegend(QListWidget):
    """The classes present in a point cloud, with their colour; unticking hides a class."""

    def __init__(self, layer: PointCloudLayer, parent=None):
        super().__init__(parent)
        self.layer = layer
        self.codes = list(layer.data.classes)
        hidden = set(layer.style.hidden_classes)
        for code in self.codes:
            item = QListWidgetItem(f"{code} — {class_name(code)}")
            item.setData(Qt.UserRole, code)
            item.setData(Qt.DecorationRole, QColor(class_color(code)))
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Unchecked if code in hidden else Qt.Checked)
            self.addItem(item)
        self.setMinimumHeight(min(24 * self.count() + 8, 320))
        self.itemChanged.connect(self._changed)

    def _changed(self, _item) -> None:
        hidden = tuple(self.item(i).data(Qt.UserRole) for i in range(self.count())
                       if self.item(i).checkState() != Qt.Checked)
        self.layer.style = self.layer.style.replace(hidden_classes=hidden)


class AttributesPanel(QTableWidget):
    """Attributes of the picked building or parcel."""

    def __init__(self, parent=None):
        super().__init__(0, 2, parent)
        self.setHorizontalHeaderLabels([self.tr("Attribute"), self.tr("Value")])
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QTableWidget.NoEditTriggers)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.setHorizontalHeaderLabels([self.tr("Attribute"), self.tr("Value")])
        super().changeEvent(event)


    def show_attributes(self, title: str, attributes: dict) -> None:
        rows = [("layer", title), *((str(k), _fmt(v)) for k, v in attributes.items())]
        self.setRowCount(len(rows))
        for r, (k, v) in enumerate(rows):
            self.setItem(r, 0, QTableWidgetItem(k))
            self.setItem(r, 1, QTableWidgetItem(v))


def _fmt(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "—"
    return str(value)
