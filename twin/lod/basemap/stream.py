"""A basemap's textures for the ground pieces on screen (the terrain's chunks, or one
flat ground), made in a small pool of network threads of their own (the CPU pool keeps
decoding points and meshing chunks) and kept in memory while the view may come back.

The pieces are asked for coarse first, so a parent's picture (a lower zoom level) is
there to stand in while its children's arrive. When the service does not answer, the
stream goes offline for ``OFFLINE_S``: textures then come from the caches alone (the
best coarser level fills in what is missing) and ``status`` says so, once, for the view
to show; pieces made offline are made again when the service answers again."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from typing import Hashable

from twin.core.feedback import Feedback
from twin.core.i18n import message
from twin.core.priority import lower_this_thread
from twin.lod.basemap.cache import DiskCache
from twin.lod.basemap.sources import Service, TileSource, open_source
from twin.lod.basemap.texture import Texture, texture_for
from twin.lod.work import BackgroundPieces

CONNECTIONS = 4          # tiles fetched at once, over every basemap: polite to the services
OFFLINE_S = 30.0         # after a service failed to answer, how long to use the caches alone
TEXTURE_PX = 256         # texels per piece side: one tile's worth
MEMORY_BYTES = 160_000_000
STATUS_CHARS = 120

_POOL: ThreadPoolExecutor | None = None
_POOL_LOCK = threading.Lock()


def tile_pool() -> ThreadPoolExecutor:
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ThreadPoolExecutor(max_workers=CONNECTIONS, thread_name_prefix="twin-tiles",
                                       initializer=lower_this_thread)
        return _POOL


class BasemapStream(BackgroundPieces):
    """``request({key: box})`` says which ground boxes (scene CRS) the view shows;
    ``poll`` takes in the textures made since; ``texture(key)`` is a piece's, or None."""

    def __init__(self, service: Service, scene_crs: str, disk: DiskCache | None = None,
                 texture_px: int = TEXTURE_PX):
        super().__init__(tile_pool)
        self.service, self.scene_crs, self.texture_px = service, scene_crs, texture_px
        self._disk = disk
        self._source: TileSource | None = None
        self._open_lock = threading.Lock()
        self.attribution = ""               # as the capabilities give it
        self._boxes: dict[Hashable, tuple] = {}
        self._known: dict[Hashable, tuple] = {}
        self._textures: OrderedDict[Hashable, Texture] = OrderedDict()
        self._bytes = 0
        self._offline_until = 0.0
        self._arrived = 0

    @property
    def offline(self) -> bool:
        return time.monotonic() < self._offline_until

    def _went_offline(self) -> None:
        self._offline_until = time.monotonic() + OFFLINE_S

    @property
    def status(self) -> str:
        """One line for the view: empty while all is well."""
        patched = any(not t.complete for k, t in self._textures.items() if k in self._boxes)
        if self.offline or patched:
            return message("offline: tiles from the cache")
        if not self.errors:
            return ""
        last = self.errors[-1].split(" — ")[0]       # the view's corner has room for what, not for the hint
        return last if len(last) <= STATUS_CHARS else last[:STATUS_CHARS - 1] + "…"

    def source(self) -> TileSource:
        """The service opened (its capabilities read) on first use, in a worker."""
        with self._open_lock:
            if self._source is None:
                self._source, self.attribution = open_source(self.service, self._disk)
            return self._source

    # -- what the view needs --------------------------------------------------------------
    def request(self, boxes: dict[Hashable, tuple]) -> None:
        """The pieces to texture, coarse first (the order given)."""
        self._boxes = dict(boxes)
        self._known.update(boxes)        # a piece being made may have left the view meanwhile
        if not self.offline:     # back online: what was patched from the cache is made again
            for key in [k for k, t in self._textures.items() if not t.complete and k in boxes]:
                self._bytes -= self._textures.pop(key).rgba.nbytes
        self._want(list(boxes), self._textures)

    def _make(self, key) -> Texture:
        self._stop.check()
        return texture_for(self.source(), self._known[key], self.texture_px, self.scene_crs,
                           offline=self.offline, on_unreachable=self._went_offline)

    def _failure(self, key, exc: Exception) -> str:
        return message("basemap tiles of {} could not be made ({}: {})").format(self.service.url,
                                                                             type(exc).__name__, exc)

    def _store(self, key, texture: Texture) -> None:
        self._textures[key] = texture
        self._arrived += 1
        self._bytes += texture.rgba.nbytes
        for old in list(self._textures):      # least recently used first, never what is shown
            if self._bytes <= MEMORY_BYTES:
                break
            if old not in self._boxes:
                self._bytes -= self._textures.pop(old).rgba.nbytes

    # -- what arrived --------------------------------------------------------------------
    def poll(self) -> bool:
        """Take in finished textures; True when some arrived."""
        before = self._arrived
        self._take_finished()
        return self._arrived != before

    def texture(self, key) -> Texture | None:
        found = self._textures.get(key)
        if found is not None:
            self._textures.move_to_end(key)
        return found

    def wait(self, feedback: Feedback | None = None, timeout: float = 60.0) -> None:
        """Block until the textures asked for are made (offscreen renders), or ``timeout``."""
        self._wait_all(self.poll, feedback, timeout, len(self._boxes), "Fetching basemap tiles ({} to go)")
