"""The warning before the kiosk starts again (RGAA 13.1, WCAG 2.2.1: a visitor controls
time limits): for the last seconds of the idle time a band says how many are left,
screen readers are told at once (an assertive announcement), and any touch, click or
key keeps the kiosk as it is. The band sits in the kiosk's layout, above the caption,
not over the 3D view: widgets drawn over a native OpenGL view flicker or vanish."""

from __future__ import annotations

import math
from typing import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from twin._qt.kiosk_pin import big_button

TICK_MS = 200


class Countdown(QWidget):
    """``start(seconds)`` shows it; ``expired`` fires when they have run out, unless
    ``cancel()`` came first. Time is read from ``clock`` (the kiosk's, which tests drive)."""

    expired = Signal()

    def __init__(self, clock: Callable[[], float], parent: QWidget | None = None):
        super().__init__(parent)
        self.clock = clock
        self.deadline: float | None = None
        self.left: int | None = None
        self.setObjectName("countdown")
        self.setAttribute(Qt.WA_StyledBackground)
        self.label = QLabel()
        self.label.setObjectName("countdownText")
        self.label.setWordWrap(True)
        self.stay = big_button(QPushButton(), "stay")
        self.stay.clicked.connect(self.cancel)
        row = QHBoxLayout(self)
        row.setContentsMargins(18, 8, 18, 8)
        row.addWidget(self.label, 1)
        row.addWidget(self.stay)
        self.timer = QTimer(self, interval=TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.hide()

    @property
    def active(self) -> bool:
        return self.deadline is not None

    def start(self, seconds: float) -> None:
        self.deadline = self.clock() + seconds
        self.left = None
        self.show()
        self.timer.start()
        self.tick()
        event = QAccessibleAnnouncementEvent(self.label, self.label.text())
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
        QAccessible.updateAccessibility(event)

    def tick(self) -> None:
        if self.deadline is None:
            return
        remaining = self.deadline - self.clock()
        if remaining <= 0:
            self.cancel()
            self.expired.emit()
            return
        if math.ceil(remaining) != self.left:
            self.left = math.ceil(remaining)
            self.retranslate()

    def cancel(self) -> None:
        self.timer.stop()
        self.deadline = self.left = None
        self.hide()

    def retranslate(self) -> None:
        self.stay.setText(self.tr("Stay"))
        self.stay.setAccessibleName(self.tr("Stay: keep the kiosk as it is"))
        if self.left is not None:
            self.label.setText(self.tr("Nobody there? The kiosk starts again in {} s. "
                                       "Touch the screen to stay.").format(self.left))
