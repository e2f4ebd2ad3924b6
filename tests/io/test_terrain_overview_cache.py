"""A tiled terrain decodes its tiles whole for its overview once: the next openings take it
from the cache, the same heights; a changed tile is read again, a bad one named each time."""

from __future__ import annotations

import os

import numpy as np

from tests.tiles import DTM, split
from twin.core.layers import TerrainLayer
from twin.core.scene import Scene
from twin.io.loading import load_scene_data
from twin.lod.mosaic import ElevationTiles


def _open(folder):
    scene = Scene()
    scene.add_layer(TerrainLayer("terrain", source=folder))
    [res] = load_scene_data(scene)
    if res.data is not None:
        res.data.stream.close()
    return res


def test_the_overview_is_decoded_once_then_taken_from_the_cache(shared, tmp_path, monkeypatch):
    tiles = split(shared / DTM, tmp_path / "mnt", n=2)
    decoded = []
    real = ElevationTiles.overview
    monkeypatch.setattr(ElevationTiles, "overview", lambda self, *a, **k: decoded.append(1) or real(self, *a, **k))
    first, second = _open(tmp_path / "mnt"), _open(tmp_path / "mnt")
    assert first.error is None and second.error is None
    assert len(decoded) == 1
    np.testing.assert_array_equal(first.data.grid.values, second.data.grid.values)
    assert np.isfinite(first.data.grid.values).mean() > 0.9
    stat = tiles[0].stat()
    os.utime(tiles[0], ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))   # a tile delivered again
    _open(tmp_path / "mnt")
    assert len(decoded) == 2


def test_a_bad_tile_is_named_at_every_opening(shared, tmp_path):
    tiles = split(shared / DTM, tmp_path / "mnt", n=2)
    with open(tiles[1], "r+b") as fh:                       # header intact, pixels cut
        fh.truncate(tiles[1].stat().st_size // 3)
    for _ in range(2):
        res = _open(tmp_path / "mnt")
        assert res.error is None
        assert any(tiles[1].name in w and "cannot be read" in w for w in res.warnings), res.warnings
