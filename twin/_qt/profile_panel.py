"""The elevation profile dock: a line drawn in the view or typed, the profile computed off
the GUI thread (the ``profile`` algorithm), the chart of terrain, roofs and points, a
marker in the 3D view following the cursor on the chart, and CSV / PNG export."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QThread
from PySide6.QtWidgets import (
    QDoubleSpinBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QProgressBar,
    QPushButton, QVBoxLayout, QWidget,
)

from twin._qt.plugins_ui import AlgorithmRunner
from twin._vtk.profile_marker import ProfileMarker
from twin.core.errors import DataError, TwinError
from twin.core.plugins import plugins
from twin.core.i18n import message as _message


class ProfilePanel(QWidget, AlgorithmRunner):
    def __init__(self, scene, mirror, tool, on_render, parent=None):
        super().__init__(parent)
        self.scene, self.mirror, self.tool = scene, mirror, tool
        self.marker = ProfileMarker(mirror.plotter, lambda: mirror.origin, on_render)
        self.profile = None
        self.thread: QThread | None = None
        self.line_edit = QLineEdit()
        self.line_edit.setPlaceholderText(self.tr("X1 Y1, X2 Y2, … (scene CRS)"))
        self.line_edit.setAccessibleName(self.tr("Profile line"))
        self.draw_button = QPushButton(self.tr("Draw in the view"))
        self.draw_button.clicked.connect(self.draw)
        self.step = QDoubleSpinBox(minimum=0.05, maximum=1000.0, value=1.0, suffix=" m")
        self.step.setAccessibleName(self.tr("Step"))
        self.corridor = QDoubleSpinBox(minimum=0.1, maximum=100.0, value=2.0, suffix=" m")
        self.corridor.setAccessibleName(self.tr("Corridor"))
        self.run_button = QPushButton(self.tr("Compute"))
        self.run_button.clicked.connect(self.run)
        self.cancel_button = QPushButton(self.tr("Cancel"), enabled=False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.figure = Figure(figsize=(6, 2.6), layout="constrained")
        self.axes = self.figure.add_subplot()
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setMinimumHeight(180)
        self.canvas.mpl_connect("motion_notify_event", self._hover)
        self.cursor_line = None
        self.csv_button = QPushButton(self.tr("Export CSV…"), enabled=False)
        self.csv_button.clicked.connect(lambda: self.export_csv())
        self.png_button = QPushButton(self.tr("Export PNG…"), enabled=False)
        self.png_button.clicked.connect(lambda: self.export_png())

        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.line_edit, 1)
        row.addWidget(self.draw_button)
        form.addRow(self.tr("Line"), row)
        form.addRow(self.tr("Step"), self.step)
        form.addRow(self.tr("Points within"), self.corridor)
        buttons = QHBoxLayout()
        for w in (self.run_button, self.cancel_button, self.csv_button, self.png_button):
            buttons.addWidget(w)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addLayout(buttons)
        box.addWidget(self.progress)
        box.addWidget(self.message)
        box.addWidget(self.canvas, 1)

    # -- the line ----------------------------------------------------------------------------
    def draw(self) -> None:
        self.tool.draw_line(self.set_line)

    def set_line(self, line) -> None:
        self.line_edit.setText(", ".join(f"{x:.2f} {y:.2f}" for x, y in np.asarray(line.coords)[:, :2]))
        self.run()

    # -- computing ---------------------------------------------------------------------------
    def run(self) -> None:
        if self.thread is not None:
            return
        algorithm = plugins().algorithms()["profile"]
        values = {"line": self.line_edit.text(), "step": self.step.value(), "corridor": self.corridor.value()}
        self.message.setText("")
        self._start(algorithm, self.scene, values)

    def _finish(self) -> None:
        self._stop()

    def _progress(self, fraction: float, _text: str) -> None:
        self.progress.setValue(int(fraction * 1000))

    def _failed(self, message: str) -> None:
        self._finish()
        self.message.setText(message)

    def _done(self, results: dict) -> None:
        self._finish()
        self.progress.setValue(1000)
        notes = self.worker.feedback.warnings
        self.message.setText("\n".join(notes[-3:]))
        self.show_profile(results["profile"])

    # -- the chart ---------------------------------------------------------------------------
    def show_profile(self, profile) -> None:
        self.profile = profile
        ax = self.axes
        ax.clear()
        d, cols = profile.distance, profile.columns
        ax.plot(d, profile.z, color="#6b4f2a", lw=1.6, label=self.tr("Terrain"))
        if "building" in cols and np.isfinite(cols["building"]).any():
            ax.fill_between(d, profile.z, cols["building"], where=np.isfinite(cols["building"]), step="mid",
                            color="#c0504d", alpha=0.45, lw=0, label=self.tr("Buildings"))
        if "points_max" in cols and np.isfinite(cols["points_max"]).any():
            ax.fill_between(d, cols["points_min"], cols["points_max"], color="#2c7fb8", alpha=0.25, lw=0,
                            label=self.tr("Points (min–max)"))
            ax.plot(d, cols["points_median"], color="#2c7fb8", lw=0.8, label=self.tr("Points (median)"))
        ax.set_xlabel(self.tr("Distance along the line (m)"))
        ax.set_ylabel(self.tr("Height (m)"))
        ax.grid(alpha=0.3)
        ax.legend(loc="upper right", fontsize="small")
        self.cursor_line = ax.axvline(d[0], color="#d62728", lw=1, visible=False)
        self.canvas.draw_idle()
        self.marker.show_line(np.column_stack([profile.x, profile.y, profile.z]))
        self.move_to(0.0)
        self.csv_button.setEnabled(True)
        self.png_button.setEnabled(True)

    def _tops(self) -> np.ndarray:
        """What the marker stands on at each station: the roof, else the terrain, else the points."""
        p = self.profile
        z = p.z.copy()
        for name in ("building", "points_max"):
            if name in p.columns:
                z = np.where(np.isfinite(p.columns.get(name)), np.fmax(z, p.columns[name]), z)
        return z

    def _hover(self, event) -> None:
        if self.profile is not None and event.inaxes is self.axes and event.xdata is not None:
            self.move_to(float(event.xdata))

    def move_to(self, distance: float) -> int:
        """The cursor on the chart and the marker in the view at the station nearest ``distance``."""
        k = self.profile.nearest(distance)
        self.cursor_line.set_xdata([self.profile.distance[k]] * 2)
        self.cursor_line.set_visible(True)
        self.canvas.draw_idle()
        self.marker.move(self.profile.x[k], self.profile.y[k], self._tops()[k])
        return k

    # -- export ------------------------------------------------------------------------------
    def export_csv(self, path: str | Path | None = None) -> Path | None:
        path = path or QFileDialog.getSaveFileName(self, self.tr("Export the profile"), "profile.csv",
                                                   self.tr("CSV (*.csv)"))[0]
        if not path:
            return None
        try:
            return self.profile.write_csv(path)
        except TwinError as exc:
            QMessageBox.warning(self, self.tr("Cannot export"), exc.message)
            return None

    def export_png(self, path: str | Path | None = None) -> Path | None:
        path = path or QFileDialog.getSaveFileName(self, self.tr("Export the chart"), "profile.png",
                                                   self.tr("PNG image (*.png)"))[0]
        if not path:
            return None
        path = Path(path)
        tmp = path.with_name(f".{path.name}.part.png")
        try:
            self.figure.savefig(tmp, dpi=150)
            os.replace(tmp, path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            QMessageBox.warning(self, self.tr("Cannot export"),
                                DataError(_message("cannot be written ({})").format(exc.strerror or exc), path=path).message)
            return None
        return path

    def closeEvent(self, event) -> None:
        if self.thread is not None:
            self.worker.feedback.cancel()
            self._finish()
        self.marker.clear()
        super().closeEvent(event)
