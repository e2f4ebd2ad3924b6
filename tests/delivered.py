"""Real files of ../shared/data reshaped as IGN and Etalab deliver them (built once per
session under tmp, by the ``delivered`` fixture of tests/conftest.py):

- ``bdtopo/BDT_3-3_GPKG_LAMB93_D012.gpkg``: BD TOPO 3 as one département GeoPackage, its
  first layer ``aerodrome``; ``batiment`` holds Olemps's real buildings (12174, BD TOPO v3
  sample, fields lowered to the GeoPackage names) and shifted copies for two neighbours;
  ``commune`` Olemps's real outline and the neighbours' (shifted copies, other codes);
  vegetation, water and roads made around them, roads crossing the commune's edge.
- ``cadastre-75118-parcelles.json.gz``: Etalab's Paris 18e parcels, gzip-compressed.
- ``BDTOPO_…D012….7z``: the GeoPackage inside IGN's folder tree with checksums and
  metadata; the same split in ``.7z.001`` and ``.7z.002`` (``split/``), and without its
  second part (``broken/``).
- ``LIDARHD_….7z``: a synthetic LiDAR HD tile over Olemps and a real tile far away, under
  their IGN names (a tile's corner in km is in its name).
"""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import numpy as np

OLEMPS = "cadastre/bdtopo_v3_sample_12174"
GPKG_NAMES = {   # BD TOPO 3 shapefile field → GeoPackage field
    "ID": "cleabs", "NATURE": "nature", "USAGE1": "usage_1", "USAGE2": "usage_2", "LEGER": "construction_legere",
    "ETAT": "etat_de_l_objet", "NB_LOGTS": "nombre_de_logements", "NB_ETAGES": "nombre_d_etages",
    "MAT_MURS": "materiaux_des_murs", "MAT_TOITS": "materiaux_de_la_toiture", "HAUTEUR": "hauteur",
    "Z_MIN_SOL": "altitude_minimale_sol", "Z_MIN_TOIT": "altitude_minimale_toit",
    "Z_MAX_TOIT": "altitude_maximale_toit", "Z_MAX_SOL": "altitude_maximale_sol",
    "ORIGIN_BAT": "origine_du_batiment",
}
# the neighbours: code, name, shift (m) of Olemps's outline and buildings
NEIGHBOURS = [("12202", "Rodez", (9000.0, 0.0)), ("12145", "Luc-la-Primaube", (0.0, -9000.0))]
FAR = ("12300", "Villefranche-de-Rouergue", (-30000.0, 40000.0))   # an outline without buildings
GPKG_NAME = "BDT_3-3_GPKG_LAMB93_D012-ED2024-03-15.gpkg"
ARCHIVE = "BDTOPO_3-3_TOUSTHEMES_GPKG_LAMB93_D012_2024-03-15.7z"
TREE = "BDTOPO_3-3_TOUSTHEMES_GPKG_LAMB93_D012_2024-03-15/BDTOPO/1_DONNEES_LIVRAISON_2024-04-00083"


def _shifted(frame, dx: float, dy: float):
    import shapely
    out = frame.copy()
    out[out.geometry.name] = shapely.transform(out.geometry.values, lambda xy: xy + np.array([dx, dy]))
    return out


def write_bdtopo(shared: Path, path: Path, batiment: bool = True) -> Path:
    """The département GeoPackage; ``batiment=False``: its buildings layer empty."""
    import geopandas as gpd
    import pandas as pd
    import pyogrio
    import shapely
    folder = shared / OLEMPS
    buildings = pyogrio.read_dataframe(folder / "BATIMENT.shp", encoding="utf-8")
    buildings = buildings[[*GPKG_NAMES, "geometry"]].rename(columns=GPKG_NAMES)
    commune = pyogrio.read_dataframe(folder / "COMMUNE.shp")
    commune = gpd.GeoDataFrame({"cleabs": ["COMMUNE_0000000009757473"], "code_insee": commune["INSEE_COM"],
                                "nom_officiel": commune["NOM"], "code_insee_du_departement": ["12"],
                                "population": commune["POPULATION"]}, geometry=commune.geometry.values,
                               crs="EPSG:2154")
    communes, batis = [commune], [buildings]
    for code, name, (dx, dy) in [*NEIGHBOURS, FAR]:
        other = _shifted(commune, dx, dy).assign(code_insee=code, nom_officiel=name, cleabs=f"COMMUNE_{code}")
        communes.append(other)
        if (code, name, (dx, dy)) != FAR:
            batis.append(_shifted(buildings, dx, dy).assign(cleabs=lambda f, c=code: f["cleabs"] + "_" + c))
    communes = pd.concat(communes, ignore_index=True)
    batis = pd.concat(batis, ignore_index=True)
    outline = commune.geometry.values[0]
    cx, cy = shapely.centroid(outline).x, shapely.centroid(outline).y
    rng = np.random.default_rng(12174)
    woods = shapely.buffer(shapely.points(rng.uniform(-4000, 4000, (40, 2)) + [cx, cy]), rng.uniform(80, 300, 40))
    river = shapely.buffer(shapely.linestrings([[cx - 6000, cy - 800], [cx, cy - 200], [cx + 6000, cy + 900]]), 25)
    roads = shapely.linestrings([[[cx - 7000, cy + dy], [cx + 7000, cy + dy + 300]] for dy in (-1500, 0, 1200)]
                                + [[[cx + dx, cy - 7000], [cx + dx + 200, cy + 7000]] for dx in (-900, 600)])
    aerodrome = gpd.GeoDataFrame({"nature": ["Aérodrome"], "toponyme": ["Rodez-Aveyron"]},
                                 geometry=[shapely.box(cx + 12000, cy + 5000, cx + 14000, cy + 6000)],
                                 crs="EPSG:2154")
    path.parent.mkdir(parents=True, exist_ok=True)
    layers = [("aerodrome", aerodrome), ("batiment", batis if batiment else batis.iloc[:0]),
              ("commune", communes),
              ("zone_de_vegetation", gpd.GeoDataFrame({"nature": ["Bois"] * 40}, geometry=woods, crs="EPSG:2154")),
              ("surface_hydrographique", gpd.GeoDataFrame({"nature": ["Ecoulement naturel"]}, geometry=[river],
                                                          crs="EPSG:2154")),
              ("troncon_de_route", gpd.GeoDataFrame({"nature": ["Route à 2 chaussées"] * 5,
                                                     "importance": ["2", "3", "4", "4", "5"]},
                                                    geometry=roads, crs="EPSG:2154")),
              ("equipement_de_transport", aerodrome.iloc[:0])]
    for i, (name, frame) in enumerate(layers):
        pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG", append=i > 0,
                                promote_to_multi=name == "batiment")
    return path


