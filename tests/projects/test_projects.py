"""Urban projects: edits and their validation, undo/redo, the buildings of a variant,
and the scene file keys (round trip, errors naming key and line)."""

from __future__ import annotations

import pytest
import shapely
from shapely.geometry import Polygon

from tests.conftest import DEMO_SCENE
from tests.projects.urban_scene import X0, Y0, buildings_frame, parcels_frame, town
from twin.core.errors import SceneFileError, TwinError
from twin.core.layers import Placement
from twin.projects.states import variant_buildings
from twin.projects.town import building_ids
from twin.projects.edits import BASELINE, Demolish, EditError, NewBuilding, PlacedModel, SetHeight
from twin.projects.model import Project, Projects, Variant
from twin.core.scene import Scene
from twin.io.scene_file import load_scene, save_scene, scene_from_toml, scene_to_dict
from twin.projects.plu import PluRules, PluZone

BOX = shapely.box(X0 + 100, Y0 + 100, X0 + 120, Y0 + 110)     # 20 m × 10 m, inside the town
BOWTIE = Polygon([(X0 + 100, Y0 + 100), (X0 + 120, Y0 + 110), (X0 + 120, Y0 + 100), (X0 + 100, Y0 + 110)])
CUBE_OBJ = "\n".join(
    [f"v {x} {y} {z}" for x in (0, 10) for y in (0, 8) for z in (0, 6)]
    + ["f 1 3 4 2", "f 5 6 8 7", "f 1 2 6 5", "f 3 7 8 4", "f 1 5 7 3", "f 2 4 8 6"]) + "\n"


def with_project(scene: Scene, *edits) -> Scene:
    Projects.of(scene).add_project(Project("P", [Variant("A", list(edits))]))
    return scene


def snapshot(scene: Scene):
    return list(Projects.of(scene)), Projects.of(scene).history.can_undo


# -- edits ------------------------------------------------------------------------------------

def test_new_building_height_from_floors_or_given():
    b = NewBuilding("n1", BOX, floors=4)
    assert b.total_height == 12.0 and b.levels == 4
    assert NewBuilding("n2", BOX, height=10.0).levels == 3       # whole storeys of 3 m
    gable = NewBuilding("n3", BOX, height=12.0, roof="gable", roof_pitch=45.0)
    assert gable.eaves_height == pytest.approx(7.0)            # a 10 m wide roof at 45° rises 5 m
    assert gable.levels == 2


def test_self_intersecting_footprint_is_refused_not_repaired():
    with pytest.raises(EditError, match="crosses itself") as err:
        NewBuilding("n1", BOWTIE, height=9.0)
    assert "not repaired" in err.value.message


@pytest.mark.parametrize("kwargs, message", [
    ({"height": 0.0}, "positive"), ({"height": -3.0}, "positive"), ({"floors": 0}, "floors"),
    ({"height": float("nan")}, "positive"), ({}, "height or a number of floors"),
    ({"height": 3.0, "roof": "gable", "roof_pitch": 60.0}, "rises"), ({"height": 9.0, "roof": "dome"}, "roof type"),
])
def test_bad_heights_and_roofs_are_refused(kwargs, message):
    with pytest.raises(EditError, match=message):
        NewBuilding("n1", BOX, **kwargs)


def test_set_height_must_be_positive():
    with pytest.raises(EditError, match="positive"):
        SetHeight("h1", "BAT1", -1.0)


def test_refused_edits_leave_the_model_untouched():
    scene = with_project(town())
    before = snapshot(scene)
    changes = []
    Projects.of(scene).changed.connect(changes.append)
    outside = shapely.box(X0 + 500, Y0, X0 + 520, Y0 + 10)
    with pytest.raises(EditError, match="outside the scene"):
        Projects.of(scene).add_edit("P", "A", NewBuilding("n1", outside, height=9.0))
    with pytest.raises(EditError, match="no building with id 'NOPE'"):
        Projects.of(scene).add_edit("P", "A", Demolish("d1", ("NOPE",)))
    with pytest.raises(EditError, match="no building"):
        Projects.of(scene).add_edit("P", "A", SetHeight("h1", "NOPE", 12.0))
    assert snapshot(scene) == before and changes == []
    assert len(Projects.of(scene).history._undo) == 1     # only the project's creation


