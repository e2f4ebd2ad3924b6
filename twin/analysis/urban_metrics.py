"""Metrics of a project variant and its check against the PLU (no Qt, no VTK).

Per new or changed building (``variant_buildings`` rows whose status is not
"existing"), plus a total row:

- ``footprint_area`` m², the exact shapely area; ``height`` m (to the ridge);
- ``levels``: the floors given, else whole storeys under the eaves (height − roof rise)
  divided by the floor height;
- ``floor_area``, the *surface de plancher* estimate: levels × footprint ×
  ``PluRules.floor_area_ratio`` (0.8 by default: walls, stairs, shafts and technical
  rooms are not counted in French floor area);
- ``parcels`` (ids) and ``parcel_area``: the parcels the footprint covers (at least 0.5 m²
  or 1 % of it), from the layer named ``PluRules.parcels`` else the first vector layer
  with the Etalab cadastre fields ``id, section, numero``;
- ``emprise``: the *coefficient d'emprise au sol*, footprints of **all** the variant's
  buildings on those parcels (what is kept counts too) ÷ their area;
- ``setback``: metres from the footprint to the street alignment (see ``alignment``);
- ``dwellings``: floor area ÷ ``PluRules.dwelling_size`` (65 m², a mean new French
  dwelling), rounded down, for the use "logement" only;
- ``violations``: the PLU rules broken, in French.

PLU rules are per zone (``PluZone``): a building falls in the zone that overlaps most of
its footprint; a zone without geometry or layer applies everywhere. Only new and changed
buildings are checked: existing ones have acquired rights.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import shapely

from twin.core.errors import DataError
from twin.geometry.roofs import PITCHED, roof_rise
from twin.projects.model import Projects
from twin.projects.plu import PluRules, PluZone
from twin.projects.states import BuildingSet, variant_buildings
from twin.core.i18n import message

if TYPE_CHECKING:
    from twin.core.scene import Scene

RULES = ("max_height", "max_emprise", "setback")
_TOL = 1e-6


@dataclass(frozen=True)
class Violation:
    building_id: str
    rule: str          # max_height | max_emprise | setback
    value: float
    limit: float
    message_fr: str


# -- inputs from the scene --------------------------------------------------------------------

def _layer_frame(scene: "Scene", name: str):
    layer = next((layer for layer in scene.data_layers() if layer.name == name), None)
    if layer is None:
        raise DataError(message("no layer named {!r} in the scene").format(name), hint=message("check the name in [plu]"))
    frame = getattr(getattr(layer.data, "table", None), "frame", None)
    if frame is None:
        raise DataError(message("layer {!r} is not loaded{}").format(
                            name, (': ' + layer.error if layer.error else '')),
                        hint=message("load the scene's data first"))
    return frame


def parcels_frame(scene: "Scene", rules: PluRules):
    """The parcels (GeoDataFrame in scene CRS), or None when the scene has none."""
    if rules.parcels:
        return _layer_frame(scene, rules.parcels)
    for layer in scene.data_layers():
        frame = getattr(getattr(layer.data, "table", None), "frame", None)
        if frame is not None and layer.kind == "vector" and {"id", "section", "numero"} <= set(frame.columns):
            return frame
    return None


def _file_frame(scene: "Scene", path: Path):
    """A zoning file read through the importers and brought into the scene's CRS."""
    stat = Path(path).stat() if Path(path).is_file() else None
    if stat is None:
        raise DataError(message("PLU zoning file not found"), path=path, hint=message("paths are relative to the scene file"))
    return _read_zoning(Path(path), stat.st_mtime_ns, scene.crs)


@lru_cache(maxsize=8)
def _read_zoning(path: Path, mtime: int, crs: str):
    from twin.core.feedback import Feedback
    from twin.core.layers import VectorLayer
    from twin.io.kinds.base import read_source
    from twin.core.scene import Scene
    table = read_source(VectorLayer("PLU", source=path), Scene(crs=crs), Feedback())
    if not hasattr(table, "frame"):
        raise DataError(message("is not a vector layer of zones"), path=path, hint=message("use the zone_urba GeoJSON or shapefile"))
    return table.frame


def zone_geometries(scene: "Scene | None", rules: PluRules) -> list:
    """Each zone's geometry (None: everywhere)."""
    out = []
    for zone in rules.zones:
        if zone.geometry is not None or not (zone.layer or zone.source):
            out.append(zone.geometry)
            continue
        frame = _layer_frame(scene, zone.layer) if zone.layer else _file_frame(scene, zone.source)
        if zone.field not in frame.columns:
            raise DataError(message("PLU zone {!r}: {} has no field {!r}").format(
                                zone.name, zone.layer or zone.source, zone.field),
                            hint=message("its fields: {}").format(', '.join(map(str, frame.columns[:20]))))
        rows = frame[frame[zone.field].astype(str) == str(zone.value)]
        if not len(rows):
            raise DataError(message("PLU zone {!r}: no feature of {!r} has {} = {!r}").format(
                                zone.name, zone.layer, zone.field, zone.value))
        out.append(shapely.union_all(rows.geometry.to_numpy()))
    return out


