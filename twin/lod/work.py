"""What the point and terrain streams share: pieces of a view (octree nodes, terrain
chunks) made in the worker pool, a few in flight at once, the rest queued and cheap to
drop when the view moves on. Everything here is called from one thread (the GUI's);
only ``_make`` runs in the workers."""

from __future__ import annotations

import os
import time
import warnings
from concurrent.futures import FIRST_COMPLETED, Future, wait
from typing import Any, Hashable

from twin.core.errors import Canceled, TwinError
from twin.core.feedback import Feedback
from twin.core.i18n import message

IN_FLIGHT = 4            # pieces in the pool at once: the rest wait, cheap to drop


def megabytes_from_env(name: str, default: float) -> float:
    """A cache size in MB from the environment, so a workstation with little memory can
    ask for less; the default, with a warning, when the value is not a number."""
    value = os.environ.get(name, str(default))
    try:
        return float(value)
    except ValueError:
        warnings.warn(message("{}={!r} is not a number of megabytes; using {:g}").format(name, value, default),
                      stacklevel=3)
        return float(default)


class BackgroundPieces:
    """A queue of keys, made by ``_make(key)`` in ``pool`` and handed to ``_store(key,
    result)``; a key that fails is not asked for again, with its reason in ``errors``."""

    def __init__(self, pool):
        self._pool = pool
        self._running: dict[Hashable, Future] = {}
        self._queue: list = []
        self._failed: set = set()
        self.errors: list[str] = []
        self._stop = Feedback(on_warning=lambda _text: None)   # cancels the work on close

    # what a stream provides
    def _make(self, key) -> Any:
        raise NotImplementedError

    def _store(self, key, result) -> None:
        raise NotImplementedError

    def _failure(self, key, exc: Exception) -> str:
        return f"{key} could not be made ({type(exc).__name__}: {exc})"

    # the queue
    def _want(self, keys: list, done) -> None:
        """Make ``keys`` (in that order) except those ``done`` already holds; what is
        running for a key no longer wanted is cancelled."""
        wanted = set(keys)
        for key in list(self._running):
            if key not in wanted and self._running[key].cancel():
                del self._running[key]
        self._queue = [k for k in keys if k not in done and k not in self._running and k not in self._failed]
        self._submit()

    def _submit(self) -> None:
        while self._queue and len(self._running) < IN_FLIGHT:
            key = self._queue.pop(0)
            self._running[key] = self._pool().submit(self._make, key)

    @property
    def busy(self) -> bool:
        return bool(self._running or self._queue)

    @property
    def pending(self) -> int:
        return len(self._running) + len(self._queue)

    def _take_finished(self) -> None:
        """Store what finished, note what failed (a bug in a reader must not take the view
        down), and start what waits."""
        for key, future in list(self._running.items()):
            if not future.done():
                continue
            del self._running[key]
            if future.cancelled():
                continue
            try:
                self._store(key, future.result())
            except Canceled:
                pass
            except TwinError as exc:
                self._failed.add(key)
                self.errors.append(exc.message)
            except Exception as exc:
                self._failed.add(key)
                self.errors.append(self._failure(key, exc))
        self._submit()

    def _wait_all(self, poll, feedback: Feedback | None, timeout: float, wanted: int, what: str) -> None:
        fb = feedback or Feedback()
        wanted = max(wanted, 1)
        deadline = time.monotonic() + timeout
        while True:
            poll()
            if not self.busy or time.monotonic() > deadline:
                return
            fb.progress(1 - self.pending / wanted, what.format(self.pending))
            wait(list(self._running.values()), timeout=0.1, return_when=FIRST_COMPLETED)

    def close(self) -> None:
        """Drop queued work; a piece being made stops at its next check."""
        self._stop.cancel()
        self._queue.clear()
        for future in self._running.values():
            future.cancel()
