"""A plugin's own section of the scene file: read, written back after twin's own, refused
when it claims a section another plugin or the scene itself has."""

import pytest

from tests.plugins.conftest import ep
from tests.plugins.sections import Notes
from twin.core.errors import SceneFileError
from twin.io.scene_file import load_scene, save_scene, scene_from_toml
from twin.present.tours import Tours

TEXT = """format = 1
name = "Notes"

[[tours]]
name = "Visite"

[[tours.stops]]
position = [0.0, -100.0, 100.0]
focal_point = [0.0, 0.0, 0.0]

[notes]
text = "Vérifier la hauteur du plot A"
authors = ["Service urbanisme"]
"""


def test_a_plugin_section_is_read_and_written_back_after_twins_own(manager_with, tmp_path):
    manager_with(ep("notes", "tests.plugins.sections:notes"))
    path = tmp_path / "notes.toml"
    path.write_text(TEXT, encoding="utf-8")
    scene = load_scene(path)
    assert scene.component("test.notes") == Notes("Vérifier la hauteur du plot A", ("Service urbanisme",))
    assert list(Tours.of(scene)) == ["Visite"]
    scene.component("test.notes").text = "Fait"
    text = save_scene(scene, tmp_path / "again.toml").read_text(encoding="utf-8")
    assert text.index("[notes]") > text.index("[[tours]]") and text.rstrip().endswith(
        '[notes]\ntext = "Fait"\nauthors = [\n    "Service urbanisme",\n]')
    assert load_scene(tmp_path / "again.toml").component("test.notes").text == "Fait"


def test_without_its_plugin_the_section_is_unknown(manager_with, tmp_path):
    manager_with(ep("notes", "tests.plugins.sections:notes"), disabled=["notes"])
    with pytest.raises(SceneFileError, match="line 11, key 'notes': unknown key 'notes'"):
        scene_from_toml(TEXT, tmp_path / "notes.toml")


@pytest.mark.parametrize("value, reason", [
    ("tests.plugins.sections:tour_thief", "its scene file section 'tours' is already read by plugin 'builtin-present'"),
    ("tests.plugins.sections:layers_thief", "its scene file section 'layers' is one of the scene's own"),
    ("tests.plugins.sections:name_thief", "its scene component 'projects' is already taken by plugin 'builtin-projects'"),
    ("tests.plugins.sections:twice", "register() raised TwinError: scene component 'test.b' is registered twice, "
                                     "or shares a section"),
])
def test_a_clashing_section_is_refused_with_the_reason(manager_with, tmp_path, value, reason):
    m = manager_with(ep("claimant", value))
    record = m.record("claimant")
    assert (record.state, record.reason) == ("failed", reason)
    assert m.record("builtin-present").state == "enabled"
    scene = scene_from_toml(TEXT.split("[notes]")[0], tmp_path / "t.toml")     # twin's own still read
    assert list(Tours.of(scene)) == ["Visite"]


def test_a_plugin_reader_that_breaks_gives_a_clear_error(manager_with, tmp_path):
    manager_with(ep("buggy-notes", "tests.plugins.sections:buggy"))
    with pytest.raises(SceneFileError) as info:
        scene_from_toml(TEXT, tmp_path / "notes.toml")
    assert info.value.key == "notes" and info.value.line == 11
    assert "plugin 'buggy-notes' failed to read this section (ZeroDivisionError: division by zero)" in info.value.message
    assert "report it to the plugin's authors" in info.value.message
