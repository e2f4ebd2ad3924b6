"""`twin prepare`: turn LAS/LAZ tiles into COPC files that open level by level.

A plain LAZ must be decoded whole before a view can be drawn (~8 s for a 30 M-point IGN
tile); a COPC file holds its points in an octree whose first levels are a uniform
thinning of the whole tile, so a first view costs a few hundred milliseconds.

One tile: lazrs decodes it (in parallel), `twin.lod.octree` lays its points out in
spatial blocks on several threads, then nodes are gathered a batch at a time and each
batch's LAZ chunks are compressed in parallel by lazrs; copclib frames them as standard
COPC 1.0. Only the point records and one index a point live for the whole tile; the rest
exists a block or a batch at a time. The bytes written are the same on any number of
threads.

``workers`` counts cores: several tiles go to that many processes (one thread each), one
tile gets them all as threads. A Dask distributed cluster (``scheduler="tcp://host:port"``)
takes the tiles when one workstation is not enough.
"""

from __future__ import annotations

import os
import time
from multiprocessing import get_context
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from twin.core.errors import Canceled, DataError, TwinError
from twin.core.feedback import Feedback
from twin.lod.octree import GRID, Cube, Layout, layout
from twin.core.i18n import message

BYTES_PER_POINT = 80       # peak memory of one tile's preparation (bench_prepare.py measures it)
BATCH_POINTS = 1_000_000   # nodes are gathered and compressed this many points at a time


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


def _check_memory(src: Path, n: int, memory: int | None) -> None:
    need = n * BYTES_PER_POINT
    if memory is not None and need > memory:
        raise DataError(message("{:,} points need about {:.1f} GB to prepare, and only {:.1f} GB are free").format(
                            n, need / 1e9, memory / 1e9), path=src,
                        hint=message("close other programs, prepare fewer tiles at once (--workers), or "
                                     "prepare this tile on a machine with more memory"))


READ_POINTS = 4_000_000     # the tile is decoded this many points at a time


def _read_records(src: Path, threads: int):
    """The tile's point records in COPC's layout, decoded chunk by chunk into one array
    (laspy.read would hold the compressed file and a second copy of the records at its
    peak), and the file's header."""
    import laspy
    backend = laspy.LazBackend.LazrsParallel if threads > 1 else laspy.LazBackend.Lazrs
    try:
        with laspy.open(src, laz_backend=backend) as reader:
            h = reader.header
            fmt = _copc_format(h.point_format)
            same = h.point_format.id == fmt and not h.point_format.num_extra_bytes
            target = laspy.PointFormat(fmt)
            records = np.empty(int(h.point_count), target.dtype())
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
    return records, h


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


def _compress(records: np.ndarray, lay: Layout, nodes: range, vlr, threads: int):
    """(key, bytes, count) of each node in ``nodes``, every node its own LAZ chunk; the
    chunks of a batch are compressed in parallel by lazrs (the same bytes on one thread)."""
    import io
    import lazrs
    idx = lay.order[lay.start[nodes.start]:lay.start[nodes.stop - 1] + lay.count[nodes.stop - 1]]
    size = records.itemsize
    batch = np.take(records.view(np.uint8).reshape(-1, size), idx, axis=0)  # 13× a structured gather
    ends = lay.start[nodes.start:nodes.stop] - lay.start[nodes.start] + lay.count[nodes.start:nodes.stop]
    chunks = np.split(batch.reshape(-1), ends[:-1] * size)
    dest = io.BytesIO()
    compressor = (lazrs.ParLasZipCompressor if threads > 1 else lazrs.LasZipCompressor)(dest, vlr)
    compressor.compress_chunks(chunks)
    compressor.done()
    data = dest.getbuffer()
    dest.seek(0)
    # the one-thread compressor closes with an empty chunk: nodes are never empty
    table = [entry for entry in lazrs.read_chunk_table(dest, vlr) if entry[0]]
    at = 8                                  # after the offset to the chunk table
    for i, (count, nbytes) in zip(nodes, table, strict=True):
        yield lay.keys[i], data[at:at + nbytes], count
        at += nbytes


