"""LoD1 heights measured from LiDAR: generated edge cases with known answers, then the
real IGN LiDAR HD extracts of ../shared/data (read in place)."""

from __future__ import annotations

import warnings
from pathlib import Path

import geopandas as gpd
import laspy
import numpy as np
import pytest
import shapely
from affine import Affine
from pyproj import CRS

from twin.core.data import RasterGrid, VectorTable
from twin.core.errors import DataError
from twin.core.feedback import Feedback
from twin.geometry.ground import Ground
from twin.core.layers import BuildingsLayer, HeightRule
from twin.io.lidar_heights import LidarHeights, lidar_files, measure_heights
from twin.io.kinds.buildings import build_buildings
from twin.core.scene import Scene
from twin.io.scene_file import load_scene, save_scene

X0, Y0 = 684000.0, 7021000.0
GROUND_Z = 100.0
DENSITY = 12.0     # points per m², about IGN LiDAR HD's


# -- a generated survey ---------------------------------------------------------------------

def _cover(rng, geom, z, density=DENSITY, cls=6, noise=0.02):
    """Points spread over a polygon at altitude ``z`` (a number or a function of x, y)."""
    x0, y0, x1, y1 = geom.bounds
    n = int((x1 - x0) * (y1 - y0) * density)
    x, y = rng.uniform(x0, x1, n), rng.uniform(y0, y1, n)
    keep = shapely.contains_xy(geom, x, y)
    x, y = x[keep], y[keep]
    zz = z(x, y) if callable(z) else np.full(len(x), float(z))
    return x, y, zz + rng.normal(0, noise, len(x)), np.full(len(x), cls, np.uint8)


def _survey(parts):
    return tuple(np.concatenate(a) for a in zip(*parts, strict=True))


def write_las(path: Path, x, y, z, cls, crs: int | None = 2154) -> Path:
    header = laspy.LasHeader(point_format=6, version="1.4")
    header.offsets = [np.floor(x.min()) if len(x) else X0, np.floor(y.min()) if len(y) else Y0, 0.0]
    header.scales = [0.001, 0.001, 0.001]
    if crs is not None:
        header.add_crs(CRS.from_epsg(crs))
    las = laspy.LasData(header)
    las.x, las.y, las.z, las.classification = x, y, z, cls
    las.write(path)
    return path


def box(x, y, w, d):
    return shapely.box(X0 + x, Y0 + y, X0 + x + w, Y0 + y + d)


# footprints with their true heights above a flat ground at 100 m
SMALL = box(10, 10, 8, 10)                  # 6 m
TOWER = box(30, 10, 20, 20)                 # 30.5 m
COURT = box(60, 10, 30, 30).difference(box(70, 20, 10, 10))   # 9 m; its courtyard holds a 25 m kiosk
KIOSK = box(72, 22, 6, 6)                   # not a footprint: its points must count for no one
MULTI = shapely.MultiPolygon([box(100, 10, 8, 8), box(120, 10, 8, 8)])   # 12 m, a 40 m block between
BETWEEN = box(109, 10, 10, 8)               # not a footprint either
EMPTY = box(140, 10, 10, 10)                # no building point at all
PITCHED = box(160, 10, 12, 10)              # eaves at 8 m, ridge at 11 m along y = 15
TRUE = {"small": 6.0, "tower": 30.5, "court": 9.0, "multi": 12.0}


def _ridge(x, y):
    return GROUND_Z + 8.0 + 3.0 * (1 - np.abs(y - (Y0 + 15)) / 5.0)


@pytest.fixture(scope="module")
def survey():
    rng = np.random.default_rng(7)
    land = box(-10, -10, 200, 60)
    parts = [_cover(rng, land, GROUND_Z, cls=2)]
    parts += [_cover(rng, SMALL, GROUND_Z + 6), _cover(rng, TOWER, GROUND_Z + 30.5),
              _cover(rng, COURT, GROUND_Z + 9), _cover(rng, KIOSK, GROUND_Z + 25),
              _cover(rng, MULTI, GROUND_Z + 12), _cover(rng, BETWEEN, GROUND_Z + 40),
              _cover(rng, PITCHED, _ridge),
              _cover(rng, land, GROUND_Z + 8, density=0.3, cls=5)]    # trees: never roofs
    return _survey(parts)


@pytest.fixture(scope="module")
def survey_file(survey, tmp_path_factory):
    return write_las(tmp_path_factory.mktemp("lidar") / "survey.laz", *survey)


