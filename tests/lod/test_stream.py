"""Streaming nodes from real and prepared COPC files: what arrives, caching, errors."""

import time

import laspy
import numpy as np
import pytest

from importers.pointcloud import CopcTile, FlatTile, PointCloudImporter
from twin.core.camera import View
from twin.core.layers import PointCloudLayer
from twin.lod import PointStream, ViewFrustum
from twin.io.loading import load_scene_data
from twin.core.scene import Scene

ORIGIN = (684500.0, 7021500.0, 0.0)


def stream_of(*paths, budget=2_000_000, cache_points=8_000_000):
    tiles = [PointCloudImporter().open_tile(p, budget) for p in paths]
    return PointStream(tiles, [t.crs or "EPSG:2154" for t in tiles], "EPSG:2154", ORIGIN,
                       cache_points=cache_points)


def test_every_node_of_a_real_copc_decodes_to_its_count(shared):
    path = shared / "lidar/ctview__test_data_77050_627755_LA93_IGN69_buildings.copc.laz"
    tile = PointCloudImporter().open_tile(path)
    assert isinstance(tile, CopcTile)
    h = tile.hierarchy
    assert h.count.sum() == tile.total == 73355 and (h.parent[1:] == 0).all()
    full = laspy.read(path)
    xyz = np.vstack([tile.read_node(i).xyz for i in range(len(h))])
    assert len(xyz) == len(full.points)
    # the same points, whatever the node order
    assert np.array_equal(np.sort(xyz[:, 0]), np.sort(np.asarray(full.x)))
    assert (xyz.min(axis=0) >= h.lo.min(axis=0) - 1e-6).all() and (xyz.max(axis=0) <= h.hi.max(axis=0) + 1e-6).all()


def test_plain_laz_is_one_strided_node(shared):
    tile = PointCloudImporter().open_tile(shared / "lidar/pdalign__bat.laz", budget=50_000)
    assert isinstance(tile, FlatTile) and len(tile.hierarchy) == 1
    cloud = tile.read_node(0)
    assert len(cloud) == tile.hierarchy.count[0] == 45_793     # 1 in 3 of 137 379


def test_stream_refines_toward_the_camera_and_respects_the_budget(synthetic_copc):
    stream = stream_of(synthetic_copc)
    stream.request(None, 100_000)
    stream.wait()
    assert stream.refresh()
    first = stream.data
    assert 0 < len(first.points) <= 100_000 and first.points.dtype == np.float32
    assert first.clims["elevation"][0] < first.clims["elevation"][1]
    assert set(first.classes) >= {2, 6, 5}
    assert len(first.classification) == len(first.points)

    close = ViewFrustum(View(position=(684100, 7021100, 90), focal_point=(684250, 7021250, 60)), 1280, 720)
    stream.request(close, 100_000)
    stream.wait()
    assert stream.refresh()
    data = stream.data
    assert len(data.points) <= 100_000
    levels = stream.nodes.level[stream.selection]
    assert levels.max() == stream.nodes.level.max()          # the finest level near the eye
    near = np.linalg.norm(data.points[:, :2] - np.subtract((684100, 7021100), ORIGIN[:2]), axis=1) < 150
    assert near.mean() > 0.1                                  # detail went where the camera is
    assert not stream.refresh()                               # nothing new: no rebuild


def test_cache_keeps_what_was_decoded_within_its_bound(synthetic_copc):
    stream = stream_of(synthetic_copc, cache_points=250_000)
    for corner in ((684100, 7021100), (684900, 7021900), (684100, 7021900)):
        view = View(position=(*corner, 90), focal_point=(corner[0] + 50, corner[1] + 50, 60))
        stream.request(ViewFrustum(view, 1280, 720), 100_000)
        stream.wait()
        stream.refresh()
        assert stream._cached_points <= 250_000 + 100_000   # never evicts what is shown
    # back to the start: nodes still cached arrive without decoding
    stream.request(None, 50_000)
    assert stream.pending < len(stream.selection)


