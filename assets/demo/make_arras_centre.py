"""Generate the demo data of Arras town centre, reproducibly: seeded, every sort stable
(an unstable sort orders ties by the CPU's SIMD code) and the GeoPackage's date fixed, so
any machine writes the same bytes.

Not a survey: a plausible town centre at Arras's real place, written in the real file
formats twin reads, so a newcomer sees the whole pipeline at work:
  dtm.tif               GeoTIFF DTM, 2 m, Lambert-93 + NGF-IGN69 heights, nodata -99999
  parcelles.json        Etalab-shaped cadastre parcels (WGS84 lon/lat, 7 decimals)
  batiment.gpkg         BD TOPO-shaped BATIMENT layer (Lambert-93), some heights missing
  lidar.copc.laz        LiDAR HD-shaped points (ground 2, roofs 6, trees 5, a few 1/64/66),
                        sparse (~0.15 points/m²) to stay small, prepared as COPC by twin
  capteurs.geojson      8 LoRa noise sensors around the Grand'Place and the Place des Héros
  bruit.csv             their readings, every 10 min on 20–21 June 2026 (the replay)
  frequentation.csv     footfall per zone (the sensors' places) and hourly slot, two weeks
  consommation.csv      daily electricity of 40 buildings near the squares, with meters
  erp.geojson           12 public buildings with their accessibility (Picto Access-style
                        yes/no for wheelchair, hearing, sight, mental)
  signalements.csv      30 citizen reports (voirie, propreté, éclairage…) with lon/lat, made
                        and closed over June 2026, as a "Tell my city" app exports them
  commerces.csv         the shops observatory: 54 ground-floor premises around the squares,
                        one row per open or vacant period from 2022 to June 2026, lon/lat
The Grand'Place (≈ 180 × 110 m) and the Place des Héros with the Hôtel de Ville and
its 75 m belfry sit where they are; street blocks around them are cut into narrow
deep lots with houses on the street side, as in a northern French town.

    python assets/demo/make_arras_centre.py [OUT_DIR]
"""

from __future__ import annotations

import itertools
import sys
from contextlib import contextmanager
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import rasterio
import shapely
from rasterio.transform import from_origin
from shapely import affinity
from shapely.geometry import box

SEED = 62041
DATE = "2026-06-21T12:00:00.000Z"       # the demo's day: stamped into the GeoPackage
CENTRE = (684131.0, 7021537.0)            # Grand'Place, Lambert-93
ROTATION = -12.0                          # the old town's grid is not north-aligned
EXTENT = (-650.0, -600.0, 650.0, 550.0)   # local metres around CENTRE
CELL = 2.0
NODATA = -99999.0

GRAND_PLACE = box(-90, -55, 90, 55)
PLACE_DES_HEROS = box(-245, -190, -150, -135)
OPEN_SPACES = [GRAND_PLACE, PLACE_DES_HEROS, box(-420, -470, -330, -400)]  # + a garden square
LANDMARKS = [  # (name, nature, usage, local footprint, height m, floors)
    ("Hôtel de Ville", "Indifférenciée", "Commercial et services", box(-300, -195, -255, -130), 24.0, 4),
    ("Beffroi", "Tour, donjon", "Commercial et services", box(-282, -212, -270, -200), 75.0, None),
    ("Cathédrale Notre-Dame-et-Saint-Vaast", "Eglise", "Religieux", box(-330, -380, -230, -345), 32.0, None),
    ("Abbaye Saint-Vaast (musée)", "Indifférenciée", "Commercial et services", box(-330, -335, -200, -300), 18.0, 4),
    ("Théâtre", "Indifférenciée", "Commercial et services", box(120, -200, 160, -170), 16.0, 3),
]


