"""Bad input: a clear error naming the file and the problem, or a documented fallback."""

import json
import shutil

import numpy as np
import pytest
import rasterio
from rasterio.transform import from_origin

from twin.core.errors import DataError, UnsupportedFileError
from twin.core.feedback import Feedback
from twin.core.layers import BuildingsLayer, ModelLayer, PointCloudLayer, TerrainLayer, VectorLayer
from twin.io.loading import load_scene_data
from twin.io.registry import file_info
from twin.core.scene import Scene

SQUARE = {"type": "Polygon", "coordinates": [[[684000, 7021000], [684010, 7021000],
                                              [684010, 7021010], [684000, 7021010],
                                              [684000, 7021000]]]}


def _geojson(path, features, crs="EPSG:2154"):
    doc = {"type": "FeatureCollection", "features": features}
    if crs:
        doc["crs"] = {"type": "name", "properties": {"name": f"urn:ogc:def:crs:{crs.replace(':', '::')}"}}
    path.write_text(json.dumps(doc))
    return path


def _dtm(path, values, nodata=-99999.0):
    with rasterio.open(path, "w", driver="GTiff", width=values.shape[1], height=values.shape[0],
                       count=1, dtype="float32", crs="EPSG:2154", nodata=nodata,
                       transform=from_origin(683990, 7021020, 1, 1)) as ds:
        ds.write(values.astype(np.float32), 1)
    return path


