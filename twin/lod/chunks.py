"""One terrain chunk as a mesh: its heights on the lattice, normals that agree with its
neighbours', its edges stitched to coarser neighbours, and the orthophoto of its box as
its texture.

Chunks of one level share their edge vertices (same lattice indices, same heights), so
they join exactly. Next to a coarser chunk, the finer edge has vertices the coarser one
lacks: ``stitched`` moves them onto the coarser edge (between the vertices both share),
which closes the crack. What is left, pinholes where a vertex meets an edge mid-way, is
covered by a skirt one vertex spacing deep, hanging from every inner edge (the outer
edges of the data get none: nothing lies beyond them). The view culls back faces, so a
skirt is wound both ways: whichever side shows faces the eye and is lit like the ground.
Normals and the relief's hillshade use one vertex read beyond the chunk on each side, so
shading runs on across chunk edges."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from twin.geometry.mesh import Mesh
from twin.geometry.relief import hillshade

MIN_SKIRT = 0.5    # metres
NORTH, SOUTH, WEST, EAST = range(4)


@dataclass
class ChunkMesh:
    key: tuple[int, int, int]
    mesh: Mesh                     # float32 points relative to the scene origin; surface first
    texture: np.ndarray | None     # (T, T, 3) uint8, north-up, over the chunk's vertices' box
    triangles: int                 # of the surface (skirts not counted)
    cols: np.ndarray               # lattice indices of the surface's columns and rows
    rows: np.ndarray
    step: int                      # lattice vertices between two of this chunk's
    skirts: dict[int, int] = field(default_factory=dict)   # side → its first skirt vertex
    depth: float = MIN_SKIRT
    _stitched: tuple = (None, None)

    @property
    def nbytes(self) -> int:
        m = self.mesh
        arrays = [m.points, m.faces, *m.point_data.values()]
        return sum(a.nbytes for a in arrays if a is not None) + (self.texture.nbytes if self.texture is not None else 0)

    def edge(self, side: int) -> np.ndarray:
        """Surface vertex ids along one side, and their lattice indices along it."""
        h, w = len(self.rows), len(self.cols)
        ids = {NORTH: np.arange(w), SOUTH: (h - 1) * w + np.arange(w),
               WEST: np.arange(h) * w, EAST: np.arange(h) * w + w - 1}[side]
        return ids, (self.cols if side in (NORTH, SOUTH) else self.rows)

    def stitched(self, factors: tuple[int, int, int, int]) -> Mesh:
        """The mesh with each side's vertices moved onto the edge of a neighbour ``factor``
        times coarser (1: a neighbour as fine or finer, nothing to do)."""
        if all(k <= 1 for k in factors):
            return self.mesh
        if self._stitched[0] == factors:
            return self._stitched[1]
        points = self.mesh.points.copy()
        valid = np.isfinite(self.mesh.point_data["elevation"])
        for side, k in enumerate(factors):
            if k <= 1:
                continue
            ids, idx = self.edge(side)
            shared = (idx % (self.step * k) == 0)      # vertices the coarser edge has too
            shared[[0, -1]] = True                     # the chunk's corners (or the data's edge)
            ok = shared & valid[ids]
            z = points[ids, 2].astype(float)
            if ok.sum() >= 2:
                z = np.where(valid[ids], np.interp(idx, idx[ok], z[ok]), z)
            points[ids, 2] = z
            if side in self.skirts:
                first = self.skirts[side]
                points[first:first + len(ids), 2] = z - self.depth
        mesh = Mesh(points=points, faces=self.mesh.faces, point_data=self.mesh.point_data)
        self._stitched = (factors, mesh)
        return mesh


def chunk_mesh(key, xs: np.ndarray, ys: np.ndarray, z: np.ndarray, inner: tuple[slice, slice],
               origin, outer: tuple[bool, bool, bool, bool], texture: np.ndarray | None = None,
               spacing: float = 1.0, cols: np.ndarray | None = None, rows: np.ndarray | None = None,
               step: int = 1, exaggerate: float = 1.0) -> ChunkMesh:
    """``z`` holds heights at ``ys`` × ``xs`` (rows north to south) with a border of one
    vertex beyond the chunk where there is data; ``inner`` selects the chunk's own
    vertices, at lattice indices ``cols`` × ``rows`` (``step`` apart). ``outer`` says which
    sides (north, south, west, east) lie on the data's edge. ``spacing`` is the distance
    between vertices, the depth of a skirt; ``exaggerate`` the relief's, for its hillshade
    (the whole terrain's, so that chunks agree)."""
    nx, ny = _normals(xs, ys, z)
    rs, cs = inner
    z, nx, ny = z[rs, cs], nx[rs, cs], ny[rs, cs]
    shade = hillshade(-nx, -ny, exaggerate).ravel()
    xs, ys = xs[cs], ys[rs]
    h, w = z.shape
    cols = np.arange(w) if cols is None else cols
    rows = np.arange(h) if rows is None else rows
    valid = np.isfinite(z)
    fill = float(np.nanmean(z)) if valid.any() else 0.0
    zf = np.where(valid, z, fill)
    gx, gy = np.meshgrid(xs - origin[0], ys - origin[1])
    points = np.column_stack([gx.ravel(), gy.ravel(), (zf - origin[2]).ravel()])
    normals = np.column_stack([nx.ravel(), ny.ravel(), np.ones(h * w)])
    normals /= np.linalg.norm(normals, axis=1, keepdims=True)

    quad_ok = valid[:-1, :-1] & valid[:-1, 1:] & valid[1:, 1:] & valid[1:, :-1]
    r, c = np.nonzero(quad_ok)
    i00 = r * w + c
    quads = [np.column_stack([i00 + w, i00 + w + 1, i00 + 1, i00])]   # counter-clockwise from above

    chunk = ChunkMesh(key, None, texture, 2 * int(quad_ok.sum()), cols, rows, step,
                      depth=max(spacing, MIN_SKIRT))
    extra, n = [], h * w
    for side in (NORTH, SOUTH, WEST, EAST):   # a skirt: the edge's vertices again, lowered
        if outer[side]:
            continue
        edge, _ = chunk.edge(side)
        ok = valid.ravel()[edge]
        k = np.flatnonzero(ok[:-1] & ok[1:])
        low = n + np.arange(len(edge))
        wall = np.column_stack([edge[k], edge[k + 1], low[k + 1], low[k]])
        quads += [wall, wall[:, ::-1]]
        chunk.skirts[side] = n
        extra.append(edge)
        n += len(edge)
    skirt = np.concatenate(extra) if extra else np.empty(0, np.int64)
    points = np.vstack([points, points[skirt] - [0.0, 0.0, chunk.depth]])
    normals = np.vstack([normals, normals[skirt]])
    quads = np.vstack(quads)
    faces = np.hstack([np.full((len(quads), 1), 4), quads]).ravel().astype(np.int64)

    elevation = np.where(valid, z, np.nan).ravel().astype(np.float32)
    point_data = {"Normals": normals.astype(np.float32),
                  "elevation": np.concatenate([elevation, elevation[skirt]]),
                  "hillshade": np.concatenate([shade, shade[skirt]])}
    if texture is not None:   # the texture spans the chunk's outer vertices
        u = (gx.ravel() - gx[0, 0]) / max(gx[0, -1] - gx[0, 0], 1e-9)
        v = (gy.ravel() - gy[-1, 0]) / max(gy[0, 0] - gy[-1, 0], 1e-9)
        uv = np.column_stack([u, v])
        point_data["tcoords"] = np.vstack([uv, uv[skirt]]).astype(np.float32)
    chunk.mesh = Mesh(points=points.astype(np.float32), faces=faces, point_data=point_data)
    return chunk


def _normals(xs: np.ndarray, ys: np.ndarray, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """−∂z/∂x and −∂z/∂y at every vertex: the mean of the one-sided slopes that have data
    on both ends (central differences inside, one-sided at holes and edges)."""
    def slopes(z, coords, axis):
        d = np.diff(z, axis=axis) / np.expand_dims(np.diff(coords), 1 - axis)
        pad = [(0, 0), (0, 0)]
        pad[axis] = (1, 0)
        before = np.pad(d, pad, constant_values=np.nan)
        pad[axis] = (0, 1)
        after = np.pad(d, pad, constant_values=np.nan)
        both = np.stack([before, after])
        count = np.isfinite(both).sum(axis=0)
        return np.where(count > 0, np.nansum(both, axis=0) / np.maximum(count, 1), 0.0)

    if z.shape[1] < 2 or z.shape[0] < 2:
        return np.zeros(z.shape), np.zeros(z.shape)
    with np.errstate(invalid="ignore", divide="ignore"):
        return -slopes(z, xs, 1), -slopes(z, ys, 0)
