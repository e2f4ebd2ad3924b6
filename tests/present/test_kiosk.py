"""The kiosk's model: camera bounds, PIN storage, the [kiosk] table, the supervisor."""

from __future__ import annotations

import math
import stat
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import DEMO_SCENE
from twin.core.camera import View
from twin.core.errors import SceneFileError
from twin.present.kiosk import (
    EXIT_ADMIN, CameraBounds, KioskConfig, check_pin, clamp_view, hash_pin, kiosk_config_path,
    load_pin_hash, orbit, pan, save_pin_hash, supervise, zoom,
)
from twin.io.scene_file import save_scene, scene_from_toml
from twin.present.tours import Tours

BOUNDS = CameraBounds(0.0, 0.0, 1000.0, 1000.0, zmin_above_ground=10.0, zmax=800.0,
                      min_distance=20.0, max_distance=1500.0)


def _distance(view: View) -> float:
    return float(np.linalg.norm(np.subtract(view.position, view.focal_point)))


def _elevation(view: View) -> float:
    off = np.subtract(view.position, view.focal_point)
    return math.degrees(math.asin(off[2] / np.linalg.norm(off)))


# -- clamp_view -------------------------------------------------------------------------------

def test_a_view_inside_the_bounds_is_kept():
    view = View((500.0, 300.0, 200.0), (500.0, 500.0, 50.0))
    out = clamp_view(view, BOUNDS, ground=50.0)
    np.testing.assert_allclose(out.position, view.position, atol=1e-6)
    np.testing.assert_allclose(out.focal_point, view.focal_point, atol=1e-6)


def test_a_pan_stops_at_the_edge_of_the_territory_with_the_eye_following():
    view = View((2500.0, 1800.0, 200.0), (2500.0, 2000.0, 50.0))   # dragged far north-east
    out = clamp_view(view, BOUNDS, ground=50.0)
    assert out.focal_point[:2] == (1000.0, 1000.0)
    # same look: the eye moved by the same amount as the focal point
    np.testing.assert_allclose(np.subtract(out.position, out.focal_point),
                               np.subtract(view.position, view.focal_point), atol=1e-6)


def test_the_eye_never_goes_under_ground_it_looks_from_higher_instead():
    ground = 60.0
    view = View((500.0, 400.0, 20.0), (500.0, 500.0, 60.0))        # eye 40 m under the ground
    out = clamp_view(view, BOUNDS, ground=ground)
    assert out.position[2] >= ground + BOUNDS.zmin_above_ground - 1e-6
    assert out.focal_point == view.focal_point
    assert _distance(out) == pytest.approx(_distance(view), rel=1e-6)   # only the elevation changed
    heading_in = np.subtract(view.position, view.focal_point)[:2]
    heading_out = np.subtract(out.position, out.focal_point)[:2]
    assert np.dot(heading_in, heading_out) > 0                          # same side of the town


def test_the_ground_under_the_eye_counts_not_only_under_the_focal_point():
    def ground(x, y):   # a hill south of the town, 200 m high
        return 250.0 if y < 300 else 50.0
    view = View((500.0, 200.0, 120.0), (500.0, 500.0, 50.0))
    out = clamp_view(view, BOUNDS, ground=ground)
    assert out.position[2] >= ground(out.position[0], out.position[1]) + 10.0 - 1e-6


def test_zoom_and_altitude_limits():
    close = clamp_view(View((500.0, 495.0, 52.0), (500.0, 500.0, 50.0)), BOUNDS, ground=0.0)
    assert _distance(close) == pytest.approx(BOUNDS.min_distance)
    far = clamp_view(View((500.0, -5000.0, 3000.0), (500.0, 500.0, 50.0)), BOUNDS, ground=0.0)
    assert _distance(far) <= BOUNDS.max_distance + 1e-6
    assert far.position[2] <= BOUNDS.zmax + 1e-6


def test_straight_down_gets_an_azimuth_and_the_focal_point_stays_over_ground():
    out = clamp_view(View((500.0, 500.0, 400.0), (500.0, 500.0, -100.0)), BOUNDS, ground=50.0)
    assert out.focal_point[2] == 50.0
    assert _elevation(out) <= 89.0 + 1e-6
    assert out.view_up == (0.0, 0.0, 1.0)


def test_gestures_then_clamp_never_leave_the_bounds():
    rng = np.random.default_rng(7)
    view = View((500.0, 200.0, 300.0), (500.0, 500.0, 50.0))
    for _ in range(300):
        move = rng.integers(3)
        if move == 0:
            view = orbit(view, *rng.normal(0, 40, 2))
        elif move == 1:
            view = pan(view, *rng.normal(0, 400, 2))
        else:
            view = zoom(view, float(np.exp(rng.normal(0, 1))))
        view = clamp_view(view, BOUNDS, ground=50.0)
        fx, fy, _ = view.focal_point
        assert 0 <= fx <= 1000 and 0 <= fy <= 1000
        assert 60.0 - 1e-6 <= view.position[2] <= 800.0 + 1e-6
        assert BOUNDS.min_distance - 1e-6 <= _distance(view) <= BOUNDS.max_distance + 1e-6


