"""The legends of the visible overlays, in the lower right corner of the 3D view, so that
the app, the presentation screen and a rendered PNG all say what the colours mean —
without hiding the town: one block per overlay (a short title, its swatches), all of them
within ``SHARE`` of the view. Blocks that do not fit lose their notes, then their font
shrinks down to a readable minimum, then the least important (the last) fold to their
title and a strip of their colours. ``collapsed`` folds them all (a click on the legend
in the app toggles it); ``box`` is the pixel box drawn, which the labels keep clear of."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from twin._vtk import classes as vtk

from twin._vtk.screen import colored, corners, overlay_actor, polygons, roomy, screen_scale, text_size
from twin.core.layers.temporal import Legend

SHARE = 0.15                 # of the view's area, at most
MAX_SIDE = 0.6               # of the view's width, of its height: a box, not a column
TITLE_PX, ENTRY_PX, MIN_PX = 14, 13, 10     # font sizes at 1280×720; the least still read
MARGIN_PX = 12
INK, NOTE_INK, PAPER = (0.1, 0.1, 0.1), (0.3, 0.3, 0.3), (255, 255, 255, 220)


@dataclass
class Row:
    text: str
    size: int
    bold: bool = False
    italic: bool = False
    colors: list[tuple[int, int, int]] = field(default_factory=list)   # swatches before the text


@dataclass
class Layout:
    rows: list[Row]
    width: float
    height: float
    folded: int              # blocks folded to their title, counted from the last
    dropped: int             # blocks left out (even folded, the legend would not fit)


class Measure:
    """Text sizes in pixels, remembered: a layout tries several fonts on the same texts."""

    def __init__(self, dpi: int):
        self.dpi, self._sizes = dpi, {}
        self.prop = vtk.vtkTextProperty()

    def __call__(self, row: Row) -> tuple[int, int]:
        key = (row.text, row.size, row.bold, row.italic)
        if key not in self._sizes:
            self.prop.SetFontSize(row.size)
            self.prop.SetBold(row.bold)
            self.prop.SetItalic(row.italic)
            self._sizes[key] = text_size(self.prop, row.text or " ", self.dpi)
        return self._sizes[key]


def _rows(legends: list[Legend], font: int, folded: int, notes: bool) -> list[Row]:
    title, entry = round(font * TITLE_PX / ENTRY_PX), font
    rows = []
    for i, legend in enumerate(legends):
        if i >= len(legends) - folded:
            rows.append(Row(legend.title, title, bold=True, colors=[c for c, _ in legend.entries[:6]]))
            continue
        rows.append(Row(legend.title, title, bold=True))
        rows += [Row(label, entry, colors=[color]) for color, label in legend.entries]
        if notes and legend.note:
            rows.append(Row(legend.note, max(MIN_PX, entry - 1), italic=True))
    return rows


def _size(rows: list[Row], measure: Measure, pad: float) -> tuple[float, float]:
    width = height = 0.0
    for row in rows:
        w, h = measure(row)
        swatches = len(row.colors) * (row.size if len(row.colors) == 1 else 0.7 * row.size)
        width = max(width, swatches + (0.5 * row.size if row.colors else 0) + w)
        height += _line(row)
    return width + 2 * pad, height + 2 * pad


def _line(row: Row) -> float:
    return round(1.4 * row.size)


def fit(legends: list[Legend], view_w: int, view_h: int, measure: Measure, scale: float,
        collapsed: bool = False, share: float = SHARE) -> Layout | None:
    """The largest layout of ``legends`` within ``share`` of a view_w × view_h view (and
    ``MAX_SIDE`` of its sides): notes go first, then the font shrinks to the minimum, then blocks fold,
    the last first; None when not even one folded title fits."""
    area, pad = share * view_w * view_h, 6 * scale
    top, least = round(ENTRY_PX * scale), max(MIN_PX, round(MIN_PX * min(scale, 1.5)))
    n = len(legends)
    plans = [(n, 0, False)] if collapsed else [(0, 0, True), *((k, 0, False) for k in range(n + 1))]
    plans += [(n - d, d, False) for d in range(1, n)]          # still too big: drop the last
    for folded, dropped, notes in plans:
        shown = legends[:n - dropped]
        for font in range(top, least - 1, -1):
            rows = _rows(shown, font, folded, notes)
            width, height = _size(rows, measure, pad)
            if width * height <= area and width <= MAX_SIDE * view_w and height <= MAX_SIDE * view_h:
                return Layout(rows, width, height, folded, dropped)
    return None


class LegendOverlay:
    """The legends of one renderer: ``show`` the list, ``place`` before each frame."""

    def __init__(self, renderer: vtk.vtkRenderer):
        self.renderer = renderer
        self.shown: list[Legend] = []
        self.collapsed = False
        self.layout: Layout | None = None
        self.box: tuple[float, float, float, float] | None = None    # (x0, y0, x1, y1) pixels
        self._key = None
        self.shapes, self._mapper = overlay_actor()
        self.texts: list[vtk.vtkTextActor] = []
        renderer.AddViewProp(self.shapes)
        self.shapes.SetVisibility(False)

    def show(self, legends: list[Legend]) -> None:
        if legends != self.shown:
            self.shown, self._key = list(legends), None

    def toggle(self) -> None:
        """Fold every block to its title, or unfold them (drawn at the next frame)."""
        self.collapsed, self._key = not self.collapsed, None

    def contains(self, x: float, y: float) -> bool:
        return self.box is not None and self.box[0] <= x <= self.box[2] and self.box[1] <= y <= self.box[3]

    def place(self) -> None:
        """Lay the legend out again when the view's size, the legends or the folding
        changed (called before frames; nothing happens while they stay)."""
        w, h = self.renderer.GetSize()
        dpi = self.renderer.GetRenderWindow().GetDPI() if self.renderer.GetRenderWindow() else 72
        key = (w, h, dpi, self.collapsed, id(self.shown))
        if key == self._key:
            return
        self._key = key
        scale = screen_scale(w, h, dpi)
        self.layout = fit(self.shown, w, h, Measure(dpi), scale, self.collapsed) if self.shown and roomy(w, h) else None
        self._draw(self.layout, w, scale)

    def _draw(self, layout: Layout | None, view_w: int, scale: float) -> None:
        for actor in self.texts:
            actor.SetVisibility(False)
        if layout is None:
            self.box = None
            self.shapes.SetVisibility(False)
            return
        margin, pad = MARGIN_PX * scale, 6 * scale
        x0, y0 = view_w - margin - layout.width, margin
        self.box = (x0, y0, x0 + layout.width, y0 + layout.height)
        boxes, colors = [self.box], [PAPER]
        y = self.box[3] - pad
        for i, row in enumerate(layout.rows):
            line = _line(row)
            mid, x = y - line / 2, x0 + pad
            side = row.size if len(row.colors) == 1 else 0.7 * row.size
            for color in row.colors:
                boxes.append((x + 0.1 * side, mid - 0.4 * side, x + 0.9 * side, mid + 0.4 * side))
                colors.append((*color, 255))
                x += side
            if row.colors:
                x += 0.5 * row.size
            self._text(i, row, x, mid)
            y -= line
        self._mapper.SetInputData(colored(polygons(corners(boxes), np.full(len(boxes), 4)), np.array(colors)))
        self.shapes.SetVisibility(True)

    def _text(self, i: int, row: Row, x: float, y: float) -> None:
        while len(self.texts) <= i:
            actor = vtk.vtkTextActor()
            actor.SetTextScaleModeToNone()
            actor.PickableOff()
            self.renderer.AddViewProp(actor)
            self.texts.append(actor)
        actor = self.texts[i]
        prop = actor.GetTextProperty()
        prop.SetFontSize(row.size)
        prop.SetBold(row.bold)
        prop.SetItalic(row.italic)
        prop.SetShadow(False)
        prop.SetColor(*(NOTE_INK if row.italic else INK))
        prop.SetVerticalJustificationToCentered()
        actor.SetInput(row.text)
        actor.SetPosition(x, y)
        actor.SetVisibility(True)

    def close(self) -> None:
        for prop in [self.shapes, *self.texts]:
            self.renderer.RemoveViewProp(prop)
        self.texts, self.shown, self.layout, self.box = [], [], None, None