def test_a_folder_of_tiles_is_one_layer_with_one_budget(synthetic_copc, shared, tmp_path):
    folder = tmp_path / "tiles"
    folder.mkdir()
    (folder / "a.copc.laz").symlink_to(synthetic_copc)
    (folder / "b.laz").symlink_to(shared / "lidar/ignpdaltools__test_data_77050_627755_LA93_IGN69.laz")
    (folder / "notes.txt").write_text("not a tile")
    layer = PointCloudLayer("tiles", source=folder, budget=200_000)
    assert [p.name for p in layer.files()] == ["a.copc.laz", "b.laz"]
    assert [p.name for p in PointCloudLayer("g", source=folder / "*.copc.laz").files()] == ["a.copc.laz"]
    scene = Scene()
    scene.add_layer(layer)
    [result] = load_scene_data(scene)
    assert result.error is None
    assert len(result.data.stream.tiles) == 2 and len(result.data.points) <= 200_000
    assert result.data.total == 600_000 + 84_524


def test_a_bad_tile_among_good_ones_is_skipped_with_a_warning(synthetic_copc, tmp_path):
    folder = tmp_path / "tiles"
    folder.mkdir()
    (folder / "good.copc.laz").symlink_to(synthetic_copc)
    (folder / "bad.laz").write_bytes(b"LASF" + b"\0" * 50)
    scene = Scene()
    scene.add_layer(PointCloudLayer("tiles", source=folder))
    [result] = load_scene_data(scene)
    assert result.error is None and len(result.data.stream.tiles) == 1
    assert any("bad.laz" in w and "skipped" in w for w in result.warnings)


