"""Basemap tiles from a local WMTS/XYZ server (tests/wmts_server.py): capabilities read
and refused with a clear error, polite fetching with retries, the disk cache's expiry and
eviction, and a texture patched from coarser cached levels when the service is down."""

from __future__ import annotations

import os
import time

import numpy as np
import pytest

from tests import wmts_server as w
from twin.core.layers import BasemapLayer
from twin.lod.basemap.cache import DiskCache, expiry
from twin.lod.basemap.http import BasemapError, Unreachable
from twin.lod.basemap.sources import open_source
from twin.lod.basemap.texture import texture_for

BOX = (770550.0, 6277550.0, 770600.0, 6277600.0)      # the shared ortho's 50 m square (Lambert-93)


@pytest.fixture
def server(shared, monkeypatch, tmp_path):
    with w.serving(monkeypatch, tmp_path / "cache") as s:
        yield s


def _source(preset="ortho-ign", **kw):
    return open_source(BasemapLayer("b", preset=preset, **kw).service())


def test_capabilities_give_the_pm_pyramid_and_kvp_or_restful_tiles(server):
    source, attribution = _source()
    assert source.service.url == f"{server.url}/wmts" and attribution == "© IGN"
    assert len(source.grid.matrices) == 20 and source.grid.crs == "EPSG:3857"
    assert source.grid.matrices[19].resolution == pytest.approx(0.29858, rel=1e-4)
    assert "REQUEST=GetTile" in source.url(19, 3, 4) and "TILEMATRIXSET=PM" in source.url(19, 3, 4)
    w.Tiles.restful = True
    source, _ = open_source(BasemapLayer("b", url=f"{server.url}/wmts?", layer=w.PHOTO, style="normal",
                                         tile_matrix_set="PM", format="image/jpeg").service())
    assert source.url(19, 3, 4).endswith(f"/wmts/1.0.0/{w.PHOTO}/normal/PM/19/4/3.jpeg")


def test_a_bad_capabilities_document_names_the_service(server):
    w.Tiles.capabilities = "<html><body>Maintenance</body></html>"
    with pytest.raises(BasemapError) as err:
        _source()
    assert f"{server.url}/wmts" in err.value.message and "not WMTS capabilities" in err.value.message
    w.Tiles.capabilities = "<Capabilities"
    with pytest.raises(BasemapError, match="not XML"):
        _source()
    w.Tiles.capabilities = None
    with pytest.raises(BasemapError) as err:
        open_source(BasemapLayer("b", url=f"{server.url}/wmts", layer="NOPE", tile_matrix_set="PM").service())
    assert "NOPE" in err.value.message and w.PHOTO in err.value.message        # the layers it has


def test_tiles_are_fetched_politely_and_retried_after_503(server):
    source, _ = _source()
    x, y = w.lonlat_tile(3.8737, 43.5937, 19)
    w.Tiles.fail_next = 2                                   # overloaded, then fine
    tile = source.tile(19, x, y)
    assert tile.shape == (256, 256, 4) and tile[..., 3].any()
    agents = {agent for _, _, agent in w.Tiles.seen}
    assert all(agent.startswith("twin/") for agent in agents)
    assert sum(1 for p, q, _ in w.Tiles.seen if q.get("REQUEST") == "GetTile") == 3
    w.Tiles.status = 503                                   # overloaded for good: a clear error
    with pytest.raises(BasemapError, match="HTTP 503"):
        source.tile(19, x + 1, y)
    w.Tiles.status = 200
    assert source.tile(5, 0, 0) is None                     # beyond the data (404): no tile, no error


def test_xyz_templates_are_served_too(server):
    source, attribution = open_source(BasemapLayer("b", url=f"{server.url}/xyz/{w.PHOTO}/{{z}}/{{x}}/{{y}}.png").service())
    x, y = w.lonlat_tile(3.8737, 43.5937, 19)
    assert attribution == "" and source.tile(19, x, y)[..., 3].any()


def test_expiry_follows_the_headers():
    now = 1_000_000.0
    assert expiry({"cache-control": "public, max-age=600"}, now) == now + 600
    assert expiry({"cache-control": "no-store"}, now) is None
    assert expiry({"cache-control": "no-cache"}, now) == now
    assert expiry({"expires": "Thu, 01 Jan 1970 00:00:00 GMT"}, now) == 0.0
    assert expiry({}, now) > now + 24 * 3600


