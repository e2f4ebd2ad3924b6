"""Scene files: versioned TOML, paths relative to the file, errors naming key and line.

    format = 1
    name = "Arras — centre"
    crs = "EPSG:2154"
    origin = [684000.0, 7020000.0, 0.0]
    [camera] position = [...], focal_point = [...], view_up = [...], view_angle = 30
    [timeline] current = "2026-06-21T10:00:00Z"
    [sun] enabled = true (lit by the real sun of the timeline's instant), shadows = true
          (twin.analysis.sunlight)
    [[bookmarks]] name, position, focal_point, view_up, view_angle, description,
                  layers = ["name", ...], time = "…Z", variant = ["project", "variant"]
    [[tours]] name, loop, title_fr, title_en (or title = {fr = …, en = …})
        [[tours.stops]] bookmark = "NAME" or the view keys of a bookmark; hold, flight (s),
                        caption_fr, caption_en, caption_nl… (or caption = {…}), layers,
                        time, sun, variant   (twin.present.sections)
    [[layers]] name, kind (terrain | vector | buildings | group), source, visible, opacity,
               crs, texture, [layers.style], [layers.heights], [layers.join], [[layers.children]];
               vector and buildings: layer = "batiment" (of a multi-layer file), clip = "x.geojson"
               (polygons: only what meets them is read; vectors are cut to them); point cloud:
               bbox = [xmin, ymin, xmax, ymax] (scene CRS: tiles outside are left out); trees:
               source (LiDAR or vegetation polygons), layer, clip, bbox, density (trees per hectare);
               basemap: preset ("plan-ign" | "ortho-ign") or url (an XYZ template, or a WMTS
               endpoint with layer, style, tile_matrix_set, format), attribution
    [kiosk] idle_seconds, attract_tour, tours, layers, languages, home, [kiosk.bounds]
            (the tourist-office kiosk, read and checked by twin.present.kiosk)
    active_variant = ["project", "variant"]   (shown on opening; absent: the existing town)
    [[projects]] name, description
        [[projects.variants]] name, description
            [[projects.variants.edits]] kind (new_building | model | demolish | set_height), id;
                new_building: footprint = [[x, y], ...], holes, height or floors, roof
                (flat | gable | hip), roof_pitch, floor_height, use, name; model: source,
                name, [placement]; demolish: buildings = ["id", ...]; set_height: building, height
    [plu] floor_area_ratio, dwelling_size, parcels, roads,
        [[plu.zones]] name, max_height, max_emprise, setback, wkt or (layer | source) + field + value
            (read by twin.projects.section)

The core keys (format to layers) are read here; every other section belongs to a scene
component (twin.core.components): projects, tours, kiosk and sun are twin's own, registered
by built-in plugins, and a plugin may add its own. Components are read after the core, in
the plugins' load order, and written back in place.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from dataclasses import fields, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w

from twin.core.camera import Bookmark, Camera, View
from twin.core.components import CORE_SECTIONS, SceneComponent, section_order
from twin.core.crs import parse_crs
from twin.core.errors import SceneFileError, TwinError
from twin.core.i18n import message
from twin.core.layers import (
    LAYER_KINDS, BuildingsLayer, DataLayer, HeightRule, Layer, LayerGroup, ModelLayer, Placement, PointCloudLayer,
)
from twin.core.layers.join import TableJoin
from twin.core.layers.style import Style
from twin.core.plugins import plugins
from twin.core.scene import Scene
from twin.core.timeline import Timeline, as_utc, iso_utc

# the bundled demo, opened when no scene is given
DEMO_SCENE = Path(__file__).resolve().parents[2] / "scenes" / "arras-centre.toml"

FORMAT = 1
_MISSING = object()


class _LineIndex:
    """Maps key paths such as ("layers", 2, "style", "color") to their line in the text.

    tomllib keeps no positions; scene files are hand-edited, so we scan headers and
    ``key =`` lines, which is exact for the way scene files are written."""

    def __init__(self, text: str):
        self.lines: dict[tuple, int] = {}
        arrays: dict[tuple, int] = {}
        current: tuple = ()

        def resolve(parts: list[str]) -> tuple:
            path: tuple = ()
            for j, comp in enumerate(parts):
                path = (*path, comp)
                if j < len(parts) - 1 and path in arrays:
                    path = (*path, arrays[path] - 1)
            return path

        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.strip()
            if line.startswith("[["):
                base = resolve(_split_key(line[2:line.find("]]")]))
                arrays[base] = arrays.get(base, 0) + 1
                current = (*base, arrays[base] - 1)
                self.lines.setdefault(current, number)
            elif line.startswith("["):
                current = resolve(_split_key(line[1:line.find("]")]))
                self.lines.setdefault(current, number)
            elif "=" in line and not line.startswith("#"):
                key = line.split("=", 1)[0]
                self.lines.setdefault((*current, *_split_key(key)), number)

    def line_of(self, path: tuple) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None


def _split_key(key: str) -> list[str]:
    return [part.strip().strip('"').strip("'") for part in key.split(".")]


def _key_name(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


class _Reader:
    def __init__(self, file: Path, index: _LineIndex):
        self.file = file
        self.index = index

    def fail(self, path: tuple, what: str, hint: str | None = None):
        raise SceneFileError(what, path=self.file, key=_key_name(path),
                             line=self.index.line_of(path), hint=hint)

    def get(self, table: dict, path: tuple, key: str, types, default=_MISSING):
        if key not in table:
            if default is _MISSING:
                self.fail((*path, key), message("missing required key '{}'").format(key))
            return default
        value = table[key]
        if types is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, types) or (types is not bool and isinstance(value, bool)):
            expected = types.__name__ if isinstance(types, type) else " or ".join(t.__name__ for t in types)
            self.fail((*path, key), message("expected {}, got {} {}").format(expected, type(value).__name__, repr(value)))
        return value

    def table(self, table: dict, path: tuple, key: str) -> dict:
        return self.get(table, path, key, dict, {})

    def no_unknown(self, table: dict, path: tuple, known: set[str]) -> None:
        for key in table:
            if key not in known:
                self.fail((*path, key), message("unknown key '{}'").format(key),
                          hint=message("known keys here: {}").format(", ".join(sorted(known))))


    def path_value(self, table: dict, path: tuple, key: str) -> Path | None:
        value = self.get(table, path, key, str, None)
        if value is None:
            return None
        p = Path(value).expanduser()
        return p if p.is_absolute() else (self.file.parent / p).resolve()

    def view(self, table: dict, path: tuple) -> View:
        try:
            return View(
                position=self.get(table, path, "position", list),
                focal_point=self.get(table, path, "focal_point", list),
                view_up=self.get(table, path, "view_up", list, [0.0, 0.0, 1.0]),
                view_angle=self.get(table, path, "view_angle", float, 30.0),
            )
        except ValueError as exc:
            self.fail(path, str(exc))
        except TypeError:             # a date, a table… among the coordinates
            self.fail(path, message("position, focal_point and view_up must each be three numbers [x, y, z]"))

    def record(self, cls, table: dict, path: tuple):
        """A frozen dataclass (style, height rule) from a table, keys checked."""
        names = {f.name: f for f in fields(cls)}
        self.no_unknown(table, path, set(names))
        kwargs = {}
        for key in table:
            default = names[key].default
            if isinstance(default, tuple):
                kwargs[key] = tuple(self.get(table, path, key, list))
                continue
            types = (str,) if default is None else (float if isinstance(default, float) else type(default))
            kwargs[key] = self.get(table, path, key, types)
        try:
            return cls(**kwargs)
        except ValueError as exc:
            self.fail(path, str(exc))

    def recall(self, table: dict, path: tuple, times=("time",)) -> dict:
        """What a bookmark or a stop recalls besides its view: layers, time(s), variant."""
        out: dict[str, Any] = {}
        layers = self.get(table, path, "layers", list, None)
        if layers is not None:
            if not all(isinstance(name, str) for name in layers):
                self.fail((*path, "layers"), message("layers must be a list of layer names"))
            out["layers"] = tuple(layers)
        for key in times:
            value = self.get(table, path, key, (str, datetime), None)
            if value is not None:
                try:
                    out[key] = as_utc(value)
                except ValueError as exc:
                    self.fail((*path, key), str(exc), hint=message("write it as UTC, e.g. "
                                                                   "\"2026-06-21T10:00:00Z\""))
        variant = self.get(table, path, "variant", list, None)
        if variant is not None:    # [] is the town as it is
            if len(variant) not in (0, 2) or not all(isinstance(v, str) and v for v in variant):
                self.fail((*path, "variant"), message("variant must be [\"project\", \"variant\"] or [] "
                                                      "(the town as it is), got {!r}").format(variant))
            out["variant"] = tuple(variant)
        return out


_LAYER_KEYS = {"name", "kind", "visible", "opacity", "source", "crs", "texture", "style", "heights",
               "budget", "children", "expanded", "lod", "placement", "join", "layer", "clip", "bbox",
               "density", "filter"}


_SIMPLE = (bool, int, float, str)


def plugin_fields(cls) -> dict[str, Any]:
    """A plugin layer class's own settings (simple values with defaults), kept in the
    scene file beside the standard keys: name → default. A twin kind whose settings are
    all such values names them in ``file_keys`` (the basemap)."""
    if cls.__module__.split(".")[0] == "twin":
        own = getattr(cls, "file_keys", ())
        return {f.name: f.default for f in fields(cls) if f.name in own}
    base = {f.name for f in fields(DataLayer)} | {f.name for f in fields(Layer)}
    return {f.name: f.default for f in fields(cls)
            if f.name not in base and isinstance(f.default, _SIMPLE)}


def _filter(r: _Reader, table: dict, path: tuple) -> str:
    from twin.core.expressions import ExpressionError, parse
    text = r.get(table, path, "filter", str)
    if text.strip():
        try:
            parse(text)
        except ExpressionError as exc:
            r.fail((*path, "filter"), message("the filter is refused: {}").format(exc.message),
                   hint=message("e.g. filter = \"\\\"hauteur\\\" > 15 AND \\\"usage_1\\\" = 'Résidentiel'\""))
    return text


def _read_layer(r: _Reader, table: dict, path: tuple) -> Layer:
    if not isinstance(table, dict):
        r.fail(path, message("each layer must be a table ([[layers]])"))
    kind = r.get(table, path, "kind", str)
    if kind not in LAYER_KINDS:
        r.fail((*path, "kind"), message("unknown layer kind {!r}").format(kind),
               hint=message("use one of: {}").format(', '.join(sorted(LAYER_KINDS))))
    cls = LAYER_KINDS[kind]
    names = {f.name for f in fields(cls)}
    extra = plugin_fields(cls)
    allowed = {"name", "kind", "visible", "opacity"} | (names & _LAYER_KEYS) | set(extra)
    if cls is LayerGroup:
        allowed.add("children")
    for key in table:
        if key not in allowed:
            r.fail((*path, key), (message("'{}' does not apply to a {} layer").format(key, kind) if key in _LAYER_KEYS else message("unknown key '{}'").format(key)), hint=message("keys of a {} layer: {}").format(
                                                         kind, ', '.join(sorted(allowed))))
    kwargs: dict[str, Any] = {
        "name": r.get(table, path, "name", str),
        "visible": r.get(table, path, "visible", bool, True),
        "opacity": r.get(table, path, "opacity", float, 1.0),
    }
    if not 0.0 <= kwargs["opacity"] <= 1.0:
        r.fail((*path, "opacity"), message("opacity must be between 0 and 1, got {}").format(
                                       kwargs['opacity']))
    if issubclass(cls, DataLayer):
        kwargs["source"] = r.path_value(table, path, "source")
        if kwargs["source"] is None:
            r.fail((*path, "source"), message("missing required key 'source'"))
        crs = r.get(table, path, "crs", str, None)
        if crs is not None:
            try:
                parse_crs(crs)
            except ValueError as exc:
                r.fail((*path, "crs"), str(exc))
            kwargs["crs"] = crs
    for key in ("texture", "clip"):
        if key in names:
            kwargs[key] = r.path_value(table, path, key)
    if "layer" in names:
        kwargs["layer"] = r.get(table, path, "layer", str, None)
    if "filter" in names and "filter" in table:       # checked now: the line and position named
        kwargs["filter"] = _filter(r, table, path)
    if "bbox" in names and "bbox" in table:
        bbox = r.get(table, path, "bbox", list)
        if len(bbox) != 4 or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in bbox):
            r.fail((*path, "bbox"), message("bbox must be four numbers [xmin, ymin, xmax, ymax]"))
        kwargs["bbox"] = tuple(bbox)
    if "style" in names and "style" not in extra:     # a basemap's style is a WMTS style's name
        style_cls = type(cls.__dataclass_fields__["style"].default_factory())
        kwargs["style"] = r.record(style_cls, r.table(table, path, "style"), (*path, "style"))
    if issubclass(cls, BuildingsLayer):
        heights = r.table(table, path, "heights")
        kwargs["heights"] = r.record(HeightRule, heights, (*path, "heights"))
        if kwargs["heights"].lidar is not None:   # relative to the scene file, like sources
            kwargs["heights"] = replace(kwargs["heights"],
                                        lidar=r.path_value(heights, (*path, "heights"), "lidar"))
    if "join" in names and "join" in table:   # a table joined to the layer, relative like sources
        join = r.table(table, path, "join")
        kwargs["join"] = r.record(TableJoin, join, (*path, "join"))
        kwargs["join"] = replace(kwargs["join"], table=r.path_value(join, (*path, "join"), "table"))
    if "density" in names:
        kwargs["density"] = r.get(table, path, "density", float, cls.__dataclass_fields__["density"].default)
    if "budget" in names:
        kwargs["budget"] = r.get(table, path, "budget", int, cls.__dataclass_fields__["budget"].default)
    if issubclass(cls, ModelLayer):
        kwargs["lod"] = r.get(table, path, "lod", str, "")
        kwargs["placement"] = r.record(Placement, r.table(table, path, "placement"), (*path, "placement"))
    if cls is LayerGroup:
        kwargs["expanded"] = r.get(table, path, "expanded", bool, True)
    for key, default in extra.items():
        types = (int, float) if isinstance(default, float) else type(default)
        kwargs[key] = r.get(table, path, key, types, default)
        if isinstance(default, float):
            kwargs[key] = float(kwargs[key])
    try:
        layer = cls(**kwargs)
    except ValueError as exc:
        r.fail(path, str(exc))
    if isinstance(layer, LayerGroup):
        children = r.get(table, path, "children", list, [])
        for i, child in enumerate(children):
            layer.append(_read_layer(r, child, (*path, "children", i)))
    return layer


def scene_from_toml(text: str, file: Path) -> Scene:
    file = Path(file).absolute()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python < 3.14 only puts the position in the message: "... (at line 2, column 10)"
        match = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        line = int(match.group(1)) if match else None
        what = str(exc).replace(match.group(0), "").strip() if match else str(exc)
        raise SceneFileError(message("not valid TOML: {}").format(what), path=file, line=line,
                             hint=message("check quotes, brackets and '=' on that line")) from None
    r = _Reader(file, _LineIndex(text))
    fmt = r.get(data, (), "format", int)
    if fmt != FORMAT:
        r.fail(("format",), message("scene format {} is not supported (this twin reads format {})").format(
                                fmt, FORMAT),
               hint=message("upgrade twin to open newer scene files"))
    kinds = list(plugins().scene_components().values())   # with the plugins' layer kinds, now known
    r.no_unknown(data, (), {*CORE_SECTIONS, *(section for kind in kinds for section in kind.sections)})
    crs = r.get(data, (), "crs", str, "EPSG:2154")
    origin = r.get(data, (), "origin", list, None)
    if origin is not None and (len(origin) != 3 or not all(isinstance(v, (int, float)) for v in origin)):
        r.fail(("origin",), message("origin must be three numbers [x, y, z]"))
    try:
        scene = Scene(name=r.get(data, (), "name", str, file.stem), crs=crs,
                      public=r.get(data, (), "public", bool, False),
                      origin=tuple(float(v) for v in origin) if origin else None, path=file)
    except ValueError as exc:
        r.fail(("crs",), str(exc))

    timeline = r.table(data, (), "timeline")
    r.no_unknown(timeline, ("timeline",), {"current", "start", "end", "speed", "loop", "live"})
    if timeline:
        try:
            scene.timeline = Timeline(
                current=r.get(timeline, ("timeline",), "current", str),
                start=r.get(timeline, ("timeline",), "start", str, None),
                end=r.get(timeline, ("timeline",), "end", str, None),
                speed=float(r.get(timeline, ("timeline",), "speed", (int, float), 3600.0)),
                loop=r.get(timeline, ("timeline",), "loop", bool, True),
                live=r.get(timeline, ("timeline",), "live", bool, False))
        except ValueError as exc:
            r.fail(("timeline",), str(exc))

    camera = r.table(data, (), "camera")
    if camera:
        r.no_unknown(camera, ("camera",), {"position", "focal_point", "view_up", "view_angle"})
        scene.camera = Camera(view=r.view(camera, ("camera",)))

    for i, bm in enumerate(r.get(data, (), "bookmarks", list, [])):
        path = ("bookmarks", i)
        if not isinstance(bm, dict):
            r.fail(path, message("each bookmark must be a table ([[bookmarks]])"))
        r.no_unknown(bm, path, {"name", "description", "position", "focal_point", "view_up",
                                "view_angle", "layers", "time", "variant"})
        scene.add_bookmark(Bookmark(name=r.get(bm, path, "name", str), view=r.view(bm, path),
                                    description=r.get(bm, path, "description", str, ""),
                                    **r.recall(bm, path)))

    for i, table in enumerate(r.get(data, (), "layers", list, [])):
        scene.layers.append(_read_layer(r, table, ("layers", i)))
    for kind in kinds:
        tables = {key: data[key] for key in kind.sections if key in data}
        if tables:
            scene.set_component(kind.name, _read_component(kind, tables, scene, r))
    return scene


def _read_component(kind: SceneComponent, tables: dict, scene: Scene, r: _Reader):
    try:
        return kind.read(tables, scene, r)
    except TwinError:
        raise
    except Exception as exc:   # a bug in the component's reader, not in the file
        owner = plugins().owner(kind)
        r.fail((next(iter(tables)),), message("plugin '{}' failed to read this section ({}: {})").format(
                                          (owner.name if owner else '?'), type(exc).__name__, exc),
               hint=message("report it to the plugin's authors with this scene file"))


def load_scene(path: str | Path) -> Scene:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SceneFileError(message("scene file not found"), path=path) from None
    except UnicodeDecodeError:
        raise SceneFileError(message("not a text (UTF-8) file"), path=path,
                             hint=message("a scene file is TOML text, e.g. scenes/arras-centre.toml")) from None
    except OSError as exc:
        raise SceneFileError(message("cannot be read: {}").format(exc.strerror), path=path) from None
    return scene_from_toml(text, path)


# -- writing --------------------------------------------------------------------------------

def _relative(p: Path, base: Path) -> str:
    try:
        return Path(os.path.relpath(p, base)).as_posix()
    except ValueError:  # another drive on Windows
        return p.as_posix()


class _Writer:
    """What a component's ``write`` gets (twin.core.components.SectionWriter)."""

    def __init__(self, base: Path):
        self.base = base

    def relative(self, path: Path) -> str:
        return _relative(path, self.base)

    def view(self, view: View) -> dict:
        return _view_dict(view)

    def recall(self, item) -> dict:
        return _recall_dict(item)


