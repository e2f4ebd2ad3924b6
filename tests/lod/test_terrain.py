"""Tiled terrains in the model: the mosaic of IGN DTM tiles, chunk meshes without seams,
and the chunks a view selects (no VTK)."""

from __future__ import annotations

import numpy as np
import pytest
from affine import Affine

from tests.tiles import DSM, DTM, heights, split
from twin.core.camera import View
from twin.core.errors import DataError
from twin.core.feedback import Feedback
from twin.core.layers import TerrainLayer
from twin.core.scene import Scene
from twin.io.loading import load_scene_data
from twin.io.kinds.terrain_tiles import read_terrain_tiles
from twin.lod import ViewFrustum
from twin.lod.mosaic import ElevationTiles, Lattice
from twin.lod.rasters import RasterTile, open_tile, raster_files
from twin.lod.terrain import ChunkTree, Overview, TerrainStream, select_chunks


def _tiles(folder):
    return ElevationTiles.of([open_tile(p) for p in raster_files(folder)])


def test_four_tiles_make_the_original_grid(shared, tmp_path):
    split(shared / DTM, tmp_path / "mnt")
    tiles = _tiles(tmp_path / "mnt")
    values, step, cols, rows = tiles.overview(4_000_000)
    original = heights(shared / DTM)
    assert step == 1 and values.shape == original.shape == (100, 100)
    np.testing.assert_array_equal(values, original)          # same heights, same holes (5 nodata cells)
    assert np.isnan(values).sum() == 5
    assert tiles.lattice.bounds == pytest.approx((770549.75, 6277550.25, 770599.75, 6277600.25))


def test_a_vrt_of_the_tiles_is_a_tiled_terrain_of_the_same_heights(shared, tmp_path):
    from tests.tiles import vrt
    mosaic = vrt(split(shared / DTM, tmp_path / "mnt"), tmp_path / "mnt" / "mnt.vrt")
    raw, notes = _read(TerrainLayer("t", source=mosaic))
    assert len(raw.elevation.tiles) == 1 and not notes
    np.testing.assert_array_equal(raw.overview.values, heights(shared / DTM))


def test_overview_is_every_step_th_vertex_and_keeps_the_edge(shared, tmp_path):
    split(shared / DSM, tmp_path / "mns", n=3)            # tiles of 33 and 34 cells
    tiles = _tiles(tmp_path / "mns")
    values, step, cols, rows = tiles.overview(40 * 40)
    original = heights(shared / DSM)
    assert step == 4 and cols[-1] == 99 and rows[-1] == 99
    np.testing.assert_array_equal(values, original[np.ix_(rows, cols)])


def _stream(folder, quads: int, origin=(770575.0, 6277575.0, 0.0)) -> TerrainStream:
    tiles = _tiles(folder)
    values, step, cols, rows = tiles.overview(4_000_000)
    return TerrainStream(ChunkTree(tiles, Overview(values, step, cols, rows), quads=quads), origin)


def test_chunk_vertices_across_the_tile_edge_keep_the_original_heights(shared, tmp_path):
    """The mesh runs on across the line where two tiles meet: the vertices either side have
    the original heights and the quads between them are there (no seam)."""
    split(shared / DSM, tmp_path / "mns")
    stream = _stream(tmp_path / "mns", quads=64)
    chunk = stream.build((1, 0, 0))                   # full resolution, cells 0–64: holds the edge at 49|50
    tree, lat = stream.tree, stream.tree.tiles.lattice
    cols, rows = tree.cols((1, 0, 0)), tree.rows((1, 0, 0))
    n = len(cols) * len(rows)                         # surface vertices first, then the skirts'
    surface = (chunk.mesh.points[:n].astype(float) + stream._origin).reshape(len(rows), len(cols), 3)
    original = heights(shared / DSM)
    for col in (49, 50):
        np.testing.assert_allclose(surface[:, col, 0], lat.xs(col), atol=1e-3)
        want = original[rows, col]
        ok = np.isfinite(want)
        np.testing.assert_allclose(surface[ok, col, 2], want[ok], atol=1e-3)
    faces = chunk.mesh.faces.reshape(-1, 5)[:, 1:]
    quad_cols = faces % len(cols)
    across = (faces < n).all(axis=1) & (quad_cols.min(axis=1) == 49) & (quad_cols.max(axis=1) == 50)
    assert across.sum() == 64                         # every row of cells bridges the tile edge


