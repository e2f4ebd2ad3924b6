"""The layer tree's right-click menu (zoom to, rename, duplicate, remove, export, styles) and
the window's Edit ▸ Undo / Redo, as QGIS users know them.

Every change goes through the scene's ``twin.core.undo.LayerHistory``; one
``UndoJournal`` over it and the projects' history makes Edit ▸ Undo undo the last thing
done, a layer change or a project edit. Exports run off the GUI thread and can be cancelled."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFileDialog, QFormLayout, QMenu, QMessageBox,
)

from twin._qt.loader import BackgroundTask
from twin.core.camera import View
from twin.core.errors import TwinError
from twin.core.layers import (
    BasemapLayer, BuildingsLayer, DataLayer, Layer, LayerGroup, PointCloudLayer, VectorLayer,
)
from twin.core.undo import LayerHistory, UndoJournal
from twin.projects.model import Projects


def layer_bounds(layer: Layer) -> tuple | None:
    """(xmin, ymin, zmin, xmax, ymax, zmax) of what ``layer`` (a group: its layers) has loaded."""
    boxes = []
    for leaf in layer.leaves() if isinstance(layer, LayerGroup) else [layer]:
        box = getattr(leaf.data, "bounds", None) if leaf.data is not None else None
        if box is not None:
            box = list(map(float, box))
            boxes.append(box if len(box) == 6 else [box[0], box[1], 0.0, box[2], box[3], 0.0])
    if not boxes:
        return None
    boxes = np.asarray(boxes)
    return tuple(float(v) for v in np.concatenate([boxes[:, :3].min(axis=0), boxes[:, 3:].max(axis=0)]))


class LayerActions(QObject):
    """Wires the menu to ``window``'s layer tree; ``history`` and ``journal`` are the undo
    stacks (scripts reach them as ``window.layer_actions.history``)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.history = LayerHistory(window.scene.layers)
        self.journal = UndoJournal(self.history, Projects.of(window.scene).history)
        self.task: BackgroundTask | None = None
        window.tree.model().history = self.history
        window.tree.setContextMenuPolicy(Qt.CustomContextMenu)
        window.tree.customContextMenuRequested.connect(self._requested)

    def close(self) -> None:
        self.history.close()

    def _requested(self, pos) -> None:
        index = self.window.tree.indexAt(pos)
        if index.isValid():
            self.menu = self.menu_for(self.window.tree.model().layer(index))
            self.menu.popup(self.window.tree.viewport().mapToGlobal(pos))

    def menu_for(self, layer: Layer) -> QMenu:
        menu = QMenu(self.window.tree)
        entries = [("zoom", self.tr("&Zoom to layer"), self.zoom_to), ("rename", self.tr("&Rename"), self.rename),
                   ("duplicate", self.tr("&Duplicate"), self.duplicate), ("remove", self.tr("Re&move"), self.remove)]
        if _exportable(layer):
            entries.append(("export", self.tr("&Export…"), self.export))
        entries.append(("basemap", self.tr("Add a &basemap…"), self.add_basemap))
        if getattr(layer, "style", None) is not None and not isinstance(layer, BasemapLayer):
            entries += [("save_style", self.tr("&Save style…"), self.save_style),
                        ("load_style", self.tr("&Load style…"), self.load_style)]
        for key, text, slot in entries:
            action = menu.addAction(text)
            action.setObjectName(key)
            action.triggered.connect(lambda _=False, s=slot: s(layer))
            if key == "zoom":
                action.setEnabled(layer_bounds(layer) is not None)
        return menu

    # -- actions ------------------------------------------------------------------------------
    def zoom_to(self, layer: Layer) -> None:
        bounds = layer_bounds(layer)
        if bounds is not None:
            self.window.go_to(View.looking_at(bounds))

    def rename(self, layer: Layer) -> None:
        """In place, in the tree (the model records the new name)."""
        tree = self.window.tree
        index = tree.model().index_of(layer)
        tree.setCurrentIndex(index)
        tree.edit(index)

    def duplicate(self, layer: Layer) -> Layer:
        copy = self.history.duplicate(layer)
        leaves = [copy] if not isinstance(copy, LayerGroup) else list(copy.leaves())
        data = [leaf for leaf in leaves if isinstance(leaf, DataLayer)]
        if data:
            self.window.load_layers(data, show_dialog=False)
        return copy

    def remove(self, layer: Layer) -> None:
        self.history.remove(layer)

    def add_basemap(self, _layer: Layer | None = None) -> BasemapLayer:
        """IGN's Plan at the bottom of the tree (under what is drawn on it), chosen in the
        properties panel: another preset, or any WMTS or XYZ URL."""
        root = self.window.scene.layers
        basemap = self.history.add(BasemapLayer(self.tr("Plan IGN"), preset="plan-ign"), root, len(root))
        tree = self.window.tree
        tree.setCurrentIndex(tree.model().index_of(basemap))
        return basemap

    def export(self, layer: Layer, path: str | None = None, box: tuple | None = None) -> BackgroundTask | None:
        """Vector features to GeoJSON or GPKG; a point cloud's points inside a box to
        LAS/LAZ/COPC (the box asked for, the view's layer extent offered)."""
        from twin.io.layer_files import export_points, export_vector
        if isinstance(layer, PointCloudLayer):
            if path is None or box is None:
                dialog = PointsExportDialog(layer, self.window)
                if dialog.exec() != QDialog.Accepted:
                    return None
                path, box = dialog.path, dialog.box()
            return self._run(lambda fb: export_points(layer, path, box, fb),
                             self.tr("Exporting the points of {}…").format(layer.name),
                             self.tr("{} points written to {}"), path)
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export {}").format(layer.name),
                                                  f"{layer.name}.gpkg",
                                                  self.tr("GeoPackage (*.gpkg);;GeoJSON (*.geojson)"))
            if not path:
                return None
        return self._run(lambda _fb: export_vector(layer, path), self.tr("Exporting {}…").format(layer.name),
                         self.tr("{} features written to {}"), path)

    def _run(self, work, title: str, done: str, path) -> BackgroundTask:
        self.task = BackgroundTask(work, title, self.window)
        self.task.finished.connect(lambda n: self.window.statusBar().showMessage(
            done.format(self.window.locale().toString(int(n)), path), 10000))
        self.task.failed.connect(lambda message: message and QMessageBox.warning(
            self.window, self.tr("Export failed"), message))
        self.task.start()
        return self.task

    def save_style(self, layer: Layer, path: str | None = None) -> bool:
        from twin.io.layer_files import save_style
        path = path or QFileDialog.getSaveFileName(self.window, self.tr("Save the style of {}").format(layer.name),
                                                   f"{layer.name}.style.toml", self.tr("twin styles (*.toml)"))[0]
        return bool(path) and self._try(lambda: save_style(layer, path), self.tr("Cannot save the style"))

    def load_style(self, layer: Layer, path: str | None = None) -> bool:
        from twin.io.layer_files import load_style
        path = path or QFileDialog.getOpenFileName(self.window, self.tr("Load a style on {}").format(layer.name),
                                                   "", self.tr("twin styles (*.toml)"))[0]
        if not path:
            return False

        def apply():
            style, opacity = load_style(layer, path)
            self.history.change(layer, self.tr("Style of {}").format(layer.name), style=style, opacity=opacity)
        return self._try(apply, self.tr("Cannot load the style"))

    def _try(self, work, title: str) -> bool:
        try:
            work()
        except TwinError as exc:
            QMessageBox.warning(self.window, title, exc.message)
            return False
        return True

    # -- Edit menu ------------------------------------------------------------------------------
    def edit_menu(self, parent) -> QMenu:
        """Edit ▸ Undo / Redo: the last thing done, a layer change or a project edit."""
        menu = QMenu(self.tr("&Edit"), parent)
        self.undo_action = QAction(menu, shortcut=QKeySequence.Undo)
        self.undo_action.triggered.connect(self.journal.undo)
        self.redo_action = QAction(menu, shortcut=QKeySequence.Redo)
        self.redo_action.triggered.connect(self.journal.redo)
        menu.addActions([self.undo_action, self.redo_action])
        self.journal.changed.connect(self._journal_changed)
        menu.destroyed.connect(lambda *_: self.journal.changed.disconnect(self._journal_changed))
        self._journal_changed()
        return menu

    def _journal_changed(self) -> None:
        j = self.journal
        self.undo_action.setText(self.tr("&Undo {}").format(j.undo_text) if j.can_undo else self.tr("&Undo"))
        self.redo_action.setText(self.tr("&Redo {}").format(j.redo_text) if j.can_redo else self.tr("&Redo"))
        self.undo_action.setEnabled(j.can_undo)
        self.redo_action.setEnabled(j.can_redo)


