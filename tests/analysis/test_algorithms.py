"""twin's processing algorithms, found in the plugin registry and run with typed
parameters as the toolbox and `twin process` run them (real BD TOPO, DTM and the demo scene)."""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import rasterio
import shapely

from tests.conftest import DEMO_SCENE
from twin.core.errors import DataError, TwinError
from twin.core.feedback import Feedback
from twin.core.plugins import plugins

BATIMENT = "cadastre/bdtopo_v3_sample_12174/BATIMENT.shp"
COMMUNE = "cadastre/bdtopo_v3_sample_12174/COMMUNE.shp"
DTM = "dtm/ldm__DTM_test_data_77055_627760_LA93_IGN69_50CM.tif"
BOX = (663000, 6359000, 664000, 6360000)


def algorithm(name):
    return plugins().algorithms()[name]


def test_the_built_ins_are_in_the_registry_with_groups():
    algorithms = plugins().algorithms()
    assert {"profile", "extract", "clip", "viewshed", "sun-hours"} <= set(algorithms)
    assert all(algorithms[n].group for n in ("profile", "extract", "clip", "viewshed", "sun-hours"))


def test_clip_vectors_to_a_box(shared, tmp_path):
    out = tmp_path / "cut.gpkg"
    result = algorithm("clip")(None, input=shared / BATIMENT, mask=" ".join(map(str, BOX)), out=out)
    cut = gpd.read_file(out)
    whole = gpd.read_file(shared / BATIMENT)
    expected = shapely.intersects(whole.geometry.values, shapely.box(*BOX)).sum()
    assert result["features"] == len(cut) == expected > 20 and result["of"] == len(whole)
    assert shapely.covers(shapely.box(*BOX).buffer(1e-6), cut.geometry.values).all()
    assert {"HAUTEUR", "USAGE1"} <= set(cut.columns) and cut.crs.to_epsg() == 2154


def test_clip_to_polygons_of_a_file_and_to_csv(shared, tmp_path):
    commune = gpd.read_file(shared / COMMUNE)
    mask = tmp_path / "half.geojson"
    half = shapely.box(*commune.total_bounds[:2], commune.total_bounds[2], commune.total_bounds[1] + 2000)
    gpd.GeoDataFrame(geometry=[half], crs=2154).to_crs(4326).to_file(mask)   # another CRS: reprojected
    out = tmp_path / "cut.csv"
    result = algorithm("clip")(None, input=shared / BATIMENT, mask=mask, out=out)
    table = pd.read_csv(out)
    assert table.columns[0] == "wkt" and "HAUTEUR" in table.columns and len(table) == result["features"] > 100
    ys = shapely.get_coordinates(shapely.from_wkt(table.wkt.to_numpy()))[:, 1]
    assert ys.max() <= commune.total_bounds[1] + 2000 + 0.01


def test_clip_a_raster_to_a_box(shared, tmp_path):
    out = tmp_path / "cut.tif"
    algorithm("clip")(None, input=shared / DTM, mask="770559.75 6277559.75 770569.75 6277574.75", out=out)
    with rasterio.open(out) as ds, rasterio.open(shared / DTM) as src:
        assert (ds.width, ds.height) == (20, 30)
        assert tuple(ds.bounds) == (770559.75, 6277559.75, 770569.75, 6277574.75)
        np.testing.assert_array_equal(ds.read(1), src.read(1)[51:81, 20:40])


def test_clip_bad_inputs(shared, tmp_path):
    clip = algorithm("clip")
    with pytest.raises(TwinError, match="XMIN < XMAX"):
        clip(None, input=shared / BATIMENT, mask="10 10 0 0", out=tmp_path / "a.gpkg")
    with pytest.raises(TwinError, match="file not found"):
        clip(None, input=tmp_path / "nope.shp", mask="0 0 1 1", out=tmp_path / "a.gpkg")
    with pytest.raises(TwinError, match=r"cannot write a \.shp"):
        clip(None, input=shared / BATIMENT, mask="0 0 1 1", out=tmp_path / "a.shp")
    with pytest.raises(TwinError, match="folder does not exist"):
        clip(None, input=shared / BATIMENT, mask="0 0 1 1", out=tmp_path / "no" / "a.gpkg")
    with pytest.raises(DataError, match="does not meet the raster"):
        clip(None, input=shared / DTM, mask="0 0 1 1", out=tmp_path / "a.tif")
    assert list(tmp_path.iterdir()) == []


