"""One terrain chunk as a mesh: its heights on the lattice, normals that agree with its
neighbours', skirts that hide cracks, and the orthophoto of its box as its texture.

Chunks of one level share their edge vertices (same lattice indices, same heights), so
they join exactly. Next to a coarser chunk, the finer edge has vertices the coarser one
lacks: the gap between them is covered by a skirt, a strip hanging from every inner
edge, as deep as the heights there stray from what the coarser level would draw. The
outer edges of the data get no skirt (nothing lies beyond them to crack against). The
view culls back faces, so a skirt is wound both ways: whichever side shows through a
crack faces the eye and is lit like the ground above it.
Normals use one vertex read beyond the chunk on each side, so shading runs on across
chunk edges."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from twin.geometry.mesh import Mesh

MIN_SKIRT = 0.5    # metres


@dataclass
class ChunkMesh:
    key: tuple[int, int, int]
    mesh: Mesh                     # float32 points relative to the scene origin
    texture: np.ndarray | None     # (T, T, 3) uint8, north-up, over the chunk's vertices' box
    triangles: int                 # of the surface (skirts not counted)

    @property
    def nbytes(self) -> int:
        m = self.mesh
        arrays = [m.points, m.faces, *m.point_data.values()]
        return sum(a.nbytes for a in arrays if a is not None) + (self.texture.nbytes if self.texture is not None else 0)


def chunk_mesh(key, xs: np.ndarray, ys: np.ndarray, z: np.ndarray, inner: tuple[slice, slice],
               origin, outer: tuple[bool, bool, bool, bool], texture: np.ndarray | None = None,
               spacing: float = 1.0) -> ChunkMesh:
    """``z`` holds heights at ``ys`` × ``xs`` (rows north to south) with a border of one
    vertex beyond the chunk where there is data; ``inner`` selects the chunk's own
    vertices. ``outer`` says which edges (north, south, west, east) lie on the data's
    edge. ``spacing`` is the distance between vertices, the least depth of a skirt."""
    nx, ny = _normals(xs, ys, z)
    rs, cs = inner
    z, nx, ny = z[rs, cs], nx[rs, cs], ny[rs, cs]
    xs, ys = xs[cs], ys[rs]
    h, w = z.shape
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

    ids = np.arange(h * w).reshape(h, w)
    edges = [e for e, is_outer in zip((ids[0], ids[-1], ids[:, 0], ids[:, -1]), outer) if not is_outer]
    depth = max(spacing, 3.0 * _edge_deviation(zf, valid), MIN_SKIRT)
    extra, n = [], h * w
    for edge in edges:        # a skirt: the edge's vertices again, lowered, and quads between
        ok = valid.ravel()[edge]
        k = np.flatnonzero(ok[:-1] & ok[1:])
        low = n + np.arange(len(edge))
        wall = np.column_stack([edge[k], edge[k + 1], low[k + 1], low[k]])
        quads += [wall, wall[:, ::-1]]    # both ways: seen from either side it is lit as the ground
        extra.append(edge)
        n += len(edge)
    if extra:
        skirt = np.concatenate(extra)
        points = np.vstack([points, points[skirt] - [0.0, 0.0, depth]])
        normals = np.vstack([normals, normals[skirt]])
    else:
        skirt = np.empty(0, np.int64)
    quads = np.vstack(quads)
    faces = np.hstack([np.full((len(quads), 1), 4), quads]).ravel().astype(np.int64)

    elevation = np.where(valid, z, np.nan).ravel().astype(np.float32)
    point_data = {"Normals": normals.astype(np.float32),
                  "elevation": np.concatenate([elevation, elevation[skirt]])}
    if texture is not None:   # the texture spans the chunk's outer vertices
        u = (gx.ravel() - gx[0, 0]) / max(gx[0, -1] - gx[0, 0], 1e-9)
        v = (gy.ravel() - gy[-1, 0]) / max(gy[0, 0] - gy[-1, 0], 1e-9)
        uv = np.column_stack([u, v])
        point_data["tcoords"] = np.vstack([uv, uv[skirt]]).astype(np.float32)
    mesh = Mesh(points=points.astype(np.float32), faces=faces, point_data=point_data)
    return ChunkMesh(key, mesh, texture, triangles=2 * int(quad_ok.sum()))


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


def _edge_deviation(z: np.ndarray, valid: np.ndarray) -> float:
    """How far the edge vertices stray from a line through every other one: the height
    of the crack a coarser neighbour would leave."""
    worst = 0.0
    for edge, ok in ((z[0], valid[0]), (z[-1], valid[-1]), (z[:, 0], valid[:, 0]), (z[:, -1], valid[:, -1])):
        if len(edge) < 3:
            continue
        mid = (edge[:-2:2] + edge[2::2]) / 2
        good = ok[1:-1:2][: len(mid)] & ok[:-2:2] & ok[2::2]
        dev = np.abs(edge[1:-1:2][: len(mid)] - mid)[good[: len(mid)]]
        if len(dev):
            worst = max(worst, float(dev.max()))
    return worst
