"""Buildings by level of detail while the camera moves (``twin._vtk.motion``).

A commune's buildings are one merged mesh (walls as quads, roofs as triangles), twelve
thousand buildings, a hundred thousand cells. Seen from afar a wall is a pixel or two
tall while it costs as much to draw as one near by, so a moving frame draws the mesh in
square blocks of ground: a block out of the view is left out; a block in it keeps every
roof (every building's footprint stays on screen) and its walls only where its tallest
wall would stand at least ``WALL_PX`` pixels tall. The cells drawn are the actor's own
(points, colours and texture coordinates shared): only the cell list is new, made with
numpy, and kept while the same blocks are chosen."""

from __future__ import annotations

import numpy as np
import pyvista as pv
from vtkmodules.util.numpy_support import vtk_to_numpy

from twin._vtk.classes import vtkActor, vtkMapper, vtkPolyData, vtkRenderer
from twin.core.camera import View
from twin.geometry.extrude import ROOF
from twin.lod.select import ViewFrustum

BLOCK = 150.0        # metres, side of a block of ground
WALL_PX = 5.0        # a wall shorter than this on screen (full-resolution pixels) waits for the still frame


def _array(data, name: str) -> np.ndarray | None:
    found = data.GetArray(name)
    return None if found is None else vtk_to_numpy(found)


class BlockCells:
    """One actor's polygons sorted into blocks: which are walls, each block's box and
    tallest wall."""

    def __init__(self, poly: vtkPolyData):
        self.poly, self.mtime = poly, poly.GetMTime()
        cells = poly.GetPolys()
        self.offsets = vtk_to_numpy(cells.GetOffsetsArray()).astype(np.int64)
        self.conn = vtk_to_numpy(cells.GetConnectivityArray()).astype(np.int64)
        points = vtk_to_numpy(poly.GetPoints().GetData()).astype(np.float64)
        part = _array(poly.GetCellData(), "part")
        n = len(self.offsets) - 1
        self.wall = np.zeros(n, bool) if part is None or len(part) != n else part != ROOF
        starts = self.offsets[:-1]
        xyz = points[self.conn]
        lo = np.minimum.reduceat(xyz, starts, axis=0) if n else np.zeros((0, 3))
        hi = np.maximum.reduceat(xyz, starts, axis=0) if n else np.zeros((0, 3))
        ij = np.floor((lo[:, :2] + hi[:, :2]) / 2 / BLOCK).astype(np.int64)
        keys, self.block = np.unique(ij, axis=0, return_inverse=True)
        self.block = self.block.ravel()
        m = len(keys)
        self.lo = np.full((m, 3), np.inf)
        self.hi = np.full((m, 3), -np.inf)
        np.minimum.at(self.lo, self.block, lo)
        np.maximum.at(self.hi, self.block, hi)
        self.tallest = np.zeros(m)
        np.maximum.at(self.tallest, self.block[self.wall], (hi - lo)[self.wall, 2])

    def current(self, poly: vtkPolyData) -> bool:
        return poly is self.poly and poly.GetMTime() == self.mtime

    def chosen(self, frustum: ViewFrustum, wall_px: float = WALL_PX) -> tuple[np.ndarray, np.ndarray]:
        """(blocks in view, blocks whose walls (``wall_px`` tall on screen or more) are
        drawn) for a frustum in the actor's coordinates."""
        centre, radius = (self.lo + self.hi) / 2, np.linalg.norm(self.hi - self.lo, axis=1) / 2
        seen = frustum.sphere_visible(centre, radius)
        eye = np.asarray(frustum.view.position, float)
        distance = np.linalg.norm(np.maximum(np.maximum(self.lo - eye, eye - self.hi), 0.0), axis=1)
        with np.errstate(divide="ignore"):
            px = np.where(distance > 1e-6, self.tallest * frustum.pixels_per_unit() / distance, np.inf)
        return seen, seen & (px >= wall_px)

    def subset(self, keep: np.ndarray) -> vtkPolyData:
        """The actor's polydata with the kept cells only, points and point data shared."""
        sizes = np.diff(self.offsets)[keep]
        starts = self.offsets[:-1][keep]
        offsets = np.concatenate([[0], np.cumsum(sizes)])
        ids = np.repeat(starts - offsets[:-1], sizes) + np.arange(offsets[-1])
        out = vtkPolyData()
        out.SetPoints(self.poly.GetPoints())
        out.GetPointData().ShallowCopy(self.poly.GetPointData())
        out.SetPolys(pv.CellArray.from_arrays(offsets, self.conn[ids], deep=True))
        source, target = self.poly.GetCellData(), out.GetCellData()
        for i in range(source.GetNumberOfArrays()):
            name = source.GetArrayName(i)
            values = _array(source, name)
            if values is not None and name:
                target.AddArray(pv.convert_array(np.ascontiguousarray(values[keep]), name=name))
        scalars = source.GetScalars()
        if scalars is not None and scalars.GetName():
            target.SetActiveScalars(scalars.GetName())
        return out


