"""The kiosk's screen: the 3D town over most of it, one bar of large buttons at the bottom
(home, the tours, the drawer's handle, the languages) and a drawer of layer toggles that
opens above the bar on demand. Visitors came for the town: the controls take a strip.

The drawer takes its rows from the view while it is open rather than floating over it:
the view is a native OpenGL window, and widgets drawn over one are hidden or flicker
depending on the platform (X11, Wayland under cage)."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

SPACING, MARGINS = 12, (12, 8, 12, 8)


def new_row(parent: QBoxLayout) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(SPACING)
    parent.addLayout(row)
    return row


def strip(widget: QWidget, name: str) -> QVBoxLayout:
    """A band of the kiosk theme's background (the bar, the drawer), its rows inside."""
    widget.setObjectName(name)
    rows = QVBoxLayout(widget)
    rows.setContentsMargins(*MARGINS)
    rows.setSpacing(SPACING // 2)
    return rows


def arrange(bar: QHBoxLayout, drawer: QVBoxLayout, home: QPushButton, tours: list[QPushButton],
            handle: QPushButton, drawer_rows: list[list[QPushButton]],
            languages: list[QPushButton], room: int, after_home: list[QPushButton] = ()) -> bool:
    """Fills the bar (home and ``after_home``, tours, the drawer's handle, languages on the right) and the
    drawer's rows, in ``room`` pixels of width: tours that do not fit in the bar go to the
    drawer, and rows of toggles wider than the screen wrap. False: the drawer is empty."""
    for button in [home, *after_home, handle, *tours, *languages, *(b for row in drawer_rows for b in row)]:
        button.ensurePolished()

    def width(buttons):
        return sum(b.sizeHint().width() for b in buttons) + SPACING * max(len(buttons) - 1, 0)
    fixed = [home, *after_home, handle, *languages]
    in_bar = tours if width(fixed + tours) + SPACING <= room else []
    bar.addWidget(home)
    for button in after_home:
        bar.addWidget(button)
    for button in in_bar:
        bar.addWidget(button)
    bar.addWidget(handle)
    bar.addStretch(1)
    for button in languages:
        bar.addWidget(button)
    rows = [r for r in [[t for t in tours if t not in in_bar], *drawer_rows] if r]
    for buttons in rows:
        row = new_row(drawer)
        for button in buttons:
            if row.count() and width([*_widgets(row), button]) > room:
                row.addStretch(1)
                row = new_row(drawer)
            row.addWidget(button)
        row.addStretch(1)
    return bool(rows)


def _widgets(row: QBoxLayout) -> list[QWidget]:
    return [w for i in range(row.count()) if (w := row.itemAt(i).widget()) is not None]
