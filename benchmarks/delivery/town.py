"""A commune's built-up area: plots on a street grid, a building on most plots.

Each town has its own grid (orientation, plot size, blocks of 2 × k plots between
streets), denser towards its centre. A building never leaves its plot, so footprints
never overlap; a few whole blocks become one large building (an industrial hall, or in
the dense centre an urban block around a courtyard). Everything is numpy over the plots
of a town; the caller loops over towns only."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

# footprint shapes
RECT, ELL, CHAMFER, COURTYARD, HALL = range(5)


@dataclass
class Town:
    """Buildings (one row each), the street segments, and the plots (for the cadastre)."""
    polygons: np.ndarray          # shapely Polygons, Lambert-93
    cx: np.ndarray
    cy: np.ndarray
    angle: np.ndarray             # of the main body's long side (radians)
    w: np.ndarray                 # main body, along the angle
    d: np.ndarray                 # main body, across (the gable spans d)
    kind: np.ndarray              # RECT, ELL, CHAMFER, COURTYARD, HALL
    height: np.ndarray            # eaves above the ground
    rise: np.ndarray              # roof ridge above the eaves (0: flat)
    centrality: np.ndarray        # 0 at the town centre, 1 at its edge
    boxes: np.ndarray             # (M, 6): building row, cx, cy, angle, w, d — the parts LiDAR hits
    streets: np.ndarray           # (S, 2, 2) segment end points
    trees: np.ndarray             # (T, 4): x, y, crown radius, height (gardens)
    plots: np.ndarray             # shapely Polygons: every plot of the built-up area
    blocks: np.ndarray            # shapely Polygons: blocks with their half-streets (urban extent)

    def __len__(self) -> int:
        return len(self.cx)

    def subset(self, keep: np.ndarray) -> Town:
        """The town with only the buildings in ``keep`` (streets, trees and plots stay)."""
        new_row = np.cumsum(keep) - 1
        boxes = self.boxes[keep[self.boxes[:, 0].astype(int)]]
        boxes[:, 0] = new_row[boxes[:, 0].astype(int)]
        fields = {name: getattr(self, name)[keep] for name in
                  ("polygons", "cx", "cy", "angle", "w", "d", "kind", "height", "rise", "centrality")}
        return Town(**fields, boxes=boxes, streets=self.streets, trees=self.trees, plots=self.plots,
                    blocks=self.blocks)


def _frame(u, v, centre, angle):
    c, s = np.cos(angle), np.sin(angle)
    return centre[0] + u * c - v * s, centre[1] + u * s + v * c


def build_town(rng: np.random.Generator, polygon, centre, count: int, pitch: float,
               allowed, dense: bool = False, with_plots: bool = False) -> Town:
    """``count`` buildings (fewer if the commune has no room) around ``centre`` inside
    ``polygon``; ``allowed(x, y)`` says where building is possible (not in the river, the
    aerodrome…). Plots are drawn only ``with_plots`` (the cadastre's commune)."""
    angle = rng.uniform(0, np.pi / 2)
    bu, bv = 2, int(rng.integers(4, 8))
    street = rng.uniform(9, 13)
    occupancy = 0.8
    r0 = np.sqrt(max(count, 1) * (pitch + street / bu) * (pitch + street / bv) / (occupancy * np.pi))
    reach = 2.4 * r0 + 3 * pitch
    n = int(np.ceil(reach / pitch)) + bv
    i, j = np.meshgrid(np.arange(-n, n), np.arange(-n, n), indexing="ij")
    i, j = i.ravel(), j.ravel()
    offset = rng.uniform(0, pitch, 2)
    u0 = i * pitch + np.floor_divide(i, bu) * street - offset[0]
    v0 = j * pitch + np.floor_divide(j, bv) * street - offset[1]
    x, y = _frame(u0 + pitch / 2, v0 + pitch / 2, centre, angle)
    r = np.hypot(x - centre[0], y - centre[1])
    near = r < reach
    i, j, u0, v0, x, y, r = (a[near] for a in (i, j, u0, v0, x, y, r))
    ok = allowed(x, y)
    ok[ok] = shapely.contains_xy(shapely.buffer(polygon, -pitch, quad_segs=2), x[ok], y[ok])
    # nearer the centre first, the town stretched along one axis, with ragged edges
    phi = np.arctan2(y - centre[1], x - centre[0])
    stretch = 1 + 0.35 * np.cos(2 * (phi - rng.uniform(0, np.pi)))
    score = np.where(ok, r / r0 / stretch * np.exp(0.3 * rng.standard_normal(len(r))), np.inf)
    block = np.floor_divide(i, bu) * 100_003 + np.floor_divide(j, bv)
    order = np.argsort(score, kind="stable")
    usable = int(np.isfinite(score).sum())

    # whole blocks become one building: halls on the outskirts, courtyard blocks in a dense centre
    ublock, inverse = np.unique(block, return_inverse=True)
    lot = rng.random(len(ublock))
    rank = np.empty(len(r))
    rank[order] = np.arange(len(r))
    take = min(count, usable)
    for _ in range(2):                      # take more plots to make up for those merged
        chosen = rank < take
        full = np.bincount(inverse, weights=chosen, minlength=len(ublock)) == bu * bv
        cent = np.bincount(inverse, weights=np.where(chosen, r, 0), minlength=len(ublock)) / (bu * bv) / r0
        hall = full & (cent > 0.6) & (lot < 0.05)
        court = full & (cent < 0.45) & (lot > (0.94 if dense else 0.985))
        merged = hall | court
        lost = int((merged[inverse] & chosen).sum() - merged.sum())
        take = min(count + lost, usable)
    chosen = rank < take
    merged_plot = merged[inverse] & chosen
    single = chosen & ~merged_plot

    # -- single plots -------------------------------------------------------------------
    k = np.flatnonzero(single)
    m = len(k)
    small = rng.random(m) < 0.12                           # garden sheds, garages
    w = np.where(small, rng.uniform(0.18, 0.35, m), rng.uniform(0.5, 0.88, m)) * pitch
    d = np.where(small, rng.uniform(0.18, 0.35, m), rng.uniform(0.42, 0.8, m)) * pitch
    su = rng.uniform(-0.5, 0.5, m) * (pitch - w)
    sv = rng.uniform(-0.5, 0.5, m) * (pitch - d)
    kind = rng.choice([RECT, ELL, CHAMFER], m, p=[0.55, 0.33, 0.12])
    kind[small] = RECT
    bx, by = _frame(u0[k] + pitch / 2 + su, v0[k] + pitch / 2 + sv, centre, angle)
    cen = np.clip(r[k] / (1.6 * r0), 0, 1)
    floors = 1 + rng.binomial(np.where(cen < 0.25, 4, 2), np.where(cen < 0.25, 0.45, 0.3))
    height = np.where(small, rng.uniform(2.2, 3.4, m), 0.6 + 2.8 * floors + rng.uniform(-0.4, 0.6, m))
    rise = np.where(small, 0.0, np.where(rng.random(m) < 0.88, 0.175 * d, 0.0))
    ring, parts = _shapes(kind, w, d, rng)

    # -- merged blocks --------------------------------------------------------------------
    kb = np.flatnonzero(merged)
    _, first = np.unique(inverse, return_index=True)        # a plot of each block, for its indices
    bi, bj = np.floor_divide(i[first[kb]], bu), np.floor_divide(j[first[kb]], bv)
    bw, bd = bu * pitch - 4.0, (bv * pitch) - 4.0
    hu = bi * (bu * pitch + street) - offset[0] + bu * pitch / 2
    hv = bj * (bv * pitch + street) - offset[1] + bv * pitch / 2
    hx, hy = _frame(hu, hv, centre, angle)
    is_court = court[kb]
    mb = len(kb)
    big_w, big_d = np.full(mb, max(bw, bd)), np.full(mb, min(bw, bd))
    big_angle = np.where(bd > bw, angle + np.pi / 2, angle) * np.ones(mb)
    big_kind = np.where(is_court, COURTYARD, HALL)
    big_h = np.where(is_court, rng.uniform(11, 18, mb), rng.uniform(6, 12, mb))
    big_rise = np.where(is_court, 2.5, 0.0)
    bring, bparts = _shapes(big_kind, big_w, big_d, rng)

    angles = np.r_[np.full(m, angle), big_angle]
    polys = _place(np.r_[bx, hx], np.r_[by, hy], angles, ring + [(rows + m, sh, ho) for rows, sh, ho in bring])
    boxes = _boxes(np.r_[bx, hx], np.r_[by, hy], angles, parts, bparts, m)
    cx, cy = np.r_[bx, hx], np.r_[by, hy]
    centrality = np.r_[cen, np.clip(np.hypot(hx - centre[0], hy - centre[1]) / (1.6 * r0), 0, 1)]

    # -- streets: the four sides of every block in use, each side once ---------------------
    bi_all, bj_all = np.floor_divide(i, bu), np.floor_divide(j, bv)
    used = np.unique(np.column_stack([bi_all[chosen], bj_all[chosen]]), axis=0)
    ub, vb = used[:, 0], used[:, 1]
    sides = np.unique(np.concatenate([
        np.column_stack([np.zeros_like(ub), ub, vb]), np.column_stack([np.zeros_like(ub), ub, vb + 1]),   # along u
        np.column_stack([np.ones_like(ub), ub, vb]), np.column_stack([np.ones_like(ub), ub + 1, vb]),     # along v
    ]), axis=0)

    def street_u(k):
        return k * (bu * pitch + street) - street / 2 - offset[0]

    def street_v(k):
        return k * (bv * pitch + street) - street / 2 - offset[1]

    along_v = sides[:, 0] == 1
    a_u = street_u(sides[:, 1])
    a_v = street_v(sides[:, 2])
    b_u = np.where(along_v, a_u, street_u(sides[:, 1] + 1))
    b_v = np.where(along_v, street_v(sides[:, 2] + 1), a_v)
    streets = np.stack([np.stack(_frame(a_u, a_v, centre, angle), -1), np.stack(_frame(b_u, b_v, centre, angle), -1)], 1)

    # -- garden trees, plots and blocks ------------------------------------------------------
    garden = single & ~np.isin(np.arange(len(r)), k[small])
    g = np.flatnonzero(garden & (rng.random(len(r)) < 0.55))
    tr = rng.uniform(1.5, 4.0, len(g))
    corner = rng.choice([-1.0, 1.0], (len(g), 2)) * (pitch / 2 - tr[:, None] * 0.6)
    tx, ty = _frame(u0[g] + pitch / 2 + corner[:, 0], v0[g] + pitch / 2 + corner[:, 1], centre, angle)
    trees = np.column_stack([tx, ty, tr, rng.uniform(5, 15, len(g))])

    plots = np.zeros(0, dtype=object)
    if with_plots:       # every possible plot of the blocks in use, built or not
        in_block = np.isin(bi_all * 100_003 + bj_all, ub * 100_003 + vb)
        plot_k = np.flatnonzero(ok & in_block & ~merged_plot)
        plots = np.r_[_place(*_frame(u0[plot_k] + pitch / 2, v0[plot_k] + pitch / 2, centre, angle),
                             np.full(len(plot_k), angle),
                             [_rect(np.full(len(plot_k), pitch), np.full(len(plot_k), pitch))]),
                      _place(hx, hy, big_angle, [_rect(big_w + 4.0, big_d + 4.0)])]
    blocks = _place(*_frame(ub * (bu * pitch + street) - offset[0] + bu * pitch / 2,
                            vb * (bv * pitch + street) - offset[1] + bv * pitch / 2, centre, angle),
                    np.full(len(ub), angle), [_rect(np.full(len(ub), bu * pitch + street),
                                                    np.full(len(ub), bv * pitch + street))])
    return Town(polys, cx, cy, angles, np.r_[w, big_w], np.r_[d, big_d], np.r_[kind, big_kind],
                np.r_[height, big_h], np.r_[rise, big_rise], centrality, boxes, streets, trees,
                plots, blocks)


# -- footprints in the plot's own frame ---------------------------------------------------------

def _rect(w, d):
    a, b = w / 2, d / 2
    return np.stack([np.stack([-a, -b], -1), np.stack([a, -b], -1),
                     np.stack([a, b], -1), np.stack([-a, b], -1)], 1)


def _shapes(kind, w, d, rng):
    """Rings per building, grouped by shape: a list of (rows, shell (n, V, 2), hole or None),
    and the LiDAR parts: a list of (rows, (n, P, 4) centre-u, centre-v, w, d)."""
    a, b = w / 2, d / 2
    out, parts = [], []
    flip = rng.choice([-1.0, 1.0], (len(w), 2))
    for k in (RECT, HALL):
        rows = np.flatnonzero(kind == k)
        out.append((rows, _rect(w[rows], d[rows]), None))
        parts.append((rows, np.stack([np.zeros(len(rows)), np.zeros(len(rows)), w[rows], d[rows]], -1)[:, None]))
    rows = np.flatnonzero(kind == ELL)
    if len(rows):
        A, B = a[rows], b[rows]
        ca, cb = rng.uniform(0.3, 0.6, len(rows)) * 2 * A, rng.uniform(0.3, 0.6, len(rows)) * 2 * B
        pts = np.stack([np.stack(p, -1) for p in (
            (-A, -B), (A, -B), (A, B - cb), (A - ca, B - cb), (A - ca, B), (-A, B))], 1)
        f = flip[rows][:, None, :]
        out.append((rows, pts * f, None))
        body = np.stack([np.zeros_like(A), -cb / 2, 2 * A, 2 * B - cb], -1)
        wing = np.stack([-ca / 2, B - cb / 2, 2 * A - ca, cb], -1)
        both = np.stack([body, wing], 1)
        both[:, :, :2] *= flip[rows][:, None, :]
        parts.append((rows, both))
    rows = np.flatnonzero(kind == CHAMFER)
    if len(rows):
        A, B = a[rows], b[rows]
        c = 0.18 * np.minimum(A, B) * 2
        pts = np.stack([np.stack(p, -1) for p in (
            (-A + c, -B), (A - c, -B), (A, -B + c), (A, B - c), (A - c, B), (-A + c, B), (-A, B - c), (-A, -B + c))], 1)
        out.append((rows, pts, None))
        parts.append((rows, np.stack([np.zeros_like(A), np.zeros_like(A), 2 * A, 2 * B], -1)[:, None]))
    rows = np.flatnonzero(kind == COURTYARD)
    if len(rows):
        A, B = a[rows], b[rows]
        depth = np.minimum(rng.uniform(9, 13, len(rows)), 0.3 * np.minimum(2 * A, 2 * B))
        out.append((rows, _rect(2 * A, 2 * B), _rect(2 * (A - depth), 2 * (B - depth))))
        z = np.zeros_like(A)
        wings = np.stack([np.stack([z, -B + depth / 2, 2 * A, depth], -1),
                          np.stack([z, B - depth / 2, 2 * A, depth], -1),
                          np.stack([-A + depth / 2, z, depth, 2 * (B - depth)], -1),
                          np.stack([A - depth / 2, z, depth, 2 * (B - depth)], -1)], 1)
        parts.append((rows, wings))
    return out, parts


def _place(cx, cy, angle, groups) -> np.ndarray:
    """Polygons from rings in a plot frame: rotated by ``angle`` about the plot's centre."""
    total = sum(len(g[0]) if isinstance(g, tuple) else len(g) for g in groups)
    result = np.empty(total, dtype=object)
    for g in groups:
        rows, shell, hole = g if isinstance(g, tuple) else (np.arange(len(g)), g, None)
        if not len(rows):
            continue
        c, s = np.cos(angle[rows])[:, None], np.sin(angle[rows])[:, None]

        def world(pts):
            return np.stack([cx[rows][:, None] + pts[..., 0] * c - pts[..., 1] * s,
                             cy[rows][:, None] + pts[..., 0] * s + pts[..., 1] * c], -1)
        shells = shapely.linearrings(world(_turning(shell, 1)))
        holes = None if hole is None else shapely.linearrings(world(_turning(hole, -1)))[:, None]
        result[rows] = shapely.polygons(shells, holes=holes)
    return result


def _turning(rings: np.ndarray, sign: int) -> np.ndarray:
    """Rings (n, V, 2) turned counter-clockwise (``sign`` 1: shells) or clockwise (-1: holes),
    as GeoPackage readers and the Etalab files expect; rotation keeps the turn, mirroring flips it."""
    x, y = rings[..., 0], rings[..., 1]
    area2 = (x * np.roll(y, -1, axis=1) - np.roll(x, -1, axis=1) * y).sum(axis=1)
    return np.where((np.sign(area2) == sign)[:, None, None], rings, rings[:, ::-1])


def _boxes(cx, cy, angle, parts, bparts, m) -> np.ndarray:
    """(M, 6) LiDAR parts in world coordinates: building row, centre x, y, angle, w, d."""
    out = []
    for offset, group in ((0, parts), (m, bparts)):
        for rows, p in group:
            if not len(rows):
                continue
            rr = rows + offset
            c, s = np.cos(angle[rr])[:, None], np.sin(angle[rr])[:, None]
            px = cx[rr][:, None] + p[..., 0] * c - p[..., 1] * s
            py = cy[rr][:, None] + p[..., 0] * s + p[..., 1] * c
            out.append(np.stack([np.repeat(rr[:, None], p.shape[1], 1), px, py,
                                 np.repeat(angle[rr][:, None], p.shape[1], 1), p[..., 2], p[..., 3]], -1).reshape(-1, 6))
    return np.concatenate(out) if out else np.zeros((0, 6))
