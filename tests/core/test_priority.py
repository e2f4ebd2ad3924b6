"""Background builders run below the drawing (twin.core.priority)."""

import os
import sys
import threading

import pytest

from twin.core.priority import BACKGROUND_NICE
from twin.lod.stream import worker_pool


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread priorities are Linux's")
def test_level_of_detail_workers_run_at_the_background_priority_and_the_caller_does_not():
    def nice():
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    mine = nice()
    assert worker_pool().submit(nice).result() >= BACKGROUND_NICE
    assert nice() == mine                    # only the pool's thread was lowered


@pytest.mark.skipif(not hasattr(os, "nice"), reason="process priorities are POSIX's")
def test_copc_decoding_processes_run_at_the_background_priority():
    from twin.lod import laz_decode
    before = os.nice(0)
    assert laz_decode._pool().submit(os.nice, 0).result() >= BACKGROUND_NICE
    assert os.nice(0) == before              # this process untouched