def ground(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Arras sits at ~65 m, the land falling gently north-east towards the Scarpe."""
    rng = np.random.default_rng(SEED)
    z = 66.0 - 0.006 * x - 0.008 * y
    for _ in range(6):
        kx, ky = rng.uniform(0.002, 0.008, 2)
        phase = rng.uniform(0, 2 * np.pi, 2)
        z += rng.uniform(0.3, 1.2) * np.sin(kx * x + phase[0]) * np.cos(ky * y + phase[1])
    return z


@contextmanager
def gdal_date(when: str):
    """GeoPackage stamps its tables with the time of writing; GDAL's OGR_CURRENT_DATE
    fixes it so the file has the same bytes on every run (restored after)."""
    before = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": when})
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": before})


def to_world(geom):
    return affinity.translate(affinity.rotate(geom, ROTATION, origin=(0, 0)), *CENTRE)


def street_lines(lo: float, hi: float, rng, step=(70, 110)) -> list[float]:
    out, v = [], lo
    while v < hi:
        out.append(v)
        v += rng.uniform(*step)
    return out


def blocks(rng) -> list:
    """Street blocks: a jittered grid minus streets, squares and landmarks."""
    xs = street_lines(EXTENT[0], EXTENT[2], rng)
    ys = street_lines(EXTENT[1], EXTENT[3], rng)
    # the squares' edges are streets too, so blocks face them
    xs = sorted(set(np.round(xs)) | {-100.0, 100.0, -255.0, -140.0})
    ys = sorted(set(np.round(ys)) | {-65.0, 65.0, -200.0, -125.0})
    out = []
    for x0, x1 in zip(xs[:-1], xs[1:]):
        for y0, y1 in zip(ys[:-1], ys[1:]):
            cell = box(x0 + 6, y0 + 6, x1 - 6, y1 - 6)   # 12 m streets
            for space in OPEN_SPACES:
                cell = cell.difference(space.buffer(10, join_style="mitre"))
            if cell.area > 300:
                out.extend(shapely.get_parts(cell))
    return out


def lots(block, rng) -> list:
    """Back-to-back narrow lots along the block's long axis."""
    minx, miny, maxx, maxy = block.bounds
    horizontal = (maxx - minx) >= (maxy - miny)
    out = []
    mid = (miny + maxy) / 2 if horizontal else (minx + maxx) / 2
    halves = ([box(minx, miny, maxx, mid), box(minx, mid, maxx, maxy)] if horizontal
              else [box(minx, miny, mid, maxy), box(mid, miny, maxx, maxy)])
    for half in halves:
        a, b = (minx, maxx) if horizontal else (miny, maxy)
        cuts = [a]
        while cuts[-1] < b - 8:
            cuts.append(cuts[-1] + rng.uniform(6, 14))
        cuts[-1] = b
        for c0, c1 in zip(cuts[:-1], cuts[1:]):
            strip = box(c0, miny, c1, maxy) if horizontal else box(minx, c0, maxx, c1)
            lot = strip.intersection(half).intersection(block)
            if lot.area > 30:
                out.extend(p for p in shapely.get_parts(lot) if p.area > 30)
    return out


def house(lot, block, rng):
    """The street-side part of a lot: 9-16 m deep from the block edge it touches."""
    depth = rng.uniform(9, 16)
    inner = block.buffer(-depth, join_style="mitre")
    footprint = lot.difference(inner) if not inner.is_empty else lot
    footprint = footprint.buffer(-0.15, join_style="mitre")  # party walls do not overlap
    parts = [p for p in shapely.get_parts(footprint) if p.area > 15]
    return max(parts, key=lambda p: p.area) if parts else None


def main(out_dir: Path) -> None:
    rng = np.random.default_rng(SEED)
    out_dir.mkdir(parents=True, exist_ok=True)

    # -- DTM --------------------------------------------------------------------------------
    # the DTM is axis-aligned in Lambert-93 and covers the rotated town
    x0, y0 = CENTRE[0] - 760, CENTRE[1] + 700
    w, h = int(1520 / CELL), int(1400 / CELL)
    gx = x0 + CELL * (np.arange(w) + 0.5) - CENTRE[0]
    gy = y0 - CELL * (np.arange(h) + 0.5) - CENTRE[1]
    X, Y = np.meshgrid(gx, gy)
    Z = ground(X, Y).astype(np.float32)
    with rasterio.open(out_dir / "dtm.tif", "w", driver="GTiff", width=w, height=h, count=1,
                       dtype="float32", crs="EPSG:2154", transform=from_origin(x0, y0, CELL, CELL),
                       nodata=NODATA, compress="deflate", predictor=3, tiled=True) as ds:
        ds.write(np.round(Z, 2), 1)

    # -- parcels and buildings ---------------------------------------------------------------
    parcels, buildings = [], []
    letters = "ABCDEHKLMNOPRSTVWXYZ"
    sections = iter(a + b for a in letters for b in letters)
    lm_union = shapely.union_all([lm[3].buffer(3) for lm in LANDMARKS])
    for block in blocks(rng):
        section = next(sections)
        near_square = any(block.distance(s) < 15 for s in OPEN_SPACES[:2])
        for number, lot in enumerate(lots(block, rng), start=1):
            lot = lot.difference(lm_union)
            if lot.is_empty or lot.area < 30:
                continue
            lot = max(shapely.get_parts(lot), key=lambda p: p.area)
            parcels.append({"section": section, "numero": f"{number:04d}", "geometry": lot})
            fp = house(lot, block, rng)
            if fp is None:
                continue
            floors = int(rng.choice([3, 4, 4, 5])) if near_square else int(rng.choice([2, 2, 3, 3, 4]))
            height = floors * 3.1 + rng.uniform(1.5, 3.0)   # roof volume above the last floor
            buildings.append({"nature": "Indifférenciée", "usage_1": "Résidentiel",
                              "nombre_d_etages": floors, "hauteur": round(height, 1),
                              "geometry": fp, "nom": None})
    for name, nature, usage, fp, height, floors in LANDMARKS:
        buildings.append({"nature": nature, "usage_1": usage, "nombre_d_etages": floors,
                          "hauteur": height, "geometry": fp, "nom": name})

    # BD TOPO reality: some heights missing (floors only), a few with nothing at all
    for b in buildings[:-len(LANDMARKS)]:
        r = rng.random()
        if r < 0.10:
            b["hauteur"] = None
        elif r < 0.13:
            b["hauteur"], b["nombre_d_etages"] = None, None

    world = [to_world(b["geometry"]) for b in buildings]
    pts = shapely.get_coordinates(world)
    gz = ground(pts[:, 0] - CENTRE[0], pts[:, 1] - CENTRE[1])
    _, idx = shapely.get_coordinates(world, return_index=True)
    zmin = np.full(len(world), np.inf)
    np.minimum.at(zmin, idx, gz)
    bat = gpd.GeoDataFrame({
        "cleabs": [f"BATIMENT{620410000000 + i:016d}" for i in range(len(buildings))],
        "nature": [b["nature"] for b in buildings],
        "usage_1": [b["usage_1"] for b in buildings],
        "nombre_d_etages": [b["nombre_d_etages"] for b in buildings],
        "hauteur": [b["hauteur"] for b in buildings],
        "altitude_minimale_sol": np.round(zmin, 1),
        "altitude_maximale_toit": [round(z + b["hauteur"], 1) if b["hauteur"] else None
                                   for z, b in zip(zmin, buildings)],
        "etat_de_l_objet": "En service",
        "toponyme": [b["nom"] for b in buildings],
    }, geometry=world, crs="EPSG:2154")
    bat.geometry = shapely.set_precision(bat.geometry.values, 0.1)
    with gdal_date(DATE):
        bat.to_file(out_dir / "batiment.gpkg", layer="batiment", driver="GPKG", engine="pyogrio")

    par = gpd.GeoDataFrame({
        "id": [f"62041000{p['section']}{p['numero']}" for p in parcels],
        "commune": "62041",
        "prefixe": "000",
        "section": [p["section"] for p in parcels],
        "numero": [p["numero"] for p in parcels],
        "contenance": [int(round(p["geometry"].area)) for p in parcels],
        "arpente": False,
        "created": "2005-06-07",
        "updated": "2024-01-15",
    }, geometry=[to_world(p["geometry"]) for p in parcels], crs="EPSG:2154").to_crs("EPSG:4326")
    path = out_dir / "parcelles.json"
    path.unlink(missing_ok=True)
    par.to_file(path, driver="GeoJSON", engine="pyogrio", layer_options={"COORDINATE_PRECISION": 7,
                                                                        "RFC7946": "YES"})
    n_points = write_lidar(out_dir, bat, rng)
    write_live(out_dir, bat, rng)
    write_reports(out_dir)
    write_accessibility(out_dir, bat)
    write_shops(out_dir, bat)
    print(f"{out_dir}: DTM {w}×{h}, {len(par)} parcels, {len(bat)} buildings, {n_points:,} LiDAR points")


SENSORS = [  # id, name, local x, y (around the squares), typical level dB(A)
    ("sono-01", "Grand'Place nord", 0, 45, 58), ("sono-02", "Grand'Place sud", 10, -50, 61),
    ("sono-03", "Grand'Place est", 85, 0, 56), ("sono-04", "Rue de la Taillerie", -120, -80, 63),
    ("sono-05", "Place des Héros", -195, -160, 60), ("sono-06", "Beffroi", -260, -215, 55),
    ("sono-07", "Rue Ronville", 60, -230, 66), ("sono-08", "Rue Saint-Aubert", -60, 150, 59)]


def write_live(out_dir: Path, bat: gpd.GeoDataFrame, rng) -> None:
    """The replay that makes the demo look alive with no broker: sensors and their noise
    readings, footfall per zone and hour, daily consumption with meter counts."""
    import pandas as pd
    pts = [to_world(shapely.Point(x, y)) for _, _, x, y, _ in SENSORS]
    gpd.GeoDataFrame({"sensor": [s[0] for s in SENSORS], "name": [s[1] for s in SENSORS]},
                     geometry=pts, crs="EPSG:2154").to_file(out_dir / "capteurs.geojson", driver="GeoJSON")
    # noise every 10 min over two days: quiet nights, busy days, a market morning on the square
    times = pd.date_range("2026-06-19T22:00:00Z", "2026-06-21T21:50:00Z", freq="10min")
    hours = (times.hour + 2) % 24 + times.minute / 60          # Paris summer time
    day = np.clip(np.sin((hours - 6) / 16 * np.pi), 0, None)
    rows = []
    for sensor, _, _, _, level in SENSORS:
        noise = level - 14 + 16 * day + rng.normal(0, 2.0, len(times))
        if sensor in ("sono-01", "sono-02"):   # Saturday market on the Grand'Place
            market = (times.day_of_week == 5) & (hours >= 7) & (hours < 13)
            noise = noise + 7 * market
        rows.append(pd.DataFrame({"sensor": sensor, "quantity": "noise", "unit": "dB(A)",
                                  "time": times.strftime("%Y-%m-%dT%H:%M:%SZ"), "value": noise.round(1)}))
    pd.concat(rows).to_csv(out_dir / "bruit.csv", index=False)
    # footfall per hour at the same places, two weeks so that "vs last week" has a meaning
    slots = pd.date_range("2026-06-08T00:00:00+02:00", "2026-06-21T23:00:00+02:00", freq="h")
    local = (slots.hour + 24) % 24
    shape = np.clip(np.sin((local - 7) / 14 * np.pi), 0, None) ** 1.5
    counts = {}
    for k, (sensor, *_rest) in enumerate(SENSORS):
        base = rng.uniform(150, 900)
        trend = np.where(slots >= pd.Timestamp("2026-06-15T00:00:00+02:00"), rng.uniform(0.8, 1.3), 1.0)
        counts[sensor] = np.round(base * shape * trend * rng.uniform(0.85, 1.15, len(slots)))
    foot = pd.DataFrame(counts, index=slots.strftime("%Y-%m-%dT%H:%M:%S%z"))
    foot = foot.rename_axis("time").reset_index().melt(id_vars="time", var_name="zone", value_name="count")
    foot.to_csv(out_dir / "frequentation.csv", index=False)
    # daily electricity of the 40 buildings nearest the Grand'Place, from 1 to 30 meters each
    centre = shapely.Point(CENTRE)
    near = bat.geometry.distance(centre).sort_values(kind="stable").index[:40]
    days = pd.date_range("2026-06-01", "2026-06-21", freq="D")
    rows = []
    for b in near:
        meters = int(rng.integers(1, 31))
        per_meter = rng.uniform(4, 12)
        for m in range(meters):
            rows.append(pd.DataFrame({"building": bat.at[b, "cleabs"], "meter": f"{bat.at[b, 'cleabs'][-6:]}-{m:02d}",
                                      "time": days.strftime("%Y-%m-%dT00:00:00+02:00"),
                                      "value": (per_meter * rng.uniform(0.7, 1.3, len(days))).round(2)}))
    pd.concat(rows).to_csv(out_dir / "consommation.csv", index=False)


REPORTS = ["voirie", "propreté", "éclairage", "mobilier urbain", "espaces verts", "stationnement"]


def write_reports(out_dir: Path) -> None:
    """Citizen reports around the squares: made over three weeks, most closed days later,
    some still in progress or new. Its own seed, so the other files never change."""
    import pandas as pd
    rng = np.random.default_rng(SEED + 1)
    n = 30
    local = rng.uniform([-330, -280], [220, 260], (n, 2))
    world = [to_world(shapely.Point(x, y)) for x, y in local]
    lonlat = gpd.GeoSeries(world, crs="EPSG:2154").to_crs("EPSG:4326")
    made = pd.Timestamp("2026-06-01T08:00:00+02:00") + pd.to_timedelta(rng.uniform(0, 20 * 24, n), unit="h")
    fate = rng.choice(["closed", "in progress", "new"], n, p=[0.6, 0.25, 0.15])
    closed = made + pd.to_timedelta(rng.uniform(6, 6 * 24, n), unit="h")
    table = pd.DataFrame({
        "id": [f"S-2026-{i:04d}" for i in range(1, n + 1)],
        "categorie": rng.choice(REPORTS, n),
        "statut": np.where(fate == "closed", "clos", np.where(fate == "in progress", "en cours", "nouveau")),
        "cree_le": made.round("min").strftime("%Y-%m-%dT%H:%M:%S%z"),
        "clos_le": np.where(fate == "closed", closed.round("min").strftime("%Y-%m-%dT%H:%M:%S%z"), ""),
        "photo": [f"https://signalements.arras.example/photos/{i:04d}.jpg" for i in range(1, n + 1)],
        "lon": lonlat.x.round(7), "lat": lonlat.y.round(7)})
    table.sort_values("cree_le", kind="stable").to_csv(out_dir / "signalements.csv", index=False)


def write_accessibility(out_dir: Path, bat: gpd.GeoDataFrame) -> None:
    """Public buildings (the largest near the squares) and what they offer each need."""
    rng = np.random.default_rng(SEED + 2)
    near = bat.geometry.distance(shapely.Point(CENTRE)) < 350
    erp = bat[near].assign(area=bat[near].geometry.area).sort_values("area", ascending=False, kind="stable").head(12)
    names = ["Hôtel de Ville", "Office de tourisme", "Médiathèque", "Mairie annexe", "Poste", "Théâtre",
             "Musée", "Conservatoire", "Maison des associations", "Centre social", "Piscine", "Crèche"]
    flags = rng.random((len(erp), 4)) < [0.7, 0.4, 0.3, 0.5]
    out = gpd.GeoDataFrame({"cleabs": erp["cleabs"].to_numpy(), "nom": names[:len(erp)],
                            "hauteur": erp["hauteur"].to_numpy(),
                            **{k: np.where(flags[:, i], "oui", "non")
                               for i, k in enumerate(("fauteuil", "auditif", "visuel", "mental"))}},
                           geometry=erp.geometry.to_numpy(), crs=bat.crs)
    path = out_dir / "erp.geojson"
    path.unlink(missing_ok=True)
    out.to_file(path, driver="GeoJSON")


SHOP_STREETS = [  # name, local polyline: the squares' edges and streets along the block grid
    ("Grand'Place", GRAND_PLACE.exterior.coords), ("Place des Héros", PLACE_DES_HEROS.exterior.coords),
    ("Rue de la Taillerie", [(-100, -65), (-100, -200)]), ("Rue Ronville", [(44, -65), (44, -330)]),
    ("Rue Saint-Aubert", [(-47, 65), (-47, 320)]), ("Rue Gambetta", [(-100, -250), (281, -250)]),
    ("Rue de la Housse", [(100, -24), (378, -24)])]
SHOPS_PER_STREET = (12, 8, 7, 7, 7, 7, 6)
CLOSING = (0.08, 0.1, 0.12, 0.35, 0.1, 0.25, 0.15)   # closures per premises and year, by street
ACTIVITIES = ["équipement de la personne", "restauration", "café-bar", "alimentaire", "santé-beauté",
              "services", "culture-loisirs", "équipement de la maison"]


def write_shops(out_dir: Path, bat: gpd.GeoDataFrame) -> None:
    """The shops observatory's export: premises on the ground floors facing the squares
    and the main streets, and their periods, open (an activity) or vacant, from before
    2022 to June 2026. Own seed, so the other files never change."""
    import pandas as pd
    rng = np.random.default_rng(SEED + 3)
    taken = np.zeros(len(bat), bool)
    rows, number = [], itertools.count(1)
    first_day, last_day = pd.Timestamp("2022-01-01"), pd.Timestamp("2026-06-10")
    for (street, coords), n, closing in zip(SHOP_STREETS, SHOPS_PER_STREET, CLOSING):
        line = to_world(shapely.LineString(coords))
        distance = bat.geometry.distance(line).to_numpy()
        near = np.flatnonzero((distance < np.partition(distance, 4)[4] + 3) & ~taken       # facing it
                              & (bat["usage_1"] == "Résidentiel").to_numpy())
        chosen = np.sort(rng.choice(near, min(n, len(near)), replace=False))
        taken[chosen] = True
        for b in chosen:
            footprint = bat.geometry.iloc[b]
            front = footprint.intersection(line.buffer(footprint.distance(line) + 5))
            point = (front if not front.is_empty else footprint).representative_point()
            local = f"L-{next(number):03d}"
            vacant = rng.random() < 0.1
            owner = f"SCI {street.split()[-1]} {int(rng.integers(1, 40))}"    # personal data: never shown
            since = first_day - pd.Timedelta(days=int(rng.integers(60, 15 * 365)))
            starts, t, state = [since], first_day, vacant
            while True:      # shops close at the street's rate; a vacant premises finds a taker in months
                years = rng.exponential(0.9) if state else rng.exponential(1 / closing)
                t += pd.Timedelta(days=int(365 * years) + 30)
                if t >= last_day:
                    break
                starts.append(t)
                state = not state
            for i, start in enumerate(starts):
                rows.append({"local": local, "rue": street,
                             "activite": "" if vacant else str(rng.choice(ACTIVITIES)),
                             "statut": "vacant" if vacant else "ouvert",
                             "debut": start.strftime("%Y-%m-%d"),
                             "fin": starts[i + 1].strftime("%Y-%m-%d") if i + 1 < len(starts) else "",
                             "proprietaire": owner,
                             "x": point.x, "y": point.y})
                vacant = not vacant
    table = pd.DataFrame(rows)
    lonlat = gpd.GeoSeries(gpd.points_from_xy(table.pop("x"), table.pop("y")), crs="EPSG:2154").to_crs("EPSG:4326")
    table["lon"], table["lat"] = lonlat.x.round(7), lonlat.y.round(7)
    table.to_csv(out_dir / "commerces.csv", index=False)


def write_lidar(out_dir: Path, bat: gpd.GeoDataFrame, rng) -> int:
    """Points on the ground, the roofs (at the building's height, or 9 m where BD TOPO has
    none) and tree crowns, as an IGN LiDAR HD tile would classify them; written as LAS 1.4
    and turned into COPC by `twin prepare`'s own code."""
    import laspy
    from pyproj import CRS

    from twin.lod.prepare import prepare_tile
    n = 330_000
    x = rng.uniform(CENTRE[0] - 760, CENTRE[0] + 760, n)
    y = rng.uniform(CENTRE[1] - 700, CENTRE[1] + 700, n)
    z = ground(x - CENTRE[0], y - CENTRE[1]) + rng.normal(0, 0.03, n)
    cls = np.full(n, 2, np.uint8)
    heights = bat["hauteur"].fillna(bat["nombre_d_etages"] * 3.1 + 2).fillna(9.0).to_numpy()
    point_i, bld_i = shapely.STRtree(bat.geometry.values).query(shapely.points(x, y), predicate="within")
    z[point_i] = bat["altitude_minimale_sol"].to_numpy()[bld_i] + heights[bld_i]
    cls[point_i] = 6
    open_ground = np.flatnonzero(cls == 2)
    trees = rng.choice(open_ground, 900, replace=False)          # crowns around some points
    crown = rng.integers(0, 900, 30_000)
    r, a = rng.uniform(0, 4.5, len(crown)), rng.uniform(0, 2 * np.pi, len(crown))
    tx, ty = x[trees][crown] + r * np.cos(a), y[trees][crown] + r * np.sin(a)
    tz = ground(tx - CENTRE[0], ty - CENTRE[1]) + rng.uniform(4, 14, len(crown)) * (1 - r / 9)
    odd = rng.choice(open_ground, 600, replace=False)
    cls[odd] = rng.choice(np.array([1, 64, 66], np.uint8), 600)
    header = laspy.LasHeader(point_format=6, version="1.4")
    header.offsets, header.scales = [CENTRE[0], CENTRE[1], 0.0], [0.01, 0.01, 0.01]
    header.add_crs(CRS.from_epsg(2154))
    las = laspy.LasData(header)
    las.x, las.y, las.z = np.r_[x, tx], np.r_[y, ty], np.r_[z, tz]
    las.classification = np.r_[cls, np.full(len(crown), 5, np.uint8)]
    las.intensity = rng.integers(200, 2400, len(las.x)).astype(np.uint16)
    staging = out_dir / "lidar.las"
    las.write(staging)
    result = prepare_tile(staging, out_dir, force=True)
    staging.unlink()
    if result.error:
        raise SystemExit(result.error)
    return result.points


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))   # this checkout's twin
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "arras-centre")