class BuildingLod:
    """The moving frames' drawing of one buildings visual's polygon actors."""

    def __init__(self):
        self._blocks: dict[int, BlockCells] = {}
        self._last: dict[int, tuple[bytes, vtkMapper]] = {}     # id(actor) → (choice, its mapper)

    def draw_less(self, actors: list, renderer: vtkRenderer, undo: list, detail: float = 1.0) -> None:
        """Swap each polygon actor's mapper for one drawing the blocks chosen for the
        renderer's camera, walls from ``WALL_PX / detail`` on screen; ``undo`` takes what
        puts the full ones back."""
        frustum = _frustum(renderer)
        shown = [a for a in actors if isinstance(a, vtkActor) and a.GetVisibility()]
        alive = set()
        for actor in shown:
            mapper = actor.GetMapper()
            poly = mapper.GetInput() if mapper is not None else None
            if not isinstance(poly, vtkPolyData) or not poly.GetNumberOfPolys() or poly.GetNumberOfLines():
                continue
            alive.add(id(actor))
            blocks = self._blocks.get(id(actor))
            if blocks is None or not blocks.current(poly):
                blocks = self._blocks[id(actor)] = BlockCells(poly)
                self._last.pop(id(actor), None)
            seen, walls = blocks.chosen(frustum, WALL_PX / max(detail, 1e-3))
            walls &= blocks.tallest > 0         # a roofs-only actor: its blocks alone count
            if seen.all() and (walls == (blocks.tallest > 0)).all():
                continue                        # everything near enough: the full drawing
            choice = (seen.astype(np.uint8) + walls).tobytes()
            last = self._last.get(id(actor))
            if last is None or last[0] != choice:
                keep = seen[blocks.block] & (~blocks.wall | walls[blocks.block])
                copy = mapper.NewInstance()
                copy.ShallowCopy(mapper)
                copy.SetInputData(blocks.subset(keep))
                last = self._last[id(actor)] = (choice, copy)
            actor.SetMapper(last[1])
            undo.append(lambda a=actor, m=mapper: a.SetMapper(m))
        for key in set(self._blocks) - alive:          # actors of an earlier build
            self._blocks.pop(key)
            self._last.pop(key, None)


def _frustum(renderer: vtkRenderer) -> ViewFrustum:
    """The camera's frustum in the actors' own (origin-relative) coordinates, at the
    renderer's full size."""
    cam = renderer.GetActiveCamera()
    w, h = renderer.GetSize()
    view = View(position=tuple(cam.GetPosition()), focal_point=tuple(cam.GetFocalPoint()),
                view_up=tuple(cam.GetViewUp()), view_angle=float(cam.GetViewAngle()))
    return ViewFrustum(view, max(int(w), 1), max(int(h), 1))
