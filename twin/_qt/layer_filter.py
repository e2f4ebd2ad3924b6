"""The filter row of a vector or buildings layer's properties: an expression (QGIS
syntax, ``twin.core.expressions``) choosing the features the layer reads; refused in red
with its position, applied by reading the layer again."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from twin.core.expressions import ExpressionError, parse
from twin.core.selection import table_of


class FilterEdit(QWidget):
    def __init__(self, layer, reload, parent=None):
        super().__init__(parent)
        self.layer, self.reload = layer, reload
        self.edit = QLineEdit(layer.filter, placeholderText=self.tr("all features, or e.g. \"hauteur\" > 15"))
        self.edit.setAccessibleName(self.tr("Filter expression"))
        self.edit.setClearButtonEnabled(True)
        self.edit.returnPressed.connect(self.apply)
        self.error = QLabel(wordWrap=True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)

    def apply(self) -> bool:
        """Reads the layer again with the expression typed; False (and why, in red) when
        the expression is refused."""
        text = self.edit.text().strip()
        self.error.hide()
        if text:
            try:
                expression = parse(text)
                frame = table_of(self.layer)
                if frame is not None:
                    expression.check(frame.columns)
            except ExpressionError as exc:
                self.error.setText(self.tr("Refused at character {}: {}").format(exc.position + 1, exc.message))
                self.error.show()
                return False
        if text != self.layer.filter:
            self.layer.filter = text
            self.reload(self.layer)
        return True


def filter_row(form, layer, reload) -> FilterEdit:
    edit = FilterEdit(layer, reload)
    form.addRow(QCoreApplication.translate("FilterEdit", "Filter"), edit)
    return edit