def test_the_disk_cache_evicts_the_least_recently_used(tmp_path):
    cache = DiskCache(tmp_path, max_bytes=10_000)
    for i in range(5):
        cache.write(b"x" * 1_500, time.time() + 60, "s", "19", str(i))
    old = time.time() - 100
    for i in range(5):                        # written long ago, in order…
        os.utime(cache.path("s", "19", str(i)), (old + i, old + i))
    assert cache.read("s", "19", "0") == (b"x" * 1_500, True)      # …but 0 was just read
    for i in range(5, 9):
        cache.write(b"y" * 1_500, time.time() + 60, "s", "19", str(i))
    kept = {p.name for p in (tmp_path / "s" / "19").iterdir()}
    total = sum(p.stat().st_size for p in (tmp_path / "s" / "19").iterdir())
    assert total <= 10_000 and "0" in kept and "1" not in kept and "8" in kept


def test_offline_a_texture_is_patched_from_coarser_cached_tiles(server):
    source, _ = _source()
    coarse = texture_for(source, BOX, 32, "EPSG:2154")       # a small picture: a coarse level
    assert coarse.complete and coarse.rgba[..., 3].all()
    server.down()
    offline_calls = []
    source, _ = _source()                                    # capabilities from the cache
    fine = texture_for(source, BOX, 256, "EPSG:2154", on_unreachable=lambda: offline_calls.append(1))
    assert not fine.complete and fine.level > coarse.level and offline_calls
    assert fine.rgba[..., 3].all()                           # no hole: the coarser level fills in
    with pytest.raises(Unreachable):
        source.tile(fine.level, 0, 0)


def test_a_scene_file_keeps_a_basemap(tmp_path):
    from twin.io.scene_file import load_scene, save_scene
    from twin.core.errors import SceneFileError
    path = tmp_path / "s.toml"
    path.write_text('format = 1\nname = "b"\ncrs = "EPSG:2154"\n[[layers]]\nname = "Plan IGN"\nkind = "basemap"\n'
                    'preset = "plan-ign"\nopacity = 0.7\nvisible = false\n[[layers]]\nname = "OSM"\nkind = "basemap"\n'
                    'url = "https://tile.example.org/{z}/{x}/{y}.png"\nattribution = "© OpenStreetMap"\n')
    scene = load_scene(path)
    plan, osm = scene.layers.find("Plan IGN"), scene.layers.find("OSM")
    assert plan.preset == "plan-ign" and plan.opacity == 0.7 and not plan.visible and plan.credit() == "© IGN – Plan IGN"
    assert osm.service().url.endswith("{z}/{x}/{y}.png") and osm.credit() == "© OpenStreetMap"
    save_scene(scene, tmp_path / "again.toml")
    assert 'url = ""' not in (tmp_path / "again.toml").read_text()     # only the keys set
    again = load_scene(tmp_path / "again.toml")
    assert again.layers.find("OSM").attribution == "© OpenStreetMap" and again.layers.find("Plan IGN").preset == "plan-ign"
    path.write_text('format = 1\nname = "b"\ncrs = "EPSG:2154"\n[[layers]]\nname = "x"\nkind = "basemap"\n'
                    'url = "https://example.org/wmts"\n')
    with pytest.raises(SceneFileError, match="layer and tile_matrix_set"):
        load_scene(path)


def test_pieces_of_a_ground_are_finer_near_the_eye():
    from twin.core.camera import View
    from twin.lod.basemap.pieces import PieceTree, select_pieces
    from twin.lod.select import ViewFrustum
    tree = PieceTree((0.0, 0.0, 2000.0, 1000.0), (50.0, 60.0))
    assert select_pieces(tree, None, 256) == [(0, 0, 0)]
    far = ViewFrustum(View(position=(1000, -20000, 20000), focal_point=(1000, 500, 50), view_angle=30), 1280, 720)
    assert select_pieces(tree, far, 256) == [(0, 0, 0)]          # the whole ground is a few hundred pixels
    low = ViewFrustum(View(position=(100, 100, 80), focal_point=(400, 400, 50), view_angle=40), 1280, 720)
    pieces = select_pieces(tree, low, 256)
    assert 4 < len(pieces) <= 48

    def distance(level):                   # of that level's pieces to the eye, on average
        boxes = np.array([tree.piece_box(k) for k in pieces if k[0] == level])
        return np.hypot((boxes[:, 0] + boxes[:, 2]) / 2 - 100, (boxes[:, 1] + boxes[:, 3]) / 2 - 100).mean()
    finest, coarsest = max(k[0] for k in pieces), min(k[0] for k in pieces)
    assert finest > coarsest + 2 and distance(finest) < distance(coarsest) / 3
    area = sum((b[2] - b[0]) * (b[3] - b[1]) for b in map(tree.piece_box, pieces))
    assert area <= 2000.0 * 1000.0 + 1e-6             # they cover the ground once, never twice


