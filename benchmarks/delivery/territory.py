"""A département-like territory around Arras: communes that tile it, a town in each,
roads between them, woods, hedges, ponds, the river and an aerodrome.

Communes are unions of small Voronoi cells, each given to the nearest commune centre
with some noise, so their borders are irregular and they tile the land with no gap or
overlap. Arras (62041) is kept inside the LiDAR tiles around (684 000, 7 021 500); the
other communes are invented (``Commune 62xxx``): their codes are real Pas-de-Calais
codes, their names say they are not those communes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from benchmarks.delivery.terrain import ARRAS, RIVER_HALF_WIDTH, Land
from benchmarks.delivery.town import Town, build_town

ARRAS_CODE = "62041"
ARRAS_WINDOW = (682_300.0, 7_020_300.0, 685_500.0, 7_022_800.0)   # inside the 12 tiles and the survey
PITCH = 2750.0            # between commune centres: communes of ~7.5 km², as in Pas-de-Calais
ARRAS_SHARE = 0.04        # of the département's buildings (12 000 of 300 000)


@dataclass
class Territory:
    land: Land
    codes: np.ndarray             # INSEE codes (str), Arras first
    names: np.ndarray
    centres: np.ndarray           # (C, 2)
    communes: np.ndarray          # shapely MultiPolygons
    population: np.ndarray
    towns: list[Town]
    building_commune: np.ndarray  # commune index of every building (towns concatenated)
    roads: np.ndarray             # (R, 2, 2) segments
    road_kind: np.ndarray         # 0 street, 1 main road, 2 farm track
    road_commune: np.ndarray
    woods: np.ndarray             # shapely Polygons
    wood_kind: np.ndarray         # 0 wood, 1 copse, 2 hedge, 3 poplars by the river
    water: np.ndarray             # shapely Polygons
    water_kind: np.ndarray        # 0 river, 1 pond
    aerodrome: object             # shapely Polygon

    @property
    def arras(self) -> int:
        return int(np.flatnonzero(self.codes == ARRAS_CODE)[0])

    def buildings(self, attr: str) -> np.ndarray:
        return np.concatenate([getattr(t, attr) for t in self.towns])


def _commune_seeds(rng, count: int) -> np.ndarray:
    """Arras, a ring of six close neighbours (so that Arras stays ~3 × 2.5 km, inside its
    tiles), and the others on a jittered grid, nearest to Arras first."""
    ring = np.deg2rad(np.arange(6) * 60 + 30)
    near = np.column_stack([3600 * np.cos(ring), 2900 * np.sin(ring)]) + rng.normal(0, 120, (6, 2))
    g = int(np.ceil(np.sqrt(count * 1.6))) + 2
    a, b = np.meshgrid(np.arange(g) - g // 2, np.arange(g) - g // 2)
    grid = np.column_stack([a.ravel(), b.ravel()]) * PITCH + rng.uniform(-0.3, 0.3, (g * g, 2)) * PITCH
    grid = grid[np.hypot(grid[:, 0] / 1.25, grid[:, 1]) > 1.6 * PITCH]
    grid = grid[np.argsort(np.hypot(*grid.T), kind="stable")][: count - 7]
    return np.asarray(ARRAS) + np.vstack([[0.0, 0.0], near, grid])[:count]


def _communes(rng, seeds: np.ndarray) -> np.ndarray:
    """Commune polygons from ~40 small Voronoi cells each."""
    lo, hi = seeds.min(axis=0) - PITCH, seeds.max(axis=0) + PITCH
    w = np.asarray(ARRAS_WINDOW)
    pts = np.vstack([rng.uniform(lo, hi, (40 * len(seeds), 2)),        # and finer cells around Arras
                     rng.uniform(w[:2] - 300, w[2:] + 300, (600, 2))])
    n = len(pts)
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(pts), ordered=True,
                                                       extend_to=shapely.box(*lo, *hi)))
    size = np.exp(rng.normal(0, 0.18, len(seeds)))
    size[0] = 1.0
    dist = np.hypot(pts[:, None, 0] - seeds[None, :, 0], pts[:, None, 1] - seeds[None, :, 1])
    eff = dist / size * np.exp(0.12 * rng.standard_normal((n, 1)))
    eff[~shapely.contains(shapely.box(*ARRAS_WINDOW), cells), 0] = np.inf
    label = np.argmin(eff, axis=1)
    b = shapely.bounds(cells)
    wide = np.hypot(b[:, 2] - b[:, 0], b[:, 3] - b[:, 1]) > 0.5 * PITCH     # open cells at the bounding box
    label[(dist.min(axis=1) > 0.95 * PITCH) | wide] = -1                       # beyond the département
    out = np.empty(len(seeds), dtype=object)
    for k in range(len(seeds)):                          # one union per commune
        parts = shapely.get_parts(shapely.coverage_union_all(cells[label == k]))
        out[k] = shapely.multipolygons(parts[shapely.area(parts) > 1.0])
    return out


def _segments(a: np.ndarray, b: np.ndarray, step: float) -> np.ndarray:
    """Straight roads from a to b cut into pieces of about ``step`` (one troncon each)."""
    length = np.hypot(*(b - a).T)
    pieces = np.maximum(1, np.round(length / step)).astype(int)
    road = np.repeat(np.arange(len(a)), pieces)
    k = np.arange(pieces.sum()) - np.repeat(np.cumsum(pieces) - pieces, pieces)
    t0, t1 = k / pieces[road], (k + 1) / pieces[road]
    d = (b - a)[road]
    return np.stack([a[road] + d * t0[:, None], a[road] + d * t1[:, None]], 1)


def _blobs(rng, centres: np.ndarray, radius: np.ndarray, vertices: int = 14) -> np.ndarray:
    """Irregular rounded polygons (copses, ponds)."""
    t = np.linspace(0, 2 * np.pi, vertices, endpoint=False)
    noise = rng.standard_normal((len(centres), vertices))
    noise = (noise + np.roll(noise, 1, axis=1) + np.roll(noise, -1, axis=1)) / np.sqrt(3)   # no spikes
    r = radius[:, None] * np.exp(0.22 * noise)
    ring = np.stack([centres[:, None, 0] + r * np.cos(t), centres[:, None, 1] + r * np.sin(t)], -1)
    return _largest(shapely.make_valid(shapely.polygons(ring)))


def _largest(geoms: np.ndarray) -> np.ndarray:
    """The largest polygon of each geometry (make_valid may split a self-crossing ring)."""
    parts, index = shapely.get_parts(geoms, return_index=True)
    polygon = shapely.get_type_id(parts) == 3
    parts, index = parts[polygon], index[polygon]
    order = np.lexsort((-shapely.area(parts), index))
    first = order[np.r_[True, index[order][1:] != index[order][:-1]]]
    return parts[first]


def build_territory(seed: int, buildings: int, communes: int) -> Territory:
    rng = np.random.default_rng([seed, 2])
    land = Land(seed)
    seeds = _commune_seeds(rng, communes)
    polygons = _communes(rng, seeds)
    codes = np.r_[[ARRAS_CODE], np.sort(rng.choice(np.setdiff1d(np.arange(62001, 62900), [62041]),
                                                      communes - 1, replace=False)).astype(str)]
    codes[1:] = rng.permutation(codes[1:])
    names = np.array(["Arras"] + [f"Commune {c}" for c in codes[1:]], dtype=object)

    angle = np.deg2rad(25)
    aero_c = np.asarray(ARRAS) + [3400.0, 2900.0]
    corners = np.array([[-550, -170], [550, -170], [550, 170], [-550, 170]])
    rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    aerodrome = shapely.polygons(aero_c + corners @ rot.T)
    aero_zone = shapely.buffer(aerodrome, 40)
    shapely.prepare(aero_zone)

    def allowed(x, y):
        return (np.abs(land.river_distance(x, y)) > RIVER_HALF_WIDTH + 12) & ~shapely.contains_xy(aero_zone, x, y)

    weights = np.exp(rng.normal(0, 0.7, communes))
    weights[0] = 0
    counts = np.r_[ARRAS_SHARE, (1 - ARRAS_SHARE) * weights[1:] / weights[1:].sum()] * buildings
    # plots as small as the commune's share of buildings needs (a built-up half of its land)
    fill = np.where(np.arange(communes) == 0, 0.7, 0.5) * 0.8 * shapely.area(polygons) / np.maximum(counts, 1)
    pitch = np.clip(-3.85 + np.sqrt(1.65 ** 2 + fill) * rng.uniform(0.9, 1.1, communes), 13.0, 27.0)
    towns = []
    for k in range(communes):                      # one vectorised town per commune
        centre = shapely.point_on_surface(polygons[k]) if k else shapely.points(ARRAS)
        c = np.array([shapely.get_x(centre), shapely.get_y(centre)])
        if k:
            c = np.where(shapely.contains_xy(polygons[k], *seeds[k]), seeds[k], c)
        towns.append(build_town(np.random.default_rng([seed, 3, k]), polygons[k], c, int(1.1 * counts[k]),
                                pitch[k], allowed, dense=k == 0, with_plots=k == 0))
    towns = _trim(towns, counts, buildings, rng)
    owner = [np.full(len(t), k) for k, t in enumerate(towns)]
    population = np.array([len(t) for t in towns]) * rng.uniform(2.2, 3.4, communes)
    population[0] = 41_000

    # roads: the towns' streets, roads between neighbouring communes, farm tracks
    streets = np.concatenate([t.streets for t in towns])
    street_owner = np.concatenate([np.full(len(t.streets), k) for k, t in enumerate(towns)])
    edges = shapely.get_parts(shapely.delaunay_triangles(shapely.multipoints(seeds), only_edges=True))
    ends = shapely.get_coordinates(edges).reshape(-1, 2, 2)
    ends = ends[np.hypot(*(ends[:, 1] - ends[:, 0]).T) < 2.2 * PITCH]
    main = _segments(ends[:, 0], ends[:, 1], 350.0)
    lo, hi = seeds.min(axis=0) - 0.5 * PITCH, seeds.max(axis=0) + 0.5 * PITCH
    n_tracks = buildings // 10
    start = rng.uniform(lo, hi, (n_tracks, 2))
    heading = rng.uniform(0, np.pi, n_tracks)
    length = rng.uniform(120, 450, n_tracks)
    tracks = np.stack([start, start + length[:, None] * np.column_stack([np.cos(heading), np.sin(heading)])], 1)

    blocks = shapely.STRtree(np.concatenate([t.blocks for t in towns]))
    dept = shapely.coverage_union_all(polygons)
    shapely.prepare(dept)
    tracks = tracks[_clear(tracks, blocks, dept, land, aero_zone, river_gap=30)]
    main = main[_clear(main, blocks, dept, land, aero_zone, river_gap=0)]
    roads = np.concatenate([streets, main, tracks])
    kind = np.r_[np.zeros(len(streets), int), np.ones(len(main), int), np.full(len(tracks), 2)]
    road_owner = np.r_[street_owner, _owner(polygons, np.concatenate([main, tracks]).mean(axis=1))]

    # vegetation: woods on Voronoi-like patches far from towns, copses, hedges, poplars
    n_copses, n_hedges = buildings // 12, buildings // 5
    copse = _blobs(rng, rng.uniform(lo, hi, (n_copses, 2)), rng.uniform(15, 70, n_copses))
    big = _blobs(rng, rng.uniform(lo, hi, (n_copses // 8, 2)), rng.uniform(150, 420, n_copses // 8), 24)
    hs = rng.uniform(lo, hi, (n_hedges, 2))
    hh = rng.uniform(0, np.pi, n_hedges)
    hl = rng.uniform(60, 300, n_hedges)
    along = hl[:, None] * np.column_stack([np.cos(hh), np.sin(hh)])
    across = rng.uniform(1.5, 3.0, n_hedges)[:, None] * np.column_stack([-np.sin(hh), np.cos(hh)])
    hedges = shapely.polygons(np.stack([hs - across, hs + along - across, hs + along + across, hs + across], 1))
    poplar_x = rng.uniform(lo[0], hi[0], buildings // 600)
    poplar_y = land.river_y(poplar_x) + rng.choice([-1, 1], len(poplar_x)) * rng.uniform(40, 160, len(poplar_x))
    poplars = _blobs(rng, np.column_stack([poplar_x, poplar_y]), rng.uniform(25, 60, len(poplar_x)))
    woods = np.concatenate([big, copse, hedges, poplars])
    wood_kind = np.r_[np.zeros(len(big), int), np.ones(len(copse), int), np.full(len(hedges), 2),
                      np.full(len(poplars), 3)]
    keep = _clear_polygons(woods, blocks, dept, land, aero_zone)
    woods, wood_kind = woods[keep], wood_kind[keep]

    # water: the river in 250 m pieces, ponds
    xs = np.arange(lo[0], hi[0] + 250, 250.0)
    river = _river_pieces(land, xs)
    river = river[shapely.intersects(river, dept)]
    n_ponds = buildings // 70
    ponds = _blobs(rng, rng.uniform(lo, hi, (n_ponds, 2)), rng.uniform(6, 30, n_ponds), 12)
    in_wood = np.zeros(len(ponds), bool)
    in_wood[shapely.STRtree(woods).query(ponds, predicate="intersects")[0]] = True
    ponds = ponds[_clear_polygons(ponds, blocks, dept, land, aero_zone) & ~in_wood]
    water = np.concatenate([river, ponds])
    water_kind = np.r_[np.zeros(len(river), int), np.ones(len(ponds), int)]
    return Territory(land, codes, names, seeds, polygons, np.round(population).astype(int), towns,
                     np.concatenate(owner), roads, kind, road_owner, woods, wood_kind, water, water_kind,
                     aerodrome)


def _trim(towns: list[Town], counts: np.ndarray, total: int, rng) -> list[Town]:
    """Exactly ``total`` buildings: each town was asked for 10 % more than its share (some
    communes have no room for theirs); the surplus goes, from the towns' outer plots first."""
    have = np.array([len(t) for t in towns])
    surplus = have.sum() - total
    if surplus <= 0:
        return towns
    spare = np.maximum(have - np.floor(counts).astype(int), 0).astype(float)
    drop = np.floor(spare / max(spare.sum(), 1) * surplus).astype(int)
    drop[np.argmax(spare - drop)] += surplus - drop.sum()
    out = []
    for town, n in zip(towns, np.minimum(drop, have), strict=True):
        order = np.argsort(-(town.centrality + 0.3 * rng.random(len(town))), kind="stable")
        keep = np.ones(len(town), bool)
        keep[order[:n]] = False
        out.append(town.subset(keep))
    return out


