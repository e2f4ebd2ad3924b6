"""`twin prepare`: turn LAS/LAZ tiles into COPC files that open level by level.

A plain LAZ must be decoded whole before a view can be drawn (~8 s for a 30 M-point IGN
tile); a COPC file holds its points in an octree whose first levels are a uniform
thinning of the whole tile, so a first view costs a few hundred milliseconds.

Each point goes to the shallowest octree level whose voxel grid (GRID cells per node
side) still has that voxel free, visiting points in a seeded random order so every level
is an even sample. Everything is numpy over whole arrays; the only Python loop is over
octree nodes to hand them to copclib, which writes standard COPC 1.0.

Tiles are independent, so they are prepared in parallel: a local process pool by
default, or the workers of a Dask distributed cluster (``scheduler="tcp://host:port"``)
when one workstation is not enough.
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

GRID = 128                 # voxels per node side: the COPC "spacing" is node size / GRID
BYTES_PER_POINT = 170      # peak memory of one tile's preparation, measured (bench_lidar_lod)
LEAF_POINTS = 50_000       # aim for leaves about this full
SEED = 2154


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


def _fine_cells(xyz: np.ndarray, centre: np.ndarray, half: float, depth: int) -> np.ndarray:
    """Integer voxel coordinates at the finest sampling grid; coarser grids are shifts.
    int32 is enough (2¹² · GRID cells a side at most) and halves the biggest array."""
    cells = (2 ** depth) * GRID
    return np.clip(((xyz - (centre - half)) / (2 * half) * cells).astype(np.int32), 0, cells - 1)


def assign_levels(xyz: np.ndarray, centre: np.ndarray, half: float, depth: int,
                  seed: int = SEED) -> np.ndarray:
    """Octree level of every point (0 = root), by first-come voxel sampling per level."""
    n = len(xyz)
    level = np.full(n, depth, dtype=np.int8)
    fine = _fine_cells(xyz, centre, half, depth)
    remaining = np.random.default_rng(seed).permutation(n)
    for d in range(depth):
        if not len(remaining):
            break
        ijk = (fine[remaining] >> (depth - d)).astype(np.int64)
        cells = (2 ** d) * GRID
        key = (ijk[:, 0] * cells + ijk[:, 1]) * cells + ijk[:, 2]
        # one point per occupied voxel, the first come in the seeded random order: the
        # fast unstable sort groups equal keys (in an order that varies with the CPU's SIMD
        # sort), and each group's smallest position picks the same point on every machine
        order = np.argsort(key, kind="quicksort")
        sorted_key = key[order]
        first = np.minimum.reduceat(order, np.flatnonzero(np.r_[True, sorted_key[1:] != sorted_key[:-1]]))
        level[remaining[first]] = d
        keep = np.ones(len(remaining), dtype=bool)
        keep[first] = False
        remaining = remaining[keep]
    return level


def node_keys(xyz: np.ndarray, level: np.ndarray, centre: np.ndarray, half: float) -> np.ndarray:
    """(N, 4) int64 COPC voxel keys (d, x, y, z) of the node holding each point."""
    n_side = (2 ** level.astype(np.int64))[:, None]
    ijk = np.floor((xyz - (centre - half)) / (2 * half) * n_side).astype(np.int64)
    ijk = np.clip(ijk, 0, n_side - 1)
    return np.column_stack([level.astype(np.int64), ijk])


def depth_for(n: int) -> int:
    """Levels below the root so that leaves hold about LEAF_POINTS (2.5-D data: ×4 a level)."""
    return int(min(12, max(0, np.ceil(np.log(max(n, 1) / LEAF_POINTS) / np.log(4)))))


def _copc_format(point_format) -> int:
    names = set(point_format.dimension_names)
    if "nir" in names:
        return 8
    return 7 if {"red", "green", "blue"} <= names else 6


def prepare_tile(src: str | Path, out_dir: str | Path, force: bool = False,
                 output: Path | None = None) -> PreparedTile:
    """Write ``out_dir/NAME.copc.laz`` (or ``output``) for one tile; errors are returned,
    not raised, so one bad tile never stops a batch (and results travel back from Dask
    workers)."""
    import copclib as copc
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
            las = laspy.read(src, laz_backend=laspy.LazBackend.detect_available()[0])
        except Exception as exc:
            raise DataError(f"cannot be read as LAS/LAZ ({exc})", path=src,
                            hint="the file may be truncated or corrupt; fetch it again") from None
        n = len(las.points)
        if n == 0:
            raise DataError("holds no points", path=src)
        fmt = _copc_format(las.header.point_format)
        if las.header.point_format.num_extra_bytes:
            result.note = "extra dimensions are not copied into the view cache"
        if las.header.point_format.id == fmt and not las.header.point_format.num_extra_bytes:
            records = las.points.array   # already COPC's record layout (IGN's PF 6): no copy
        else:
            target = laspy.LasData(laspy.LasHeader(point_format=fmt, version="1.4"))
            target.points = laspy.ScaleAwarePointRecord.zeros(n, header=target.header)
            for name in target.point_format.dimension_names:
                if name in las.point_format.dimension_names:
                    target[name] = las[name]
            # keep the source's integer grid: same scale and offset, no precision lost
            records = target.points.array
            for dim in ("X", "Y", "Z"):
                records[dim] = las.points.array[dim]

        xyz = np.column_stack([las.x, las.y, las.z]).astype(np.float64)
        mins, maxs = xyz.min(axis=0), xyz.max(axis=0)
        centre = (mins + maxs) / 2
        half = float((maxs - mins).max() / 2) * 1.0001 + 1e-6
        depth = depth_for(n)
        level = assign_levels(xyz, centre, half, depth)
        keys = node_keys(xyz, level, centre, half)
        side = np.int64(2 ** depth)  # one sortable int64 per node: ((d·S + x)·S + y)·S + z
        packed = ((keys[:, 0] * side + keys[:, 1]) * side + keys[:, 2]) * side + keys[:, 3]
        # node order, and within a node the file's order: a stable sort writes the same
        # bytes on every machine (an unstable one orders ties by the CPU's SIMD sort)
        order = np.argsort(packed, kind="stable")
        sorted_keys = keys[order]
        starts = np.flatnonzero(np.r_[True, np.diff(packed[order]) != 0])
        ends = np.r_[starts[1:], n]
        records = records[order]  # one gather; each node is then a contiguous slice

        crs = las.header.parse_crs() if las.header.vlrs or las.header.evlrs else None
        h = las.header
        config = copc.CopcConfigWriter(fmt, copc.Vector3(*h.scales), copc.Vector3(*h.offsets),
                                       crs.to_wkt() if crs is not None else "")
        out_dir.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.part")
        writer = copc.FileWriter(str(tmp), config)
        try:
            header = writer.copc_config.las_header
            header.min, header.max = copc.Vector3(*mins), copc.Vector3(*maxs)
            info = writer.copc_config.copc_info
            info.center_x, info.center_y, info.center_z = (float(v) for v in centre)
            info.halfsize = half
            info.spacing = 2 * half / GRID
            for a, b in zip(starts, ends, strict=True):
                d, x, y, z = (int(v) for v in sorted_keys[a])
                chunk = records[a:b]
                writer.AddNode(copc.VoxelKey(d, x, y, z),
                               copc.VectorChar(np.frombuffer(chunk.tobytes(), dtype=np.int8)))
        finally:
            writer.Close()
        os.replace(tmp, out)  # a crash leaves no half-written .copc.laz behind
        result.points, result.levels = n, depth + 1
    except TwinError as exc:
        result.error, result.output = exc.message, None
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
            raise TwinError(f"cannot reach the Dask scheduler at {scheduler} ({exc})",
                            hint="start it (dask scheduler) or leave out --scheduler to use this machine") from None
        with client:
            futures = client.map(prepare_tile, paths, out_dir=out_dir, force=force, pure=False)
            results = _gather(futures, dask_completed, client.cancel, fb)
    else:
        workers = workers or default_workers(paths)
        # spawn, not fork: a forked child inherits lazrs' thread pool locked and hangs
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
            futures = [pool.submit(prepare_tile, p, out_dir, force) for p in paths]
            results = _gather(futures, as_completed, lambda fs: [f.cancel() for f in fs], fb)
    return [results[p] for p in paths]


def default_workers(paths: list[Path], available: int | None = None) -> int:
    """One process per core, as many as memory allows: a tile is prepared in memory
    (~170 B a point: 3.4 GB for a 20 M-point tile), so a 16 GB workstation with eight cores
    must not start eight at once. ``available`` defaults to the system's MemAvailable."""
    import laspy
    workers = max(1, min(len(paths), os.cpu_count() or 1))
    try:
        largest = max(laspy.open(p).header.point_count for p in paths)
        if available is None:
            with open("/proc/meminfo") as fh:
                available = next(int(v.split()[1]) * 1024 for v in fh if v.startswith("MemAvailable"))
    except Exception:   # an unreadable tile fails later in its own worker, with its own message
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
