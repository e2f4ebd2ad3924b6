"""Faults isolated: each broken plugin is marked with its reason, the others work."""

import pytest

from tests.plugins.conftest import ep
from twin.core.contrib import api_version
from twin.core.layers import VectorLayer
from twin.io.loading import load_scene_data
from twin.core.plugins import _version_ok
from twin.io.registry import file_info, registry
from twin.core.scene import Scene


def test_every_kind_of_broken_plugin_is_isolated(manager_with, shared):
    m = manager_with(ep("bad-import", "tests.plugins.raises_on_import:plugin"),
                     ep("las-thief", "tests.plugins.faulty:conflicting"),
                     ep("from-the-future", "tests.plugins.faulty:newer_api"),
                     ep("raises-in-register", "tests.plugins.faulty:raising_register"),
                     ep("not-a-plugin", "tests.plugins.faulty:not_a_plugin"),
                     ep("kind-thief", "tests.plugins.faulty:kind_thief"))
    state = {r.name: (r.state, r.reason) for r in m.records}
    assert state["builtin-importers"] == ("enabled", None)
    assert state["bad-import"][0] == "failed" and "raises on import (ImportError: this plugin needs" in state["bad-import"][1]
    assert state["las-thief"][0] == "failed" and "claims .las, already read by plugin 'builtin-importers'" in state["las-thief"][1]
    assert state["from-the-future"] == ("failed", f"needs plugin API 1.7, this twin provides {api_version()} — update twin")
    assert "register() raised ValueError: register() is not ready" in state["raises-in-register"][1]
    assert "names dict, not a twin.api.Plugin" in state["not-a-plugin"][1]
    assert state["kind-thief"] == ("failed", "its layer kind 'terrain' is one of twin's own")
    # the others work: a LAS file is still read by the built-in importer, .thief by nobody
    assert registry().find(shared / "lidar/pdalign__bat.laz").name == "pointcloud"
    assert file_info(shared / "lidar/pdalign__bat.laz").count == 137379
    assert not any(".thief" in s for s in registry().suffixes())


def test_a_contribution_that_raises_switches_its_plugin_off(manager_with, tmp_path, shared):
    m = manager_with(ep("broken-reader", "tests.plugins.faulty:raising_contribution"))
    broken = tmp_path / "data.broken"
    broken.write_text("anything")
    scene = Scene()
    scene.add_layer(VectorLayer("broken", source=broken))
    scene.add_layer(VectorLayer("parcels", source=shared / "cadastre/etalab_cadastre-75118-parcelles.json"))
    bad, good = load_scene_data(scene)
    assert "importer 'broken-reader' raised RuntimeError in read(): division by zero" in bad.error
    assert "bug in that importer" in bad.error and good.error is None
    record = m.record("broken-reader")
    assert record.state == "failed" and "division by zero" in record.reason
    assert ".broken" not in registry().suffixes()        # off for the rest of the session


def test_disabled_in_settings_is_not_even_imported(manager_with):
    m = manager_with(ep("bad-import", "tests.plugins.raises_on_import:plugin"), disabled=["bad-import"])
    assert m.record("bad-import").state == "disabled" and m.record("bad-import").reason == "disabled in the settings"


def test_api_versions():
    assert _version_ok("1.0") is None and _version_ok("1") is None
    assert "update the plugin" in _version_ok("0.9")
    assert "update twin" in _version_ok("2.0")
    assert "unreadable" in _version_ok("one")


def test_unknown_plugin_name_lists_the_installed(manager_with):
    m = manager_with()
    with pytest.raises(KeyError, match="installed: builtin-importers"):
        m.set_enabled("nope", False)


def test_builtin_plugins_cannot_be_failed_by_one_bad_file(manager_with):
    m = manager_with()
    importer = registry().loaded()[0]
    m.fail(importer, "a bug on one file")
    assert m.record("builtin-importers").state == "enabled"
