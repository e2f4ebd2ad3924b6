"""Turn a scene's layer sources into scene-ready data (no Qt, no VTK).

Three phases so that each layer sees what it depends on: read every source and bring
it into the scene CRS; choose the local origin; build geometry on the ground made of
the ground layers (terrain). Each kind reads and builds its own layers (twin.io.kinds):
this module only orders them, reports progress and isolates errors. Runs in a worker
thread in the app, can be cancelled; a layer that fails carries its error and the
others still load.

Layers of the kinds that say they may (``concurrent``, twin's own) are read, then built,
in parallel threads: their libraries (pyogrio, rasterio, lazrs, shapely, numpy) do the
work with the GIL released, so a commune's parcels, roads, buildings, terrain and LiDAR
tiles read side by side. The others (plugins' kinds) run one after another in the
calling thread, as before. Which layer sets the origin does not depend on which thread
finished first.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from twin.core.data import RasterGrid
from twin.core.errors import Canceled, TwinError
from twin.core.feedback import Feedback
from twin.core.layers import DataLayer
from twin.core.scene import Scene
from twin.geometry.ground import Ground
from twin.io.kinds import is_ground, is_overlay, loader_for
from twin.io.limits import layer_call
from twin.io.registry import registry

FAR_KM = 500.0  # a layer this far from the others almost always has a wrong CRS
THREADS = 4     # layers read or built at once (they wait on files as well as on the cores)


@dataclass
class LoadResult:
    layer: DataLayer
    data: Any = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


def load_batches(scene: Scene) -> list[list[DataLayer]]:
    """The scene's data layers in the order a window loads them, each batch once the one
    before is drawn: what the first frame needs (the layers shown and the ground they
    stand on), then the overlays shown over the ground and buildings (parcels, roads,
    trees, markers: on a commune the parcels alone cost more than terrain and buildings),
    then the hidden layers. Overlays come first when nothing else is shown."""
    layers = scene.data_layers()
    shown = [layer for layer in layers if layer.effectively_visible]
    solid = [layer for layer in shown if not is_overlay(layer)]
    first = {id(layer) for layer in solid or shown} | {id(layer) for layer in layers if is_ground(layer)}
    batches = ([la for la in layers if id(la) in first],
               [la for la in shown if id(la) not in first],
               [la for la in layers if id(la) not in first and not la.effectively_visible])
    return [batch for batch in batches if batch]


def load_scene_data(scene: Scene, feedback: Feedback | None = None,
                    layers: list[DataLayer] | None = None) -> list[LoadResult]:
    """Build data for ``layers`` (default: every data layer) without assigning it.

    The caller assigns ``layer.data`` on the thread that owns the view. Ground layers
    already loaded in the scene still serve as ground for new layers."""
    fb = feedback or Feedback()
    todo = list(layers if layers is not None else scene.data_layers())
    order = sorted(todo, key=lambda layer: not is_ground(layer))
    results = {id(layer): LoadResult(layer) for layer in order}
    raws: dict[int, Any] = {}

    def read(layer: DataLayer) -> None:
        res = results[id(layer)]
        with _isolated(res, "reading"):
            raws[id(layer)] = layer_call(layer, "reading", lambda: loader_for(layer).read(
                layer, scene, fb.collecting(res.warnings)), fb)

    registry().loaded()      # the plugins found once, before threads ask for importers
    _each(order, read, fb, 0.0, 0.6, "Reading")
    raws = {id(layer): raws[id(layer)] for layer in order if id(layer) in raws}   # in order

    if scene.origin is None:
        # centred on the first layer read (a terrain when there is one): a layer in a
        # wrong CRS then stands out as far away instead of dragging the origin with it
        boxes = [b for b in map(_extent, raws.values()) if b is not None]
        if boxes:
            scene.set_origin_from(*boxes[0])
        else:
            scene.origin = (0.0, 0.0, 0.0)
    _warn_far_layers(scene, raws, results)
    ground = _ground(scene, order, todo, raws)

    def build(layer: DataLayer) -> None:
        res = results[id(layer)]
        raw = raws.pop(id(layer))
        with _isolated(res, "building"):
            res.data = layer_call(layer, "building", lambda: loader_for(layer).build(
                layer, raw, scene, ground, fb.collecting(res.warnings)), fb)
    _each([layer for layer in order if id(layer) in raws], build, fb, 0.6, 0.4, "Building")
    fb.progress(1.0, "Done")
    for res in results.values():
        for text in res.warnings:
            fb.warn(text)
    return [results[id(layer)] for layer in todo]


class Preload:
    """A scene's first batch (``load_batches``) read in a thread started at once, before the
    modules that draw it (Qt, VTK, pyvista's plotting and the matplotlib it pulls in: over
    a second) are imported: GDAL, lazrs and numpy read with the GIL released meanwhile.
    ``results()`` waits for it; a window adopts its cancel and progress (``listener``)."""

    def __init__(self, scene: Scene):
        self.batches = load_batches(scene)
        self.listener: Callable[[float, str], None] | None = None
        self.feedback = Feedback(on_progress=self._progress, on_warning=lambda text: None)
        pool = ThreadPoolExecutor(1, thread_name_prefix="twin-preload")
        self._future = pool.submit(load_scene_data, scene, self.feedback, self.batches[0] if self.batches else [])
        pool.shutdown(wait=False)       # its thread ends with the work, not waited for here

    def _progress(self, fraction: float, text: str) -> None:
        if self.listener is not None:
            self.listener(fraction, text)

    def results(self) -> list[LoadResult]:
        """The first batch's results; raises Canceled once cancelled through ``feedback``."""
        return self._future.result()


