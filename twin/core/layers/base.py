"""The layer tree: evented layers and groups, mirrored by the VTK view and the Qt tree.

Fields of a layer are evented (``layer.events.visible.connect(...)``); its loaded data
is not a field (arrays do not compare) but is announced by ``layer.data_changed``.
A group's ``tree_changed`` fires for any insertion, removal or move below it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from psygnal import Signal, SignalGroupDescriptor

from twin.core.layers.join import TableJoin
from twin.core.layers.style import BuildingStyle, PointCloudStyle, TerrainStyle, VectorStyle


@dataclass(eq=False)
class Layer:
    name: str
    visible: bool = True
    opacity: float = 1.0

    events: ClassVar[SignalGroupDescriptor] = SignalGroupDescriptor()
    data_changed: ClassVar[Signal] = Signal(object)
    kind: ClassVar[str] = "layer"

    def __post_init__(self):
        if not 0.0 <= float(self.opacity) <= 1.0:
            raise ValueError(f"opacity must be between 0 and 1, got {self.opacity}")
        self.parent: LayerGroup | None = None
        self._data: Any = None
        self.error: str | None = None  # why the data could not be loaded, for the UI

    @property
    def data(self) -> Any:
        """The loaded, scene-ready data (None until loaded)."""
        return self._data

    @data.setter
    def data(self, value: Any) -> None:
        self._data = value
        self.data_changed.emit(value)

    @property
    def effectively_visible(self) -> bool:
        """Visible and every ancestor group visible too."""
        node: Layer | None = self
        while node is not None:
            if not node.visible:
                return False
            node = node.parent
        return True

    def ancestors(self) -> Iterator["LayerGroup"]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


@dataclass(eq=False)
class DataLayer(Layer):
    """A layer read from a file, in any CRS (``crs`` overrides a missing/wrong one)."""

    source: Path | None = None
    crs: str | None = None

    def __post_init__(self):
        super().__post_init__()
        if self.source is not None:
            self.source = Path(self.source)

    def read_options(self) -> dict:
        """Extra keyword arguments this layer passes to its importer's ``read``."""
        return {}


@dataclass(eq=False)
class TerrainLayer(DataLayer):
    """A DTM draped with an orthophoto (``texture``). ``source`` and ``texture`` are each
    one raster, a folder of tiles, a glob such as ``mnt/*.tif`` or a VRT: tiles make one
    seamless terrain. ``refined`` fires when the chunks on screen changed for a new view."""

    texture: Path | None = None
    style: TerrainStyle = field(default_factory=TerrainStyle)
    kind: ClassVar[str] = "terrain"
    refined: ClassVar[Signal] = Signal(object)


def window_options(layer: "VectorLayer | BuildingsLayer", cut: bool) -> dict:
    """What a vector importer is told of the part of a file to read: its layer (a BD TOPO
    GeoPackage holds dozens) and the outline it is read within (a commune's, plus a buffer)."""
    options: dict = {}
    if layer.layer:
        options["layer"] = layer.layer
    if layer.clip is not None:
        options.update(clip=layer.clip, cut=cut)
    return options


@dataclass(eq=False)
class VectorLayer(DataLayer):
    """Any OGR vector layer, drawn draped on the terrain (parcels, streets, zones...).
    ``layer`` names a layer of a multi-layer file; with ``clip`` (a polygon file) only the
    features meeting it are read, and what crosses its edge is cut to it."""

    style: VectorStyle = field(default_factory=VectorStyle)
    join: TableJoin | None = None    # a table joined to the features by key or location
    layer: str | None = None
    clip: Path | None = None
    filter: str = ""                 # an expression: only the features where it is TRUE are read
    kind: ClassVar[str] = "vector"

    def __post_init__(self):
        super().__post_init__()
        if self.clip is not None:
            self.clip = Path(self.clip)

    def read_options(self) -> dict:
        return window_options(self, cut=True)


@dataclass(frozen=True)
class HeightRule:
    """How LoD1 heights are found, in order: height field, roof altitude − ground,
    measured from ``lidar`` (a LAS/LAZ/COPC file, folder or glob) when it is confident,
    floors × storey height, else the stated default."""

    height_field: str = "hauteur"
    roof_altitude_field: str = "altitude_maximale_toit"
    floors_field: str = "nombre_d_etages"
    storey_height: float = 3.0
    default_height: float = 9.0
    lidar: Path | None = None

    def __post_init__(self):
        if self.lidar is not None:   # "" in a scene file means none
            object.__setattr__(self, "lidar", Path(self.lidar) if str(self.lidar) else None)


@dataclass(eq=False)
class BuildingsLayer(DataLayer):
    """Footprints extruded to LoD1 blocks from the ground. ``layer`` and ``clip`` as for a
    vector layer, except that a building crossing the clip's edge is kept whole."""

    heights: HeightRule = field(default_factory=HeightRule)
    style: BuildingStyle = field(default_factory=BuildingStyle)
    join: TableJoin | None = None    # a table joined to the footprints, before extrusion
    layer: str | None = None
    clip: Path | None = None
    filter: str = ""                 # an expression: only the buildings where it is TRUE are read
    kind: ClassVar[str] = "buildings"

    def __post_init__(self):
        super().__post_init__()
        if self.clip is not None:
            self.clip = Path(self.clip)

    def read_options(self) -> dict:
        return window_options(self, cut=False)


POINT_SUFFIXES = (".las", ".laz")


