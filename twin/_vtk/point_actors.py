"""A point cloud's actors, one per point size in pixels, kept while the cloud refines.

A refinement or a new camera only swaps each actor's input: a VTK PolyData made over
numpy slices without a copy (the points sorted by size, so each size is one contiguous
slice). Actors, mappers and their place in the renderer stay, and so do what other parts
hung on them (cut planes, shader replacements). Going through ``add_mesh`` for each size
cost ~11 ms an actor on the main thread, at every refinement."""

from __future__ import annotations

import numpy as np
import pyvista as pv

from twin._vtk.classes import numpy_to_vtk, numpy_to_vtkIdTypeArray, vtkCellArray, vtkPoints, vtkPolyData, vtkPolyDataMapper

_IDS = np.arange(1, dtype=np.int64)    # shared offsets and connectivity of vertex cells (read only)


def _ids(n: int) -> np.ndarray:
    global _IDS
    if len(_IDS) <= n:
        _IDS = np.arange(max(n + 1, 2 * len(_IDS)), dtype=np.int64)
        _IDS.flags.writeable = False
    return _IDS


def vertex_poly(points: np.ndarray, name: str, values: np.ndarray) -> vtkPolyData:
    """Points (float32, C-contiguous) as vertex cells with one point array, both shared
    with numpy (VTK keeps a reference to them)."""
    n = len(points)
    ids = _ids(n)
    cells = vtkCellArray()
    cells.SetData(numpy_to_vtkIdTypeArray(ids[:n + 1], deep=False), numpy_to_vtkIdTypeArray(ids[:n], deep=False))
    vtk_points = vtkPoints()
    vtk_points.SetData(numpy_to_vtk(points, deep=False))
    array = numpy_to_vtk(values, deep=False)
    array.SetName(name)
    poly = vtkPolyData()
    poly.SetPoints(vtk_points)
    poly.SetVerts(cells)
    poly.GetPointData().SetScalars(array)
    return poly


class SizedPoints:
    """The actors of one cloud in one plotter: ``show`` draws points sorted by size."""

    def __init__(self, plotter: pv.Plotter):
        self.plotter = plotter
        self.by_size: dict[int, pv.Actor] = {}
        self._luts: dict[tuple, pv.LookupTable] = {}

    @property
    def actors(self) -> list:
        return list(self.by_size.values())

    def show(self, points: np.ndarray, sizes: np.ndarray, name: str, values: np.ndarray,
             colormap: tuple[str, float, float] | None, opacity: float, visible: bool) -> None:
        """``sizes`` (uint8) in increasing order, one per point; ``values``: RGB (uint8)
        per point, or one number per point mapped through ``colormap`` (name, low, high)."""
        # sizes are sorted: each size's run from where it changes, no sort on the GUI thread
        cuts = np.flatnonzero(sizes[1:] != sizes[:-1]) + 1
        starts, ends = np.r_[0, cuts], np.r_[cuts, len(sizes)]
        wanted = sizes[starts] if len(sizes) else sizes
        kept = set(wanted.tolist())
        for size in [s for s in self.by_size if s not in kept]:
            self.plotter.remove_actor(self.by_size.pop(size), render=False)
        for size, a, b in zip(wanted.tolist(), starts.tolist(), ends.tolist()):
            actor = self.by_size.get(size)
            if actor is None:
                actor = self.by_size[size] = self._actor(size, visible)
            mapper = actor.GetMapper()
            mapper.SetInputData(vertex_poly(points[a:b], name, values[a:b]))
            self._colour(mapper, colormap)
            actor.GetProperty().SetOpacity(opacity)
        props = self.plotter.renderer.GetViewProps()
        for size in sorted(self.by_size):   # drawn last, smallest first, as when first added: where
            props.RemoveItem(self.by_size[size])       # points tie in depth with the ground or
            props.AddItem(self.by_size[size])          # with each other, the same one shows

    def clear(self) -> None:
        for actor in self.by_size.values():
            self.plotter.remove_actor(actor, render=False)
        self.by_size.clear()

    def _actor(self, size: int, visible: bool) -> pv.Actor:
        mapper = vtkPolyDataMapper()
        mapper.ScalarVisibilityOn()
        mapper.SetScalarModeToUsePointData()
        mapper.InterpolateScalarsBeforeMappingOn()      # as pyvista's theme: the same colours
        actor = pv.Actor(mapper=mapper)
        prop = actor.GetProperty()
        prop.SetPointSize(float(size))
        prop.LightingOff()
        actor.SetVisibility(visible)
        actor.SetPickable(visible)
        self.plotter.add_actor(actor, reset_camera=False, render=False)
        return actor

    def _colour(self, mapper: vtkPolyDataMapper, colormap: tuple[str, float, float] | None) -> None:
        if colormap is None:
            mapper.SetColorModeToDirectScalars()
            return
        lut = self._luts.get(colormap)
        if lut is None:             # as add_mesh(cmap=…, clim=…) makes it
            lut = self._luts[colormap] = pv.LookupTable()
            lut.apply_cmap(colormap[0], 256)
            lut.scalar_range = colormap[1:]
        mapper.SetColorModeToMapScalars()
        mapper.SetLookupTable(lut)
        mapper.SetScalarRange(*colormap[1:])
        mapper.UseLookupTableScalarRangeOn()