def _owner(polygons: np.ndarray, pts: np.ndarray) -> np.ndarray:
    """The commune holding each point (-1 outside)."""
    tree = shapely.STRtree(polygons)
    hit = tree.query(shapely.points(pts), predicate="within")
    owner = np.full(len(pts), -1)
    owner[hit[0]] = hit[1]
    return owner


def _clear(segments, blocks, dept, land, aero_zone, river_gap: float) -> np.ndarray:
    """Roads outside the towns (their streets serve them), off the aerodrome, inside the
    département, and (farm tracks) not along the river."""
    lines = shapely.linestrings(segments)
    crosses = np.zeros(len(lines), bool)
    crosses[blocks.query(lines, predicate="intersects")[0]] = True
    mid = segments.mean(axis=1)
    return ~crosses & shapely.contains_xy(dept, mid[:, 0], mid[:, 1]) & ~shapely.intersects(lines, aero_zone) \
        & (np.abs(land.river_distance(mid[:, 0], mid[:, 1])) > river_gap)


def _clear_polygons(polys, blocks, dept, land, aero_zone) -> np.ndarray:
    """Away from towns, the aerodrome and the river, inside the département."""
    hit = np.zeros(len(polys), bool)
    hit[blocks.query(polys, predicate="dwithin", distance=15.0)[0]] = True
    c = shapely.get_coordinates(shapely.centroid(polys))
    near_river = np.zeros(len(polys), bool)
    b = shapely.bounds(polys)
    for x, y in ((b[:, 0], b[:, 1]), (b[:, 2], b[:, 3]), (b[:, 0], b[:, 3]), (b[:, 2], b[:, 1]), (c[:, 0], c[:, 1])):
        near_river |= np.abs(land.river_distance(x, y)) < RIVER_HALF_WIDTH + 20
    return ~hit & ~near_river & shapely.contains_xy(dept, c[:, 0], c[:, 1]) & ~shapely.intersects(polys, aero_zone)


def _river_pieces(land: Land, xs: np.ndarray) -> np.ndarray:
    """The channel between consecutive ``xs``, as polygons following the banks."""
    sub = 12
    t = np.linspace(0, 1, sub + 1)
    x = xs[:-1, None] + (xs[1:] - xs[:-1])[:, None] * t            # (P, sub+1)
    y = land.river_y(x)
    slope = land.river_slope(x)
    nx, ny = -slope / np.sqrt(1 + slope ** 2), 1 / np.sqrt(1 + slope ** 2)
    left = np.stack([x + RIVER_HALF_WIDTH * nx, y + RIVER_HALF_WIDTH * ny], -1)
    right = np.stack([x - RIVER_HALF_WIDTH * nx, y - RIVER_HALF_WIDTH * ny], -1)[:, ::-1]
    return shapely.orient_polygons(shapely.polygons(np.concatenate([left, right], axis=1)))
