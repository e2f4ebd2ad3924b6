"""The attribute table of a vector, buildings or 3D-model layer: sort, filter by an
expression, select rows ↔ highlight in 3D (the selection lives in the model,
``twin.core.selection``), zoom to the selection, a feature's form, export.

The Qt model reads cells lazily through an index array (the rows shown, in their
order): sorting and filtering are numpy/pandas over whole columns, never a Python
comparison per row, so 100 000 rows stay smooth."""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QItemSelection, QItemSelectionModel, QLocale, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QMessageBox, QPushButton, QScrollArea, QTableView, QVBoxLayout, QWidget,
)

from twin.core.errors import TwinError
from twin.core.expressions import ExpressionError, parse
from twin.core.selection import Selection, table_of

NULL_COLOR = QColor("#9a9a9a")


def shown_columns(frame) -> list:
    geometry = getattr(frame, "_geometry_column_name", None)
    return [c for c in frame.columns if c != geometry and not str(c).startswith("_")]


def display(value) -> str | None:
    """A cell as text (None for NULL); numbers the user's locale's way."""
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return QLocale().toString(int(value))
    if isinstance(value, (float, np.floating)):
        return QLocale().toString(float(value), "g", 12)
    return str(value)


class FeatureTableModel(QAbstractTableModel):
    """Rows of a layer's table through ``order`` (positions shown, sorted, filtered)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.frame = None
        self.columns: list = []
        self.order = np.empty(0, np.int64)
        self.matching = np.empty(0, np.int64)      # the filter's rows, in table order
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_frame(self, frame) -> None:
        self.beginResetModel()
        self.frame = frame
        self.columns = shown_columns(frame) if frame is not None else []
        self.matching = np.arange(len(frame) if frame is not None else 0, dtype=np.int64)
        self.order = self.matching
        self._sort = None
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.DisplayRole, Qt.ToolTipRole, Qt.ForegroundRole, Qt.TextAlignmentRole):
            value = self.frame.iat[int(self.order[index.row()]), self.frame.columns.get_loc(self.columns[index.column()])]
            text = display(value)
            if role == Qt.ForegroundRole:
                return NULL_COLOR if text is None else None
            if role == Qt.TextAlignmentRole:
                numeric = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)
                return int(Qt.AlignRight | Qt.AlignVCenter) if numeric else None
            return "NULL" if text is None else text
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal:
            return str(self.columns[section]) if section < len(self.columns) else None
        return str(int(self.order[section]) + 1) if section < len(self.order) else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        if self.frame is None or not 0 <= column < len(self.columns):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        self.order = self._sorted(self.matching)
        self.layoutChanged.emit()

    def _sorted(self, rows: np.ndarray) -> np.ndarray:
        if self._sort is None:
            return rows
        column, order = self._sort
        values = self.frame[self.columns[column]].iloc[rows].reset_index(drop=True)
        try:
            ranked = values.sort_values(ascending=order == Qt.AscendingOrder, na_position="last", kind="stable")
        except TypeError:           # mixed types in an object column: as text
            ranked = values.astype(str).sort_values(ascending=order == Qt.AscendingOrder, kind="stable")
        return rows[ranked.index.to_numpy()]

    def set_filter(self, mask: np.ndarray | None) -> None:
        self.beginResetModel()
        n = len(self.frame) if self.frame is not None else 0
        self.matching = np.arange(n, dtype=np.int64) if mask is None else np.flatnonzero(mask)
        self.order = self._sorted(self.matching)
        self.endResetModel()

    def positions(self, rows: np.ndarray) -> np.ndarray:
        """Where table rows ``rows`` stand in the view (−1 when filtered out)."""
        inverse = np.full(len(self.frame) if self.frame is not None else 0, -1, np.int64)
        inverse[self.order] = np.arange(len(self.order))
        rows = np.asarray(rows, np.int64)
        return inverse[rows[rows < len(inverse)]]


class FeatureForm(QDialog):
    """One feature's attributes, field by field."""

    def __init__(self, layer_name: str, attributes: dict, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("{} — feature").format(layer_name))
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        for name, value in attributes.items():
            text = display(value)
            edit = QLineEdit("NULL" if text is None else text, readOnly=True)
            self.fields[str(name)] = edit
            form.addRow(str(name), edit)
        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(inner)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(buttons)
        self.resize(420, 520)


