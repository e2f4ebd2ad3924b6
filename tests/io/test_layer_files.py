"""The layer menu's files: vector features and points in a box exported, styles saved and
loaded; bad requests refused with the file named, and nothing half-written left behind."""

from __future__ import annotations

import laspy
import numpy as np
import pyogrio
import pytest

from twin.core.errors import DataError, SceneFileError, TwinError
from twin.core.layers import PointCloudLayer, VectorLayer
from twin.io.layer_files import export_points, export_vector, load_style, save_style


@pytest.fixture
def parcels(shared):
    from twin.io.autoscene import load_scene_or_files
    from twin.io.loading import apply_results, load_scene_data
    scene = load_scene_or_files([str(shared / "cadastre/etalab_cadastre-75118-parcelles.json")])
    apply_results(load_scene_data(scene))
    return next(layer for layer in scene.data_layers() if isinstance(layer, VectorLayer))


@pytest.mark.parametrize("suffix", [".gpkg", ".geojson"])
def test_vector_export_in_its_crs(parcels, tmp_path, suffix):
    out = tmp_path / f"parcelles{suffix}"
    n = export_vector(parcels, out)
    assert n == len(parcels.data.table.frame) == 6821
    info = pyogrio.read_info(out)
    assert info["features"] == n
    frame = pyogrio.read_dataframe(out)
    assert frame.crs == parcels.data.table.frame.crs
    assert np.allclose(frame.total_bounds, parcels.data.table.frame.total_bounds)
    assert {"id", "section", "numero"} <= set(frame.columns)
    assert [p.name for p in tmp_path.iterdir()] == [out.name]      # nothing left aside


def test_vector_export_refuses_what_it_cannot_do(parcels, tmp_path):
    with pytest.raises(DataError, match="cannot write '.shp'"):
        export_vector(parcels, tmp_path / "p.shp")
    with pytest.raises(DataError, match="no features loaded"):
        export_vector(VectorLayer("vide", source="x.gpkg"), tmp_path / "p.gpkg")
    with pytest.raises(DataError, match="cannot write"):
        export_vector(parcels, tmp_path / "missing-folder" / "p.gpkg")


def _cloud(shared, name="ignpdaltools__test_data_77050_627755_LA93_IGN69.laz"):
    return PointCloudLayer("lidar", source=shared / "lidar" / name)


@pytest.mark.parametrize("name", ["box.las", "box.laz", "box.copc.laz"])
def test_points_inside_a_box(shared, tmp_path, name):
    layer = _cloud(shared)
    box = (770500.0, 6277500.0, 770520.0, 6277530.0)
    n = export_points(layer, tmp_path / name, box)
    src = laspy.read(layer.files()[0])
    inside = (src.x >= box[0]) & (src.x <= box[2]) & (src.y >= box[1]) & (src.y <= box[3])
    assert 0 < n == int(inside.sum()) < len(src.points)
    out = laspy.read(tmp_path / name)
    assert len(out.points) == n
    # COPC takes formats 6-8 only: a LAS 1.2 format 3 becomes 7 (same dimensions, and more)
    assert out.header.point_format.id == (7 if name.endswith(".copc.laz") else src.header.point_format.id)

    assert out.x.min() >= box[0] and out.x.max() <= box[2] and out.y.min() >= box[1] and out.y.max() <= box[3]
    assert sorted(np.round(out.z, 2)) == sorted(np.round(np.asarray(src.z)[inside], 2))
    assert out.header.parse_crs() is not None                         # the CRS came along
    if name.endswith(".copc.laz"):
        with laspy.CopcReader.open(tmp_path / name) as copc:
            assert copc.header.point_count == n
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_points_export_refuses_an_empty_box_and_a_miss(shared, tmp_path):
    layer = _cloud(shared)
    with pytest.raises(DataError, match="is empty"):
        export_points(layer, tmp_path / "a.las", (10, 10, 5, 20))
    with pytest.raises(DataError, match="no point of 'lidar' lies inside"):
        export_points(layer, tmp_path / "a.las", (0, 0, 10, 10))
    with pytest.raises(DataError, match="cannot write '.xyz'"):
        export_points(layer, tmp_path / "a.xyz", (0, 0, 10, 10))
    assert list(tmp_path.iterdir()) == []


def test_points_export_can_be_cancelled(shared, tmp_path):
    from twin.core.errors import Canceled
    from twin.core.feedback import Feedback
    feedback = Feedback()
    feedback.cancel()
    with pytest.raises(Canceled):
        export_points(_cloud(shared), tmp_path / "a.laz", (770500, 6277500, 770550, 6277550), feedback)
    assert list(tmp_path.iterdir()) == []


def test_style_round_trip_and_bad_files(tmp_path):
    layer = VectorLayer("parcelles", source="p.gpkg", opacity=0.6)
    layer.style = layer.style.replace(fill_color="#336699", line_width=3.0, color_field="contenance")
    path = tmp_path / "parcelles.style.toml"
    save_style(layer, path)
    other = VectorLayer("autres", source="a.gpkg")
    style, opacity = load_style(other, path)
    assert style == layer.style and opacity == 0.6 and other.style != layer.style   # not applied by itself
    with pytest.raises(SceneFileError, match="for a vector layer"):
        load_style(PointCloudLayer("lidar", source="x.laz"), path)
    path.write_text('kind = "vector"\n[style]\nfill_color = "not a colour"\n')
    with pytest.raises(TwinError, match="colour|color"):
        load_style(other, path)
    path.write_text('kind = "vector"\n[style]\nfil_color = "#ffffff"\n')
    with pytest.raises(SceneFileError, match="unknown key 'fil_color'") as err:
        load_style(other, path)
    assert err.value.path == path
    path.write_text("kind = [")
    with pytest.raises(DataError, match="not a valid TOML"):
        load_style(other, path)
