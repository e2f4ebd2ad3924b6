"""Labels in the 3D view that never overlap one another nor the legend, the scale bar and
the north arrow: before each frame that moved the camera, every label's anchor is
projected with the camera's matrix (numpy), its box is known from its measured text, and
labels are placed greedily, highest priority first, on an occupancy grid of the screen;
a label whose box would touch a placed one, leaves the view or lies behind the camera is
not drawn in that frame.

Chosen over VTK's ``vtkLabelPlacementMapper`` (which also declutters, behind pyvista's
``add_point_labels``): that one knows neither the legend nor the furniture nor priorities
across layers, and rebuilds its label hierarchy whenever its input changes. This pass
costs a projection and a short loop over the labels on screen (~1 ms for the demo's,
~10-30 ms for 2 000 labels on a busy 2-core machine), and text actors that only move;
whole frames cost about the same as with VTK's mapper (benchmarks/bench_furniture.py).

A visual adds its labels with ``add_labels(plotter, anchors, texts, priority=…)`` and
keeps the returned prop in its actors like any other (hiding or removing it hides or
removes the labels); ``SceneMirror`` places them all before each frame."""

from __future__ import annotations

import numpy as np
import pyvista as pv
from twin._vtk import classes as vtk

from twin._vtk.screen import Screen, screen_scale, text_size

CELL_PX = 4          # occupancy grid step: boxes are widened to whole cells, never overlap
GAP_PX = 2           # kept clear around each label


class LabelSet:
    """One visual's labels: origin-relative anchors, their text actors (in one prop
    assembly, which the visual owns) and their boxes' sizes in pixels."""

    def __init__(self, anchors: np.ndarray, texts: list[str], priority: np.ndarray,
                 text_prop: vtk.vtkTextProperty, dpi: int):
        self.anchors = np.asarray(anchors, float).reshape(-1, 3)
        order = np.argsort(-np.asarray(priority, float), kind="stable")
        self.rank = np.empty(len(order))               # 1 for the first, toward 0 for the last:
        self.rank[order] = 1 - np.arange(len(order)) / max(1, len(order))   # sets interleave
        self.assembly = vtk.vtkPropAssembly()
        self.actors = []
        sizes = []
        for text in texts:
            actor = vtk.vtkTextActor()
            actor.SetTextScaleModeToNone()
            actor.GetTextProperty().ShallowCopy(text_prop)
            actor.SetInput(text)
            actor.PickableOff()
            actor.SetVisibility(False)          # until placed
            self.assembly.AddPart(actor)
            self.actors.append(actor)
            sizes.append(text_size(text_prop, text, dpi))
        self.base = np.asarray(sizes, float).reshape(-1, 2)     # pixels at a scale of 1
        self.font = text_prop.GetFontSize()
        self.scale, self.size = 1.0, self.base
        self.shown = np.zeros(len(texts), bool)

    def rescale(self, scale: float) -> None:
        """Text sized for the screen (``screen.screen_scale``), as the legend's is."""
        if scale != self.scale:
            self.scale, self.size = scale, self.base * scale
            for actor in self.actors:
                actor.GetTextProperty().SetFontSize(round(self.font * scale))


class LabelPlacer:
    """Every label set of one renderer, placed together."""

    def __init__(self, renderer: vtk.vtkRenderer):
        self.renderer = renderer
        self.sets: list[LabelSet] = []
        self._key = None
        self.boxes = np.zeros((0, 4))        # (x0, y0, x1, y1) of the labels drawn, for tests

    @classmethod
    def of(cls, renderer: vtk.vtkRenderer) -> "LabelPlacer":
        placer = getattr(renderer, "_twin_labels", None)
        if placer is None:
            placer = cls(renderer)
            renderer._twin_labels = placer
        return placer

    def add(self, label_set: LabelSet) -> None:
        """Take a new set, and let go of those removed from the view since (a view that
        rebuilds its labels many times between frames, a kiosk's tour, would hold them)."""
        self._forget_removed()
        self.sets.append(label_set)
        self._key = None

    def _forget_removed(self) -> None:
        self.sets = [s for s in self.sets if self.renderer.HasViewProp(s.assembly)]

    def place(self, blocked: list[tuple[float, float, float, float]] = ()) -> None:
        """Show the labels that fit for the coming frame, clear of ``blocked`` pixel boxes."""
        self._forget_removed()
        live = [s for s in self.sets if s.assembly.GetVisibility() and len(s.actors)]
        screen = Screen.of(self.renderer)
        key = None if screen is None else (screen.key, tuple(map(tuple, blocked)),
                                           tuple(id(s) for s in live))
        if key == self._key:
            return
        self._key = key
        if screen is None or not live:
            self.boxes = np.zeros((0, 4))
            for s in live:
                _apply(s, np.zeros(len(s.actors), bool), None)
            return
        window = self.renderer.GetRenderWindow()
        scale = screen_scale(screen.width, screen.height, window.GetDPI() if window else 72)
        for s in live:
            s.rescale(scale)
        anchors = np.vstack([s.anchors for s in live])
        size = np.vstack([s.size for s in live])
        priority = np.concatenate([s.rank for s in live])
        xy, front = screen.project(anchors)
        boxes = np.c_[xy - size / 2, xy + size / 2]
        inside = front & (boxes[:, 0] >= 0) & (boxes[:, 1] >= 0) & \
            (boxes[:, 2] <= screen.width) & (boxes[:, 3] <= screen.height)
        shown = declutter(boxes, priority, inside, screen.width, screen.height, blocked)
        self.boxes = boxes[shown]
        start = 0
        for s in live:
            end = start + len(s.actors)
            _apply(s, shown[start:end], xy[start:end])
            start = end


