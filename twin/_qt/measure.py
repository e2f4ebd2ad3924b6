"""Measuring in the 3D view: a distance (straight, level and along the ground), a
height between two points, a drawn polygon's area and perimeter, a building's height
and the ground's altitude at a click. Clicks snap to terrain, roofs, walls and LiDAR
points (``twin._vtk.snap``); the figures come from ``twin.geometry.measure``, are drawn
in the view (``twin._vtk.measure_overlay``) and listed in a panel that copies them as
text. Enter or a double click ends a path, Backspace removes its last point, Esc ends
the tool."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication, QButtonGroup, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from twin._qt.view_tools import ClickFilter
from twin._vtk.measure_overlay import MeasureOverlay
from twin._vtk.snap import snap
from twin.core.i18n import number, tr as model_tr
from twin.geometry.measure import (Measurement, measure_area, measure_building, measure_distance,
                                   measure_height)
from twin.present.tours import terrain_ground

MODES = ("distance", "height", "area", "building")


class MeasurePanel(QWidget):
    """Mode buttons, the figures of the last measurement, Copy and Clear."""

    mode_chosen = Signal(str)
    clear_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        titles = {"distance": self.tr("Distance"), "height": self.tr("Height"), "area": self.tr("Area"),
                  "building": self.tr("Building")}
        tips = {"distance": self.tr("Click points along a path; Enter or a double click ends it"),
                "height": self.tr("Click two points: the height between them"),
                "area": self.tr("Click the corners of a polygon; Enter or a double click closes it"),
                "building": self.tr("Click a building (its height and ground altitude) or the ground (its altitude)")}
        self.buttons = QButtonGroup(self)
        row = QHBoxLayout()
        for mode in MODES:
            button = QPushButton(titles[mode], checkable=True)
            button.setObjectName(mode)
            button.setToolTip(tips[mode])
            button.clicked.connect(lambda _=False, m=mode: self.mode_chosen.emit(m))
            self.buttons.addButton(button)
            row.addWidget(button)
        self.hint = QLabel(wordWrap=True)
        self.text = QLabel(wordWrap=True)
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.text.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        copy = QPushButton(self.tr("Copy"))
        copy.setObjectName("copy")
        copy.clicked.connect(self.copy)
        clear = QPushButton(self.tr("Clear"))
        clear.clicked.connect(self.clear_requested.emit)
        actions = QHBoxLayout()
        actions.addStretch()
        actions.addWidget(copy)
        actions.addWidget(clear)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        layout.addWidget(self.text, 1)
        layout.addLayout(actions)

    def set_mode(self, mode: str | None) -> None:
        for button in self.buttons.buttons():
            button.setChecked(button.objectName() == mode)
        self.hint.setText(self.buttons.buttons()[MODES.index(mode)].toolTip() + self.tr(" — Esc ends")
                          if mode else "")

    def show_measurement(self, m: Measurement | None, snapped: str = "") -> None:
        self.text.setText(self.describe(m, snapped) if m is not None else "")

    def describe(self, m: Measurement, snapped: str = "") -> str:
        loc = QLocale()

        def metres(v):
            return self.tr("{} m").format(loc.toString(float(v), "f", 2))

        v, lines = m.values, []
        if m.mode == "distance":
            lines.append(self.tr("Distance, straight: {}").format(metres(v["straight"])))
            lines.append(self.tr("Distance, level: {}").format(metres(v["horizontal"])))
            if "ground" in v:
                lines.append(self.tr("Distance along the ground: {}").format(metres(v["ground"])))
            if m.segments is not None and len(m.segments) > 1:
                lines.append(self.tr("Legs: {}").format("; ".join(metres(s) for s in m.segments)))
        elif m.mode == "height":
            lines.append(self.tr("Height difference: {}").format(metres(v["height"])))
            lines.append(self.tr("Level distance: {}").format(metres(v["horizontal"])))
            lines.append(self.tr("Altitudes: {} → {}").format(metres(v["from"]), metres(v["to"])))
        elif m.mode == "area":
            lines.append(self.tr("Area: {} m²").format(loc.toString(v["area"], "f", 1)))
            lines.append(self.tr("Perimeter: {}").format(metres(v["perimeter"])))
            if v.get("self_crossing"):
                lines.append(self.tr("The outline crosses itself: the area is not meaningful."))
        else:
            if "height" in v:
                lines.append(self.tr("Building height: {}").format(metres(v["height"])))
            lines.append(self.tr("Ground altitude: {}").format(metres(v["ground"])))
            if "roof" in v:
                lines.append(self.tr("Roof altitude: {}").format(metres(v["roof"])))
            lines.append(self.tr("Altitude clicked: {}").format(metres(v["clicked"])))
        if snapped:
            lines.append(self.tr("Snapped to: {}").format(snapped))
        return "\n".join(lines)

    def copy(self) -> None:
        QApplication.clipboard().setText(self.text.text())


class MeasureTool(ClickFilter):
    """Clicks in the view → snapped points → a measurement, while a mode is on."""

    measured = Signal(object)

    def __init__(self, view, mirror, display_xy, panel: MeasurePanel, status=None):
        super().__init__(view)
        self.view, self.mirror, self.display_xy, self.panel = view, mirror, display_xy, panel
        self.status = status or (lambda text: None)
        self.overlay = MeasureOverlay(mirror.plotter, lambda: mirror.origin, mirror._request_render)
        self.mode: str | None = None
        self.points: list[tuple[float, float, float]] = []
        self.kinds: list[str] = []
        self.finished = False
        self.measurement: Measurement | None = None
        panel.mode_chosen.connect(self.start)
        panel.clear_requested.connect(self.clear)
        view.installEventFilter(self)

    def start(self, mode: str) -> None:
        self.mode = mode
        self.clear()
        self.panel.set_mode(mode)
        self.view.setCursor(Qt.CrossCursor)
        self.view.setFocus()

    def stop(self) -> None:
        """Esc: the tool ends; the last figures stay in the panel."""
        self.mode = None
        self.points, self.kinds = [], []
        self.overlay.clear()
        self.panel.set_mode(None)
        self.view.unsetCursor()

    def clear(self) -> None:
        self.points, self.kinds, self.finished, self.measurement = [], [], False, None
        self.overlay.clear()
        self.panel.show_measurement(None)

    def click(self, pos: QPoint) -> Measurement | None:
        """A click at a widget position (the event filter's and the tests' way in)."""
        if self.mode is None:
            return None
        hit = snap(self.mirror, *self.display_xy(pos))
        if hit is None:
            self.status(self.tr("Nothing to measure there (the sky)"))
            return None
        if self.finished or (self.mode == "height" and len(self.points) == 2) or self.mode == "building":
            self.points, self.kinds, self.finished = [], [], False
        self.points.append(hit.point)
        self.kinds.append(hit.kind)
        if self.mode == "building":
            attributes = hit.pick.attributes if hit.pick is not None and hit.kind == "buildings" else {}
            self.measurement = measure_building(hit.point, attributes, terrain_ground(self.mirror.scene))
        self._update()
        return self.measurement

    def backspace(self) -> None:
        if self.points and not self.finished:
            self.points.pop()
            self.kinds.pop()
            self._update()

    def finish(self) -> None:
        if self.mode in ("distance", "area") and len(self.points) >= (3 if self.mode == "area" else 2):
            self.finished = True
            self._update()

    def _update(self) -> None:
        ground = terrain_ground(self.mirror.scene)
        n = len(self.points)
        caption = ""
        if self.mode == "distance" and n >= 2:
            step = getattr(getattr(ground, "__self__", None), "resolution", None) or 1.0
            self.measurement = measure_distance(self.points, ground, step)
            caption = model_tr("{} m").format(number(self.measurement.values["straight"], 2))
        elif self.mode == "height" and n == 2:
            self.measurement = measure_height(*self.points)
            caption = model_tr("{} m").format(number(self.measurement.values["height"], 2))
        elif self.mode == "area" and n >= 3:
            self.measurement = measure_area(self.points)
            caption = model_tr("{} m²").format(number(self.measurement.values["area"], 1))
        elif self.mode == "building" and self.measurement is not None:
            v = self.measurement.values
            caption = model_tr("{} m").format(number(v.get("height", v["ground"]), 2))
        elif self.mode != "building":
            self.measurement = None
        self.overlay.show(self.points, self.mode or "distance", closed=self.mode == "area" and n >= 3,
                          caption=caption)
        snapped = ", ".join(dict.fromkeys(self._kind_name(k) for k in self.kinds))
        self.panel.show_measurement(self.measurement, snapped)
        if self.measurement is not None:
            self.measured.emit(self.measurement)

    def _kind_name(self, kind: str) -> str:
        return {"terrain": self.tr("terrain"), "buildings": self.tr("buildings"), "pointcloud": self.tr("LiDAR points"),
                "model": self.tr("3D model"), "vector": self.tr("map layer")}.get(kind, kind)

    def _finish(self) -> None:
        self.finish()

    def _escape(self) -> None:
        self.stop()

    def _backspace(self) -> bool:
        self.backspace()
        return True


def install(window) -> MeasureTool:
    """The Measure dock and its tool (Tools ▸ Measure, Ctrl+M)."""
    from PySide6.QtCore import QCoreApplication
    from twin._qt.tools_menu import tools_menu
    panel = MeasurePanel()
    dock = window._dock(QCoreApplication.translate("MeasurePanel", "Measure"), panel, Qt.RightDockWidgetArea)
    dock.hide()
    tool = MeasureTool(window.view, window.mirror, window._display_xy, panel, status=window.statusBar().showMessage)
    window.measure_tool, window.measure_dock = tool, dock

    def open_measure():
        dock.show()
        dock.raise_()
        tool.start(tool.mode or "distance")

    def menus():        # again after a language switch: the action belongs to its menu
        menu = tools_menu(window)
        action = QAction(QCoreApplication.translate("MeasurePanel", "&Measure…"), menu, shortcut="Ctrl+M")
        action.triggered.connect(open_measure)
        menu.addAction(action)

    window.menu_hooks.append(menus)
    menus()
    return tool
