"""The timeline bar: the instant shown (in Europe/Paris), play/pause, speed, the range it
plays and loops over (fitted to the visible data in one click), and "Live", which pins it
to the present. It only shows and edits the Timeline model; a timer ticks the model, and
every time-aware layer follows the model."""

from __future__ import annotations

import time
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDateTime, QEvent, QTimeZone, QTimer

from PySide6.QtWidgets import QCheckBox, QComboBox, QDateTimeEdit, QHBoxLayout, QLabel, QPushButton, QWidget

from twin.core.timeline import DISPLAY_TZ, Timeline

SPEEDS = [(QT_TRANSLATE_NOOP("TimelineBar", "1 min/s"), 60.0), (QT_TRANSLATE_NOOP("TimelineBar", "10 min/s"), 600.0),
          (QT_TRANSLATE_NOOP("TimelineBar", "1 h/s"), 3600.0), (QT_TRANSLATE_NOOP("TimelineBar", "6 h/s"), 21600.0),
          (QT_TRANSLATE_NOOP("TimelineBar", "1 day/s"), 86400.0)]
PARIS = QTimeZone(b"Europe/Paris")


def _to_qt(when: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(when.timestamp()), PARIS)


def _date_edit(name: str) -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setDisplayFormat("dd/MM/yyyy HH:mm")
    edit.setCalendarPopup(True)
    edit.setTimeZone(PARIS)
    edit.setAccessibleName(name)
    return edit


def _from_qt(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), DISPLAY_TZ)


class TimelineBar(QWidget):
    def __init__(self, timeline: Timeline, scene=None, parent=None):
        super().__init__(parent)
        self.timeline, self.scene = timeline, scene
        self.when = _date_edit("")
        self.when.dateTimeChanged.connect(self._edited)
        self.start, self.end = _date_edit(""), _date_edit("")
        for edit in (self.start, self.end):
            edit.editingFinished.connect(self._range_edited)
        self.fit = QPushButton()
        self.fit.clicked.connect(self.fit_to_data)
        self.play = QPushButton()
        self.play.setCheckable(True)
        self.play.toggled.connect(lambda on: setattr(self.timeline, "playing", on))
        self.speed = QComboBox()
        for _label, value in SPEEDS:
            self.speed.addItem("", value)
        self.speed.currentIndexChanged.connect(
            lambda i: setattr(self.timeline, "speed", self.speed.itemData(i)))
        self.loop = QCheckBox()
        self.loop.toggled.connect(lambda on: setattr(self.timeline, "loop", on))
        self.live = QPushButton()
        self.live.setCheckable(True)
        self.live.toggled.connect(self._live)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        self.labels = [QLabel(), QLabel(), QLabel()]      # time, from, to
        row.addWidget(self.labels[0])
        for w in (self.when, self.play, self.speed, self.loop, self.live, self.labels[1], self.start,
                  self.labels[2], self.end, self.fit):
            row.addWidget(w)
        row.addStretch(1)
        self.message = QLabel("")
        row.addWidget(self.message)
        for name in ("current", "playing", "live", "speed", "loop", "start", "end"):
            getattr(timeline.events, name).connect(self._sync)
        self.retranslate()
        self._last = time.monotonic()
        self.ticker = QTimer(self, interval=100)
        self.ticker.timeout.connect(self._tick)
        self.ticker.start()

    def retranslate(self) -> None:
        """Every text in the application's language (again after a switch)."""
        self.when.setAccessibleName(self.tr("Date and time shown (Europe/Paris)"))
        self.start.setAccessibleName(self.tr("Start of the range played (Europe/Paris)"))
        self.end.setAccessibleName(self.tr("End of the range played (Europe/Paris)"))
        for edit in (self.start, self.end):
            edit.setSpecialValueText(self.tr("(none)"))     # shown at the minimum: no bound
        self.fit.setText(self.tr("Fit to data"))
        self.fit.setToolTip(self.tr("Play over the period the visible time-aware layers cover"))
        self.play.setAccessibleName(self.tr("Play or pause the timeline"))
        self.speed.setAccessibleName(self.tr("Speed"))
        for i, (label, _value) in enumerate(SPEEDS):
            self.speed.setItemText(i, self.tr(label))
        self.loop.setText(self.tr("Loop"))
        self.live.setText(self.tr("Live"))
        self.live.setAccessibleName(self.tr("Follow the present time"))
        for label, text in zip(self.labels, (self.tr("Time (Paris)"), self.tr("from"), self.tr("to"))):
            label.setText(text)
        self._sync()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _tick(self) -> None:

        now = time.monotonic()
        elapsed, self._last = now - self._last, now
        self.timeline.tick(elapsed)

    def _edited(self, value: QDateTime) -> None:
        self.timeline.live = False
        self.timeline.set_current(_from_qt(value))

    def _bound(self, edit: QDateTimeEdit) -> datetime | None:
        return None if edit.dateTime() == edit.minimumDateTime() else _from_qt(edit.dateTime())

    def _range_edited(self) -> None:
        try:
            self.timeline.set_range(self._bound(self.start), self._bound(self.end))
            self.message.setText("")
        except ValueError as exc:
            self.message.setText(str(exc))
            self._sync()

    def fit_to_data(self) -> None:
        extent = self.scene.time_extent() if self.scene is not None else None
        if extent is None:
            self.message.setText(self.tr("No visible time-aware layer has data to fit to"))
            return
        self.timeline.set_range(*extent)
        self.message.setText("")

    def _live(self, on: bool) -> None:
        self.timeline.live = on
        if on:
            self.timeline.playing = False
            self.timeline.tick(0)

    def _sync(self, *_args) -> None:
        """Model → widgets, without echoing the change back."""
        t = self.timeline
        widgets = (self.when, self.play, self.speed, self.loop, self.live, self.start, self.end)
        for w in widgets:
            w.blockSignals(True)
        self.when.setDateTime(_to_qt(t.current))
        for edit, bound in ((self.start, t.start), (self.end, t.end)):
            edit.setDateTime(_to_qt(bound) if bound else edit.minimumDateTime())
        self.when.setEnabled(not t.live)
        self.play.setChecked(t.playing)
        self.play.setText(self.tr("Pause") if t.playing else self.tr("Play"))
        self.play.setEnabled(not t.live)
        index = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i][1] - t.speed))
        self.speed.setCurrentIndex(index)
        self.loop.setChecked(t.loop)
        self.live.setChecked(t.live)
        for w in widgets:
            w.blockSignals(False)
