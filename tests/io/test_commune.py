"""`twin build-scene`: a commune's folder → a ready scene (the demo's files, and real IGN /
Etalab / BD TOPO / CityJSON files linked into a folder), every file accounted for."""

import subprocess
import sys

import pytest

from tests.conftest import ROOT
from twin.io.commune import build_scene
from twin.core.errors import DataError
from twin.core.layers import BuildingsLayer, ModelLayer, PointCloudLayer, TerrainLayer, TreesLayer, VectorLayer
from twin.io.loading import load_scene_data
from twin.io.scene_file import load_scene, save_scene

DEMO = ROOT / "assets" / "demo" / "arras-centre"


def test_the_demo_folder_becomes_a_scene_that_loads(tmp_path):
    scene, found = build_scene(DEMO)
    roles = {f.path.name: f.role for f in found}
    assert roles == {"batiment.gpkg": "buildings", "bruit.csv": "skipped", "capteurs.geojson": "vector",
                     "consommation.csv": "skipped", "dtm.tif": "dtm", "frequentation.csv": "skipped",
                     "lidar.copc.laz": "lidar", "parcelles.json": "parcels",
                     "signalements.csv": "vector",          # a CSV with lon/lat is a layer of points
                     "commerces.csv": "vector", "erp.geojson": "buildings"}
    skipped = next(f for f in found if f.path.name == "bruit.csv")
    assert "sensors, footfall or consumption layer" in skipped.reason
    kinds = {layer.name: type(layer) for layer in scene.data_layers()}
    assert kinds == {"Terrain": TerrainLayer, "Parcelles": VectorLayer, "Bâtiments (LoD1)": BuildingsLayer,
                     "Bâtiments — erp": BuildingsLayer,
                     "capteurs": VectorLayer, "signalements": VectorLayer, "commerces": VectorLayer,
                     "LiDAR — lidar": PointCloudLayer, "Arbres": TreesLayer}
    assert not scene.layers.find("LiDAR — lidar").visible            # heavy, over a maquette: on demand
    assert scene.layers.find("Arbres").source == DEMO / "lidar.copc.laz"     # its crowns measured
    assert list(scene.bookmarks) == ["Vue d'ensemble", "Centre", "Vue du nord"]
    overview = scene.bookmark("Vue d'ensemble").view
    assert 60 < overview.focal_point[2] < 110                          # looks at Arras's ground, not z = 0
    assert scene.origin[:2] == pytest.approx((684100, 7021500), abs=200)
    out = tmp_path / "sub" / "arras.toml"
    out.parent.mkdir()
    save_scene(scene, out)
    text = out.read_text(encoding="utf-8")
    assert "assets/demo/arras-centre/dtm.tif" in text
    again = load_scene(out)
    results = load_scene_data(again)
    assert [r.error for r in results] == [None] * len(results)