def _record_dict(record) -> dict:
    values = {f.name: getattr(record, f.name) for f in fields(record)}
    return {k: list(v) if isinstance(v, tuple) else v for k, v in values.items() if v is not None}


def _view_dict(view: View) -> dict:
    return {"position": list(view.position), "focal_point": list(view.focal_point),
            "view_up": list(view.view_up), "view_angle": view.view_angle}


def _layer_dict(layer: Layer, base: Path) -> dict:
    out: dict[str, Any] = {"name": layer.name, "kind": layer.kind, "visible": layer.visible,
                           "opacity": layer.opacity}
    if isinstance(layer, DataLayer):
        out["source"] = _relative(layer.source, base)
        if layer.crs:
            out["crs"] = layer.crs
    for key in ("texture", "clip"):
        if getattr(layer, key, None) is not None:
            out[key] = _relative(getattr(layer, key), base)
    if getattr(layer, "layer", None):
        out["layer"] = layer.layer
    if getattr(layer, "filter", ""):
        out["filter"] = layer.filter
    if getattr(layer, "bbox", None) is not None:
        out["bbox"] = list(layer.bbox)
    if isinstance(getattr(layer, "style", None), Style):
        out["style"] = _record_dict(layer.style)
    if isinstance(layer, BuildingsLayer):
        out["heights"] = _record_dict(layer.heights)
        if layer.heights.lidar is not None:
            out["heights"]["lidar"] = _relative(layer.heights.lidar, base)
    if getattr(layer, "join", None) is not None:
        out["join"] = _record_dict(layer.join) | {"table": _relative(layer.join.table, base)}
    if isinstance(layer, PointCloudLayer):
        out["budget"] = layer.budget
    if getattr(layer, "density", None) is not None:
        out["density"] = layer.density
    if isinstance(layer, ModelLayer):
        if layer.lod:
            out["lod"] = layer.lod
        if layer.placement.placed:
            out["placement"] = _record_dict(layer.placement)
    own = type(layer).__module__.split(".")[0] == "twin"
    for key, default in plugin_fields(type(layer)).items():
        if not (own and getattr(layer, key) == default):      # twin's kinds write what differs
            out[key] = getattr(layer, key)
    if isinstance(layer, LayerGroup):
        out["expanded"] = layer.expanded
        out["children"] = [_layer_dict(child, base) for child in layer]
    return out


