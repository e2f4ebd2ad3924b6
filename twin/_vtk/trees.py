"""The trees' visual: every crown is one instance of a single low-poly shape, scaled by
the tree's crown radius and height (vtkGlyph3DMapper draws them all in one call, the
geometry held once), and trunks the same way; crowns in three greens around the style's,
picked per tree so that a wood does not read as one flat colour."""

from __future__ import annotations

from functools import cache

import numpy as np
import pyvista as pv

from twin._vtk.classes import vtkActor, vtkGlyph3DMapper, vtkPoints, vtkPolyData, numpy_to_vtk
from twin._vtk.visuals import LayerVisual, register_visual
from twin.core.layers import TreesLayer
from twin.core.layers.style import hex_to_u8

SHADES = np.array([0.78, 1.0, 1.18])        # the crowns' greens, relative to the style's
CROWN = (0.62, 0.4)                        # centre and half-height of the crown, fractions of the tree's height
TRUNK = (0.38, 0.09)                       # trunk height (fraction of the tree) and radius (fraction of the crown)


def _crown() -> pv.PolyData:
    """A unit crown over x, y in [-1, 1]: a 6 × 4 faceted ellipsoid, 24 triangles, smooth
    shaded (software GL pays per triangle: 10 000 trees of 64 cost twice as much)."""
    sphere = pv.Sphere(radius=1.0, theta_resolution=6, phi_resolution=4)
    sphere.points = sphere.points * np.array([1.0, 1.0, CROWN[1]]) + np.array([0.0, 0.0, CROWN[0]])
    return sphere.compute_normals(auto_orient_normals=True)


@cache
def _moving_crown() -> pv.PolyData:
    """The cheapest crown, for moving frames: the same ellipsoid as 8 facets (made once,
    shared by the moving frames' mappers, never changed)."""
    sphere = pv.Sphere(radius=1.0, theta_resolution=4, phi_resolution=3)
    sphere.points = sphere.points * np.array([1.0, 1.0, CROWN[1]]) + np.array([0.0, 0.0, CROWN[0]])
    return sphere.compute_normals(auto_orient_normals=True)


def _trunk() -> pv.PolyData:
    return pv.Cylinder(center=(0, 0, TRUNK[0] / 2), direction=(0, 0, 1), radius=TRUNK[1],
                       height=TRUNK[0], resolution=4, capping=False)


def _instances(points: np.ndarray, scale: np.ndarray, rgb: np.ndarray | None) -> vtkPolyData:
    poly = vtkPolyData()
    pts = vtkPoints()
    pts.SetData(numpy_to_vtk(np.ascontiguousarray(points, np.float32), deep=True))
    poly.SetPoints(pts)
    s = numpy_to_vtk(np.ascontiguousarray(scale, np.float32), deep=True)
    s.SetName("scale")
    poly.GetPointData().AddArray(s)
    if rgb is not None:
        c = numpy_to_vtk(np.ascontiguousarray(rgb, np.uint8), deep=True)
        c.SetName("rgb")
        poly.GetPointData().AddArray(c)
    return poly


def _glyphs(instances: vtkPolyData, shape: pv.PolyData, colored: bool) -> vtkActor:
    mapper = vtkGlyph3DMapper()
    mapper.SetInputData(instances)
    mapper.SetSourceData(shape)
    mapper.SetScaleArray("scale")
    mapper.SetScaleModeToScaleByVectorComponents()
    mapper.OrientOff()
    if colored:
        mapper.SetScalarModeToUsePointFieldData()
        mapper.SelectColorArray("rgb")
        mapper.SetColorModeToDirectScalars()
        mapper.ScalarVisibilityOn()
    else:
        mapper.ScalarVisibilityOff()
    actor = vtkActor()
    actor.SetMapper(mapper)
    return actor


