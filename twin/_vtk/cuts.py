"""Sections through the maquette: a clipping box or one section plane, on the mirror's
terrain, buildings, 3D models, trees, draped vectors and point clouds, to look into a block.

The cut is done by the GPU (mapper clipping planes, no geometry rebuilt), so it follows
a handle at interactive speed. One plane collection is shared by every cut mapper and
handed to new actors (terrain chunks and point nodes come and go as the view refines)
at the start of each frame: a pass over actors, never over points or cells. OpenGL
mappers take six planes at most, so the box and the plane are either/or. Positions are
in the scene's CRS; VTK gets them relative to the scene's origin."""

from __future__ import annotations

import numpy as np
from vtkmodules.vtkCommonDataModel import vtkPlane, vtkPlaneCollection, vtkPolyData
from vtkmodules.vtkInteractionWidgets import (
    vtkBoxRepresentation, vtkBoxWidget2, vtkImplicitPlaneRepresentation, vtkImplicitPlaneWidget2,
)
from vtkmodules.vtkRenderingCore import vtkActor

from twin.core.layers import BuildingsLayer, ModelLayer, PointCloudLayer, TerrainLayer, VectorLayer

CUT_KINDS = (TerrainLayer, BuildingsLayer, ModelLayer, PointCloudLayer, VectorLayer)
NUDGE_M = 1.0


def _cut_kinds() -> tuple[type, ...]:
    from twin.core.layers import TreesLayer
    return (*CUT_KINDS, TreesLayer)