def _exportable(layer: Layer) -> bool:
    return isinstance(layer, PointCloudLayer) or (isinstance(layer, (VectorLayer, BuildingsLayer))
                                                  and getattr(layer.data, "table", None) is not None)


class PointsExportDialog(QDialog):
    """The box (scene CRS) and the format of a point export; the layer's extent to start."""

    FORMATS = {"las": "LAS (*.las)", "laz": "LAZ (*.laz)", "copc.laz": "COPC (*.copc.laz)"}

    def __init__(self, layer: PointCloudLayer, parent=None):
        super().__init__(parent)
        self.layer, self.path = layer, ""
        self.setWindowTitle(self.tr("Export the points of {}").format(layer.name))
        bounds = layer_bounds(layer) or (0.0, 0.0, 0.0, 1.0, 1.0, 0.0)
        self.edges = []
        form = QFormLayout(self)
        for label, value in ((self.tr("West (m)"), bounds[0]), (self.tr("South (m)"), bounds[1]),
                             (self.tr("East (m)"), bounds[3]), (self.tr("North (m)"), bounds[4])):
            spin = QDoubleSpinBox()
            spin.setRange(-1e8, 1e8)
            spin.setDecimals(2)
            spin.setValue(value)
            spin.setAccessibleName(label)
            self.edges.append(spin)
            form.addRow(label, spin)
        self.format = QComboBox()
        for key in self.FORMATS:
            self.format.addItem(key.upper().replace(".LAZ", ""), key)
        self.format.setAccessibleName(self.tr("Format"))
        form.addRow(self.tr("Format"), self.format)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self._choose_file)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def box(self) -> tuple[float, float, float, float]:
        return tuple(spin.value() for spin in self.edges)

    def _choose_file(self) -> None:
        key = self.format.currentData()
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the points"), f"{self.layer.name}.{key}",
                                              self.FORMATS[key])
        if path:
            self.path = path if path.lower().endswith(f".{key}") else f"{Path(path).with_suffix('')}.{key}"
            self.accept()
