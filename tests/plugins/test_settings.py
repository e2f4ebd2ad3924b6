"""The settings file: read, written atomically, and a broken one never loses what it held."""

import pytest

from twin.core.settings import Settings, settings_path


def test_settings_round_trip_and_location(tmp_path, monkeypatch):
    monkeypatch.setenv("TWIN_CONFIG_DIR", str(tmp_path / "cfg"))
    assert settings_path() == tmp_path / "cfg" / "settings.toml"
    s = Settings.load()
    assert s.disabled_plugins == [] and s.error is None
    s.disabled_plugins = ["a", "b"]
    s.save()
    assert Settings.load().disabled_plugins == ["a", "b"]


@pytest.mark.parametrize("text", ["[plugins\ndisabled = [", "[plugins]\ndisabled = \"all\"\n",
                                  "plugins = 3\n", "\xff\xfe"])
def test_a_broken_settings_file_is_reported_and_kept_aside(tmp_path, text):
    path = tmp_path / "settings.toml"
    path.write_bytes(text.encode("latin-1"))
    with pytest.warns(UserWarning, match="cannot be read"):
        s = Settings.load(path)
    assert s.disabled_plugins == [] and str(path) in s.error
    s.disabled_plugins = ["x"]
    s.save()
    assert (tmp_path / "settings.toml.bad").read_bytes() == text.encode("latin-1")
    assert Settings.load(path).disabled_plugins == ["x"]


def test_the_window_language_is_kept_and_a_wrong_one_refused(tmp_path):
    path = tmp_path / "settings.toml"
    assert Settings.load(path).language is None          # none chosen: the system's
    Settings(language="fr", path=path).save()
    assert Settings.load(path).language == "fr"
    path.write_text('[app]\nlanguage = "fr; rm"\n')
    with pytest.warns(UserWarning, match="language must be a language code"):
        assert Settings.load(path).language is None


def test_the_view_quality_is_kept_and_a_wrong_one_refused(tmp_path):

    path = tmp_path / "settings.toml"
    s = Settings.load(path)
    assert s.view_quality == "auto"
    s.view_quality, s.disabled_plugins = "high", ["x"]
    s.save()
    assert Settings.load(path).view_quality == "high" and Settings.load(path).disabled_plugins == ["x"]
    path.write_text('[view]\nquality = "ultra"\n')
    with pytest.warns(UserWarning, match="quality must be one of auto, low, medium, high, not 'ultra'"):
        s = Settings.load(path)
    assert s.view_quality == "auto"


def test_conflicting_layer_kinds_and_commands(manager_with):
    from tests.plugins.conftest import ep
    m = manager_with(ep("a", "twin_example:plugin"), ep("b", "twin_example:plugin"))
    assert m.record("a").state == "enabled"
    assert m.record("b").state == "failed" and "claims .stations.csv" in m.record("b").reason