def test_neighbouring_chunks_share_their_edge_vertices(shared, tmp_path):
    split(shared / DSM, tmp_path / "mns")
    stream = _stream(tmp_path / "mns", quads=16)
    level = stream.tree.depth
    west, east = stream.build((level, 1, 1)), stream.build((level, 2, 1))
    n = 17 * 17                                              # the surface vertices come first
    w = west.mesh.points[:n].reshape(17, 17, 3)
    e = east.mesh.points[:n].reshape(17, 17, 3)
    np.testing.assert_array_equal(w[:, -1], e[:, 0])
    np.testing.assert_array_equal(west.mesh.point_data["Normals"][:n].reshape(17, 17, 3)[:, -1],
                                  east.mesh.point_data["Normals"][:n].reshape(17, 17, 3)[:, 0])


def test_a_finer_chunk_is_stitched_onto_its_coarser_neighbour(shared, tmp_path):
    split(shared / DSM, tmp_path / "mns")
    stream = _stream(tmp_path / "mns", quads=16)
    d = stream.tree.depth - 1
    coarse, fine = (d, 1, 1), (d + 1, 4, 3)          # amid the buildings; fine touches coarse's east side
    stream.shown = [coarse, (d + 1, 4, 2), fine, (d, 2, 2)]
    assert stream.stitch(fine) == (1, 2, 2, 1)        # north, south (under (d, 2, 2)), west, east
    assert stream.stitch(coarse) == (1, 1, 1, 1)      # the finer side moves, not the coarser
    a, b = stream.build(coarse), stream.build(fine)
    ids_a, rows_a = a.edge(3)
    ids_b, rows_b = b.edge(2)
    assert a.cols[-1] == b.cols[0]                    # the same lattice column
    before = b.mesh.points[ids_b, 2]
    after = b.stitched(stream.stitch(fine)).points[ids_b, 2]
    line = np.interp(rows_b, rows_a, a.mesh.points[ids_a, 2])
    valid = np.isfinite(b.mesh.point_data["elevation"][ids_b])
    np.testing.assert_allclose(after[valid], line[valid], atol=1e-4)
    assert np.abs(before - line)[valid].max() > 0.5   # there was a crack of more than half a metre
    assert np.array_equal(after[::2], before[::2])    # the vertices both edges have stay put


def test_skirts_hang_from_inner_edges_only(shared, tmp_path):
    split(shared / DSM, tmp_path / "mns")
    stream = _stream(tmp_path / "mns", quads=16)
    corner = stream.build((stream.tree.depth, 0, 0))   # north-west: two outer edges, two inner
    pts = corner.mesh.points
    n = 17 * 17
    assert len(pts) == n + 2 * 17                          # skirts on the south and east edges only
    drop = pts[:n].reshape(17, 17, 3)[-1, :, 2] - pts[n:n + 17, 2]
    assert np.allclose(drop, 0.5)                      # one vertex spacing: pinholes only
    faces = corner.mesh.faces.reshape(-1, 5)[:, 1:]
    assert corner.triangles == 2 * int((faces < n).all(axis=1).sum())     # skirts are not counted


def _frustum(position, focal, size=(1280, 720)) -> ViewFrustum:
    return ViewFrustum(View(position=position, focal_point=focal, view_up=(0, 0, 1), view_angle=30.0), *size)


def _big_tree(quads: int = 64) -> ChunkTree:
    """A 16 km × 16 km terrain at 0.5 m (32 000² vertices): only its overview exists."""
    lat = Lattice(684000.25, 7037999.75, 0.5, 0.5, 32_000, 32_000)
    step = 16
    cols = rows = np.unique(np.r_[np.arange(0, 32_000, step), 31_999])
    xx, yy = np.meshgrid(lat.xs(cols), lat.ys(rows))
    values = (60 + 10 * np.sin(xx / 900) + 5 * np.cos(yy / 700)).astype(np.float32)
    tile = RasterTile(path=None, width=32_000, height=32_000, count=1, dtype="float32",
                      transform=Affine(0.5, 0, 684000, 0, -0.5, 7038000), crs="EPSG:2154", nodata=None,
                      driver="GTiff", georeferenced_by="file")
    return ChunkTree(ElevationTiles([tile], lat), Overview(values, step, cols, rows), quads=quads)


