"""BD TOPO 3 as IGN delivers it: one GeoPackage for the département, its layers in
alphabetical order (``aerodrome`` first, then ``batiment``, ``commune``,
``surface_hydrographique``, ``troncon_de_route``, ``zone_de_vegetation``), geometry
column ``geometrie``, Lambert-93, 3D where IGN's are (MultiPolygon Z buildings with the
eaves' altitude on every vertex, -1000 where unknown; LineString Z roads), long
lowercase field names, IGN's values (``Indifférenciée``, ``Résidentiel``…) with IGN's
share of empty fields (no floor count on ~64 % of buildings, no height on ~1.6 %).

Columns are built whole with numpy; the file is written with pyogrio through Arrow,
aside then renamed, with GDAL's ``OGR_CURRENT_DATE`` pinned so that the same seed
writes the same bytes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import shapely

from benchmarks.delivery.terrain import CRS
from benchmarks.delivery.territory import Territory
from benchmarks.delivery.town import COURTYARD, HALL

EDITION = "2024-03-15"


def folder_name(dept: str = "062") -> tuple[str, str]:
    """(delivery folder, GeoPackage stem) as in IGN's 7z: the GeoPackage sits four
    folders down ``BDTOPO_3-3_TOUSTHEMES_GPKG_LAMB93_D062_<edition>/BDTOPO/…``."""
    top = f"BDTOPO_3-3_TOUSTHEMES_GPKG_LAMB93_D{dept}_{EDITION}"
    stem = f"BDT_3-3_GPKG_LAMB93_D{dept}-ED{EDITION}"
    return f"{top}/BDTOPO/1_DONNEES_LIVRAISON_{EDITION[:7]}-00161/{stem}", stem


# -- column helpers ----------------------------------------------------------------------------

def _ids(prefix: str, n: int, rng, start: int) -> np.ndarray:
    """IGN's ``cleabs``: 8 letters and 16 digits, unique, not in file order."""
    numbers = start + rng.permutation(n) * 7 + rng.integers(0, 7, n)
    return np.char.add(prefix, np.char.zfill(numbers.astype(str), 24 - len(prefix)))


def _pick(rng, values, p, n, null: float = 0.0) -> np.ndarray:
    out = np.asarray(values, dtype=object)[rng.choice(len(values), n, p=np.asarray(p) / np.sum(p))]
    out[rng.random(n) < null] = None
    return out


def _floats(values, null=None) -> pd.arrays.FloatingArray:
    return pd.array(np.where(null, np.nan, values) if null is not None else values, dtype="Float64")


def _ints(values, null=None) -> pd.arrays.IntegerArray:
    a = pd.array(np.asarray(values, dtype=np.int64), dtype="Int64")
    if null is not None:
        a[np.asarray(null)] = pd.NA
    return a


def _datetimes(rng, n, start: str, end: str, null: float = 0.0) -> pd.Series:
    lo, hi = np.datetime64(start, "s").astype(np.int64), np.datetime64(end, "s").astype(np.int64)
    t = rng.integers(lo, hi, n).astype("datetime64[s]")
    t[rng.random(n) < null] = np.datetime64("NaT")
    return pd.Series(t.astype("datetime64[ms]"))


def _dates(rng, n, start: str, end: str, null: float = 0.0) -> pd.Series:
    lo, hi = np.datetime64(start, "D").astype(np.int64), np.datetime64(end, "D").astype(np.int64)
    days = rng.integers(lo, hi, n).astype("datetime64[D]")
    arr = pa.array(days, type=pa.date32(), mask=rng.random(n) < null)
    return pd.Series(arr, dtype=pd.ArrowDtype(pa.date32()))


def _common(rng, n: int, null_modified=0.35) -> dict:
    """The lineage fields every BD TOPO layer carries."""
    return {
        "date_creation": _datetimes(rng, n, "2005-01-01", "2023-06-30"),
        "date_modification": _datetimes(rng, n, "2023-07-01", "2024-03-01", null_modified),
        "date_d_apparition": _dates(rng, n, "1850-01-01", "2022-12-31", 0.75),
        "date_de_confirmation": _dates(rng, n, "2015-01-01", "2024-01-01", 0.4),
        "sources": _pick(rng, ["BDTopo", "Cadastre", "Fichiers fonciers"], [3, 2, 1], n, 0.6),
        "identifiants_sources": np.full(n, None, dtype=object),
    }


