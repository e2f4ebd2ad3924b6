"""Hours of direct sun over a day on a grid, and what a project takes away.

The grid is a surface model (DSM): ground from a DTM (or flat), buildings rasterised on
it as prisms. For each sun step, every cell is tested at once by a sweep along the sun's
azimuth: the grid is sheared so that lines toward the sun become rows, and along a row
the lowest height a ray must clear is a running maximum,
``shadow[i] = max_j<=i (z[j] - (i - j)·drop) = cummax(z + i·drop) - i·drop``,
where ``drop`` is how much a ray toward the sun rises per step. It costs a few array
passes per step whatever the sun's elevation — no ray marching. Rays follow digital
lines (one cell per column), so one grazing a building's corner may slip past it: the
side edges of shadows can fall up to half a cell short; lengths are exact to the raster.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from twin.core.data import RasterGrid
from twin.core.errors import DataError, TwinError
from twin.core.feedback import Feedback
from twin.analysis.sun import ARRAS, PARIS, Site, day_times, sun_position, sun_vector
from twin.core.i18n import message

MAX_CELLS = 100_000_000   # ~1.6 GB of float64 work arrays: beyond, ask for a coarser grid


@dataclass
class Surface:
    """Buildings standing on terrain, on a north-up grid of square cells."""

    dsm: RasterGrid          # top of what stands in each cell: a roof, else the ground
    ground: np.ndarray       # (H, W) float32 ground level
    building: np.ndarray     # (H, W) int32 index of the building in each cell, -1 for none

    @property
    def resolution(self) -> float:
        return float(self.dsm.transform.a)

    @property
    def shape(self) -> tuple[int, int]:
        return self.dsm.shape


def _check_bounds(bounds, resolution) -> tuple[int, int]:
    xmin, ymin, xmax, ymax = (float(v) for v in bounds)
    if not (resolution > 0 and np.isfinite(resolution)):
        raise TwinError(message("grid resolution {} must be a positive number of metres").format(resolution))
    if not (np.all(np.isfinite([xmin, ymin, xmax, ymax])) and xmax > xmin and ymax > ymin):
        raise TwinError(message("grid bounds {} are empty").format(tuple(bounds)), hint=message("give xmin ymin xmax ymax with min < "
                                                                               "max"))
    w, h = int(np.ceil((xmax - xmin) / resolution)), int(np.ceil((ymax - ymin) / resolution))
    if w * h > MAX_CELLS:
        raise TwinError(message("a {}×{} grid is too large ({:,} cells)").format(w, h, w * h),
                        hint=message("use a smaller area or a coarser resolution"))
    return h, w


def _sample_ground(ground: RasterGrid, xs: np.ndarray, ys: np.ndarray, fallback: float) -> np.ndarray:
    """Nearest DTM cell under each grid cell centre; outside the DTM or on nodata: fallback."""
    inv = ~ground.transform
    cols = np.floor(inv.a * xs[None, :] + inv.b * ys[:, None] + inv.c).astype(np.int64)
    rows = np.floor(inv.d * xs[None, :] + inv.e * ys[:, None] + inv.f).astype(np.int64)
    h, w = ground.shape
    inside = (rows >= 0) & (rows < h) & (cols >= 0) & (cols < w)
    out = np.full(rows.shape, np.nan)
    out[inside] = ground.values[rows[inside], cols[inside]]
    return np.where(np.isfinite(out), out, fallback)


def surface_grid(bounds, resolution: float, footprints, base_z, heights,
                 ground: RasterGrid | float | None = None, crs: str = "EPSG:2154") -> Surface:
    """A DSM of building prisms (roof = base_z + height) on terrain, cells of ``resolution`` m.

    ``ground``: a DTM in the same CRS, a constant level, or None for flat ground at the
    median building base. Where footprints overlap the highest roof wins. Buildings just
    outside ``bounds`` still shade it: give bounds with a margin when that matters."""
    from rasterio.features import rasterize
    from rasterio.transform import from_origin
    h, w = _check_bounds(bounds, resolution)
    footprints = np.asarray(footprints, dtype=object).reshape(-1)
    base_z = np.asarray(base_z, float).reshape(-1)
    heights = np.asarray(heights, float).reshape(-1)
    if not (len(footprints) == len(base_z) == len(heights)):
        raise TwinError(message("{} footprints, {} base levels and {} heights").format(
                            len(footprints), len(base_z), len(heights)), hint=message("give one base level and one height per footprint"))
    if np.any(~np.isfinite(heights) | (heights < 0)) or np.any(~np.isfinite(base_z)):
        raise TwinError(message("building heights and base levels must be finite, heights not negative"))
    transform = from_origin(float(bounds[0]), float(bounds[3]), resolution, resolution)
    xs = transform.c + resolution * (np.arange(w) + 0.5)
    ys = transform.f - resolution * (np.arange(h) + 0.5)
    flat = float(np.median(base_z)) if len(base_z) else 0.0
    if isinstance(ground, RasterGrid):
        if ground.is_image:
            raise DataError(message("is an image, not an elevation model"), path=ground.source)
        level = _sample_ground(ground, xs, ys, float(np.nanmedian(ground.values)))
    else:
        level = np.full((h, w), flat if ground is None else float(ground))

    roof = base_z + heights
    order = np.argsort(roof, kind="stable")          # burnt last = highest wins
    keep = order[~shapely.is_empty(footprints[order]) & ~shapely.is_missing(footprints[order])]
    building = np.full((h, w), -1, dtype=np.int32)
    if len(keep):
        building = rasterize(zip(footprints[keep], keep.astype(np.int32)), out_shape=(h, w),
                             transform=transform, fill=-1, dtype="int32")
    inside = building >= 0
    dsm = level.copy()
    dsm[inside] = np.maximum(roof[building[inside]], level[inside])
    return Surface(dsm=RasterGrid(dsm.astype(np.float32), transform, crs),
                   ground=level.astype(np.float32), building=building)


def shadow_height(dsm: np.ndarray, resolution: float, sun) -> np.ndarray:
    """Lowest height at which each cell sees the sun over every other cell toward it (float64).

    ``sun``: unit vector toward the sun in grid axes (x east, y north, z up), z >= 0.
    An occluding cell is a block, not its centre: the ray meets it half a step nearer,
    which keeps rasterised buildings from casting shadows half a cell short. Cells off
    the grid do not shade."""
    sun = np.asarray(sun, float)
    z = np.asarray(dsm, float)
    dr, dc = -sun[1], sun[0]                  # toward the sun in (row, col): rows run south
    transposed = abs(dr) > abs(dc)
    if transposed:
        z, dr, dc = z.T, dc, dr
    flipped = dc > 0
    if flipped:
        z, dc = z[:, ::-1], -dc
    # now the sun lies toward column 0 (or straight up); each column step away from it
    # moves ``slope`` rows
    h, w = z.shape
    slope = -dr / abs(dc) if dc != 0 else 0.0
    horizontal = np.hypot(sun[0], sun[1])
    rise = sun[2] / horizontal if horizontal > 0 else np.inf
    drop = rise * resolution * np.hypot(1.0, slope)
    if not np.isfinite(drop):                   # sun at the zenith: nothing shades anything else
        out = np.full(z.shape, -np.inf)
    else:
        shift = np.rint(np.arange(w) * slope).astype(np.int64)
        rows_sheared = np.arange(h)[:, None] - shift[None, :] + shift.max()
        # column 0 of the sheared rows stays -inf, so that cell c reads column c after the
        # running maximum: the cells strictly toward the sun
        flat = rows_sheared * (w + 1) + np.arange(1, w + 1)[None, :]
        ramp = np.arange(w) * drop
        sheared = np.full((h + shift.max() - shift.min()) * (w + 1), -np.inf)
        sheared[flat] = z + ramp
        np.maximum.accumulate(sheared.reshape(-1, w + 1), axis=1, out=sheared.reshape(-1, w + 1))
        out = sheared[flat - 1] - ramp + 0.5 * drop
    if flipped:
        out = out[:, ::-1]
    return out.T if transposed else out


def lit(surface: Surface, sun, height_above_ground: float = 0.1) -> np.ndarray:
    """(H, W) bool: cells whose point ``height_above_ground`` over the ground sees the sun;
    False in buildings and with the sun at or below the horizon."""
    sun = np.asarray(sun, float)
    if sun[2] <= 0:
        return np.zeros(surface.shape, bool)
    eye = surface.ground.astype(float) + height_above_ground
    return (eye + 1e-6 >= shadow_height(surface.dsm.values, surface.resolution, sun)) & (surface.building < 0)


@dataclass
class SunHours:
    """Hours of direct sun per cell over one local day; NaN inside buildings."""

    grid: RasterGrid              # float32 hours
    date: dt.date
    site: Site
    day_length_h: float           # sunrise to sunset: what an unobstructed cell gets
    steps: int
    height_above_ground: float

    @property
    def hours(self) -> np.ndarray:
        return self.grid.values


def _sun_steps(date: dt.date, site: Site, step_minutes: float, tz):
    """Mid-times and weights (hours) of the sunlit part of each clock step of the local day.

    Steps are cut at sunrise and sunset, so an unobstructed cell totals the day length."""
    start = pd.Timestamp(dt.datetime.combine(date, dt.time()), tz=tz).tz_convert("UTC")
    end = pd.Timestamp(dt.datetime.combine(date + dt.timedelta(days=1), dt.time()), tz=tz).tz_convert("UTC")
    sunrise, transit, sunset = day_times(date, site, tz)
    if sunrise is None or sunset is None:        # polar day or night: decided at transit
        up = sun_position(transit, site).elevation[0] > 0
        rise, down = (start, end) if up else (start, start)
    else:
        rise, down = pd.Timestamp(sunrise), pd.Timestamp(sunset)
    edges = pd.date_range(start, end, freq=pd.Timedelta(minutes=step_minutes)).as_unit("ns").asi8
    if edges[-1] < end.value:
        edges = np.append(edges, end.value)
    lo = np.maximum(edges[:-1], rise.as_unit("ns").value)
    hi = np.minimum(edges[1:], down.as_unit("ns").value)
    keep = hi > lo
    mids = pd.to_datetime((lo[keep] + hi[keep]) // 2, utc=True)
    return mids, (hi[keep] - lo[keep]) / 3.6e12, (down - rise).total_seconds() / 3600


def sun_hours(surface: Surface, date: dt.date, site: Site = ARRAS, step_minutes: float = 15,
              crs: str | None = None, height_above_ground: float = 0.1, tz=PARIS,
              feedback: Feedback | None = None) -> SunHours:
    """Hours of direct sun on the ground of each cell on the local day ``date``.

    Measured ``height_above_ground`` (default 0.1 m: sun on the ground, as gardens and
    squares are judged; 1.5 m for a pedestrian) over the ground, not on roofs. Each clock
    step counts the part of it between sunrise and sunset, with the sun taken at the
    middle of that part; the sun is held at no lower than the horizon for shading, so a
    bare cell gets exactly the day length. ``crs``: the grid's (default the surface's),
    used to turn true azimuth into grid azimuth."""
    if not step_minutes > 0:
        raise TwinError(message("time step {} min must be positive").format(step_minutes))
    if height_above_ground < 0:
        raise TwinError(message("height above ground {} m must not be negative").format(height_above_ground))
    fb = feedback or Feedback()
    crs = crs or surface.dsm.crs or "EPSG:2154"
    mids, weights, day_length = _sun_steps(date, site, step_minutes, tz)
    vectors = sun_vector(sun_position(mids.to_numpy(), site), site, crs) if len(mids) else np.empty((0, 3))
    hours = np.zeros(surface.shape, np.float64)
    eye = surface.ground.astype(float) + height_above_ground + 1e-6
    dsm = surface.dsm.values.astype(float)
    for i, (vec, weight) in enumerate(zip(vectors, weights)):
        fb.progress(i / max(len(weights), 1), f"Sun step {i + 1}/{len(weights)}")
        vec = vec.copy()
        vec[2] = max(vec[2], 0.0)             # upper limb still up: shade as a horizontal ray
        hours += weight * (eye >= shadow_height(dsm, surface.resolution, vec))
    fb.progress(1.0, "Sun hours done")
    hours[surface.building >= 0] = np.nan
    grid = RasterGrid(hours.astype(np.float32), surface.dsm.transform, surface.dsm.crs)
    return SunHours(grid=grid, date=date, site=site, day_length_h=float(day_length), steps=len(weights),
                    height_above_ground=float(height_above_ground))


def compare(base: SunHours, variant: SunHours) -> RasterGrid:
    """Hours of direct sun the variant takes away per cell (negative where it gives some
    back); NaN in a building of either."""
    if base.grid.shape != variant.grid.shape or tuple(base.grid.transform) != tuple(variant.grid.transform):
        raise TwinError(message("the two sun-hour grids do not cover the same cells"),
                        hint=message("compute both on the same bounds and resolution"))
    return RasterGrid((base.hours - variant.hours).astype(np.float32), base.grid.transform, base.grid.crs)


def _zone_index(lost: RasterGrid, zones) -> np.ndarray:
    from rasterio.features import rasterize
    zones = np.asarray(zones, dtype=object).reshape(-1)
    if not len(zones):
        return np.full(lost.shape, -1, np.int32)
    return rasterize(zip(zones, np.arange(len(zones), dtype=np.int32)), out_shape=lost.shape,
                     transform=lost.transform, fill=-1, dtype="int32")


def per_zone(lost: RasterGrid, zones, ids, affected_h: float = 1 / 60) -> pd.DataFrame:
    """Sun lost per zone (parcel): mean and max hours over its open cells, area losing more
    than ``affected_h`` (a minute), and hours·m² lost. Cells are given to the zone
    holding their centre; building cells do not count."""
    ids = list(ids)
    if len(ids) != len(np.asarray(zones, dtype=object).reshape(-1)):
        raise TwinError(message("{} zones but {} ids").format(
                            len(np.asarray(zones, dtype=object).reshape(-1)), len(ids)))
    index = _zone_index(lost, zones)
    values = lost.values.astype(float)
    use = (index >= 0) & np.isfinite(values)
    zone, v = index[use], values[use]
    n = len(ids)
    cell = abs(lost.transform.a * lost.transform.e)
    count = np.bincount(zone, minlength=n)
    total = np.bincount(zone, weights=v, minlength=n)
    peak = np.full(n, -np.inf)
    np.maximum.at(peak, zone, v)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / count
    return pd.DataFrame({
        "id": ids, "area_m2": count * cell,
        "mean_lost_h": mean, "max_lost_h": np.where(count > 0, peak, np.nan),
        "affected_m2": np.bincount(zone, weights=(v > affected_h).astype(float), minlength=n) * cell,
        "lost_h_m2": total * cell})


def public_space(lost: RasterGrid, zones, affected_h: float = 1 / 60) -> dict:
    """Sun lost on open cells outside every zone (streets, squares): area, hours·m² lost,
    hours lost per m², and area losing more than ``affected_h``."""
    values = lost.values.astype(float)
    use = (_zone_index(lost, zones) < 0) & np.isfinite(values)
    cell = abs(lost.transform.a * lost.transform.e)
    area = float(use.sum() * cell)
    total = float(values[use].sum() * cell)
    return {"area_m2": area, "lost_h_m2": total, "lost_h_per_m2": total / area if area else 0.0,
            "affected_m2": float((values[use] > affected_h).sum() * cell)}


def write_geotiff(grid: RasterGrid, path: str | Path) -> Path:
    """A float32 GeoTIFF (NaN = no data), written aside then renamed: never half a file."""
    import rasterio
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    h, w = grid.shape
    try:
        with rasterio.open(tmp, "w", driver="GTiff", width=w, height=h, count=1, dtype="float32",
                           crs=grid.crs, transform=grid.transform, nodata=np.nan, compress="deflate") as out:
            out.write(grid.values.astype(np.float32), 1)
        os.replace(tmp, path)
    except (OSError, rasterio.errors.RasterioError) as exc:
        tmp.unlink(missing_ok=True)
        raise DataError(message("cannot be written ({})").format(exc), path=path,
                        hint=message("check the folder exists and is writable")) from None
    return path


def _load_ground_and_buildings(scene, fb: Feedback) -> tuple[list[RasterGrid], list[str]]:
    """Loads the scene's terrain and buildings layers not loaded yet (the app has them)."""
    from twin.core.layers import BuildingsLayer, TerrainLayer
    from twin.io.loading import apply_results, load_scene_data
    wanted = [layer for layer in scene.data_layers() if isinstance(layer, (BuildingsLayer, TerrainLayer))]
    results = load_scene_data(scene, fb, [layer for layer in wanted if layer.data is None])
    apply_results(results)
    errors = [f"layer '{r.layer.name}': {r.error}" for r in results if r.error]
    grids = [layer.data.grid for layer in wanted if isinstance(layer, TerrainLayer) and layer.data is not None]
    return grids, errors