def test_model_edits_must_read_and_place(tmp_path):
    scene = with_project(town())
    good = tmp_path / "cube.obj"
    good.write_text(CUBE_OBJ)
    bad = tmp_path / "broken.glb"
    bad.write_bytes(b"glTF" + b"\x00" * 40)
    before = snapshot(scene)
    with pytest.raises(EditError, match="no anchor"):
        PlacedModel("m1", good, Placement())
    with pytest.raises(TwinError, match="cannot be read"):
        Projects.of(scene).add_edit("P", "A", PlacedModel("m1", bad, Placement(anchor=(X0 + 50, Y0 + 50))))
    with pytest.raises(EditError, match="outside the scene"):
        Projects.of(scene).add_edit("P", "A", PlacedModel("m1", good, Placement(anchor=(X0 + 5000, Y0))))
    with pytest.raises(EditError, match="not found"):
        Projects.of(scene).add_edit("P", "A", PlacedModel("m1", tmp_path / "none.obj", Placement(anchor=(X0, Y0))))
    assert snapshot(scene) == before
    Projects.of(scene).add_edit("P", "A", PlacedModel("m1", good, Placement(anchor=(X0 + 50, Y0 + 50))))
    bs = variant_buildings(scene, "P", "A")
    row = list(bs.ids).index("m1")
    assert bs.status[row] == "model" and bs.heights[row] == pytest.approx(6.0)
    assert bs.footprints[row].area == pytest.approx(80.0)
    assert bs.base_z[row] == pytest.approx(50.5, abs=0.01)     # its lowest point on the ground at x + 50


def test_names_and_ids_must_be_unique_and_baseline_is_reserved():
    with pytest.raises(EditError, match="used twice"):
        Variant("A", [Demolish("d", ("BAT1",)), Demolish("d", ("BAT2",))])
    with pytest.raises(EditError, match="existing town"):
        Variant(BASELINE)
    scene = with_project(town())
    with pytest.raises(EditError, match="already named"):
        Projects.of(scene).add_project(Project("P"))


# -- undo / redo ----------------------------------------------------------------------------

def test_undo_redo_sequence_and_signals():
    scene = town()
    p = Projects.of(scene)
    changed, history = [], []
    p.changed.connect(changed.append)
    p.history.changed.connect(lambda: history.append((p.history.can_undo, p.history.can_redo)))
    p.add_project(Project("P", [Variant("A")]))
    p.add_edit("P", "A", NewBuilding("n1", BOX, floors=4))
    p.replace_edit("P", "A", NewBuilding("n1", BOX, floors=6))
    p.add_edit("P", "A", Demolish("d1", ("BAT1",)))
    assert p.variant("P", "A").edit("n1").floors == 6
    assert changed == ["P"] * 4 and history[-1] == (True, False)
    assert p.history.undo_text == "Add demolition d1"

    assert p.history.undo() and p.history.undo()
    assert [e.id for e in p.variant("P", "A").edits] == ["n1"] and p.variant("P", "A").edit("n1").floors == 4
    assert p.history.can_redo and p.history.redo_text == "Change building n1"
    assert p.history.redo()
    assert p.variant("P", "A").edit("n1").floors == 6
    p.remove_edit("P", "A", "n1")                    # a new change drops what could be redone
    assert not p.history.can_redo and p.variant("P", "A").edits == ()
    while p.history.undo():
        pass
    assert len(p) == 0 and not p.history.can_undo and history[-1] == (False, True)
    assert not p.history.undo()


def test_active_variant_switches_and_falls_back_to_baseline():
    scene = with_project(town())
    seen = []
    Projects.of(scene).active_changed.connect(seen.append)
    Projects.of(scene).add_variant("P", Variant("B"))
    Projects.of(scene).active = ("P", "B")
    assert Projects.of(scene).active == ("P", "B") and seen == [("P", "B")]
    with pytest.raises(KeyError, match="no variant 'C'"):
        Projects.of(scene).active = ("P", "C")
    Projects.of(scene).history.undo()                    # the variant B goes: back to the baseline
    assert Projects.of(scene).active is None and seen == [("P", "B"), None]
    Projects.of(scene).history.redo()
    Projects.of(scene).active = ("P", "B")
    Projects.of(scene).rename_variant("P", "B", "B bis")
    assert Projects.of(scene).active is None


