"""Property-based tests of the scene-file parser: any text, and the demo scene with a few
of its values replaced, removed or added at random. The parser reads a scene or says
what is wrong (a SceneFileError naming the file), never a traceback; what it reads is
written back and read again unchanged."""

import copy
import tomllib
from datetime import date, timezone

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import example, given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
import tomli_w  # noqa: E402

from tests.conftest import DEMO_SCENE  # noqa: E402
from twin.core.errors import TwinError  # noqa: E402
from twin.io.scene_file import save_scene, scene_from_toml  # noqa: E402

BASE = tomllib.loads(DEMO_SCENE.read_text(encoding="utf-8"))
FILE = DEMO_SCENE          # relative sources resolve as the demo's: the parser does not read them

toml_leaf = st.one_of(st.booleans(), st.integers(-2 ** 63, 2 ** 63 - 1), st.floats(allow_nan=True),
                      st.text(max_size=16), st.datetimes(timezones=st.just(timezone.utc)), st.dates(), st.times(),
                      st.sampled_from(["EPSG:2154", "EPSG:4326", "sensors", "buildings", "terrain",
                                       "2026-06-21T10:00:00Z", "PT1H", "-P1D", ""]))
toml_value = st.recursive(toml_leaf, lambda inner: st.lists(inner, max_size=3)
                          | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)


@st.composite
def mutated_scenes(draw) -> dict:
    doc = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        parent, key = None, None
        node = doc
        while isinstance(node, (dict, list)) and node and (parent is None or draw(st.booleans())):
            keys = sorted(node) if isinstance(node, dict) else list(range(len(node)))
            parent, key = node, draw(st.sampled_from(keys))
            node = parent[key]
        if parent is None:
            continue
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "replace":
            parent[key] = draw(toml_value)
        elif action == "remove" and isinstance(parent, dict):
            del parent[key]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=8))] = draw(toml_value)
    return doc


def _read(text: str):
    try:
        return scene_from_toml(text, FILE)
    except TwinError as exc:
        assert DEMO_SCENE.name in exc.message, exc.message
        return None


@given(st.text(max_size=400))
@example('format = 1\n[[layers]]\nname = "a"\nkind = "vector"\nsource = "a.gpkg"\nopacity = nan\n')
def test_fuzz_any_text(text):
    _read(text)


@given(doc=mutated_scenes())
@example(doc={**BASE, "bookmarks": [False]})   # found by fuzzing: a bookmark not a table was a TypeError
@example(doc={**BASE, "camera": {**BASE["camera"], "focal_point": [date(2000, 1, 1)]}})   # found: TypeError
def test_fuzz_demo_scene_mutated(doc, tmp_path_factory):
    text = tomli_w.dumps(doc)
    scene = _read(text)
    if scene is None:
        return
    out = tmp_path_factory.mktemp("saved") / DEMO_SCENE.name
    save_scene(scene, out)
    again = scene_from_toml(out.read_text(encoding="utf-8"), out)        # what was written reads back
    assert [layer.name for layer in again.layers] == [layer.name for layer in scene.layers]
    assert again.crs == scene.crs
    timeline = lambda t: (t.current, t.start, t.end, t.speed, t.loop, t.live)
    assert timeline(again.timeline) == timeline(scene.timeline)


def test_the_demo_scene_itself_reads():
    assert _read(tomli_w.dumps(BASE)) is not None