def test_selection_refines_near_the_camera_and_coarsens_far_away_within_the_budget():
    tree = _big_tree()
    eye = np.array([690000.0, 7025000.0, 75.0])       # low over the ground, looking north-east
    frustum = _frustum(tuple(eye), (700000.0, 7035000.0, 60.0))
    budget = 300_000
    chosen = select_chunks(tree, frustum, budget=budget)
    assert 0 < sum(map(tree.triangles, chosen)) <= budget
    levels = np.array([k[0] for k in chosen])
    centres = np.array([(tree.box(k)[0] + tree.box(k)[1]) / 2 for k in chosen])
    distance = np.linalg.norm(centres - eye, axis=1)
    assert levels[np.argmin(distance)] == tree.depth              # full resolution under the eye
    assert levels[np.argmax(distance)] <= tree.depth - 4          # 16× coarser far away
    assert np.corrcoef(distance, levels)[0, 1] < -0.5
    keys = set(chosen)                                            # no chunk drawn over another
    for level, i, j in chosen:
        parent = tree.parent((level, i, j))
        while parent is not None:
            assert parent not in keys
            parent = tree.parent(parent)


def test_a_tight_budget_gives_a_coarser_view_and_a_far_camera_a_cheap_one():
    tree = _big_tree()
    frustum = _frustum((690000.0, 7025000.0, 75.0), (700000.0, 7035000.0, 60.0))
    rich = select_chunks(tree, frustum, budget=300_000)
    poor = select_chunks(tree, frustum, budget=60_000)
    assert sum(map(tree.triangles, poor)) <= 60_000 < sum(map(tree.triangles, rich))
    assert max(k[0] for k in poor) < max(k[0] for k in rich)
    above = _frustum((692000.0, 7022000.0, 40_000.0), (692000.0, 7030000.0, 60.0))   # the whole territory
    far = select_chunks(tree, above, budget=300_000)
    assert sum(map(tree.triangles, far)) < 150_000 and max(k[0] for k in far) <= 4


def test_nothing_is_selected_behind_the_camera():
    tree = _big_tree()
    away = _frustum((683000.0, 7039000.0, 70.0), (680000.0, 7042000.0, 70.0))   # beyond its corner, looking out
    assert select_chunks(tree, away) == []


def test_first_view_without_a_camera_uses_only_the_overview(shared, tmp_path):
    split(shared / DSM, tmp_path / "mns")
    tiles = _tiles(tmp_path / "mns")
    values, step, cols, rows = tiles.overview(26 * 26)                     # every 4th vertex
    tree = ChunkTree(tiles, Overview(values, step, cols, rows), quads=8)
    first = select_chunks(tree, None, budget=10_000)
    assert {tree.step(k[0]) for k in first} == {4}
    tiles.tiles = []                                                     # nothing left to read from
    stream = TerrainStream(tree, (770575.0, 6277575.0, 0.0))
    stream.request(None, 10_000)
    stream.wait()
    stream.refresh()
    assert sorted(stream.shown) == sorted(first) and not stream.errors


def test_a_loading_chunk_is_stood_in_for_by_its_parent(shared, tmp_path):
    split(shared / DSM, tmp_path / "mns")
    stream = _stream(tmp_path / "mns", quads=16)
    stream.request(_frustum((770560.0, 6277540.0, 40.0), (770575.0, 6277575.0, 25.0)), 10**6)
    deepest = [k for k in stream.selection if k[0] == stream.tree.depth]
    assert deepest
    stream.wait()
    stream.refresh()
    assert stream.shown == sorted(stream.selection)
    gone = deepest[0]
    stream._cache.pop(gone)                          # as if still being read
    parent = stream.tree.parent(gone)
    shown = stream._display()
    assert gone not in shown and parent in shown
    assert not any(stream.tree.parent(k) == parent for k in shown)   # its siblings give way too


# -- bad input ----------------------------------------------------------------------------

