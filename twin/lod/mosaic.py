"""Tiles of one raster read as a single seamless grid (no Qt, no VTK).

Elevation tiles (1 km MNT LiDAR HD GeoTIFFs, RGE ALTI ASCII grids, a VRT) share one
lattice of vertices at the finest tile's pixel centres: a vertex takes the value of the
pixel holding it, so tiles that abut on the lattice (IGN's do) join with no seam and
every level of detail samples the same heights. Image tiles (BD ORTHO JPEG 2000) are
read for a box at any size through GDAL's overviews (a JPEG 2000's own resolution
levels), so a view from above costs little. A tile that fails while read is left out
with its name in ``errors``; the others still show."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np

from twin.core.errors import Canceled
from twin.core.feedback import Feedback
from twin.lod.rasters import RasterTile, forget_handles, short_error

UNDECLARED_NODATA = -9999.0       # IGN/ESRI nodata that files use without declaring it
WINDOW_CELLS = 16_000_000         # the largest window read at once (64 MB of float32)
OVERVIEW_THREADS = 2              # tiles decoded at once for the overview that opens a terrain


@dataclass(frozen=True)
class Lattice:
    """Vertices at pixel centres: column ``i`` at ``x0 + i * dx``, row ``j`` at
    ``y0 - j * dy`` (rows run south)."""

    x0: float
    y0: float
    dx: float
    dy: float
    width: int
    height: int

    def xs(self, cols: np.ndarray) -> np.ndarray:
        return self.x0 + np.asarray(cols) * self.dx

    def ys(self, rows: np.ndarray) -> np.ndarray:
        return self.y0 - np.asarray(rows) * self.dy

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """Of the pixels (half a cell beyond the outer vertices)."""
        return (self.x0 - self.dx / 2, self.y0 - (self.height - 0.5) * self.dy,
                self.x0 + (self.width - 0.5) * self.dx, self.y0 + self.dy / 2)

    @classmethod
    def covering(cls, tiles: list[RasterTile]) -> "Lattice":
        """The finest tile's pixel centres, extended over every tile."""
        finest = min(tiles, key=lambda t: t.resolution[0] * t.resolution[1])
        dx, dy = finest.resolution
        boxes = np.array([t.bounds for t in tiles])
        x_ref, y_ref = finest.bounds[0] + dx / 2, finest.bounds[3] - dy / 2
        i0 = np.floor((boxes[:, 0].min() - x_ref) / dx + 0.5 + 1e-6)
        j0 = np.floor((y_ref - boxes[:, 3].max()) / dy + 0.5 + 1e-6)
        x0, y0 = x_ref + i0 * dx, y_ref - j0 * dy
        width = int(np.floor((boxes[:, 2].max() - x0) / dx + 1e-6)) + 1
        height = int(np.floor((y0 - boxes[:, 1].min()) / dy + 1e-6)) + 1
        return cls(float(x0), float(y0), float(dx), float(dy), width, height)


