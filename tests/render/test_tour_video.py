"""Tour export: an MP4 read back frame by frame, stills, and a cancel that leaves nothing."""

import numpy as np
import pytest

from tests.conftest import DEMO_SCENE
from twin._vtk.tour_video import export_tour, frame_count, parse_size
from twin.core.errors import Canceled, TwinError
from twin.core.feedback import Feedback
from twin.io.loading import apply_results, load_scene_data
from twin.io.scene_file import load_scene
from twin.present.tours import Stop, Tour, Tours

SIZE = (320, 180)     # a 1080p frame costs ~0.3 s on llvmpipe; the pixels tell the same story
FPS = 25


@pytest.fixture(scope="module")
def demo():
    scene = load_scene(DEMO_SCENE)
    apply_results(load_scene_data(scene))
    return scene


def _short_tour(scene) -> Tour:
    """Grand Place → Place des Héros (about 200 m): 0.4 s held, a 2 s flight, 0.4 s held."""
    return Tour("short", [Stop(scene.bookmark("Grand Place").view, hold=0.4, caption={"fr": "Un"}),
                          Stop(scene.bookmark("Place des Héros").view, hold=0.4, flight=2.0,
                               caption={"fr": "Deux"})])


def _frames(path) -> np.ndarray:
    import imageio_ffmpeg
    reader = imageio_ffmpeg.read_frames(str(path))
    meta = next(reader)
    w, h = meta["size"]
    assert (w, h) == SIZE
    return np.array([np.frombuffer(f, np.uint8).reshape(h, w, 3) for f in reader]).astype(np.int16)


def test_mp4_has_duration_times_fps_frames_and_stills(demo, tmp_path):
    tour = _short_tour(demo)
    out = tmp_path / "tour.mp4"
    seen = []
    result = export_tour(demo, tour, out, tmp_path / "stills", size=SIZE, fps=FPS,
                         feedback=Feedback(on_progress=lambda f, t: seen.append(f)))
    assert result.video == out and out.exists()
    frames = _frames(out)
    assert len(frames) == frame_count(tour, FPS) == round(tour.duration * FPS) == 70
    assert seen[-1] == 1.0 and seen == sorted(seen)

    step = np.abs(np.diff(frames, axis=0)).mean(axis=(1, 2, 3))
    hold_a, flight, hold_b = 10, range(10, 60), range(61, 69)
    assert step[:hold_a - 1].max() < 0.5 and step[list(hold_b)].max() < 0.5   # held: still
    assert step[list(flight)].min() > 0.5                   # flying: no frame repeats the last

    assert [p.name for p in result.stills] == ["01-un.png", "02-deux.png"]
    import imageio.v3 as iio
    first, second = (iio.imread(p)[..., :3].astype(np.int16) for p in result.stills)
    assert first.shape == (SIZE[1], SIZE[0], 3)
    assert np.abs(first - frames[0]).mean() < 6       # the held view (the video is lossy)
    assert np.abs(second - frames[-1]).mean() < 6
    assert not list(tmp_path.glob(".*partial*")) and not list((tmp_path / "stills").glob(".*"))


def test_captions_are_burnt_into_held_frames_only_when_asked(demo, tmp_path):
    """A video shown without the app carries the stop's caption: a dark band with white
    text at the bottom centre of the frames held at a stop."""
    import imageio.v3 as iio
    tour = _short_tour(demo)
    plain = export_tour(demo, tour, stills=tmp_path / "plain", size=SIZE, fps=FPS).stills[0]
    captioned = export_tour(demo, tour, stills=tmp_path / "cap", size=SIZE, fps=FPS, captions=True).stills[0]
    a, b = (iio.imread(p)[..., :3].astype(np.int16) for p in (plain, captioned))
    h, w = a.shape[:2]
    rows, cols = np.nonzero(np.abs(a - b).max(axis=2) > 40)
    assert len(rows) > 50                                                  # a caption was drawn...
    assert rows.min() > 0.8 * h and abs((cols.min() + cols.max()) / 2 - w / 2) < 3   # ...at the bottom centre
    pixels = b[rows.min():rows.max() + 1, cols.min():cols.max() + 1].reshape(-1, 3)
    assert (pixels.max(axis=1) < 60).mean() > 0.3 and (pixels.min(axis=1) > 200).any()   # white on dark


def test_cancel_leaves_no_file(demo, tmp_path):
    feedback = Feedback()
    count = []

    def progress(fraction, text):
        count.append(fraction)
        if len(count) == 5:
            feedback.cancel()
    feedback._on_progress = progress
    visible = [layer.visible for layer in demo.layers.walk()]
    with pytest.raises(Canceled):
        export_tour(demo, _short_tour(demo), tmp_path / "tour.mp4", tmp_path / "stills", size=SIZE,
                    fps=FPS, feedback=feedback)
    assert list(tmp_path.rglob("*.*")) == []
    assert [layer.visible for layer in demo.layers.walk()] == visible


