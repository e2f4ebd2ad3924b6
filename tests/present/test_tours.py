"""Tours: timing, eased flights above ground, playback and the scene file."""

from dataclasses import replace
from datetime import datetime, timezone

import numpy as np
import pytest

from tests.conftest import DEMO_SCENE
from twin.core.camera import Bookmark, View
from twin.core.errors import SceneFileError
from twin.core.scene import Scene
from twin.io.scene_file import load_scene, save_scene, scene_from_toml
from twin.present.tours import Stop, Tour, TourPlayer, Tours, apply_state, interpolate, show_layers, visible_layer_names
from twin.projects.model import Projects
from twin.analysis.sunlight import SunLight

A = View((0.0, -500.0, 300.0), (0.0, 0.0, 0.0))
B = View((1500.0, 800.0, 200.0), (1200.0, 1100.0, 20.0))
C = View((-300.0, 300.0, 80.0), (-200.0, 500.0, 10.0))


def tour(loop=False) -> Tour:
    return Tour("t", [Stop(A, hold=2, caption={"fr": "un", "en": "one"}),
                      Stop(B, hold=3, flight=4, layers=("x",)),
                      Stop(C, hold=1, flight=2, time=datetime(2026, 6, 21, 10, tzinfo=timezone.utc))],
                loop=loop)


def eye(state) -> np.ndarray:
    return np.asarray(state.view.position)


def test_duration_and_stop_times():
    assert tour().duration == 2 + 4 + 3 + 2 + 1
    assert tour().stop_times() == [(0, 2), (6, 9), (11, 12)]
    assert tour(loop=True).duration == 12 + 3     # and the first stop's flight back to it


def test_states_hold_then_fly_and_switch_at_the_flight():
    t = tour()
    assert t.state_at(1).view == A and not t.state_at(1).in_flight and t.state_at(1).caption["en"] == "one"
    s = t.state_at(4)
    assert s.in_flight and s.stop == 1 and s.layers == ("x",) and 0 < s.progress < 1
    assert t.state_at(7).view == B and t.state_at(11.5).time.hour == 10
    assert t.state_at(99).view == C and t.state_at(-5).view == A    # held at the ends
    assert tour(loop=True).state_at(15 + 1).view == A                # wraps
    assert t.state_at(4.321) == t.state_at(4.321)                    # deterministic


def test_flights_are_eased_and_continuous():
    t = tour(loop=True)
    times = np.arange(0, t.duration, 0.01)
    eyes = np.array([eye(t.state_at(x)) for x in times])
    steps = np.linalg.norm(np.diff(eyes, axis=0), axis=1)
    # eased: starts and ends at rest
    flight = (times[1:] > 2) & (times[1:] < 6)
    speeds = steps[flight]
    assert speeds[0] < speeds.max() / 20 and speeds[-1] < speeds.max() / 20
    # continuous: no step larger than the fastest flight's peak speed allows (smoothstep peaks
    # at 1.5 × the mean speed; the arc and the turn add path length: bound by 3 × chord / time)
    for (start, end), a, b in (((2, 6), A, B), ((9, 11), B, C), ((12, 15), C, A)):
        inside = (times[1:] > start) & (times[:-1] < end)
        chord = np.linalg.norm(np.subtract(b.position, a.position))
        assert steps[inside].max() <= 3 * chord / (end - start) * 0.01
    assert steps[~((times[1:] > 2) & (times[:-1] < 6)) & ~((times[1:] > 9) & (times[:-1] < 11))
                 & ~(times[1:] > 12)].max() < 1e-6     # holds do not move


def test_the_arc_rises_with_distance():
    near = View((10.0, -500.0, 300.0), (10.0, 0.0, 0.0))
    lift_near = interpolate(A, near, 0.5).position[2] - 300
    lift_far = interpolate(A, B, 0.5).position[2] - (300 + 200) / 2
    assert 0 < lift_near < 10 < lift_far


def test_eye_stays_above_a_hill_in_between():
    a = View((-1000.0, 0.0, 60.0), (-900.0, 0.0, 50.0))
    b = View((1000.0, 0.0, 60.0), (900.0, 0.0, 50.0))

    def hill(x, y):
        return 800.0 * np.exp(-(np.asarray(x) ** 2 + np.asarray(y) ** 2) / 200.0 ** 2)
    t = Tour("hill", [Stop(a, hold=1), Stop(b, hold=1, flight=5)])
    clear = []
    for x in np.linspace(0, t.duration, 400):
        p = eye(t.state_at(x, ground=hill))
        clear.append(p[2] - hill(p[0], p[1]))
    assert min(clear) > 0
    low = [eye(t.state_at(x)) for x in np.linspace(1, 6, 200)]      # without the terrain it would hit
    assert min(p[2] - hill(p[0], p[1]) for p in low) < 0


