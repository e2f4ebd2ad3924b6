"""The ``[[projects]]``, ``[plu]`` and ``active_variant`` keys of a scene file: the scene
component ``projects`` (``Projects.of(scene)``), registered by the built-in plugin
``builtin-projects`` (the ``plugin`` below, an entry point in pyproject.toml).

Read with the scene file's reader (errors name key and line), written back so that a
round trip keeps everything. Footprints are lists of ``[x, y]`` in the scene CRS (the
easiest to edit by hand and to paste from QGIS's vertex editor); model sources are
relative to the scene file like every path; PLU zones are inline WKT or a layer's
features picked by ``field`` = ``value``.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import shapely
from shapely.geometry import Polygon

from twin.core.components import SceneComponent
from twin.core.contrib import Plugin
from twin.core.layers import Placement
from twin.projects.edits import COMPONENT, EDIT_KINDS, Demolish, EditError, NewBuilding, PlacedModel, SetHeight, edit_kind
from twin.projects.model import Project, Projects, Variant
from twin.projects.plu import PluRules, PluZone
from twin.core.i18n import message

_EDIT_KEYS = {
    "new_building": {"footprint", "holes", "height", "floors", "roof", "roof_pitch", "floor_height", "use", "name"},
    "model": {"source", "placement", "name"},
    "demolish": {"buildings"},
    "set_height": {"building", "height"},
}
_ZONE_KEYS = {"name", "max_height", "max_emprise", "setback", "wkt", "layer", "source", "field", "value"}
_PLU_KEYS = {"zones", "floor_area_ratio", "dwelling_size", "parcels", "roads"}


def _ring(r, value, path: tuple) -> list[tuple[float, float]]:
    if not isinstance(value, list) or len(value) < 3 or not all(
            isinstance(p, list) and len(p) in (2, 3) and all(isinstance(c, (int, float)) and not isinstance(c, bool)
                                                             for c in p) for p in value):
        r.fail(path, message("expected a list of at least 3 points [x, y] in the scene's CRS"),
               hint=message("e.g. footprint = [[684100.0, 7021500.0], [684120.0, 7021500.0], [684120.0, "
                            "7021510.0]]"))
    return [(float(p[0]), float(p[1])) for p in value]


def _read_edit(r, table, path: tuple, k: int):
    if not isinstance(table, dict):
        r.fail(path, message("each edit must be a table ([[projects.variants.edits]])"))
    kind = r.get(table, path, "kind", str)
    if kind not in EDIT_KINDS:
        r.fail((*path, "kind"), message("unknown edit kind {!r}").format(kind), hint=message("use one of: {}").format(
                                                                        ', '.join(EDIT_KINDS)))
    r.no_unknown(table, path, {"kind", "id"} | _EDIT_KEYS[kind])
    eid = r.get(table, path, "id", str, f"e{k + 1}")
    try:
        if kind == "new_building":
            shell = _ring(r, r.get(table, path, "footprint", list), (*path, "footprint"))
            holes = [_ring(r, h, (*path, "holes")) for h in r.get(table, path, "holes", list, [])]
            return NewBuilding(
                id=eid, footprint=Polygon(shell, holes),
                height=r.get(table, path, "height", float, None), floors=r.get(table, path, "floors", int, None),
                roof=r.get(table, path, "roof", str, "flat"), roof_pitch=r.get(table, path, "roof_pitch", float, 35.0),
                floor_height=r.get(table, path, "floor_height", float, 3.0),
                use=r.get(table, path, "use", str, "logement"), name=r.get(table, path, "name", str, ""))
        if kind == "model":
            source = r.path_value(table, path, "source")
            if source is None:
                r.fail((*path, "source"), message("missing required key 'source'"))
            if not source.is_file():
                r.fail((*path, "source"), message("model file not found: {}").format(source), hint=message("paths are relative to the scene file"))
            placement = r.record(Placement, r.table(table, path, "placement"), (*path, "placement"))
            return PlacedModel(id=eid, source=source, placement=placement, name=r.get(table, path, "name", str, ""))
        if kind == "demolish":
            ids = r.get(table, path, "buildings", list)
            if not all(isinstance(b, str) for b in ids):
                r.fail((*path, "buildings"), message("expected a list of building ids (strings)"))
            return Demolish(id=eid, building_ids=tuple(ids))
        return SetHeight(id=eid, building_id=r.get(table, path, "building", str),
                         height=r.get(table, path, "height", float))
    except EditError as exc:   # the key the message is about, for its line
        key = next((k for w, k in _MESSAGE_KEYS if w in exc.what and k in table), None)
        r.fail((*path, key) if key else path, exc.what, exc.hint)


_MESSAGE_KEYS = (("footprint", "footprint"), ("floors", "floors"), ("roof pitch", "roof_pitch"),
                 ("pitched", "roof_pitch"), ("roof type", "roof"), ("floor height", "floor_height"),
                 ("height", "height"), ("anchor", "placement"),
                 # the same messages in French (message() follows the messages' language)
                 ("emprise au sol", "footprint"), ("étages", "floors"), ("pente du toit", "roof_pitch"),
                 ("incliné", "roof_pitch"), ("type de toit", "roof"), ("hauteur d'étage", "floor_height"),
                 ("hauteur", "height"), ("ancrage", "placement"))


def _read_plu(r, data: dict) -> PluRules | None:
    if "plu" not in data:
        return None
    table = r.table(data, (), "plu")
    path = ("plu",)
    r.no_unknown(table, path, _PLU_KEYS)
    zones = []
    for i, zt in enumerate(r.get(table, path, "zones", list, [])):
        zpath = (*path, "zones", i)
        if not isinstance(zt, dict):
            r.fail(zpath, message("each zone must be a table ([[plu.zones]])"))
        r.no_unknown(zt, zpath, _ZONE_KEYS)
        geometry = None
        wkt = r.get(zt, zpath, "wkt", str, None)
        if wkt is not None:
            try:
                geometry = shapely.from_wkt(wkt)
            except shapely.errors.GEOSException as exc:
                r.fail((*zpath, "wkt"), message("not valid WKT ({})").format(exc), hint=message("e.g. \"POLYGON ((x0 y0, x1 y1, x2 y2, "
                                                                               "x0 y0))\""))
        try:
            zones.append(PluZone(
                name=r.get(zt, zpath, "name", str), geometry=geometry,
                max_height=r.get(zt, zpath, "max_height", float, None),
                max_emprise=r.get(zt, zpath, "max_emprise", float, None),
                setback=r.get(zt, zpath, "setback", float, None),
                layer=r.get(zt, zpath, "layer", str, ""), source=r.path_value(zt, zpath, "source"),
                field=r.get(zt, zpath, "field", str, ""),
                value=str(r.get(zt, zpath, "value", (str, int), ""))))
        except ValueError as exc:
            r.fail(zpath, str(exc))
    try:
        return PluRules(zones=tuple(zones),
                        floor_area_ratio=r.get(table, path, "floor_area_ratio", float, 0.8),
                        dwelling_size=r.get(table, path, "dwelling_size", float, 65.0),
                        parcels=r.get(table, path, "parcels", str, ""), roads=r.get(table, path, "roads", str, ""))
    except ValueError as exc:
        r.fail(path, str(exc))


def read_projects(data: dict, scene, r) -> Projects:
    """The scene's projects, PLU rules and active variant from the scene file's tables."""
    projects = []
    for i, pt in enumerate(r.get(data, (), "projects", list, [])):
        path = ("projects", i)
        if not isinstance(pt, dict):
            r.fail(path, message("each project must be a table ([[projects]])"))
        r.no_unknown(pt, path, {"name", "description", "variants"})
        variants = []
        for j, vt in enumerate(r.get(pt, path, "variants", list, [])):
            vpath = (*path, "variants", j)
            if not isinstance(vt, dict):
                r.fail(vpath, message("each variant must be a table ([[projects.variants]])"))
            r.no_unknown(vt, vpath, {"name", "description", "edits"})
            edits = [_read_edit(r, et, (*vpath, "edits", k), k)
                     for k, et in enumerate(r.get(vt, vpath, "edits", list, []))]
            try:
                variants.append(Variant(r.get(vt, vpath, "name", str), edits, r.get(vt, vpath, "description", str, "")))
            except EditError as exc:
                r.fail(vpath, exc.what, exc.hint)
        try:
            projects.append(Project(r.get(pt, path, "name", str), variants, r.get(pt, path, "description", str, "")))
        except EditError as exc:
            r.fail(path, exc.what, exc.hint)
    plu = _read_plu(r, data)
    try:
        out = Projects.new(scene, projects, plu)
    except EditError as exc:
        r.fail(("projects",), exc.what, exc.hint)
    active = r.get(data, (), "active_variant", list, None)
    if active is not None:
        if len(active) != 2 or not all(isinstance(v, str) for v in active):
            r.fail(("active_variant",), message("expected [\"project\", \"variant\"], got {!r}").format(
                                            active))
        try:
            out.active = tuple(active)
        except KeyError as exc:
            r.fail(("active_variant",), str(exc.args[0]))
    return out


# -- writing --------------------------------------------------------------------------------

def _coords(ring) -> list[list[float]]:
    return [[float(x), float(y)] for x, y in list(ring.coords)[:-1]]


def _edit_dict(edit, writer) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": edit_kind(edit), "id": edit.id}
    if isinstance(edit, NewBuilding):
        if edit.name:
            out["name"] = edit.name
        out["footprint"] = _coords(edit.footprint.exterior)
        if edit.footprint.interiors:
            out["holes"] = [_coords(h) for h in edit.footprint.interiors]
        if edit.height is not None:
            out["height"] = edit.height
        if edit.floors is not None:
            out["floors"] = edit.floors
        out.update(roof=edit.roof, roof_pitch=float(edit.roof_pitch), floor_height=edit.floor_height, use=edit.use)
    elif isinstance(edit, PlacedModel):
        if edit.name:
            out["name"] = edit.name
        out["source"] = writer.relative(edit.source)
        out["placement"] = {f.name: list(getattr(edit.placement, f.name)) if f.name == "anchor"
                            else getattr(edit.placement, f.name) for f in fields(Placement)}
    elif isinstance(edit, Demolish):
        out["buildings"] = list(edit.building_ids)
    else:
        out.update(building=edit.building_id, height=edit.height)
    return out


def _zone_dict(zone: PluZone, writer) -> dict[str, Any]:
    out: dict[str, Any] = {"name": zone.name}
    for key in ("max_height", "max_emprise", "setback"):
        if getattr(zone, key) is not None:
            out[key] = getattr(zone, key)
    if zone.geometry is not None:
        out["wkt"] = shapely.to_wkt(zone.geometry, rounding_precision=3, trim=True)
    elif zone.layer or zone.source is not None:
        out.update({"layer": zone.layer} if zone.layer else {"source": writer.relative(zone.source)})
        out.update(field=zone.field, value=zone.value)
    return out


def projects_to_dict(projects: Projects, scene, writer) -> dict[str, Any]:
    """The scene file keys for the projects, PLU rules and active variant (empty if none)."""
    out: dict[str, Any] = {}
    if projects.active is not None:
        out["active_variant"] = list(projects.active)
    if len(projects):
        out["projects"] = [
            {"name": p.name, **({"description": p.description} if p.description else {}),
             "variants": [{"name": v.name, **({"description": v.description} if v.description else {}),
                           "edits": [_edit_dict(e, writer) for e in v.edits]} for v in p.variants]}
            for p in projects]
    plu = projects.plu
    if plu is not None:
        out["plu"] = {"floor_area_ratio": plu.floor_area_ratio, "dwelling_size": plu.dwelling_size,
                      **({"parcels": plu.parcels} if plu.parcels else {}),
                      **({"roads": plu.roads} if plu.roads else {}),
                      "zones": [_zone_dict(z, writer) for z in plu.zones]}
    return out


PROJECTS = SceneComponent(COMPONENT, ("active_variant", "projects", "plu"), factory=Projects.new,
                          read=read_projects, write=projects_to_dict, after="layers")

plugin = Plugin(name="builtin-projects", register=lambda registrar: registrar.scene_component(PROJECTS),
                api="1.2", description="Urban projects, their variants and the PLU rules (scene file sections)")
