"""LoD1 building heights measured from LiDAR, for footprints that carry none (no Qt, no VTK).

A footprint's roof is read from the building-class points (ASPRS 6) inside it, its
ground from the scene's DTM, else from the ground-class points (2) around it. Footprint
ids are burnt onto a fine grid (holes stay empty, so a courtyard's points count for no
one); each point looks its cell up and points are grouped per footprint by one sort: no
Python loop over points or footprints. Tiles are read one at a time and only where
footprints lie (for COPC, only the octree nodes over them), decoding x, y, z and the
class alone; a footprint is finished once the last tile under it is read, so memory holds
one tile's grid and the points of footprints still waiting for a neighbouring tile."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

from twin.core.crs import same_crs, transform_boxes, transform_xy
from twin.core.data import RasterGrid
from twin.core.errors import Canceled, DataError
from twin.core.feedback import Feedback
from twin.geometry.extrude import footprint_polygons, ground_under
from twin.geometry.ground import Ground
from twin.lod.copc import read_octree
from twin.lod.las import header_crs, is_copc, laz_backend
from twin.core.layers.base import point_files
from twin.core.i18n import message

BUILDING, GROUND = 6, 2            # ASPRS classes
CELL = 0.25                        # m: footprint grid; a point within ~0.2 m of a wall may count on its other side
MAX_CELLS = 1 << 25                # a tile's footprint grid (int32): 128 MB at most, coarser cells beyond
GROUND_CELL = 2.0                  # m: the ground made of class-2 points where there is no DTM
GROUND_MAX_CELLS = 1 << 22
GROUND_MARGIN = 6.0                # m around a footprint where its ground points are read
GROUND_FILL_STEPS = 32             # cells a ground hole (under a building) is filled across
GROUND_PER_CELL = 12               # ground points a cell's mean needs: denser clouds are thinned
CHUNK = 1_000_000                  # points decoded at once from a plain LAS/LAZ
BATCH = 2_000_000                  # points of COPC nodes decoded at once
ROOF_QUANTILE = 0.95               # the roof: near a ridge, with chimneys, antennas and strays above it
MIN_POINTS = 10                    # fewer points: low confidence, the height is not used
FULL_POINTS = 50                   # this many points or more: the count no longer lowers confidence
FLAT_SPREAD = 0.15                 # m: the middle half of a flat roof's points lies within this...
FLAT_SLOPE = 0.1                   # ...or within this × its width (2 area / perimeter): slopes below ~10–20°
STEADY_SPREAD = 0.5                # m: a wider spread, over half the height too, lowers confidence
MIN_HEIGHT = 2.0                   # m: lower "buildings" are sheds, walls or misclassified ground
MAX_HEIGHT = 500.0
USABLE = ("high", "medium")
_HINT = "the file may be truncated or corrupt; fetch it again, or fix `lidar` in the layer's [heights]"


@dataclass
class LidarHeights:
    """Per footprint: the measured height and how far to trust it."""

    height: np.ndarray        # roof − ground, m; NaN where not measured
    roof_z: np.ndarray        # robust roof altitude (95th percentile of the roof points)
    ground_z: np.ndarray      # ground the height stands on (DTM, else class-2 points)
    points: np.ndarray        # building points inside the footprint
    spread: np.ndarray        # interquartile range of the roof points' z, m
    score: np.ndarray         # 0–1: point count × coverage × spread
    confidence: np.ndarray    # "high" | "medium" | "low" | "none" (no point); "" where not measured
    roof_shape: np.ndarray    # "flat" | "pitched" | "" (too few points to tell)

    @classmethod
    def empty(cls, n: int) -> "LidarHeights":
        nan = np.full(n, np.nan)
        return cls(nan.copy(), nan.copy(), nan.copy(), np.zeros(n, np.int64), nan.copy(),
                   np.zeros(n), np.full(n, "", dtype=object), np.full(n, "", dtype=object))

    def __len__(self) -> int:
        return len(self.height)

    @property
    def usable(self) -> np.ndarray:
        """Heights trusted enough to stand in for a missing attribute, NaN elsewhere."""
        return np.where(np.isin(self.confidence, USABLE), self.height, np.nan)

    def columns(self) -> dict[str, np.ndarray]:
        """What a buildings frame gains, for picking."""
        return {"lidar_height": np.round(self.height, 2), "lidar_points": self.points,
                "lidar_spread": np.round(self.spread, 2), "lidar_confidence": self.confidence,
                "roof_shape": self.roof_shape}

    def _put(self, index: np.ndarray, other: "LidarHeights") -> None:
        for name in self.__dataclass_fields__:
            getattr(self, name)[index] = getattr(other, name)


def lidar_files(source: str | Path) -> list[Path]:
    """The LAS/LAZ/COPC files behind a file, folder or glob pattern (as a point cloud
    layer reads its source), or a DataError naming it."""
    source = Path(source)
    files = [p for p in point_files(source) if p.is_file()]
    if not files:
        what = "no LAS/LAZ file matches" if source.is_dir() or "*" in source.name else "LiDAR file not found"
        raise DataError(what, path=source, hint=message("check `lidar` in the layer's [heights] (a file, "
                                                        "folder or pattern, relative to the scene file)"))
    return files


def measure_heights(geoms, source: str | Path | list[Path], crs: str, ground: Ground | np.ndarray | None = None,
                    *, only: np.ndarray | None = None, feedback: Feedback | None = None,
                    cell: float = CELL) -> LidarHeights:
    """Heights of footprints (scene CRS ``crs``) from LiDAR tiles (``source``: a file, folder,
    glob or list of files). ``ground``: the scene's DTM (or per-footprint ground z, NaN
    where unknown); where it has no value the class-2 points give it. ``only`` restricts
    the work (and the reading) to some footprints. A file that cannot be read raises a
    DataError naming it, unless other tiles remain: then it is skipped with a warning."""
    fb = feedback or Feedback()
    geoms = np.asarray(geoms, dtype=object)
    n = len(geoms)
    out = LidarHeights.empty(n)
    files = list(source) if isinstance(source, (list, tuple)) else lidar_files(source)
    todo = np.ones(n, bool) if only is None else np.asarray(only, bool).copy()
    todo &= np.isin(shapely.get_type_id(geoms), (3, 6)) & ~shapely.is_empty(geoms)
    if not todo.any():
        return out
    index = np.flatnonzero(todo)
    polys = shapely.force_2d(geoms[index])
    dtm = _dtm_ground(polys, ground, index)
    out._put(index, _measure(polys, files, crs, dtm, fb, cell))
    return out


# -- reading tiles ----------------------------------------------------------------------------

class _Tile:
    """One LAS/LAZ/COPC file: its header now, its points batch by batch later."""

    def __init__(self, path: Path, scene_crs: str, fb: Feedback):
        import laspy
        self.path = path
        _check_header(path)
        try:
            with laspy.open(path) as reader:
                header = reader.header
        except Exception as exc:   # laspy and lazrs raise many kinds on bad files
            raise DataError(message("cannot be read as LAS/LAZ ({})").format(exc or type(exc).__name__), path=path,
                            hint=message(_HINT)) from None
        if int(header.point_count) == 0:
            raise DataError(message("holds no points (0 in its header)"), path=path, hint=message(_HINT))
        self.header = header
        self.copc = is_copc(header)
        self.crs = header_crs(header)
        if self.crs is None:
            fb.warn(message("{}: no CRS in the LiDAR file; assumed {} (the scene's)").format(path.name, scene_crs))
            self.crs = scene_crs
        self.scene_crs = scene_crs
        self.reproject = not same_crs(self.crs, scene_crs)
        self.box = _to_scene_box(np.array([header.mins[:2]]), np.array([header.maxs[:2]]), self.crs, scene_crs)[0]
        area = max(float(np.prod(np.asarray(header.maxs[:2]) - header.mins[:2])), 1.0)
        self.density = int(header.point_count) / area      # points per m², all classes

    def batches(self, wanted, fb: Feedback) -> Iterator:
        """The points as laspy records (x, y, z and class decoded), batch by batch."""
        try:
            raw = self._copc_batches(wanted, fb) if self.copc else self._flat_batches(fb)
            for points in raw:
                fb.check()
                yield points
        except (DataError, Canceled):
            raise
        except Exception as exc:
            raise DataError(message("point data cannot be decoded ({})").format(exc), path=self.path, hint=message(_HINT)) from None

    def _flat_batches(self, fb: Feedback):
        import laspy

        from twin.lod.laz_check import check_laszip
        if Path(self.path).suffix.lower() == ".laz":
            check_laszip(Path(self.path))      # a damaged record would abort the process in lazrs
        with laspy.open(self.path, laz_backend=laz_backend(), decompression_selection=_selection()) as reader:
            for chunk in reader.chunk_iterator(CHUNK):
                yield chunk

    def _copc_batches(self, wanted, fb: Feedback):
        """Only the octree nodes whose box meets a footprint, decoded in batches."""
        import laspy
        import lazrs
        tree = read_octree(self.path, self.header)
        fmt, scales, offsets = tree.point_format, tree.scales, tree.offsets
        if not len(tree):
            return
        box = _to_scene_box(tree.lo[:, :2], tree.hi[:, :2], self.crs, self.scene_crs)
        hit = np.unique(wanted.query(shapely.box(*box.T), predicate="intersects")[0])
        rows = hit[tree.count[hit] > 0]
        rows = rows[np.argsort(tree.offset[rows])]
        if not len(rows):
            return
        selection = _selection().to_lazrs()
        batch = np.cumsum(tree.count[rows]) // BATCH
        with open(self.path, "rb") as fh:
            for b in np.unique(batch):
                part = rows[batch == b]
                data = bytearray()
                for offset, size in zip(tree.offset[part], tree.size[part]):   # a handful of nodes a batch
                    fh.seek(int(offset))
                    data += fh.read(int(size))
                count = int(tree.count[part].sum())
                buf = np.zeros(count * fmt.size, dtype=np.uint8)
                lazrs.decompress_points_with_chunk_table(bytes(data), tree.laszip, buf, tree.chunk_table(part),
                                                         selection)
                record = laspy.PackedPointRecord.from_buffer(buf, fmt)
                yield laspy.ScaleAwarePointRecord(record.array, fmt, scales, offsets)

    def xy(self, points, mask) -> tuple[np.ndarray, np.ndarray, float, float, float, float]:
        """x and y of the masked points as ``raw × scale + offset`` in the scene CRS: the
        raw integers when no reprojection is needed (cheaper), floats otherwise."""
        raw = points.array
        X, Y = raw["X"][mask], raw["Y"][mask]
        (sx, sy, _), (ox, oy, _) = points.scales, points.offsets
        if not self.reproject:
            return X, Y, sx, sy, ox, oy
        x, y = transform_xy(X * sx + ox, Y * sy + oy, self.crs, self.scene_crs)
        return np.asarray(x), np.asarray(y), 1.0, 1.0, 0.0, 0.0


def _check_header(path: Path) -> None:
    """Refuse a header whose counts the file cannot hold: laspy would loop over billions
    of VLRs (or allocate for them) before failing."""
    import struct
    try:
        with open(path, "rb") as fh:
            head = fh.read(104)
        size = path.stat().st_size
    except OSError as exc:
        raise DataError(message("cannot be read ({})").format(exc.strerror), path=path) from None
    if size == 0:
        raise DataError(message("is empty (0 bytes)"), path=path, hint=message(_HINT))
    if len(head) < 104 or head[:4] != b"LASF":
        raise DataError(message("is not a LAS/LAZ file (no LASF header)"), path=path, hint=message(_HINT))
    offset, vlrs = struct.unpack_from("<II", head, 96)
    if offset > size or vlrs * 54 > offset:
        raise DataError(message("has a corrupt header ({:,} VLRs, points at byte {:,} of {:,})").format(
                            vlrs, offset, size),
                        path=path, hint=message(_HINT))


def _selection():
    import laspy
    s = laspy.DecompressionSelection
    return s.base() | s.Z | s.CLASSIFICATION


def _to_scene_box(lo: np.ndarray, hi: np.ndarray, src: str, dst: str) -> np.ndarray:
    """(N, 4) boxes in the scene CRS holding the given ones."""
    return np.column_stack(transform_boxes(lo, hi, src, dst))


# -- measuring ----------------------------------------------------------------------------------

def _dtm_ground(polys: np.ndarray, ground, index: np.ndarray) -> np.ndarray:
    if ground is None:
        return np.full(len(polys), np.nan)
    if isinstance(ground, Ground):
        parts, feature = footprint_polygons(polys)
        return ground_under(parts, feature, len(polys), lambda x, y: ground.sample(x, y, fill=False))
    return np.asarray(ground, dtype=float)[index]


def _measure(polys: np.ndarray, files: list[Path], crs: str, dtm: np.ndarray, fb: Feedback,
             cell: float) -> LidarHeights:
    if not files:
        raise DataError(message("no LiDAR file given"), hint=message("name a LAS/LAZ/COPC file, folder or pattern"))
    m = len(polys)
    need_ground = np.isnan(dtm)
    bounds = shapely.bounds(polys)
    margin = np.where(need_ground, GROUND_MARGIN, 0.0)[:, None] * np.array([-1, -1, 1, 1])
    wanted = shapely.STRtree(shapely.box(*(bounds + margin).T))   # where points are needed

    tiles = []
    for path in files:
        try:
            tiles.append(_Tile(path, crs, fb))
        except DataError as exc:
            if len(files) == 1:
                raise
            fb.warn(message("{} — this LiDAR tile is skipped").format(exc.message))
    if not tiles:
        raise DataError(message("none of its {} LiDAR files could be read").format(len(files)), path=files[0].parent)
    tile_of, fp = wanted.query(shapely.box(*np.array([t.box for t in tiles]).T), predicate="intersects")
    last = np.full(m, -1)
    np.maximum.at(last, fp, tile_of)     # a footprint is finished once its last tile is read

    ground_grid = _GroundGrid(bounds[need_ground] + margin[need_ground], crs) if need_ground.any() else None
    stats = _RoofStats(m)
    pending_id, pending_z = np.empty(0, np.int32), np.empty(0, np.float32)
    for t, tile in enumerate(tiles):
        mine = fp[tile_of == t]
        fb.progress(t / len(tiles), f"Measuring building heights in {tile.path.name}")
        if not len(mine):
            continue
        try:
            ids, z = _read_tile(tile, polys, mine, wanted, ground_grid, cell, fb)
        except DataError as exc:
            if len(tiles) == 1:
                raise
            fb.warn(message("{} — this LiDAR tile is skipped").format(exc.message))
            ids, z = np.empty(0, np.int32), np.empty(0, np.float32)
        pending_id, pending_z = np.concatenate([pending_id, ids]), np.concatenate([pending_z, z])
        done = last[pending_id] <= t
        stats.finish(pending_id[done], pending_z[done])
        pending_id, pending_z = pending_id[~done], pending_z[~done]
    fb.progress(1.0, "Building heights measured")

    ground_z = dtm.copy()
    if ground_grid is not None:
        lidar_ground = Ground([ground_grid.raster()], fallback=np.nan)
        parts, feature = footprint_polygons(polys[need_ground])
        ground_z[need_ground] = ground_under(parts, feature, int(need_ground.sum()),
                                             lambda x, y: lidar_ground.sample(x, y, fill=False))
    return _judge(stats, ground_z, shapely.area(polys), shapely.length(polys))


class _Grid:
    """A north-up grid with a one-cell border that nothing real falls in: points outside
    are clipped into it rather than masked out, which saves passes over the points."""

    def __init__(self, lo, hi, cell: float, max_cells: int):
        size = np.maximum(np.asarray(hi, float) - lo, cell)
        self.cell = max(cell, float(np.sqrt(size[0] * size[1] / max_cells)))
        self.w, self.h = (int(v) + 2 for v in np.ceil(size / self.cell))
        self.x0, self.top = lo[0] - self.cell, lo[1] - self.cell + self.h * self.cell

    @property
    def transform(self):
        from affine import Affine
        return Affine(self.cell, 0, self.x0, 0, -self.cell, self.top)

    def index(self, x, y, sx, sy, ox, oy) -> np.ndarray:
        """Flat cell index of points at ``x × sx + ox, y × sy + oy``."""
        # LAS coordinates are on a mm grid, so many points lie exactly on a cell edge: the
        # nudge sends them to the same side whatever the file's offset
        col = np.multiply(x, sx / self.cell, dtype=np.float64)
        col += (ox - self.x0) / self.cell + 1e-6
        row = np.multiply(y, -sy / self.cell, dtype=np.float64)
        row += (self.top - oy) / self.cell + 1e-6
        np.clip(col, 0, self.w - 1, out=col)
        np.clip(row, 0, self.h - 1, out=row)
        return row.astype(np.int32) * np.int32(self.w) + col.astype(np.int32)

    def clear_border(self, values: np.ndarray, fill=0) -> None:
        values[0], values[-1], values[:, 0], values[:, -1] = fill, fill, fill, fill


def _read_tile(tile: _Tile, polys, mine, wanted, ground_grid, cell, fb) -> tuple[np.ndarray, np.ndarray]:
    """(footprint, z) of the tile's building points that fall in a footprint."""
    from rasterio.features import rasterize

    box = shapely.bounds(polys[mine])
    grid = _Grid(np.maximum(box.min(axis=0)[:2], tile.box[:2]), np.minimum(box.max(axis=0)[2:], tile.box[2:]),
                 cell, MAX_CELLS)
    # later footprints win where two overlap: a point counts once
    ids = rasterize(zip(polys[mine], (mine + 1).tolist()), out_shape=(grid.h, grid.w),
                    transform=grid.transform, fill=0, dtype="int32")
    grid.clear_border(ids)
    ids = ids.ravel()
    out_id, out_z = [], []
    for points in tile.batches(wanted, fb):
        cls = np.asarray(points.classification)
        (_, _, sz), (_, _, oz) = points.scales, points.offsets
        if ground_grid is not None:
            g = np.flatnonzero(cls == GROUND)
            # a cell's mean needs a dozen points, not the hundred a dense survey gives
            per_cell = tile.density * len(g) / max(len(cls), 1) * ground_grid.cell ** 2
            g = g[::max(1, int(per_cell / GROUND_PER_CELL))]
            ground_grid.add(ground_grid.index(*tile.xy(points, g)), points.array["Z"][g] * sz + oz)
        b = cls == BUILDING
        found = ids[grid.index(*tile.xy(points, b))]
        hit = found > 0
        out_id.append(found[hit] - 1)
        out_z.append((points.array["Z"][b][hit] * sz + oz).astype(np.float32))
    if not out_id:
        return np.empty(0, np.int32), np.empty(0, np.float32)
    return np.concatenate(out_id), np.concatenate(out_z)