class AttributeTable(QWidget):
    """The table of one layer; ``zoom_to(bounds)`` asks the window to frame the selection."""

    zoom_to = Signal(object)

    def __init__(self, crs=None, parent=None, origin=lambda: (0.0, 0.0, 0.0)):
        super().__init__(parent)
        self.layer = None
        self.crs = crs
        self.origin = origin          # () -> the scene's origin: a 3D model's mesh is relative to it
        self._syncing = False
        self.model = FeatureTableModel(self)
        self.view = QTableView(sortingEnabled=True)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.view.horizontalHeader().setSortIndicatorShown(True)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.selectionModel().selectionChanged.connect(self._rows_selected)
        self.view.doubleClicked.connect(lambda index: self.open_form(int(self.model.order[index.row()])))

        self.title = QLabel()
        self.expression = QLineEdit(placeholderText=self.tr("Expression, e.g. \"hauteur\" > 15 AND \"usage_1\" = 'Résidentiel'"))
        self.expression.returnPressed.connect(self.apply_filter)
        self.error = QLabel(wordWrap=True)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()
        self.count = QLabel()
        buttons = QHBoxLayout()
        for text, slot, name in ((self.tr("Filter"), self.apply_filter, "filter"),
                                 (self.tr("Select matching"), self.select_matching, "select"),
                                 (self.tr("Clear selection"), self.clear_selection, "clear"),
                                 (self.tr("Zoom to selection"), self.zoom_to_selection, "zoom"),
                                 (self.tr("Form…"), self.open_current_form, "form"),
                                 (self.tr("Export selection…"), self.export_selection, "export")):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch()
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.expression, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        copy = QAction(self.view, shortcut=QKeySequence.Copy)
        copy.triggered.connect(self.copy_rows)
        self.view.addAction(copy)

    # -- the layer ----------------------------------------------------------------------------
    def set_layer(self, layer) -> None:
        if self.layer is not None:
            Selection.of(self.layer).changed.disconnect(self._selection_changed)
            self.layer.data_changed.disconnect(self._data_changed)
        self.layer = layer
        self.error.hide()
        if layer is not None:
            Selection.of(layer).changed.connect(self._selection_changed)
            layer.data_changed.connect(self._data_changed)
        self._data_changed()

    def _data_changed(self, *_args) -> None:
        frame = table_of(self.layer) if self.layer is not None else None
        self.model.set_frame(frame)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)
        if self.layer is None:
            self.title.setText(self.tr("No layer"))
        elif frame is None:
            self.title.setText(self.tr("{} (no table: not loaded, or not a layer of features)").format(self.layer.name))
        else:
            self.title.setText(self.layer.name)
        if self.expression.text().strip() and frame is not None:
            self.apply_filter()
        self._selection_changed()

    # -- filter and selection -----------------------------------------------------------------
    def _parsed(self):
        """The expression typed, checked against the layer's fields; None (and the reason
        shown in red) when it is refused."""
        text = self.expression.text()
        self.error.hide()
        if self.model.frame is None:
            return None
        try:
            expr = parse(text)
            mask = expr.mask(self.model.frame, crs=self.crs)
        except ExpressionError as exc:
            self.error.setText(self.tr("Expression refused at character {}: {}").format(exc.position + 1, exc.message))
            self.error.show()
            return None
        return mask

    def apply_filter(self) -> None:
        """Shows only the rows where the expression is TRUE (all rows when it is empty)."""
        if not self.expression.text().strip():
            self.model.set_filter(None)
            self.error.hide()
        else:
            mask = self._parsed()
            if mask is None:
                return
            self.model.set_filter(mask)
        self._selection_changed()

    def select_matching(self) -> None:
        mask = self._parsed() if self.expression.text().strip() else None
        if mask is not None and self.layer is not None:
            Selection.of(self.layer).set(np.flatnonzero(mask))

    def clear_selection(self) -> None:
        if self.layer is not None:
            Selection.of(self.layer).clear()

    def _rows_selected(self, *_args) -> None:
        if self._syncing or self.layer is None:
            return
        picked = np.array(sorted({i.row() for i in self.view.selectionModel().selectedRows()}), np.int64)
        shown = self.model.order[picked] if len(picked) else np.empty(0, np.int64)
        selection = Selection.of(self.layer)
        hidden = np.setdiff1d(selection.rows, self.model.order)     # selected, filtered out: kept
        self._syncing = True
        try:
            selection.set(np.r_[hidden, shown])
        finally:
            self._syncing = False
        self._update_count()

    def _selection_changed(self, *_args) -> None:
        """The model's selection → the table's, in runs of consecutive rows (one range per
        run, not one per row)."""
        self._update_count()
        if self._syncing or self.layer is None or self.model.frame is None:
            return
        where = np.sort(self.model.positions(Selection.of(self.layer).rows))
        where = where[where >= 0]
        ranges = QItemSelection()
        if len(where):
            breaks = np.flatnonzero(np.diff(where) != 1)
            starts, ends = np.r_[where[0], where[breaks + 1]], np.r_[where[breaks], where[-1]]
            last = self.model.columnCount() - 1
            for a, b in zip(starts.tolist(), ends.tolist()):
                ranges.select(self.model.index(a, 0), self.model.index(b, last))
        self._syncing = True
        try:
            self.view.selectionModel().select(ranges, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
            if len(where):
                self.view.scrollTo(self.model.index(int(where[0]), 0))
        finally:
            self._syncing = False

    def _update_count(self) -> None:
        frame = self.model.frame
        if frame is None:
            self.count.setText("")
            return
        locale = QLocale()
        self.count.setText(self.tr("{} selected, {} shown of {} features").format(
            locale.toString(len(Selection.of(self.layer))), locale.toString(len(self.model.order)),
            locale.toString(len(frame))))

    # -- actions ------------------------------------------------------------------------------
    def zoom_to_selection(self) -> None:
        bounds = Selection.of(self.layer).bounds(self.origin()) if self.layer is not None else None
        if bounds is not None:
            self.zoom_to.emit(bounds)

    def open_current_form(self) -> None:
        index = self.view.currentIndex()
        rows = Selection.of(self.layer).rows if self.layer is not None else []
        if index.isValid():
            self.open_form(int(self.model.order[index.row()]))
        elif len(rows):
            self.open_form(int(rows[0]))

    def open_form(self, row: int) -> FeatureForm | None:
        frame = self.model.frame
        if frame is None:
            return None
        attributes = {c: frame[c].iloc[row] for c in self.model.columns}
        form = FeatureForm(self.layer.name, attributes, self)
        form.show()
        self.form = form
        return form

    def export_selection(self, path: str | None = None) -> int:
        from twin.io.export.features import export_features
        rows = Selection.of(self.layer).rows if self.layer is not None else []
        if self.model.frame is None or not len(rows):
            QMessageBox.information(self, self.tr("Export selection"), self.tr("Select features first."))
            return 0
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export selection"), f"{self.layer.name}.gpkg",
                                                  self.tr("GeoPackage (*.gpkg);;GeoJSON (*.geojson);;CSV (*.csv)"))
            if not path:
                return 0
        try:
            return export_features(self.model.frame, rows, path, layer_name=self.layer.name)
        except TwinError as exc:
            QMessageBox.warning(self, self.tr("Export selection"), exc.message)
            return 0

    def copy_rows(self) -> None:
        """The selected rows as tab-separated text, with a header line (for a spreadsheet)."""
        from PySide6.QtWidgets import QApplication
        rows = Selection.of(self.layer).rows if self.layer is not None else []
        if self.model.frame is None or not len(rows):
            return
        part = self.model.frame.iloc[rows][self.model.columns]
        QApplication.clipboard().setText(part.to_csv(sep="\t", index=False))