def sun_hours_of_scene(scene, date: dt.date, resolution: float = 1.0, bbox=None, step_minutes: float = 15,
                       project: str | None = None, variant: str | None = None, margin: float = 100.0,
                       feedback: Feedback | None = None) -> tuple[SunHours, list[str]]:
    """Sun hours over ``bbox`` (default: the buildings' extent) on the scene's terrain with
    its buildings as they are, or as a project's variant leaves them; also the errors of
    layers that could not be loaded.

    Buildings up to ``margin`` metres outside the box are kept so that they still shade
    it (at Arras a 20 m building's shadow is under 100 m above ~11° of elevation)."""
    from rasterio.transform import from_origin
    from twin.projects.states import variant_buildings
    from twin.analysis.sun import site_of
    fb = feedback or Feedback()
    grids, errors = _load_ground_and_buildings(scene, fb)
    town = variant_buildings(scene, project, variant)
    geoms, base, heights = town.footprints, np.asarray(town.base_z, float), np.asarray(town.heights, float)
    if not len(geoms):
        raise TwinError(message("the scene has no buildings that could be loaded"), hint=message("add a buildings layer"))
    if bbox is None:
        bbox = shapely.total_bounds(geoms)
    h, w = _check_bounds(bbox, resolution)
    pad = int(np.ceil(margin / resolution))
    outer = (bbox[0] - pad * resolution, bbox[3] - (h + pad) * resolution,
             bbox[0] + (w + pad) * resolution, bbox[3] + pad * resolution)
    near = shapely.intersects(geoms, shapely.box(*outer))
    surface = surface_grid(outer, resolution, geoms[near], base[near], heights[near],
                           ground=grids[0] if grids else None, crs=scene.crs)
    result = sun_hours(surface, date, site_of(scene), step_minutes, crs=scene.crs, feedback=fb)
    inner = result.hours[pad:pad + h, pad:pad + w]
    result.grid = RasterGrid(np.ascontiguousarray(inner), from_origin(bbox[0], bbox[3], resolution, resolution),
                             scene.crs)
    return result, errors
