"""Models and communes in the app: a mesh placed from the properties panel moves at once;
the Commune wizard builds, saves and opens a scene in the background."""

import numpy as np
import pytest

from tests.conftest import ROOT
from twin.core.layers import ModelLayer, Placement


@pytest.fixture
def window(demo_window):
    return demo_window((1000, 700), data="app")


def test_a_mesh_is_placed_from_the_properties_panel(window, qtbot, shared):
    layer = window.scene.add_layer(ModelLayer("Projet", source=shared / "buildings/lyon_obj/palais_de_justice.obj",
                                              placement=Placement(anchor=(684131.0, 7021537.0))))
    window.load_layers([layer])
    qtbot.waitUntil(lambda: window.loader is None, timeout=60000)
    assert layer.error is None, layer.error
    b0 = layer.data.bounds
    assert 60 < b0[2] < 80                                    # stood on Arras's DTM
    window.properties.set_layer(layer)
    edits = window.properties.placement_edits
    assert edits["x"].value() == pytest.approx(684131.0) and edits["ground"].isChecked()
    edits["x"].setValue(684231.0)                             # 100 m east
    edits["x"].editingFinished.emit()
    assert layer.placement.anchor == (684231.0, 7021537.0)
    qtbot.waitUntil(lambda: layer.data.bounds[0] > b0[0] + 99, timeout=3000)
    visual = window.mirror.visuals[id(layer)]
    actor_bounds = visual.actors[0].GetBounds()
    assert actor_bounds[0] + window.scene.origin[0] == pytest.approx(layer.data.bounds[0], abs=0.05)
    window.properties.placement_edits["rotation"].setValue(90.0)
    window.properties.placement_edits["rotation"].editingFinished.emit()
    b = layer.data.bounds
    assert (b[3] - b[0]) == pytest.approx(b0[4] - b0[1], abs=0.5)   # turned a quarter: width ↔ depth
    window.properties.placement_edits["ground"].setChecked(False)   # now at the given altitude (0)
    assert len(layer.placement.anchor) == 3 and layer.data.bounds[2] < 0


def test_the_commune_wizard_builds_and_opens_a_scene(window, qtbot, tmp_path):
    out = tmp_path / "arras.toml"
    task = window.new_scene_from_folder(str(ROOT / "assets/demo/arras-centre"), str(out))
    qtbot.waitUntil(lambda: out.is_file() and getattr(window, "_other", None) is not None, timeout=60000)
    other = window._other
    qtbot.addWidget(other)
    assert task is not None and other.scene.name == "arras-centre"
    assert {layer.name for layer in other.scene.data_layers()} >= {"Terrain", "Parcelles", "Bâtiments (LoD1)"}
    assert "bruit.csv" in other.skipped_box.text()                      # every file accounted for
    qtbot.waitUntil(lambda: other.loader is None, timeout=60000)
    assert all(layer.error is None for layer in other.scene.data_layers())
    other.close()


def test_colour_by_attribute_from_the_properties_panel(window, qtbot):
    from vtk.util.numpy_support import vtk_to_numpy
    layer = window.scene.layers.find("Bâtiments (LoD1)")
    window.properties.set_layer(layer)
    panel = window.properties
    panel.thematic_field.setCurrentIndex(panel.thematic_field.findData("hauteur"))
    assert layer.style.color_by == "attribute" and layer.style.color_field == "hauteur"
    qtbot.wait(50)                                 # the form is rebuilt after a style change
    panel.thematic_method.setCurrentText("jenks")
    assert layer.style.classify == "jenks"
    assert "Bâtiments (LoD1): hauteur" in [legend.title for legend in window.mirror.legends.shown]
    rgb = vtk_to_numpy(window.mirror.visuals[id(layer)].actors[0].GetMapper().GetInput().GetCellData().GetArray("rgb"))
    assert len(np.unique(rgb, axis=0)) >= 8        # 5 classes, roofs and walls apart
    qtbot.wait(50)
    panel.thematic_field.setCurrentIndex(0)        # back to one colour
    assert layer.style.color_by == "solid"
    assert not any(legend.title.startswith("Bâtiments") for legend in window.mirror.legends.shown)


def test_labels_and_a_join_from_the_properties_panel(window, qtbot, tmp_path):
    """A planner labels the parcels and joins a spreadsheet by parcel id from the panel:
    the preview tells what matched before anything changes, then the layer is read again
    with the joined column and the join is kept in the scene."""
    layer = window.scene.layers.find("Parcelles")
    ids = layer.data.table.frame["id"].head(3).tolist()
    table = tmp_path / "proprietaires.csv"
    table.write_text("parcelle;statut\n" + "".join(f"{i};public\n" for i in ids) + "62041000ZZ9999;privé\n",
                     encoding="utf-8")
    window.properties.set_layer(layer)
    panel = window.properties
    panel.label_field.setCurrentIndex(panel.label_field.findData("numero"))
    assert layer.style.label_field == "numero"
    qtbot.wait(50)

    dialog = panel.join_table(layer)
    dialog.path.setText(str(table))
    dialog._read_columns()
    dialog.key.setCurrentText("id")
    dialog.table_key.setCurrentText("parcelle")
    assert dialog.preview()
    assert "3" in dialog.result.text() and "1" in dialog.result.text()   # 3 matched, 1 unmatched row
    assert layer.join is None                                            # a preview changes nothing
    dialog.table_key.setCurrentText("statut")                            # a wrong key: told, not joined
    dialog.accept()
    assert layer.join is None and dialog.isVisible()
    dialog.table_key.setCurrentText("parcelle")
    dialog.accept()
    assert layer.join is not None and layer.join.key == "id"
    qtbot.waitUntil(lambda: layer.data is not None and "statut" in layer.data.table.frame.columns, timeout=30000)
    assert (layer.data.table.frame["statut"] == "public").sum() == 3
