"""LAS / LAZ / COPC on the real IGN LiDAR HD and other files of ../shared/data/lidar."""

import numpy as np
import pytest

from importers.pointcloud import PointCloudImporter
from twin.core.errors import DataError
from twin.core.feedback import Feedback
from twin.core.layers import PointCloudLayer, TerrainLayer
from twin.io.loading import load_scene_data
from twin.io.registry import file_info
from twin.core.scene import Scene

# file: (count, crs, point format, classes) — from SOURCES.md and a full laspy read
EXPECTED = {
    "ignpdaltools__test_semis_2023_0292_6833_LA93_IGN69.laz": (289055, "EPSG:2154", 6, [1, 2, 3, 4, 5, 6, 17, 64, 66, 67]),
    "ldm__test_semis_2023_0299_6802_LA93_IGN69.laz": (278810, "EPSG:2154", 6, [1, 2, 3, 4, 5, 6, 17, 66, 67]),
    "ignpdaltools__las_with_several_extra_byte_bloc.laz": (697721, "EPSG:2154", 8, [1, 2, 3, 4, 5, 6, 65]),
    "ignpdaltools__test_semis_2021_0382_6565_LA93_IGN69_cropped.laz": (218731, "EPSG:2154", 7, [1, 2, 3, 4, 5, 6, 9, 17, 65, 67]),
    "ignpdaltools__Semis_2022_0906_6665_LA93_IGN69_ok.laz": (64572, "EPSG:2154", 7, [1, 2, 3, 4, 5]),
    "ignpdaltools__test_data_77050_627755_LA93_IGN69.laz": (84524, "EPSG:2154", 3, [0, 1, 2, 3, 4, 5, 6]),
    "ignpdaltools__test_data_77055_627760_LA93_IGN69.laz": (60653, "EPSG:2154", 8, [1, 2, 3, 4, 5, 6]),
    "ctview__test_data_77050_627755_LA93_IGN69_buildings.copc.laz": (73355, "EPSG:2154", 8, [1, 2, 3, 4, 5, 6]),
    "ctview__test_data_77050_627755_LA93_IGN69.copc.laz": (21172, None, 6, [1, 2, 65]),   # empty WKT VLR
    "ctview__test_data_77050_627755_LA93_IGN69.las": (21172, None, 6, [1, 2, 65]),        # no VLR at all
    "ctview__Semis_2021_0785_6378_LA93_IGN69_water.laz": (4201, None, 1, [1]),
    "pdalign__bat.laz": (137379, "EPSG:2154", 6, [1, 2, 3, 4, 5, 6]),
    "pdalign__corse.laz": (30392, "EPSG:2154", 8, [1, 2, 3, 4, 5, 9, 65]),
    "udsample__ExampleDataIsolatedTrees.las": (55785, "EPSG:3946", 3, [1, 2, 5, 7]),
    "udsample__ExampleDataDenseVegetation.las": (10185, "EPSG:3946", 3, [1, 2, 5]),
    "laspy__autzen_trim.laz": (110000, "wkt", 3, [1, 2]),
    "laspy__simple.copc.laz": (1065, "wkt", 7, [1, 2]),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_info_on_every_real_file(shared, name):
    count, crs, fmt, classes = EXPECTED[name]
    info = file_info(shared / "lidar" / name)
    assert (info.kind, info.count, info.details["point_format"]) == ("pointcloud", count, fmt)
    assert info.details["classes"] == classes
    if crs == "wkt":  # US compound / ESRI CRS without a single EPSG code
        assert info.crs and not info.crs.startswith("EPSG:")
    else:
        assert info.crs == crs
    assert info.bounds[0] < info.bounds[2] and info.bounds[1] < info.bounds[3]
    assert info.details["copc"] == name.endswith(".copc.laz")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_full_read_gives_every_point(shared, name):
    cloud = PointCloudImporter().read(shared / "lidar" / name, budget=10_000_000)
    assert len(cloud) == EXPECTED[name][0] == cloud.total
    assert cloud.xyz.dtype == np.float64 and np.isfinite(cloud.xyz).all()


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if not n.endswith(".copc.laz")))
def test_full_read_is_laspys_points_and_classes(shared, name, monkeypatch):
    """Chunks small enough that a LAZ is decoded into its record array in several calls,
    the cloud then viewing its columns in place (X, Y, Z, intensity, colour)."""
    import laspy
    monkeypatch.setattr("importers.pointcloud.CHUNK", 50_000)
    monkeypatch.setattr("importers.pointcloud.WHOLE_CHUNK", 50_000)
    path = shared / "lidar" / name
    cloud = PointCloudImporter().read(path, budget=10_000_000)
    las = laspy.read(path)
    assert np.array_equal(cloud.xyz, np.column_stack([las.x, las.y, las.z]))
    assert np.array_equal(cloud.coords, np.column_stack([las.X, las.Y, las.Z]))
    assert np.array_equal(cloud.classification, las.classification)
    assert np.array_equal(cloud.intensity, las.intensity)
    if cloud.rgb is not None:
        rgb = np.column_stack([las.red, las.green, las.blue])
        assert np.array_equal(cloud.rgb, rgb >> 8 if rgb.max() > 255 else rgb)


