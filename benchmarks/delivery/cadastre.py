"""Etalab's cadastre of one commune, ``cadastre-<INSEE>-parcelles.json.gz``, as
cadastre.data.gouv.fr serves it: a gzipped GeoJSON FeatureCollection in WGS84 (7
decimals), a header line then one feature per line, each with ``id`` (commune + prefixe
+ section on 2 characters + numero on 4), ``commune``, ``prefixe``, ``section``,
``numero``, ``contenance`` (m², absent on about 1 % as in the real files), ``arpente``,
``created``, ``updated``.

The parcels tile the commune: the town's plots, then fields and meadows (Voronoi
cells) over the rest, leaving out the streets and the river (public land has no
parcel). Sections are 400 m squares, numbered west to east then north to south."""

from __future__ import annotations

import gzip
from functools import reduce
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer

from benchmarks.delivery.terrain import CRS
from benchmarks.delivery.territory import Territory

EDITION_TIME = 1_704_067_200         # 2024-01-01, the gzip header's date (fixed: same seed, same bytes)


def parcels(t: Territory, k: int, rng) -> np.ndarray:
    """Parcel polygons (Lambert-93) covering commune ``k`` but its streets and water."""
    commune, town = t.communes[k], t.towns[k]
    urban = shapely.union_all(town.blocks) if len(town.blocks) else shapely.Polygon()
    water = shapely.union_all(t.water[shapely.intersects(t.water, commune)])
    rest = shapely.difference(shapely.difference(commune, urban), water)
    shapely.prepare(rest)
    lo, hi = np.array(shapely.bounds(commune)[:2]), np.array(shapely.bounds(commune)[2:])
    n_fields = max(4, int(shapely.area(rest) / 12_000))
    seeds = shapely.multipoints(rng.uniform(lo, hi, (n_fields, 2)))
    cells = shapely.get_parts(shapely.voronoi_polygons(seeds, extend_to=shapely.box(*lo, *hi)))
    fields = shapely.get_parts(shapely.intersection(cells, rest))
    fields = fields[(shapely.get_type_id(fields) == 3) & (shapely.area(fields) > 30)]
    plots = town.plots[shapely.within(town.plots, commune)]
    return shapely.orient_polygons(np.concatenate([plots, fields]))


def _sections(x: np.ndarray, y: np.ndarray, x0: float, y1: float) -> np.ndarray:
    """Section letters from 400 m squares, in reading order, only squares with parcels."""
    key = np.floor((y1 - y) / 400).astype(int) * 1000 + np.floor((x - x0) / 400).astype(int)
    _, rank = np.unique(key, return_inverse=True)
    letters = np.array(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    one = letters[rank % 26]
    two = np.char.add(letters[np.maximum(rank // 26 - 1, 0)], one)
    return np.where(rank < 26, one, two)


def _cat(*parts) -> np.ndarray:
    return reduce(np.char.add, [np.asarray(p, dtype=str) for p in parts])


def write_parcels(t: Territory, k: int, folder: Path, seed: int) -> tuple[Path, int]:
    rng = np.random.default_rng([seed, 20, k])
    geoms = parcels(t, k, rng)
    n = len(geoms)
    code = str(t.codes[k])
    c = shapely.get_coordinates(shapely.point_on_surface(geoms))
    x0, _, _, y1 = shapely.bounds(t.communes[k])
    section = _sections(c[:, 0], c[:, 1], x0, y1)
    order = np.lexsort((c[:, 0], -np.round(c[:, 1], -1), section))
    starts = np.r_[0, np.flatnonzero(section[order][1:] != section[order][:-1]) + 1]
    rank = np.arange(n) - np.repeat(starts, np.diff(np.r_[starts, n]))
    numero = np.empty(n, dtype=int)
    numero[order] = rank + 1
    pid = _cat(code, "000", np.char.rjust(section, 2, "0"), np.char.zfill(numero.astype(str), 4))

    to_wgs84 = Transformer.from_crs(CRS, "EPSG:4326", always_xy=True)
    lonlat = shapely.transform(geoms, lambda xy: np.round(np.column_stack(to_wgs84.transform(xy[:, 0], xy[:, 1])), 7))
    area = shapely.area(geoms)
    contenance = np.round(area * (1 + rng.normal(0, 0.015, n))).astype(int)
    has_area = rng.random(n) > 0.01
    created = np.datetime64("2003-01-01") + rng.integers(0, 6200, n)
    updated = created + rng.integers(0, 7300, n)
    updated = np.minimum(updated, np.datetime64("2023-12-31"))
    lines = _cat('{"type":"Feature","id":"', pid, '","geometry":', shapely.to_geojson(lonlat),
                 ',"properties":{"id":"', pid, '","commune":"', code, '","prefixe":"000","section":"', section,
                 '","numero":"', numero.astype(str), '",',
                 np.where(has_area, _cat('"contenance":', contenance.astype(str), ","), ""),
                 '"arpente":', np.where(rng.random(n) < 0.003, "true", "false"),
                 ',"created":"', created.astype(str), '","updated":"', updated.astype(str), '"}}')
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines.tolist()) + "]}"
    path = folder / f"cadastre-{code}-parcelles.json.gz"
    tmp = path.with_name(f".{path.name}.part")
    with open(tmp, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=EDITION_TIME) as gz:
        gz.write(text.encode("utf-8"))
    tmp.replace(path)
    return path, n