# -- layers -----------------------------------------------------------------------------------

def batiment(t: Territory, rng) -> pd.DataFrame:
    land = t.land
    polys = t.buildings("polygons")
    n = len(polys)
    kind, height, rise = t.buildings("kind"), t.buildings("height"), t.buildings("rise")
    cen, area = t.buildings("centrality"), shapely.area(polys)
    cx, cy = t.buildings("cx"), t.buildings("cy")
    xy, owner = shapely.get_coordinates(polys, return_index=True)
    zv = land.z(xy[:, 0], xy[:, 1])
    sol_min, sol_max = np.full(n, np.inf), np.full(n, -np.inf)
    np.minimum.at(sol_min, owner, zv)
    np.maximum.at(sol_max, owner, zv)
    eaves = land.z(cx, cy) + height                  # where the LiDAR sees the eaves
    roof_max = eaves + rise

    small = area < 35
    hall = kind == HALL
    industrial = hall | (~small & (cen > 0.6) & (rng.random(n) < 0.06))
    nature = np.where(industrial, "Industriel, agricole ou commercial", "Indifférenciée").astype(object)
    rare = _pick(rng, ["Silo", "Serre", "Château", "Tour, donjon", "Chapelle", "Moulin à vent"],
                 [30, 25, 6, 6, 5, 1], n)
    is_rare = (rng.random(n) < 0.007) & ~small & ~industrial & (kind != COURTYARD)
    nature[is_rare] = rare[is_rare]
    church = _central(t, rng)
    nature[church] = "Eglise"
    usage = _pick(rng, ["Résidentiel", "Commercial et services", "Indifférencié", "Sportif"],
                  [86, 5, 8, 1], n)
    usage[(cen < 0.2) & (rng.random(n) < 0.15)] = "Commercial et services"
    usage[small] = "Annexe"
    usage[industrial] = _pick(rng, ["Industriel", "Commercial et services", "Agricole"], [60, 25, 15], n)[industrial]
    usage[np.isin(nature, ["Eglise", "Chapelle"])] = "Religieux"
    usage[np.isin(nature, ["Silo", "Serre", "Moulin à vent"])] = "Agricole"
    usage2 = np.full(n, None, dtype=object)
    usage2[(usage == "Résidentiel") & (cen < 0.3) & (rng.random(n) < 0.15)] = "Commercial et services"
    no_z = rng.random(n) < 0.016
    zero = ~no_z & (rng.random(n) < 0.0005)
    floors = np.maximum(1, np.round((height - 0.6) / 2.8)).astype(int)
    homes = np.where(usage == "Résidentiel", np.where(floors >= 3, floors * rng.integers(2, 6, n),
                                                       1 + (rng.random(n) < 0.1)), 0)
    hauteur = np.where(zero, 0.0, np.round(eaves - sol_min, 1))
    rnb = _rnb(rng, n)

    frame = pd.DataFrame({
        "cleabs": _ids("BATIMENT", n, rng, 240_000_000),
        "nature": nature,
        "usage_1": usage,
        "usage_2": usage2,
        "construction_legere": pd.array(small & (rng.random(n) < 0.25), dtype="boolean"),
        "etat_de_l_objet": _pick(rng, ["En service", "En construction", "En ruine"], [9987, 5, 8], n),
        **_common(rng, n),
        "methode_d_acquisition_planimetrique": _pick(rng, ["BDParcellaire recalée", "Photogrammétrie",
                                                           "Orthophotographie"], [5, 4, 1], n),
        "methode_d_acquisition_altimetrique": np.where(no_z, "Pas de Z", _pick(
            rng, ["Interpolation bâti BDTopo", "Photogrammétrie"], [6, 4], n)).astype(object),
        "precision_planimetrique": _floats(_pick(rng, [1.5, 2.5, 3.0, 5.0], [2, 4, 3, 1], n).astype(float)),
        "precision_altimetrique": _floats(_pick(rng, [1.0, 1.5, 2.5, 10.0], [2, 3, 4, 1], n).astype(float), no_z),
        "nombre_de_logements": _ints(homes, rng.random(n) < 0.3),
        "nombre_d_etages": _ints(np.where(small, 0, floors), rng.random(n) < 0.64),
        "materiaux_des_murs": _pick(rng, ["00", "01", "03", "04", "05", "10", "13", "14", "34", "40"],
                                    [3, 10, 8, 12, 6, 4, 3, 2, 2, 1], n, 0.4),
        "materiaux_de_la_toiture": _pick(rng, ["00", "01", "02", "03", "04", "10", "12", "40"],
                                         [3, 14, 6, 3, 4, 2, 2, 1], n, 0.4),
        "hauteur": _floats(hauteur, no_z),
        "altitude_minimale_sol": _floats(np.round(sol_min, 1), no_z),
        "altitude_minimale_toit": _floats(np.round(eaves, 1), no_z),
        "altitude_maximale_toit": _floats(np.round(roof_max, 1), no_z),
        "altitude_maximale_sol": _floats(np.round(sol_max, 1), no_z),
        "origine_du_batiment": _pick(rng, ["Cadastre", "Autre"], [7, 3], n, 0.1),
        "appariement_fichiers_fonciers": _pick(rng, ["A 1.0", "A 0.9", "B 0.8", "C 0.5"], [6, 2, 1, 1], n, 0.2),
        "identifiants_rnb": rnb,
    })
    z = np.where(no_z, -1000.0, np.round(eaves, 1))
    return _with_geometry(frame, shapely.force_3d(polys, z))