def test_copy_variant_starts_from_its_edits():
    scene = with_project(town(), Demolish("d1", ("BAT1",)))
    Projects.of(scene).copy_variant("P", "A", "B")
    Projects.of(scene).add_edit("P", "B", SetHeight("h1", "BAT2", 15.0))
    assert [e.id for e in Projects.of(scene).variant("P", "B").edits] == ["d1", "h1"]
    assert [e.id for e in Projects.of(scene).variant("P", "A").edits] == ["d1"]


# -- the buildings of a state -----------------------------------------------------------------

def test_baseline_and_variant_buildings():
    scene = with_project(town(), Demolish("d1", ("BAT1",)), SetHeight("h1", "BAT2", 6.0),
                         NewBuilding("n1", BOX, floors=4, roof="hip"))
    base = variant_buildings(scene, None, None)
    assert list(base.ids) == ["BAT1", "BAT2"] and set(base.status) == {"existing"} and base.demolished == ()
    bs = variant_buildings(scene, "P", "A")
    assert list(bs.ids) == ["BAT2", "n1"] and bs.demolished == ("BAT1",)
    assert list(bs.status) == ["lowered", "new"] and list(bs.heights) == [6.0, 12.0]
    assert list(bs.roof) == ["flat", "hip"]
    # the terrain rises 0.01 m/m eastwards from 50: the lowest corner is the west side, x + 100
    assert bs.base_z[1] == pytest.approx(51.0, abs=1e-6)
    assert bs.footprints[1].equals(BOX)


def test_new_building_base_without_terrain():
    covering = parcels_frame([shapely.box(X0, Y0, X0 + 200, Y0 + 200)])     # the scene's extent
    scene = with_project(town(slope=None, parcels=covering), Demolish("d1", ("BAT1",)),
                         NewBuilding("n1", shapely.box(X0 + 12, Y0 + 12, X0 + 18, Y0 + 18), height=9.0),
                         NewBuilding("n2", BOX, height=9.0))
    bs = variant_buildings(scene, "P", "A")
    assert list(bs.base_z[-2:]) == [50.1, 0.0]       # the ground of the house it replaces; else 0


def test_building_ids_column_choice():
    geoms = [shapely.box(0, 0, 1, 1)] * 2
    assert list(building_ids(buildings_frame(geoms, [3, 3], [0, 0], cleabs=["A", "B"], id=[1, 2]))) == ["A", "B"]
    assert list(building_ids(buildings_frame(geoms, [3, 3], [0, 0], id=[7, 8]))) == ["7", "8"]
    assert list(building_ids(buildings_frame(geoms, [3, 3], [0, 0]))) == ["0", "1"]


# -- scene file -----------------------------------------------------------------------------

def test_scene_file_round_trip(tmp_path):
    model = tmp_path / "models" / "cube.obj"
    model.parent.mkdir()
    model.write_text(CUBE_OBJ)
    scene = Scene(name="T", origin=(X0, Y0, 0.0))
    holed = Polygon(BOX.exterior.coords, [[(X0 + 105, Y0 + 103), (X0 + 108, Y0 + 103), (X0 + 108, Y0 + 106)]])
    Projects.of(scene).add_project(Project("Îlot", [
        Variant("A — R+3", [Demolish("d1", ("BAT1", "BAT2")), NewBuilding("n1", holed, floors=4, roof="gable",
                                                                            roof_pitch=30.0, name="Collectif")],
                description="quatre niveaux"),
        Variant("B", [SetHeight("h1", "BAT2", 15.5),
                      PlacedModel("m1", model, Placement(anchor=(X0 + 50, Y0 + 50), rotation=30.0, up="y"))])]))
    Projects.of(scene).set_plu(PluRules(zones=(PluZone("UA", BOX, max_height=18.0, max_emprise=0.6),
                                           PluZone("UB", layer="Zonage", field="libelle", value="UB", setback=5.0),
                                           PluZone("UC", source=tmp_path / "plu" / "zone_urba.json", field="libelle",
                                                   value="UC", max_emprise=0.4)),
                                    floor_area_ratio=0.75, dwelling_size=70.0, parcels="Parcelles"))
    Projects.of(scene).active = ("Îlot", "B")
    out = tmp_path / "scene.toml"
    save_scene(scene, out)
    text = out.read_text(encoding="utf-8")
    assert 'source = "models/cube.obj"' in text and 'source = "plu/zone_urba.json"' in text
    again = load_scene(out)
    assert scene_to_dict(again, tmp_path) == scene_to_dict(scene, tmp_path)
    assert list(Projects.of(again)) == list(Projects.of(scene))
    assert Projects.of(again).plu == Projects.of(scene).plu
    assert Projects.of(again).active == ("Îlot", "B") and not Projects.of(again).history.can_undo


