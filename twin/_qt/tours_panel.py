"""The tour editor dock: tours of the scene, their stops (recorded from the current view),
timings and captions. Every edit replaces the tour in the scene (tours are immutable), and
the panel redraws from ``Tours.of(scene).changed``, so the model stays the one truth."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDoubleSpinBox, QFileDialog, QFormLayout, QHBoxLayout, QInputDialog, QLineEdit,
    QListWidget, QMessageBox, QPushButton, QVBoxLayout, QWidget,
)

from twin.core.scene import Scene
from twin.present.tours import Stop, Tour, Tours, visible_layer_names
from twin.projects.model import Projects


class ToursPanel(QWidget):
    """``current_view()`` gives the view to record; ``play_requested(name)`` and
    ``present_requested(name)`` ask the window to play or present a tour."""

    play_requested = Signal(str)
    present_requested = Signal(str)

    def __init__(self, scene: Scene, current_view, parent=None):
        super().__init__(parent)
        self.scene = scene
        self.current_view = current_view
        self._filling = False
        self.tours = QListWidget()
        self.stops = QListWidget()
        self.stops.setDragDropMode(QAbstractItemView.InternalMove)
        self.stops.model().rowsMoved.connect(self._dragged)
        self.hold = QDoubleSpinBox(minimum=0.0, maximum=3600.0, singleStep=0.5, suffix=" s")
        self.flight = QDoubleSpinBox(minimum=0.0, maximum=3600.0, singleStep=0.5, suffix=" s")
        self.caption_fr = QLineEdit()
        self.caption_en = QLineEdit()
        self.buttons: dict[str, QPushButton] = {}

        layout = QVBoxLayout(self)
        layout.addWidget(self.tours)
        layout.addLayout(self._row(("new", self.tr("New…"), self.new_tour),
                                   ("rename", self.tr("Rename…"), self.rename_tour),
                                   ("remove", self.tr("Remove"), self.remove_tour)))
        layout.addLayout(self._row(("play", self.tr("Play"), lambda: self._ask(self.play_requested)),
                                   ("present", self.tr("Present…"), lambda: self._ask(self.present_requested)),
                                   ("export", self.tr("Export video…"), self.export_video)))
        layout.addWidget(self.stops, 1)
        layout.addLayout(self._row(("record", self.tr("Record view"), self.record_stop),
                                   ("up", self.tr("Up"), lambda: self.move_stop(-1)),
                                   ("down", self.tr("Down"), lambda: self.move_stop(1)),
                                   ("remove_stop", self.tr("Remove stop"), self.remove_stop)))
        form = QFormLayout()
        form.addRow(self.tr("Hold"), self.hold)
        form.addRow(self.tr("Flight"), self.flight)
        form.addRow(self.tr("Caption (FR)"), self.caption_fr)
        form.addRow(self.tr("Caption (EN)"), self.caption_en)
        layout.addLayout(form)

        self.tours.currentRowChanged.connect(self._fill_stops)
        self.stops.currentRowChanged.connect(self._fill_stop)
        self.hold.editingFinished.connect(self._edit_stop)
        self.flight.editingFinished.connect(self._edit_stop)
        self.caption_fr.editingFinished.connect(self._edit_stop)
        self.caption_en.editingFinished.connect(self._edit_stop)
        Tours.of(scene).changed.connect(self._refresh)
        self._refresh()

    def _row(self, *buttons) -> QHBoxLayout:
        row = QHBoxLayout()
        for key, text, slot in buttons:
            button = QPushButton(text)
            button.clicked.connect(slot)
            self.buttons[key] = button
            row.addWidget(button)
        return row

    def _ask(self, signal) -> None:
        if self.tour() is not None:
            signal.emit(self.tour().name)

    # -- what is selected ------------------------------------------------------------------
    def tour(self) -> Tour | None:
        item = self.tours.currentItem()
        return Tours.of(self.scene).get(item.text()) if item is not None else None

    def stop_index(self) -> int:
        return self.stops.currentRow()

    # -- model → widgets ----------------------------------------------------------------------
    def _refresh(self) -> None:
        current = self.tours.currentItem().text() if self.tours.currentItem() else None
        row = self.stops.currentRow()
        self._filling = True
        self.tours.clear()
        self.tours.addItems(list(Tours.of(self.scene)))
        names = list(Tours.of(self.scene))
        self.tours.setCurrentRow(names.index(current) if current in names else (0 if names else -1))
        self._filling = False
        self._fill_stops(keep=row)

    def _fill_stops(self, *_args, keep: int = 0) -> None:
        tour = self.tour()
        self._filling = True
        self.stops.clear()
        if tour is not None:
            for i, stop in enumerate(tour.stops):
                label = stop.caption.get("fr") or stop.caption.get("en") or stop.bookmark or self.tr("Stop")
                self.stops.addItem(f"{i + 1}. {label}")
            self.stops.setCurrentRow(min(max(keep, 0), len(tour.stops) - 1))
        self._filling = False
        for key in ("rename", "remove", "play", "present", "export", "record"):
            self.buttons[key].setEnabled(tour is not None or key == "record")
        self._fill_stop()

    def _fill_stop(self, *_args) -> None:
        tour, i = self.tour(), self.stop_index()
        stop = tour.stops[i] if tour is not None and 0 <= i < len(tour.stops) else None
        self._filling = True
        for widget in (self.hold, self.flight, self.caption_fr, self.caption_en):
            widget.setEnabled(stop is not None)
        self.flight.setEnabled(stop is not None and (i > 0 or tour.loop))   # the first is flown to only by a loop
        for key in ("up", "down", "remove_stop"):
            self.buttons[key].setEnabled(stop is not None)
        self.hold.setValue(stop.hold if stop else 0.0)
        self.flight.setValue(stop.flight if stop else 0.0)
        self.caption_fr.setText(stop.caption.get("fr", "") if stop else "")
        self.caption_en.setText(stop.caption.get("en", "") if stop else "")
        self._filling = False

    # -- widgets → model ----------------------------------------------------------------------
    def _replace(self, tour: Tour, stops, keep: int) -> None:
        if not stops:
            QMessageBox.information(self, self.tr("Tours"), self.tr("A tour keeps at least one stop; "
                                                                    "remove the tour instead."))
            return
        try:
            new = replace(tour, stops=tuple(stops))
        except ValueError as exc:
            QMessageBox.warning(self, self.tr("Tours"), str(exc))
            return
        Tours.of(self.scene).replace(tour.name, new)
        self.stops.setCurrentRow(keep)

    def recorded_stop(self) -> Stop:
        """The current view, with what is shown: visible layers, time, active variant."""
        return Stop(self.current_view(), layers=visible_layer_names(self.scene),
                    time=self.scene.timeline.current, variant=Projects.of(self.scene).active)

    def new_tour(self, name: str | None = None) -> None:
        if name is None:
            name, ok = QInputDialog.getText(self, self.tr("New tour"), self.tr("Name of the tour:"))
            if not ok:
                return
        name = name.strip()
        if not name or name in Tours.of(self.scene):
            return
        Tours.of(self.scene).add(Tour(name, [self.recorded_stop()]))
        self.tours.setCurrentRow(list(Tours.of(self.scene)).index(name))

    def rename_tour(self, name: str | None = None) -> None:
        tour = self.tour()
        if tour is None:
            return
        if name is None:
            name, ok = QInputDialog.getText(self, self.tr("Rename tour"), self.tr("New name:"), text=tour.name)
            if not ok:
                return
        name = name.strip()
        if name and name != tour.name and name not in Tours.of(self.scene):
            Tours.of(self.scene).replace(tour.name, replace(tour, name=name))
            self.tours.setCurrentRow(list(Tours.of(self.scene)).index(name))

    def remove_tour(self) -> None:
        if self.tour() is not None:
            Tours.of(self.scene).remove(self.tour().name)

    def record_stop(self) -> None:
        """Append the current view as a stop after the selected one (a new tour if none)."""
        tour = self.tour()
        if tour is None:
            self.new_tour(self.tr("Tour %1").replace("%1", str(len(Tours.of(self.scene)) + 1)))
            return
        at = self.stop_index() + 1 if self.stop_index() >= 0 else len(tour.stops)
        stops = list(tour.stops)
        stops.insert(at, self.recorded_stop())
        self._replace(tour, stops, at)

    def remove_stop(self) -> None:
        tour, i = self.tour(), self.stop_index()
        if tour is not None and 0 <= i < len(tour.stops):
            self._replace(tour, tour.stops[:i] + tour.stops[i + 1:], max(i - 1, 0))

    def move_stop(self, step: int) -> None:
        tour, i = self.tour(), self.stop_index()
        if tour is None or not 0 <= i + step < len(tour.stops):
            return
        stops = list(tour.stops)
        stops[i], stops[i + step] = stops[i + step], stops[i]
        self._replace(tour, stops, i + step)

    def _dragged(self, _parent, start: int, _end: int, _dest, row: int) -> None:
        tour = self.tour()
        if tour is None or self._filling:
            return
        stops = list(tour.stops)
        stop = stops.pop(start)
        target = row - 1 if row > start else row
        stops.insert(target, stop)
        self._replace(tour, stops, target)

    def _edit_stop(self) -> None:
        tour, i = self.tour(), self.stop_index()
        if self._filling or tour is None or not 0 <= i < len(tour.stops):
            return
        stop = tour.stops[i]
        caption = dict(stop.caption)
        for lang, edit in (("fr", self.caption_fr), ("en", self.caption_en)):
            if edit.text().strip():
                caption[lang] = edit.text().strip()
            else:
                caption.pop(lang, None)
        new = replace(stop, hold=self.hold.value(), flight=self.flight.value(), caption=caption)
        if new != stop:
            self._replace(tour, tour.stops[:i] + (new,) + tour.stops[i + 1:], i)

    # -- export ---------------------------------------------------------------------------------
    def export_video(self, out: str | None = None, size: tuple[int, int] = (1920, 1080), fps: float = 25.0):
        """Render the selected tour to MP4 in the background on a copy of the scene (the
        window's own scene and view stay untouched), behind a progress dialog with Cancel."""
        tour = self.tour()
        if tour is None:
            return None
        if out is None:
            out, _ = QFileDialog.getSaveFileName(self, self.tr("Export tour video"), f"{tour.name}.mp4",
                                                 self.tr("MP4 video (*.mp4)"))
            if not out:
                return None
        from twin._qt.loader import copy_task
        from twin._vtk.tour_video import export_tour
        out_path = Path(out).with_suffix(".mp4")
        task = copy_task(self.scene, lambda copy, feedback: export_tour(
            copy, Tours.of(copy)[tour.name], out_path, size=size, fps=fps, feedback=feedback, captions=True),
            self.tr("Exporting the tour video…"), self)
        task.finished.connect(lambda result: self.export_done.emit(str(result.video)))
        task.failed.connect(lambda message: message and QMessageBox.warning(self, self.tr("Export failed"), message))
        self._task = task
        task.start()
        return task

    export_done = Signal(str)