@dataclass
class ElevationTiles:
    tiles: list[RasterTile]
    lattice: Lattice
    errors: list[str] = field(default_factory=list)   # tiles that failed once opened
    notes: list[str] = field(default_factory=list)    # undeclared nodata found...
    _bad: set = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def of(cls, tiles: list[RasterTile]) -> "ElevationTiles":
        return cls(tiles, Lattice.covering(tiles))

    def overlapping(self) -> list[tuple[str, str]]:
        """Pairs of tiles covering the same ground over more than a tenth of the smaller
        (a DTM and a DSM of the same place?): the first listed is the one shown there."""
        boxes = np.array([t.bounds for t in self.tiles])
        lo = np.maximum(boxes[:, None, :2], boxes[None, :, :2])
        hi = np.minimum(boxes[:, None, 2:], boxes[None, :, 2:])
        inter = np.prod(np.clip(hi - lo, 0, None), axis=2)
        area = np.prod(boxes[:, 2:] - boxes[:, :2], axis=1)
        share = inter / np.maximum(np.minimum(area[:, None], area[None, :]), 1e-12)
        i, j = np.nonzero(np.triu(share > 0.1, k=1))
        return [(self.tiles[a].path.name, self.tiles[b].path.name) for a, b in zip(i, j)]

    def read(self, cols: np.ndarray, rows: np.ndarray, feedback: Feedback | None = None,
             threads: int = 1) -> np.ndarray:
        """Heights at lattice vertices ``rows`` × ``cols`` (sorted int arrays), NaN where no
        tile has data; where tiles overlap, the first one's. ``threads``: tiles decoded at
        once (GDAL releases the GIL), pasted in their order all the same."""
        cols, rows = np.asarray(cols, np.int64), np.asarray(rows, np.int64)
        out = np.full((len(rows), len(cols)), np.nan, np.float32)
        xs, ys = self.lattice.xs(cols), self.lattice.ys(rows)
        work = []
        for tile in self.tiles:
            if tile.path in self._bad:
                continue
            t = tile.transform
            tc = np.floor((xs - t.c) / t.a).astype(np.int64)
            tr = np.floor((ys - t.f) / t.e).astype(np.int64)
            ci = np.flatnonzero((tc >= 0) & (tc < tile.width))
            ri = np.flatnonzero((tr >= 0) & (tr < tile.height))
            if len(ci) and len(ri):
                ri = ri[np.argsort(tr[ri], kind="stable")]   # south-up tiles: their rows run north
                work.append((tile, ri, ci, tr[ri], tc[ci]))

        def decode(item):
            tile, ri, ci, trows, tcols = item
            try:
                return list(self._blocks(tile, ri, trows, tcols))
            except Canceled:
                raise
            except Exception as exc:   # GDAL's errors, a truncated block...
                self._fail(tile, exc)
                return []
        if threads > 1 and len(work) > 1:
            from concurrent.futures import ThreadPoolExecutor
            with ThreadPoolExecutor(min(threads, len(work)), thread_name_prefix="twin-tiles") as pool:
                decoded = pool.map(decode, work)
                self._paste_all(out, work, decoded, feedback)
        else:
            self._paste_all(out, work, map(decode, work), feedback)
        return out

    def _paste_all(self, out: np.ndarray, work: list, decoded, feedback: Feedback | None) -> None:
        for n, ((tile, _ri, ci, _tr, _tc), blocks) in enumerate(zip(work, decoded)):
            if feedback is not None:
                feedback.progress(n / len(work), f"Read {tile.path.name}")
            for rows, values in blocks:
                block = out[np.ix_(rows, ci)]
                out[np.ix_(rows, ci)] = np.where(np.isnan(block), values, block)

    def _blocks(self, tile: RasterTile, ri, trows, tcols):
        """(rows of the output, their heights) in windows of at most WINDOW_CELLS."""
        from rasterio.windows import Window
        ds = tile.dataset()
        c0, c1 = int(tcols.min()), int(tcols.max()) + 1   # rows ascending, columns any order
        span = max(1, WINDOW_CELLS // (c1 - c0))
        start = 0
        while start < len(ri):   # groups of rows whose window stays within WINDOW_CELLS
            stop = start + int(np.searchsorted(trows[start:], trows[start] + span, side="left"))
            stop = max(stop, start + 1)
            r0, r1 = int(trows[start]), int(trows[stop - 1]) + 1
            window = Window(c0, r0, c1 - c0, r1 - r0)
            pick = np.ix_(trows[start:stop] - r0, tcols - c0)    # the vertices first, then nodata
            values = ds.read(1, window=window)[pick].astype(np.float32)
            values[~_valid(ds, window, pick, values)] = np.nan
            if tile.nodata is None and np.any(values <= UNDECLARED_NODATA):
                values[values <= UNDECLARED_NODATA] = np.nan
                self._note(f"{tile.path.name}: values of {UNDECLARED_NODATA:g} found with no nodata "
                           f"declared; treated as nodata")
            yield ri[start:stop], values
            start = stop

    def _fail(self, tile: RasterTile, exc: Exception) -> None:
        with self._lock:
            if tile.path in self._bad:
                return
            self._bad.add(tile.path)
            self.errors.append(f"{tile.path}: pixel data cannot be read ({short_error(exc)}) — "
                               f"this tile is left out; it is probably truncated, fetch it again")
        forget_handles(tile.path)

    def _note(self, text: str) -> None:
        with self._lock:
            if text not in self.notes:
                self.notes.append(text)

    def overview(self, max_cells: int, feedback: Feedback | None = None):
        """The whole set sampled every ``step`` vertices (a power of two, so that every
        coarser level of detail is a subset), the last row and column kept so that it
        reaches the edge: (values, step, cols, rows)."""
        lat = self.lattice
        step = 1
        while (lat.width / step) * (lat.height / step) > max_cells:
            step *= 2
        cols, rows = strided(lat.width, step), strided(lat.height, step)
        return self.read(cols, rows, feedback, threads=OVERVIEW_THREADS), step, cols, rows


def _valid(ds, window, pick, values: np.ndarray) -> np.ndarray:
    """Where ``values`` (the pixels ``pick`` of ``window``) hold data: their nodata value
    compared on the few pixels kept, a mask band read only when the file has one."""
    from rasterio.enums import MaskFlags
    flags = ds.mask_flag_enums[0]
    if MaskFlags.all_valid in flags:
        return np.ones(values.shape, bool)
    if MaskFlags.nodata in flags:
        nodata = np.float32(ds.nodata)
        return ~np.isnan(values) if np.isnan(nodata) else values != nodata
    return ds.read_masks(1, window=window)[pick] > 0


def _image_mask(ds, window, shape) -> np.ndarray:
    """Where an image read holds data. A BD ORTHO JPEG 2000 declares every pixel valid:
    asking GDAL for its mask anyway decoded the image a second time (~0.3 s a chunk)."""
    from rasterio.enums import MaskFlags
    if all(MaskFlags.all_valid in flags for flags in ds.mask_flag_enums[:3]):
        return np.ones(shape, bool)
    return ds.dataset_mask(window=window, out_shape=shape) > 0


def strided(n: int, step: int) -> np.ndarray:
    """0, step, 2·step… and the last index, so a grid sampled this way keeps its edge."""
    return np.unique(np.r_[np.arange(0, n, step), n - 1]).astype(np.int64)


@dataclass
class ImageTiles:
    """Orthophoto tiles: RGB read for any box at any size."""

    tiles: list[RasterTile]
    scale: tuple[float, float] | None = None    # (low, high) to map to 0–255 (not 8-bit)
    errors: list[str] = field(default_factory=list)
    _bad: set = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def resolution(self) -> float:
        return min(min(t.resolution) for t in self.tiles)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        b = np.array([t.bounds for t in self.tiles])
        return (*b[:, :2].min(axis=0), *b[:, 2:].max(axis=0))

    def read(self, box: tuple[float, float, float, float], width: int, height: int):
        """(RGB (height, width, 3) uint8 north-up, valid (height, width) bool) over ``box``."""
        from rasterio.enums import Resampling
        from rasterio.windows import Window
        xmin, ymin, xmax, ymax = box
        rgb = np.zeros((height, width, 3), np.uint8)
        valid = np.zeros((height, width), bool)
        px, py = (xmax - xmin) / width, (ymax - ymin) / height
        for tile in self.tiles:
            tx0, ty0, tx1, ty1 = tile.bounds
            ix0, iy0, ix1, iy1 = max(xmin, tx0), max(ymin, ty0), min(xmax, tx1), min(ymax, ty1)
            c0, c1 = int(round((ix0 - xmin) / px)), int(round((ix1 - xmin) / px))
            r0, r1 = int(round((ymax - iy1) / py)), int(round((ymax - iy0) / py))
            if tile.path in self._bad or c1 <= c0 or r1 <= r0:
                continue
            # the source pixels under exactly those destination pixels
            bx0, bx1 = xmin + c0 * px, xmin + c1 * px
            by1, by0 = ymax - r0 * py, ymax - r1 * py
            t = tile.transform
            cols = sorted(((bx0 - t.c) / t.a, (bx1 - t.c) / t.a))
            rows = sorted(((by1 - t.f) / t.e, (by0 - t.f) / t.e))
            window = Window(cols[0], rows[0], cols[1] - cols[0], rows[1] - rows[0])
            shape = (r1 - r0, c1 - c0)
            down = (cols[1] - cols[0]) > shape[1]
            try:
                ds = tile.dataset()
                data = ds.read([1, 2, 3], window=window, out_shape=(3, *shape), boundless=False,
                               resampling=Resampling.average if down else Resampling.bilinear)
                mask = _image_mask(ds, window, shape)
            except Exception as exc:
                self._fail(tile, exc)
                continue
            if t.e > 0:    # south-up: rows were read south first
                data, mask = data[:, ::-1], mask[::-1]
            part = np.moveaxis(self._to_u8(data), 0, -1)
            free = mask & ~valid[r0:r1, c0:c1]    # the first tile wins where they overlap
            rgb[r0:r1, c0:c1][free] = part[free]
            valid[r0:r1, c0:c1] |= free
        return rgb, valid

    def _to_u8(self, data: np.ndarray) -> np.ndarray:
        if data.dtype == np.uint8:
            return data
        lo, hi = self.scale or (0.0, 255.0)
        return np.clip((data.astype(np.float32) - lo) / max(hi - lo, 1e-9) * 255, 0, 255).astype(np.uint8)

    def _fail(self, tile: RasterTile, exc: Exception) -> None:
        with self._lock:
            if tile.path not in self._bad:
                self._bad.add(tile.path)
                self.errors.append(f"{tile.path}: pixel data cannot be read ({short_error(exc)}) — "
                                   f"this tile is left out; it is probably truncated, fetch it again")
        forget_handles(tile.path)

    def set_scale(self) -> None:
        """Images that are not 8-bit are stretched once for the whole set (1–99 %), from
        a small read of each tile, so that every chunk gets the same colours."""
        if all(t.dtype == "uint8" for t in self.tiles):
            return
        samples = []
        for tile in self.tiles[:16]:
            try:
                data = tile.dataset().read([1, 2, 3], out_shape=(3, 64, 64), masked=True)
                samples.append(data.compressed())
            except Exception as exc:
                self._fail(tile, exc)
        values = np.concatenate(samples) if samples else np.zeros(1)
        lo, hi = np.percentile(values, [1, 99]) if len(values) else (0.0, 255.0)
        self.scale = (float(lo), float(max(hi, lo + 1e-6)))