def test_empty_folder_and_truncated_copc_are_explained(synthetic_copc, tmp_path):
    scene = Scene()
    (tmp_path / "empty").mkdir()
    scene.add_layer(PointCloudLayer("none", source=tmp_path / "empty"))
    cut = tmp_path / "cut.copc.laz"
    data = synthetic_copc.read_bytes()
    cut.write_bytes(data[: len(data) // 2])     # the octree hierarchy is at the end: gone
    scene.add_layer(PointCloudLayer("cut", source=cut))
    none, broken = load_scene_data(scene)
    assert "no LAS/LAZ file matches" in none.error and "empty" in none.error
    assert broken.data is None and "cut.copc.laz" in broken.error


def test_a_node_past_the_end_of_the_file_fails_alone(synthetic_copc, tmp_path):
    stream = stream_of(synthetic_copc)
    tile = stream.tiles[0]
    last = int(np.argmax(tile._chunks[:, 0]))
    tile._chunks[last, 0] += 10 ** 9                           # as if the file were cut there
    stream.request(None, 10 ** 9)
    stream.wait()
    stream.refresh()
    assert len(stream.errors) == 1 and "past the end of the file" in stream.errors[0]
    assert len(stream.data.points) == 600_000 - tile._chunks[last, 2]


def test_tiles_picked_together_become_one_layer(synthetic_copc, shared, tmp_path):
    from twin.io.autoscene import merge_tiles, scene_from_files
    from twin.core.layers import VectorLayer
    folder = tmp_path / "lidar"
    folder.mkdir()
    a, b = folder / "a.copc.laz", folder / "b.laz"
    a.symlink_to(synthetic_copc)
    b.symlink_to(shared / "lidar/ignpdaltools__test_data_77050_627755_LA93_IGN69.laz")
    parcels = VectorLayer("p", source=tmp_path / "p.geojson")
    merged = merge_tiles([parcels, PointCloudLayer("a", source=a), PointCloudLayer("b", source=b)])
    assert merged[0] is parcels and merged[1].source == folder and merged[1].name == "lidar (2 tiles)"
    # a partial pick of the folder keeps its layers apart
    assert len(merge_tiles([PointCloudLayer("a", source=a)])) == 1
    (folder / "c.las").symlink_to(shared / "lidar/ctview__test_data_77050_627755_LA93_IGN69.las")
    assert len(merge_tiles([PointCloudLayer("a", source=a), PointCloudLayer("b", source=b)])) == 2
    # a folder given on the command line is a layer of tiles
    [layer] = scene_from_files([folder]).data_layers()
    assert isinstance(layer, PointCloudLayer) and len(layer.files()) == 3
    with pytest.raises(Exception, match="holds no .las/.laz file"):
        scene_from_files([tmp_path])


def test_a_glob_source_survives_the_scene_file(tmp_path):
    from twin.io.scene_file import load_scene, save_scene
    scene = Scene()
    scene.add_layer(PointCloudLayer("tiles", source=tmp_path / "lidar" / "*.copc.laz", budget=400_000))
    save_scene(scene, tmp_path / "s.toml")
    assert 'source = "lidar/*.copc.laz"' in (tmp_path / "s.toml").read_text()
    [layer] = load_scene(tmp_path / "s.toml").data_layers()
    assert layer.source == tmp_path / "lidar" / "*.copc.laz" and layer.budget == 400_000


def _with_count(src, dst, count):
    """A copy of an uncompressed LAS 1.4 whose header announces ``count`` points."""
    import struct
    data = bytearray(src.read_bytes())
    struct.pack_into("<I", data, 107, count)      # legacy count
    struct.pack_into("<Q", data, 247, count)      # LAS 1.4 count
    dst.write_bytes(data)
    return dst


def test_header_count_disagreeing_with_the_body(shared, tmp_path):
    src = shared / "lidar/ctview__test_data_77050_627755_LA93_IGN69.las"   # 21 172 points
    scene = Scene()
    scene.add_layer(PointCloudLayer("more", source=_with_count(src, tmp_path / "more.las", 42_344)))
    scene.add_layer(PointCloudLayer("less", source=_with_count(src, tmp_path / "less.las", 10_000)))
    more, less = load_scene_data(scene)
    assert more.error is None and len(more.data.points) == more.data.total == 21_172
    assert any("announces 42,344 points but the file holds only 21,172" in w for w in more.warnings)
    assert less.error is None and len(less.data.points) == less.data.total == 10_000   # header wins


def test_empty_tile_is_an_error_alone_and_skipped_among_others(synthetic_copc, tmp_path):
    empty = tmp_path / "tiles" / "empty.las"
    empty.parent.mkdir()
    laspy.LasData(laspy.LasHeader(point_format=6, version="1.4")).write(empty)
    (tmp_path / "tiles" / "good.copc.laz").symlink_to(synthetic_copc)
    scene = Scene()
    scene.add_layer(PointCloudLayer("alone", source=empty))
    scene.add_layer(PointCloudLayer("folder", source=empty.parent))
    alone, folder = load_scene_data(scene)
    assert alone.data is None and "empty.las: holds no points" in alone.error
    assert folder.error is None and folder.data.bounds[0] > 680_000   # zeros kept out of the extent
    assert any("empty.las: holds no points — this tile is skipped" in w for w in folder.warnings)


def test_cache_size_comes_from_the_environment(monkeypatch):
    from twin.lod.stream import cache_points_from_env
    monkeypatch.setenv("TWIN_POINT_CACHE_MB", "36")
    assert cache_points_from_env() == 2_000_000
    monkeypatch.setenv("TWIN_POINT_CACHE_MB", "lots")
    with pytest.warns(UserWarning, match="'lots' is not a number of megabytes"):
        assert cache_points_from_env() == 400 * 10 ** 6 // 18     # unreadable: the default


def test_plain_files_shown_thinned_are_prepared_in_the_background(tmp_path, monkeypatch):
    from benchmarks.synthetic import write_tile
    from twin.lod.cache import BackgroundPreparer, cached_copy, prepared_copy
    monkeypatch.setenv("TWIN_CACHE_DIR", str(tmp_path / "cache"))
    plain = write_tile(tmp_path / "plain.laz", 300_000)
    scene = Scene()
    layer = scene.add_layer(PointCloudLayer("plain", source=plain, budget=50_000))
    [first] = load_scene_data(scene)
    assert first.data.thinned == [plain] and len(first.data.stream.nodes) == 1
    preparer = BackgroundPreparer()
    try:
        assert preparer.submit(plain) and not preparer.submit(plain)   # queued once
        deadline = time.monotonic() + 120
        while preparer.pending and time.monotonic() < deadline:
            time.sleep(0.1)
        [done] = preparer.finished()
        assert done.error is None and done.output == cached_copy(plain) == prepared_copy(plain)
        assert not preparer.submit(plain)                                 # already prepared
        broken = tmp_path / "broken.laz"
        broken.write_bytes(plain.read_bytes()[:5000])
        assert preparer.submit(broken)
        while preparer.pending:
            time.sleep(0.1)
        [failed] = preparer.finished()
        assert failed.error and not preparer.submit(broken)               # not retried
    finally:
        preparer.shutdown()
    # reloaded, the layer opens the prepared copy: an octree that refines, every point kept
    [again] = load_scene_data(scene, layers=[layer])
    assert again.data.thinned == [] and len(again.data.stream.nodes) > 1
    assert again.data.total == 300_000
    # an edited file no longer matches its copy
    plain.touch()
    assert prepared_copy(plain) is None