class _RoofStats:
    """Roof z per footprint: the 95th percentile, since the maximum is a chimney or a stray point."""

    QUANTILES = (0.25, 0.5, 0.75, ROOF_QUANTILE)

    def __init__(self, m: int):
        self.count = np.zeros(m, np.int64)
        self.q = np.full((m, len(self.QUANTILES)), np.nan)

    def finish(self, ids: np.ndarray, z: np.ndarray) -> None:
        if not len(ids):
            return
        # one sort on (footprint, z in mm) packed in an int64 groups and orders at once
        z0 = float(z.min())
        key = (ids.astype(np.int64) << 26) | np.rint((z - z0) * 1000).astype(np.int64)
        key.sort()
        ids_sorted = key >> 26
        z_sorted = (key & ((1 << 26) - 1)) / 1000.0 + z0
        count = np.bincount(ids_sorted, minlength=len(self.count))
        present = np.flatnonzero(count)
        start = (np.cumsum(count) - count)[present]
        c = count[present]
        for j, q in enumerate(self.QUANTILES):   # linear interpolation, as numpy's percentile
            pos = (c - 1) * q
            below = np.floor(pos).astype(np.int64)
            frac = pos - below
            above = np.minimum(below + 1, c - 1)
            self.q[present, j] = (z_sorted[start + below] * (1 - frac) + z_sorted[start + above] * frac)
        self.count[present] += c