FOOTPRINTS = np.array([SMALL, TOWER, COURT, MULTI, EMPTY, PITCHED], dtype=object)


def test_box_heights_recovered_from_ground_points(survey_file):
    m = measure_heights(FOOTPRINTS, survey_file, "EPSG:2154")
    assert isinstance(m, LidarHeights) and len(m) == len(FOOTPRINTS)
    for i, name in enumerate(("small", "tower", "court", "multi")):
        assert m.height[i] == pytest.approx(TRUE[name], abs=0.05), name
        assert m.ground_z[i] == pytest.approx(GROUND_Z, abs=0.03)
        assert m.confidence[i] == "high" and m.roof_shape[i] == "flat"
        assert m.spread[i] < 0.1
    # the points counted are those inside: area × density, courtyard and gap excluded
    area = shapely.area(FOOTPRINTS[:4])
    assert np.allclose(m.points[:4], area * DENSITY, rtol=0.08)
    assert m.usable[:4] == pytest.approx([6.0, 30.5, 9.0, 12.0], abs=0.05)


def test_courtyard_and_multipolygon_exclude_what_lies_between(survey_file):
    m = measure_heights(FOOTPRINTS[2:4], survey_file, "EPSG:2154")
    # a kiosk at 25 m in the courtyard and a 40 m block between the two parts would pull
    # the 95th percentile up if their points counted
    assert m.height[0] == pytest.approx(9.0, abs=0.05)
    assert m.height[1] == pytest.approx(12.0, abs=0.05)


def test_footprint_without_points_has_no_height(survey_file):
    m = measure_heights(FOOTPRINTS, survey_file, "EPSG:2154")
    assert m.points[4] == 0 and np.isnan(m.height[4]) and np.isnan(m.usable[4])
    assert m.confidence[4] == "none" and m.roof_shape[4] == ""


def test_pitched_roof_is_told_from_flat_and_measured_at_its_ridge(survey_file):
    m = measure_heights(FOOTPRINTS, survey_file, "EPSG:2154")
    assert m.roof_shape[5] == "pitched"
    assert m.spread[5] == pytest.approx(1.5, abs=0.15)          # uniform 8–11 m: IQR 1.5 m
    assert m.height[5] == pytest.approx(8 + 0.95 * 3, abs=0.1)  # the 95th percentile
    assert m.confidence[5] == "high"


def test_dtm_gives_the_ground_when_the_scene_has_one(survey_file):
    # a DTM 1.5 m below the LiDAR's ground: the height stands on the DTM, as the
    # extrusion does, not on the points
    grid = RasterGrid(np.full((100, 250), GROUND_Z - 1.5, np.float32),
                      Affine(1, 0, X0 - 20, 0, -1, Y0 + 80), "EPSG:2154")
    m = measure_heights(FOOTPRINTS[:2], survey_file, "EPSG:2154", Ground([grid]))
    assert m.ground_z[:2] == pytest.approx([GROUND_Z - 1.5] * 2)
    assert m.height[:2] == pytest.approx([7.5, 32.0], abs=0.05)
    # per-footprint ground (what build_buildings passes), NaN → the LiDAR's ground
    m = measure_heights(FOOTPRINTS[:2], survey_file, "EPSG:2154", np.array([90.0, np.nan]))
    assert m.height[0] == pytest.approx(16.0, abs=0.05)
    assert m.height[1] == pytest.approx(30.5, abs=0.05)


def test_only_restricts_the_work(survey_file):
    m = measure_heights(FOOTPRINTS, survey_file, "EPSG:2154", only=np.array([0, 1, 0, 0, 0, 0], bool))
    assert m.height[1] == pytest.approx(30.5, abs=0.05)
    assert np.isnan(m.height[[0, 2, 3]]).all() and m.confidence[0] == "" and m.points[0] == 0


