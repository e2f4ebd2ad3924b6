"""One tile's octree work, split into tasks that worker processes run over shared memory.

Threads were not enough: lazrs holds the GIL while it compresses, and the numpy steps
between its calls are many and short, so one tile scaled 1.5× on two cores where the
codec alone scales 1.8×. Here the tile's point records lie in shared memory (a file in
/dev/shm that every worker maps) and each step after decoding is a task over a range of
points or over one spatial block (``twin.lod.octree``): the bounds, the block of every
point, then, block by block, the level assignment, the node order and the LAZ chunks (a
chunk per node, compressed on the worker's own core). The parent writes what the tasks
return in block order, so the file is the same whatever the number of workers; with one
worker the same tasks run in the calling process, on its own memory.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import repeat
from multiprocessing import get_context
from typing import Iterator

import numpy as np

from twin.core.errors import Canceled
from twin.lod.octree import BLOCK_LEVEL, Cube, block_layout, block_of, merge_shallow

RANGE_POINTS = 2_000_000        # points of a range task (bounds, sorting by block)
_MAPPED: dict[str, np.ndarray] = {}     # this process's shared arrays, by path


@dataclass(frozen=True)
class Shared:
    """An array every worker finds by its path (mapped once per process; with one worker,
    an array of this process's own memory under a name)."""
    path: str
    dtype: np.dtype
    shape: tuple[int, ...]

    def array(self) -> np.ndarray:
        found = _MAPPED.get(self.path)
        if found is None:
            found = _MAPPED[self.path] = np.memmap(self.path, self.dtype, "r+", shape=self.shape).view(np.ndarray)
        return found


def _shm_dir() -> str | None:
    """Linux's shared memory folder (a tmpfs: files there never reach the disk); None
    elsewhere."""
    return "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


def _started() -> None:
    """A first task, so that the workers start (and import) while the tile is decoded."""


class Workspace:
    """The shared arrays of one tile and the processes that work on them (none with one
    worker, or without a shared memory folder: the tasks then run in this process). A
    context manager: on exit the workers stop and the arrays are freed."""

    def __init__(self, workers: int):
        shm = _shm_dir()
        self.workers = workers if shm else 1     # no files on disk for this: one process then
        self.pool = None
        self.folder = None
        self._paths: list[str] = []
        if self.workers > 1:
            self.folder = tempfile.mkdtemp(prefix="twin-prepare-", dir=shm)
            try:
                self.pool = ProcessPoolExecutor(workers, mp_context=get_context("spawn"))
                for _ in range(workers):
                    self.pool.submit(_started)
            except BaseException:
                self.__exit__()
                raise

    def array(self, name: str, dtype, shape: tuple[int, ...]) -> tuple[np.ndarray, Shared]:
        dtype = np.dtype(dtype)
        if self.folder is None:
            ref = Shared(f"memory:{id(self)}:{name}", dtype, shape)
            _MAPPED[ref.path] = np.empty(shape, dtype)
        else:
            ref = Shared(os.path.join(self.folder, name), dtype, shape)
            _MAPPED[ref.path] = np.memmap(ref.path, dtype, "w+", shape=shape).view(np.ndarray)
        self._paths.append(ref.path)
        return _MAPPED[ref.path], ref

    def map(self, fn, *args) -> Iterator:
        """``fn`` over the arguments, results in their order (tasks in the workers)."""
        return self.pool.map(fn, *args) if self.pool is not None else map(fn, *args)

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:      # the workers free their share of the memory as they go
            # waited for (an idle worker stops at once, a running task within its block): left
            # to stop on their own, the workers hung the process's exit when it was itself a
            # pool's worker (its queue's feeder gone before their stop reached them)
            self.pool.shutdown(wait=True, cancel_futures=True)
        for path in self._paths:
            _MAPPED.pop(path, None)
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


@dataclass(frozen=True)
class Tile:
    """What a task needs: the shared records, their order by block and their Morton codes
    in that order, the octree's cube, the file's integer grid, the COPC point format."""
    records: Shared
    by_block: Shared
    codes: Shared
    cube: Cube
    scales: np.ndarray
    offsets: np.ndarray
    point_format: int
    seed: int


def bounds(records: Shared, a: int, b: int) -> np.ndarray:
    """(2, 3): the lowest and highest integer X, Y, Z of points a to b."""
    r = records.array()[a:b]
    return np.array([[r[d].min() for d in ("X", "Y", "Z")], [r[d].max() for d in ("X", "Y", "Z")]], np.int64)


def sort_range(tile: Tile, a: int, b: int) -> np.ndarray:
    """Points a to b sorted by block (stably): their indices into ``by_block[a:b]``, their
    Morton codes into ``codes[a:b]``; their count per block."""
    r = tile.records.array()[a:b]
    code = tile.cube.codes_of_ints([r["X"], r["Y"], r["Z"]], tile.scales, tile.offsets)
    bid = block_of(code, tile.cube.depth)
    o = np.argsort(bid, kind="stable")
    tile.by_block.array()[a:b] = o + a
    tile.codes.array()[a:b] = code[o]
    return np.bincount(bid, minlength=8 ** BLOCK_LEVEL)


def block(tile: Tile, pieces: list[tuple[int, int]]):
    """One block (its points: these runs of ``by_block``, in file order): its points of
    the levels above the blocks, and its own nodes' keys, counts, chunk sizes and bytes."""
    by_block, codes = tile.by_block.array(), tile.codes.array()
    idx = np.concatenate([by_block[a:b] for a, b in pieces])
    code = np.concatenate([codes[a:b] for a, b in pieces])
    shallow, (order, keys, count) = block_layout(idx, code, tile.cube, tile.seed)
    return shallow, keys, count, *compress(tile.records.array(), order, count, tile.point_format)


def compress(records: np.ndarray, order: np.ndarray, count: np.ndarray, point_format: int) -> tuple[list, bytes]:
    """Nodes (``count`` points of ``order`` after another) each as its own LAZ chunk, on
    one core: the chunks' sizes and their bytes end to end."""
    import lazrs
    size = records.itemsize
    raw = np.take(records.view(np.uint8).reshape(-1, size), order, axis=0)   # 13× a structured gather
    chunks = np.split(raw.reshape(-1), np.cumsum(count)[:-1] * size)
    vlr = lazrs.LazVlr.new_for_compression(point_format, 0, True)
    dest = io.BytesIO()
    compressor = lazrs.LasZipCompressor(dest, vlr)
    compressor.compress_chunks(chunks)
    compressor.done()
    dest.seek(0)
    # the compressor closes with an empty chunk: nodes are never empty
    sizes = [nbytes for points, nbytes in lazrs.read_chunk_table(dest, vlr) if points]
    return sizes, dest.getvalue()[8:8 + sum(sizes)]       # after the offset to the chunk table


def extent(ws: Workspace, records: Shared, n: int) -> np.ndarray:
    """(2, 3): the lowest and highest integer X, Y, Z of the tile."""
    parts = np.array(list(ws.map(bounds, repeat(records), *_ranges(n))))
    return np.stack([parts[:, 0].min(axis=0), parts[:, 1].max(axis=0)])


def _ranges(n: int) -> tuple[list[int], list[int]]:
    starts = list(range(0, n, RANGE_POINTS))
    return starts, [min(n, a + RANGE_POINTS) for a in starts]


def nodes(ws: Workspace, tile: Tile, n: int, cancelled=lambda: False) -> Iterator[tuple[np.ndarray, bytes, int]]:
    """(key, LAZ chunk, points) of every node: each block's own nodes, blocks in their
    (spatial) order, then the nodes above the blocks, which gather points of several."""
    starts, ends = _ranges(n)
    counts = np.array(list(ws.map(sort_range, repeat(tile), starts, ends)))       # (ranges, blocks)
    first = np.asarray(starts)[:, None] + np.cumsum(counts, axis=1) - counts
    pieces = [[(int(a), int(a + c)) for a, c in zip(first[:, b], counts[:, b]) if c]
              for b in np.flatnonzero(counts.sum(axis=0))]
    shallow = []
    for above, keys, count, sizes, data in ws.map(block, repeat(tile), pieces):
        if cancelled():
            raise Canceled()
        shallow.append(above)
        yield from _chunks(keys, count, sizes, data)
    order, keys, count = merge_shallow(shallow, tile.cube.depth)
    groups = _groups(count, ws.workers)
    ends = np.cumsum(count)
    runs = [order[ends[a] - count[a]:ends[b - 1]] for a, b in groups]
    for (a, b), (sizes, data) in zip(groups, ws.map(compress_run, repeat(tile), runs, [count[a:b] for a, b in groups])):
        yield from _chunks(keys[a:b], count[a:b], sizes, data)


def _groups(count: np.ndarray, parts: int) -> list[tuple[int, int]]:
    """Consecutive nodes in about ``parts`` groups of about as many points."""
    cut = np.searchsorted(np.cumsum(count), np.arange(1, parts) * count.sum() / parts, side="right")
    edges = np.unique(np.r_[0, cut, len(count)])
    return [(int(a), int(b)) for a, b in zip(edges[:-1], edges[1:]) if b > a]


def compress_run(tile: Tile, order: np.ndarray, count: np.ndarray) -> tuple[list, bytes]:
    """``compress`` in a worker, on the shared records."""
    return compress(tile.records.array(), order, count, tile.point_format)


def _chunks(keys, count, sizes, data) -> Iterator[tuple[np.ndarray, memoryview, int]]:
    view, at = memoryview(data), 0
    for key, points, nbytes in zip(keys, count, sizes, strict=True):
        yield key, view[at:at + nbytes], int(points)
        at += nbytes