class _GroundGrid(_Grid):
    """Mean z of ground points per cell over the footprints that lack a DTM: a DTM of the
    LiDAR's own, holes (under buildings) filled from their edges."""

    def __init__(self, boxes: np.ndarray, crs: str):
        super().__init__(boxes[:, :2].min(axis=0), boxes[:, 2:].max(axis=0), GROUND_CELL, GROUND_MAX_CELLS)
        self.sum = np.zeros(self.w * self.h)
        self.count = np.zeros(self.w * self.h)
        self.crs = crs

    def add(self, cells: np.ndarray, z: np.ndarray) -> None:
        self.sum += np.bincount(cells, weights=z, minlength=self.sum.size)
        self.count += np.bincount(cells, minlength=self.count.size)

    def raster(self) -> RasterGrid:
        with np.errstate(invalid="ignore", divide="ignore"):
            values = (self.sum / self.count).reshape(self.h, self.w)
        self.clear_border(values, np.nan)    # what fell outside was clipped into it
        return RasterGrid(_fill_holes(values).astype(np.float32), self.transform, self.crs)


def _fill_holes(v: np.ndarray) -> np.ndarray:
    """NaN cells take the mean of their valid neighbours, ring by ring from the edges."""
    v = v.copy()
    for _ in range(GROUND_FILL_STEPS):
        hole = np.isnan(v)
        if not hole.any():
            break
        p = np.pad(v, 1, constant_values=np.nan)
        near = np.stack([p[:-2, 1:-1], p[2:, 1:-1], p[1:-1, :-2], p[1:-1, 2:]])
        valid = ~np.isnan(near)
        n = valid.sum(axis=0)
        grow = hole & (n > 0)
        if not grow.any():
            break
        v[grow] = np.where(valid, near, 0.0).sum(axis=0)[grow] / n[grow]
    return v