def test_footprint_across_a_tile_edge_gets_the_points_of_both(survey, tmp_path):
    x, y, z, cls = survey
    edge = X0 + 40.0                       # cuts TOWER in two
    folder = tmp_path / "tiles"
    folder.mkdir()
    west, east = x < edge, x >= edge
    write_las(folder / "a_west.laz", x[west], y[west], z[west], cls[west])
    write_las(folder / "b_east.laz", x[east], y[east], z[east], cls[east])
    whole = measure_heights(FOOTPRINTS, write_las(tmp_path / "whole.laz", *survey), "EPSG:2154")
    split = measure_heights(FOOTPRINTS, folder, "EPSG:2154")
    assert split.points.tolist() == whole.points.tolist()
    assert split.height[1] == pytest.approx(30.5, abs=0.05)
    assert np.allclose(split.roof_z, whole.roof_z, equal_nan=True)
    assert np.allclose(split.height, whole.height, atol=0.01, equal_nan=True)   # ground points thinned apart
    glob = measure_heights(FOOTPRINTS, folder / "*.laz", "EPSG:2154")
    assert glob.points.tolist() == whole.points.tolist()


def test_tile_in_another_crs_is_reprojected(survey, tmp_path):
    from pyproj import Transformer
    x, y, z, cls = survey
    lon, lat = Transformer.from_crs(2154, 3946, always_xy=True).transform(x, y)
    path = write_las(tmp_path / "cc46.laz", lon, lat, z, cls, crs=3946)
    m = measure_heights(FOOTPRINTS[:2], path, "EPSG:2154")
    assert m.height[:2] == pytest.approx([6.0, 30.5], abs=0.05)


def test_copc_reads_only_the_nodes_over_the_footprints(synthetic_copc, monkeypatch):
    """The conftest tile (600 k points, 41 octree nodes) against its own plain LAZ: the
    same statistics, from a fraction of the points decoded."""
    import lazrs

    import benchmarks.synthetic as synth
    foot = synth.footprints(synth.tile_boxes(600_000, 684000.0, 7021000.0))[:3]
    decoded = []
    real = lazrs.decompress_points_with_chunk_table

    def counting(data, vlr, out, table, *args):
        decoded.append(sum(c for c, _ in table))
        return real(data, vlr, out, table, *args)
    monkeypatch.setattr(lazrs, "decompress_points_with_chunk_table", counting)
    one = measure_heights(foot[:1], synthetic_copc, "EPSG:2154")
    assert 0 < sum(decoded) < 600_000 / 4 and one.points[0] > 50
    decoded.clear()
    copc = measure_heights(foot, synthetic_copc, "EPSG:2154")
    assert sum(decoded) < 600_000
    flat = measure_heights(foot, synthetic_copc.parent.parent / "tile_0684_7022.laz", "EPSG:2154")
    assert copc.points.tolist() == flat.points.tolist()
    assert np.allclose(copc.roof_z, flat.roof_z, atol=0.002)
    assert (copc.points > 50).all()


# -- bad input: a DataError naming the file, never a traceback ----------------------------------

def test_missing_path_names_it(tmp_path):
    with pytest.raises(DataError, match="not found") as err:
        measure_heights(FOOTPRINTS, tmp_path / "nope.laz", "EPSG:2154")
    assert "nope.laz" in err.value.message
    with pytest.raises(DataError, match="no LAS/LAZ file matches"):
        lidar_files(tmp_path)                      # an empty folder
    with pytest.raises(DataError, match="no LAS/LAZ file matches"):
        lidar_files(tmp_path / "*.laz")


