"""twin meshes → VTK PolyData, sharing the numpy buffers where VTK allows."""

from __future__ import annotations

import numpy as np
import pyvista as pv

from twin.geometry.mesh import Mesh
from twin.core.layers.style import hex_to_u8


def to_polydata(mesh: Mesh) -> pv.PolyData:
    poly = pv.PolyData()
    poly.points = mesh.points
    if mesh.faces is not None:
        poly.faces = mesh.faces
    if mesh.lines is not None:
        poly.lines = mesh.lines
    if mesh.verts is not None:
        poly.verts = mesh.verts
    for name, values in mesh.point_data.items():
        if name == "tcoords":
            poly.active_texture_coordinates = values
        elif name == "Normals":
            poly.point_data["Normals"] = values
            poly.point_data.active_normals_name = "Normals"
        else:
            poly.point_data[name] = values
    for name, values in mesh.cell_data.items():
        poly.cell_data[name] = values
    return poly


def rgb_u8(hex_color: str) -> np.ndarray:
    return hex_to_u8(hex_color)


def vertex_cloud(points: np.ndarray) -> pv.PolyData:
    """Points as vertex cells, built from offsets and connectivity: ~20× faster than the
    legacy (1, id) cell list for millions of points, which matters on every refinement."""
    ids = np.arange(len(points) + 1, dtype=np.int64)
    poly = pv.PolyData(points)
    poly.SetVerts(pv.CellArray.from_arrays(ids, ids[:-1], deep=True))
    return poly


def without_cells(poly: pv.PolyData, drop: np.ndarray) -> pv.PolyData:
    """``poly`` (polygons only) less the cells where ``drop`` is True, points and arrays
    shared: cell offsets are masked in numpy rather than walking cells in VTK."""
    from vtk.util.numpy_support import vtk_to_numpy
    cells = poly.GetPolys()
    offsets = vtk_to_numpy(cells.GetOffsetsArray()).astype(np.int64)
    conn = vtk_to_numpy(cells.GetConnectivityArray()).astype(np.int64)
    keep = ~np.asarray(drop, dtype=bool)
    sizes = np.diff(offsets)[keep]
    starts = offsets[:-1][keep]
    new_offsets = np.concatenate([[0], np.cumsum(sizes)])
    ids = np.repeat(starts - new_offsets[:-1], sizes) + np.arange(new_offsets[-1])
    out = pv.PolyData()
    out.points = poly.points
    out.SetPolys(pv.CellArray.from_arrays(new_offsets, conn[ids], deep=True))
    for name in poly.cell_data.keys():
        out.cell_data[name] = np.asarray(poly.cell_data[name])[keep]
    for name in poly.point_data.keys():
        out.point_data[name] = poly.point_data[name]
    return out
