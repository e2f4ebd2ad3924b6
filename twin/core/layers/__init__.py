"""Layers of a scene (model only: no Qt, no VTK)."""

from twin.core.layers.base import (
    LAYER_KINDS, LAYER_LOADERS, BuildingsLayer, DataLayer, HeightRule, Layer, LayerGroup, PointCloudLayer,
    TerrainLayer, VectorLayer, layer_loader, register_layer_kind,
)
from twin.core.layers.basemap import BasemapLayer
from twin.core.layers.model import ModelLayer, ModelStyle, Placement
from twin.core.layers.temporal import History, Legend, TemporalLayer, Trace, parse_duration
from twin.core.layers.style import BuildingStyle, PointCloudStyle, Style, TerrainStyle, VectorStyle
from twin.core.layers.trees import TreeStyle, TreesLayer

__all__ = [
    "BasemapLayer",
    "BuildingStyle", "BuildingsLayer", "DataLayer", "HeightRule", "LAYER_KINDS", "LAYER_LOADERS", "Layer",
    "LayerGroup", "PointCloudLayer", "PointCloudStyle", "Style", "TerrainLayer", "TerrainStyle", "VectorLayer", "VectorStyle",
    "layer_loader", "register_layer_kind", "ModelLayer", "ModelStyle", "Placement", "History", "Legend", "TemporalLayer", "Trace", "parse_duration",
    "TreeStyle", "TreesLayer",
]