@register_visual(TreesLayer.kind)
class TreesVisual(LayerVisual):
    """At most ``BUDGET`` trees are drawn: past it (a commune's LiDAR finds hundreds of
    thousands), those largest on screen for the current view, chosen again as it moves."""

    layer: TreesLayer
    BUDGET = 10_000            # × 32 triangles: ~250 ms a frame on llvmpipe (benchmarks/bench_context.py)
    MOVING = 1_500             # crowns a moving frame draws (twin._vtk.motion), the largest on screen

    def build(self, data) -> None:
        trees = data.trees
        if not len(trees):
            return
        style = self.layer.style
        self._feet = np.column_stack([trees.x, trees.y, trees.z]) - np.asarray(data.origin, float)
        self._scale = np.column_stack([trees.radius, trees.radius, trees.height])
        index = np.arange(len(trees), dtype=np.uint64)
        pick = ((index * np.uint64(2654435761)) >> np.uint64(7)) % np.uint64(len(SHADES))
        rgb = hex_to_u8(style.crown_color)[None, :] * SHADES[pick.astype(np.int64)][:, None]
        self._rgb = np.clip(rgb, 0, 255).astype(np.uint8)
        self._shown = self._chosen()
        self._few = None           # (the rows shown, the mapper of their largest crowns, the camera's pose)
        crowns = _glyphs(self._input(True), _crown(), colored=True)
        crowns.GetProperty().SetAmbient(0.3)
        crowns.GetProperty().SetDiffuse(0.75)
        trunks = _glyphs(self._input(False), _trunk(), colored=False)
        trunks.GetProperty().SetColor(*(hex_to_u8(style.trunk_color) / 255.0))
        for actor in (crowns, trunks):
            actor.GetProperty().SetOpacity(self.layer.opacity)
            actor.SetVisibility(self.layer.effectively_visible)
            self.plotter.renderer.AddActor(actor)
            self.actors.append(actor)

    def _input(self, coloured: bool) -> vtkPolyData:
        rows = self._shown
        return _instances(self._feet[rows], self._scale[rows], self._rgb[rows] if coloured else None)

    def _chosen(self) -> np.ndarray:
        """The rows drawn for the current camera: all within the budget, else the trees
        in front of the camera that are largest on screen."""
        n = len(self._feet)
        if n <= self.BUDGET:
            return np.arange(n)
        return self._largest(np.arange(n), self.BUDGET)

    def _largest(self, rows: np.ndarray, count: int) -> np.ndarray:
        """The ``count`` of ``rows`` in front of the camera that are largest on screen."""
        camera = self.plotter.camera
        eye = np.asarray(camera.position, float)
        ahead = np.asarray(camera.direction, float)
        offset = self._feet[rows] + np.c_[np.zeros((len(rows), 2)), self._scale[rows, 2] / 2] - eye
        depth = offset @ ahead
        size = np.where(depth > 0, self._scale[rows, 2] / np.maximum(np.linalg.norm(offset, axis=1), 1e-3), -1.0)
        return np.sort(rows[np.argpartition(-size, count)[:count]])

    def draw_less(self, undo: list, detail: float = 1.0) -> None:
        """A moving frame (twin._vtk.motion) draws the largest crowns only (``MOVING`` ×
        ``detail``), as the cheapest shape, and no trunks: ten thousand trees cost a
        frame's whole budget on llvmpipe. ``undo`` takes what puts the full drawing back
        at the frame's end."""
        if not self.actors:
            return
        crowns, trunks = self.actors
        if trunks.GetVisibility():
            trunks.SetVisibility(False)
            undo.append(lambda: trunks.SetVisibility(True))
        moving = max(1, int(self.MOVING * detail))
        cam = self.plotter.renderer.GetActiveCamera()      # the largest for this view when some are left out
        camera = (cam.GetPosition(), cam.GetFocalPoint()) if len(self._shown) > moving else None
        if self._few is None or self._few[0] is not self._shown or self._few[2] != (camera, moving):
            rows = self._shown
            if len(rows) > moving:
                rows = self._largest(rows, moving)
            instances = _instances(self._feet[rows], self._scale[rows], self._rgb[rows])
            self._few = (self._shown, _glyphs(instances, _moving_crown(), colored=True).GetMapper(), (camera, moving))
        full = crowns.GetMapper()
        crowns.SetMapper(self._few[1])
        undo.append(lambda: crowns.SetMapper(full))

    def view_changed(self) -> None:
        """The camera moved: another choice of trees when there are more than the budget."""
        if not self.actors or len(self._feet) <= self.BUDGET:
            return
        shown = self._chosen()
        if np.array_equal(shown, self._shown):
            return
        self._shown = shown
        for actor, coloured in zip(self.actors, (True, False)):
            actor.GetMapper().SetInputData(self._input(coloured))
        self._on_change()          # other bounds: the clipping range follows, a frame is drawn

    def trees_shown(self) -> int:
        return len(self._shown) if self.actors else 0
