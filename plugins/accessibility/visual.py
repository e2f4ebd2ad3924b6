"""A row of pictograms above each building, one per need it meets, as billboards: textured
squares that face the viewer and keep one size on screen. They are ordinary textured
triangles (drawn the same by Mesa llvmpipe offscreen and in the Qt view, hidden behind
nearer buildings), turned and scaled to the camera at the start of each frame that
follows a camera change or a resize — a few dozen quads, in numpy."""

from __future__ import annotations

import numpy as np
import pyvista as pv

from plugins.accessibility.icons import atlas
from plugins.accessibility.layer import NEEDS
from twin.api_vtk import LayerVisual

ICON_PX, GAP_PX = 28, 4      # on screen
CORNERS = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]], float)


def billboards(anchors: np.ndarray, slot: np.ndarray, camera: dict, height_px: int) -> tuple[np.ndarray, np.ndarray]:
    """(4N, 3) corners of squares of ICON_PX facing the camera, standing on their anchor,
    the n-th ``slot[n]`` icon widths to its side, and (N, 3) their centres. ``camera``: position,
    focal_point, up, view_angle (degrees), parallel, parallel_scale."""
    eye, focal = np.asarray(camera["position"], float), np.asarray(camera["focal_point"], float)
    forward = (focal - eye) / np.linalg.norm(focal - eye)
    right = np.cross(forward, camera["up"])
    right /= np.linalg.norm(right)
    up = np.cross(right, forward)
    if camera["parallel"]:
        per_px = np.full(len(anchors), 2 * camera["parallel_scale"] / height_px)
    else:
        depth = np.maximum((anchors - eye) @ forward, 1e-3)
        per_px = depth * 2 * np.tan(np.radians(camera["view_angle"]) / 2) / height_px
    half = (ICON_PX / 2 * per_px)[:, None, None]
    centres = anchors + right * (slot * (ICON_PX + GAP_PX) * per_px)[:, None] + up * half[:, 0]  # standing on it
    corners = centres[:, None, :] + half * (CORNERS[None, :, :1] * right + CORNERS[None, :, 1:] * up)
    return corners.reshape(-1, 3), centres


class AccessibilityVisual(LayerVisual):
    _targets = None
    _poly = None
    _key = None

    def __init__(self, layer, plotter, on_change):
        super().__init__(layer, plotter, on_change)
        self._observer = plotter.renderer.AddObserver("StartEvent", self._follow_camera)

    def close(self) -> None:
        self.plotter.renderer.RemoveObserver(self._observer)
        super().close()

    def build(self, data) -> None:
        shown = self.layer.shown()
        rows, need = np.nonzero(data.flags & shown[:, None])
        self._targets = self._poly = self._key = None
        if not len(rows):
            return
        first = np.searchsorted(rows, rows)                    # rows come sorted: a building's icons in a run
        count = np.bincount(rows)[rows]
        self._anchors = data.anchors[rows].astype(float)
        self._slot = np.arange(len(rows)) - first - (count - 1) / 2   # centred on the building
        self._rows = rows
        n = len(rows)
        u0 = need / len(NEEDS)
        tcoords = np.column_stack([np.repeat(u0, 4) + np.tile([0, 1, 1, 0], n) / len(NEEDS),
                                   np.tile([0, 0, 1, 1], n)])
        poly = pv.PolyData(np.repeat(self._anchors, 4, axis=0),
                           faces=np.column_stack([np.full(n, 4), np.arange(4 * n).reshape(n, 4)]).ravel())
        poly.active_texture_coordinates = tcoords.astype(np.float32)
        texture = pv.Texture(atlas())
        texture.interpolate = True
        actor = self._add(poly, texture=texture, lighting=False, opacity=self.layer.opacity)
        self._poly = pv.wrap(actor.GetMapper().GetInput())
        self._follow_camera()

    def _follow_camera(self, *_args) -> None:
        if self._poly is None:
            return
        cam = self.plotter.renderer.GetActiveCamera()
        size = self.plotter.renderer.GetSize()
        camera = {"position": cam.GetPosition(), "focal_point": cam.GetFocalPoint(), "up": cam.GetViewUp(),
                  "view_angle": cam.GetViewAngle(), "parallel": bool(cam.GetParallelProjection()),
                  "parallel_scale": cam.GetParallelScale()}
        key = (*camera.values(), tuple(size))
        if key == self._key or not size[1]:
            return
        self._key = key
        corners, centres = billboards(self._anchors, self._slot, camera, size[1])
        self._poly.points = corners
        self._targets = (centres.astype(np.float32), self._rows)

    def point_targets(self):
        if self._targets is None:
            return None
        self._follow_camera()                                  # picked before any frame since the move
        return (*self._targets, ICON_PX / 2)
