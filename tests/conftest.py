from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEST_PLUGINS = ROOT / ".test-plugins"   # the example plugin, installed by scripts/setup.sh test

# isolated settings and cache, and the example plugin on the path, before twin looks for
# plugins (subprocesses started by tests inherit all of it through the environment)
if TEST_PLUGINS.is_dir():
    sys.path.insert(0, str(TEST_PLUGINS))
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(TEST_PLUGINS), os.environ.get("PYTHONPATH")]))
SHARED = Path(os.environ.get("TWIN_SHARED_DATA", ROOT.parent / "shared" / "data"))
DEMO_SCENE = ROOT / "scenes" / "arras-centre.toml"

# Property-based tests (hypothesis, the tests named test_fuzz_*): in CI a fixed seed and a
# bounded budget, so a run is repeatable and its time known; scripts/fuzz.sh runs the
# "fuzz" profile, random and long. A failure found there becomes a regression test.
try:
    from hypothesis import HealthCheck, settings as _hypothesis
except ImportError:      # the fuzz tests then skip themselves (pytest.importorskip)
    pass
else:
    _hypothesis.register_profile("ci", derandomize=True, max_examples=60, deadline=None, database=None,
                                 suppress_health_check=[HealthCheck.too_slow], print_blob=True)
    _hypothesis.register_profile("fuzz", max_examples=5_000, deadline=None,
                                 suppress_health_check=[HealthCheck.too_slow], print_blob=True)
    _hypothesis.register_profile("fuzz-custom", parent=_hypothesis.get_profile("fuzz"),
                                 max_examples=int(os.environ.get("TWIN_FUZZ_EXAMPLES", "5000")))
    _hypothesis.load_profile(os.environ.get("TWIN_FUZZ_PROFILE", "ci"))


def pytest_addoption(parser):
    parser.addoption("--gui", choices=("run", "skip", "only"), default="run",
                     help="the GUI tests (tests/gui and those marked gui): run them with the others, "
                          "skip them, or run only them (scripts/test.sh runs the others in parallel, "
                          "then these one at a time)")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    gui_tests = ROOT / "tests" / "gui"
    for item in items:
        if gui_tests in item.path.parents:
            item.add_marker(pytest.mark.gui)
    mode = config.getoption("--gui")
    if mode != "run":
        chosen, dropped = [], []
        for item in items:
            wanted = (item.get_closest_marker("gui") is not None) == (mode == "only")
            (chosen if wanted else dropped).append(item)
        config.hook.pytest_deselected(items=dropped)
        items[:] = chosen


@pytest.fixture(autouse=True)
def english_model_after():
    """Every test starts with the model's texts and messages in English: a test or an
    in-process command (``twin render`` draws in French by default) that switches them must
    not leave French to the next test on the same worker."""
    yield
    from twin.core import i18n
    i18n.set_language("en")
    i18n.set_message_language(None)


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"real test data not found at {SHARED} (CI has ../shared/data beside the clone)")
    return SHARED


def needs_display():
    return pytest.mark.skipif(not os.environ.get("DISPLAY"),
                              reason="needs an X server: run under Xvfb (scripts/test.sh starts one)")


@pytest.fixture(scope="session")
def synthetic_copc(tmp_path_factory) -> Path:
    """A 600 k-point IGN-like tile, prepared into COPC by `twin prepare` (4 octree levels)."""
    from benchmarks.synthetic import write_tile
    from twin.lod.prepare import prepare_tile
    folder = tmp_path_factory.mktemp("copc")
    result = prepare_tile(write_tile(folder / "tile_0684_7022.laz", 600_000), folder / "prepared")
    assert result.error is None, result.error
    return result.output


_PRIVATE = Path(tempfile.mkdtemp(prefix="twin-tests-"))
os.environ["TWIN_CACHE_DIR"] = str(_PRIVATE / "cache")      # never ~/.cache
os.environ["TWIN_CONFIG_DIR"] = str(_PRIVATE / "config")    # never the user's settings


@pytest.fixture(scope="session")
def delivered(tmp_path_factory) -> Path:
    """Real files reshaped as IGN and Etalab deliver them (tests/delivered.py)."""
    if not SHARED.is_dir():
        pytest.skip(f"real test data not found at {SHARED}")
    from tests.delivered import build
    return build(SHARED, tmp_path_factory.mktemp("delivered"))