def _central(t: Territory, rng) -> np.ndarray:
    """Each commune's church: a sizeable building near its town's centre."""
    owner, cen = t.building_commune, t.buildings("centrality")
    area = shapely.area(t.buildings("polygons"))
    score = np.where(area > 120, cen, np.inf) + 0.02 * rng.random(len(cen))
    order = np.lexsort((score, owner))
    first = order[np.r_[True, owner[order][1:] != owner[order][:-1]]]
    return first[np.isfinite(score[first])]


def _rnb(rng, n: int) -> np.ndarray:
    """RNB identifiers (12 letters and digits); none on 5 %, two on 3 %."""
    alphabet = np.array(list("0123456789ABCDEFGHJKMNPQRSTVWXYZ"))
    a = np.ascontiguousarray(alphabet[rng.integers(0, 32, (n, 12))]).view("<U12").ravel()
    b = np.ascontiguousarray(alphabet[rng.integers(0, 32, (n, 12))]).view("<U12").ravel()
    out = np.where(rng.random(n) < 0.03, np.char.add(np.char.add(a, "/"), b), a).astype(object)
    out[rng.random(n) < 0.05] = None
    return out


def commune(t: Territory, rng) -> pd.DataFrame:
    n = len(t.codes)
    arras = t.codes == "62041"
    area_ha = np.round(shapely.area(t.communes) / 10_000).astype(int)
    postal = np.where(arras, "62000", np.char.add("62", rng.integers(100, 999, n).astype(str)))
    frame = pd.DataFrame({
        "cleabs": _ids("COMMUNE_", n, rng, 9_700_000),
        "code_insee": t.codes.astype(object),
        "code_insee_de_l_arrondissement": np.full(n, "1", dtype=object),
        "code_insee_de_la_collectivite_terr": np.full(n, "62D", dtype=object),
        "code_insee_du_departement": np.full(n, "62", dtype=object),
        "code_insee_de_la_region": np.full(n, "32", dtype=object),
        "population": _ints(t.population),
        "surface_en_ha": _ints(area_ha),
        "date_creation": _datetimes(rng, n, "2006-08-02", "2006-08-03"),
        "date_modification": _datetimes(rng, n, "2023-01-01", "2024-01-01"),
        "date_d_apparition": _dates(rng, n, "1943-01-01", "1943-01-02", 0.9),
        "date_de_confirmation": _dates(rng, n, "2023-01-01", "2024-01-01", 0.5),
        "code_postal": postal.astype(object),
        "nom_officiel": t.names,
        "chef_lieu_d_arrondissement": pd.array(arras, dtype="boolean"),
        "chef_lieu_de_collectivite_terr": pd.array(arras, dtype="boolean"),
        "chef_lieu_de_departement": pd.array(arras, dtype="boolean"),
        "chef_lieu_de_region": pd.array(np.zeros(n, bool), dtype="boolean"),
        "capitale_d_etat": pd.array(np.zeros(n, bool), dtype="boolean"),
        "date_du_recensement": _dates(rng, n, "2021-01-01", "2021-01-02"),
        "organisme_recenseur": np.full(n, "INSEE", dtype=object),
        "codes_siren_des_epci": np.where(rng.random(n) < 0.3, "200033579", "246200364").astype(object),
        "lien_vers_chef_lieu": _ids("ZONHABIT", n, rng, 49_500_000),
        "liens_vers_autorite_administrative": _ids("ZONACTIV", n, rng, 49_400_000),
        "code_siren": np.char.add("21", np.char.add(t.codes.astype(str), "00")).astype(object),
    })
    return _with_geometry(frame, t.communes)


