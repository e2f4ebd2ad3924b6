"""LiDAR HD classified clouds of the territory, as IGN serves them: 1 km COPC tiles
(``LHD_FXX_0684_7022_PTS_C_LAMB93_IGN69.copc.laz``), LAS 1.4 point format 6,
EPSG:2154, a 1 cm grid with no offset, ground (2), low/medium/high vegetation (3/4/5 at
0.5 m and 1.5 m), buildings (6, and 67 on some roof points), water (9), and IGN's 1,
64, 65, 66 here and there; several returns under trees; none outside the survey.

Every point is where the delivery's other products say it is: the ground on the MNT's
relief, roofs on the BD TOPO buildings' footprints at their eaves' altitude with a gable
up to ``altitude_maximale_toit``, trees on the woods, hedges and gardens, water in the
river's channel. Points are uniform over the tile, then classified by rasters of the
footprints (0.25 m) and of the vegetation, all numpy. Each tile is written as LAS with
``benchmarks/synthetic.py``'s writer and turned into COPC by ``twin prepare``'s code."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import shapely

from benchmarks.delivery.terrain import TILE, tile_name
from benchmarks.delivery.territory import Territory

SURVEY_DATE = date(2022, 6, 14)


class Scene:
    """What the tiles sample, gathered once: footprints with their roofs, vegetation."""

    def __init__(self, t: Territory):
        self.land = t.land
        self.buildings = t.buildings("polygons")
        self.cx, self.cy, self.angle = t.buildings("cx"), t.buildings("cy"), t.buildings("angle")
        self.d, self.eaves = t.buildings("d"), t.land.z(t.buildings("cx"), t.buildings("cy")) + t.buildings("height")
        self.rise = t.buildings("rise")
        self.tree = shapely.STRtree(self.buildings)
        canopy = np.select([t.wood_kind == 2, t.wood_kind == 3], [4.0, 24.0], 16.0)
        trees = np.concatenate([town.trees for town in t.towns])
        self.vegetation = np.concatenate([t.woods, shapely.buffer(shapely.points(trees[:, :2]), trees[:, 2], quad_segs=4)])
        self.canopy = np.r_[canopy, trees[:, 3]]
        self.veg_tree = shapely.STRtree(self.vegetation)
        self.ponds = t.water[t.water_kind == 1]


def _raster(geoms, values, x0, y0, res):
    from rasterio.features import rasterize
    from rasterio.transform import from_origin
    n = int(round(TILE / res))
    if not len(geoms):
        return np.zeros((n, n), np.int32)
    return rasterize(zip(geoms, values), out_shape=(n, n), transform=from_origin(x0, y0 + TILE, res, res),
                     fill=0, dtype=np.int32)


def _lookup(raster, x, y, x0, y0, res):
    n = raster.shape[0]
    col = np.clip(((x - x0) / res).astype(int), 0, n - 1)
    row = np.clip(((y0 + TILE - y) / res).astype(int), 0, n - 1)
    return raster[row, col]


def tile_points(s: Scene, x0: float, y0: float, n: int, rng) -> dict[str, np.ndarray]:
    land = s.land
    x, y = rng.uniform(x0, x0 + TILE, n), rng.uniform(y0, y0 + TILE, n)
    keep = land.surveyed(x, y)
    x, y = x[keep], y[keep]
    m = len(x)
    ground = land.z(x, y)
    z = ground + rng.normal(0, 0.03, m)
    cls = np.full(m, 2, np.uint8)
    returns, count = np.ones(m, np.uint8), np.ones(m, np.uint8)
    box = shapely.box(x0, y0, x0 + TILE, y0 + TILE)

    veg = s.veg_tree.query(box, predicate="intersects")
    vid = _lookup(_raster(s.vegetation[veg], np.arange(1, len(veg) + 1), x0, y0, 0.5), x, y, x0, y0, 0.5) - 1
    in_veg = vid >= 0
    hit = in_veg & (rng.random(m) < 0.7)                    # the rest reach the ground below
    top = s.canopy[veg[vid[hit]]] * (0.8 + 0.2 * np.sin(x[hit] / 4.1) * np.cos(y[hit] / 3.7))
    rel = top * np.sqrt(rng.uniform(0.02, 1, hit.sum()))
    z[hit] = ground[hit] + rel
    cls[hit] = np.select([rel < 0.5, rel < 1.5], [3, 4], 5)
    count[in_veg] = rng.integers(2, 5, in_veg.sum())
    returns[hit] = rng.integers(1, count[hit])             # first returns in the crown…
    returns[in_veg & ~hit] = count[in_veg & ~hit]          # …the last on the ground

    bld = s.tree.query(box, predicate="intersects")
    bid = _lookup(_raster(s.buildings[bld], np.arange(1, len(bld) + 1), x0, y0, 0.25), x, y, x0, y0, 0.25) - 1
    roof = bid >= 0
    b = bld[bid[roof]]
    v = ((x[roof] - s.cx[b]) * -np.sin(s.angle[b]) + (y[roof] - s.cy[b]) * np.cos(s.angle[b])) / s.d[b]
    z[roof] = s.eaves[b] + s.rise[b] * np.clip(1 - 2 * np.abs(v), 0, 1) + rng.normal(0, 0.03, roof.sum())
    cls[roof] = np.where(rng.random(roof.sum()) < 0.03, 67, 6)
    returns[roof], count[roof] = 1, 1

    wet = land.in_channel(x, y)
    ponds = s.ponds[shapely.intersects(s.ponds, box)]
    wet |= _lookup(_raster(ponds, np.ones(len(ponds), int), x0, y0, 0.5), x, y, x0, y0, 0.5) > 0
    wet &= ~roof
    z[wet] = ground[wet] - 0.05 + rng.normal(0, 0.02, wet.sum())
    cls[wet], returns[wet], count[wet] = 9, 1, 1

    odd = rng.random(m) < 0.008                             # IGN's other codes
    cls[odd] = rng.choice(np.array([1, 64, 65, 66], np.uint8), odd.sum(), p=[0.5, 0.3, 0.1, 0.1])
    z[odd & (cls == 65)] += rng.uniform(-8, 40, (odd & (cls == 65)).sum())

    line = np.floor((x - x0) / 250).astype(int)             # flight lines 250 m apart, south to north
    intensity = np.select([cls == 9, roof, cls == 2], [120, 1900, 1200], 800) + rng.integers(0, 400, m)
    return {"x": x, "y": y, "z": z, "classification": cls, "intensity": intensity.astype(np.uint16),
            "return_number": returns, "number_of_returns": count,
            "point_source_id": (line + 1).astype(np.uint16),
            "gps_time": 3.4e8 + line * 90.0 + (y - y0) / 60.0}


def write_tiles(t: Territory, folder: Path, corners, points: int, seed: int, workers: int = 2,
                feedback=print) -> list[Path]:
    """Generate every tile as LAS beside the output, prepare it into COPC in a worker
    (the next tile is generated meanwhile), remove the LAS."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from benchmarks.synthetic import write_points
    from twin.lod.prepare import prepare_tile

    scene = Scene(t)
    outputs, futures = [], []
    # spawn, not fork: a forked child inherits lazrs' thread pool locked (twin/lod/prepare.py)
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        for i, (x0, y0) in enumerate(corners):
            out = folder / tile_name(x0, y0, "PTS")
            las = folder / f".{out.name.split('.')[0]}.part.las"
            pts = tile_points(scene, x0, y0, points, np.random.default_rng([seed, 30, i]))
            write_points(las, pts, created=SURVEY_DATE)
            futures.append((pool.submit(prepare_tile, las, folder, True, out), las, out, len(pts["x"])))
            outputs.append(out)
        for future, las, out, n in futures:
            result = future.result()
            las.unlink(missing_ok=True)
            if result.error:
                raise RuntimeError(f"{out.name}: {result.error}")
            feedback(f"  {out.name}: {n:,} points, {result.levels} levels")
    return outputs