def _each(layers: list[DataLayer], work: Callable[[DataLayer], None], fb: Feedback, start: float,
          span: float, doing: str) -> None:
    """``work`` on every layer: the concurrent kinds' in threads, the others in this
    thread meanwhile, in order. Cancelling stops them all, each at its next check; it
    raises here once every thread has stopped."""
    apart = [_concurrent(layer) and len(layers) > 1 for layer in layers]
    together = [layer for layer, a in zip(layers, apart) if a]
    alone = [layer for layer, a in zip(layers, apart) if not a]
    left = {id(layer): layer.name for layer in layers}

    def advance(layer: DataLayer, before: bool = False) -> None:
        if not before:
            del left[id(layer)]
        names = [layer.name] if before else list(left.values())[:3]
        fb.progress(start + span * (1 - len(left) / max(len(layers), 1)), f"{doing} {', '.join(names)}")

    fb.check()
    with ThreadPoolExecutor(max_workers=max(1, min(THREADS, len(together))), thread_name_prefix="twin-load") as pool:
        futures = {pool.submit(work, layer): layer for layer in together}
        for layer in alone:
            advance(layer, before=True)
            work(layer)
            advance(layer)
        for future in as_completed(futures):
            future.result()     # a layer's own errors stay in its result: only Canceled rises
            advance(futures[future])


def _concurrent(layer: DataLayer) -> bool:
    """The layer's kind may run in a thread beside the others (its loader says so)."""
    try:
        return bool(getattr(loader_for(layer), "concurrent", False))
    except TwinError:           # no loader: its read fails, with the reason, in this thread
        return False


@contextmanager
def _isolated(res: LoadResult, doing: str):
    """A layer's error stays its own: a TwinError is its message, any other exception (a
    bug in a reader or a plugin) a clear one; cancelling still stops everything."""
    try:
        yield
    except TwinError as exc:
        res.error = exc.message
    except Canceled:
        raise
    except Exception as exc:
        res.error = f"{res.layer.source}: unexpected error while {doing} ({type(exc).__name__}: {exc})"


def _ground(scene: Scene, order: list[DataLayer], todo: list[DataLayer], raws: dict) -> Ground:
    """The elevation grids of the ground layers just read and of those already loaded."""
    grids = [getattr(raws[id(layer)], "grid", raws[id(layer)])       # a tiled terrain's overview
             for layer in order if is_ground(layer) and id(layer) in raws]
    grids += [getattr(layer.data, "grid", None) for layer in scene.data_layers()
              if is_ground(layer) and layer.data is not None and layer not in todo]
    return Ground([g for g in grids if isinstance(g, RasterGrid) and not g.is_image])


def _extent(raw) -> tuple | None:
    """(x0, y0, x1, y1) of what a layer read, in the scene CRS; None when it has none yet
    (nothing in it, or a model in its own coordinates, placed when built)."""
    if getattr(raw, "local", False):
        return None
    bounds = getattr(raw, "bounds", None)
    return None if bounds is None else tuple(bounds)


def _warn_far_layers(scene: Scene, raws: dict, results: dict) -> None:
    ox, oy = scene.origin[0], scene.origin[1]
    for key, raw in raws.items():
        b = _extent(raw)
        if b is None:
            continue
        km = np.hypot((b[0] + b[2]) / 2 - ox, (b[1] + b[3]) / 2 - oy) / 1000
        if km > FAR_KM:
            res = results[key]
            res.warnings.append(f"{res.layer.source.name}: lies {km:,.0f} km from the scene "
                                f"centre; its CRS may be wrong (set crs on the layer)")


def apply_results(results: list[LoadResult]) -> None:
    """Hand finished data to the layers (call on the thread that owns the view), the
    ground first: what stands on it may take its picture (roofs the orthophoto)."""
    for res in sorted(results, key=lambda r: not is_ground(r.layer)):
        res.layer.error = res.error
        res.layer.data = res.data