def test_extract_by_expression(shared, tmp_path):
    out = tmp_path / "high.geojson"
    result = algorithm("extract")(None, input=shared / BATIMENT, where="HAUTEUR > 10", out=out)
    high = gpd.read_file(out)
    assert result["features"] == len(high) == 44 and (high.HAUTEUR > 10).all()
    assert high.crs.to_epsg() == 4326          # GeoJSON is lon/lat


def test_extract_on_a_missing_field_names_it(shared, tmp_path):
    with pytest.raises(TwinError, match='no field "hauteur_max"') as err:
        algorithm("extract")(None, input=shared / BATIMENT, where="hauteur_max > 10", out=tmp_path / "a.gpkg")
    assert "HAUTEUR" in err.value.hint
    with pytest.raises(TwinError, match="cannot be used on BATIMENT.shp"):
        algorithm("extract")(None, input=shared / BATIMENT, where="HAUTEUR >", out=tmp_path / "a.gpkg")
    assert list(tmp_path.iterdir()) == []


def test_profile_of_the_demo_scene_has_terrain_buildings_and_points(tmp_path):
    out = tmp_path / "p.csv"
    result = algorithm("profile")(None, input=DEMO_SCENE, line="684000 7021400, 684250 7021550", step=2.0,
                                  out=out)
    p = result["profile"]
    assert out.read_text().splitlines()[0] == "distance,x,y,z,building,points_min,points_median,points_max"
    assert np.isfinite(p.z).all()
    roofs = np.isfinite(p.columns["building"])
    assert 5 < roofs.sum() < len(p) and (p.columns["building"][roofs] > p.z[roofs] + 2).all()
    assert np.isfinite(p.columns["points_max"]).sum() > len(p) / 3


def test_viewshed_of_the_demo_scene(tmp_path):
    out = tmp_path / "seen.tif"
    fb = Feedback()
    result = algorithm("viewshed")(None, fb, input=DEMO_SCENE, eye="684131 7021537", radius=150.0,
                                   resolution=2.0, out=out)
    with rasterio.open(out) as ds:
        seen = ds.read(1)
        assert seen.shape == (150, 150) and seen[75, 75] == 1
        assert 0.02 < seen.mean() < 0.9          # buildings hide part of the square around the eye
    assert result["seen_m2"] == pytest.approx(seen.sum() * 4)
    with pytest.raises(TwinError, match="parameter 'eye' must be numbers"):
        algorithm("viewshed")(None, input=DEMO_SCENE, eye="abc", out=tmp_path / "x.tif")


def test_viewshed_eye_in_wgs84_lands_where_lambert_says(tmp_path):
    from twin.core.crs import transform_xy
    lon, lat = transform_xy([684131.0], [7021537.0], "EPSG:2154", "EPSG:4326")
    out = tmp_path / "seen.tif"
    algorithm("viewshed")(None, input=DEMO_SCENE, eye=f"{lon[0]:.8f} {lat[0]:.8f} @EPSG:4326", radius=50.0,
                          resolution=2.0, out=out)
    with rasterio.open(out) as ds:
        assert ds.bounds.left == pytest.approx(684081.0, abs=0.01)


def test_sun_hours_on_a_box_of_the_demo_scene(tmp_path):
    out = tmp_path / "sun.tif"
    result = algorithm("sun-hours")(None, input=DEMO_SCENE, date="2026-06-21", area="684050 7021450 684200 7021600",
                                    resolution=3.0, step=60.0, out=out)
    with rasterio.open(out) as ds:
        hours = ds.read(1)
        assert hours.shape == (50, 50)
    assert np.nanmax(hours) <= result["day_length_h"] + 1e-6 and np.nanmin(hours) < np.nanmax(hours)
    with pytest.raises(TwinError, match="2026-06-21"):
        algorithm("sun-hours")(None, input=DEMO_SCENE, date="21/06", out=tmp_path / "s.tif")


def test_a_scene_algorithm_without_a_scene_says_so(tmp_path):
    with pytest.raises(TwinError, match="--input"):
        algorithm("viewshed")(None, eye="0 0", out=tmp_path / "x.tif")
