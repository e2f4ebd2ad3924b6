"""twin's public plugin API (its version: API_VERSION). Plugins import from here and nowhere
else in twin.

A plugin is an ordinary Python package that declares an entry point in the
``twin.plugins`` group naming a :class:`Plugin`; twin calls its ``register`` with a
:class:`Registrar`, through which it contributes any of: importers, layer kinds with
their VTK visual, live data sources, panels (Qt widgets), algorithms (typed parameters,
progress, cancel), CLI sub-commands and (since 1.2) scene components, which keep their
own section of the scene file. twin's own importers, projects, tours, kiosk and sun
register the same way.

Visuals and panels are given as ``"module:attribute"`` strings, imported only when a
window needs them, so a plugin costs nothing to the headless CLI, and the model never
imports Qt or VTK. The API version follows semantic versioning: a plugin asking for
``api="1.2"`` runs on twin's API 1.2 and later 1.x, and is refused on 1.1 or 2.0.
See docs/plugins.md for a complete example.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from twin.core.components import SceneComponent, SectionReader, SectionWriter
from twin.core.contrib import (
    API_VERSION, Algorithm, Command, Contributions, Importer, LayerLoader, LiveSource, Panel, Parameter, Plugin,
    Registrar, api_version,
)
from twin.core.data import FileInfo, Hierarchy, PointCloud, RasterGrid, VectorTable
from twin.core.errors import Canceled, DataError, TwinError
from twin.core.feedback import Feedback
from twin.core.params import Area, Choice, InputFile, Line, Mask, OutputFile, Point, PointValue
from twin.core.i18n import message, number, tr
from twin.core.layers import DataLayer, History, Layer, LayerGroup, Legend, TemporalLayer, Trace, parse_duration
from twin.lod.stream import Tile as PointTile
from twin.core.scene import Scene
from twin.core.timeline import utc64, utc_times

if TYPE_CHECKING:
    import numpy as np


def scene_path(scene: Scene, value: str | Path) -> Path:
    """A path a layer setting gives, relative to the scene file (as scene files write them)."""
    path = Path(value).expanduser()
    if not path.is_absolute() and scene.path is not None:
        path = Path(scene.path).parent / path
    return path


def read_layer(layer: DataLayer, scene: Scene, feedback: Feedback):
    """A layer's source read as twin reads its own file layers (API 1.2): through the
    importers, in the scene CRS (a file without one assumed in the scene's, with a
    warning), the layer's table join applied; a ``RasterGrid`` or a ``VectorTable``.
    Point clouds and 3D models are refused with a clear error. A LayerLoader's ``read``
    starts from it; a layer made on the fly reads another file the same way."""
    from twin.io.kinds.base import read_layer as read
    return read(layer, scene, feedback)


def match_ids(ids, known, *, what: str, source, table) -> np.ndarray:
    """Row in ``known`` of each of ``ids`` (−1 where absent), as a layer joins its features
    to a table by id; a clear error when none matches."""
    import numpy as np
    import pandas as pd
    rows = pd.Index(np.asarray(known, dtype=str)).get_indexer(np.asarray(ids, dtype=str))
    if (rows < 0).all():
        raise DataError(message("none of its {} is in {}").format(what, Path(table).name), path=source,
                        hint=message("{} there: {}…").format(what, ', '.join(map(str, list(known)[:5]))))
    return rows.astype(np.int64)


__all__ = [
    "message", "number", "tr",
    "Area", "Choice", "InputFile", "Line", "Mask", "OutputFile", "Point", "PointValue",
    "API_VERSION", "Algorithm", "Canceled", "Command", "Contributions", "DataError", "DataLayer",
    "Feedback", "FileInfo", "Hierarchy", "History", "Importer", "Layer", "LayerGroup", "LayerLoader", "Legend",
    "LiveSource", "Panel", "Parameter", "Plugin", "PointCloud", "PointTile", "RasterGrid", "Registrar",
    "Scene", "SceneComponent", "SectionReader", "SectionWriter", "TemporalLayer", "Trace", "TwinError",
    "VectorTable", "api_version", "match_ids", "parse_duration", "read_layer", "scene_path", "utc64", "utc_times",
]
