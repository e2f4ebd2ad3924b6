"""`twin prepare`: turn LAS/LAZ tiles into COPC files that open level by level.

A plain LAZ must be decoded whole before a view can be drawn (~8 s for a 30 M-point IGN
tile); a COPC file holds its points in an octree whose first levels are a uniform
thinning of the whole tile, so a first view costs a few hundred milliseconds.

One tile: lazrs decodes it (in parallel) into shared memory, then worker processes
(`twin.lod.blocks`) lay its points out in spatial blocks (`twin.lod.octree`) and
compress each block's nodes as LAZ chunks; copclib frames them as standard COPC 1.0.
Only the point records, an index and a Morton code a point live for the whole tile (42 B
a point in format 6); the rest exists a block at a time. The bytes written are the same on any number of workers.

``workers`` counts cores: several tiles go to that many processes, one tile gets them
all (its decoding threads, then its worker processes). A Dask distributed cluster
(``scheduler="tcp://host:port"``) takes the tiles when one workstation is not enough.
"""

from __future__ import annotations

import os
import time
from functools import partial
from multiprocessing import get_context
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from twin.core.errors import Canceled, DataError, TwinError
from twin.core.feedback import Feedback
from twin.lod import blocks
from twin.lod.octree import GRID, SEED, Cube
from twin.core.i18n import message, message_language, set_message_language

BYTES_PER_POINT = 80       # peak memory of one tile's preparation (bench_prepare.py measures it)
WORKER_BYTES = 150_000_000  # and of each worker process besides (its libraries, a block at a time)
POOL_POINTS = 500_000      # a smaller tile is prepared in one process: starting workers costs more


@dataclass
class PreparedTile:
    source: Path
    output: Path | None
    points: int = 0
    levels: int = 0
    seconds: float = 0.0
    note: str = ""
    error: str | None = None