def frame_bounds(window, bounds) -> None:
    """Flies the window's view to frame (x0, y0, x1, y1), at the ground's height there."""
    from twin.core.camera import View
    from twin.present.tours import terrain_ground
    x0, y0, x1, y1 = bounds
    pad = max(x1 - x0, y1 - y0) * 0.15 + 15.0
    ground = terrain_ground(window.scene)
    z = float(ground(np.array([(x0 + x1) / 2]), np.array([(y0 + y1) / 2]))[0]) if ground is not None else 0.0
    window.go_to(View.looking_at((x0 - pad, y0 - pad, z, x1 + pad, y1 + pad, z + 20.0)))


def install(window) -> AttributeTable:
    """The attribute table dock, the 3D highlight of selections, selecting in the view, and
    their entries in the Tools menu."""
    from PySide6.QtCore import QCoreApplication
    from twin._qt.feature_select import FeatureSelect
    from twin._qt.tools_menu import tools_menu
    from twin._vtk.highlight import SelectionHighlight

    table = AttributeTable(crs=window.scene.crs, origin=lambda: window.scene.origin or (0.0, 0.0, 0.0))
    dock = window._dock(QCoreApplication.translate("AttributeTable", "Attribute table"), table, Qt.BottomDockWidgetArea)
    dock.hide()
    window.attribute_table, window.attribute_dock = table, dock
    window.selection_highlight = SelectionHighlight(window.mirror)
    current = {"layer": None}

    def tree_layer(layer):
        current["layer"] = layer
        if dock.isVisible():
            table.set_layer(layer)

    window.tree.layer_selected.connect(tree_layer)
    table.zoom_to.connect(lambda bounds: frame_bounds(window, bounds))
    select = FeatureSelect(window.view, window.mirror, window._display_xy,
                           current_layer=lambda: table.layer if dock.isVisible() else None)
    window.feature_select = select

    def picked(layer):
        if table.layer is not layer:
            table.set_layer(layer)

    select.picked.connect(picked)

    def open_table():
        layer = current["layer"] if current["layer"] is not None else table.layer
        if layer is not table.layer:
            table.set_layer(layer)
        dock.show()
        dock.raise_()

    def menus():        # again after a language switch: the actions belong to their menu
        menu = tools_menu(window)
        action = QAction(QCoreApplication.translate("AttributeTable", "&Attribute table"), menu, shortcut="F6")
        action.triggered.connect(open_table)
        menu.addAction(action)
        toggle = QAction(QCoreApplication.translate("AttributeTable", "&Select features in the view"), menu,
                         shortcut="Ctrl+Shift+F", checkable=True)
        toggle.setToolTip(QCoreApplication.translate(
            "AttributeTable", "Click a feature to select it (Ctrl: add), Shift-drag a box; Esc ends"))
        toggle.toggled.connect(lambda on: select.start() if on else select.stop())
        menu.addAction(toggle)
        window.select_action = toggle

    select.ended.connect(lambda: window.select_action.setChecked(False))
    window.menu_hooks.append(menus)
    menus()
    return table