def point_files(source: str | Path) -> list[Path]:
    """The LAS/LAZ tiles a source names: a file, a folder (every one in it) or a glob
    pattern such as ``tiles/*.copc.laz``; sorted, empty when a folder or pattern has none."""
    source = Path(source)
    if source.is_dir():
        return sorted(p for p in source.iterdir() if p.suffix.lower() in POINT_SUFFIXES)
    if any(ch in source.name for ch in "*?["):
        return sorted(p for p in source.parent.glob(source.name) if p.is_file())
    return [source]


@dataclass(eq=False)
class PointCloudLayer(DataLayer):
    """LAS/LAZ/COPC points, drawn within a point budget (the view never draws more).

    ``source`` is one file, a folder (every LAS/LAZ in it) or a glob pattern such as
    ``tiles/*.copc.laz``: the tiles of a territory share the layer's budget; with ``bbox``
    (scene CRS: a commune's window) the tiles that do not meet it are left out. ``refined``
    fires when the points on screen were refined in place for a new view."""

    budget: int = 2_000_000
    style: PointCloudStyle = field(default_factory=PointCloudStyle)
    bbox: tuple[float, float, float, float] | None = None   # scene CRS: tiles outside are not opened
    kind: ClassVar[str] = "pointcloud"
    refined: ClassVar[Signal] = Signal(object)

    def files(self) -> list[Path]:
        """The tiles behind ``source``, sorted; empty when nothing matches."""
        return point_files(self.source)

    def __post_init__(self):
        super().__post_init__()
        if not 1_000 <= int(self.budget) <= 100_000_000:
            raise ValueError(f"budget must be between 1 000 and 100 000 000 points, got {self.budget}")
        if self.bbox is not None:
            self.bbox = tuple(float(v) for v in self.bbox)
            if len(self.bbox) != 4 or not (self.bbox[0] < self.bbox[2] and self.bbox[1] < self.bbox[3]):
                raise ValueError(f"bbox must be [xmin, ymin, xmax, ymax] with min < max, got {list(self.bbox)}")

    def read_options(self) -> dict:
        return {"budget": int(self.budget)}


LAYER_KINDS: dict[str, type[Layer]] = {}
LAYER_LOADERS: dict[str, Any] = {}     # kind → its loader (twin.core.contrib.LayerLoader)


def register_layer_kind(cls: type[Layer], loader: Any = None) -> type[Layer]:
    """Make ``kind = cls.kind`` known to scene files and, with a ``loader``, to the loader:
    twin's own kinds and plugins' alike. Registering a kind again replaces its loader."""
    LAYER_KINDS[cls.kind] = cls
    if loader is None:
        LAYER_LOADERS.pop(cls.kind, None)
    else:
        LAYER_LOADERS[cls.kind] = loader
    return cls


def layer_loader(kind: str) -> Any:
    """The loader registered for a kind, None without one."""
    return LAYER_LOADERS.get(kind)


@dataclass(eq=False)
class LayerGroup(Layer):
    expanded: bool = True
    kind: ClassVar[str] = "group"
    tree_changed: ClassVar[Signal] = Signal()

    def __post_init__(self):
        super().__post_init__()
        self._children: list[Layer] = []

    # -- reading ------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._children)

    def __iter__(self) -> Iterator[Layer]:
        return iter(list(self._children))

    def __getitem__(self, index: int) -> Layer:
        return self._children[index]

    def index(self, layer: Layer) -> int:
        return next(i for i, c in enumerate(self._children) if c is layer)

    def walk(self) -> Iterator[Layer]:
        """Every layer below, depth first, in tree order (groups included)."""
        for child in self._children:
            yield child
            if isinstance(child, LayerGroup):
                yield from child.walk()

    def leaves(self) -> Iterator[Layer]:
        return (layer for layer in self.walk() if not isinstance(layer, LayerGroup))

    def find(self, name: str) -> Layer:
        for layer in self.walk():
            if layer.name == name:
                return layer
        known = ", ".join(repr(layer.name) for layer in self.walk()) or "none"
        raise KeyError(f"no layer named {name!r} (the layers are: {known})")

    # -- editing ------------------------------------------------------------------------
    def insert(self, index: int, layer: Layer) -> None:
        if layer.parent is not None:
            raise ValueError(f"layer {layer.name!r} already belongs to group {layer.parent.name!r}")
        if layer is self or (isinstance(layer, LayerGroup) and self in layer.ancestors_of_self()):
            raise ValueError("a group cannot contain itself")
        self._children.insert(index, layer)
        layer.parent = self
        self._notify()

    def append(self, layer: Layer) -> None:
        self.insert(len(self._children), layer)

    def remove(self, layer: Layer) -> None:
        self._children.pop(self.index(layer))
        layer.parent = None
        self._notify()

    def move(self, layer: Layer, new_parent: "LayerGroup", index: int) -> None:
        """Move a layer anywhere in the tree (index counted after removal)."""
        self._children.pop(self.index(layer))
        layer.parent = None
        new_parent._children.insert(min(index, len(new_parent._children)), layer)
        layer.parent = new_parent
        groups = {id(g): g for g in [*self.ancestors_of_self(), *new_parent.ancestors_of_self()]}
        for group in groups.values():  # each group hears of one move once
            group.tree_changed.emit()

    def ancestors_of_self(self) -> list["LayerGroup"]:
        return [self, *self.ancestors()]

    def _notify(self) -> None:
        for group in self.ancestors_of_self():
            group.tree_changed.emit()


for _cls in (TerrainLayer, VectorLayer, BuildingsLayer, PointCloudLayer, LayerGroup):
    register_layer_kind(_cls)

__all__ = [
    "BuildingsLayer", "DataLayer", "HeightRule", "LAYER_KINDS", "LAYER_LOADERS", "Layer", "LayerGroup",
    "PointCloudLayer", "TerrainLayer", "VectorLayer", "layer_loader", "register_layer_kind",
]