class Cuts:
    """The section of one mirror: ``mode`` "off", "box" or "plane"."""

    def __init__(self, mirror):
        self.mirror = mirror
        self.mode = "off"
        self.box: np.ndarray | None = None          # (x0, y0, z0, x1, y1, z1), scene CRS
        self.origin: np.ndarray | None = None       # a point of the plane, scene CRS
        self.normal = np.array([1.0, 0.0, 0.0])     # the kept side is where it points
        self.planes = vtkPlaneCollection()
        self._widget = None
        self._on_moved = None
        self._observer = mirror.plotter.renderer.AddObserver("StartEvent", self._attach)

    # -- what is cut -----------------------------------------------------------------------
    def set_box(self, bounds) -> None:
        """Keep what lies inside ``bounds`` (x0, y0, z0, x1, y1, z1)."""
        b = np.asarray(bounds, float)
        if b.shape != (6,) or not np.all(b[:3] < b[3:]) or not np.isfinite(b).all():
            raise ValueError(f"a clipping box is (x0, y0, z0, x1, y1, z1) with x0 < x1…, got {bounds!r}")
        self.mode, self.box = "box", b
        self._update()

    def set_plane(self, origin, normal) -> None:
        """Keep the side of the plane through ``origin`` that ``normal`` points to."""
        n = np.asarray(normal, float)
        if n.shape != (3,) or not np.isfinite(n).all() or np.linalg.norm(n) < 1e-9:
            raise ValueError(f"a section plane needs a non-zero normal, got {normal!r}")
        self.mode, self.origin, self.normal = "plane", np.asarray(origin, float), n / np.linalg.norm(n)
        self._update()

    def off(self) -> None:
        self.mode = "off"
        self.show_handles(False)
        self._update()

    def default_box(self) -> np.ndarray:
        """The middle half of what is drawn, full height: a first box to move."""
        lo, hi = self._drawn_bounds()
        mid, half = (lo + hi) / 2, (hi - lo) / 4
        return np.r_[mid[:2] - half[:2], lo[2] - 1, mid[:2] + half[:2], hi[2] + 1]

    def default_plane(self) -> tuple[np.ndarray, np.ndarray]:
        """Through the middle of what is drawn, facing the camera (its near half cut away)."""
        lo, hi = self._drawn_bounds()
        cam = self.mirror.plotter.camera
        look = np.asarray(cam.focal_point) - np.asarray(cam.position)
        look[2] = 0.0
        normal = look / np.linalg.norm(look) if np.linalg.norm(look) > 1e-9 else np.array([0.0, 1.0, 0.0])
        return (lo + hi) / 2, normal

    def nudge(self, dx: float = 0.0, dy: float = 0.0, dz: float = 0.0) -> None:
        """Moves the box by (dx, dy, dz) metres, or the plane by dx along its normal."""
        if self.mode == "box":
            self.box = self.box + np.r_[dx, dy, dz, dx, dy, dz]
        elif self.mode == "plane":
            self.origin = self.origin + self.normal * dx
        self._update()
        self._place_widget()

    def cut_actors(self) -> list:
        kinds = _cut_kinds()
        actors = [a for v in self.mirror.visuals.values() if isinstance(v.layer, kinds) for a in v.actors]
        actors += list(getattr(self.mirror.project, "actors", []))
        return [a for a in actors if isinstance(a, vtkActor) and a.GetMapper() is not None]

    # -- VTK -------------------------------------------------------------------------------
    def _local(self, p) -> np.ndarray:
        return np.asarray(p, float) - np.asarray(self.mirror.origin, float)[:3]

    def _update(self) -> None:
        self.planes.RemoveAllItems()
        if self.mode == "box":
            lo, hi = self._local(self.box[:3]), self._local(self.box[3:])
            for axis in range(3):
                for point, sign in ((lo, 1.0), (hi, -1.0)):
                    normal = np.zeros(3)
                    normal[axis] = sign                   # inward: the inside is kept
                    self.planes.AddItem(self._plane(point, normal))
        elif self.mode == "plane":
            self.planes.AddItem(self._plane(self._local(self.origin), self.normal))
        self._attach()
        self.mirror._request_render()

    @staticmethod
    def _plane(origin, normal) -> vtkPlane:
        plane = vtkPlane()
        plane.SetOrigin(*map(float, origin))
        plane.SetNormal(*map(float, normal))
        return plane

    def _attach(self, *_args) -> None:
        cut = self.mode != "off"
        for actor in self.cut_actors():
            mapper = actor.GetMapper()
            if cut and mapper.GetClippingPlanes() is not self.planes:
                mapper.SetClippingPlanes(self.planes)
            elif not cut and mapper.GetClippingPlanes() is self.planes:
                mapper.RemoveAllClippingPlanes()

    def _drawn_bounds(self) -> tuple[np.ndarray, np.ndarray]:
        boxes = np.array([a.GetBounds() for a in self.cut_actors() if a.GetVisibility()], float).reshape(-1, 6)
        boxes = boxes[np.isfinite(boxes).all(axis=1) & (boxes[:, 0] <= boxes[:, 1])]
        if not len(boxes):
            raise ValueError("nothing is drawn to cut")
        origin = np.asarray(self.mirror.origin, float)[:3]
        lo = boxes[:, 0::2].min(axis=0) + origin
        hi = boxes[:, 1::2].max(axis=0) + origin
        return lo, hi

    # -- handles (a window's interactor only) --------------------------------------------------
    def show_handles(self, on: bool, on_moved=None) -> None:
        """Box or plane handles to drag, in a window; ``on_moved()`` after each drag."""
        plotter = self.mirror.plotter
        if self._widget is not None:
            self._widget.Off()
            self._widget = None
        self._on_moved = on_moved
        if not on or self.mode == "off" or plotter.iren is None:
            return
        if self.mode == "box":
            rep = vtkBoxRepresentation()
            rep.SetPlaceFactor(1.0)
            widget = vtkBoxWidget2()
            widget.SetRepresentation(rep)
            widget.SetRotationEnabled(False)
            widget.AddObserver("InteractionEvent", self._box_dragged)
        else:
            rep = vtkImplicitPlaneRepresentation()
            rep.SetPlaceFactor(1.0)
            rep.OutlineTranslationOff()
            rep.SetDrawPlane(True)
            widget = vtkImplicitPlaneWidget2()
            widget.SetRepresentation(rep)
            widget.AddObserver("InteractionEvent", self._plane_dragged)
        widget.SetInteractor(plotter.iren.interactor)
        self._widget = widget
        self._place_widget()
        widget.On()

    def _place_widget(self) -> None:
        if self._widget is None:
            return
        rep = self._widget.GetRepresentation()
        if self.mode == "box":
            lo, hi = self._local(self.box[:3]), self._local(self.box[3:])
            rep.PlaceWidget([lo[0], hi[0], lo[1], hi[1], lo[2], hi[2]])
        else:
            lo, hi = (self._local(v) for v in self._drawn_bounds())
            rep.PlaceWidget([lo[0], hi[0], lo[1], hi[1], lo[2], hi[2]])
            rep.SetOrigin(*self._local(self.origin))
            rep.SetNormal(*self.normal)

    def _box_dragged(self, widget, _event) -> None:
        poly = vtkPolyData()
        widget.GetRepresentation().GetPolyData(poly)
        b = poly.GetBounds()
        origin = np.asarray(self.mirror.origin, float)[:3]
        self.box = np.r_[b[0], b[2], b[4], b[1], b[3], b[5]] + np.r_[origin, origin]
        self._update()
        if self._on_moved:
            self._on_moved()

    def _plane_dragged(self, widget, _event) -> None:
        rep = widget.GetRepresentation()
        self.origin = np.asarray(rep.GetOrigin()) + np.asarray(self.mirror.origin, float)[:3]
        self.normal = np.asarray(rep.GetNormal())
        self._update()
        if self._on_moved:
            self._on_moved()

    def close(self) -> None:
        self.show_handles(False)
        self.mode = "off"
        self._attach()
        self.mirror.plotter.renderer.RemoveObserver(self._observer)
