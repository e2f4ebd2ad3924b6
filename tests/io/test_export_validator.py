"""The README's claim: a GLB and every tile of a 3D Tiles export pass the Khronos glTF
validator (npm ``gltf-validator``, installed by ``scripts/setup.sh test`` into .tools/npm)
with no error and no warning. Its infos may stay: it cannot read the metadata extensions,
so it names them and calls the property tables' views unused."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.conftest import ROOT
from tests.io import test_export
from tests.io.test_export import read_glb, tiles_of
from twin.io.export import write_3dtiles, write_glb

NODE = shutil.which("node")
MODULES = ROOT / ".tools" / "npm" / "node_modules"
SCRIPT = ROOT / "tests" / "io" / "gltf_validate.js"
METADATA = {"EXT_mesh_features", "EXT_structural_metadata"}
demo = test_export.demo          # its fixture: the demo's layers, loaded once

pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is not installed (scripts/setup.sh test installs nodejs and npm)")


def validate(paths) -> list[dict]:
    assert (MODULES / "gltf-validator").is_dir(), \
        "the glTF validator is missing: run scripts/setup.sh test (npm install --prefix .tools/npm gltf-validator)"
    done = subprocess.run([NODE, str(SCRIPT), *map(str, paths)], capture_output=True, text=True, timeout=300,
                          env={"NODE_PATH": str(MODULES), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["version"] == "2.0.0-dev.3.10"
    return out["reports"]


def property_table_views(path) -> set[int]:
    tree, _binary = read_glb(path)
    tables = tree.get("extensions", {}).get("EXT_structural_metadata", {}).get("propertyTables", [])
    return {v for t in tables for p in t["properties"].values() for k, v in p.items() if k in ("values", "stringOffsets")}


def assert_clean(report: dict, path) -> None:
    issues = report["issues"]
    assert (issues["numErrors"], issues["numWarnings"], issues["numHints"]) == (0, 0, 0), \
        [m for m in issues["messages"] if m["severity"] != 2]
    unused = property_table_views(path)
    for message in issues["messages"]:           # infos: only what the validator cannot read
        if message["code"] == "UNSUPPORTED_EXTENSION":
            assert any(name in message["message"] for name in METADATA), message
        else:
            assert message["code"] == "UNUSED_OBJECT", message
            kind, index = message["pointer"].strip("/").split("/")
            assert kind == "bufferViews" and int(index) in unused, message


def test_the_glb_passes_the_khronos_validator(demo, tmp_path):
    scene, layers = demo
    out = tmp_path / "arras.glb"
    write_glb(scene, out, layers)
    [report] = validate([out])
    assert report["info"]["drawCallCount"] == 2 and report["info"]["totalTriangleCount"] > 100_000
    assert_clean(report, out)


def test_every_tile_of_a_3dtiles_export_passes_the_khronos_validator(demo, tmp_path):
    scene, layers = demo
    out = tmp_path / "tiles"
    write_3dtiles(scene, out, layers, max_features=500, max_triangles=100_000)
    tileset = json.loads((out / "tileset.json").read_text())
    tiles = [out / tile["content"]["uri"] for tile, _up in tiles_of(tileset) if "content" in tile]
    assert len(tiles) >= 10 and sorted(tiles) == sorted(out.rglob("*.glb"))
    reports = validate(tiles)
    assert len(reports) == len(tiles)
    for report, path in zip(reports, tiles):
        assert_clean(report, path)