def test_budget_keeps_a_uniform_share(shared):
    path = shared / "lidar/ignpdaltools__las_with_several_extra_byte_bloc.laz"
    notes = []
    cloud = PointCloudImporter().read(path, Feedback(on_warning=notes.append), budget=100_000)
    assert 90_000 <= len(cloud) <= 100_000 and cloud.total == 697721
    assert "1 in 7" in notes[0]
    full = PointCloudImporter().read(path, budget=10_000_000)
    assert np.array_equal(cloud.xyz, full.xyz[::7])            # every 7th point, across chunks
    assert cloud.rgb is not None and cloud.rgb.dtype == np.uint8


def test_copc_reads_levels_until_the_budget(shared):
    path = shared / "lidar/ctview__test_data_77050_627755_LA93_IGN69_buildings.copc.laz"
    notes = []
    cloud = PointCloudImporter().read(path, Feedback(on_warning=notes.append), budget=5_000)
    assert 4_000 <= len(cloud) <= 5_000 and "COPC levels" in notes[0]
    # the root levels span the whole tile, not a corner of it
    assert cloud.bounds[2] - cloud.bounds[0] > 35 and cloud.bounds[3] - cloud.bounds[1] > 40


def test_lyon_cloud_reprojected_into_lambert93(shared):
    scene = Scene()
    scene.add_layer(PointCloudLayer("lyon", source=shared / "lidar/udsample__ExampleDataDenseVegetation.las"))
    [result] = load_scene_data(scene)
    xmin, ymin, zmin, xmax, ymax, zmax = result.data.bounds
    # pyproj: CC46 (1 848 000, 5 170 197.45) → Lambert-93 (847 884.53, 6 514 710.53)
    assert (xmin, ymin) == pytest.approx((847884.53, 6514710.53), abs=0.05)
    assert (zmin, zmax) == pytest.approx((185.22, 209.64))
    assert result.data.points.dtype == np.float32 and np.abs(result.data.points[:, :2]).max() < 1000


def test_cloud_without_crs_warns_and_assumes_the_scene_crs(shared):
    scene = Scene()
    scene.add_layer(PointCloudLayer("nocrs", source=shared / "lidar/ctview__test_data_77050_627755_LA93_IGN69.copc.laz"))
    [result] = load_scene_data(scene)
    assert result.error is None and any("no CRS" in w for w in result.warnings)


def test_truncated_and_fake_laz(tmp_path, shared):
    data = (shared / "lidar/pdalign__bat.laz").read_bytes()
    cut = tmp_path / "cut.laz"
    cut.write_bytes(data[: len(data) // 3])
    with pytest.raises(DataError, match="cut.laz"):
        file_info(cut)
    scene = Scene()
    scene.add_layer(PointCloudLayer("cut", source=cut))
    [result] = load_scene_data(scene)
    assert result.data is None and "cut.laz" in result.error and "truncated" in result.error
    header_only = tmp_path / "header.las"
    header_only.write_bytes(data[:100])
    with pytest.raises(DataError, match="header.las"):
        file_info(header_only)
    fake = tmp_path / "fake.laz"
    fake.write_text("not a point cloud")
    with pytest.raises(DataError, match="plain text"):
        file_info(fake)


def test_point_cloud_in_a_terrain_layer_is_explained(shared):
    scene = Scene()
    scene.add_layer(TerrainLayer("t", source=shared / "lidar/pdalign__bat.laz"))
    [result] = load_scene_data(scene)
    assert "is a point cloud, which a terrain layer cannot show" in result.error


def test_coordinates_stay_on_the_files_grid(shared):
    """int32 + scale as read; float64 only when asked; the view's float32 from the integers."""
    cloud = PointCloudImporter().read(shared / "lidar/pdalign__bat.laz", budget=10_000_000)
    assert cloud.coords.dtype == np.int32 and cloud.scale is not None
    xyz = cloud.xyz
    assert xyz.dtype == np.float64 and cloud.xyz is xyz
    assert cloud.bounds == (xyz[:, 0].min(), xyz[:, 1].min(), xyz[:, 0].max(), xyz[:, 1].max())
    origin = xyz.mean(axis=0) + 0.123
    rel = cloud.relative_to(origin)
    assert rel.dtype == np.float32 and rel.shape == xyz.shape
    assert np.abs(rel - (xyz - origin)).max() < 1e-4
    far = origin + 3e9 * cloud.scale          # past int32 on the grid: the float64 way
    assert np.array_equal(cloud.relative_to(far), (xyz - far).astype(np.float32))
