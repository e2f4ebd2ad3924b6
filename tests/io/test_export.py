"""Export for the web: GLB and 3D Tiles 1.1 of the demo, read back; their placement on the
globe against pyproj; the command line and its refusals."""

import json
import struct
import subprocess
import sys
from types import SimpleNamespace

import numpy as np
import pytest
import trimesh
from pyproj import Transformer

import twin.io.export as export
from tests.conftest import DEMO_SCENE, ROOT
from twin.core.errors import TwinError
from twin.io.export import Y_UP_TO_Z_UP, SRGB_TO_LINEAR, load_for_export, write_3dtiles, write_glb
from twin.geometry.mesh import Mesh
from twin.core.layers import DataLayer
from twin.core.scene import Scene
from twin.io.scene_file import load_scene

TERRAIN, BUILDINGS = "Terrain (MNT 2 m)", "Bâtiments (LoD1)"
TO_ECEF = Transformer.from_crs("EPSG:2154", "EPSG:4978", always_xy=True)


@pytest.fixture(scope="module")
def demo():
    scene = load_scene(DEMO_SCENE)
    layers, errors = load_for_export(scene)
    assert errors == [] and [x.name for x in layers] == [TERRAIN, BUILDINGS]
    return scene, layers


def read_glb(path):
    """(JSON tree, binary chunk) of a GLB, parsed by hand: nothing between us and the bytes."""
    data = path.read_bytes()
    magic, version, total = struct.unpack_from("<4sII", data)
    assert magic == b"glTF" and version == 2 and total == len(data)
    n, kind = struct.unpack_from("<I4s", data, 12)
    assert kind == b"JSON" and n % 4 == 0
    tree = json.loads(data[20:20 + n])
    m, kind = struct.unpack_from("<I4s", data, 20 + n)
    assert kind == b"BIN\0" and m >= tree["buffers"][0]["byteLength"]
    return tree, data[28 + n:28 + n + m]


def view(tree, binary, index) -> bytes:
    v = tree["bufferViews"][index]
    assert v["byteOffset"] + v["byteLength"] <= len(binary)
    return binary[v["byteOffset"]:v["byteOffset"] + v["byteLength"]]


def property_table(tree, binary, index):
    table = tree["extensions"]["EXT_structural_metadata"]["propertyTables"][index]
    p = table["properties"]
    for prop in p.values():
        assert all(tree["bufferViews"][v]["byteOffset"] % 8 == 0 for k, v in prop.items() if k != "stringOffsetType")
    values = view(tree, binary, p["id"]["values"])
    offsets = np.frombuffer(view(tree, binary, p["id"]["stringOffsets"]), "<u4")
    ids = [values[a:b].decode() for a, b in zip(offsets[:-1], offsets[1:])]
    heights = np.frombuffer(view(tree, binary, p["height"]["values"]), "<f4") if "height" in p else None
    assert len(ids) == table["count"] and (heights is None or len(heights) == len(ids))
    return ids, heights


def cells(faces):
    """Cell sizes and ids, walked one by one: an independent check of the vectorised code."""
    out, i = [], 0
    while i < len(faces):
        out.append(faces[i + 1:i + 1 + faces[i]])
        i += faces[i] + 1
    return out


def linear(hex_color):
    return SRGB_TO_LINEAR[[int(hex_color[i:i + 2], 16) for i in (1, 3, 5)]]


def test_triangulation_and_welding_of_mixed_polygons():
    faces = np.array([3, 0, 1, 2, 4, 3, 4, 5, 6, 2, 7, 8, 5, 9, 10, 11, 12, 13, 3, 1, 2, 3])
    tris, cell, n = export.triangulate(faces)
    assert n == 5 and cell.tolist() == [0, 1, 1, 3, 3, 3, 4]
    assert tris.tolist() == [[0, 1, 2], [3, 4, 5], [3, 5, 6], [9, 10, 11], [9, 11, 12], [9, 12, 13], [1, 2, 3]]
    # points 1 and 2 are shared by faces of two colours: split; the unused point 0.. dropped
    src, new, key = export.weld(np.array([[0, 1, 2], [2, 1, 3]]), np.array([5, 7]))
    assert sorted(src.tolist()) == [0, 1, 1, 2, 2, 3]
    assert (key[new] == np.array([[5], [7]])).all() and (src[new] == [[0, 1, 2], [2, 1, 3]]).all()