def alignment(parcels: np.ndarray, own: np.ndarray, roads: np.ndarray | None):
    """The street alignment a setback is measured from. With a roads/public-space layer:
    the boundary of its polygons (its lines as they are). Without: the boundary of the
    building's parcels that no other parcel shares — the cadastre leaves streets out of
    parcels, so that is the edge on the street (or on any unparcelled public space)."""
    if roads is not None:
        polygonal = np.isin(shapely.get_type_id(roads), (3, 6))
        lines = np.where(polygonal, shapely.boundary(roads), roads)
        return shapely.union_all(lines)
    if not len(own):
        return None
    plot = shapely.union_all(parcels[own])
    tree = shapely.STRtree(parcels)
    near = np.setdiff1d(tree.query(shapely.buffer(plot, 0.5), predicate="intersects"), own)
    edge = shapely.boundary(plot)
    if len(near):
        edge = shapely.difference(edge, shapely.buffer(shapely.union_all(parcels[near]), 0.1))
    return None if edge.is_empty else edge


# -- metrics and checks -----------------------------------------------------------------------

def _levels(bs: BuildingSet, rows: np.ndarray) -> np.ndarray:
    height = bs.heights[rows]
    rise = np.zeros(len(rows))
    pitched = np.isin(bs.roof[rows], PITCHED)
    if pitched.any():
        rise[pitched] = roof_rise(bs.footprints[rows][pitched], bs.pitch[rows][pitched])
    under_eaves = np.floor((height - rise) / bs.floor_height[rows] + 1e-9)
    return np.where(np.isfinite(bs.floors[rows]), bs.floors[rows], np.maximum(under_eaves, 0))


def assess(buildings: BuildingSet, rules: PluRules, parcels=None, zones: list | None = None,
           roads=None) -> tuple[pd.DataFrame, list[Violation]]:
    """Metrics and violations from explicit inputs: ``parcels`` a GeoDataFrame (or None),
    ``zones`` the geometry of each of ``rules.zones`` (None: everywhere), ``roads`` an
    array of geometries giving the alignment (None: from the parcels)."""
    bs = buildings
    rows = np.flatnonzero(bs.changed)
    fps = bs.footprints[rows]
    area = shapely.area(fps)
    levels = _levels(bs, rows)
    floor_area = levels * area * rules.floor_area_ratio
    dwellings = np.where(bs.use[rows] == "logement", np.floor(floor_area / rules.dwelling_size + 1e-9), 0)
    zones = zones if zones is not None else [z.geometry for z in rules.zones]

    p_geom = p_ids = None
    if parcels is not None and len(parcels):
        p_geom = shapely.force_2d(parcels.geometry.to_numpy())
        p_ids = (parcels["id"] if "id" in parcels.columns else pd.Series(parcels.index)).astype(str).to_numpy()
        p_tree = shapely.STRtree(p_geom)
    b_tree = shapely.STRtree(bs.footprints)
    road_geoms = None if roads is None else np.asarray(roads, dtype=object)

    records, violations = [], []
    for k, i in enumerate(rows):         # the buildings of one project: a handful
        fp = bs.footprints[i]
        own = np.array([], dtype=np.int64)
        parcel_area = emprise = setback = np.nan
        if p_geom is not None:
            cand = p_tree.query(fp, predicate="intersects")
            if len(cand):
                overlap = shapely.area(shapely.intersection(p_geom[cand], fp))
                own = np.sort(cand[overlap >= np.maximum(0.5, 0.01 * area[k])])
        if len(own):
            plot = shapely.union_all(p_geom[own])
            parcel_area = float(plot.area)
            on = b_tree.query(plot, predicate="intersects")
            built = shapely.union_all(shapely.intersection(bs.footprints[on], plot))
            emprise = float(built.area) / parcel_area
        line = alignment(p_geom, own, road_geoms) if (p_geom is not None or road_geoms is not None) else None
        if line is not None:
            setback = float(shapely.distance(fp, line))
        zone_i = _zone_of(fp, zones)
        zone = rules.zones[zone_i] if zone_i is not None else None
        broken = _check(str(bs.ids[i]), zone, float(bs.heights[i]), emprise, setback)
        violations += broken
        records.append({
            "building_id": str(bs.ids[i]), "name": bs.names[i], "status": bs.status[i], "use": bs.use[i],
            "zone": zone.name if zone else "", "footprint_area": float(area[k]), "height": float(bs.heights[i]),
            "levels": int(levels[k]), "floor_area": float(floor_area[k]),
            "parcels": ", ".join(p_ids[own]) if len(own) else "", "parcel_area": parcel_area,
            "emprise": emprise, "setback": setback, "dwellings": int(dwellings[k]),
            "violations": "; ".join(v.message_fr for v in broken)})
    frame = pd.DataFrame.from_records(records, columns=COLUMNS)
    total = {c: "" for c in COLUMNS} | {
        "building_id": "Total", "footprint_area": float(area.sum()),
        "height": float(bs.heights[rows].max()) if len(rows) else np.nan,
        "floor_area": float(floor_area.sum()),
        "parcel_area": np.nan, "emprise": np.nan, "setback": np.nan,
        "dwellings": int(dwellings.sum()), "violations": f"{len(violations)} non-conformité(s)" if violations else ""}
    frame = pd.concat([frame, pd.DataFrame([total], columns=COLUMNS)], ignore_index=True)
    return frame, violations