def aerodrome(t: Territory, rng) -> pd.DataFrame:
    c = shapely.centroid(t.aerodrome)
    frame = pd.DataFrame({
        "cleabs": _ids("AERODROM", 1, rng, 23_000_000),
        "categorie": ["Petit aérodrome"],
        "nature": ["Aérodrome"],
        "usage": ["Civil"],
        "toponyme": ["Aérodrome"],
        "statut_du_toponyme": ["Validé"],
        "importance": ["5"],
        "code_icao": [None],
        "code_iata": [None],
        "altitude": _floats([round(float(t.land.z(shapely.get_x(c), shapely.get_y(c))), 1)]),
        "etat_de_l_objet": ["En service"],
        **_common(rng, 1),
        "methode_d_acquisition_planimetrique": ["Orthophotographie"],
        "precision_planimetrique": _floats([5.0]),
    })
    return _with_geometry(frame, np.array([t.aerodrome]))


def zone_de_vegetation(t: Territory, rng) -> pd.DataFrame:
    n = len(t.woods)
    names = np.array(["Bois", "Forêt fermée de feuillus", "Forêt fermée mixte", "Verger", "Haie", "Peupleraie"],
                     dtype=object)
    wood = names[rng.choice(4, n, p=[0.55, 0.3, 0.1, 0.05])]
    nature = np.where(t.wood_kind == 2, "Haie", np.where(t.wood_kind == 3, "Peupleraie", wood)).astype(object)
    frame = pd.DataFrame({
        "cleabs": _ids("ZONEVEGE", n, rng, 10_000_000),
        "nature": nature,
        **_common(rng, n),
        "methode_d_acquisition_planimetrique": _pick(rng, ["Photogrammétrie", "Orthophotographie"], [3, 2], n),
        "precision_planimetrique": _floats(np.full(n, 10.0)),
    })
    return _with_geometry(frame, t.woods)