def test_a_mesh_layers_own_face_colours_and_shared_points(tmp_path):
    """A model layer (CityJSON, OBJ...) brings cell_data["rgb"]; a point on two colours splits."""
    scene = Scene(origin=(684100.0, 7021500.0, 0.0))
    layer = DataLayer(name="Modèle")
    points = np.array([[0, 0, 0], [10, 0, 0], [10, 10, 0], [0, 10, 5]], np.float32)
    rgb = np.array([[255, 0, 0], [0, 0, 255]], np.uint8)
    layer.data = SimpleNamespace(mesh=Mesh(points, np.array([3, 0, 1, 2, 3, 0, 2, 3]),
                                           cell_data={"rgb": rgb, "feature": np.array([0, 1])}))
    scene.add_layer(layer)
    w = write_glb(scene, tmp_path / "m.glb", [layer])
    assert (w.triangles, w.features) == (2, 2)
    [mesh] = trimesh.load(tmp_path / "m.glb", process=False).geometry.values()
    assert len(mesh.vertices) == 6          # points 0 and 2 each on a red and a blue face
    colors = mesh.visual.vertex_attributes["color"][:, :3]
    fid = mesh.vertex_attributes["_FEATURE_ID_0"].ravel()
    assert (colors[fid == 0] == SRGB_TO_LINEAR[[255, 0, 0]]).all()
    assert (colors[fid == 1] == SRGB_TO_LINEAR[[0, 0, 255]]).all()
    tree, binary = read_glb(tmp_path / "m.glb")
    assert property_table(tree, binary, 0)[0] == ["0", "1"]     # no table: rows are the ids


def test_glb_of_the_demo_reads_back(demo, tmp_path):
    scene, layers = demo
    out = tmp_path / "arras.glb"
    written = write_glb(scene, out, layers)
    assert written.layers == 2 and written.features == 3499 and written.bytes == out.stat().st_size
    loaded = trimesh.load(out, process=False)
    tree, binary = read_glb(out)
    geo = tree["asset"]["extras"]["georeference"]
    assert geo["crs"] == "EPSG:2154" and geo["origin"] == [684100.0, 7021500.0, 0.0] and geo["up"] == "Y"
    for layer in layers:
        mesh = layer.data.mesh
        polys = cells(mesh.faces)
        used = np.unique(np.concatenate(polys))
        got = loaded.geometry[layer.name]
        assert len(got.faces) == sum(len(p) - 2 for p in polys)
        assert len(got.vertices) == len(used)          # every referenced point once, no more
        back = np.column_stack([got.vertices[:, 0], -got.vertices[:, 2], got.vertices[:, 1]])
        assert np.allclose(np.sort(back, axis=0), np.sort(mesh.points[used], axis=0))   # Z-up → Y-up
        assert got.visual.vertex_attributes["color"].shape == (len(used), 4)
    terrain, buildings = loaded.geometry[TERRAIN], loaded.geometry[BUILDINGS]
    assert (terrain.visual.vertex_attributes["color"][:, :3] == linear("#c8d1b4")).all()
    colors = buildings.visual.vertex_attributes["color"][:, :3]
    top = buildings.vertices[:, 1] == buildings.vertices[:, 1].max()   # the belfry's roof and wall tops
    roof, wall = linear(layers[1].style.roof_color), linear(layers[1].style.color)
    assert (colors[top] == roof).all(axis=1).any() and (colors[top] == wall).all(axis=1).any()
    assert {tuple(c) for c in np.unique(colors, axis=0)} == {tuple(roof), tuple(wall)}
    # building ids: the highest vertex belongs to the belfry, by its BD TOPO id and height
    frame = layers[1].data.table.frame
    belfry = frame.loc[frame["height"].idxmax()]
    fid = buildings.vertex_attributes["_FEATURE_ID_0"].ravel().astype(int)
    ids, heights = property_table(tree, binary, 0)
    assert {ids[i] for i in fid[top]} == {belfry["cleabs"]}
    assert heights[fid[top]] == pytest.approx(belfry["height"])
    assert ids == frame["cleabs"].tolist()
    prim = tree["meshes"][1]["primitives"][0]
    assert prim["extensions"]["EXT_mesh_features"]["featureIds"][0]["featureCount"] == 3499
    assert tree["materials"][prim["material"]]["pbrMetallicRoughness"]["metallicFactor"] == 0


