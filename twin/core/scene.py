"""The scene: CRS and local origin, layer tree, camera, bookmarks, timeline, and the
components that features attach to it (projects, tours, kiosk settings, the sun, a
plugin's own: see twin.core.components). The core knows none of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import numpy as np
from psygnal import Signal, SignalGroupDescriptor

from twin.core.camera import Bookmark, Camera
from twin.core.crs import DEFAULT_CRS, parse_crs
from twin.core.layers import DataLayer, Layer, LayerGroup, TemporalLayer
from twin.core.timeline import Timeline

T = TypeVar("T")


def _now_hour() -> datetime:
    return datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0)


@dataclass(eq=False)
class Scene:
    name: str = "Untitled scene"
    crs: str = DEFAULT_CRS
    origin: tuple[float, float, float] | None = None
    layers: LayerGroup = field(default_factory=lambda: LayerGroup("Layers"))
    camera: Camera = field(default_factory=Camera)
    timeline: Timeline = field(default_factory=lambda: Timeline(_now_hour()))
    path: Path | None = None
    # shown to the public (kiosk, council): overlays hide figures that could identify
    # people (consumption under 10 delivery points, small footfall counts)
    public: bool = False

    events: ClassVar[SignalGroupDescriptor] = SignalGroupDescriptor()
    bookmarks_changed: ClassVar[Signal] = Signal()

    def __post_init__(self):
        crs = parse_crs(self.crs)
        if not crs.is_projected:
            raise ValueError(f"scene CRS must be projected (metres), {self.crs} is not; "
                             f"use e.g. EPSG:2154 (Lambert-93)")
        self._bookmarks: dict[str, Bookmark] = {}
        self._components: dict[str, Any] = {}

    # -- components ------------------------------------------------------------------------
    def component(self, name: str, factory: Callable[["Scene"], T] | None = None) -> T:
        """The component ``name``, made by ``factory(scene)`` on first use. Features give
        it a typed accessor (``Projects.of(scene)``, ``Tours.of(scene)``...)."""
        if name not in self._components:
            if factory is None:
                known = ", ".join(self._components) or "none"
                raise KeyError(f"this scene has no component {name!r} (it has: {known})")
            self._components[name] = factory(self)
        return self._components[name]

    def set_component(self, name: str, component: Any) -> None:
        """Attach ``component`` as ``name`` (a scene file's section read, a new kiosk set-up)."""
        self._components[name] = component

    @property
    def components(self) -> dict[str, Any]:
        """The components attached so far, by name."""
        return dict(self._components)

    # -- bookmarks -------------------------------------------------------------------------
    @property
    def bookmarks(self) -> dict[str, Bookmark]:
        return dict(self._bookmarks)

    def add_bookmark(self, bookmark: Bookmark) -> None:
        self._bookmarks[bookmark.name] = bookmark
        self.bookmarks_changed.emit()

    def remove_bookmark(self, name: str) -> None:
        del self._bookmarks[name]
        self.bookmarks_changed.emit()

    def bookmark(self, name: str) -> Bookmark:
        try:
            return self._bookmarks[name]
        except KeyError:
            known = ", ".join(self._bookmarks) or "none"
            raise KeyError(f"no bookmark named {name!r} (this scene has: {known})") from None

    # -- layers ---------------------------------------------------------------------------
    def add_layer(self, layer: Layer, group: LayerGroup | None = None) -> Layer:
        (group or self.layers).append(layer)
        return layer

    def data_layers(self) -> list[DataLayer]:
        return [layer for layer in self.layers.leaves() if isinstance(layer, DataLayer)]

    def time_extent(self, visible_only: bool = True):
        """The period the loaded time-aware layers cover together (UTC), or None."""
        spans = [layer.time_extent() for layer in self.data_layers() if isinstance(layer, TemporalLayer)
                 and (layer.effectively_visible or not visible_only)]
        spans = [s for s in spans if s is not None]
        if not spans:
            return None
        return min(s[0] for s in spans), max(s[1] for s in spans)

    def bounds(self) -> tuple[float, float, float, float, float, float] | None:
        """Union of loaded layers' bounds in scene coordinates (xmin, ymin, zmin, xmax...)."""
        boxes = [np.asarray(layer.data.bounds) for layer in self.layers.leaves()
                 if layer.data is not None and getattr(layer.data, "bounds", None) is not None]
        if not boxes:
            return None
        boxes = np.vstack(boxes)
        return tuple(float(v) for v in np.concatenate([boxes[:, :3].min(axis=0), boxes[:, 3:].max(axis=0)]))

    def set_origin_from(self, xmin: float, ymin: float, xmax: float, ymax: float) -> None:
        """Pick a round local origin near the centre of the data (kept once chosen)."""
        if self.origin is None:
            self.origin = (float(round((xmin + xmax) / 2, -2)), float(round((ymin + ymax) / 2, -2)), 0.0)
