"""Background work below the drawing: the level-of-detail builders, decoders and tile
fetchers run at a lower scheduling priority, so that on a workstation of two cores a
moving view's frame (the GUI thread and Mesa's llvmpipe threads) gets the cores first
and the builders take what is left, rather than every frame that meets a chunk's build
costing twice its time. Idle, they still get every core.

Linux only: there ``setpriority`` on a thread's id applies to that thread alone. On
macOS and Windows it would lower the whole process (or does not exist), so it is left."""

from __future__ import annotations

import os
import sys
import threading

BACKGROUND_NICE = 19        # the lowest: a flight measured no slower than at 10, and idle it is the same


def lower_this_thread() -> None:
    """The calling thread (a pool's initializer) at ``BACKGROUND_NICE``; never raises."""
    if not sys.platform.startswith("linux"):
        return
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICE)
    except OSError:         # a sandbox that forbids it: the work is the same, only less polite
        pass


def lower_this_process() -> None:
    """A worker process (a pool's initializer), all its threads: any POSIX system."""
    if not hasattr(os, "nice"):
        return
    try:
        os.nice(max(0, BACKGROUND_NICE - os.nice(0)))
    except OSError:
        pass
