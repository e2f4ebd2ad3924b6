"""Layer kinds and how each loads: twin's own are registered here, in the registry plugins'
kinds use too (``register_layer_kind``), each owning its read and its build in a module of
its own; the loader (twin.io.loading) only orders, reports and isolates."""

from __future__ import annotations

from twin.core.contrib import LayerLoader
from twin.core.errors import DataError
from twin.core.layers import (
    BuildingsLayer, DataLayer, ModelLayer, PointCloudLayer, TerrainLayer, TreesLayer, VectorLayer, layer_loader,
    register_layer_kind,
)
from twin.io.kinds.base import LayerBuilds
from twin.io.kinds.buildings import BuildingsKind
from twin.io.kinds.models import ModelKind
from twin.io.kinds.points import PointCloudKind
from twin.io.kinds.terrain import TerrainKind
from twin.io.kinds.trees import TreesKind
from twin.io.kinds.vector import VectorKind
from twin.core.i18n import message

for _cls, _loader in ((TerrainLayer, TerrainKind()), (VectorLayer, VectorKind()), (BuildingsLayer, BuildingsKind()),
                      (PointCloudLayer, PointCloudKind()), (ModelLayer, ModelKind()), (TreesLayer, TreesKind())):
    register_layer_kind(_cls, _loader)

_LAYER_BUILDS = LayerBuilds()


def loader_for(layer: DataLayer) -> LayerLoader:
    """How ``layer`` loads: its kind's loader, else (plugin API 1.0) its own ``build``."""
    loader = layer_loader(layer.kind)
    if loader is not None:
        return loader
    if callable(getattr(layer, "build", None)):
        return _LAYER_BUILDS
    raise DataError(message("is in a '{}' layer, and that kind gives no way to load it").format(layer.kind), path=layer.source,
                    hint=message("the plugin adding the kind registers no loader and its layer has no "
                                 "build(); report it to the plugin's authors"))


def is_ground(layer: DataLayer) -> bool:
    """True for the kinds the others stand on (terrain)."""
    return bool(getattr(layer_loader(layer.kind), "ground", False))


def is_overlay(layer: DataLayer) -> bool:
    """True for the kinds drawn over the ground and the buildings (parcels, roads, trees,
    plugins' markers): a first frame can do without them."""
    loader = layer_loader(layer.kind) or (_LAYER_BUILDS if callable(getattr(layer, "build", None)) else None)
    return bool(getattr(loader, "overlay", False))