def surface_hydrographique(t: Territory, rng) -> pd.DataFrame:
    n = len(t.water)
    river = t.water_kind == 0
    c = shapely.get_coordinates(shapely.centroid(t.water))
    level = np.where(river, t.land.water_level(c[:, 0]), t.land.z(c[:, 0], c[:, 1]) - 0.3)
    frame = pd.DataFrame({
        "cleabs": _ids("SURF_HYD", n, rng, 60_000_000),
        "code_hydrographique": np.where(river, "E3--0200", None).astype(object),
        "nature": np.where(river, "Ecoulement canalisé", _pick(rng, ["Mare", "Retenue", "Réservoir-bassin"],
                                                               [6, 3, 1], n)).astype(object),
        "position_par_rapport_au_sol": np.full(n, "0", dtype=object),
        "etat_de_l_objet": np.full(n, "En service", dtype=object),
        "persistance": np.where(river, "Permanent", _pick(rng, ["Permanent", "Intermittent"], [1, 2], n)).astype(object),
        "salinite": pd.array(np.zeros(n, bool), dtype="boolean"),
        "origine": np.where(river, "Artificiel", "Naturel").astype(object),
        **_common(rng, n),
        "methode_d_acquisition_planimetrique": _pick(rng, ["Photogrammétrie", "BDTopo"], [3, 1], n),
        "precision_planimetrique": _floats(np.full(n, 2.5)),
        "methode_d_acquisition_altimetrique": np.full(n, "Interpolation", dtype=object),
        "precision_altimetrique": _floats(np.full(n, 1.5)),
        "mode_d_obtention_des_coordonnees": np.full(n, "Saisie", dtype=object),
        "cpx_toponyme_de_cours_d_eau": np.where(river, "la Scarpe", None).astype(object),
        "cpx_toponyme_de_plan_d_eau": np.full(n, None, dtype=object),
    })
    return _with_geometry(frame, shapely.force_3d(t.water, np.round(level, 1)))


STREET_NAMES = np.array([
    "de la République", "Victor Hugo", "Jean Jaurès", "Pasteur", "du Moulin", "de l'Église", "des Écoles",
    "de la Gare", "Gambetta", "Carnot", "du Général de Gaulle", "de la Paix", "des Tilleuls", "du Château",
    "Roger Salengro", "Jules Ferry", "de Verdun", "du 8 Mai 1945", "des Rosiers", "de Bapaume", "de Cambrai",
    "d'Amiens", "de Douai", "de Lens", "des Fusillés", "Émile Zola", "Pierre Curie", "de la Liberté",
], dtype=object)


def troncon_de_route(t: Territory, rng) -> pd.DataFrame:
    segs, kind = t.roads, t.road_kind
    n = len(segs)
    street, main, track = kind == 0, kind == 1, kind == 2
    nature = np.where(street, "Route à 1 chaussée", np.where(main, _pick(
        rng, ["Route à 1 chaussée", "Route à 2 chaussées"], [9, 1], n), _pick(
        rng, ["Chemin", "Route empierrée", "Sentier"], [6, 4, 1], n))).astype(object)
    importance = np.where(street, _pick(rng, ["4", "5"], [1, 4], n), np.where(
        main, _pick(rng, ["2", "3"], [1, 2], n), "6")).astype(object)
    lanes = np.where(track, 1, np.where(nature == "Route à 2 chaussées", 4, 2))
    width = np.where(track, 3.0, np.round(rng.uniform(5.0, 7.5, n), 1))
    kinds = np.array(["Rue", "Rue", "Rue", "Avenue", "Boulevard", "Impasse", "Place", "Allée"], dtype=object)
    names = np.char.add(np.char.add(kinds[rng.integers(0, len(kinds), n)].astype(str), " "),
                        STREET_NAMES[rng.integers(0, len(STREET_NAMES), n)].astype(str)).astype(object)
    names[~street] = None
    code = np.where(t.road_commune >= 0, t.codes[np.maximum(t.road_commune, 0)], None).astype(object)
    crosses = np.sign(t.land.river_distance(segs[:, 0, 0], segs[:, 0, 1])) != \
        np.sign(t.land.river_distance(segs[:, 1, 0], segs[:, 1, 1]))
    frame = pd.DataFrame({
        "cleabs": _ids("TRONROUT", n, rng, 30_000_000),
        "nature": nature,
        "nom_collaboratif_gauche": names,
        "nom_collaboratif_droite": names,
        "importance": importance,
        "fictif": pd.array(np.zeros(n, bool), dtype="boolean"),
        "position_par_rapport_au_sol": np.where(crosses, "1", "0").astype(object),
        "etat_de_l_objet": np.full(n, "En service", dtype=object),
        **_common(rng, n),
        "methode_d_acquisition_planimetrique": _pick(rng, ["Photogrammétrie", "BDTopo"], [3, 1], n),
        "precision_planimetrique": _floats(np.full(n, 2.5)),
        "methode_d_acquisition_altimetrique": np.full(n, "Interpolation", dtype=object),
        "precision_altimetrique": _floats(np.full(n, 1.5)),
        "nombre_de_voies": _ints(lanes, track & (rng.random(n) < 0.5)),
        "largeur_de_chaussee": _floats(width, rng.random(n) < 0.36),
        "itineraire_vert": pd.array(rng.random(n) < 0.01, dtype="boolean"),
        "prive": pd.array(track & (rng.random(n) < 0.2), dtype="boolean"),
        "sens_de_circulation": np.where(track, "Sans objet", _pick(
            rng, ["Double sens", "Sens direct", "Sens inverse"], [8, 1, 1], n)).astype(object),
        "reserve_aux_bus": np.full(n, None, dtype=object),
        "urbain": pd.array(street, dtype="boolean"),
        "vitesse_moyenne_vl": _ints(np.where(street, 30, np.where(main, 70, 15))),
        "acces_vehicule_leger": np.where(track, "Physiquement impossible", "Libre").astype(object),
        "acces_pieton": np.full(n, None, dtype=object),
        "insee_commune_gauche": code,
        "insee_commune_droite": code,
        "cpx_numero": np.where(main, "D" + pd.Series(rng.integers(1, 999, n)).astype(str), None).astype(object),
        "cpx_classement_administratif": np.where(main, "Départementale", None).astype(object),
        "cpx_toponyme_route_nommee": np.full(n, None, dtype=object),
    })
    return _with_geometry(frame, _draped_lines(t, segs, 25.0))


