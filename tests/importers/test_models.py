"""3D models: CityJSON (real Delft, Rotterdam and Den Haag files, and generated edge cases),
meshes through trimesh (the real Lyon OBJ and GLB), placement, LoD choice, semantic
colours, picking attributes, and bad input."""

import json

import numpy as np
import pytest

from twin.core.data import SEMANTICS
from twin.core.errors import DataError
from twin.core.feedback import Feedback
from twin.core.layers import ModelLayer, Placement
from twin.core.layers.model import sidecar_path
from twin.io.loading import apply_results, load_scene_data
from twin.io.registry import file_info, registry
from twin.core.scene import Scene
from twin.io.scene_file import load_scene, save_scene

CJ = "buildings/cityjson"


def _load(scene):
    results = load_scene_data(scene)
    apply_results(results)
    return results


def _cube(lod="2", transform=True, semantics=True, otype="Building", crs="https://www.opengis.net/def/crs/EPSG/0/2154"):
    """A 10 m cube at (684100, 7021500) with roof/wall/ground semantics, as CityJSON 2.0."""
    corners = np.array([[0, 0, 0], [10, 0, 0], [10, 10, 0], [0, 10, 0],
                        [0, 0, 10], [10, 0, 10], [10, 10, 10], [0, 10, 10]], float) + [684100, 7021500, 60]
    shell = [[[0, 3, 2, 1]], [[4, 5, 6, 7]], [[0, 1, 5, 4]], [[1, 2, 6, 5]], [[2, 3, 7, 6]], [[3, 0, 4, 7]]]
    geometry = {"type": "Solid", "lod": lod, "boundaries": [shell]}
    if semantics:
        geometry["semantics"] = {"surfaces": [{"type": "GroundSurface"}, {"type": "RoofSurface"}, {"type": "WallSurface"}],
                                 "values": [[0, 1, 2, 2, 2, 2]]}
    model = {"type": "CityJSON", "version": "2.0",
             "CityObjects": {"b1": {"type": otype, "attributes": {"height": 10, "usage": "shop"}, "geometry": [geometry]}}}
    if transform:
        model["transform"] = {"scale": [0.001, 0.001, 0.001], "translate": [684000.0, 7021000.0, 0.0]}
        model["vertices"] = ((corners - [684000, 7021000, 0]) / 0.001).round().astype(int).tolist()
    else:
        model["vertices"] = corners.tolist()
    if crs:
        model["metadata"] = {"referenceSystem": crs}
    return model


def _scene_with(tmp_path, model, name="m.city.json", **layer):
    path = tmp_path / name
    path.write_text(json.dumps(model) if isinstance(model, dict) else model, encoding="utf-8")
    scene = Scene(crs="EPSG:2154")
    target = scene.add_layer(ModelLayer("model", source=path, **layer))
    return scene, target


