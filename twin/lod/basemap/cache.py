"""Tiles kept on disk between sessions, so that a scene seen once opens offline: under
``<twin's cache>/tiles/<service key>/<level>/<col>/<row>`` (``TWIN_CACHE_DIR``, else
``$XDG_CACHE_HOME/twin``), at most ``TWIN_TILE_CACHE_MB`` (default 500 MB), the least
recently used evicted first (a read touches the file). Each file starts with the moment
the tile expires (from ``Cache-Control: max-age`` or ``Expires``, else a week): an expired
tile is fetched again, and still served when the service cannot be reached; a
``no-store`` tile is not written. Files are written aside and renamed when whole."""

from __future__ import annotations

import os
import struct
import threading
import time
from email.utils import parsedate_to_datetime
from pathlib import Path

from twin.lod.cache import cache_root
from twin.lod.work import megabytes_from_env

DEFAULT_TTL_S = 7 * 24 * 3600
_HEAD = struct.Struct(">d")       # the expiry, seconds since the epoch


def tiles_dir() -> Path:
    return cache_root() / "tiles"


def cache_bytes_from_env() -> int:
    return int(megabytes_from_env("TWIN_TILE_CACHE_MB", 500) * 1e6)


def expiry(headers: dict, now: float | None = None) -> float | None:
    """When an answer goes stale by its headers; None when it must not be stored."""
    now = time.time() if now is None else now
    control = {part.strip().split("=")[0].lower(): part.strip().partition("=")[2]
               for part in headers.get("cache-control", "").split(",") if part.strip()}
    if "no-store" in control:
        return None
    if "no-cache" in control:
        return now
    if control.get("max-age", "").isdigit():
        return now + int(control["max-age"])
    if headers.get("expires"):
        try:
            return parsedate_to_datetime(headers["expires"]).timestamp()
        except (TypeError, ValueError):
            return now      # an invalid date means already expired (RFC 9111 §5.3)
    return now + DEFAULT_TTL_S


class DiskCache:
    """Bytes by key path, size-bounded, shared by the threads of one process."""

    def __init__(self, root: Path | None = None, max_bytes: int | None = None):
        self.root = Path(root) if root is not None else tiles_dir()
        self.max_bytes = int(max_bytes if max_bytes is not None else cache_bytes_from_env())
        self._lock = threading.Lock()
        self._size: int | None = None     # bytes on disk, counted on first write

    def path(self, *parts: str) -> Path:
        return self.root.joinpath(*parts)

    def read(self, *parts: str) -> tuple[bytes, bool] | None:
        """(payload, fresh) of a cached entry, None when absent or damaged."""
        path = self.path(*parts)
        try:
            raw = path.read_bytes()
            os.utime(path)                  # recently used
        except OSError:
            return None
        if len(raw) < _HEAD.size:
            return None
        (expires,) = _HEAD.unpack_from(raw)
        return raw[_HEAD.size:], expires > time.time()

    def write(self, payload: bytes, expires: float, *parts: str) -> None:
        """Store (a cache that cannot be written is only a missed saving)."""
        path = self.path(*parts)
        aside = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.partial")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            old = path.stat().st_size if path.exists() else 0
            aside.write_bytes(_HEAD.pack(expires) + payload)
            os.replace(aside, path)
        except OSError:
            aside.unlink(missing_ok=True)
            return
        with self._lock:
            if self._size is None:
                self._size = self._scan()
            else:
                self._size += len(payload) + _HEAD.size - old
            if self._size > self.max_bytes:
                self._evict()

    def _files(self) -> list[os.DirEntry]:
        found, stack = [], [self.root]
        while stack:
            try:
                entries = list(os.scandir(stack.pop()))
            except OSError:
                continue
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif entry.is_file(follow_symlinks=False) and not entry.name.endswith(".partial"):
                    found.append(entry)
        return found

    def _scan(self) -> int:
        return sum(e.stat().st_size for e in self._files())

    def _evict(self) -> None:
        """Down to nine tenths of the bound, least recently used first."""
        entries = sorted((e.stat().st_mtime, e.stat().st_size, e.path) for e in self._files())
        size = sum(s for _, s, _ in entries)
        for _, bytes_, path in entries:
            if size <= 0.9 * self.max_bytes:
                break
            try:
                os.unlink(path)
            except OSError:
                continue
            size -= bytes_
        self._size = size
