"""A BD ORTHO-like orthophoto: JPEG 2000 (GDAL's JP2OpenJPEG), 8-bit RGB, 20 cm
pixels, lossy with resolution levels and 1024-pixel tiles, named as IGN names its
tiles (``62-2023-0683-7023-LA93-0M20-E080.jp2``: département, year, top-left corner in
km). It shows what the other products hold: fields, woods, water, roads and the roofs of
the BD TOPO buildings, each gable lit on one side, painted strip by strip (no full-size
raster in memory beyond the encoder's)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import shapely

from benchmarks.delivery.terrain import CRS
from benchmarks.delivery.territory import Territory

STRIP = 500                       # rows painted at a time


def ortho_name(x0: float, y1: float, res: float, year: int = 2023) -> str:
    metres, cm = int(res), int(round((res - int(res)) * 100))
    return f"62-{year}-{int(x0 // 1000):04d}-{int(y1 // 1000):04d}-LA93-{metres}M{cm:02d}-E080.jp2"


def _vary(rng, n, spread):
    """Colour offsets: in brightness mostly, a little in hue (no purple streets)."""
    return rng.normal(0, spread, (n, 1)) + rng.normal(0, spread / 4, (n, 3))


def _palette(rng, n, base, spread):
    return np.clip(np.asarray(base, float) + _vary(rng, n, spread), 0, 255)


def write_ortho(t: Territory, folder: Path, window, res: float, seed: int) -> Path:
    """``window`` = (x0, y0, x1, y1) in Lambert-93."""
    import rasterio
    from rasterio.features import rasterize
    from rasterio.shutil import copy as rio_copy
    from rasterio.transform import from_origin
    from rasterio.windows import Window

    rng = np.random.default_rng([seed, 40])
    x0, y0, x1, y1 = window
    width, height = int(round((x1 - x0) / res)), int(round((y1 - y0) / res))
    land = t.land
    geoms, colours, first_roof, (cx, cy, ang) = paint_list(t, window, rng)
    tree = shapely.STRtree(geoms)

    transform = from_origin(x0, y1, res, res)
    tmp_tif = folder / ".ortho.part.tif"
    profile = dict(driver="GTiff", width=width, height=height, count=3, dtype="uint8", crs=CRS,
                   transform=transform, tiled=True, blockxsize=512, blockysize=512, photometric="RGB")
    with rasterio.open(tmp_tif, "w", **profile) as dst:
        for row in range(0, height, STRIP):
            rows = min(STRIP, height - row)
            top = y1 - row * res
            box = shapely.box(x0, top - rows * res, x1, top)
            hit = np.sort(tree.query(box, predicate="intersects"))       # painted in order
            idx = rasterize(zip(geoms[hit], hit + 1), out_shape=(rows, width), fill=0, dtype=np.int32,
                            transform=from_origin(x0, top, res, res)) if len(hit) else np.zeros((rows, width), np.int32)
            rgb = colours[idx]
            xs = x0 + (np.arange(width) + 0.5) * res
            ys = top - (np.arange(rows) + 0.5) * res
            # light varies slowly with the land: computed every 2 m, spread to the pixels
            step = max(1, int(round(2.0 / res)))
            cgx, cgy = np.meshgrid(xs[::step], ys[::step])
            coarse = 1 + 0.05 * np.sin(cgx / 37.0) * np.cos(cgy / 29.0) + 0.04 * (land.z(cgx, cgy) - 70) / 30
            shade = np.repeat(np.repeat(coarse, step, 0), step, 1)[:rows, :width].astype(np.float32)
            roof = idx > first_roof
            k = idx[roof] - 1 - first_roof
            r, c = np.nonzero(roof)
            side = (xs[c] - cx[k]) * -np.sin(ang[k]) + (ys[r] - cy[k]) * np.cos(ang[k])
            shade[roof] = np.where(side > 0, 1.12, 0.82)      # the sunlit and the shaded slope
            rgb *= shade[..., None]
            rgb += rng.integers(-6, 7, rgb.shape, dtype=np.int8)      # the grain of the film
            dst.write(np.clip(rgb, 0, 255).astype(np.uint8).transpose(2, 0, 1),
                      window=Window(0, row, width, rows))
    path = folder / ortho_name(x0, y1, res)
    tmp = path.with_name(f".{path.stem}.part.jp2")
    levels = int(np.clip(np.floor(np.log2(min(width, height) / 100)) + 1, 1, 7))   # 1/1 … 1/64
    block = str(min(1024, width, height))
    rio_copy(tmp_tif, tmp, driver="JP2OpenJPEG", QUALITY="20", REVERSIBLE="NO", YCC="YES",
             BLOCKXSIZE=block, BLOCKYSIZE=block, RESOLUTIONS=str(levels), PROGRESSION="RPCL",
             NUM_THREADS="ALL_CPUS")
    tmp_tif.unlink()
    for extra in folder.glob(f"{tmp.name}.aux.xml"):
        extra.unlink()
    tmp.replace(path)
    return path


def _field_colours(rng, n):
    """Crops, meadows, stubble and ploughed earth."""
    base = np.array([(136, 152, 84), (118, 138, 76), (176, 168, 112), (196, 180, 128), (138, 118, 88),
                     (156, 150, 100)], float)
    pick = rng.choice(len(base), n, p=[0.25, 0.2, 0.15, 0.15, 0.1, 0.15])
    return np.clip(base[pick] + _vary(rng, n, 8), 0, 255)


def paint_list(t: Territory, window, rng):
    """What the photo shows, back to front: shapes, their colours (row 0: bare ground),
    where the roofs start, and the roofs' centres and angles (to light their slopes)."""
    x0, y0, x1, y1 = window
    area = shapely.box(*window)
    bld = t.buildings("polygons")
    bi = np.flatnonzero(shapely.intersects(bld, area))
    width = np.select([t.road_kind == 2, t.road_kind == 1], [1.6, 3.5], 3.0)
    roads = shapely.buffer(shapely.linestrings(t.roads), width, cap_style="flat")
    ri = np.flatnonzero(shapely.intersects(roads, area))
    wi = np.flatnonzero(shapely.intersects(t.woods, area))
    hi = np.flatnonzero(shapely.intersects(t.water, area))
    fields = _fields(area, rng)
    trees = np.concatenate([town.trees for town in t.towns])
    trees = trees[(trees[:, 0] > x0 - 5) & (trees[:, 0] < x1 + 5) & (trees[:, 1] > y0 - 5) & (trees[:, 1] < y1 + 5)]
    crowns = shapely.buffer(shapely.points(trees[:, :2]), trees[:, 2], quad_segs=4)
    layers = [
        (fields, _field_colours(rng, len(fields))),
        (t.woods[wi], _palette(rng, len(wi), (62, 92, 48), 8)),
        (t.water[hi], _palette(rng, len(hi), (62, 88, 92), 5)),
        (roads[ri], _palette(rng, len(ri), (120, 118, 112), 6)),
        (crowns, _palette(rng, len(crowns), (58, 88, 44), 10)),
        (bld[bi], _roof_colours(rng, len(bi))),
    ]
    geoms = np.concatenate([g for g, _ in layers])
    colours = np.concatenate([np.zeros((1, 3)) + (140, 150, 100)] + [c for _, c in layers]).astype(np.float32)
    roofs = tuple(t.buildings(k)[bi] for k in ("cx", "cy", "angle"))
    return geoms, colours, len(geoms) - len(bi), roofs


def _roof_colours(rng, n):
    """Terracotta tiles, slate, grey concrete and zinc, as roofs around Arras."""
    base = np.array([(168, 84, 62), (92, 94, 102), (150, 150, 146), (120, 124, 128)], float)
    pick = rng.choice(4, n, p=[0.55, 0.2, 0.15, 0.1])
    return np.clip(base[pick] + _vary(rng, n, 12), 0, 255)


def _fields(area, rng) -> np.ndarray:
    """Field and garden patches: Voronoi cells over the window, greens and ochres."""
    b = shapely.bounds(area)
    n = max(8, int(shapely.area(area) / 15_000))
    pts = shapely.multipoints(rng.uniform(b[:2], b[2:], (n, 2)))
    return shapely.get_parts(shapely.voronoi_polygons(pts, extend_to=area))
