"""Progress and cancellation for long work, shared by the CLI, the GUI and plugins.

Long jobs receive a Feedback, report a fraction with a short text, and call
``check()`` between chunks; cancellation surfaces as :class:`twin.core.errors.Canceled`.
Thread-safe: the GUI cancels from its thread while a worker reports from another.
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Callable

from twin.core.errors import Canceled


class Feedback:
    def __init__(self, on_progress: Callable[[float, str], None] | None = None,
                 on_warning: Callable[[str], None] | None = None):
        self._canceled = threading.Event()
        self._on_progress = on_progress
        self._on_warning = on_warning
        self.warnings: list[str] = []

    def cancel(self) -> None:
        self._canceled.set()

    @property
    def canceled(self) -> bool:
        return self._canceled.is_set()

    def check(self) -> None:
        if self._canceled.is_set():
            raise Canceled()

    def progress(self, fraction: float, text: str = "") -> None:
        self.check()
        if self._on_progress is not None:
            self._on_progress(min(max(fraction, 0.0), 1.0), text)

    def warn(self, text: str) -> None:
        """A visible warning (e.g. a file without CRS); kept so the UI can show it."""
        self.warnings.append(text)
        if self._on_warning is not None:
            self._on_warning(text)
        else:
            warnings.warn(text, stacklevel=2)

    def collecting(self, sink: list[str]) -> "Feedback":
        """A child sharing this cancel flag whose warnings go to ``sink`` (per-layer notes)."""
        child = Feedback(on_warning=sink.append)
        child._canceled = self._canceled
        return child
