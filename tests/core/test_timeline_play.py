"""The timeline plays, loops, stops at its end, or follows the present (no Qt)."""

from datetime import datetime, timezone

import pytest

from twin.core.timeline import Timeline

UTC = timezone.utc


def test_playing_advances_by_speed_and_loops():
    t = Timeline(datetime(2026, 6, 21, 22, tzinfo=UTC), start=datetime(2026, 6, 21, tzinfo=UTC),
                 end=datetime(2026, 6, 22, tzinfo=UTC), speed=3600.0)
    seen = []
    t.events.current.connect(seen.append)
    t.tick(1.0)
    assert t.current == datetime(2026, 6, 21, 22, tzinfo=UTC) and not seen      # paused
    t.playing = True
    t.tick(1.5)
    assert t.current == datetime(2026, 6, 21, 23, 30, tzinfo=UTC) and len(seen) == 1
    t.tick(1.0)                                      # past the end: back to the start
    assert t.current == datetime(2026, 6, 21, tzinfo=UTC) and t.playing
    t.loop = False
    t.tick(30.0)
    assert t.current == datetime(2026, 6, 22, tzinfo=UTC) and not t.playing


def test_live_pins_it_to_the_present():
    t = Timeline(datetime(2020, 1, 1, tzinfo=UTC), live=True, playing=True)
    t.tick(0.1, now=datetime(2026, 11, 24, 14, 0, 5, 123456, tzinfo=UTC))
    assert t.current == datetime(2026, 11, 24, 14, 0, 5, tzinfo=UTC)


def test_bad_speed_is_refused():
    with pytest.raises(ValueError, match="speed must be positive"):
        Timeline(datetime(2026, 1, 1, tzinfo=UTC), speed=0)


def test_play_settings_survive_the_scene_file(tmp_path):
    from twin.core.scene import Scene
    from twin.io.scene_file import load_scene, save_scene
    scene = Scene()
    scene.timeline = Timeline(datetime(2026, 6, 21, 10, tzinfo=UTC), speed=600.0, loop=False, live=True)
    save_scene(scene, tmp_path / "s.toml")
    again = load_scene(tmp_path / "s.toml").timeline
    assert (again.speed, again.loop, again.live, again.playing) == (600.0, False, True, False)
