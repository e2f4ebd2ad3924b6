"""A scale bar and a north arrow in the lower left corner of the 3D view, so that a
picture of the town says how big and which way up it is: in the app, on the council's
projector, on the kiosk and in every offscreen render (``twin render``, the report's
views, tour videos). The legend has the lower right corner.

Both are measured at the view's centre on the ground — the level plane through the
camera's focal point, kept within the heights of the scene's terrain (panning an oblique
view lifts the focal point off the ground) — and redrawn when the camera moves; they are sized for the screen
(``screen.screen_scale``), and ``visible = False`` hides them (``twin render
--no-furniture``)."""

from __future__ import annotations

import math

import numpy as np
from twin._vtk import classes as vtk

from twin._vtk.screen import Screen, colored, corners, overlay_actor, polygons, roomy, screen_scale, text_size
from twin.core.i18n import number, tr

BAR_PX, FONT_PX, MARGIN_PX, PAD_PX, ARROW_PX = 140, 14, 12, 7, 26   # at 1280×720
INK, PAPER, MID = (34, 34, 34, 255), (255, 255, 255, 210), (150, 150, 150, 255)


def round_length(metres: float) -> float:
    """The largest 1, 2 or 5 × 10ⁿ metres not above ``metres``: lengths one reads at a glance."""
    power = 10.0 ** math.floor(math.log10(metres))
    return max(step * power for step in (1, 2, 5) if step * power <= metres * (1 + 1e-9))


def length_text(metres: float) -> str:
    """"100 m", "1 km", "0,5 m" (the language's way of writing numbers)."""
    if metres >= 1000:
        return tr("{} km").format(number(metres / 1000, 0 if metres % 1000 == 0 else 1))
    digits = 0 if metres >= 1 else max(0, -math.floor(math.log10(metres)))
    return tr("{} m").format(number(metres, digits))


def scale_of(screen: Screen, ground_z: float, target_px: float) -> tuple[float, float] | None:
    """(metres, pixels) of a round scale bar near ``target_px`` long, measured across the
    view's centre on the ground; None when the centre looks above the horizon."""
    cx, cy = screen.width / 2, screen.height / 2
    a = screen.on_ground(cx - target_px / 2, cy, ground_z)
    b = screen.on_ground(cx + target_px / 2, cy, ground_z)
    if a is None or b is None:
        return None
    per_px = float(np.linalg.norm(b - a)) / target_px
    if not per_px > 0:
        return None
    metres = round_length(per_px * target_px)
    return metres, metres / per_px


def north_angle(screen: Screen, ground_z: float) -> float | None:
    """Screen angle of grid north (the scene's +y) at the view's centre, in radians
    clockwise from straight up; None when it cannot be seen (looking straight along it)."""
    cx, cy = screen.width / 2, screen.height / 2
    centre = screen.on_ground(cx, cy, ground_z)
    if centre is None:
        centre = screen.focal
    step = max(1e-3, 0.02 * float(np.linalg.norm(screen.ray(cx, cy)[0] - centre)))
    px, front = screen.project(np.array([centre, centre + [0.0, step, 0.0]]))
    v = px[1] - px[0]
    if not front.all() or np.hypot(*v) < 1e-6:
        return None
    return math.atan2(v[0], v[1])


def ground_heights(scene, origin_z: float) -> tuple[float, float] | None:
    """The terrains' lowest and highest points (else the lowest of every layer),
    origin-relative."""
    from twin.core.layers import TerrainLayer
    boxes = [np.asarray(layer.data.bounds, float) for layer in scene.layers.leaves()
             if layer.data is not None and getattr(layer.data, "bounds", None) is not None]
    terrains = [np.asarray(layer.data.bounds, float) for layer in scene.layers.leaves()
                if isinstance(layer, TerrainLayer) and getattr(layer.data, "bounds", None) is not None]
    if terrains:
        return min(b[2] for b in terrains) - origin_z, max(b[5] for b in terrains) - origin_z
    if boxes:
        low = min(b[2] for b in boxes) - origin_z
        return low, low
    return None