def test_real_cityjson_files(shared):
    delft = file_info(shared / CJ / "cjio__delft.json")
    assert (delft.kind, delft.importer, delft.count, delft.crs) == ("mesh", "cityjson", 570, "EPSG:7415")
    assert delft.details["lods"] == ["1"] and delft.details["types"]["Building"] == 160
    scene = Scene(crs="EPSG:28992")
    layer = scene.add_layer(ModelLayer("Delft", source=shared / CJ / "cjio__delft.json"))
    [res] = _load(scene)
    assert res.error is None, res.error
    data = layer.data
    assert len(data.table.frame) == 570 and data.mesh.faces.size // 4 == 36271
    x0, y0 = data.bounds[0], data.bounds[1]                       # RD New, reprojected from 7415
    assert 84000 < x0 < 86000 and 446000 < y0 < 448000
    rgb = data.mesh.cell_data["rgb"]
    roofs = (rgb == [0x9c, 0x5b, 0x45]).all(axis=1)                # LoD1 has no semantics: roofs by slope
    building = data.table.frame["type"].to_numpy()[data.mesh.cell_data["feature"]] == "Building"
    assert 0.1 < roofs[building].mean() < 0.6 and not roofs[~building].any()
    water = (rgb == [0x7f, 0xa8, 0xd1]).all(axis=1)
    assert water.any()                                              # the WaterBody objects
    # Den Haag (1.1, LoD2, semantics, no CRS): roofs, walls and grounds coloured from semantics
    scene = Scene(crs="EPSG:28992")
    layer = scene.add_layer(ModelLayer("DH", source=shared / CJ / "cjio__DH_01_subs.city.json"))
    [res] = _load(scene)
    assert res.error is None and any("no CRS in the file" in w for w in res.warnings)
    part = layer.data.mesh.cell_data["part"]
    assert {SEMANTICS[p] for p in np.unique(part)} == {"roof", "wall", "ground"}
    assert set(layer.data.table.frame["type"]) == {"Building", "BuildingPart"}
    # Rotterdam: its zero-width walls are dropped and counted, never a crash
    scene = Scene(crs="EPSG:28992")
    layer = scene.add_layer(ModelLayer("R", source=shared / CJ / "cjio__rotterdam_subset.json"))
    [res] = _load(scene)
    assert res.error is None and layer.data.dropped == 12


def test_lod_choice_semantics_and_picking(tmp_path):
    model = _cube(lod="2")
    lod1 = {"type": "MultiSurface", "lod": "1", "boundaries": [[[0, 1, 2, 3]]]}
    model["CityObjects"]["b1"]["geometry"].append(lod1)
    scene, layer = _scene_with(tmp_path, model)
    [res] = _load(scene)
    assert res.error is None, res.error
    data = layer.data
    assert data.lods == ["1", "2"] and data.lod == "finest"
    assert len(data.mesh.faces) // 4 == 12                           # the LoD2 cube: 6 quads → 12 triangles
    part = data.mesh.cell_data["part"]
    assert np.bincount(part, minlength=4)[[1, 2, 3]].tolist() == [2, 8, 2]
    up = data.mesh.points.reshape(-1, 3, 3)
    normals = np.cross(up[:, 1] - up[:, 0], up[:, 2] - up[:, 0])
    assert (normals[part == SEMANTICS.index("roof"), 2] > 0).all()   # roofs face the sky
    assert (normals[part == SEMANTICS.index("ground"), 2] < 0).all()
    layer.lod = "1"
    _load(scene)
    assert len(layer.data.mesh.faces) // 4 == 2 and layer.data.lod == "1"
    layer.lod = "3"
    [res] = _load(scene)
    assert "has no LoD '3'" in res.error and "1, 2" in res.error

    from twin._vtk.mirror import SceneMirror
    from twin._vtk.offscreen import make_plotter
    from twin.core.camera import View
    layer.lod = ""
    _load(scene)
    plotter = make_plotter((400, 300))
    mirror = SceneMirror(scene, plotter)
    try:
        mirror.apply_view(View(position=(684130, 7021470, 110), focal_point=(684105, 7021505, 65)))
        plotter.render()
        img = plotter.screenshot(return_img=True).astype(int)
        roof = (np.abs(img - [0x9c, 0x5b, 0x45]).max(axis=2) < 40).sum()
        wall = (np.abs(img - [0xe8, 0xdc, 0xc8]).max(axis=2) < 45).sum()
        assert roof > 500 and wall > 500
        picked = mirror.pick(200, 150)
        assert picked.layer is layer and picked.attributes["id"] == "b1" and picked.attributes["usage"] == "shop"
    finally:
        mirror.close()
        plotter.close()


