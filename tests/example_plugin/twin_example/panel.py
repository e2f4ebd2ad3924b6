"""A dock listing the stations layers of the scene."""

from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from twin_example.layers import PinLayer
from twin_example.settings import StationSettings


class StationsPanel(QWidget):
    def __init__(self, scene, parent=None):
        super().__init__(parent)
        self.scene = scene
        self.settings = StationSettings.of(scene)      # the scene file's [stations]
        self.title = QLabel(self.settings.network or self.tr("Weather stations"))
        self.list = QListWidget()
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addWidget(self.list)
        scene.layers.tree_changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args) -> None:
        self.list.clear()
        for layer in self.scene.layers.leaves():
            if isinstance(layer, PinLayer):
                layer.data_changed.connect(self.refresh, unique=True)   # loaded later
                count = len(layer.data.base) if layer.data is not None else 0
                self.list.addItem(self.tr("%1: %2 stations").replace("%1", layer.name).replace("%2", str(count)))
        if self.settings.watch:
            self.list.addItem(self.tr("Watched: %1").replace("%1", ", ".join(self.settings.watch)))
