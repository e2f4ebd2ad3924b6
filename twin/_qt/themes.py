"""Public-facing themes (kiosk, council presentation, high contrast): palette, font size and
style sheet, chosen so text meets WCAG 2.1 AA contrast (4.5:1, 3:1 for large text) and
the keyboard focus is a thick outline, never a colour nuance alone.

``tests/gui/test_accessibility.py`` reads the palettes of real widgets and the pixels they
draw, so a colour changed here without care fails there."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class Theme:
    name: str
    window: str          # background of the bars
    text: str            # text on it
    button: str
    button_text: str
    checked: str         # a pressed toggle (also marked by ☑, never by colour alone)
    checked_text: str
    focus: str           # the focus outline (on a checked button: checked_text)
    caption: str         # tour caption box
    caption_text: str
    point_size: int      # body text; buttons use it, captions 1.3×
    button_border: str = ""   # outline of a button at rest (default: its fill)

    def palette(self) -> QPalette:
        pal = QPalette()
        for role, colour in ((QPalette.Window, self.window), (QPalette.WindowText, self.text),
                             (QPalette.Base, self.window), (QPalette.Text, self.text),
                             (QPalette.Button, self.button), (QPalette.ButtonText, self.button_text),
                             (QPalette.Highlight, self.checked), (QPalette.HighlightedText, self.checked_text),
                             (QPalette.ToolTipBase, self.window), (QPalette.ToolTipText, self.text)):
            pal.setColor(role, QColor(colour))
        return pal

    def style_sheet(self) -> str:
        return f"""
QWidget#kioskBar, QWidget#kioskDrawer, QDialog, QWidget#presentBar {{ background: {self.window}; color: {self.text}; }}
QLabel {{ color: {self.text}; background: transparent; font-size: {self.point_size}pt; }}
QLabel#caption {{ background: {self.caption}; color: {self.caption_text};
                  font-size: {round(self.point_size * 1.3)}pt; padding: 10px 18px; border-radius: 6px; }}
QWidget#countdown {{ background: {self.checked}; }}
QLabel#countdownText {{ color: {self.checked_text}; font-size: {round(self.point_size * 1.3)}pt; font-weight: bold; }}
QPushButton {{ background: {self.button}; color: {self.button_text}; min-height: 64px; min-width: 64px;
               padding: 4px 14px; border: 4px solid {self.button_border or self.button}; border-radius: 8px;
               font-size: {self.point_size}pt; }}
QPushButton:checked {{ background: {self.checked}; color: {self.checked_text}; border-color: {self.checked}; }}
QPushButton:focus {{ border: 4px solid {self.focus}; }}
QPushButton:checked:focus {{ border: 4px solid {self.checked_text}; }}
QPushButton:disabled {{ color: {self.button_text}; }}
QLineEdit {{ background: {self.window}; color: {self.text}; border: 3px solid {self.text};
             font-size: {round(self.point_size * 1.5)}pt; min-height: 64px; }}
QLineEdit:focus {{ border: 4px solid {self.focus}; }}
"""

    def check_icon(self, size: int = 56) -> QIcon:
        """A box, ticked when a toggle is on (QIcon's On state), in the text colour of
        each state: a toggle's state is shown by a shape, not only by its colour."""
        icon = QIcon()
        for state, colour in ((QIcon.Off, self.button_text), (QIcon.On, self.checked_text)):
            pix = QPixmap(size, size)
            pix.fill(Qt.transparent)
            painter = QPainter(pix)
            painter.setRenderHint(QPainter.Antialiasing)
            pen = QPen(QColor(colour), size / 10)
            painter.setPen(pen)
            m = size * 0.12
            painter.drawRoundedRect(m, m, size - 2 * m, size - 2 * m, size / 10, size / 10)
            if state == QIcon.On:
                pen.setWidthF(size / 7)
                painter.setPen(pen)
                painter.drawPolyline([QPointF(size * .27, size * .52), QPointF(size * .44, size * .7),
                                      QPointF(size * .75, size * .3)])
            painter.end()
            for mode in (QIcon.Normal, QIcon.Active, QIcon.Selected):
                icon.addPixmap(pix, mode, state)
        return icon

    def apply(self, widget: QWidget) -> None:
        widget.setPalette(self.palette())
        font = QFont(widget.font())
        font.setPointSize(self.point_size)
        widget.setFont(font)
        widget.setStyleSheet(self.style_sheet())


KIOSK = Theme("kiosk", window="#14202e", text="#ffffff", button="#1f4e79", button_text="#ffffff",
              checked="#ffd166", checked_text="#14202e", focus="#ffd166", caption="#14202e",
              caption_text="#ffffff", point_size=16)
PRESENTATION = Theme("presentation", window="#202124", text="#f1f3f4", button="#3c4043",
                     button_text="#ffffff", checked="#8ab4f8", checked_text="#202124", focus="#fdd663",
                     caption="#202124", caption_text="#ffffff", point_size=16)
HIGH_CONTRAST = Theme("high-contrast", window="#000000", text="#ffffff", button="#000000",
                      button_text="#ffffff", checked="#ffff00", checked_text="#000000", focus="#00ffff",
                      caption="#000000", caption_text="#ffff00", point_size=18, button_border="#ffffff")
THEMES = {t.name: t for t in (KIOSK, PRESENTATION, HIGH_CONTRAST)}


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: QColor) -> float:
    r, g, b = (_linear(v) for v in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(fg: QColor, bg: QColor) -> float:
    """WCAG 2.1 contrast ratio, 1 (same) to 21 (black on white)."""
    a, b = sorted((relative_luminance(QColor(fg)), relative_luminance(QColor(bg))), reverse=True)
    return (a + 0.05) / (b + 0.05)