def tiles_of(tileset):
    """(tile, its ancestors) for every tile, depth first."""
    stack = [(tileset["root"], [])]
    while stack:
        tile, up = stack.pop()
        yield tile, up
        stack += [(child, up + [tile]) for child in tile.get("children", [])]


def in_box(points, box, tol=1e-3):
    c, h = np.asarray(box[:3]), np.asarray(box[3:]).reshape(3, 3)
    assert np.count_nonzero(h - np.diag(np.diag(h))) == 0    # axis-aligned in the ENU frame
    return np.all(np.abs(points - c) <= np.diag(h) + tol, axis=1)


def test_3dtiles_of_the_demo_are_placed_on_the_globe(demo, tmp_path):
    scene, layers = demo
    out = tmp_path / "tiles"
    written = write_3dtiles(scene, out, layers, max_features=500, max_triangles=100_000)
    tileset = json.loads((out / "tileset.json").read_text())
    assert tileset["asset"]["version"] == "1.1"
    root = tileset["root"]
    assert root["refine"] == "ADD" and len(root["transform"]) == 16
    assert [c["extras"]["layer"] for c in root["children"]] == [TERRAIN, BUILDINGS]
    transform = np.asarray(root["transform"]).reshape(4, 4).T          # column-major
    to_ecef = transform @ Y_UP_TO_Z_UP                                  # what a client applies to glTF

    # the ENU frame's origin is the scene origin, on the globe as pyproj puts it
    assert np.linalg.norm(transform[:3, 3] - TO_ECEF.transform(684100.0, 7021500.0, 0.0)) < 0.01
    assert np.allclose(transform[:3, :3].T @ transform[:3, :3], np.eye(3))   # a rotation

    content, triangles, features = [], 0, 0
    for tile, up in tiles_of(tileset):
        assert len(tile["boundingVolume"]["box"]) == 12
        assert all(tile["geometricError"] <= t["geometricError"] for t in up)   # errors decrease
        assert "content" in tile or tile.get("children")
        if "content" not in tile:
            continue
        assert tile["geometricError"] == 0 and not tile.get("children")
        path = out / tile["content"]["uri"]
        assert path.is_file() and path.suffix == ".glb"
        [mesh] = trimesh.load(path, process=False).geometry.values()
        enu = mesh.vertices @ Y_UP_TO_Z_UP[:3, :3].T
        for t in [tile, *up]:              # inside its box and every box above it
            assert in_box(enu, t["boundingVolume"]["box"]).all()
        triangles += len(mesh.faces)
        tree, binary = read_glb(path)
        if "extensions" in tree:
            ids, _ = property_table(tree, binary, 0)
            assert len(ids) <= 500
            features += len(ids)
        content.append((to_ecef[:3, :3] @ mesh.vertices.T).T + to_ecef[:3, 3])
    assert len(content) == written.files - 1 >= 2 + 8
    assert triangles == written.triangles == sum(sum(len(p) - 2 for p in cells(x.data.mesh.faces)) for x in layers)
    assert features == 3499                         # every building in exactly one tile
    ecef = np.vstack(content)

    # known vertices: the belfry's top and a terrain corner, where pyproj puts them
    for layer in layers:
        p = layer.data.mesh.points.astype(float)
        for i in (np.argmax(p[:, 2]), np.argmin(p[:, 0] + p[:, 1])):
            x, y, z = p[i] + scene.origin
            expected = np.asarray(TO_ECEF.transform(x, y, z))
            assert np.linalg.norm(ecef - expected, axis=1).min() < 0.01, layer.name


