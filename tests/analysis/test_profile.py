"""Elevation profiles: bilinear terrain between cell centres, building tops, points within
a corridor — on the real IGN DTM and LiDAR tile of the same square (770550, 6277550)."""

import laspy
import numpy as np
import pytest
import rasterio
import shapely
from rasterio.transform import from_origin

from twin.analysis.profile import bilinear, building_tops, points_along, profile, stations
from twin.core.data import RasterGrid
from twin.core.errors import DataError, TwinError

DTM = "dtm/ldm__DTM_test_data_77055_627760_LA93_IGN69_50CM.tif"
LAZ = "lidar/ignpdaltools__test_data_77055_627760_LA93_IGN69.laz"


def test_stations_every_step_and_the_end():
    d, x, y = stations(shapely.LineString([(0, 0), (10, 0), (10, 5)]), 4.0)
    assert list(d) == [0, 4, 8, 12, 15]
    assert (x[-1], y[-1]) == (10, 5) and (x[3], y[3]) == (10, 2)
    with pytest.raises(TwinError, match="step"):
        stations(shapely.LineString([(0, 0), (1, 0)]), 0)


def test_bilinear_is_exact_on_a_plane_and_nan_outside_or_next_to_nodata():
    t = from_origin(100, 200, 2, 2)            # 2 m cells, x 100–120, y 180–200
    cols, rows = np.meshgrid(np.arange(10), np.arange(10))
    xc, yc = 100 + (cols + 0.5) * 2, 200 - (rows + 0.5) * 2
    plane = 0.3 * xc - 0.2 * yc + 5
    xs = np.array([101.0, 107.3, 112.9, 118.99, 95.0, 121.0])
    ys = np.array([199.0, 190.1, 183.3, 181.01, 190.0, 190.0])
    z = bilinear(plane, t, xs, ys)
    np.testing.assert_allclose(z[:4], 0.3 * xs[:4] - 0.2 * ys[:4] + 5, atol=1e-9)
    assert np.isnan(z[4:]).all()                           # outside the grid
    holed = plane.copy()
    holed[5, 5] = np.nan                                   # cell centre (111, 189)
    z = bilinear(holed, t, np.array([111.5, 114.0, 117.0]), np.array([188.5, 189.0, 185.0]))
    assert np.isnan(z[0]) and np.isfinite(z[2])
    assert z[1] == pytest.approx(0.3 * 114 - 0.2 * 189 + 5)  # on the next column of centres: no weight on the hole


def test_profile_of_the_real_dtm_matches_its_cells(shared):
    path = shared / DTM
    with rasterio.open(path) as ds:
        band = ds.read(1)
        # a line along row 40's centres, from the centre of column 10 to that of column 90
        y = ds.transform.f + 40.5 * ds.transform.e
        x0, x1 = ds.transform.c + 10.5 * ds.transform.a, ds.transform.c + 90.5 * ds.transform.a
    result = profile(shapely.LineString([(x0, y), (x1, y)]), 0.5, dtm=path)
    assert len(result) == 81
    np.testing.assert_allclose(result.z, band[40, 10:91], atol=1e-4)
    np.testing.assert_allclose(result.distance, np.arange(81) * 0.5)
    half = profile(shapely.LineString([(x0, y), (x0 - 100, y)]), 1.0, dtm=path)   # leaves the raster
    inside = half.x >= 770549.75
    assert np.isfinite(half.z[inside]).all() and np.isnan(half.z[~inside]).all()


def test_a_line_outside_the_raster_is_a_clear_error(shared):
    with pytest.raises(DataError, match="outside the terrain") as err:
        profile(shapely.LineString([(684000, 7021000), (684100, 7021000)]), 1.0, dtm=shared / DTM)
    assert "770550" in err.value.hint and err.value.path.name.endswith(".tif")