def _draped_lines(t: Territory, segs: np.ndarray, step: float) -> np.ndarray:
    """Segments as LineString Z, a vertex every ``step`` metres on the ground."""
    length = np.hypot(*(segs[:, 1] - segs[:, 0]).T)
    pieces = np.maximum(1, np.ceil(length / step)).astype(int)
    line = np.repeat(np.arange(len(segs)), pieces + 1)
    k = np.arange(len(line)) - np.repeat(np.cumsum(pieces + 1) - (pieces + 1), pieces + 1)
    f = (k / pieces[line])[:, None]
    xy = segs[line, 0] + f * (segs[line, 1] - segs[line, 0])
    z = np.round(t.land.z(xy[:, 0], xy[:, 1]), 2)
    return shapely.linestrings(np.column_stack([xy, z]), indices=line)


def _with_geometry(frame: pd.DataFrame, geoms: np.ndarray):
    import geopandas as gpd
    if shapely.get_type_id(geoms[0]) in (3, 6):      # polygons: IGN stores them as MultiPolygons
        geoms = shapely.multipolygons(shapely.get_parts(geoms), indices=shapely.get_parts(geoms, return_index=True)[1])
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms, crs=CRS), crs=CRS)


LAYERS = {                      # alphabetical, as in IGN's GeoPackages
    "aerodrome": (aerodrome, "MultiPolygon"),
    "batiment": (batiment, "MultiPolygon Z"),
    "commune": (commune, "MultiPolygon"),
    "surface_hydrographique": (surface_hydrographique, "MultiPolygon Z"),
    "troncon_de_route": (troncon_de_route, "LineString Z"),
    "zone_de_vegetation": (zone_de_vegetation, "MultiPolygon"),
}


def write_gpkg(t: Territory, path: Path, seed: int, feedback=print) -> dict[str, int]:
    """Every layer into one GeoPackage, written aside and renamed; returns the counts."""
    import pyogrio
    tmp = path.with_name(f".{path.stem}.part.gpkg")      # GDAL wants the .gpkg extension
    tmp.unlink(missing_ok=True)
    counts = {}
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": f"{EDITION}T00:00:00.000Z"})
    try:
        for i, (name, (build, geometry_type)) in enumerate(LAYERS.items()):
            frame = build(t, np.random.default_rng([seed, 10, i]))
            pyogrio.write_dataframe(frame, tmp, layer=name, driver="GPKG", use_arrow=True,
                                    geometry_type=geometry_type, layer_options={"GEOMETRY_NAME": "geometrie"})
            counts[name] = len(frame)
            feedback(f"  {name}: {len(frame):,}")
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})
    tmp.replace(path)
    return counts
