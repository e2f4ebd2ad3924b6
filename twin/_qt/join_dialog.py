"""Join a table to a vector or buildings layer from the app: pick the file, the keys (or
the point columns), see what would match before anything changes, then the layer is read
again with the join, exactly as a ``[layers.join]`` in the scene file would do."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QStackedWidget, QVBoxLayout, QWidget,
)

from twin.core.errors import TwinError
from twin.core.layers.join import AGGREGATES, TableJoin
from twin.io.joins import TABLE_SUFFIXES, apply_join, read_table


class JoinDialog(QDialog):
    def __init__(self, layer, parent=None):
        super().__init__(parent)
        self.layer = layer
        self.setWindowTitle(self.tr("Join a table to {}").format(layer.name))
        self.columns: list[str] = []
        frame = layer.data.table.frame
        self.fields = [str(c) for c in frame.columns if c != frame.geometry.name]

        self.path = QLineEdit()
        self.path.setAccessibleName(self.tr("Table file"))
        self.path.editingFinished.connect(self._read_columns)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.sheet = QLineEdit()
        self.sheet.setPlaceholderText(self.tr("first sheet"))
        self.sheet.setAccessibleName(self.tr("Sheet"))
        self.sheet.editingFinished.connect(self._read_columns)
        self.by = QComboBox()
        self.by.addItem(self.tr("Same key in both"), "key")
        self.by.addItem(self.tr("Points inside each polygon"), "location")
        self.by.setAccessibleName(self.tr("Join by"))

        self.key = self._combo(self.tr("Layer field"), self.fields)
        self.table_key = self._combo(self.tr("Table column"))
        by_key = QWidget()
        kf = QFormLayout(by_key)
        kf.addRow(self.tr("Layer field"), self.key)
        kf.addRow(self.tr("Table column"), self.table_key)
        self.x, self.y = self._combo(self.tr("X column")), self._combo(self.tr("Y column"))
        self.value = self._combo(self.tr("Value column"))
        self.crs = QLineEdit("EPSG:4326")
        self.crs.setAccessibleName(self.tr("CRS of the points"))
        self.aggregate = self._combo(self.tr("Aggregate"), list(AGGREGATES))
        by_place = QWidget()
        lf = QFormLayout(by_place)
        for label, widget in ((self.tr("X (or longitude)"), self.x), (self.tr("Y (or latitude)"), self.y),
                              (self.tr("CRS"), self.crs), (self.tr("Aggregate"), self.aggregate),
                              (self.tr("Value"), self.value)):
            lf.addRow(label, widget)
        self.pages = QStackedWidget()
        self.pages.addWidget(by_key)
        self.pages.addWidget(by_place)
        self.by.currentIndexChanged.connect(self.pages.setCurrentIndex)

        self.result = QLabel(self.tr("Choose a table (CSV, XLSX or Parquet)."))
        self.result.setWordWrap(True)
        self.result.setAccessibleName(self.tr("Join preview"))
        preview = QPushButton(self.tr("Preview"))
        preview.clicked.connect(self.preview)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("Join"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        if layer.join is not None:
            remove = self.buttons.addButton(self.tr("Remove the join"), QDialogButtonBox.DestructiveRole)
            remove.clicked.connect(self._remove)

        form = QFormLayout()
        form.addRow(self.tr("Table"), row)
        form.addRow(self.tr("Sheet (XLSX)"), self.sheet)
        form.addRow(self.tr("Join by"), self.by)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.pages)
        box.addWidget(preview)
        box.addWidget(self.result)
        box.addWidget(self.buttons)
        self._show(layer.join)

    def _combo(self, name: str, items=()) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.addItems(list(items))
        return combo

    def _show(self, join: TableJoin | None) -> None:
        if join is None:
            return
        self.path.setText(str(join.table))
        self.sheet.setText(join.sheet)
        self.by.setCurrentIndex(self.by.findData(join.by))
        self._read_columns()
        for combo, value in ((self.key, join.key), (self.table_key, join.table_column), (self.x, join.x),
                             (self.y, join.y), (self.aggregate, join.aggregate), (self.value, join.value)):
            if value:
                combo.setCurrentText(value)
        self.crs.setText(join.crs)

    def _browse(self) -> None:
        patterns = " ".join(f"*{s}" for s in TABLE_SUFFIXES)
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Table to join"), "",
                                              self.tr("Tables ({})").format(patterns))
        if path:
            self.path.setText(path)
            self._read_columns()

    def _read_columns(self) -> None:
        if not self.path.text().strip():
            return
        try:
            table = read_table(self.path.text().strip(), sheet=self.sheet.text().strip())
        except TwinError as exc:
            self._error(str(exc))
            return
        self.columns = [str(c) for c in table.columns]
        for combo in (self.table_key, self.x, self.y):
            combo.clear()
            combo.addItems(self.columns)
        self.value.clear()
        self.value.addItems([""] + self.columns)
        # the likeliest pairing: a column named like a layer field, and the usual coordinate names
        shared = [c for c in self.columns if c in self.fields]
        if shared:
            self.key.setCurrentText(shared[0])
            self.table_key.setCurrentText(shared[0])
        for combo, names in ((self.x, ("x", "lon", "longitude")), (self.y, ("y", "lat", "latitude"))):
            hit = next((c for c in self.columns if c.lower() in names), None)
            if hit:
                combo.setCurrentText(hit)
        self.result.setStyleSheet("")
        self.result.setText(self.tr("{} rows, columns: {}").format(QLocale().toString(len(table)),
                                                                    ", ".join(self.columns)))

    def join(self) -> TableJoin:
        """The join as set in the dialog (ValueError when it is incomplete)."""
        if not self.path.text().strip():
            raise ValueError(self.tr("choose a table file first"))

        common = dict(table=Path(self.path.text().strip()), sheet=self.sheet.text().strip())
        if self.by.currentData() == "key":
            return TableJoin(by="key", key=self.key.currentText(), table_key=self.table_key.currentText(), **common)
        return TableJoin(by="location", x=self.x.currentText(), y=self.y.currentText(), crs=self.crs.text().strip(),
                         aggregate=self.aggregate.currentText(), value=self.value.currentText(), **common)

    def preview(self) -> bool:
        """Runs the join on the features shown (nothing changes) and says what matched."""
        try:
            data = self.layer.data.table
            _frame, report = apply_join(data.frame, self.join(), data.crs, source=self.layer.source)
        except (TwinError, ValueError) as exc:
            self._error(str(exc))
            return False
        self.result.setStyleSheet("")
        self.result.setText(report.summary())
        return True

    def _error(self, text: str) -> None:
        self.result.setStyleSheet("color: #b00020")
        self.result.setText(text)

    def accept(self) -> None:
        if self.preview():
            self.layer.join = self.join()
            super().accept()

    def _remove(self) -> None:
        self.layer.join = None
        super().accept()
