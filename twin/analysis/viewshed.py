"""Line of sight and viewshed over a surface model (no Qt, no VTK): what a person at a
point sees, and what a project hides or reveals from there.

The surface is ``twin.analysis.sunhours.Surface``: buildings as prisms on the terrain. A cell is
seen when the slope from the eye to its top (plus ``target_height``) is at least the
steepest slope to anything before it on the way. The viewshed casts one digital ray to
each cell of the perimeter of the square around the eye, one cell per step along the
ray's major axis; a ray then passes through every cell of the square at its own
Chebyshev distance, so every cell is reached without a loop over cells, and the running
maximum of slopes along all rays is one ``np.maximum.accumulate``. Cells are blocks, not
centre points: an occluding cell's slope is taken at whichever of its near or far edge
is steeper, so a wall one cell thick hides exactly what similar triangles say it does,
and a cell is seen when the best-placed of those edges is (some of its top shows), so
flat ground does not flicker in and out of view at grazing angles.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from twin.core.data import RasterGrid
from twin.core.errors import TwinError
from twin.core.i18n import message

EYE_HEIGHT = 1.6      # metres: a standing pedestrian's eyes
MAX_SAMPLES = 16_000_000   # ray samples (8 × (radius / cell)²): ~1.5 GB of work arrays
_EPS = 1e-9


@dataclass
class LineOfSight:
    """The sight line from ``eye`` to ``target`` (both x, y, z in the surface's CRS) and
    the surface under it, sampled every half cell."""

    visible: bool
    eye: tuple[float, float, float]
    target: tuple[float, float, float]
    obstruction: tuple[float, float, float] | None   # first point where the surface rises above the line
    distance: np.ndarray          # metres from the eye, along the ground
    surface_z: np.ndarray         # top of what stands there
    sight_z: np.ndarray           # height of the sight line


@dataclass
class ViewChange:
    """What a variant hides (seen before, not after) and reveals (the reverse)."""

    hidden: RasterGrid            # uint8 0/1
    revealed: RasterGrid          # uint8 0/1
    hidden_m2: float
    revealed_m2: float


def _cell_of(surface, x: float, y: float, what: str) -> tuple[int, int]:
    t = surface.dsm.transform
    h, w = surface.shape
    col = np.floor((x - t.c) / t.a)
    row = np.floor((y - t.f) / t.e)
    if not (np.isfinite(x) and np.isfinite(y) and 0 <= row < h and 0 <= col < w):
        x0, y0, x1, y1 = surface.dsm.bounds
        raise TwinError(message("the {} ({:.1f}, {:.1f}) is outside the surface grid").format(what, x, y),
                        hint=message("the grid covers x {:.0f}–{:.0f}, y {:.0f}–{:.0f}; put the point "
                                     "inside or build the grid around it").format(x0, x1, y0, y1))
    return int(row), int(col)


def _point(surface, point, height: float, what: str) -> tuple[float, float, float, int, int]:
    """(x, y, z, row, col): z as given, else the surface there plus ``height``."""
    p = np.asarray(point, dtype=float).ravel()
    if len(p) not in (2, 3):
        raise TwinError(message("the {} must be (x, y) or (x, y, z), got {!r}").format(what, point))
    row, col = _cell_of(surface, p[0], p[1], what)
    z = p[2] if len(p) == 3 else float(surface.dsm.values[row, col]) + height
    if not np.isfinite(z):
        raise TwinError(message("the {}'s height is not a number").format(what))
    return float(p[0]), float(p[1]), float(z), row, col


def line_of_sight(surface, eye, target, eye_height: float = EYE_HEIGHT) -> LineOfSight:
    """Whether ``target`` is seen from ``eye``. A point given as (x, y) stands on the
    surface (the ground, or a roof), the eye ``eye_height`` above it. The cells of the eye
    and of the target themselves do not obstruct (a target on a façade is inside its
    building's cell)."""
    if not (np.isfinite(eye_height) and eye_height >= 0):
        raise TwinError(message("eye height {} m must be a number not below 0").format(eye_height))
    ex, ey, ez, er, ec = _point(surface, eye, eye_height, "eye")
    tx, ty, tz, tr, tc = _point(surface, target, 0.0, "target")
    res = surface.resolution
    length = float(np.hypot(tx - ex, ty - ey))
    n = max(int(np.ceil(2 * length / res)), 1)
    f = np.linspace(0.0, 1.0, n + 1)
    xs, ys = ex + f * (tx - ex), ey + f * (ty - ey)
    t = surface.dsm.transform
    h, w = surface.shape
    cols = np.clip(np.floor((xs - t.c) / t.a).astype(np.int64), 0, w - 1)
    rows = np.clip(np.floor((ys - t.f) / t.e).astype(np.int64), 0, h - 1)
    ground = surface.dsm.values[rows, cols].astype(float)
    sight = ez + f * (tz - ez)
    between = ~(((rows == er) & (cols == ec)) | ((rows == tr) & (cols == tc)))
    above = between & (ground > sight + _EPS)
    first = int(np.argmax(above)) if above.any() else None
    obstruction = None if first is None else (float(xs[first]), float(ys[first]), float(ground[first]))
    return LineOfSight(visible=first is None, eye=(ex, ey, ez), target=(tx, ty, tz), obstruction=obstruction,
                       distance=f * length, surface_z=ground, sight_z=sight)


def viewshed(surface, eye, radius: float, eye_height: float = EYE_HEIGHT,
             target_height: float = 0.0) -> RasterGrid:
    """Cells (uint8 1) some of whose top, raised by ``target_height``, is seen from ``eye`` within
    ``radius`` metres; 0 elsewhere, also beyond the radius. The grid is the surface's.

    ``eye``: (x, y) stands on the surface there (the ground, or a roof) with the eyes
    ``eye_height`` above it; (x, y, z) puts the eye at z (a belfry's gallery)."""
    if not (np.isfinite(radius) and radius > 0):
        raise TwinError(message("viewshed radius {} m must be a positive number of metres").format(radius))
    if not (np.isfinite(eye_height) and eye_height >= 0):
        raise TwinError(message("eye height {} m must be a number not below 0").format(eye_height))
    if not np.isfinite(target_height):
        raise TwinError(message("target height {} m is not a number").format(target_height))
    ex, ey, ez, r0, c0 = _point(surface, eye, eye_height, "eye")
    res = surface.resolution
    dsm = surface.dsm.values
    h, w = dsm.shape
    n = max(int(np.ceil(radius / res)), 1)
    if 8 * n * n > MAX_SAMPLES:
        raise TwinError(message("a viewshed of {:g} m on {:g} m cells is too large ({:,} ray samples)").format(
                            radius, res, 8 * n * n),
                        hint=message("use a radius under {:.0f} m or coarser cells").format(
                                 res * np.sqrt(MAX_SAMPLES / 8)))
    side = np.arange(-n, n + 1)
    inner = side[1:-1]
    dr = np.concatenate([np.full(len(side), -n), np.full(len(side), n), inner, inner])
    dc = np.concatenate([side, side, np.full(len(inner), -n), np.full(len(inner), n)])
    steps = np.arange(1, n + 1) / n
    rows = r0 + np.rint(dr[:, None] * steps).astype(np.int64)        # (rays, steps)
    cols = c0 + np.rint(dc[:, None] * steps).astype(np.int64)
    inside = (rows >= 0) & (rows < h) & (cols >= 0) & (cols < w)
    rc, cc = np.clip(rows, 0, h - 1), np.clip(cols, 0, w - 1)
    t = surface.dsm.transform
    dist = np.hypot(t.c + (cc + 0.5) * t.a - ex, t.f + (rc + 0.5) * t.e - ey)
    rise = np.where(inside, dsm[rc, cc].astype(float) - ez, -np.inf)
    half = (0.5 * res * np.hypot(dr, dc) / n)[:, None]                # half a step along each ray
    with np.errstate(divide="ignore", invalid="ignore"):
        block = np.maximum(rise / np.maximum(dist - half, 1e-3), rise / (dist + half))
        block = np.where(inside, block, -np.inf)
        ahead = np.maximum.accumulate(block, axis=1)
        before = np.concatenate([np.full((len(dr), 1), -np.inf), ahead[:, :-1]], axis=1)
        top = rise + target_height
        best = np.maximum(top / np.maximum(dist - half, 1e-3), top / (dist + half))
        seen = inside & (dist <= radius) & (best >= before - _EPS)
    out = np.zeros(h * w, np.uint8)
    out[(rows * w + cols)[seen]] = 1
    out[r0 * w + c0] = 1
    return RasterGrid(out.reshape(h, w), surface.dsm.transform, surface.dsm.crs)


def compare_views(base: RasterGrid, variant: RasterGrid) -> ViewChange:
    """Cells a variant hides and reveals against the baseline, with their areas in m²."""
    if base.shape != variant.shape or tuple(base.transform) != tuple(variant.transform):
        raise TwinError(message("the two viewsheds do not cover the same cells"),
                        hint=message("compute both on surfaces built with the same bounds and resolution"))
    before, after = base.values.astype(bool), variant.values.astype(bool)
    hidden, revealed = before & ~after, after & ~before
    cell = abs(base.transform.a * base.transform.e)
    return ViewChange(hidden=RasterGrid(hidden.astype(np.uint8), base.transform, base.crs),
                      revealed=RasterGrid(revealed.astype(np.uint8), base.transform, base.crs),
                      hidden_m2=float(hidden.sum() * cell), revealed_m2=float(revealed.sum() * cell))
