"""The kiosk's administration pad: digits as large buttons, a lockout after repeated wrong
PINs, then the actions that leave or reload the kiosk."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog, QGridLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget,
)

from twin.present.kiosk import EXIT_ADMIN, check_pin

if TYPE_CHECKING:
    from twin._qt.kiosk import KioskWindow

EXIT_RELOAD = 75          # the admin asked for a fresh start on the scene file
MAX_TRIES, LOCKOUT_S = 5, 60.0


def big_button(button: QPushButton, name: str) -> QPushButton:
    button.setObjectName(name)
    button.setMinimumSize(64, 64)
    button.setFocusPolicy(Qt.StrongFocus)
    button.setSizePolicy(QSizePolicy.Minimum, QSizePolicy.Fixed)   # never narrower than its text
    return button


class PinPad(QDialog):
    """Digits as large buttons, then the admin actions once the PIN is right."""

    def __init__(self, kiosk: "KioskWindow"):
        super().__init__(kiosk, Qt.FramelessWindowHint | Qt.WindowStaysOnTopHint)
        self.kiosk = kiosk
        self.setModal(True)
        self.pages = QStackedWidget()
        pad = QWidget()
        grid = QGridLayout(pad)
        self.title = QLabel()
        self.entry = QLineEdit()
        self.entry.setEchoMode(QLineEdit.Password)
        self.entry.setMaxLength(12)
        self.message = QLabel()
        self.message.setObjectName("pinMessage")
        grid.addWidget(self.title, 0, 0, 1, 3)
        grid.addWidget(self.entry, 1, 0, 1, 3)
        self.digits = []
        for i, digit in enumerate("123456789"):
            button = big_button(QPushButton(digit), f"digit{digit}")
            button.clicked.connect(lambda _=False, d=digit: self.entry.insert(d))
            grid.addWidget(button, 2 + i // 3, i % 3)
            self.digits.append(button)
        self.delete = big_button(QPushButton(), "pinDelete")
        self.delete.clicked.connect(self.entry.backspace)
        zero = big_button(QPushButton("0"), "digit0")
        zero.clicked.connect(lambda: self.entry.insert("0"))
        self.ok = big_button(QPushButton(), "pinOk")
        self.ok.clicked.connect(self.submit)
        self.entry.returnPressed.connect(self.submit)
        grid.addWidget(self.delete, 5, 0)
        grid.addWidget(zero, 5, 1)
        grid.addWidget(self.ok, 5, 2)
        self.cancel = big_button(QPushButton(), "pinCancel")
        self.cancel.clicked.connect(self.reject)
        grid.addWidget(self.message, 6, 0, 1, 3)
        grid.addWidget(self.cancel, 7, 0, 1, 3)
        self.pages.addWidget(pad)

        admin = QWidget()
        col = QVBoxLayout(admin)
        self.admin_title = QLabel()
        self.leave = big_button(QPushButton(), "adminLeave")
        self.leave.clicked.connect(lambda: self.kiosk.leave(EXIT_ADMIN))
        self.reload = big_button(QPushButton(), "adminReload")
        self.reload.clicked.connect(lambda: self.kiosk.leave(EXIT_RELOAD))
        self.back = big_button(QPushButton(), "adminBack")
        self.back.clicked.connect(self.accept)
        for w in (self.admin_title, self.leave, self.reload, self.back):
            col.addWidget(w)
        self.pages.addWidget(admin)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        kiosk.theme.apply(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Administration: enter the PIN"))
        self.entry.setAccessibleName(self.tr("PIN"))
        for button in self.digits:
            button.setAccessibleName(self.tr("Digit {}").format(button.text()))
        self.findChild(QPushButton, "digit0").setAccessibleName(self.tr("Digit {}").format("0"))
        self.delete.setText(self.tr("Delete"))
        self.ok.setText(self.tr("OK"))
        self.cancel.setText(self.tr("Cancel"))
        self.admin_title.setText(self.tr("Administration"))
        self.leave.setText(self.tr("Leave the kiosk"))
        self.reload.setText(self.tr("Reload the scene"))
        self.back.setText(self.tr("Back to the kiosk"))
        for button in (self.delete, self.ok, self.cancel, self.leave, self.reload, self.back):
            button.setAccessibleName(button.text())

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def submit(self) -> None:
        pin, now = self.entry.text(), self.kiosk.clock()
        self.entry.clear()
        if now < self.kiosk.pin_locked_until:
            wait = int(self.kiosk.pin_locked_until - now) + 1
            self.message.setText(self.tr("Too many attempts: try again in {} s").format(wait))
            return
        if self.kiosk.pin_hash is not None and check_pin(pin, self.kiosk.pin_hash):
            self.kiosk.pin_failures = 0
            self.message.clear()
            self.pages.setCurrentIndex(1)
            self.leave.setFocus()
            return
        self.kiosk.pin_failures += 1
        if self.kiosk.pin_failures >= MAX_TRIES:
            self.kiosk.pin_failures = 0
            self.kiosk.pin_locked_until = now + LOCKOUT_S
            self.message.setText(self.tr("Too many attempts: try again in {} s").format(int(LOCKOUT_S)))
        else:
            self.message.setText(self.tr("Wrong PIN"))
