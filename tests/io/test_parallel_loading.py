"""Layers read and built in parallel threads give the scene that reading them one after
another gives; a bad tile among twelve is named and the other tiles and layers load."""

from __future__ import annotations

import threading
from dataclasses import fields, is_dataclass

import numpy as np
import pytest

import twin.io.loading as loading
from tests.conftest import DEMO_SCENE
from tests.tiles import DTM, ORTHO, heights, split, to_jp2
from twin.core.feedback import Feedback
from twin.core.layers import TerrainLayer, VectorLayer
from twin.core.scene import Scene
from twin.io.scene_file import load_scene


def _arrays(value, depth=0):
    """Every numpy array inside a layer's data, in a stable order (streams left out:
    they are the view's, made after)."""
    if depth > 4 or value is None:
        return []
    if isinstance(value, np.ndarray):
        return [value] if value.dtype != object else [np.asarray(value.tolist(), dtype=str)]
    if is_dataclass(value):
        return [a for f in fields(value) if f.name != "stream" for a in _arrays(getattr(value, f.name), depth + 1)]
    if isinstance(value, (list, tuple)):
        return [a for v in value for a in _arrays(v, depth + 1)]
    return []


def _load(path, monkeypatch, together: bool):
    with monkeypatch.context() as m:
        if not together:
            m.setattr(loading, "_concurrent", lambda layer: False)
        scene = load_scene(path)
        threads = set()
        real = loading.loader_for

        def spying(layer):
            loader = real(layer)
            threads.add(threading.current_thread().name)
            return loader
        m.setattr(loading, "loader_for", spying)
        results = loading.load_scene_data(scene)
    for res in results:
        if getattr(res.data, "stream", None) is not None:
            res.data.stream.close()
    return scene, results, threads


def test_in_parallel_the_demo_scene_is_the_same_as_in_sequence(monkeypatch):
    seq_scene, seq, seq_threads = _load(DEMO_SCENE, monkeypatch, together=False)
    par_scene, par, par_threads = _load(DEMO_SCENE, monkeypatch, together=True)
    assert not any(name.startswith("twin-load") for name in seq_threads)
    assert any(name.startswith("twin-load") for name in par_threads)          # it did run in threads
    assert par_scene.origin == seq_scene.origin
    assert [r.layer.name for r in par] == [r.layer.name for r in seq]
    checked = 0
    for a, b in zip(seq, par):
        assert (a.error, sorted(a.warnings)) == (b.error, sorted(b.warnings)), a.layer.name
        assert type(a.data) is type(b.data)
        arrays_a, arrays_b = _arrays(a.data), _arrays(b.data)
        assert len(arrays_a) == len(arrays_b), a.layer.name
        for x, y in zip(arrays_a, arrays_b):
            np.testing.assert_array_equal(x, y, err_msg=a.layer.name)
        checked += bool(arrays_a)
    assert checked >= 4      # terrain, parcels, buildings, points at least


