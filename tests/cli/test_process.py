"""`twin process` as a user types it, qgis_process style: list, help, and each algorithm
with options generated from its typed parameters; exit 2 on bad parameters."""

import json
import subprocess
import sys

import numpy as np
import pytest

DTM = "dtm/ldm__DTM_test_data_77055_627760_LA93_IGN69_50CM.tif"
BATIMENT = "cadastre/bdtopo_v3_sample_12174/BATIMENT.shp"


def twin(*args):
    return subprocess.run([sys.executable, "-m", "twin", "process", *map(str, args)], capture_output=True,
                          text=True, timeout=300)


def test_list_json_describes_every_algorithm_and_its_parameters():
    proc = twin("list", "--json")
    assert proc.returncode == 0, proc.stderr
    algorithms = {a["id"]: a for a in json.loads(proc.stdout)}
    assert {"profile", "extract", "clip", "viewshed", "sun-hours"} <= set(algorithms)
    profile = {p["name"]: p for p in algorithms["profile"]["parameters"]}
    assert profile["line"]["type"] == "line" and profile["line"]["required"]
    assert profile["step"] == {**profile["step"], "type": "float", "default": 1.0, "required": False}
    assert algorithms["clip"]["parameters"][1]["type"] == "polygons or box"
    assert algorithms["viewshed"]["provider"] == "builtin-sun"
    plain = twin("list").stdout
    assert "profile" in plain and "Elevation profile" in plain


def test_help_shows_the_options():
    proc = twin("help", "viewshed")
    assert proc.returncode == 0
    assert "--eye POINT" in proc.stdout and "--eye-height" in proc.stdout and "--out OUTPUT" in proc.stdout


def test_profile_of_a_dtm_to_csv(shared, tmp_path):
    out = tmp_path / "profile.csv"
    proc = twin("profile", "--input", shared / DTM, "--line", "770540 6277560, 770580 6277590, 770590 6277560",
                "--step", "5", "--out", out)
    assert proc.returncode == 0, proc.stderr
    rows = [line.split(",") for line in out.read_text().splitlines()]
    assert rows[0] == ["distance", "x", "y", "z"]
    assert rows[1][3] == "" and 20 < float(rows[5][3]) < 23           # starts off the raster, then on it
    d = np.array([float(r[0]) for r in rows[1:]])
    assert d[-1] == pytest.approx(50 + np.hypot(10, 30), abs=1e-3) and np.all(np.diff(d) > 0)


def test_extract_to_a_geopackage(shared, tmp_path):
    out = tmp_path / "res.gpkg"
    proc = twin("extract", "--input", shared / BATIMENT, "--where", "USAGE1 LIKE 'R%' AND HAUTEUR >= 8",
                "--out", out, "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["out"] == str(out) and 0 < result["features"] < 100 and result["of"] == 2273


def test_bad_parameters_exit_2_with_a_message(shared, tmp_path):
    cases = [
        (["profile", "--input", shared / DTM, "--line", "0 0, 10 10"], "outside the terrain"),
        (["profile", "--input", shared / DTM, "--line", "770560 6277560"], "at least two distinct vertices"),
        (["profile", "--input", shared / DTM, "--line", "770560 6277560, 770570 6277570", "--step", "-1"],
         "at least 0.01"),
        (["profile", "--line", "0 0, 1 1", "--colour", "red"], "unrecognized arguments: --colour"),
        (["clip", "--input", shared / DTM, "--mask", "1 2 3", "--out", tmp_path / "x.tif"], "file not found"),
        (["nope"], "no algorithm 'nope'"),
        (["extract", "--input", shared / BATIMENT, "--where", "hauteur_max > 3", "--out", tmp_path / "a.csv"],
         'no field "hauteur_max"'),
        (["help"], "which algorithm"),
        (["viewshed", "--eye", "1 2", "--out", tmp_path / "x.tif"], "--input"),
    ]
    for args, message in cases:
        proc = twin(*args)
        assert proc.returncode == 2, (args, proc.stderr)
        assert message in proc.stderr and "Traceback" not in proc.stderr, (args, proc.stderr)
    assert list(tmp_path.iterdir()) == []