def declutter(boxes: np.ndarray, priority: np.ndarray, candidates: np.ndarray, width: int, height: int,
              blocked=()) -> np.ndarray:
    """Which of the (N, 4) pixel boxes to show: greedily, highest ``priority`` first (ties:
    the order given), each one only if its box (and a small gap) touches no box shown
    before it nor a ``blocked`` one. Boxes are widened to whole grid cells, so that
    boxes shown never intersect."""
    grid = np.zeros((height // CELL_PX + 2, width // CELL_PX + 2), bool)

    def cells(box):
        x0, y0, x1, y1 = box
        return (slice(max(0, int((y0 - GAP_PX) // CELL_PX)), max(0, int(np.ceil((y1 + GAP_PX) / CELL_PX)))),
                slice(max(0, int((x0 - GAP_PX) // CELL_PX)), max(0, int(np.ceil((x1 + GAP_PX) / CELL_PX)))))

    for box in blocked:
        grid[cells(box)] = True
    shown = np.zeros(len(boxes), bool)
    order = np.flatnonzero(candidates)
    order = order[np.argsort(-priority[order], kind="stable")]
    for i in order:
        where = cells(boxes[i])
        if not grid[where].any():
            grid[where] = True
            shown[i] = True
    return shown


def _apply(label_set: LabelSet, shown: np.ndarray, xy: np.ndarray | None) -> None:
    """Move the shown labels, hide the others (only the actors whose state changed)."""
    for i in np.flatnonzero(shown | label_set.shown):
        actor = label_set.actors[i]
        if shown[i]:
            actor.SetPosition(float(xy[i, 0]), float(xy[i, 1]))
        if shown[i] != label_set.shown[i]:
            actor.SetVisibility(bool(shown[i]))
    label_set.shown = shown.copy()


def add_labels(plotter: pv.Plotter, anchors: np.ndarray, texts: list[str], priority=None, *,
               font_size: int = 12, bold: bool = False, color="#222222", background=None,
               background_opacity: float = 0.75) -> vtk.vtkPropAssembly:
    """Labels at (N, 3) origin-relative ``anchors``, centred on them, decluttered with the
    other labels of the view (higher ``priority`` kept first; default: the order given).
    Returns the prop to keep with the visual's actors."""
    prop = vtk.vtkTextProperty()
    prop.SetFontSize(font_size)
    prop.SetBold(bold)
    prop.SetColor(*pv.Color(color).float_rgb)
    prop.SetShadow(False)
    prop.SetJustificationToCentered()
    prop.SetVerticalJustificationToCentered()
    if background is not None:
        prop.SetBackgroundColor(*pv.Color(background).float_rgb)
        prop.SetBackgroundOpacity(background_opacity)
        texts = [f" {t} " for t in texts]           # a margin inside the background
    priority = -np.arange(len(texts), dtype=float) if priority is None else priority
    window = plotter.renderer.GetRenderWindow()
    label_set = LabelSet(anchors, list(texts), priority, prop, window.GetDPI() if window else 72)
    plotter.renderer.AddViewProp(label_set.assembly)
    LabelPlacer.of(plotter.renderer).add(label_set)
    return label_set.assembly