HEAD = 'format = 1\nname = "T"\norigin = [684000.0, 7021000.0, 0.0]\n'


def _project(edit: str) -> str:
    return HEAD + f'\n[[projects]]\nname = "P"\n\n[[projects.variants]]\nname = "A"\n\n' \
                  f'[[projects.variants.edits]]\n{edit}'


@pytest.mark.parametrize("text, line, key, message", [
    (_project('kind = "new_building"\nid = "n1"\nfootprint = [[0, 0], [20, 10], [20, 0], [0, 10]]\nheight = 9\n'),
     14, "projects[0].variants[0].edits[0].footprint", "crosses itself"),
    (_project('kind = "new_building"\nid = "n1"\nfootprint = [[0, 0], [20, 0], [20, 10]]\nheight = -2\n'),
     15, "projects[0].variants[0].edits[0].height", "positive"),
    (_project('kind = "new_building"\nfootprint = [[0, 0], [20, 0]]\nheight = 9\n'),
     13, "projects[0].variants[0].edits[0].footprint", "at least 3 points"),
    (_project('kind = "demolish"\nbuildings = ["B1"]\ncolour = "red"\n'),
     14, "projects[0].variants[0].edits[0].colour", "unknown key"),
    (_project('kind = "extend"\n'), 12, "projects[0].variants[0].edits[0].kind", "unknown edit kind"),
    (_project('kind = "model"\nsource = "none.glb"\n[projects.variants.edits.placement]\nanchor = [1.0, 2.0]\n'),
     13, "projects[0].variants[0].edits[0].source", "not found"),
    (HEAD + '\n[plu]\n\n[[plu.zones]]\nname = "UA"\nmax_emprise = 1.5\n', 7, "plu.zones[0]", "ratio"),
    (HEAD + '\n[plu]\nmax_height = 12\n', 6, "plu.max_height", "unknown key"),
    (HEAD + '\n[plu]\n\n[[plu.zones]]\nname = "UA"\nwkt = "POLYGON ((0 0, 1 1"\n', 9, "plu.zones[0].wkt", "not valid WKT"),
    (HEAD + '\n[plu]\n\n[[plu.zones]]\nname = "UA"\nwkt = "POLYGON ((0 0, 1 0, 1 1, 0 0))"\nlayer = "Z"\n'
            'field = "f"\nvalue = "v"\n', 7, "plu.zones[0]", "one way"),
    (HEAD + 'active_variant = ["P", "Z"]\n', 4, "active_variant", "no project"),
])
def test_scene_file_errors_name_key_and_line(tmp_path, text, line, key, message):
    with pytest.raises(SceneFileError, match=message) as err:
        scene_from_toml(text, tmp_path / "s.toml")
    assert (err.value.line, err.value.key) == (line, key)


def test_demo_scene_has_the_saint_gery_project(tmp_path):
    scene = load_scene(DEMO_SCENE)
    project = Projects.of(scene).project("Îlot Saint-Géry")
    assert [v.name for v in project.variants] == ["A — R+3", "B — R+6"]
    assert {z.name: z.max_height for z in Projects.of(scene).plu.zones} == {"UA": 18.0}
    assert isinstance(Projects.of(scene), Projects) and Projects.of(scene).active is None
    again = load_scene(save_scene(scene, tmp_path / "demo.toml"))
    assert list(Projects.of(again)) == list(Projects.of(scene)) and Projects.of(again).plu == Projects.of(scene).plu