def test_truncated_geojson(tmp_path, shared):
    src = (shared / "cadastre/etalab_cadastre-75118-parcelles.json").read_bytes()
    path = tmp_path / "parcelles.json"
    path.write_bytes(src[: len(src) // 2])
    with pytest.raises(DataError) as info:
        file_info(path)
    assert str(path) in info.value.message and "not valid GeoJSON" in info.value.message


def test_png_named_geojson(tmp_path):
    path = tmp_path / "zones.geojson"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    with pytest.raises(DataError, match="looks like a PNG image"):
        file_info(path)


def test_empty_file_and_unknown_extension(tmp_path):
    empty = tmp_path / "dtm.tif"
    empty.write_bytes(b"")
    with pytest.raises(DataError, match="empty"):
        file_info(empty)
    other = tmp_path / "notes.xyz"
    other.write_text("hello")
    with pytest.raises(UnsupportedFileError, match="no importer"):
        file_info(other)


def test_truncated_geotiff(tmp_path):
    good = _dtm(tmp_path / "good.tif", np.ones((200, 200)))
    bad = tmp_path / "bad.tif"
    bad.write_bytes(good.read_bytes()[:3000])
    scene = Scene()
    scene.add_layer(TerrainLayer("t", source=bad))
    [result] = load_scene_data(scene)
    assert result.data is None and "bad.tif" in result.error


def test_empty_layer_loads_with_a_warning(tmp_path):
    path = _geojson(tmp_path / "empty.geojson", [])
    assert file_info(path).count == 0
    scene = Scene()
    scene.add_layer(VectorLayer("e", source=path))
    [result] = load_scene_data(scene)
    assert result.error is None and len(result.data.table) == 0
    assert any("empty" in w for w in result.warnings)


def test_null_and_invalid_geometries_are_counted(tmp_path):
    bowtie = {"type": "Polygon", "coordinates": [[[684000, 7021000], [684010, 7021010],
                                                 [684010, 7021000], [684000, 7021010],
                                                 [684000, 7021000]]]}
    path = _geojson(tmp_path / "b.geojson", [
        {"type": "Feature", "properties": {"hauteur": 10}, "geometry": SQUARE},
        {"type": "Feature", "properties": {"hauteur": 12}, "geometry": None},
        {"type": "Feature", "properties": {"hauteur": 8}, "geometry": bowtie}])
    scene = Scene()
    scene.add_layer(BuildingsLayer("b", source=path))
    [result] = load_scene_data(scene)
    table = result.data.table
    assert (len(table), table.skipped_null, table.repaired) == (2, 1, 1)


def test_file_without_crs_assumes_scene_crs_and_warns(tmp_path):
    path = _geojson(tmp_path / "nocrs.geojson",
                    [{"type": "Feature", "properties": {}, "geometry": SQUARE}], crs=None)
    # GeoJSON without a crs member is WGS84 by the RFC; a shapefile without .prj has none
    import geopandas as gpd
    shp = tmp_path / "nocrs.shp"
    gpd.read_file(path).set_crs(None, allow_override=True).to_file(shp)
    assert file_info(shp).crs is None
    scene = Scene()
    scene.add_layer(VectorLayer("v", source=shp))
    [result] = load_scene_data(scene)
    assert result.error is None
    assert any("no CRS" in w and "EPSG:2154" in w for w in result.warnings)


def test_wrong_crs_is_flagged(tmp_path):
    # Lambert-93 coordinates declared as Lyon's CC46: they land hundreds of km away
    path = _geojson(tmp_path / "wrong.geojson",
                    [{"type": "Feature", "properties": {}, "geometry": SQUARE}], crs="EPSG:3946")
    dtm = _dtm(tmp_path / "dtm.tif", np.full((30, 30), 60.0))
    scene = Scene()
    scene.add_layer(TerrainLayer("t", source=dtm))
    scene.add_layer(VectorLayer("v", source=path))
    terrain, vector = load_scene_data(scene)
    assert not terrain.warnings
    assert any("CRS may be wrong" in w for w in vector.warnings)


def test_layer_crs_override_with_unknown_crs_is_refused(tmp_path):
    from twin.core.errors import SceneFileError
    from twin.io.scene_file import scene_from_toml
    with pytest.raises(SceneFileError, match="unknown coordinate reference system"):
        scene_from_toml('format = 1\n[[layers]]\nname = "v"\nkind = "vector"\nsource = "a.json"\n'
                        'crs = "EPSG:0"\n', tmp_path / "s.toml")


def test_dtm_with_nodata_holes_makes_a_terrain_with_holes(tmp_path):
    z = np.full((30, 30), 60.0)
    z[10:20, 10:20] = -99999.0
    scene = Scene()
    scene.add_layer(TerrainLayer("t", source=_dtm(tmp_path / "holes.tif", z)))
    [result] = load_scene_data(scene)
    mesh = result.data.mesh
    n_quads = len(mesh.faces) // 5
    assert n_quads == 29 * 29 - 11 * 11          # every quad touching a hole is dropped
    assert np.isfinite(mesh.points).all()
    assert result.data.bounds[2] == pytest.approx(60.0) and result.data.bounds[5] == pytest.approx(60.0)


def test_all_nodata_dtm_is_an_error(tmp_path):
    scene = Scene()
    scene.add_layer(TerrainLayer("t", source=_dtm(tmp_path / "void.tif", np.full((5, 5), -99999.0))))
    [result] = load_scene_data(scene)
    assert "no valid elevation" in result.error


def test_cancel_stops_loading(tmp_path, shared):
    from twin.core.errors import Canceled
    scene = Scene()
    scene.add_layer(VectorLayer("p", source=shared / "cadastre/etalab_cadastre-75118-parcelles.json"))
    fb = Feedback()
    fb.cancel()
    with pytest.raises(Canceled):
        load_scene_data(scene, fb)


def test_one_bad_layer_does_not_stop_the_others(tmp_path, shared):
    scene = Scene()
    missing = tmp_path / "gone.gpkg"
    scene.add_layer(BuildingsLayer("gone", source=missing))
    scene.add_layer(TerrainLayer("dtm", source=shared / "dtm/ldm__DTM_test_data_77055_627760_LA93_IGN69_50CM.tif"))
    gone, dtm = load_scene_data(scene)
    assert "not found" in gone.error and dtm.data is not None


def test_copy_of_shapefile_without_dbf_is_reported(tmp_path, shared):
    for ext in (".shp", ".shx", ".prj"):
        shutil.copy(shared / f"cadastre/bdtopo_v3_sample_12174/BATIMENT{ext}", tmp_path / f"B{ext}")
    try:
        info = file_info(tmp_path / "B.shp")
        assert info.count == 2273  # GDAL reads geometry without attributes: acceptable
    except DataError as exc:
        assert "B.shp" in exc.message


@pytest.mark.parametrize("layer_cls, source, said", [
    (VectorLayer, "dtm/ldm__DTM_test_data_77055_627760_LA93_IGN69_50CM.tif", "is a raster, which a vector layer cannot show"),
    (BuildingsLayer, "dtm/ldm__DTM_test_data_77055_627760_LA93_IGN69_50CM.tif", "is a raster, which a buildings layer cannot show"),
    (TerrainLayer, "cadastre/etalab_cadastre-75118-parcelles.json", "is a vector layer, which a terrain layer cannot show"),
    (VectorLayer, "lidar/pdalign__bat.laz", "is a point cloud, which a vector layer cannot show"),
    (PointCloudLayer, "cadastre/etalab_cadastre-75118-parcelles.json", "is vector data, which a point cloud layer cannot show"),
    (VectorLayer, "buildings/lyon_obj/cloche_hopital_charite.obj", "is a 3D model, which a vector layer cannot show"),
    (ModelLayer, "cadastre/etalab_cadastre-75118-parcelles.json", "is a vector layer, which a model layer cannot show"),
])
def test_a_file_its_layer_kind_cannot_show_is_explained(shared, layer_cls, source, said):
    scene = Scene()
    scene.add_layer(layer_cls("wrong kind", source=shared / source))
    scene.add_layer(VectorLayer("parcels", source=shared / "cadastre/etalab_cadastre-75118-parcelles.json"))
    wrong, parcels = load_scene_data(scene)
    assert wrong.data is None and said in wrong.error and str(shared / source) in wrong.error
    assert parcels.error is None and len(parcels.data.table) > 0
