"""Plugins that hang are stopped waiting for after a time limit and switched off with the
reason; twin goes on: the other plugins, the other layers, a second load of the scene."""

import time

import pytest

from tests.plugins import hanging
from tests.plugins.conftest import ep
from twin.core import watchdog
from twin.core.layers import VectorLayer
from twin.core.plugins import PluginManager
from twin.core.scene import Scene
from twin.io.loading import load_scene_data

PARCELS = "cadastre/etalab_cadastre-75118-parcelles.json"


@pytest.fixture
def limits(monkeypatch):
    monkeypatch.setattr(PluginManager, "import_limit_s", 1.0)
    monkeypatch.setattr(watchdog, "BUILD_LIMIT_S", 1.5)
    hanging.RELEASE.clear()
    yield
    hanging.RELEASE.set()          # let the abandoned threads end


def test_a_plugin_hanging_on_import_or_in_register_is_switched_off(manager_with, limits):
    began = time.monotonic()
    m = manager_with(ep("stuck-import", "tests.plugins.hangs_on_import:plugin"),
                     ep("stuck-register", "tests.plugins.hanging:hangs_in_register"),
                     ep("xyz-ground", "tests.plugins.xyz_ground:plugin"))
    assert time.monotonic() - began < 6          # two limits of 1 s, not for ever
    state = {r.name: (r.state, r.reason) for r in m.records}
    assert state["stuck-import"] == ("failed", "hangs on import (not done after 1 s): switched off for this session")
    assert state["stuck-register"][0] == "failed" and "hangs in register()" in state["stuck-register"][1]
    assert state["xyz-ground"] == ("enabled", None) and state["builtin-importers"] == ("enabled", None)


def test_a_layer_build_that_hangs_fails_alone(manager_with, limits, shared):
    m = manager_with(ep("stuck-build", "tests.plugins.hanging:plugin"))
    assert m.record("stuck-build").state == "enabled", m.record("stuck-build").reason
    scene = Scene()
    scene.add_layer(hanging.StuckLayer("stuck", source=shared / PARCELS))
    scene.add_layer(VectorLayer("parcels", source=shared / PARCELS))
    began = time.monotonic()
    stuck, parcels = load_scene_data(scene)
    assert time.monotonic() - began < 20
    assert parcels.error is None and parcels.data is not None          # the rest of the scene loads
    assert "plugin 'stuck-build' did not finish building layer 'stuck' within 1.5 s" in stuck.error
    assert stuck.data is None
    record = m.record("stuck-build")
    assert record.state == "failed" and "hung building layer 'stuck'" in record.reason
    # loaded again (a scene reopened): refused at once, with the reason, no second wait
    began = time.monotonic()
    [again] = load_scene_data(scene, layers=[scene.layers.find("stuck")])
    assert time.monotonic() - began < 1.0
    assert "needs plugin 'stuck-build', which is switched off (hung building" in again.error


def test_run_limited_hands_back_values_and_errors():
    assert watchdog.run_limited(lambda: 42, 5, "answering") == 42
    with pytest.raises(ZeroDivisionError):
        watchdog.run_limited(lambda: 1 / 0, 5, "dividing")
    with pytest.raises(watchdog.TimeLimit, match="sleeping did not finish within 0.2 s"):
        watchdog.run_limited(lambda: time.sleep(3), 0.2, "sleeping")
