"""What a plugin contributes and how it says so: the types behind ``twin.api`` (Plugin,
Importer, Algorithm, SceneComponent, Registrar…). They live in the core so that the plugin manager and
the importer registry need nothing above it; plugins import them from ``twin.api``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from twin.core.components import SceneComponent
from twin.core.data import FileInfo
from twin.core.errors import TwinError
from twin.core.feedback import Feedback
from twin.core.layers import Layer
from twin.core.i18n import message

if TYPE_CHECKING:
    from twin.core.scene import Scene

API_VERSION = (1, 4)   # 1.1: TemporalLayer, Legend, History (pick charts); 1.2: LayerLoader, read_layer, scene components; 1.3: number, add_labels; 1.4: parameter types (files, lines, areas, points), Algorithm.group


def api_version() -> str:
    return ".".join(map(str, API_VERSION))


@dataclass(frozen=True)
class Plugin:
    """What a ``twin.plugins`` entry point names."""

    name: str
    register: Callable[["Registrar"], None]
    api: str = "1.0"                 # the API version the plugin needs
    description: str = ""


class Importer(Protocol):
    """Reads one kind of file. Keep heavy imports inside the methods.

    A ``pointcloud`` importer also has ``open_tile(path, budget) -> PointTile``: the
    file's node hierarchy (``Hierarchy``), decoded node by node, so that point cloud
    layers refine as the view moves (the built-in LAS/LAZ/COPC importer does this)."""

    name: str
    kind: str                        # pointcloud | vector | raster | mesh
    suffixes: tuple[str, ...]        # lower case, with the dot: (".las", ".laz")

    def sniff(self, path) -> bool: ...          # cheap: True when the bytes look right
    def info(self, path) -> FileInfo: ...
    def read(self, path, feedback: Feedback) -> Any: ...   # PointCloud | VectorTable | RasterGrid


class LayerLoader(Protocol):
    """How a layer kind loads, twin's own and plugins' alike, in the loader's phases: every
    layer is ``read`` (files → data in the scene CRS; its ``bounds`` (x0, y0, x1, y1), when
    it has them, help choose the scene's origin and spot a layer in a wrong CRS), then,
    once the origin is chosen, ``build`` on the ground (data → what the kind's visual
    draws). A ``ground`` kind (terrain) is read and built first: its data is a
    ``RasterGrid`` of heights, kept as ``grid`` in what it builds, and the other layers
    stand on it. Raise ``DataError`` for a bad file; warn and report progress through
    the Feedback, which raises ``Canceled`` when the user cancels. A loader whose read and
    build may run in a thread beside other layers' (no state shared with them, nothing
    tied to a thread) sets ``concurrent = True``; without it, they run one at a time. An
    ``overlay = True`` kind draws over the ground and what stands on it (parcels, roads,
    trees, markers): the window draws its first frame without it and loads it just after."""

    ground: bool

    def read(self, layer: Layer, scene: "Scene", feedback: Feedback) -> Any: ...
    def build(self, layer: Layer, data: Any, scene: "Scene", ground: Any, feedback: Feedback) -> Any: ...


class LiveSource(Protocol):
    """A feed of readings (MQTT, HTTP...): started with a callback, stopped on close."""

    def start(self, on_reading: Callable[[dict], None]) -> None: ...
    def stop(self) -> None: ...


@dataclass(frozen=True)
class Parameter:
    """One typed input of an algorithm, drawn as a form field in the app."""

    name: str
    type: type                       # int | float | str | bool | Layer | a twin.core.params type
    default: Any = None
    label: str = ""
    minimum: float | None = None
    maximum: float | None = None
    help: str = ""
    optional: bool = False           # may be left out (None) although it has no default
    suffixes: tuple[str, ...] = ()   # OutputFile: what may be written (".gpkg", ".csv")
    choices: tuple[str, ...] = ()    # Choice

    def check(self, value: Any) -> Any:
        if hasattr(self.type, "parse"):   # twin.core.params: files, lines, areas, points
            return self.type.parse(value, self)
        if self.type is Layer:
            if not isinstance(value, Layer):
                raise TwinError(message("parameter '{}' needs a layer, got {!r}").format(self.name, value))
            return value
        try:
            value = self.type(value)
        except (TypeError, ValueError):
            raise TwinError(message("parameter '{}' needs a {}, got {!r}").format(
                                self.name, self.type.__name__, value)) from None
        if self.minimum is not None and value < self.minimum:
            raise TwinError(message("parameter '{}' must be at least {}, got {}").format(
                                self.name, self.minimum, value))
        if self.maximum is not None and value > self.maximum:
            raise TwinError(message("parameter '{}' must be at most {}, got {}").format(
                                self.name, self.maximum, value))
        return value


@dataclass(frozen=True)
class Algorithm:
    """An analysis or simulation, QGIS-processing style: typed parameters in, a dict of
    results out; ``run`` reports progress and stops on cancel through its Feedback."""

    name: str
    title: str
    parameters: tuple[Parameter, ...]
    run: Callable[[Scene, dict, Feedback], dict]
    description: str = ""
    group: str = ""                  # where the toolbox lists it ("Terrain", "Vector"…)

    def __call__(self, scene: Scene, feedback: Feedback | None = None, **values) -> dict:
        params = {}
        for p in self.parameters:
            value = values.get(p.name, p.default)
            if p.optional and (value is None or (isinstance(value, str) and not value.strip())):   # a blank field
                params[p.name] = None
                continue
            if value is None:
                raise TwinError(message("algorithm '{}': parameter '{}' is required").format(
                                    self.name, p.name))
            params[p.name] = p.check(value)
        unknown = set(values) - {p.name for p in self.parameters}
        if unknown:
            raise TwinError(message("algorithm '{}' has no parameter {}").format(
                                self.name, ', '.join(sorted(unknown))))
        return self.run(scene, params, feedback or Feedback())


@dataclass(frozen=True)
class Command:
    """A ``twin NAME`` sub-command: ``configure(parser)`` adds arguments, ``run(args)``
    returns the exit status."""

    name: str
    help: str
    configure: Callable[[Any], None]
    run: Callable[[Any], int]


@dataclass(frozen=True)
class Panel:
    """A dockable Qt widget: ``widget`` is ``"module:Class"``, built as Class(scene)."""

    title: str
    widget: str


@dataclass
class Contributions:
    importers: list = field(default_factory=list)
    layer_kinds: dict[str, tuple[type, str | None]] = field(default_factory=dict)
    loaders: dict[str, LayerLoader] = field(default_factory=dict)    # by layer kind, when given
    sources: dict[str, Callable[..., LiveSource]] = field(default_factory=dict)
    panels: list[Panel] = field(default_factory=list)
    algorithms: dict[str, Algorithm] = field(default_factory=dict)
    commands: dict[str, Command] = field(default_factory=dict)
    scene_components: dict[str, SceneComponent] = field(default_factory=dict)

    def summary(self) -> dict[str, list[str]]:
        return {k: v for k, v in {
            "importers": [f"{i.name} ({' '.join(i.suffixes)})" for i in self.importers],
            "layer_kinds": list(self.layer_kinds),
            "sources": list(self.sources),
            "panels": [p.title for p in self.panels],
            "algorithms": list(self.algorithms),
            "commands": list(self.commands),
            "scene_components": [f"{c.name} ({' '.join(c.sections)})" for c in self.scene_components.values()],
        }.items() if v}


class Registrar:
    """Handed to a plugin's ``register``: each call records one contribution."""

    def __init__(self):
        self.contributions = Contributions()

    def importer(self, importer: Importer) -> None:
        for attr in ("name", "kind", "suffixes", "sniff", "info", "read"):
            if not hasattr(importer, attr):
                raise TwinError(message("importer {!r} has no '{}'").format(importer, attr))
        self.contributions.importers.append(importer)

    def layer_kind(self, cls: type[Layer], visual: str | None = None, loader: LayerLoader | None = None) -> None:
        """A layer class (a dataclass with a unique ``kind``), its VTK visual,
        ``"module:Class"`` subclassing twin._vtk.visuals.LayerVisual, and how it loads (a
        LayerLoader). Without a loader (API 1.0) the layer's files are read through the
        importers and its own ``build(data, scene, ground, feedback)`` builds them."""
        if not (isinstance(cls, type) and issubclass(cls, Layer)):
            raise TwinError(message("{!r} is not a twin Layer class").format(cls))
        if loader is not None:
            for attr in ("ground", "read", "build"):
                if not hasattr(loader, attr):
                    raise TwinError(message("loader {!r} of layer kind '{}' has no '{}'").format(
                                        loader, cls.kind, attr))
            self.contributions.loaders[cls.kind] = loader
        self.contributions.layer_kinds[cls.kind] = (cls, visual)

    def source(self, name: str, factory: Callable[..., LiveSource]) -> None:
        self.contributions.sources[name] = factory

    def panel(self, title: str, widget: str) -> None:
        self.contributions.panels.append(Panel(title, widget))

    def algorithm(self, algorithm: Algorithm) -> None:
        self.contributions.algorithms[algorithm.name] = algorithm

    def command(self, command: Command) -> None:
        self.contributions.commands[command.name] = command

    def scene_component(self, component: SceneComponent) -> None:
        """A scene component and the sections of the scene file it reads and writes
        (twin.core.components); each section belongs to one component."""
        if not isinstance(component, SceneComponent):
            raise TwinError(message("{!r} is not a twin SceneComponent").format(component))
        mine = {s for c in self.contributions.scene_components.values() for s in c.sections}
        if component.name in self.contributions.scene_components or mine & set(component.sections):
            raise TwinError(message("scene component {!r} is registered twice, or shares a section").format(
                                component.name))
        self.contributions.scene_components[component.name] = component