class Furniture:
    """The scale bar and the north arrow of one renderer, updated before each frame."""

    def __init__(self, renderer: vtk.vtkRenderer):
        self.renderer = renderer
        # the (lowest, highest) ground, origin-relative, set when the data change; None
        # while the scene shows nothing (an empty view has no scale)
        self.ground: tuple[float, float] | None = (-np.inf, np.inf)
        self.visible = True
        self.scale: tuple[float, float] | None = None     # (metres, pixels) shown
        self.angle: float | None = None                    # of the north arrow, clockwise
        self.bar: tuple[float, float, float] | None = None  # (x0, x1, y) of the bar in pixels
        self.boxes: list[tuple[float, float, float, float]] = []   # what they cover, for labels
        self._key = None
        self.shapes, self._shape_mapper = overlay_actor()
        self.length, self.north = self._text(), self._text()
        self.north.GetTextProperty().BoldOn()
        for prop in (self.shapes, self.length, self.north):
            renderer.AddViewProp(prop)

    @staticmethod
    def _text() -> vtk.vtkTextActor:
        actor = vtk.vtkTextActor()
        actor.SetTextScaleModeToNone()
        prop = actor.GetTextProperty()
        prop.SetColor(*(c / 255 for c in INK[:3]))
        prop.SetJustificationToCentered()
        prop.SetShadow(False)
        actor.PickableOff()
        return actor

    def update(self) -> None:
        """Measure and draw for the camera of the coming frame (a few small numpy steps;
        nothing is rebuilt while the camera stands still)."""
        screen = Screen.of(self.renderer)
        key = None if screen is None else (screen.key, self.visible, self.ground, tr("N"), tr("{} m"))
        if key == self._key:
            return
        self._key = key
        if screen is None or not self.visible or self.ground is None or not roomy(screen.width, screen.height):
            self._hide()
            return
        dpi = self.renderer.GetRenderWindow().GetDPI()
        s = screen_scale(screen.width, screen.height, dpi)
        ground_z = min(max(float(screen.focal[2]), self.ground[0]), self.ground[1])
        self.scale = scale_of(screen, ground_z, BAR_PX * s)
        self.angle = north_angle(screen, ground_z)
        self.boxes, shapes = [], []            # shapes: (corners, their colour) of each polygon
        y = MARGIN_PX * s
        if self.scale is not None:
            y = self._bar(shapes, y, s, dpi) + PAD_PX * s
        else:
            self.bar = None
        if self.angle is not None:
            self._arrow(shapes, y, s)
        self.length.SetVisibility(self.scale is not None)
        self.north.SetVisibility(self.angle is not None)
        if shapes:
            points = np.vstack([p for p, _ in shapes])
            sizes = np.array([len(p) for p, _ in shapes])
            self._shape_mapper.SetInputData(colored(polygons(points, sizes), np.array([c for _, c in shapes])))
        self.shapes.SetVisibility(bool(shapes))

    def _bar(self, shapes: list, y: float, s: float, dpi: int) -> float:
        """The scale bar on a plate from height ``y``, its length written above it; returns
        the plate's top."""
        metres, px = self.scale
        margin, pad = MARGIN_PX * s, PAD_PX * s
        prop = self.length.GetTextProperty()
        prop.SetFontSize(max(10, round(FONT_PX * s)))
        text = length_text(metres)
        self.length.SetInput(text)
        text_w, text_h = text_size(prop, text, dpi)
        width = max(px, text_w) + 2 * pad
        plate = (margin, y, margin + width, y + 3 * pad + text_h + 6 * s)
        x0, bar_y = margin + (width - px) / 2, y + pad + 3 * s
        self.bar = (x0, x0 + px, bar_y)
        for box, color in ((plate, PAPER), ((x0, bar_y - 1.5 * s, x0 + px, bar_y + 1.5 * s), INK),   # the bar
                           ((x0, bar_y - 1.5 * s, x0 + 2 * s, bar_y + 6 * s), INK),                 # its ends
                           ((x0 + px - 2 * s, bar_y - 1.5 * s, x0 + px, bar_y + 6 * s), INK)):
            shapes.append((corners([box]), color))
        self.length.SetPosition(x0 + px / 2, bar_y + 2 * pad)
        self.boxes.append(plate)
        return plate[3]

    def _arrow(self, shapes: list, y: float, s: float) -> None:
        """The north arrow on a disc from height ``y``: a dark and a grey half, "N" beyond
        its tip, turned clockwise by ``angle``."""
        radius = ARROW_PX * s
        centre = np.array([MARGIN_PX * s + radius, y + radius])
        around = np.linspace(0, 2 * np.pi, 33)[:-1]
        turn = np.array([[math.cos(self.angle), math.sin(self.angle)],
                         [-math.sin(self.angle), math.cos(self.angle)]])
        shapes.append((centre + np.c_[np.cos(around), np.sin(around)] * radius, PAPER))
        shapes.append((centre + np.array([[0, 0.5], [-0.3, -0.55], [0, -0.3]]) @ turn.T * radius, INK))
        shapes.append((centre + np.array([[0, 0.5], [0, -0.3], [0.3, -0.55]]) @ turn.T * radius, MID))
        prop = self.north.GetTextProperty()
        prop.SetFontSize(max(9, round(0.5 * radius)))
        prop.SetVerticalJustificationToCentered()
        self.north.SetInput(tr("N"))
        self.north.SetPosition(*(centre + np.array([0, 0.78]) @ turn.T * radius))
        self.boxes.append((centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius))

    def _hide(self) -> None:
        self.scale = self.angle = self.bar = None
        self.boxes = []
        for prop in (self.shapes, self.length, self.north):
            prop.SetVisibility(False)

    def close(self) -> None:
        for prop in (self.shapes, self.length, self.north):
            self.renderer.RemoveViewProp(prop)

