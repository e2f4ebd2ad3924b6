"""The features a user selected in a layer: rows of the layer's table, held in the model
so that the attribute table, the 3D highlight and an export read the same state and each
follows the others' changes (``Selection.of(layer).changed``).

A selection belongs to the layer's loaded data: when the data is replaced (reloaded, a
join changed) the rows may mean other features, so it is cleared."""

from __future__ import annotations

import numpy as np
from psygnal import Signal


def table_of(layer):
    """The layer's loaded features as a (Geo)DataFrame in the scene CRS, None when it has
    none (a terrain, a point cloud, a layer not loaded yet)."""
    table = getattr(getattr(layer, "data", None), "table", None)
    return getattr(table, "frame", None)


class Selection:
    changed = Signal(object)         # the Selection itself

    def __init__(self, layer):
        self.layer = layer
        self._rows = np.empty(0, np.int64)
        layer.data_changed.connect(self._data_replaced)

    @classmethod
    def of(cls, layer) -> "Selection":
        found = layer.__dict__.get("_selection")
        if found is None:
            found = layer.__dict__["_selection"] = cls(layer)
        return found

    @property
    def rows(self) -> np.ndarray:
        """Selected row positions in the layer's table, sorted, unique."""
        return self._rows

    def __len__(self) -> int:
        return len(self._rows)

    def __bool__(self) -> bool:
        return bool(len(self._rows))

    def mask(self, n: int) -> np.ndarray:
        out = np.zeros(n, bool)
        out[self._rows[self._rows < n]] = True
        return out

    def set(self, rows) -> None:
        """Selects exactly ``rows`` (positions; out-of-range ones are dropped)."""
        rows = np.unique(np.asarray(rows, dtype=np.int64).ravel())
        frame = table_of(self.layer)
        if frame is not None:
            rows = rows[(rows >= 0) & (rows < len(frame))]
        if not np.array_equal(rows, self._rows):
            self._rows = rows
            self.changed.emit(self)

    def add(self, rows) -> None:
        self.set(np.r_[self._rows, np.asarray(rows, dtype=np.int64).ravel()])

    def remove(self, rows) -> None:
        self.set(np.setdiff1d(self._rows, np.asarray(rows, dtype=np.int64).ravel()))

    def toggle(self, rows) -> None:
        rows = np.unique(np.asarray(rows, dtype=np.int64).ravel())
        self.set(np.setxor1d(self._rows, rows))

    def clear(self) -> None:
        self.set(np.empty(0, np.int64))

    def select_where(self, expression, mode: str = "set", crs=None) -> int:
        """Selects the rows where ``expression`` (text or a parsed Expression) is TRUE;
        ``mode``: set | add | remove | within (keep only selected rows that match).
        Returns how many rows matched."""
        from twin.core.expressions import parse
        frame = table_of(self.layer)
        if frame is None:
            return 0
        expr = parse(expression) if isinstance(expression, str) else expression
        hits = np.flatnonzero(expr.mask(frame, crs=crs))
        if mode == "add":
            self.add(hits)
        elif mode == "remove":
            self.remove(hits)
        elif mode == "within":
            self.set(np.intersect1d(self._rows, hits))
        else:
            self.set(hits)
        return len(hits)

    def bounds(self, origin=(0.0, 0.0, 0.0)) -> tuple[float, float, float, float] | None:
        """(x0, y0, x1, y1) of the selected features in the scene CRS, None when empty:
        from their geometries, or for a 3D model's objects (a table without geometry) from
        their triangles (``origin``: the scene's, the mesh being relative to it)."""
        frame = table_of(self.layer)
        if frame is None or not len(self._rows):
            return None
        if hasattr(frame, "geometry"):
            box = frame.geometry.iloc[self._rows].total_bounds
        else:
            box = _mesh_bounds(getattr(self.layer.data, "mesh", None), self._rows, origin)
        return None if box is None or not np.all(np.isfinite(box)) else tuple(map(float, box))

    def _data_replaced(self, _data) -> None:
        self.clear()


def _mesh_bounds(mesh, rows: np.ndarray, origin) -> np.ndarray | None:
    """Level bounds of the triangles of objects ``rows`` (a model's mesh: triangles, a
    ``feature`` row per cell)."""
    if mesh is None or mesh.faces is None or "feature" not in mesh.cell_data or not len(mesh.faces):
        return None
    faces = np.asarray(mesh.faces)
    if len(faces) % 4 or not np.all(faces[::4] == 3):
        return None
    corners = faces.reshape(-1, 4)[:, 1:][np.isin(mesh.cell_data["feature"], rows)]
    if not len(corners):
        return None
    xy = np.asarray(mesh.points, float)[corners.ravel(), :2] + np.asarray(origin, float)[:2]
    return np.r_[xy.min(axis=0), xy.max(axis=0)]
