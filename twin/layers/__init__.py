"""Layers of a scene (model only: no Qt, no VTK)."""

from twin.layers.base import (
    LAYER_KINDS, BuildingsLayer, DataLayer, HeightRule, Layer, LayerGroup, TerrainLayer,
    VectorLayer, register_layer_kind,
)
from twin.layers.style import BuildingStyle, Style, TerrainStyle, VectorStyle

__all__ = [
    "BuildingStyle", "BuildingsLayer", "DataLayer", "HeightRule", "LAYER_KINDS", "Layer",
    "LayerGroup", "Style", "TerrainLayer", "TerrainStyle", "VectorLayer", "VectorStyle",
    "register_layer_kind",
]