def write_dtm(path: Path, box: tuple, cell: float = 10.0) -> Path:
    """A smooth ground at Olemps's altitudes (560–640 m), Lambert-93, nodata -99999."""
    import rasterio
    from rasterio.transform import from_origin
    x = np.arange(box[0] + cell / 2, box[2], cell)
    y = np.arange(box[3] - cell / 2, box[1], -cell)
    z = 600 + 30 * np.sin(x[None, :] / 900.0) + 10 * np.cos(y[:, None] / 700.0)
    path.parent.mkdir(parents=True, exist_ok=True)
    with rasterio.open(path, "w", driver="GTiff", width=len(x), height=len(y), count=1, dtype="float32",
                       crs="EPSG:2154", transform=from_origin(box[0], box[3], cell, cell), nodata=-99999) as dst:
        dst.write(z.astype("float32"), 1)
    return path


def _seven_zip(path: Path, members: dict[str, Path]) -> Path:
    import py7zr
    path.parent.mkdir(parents=True, exist_ok=True)
    with py7zr.SevenZipFile(path, "w") as archive:
        for name, source in members.items():
            archive.write(source, name)
    return path


def _split(archive: Path, folder: Path) -> list[Path]:
    data = archive.read_bytes()
    half = len(data) // 2
    folder.mkdir(parents=True, exist_ok=True)
    parts = [folder / f"{archive.name}.001", folder / f"{archive.name}.002"]
    parts[0].write_bytes(data[:half])
    parts[1].write_bytes(data[half:])
    return parts


def build(shared: Path, root: Path) -> Path:
    from benchmarks.synthetic import write_tile
    root.mkdir(parents=True, exist_ok=True)
    gpkg = write_bdtopo(shared, root / "bdtopo" / GPKG_NAME)
    with open(shared / "cadastre/etalab_cadastre-75118-parcelles.json", "rb") as src, \
            gzip.open(root / "cadastre-75118-parcelles.json.gz", "wb") as dst:
        shutil.copyfileobj(src, dst)
    docs = root / "docs"
    docs.mkdir()
    (docs / "checksum.md5").write_text(f"0123456789abcdef  {GPKG_NAME}\n")
    (docs / "IGNF_BDTOPOr.xml").write_text("<metadata>BD TOPO</metadata>\n")
    (docs / "LISEZ-MOI.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    archive = _seven_zip(root / "archives" / ARCHIVE, {
        f"{TREE}/BDT_3-3_GPKG_LAMB93_D012-ED2024-03-15/{GPKG_NAME}": gpkg,
        f"{TREE}/BDT_3-3_GPKG_LAMB93_D012-ED2024-03-15/{GPKG_NAME[:-5]}.md5": docs / "checksum.md5",
        f"{TREE.rsplit('/', 1)[0]}/3_METADONNEES_LIVRAISON_2024-04-00083/IGNF_BDTOPOr.xml": docs / "IGNF_BDTOPOr.xml",
        "BDTOPO_3-3_TOUSTHEMES_GPKG_LAMB93_D012_2024-03-15/LISEZ-MOI.pdf": docs / "LISEZ-MOI.pdf",
    })
    _split(archive, root / "split")
    broken = _split(archive, root / "broken")
    broken[1].unlink()
    write_dtm(root / "mnt" / "RGEALTI_FXX_0661_6363_MNT_LAMB93_IGN69.tif", (661000.0, 6357000.0, 667000.0, 6363000.0))
    (root / "tiles").mkdir()
    near = write_tile(root / "tiles" / "LHD_FXX_0663_6360_PTS_C_LAMB93_IGN69.laz", 40_000, 663000.0, 6359000.0)
    _seven_zip(root / "archives" / "LIDARHD_1-0_LAZ_OLEMPS.7z", {
        "LIDARHD/LHD_FXX_0663_6360_PTS_C_LAMB93_IGN69.laz": near,
        "LIDARHD/LHD_FXX_0770_6278_PTS_C_LAMB93_IGN69.laz":
            shared / "lidar/ignpdaltools__test_data_77050_627755_LA93_IGN69.laz",
        "LIDARHD/LISEZ-MOI.txt": docs / "IGNF_BDTOPOr.xml",
    })
    return root
