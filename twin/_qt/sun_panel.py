"""Sun and shadow: light the maquette by the real sun of a chosen day and hour (Paris
time), with the buildings' shadows, and play the day from sunrise to sunset.

The hour shown is the timeline's instant, so the sun, the live layers and a presentation
agree on one "now"; this panel only edits the timeline and the scene's SunLight."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QEvent, QLocale, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox, QDateEdit, QFormLayout, QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget,
)

from twin.analysis.sunlight import SunLight
from twin.core.timeline import DISPLAY_TZ, as_utc

PRESETS = ((3, 21), (6, 21), (12, 21))
DAY_STEP_MIN = 10           # minutes of sun per animation step
STEP_MS = 100               # a day (≈ 16 h in June) plays in about 10 s


class SunPanel(QWidget):
    def __init__(self, scene, parent=None):
        super().__init__(parent)
        self.scene = scene
        self.sun = SunLight.of(scene)
        self.enabled = QCheckBox()
        self.enabled.toggled.connect(lambda on: setattr(self.sun, "enabled", on))
        self.shadows = QCheckBox()
        self.shadows.toggled.connect(lambda on: setattr(self.sun, "shadows", on))
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.dateChanged.connect(lambda _d: self._set_time())
        presets = QHBoxLayout()
        self.preset_buttons = []
        for month, dom in PRESETS:
            button = QPushButton()
            self.preset_buttons.append((button, month, dom))
            button.clicked.connect(lambda _c=False, m=month, d=dom: self.day.setDate(QDate(self.day.date().year(), m, d)))
            presets.addWidget(button)
        self.hour = QSlider(Qt.Horizontal)
        self.hour.setRange(0, 24 * 60 - 1)
        self.hour.setSingleStep(15)
        self.hour.setPageStep(60)
        # shadows cost ~0.5 s on a town: the sun moves when the slider is let go (or by the
        # keyboard), the hour follows the thumb meanwhile
        self.hour.setTracking(False)
        self.hour.valueChanged.connect(lambda _v: self._set_time())
        self.hour.sliderMoved.connect(lambda v: self.hour_label.setText(f"{v // 60:02d}:{v % 60:02d}"))
        self.hour_label = QLabel()
        self.play = QPushButton()
        self.play.setCheckable(True)
        self.play.toggled.connect(self._play)
        self.readout = QLabel()
        self.readout.setWordWrap(True)
        self._stale = True
        self._timer = QTimer(self, interval=STEP_MS)
        self._timer.timeout.connect(self._step)

        form = QFormLayout()
        form.addRow(self.enabled)
        form.addRow(self.shadows)
        self.day_label, self.hour_row_label = QLabel(), QLabel()
        form.addRow(self.day_label, self.day)
        form.addRow("", presets)
        hour_row = QHBoxLayout()
        hour_row.addWidget(self.hour, 1)
        hour_row.addWidget(self.hour_label)
        form.addRow(self.hour_row_label, hour_row)
        form.addRow("", self.play)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.readout)
        box.addStretch(1)

        self.sun.events.connect(self._from_model)
        scene.timeline.events.current.connect(self._from_model)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the application's language (again after a switch)."""
        self.enabled.setText(self.tr("Light by the real sun"))
        self.enabled.setAccessibleName(self.tr("Light the maquette by the real sun"))
        self.shadows.setText(self.tr("Shadows on the ground"))
        self.shadows.setAccessibleName(self.tr("Show the buildings' shadows"))
        self.day.setAccessibleName(self.tr("Day of the sun study"))
        for button, month, dom in self.preset_buttons:
            label = QLocale().toString(QDate(2001, month, dom), "d MMMM")
            button.setText(label)
            button.setToolTip(self.tr("{} of the year shown").format(label))
        self.hour.setAccessibleName(self.tr("Hour of the day (Paris time)"))
        self.play.setText(self.tr("Play the day"))
        self.play.setAccessibleName(self.tr("Play the day from sunrise to sunset"))
        self.readout.setAccessibleName(self.tr("Sun position"))
        self.day_label.setText(self.tr("Day"))
        self.hour_row_label.setText(self.tr("Hour"))
        self._from_model()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


    # -- model → widgets -----------------------------------------------------------------
    def _from_model(self, *_args) -> None:
        local = self.scene.timeline.current.astimezone(DISPLAY_TZ)
        for widget, setter, value in ((self.enabled, "setChecked", self.sun.enabled),
                                      (self.shadows, "setChecked", self.sun.shadows),
                                      (self.day, "setDate", QDate(local.year, local.month, local.day)),
                                      (self.hour, "setValue", local.hour * 60 + local.minute)):
            widget.blockSignals(True)
            getattr(widget, setter)(value)
            widget.blockSignals(False)
        self.shadows.setEnabled(self.sun.enabled)
        self.hour_label.setText(local.strftime("%H:%M"))
        self._readout()

    def showEvent(self, event) -> None:
        if self._stale:
            self._readout()
        super().showEvent(event)

    def _readout(self) -> None:
        """The sun's position, while the panel shows (pvlib's first import, ~1 s, is not
        paid on the way to the window's first frame); else when it is next shown."""
        self._stale = not self.isVisibleTo(self.window())
        if self._stale:
            return
        from twin.analysis.sun import day_times, site_of
        from twin.analysis.sunlight import sun_state
        state = sun_state(self.scene)
        rise, _noon, set_ = day_times(self._date(), site_of(self.scene))
        paris = lambda t: t.astimezone(DISPLAY_TZ).strftime("%H:%M") if t else "—"   # noqa: E731
        deg = lambda v: QLocale().toString(float(v), "f", 1)   # noqa: E731
        where = (self.tr("azimuth {}°, elevation {}°").format(deg(state.azimuth), deg(state.elevation)) if state.up
                 else self.tr("below the horizon ({}°)").format(deg(state.elevation)))
        self.readout.setText(self.tr("Sun: {}\nSunrise {}, sunset {} (Paris time)").format(
            where, paris(rise), paris(set_)))


    # -- widgets → model -----------------------------------------------------------------
    def _date(self) -> date:
        d = self.day.date()
        return date(d.year(), d.month(), d.day())

    def _set_time(self) -> None:
        minutes = self.hour.value()
        local = datetime.combine(self._date(), time(minutes // 60, minutes % 60), DISPLAY_TZ)
        self.set_instant(local)

    def set_instant(self, when: datetime) -> None:
        """Shows ``when``; a day outside the timeline's range widens the range rather than
        being silently clamped back to it."""
        timeline = self.scene.timeline
        when = as_utc(when)
        day_start, day_end = when - timedelta(days=1), when + timedelta(days=1)
        if (timeline.start and when < timeline.start) or (timeline.end and when > timeline.end):
            timeline.set_range(min(timeline.start or day_start, day_start), max(timeline.end or day_end, day_end))
        timeline.set_current(when)

    def _play(self, on: bool) -> None:
        if not on:
            self._timer.stop()
            return
        from twin.analysis.sun import day_times, site_of
        rise, _noon, set_ = day_times(self._date(), site_of(self.scene))
        if rise is None or set_ is None:
            self.play.setChecked(False)
            return
        self._day = (rise, set_)
        now = self.scene.timeline.current
        if not rise <= now < set_:
            self.set_instant(rise)
        self._timer.start()

    def _step(self) -> None:
        rise, set_ = self._day
        nxt = self.scene.timeline.current + timedelta(minutes=DAY_STEP_MIN)
        self.set_instant(rise if nxt > set_ else nxt)