def test_real_files_are_recognised_and_explained(shared, tmp_path):
    folder = tmp_path / "commune"
    (folder / "bdtopo").mkdir(parents=True)
    (folder / "lidar").mkdir()
    (folder / "maquettes").mkdir()
    bd = shared / "cadastre/bdtopo_v3_sample_12174"
    for part in ("shp", "shx", "dbf", "prj"):
        (folder / "bdtopo" / f"BATIMENT.{part}").symlink_to(bd / f"BATIMENT.{part}")
    (folder / "cadastre-75118-parcelles.json").symlink_to(shared / "cadastre/etalab_cadastre-75118-parcelles.json")
    for name in ("ignpdaltools__test_data_77050_627755_LA93_IGN69.laz",
                 "ignpdaltools__test_data_77055_627760_LA93_IGN69.laz"):
        (folder / "lidar" / name).symlink_to(shared / "lidar" / name)
    (folder / "maquettes" / "delft.city.json").symlink_to(shared / "buildings/cityjson/cjio__delft.json")
    (folder / "maquettes" / "tour.obj").symlink_to(shared / "buildings/lyon_obj/tour_part_dieu.obj")
    (folder / "notes.txt").write_text("a readme the survey ignores")
    (folder / "broken.geojson").write_text('{"type": "FeatureCollection", "features": [')
    scene, found = build_scene(folder)
    roles = {str(f.path.relative_to(folder)): (f.role, f.reason) for f in found}
    assert roles["bdtopo/BATIMENT.shp"][0] == "buildings"
    assert roles["cadastre-75118-parcelles.json"][0] == "parcels"
    assert roles["lidar/ignpdaltools__test_data_77050_627755_LA93_IGN69.laz"][0] == "lidar"
    assert roles["maquettes/delft.city.json"][0] == "model"
    assert roles["maquettes/tour.obj"][0] == "skipped" and "placement.toml" in roles["maquettes/tour.obj"][1]
    assert roles["broken.geojson"][0] == "skipped" and "not valid GeoJSON" in roles["broken.geojson"][1]
    assert "notes.txt" not in roles
    cloud = next(layer for layer in scene.data_layers() if isinstance(layer, PointCloudLayer))
    assert cloud.source == folder / "lidar" and len(cloud.files()) == 2       # the tiles share one layer
    assert any(isinstance(layer, ModelLayer) for layer in scene.data_layers())
    buildings = scene.layers.find("Bâtiments (LoD1)")
    assert buildings.source == folder / "bdtopo" / "BATIMENT.shp"
    assert buildings.heights.lidar == folder / "lidar"          # measures what HAUTEUR leaves out
    # with a sidecar the model is placed and kept
    (folder / "maquettes" / "tour.obj.placement.toml").write_text("anchor = [662000.0, 6358000.0]\n")
    _, found = build_scene(folder)
    assert next(f for f in found if f.path.name == "tour.obj").role == "model"


def test_bad_folders_and_the_command(tmp_path):
    with pytest.raises(DataError, match="is not a folder"):
        build_scene(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "readme.md").write_text("nothing here")
    with pytest.raises(DataError, match="holds no file twin can show"):
        build_scene(tmp_path / "empty")
    out = tmp_path / "arras.toml"
    cmd = [sys.executable, "-m", "twin", "build-scene", "--from", str(DEMO), "--out", str(out)]
    first = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert first.returncode == 0, first.stderr
    assert "9 layers" in first.stdout and "skipped" in first.stdout and out.is_file()
    again = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert again.returncode == 2 and "already exists" in again.stderr and "--force" in again.stderr
    empty = subprocess.run([sys.executable, "-m", "twin", "build-scene", "--from", str(tmp_path / "empty"),
                            "--out", str(tmp_path / "x.toml")], capture_output=True, text=True, cwd=ROOT)
    assert empty.returncode == 2 and "holds no file twin can show" in empty.stderr and "Traceback" not in empty.stderr


def test_footprints_given_with_lidar_get_measured_heights():
    """`twin render dtm.tif batiment.gpkg lidar.copc.laz`: the demo's buildings without a
    BD TOPO height are measured from the LiDAR given beside them."""
    from twin.io.autoscene import scene_from_files
    from twin.io.loading import apply_results
    scene = scene_from_files([DEMO / "dtm.tif", DEMO / "batiment.gpkg", DEMO / "lidar.copc.laz"])
    buildings = next(layer for layer in scene.data_layers() if isinstance(layer, BuildingsLayer))
    assert buildings.heights.lidar == DEMO / "lidar.copc.laz"
    apply_results(load_scene_data(scene, layers=[layer for layer in scene.data_layers()
                                                 if not isinstance(layer, PointCloudLayer)]))
    sources = buildings.data.height_sources
    assert sources["lidar"] > 0 and sources["attribute"] > sources["lidar"]
    frame = buildings.data.table.frame
    measured = frame[frame["height_source"] == "lidar"]
    assert (measured["lidar_confidence"].isin(["high", "medium"])).all() and (measured["lidar_points"] > 0).all()


