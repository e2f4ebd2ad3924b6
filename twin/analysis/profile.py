"""Elevation profile along a polyline (no Qt, no VTK): the terrain, the tops of the
buildings and the LiDAR points within a corridor, at stations every ``step`` metres.

Everything is vectorised over the stations: the terrain is read once over the line's
box and interpolated bilinearly between cell centres; the buildings under each station
come from one STRtree query; the points are read node by node from the clouds' LOD
hierarchy (only the nodes meeting the corridor, within a point budget), each kept point
is given the station nearest along the line, and the minimum, median and maximum per
station come from one sort."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely

from twin.core.data import RasterGrid
from twin.core.errors import DataError, TwinError
from twin.core.feedback import Feedback
from twin.core.i18n import message

MAX_STATIONS = 1_000_000
POINT_BUDGET = 5_000_000      # points decoded for one profile, all clouds together


@dataclass
class Profile:
    """Columns per station; NaN where there is nothing (no terrain data, no building, no
    point within the corridor)."""

    distance: np.ndarray
    x: np.ndarray
    y: np.ndarray
    z: np.ndarray
    columns: dict[str, np.ndarray] = field(default_factory=dict)   # building, points_min/median/max
    line: shapely.LineString | None = None
    crs: str | None = None

    def __len__(self) -> int:
        return len(self.distance)

    def table(self) -> dict[str, np.ndarray]:
        return {"distance": self.distance, "x": self.x, "y": self.y, "z": self.z, **self.columns}

    def nearest(self, distance: float) -> int:
        """The station nearest a distance along the line (what a chart's cursor points at)."""
        return int(np.argmin(np.abs(self.distance - distance)))

    def write_csv(self, path: str | Path) -> Path:
        """``distance,x,y,z[,…]`` with an empty field for NaN; written aside, then renamed."""
        path = Path(path)
        table = self.table()
        values = np.column_stack([np.asarray(v, float) for v in table.values()])
        text = np.char.mod("%.3f", values)
        text[np.isnan(values)] = ""
        body = "\n".join([",".join(table), *(",".join(row) for row in text)]) + "\n"
        tmp = path.with_name(f".{path.name}.part")
        try:
            tmp.write_text(body, encoding="utf-8")
            os.replace(tmp, path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise DataError(message("cannot be written ({})").format(exc.strerror or exc), path=path,
                            hint=message("check the folder exists and is writable")) from None
        return path


def stations(line: shapely.LineString, step: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(distance, x, y) every ``step`` metres from the start, the end included."""
    if not (np.isfinite(step) and step > 0):
        raise TwinError(message("the profile step {} m must be a positive number of metres").format(step))
    n = int(np.floor(line.length / step)) + 1
    if n > MAX_STATIONS:
        raise TwinError(message("a {:,.0f} m line every {:g} m makes {:,} stations").format(
                            line.length, step, n),
                        hint=message("use a step of at least {:.2f} m").format(line.length / MAX_STATIONS))
    d = np.arange(n) * step
    if line.length - d[-1] > 1e-9:
        d = np.append(d, line.length)
    xy = shapely.get_coordinates(shapely.line_interpolate_point(line, d))
    return d, xy[:, 0], xy[:, 1]


def bilinear(values: np.ndarray, transform, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Heights at (xs, ys), bilinear between cell centres (the edge cells' values out to the
    grid's edge), NaN outside the grid or where a cell that counts has no data."""
    h, w = values.shape
    fc = (xs - transform.c) / transform.a - 0.5
    fr = (ys - transform.f) / transform.e - 0.5
    inside = (fc >= -0.5) & (fc <= w - 0.5) & (fr >= -0.5) & (fr <= h - 0.5)
    fc, fr = np.clip(fc, 0, w - 1), np.clip(fr, 0, h - 1)
    c0 = np.minimum(np.floor(fc).astype(np.int64), max(w - 2, 0))
    r0 = np.minimum(np.floor(fr).astype(np.int64), max(h - 2, 0))
    c1, r1 = np.minimum(c0 + 1, w - 1), np.minimum(r0 + 1, h - 1)
    tc, tr = fc - c0, fr - r0
    out = np.zeros(len(xs))
    bad = ~inside
    for r, c, wgt in ((r0, c0, (1 - tr) * (1 - tc)), (r0, c1, (1 - tr) * tc),
                      (r1, c0, tr * (1 - tc)), (r1, c1, tr * tc)):
        v = values[r, c].astype(float)
        counts = wgt > 1e-12
        bad |= counts & ~np.isfinite(v)
        out += np.where(counts & np.isfinite(v), wgt * np.nan_to_num(v), 0.0)
    out[bad] = np.nan
    return out


def sample_dtm(path: str | Path, xs: np.ndarray, ys: np.ndarray, crs: str | None = None) -> np.ndarray:
    """The DTM file's heights at (xs, ys) (in ``crs``, default the raster's), reading only
    the window around them; a DataError when none of them is on the raster."""
    import rasterio
    from rasterio.windows import Window, from_bounds
    from twin.core.crs import same_crs, transform_xy
    path = Path(path)
    try:
        ds = rasterio.open(path)
    except (rasterio.errors.RasterioError, OSError) as exc:
        raise DataError(message("cannot be read as a raster ({})").format(exc), path=path,
                        hint=message("give a DTM GeoTIFF or ESRI ASCII grid")) from None
    with ds:
        if crs is not None and ds.crs is not None and not same_crs(crs, ds.crs):
            xs, ys = transform_xy(xs, ys, crs, ds.crs)
        x0, y0, x1, y1 = ds.bounds
        meets = (xs >= x0) & (xs <= x1) & (ys >= y0) & (ys <= y1)
        if not meets.any():
            raise DataError(message("the line lies outside the terrain (x {:.0f}–{:.0f}, y {:.0f}–{:.0f})").format(
                                xs.min(), xs.max(), ys.min(), ys.max()), path=path,
                            hint=message("the raster covers x {:.0f}–{:.0f}, y {:.0f}–{:.0f}: draw the "
                                         "line over it (and in its CRS)").format(x0, x1, y0, y1))
        win = from_bounds(xs[meets].min(), ys[meets].min(), xs[meets].max(), ys[meets].max(), ds.transform)
        win = Window(int(np.floor(win.col_off)) - 1, int(np.floor(win.row_off)) - 1,
                     int(np.ceil(win.width)) + 3, int(np.ceil(win.height)) + 3)
        win = win.intersection(Window(0, 0, ds.width, ds.height))
        band = ds.read(1, window=win, masked=True).astype(np.float64).filled(np.nan)
        band[band <= -9999] = np.nan        # IGN's -99999 when the file does not declare it
        transform = ds.window_transform(win)
    return bilinear(band, transform, xs, ys)


def sample_grid(grid: RasterGrid, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    return bilinear(grid.values, grid.transform, xs, ys)


def building_tops(footprints: np.ndarray, tops: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """The highest roof over each station (NaN outside every footprint)."""
    out = np.full(len(xs), np.nan)
    if not len(footprints):
        return out
    tree = shapely.STRtree(footprints)
    station, building = tree.query(shapely.points(xs, ys), predicate="intersects")
    top = np.full(len(xs), -np.inf)
    np.maximum.at(top, station, np.asarray(tops, float)[building])
    hit = np.isfinite(top)
    out[hit] = top[hit]
    return out


def points_along(line: shapely.LineString, distance: np.ndarray, xyz: np.ndarray,
                 half_width: float) -> dict[str, np.ndarray]:
    """Min, median and max height of the points within ``half_width`` of the line, each
    given to the station nearest along it."""
    n = len(distance)
    out = {k: np.full(n, np.nan) for k in ("points_min", "points_median", "points_max")}
    if not len(xyz):
        return out
    pts = shapely.points(xyz[:, 0], xyz[:, 1])
    near = shapely.dwithin(line, pts, half_width)
    along = shapely.line_locate_point(line, pts[near])
    z = xyz[near, 2]
    if not len(z):
        return out
    idx = np.clip(np.searchsorted(distance, along), 1, max(n - 1, 1))
    left = np.maximum(idx - 1, 0)
    station = np.where(along - distance[left] <= distance[np.minimum(idx, n - 1)] - along, left, idx)
    order = np.lexsort((z, station))
    station, z = station[order], z[order]
    starts = np.flatnonzero(np.r_[True, station[1:] != station[:-1]])
    ends = np.r_[starts[1:], len(z)]
    which = station[starts]
    out["points_min"][which] = z[starts]
    out["points_max"][which] = z[ends - 1]
    out["points_median"][which] = 0.5 * (z[starts + (ends - starts - 1) // 2] + z[starts + (ends - starts) // 2])
    return out


def corridor_points(tiles, corridor: shapely.Polygon, crs: str | None, feedback: Feedback,
                    budget: int = POINT_BUDGET) -> np.ndarray:
    """The points of ``tiles`` ((tile, CRS): twin.lod point tiles, a hierarchy and ``read_node``) inside
    ``corridor`` (in ``crs``), decoding only the nodes whose box meets its box, coarse
    levels first, until ``budget`` points have been decoded."""
    from twin.core.crs import same_crs, transform_boxes, transform_xy
    x0, y0, x1, y1 = corridor.bounds
    picks = []
    for t, (tile, tile_crs) in enumerate(tiles):
        hier = tile.hierarchy
        lo, hi = hier.lo[:, :2], hier.hi[:, :2]
        if crs is not None and tile_crs is not None and not same_crs(tile_crs, crs):
            lo, hi = transform_boxes(lo, hi, tile_crs, crs)
        meets = (lo[:, 0] <= x1) & (hi[:, 0] >= x0) & (lo[:, 1] <= y1) & (hi[:, 1] >= y0) & (hier.count > 0)
        meets[meets] = shapely.intersects(corridor, shapely.box(lo[meets, 0], lo[meets, 1], hi[meets, 0], hi[meets, 1]))
        for node in np.flatnonzero(meets):
            picks.append((int(hier.level[node]), t, int(node), int(hier.count[node])))
    picks.sort()
    kept, decoded = [], 0
    for k, (_level, t, node, count) in enumerate(picks):
        if decoded and decoded + count > budget:
            feedback.warn(message("profile: {} finer point cloud nodes left out "
                                  "(over the budget of {:,} points)").format(len(picks) - k, budget))
            break
        tile, tile_crs = tiles[t]
        cloud = tile.read_node(node, feedback)
        decoded += len(cloud)
        xyz = cloud.xyz
        if crs is not None and tile_crs is not None and not same_crs(tile_crs, crs):
            x, y = transform_xy(xyz[:, 0], xyz[:, 1], tile_crs, crs)
            xyz = np.column_stack([x, y, xyz[:, 2]])
        inside = shapely.contains_xy(corridor, xyz[:, 0], xyz[:, 1])
        kept.append(xyz[inside])
        feedback.progress(0.4 + 0.6 * (k + 1) / len(picks), "Reading the points along the line")
    return np.concatenate(kept) if kept else np.empty((0, 3))


def profile(line: shapely.LineString, step: float, *, dtm: str | Path | RasterGrid | None = None,
            buildings: tuple[np.ndarray, np.ndarray] | None = None, tiles=(), corridor: float = 2.0,
            crs: str | None = None, feedback: Feedback | None = None) -> Profile:
    """The profile of ``line`` (in ``crs``) every ``step`` metres over a DTM (a file or a
    grid already loaded), buildings (footprints, roof heights) and point tiles ((tile, CRS) pairs; points
    within ``corridor`` metres either side)."""
    fb = feedback or Feedback()
    d, xs, ys = stations(line, step)
    fb.progress(0.05, "Sampling the terrain")
    if dtm is None:
        z = np.full(len(d), np.nan)
    elif isinstance(dtm, RasterGrid):
        z = sample_grid(dtm, xs, ys)
        if np.isnan(z).all():
            x0, y0, x1, y1 = dtm.bounds
            raise DataError(message("the line lies outside the terrain"), path=dtm.source,
                            hint=message("the terrain covers x {:.0f}–{:.0f}, y {:.0f}–{:.0f}").format(
                                     x0, x1, y0, y1))
    else:
        z = sample_dtm(dtm, xs, ys, crs)
    columns = {}
    if buildings is not None:
        fb.progress(0.3, "Finding the buildings under the line")
        columns["building"] = building_tops(buildings[0], buildings[1], xs, ys)
    if tiles:
        if not (np.isfinite(corridor) and corridor > 0):
            raise TwinError(message("the corridor {} m must be a positive number of metres").format(corridor))
        xyz = corridor_points(list(tiles), line.buffer(corridor, cap_style="flat"), crs, fb)
        columns.update(points_along(line, d, xyz, corridor))
    fb.progress(1.0, "Profile done")
    return Profile(d, xs, ys, z, columns, line, crs)