def test_orbit_turns_around_the_focal_point_and_keeps_the_distance():
    view = View((0.0, -100.0, 100.0), (0.0, 0.0, 0.0))
    out = orbit(view, 90.0, 0.0)
    assert _distance(out) == pytest.approx(_distance(view))
    assert out.focal_point == view.focal_point
    assert out.position[0] == pytest.approx(-100.0, abs=1e-6)   # from the south to the west


def test_bounds_around_the_data():
    b = CameraBounds.around((0, 0, 50, 1200, 800, 140))
    assert (b.xmin, b.ymin, b.xmax, b.ymax) == (0, 0, 1200, 800)
    assert b.zmax > 140 and b.max_distance >= 1200
    with pytest.raises(ValueError):
        CameraBounds(10, 0, 0, 10)


# -- PIN --------------------------------------------------------------------------------------

def test_pin_round_trip_and_fresh_salt():
    a, b = hash_pin("4821"), hash_pin("4821")
    assert a != b                                    # a new salt each time
    assert a.split("$")[0] == "scrypt" and len(a.split("$")) == 6
    assert check_pin("4821", a) and check_pin("4821", b)
    assert not check_pin("4822", a)
    assert not check_pin("", a)


def test_a_damaged_stored_hash_never_opens():
    good = hash_pin("4821")
    scheme, n, r, p, salt, digest = good.split("$")
    for bad in ("", "4821", f"plain${n}${r}${p}${salt}${digest}", f"scrypt$x${r}${p}${salt}${digest}",
                f"scrypt${n}${r}${p}${salt}$!!!", good[:-4]):
        assert not check_pin("4821", bad)