def test_command_line_end_to_end(tmp_path):
    def twin(*args):
        return subprocess.run([sys.executable, "-m", "twin", "export", *map(str, args)], capture_output=True,
                              text=True, timeout=300, cwd=ROOT)

    glb, tiles = tmp_path / "web" / "arras.glb", tmp_path / "web" / "tiles"
    proc = twin(DEMO_SCENE, "--glb", glb, "--3dtiles", tiles)
    assert proc.returncode == 0, proc.stderr
    assert f"{glb}: GLB, 2 layers" in proc.stdout and f"{tiles}: 3D Tiles 1.1, 2 layers" in proc.stdout
    assert glb.is_file() and (tiles / "tileset.json").is_file()
    assert sorted(p.name for p in glb.parent.iterdir()) == ["arras.glb", "tiles"]   # nothing left aside

    proc = twin(DEMO_SCENE, "--3dtiles", tiles)
    assert proc.returncode == 2 and "not empty" in proc.stderr and "--force" in proc.stderr
    proc = twin(DEMO_SCENE, "--3dtiles", tiles, "--layers", TERRAIN, "--force")
    assert proc.returncode == 0, proc.stderr
    assert "1 layers" in proc.stdout and len(json.loads((tiles / "tileset.json").read_text())["root"]["children"]) == 1

    proc = twin(DEMO_SCENE, "--glb", tmp_path / "p.glb", "--layers", "Parcelles")
    assert proc.returncode == 2 and "'Parcelles' is a vector layer" in proc.stderr
    assert not (tmp_path / "p.glb").exists() and "Traceback" not in proc.stderr
    proc = twin(DEMO_SCENE)
    assert proc.returncode == 2 and "--glb" in proc.stderr


def test_layers_named_or_by_group():
    scene = load_scene(DEMO_SCENE)
    layers, _ = load_for_export(scene, ["Fond"])          # a group: its layers that hold a mesh
    assert [x.name for x in layers] == [TERRAIN]
    layers, _ = load_for_export(scene, ["Données en direct"])   # a plugin's layer with LoD1 blocks
    assert [x.name for x in layers] == ["Consommation électrique (jour)"]   # not sensors, footfall
    with pytest.raises(TwinError, match="nothing to export: no chosen layer"):
        load_for_export(scene, ["Cadastre"])                 # parcels only: draped, no mesh
    with pytest.raises(TwinError, match="'Bruit \\(capteurs LoRa\\)' \\(sensors\\) holds no 3D mesh"):
        load_for_export(scene, [TERRAIN, "Bruit (capteurs LoRa)"])
    with pytest.raises(KeyError, match="Nope"):
        load_for_export(scene, ["Nope"])


def test_nothing_to_export_is_refused(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "twin", "export",
                           ROOT / "assets/demo/arras-centre/parcelles.json", "--glb", tmp_path / "x.glb"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2 and "nothing to export" in proc.stderr, proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_bad_destinations_leave_nothing_behind(demo, tmp_path):
    scene, layers = demo
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for call in (lambda: write_glb(scene, blocker / "x.glb", layers),
                 lambda: write_3dtiles(scene, blocker / "tiles", layers)):
        with pytest.raises(TwinError, match="cannot write"):
            call()
    with pytest.raises(TwinError, match="is a file"):
        write_3dtiles(scene, blocker, layers)
    with pytest.raises(TwinError, match="is a folder"):
        write_glb(scene, tmp_path, layers)

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.tex").write_text("years of work")
    for force in (False, True):          # --force replaces only a previous export
        with pytest.raises(TwinError, match="not empty"):
            write_3dtiles(scene, mine, layers, force=force)
    assert [p.name for p in mine.iterdir()] == ["thesis.tex"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "mine"]


def test_a_failure_midway_keeps_the_previous_export(demo, tmp_path, monkeypatch):
    scene, layers = demo
    out = tmp_path / "tiles"
    write_3dtiles(scene, out, [layers[0]])
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    calls = []
    real = export.glb_bytes

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(export.tiles3d, "glb_bytes", failing)   # where the tiles writer finds it
    with pytest.raises(TwinError, match="No space left on device"):
        write_3dtiles(scene, out, layers, force=True, max_features=500)
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir()] == ["tiles"]