def _read(layer: TerrainLayer):
    scene = Scene()
    scene.add_layer(layer)
    notes: list[str] = []
    raw = read_terrain_tiles(layer, scene, Feedback(on_warning=notes.append))
    return raw, notes


def test_tiles_in_different_crs_are_refused_with_the_odd_ones_named(shared, tmp_path):
    split(shared / DTM, tmp_path / "mnt")
    split(shared / DTM, tmp_path / "mnt", n=1, crs="EPSG:3949", prefix="odd")
    with pytest.raises(DataError) as err:
        _read(TerrainLayer("t", source=tmp_path / "mnt"))
    assert "odd_0_0.tif (EPSG:3949)" in err.value.message and "the other 4 in EPSG:2154" in err.value.message


def test_one_corrupt_tile_among_several_is_named_and_the_others_load(shared, tmp_path):
    tiles = split(shared / DTM, tmp_path / "mnt", n=3)
    tiles[4].write_bytes(b"II*\x00" + b"\x00" * 64)                  # a TIFF header and nothing else
    raw, notes = _read(TerrainLayer("t", source=tmp_path / "mnt"))
    assert any("tile_1_1.tif" in n and "left out" in n for n in notes)
    assert len(raw.elevation.tiles) == 8
    values = raw.overview.values
    assert np.isnan(values[33:66, 33:66]).all() and np.isfinite(values[:33]).mean() > 0.99


def test_a_truncated_tile_is_left_out_when_its_pixels_fail(shared, tmp_path):
    tiles = split(shared / DTM, tmp_path / "mnt")
    with open(tiles[0], "r+b") as fh:                                 # header intact, pixels cut
        fh.truncate(tiles[0].stat().st_size // 3)
    raw, notes = _read(TerrainLayer("t", source=tmp_path / "mnt"))
    assert any("tile_0_0.tif" in n and "cannot be read" in n for n in notes), notes
    values, original = raw.overview.values, heights(shared / DTM)
    assert np.isnan(values[:50, :50]).all()
    np.testing.assert_array_equal(values[50:], original[50:])


def test_a_folder_with_no_elevation_raster_says_so(shared, tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "readme.txt").write_text("nothing here")
    scene = Scene()
    scene.add_layer(TerrainLayer("t", source=tmp_path / "empty"))
    [result] = load_scene_data(scene)
    assert "no elevation raster matches" in result.error


def test_an_ascii_tile_without_crs_takes_the_others_crs_with_a_warning(shared, tmp_path):
    """RGE ALTI comes as ESRI ASCII grids, often without their .prj."""
    from rasterio.shutil import copy
    tiles = split(shared / DTM, tmp_path / "mnt")
    copy(tiles[3], tmp_path / "mnt" / "tile_1_1.asc", driver="AAIGrid")
    tiles[3].unlink()
    for prj in (tmp_path / "mnt").glob("*.prj"):
        prj.unlink()
    raw, notes = _read(TerrainLayer("t", source=tmp_path / "mnt"))
    assert any("tile_1_1.asc: no CRS in the file; assumed EPSG:2154 like the other tiles" in n for n in notes)
    np.testing.assert_array_equal(raw.overview.values, heights(shared / DTM))


def test_tiles_decoded_side_by_side_paste_as_one_at_a_time(shared, tmp_path):
    """The overview decodes tiles in threads: the heights are the same, and where two tiles
    overlap (a DSM listed before the DTM's tiles) the first listed still wins."""
    tiles = [open_tile(shared / DSM)] + [open_tile(p) for p in split(shared / DTM, tmp_path / "mnt", n=3)]
    mosaic = ElevationTiles.of(tiles)
    cols, rows = np.arange(mosaic.lattice.width), np.arange(mosaic.lattice.height)
    together = mosaic.read(cols, rows, threads=4)
    np.testing.assert_array_equal(together, mosaic.read(cols, rows))
    dsm, dtm = heights(shared / DSM), heights(shared / DTM)
    assert together.shape == dsm.shape
    both = np.isfinite(dsm) & np.isfinite(dtm)
    assert (dsm[both] != dtm[both]).any()                  # so that which one wins shows
    np.testing.assert_array_equal(together[both], dsm[both])
