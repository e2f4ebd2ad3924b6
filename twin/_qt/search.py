"""The search box: an address (the national address service, in a worker thread), a
parcel id, coordinates, or a street or place of the loaded layers. The offline answers
come at once; the geocoder's join them when it answers, and its absence is said in a
line, not an error box. Choosing an answer flies the camera there and pins it."""

from __future__ import annotations

import threading

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from twin.io.search import Place, search_offline

FLIGHT_MS, FLIGHT_STEPS = 1200, 24


class _Answers(QObject):
    """Carries the worker thread's answer to the GUI thread (a queued signal)."""

    arrived = Signal(int, object, str)        # request number, places, error message


class SearchPanel(QWidget):
    """``chosen(place)`` when the user picks an answer."""

    chosen = Signal(object)
    searched = Signal()          # the geocoder's answer (or its absence) was taken in

    def __init__(self, scene, parent=None):
        super().__init__(parent)
        self.scene = scene
        self.places: list[Place] = []
        self._request = 0
        self._answers = _Answers(self)
        self._answers.arrived.connect(self._geocoded)
        self.box = QLineEdit(placeholderText=self.tr("Address, parcel id (62041000AB0012), coordinates, street…"))
        self.box.setClearButtonEnabled(True)
        self.box.returnPressed.connect(self.search)
        self.status = QLabel(wordWrap=True)
        self.results = QListWidget()
        self.results.itemActivated.connect(lambda item: self.choose(self.results.row(item)))
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

    def search(self, text: str | None = None) -> list[Place]:
        """Answers ``text`` (the box's by default) from the scene at once and asks the
        geocoder in the background; a parcel or coordinates are flown to straight away."""
        text = self.box.text() if text is None else text
        self.box.setText(text)
        self._request += 1
        self.places = search_offline(self.scene, text)
        self._show()
        if not text.strip():
            self.status.setText("")
            return self.places
        direct = self.places and self.places[0].kind in ("coordinates", "parcel")
        if direct:
            self.status.setText("")
            self.choose(0)
        else:
            self.status.setText(self.tr("Searching addresses…"))
            self._ask_geocoder(text, self._request)
        return self.places

    def _ask_geocoder(self, text: str, request: int) -> None:
        from twin.core.errors import TwinError
        from twin.io.geocoder import geocode
        near = None
        bounds = self.scene.bounds()
        if bounds is not None:
            near = ((bounds[0] + bounds[3]) / 2, (bounds[1] + bounds[4]) / 2)
        crs = self.scene.crs

        def work():
            try:
                self._answers.arrived.emit(request, geocode(text, crs, near=near), "")
            except TwinError as exc:
                self._answers.arrived.emit(request, [], exc.message)

        threading.Thread(target=work, name="twin-geocoder", daemon=True).start()

    def _geocoded(self, request: int, places: list, error: str) -> None:
        if request != self._request:         # an older search answered late
            return
        if error:
            self.status.setText(self.tr("The address service is unavailable: only the loaded layers were searched.")
                                if self.places else
                                self.tr("The address service is unavailable, and nothing in the loaded layers "
                                        "matches “{}”.").format(self.box.text()))
            self.status.setToolTip(error)
        elif not places and not self.places:
            self.status.setText(self.tr("Nothing matches “{}”.").format(self.box.text()))
        else:
            self.status.setText("")
        self.places = sorted(self.places + list(places), key=lambda p: -p.score)
        self._show()
        self.searched.emit()

    def _show(self) -> None:
        self.results.clear()
        kinds = {"coordinates": self.tr("coordinates"), "parcel": self.tr("parcel"), "address": self.tr("address"),
                 "street": self.tr("street"), "place": self.tr("place"), "bookmark": self.tr("bookmark")}
        for place in self.places:
            where = f" — {place.source}" if place.source else ""
            item = QListWidgetItem(f"{place.label}  ({kinds.get(place.kind, place.kind)}{where})")
            item.setToolTip(f"{self.scene.crs}  E {place.x:.1f}  N {place.y:.1f}")
            self.results.addItem(item)

    def choose(self, index: int) -> None:
        if 0 <= index < len(self.places):
            self.results.setCurrentRow(index)
            self.chosen.emit(self.places[index])


def view_of(place: Place, ground_z: float):
    """An oblique view onto the place: its extent framed, else 150 m around it."""
    from twin.core.camera import View
    if place.bounds is not None:
        x0, y0, x1, y1 = place.bounds
        pad = max(x1 - x0, y1 - y0) * 0.5 + 40.0
    else:
        x0 = x1 = place.x
        y0 = y1 = place.y
        pad = 75.0
    return View.looking_at((x0 - pad, y0 - pad, ground_z, x1 + pad, y1 + pad, ground_z + 10.0))


class Flight(QObject):
    """Flies the window's camera to a view in ``FLIGHT_MS``, drawn less while it moves."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self, interval=FLIGHT_MS // FLIGHT_STEPS)
        self.timer.timeout.connect(self._step)
        self._from = self._to = None
        self._step_no = 0

    def to(self, view) -> None:
        self._from, self._to, self._step_no = self.window.mirror.current_view(), view, 0
        self.timer.start()

    def _step(self) -> None:
        from twin.present.tours import interpolate, terrain_ground
        self._step_no += 1
        fraction = min(1.0, self._step_no / FLIGHT_STEPS)
        self.window.motion.flying(fraction < 1.0)
        self.window.go_to(interpolate(self._from, self._to, fraction, terrain_ground(self.window.scene)))
        if fraction >= 1.0:
            self.timer.stop()

    def finish(self) -> None:
        """Lands at once (tests, a second search while flying)."""
        if self.timer.isActive():
            self._step_no = FLIGHT_STEPS - 1
            self._step()


def install(window) -> SearchPanel:
    """The search dock (Ctrl+F) and its pin in the view."""
    from PySide6.QtCore import QCoreApplication
    from twin._qt.tools_menu import tools_menu
    from twin._vtk.marker import PlaceMarker
    from twin.present.tours import terrain_ground

    panel = SearchPanel(window.scene)
    dock = window._dock(QCoreApplication.translate("SearchPanel", "Search"), panel, Qt.RightDockWidgetArea)
    dock.hide()
    marker = PlaceMarker(window.mirror.plotter, lambda: window.mirror.origin, window._request_render)
    flight = Flight(window)
    window.search_panel, window.search_dock, window.place_marker, window.search_flight = panel, dock, marker, flight

    def go(place: Place):
        ground = terrain_ground(window.scene)
        z = place.z if place.z is not None else (
            float(ground(np.array([place.x]), np.array([place.y]))[0]) if ground is not None else 0.0)
        marker.show(place.x, place.y, z, place.label)
        flight.to(view_of(place, z))

    panel.chosen.connect(go)

    def open_search():
        dock.show()
        dock.raise_()
        panel.box.setFocus()
        panel.box.selectAll()

    def menus():        # again after a language switch: the action belongs to its menu
        menu = tools_menu(window)
        action = QAction(QCoreApplication.translate("SearchPanel", "&Search…"), menu, shortcut="Ctrl+F")
        action.triggered.connect(open_search)
        menu.addAction(action)

    window.menu_hooks.append(menus)
    menus()
    return panel