def test_the_pin_file_holds_only_the_hash_with_mode_0600(tmp_path, monkeypatch):
    monkeypatch.setenv("TWIN_CONFIG_DIR", str(tmp_path / "cfg"))
    assert kiosk_config_path() == tmp_path / "cfg" / "kiosk.toml"
    assert load_pin_hash() is None
    path = save_pin_hash(hash_pin("739164"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text()
    assert "739164" not in text
    stored = load_pin_hash()
    assert stored in text and check_pin("739164", stored)
    assert [p.name for p in path.parent.iterdir()] == ["kiosk.toml"]   # no temp file left


# -- the [kiosk] table --------------------------------------------------------------------------

SCENE = """format = 1
name = "k"
[[bookmarks]]
name = "Haut"
position = [0.0, -100.0, 100.0]
focal_point = [0.0, 0.0, 0.0]
[[tours]]
name = "Visite"
[[tours.stops]]
bookmark = "Haut"
hold = 5.0
[[layers]]
name = "Bâtiments"
kind = "group"
[kiosk]
"""


def _scene(kiosk: str, tmp_path: Path):
    return scene_from_toml(SCENE + kiosk, tmp_path / "k.toml")


def test_kiosk_table_defaults_and_values(tmp_path):
    assert KioskConfig.of(_scene("", tmp_path)) == KioskConfig()
    scene = _scene('idle_seconds = 30\nattract_tour = "Visite"\nhome = "Haut"\nlanguages = ["en", "fr"]\n'
                   'layers = ["Bâtiments", { name = "Bâtiments", title = { fr = "Bâti", en = "Buildings" } }]\n'
                   '[kiosk.bounds]\nxmin = 0\nymin = 0\nxmax = 10\nymax = 10\nmax_distance = 100\n', tmp_path)
    k = KioskConfig.of(scene)
    assert (k.idle_seconds, k.attract_tour, k.home, k.languages) == (30.0, "Visite", "Haut", ("en", "fr"))
    assert k.layers[1].title_in("en") == "Buildings" and k.layers[0].title_in("fr") == "Bâtiments"
    assert k.bounds.xmax == 10.0 and k.bounds.max_distance == 100.0
    assert (k.countdown, k.theme) == (10.0, "kiosk")


def test_the_countdown_and_the_theme_of_the_kiosk(tmp_path):
    k = KioskConfig.of(_scene('idle_seconds = 8\n', tmp_path))
    assert k.countdown == 4.0                       # half a short idle time by default
    k = KioskConfig.of(_scene('countdown_seconds = 20\ntheme = "high-contrast"\n', tmp_path / "b"))
    assert (k.countdown, k.theme) == (20.0, "high-contrast")
    path = save_scene(_scene('countdown_seconds = 20\ntheme = "high-contrast"\n', tmp_path / "c"),
                      tmp_path / "again.toml")
    assert KioskConfig.of(scene_from_toml(path.read_text(), path)) == k


def test_kiosk_table_survives_a_save(tmp_path):
    scene = _scene('attract_tour = "Visite"\nlayers = [{ name = "Bâtiments", title = { en = "B" } }]\n'
                   '[kiosk.bounds]\nxmin = 0\nymin = 0\nxmax = 10\nymax = 10\n', tmp_path)
    path = save_scene(scene, tmp_path / "again.toml")
    again = scene_from_toml(path.read_text(), path)
    assert KioskConfig.of(again) == KioskConfig.of(scene)
    assert KioskConfig.of(again).layers[0].title == {"en": "B"}


@pytest.mark.parametrize("kiosk, key, words", [
    ("idle_seconds = 1\n", "kiosk.idle_seconds", "between 5"),
    ('attract_tour = "Nope"\n', "kiosk.attract_tour", "no tour named 'Nope'"),
    ('tours = ["Visite", "Autre"]\n', "kiosk.tours", "no tour named 'Autre'"),
    ('layers = ["Routes"]\n', "kiosk.layers", "no layer named 'Routes'"),
    ('home = "Bas"\n', "kiosk.home", "no bookmark named 'Bas'"),
    ('languages = ["french"]\n', "kiosk.languages", "two-letter"),
    ('pin = "1234"\n', "kiosk.pin", "unknown key"),
    ("countdown_seconds = 90\n", "kiosk.countdown_seconds", "less than idle_seconds (90)"),
    ("countdown_seconds = 1\n", "kiosk.countdown_seconds", "at least 3"),
    ('theme = "dark"\n', "kiosk.theme", "'kiosk', 'high-contrast'"),
    ("[kiosk.bounds]\nxmin = 10\nymin = 0\nxmax = 0\nymax = 10\n", "kiosk.bounds", "xmin < xmax"),
])
def test_kiosk_table_errors_name_key_and_line(tmp_path, kiosk, key, words):
    with pytest.raises(SceneFileError) as info:
        _scene(kiosk, tmp_path)
    err = info.value
    assert err.key == key and words in err.message
    assert err.line is not None and err.line > SCENE.count("\n")


def test_the_demo_scene_has_a_kiosk():
    from twin.io.scene_file import load_scene
    scene = load_scene(DEMO_SCENE)
    assert KioskConfig.of(scene).attract_tour in Tours.of(scene)
    assert KioskConfig.of(scene).languages[0] == "fr"
    assert all(scene.layers.find(layer.name) for layer in KioskConfig.of(scene).layers)


# -- supervision ----------------------------------------------------------------------------------

def test_supervise_restarts_a_dying_kiosk_until_an_admin_exit(tmp_path):
    counter = tmp_path / "runs"
    script = tmp_path / "flaky.py"
    # dies twice (a crash, a kill), then leaves cleanly as the admin would
    script.write_text(f"import os, sys\np = {str(counter)!r}\nn = int(open(p).read()) if os.path.exists(p) else 0\n"
                      f"open(p, 'w').write(str(n + 1))\nsys.exit([3, -9 % 256, {EXIT_ADMIN}][n])\n")
    logs, sleeps = [], []
    code = supervise([sys.executable, str(script)], log=logs.append, sleep=sleeps.append)
    assert code == EXIT_ADMIN
    assert counter.read_text() == "3"
    assert sleeps == [1.0, 2.0]                       # backoff doubles
    assert len(logs) == 3 and "restarting in 1 s" in logs[0] and "not restarting" in logs[-1]


# -- command line -----------------------------------------------------------------------------------

def test_set_pin_asks_twice_and_stores_only_the_hash(tmp_path, monkeypatch, capsys):
    from twin.cli.main import main
    monkeypatch.setenv("TWIN_CONFIG_DIR", str(tmp_path))
    answers = iter(["5173", "5173"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert main(["kiosk", "--set-pin"]) == 0
    stored = load_pin_hash()
    assert check_pin("5173", stored) and "5173" not in (tmp_path / "kiosk.toml").read_text()
    answers = iter(["5173", "5174"])
    assert main(["kiosk", "--set-pin"]) == 2
    assert "differ" in capsys.readouterr().err
    assert load_pin_hash() == stored                     # the old PIN is kept
    answers = iter(["12ab"])
    assert main(["kiosk", "--set-pin"]) == 2


def test_a_locked_kiosk_without_a_pin_refuses_to_start(tmp_path, monkeypatch, capsys):
    from twin.cli.main import main
    monkeypatch.setenv("TWIN_CONFIG_DIR", str(tmp_path))
    assert main(["kiosk", str(DEMO_SCENE)]) == 2
    err = capsys.readouterr().err
    assert "no kiosk PIN is set" in err and "twin kiosk --set-pin" in err