def test_delivered_dtm_and_ortho_tiles_make_one_terrain_and_one_drape(shared, tmp_path):
    """IGN's MNT tiles and BD ORTHO JPEG 2000 tiles in their folders: one seamless terrain
    layer draped with one orthophoto, saved as the folders and loaded as tiles."""
    from tests.tiles import DTM, ORTHO, split, to_jp2
    folder = tmp_path / "commune"
    split(shared / DTM, folder / "mnt")
    for tif in split(shared / ORTHO, tmp_path / "ortho_tif"):
        to_jp2(tif, folder / "ortho" / tif.with_suffix(".jp2").name, georeferenced=False, world_file=True)
    scene, found = build_scene(folder)
    assert sorted(f.role for f in found) == ["dtm"] * 4 + ["ortho"] * 4       # .j2w files are not listed
    [terrain] = [layer for layer in scene.data_layers() if isinstance(layer, TerrainLayer)]
    assert (terrain.source, terrain.texture) == (folder / "mnt", folder / "ortho")
    out = folder / "scene.toml"
    save_scene(scene, out)
    assert 'source = "mnt"' in out.read_text(encoding="utf-8")
    [result] = load_scene_data(load_scene(out))
    assert result.error is None and result.data.stream is not None
    assert result.data.stream.images is not None and len(result.data.stream.images.tiles) == 4
    assert any("no CRS in the file; assumed EPSG:2154" in w for w in result.warnings)   # a .j2w has no CRS


def test_a_communes_dtm_tiles_among_a_departements_make_a_vrt_of_its_own(delivered, shared, tmp_path):
    """A folder of a département's MNT tiles: the commune's scene mosaics only the tiles
    that meet it, through a VRT beside the scene, and still loads as one terrain."""
    from tests.delivered import GPKG_NAME
    from tests.tiles import DTM, split
    from twin.lod.mosaic import Lattice
    from twin.lod.rasters import open_tile
    folder = tmp_path / "telechargements"
    folder.mkdir()
    (folder / GPKG_NAME).symlink_to(delivered / "bdtopo" / GPKG_NAME)
    tiles = split(delivered / "mnt" / "RGEALTI_FXX_0661_6363_MNT_LAMB93_IGN69.tif", folder / "mnt", prefix="olemps")
    (folder / "mnt" / "herault.tif").symlink_to(shared / DTM)          # in the same folder, far away
    work = tmp_path / "olemps.data"
    scene, found = build_scene(folder, commune="12174", workdir=work)
    assert {f.path.name for f in found if "outside the commune" in f.reason} == {"herault.tif"}
    [terrain] = [layer for layer in scene.data_layers() if isinstance(layer, TerrainLayer)]
    assert terrain.source == work / "mnt-dtm.vrt"
    plan = scene.layers.find("Plan IGN")                  # offered, hidden: streamed once turned on
    assert plan.kind == "basemap" and plan.preset == "plan-ign" and not plan.visible
    vrt = open_tile(terrain.source)
    assert Lattice.covering([vrt]).bounds == pytest.approx(Lattice.covering([open_tile(t) for t in tiles]).bounds)
    [result] = [r for r in load_scene_data(scene, layers=[terrain])]
    assert result.error is None and 560 < float(result.data.grid.values.mean()) < 640


def test_the_built_scene_opens_without_measuring_the_lidar_again(tmp_path, monkeypatch):
    """build-scene measures the heights the LiDAR gives buildings, once; opening the scene
    it wrote takes them from the cache, the same heights."""
    import twin.io.heights_cache as cache
    monkeypatch.setenv("TWIN_CACHE_DIR", str(tmp_path / "cache"))
    calls = []
    real = cache.measure_heights
    monkeypatch.setattr(cache, "measure_heights", lambda *a, **k: calls.append(1) or real(*a, **k))
    scene, _ = build_scene(DEMO)
    measured = len(calls)
    assert measured >= 1 and list(cache.heights_dir().glob("*.npz"))
    assert all(layer.data is None for layer in scene.data_layers())      # a file to write, not loaded
    save_scene(scene, tmp_path / "arras.toml")
    results = load_scene_data(load_scene(tmp_path / "arras.toml"))
    assert len(calls) == measured
    frames = [r.data.table.frame for r in results if isinstance(r.layer, BuildingsLayer)]
    assert any((f["height_source"] == "lidar").any() for f in frames)