def test_texel_centres_interpolated_stay_within_a_hundredth_of_a_texel():
    from pyproj import Transformer
    from twin.lod.basemap.texture import texel_centres
    box = (670000.0, 7010000.0, 690000.0, 7030000.0)            # 20 km: a whole ground's root piece
    gx, gy = texel_centres(box, 256, "EPSG:2154", "EPSG:3857")
    xs = box[0] + (np.arange(256) + 0.5) * 20000 / 256
    ys = box[3] - (np.arange(256) + 0.5) * 20000 / 256
    ex, ey = Transformer.from_crs("EPSG:2154", "EPSG:3857", always_xy=True).transform(*np.meshgrid(xs, ys))
    texel = 20000 / 256 * 1.5                                    # metres of Mercator a texel, about
    assert max(np.abs(gx - ex).max(), np.abs(gy - ey).max()) < 0.01 * texel


def test_offline_the_stream_says_so_once_and_reports_no_error(server):
    from twin.lod.basemap.stream import BasemapStream
    service = BasemapLayer("b", preset="ortho-ign").service()
    stream = BasemapStream(service, "EPSG:2154", texture_px=32)
    stream.request({"whole": BOX})
    stream.wait(timeout=60)
    assert stream.texture("whole").complete and stream.status == "" and stream.attribution == "© IGN"
    server.down()
    finer = BasemapStream(service, "EPSG:2154", texture_px=256)      # a new session, a closer look
    finer.request({"whole": BOX, "half": (BOX[0], BOX[1], BOX[0] + 25, BOX[1] + 25)})
    finer.wait(timeout=60)
    assert not finer.busy and finer.errors == []
    assert finer.status == "offline: tiles from the cache"
    assert all(finer.texture(k).rgba[..., 3].all() for k in ("whole", "half"))
    stream.close()
    finer.close()


def test_a_slow_service_times_out_with_its_name(server, monkeypatch):
    import twin.lod.basemap.http as http
    source, _ = _source()
    monkeypatch.setattr(http, "TIMEOUT_S", 0.3)
    w.Tiles.delay = 1.0                                      # slower than the patience given
    x, y = w.lonlat_tile(3.8737, 43.5937, 19)
    with pytest.raises(Unreachable) as err:
        source.tile(19, x, y)
    assert f"{server.url}/wmts" in err.value.message and "cannot be reached" in err.value.message
    w.Tiles.delay = 0.0
    assert source.tile(19, x, y)[..., 3].any()               # patient again: served


def test_the_pieces_of_a_one_mesh_terrain_share_its_cells_out_exactly(shared):
    from twin.core.data import RasterGrid
    from twin.geometry.terrain import terrain_mesh
    from twin.lod.basemap.pieces import MeshGround
    import rasterio
    from tests.tiles import DTM
    with rasterio.open(shared / DTM) as ds:
        grid = RasterGrid(ds.read(1).astype(np.float32), ds.transform, "EPSG:2154", shared / DTM)
    origin = (770500.0, 6277500.0, 0.0)
    mesh = terrain_mesh(grid, origin)
    ground = MeshGround(mesh, origin)
    cells = len(mesh.faces) // (mesh.faces[0] + 1)
    leaves = [(2, i, j) for i in range(4) for j in range(4)]
    parts = [ground.mesh(k) for k in leaves]
    assert sum(len(p.faces) // (p.faces[0] + 1) for p in parts) == cells         # each cell in one piece
    for key, part in zip(leaves, parts):
        x0, y0, x1, y1 = ground.texture_box(key)                 # grown by a cell: the piece inside
        xy = part.points[:, :2].astype(float) + origin[:2]
        assert (xy[:, 0] >= x0 - 1e-3).all() and (xy[:, 0] <= x1 + 1e-3).all()
        assert (xy[:, 1] >= y0 - 1e-3).all() and (xy[:, 1] <= y1 + 1e-3).all()


def test_a_layer_is_never_asked_beyond_its_tile_matrix_limits(server):
    source, _ = _source("plan-ign")
    assert [m.id for m in source.grid.matrices][-1] == str(w.PLAN_MAX)
    street = (684170.0, 7021560.0, 684190.0, 7021580.0)          # 20 m of the Grand'Place: 8 cm a texel
    texture = texture_for(source, street, 256, "EPSG:2154")
    assert texture.complete and source.grid.matrices[texture.level].id == str(w.PLAN_MAX)
    assert texture.rgba[..., 3].all()
    assert not [q for _, q, _ in w.Tiles.seen if int(q.get("TILEMATRIX", "0")) > w.PLAN_MAX]


def test_a_service_that_refuses_says_so_in_the_status(server):
    from twin.lod.basemap.stream import BasemapStream
    stream = BasemapStream(BasemapLayer("b", url=f"{server.url}/wmts", layer="NOPE", tile_matrix_set="PM").service(),
                           "EPSG:2154")
    stream.request({"whole": BOX})
    stream.wait(timeout=30)
    assert stream.texture("whole") is None and "no layer 'NOPE'" in stream.status and " — " not in stream.status
    stream.close()