def prepare_tile(src: str | Path, out_dir: str | Path, force: bool = False,
                 output: Path | None = None, *, threads: int = 1, memory: int | None = None,
                 cancelled=lambda: False) -> PreparedTile:
    """Write ``out_dir/NAME.copc.laz`` (or ``output``) for one tile, on ``threads`` cores,
    refusing a tile that needs more than ``memory`` bytes (default: what the system has
    free). Errors are returned, not raised, so one bad tile never stops a batch (and
    results travel back from Dask workers)."""
    import copclib as copc
    import laspy
    import lazrs

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
        except Exception as exc:
            raise DataError(message("cannot be read as LAS/LAZ ({})").format(exc), path=src,
                            hint=message("the file may be truncated or corrupt; fetch it again")) from None
        if n == 0:
            raise DataError(message("holds no points"), path=src)
        _check_memory(src, n, available_memory() if memory is None else memory)
        if extra:
            result.note = "extra dimensions are not copied into the view cache"
        records, h = _read_records(src, threads)
        n = len(records)
        scales, offsets = np.asarray(h.scales), np.asarray(h.offsets)
        ints = [records[d] for d in ("X", "Y", "Z")]
        mins = np.array([v.min() for v in ints]) * scales + offsets
        maxs = np.array([v.max() for v in ints]) * scales + offsets

        cube = Cube.around(mins, maxs, n)
        lay = layout(n, cube.fine_of(ints, scales, offsets), cube, threads=threads, cancelled=cancelled)
        fmt = _copc_format(h.point_format)
        crs = h.parse_crs() if h.vlrs or h.evlrs else None
        config = copc.CopcConfigWriter(fmt, copc.Vector3(*h.scales), copc.Vector3(*h.offsets),
                                       crs.to_wkt() if crs is not None else "")
        vlr = lazrs.LazVlr.new_for_compression(fmt, 0, True)
        out_dir.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.part")
        writer = copc.FileWriter(str(tmp), config)
        try:
            header = writer.copc_config.las_header
            header.min, header.max = copc.Vector3(*mins), copc.Vector3(*maxs)
            info = writer.copc_config.copc_info
            info.center_x, info.center_y, info.center_z = (float(v) for v in cube.centre)
            info.halfsize = cube.half
            info.spacing = 2 * cube.half / GRID
            first = 0
            while first < len(lay.keys):    # batches of whole nodes, about BATCH_POINTS each
                if cancelled():
                    raise Canceled()
                last = int(np.searchsorted(lay.start, lay.start[first] + BATCH_POINTS, side="right"))
                last = max(last, first + 1)
                for key, data, count in _compress(records, lay, range(first, last), vlr, threads):
                    d, x, y, z = (int(v) for v in key)
                    writer.AddNodeCompressed(copc.VoxelKey(d, x, y, z),
                                             copc.VectorChar(np.frombuffer(data, dtype=np.int8)), count)
                first = last
        finally:
            writer.Close()
        os.replace(tmp, out)  # a crash leaves no half-written .copc.laz behind
        result.points, result.levels = n, cube.depth + 1
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
            futures = client.map(prepare_tile, paths, out_dir=out_dir, force=force, threads=1, pure=False)
            results = _gather(futures, dask_completed, client.cancel, fb)
    else:
        cores = max(1, workers or os.cpu_count() or 1)
        processes = min(cores, default_workers(paths)) if workers is None else min(cores, len(paths))
        threads = max(1, cores // processes)
        # spawn, not fork: a forked child inherits lazrs' thread pool locked and hangs
        with ProcessPoolExecutor(max_workers=processes, mp_context=get_context("spawn"),
                                 initializer=_use_threads, initargs=(threads,)) as pool:
            futures = [pool.submit(prepare_tile, p, out_dir, force, threads=threads) for p in paths]
            results = _gather(futures, as_completed, lambda fs: [f.cancel() for f in fs], fb)
    return [results[p] for p in paths]


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