COLUMNS = ["building_id", "name", "status", "use", "zone", "footprint_area", "height", "levels",
           "floor_area", "parcels", "parcel_area", "emprise", "setback", "dwellings", "violations"]


def _zone_of(fp, zones: list) -> int | None:
    best, best_area = None, 0.0
    for j, geom in enumerate(zones):     # a handful of zones
        a = fp.area if geom is None else shapely.area(shapely.intersection(geom, fp))
        if a > best_area + _TOL:
            best, best_area = j, a
    return best


def _fr(x: float, digits: int = 1) -> str:
    return f"{x:.{digits}f}".replace(".", ",")


def _check(bid: str, zone: PluZone | None, height: float, emprise: float, setback: float) -> list[Violation]:
    if zone is None:
        return []
    out = []
    if zone.max_height is not None and height > zone.max_height + _TOL:
        out.append(Violation(bid, "max_height", height, zone.max_height,
                             f"Hauteur {_fr(height)} m > {_fr(zone.max_height)} m autorisés (zone {zone.name})"))
    if zone.max_emprise is not None and np.isfinite(emprise) and emprise > zone.max_emprise + _TOL:
        out.append(Violation(bid, "max_emprise", emprise, zone.max_emprise,
                             f"Emprise au sol {_fr(emprise * 100, 0)} % > {_fr(zone.max_emprise * 100, 0)} % "
                             f"autorisés (zone {zone.name})"))
    if zone.setback is not None and np.isfinite(setback) and setback < zone.setback - _TOL:
        out.append(Violation(bid, "setback", setback, zone.setback,
                             f"Recul de {_fr(setback)} m sur la voie < {_fr(zone.setback)} m exigés (zone {zone.name})"))
    return out


def _inputs(scene: "Scene", project, variant, rules):
    rules = rules or Projects.of(scene).plu or PluRules()
    roads = _layer_frame(scene, rules.roads).geometry.to_numpy() if rules.roads else None
    return (variant_buildings(scene, project, variant), rules, parcels_frame(scene, rules),
            zone_geometries(scene, rules), roads)


def variant_metrics(scene: "Scene", project: str | None, variant: str | None,
                    rules: PluRules | None = None) -> pd.DataFrame:
    """The metrics table of a variant (rules: the scene's ``[plu]`` unless given)."""
    return assess(*_inputs(scene, project, variant, rules))[0]


def check_plu(scene: "Scene", project: str | None, variant: str | None,
              rules: PluRules | None = None) -> list[Violation]:
    return assess(*_inputs(scene, project, variant, rules))[1]


# -- export ---------------------------------------------------------------------------------

COLUMNS_FR = {
    "building_id": "Bâtiment", "name": "Nom", "status": "État", "use": "Destination", "zone": "Zone PLU",
    "footprint_area": "Emprise du bâtiment (m²)", "height": "Hauteur (m)", "levels": "Niveaux",
    "floor_area": "Surface de plancher estimée (m²)", "parcels": "Parcelle(s)",
    "parcel_area": "Surface des parcelles (m²)", "emprise": "Coefficient d'emprise au sol",
    "setback": "Recul sur voie (m)", "dwellings": "Logements estimés", "violations": "Non-conformités PLU",
}
STATUS_FR = {"new": "neuf", "raised": "surélevé", "lowered": "abaissé", "model": "maquette importée",
             "existing": "existant"}


def metrics_to_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """French headers, ';' separated with decimal commas (as French spreadsheets open
    it), UTF-8 with a BOM; written aside then renamed, never half-written."""
    path = Path(path).absolute()
    out = frame.copy()
    out["status"] = out["status"].map(lambda s: STATUS_FR.get(s, s))
    out = out.round({"footprint_area": 2, "height": 2, "floor_area": 2, "parcel_area": 2, "emprise": 3,
                     "setback": 2}).rename(columns=COLUMNS_FR)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise DataError(message("cannot be written: {}").format(exc.strerror), path=path,
                        hint=message("choose a folder that exists and that you can write to")) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as fh:
            out.to_csv(fh, sep=";", decimal=",", index=False)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
