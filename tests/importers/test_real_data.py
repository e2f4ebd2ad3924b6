"""Importers on the real IGN / Etalab / BD TOPO files of ../shared/data."""

import numpy as np
import pytest

from importers.raster import RasterImporter
from importers.vector import VectorImporter
from twin.core.feedback import Feedback
from twin.io.registry import file_info


def test_etalab_parcels_paris_18e(shared):
    info = file_info(shared / "cadastre/etalab_cadastre-75118-parcelles.json")
    assert (info.kind, info.count, info.crs) == ("vector", 6821, "EPSG:4326")
    assert info.bounds == pytest.approx((2.3257, 48.8822, 2.3717, 48.9018), abs=1e-4)
    assert {"id", "commune", "section", "numero", "contenance"} <= set(info.details["fields"])


def test_etalab_parcels_clipped_are_parsed_once_and_keep_what_gdals_mask_keeps(shared, tmp_path, monkeypatch):
    """A GeoJSON is parsed whole whatever GDAL is asked: its clip (a window in Lambert-93)
    is applied after one read, and keeps the parcels GDAL's own mask would."""
    import geopandas as gpd
    import pyogrio
    import shapely
    path = shared / "cadastre/etalab_cadastre-75118-parcelles.json"
    window = gpd.GeoDataFrame(geometry=[shapely.box(2.345, 48.890, 2.355, 48.895)], crs="EPSG:4326").to_crs(2154)
    window.to_file(tmp_path / "clip.geojson")
    expected = pyogrio.read_dataframe(path, mask=shapely.box(2.345, 48.890, 2.355, 48.895))
    from importers import vector
    vector._listed.cache_clear()
    vector._layer_crs.cache_clear()
    opened = []
    for name in ("list_layers", "read_info"):
        monkeypatch.setattr(pyogrio, name, lambda *a, _n=name, **k: opened.append(_n))
    table = VectorImporter().read(path, clip=tmp_path / "clip.geojson", cut=False)
    assert not opened                                  # no listing, no CRS query: one parse
    assert 0 < len(table.frame) < 6821
    assert sorted(table.frame["id"]) == sorted(expected["id"])


def test_bdtopo_shapefile_without_cpg_keeps_accents(shared):
    path = shared / "cadastre/bdtopo_v3_sample_12174/BATIMENT.shp"
    info = file_info(path)
    assert (info.count, info.crs) == (2273, "EPSG:2154")
    assert info.bounds == pytest.approx((661962.4, 6357933.0, 666015.2, 6362520.1), abs=0.1)
    table = VectorImporter().read(path)
    natures = set(table.frame["NATURE"])
    assert "Indifférenciée" in natures and "Château" in natures
    assert not any("Ã" in n for n in natures)


def test_bdtopo_lyon_geojson_in_cc46(shared):
    info = file_info(shared / "cadastre/bdtopo_lyon1/buildings_lyon1.geojson")
    assert (info.count, info.crs) == (2576, "EPSG:3946")
    assert info.bounds == pytest.approx((1841069.86, 5175491.57, 1842948.40, 5176601.79), abs=0.01)


@pytest.mark.parametrize("name", ["DTM", "DSM"])
def test_ign_dtm_dsm_geotiffs(shared, name):
    path = shared / f"dtm/ldm__{name}_test_data_77055_627760_LA93_IGN69_50CM.tif"
    info = file_info(path)
    assert (info.kind, info.count, info.crs) == ("raster", 10000, "EPSG:2154")
    assert info.bounds == pytest.approx((770549.75, 6277550.25, 770599.75, 6277600.25))
    grid = RasterImporter().read(path)
    assert grid.shape == (100, 100) and grid.transform.e < 0
    assert 20 < np.nanmin(grid.values) and np.nanmax(grid.values) < 40


def test_south_up_dtm_with_undeclared_nodata(shared):
    path = shared / "dtm/ctview__test_data_0000_0000_LA93_IGN69_ground_DTM_1M_Laplace.tif"
    info = file_info(path)
    assert info.details["south_up"] is True
    assert info.bounds[1] < info.bounds[3]          # reported ordered even though south-up
    notes = []
    grid = RasterImporter().read(path, Feedback(on_warning=notes.append))
    assert grid.transform.e < 0                     # flipped to north-up
    assert np.isnan(grid.values).any() and np.nanmin(grid.values) > -9999
    assert any("nodata" in n for n in notes)
    assert grid.bounds == pytest.approx(info.bounds)


def test_ortho_is_an_image(shared):
    info = file_info(shared / "dtm/ignpdaltools__ortho_test_data_rgb.tif")
    assert info.details["role"] == "image" and info.details["bands"] == 3
    grid = RasterImporter().read(shared / "dtm/ignpdaltools__ortho_test_data_rgb.tif")
    assert grid.values.shape == (252, 252, 3) and grid.values.dtype == np.uint8


def test_lyon_buildings_reprojected_into_lambert93(shared):
    from twin.core.layers import BuildingsLayer
    from twin.io.loading import load_scene_data
    from twin.core.scene import Scene
    scene = Scene()
    scene.add_layer(BuildingsLayer("lyon", source=shared / "cadastre/bdtopo_lyon1/buildings_lyon1.geojson"))
    [result] = load_scene_data(scene)
    xmin, ymin, _, xmax, ymax, _ = result.data.bounds
    # Lyon 1er in Lambert-93 (pyproj gives 840 958 – 842 836 E, 6 519 999 – 6 521 109 N)
    assert (xmin, ymin, xmax, ymax) == pytest.approx((840958.6, 6519999.4, 842835.6, 6521108.8), abs=0.5)
    assert result.data.height_sources["attribute"] == 2576


def test_esri_ascii_grid_without_prj(tmp_path):
    path = tmp_path / "mnt.asc"
    rows = "\n".join(" ".join(str(60 + r + c) for c in range(4)) for r in range(3))
    path.write_text(f"ncols 4\nnrows 3\nxllcorner 684000\nyllcorner 7021000\ncellsize 5\n"
                    f"NODATA_value -99999\n{rows}\n")
    info = file_info(path)
    assert (info.kind, info.count, info.crs) == ("raster", 12, None)
    assert info.bounds == pytest.approx((684000, 7021000, 684020, 7021015))
    grid = RasterImporter().read(path)
    assert grid.values[0, 0] == 60 and grid.values[2, 3] == 65