def test_export_puts_the_scene_back_and_sizes_are_checked(demo, tmp_path):
    tour = Tours.of(demo)["Découverte du centre"]
    short = Tour("last two", tour.stops[2:], title=tour.title)      # the last stop shows footfall
    before = {layer.name: layer.visible for layer in demo.layers.walk()}
    result = export_tour(demo, short, None, tmp_path, size=(64, 36), fps=FPS)
    assert len(result.stills) == 2 and result.video is None
    assert {layer.name: layer.visible for layer in demo.layers.walk()} == before
    assert parse_size("1080p") == (1920, 1080) and parse_size("4K") == (3840, 2160)
    assert parse_size("640x360") == (640, 360)
    for bad in ("641x360", "huge", "8x8"):
        with pytest.raises(TwinError):
            parse_size(bad)
    with pytest.raises(TwinError, match="even"):
        export_tour(demo, short, tmp_path / "x.mp4", size=(321, 180))


def _steps(frames: np.ndarray) -> np.ndarray:
    """Mean absolute difference between consecutive frames (0–255)."""
    return np.abs(np.diff(frames, axis=0)).mean(axis=(1, 2, 3))


def _jumps(steps: np.ndarray, flight: slice) -> float:
    """The largest frame-to-frame change of a flight, in units of its mean change."""
    return float(steps[flight].max() / steps[flight].mean())


def test_flight_has_no_jump(tmp_path):
    """Three plain blocks on the sky, so that the change between frames follows the camera's
    motion (the demo's roofs alias: any motion there changes every pixel).

    The bound: a smoothstep flight peaks at 1.5× its mean speed; perspective lets image change
    stray from camera motion a little more, so no step may exceed 2.5× the flight's mean step.
    A jump (frames skipped or a cut) concentrates many steps' change into one and breaks it,
    as the spliced sequence below shows."""
    import geopandas as gpd
    import shapely

    from twin.core.camera import View
    from twin.core.layers import BuildingsLayer
    from twin.core.scene import Scene
    x, y = 684100.0, 7021500.0
    blocks = gpd.GeoDataFrame({"hauteur": [60.0, 30.0, 45.0]}, crs="EPSG:2154", geometry=[
        shapely.box(x - 20, y - 20, x + 20, y + 20), shapely.box(x + 60, y - 10, x + 90, y + 20),
        shapely.box(x - 90, y + 30, x - 50, y + 70)])
    blocks.to_file(tmp_path / "blocks.gpkg")
    scene = Scene()
    scene.add_layer(BuildingsLayer("blocks", source=tmp_path / "blocks.gpkg"))
    apply_results(load_scene_data(scene))
    tour = Tour("around", [Stop(View((x, y - 400, 150), (x, y, 20)), hold=0.4),
                           Stop(View((x + 300, y + 50, 100), (x, y, 30)), hold=0.4, flight=2.0)])
    export_tour(scene, tour, tmp_path / "around.mp4", size=SIZE, fps=FPS)
    frames = _frames(tmp_path / "around.mp4")
    steps = _steps(frames)
    flight = slice(10, 60)
    assert steps[11:59].min() > 0.05       # every frame moves (but the flight's very ends, eased to rest)
    assert _jumps(steps, flight) < 2.5
    spliced = np.concatenate([frames[:30], frames[36:]])     # five frames lost mid-flight
    assert _jumps(_steps(spliced), slice(10, 55)) > 2.5


def _twin(*args, **kwargs):
    import subprocess
    import sys
    return subprocess.Popen([sys.executable, "-m", "twin", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)


def test_cli_exports_video_and_stills(tmp_path):
    proc = _twin("tour-export", DEMO_SCENE, "--tour", "Découverte du centre", "--out", tmp_path / "t.mp4",
                 "--size", "64x36", "--fps", "1", "--stills")
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    import imageio_ffmpeg
    assert imageio_ffmpeg.count_frames_and_secs(str(tmp_path / "t.mp4"))[0] == 39
    assert len(list((tmp_path / "t-stills").glob("*.png"))) == 4
    assert "39 frames" in out
    proc = _twin("tour-export", DEMO_SCENE, "--tour", "Nope", "--out", tmp_path / "x.mp4")
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 2 and "no tour named 'Nope'" in err and "Découverte du centre" in err


def test_cli_ctrl_c_leaves_no_file(tmp_path):
    import signal
    import time
    proc = _twin("tour-export", DEMO_SCENE, "--tour", "Découverte du centre", "--out", tmp_path / "t.mp4",
                 "--size", "320x180", "--fps", "25")
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".t.*.partial.mp4")) and time.monotonic() < deadline:
        time.sleep(0.2)                        # the scene loads, then frames are written aside
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130 and "nothing written" in err
    assert list(tmp_path.iterdir()) == []