def _recall_dict(item) -> dict:
    out: dict[str, Any] = {}
    if item.layers is not None:
        out["layers"] = list(item.layers)
    if item.time is not None:
        out["time"] = iso_utc(item.time)
    if getattr(item, "sun", None) is not None:
        out["sun"] = iso_utc(item.sun)
    if item.variant is not None:
        out["variant"] = list(item.variant)
    return out


def scene_to_dict(scene: Scene, base: Path) -> dict:
    out: dict[str, Any] = {"format": FORMAT, "name": scene.name, "crs": scene.crs}
    if scene.public:
        out["public"] = True
    if scene.origin is not None:
        out["origin"] = list(scene.origin)
    out["timeline"] = {"current": iso_utc(scene.timeline.current)}
    if scene.timeline.start:
        out["timeline"]["start"] = iso_utc(scene.timeline.start)
    if scene.timeline.end:
        out["timeline"]["end"] = iso_utc(scene.timeline.end)
    out["timeline"].update(speed=scene.timeline.speed, loop=scene.timeline.loop, live=scene.timeline.live)
    if scene.camera.view is not None:
        out["camera"] = _view_dict(scene.camera.view)
    if scene.bookmarks:
        out["bookmarks"] = [{"name": b.name, **({"description": b.description} if b.description else {}),
                             **_view_dict(b.view), **_recall_dict(b)} for b in scene.bookmarks.values()]
    out["layers"] = [_layer_dict(layer, base) for layer in scene.layers]
    kinds = plugins().scene_components()
    attached = scene.components
    unknown = sorted(set(attached) - set(kinds))
    if unknown:   # saving without it would lose it
        raise TwinError(message("the scene's {!r} cannot be saved: no enabled plugin writes it").format(
                            unknown[0]),
                        path=scene.path, hint=message("enable the plugin that provides it (twin plugins)"))
    writer = _Writer(base)
    for name, kind in kinds.items():
        if name in attached:
            tables = kind.write(attached[name], scene, writer)
            stray = sorted(set(tables) - set(kind.sections))
            if stray:
                raise TwinError(message("scene component {!r} wrote the section '{}', which is not its own").format(
                                    name, stray[0]))
            out.update(tables)
    rank = section_order(kinds.values())
    return dict(sorted(out.items(), key=lambda item: rank[item[0]]))


def save_scene(scene: Scene, path: str | Path) -> Path:
    """Write atomically (temp file + rename): a crash never leaves half a scene file."""
    path = Path(path).absolute()
    text = tomli_w.dumps(scene_to_dict(scene, path.parent))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    scene.path = path
    return path


def snapshot(scene: Scene):
    """The scene as it is now, to rebuild elsewhere: serialised at once (on the thread
    that owns the scene), rebuilt — layers without their data — when the returned
    function is called, e.g. by a worker thread that must not touch the live scene."""
    base = scene.path.parent if scene.path is not None else Path.cwd()
    text = tomli_w.dumps(scene_to_dict(scene, base))
    return lambda: scene_from_toml(text, base / (scene.path.name if scene.path is not None else "snapshot.toml"))