@pytest.fixture
def twelve(shared, tmp_path):
    """The DTM in 12 GeoTIFF tiles (4 × 4, the last row left out), one cut short; the
    ortho in 4 JPEG 2000 tiles, one of them garbage."""
    tiles = split(shared / DTM, tmp_path / "mnt", n=4)
    for extra in tiles[12:]:
        extra.unlink()
    with open(tiles[5], "r+b") as fh:                       # header intact, pixels cut
        fh.truncate(tiles[5].stat().st_size // 3)
    ortho = [to_jp2(tif, tmp_path / "ortho" / tif.with_suffix(".jp2").name, lossless=False)
             for tif in split(shared / ORTHO, tmp_path / "ortho_tif")]
    ortho[3].write_bytes(ortho[3].read_bytes()[:300])
    return tmp_path, tiles[:12]


def test_a_bad_tile_among_twelve_is_named_and_the_rest_loads(shared, twelve):
    folder, tiles = twelve
    scene = Scene()
    scene.add_layer(TerrainLayer("terrain", source=folder / "mnt", texture=folder / "ortho"))
    scene.add_layer(VectorLayer("parcels", source=shared / "cadastre" / "etalab_cadastre-75118-parcelles.json"))
    notes: list[str] = []
    results = loading.load_scene_data(scene, Feedback(on_warning=notes.append))
    by = {r.layer.name: r for r in results}
    assert by["terrain"].error is None and by["terrain"].data is not None
    assert any(tiles[5].name in n and "cannot be read" in n for n in by["terrain"].warnings), by["terrain"].warnings
    assert any("tile_1_1.jp2" in n for n in by["terrain"].warnings), by["terrain"].warnings
    assert all(n in notes for n in by["terrain"].warnings)
    values, original = by["terrain"].data.grid.values, heights(shared / DTM)
    rows = np.linspace(0, original.shape[0], 5).astype(int)
    cols = np.linspace(0, original.shape[1], 5).astype(int)
    bad = (slice(rows[1], rows[2]), slice(cols[1], cols[2]))
    assert np.isnan(values[bad]).all()
    good = np.ones(values.shape, bool)
    good[bad] = False
    good[rows[3]:] = False                                  # the row of tiles left out
    np.testing.assert_array_equal(values[good], original[:values.shape[0], :values.shape[1]][good])
    assert by["parcels"].data is not None      # a layer beside it is not held up by the bad tile


def test_the_first_frame_needs_the_shown_layers_and_the_ground_then_overlays_then_hidden():
    from twin.core.layers import BuildingsLayer, LayerGroup, PointCloudLayer, TreesLayer
    from twin.io.loading import load_batches
    scene = Scene()
    base = LayerGroup("Fond")
    terrain = TerrainLayer("terrain", source="dtm.tif")
    base.append(terrain)
    scene.add_layer(base)
    parcels = scene.add_layer(VectorLayer("parcels", source="p.gpkg"))
    buildings = scene.add_layer(BuildingsLayer("buildings", source="b.gpkg"))
    trees = scene.add_layer(TreesLayer("trees", source="l.laz"))
    cloud = scene.add_layer(PointCloudLayer("lidar", source="l.laz"))
    cloud.visible = False
    context = LayerGroup("context")
    roads = VectorLayer("roads", source="r.gpkg")
    context.append(roads)
    scene.add_layer(context)
    context.visible = False
    base.visible = False                 # a hidden terrain is still the ground of the others
    assert load_batches(scene) == [[terrain, buildings], [parcels, trees], [cloud, roads]]
    buildings.visible = False            # only overlays shown: they are the first frame
    assert load_batches(scene) == [[terrain, parcels, trees], [buildings, cloud, roads]]


def test_the_demo_loaded_in_batches_is_the_scene_loaded_at_once(monkeypatch):
    from twin.io.loading import apply_results, load_batches
    whole_scene, whole, _ = _load(DEMO_SCENE, monkeypatch, together=True)
    scene = load_scene(DEMO_SCENE)
    batches = load_batches(scene)
    assert len(batches) == 3
    results = []
    for batch in batches:                # as the window: each batch on what the ones before loaded
        done = loading.load_scene_data(scene, None, batch)
        apply_results(done)
        results += done
    for res in results:
        if getattr(res.data, "stream", None) is not None:
            res.data.stream.close()
    assert scene.origin == whole_scene.origin
    by = {r.layer.name: r for r in results}
    assert sorted(by) == sorted(r.layer.name for r in whole)
    for a in whole:
        b = by[a.layer.name]
        assert (a.error, sorted(a.warnings)) == (b.error, sorted(b.warnings)), a.layer.name
        arrays_a, arrays_b = _arrays(a.data), _arrays(b.data)
        assert len(arrays_a) == len(arrays_b), a.layer.name
        for x, y in zip(arrays_a, arrays_b):
            np.testing.assert_array_equal(x, y, err_msg=a.layer.name)


def test_a_preload_reads_the_first_batch_only():
    from twin.io.loading import Preload, apply_results
    scene = load_scene(DEMO_SCENE)
    first = Preload(scene)
    results = first.results()
    assert [r.layer for r in results] == first.batches[0] and len(first.batches) == 3
    assert all(r.error is None and r.data is not None for r in results)
    apply_results(results)
    assert scene.layers.find("Parcelles").data is None          # an overlay: the next batch's
    for res in results:
        if getattr(res.data, "stream", None) is not None:
            res.data.stream.close()