def output_path(src: Path, out_dir: Path) -> Path:
    stem = src.name
    for suffix in (".laz", ".las", ".copc"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    return out_dir / f"{stem}.copc.laz"


def _copc_format(point_format) -> int:
    names = set(point_format.dimension_names)
    if "nir" in names:
        return 8
    return 7 if {"red", "green", "blue"} <= names else 6


def available_memory() -> int | None:
    """The system's MemAvailable in bytes (None where /proc/meminfo is missing)."""
    try:
        with open("/proc/meminfo") as fh:
            return next(int(v.split()[1]) * 1024 for v in fh if v.startswith("MemAvailable"))
    except (OSError, StopIteration):
        return None


def _check_memory(src: Path, n: int, memory: int | None, workers: int = 1) -> None:
    need = n * BYTES_PER_POINT + (WORKER_BYTES * workers if workers > 1 else 0)
    if memory is not None and need > memory:
        raise DataError(message("{:,} points need about {:.1f} GB to prepare, and only {:.1f} GB are free").format(
                            n, need / 1e9, memory / 1e9), path=src,
                        hint=message("close other programs, prepare fewer tiles at once (--workers), or "
                                     "prepare this tile on a machine with more memory"))


READ_POINTS = 4_000_000     # the tile is decoded this many points at a time


def _read_records(src: Path, records: np.ndarray, threads: int):
    """Decode the tile into ``records`` (COPC's point format, one record a point) chunk by
    chunk (laspy.read would hold the compressed file and a second copy of the records at
    its peak); the file's header."""
    import laspy
    backend = laspy.LazBackend.LazrsParallel if threads > 1 else laspy.LazBackend.Lazrs
    try:
        with laspy.open(src, laz_backend=backend) as reader:
            h = reader.header
            target = laspy.PointFormat(_copc_format(h.point_format))
            same = h.point_format.id == target.id and not h.point_format.num_extra_bytes
            at = 0
            lazrs = getattr(reader.point_source, "decompressor", None)
            if same and lazrs is not None:    # straight into the records: no buffer, no copy
                raw = records.view(np.uint8)
                for at in range(0, len(records), READ_POINTS):
                    end = min(len(records), at + READ_POINTS)
                    lazrs.decompress_many(raw[at * records.itemsize:end * records.itemsize])
                at = len(records)
            else:
                for chunk in reader.chunk_iterator(READ_POINTS):
                    records[at:at + len(chunk)] = chunk.array if same else _convert(chunk, target)
                    at += len(chunk)
    except Exception as exc:
        raise DataError(message("cannot be read as LAS/LAZ ({})").format(exc), path=src,
                        hint=message("the file may be truncated or corrupt; fetch it again")) from None
    if at < len(records):
        raise DataError(message("holds {:,} points where its header announces {:,}").format(at, len(records)), path=src,
                        hint=message("the file is probably truncated; fetch it again"))
    return h


def _convert(chunk, target) -> np.ndarray:
    """Records of another point format in COPC's (6, 7 or 8): the dimensions they share,
    on the source's integer grid (same scale and offset, no precision lost)."""
    import laspy
    out = laspy.ScaleAwarePointRecord.zeros(len(chunk), point_format=target,
                                            scales=chunk.scales, offsets=chunk.offsets)
    names = set(chunk.point_format.dimension_names)
    for name in target.dimension_names:
        if name in names and name not in ("X", "Y", "Z"):
            out[name] = chunk[name]
    for dim in ("X", "Y", "Z"):
        out.array[dim] = chunk.array[dim]
    return out.array


def _write(path: Path, h, fmt: int, bounds, cube: Cube, nodes) -> None:
    """A COPC file at ``path`` of ``nodes`` ((key, LAZ chunk, points) each), framed by
    copclib; nothing left there if it fails or is cancelled."""
    import copclib as copc
    crs = h.parse_crs() if h.vlrs or h.evlrs else None
    config = copc.CopcConfigWriter(fmt, copc.Vector3(*h.scales), copc.Vector3(*h.offsets),
                                   crs.to_wkt() if crs is not None else "")
    writer = copc.FileWriter(str(path), config)
    try:
        header = writer.copc_config.las_header
        header.min, header.max = (copc.Vector3(*v) for v in bounds)
        info = writer.copc_config.copc_info
        info.center_x, info.center_y, info.center_z = (float(v) for v in cube.centre)
        info.halfsize = cube.half
        info.spacing = 2 * cube.half / GRID
        for key, data, count in nodes:
            d, x, y, z = (int(v) for v in key)
            writer.AddNodeCompressed(copc.VoxelKey(d, x, y, z), copc.VectorChar(np.frombuffer(data, dtype=np.int8)),
                                     count)
    except BaseException:
        writer.Close()
        path.unlink(missing_ok=True)
        raise
    writer.Close()


def prepare_tile(src: str | Path, out_dir: str | Path, force: bool = False,
                 output: Path | None = None, *, workers: int = 1, memory: int | None = None,
                 cancelled=lambda: False) -> PreparedTile:
    """Write ``out_dir/NAME.copc.laz`` (or ``output``) for one tile, on ``workers`` cores
    (processes: ``twin.lod.blocks``), refusing a tile that needs more than ``memory``
    bytes (default: what the system has free). Errors are returned, not raised, so one
    bad tile never stops a batch (and results travel back from Dask workers)."""
    import laspy

    src = Path(src)
    started = time.perf_counter()
    out = Path(output) if output is not None else output_path(src, Path(out_dir))
    out_dir = out.parent
    result = PreparedTile(source=src, output=out)
    try:
        if not force and out.exists() and out.stat().st_mtime >= src.stat().st_mtime:
            result.note = "up to date"
            return result
        try:
            with laspy.open(src) as reader:
                n = int(reader.header.point_count)
                extra = reader.header.point_format.num_extra_bytes
                fmt = _copc_format(reader.header.point_format)
        except Exception as exc:
            raise DataError(message("cannot be read as LAS/LAZ ({})").format(exc), path=src,
                            hint=message("the file may be truncated or corrupt; fetch it again")) from None
        if n == 0:
            raise DataError(message("holds no points"), path=src)
        workers = workers if n >= POOL_POINTS else 1
        _check_memory(src, n, available_memory() if memory is None else memory, workers)
        if extra:
            result.note = "extra dimensions are not copied into the view cache"
        with blocks.Workspace(workers) as ws:
            records, records_ref = ws.array("records", laspy.PointFormat(fmt).dtype(), (n,))
            h = _read_records(src, records, workers)
            if cancelled():
                raise Canceled()
            scales, offsets = np.asarray(h.scales), np.asarray(h.offsets)
            mins, maxs = blocks.extent(ws, records_ref, n) * scales + offsets
            cube = Cube.around(mins, maxs, n)
            _, by_block = ws.array("by_block", np.int32 if n < 2 ** 31 else np.int64, (n,))
            _, codes = ws.array("codes", np.uint64, (n,))
            tile = blocks.Tile(records_ref, by_block, codes, cube, scales, offsets, fmt, SEED)

            out_dir.mkdir(parents=True, exist_ok=True)
            tmp = out.with_name(f".{out.name}.part")
            _write(tmp, h, fmt, (mins, maxs), cube, blocks.nodes(ws, tile, n, cancelled))
        os.replace(tmp, out)  # a crash leaves no half-written .copc.laz behind
        result.points, result.levels = n, cube.depth + 1
    except BrokenProcessPool:
        result.error, result.output = TwinError(
            message("a worker process stopped abruptly while preparing it (out of memory?)"), path=src,
            hint=message("prepare it with fewer workers (--workers 1) or on a machine with more memory")).message, None
    except TwinError as exc:
        result.error, result.output = exc.message, None
    except Canceled:
        raise
    except Exception as exc:  # reported per tile; the batch goes on
        result.error, result.output = f"{src}: {type(exc).__name__}: {exc}", None
    result.seconds = time.perf_counter() - started
    return result


def prepare_tiles(paths: list[str | Path], out_dir: str | Path, *, scheduler: str | None = None,
                  workers: int | None = None, force: bool = False,
                  feedback: Feedback | None = None) -> list[PreparedTile]:
    """Prepare tiles in parallel; results in the order of ``paths``."""
    fb = feedback or Feedback()
    paths = [Path(p).resolve() for p in paths]
    out_dir = Path(out_dir).resolve()
    if scheduler:
        from distributed import Client, as_completed as dask_completed
        try:
            client = Client(scheduler, timeout="10s")
        except OSError as exc:
            raise TwinError(message("cannot reach the Dask scheduler at {} ({})").format(scheduler, exc),
                            hint=message("start it (dask scheduler) or leave out --scheduler to use this "
                                         "machine")) from None
        from twin.lod.dask_workers import PlainMalloc
        with client:
            client.register_plugin(PlainMalloc())
            # the tile's arguments bound beforehand: Client.map takes ``workers=`` as its own
            # (where tasks may run), which pinned every tile to one worker
            task = partial(_in_language, message_language(), out_dir=out_dir, force=force, workers=1)
            futures = client.map(task, _largest_first(paths), pure=False)
            results = _gather(futures, dask_completed, client.cancel, fb)
    else:
        cores = max(1, workers or os.cpu_count() or 1)
        processes = min(cores, default_workers(paths)) if workers is None else min(cores, len(paths))
        per_tile = max(1, cores // processes)     # its decoding threads, then its worker processes
        # spawn, not fork: a forked child inherits lazrs' thread pool locked and hangs
        with ProcessPoolExecutor(max_workers=processes, mp_context=get_context("spawn"),
                                 initializer=_use_threads, initargs=(per_tile,)) as pool:
            futures = [pool.submit(_in_language, message_language(), p, out_dir, force, workers=per_tile)
                       for p in _largest_first(paths)]
            results = _gather(futures, as_completed, lambda fs: [f.cancel() for f in fs], fb)
    return [results[p] for p in paths]


def _in_language(language: str, src: Path, *args, **kwargs) -> PreparedTile:
    """``prepare_tile`` in a worker process, its errors in the caller's language (a spawned
    process, or a Dask worker, starts in English)."""
    set_message_language(language)
    return prepare_tile(src, *args, **kwargs)


def _largest_first(paths: list[Path]) -> list[Path]:
    """The tiles by decreasing point count: a commune's border tiles hold a fraction of the
    others', and a large tile taken last would leave the other workers idle meanwhile.
    The header alone is read, never lazrs started on a file that may be damaged; an
    unreadable one sorts last (its worker reports it)."""
    import laspy

    def points(path: Path) -> int:
        try:
            with open(path, "rb") as fh:
                return int(laspy.LasHeader.read_from(fh).point_count)
        except Exception:
            return -1
    return sorted(paths, key=points, reverse=True)


def _use_threads(threads: int) -> None:
    """In a new worker process, before lazrs starts its thread pool: its size."""
    os.environ["RAYON_NUM_THREADS"] = str(threads)


def default_workers(paths: list[Path], available: int | None = None) -> int:
    """One process per core, as many as memory allows: a tile is prepared in memory
    (BYTES_PER_POINT: 1.6 GB for a 20 M-point tile), so a 16 GB workstation with eight cores
    must not start eight at once. ``available`` defaults to the system's MemAvailable."""
    import laspy
    workers = max(1, min(len(paths), os.cpu_count() or 1))
    try:
        largest = max(laspy.open(p).header.point_count for p in paths)
        available = available_memory() if available is None else available
    except Exception:   # an unreadable tile fails later in its own worker, with its own message
        return workers
    if available is None:
        return workers
    return max(1, min(workers, int(0.8 * available // max(largest * BYTES_PER_POINT, 1))))


def _gather(futures, completed, cancel, fb: Feedback) -> dict[Path, PreparedTile]:
    """Results as tiles finish (local or Dask futures alike), with progress and cancel."""
    results: dict[Path, PreparedTile] = {}
    try:
        for done, future in enumerate(completed(futures), 1):
            res = future.result()
            results[res.source] = res
            fb.progress(done / len(futures), f"{res.source.name} done")
    except Canceled:
        cancel(futures)
        raise
    return results