def test_building_tops_take_the_highest_roof():
    a, b = shapely.box(0, 0, 10, 10), shapely.box(5, 0, 15, 10)
    tops = building_tops(np.array([a, b], dtype=object), np.array([20.0, 30.0]),
                         np.array([2.0, 7.0, 12.0, 20.0]), np.full(4, 5.0))
    np.testing.assert_array_equal(tops[:3], [20, 30, 30])
    assert np.isnan(tops[3])


def test_points_along_the_line_per_station():
    line = shapely.LineString([(0, 0), (10, 0)])
    d = np.arange(0, 11, 5.0)                       # stations at 0, 5, 10
    xyz = np.array([[0.2, 0.5, 1.0], [0.4, -0.5, 3.0], [1.0, 0.0, 2.0],    # station 0
                    [5.1, 1.0, 7.0], [4.9, 0.0, 9.0],                       # station 5
                    [5.0, 3.0, 99.0]])                                      # outside the corridor
    out = points_along(line, d, xyz, 2.0)
    np.testing.assert_array_equal(out["points_min"][:2], [1, 7])
    np.testing.assert_array_equal(out["points_median"][:2], [2, 8])
    np.testing.assert_array_equal(out["points_max"][:2], [3, 9])
    assert np.isnan(out["points_max"][2])


def test_points_of_the_real_tile_through_its_lod_reader(shared):
    """The corridor's points come from the tile's LOD reader; the figures equal a brute-force
    pass over the whole (small) tile."""
    from importers.pointcloud import PointCloudImporter
    path = shared / LAZ
    tile = PointCloudImporter().open_tile(path, budget=10_000_000)
    line = shapely.LineString([(770555, 6277555), (770595, 6277595)])
    result = profile(line, 2.0, dtm=shared / DTM, tiles=[(tile, "EPSG:2154")], corridor=1.0, crs="EPSG:2154")
    las = laspy.read(path)
    xyz = np.column_stack([las.x, las.y, las.z])
    along = shapely.line_locate_point(line, shapely.points(xyz[:, :2]))
    near = shapely.contains_xy(line.buffer(1.0, cap_style="flat"), xyz[:, 0], xyz[:, 1])
    k = 10                                        # station 10, 20 m along: points within 1 m of it
    mine = near & (np.abs(along - result.distance[k]) < 1.0)
    assert mine.sum() > 20
    assert result.columns["points_max"][k] == pytest.approx(xyz[mine, 2].max())
    assert result.columns["points_min"][k] == pytest.approx(xyz[mine, 2].min())
    assert result.columns["points_median"][k] == pytest.approx(np.median(xyz[mine, 2]))
    # along most of the line the lowest points are ground, on the DTM made from them
    assert abs(np.nanmedian(result.columns["points_min"] - result.z)) < 0.3


def test_csv_leaves_nan_empty_and_is_written_whole(tmp_path, shared):
    line = shapely.LineString([(770560, 6277560), (770540, 6277560)])
    result = profile(line, 5.0, dtm=shared / DTM, buildings=(np.array([shapely.box(770555, 6277555, 770565, 6277565)]),
                                                             np.array([42.0])))
    out = result.write_csv(tmp_path / "p.csv")
    lines = out.read_text().splitlines()
    assert lines[0] == "distance,x,y,z,building"
    assert lines[1].endswith(",42.000") and lines[-1].endswith(",,")    # 20 m west: off the DTM, no building
    assert [p.name for p in tmp_path.iterdir()] == ["p.csv"]
    with pytest.raises(DataError, match="cannot be written"):
        result.write_csv(tmp_path / "missing" / "p.csv")


def test_profile_over_a_loaded_grid():
    grid = RasterGrid(np.arange(16, dtype=np.float32).reshape(4, 4), from_origin(0, 4, 1, 1), "EPSG:2154")
    result = profile(shapely.LineString([(0.5, 3.5), (3.5, 3.5)]), 1.0, dtm=grid)
    np.testing.assert_allclose(result.z, [0, 1, 2, 3])
    with pytest.raises(DataError, match="outside"):
        profile(shapely.LineString([(10, 10), (12, 10)]), 1.0, dtm=grid)
