"""The chart of the feature last picked on a time-aware layer (a sensor's recent readings
against its thresholds, a zone's footfall beside the week before, a building's
consumption), drawn with matplotlib in Europe/Paris time. It follows the timeline and,
when live, new readings; redraws are throttled, a chart costs tens of milliseconds."""

from __future__ import annotations

import time

import matplotlib.dates as mdates
import numpy as np
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from twin.core.layers import History, TemporalLayer
from twin.core.scene import Scene
from twin.core.timeline import DISPLAY_TZ

REDRAW_MS = 250            # at most four charts a second while the timeline plays
LIVE_EVERY_S = 5.0         # a live chart re-reads its store this often


def _rgb(color) -> tuple[float, float, float]:
    return tuple(c / 255 for c in color)


class HistoryPanel(QWidget):
    def __init__(self, scene: Scene, parent=None):
        super().__init__(parent)
        self.scene = scene
        self.target: tuple[TemporalLayer, int] | None = None
        self.history: History | None = None
        self.figure = Figure(figsize=(5, 2.6), layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setMinimumHeight(180)
        self.message = QLabel(self.tr("Click a sensor, a footfall column or a building to see its history."))
        self.message.setWordWrap(True)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.message)
        box.addWidget(self.canvas)
        self.draws = 0
        self._last_live = 0.0
        self._timer = QTimer(self, singleShot=True, interval=REDRAW_MS)
        self._timer.timeout.connect(self.redraw)
        scene.timeline.events.current.connect(self._schedule)
        scene.events.public.connect(self._schedule)

    def show_feature(self, layer: TemporalLayer, row: int) -> None:
        """Chart ``row`` of ``layer``; redrawn when the layer's settings change too."""
        self._follow(None)
        self.target = (layer, row)
        self._follow(layer)
        self.redraw()

    def _follow(self, layer: TemporalLayer | None) -> None:
        if layer is None and self.target is not None:
            self.target[0].events.disconnect(self._schedule)
        elif layer is not None:
            layer.events.connect(self._schedule)

    def _schedule(self, *_args) -> None:
        if self.target is not None and not self._timer.isActive():
            self._timer.start()

    def poll_live(self) -> None:
        """New readings reach the chart every few seconds when the timeline is live."""
        if self.target is not None and self.scene.timeline.live and self.isVisible() \
                and time.monotonic() - self._last_live >= LIVE_EVERY_S:
            self._last_live = time.monotonic()
            self.redraw()

    def redraw(self) -> None:
        if self.target is None:
            return
        layer, row = self.target
        if layer.data is None or layer.parent is None:     # unloaded, or removed from the scene
            self.clear()
            return
        history = layer.history_of(row, self.scene.timeline.current, self.scene.public)
        self.history = history
        self.figure.clear()
        self.draws += 1
        if history is None:
            self.message.setText(self.tr("{}: no figures to show for this feature in a public scene").format(layer.name)
                                 if self.scene.public else
                                 self.tr("{}: no figures to show for this feature").format(layer.name))
            self.canvas.draw_idle()
            return
        self.message.setText(history.title)
        ax = self.figure.add_subplot()
        for trace in history.traces:
            times = trace.times.astype("datetime64[us]")
            if trace.style == "bar" and len(times):
                gap = np.diff(times).min() if len(times) > 1 else np.timedelta64(1, "D")
                ax.bar(times, trace.values, width=gap * 0.8, align="edge", color=_rgb(trace.color),
                       label=trace.label)
            elif trace.style == "step":
                ax.step(times, trace.values, where="post", color=_rgb(trace.color), label=trace.label)
            else:
                ax.plot(times, trace.values, marker=".", color=_rgb(trace.color), label=trace.label)
        for label, value, color in history.thresholds:
            ax.axhline(value, color=_rgb(color), linestyle="--", linewidth=1, label=label)
        now = np.datetime64(history.now.replace(tzinfo=None), "us")
        ax.axvline(now, color="0.2", linewidth=1)
        ax.set_xlim(np.datetime64(history.start.replace(tzinfo=None), "us"), now)
        locator = mdates.AutoDateLocator(tz=DISPLAY_TZ)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, tz=DISPLAY_TZ))
        ax.set_ylabel(history.unit)
        ax.grid(alpha=0.3)
        if history.empty:
            ax.text(0.5, 0.5, self.tr("no readings in this period"), transform=ax.transAxes, ha="center", color="0.4")

        else:
            ax.legend(fontsize="small", loc="best", framealpha=0.8)
        self.canvas.draw_idle()

    def clear(self) -> None:
        self._follow(None)
        self.target, self.history = None, None
        self.figure.clear()
        self.canvas.draw_idle()

    def close_panel(self) -> None:
        self._timer.stop()
        self._follow(None)
        self.scene.timeline.events.current.disconnect(self._schedule)
        self.scene.events.public.disconnect(self._schedule)