def test_flight_without_ground_stays_above_the_lower_focal_plane():
    t = tour(loop=True)
    assert min(eye(t.state_at(x))[2] for x in np.linspace(0, t.duration, 500)) >= 10


@pytest.mark.parametrize("kwargs, match", [
    ({"hold": -1}, "hold"), ({"flight": float("nan")}, "flight"), ({"caption": {"french": "x"}}, "two lower-case"),
    ({"caption": {"fr": 3}}, "text"), ({"layers": "Bâtiments"}, "list of layer names"),
    ({"variant": ("p",)}, "variant"), ({"time": datetime(2026, 1, 1)}, "timezone"),
])
def test_bad_stops(kwargs, match):
    with pytest.raises(ValueError, match=match):
        Stop(A, **kwargs)


def test_bad_tours():
    with pytest.raises(ValueError, match="no stops"):
        Tour("x", [])
    with pytest.raises(ValueError, match="name"):
        Tour(" ", [Stop(A)])
    with pytest.raises(ValueError, match="0 seconds"):
        Tour("x", [Stop(A, hold=0)])


def test_player_steps_like_a_clicker():
    p = TourPlayer(tour())
    assert p.stop == 0
    p.next()
    assert p.state().in_flight and p.stop == 1
    p.tick(10)
    assert p.state().view == B and not p.state().in_flight      # held at the stop, not playing on
    p.previous()                                                 # flies back, eased
    mid = p.tick(1.5)
    assert mid.in_flight and mid.stop == 0 and mid.view not in (A, B)
    p.tick(10)
    assert p.state().view == A
    p.set_playing(True)
    p.tick(100)
    assert p.state().view == C and not p.playing


def test_apply_state_shows_the_named_layers():
    scene = load_scene(DEMO_SCENE)
    t = Tours.of(scene)["Découverte du centre"]
    apply_state(scene, t.state_at(t.duration))
    assert "Fréquentation (passages par heure)" in visible_layer_names(scene)
    assert "Bruit (capteurs LoRa)" not in visible_layer_names(scene)
    assert scene.camera.view == t.stops[-1].view
    apply_state(scene, t.state_at(0))
    assert visible_layer_names(scene) == t.stops[0].layers
    project = next(iter(Projects.of(scene)))
    shown = (project.name, project.variants[0].name)
    apply_state(scene, replace(t.state_at(0), variant=shown))
    assert Projects.of(scene).active == shown
    apply_state(scene, t.state_at(0))                              # None: left as it is
    assert Projects.of(scene).active == shown
    apply_state(scene, replace(t.state_at(0), variant=("Gone", "X")))   # removed since: kept
    assert Projects.of(scene).active == shown
    apply_state(scene, replace(t.state_at(0), variant=()))         # the town as it is
    assert Projects.of(scene).active is None
    evening = datetime(2026, 6, 21, 19, tzinfo=timezone.utc)
    assert not SunLight.of(scene).enabled
    apply_state(scene, replace(t.state_at(0), sun=evening))        # sun shadows of that instant
    assert SunLight.of(scene).enabled and scene.timeline.current == evening
    show_layers(scene, ["LiDAR HD (nuage de points)"])
    assert visible_layer_names(scene) == ("LiDAR HD (nuage de points)",)


def test_scene_tours_signal_and_order():
    scene = Scene()
    seen = []
    Tours.of(scene).changed.connect(lambda: seen.append(1))
    Tours.of(scene).add(Tour("a", [Stop(A)]))
    Tours.of(scene).add(Tour("b", [Stop(B)]))
    Tours.of(scene).replace("a", Tour("z", [Stop(C)]))
    assert list(Tours.of(scene)) == ["z", "b"] and len(seen) == 3
    with pytest.raises(ValueError, match="already"):
        Tours.of(scene).replace("z", Tour("b", [Stop(C)]))
    Tours.of(scene).remove("z")
    with pytest.raises(KeyError, match="this scene has: b"):
        Tours.of(scene)["z"]


