"""What `twin prepare --scheduler` sets up on the workers of a Dask cluster, so that a
worker prepares a tile as fast as a process of the local pool.

Dask's nanny starts every worker with ``MALLOC_TRIM_THRESHOLD_=65536`` (its
``distributed.nanny.pre-spawn-environ``), to hand freed memory back to the system. Setting
any threshold turns off glibc's dynamic mmap threshold, which then stays at 128 kB: every
numpy array above it is mapped afresh and unmapped when freed, and its pages fault in again
each time. A 5 M-point tile then took 10× the page faults of a plain process (410 k
against 44 k) and 1.1–2.5 s of kernel time against 0.2–1.4 s; Dask's workers ran at 0.67×
the local pool's speed (`benchmarks/bench_prepare.py`). The plugin puts the thresholds
where glibc's own rule takes them (32 MB for mmap, twice that for trimming), as in any
plain process."""

from __future__ import annotations

import ctypes
import os

from distributed.diagnostics.plugin import WorkerPlugin

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3    # glibc's mallopt parameters
MMAP_THRESHOLD = 32 << 20                      # glibc's dynamic threshold's ceiling on 64 bits


def plain_malloc() -> bool:
    """glibc's thresholds as in a plain process, where the environment had fixed them;
    True when they were changed."""
    if "MALLOC_TRIM_THRESHOLD_" not in os.environ:
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:           # not glibc: the variable means nothing there
        return False
    return bool(libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and \
        bool(libc.mallopt(M_TRIM_THRESHOLD, 2 * MMAP_THRESHOLD))


class PlainMalloc(WorkerPlugin):
    """Runs ``plain_malloc`` on every worker of the cluster, present and future."""

    name = "twin-plain-malloc"

    def setup(self, worker) -> None:
        plain_malloc()
