"""Plain LAS/LAZ files made fast, the way QGIS indexes them: the first time such a file is
shown thinned, it is turned into COPC in the background, into a cache folder; the next
time (and as soon as it is ready) the layer opens from the copy and refines as you zoom.

The copy is named after the file's absolute path, size and modification time, so an
edited or replaced file is prepared again. ``TWIN_CACHE_DIR`` moves the cache (default
``$XDG_CACHE_HOME/twin`` or ``~/.cache/twin``); ``TWIN_AUTO_PREPARE=0`` turns it off."""

from __future__ import annotations

import hashlib
import os
import zipfile
from multiprocessing import get_context
from multiprocessing.pool import AsyncResult
from pathlib import Path

import numpy as np

from twin.lod.prepare import PreparedTile, prepare_tile


def cache_root() -> Path:
    """twin's cache: ``TWIN_CACHE_DIR``, else ``$XDG_CACHE_HOME/twin`` or ``~/.cache/twin``."""
    return Path(os.environ.get("TWIN_CACHE_DIR") or Path(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "twin")


def read_npz(path: Path) -> dict[str, np.ndarray] | None:
    """The arrays of a cached answer; None when it is absent or damaged (then computed again)."""
    try:
        with np.load(path, allow_pickle=False) as z:
            return {name: z[name] for name in z.files}
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile):
        return None


def write_npz(path: Path, compressed: bool = True, **arrays: np.ndarray) -> None:
    """Written aside, then renamed: a reader never sees half a file. A cache that cannot
    be written is only a missed saving. ``compressed=False`` for arrays zlib barely
    shrinks but takes long to unpack (heights in float32)."""
    aside = path.with_name(f".{path.stem}.{os.getpid()}.partial.npz")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        (np.savez_compressed if compressed else np.savez)(aside, **arrays)
        os.replace(aside, path)
    except OSError:
        aside.unlink(missing_ok=True)


def cache_dir() -> Path:
    return cache_root() / "copc"


def auto_prepare_enabled() -> bool:
    return os.environ.get("TWIN_AUTO_PREPARE", "1").strip().lower() not in ("0", "no", "false", "off")


def cached_copy(src: Path, suffix: str = ".copc.laz") -> Path:
    """Where the cache keeps what was made from ``src`` (the key changes with the file)."""
    src = Path(src).resolve()
    stat = src.stat()
    key = hashlib.sha1(f"{src}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    stem = src.name.split(".")[0]
    return cache_dir() / f"{stem}-{key}{suffix}"


def prepared_copy(src: Path) -> Path | None:
    """The cached COPC of a plain file, when it exists and the file has not changed."""
    try:
        copy = cached_copy(src)
    except OSError:
        return None
    return copy if copy.is_file() else None


def _prepare_into_cache(src: Path) -> PreparedTile:
    return prepare_tile(src, cache_dir(), force=True, output=cached_copy(src))


class BackgroundPreparer:
    """Prepares plain tiles into the cache in one spawned process (a core stays free for
    the view); ``finished()`` is polled from the GUI thread. A multiprocessing pool, not
    an executor, because closing the app must stop a preparation at once (``terminate``):
    the copy is written aside and renamed, so a stopped one leaves nothing half-written."""

    def __init__(self, workers: int = 1):
        self._pool = get_context("spawn").Pool(workers)
        self._jobs: dict[Path, AsyncResult] = {}
        self.failed: set[Path] = set()    # not tried again in this session

    def submit(self, src: Path) -> bool:
        """Queue a tile unless it is prepared or queued already; True when queued."""
        src = Path(src).resolve()
        if src in self._jobs or src in self.failed or prepared_copy(src) is not None:
            return False
        self._jobs[src] = self._pool.apply_async(_prepare_into_cache, (src,))
        return True

    @property
    def pending(self) -> int:
        return sum(not job.ready() for job in self._jobs.values())

    def finished(self) -> list[PreparedTile]:
        """Tiles done since the last call (failures carry their error)."""
        out = []
        for src, job in list(self._jobs.items()):
            if job.ready():
                del self._jobs[src]
                try:
                    tile = job.get()
                except Exception as exc:   # a crashed worker: the file stays as it is
                    tile = PreparedTile(source=src, output=None, error=f"{src}: {exc}")
                if tile.error:
                    self.failed.add(src)
                out.append(tile)
        return out

    def shutdown(self) -> None:
        self._pool.terminate()
        self._jobs.clear()
