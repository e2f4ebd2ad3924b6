"""COPC nodes decoded in processes of their own.

lazrs holds the GIL while it decodes a LAZ chunk (~50 ms for a 30 k-point node on two
cores): decoded in a worker thread, every node a flight brings stalled the GUI thread and
its frame for that long. A spawned process holds only its own GIL; the worker thread that
asked waits for the answer without it. Spawned, never forked: the app's process holds Qt,
VTK and threads. One process fewer than the cores (one on two cores: the decoding threads
took turns on the GIL anyway), so that a core stays with the GUI thread and the renderer.
They start with the first tile opened (``warm``), not with the first node, and a pool whose
process died (a damaged chunk can abort lazrs) is replaced."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

import numpy as np

from twin.core.i18n import message
from twin.core.priority import lower_this_process

_POOL: ProcessPoolExecutor | None = None
_LOCK = threading.Lock()


def _pool() -> ProcessPoolExecutor:
    global _POOL
    with _LOCK:
        if _POOL is None:
            _POOL = ProcessPoolExecutor(max_workers=max(1, min(4, (os.cpu_count() or 2) - 1)),
                                        mp_context=get_context("spawn"), initializer=lower_this_process)
        return _POOL


def warm() -> None:
    """Start the decoding processes (their imports take a few tenths of a second)."""
    _pool().submit(int)


def decode_node(path: str, offset: int, size: int, count: int, laszip: bytes, record_size: int,
                selection: int) -> np.ndarray | None:
    """The ``count`` raw point records of the node at ``offset`` (``size`` bytes) in the file,
    decoded in a process of the pool; None when the file ends before the node does.
    Raises what lazrs raises, or RuntimeError when the decoding process died."""
    global _POOL
    pool = _pool()
    try:
        return pool.submit(_decode, path, offset, size, count, laszip, record_size, selection).result()
    except BrokenProcessPool:
        with _LOCK:
            if _POOL is pool:
                _POOL = None
        raise RuntimeError(message("the decoding process stopped")) from None


def _decode(path: str, offset: int, size: int, count: int, laszip: bytes, record_size: int,
            selection: int) -> np.ndarray | None:
    import laspy
    import lazrs
    with open(path, "rb") as fh:
        fh.seek(offset)
        data = fh.read(size)
    if len(data) != size:
        return None
    buf = np.zeros(count * record_size, dtype=np.uint8)
    lazrs.decompress_points_with_chunk_table(data, laszip, buf, [(count, size)],
                                             laspy.DecompressionSelection(selection).to_lazrs())
    return buf