def test_empty_and_corrupt_files_name_themselves(survey_file, tmp_path):
    empty = tmp_path / "empty.laz"
    empty.write_bytes(b"")
    cut = tmp_path / "cut.laz"
    cut.write_bytes(survey_file.read_bytes()[: survey_file.stat().st_size // 2])
    junk = tmp_path / "junk.laz"
    junk.write_bytes(b"LASF" + bytes(range(256)) * 4)
    header_only = write_las(tmp_path / "none.laz", *(np.empty(0),) * 3, np.empty(0, np.uint8))
    for path in (empty, cut, junk, header_only):
        with pytest.raises(DataError) as err:
            measure_heights(FOOTPRINTS, path, "EPSG:2154")
        assert path.name in err.value.message, err.value.message


def test_a_bad_tile_among_several_is_skipped_with_a_warning(survey_file, tmp_path):
    folder = tmp_path / "tiles"
    folder.mkdir()
    (folder / "a.laz").write_bytes(survey_file.read_bytes())
    (folder / "b.laz").write_bytes(survey_file.read_bytes()[:5000])
    fb = Feedback(on_warning=lambda text: None)
    m = measure_heights(FOOTPRINTS[:2], folder, "EPSG:2154", feedback=fb)
    assert m.height[1] == pytest.approx(30.5, abs=0.05)
    assert any("b.laz" in w and "skipped" in w for w in fb.warnings)


# -- in the scene: build_buildings and scene files ----------------------------------------------

def _buildings(lidar) -> tuple[BuildingsLayer, VectorTable]:
    frame = gpd.GeoDataFrame({"hauteur": [15.0, np.nan, np.nan, np.nan, np.nan, np.nan],
                              "nombre_d_etages": [np.nan, np.nan, np.nan, np.nan, 2, np.nan]},
                             geometry=list(FOOTPRINTS), crs="EPSG:2154")
    layer = BuildingsLayer("b", source=Path("b.gpkg"), heights=HeightRule(lidar=lidar))
    return layer, VectorTable(frame, "EPSG:2154")


def test_build_buildings_takes_lidar_heights_where_attributes_lack(survey_file):
    layer, table = _buildings(survey_file)
    scene = Scene("t", origin=(X0, Y0, 0.0))
    data = build_buildings(layer, table, scene, Ground([]))
    f = data.table.frame
    # the attribute wins where there is one (and that footprint is not even measured)
    assert f["height_source"].tolist() == ["attribute", "lidar", "lidar", "lidar", "floors", "lidar"]
    assert f["height"].tolist()[:4] == pytest.approx([15.0, 30.5, 9.0, 12.0], abs=0.05)
    assert f["lidar_points"].iloc[0] == 0 and f["lidar_confidence"].iloc[0] == ""
    assert f["lidar_confidence"].iloc[4] == "none" and f["height"].iloc[4] == 6.0   # 2 floors × 3 m
    assert f["roof_shape"].tolist()[1:4] == ["flat", "flat", "flat"]
    assert {"lidar_height", "lidar_spread"} <= set(f.columns)
    assert data.height_sources["lidar"] == 4 and data.height_sources["floors"] == 1


def test_build_buildings_without_usable_lidar_falls_back_with_a_warning(tmp_path):
    layer, table = _buildings(tmp_path / "missing.laz")
    fb = Feedback(on_warning=lambda text: None)
    data = build_buildings(layer, table, Scene("t", origin=(X0, Y0, 0.0)), Ground([]), fb)
    assert data.table.frame["height_source"].tolist() == ["attribute", "default", "default", "default",
                                                          "floors", "default"]
    assert any("missing.laz" in w and "not found" in w for w in fb.warnings)


def test_lidar_setting_round_trips_relative_to_the_scene_file(tmp_path):
    (tmp_path / "scenes").mkdir()
    (tmp_path / "data").mkdir()
    text = """format = 1
[[layers]]
name = "Bâtiments"
kind = "buildings"
source = "../data/bati.gpkg"
[layers.heights]
lidar = "../data/lidar/*.copc.laz"
"""
    (tmp_path / "scenes" / "a.toml").write_text(text, encoding="utf-8")
    scene = load_scene(tmp_path / "scenes" / "a.toml")
    rule = scene.layers[0].heights
    assert rule.lidar == (tmp_path / "data" / "lidar" / "*.copc.laz").resolve()
    assert rule.storey_height == 3.0
    out = save_scene(scene, tmp_path / "b.toml")
    assert 'lidar = "data/lidar/*.copc.laz"' in out.read_text(encoding="utf-8")
    assert load_scene(out).layers[0].heights.lidar == rule.lidar
    # no lidar: nothing written; "" reads as none
    assert HeightRule(lidar="").lidar is None
    scene.layers[0].heights = HeightRule()
    assert "lidar" not in save_scene(scene, tmp_path / "c.toml").read_text(encoding="utf-8")


def test_lidar_setting_is_type_checked(tmp_path):
    from twin.core.errors import SceneFileError
    text = '''format = 1
[[layers]]
name = "B"
kind = "buildings"
source = "b.gpkg"
[layers.heights]
lidar = 3
'''
    (tmp_path / "a.toml").write_text(text, encoding="utf-8")
    with pytest.raises(SceneFileError, match=r"layers\[0\].heights.lidar"):
        load_scene(tmp_path / "a.toml")


# -- real IGN LiDAR HD extracts ------------------------------------------------------------------

def _footprints_from_points(x, y, cls, min_area=15.0):
    """Outlines of the building-class points (1 m cells, closed by one cell), as a
    cadastre would draw them: an independent way to get footprints over real data."""
    from rasterio.features import shapes
    b = cls == 6
    x0, y1 = np.floor(x.min()), np.ceil(y.max())
    w, h = int(np.ceil(x.max() - x0)) + 1, int(np.ceil(y1 - y.min())) + 1
    mask = np.zeros((h, w), np.uint8)
    mask[(y1 - y[b]).astype(int), (x[b] - x0).astype(int)] = 1
    grown = mask.copy()
    for dr, dc in ((0, 1), (0, -1), (1, 0), (-1, 0)):      # closing: fill single-cell gaps
        grown |= np.roll(np.roll(mask, dr, 0), dc, 1)
    shrunk = grown.copy()
    for dr, dc in ((0, 1), (0, -1), (1, 0), (-1, 0)):
        shrunk &= np.roll(np.roll(grown, dr, 0), dc, 1)
    polys = [shapely.geometry.shape(g) for g, v in shapes(shrunk, mask=shrunk.astype(bool),
                                                          transform=Affine(1, 0, x0, 0, -1, y1)) if v]
    polys = np.array([p for p in polys if p.area >= min_area], dtype=object)
    assert len(polys), "no building outline found"
    return polys


def _brute_force(polys, x, y, z):
    """The same statistics the slow way: one exact point-in-polygon test per footprint."""
    out = []
    for p in polys:
        zi = z[shapely.contains_xy(p, x, y)]
        out.append((len(zi), np.percentile(zi, 95) if len(zi) else np.nan))
    return np.array(out)


def _read(path):
    las = laspy.read(path)
    return (np.asarray(las.x), np.asarray(las.y), np.asarray(las.z), np.asarray(las.classification))


def test_real_dense_building_extract(shared):
    """pdalign__bat.laz: 137 k points over buildings on a slope (Isère), no DTM: the roof
    percentile matches an exact point-in-polygon computation, the ground comes from the
    class-2 points around each building."""
    path = shared / "lidar" / "pdalign__bat.laz"
    if not path.exists():
        pytest.skip(f"{path} absent")
    x, y, z, cls = _read(path)
    polys = _footprints_from_points(x, y, cls)
    m = measure_heights(polys, path, "EPSG:2154")
    b = cls == 6
    exact = _brute_force(polys, x[b], y[b], z[b])
    # grid cells of 25 cm: a few points along the walls may change side
    assert np.allclose(m.points, exact[:, 0], rtol=0.03, atol=3)
    assert np.allclose(m.roof_z, exact[:, 1], atol=0.1)
    big = m.points >= 200
    assert big.any() and (m.confidence[big] != "low").all()
    # the ground is the lowest class-2 ground along each outline (the site slopes ~6 m)
    g = cls == 2
    for i in np.flatnonzero(big):
        ring = polys[i].buffer(3).difference(polys[i].buffer(0.5))
        near = z[g][shapely.contains_xy(ring, x[g], y[g])]
        assert near.min() - 0.5 <= m.ground_z[i] <= np.percentile(near, 50) + 0.5
    assert ((m.height[big] > 3) & (m.height[big] < 20)).all()


def test_real_tile_with_its_dtm_matches_the_dsm(shared):
    """IGN's 50 cm DTM and DSM of the 77055_627760 extract: heights stand on the DTM, and
    the big building's roof altitude agrees with the DSM's 95th percentile inside it (the
    DSM's top also holds trees, so small footprints under a canopy are not compared)."""
    import rasterio
    path = shared / "lidar" / "ignpdaltools__test_data_77055_627760_LA93_IGN69.laz"
    dtm_path = shared / "dtm" / "ldm__DTM_test_data_77055_627760_LA93_IGN69_50CM.tif"
    dsm_path = shared / "dtm" / "ldm__DSM_test_data_77055_627760_LA93_IGN69_50CM.tif"
    for p in (path, dtm_path, dsm_path):
        if not p.exists():
            pytest.skip(f"{p} absent")
    x, y, z, cls = _read(path)
    polys = _footprints_from_points(x, y, cls, min_area=30.0)
    with rasterio.open(dtm_path) as ds:
        dtm = ds.read(1).astype(np.float32)
        dtm[dtm == ds.nodata] = np.nan
        grid = RasterGrid(dtm, ds.transform, "EPSG:2154")
    with rasterio.open(dsm_path) as ds:
        dsm, t = ds.read(1), ds.transform
    m = measure_heights(polys, path, "EPSG:2154", Ground([grid]))
    cols, rows = np.meshgrid(np.arange(dsm.shape[1]), np.arange(dsm.shape[0]))
    cx, cy = t @ (cols.ravel() + 0.5, rows.ravel() + 0.5)
    big = np.flatnonzero(m.points >= 1000)
    assert len(big)
    for i in big:
        inside = shapely.contains_xy(polys[i].buffer(-0.5), cx, cy)
        assert abs(m.roof_z[i] - np.percentile(dsm.ravel()[inside], 95)) < 0.3
    assert ((m.ground_z > 20.7) & (m.ground_z < 21.6)).all()       # the DTM's range
    b = cls == 6
    assert np.allclose(m.roof_z, _brute_force(polys, x[b], y[b], z[b])[:, 1], atol=0.1)
    assert (m.confidence[m.points >= 50] != "low").all()


def test_real_copc_and_plain_laz_of_one_area_agree(shared):
    """The same Montpellier extract as IGN's LAS 1.2 file and as ctview's COPC (PF8):
    heights read through the octree agree with those read from the plain file."""
    flat = shared / "lidar" / "ignpdaltools__test_data_77050_627755_LA93_IGN69.laz"
    copc = shared / "lidar" / "ctview__test_data_77050_627755_LA93_IGN69_buildings.copc.laz"
    for p in (flat, copc):
        if not p.exists():
            pytest.skip(f"{p} absent")
    x, y, z, cls = _read(copc)
    polys = _footprints_from_points(x, y, cls, min_area=30.0)
    polys = shapely.intersection(polys, shapely.box(770500, 6277500, 770541.5, 6277550))  # the COPC's crop
    a = measure_heights(polys, copc, "EPSG:2154")
    b = measure_heights(polys, flat, "EPSG:2154")
    ok = (a.points >= 1000) & (b.points >= 1000)
    assert ok.any()
    assert np.allclose(a.points[ok], b.points[ok], rtol=0.03)
    assert np.allclose(a.roof_z[ok], b.roof_z[ok], atol=0.1)
    assert np.allclose(a.height[ok], b.height[ok], atol=0.1)
    assert (a.confidence[ok] == "high").all() and (b.confidence[ok] == "high").all()


def _overlaps(shared):
    """(LiDAR file, BD TOPO file) pairs whose extents meet, both in Lambert-93."""
    from twin.core.crs import transform_xy
    from twin.io.registry import file_info
    bdtopo = [shared / "cadastre" / "bdtopo_v3_sample_12174" / "BATIMENT.shp",
              shared / "cadastre" / "bdtopo_lyon1" / "buildings_lyon1.geojson"]
    pairs = []
    for vec in (p for p in bdtopo if p.exists()):
        vi = file_info(vec)
        vx, vy = transform_xy([vi.bounds[0], vi.bounds[2]], [vi.bounds[1], vi.bounds[3]], vi.crs, "EPSG:2154")
        for las in sorted((shared / "lidar").glob("*.la[sz]")):
            li = file_info(las)
            crs = li.crs or "EPSG:2154"
            lx, ly = transform_xy([li.bounds[0], li.bounds[2]], [li.bounds[1], li.bounds[3]], crs, "EPSG:2154")
            if lx[0] <= vx[1] and vx[0] <= lx[1] and ly[0] <= vy[1] and vy[0] <= ly[1]:
                pairs.append((las, vec))
    return pairs


def test_real_lidar_against_bdtopo_hauteur(shared):
    """Where a LiDAR file of shared/data lies over a BD TOPO sample, its heights agree
    with HAUTEUR. None does today (Olemps and Lyon 1er have no LiDAR extract there)."""
    from twin.io.registry import registry
    pairs = _overlaps(shared)
    if not pairs:
        pytest.skip("no LiDAR file of shared/data/lidar overlaps a BD TOPO sample (Olemps, "
                    "Lyon 1er): nothing to compare HAUTEUR with")
    for las, vec in pairs:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = registry().find(vec).read(vec, Feedback()).frame.to_crs("EPSG:2154")
        m = measure_heights(frame.geometry.values, las, "EPSG:2154")
        ok = np.isfinite(m.usable) & (frame["HAUTEUR"].to_numpy(float) > 0)
        if ok.sum():
            err = np.abs(m.usable[ok] - frame["HAUTEUR"].to_numpy(float)[ok])
            assert np.median(err) < 2.0