def test_cityjson_edge_cases(tmp_path):
    # 1.0 style: float vertices, no transform; a URN CRS
    scene, layer = _scene_with(tmp_path, _cube(transform=False, crs="urn:ogc:def:crs:EPSG::2154"))
    [res] = _load(scene)
    assert res.error is None and res.warnings == []
    assert np.allclose(layer.data.bounds[:3], (684100, 7021500, 60))
    # no LoD, no semantics, an unknown object type, a GeometryInstance: shown, and said
    model = _cube(lod=None, semantics=False, otype="+NoiseBarrier")
    model["CityObjects"]["b1"]["geometry"][0].pop("lod")
    model["CityObjects"]["t1"] = {"type": "SolitaryVegetationObject",
                                  "geometry": [{"type": "GeometryInstance", "template": 0, "boundaries": [0],
                                                "transformationMatrix": list(np.eye(4).ravel())}]}
    scene, layer = _scene_with(tmp_path, model, name="odd.city.json")
    [res] = _load(scene)
    assert res.error is None, res.error
    assert any("GeometryInstance ×1" in w for w in res.warnings) and any("have no LoD" in w for w in res.warnings)
    assert set(layer.data.table.frame["type"]) == {"+NoiseBarrier", "SolitaryVegetationObject"}
    # broken, truncated, not CityJSON, indices out of range, nothing to draw
    text = json.dumps(_cube())
    for content, message in ((text[: len(text) // 2], "is not valid JSON"),
                             ('{"CityObjects": {}, "type": "Feature"}', "is JSON but not CityJSON"),
                             (json.dumps({**_cube(), "vertices": [[0, 0, 0]]}), "pointing to vertex 7 of 1"),
                             (json.dumps({**_cube(), "CityObjects": {}}), "holds no city object")):
        scene, _ = _scene_with(tmp_path, content, name="bad.city.json")
        [res] = _load(scene)
        assert res.error is not None and message in res.error, (message, res.error)
        assert "bad.city.json" in res.error


def test_cityjson_feature_sequences(tmp_path):
    """CityJSONFeature lines (.city.jsonl): each feature's vertices are its own."""
    cube = _cube()
    header = {k: v for k, v in cube.items() if k not in ("CityObjects", "vertices")}
    header.update(CityObjects={}, vertices=[])
    lines = [json.dumps(header)]
    for i in range(3):
        shifted = (np.array(cube["vertices"]) + [i * 20000, 0, 0]).tolist()
        lines.append(json.dumps({"type": "CityJSONFeature", "id": f"b{i}", "vertices": shifted,
                                 "CityObjects": {f"b{i}": cube["CityObjects"]["b1"]}}))
    path = tmp_path / "seq.city.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert file_info(path).count == 3 and file_info(path).details["features"] == 3
    scene = Scene(crs="EPSG:2154")
    layer = scene.add_layer(ModelLayer("seq", source=path))
    [res] = _load(scene)
    assert res.error is None, res.error
    assert layer.data.table.frame["id"].tolist() == ["b0", "b1", "b2"]
    assert layer.data.bounds[3] - layer.data.bounds[0] == pytest.approx(50.0, abs=0.01)   # 3 cubes, 20 m apart


def test_meshes_are_placed_by_the_layer_or_a_sidecar(shared, tmp_path):
    obj = shared / "buildings/lyon_obj/tour_part_dieu.obj"
    assert registry().find(obj).name == "mesh"
    scene = Scene(crs="EPSG:2154")
    layer = scene.add_layer(ModelLayer("tour", source=obj))
    [res] = _load(scene)
    assert "is a model in its own coordinates" in res.error and "placement" in res.error
    layer.placement = Placement(anchor=(684300.0, 7021300.0, 70.0), rotation=90.0, scale=2.0)
    [res] = _load(scene)
    assert res.error is None, res.error
    b = layer.data.bounds
    assert b[5] - b[2] == pytest.approx(2 * (157.78 + 11.26), abs=0.05)        # scaled ×2
    assert b[2] == pytest.approx(70 - 2 * 11.26, abs=0.05)                    # model origin at z = 70
    # rotated 90°: the model's x extent (205 m) now runs north-south
    assert b[4] - b[1] == pytest.approx(2 * 205.4, abs=1) and b[3] - b[0] == pytest.approx(2 * 153.5, abs=1)
    # a sidecar places a copy of the file; without z, the model stands on the ground
    copy = tmp_path / "halle.obj"
    copy.write_bytes(obj.read_bytes())
    sidecar_path(copy).write_text('anchor = [684300.0, 7021300.0]\nup = "z"\n', encoding="utf-8")
    scene = Scene(crs="EPSG:2154")
    layer = scene.add_layer(ModelLayer("halle", source=copy))
    [res] = _load(scene)
    assert res.error is None and layer.data.bounds[2] == pytest.approx(0.0, abs=1e-3)   # no DTM: ground 0
    sidecar_path(copy).write_text('anchor = [684300.0]\n', encoding="utf-8")
    [res] = _load(scene)
    assert "placement sidecar is invalid" in res.error and "anchor must be [x, y] or [x, y, z]" in res.error


def test_gltf_is_y_up_and_keeps_its_colours(shared):
    glb = shared / "buildings/gltf/lyon1_buildings_tile0_from_b3dm.glb"
    scene = Scene(crs="EPSG:2154")
    layer = scene.add_layer(ModelLayer("lyon", source=glb, placement=Placement(anchor=(0.0, 0.0, 0.0), up="y")))
    [res] = _load(scene)
    assert res.error is None and any("degenerate faces (no area) dropped" in w for w in res.warnings)
    b = layer.data.bounds
    assert b[5] == pytest.approx(67.88, abs=0.01) and b[2] == pytest.approx(-46.52, abs=0.01)   # glTF y → z
    assert len(layer.data.table.frame) == 12
    colours = np.unique(layer.data.mesh.cell_data["rgb"], axis=0)
    assert len(colours) > 3                                      # "coloured by height" materials kept


def test_bad_meshes(tmp_path):
    flat = tmp_path / "flat.obj"
    flat.write_text("v 0 0 0\nv 1 0 0\nv 2 0 0\nf 1 2 3\nf 1 1 2\n")
    scene = Scene(crs="EPSG:2154")
    scene.add_layer(ModelLayer("flat", source=flat, placement=Placement(anchor=(0.0, 0.0, 0.0))))
    [res] = _load(scene)
    assert "has only degenerate faces" in res.error
    fake = tmp_path / "model.glb"
    fake.write_bytes(b"glTF" + b"\x02\x00\x00\x00" + b"\x00" * 20)
    with pytest.raises(DataError, match="cannot be read as a 3D model"):
        registry().find(fake).read(fake, Feedback())
    with pytest.raises(ValueError, match="up must be one of z, y"):
        Placement(anchor=(0, 0), up="x")


def test_model_layers_round_trip_through_the_scene_file(tmp_path):
    scene, layer = _scene_with(tmp_path, _cube())
    layer.lod = "2"
    layer.placement = Placement(anchor=(684000.0, 7021000.0), rotation=15.0, up="y")
    save_scene(scene, tmp_path / "s.toml")
    text = (tmp_path / "s.toml").read_text(encoding="utf-8")
    assert 'kind = "model"' in text and "[layers.placement]" in text
    again = load_scene(tmp_path / "s.toml").layers.find("model")
    assert again.lod == "2" and again.placement == layer.placement
    (tmp_path / "bad.toml").write_text(text.replace('up = "y"', 'up = "x"'), encoding="utf-8")
    from twin.core.errors import SceneFileError
    with pytest.raises(SceneFileError, match="up must be one of z, y"):
        load_scene(tmp_path / "bad.toml")


def test_citygml_says_how_to_convert(shared):
    with pytest.raises(DataError, match="is CityGML.*citygml-tools"):
        file_info(shared / "buildings/lyon_citygml/LYON_1ER_BATI_2015_small_house.gml")
