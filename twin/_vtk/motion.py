"""Drawing less while the camera moves (``SceneMirror.interacting``).

Software GL (Mesa llvmpipe, most planners' machines) pays for covered pixels and for
vertices, so a moving frame is drawn smaller and scaled up (half the side at most, and
no more than ``PIXELS``: a kiosk's large screen costs no more than a 720p window), point clouds
draw an even subset of the points they hold, and what only adds detail (outlines over
filled polygons, labels, legends, the clouds' eye-dome shading) waits for the still
frame. Buildings draw by level of detail (``twin._vtk.building_lod``), trees fewer and
plainer. Each change is made at the start of a frame and undone at its end: between
frames (picking, bounds, the visuals' own updates) the scene is the full one, and
nothing has to be kept in step."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyvista as pv

from twin._vtk.classes import (
    vtkActor, vtkActor2D, vtkGlyph3DMapper, vtkMapper, vtkOpenGLFramebufferObject, vtkPolyData, vtkRenderer,
)
from twin.core.layers import PointCloudLayer
from twin.lod.budget import MotionDetail

SCALE = 0.5                 # side of the moving picture, a fraction of the window's, at most
PIXELS = 150_000            # nor more pixels than this (1280×720: 0.4 of the side)
POINTS = 100_000            # points drawn while moving, every cloud together (those in view: the clouds
                            # refine within this budget while moving)
WASH_CELLS = 100_000        # a translucent fill this large is left out while moving

_READ, _DRAW = 0x8CA8, 0x8CA9                   # GL_READ_FRAMEBUFFER, GL_DRAW_FRAMEBUFFER
_COLOR, _NEAREST, _LINEAR, _SCISSOR = 0x4000, 0x2600, 0x2601, 0x0C11


@dataclass(frozen=True)
class Drawn:
    """What one frame drew: polygons, strips and lines; points; pixels of the 3D picture."""

    cells: int = 0
    points: int = 0
    pixels: int = 0


class MotionDrawing:
    """The moving-frame policy of one renderer; ``active`` turns it on."""

    def __init__(self, renderer: vtkRenderer, visuals: dict, scale: float = SCALE,
                 points: int = POINTS, pixels: int = PIXELS):
        self.renderer, self.visuals = renderer, visuals
        self.scale, self.points, self.pixels = scale, points, pixels
        self.detail = MotionDetail()    # how much of that a frame draws, from the frames' times
        self._active = False
        self._viewport = (0.0, 0.0, 1.0, 1.0)
        self.drawn = Drawn()            # what the last frame drew
        self._undo: list = []
        self._scaled = False
        self._thin: dict[int, tuple] = {}       # id(actor) → (input, its mtime, step, mapper)
        self._buffer: vtkOpenGLFramebufferObject | None = None
        self._tags = [renderer.AddObserver("StartEvent", self._start),
                      renderer.AddObserver("EndEvent", self._end)]

    @property
    def side(self) -> float:
        """The moving picture's side, a fraction of the renderer's (outside a frame)."""
        w, h = self.renderer.GetSize()
        return min(self.scale, (self.pixels / max(1, w * h)) ** 0.5)

    @property
    def point_budget(self) -> int:
        """Points a moving frame draws, every cloud together."""
        return max(1, int(self.points * self.detail.level))

    @property
    def active(self) -> bool:
        return self._active

    @active.setter
    def active(self, on: bool) -> None:
        if bool(on) != self._active:
            self.detail.forget()        # another motion: its own frames make the trend (the level stays)
        self._active = bool(on)
        if not on:
            self._thin.clear()          # the thinned copies hold the clouds' arrays

    def close(self) -> None:
        for tag in self._tags:
            self.renderer.RemoveObserver(tag)
        self._thin.clear()
        self._buffer = None

    # -- one frame --------------------------------------------------------------------------
    def _start(self, *_args) -> None:
        if not self._active or self.renderer.GetSelector() is not None:   # picking draws too
            return
        undo = self._undo
        for prop in _items(self.renderer.GetViewProps()):     # labels, legends
            if isinstance(prop, vtkActor2D) and prop.GetVisibility():
                prop.SetVisibility(False)
                undo.append(lambda p=prop: p.SetVisibility(True))
        for actor in self._secondary():
            actor.SetVisibility(False)
            undo.append(lambda a=actor: a.SetVisibility(True))
        self._thin_points(undo)
        edl = self.renderer.GetPass()       # eye-dome lighting shades the clouds' depth: the
        if edl is not None and edl.IsA("vtkEDLShading"):     # motion shows it (~40 ms a frame)
            self.renderer.SetPass(edl.GetDelegatePass())
            undo.append(lambda p=edl: self.renderer.SetPass(p))
        for visual in list(self.visuals.values()):      # a visual's own lighter drawing
            draw_less = getattr(visual, "draw_less", None)
            if draw_less is not None and visual.layer.effectively_visible:
                draw_less(undo, self.detail.level)
        side = self.side
        self._scaled = self._can_scale(side)
        if self._scaled:
            self._shrink_points(undo, side)
            vp = self._viewport = self.renderer.GetViewport()
            self.renderer.SetViewport(vp[0], vp[1], vp[0] + (vp[2] - vp[0]) * side,
                                      vp[1] + (vp[3] - vp[1]) * side)
            undo.append(lambda v=vp: self.renderer.SetViewport(*v))

    def _end(self, *_args) -> None:
        if self.renderer.GetSelector() is not None:
            return
        try:
            w, h = self.renderer.GetSize()
            self.drawn = _count(self.renderer, w * h)
            if self._scaled:
                self._scale_up()
        finally:                    # the scene is whole again between frames, whatever happened
            self._scaled = False
            while self._undo:
                self._undo.pop()()

    # -- what is left out ---------------------------------------------------------------------
    def _secondary(self) -> list:
        """Of a layer drawn twice, filled polygons and their outlines, the drawing a moving
        frame leaves out: the outlines, unless the fill is a large translucent wash
        (draped parcels: the wash costs most, the lines carry the shapes) or clear (a
        commune's limits: the fill is there to be picked, the lines are what shows)."""
        out = []
        for visual in list(self.visuals.values()):
            shown = [(a, _input(a)) for a in visual.actors
                     if isinstance(a, vtkActor) and a.GetVisibility() and _input(a) is not None]
            fills = [a for a, p in shown if p.GetNumberOfPolys()]
            lines = [a for a, p in shown if p.GetNumberOfLines() and not p.GetNumberOfPolys()
                     and not p.GetNumberOfVerts()]
            if not (fills and lines):
                continue
            wash = [a for a in fills if a.GetProperty().GetOpacity() < 1.0
                    and _input(a).GetNumberOfPolys() > WASH_CELLS]
            clear = [a for a in fills if a.GetProperty().GetOpacity() <= 0.0]
            out += clear or wash or lines
        return out

    def _thin_points(self, undo: list) -> None:
        """Point clouds draw every n-th point they hold, n the same for all (an even
        thinning: COPC nodes have no order in space)."""
        actors = [a for v in list(self.visuals.values()) if isinstance(v.layer, PointCloudLayer)
                  for a in v.actors if isinstance(a, vtkActor) and a.GetVisibility()
                  and _input(a) is not None]
        total = sum(_input(a).GetNumberOfPoints() for a in actors)
        if total <= self.point_budget:
            return
        step = -(-total // self.point_budget)
        self._thin = {id(a): self._thin[id(a)] for a in actors if id(a) in self._thin}
        for actor in actors:
            thin = self._thin_mapper(actor, step)
            full = actor.GetMapper()
            actor.SetMapper(thin)
            undo.append(lambda a=actor, m=full: a.SetMapper(m))

    def _thin_mapper(self, actor: vtkActor, step: int) -> vtkMapper:
        """A mapper drawing every ``step``-th point of the actor's own: points and colours
        are shared (VTK keeps one GPU buffer for an array), only the vertex list is new."""
        mapper = actor.GetMapper()
        poly = mapper.GetInput()
        known = self._thin.get(id(actor))
        if known is not None and known[0] is poly and known[1] == poly.GetMTime() and known[2] == step:
            return known[3]
        thin = vtkPolyData()
        thin.SetPoints(poly.GetPoints())
        thin.GetPointData().ShallowCopy(poly.GetPointData())
        ids = np.arange(0, poly.GetNumberOfPoints(), step, dtype=np.int64)
        thin.SetVerts(pv.CellArray.from_arrays(np.arange(len(ids) + 1, dtype=np.int64), ids, deep=True))
        copy = mapper.NewInstance()
        copy.ShallowCopy(mapper)
        copy.SetInputData(thin)
        self._thin[id(actor)] = (poly, poly.GetMTime(), step, copy)
        return copy

    # -- the smaller picture, scaled up -------------------------------------------------------
    def _shrink_points(self, undo: list, side: float) -> None:
        """Point sizes are in the picture's pixels: in the smaller picture, scaled up, the
        clouds' points would be drawn larger than when still (and cover more)."""
        for visual in list(self.visuals.values()):
            if not isinstance(visual.layer, PointCloudLayer):
                continue
            for actor in visual.actors:
                prop = actor.GetProperty() if isinstance(actor, vtkActor) and actor.GetVisibility() else None
                if prop is None or prop.GetPointSize() <= 1.0:
                    continue
                size = prop.GetPointSize()
                prop.SetPointSize(max(1.0, round(size * side)))
                undo.append(lambda p=prop, s=size: p.SetPointSize(s))

    def _can_scale(self, side: float) -> bool:
        """Scaling blits the render framebuffer, which a multisampled one refuses."""
        window = self.renderer.GetRenderWindow()
        return (side < 1.0 and window is not None and window.GetMultiSamples() == 0
                and window.GetRenderFramebuffer() is not None)

    def _scale_up(self) -> None:
        """Copy the picture drawn in the lower-left part of the window aside, then stretch
        it over the whole renderer (bilinear): two framebuffer blits, no readback."""
        window = self.renderer.GetRenderWindow()
        target = window.GetRenderFramebuffer()
        x, y = self.renderer.GetOrigin()
        sw, sh = self.renderer.GetSize()
        vp = self._viewport
        ww, wh = window.GetSize()
        dx0, dy0 = int(round(vp[0] * ww)), int(round(vp[1] * wh))
        dx1, dy1 = int(round(vp[2] * ww)), int(round(vp[3] * wh))
        if self._buffer is None:
            self._buffer = vtkOpenGLFramebufferObject()
            self._buffer.SetContext(window)
        aside = self._buffer
        state = window.GetState()
        aside.SaveCurrentBindingsAndBuffers()
        state.Push()
        state.vtkglDisable(_SCISSOR)           # the renderer's scissor box is the small picture
        if tuple(aside.GetLastSize()) != (sw, sh):
            aside.PopulateFramebuffer(sw, sh)
        target.Bind(_READ)
        target.ActivateReadBuffer(0)
        aside.Bind(_DRAW)
        aside.ActivateDrawBuffer(0)
        vtkOpenGLFramebufferObject.Blit([x, x + sw, y, y + sh], [0, sw, 0, sh],
                                            _COLOR, _NEAREST)
        aside.Bind(_READ)
        aside.ActivateReadBuffer(0)
        target.Bind(_DRAW)
        target.ActivateDrawBuffer(0)
        vtkOpenGLFramebufferObject.Blit([0, sw, 0, sh], [dx0, dx1, dy0, dy1],
                                            _COLOR, _LINEAR)
        aside.RestorePreviousBindingsAndBuffers()
        state.Pop()


def _items(collection):
    collection.InitTraversal()
    item = collection.GetNextItemAsObject()
    while item is not None:
        yield item
        item = collection.GetNextItemAsObject()


def _input(actor) -> vtkPolyData | None:
    mapper = actor.GetMapper()
    data = mapper.GetInput() if mapper is not None and hasattr(mapper, "GetInput") else None
    return data if isinstance(data, vtkPolyData) else None


def _count(renderer: vtkRenderer, pixels: int) -> Drawn:
    cells = points = 0
    for actor in _items(renderer.GetActors()):
        poly = _input(actor) if actor.GetVisibility() else None
        if poly is None:
            continue
        mapper = actor.GetMapper()
        if isinstance(mapper, vtkGlyph3DMapper):         # a shape drawn at each input point
            shape = mapper.GetSource()
            cells += poly.GetNumberOfPoints() * (shape.GetNumberOfPolys() + shape.GetNumberOfStrips())
        else:
            cells += poly.GetNumberOfPolys() + poly.GetNumberOfStrips() + poly.GetNumberOfLines()
            points += poly.GetVerts().GetNumberOfConnectivityIds()
    return Drawn(cells, points, pixels)
