"""The layer tree widget: a Qt item model over the scene's LayerGroup tree.

Checkbox = visibility, double-click renames, drag and drop reorders; every edit goes
to the model, and the model's events come back here, so a script or another widget
changing a layer is reflected at once."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeView

from twin.core.layers import Layer, LayerGroup

_MIME = "application/x-twin-layer-path"


class LayerTreeModel(QAbstractItemModel):
    def __init__(self, root: LayerGroup, parent=None):
        super().__init__(parent)
        self.root = root
        self.history = None
        root.tree_changed.connect(self._reset)

        self._watch()

    # -- model events -----------------------------------------------------------------------
    def _watch(self) -> None:
        if not hasattr(self, "_links"):
            self._links: dict[int, list] = {}
        for layer in [self.root, *self.root.walk()]:
            if id(layer) in self._links:
                continue
            on_field = lambda _info, l=layer: self._layer_changed(l)  # noqa: E731
            on_data = lambda _data, l=layer: self._layer_changed(l)  # noqa: E731
            layer.events.connect(on_field)
            layer.data_changed.connect(on_data)
            self._links[id(layer)] = [(layer.events, on_field), (layer.data_changed, on_data)]

    def close(self) -> None:
        """Stop listening to the model (the scene may outlive this widget)."""
        self.root.tree_changed.disconnect(self._reset)
        for links in self._links.values():
            for signal, callback in links:
                signal.disconnect(callback)
        self._links.clear()

    def _reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()
        self._watch()

    def _layer_changed(self, layer: Layer) -> None:
        if layer is not self.root and layer.parent is not None:
            idx = self.index_of(layer)
            self.dataChanged.emit(idx, idx)

    # -- structure --------------------------------------------------------------------------
    def layer(self, index: QModelIndex) -> Layer:
        return index.internalPointer() if index.isValid() else self.root

    def index_of(self, layer: Layer) -> QModelIndex:
        if layer is self.root or layer.parent is None:
            return QModelIndex()
        return self.createIndex(layer.parent.index(layer), 0, layer)

    def index(self, row, column, parent=QModelIndex()):
        group = self.layer(parent)
        if not isinstance(group, LayerGroup) or not 0 <= row < len(group) or column != 0:
            return QModelIndex()
        return self.createIndex(row, 0, group[row])

    def parent(self, index=QModelIndex()):
        if not index.isValid():
            return QModelIndex()
        return self.index_of(self.layer(index).parent)

    def rowCount(self, parent=QModelIndex()):
        layer = self.layer(parent)
        return len(layer) if isinstance(layer, LayerGroup) else 0

    def columnCount(self, parent=QModelIndex()):
        return 1

    # -- content ----------------------------------------------------------------------------
    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        layer = self.layer(index)
        if role in (Qt.DisplayRole, Qt.EditRole):
            return layer.name
        if role == Qt.CheckStateRole:
            return Qt.Checked if layer.visible else Qt.Unchecked
        if role == Qt.ToolTipRole:
            if layer.error:
                return self.tr("Not loaded: {}").format(layer.error)

            source = getattr(layer, "source", None)
            return f"{layer.kind}: {source}" if source else layer.kind
        if role == Qt.ForegroundRole and layer.error:
            from PySide6.QtGui import QColor
            return QColor("#b00020")
        return None

    def setData(self, index, value, role=Qt.EditRole):
        if not index.isValid():
            return False
        layer = self.layer(index)
        if role == Qt.CheckStateRole:
            layer.visible = Qt.CheckState(value) == Qt.Checked
            return True
        if role == Qt.EditRole and str(value).strip():
            layer.name = str(value).strip()
            return True
        return False

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemIsDropEnabled
        flags = (Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsUserCheckable
                 | Qt.ItemIsEditable | Qt.ItemIsDragEnabled)
        if isinstance(self.layer(index), LayerGroup):
            flags |= Qt.ItemIsDropEnabled
        return flags

    # -- drag and drop reordering -----------------------------------------------------------
    def supportedDropActions(self):
        return Qt.MoveAction

    def mimeTypes(self):
        return [_MIME]

    def mimeData(self, indexes):
        mime = QMimeData()
        layer = self.layer(indexes[0])
        path = []
        while layer.parent is not None:
            path.insert(0, layer.parent.index(layer))
            layer = layer.parent
        mime.setData(_MIME, ",".join(map(str, path)).encode())
        return mime

    def dropMimeData(self, mime, action, row, column, parent):
        if not mime.hasFormat(_MIME):
            return False
        layer: Layer = self.root
        for i in bytes(mime.data(_MIME)).decode().split(","):
            layer = layer[int(i)]
        target = self.layer(parent)
        if not isinstance(target, LayerGroup) or (isinstance(layer, LayerGroup)
                                                  and target in [layer, *layer.walk()]):
            return False
        if row < 0:
            row = len(target)
        if layer.parent is target and target.index(layer) < row:
            row -= 1
        if self.history is not None:      # an undoable move (twin.core.undo.LayerHistory)
            self.history.move(layer, target, row)
        else:
            layer.parent.move(layer, target, row)
        return False  # we moved it ourselves; Qt must not remove the source row


class LayerTreeView(QTreeView):
    layer_selected = Signal(object)

    def __init__(self, root: LayerGroup, parent=None):
        super().__init__(parent)
        self.setModel(LayerTreeModel(root, self))
        self.setHeaderHidden(True)
        self.setDragDropMode(QAbstractItemView.InternalMove)
        self.setDefaultDropAction(Qt.MoveAction)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.model().modelReset.connect(self.expandAll)
        self.expandAll()
        self.selectionModel().currentChanged.connect(
            lambda cur, _prev: self.layer_selected.emit(self.model().layer(cur) if cur.isValid() else None))