def _judge(stats: _RoofStats, ground_z: np.ndarray, area: np.ndarray, perimeter: np.ndarray) -> LidarHeights:
    m = len(ground_z)
    out = LidarHeights.empty(m)
    count = stats.count
    some = count > 0
    p25, _, p75, roof = stats.q.T
    out.points, out.ground_z = count, ground_z
    out.roof_z[some] = roof[some]
    out.height = out.roof_z - ground_z
    out.spread[some] = (p75 - p25)[some]
    # coverage: points per m² against the median footprint's, so a footprint only a corner
    # of which has roof points (a new wing, a misplaced outline) is not trusted
    density = count / np.maximum(area, 1.0)
    typical = np.median(density[count >= MIN_POINTS]) if (count >= MIN_POINTS).any() else np.nan
    coverage = np.clip(density / typical, 0, 1) if np.isfinite(typical) and typical > 0 else np.zeros(m)
    with np.errstate(invalid="ignore"):
        steady = np.where(out.spread <= np.maximum(STEADY_SPREAD, 0.5 * out.height), 1.0, 0.5)
        score = np.minimum(count / FULL_POINTS, 1.0) * np.minimum(coverage / 0.5, 1.0) * steady
        plausible = (out.height >= MIN_HEIGHT) & (out.height < MAX_HEIGHT)
    score = np.where(plausible & (count >= MIN_POINTS), score, np.minimum(score, 0.2))
    out.score = np.where(some, np.round(score, 2), 0.0)
    out.confidence = np.select([~some, out.score >= 0.75, out.score >= 0.4], ["none", "high", "medium"],
                               "low").astype(object)
    # a pitched roof's interquartile range is about a quarter of its rise, which grows with
    # the building's width (tan(slope) × width / 2): compare the spread with the width
    width = 2 * area / np.maximum(perimeter, 1e-9)
    flat = out.spread <= np.maximum(FLAT_SPREAD, FLAT_SLOPE * width)
    out.roof_shape = np.select([count < MIN_POINTS, flat], ["", "flat"],
                               "pitched").astype(object)
    return out