def test_demo_tour():
    scene = load_scene(DEMO_SCENE)
    t = Tours.of(scene)["Découverte du centre"]
    assert 30 <= t.duration <= 50 and 4 <= len(t.stops) <= 5
    assert all(stop.caption.get("fr") and stop.caption.get("en") for stop in t.stops)
    assert t.stops[1].bookmark == "Grand Place" and t.stops[1].view == scene.bookmark("Grand Place").view


def test_scene_file_round_trip(tmp_path):
    scene = load_scene(DEMO_SCENE)
    when = datetime(2026, 6, 21, 18, tzinfo=timezone.utc)
    scene.add_bookmark(Bookmark("Soir", A, layers=("Parcelles",), time=when, variant=("Quartier", "B")))
    Tours.of(scene).add(Tour("Deux", [Stop(A, hold=1.5, caption={"fr": "a", "nl": "een"}, sun=when),
                                 Stop(B, flight=2, variant=("Quartier", "B")), Stop(C, variant=())], loop=True,
                        title={"fr": "Deux arrêts", "en": "Two stops"}))
    path = save_scene(scene, tmp_path / "s.toml")
    text = path.read_text()
    assert 'bookmark = "Grand Place"' in text and "caption_nl" in text
    again = load_scene(path)
    assert Tours.of(again) == Tours.of(scene)
    assert again.bookmark("Soir") == scene.bookmark("Soir")
    assert again.bookmark("Soir").time == when and again.bookmark("Soir").layers == ("Parcelles",)


def _read(tmp_path, tours: str):
    text = ('format = 1\n[[bookmarks]]\nname = "Ici"\nposition = [0.0, -10.0, 10.0]\n'
            'focal_point = [0.0, 0.0, 0.0]\n' + tours)
    return scene_from_toml(text, tmp_path / "s.toml")


@pytest.mark.parametrize("tours, line, key, what", [
    ('[[tours]]\nname = "T"\n[[tours.stops]]\nbookmark = "Là"\n', 9, "tours[0].stops[0].bookmark", "no bookmark"),
    ('[[tours]]\nname = "T"\n[[tours.stops]]\nbookmark = "Ici"\nhold = "long"\n', 10, "tours[0].stops[0].hold",
     "expected float"),
    ('[[tours]]\nname = "T"\n[[tours.stops]]\nbookmark = "Ici"\nspeed = 2\n', 10, "tours[0].stops[0].speed",
     "unknown key"),
    ('[[tours]]\nname = "T"\n[[tours.stops]]\nbookmark = "Ici"\n[[tours.stops]]\nbookmark = "Ici"\n'
     'time = "2026-06-21T10:00:00"\n', 12, "tours[0].stops[1].time", "no timezone"),
    ('[[tours]]\nname = "T"\n[[tours.stops]]\nbookmark = "Ici"\nposition = [1.0, 2.0, 3.0]\n', 10,
     "tours[0].stops[0].position", "either bookmark"),
    ('[[tours]]\nname = "T"\n[[tours.stops]]\nbookmark = "Ici"\nvariant = ["p"]\n', 10,
     "tours[0].stops[0].variant", "project"),
    ('[[tours]]\nname = "T"\nstops = []\n', 6, "tours[0]", "no stops"),
    ('[[tours]]\nname = "T"\n[[tours.stops]]\nbookmark = "Ici"\nhold = -2.0\n', 8, "tours[0].stops[0]",
     "hold must be"),
])
def test_scene_file_errors_name_key_and_line(tmp_path, tours, line, key, what):
    with pytest.raises(SceneFileError) as info:
        _read(tmp_path, tours)
    assert what in info.value.message
    assert info.value.line == line and info.value.key == key


def test_scene_file_title_table_and_caption_table(tmp_path):
    scene = _read(tmp_path, '[[tours]]\nname = "T"\ntitle = {fr = "Titre"}\ntitle_en = "Title"\n'
                            '[[tours.stops]]\nbookmark = "Ici"\ncaption = {fr = "Ici"}\n'
                            'time = 2026-06-21T10:00:00Z\n')
    t = Tours.of(scene)["T"]
    assert t.title == {"fr": "Titre", "en": "Title"} and t.stops[0].caption == {"fr": "Ici"}
    assert t.stops[0].time == datetime(2026, 6, 21, 10, tzinfo=timezone.utc)
