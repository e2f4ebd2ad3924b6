"""Undo and redo of layer changes, and one journal over the layers' and the projects' stacks."""

from __future__ import annotations

import pytest

import twin.core.i18n as i18n
from twin.core.layers import LayerGroup, VectorLayer
from twin.core.undo import LayerHistory, UndoJournal


class Clock:
    def __init__(self):
        self.t = 0.0

    def __call__(self):
        return self.t


@pytest.fixture
def tree():
    root = LayerGroup("root")
    group = LayerGroup("Cadastre")
    root.append(group)
    parcels = VectorLayer("Parcelles", source="parcelles.gpkg")
    streets = VectorLayer("Rues", source="rues.gpkg")
    group.append(parcels)
    root.append(streets)
    clock = Clock()
    history = LayerHistory(root, clock=clock)
    yield root, group, parcels, streets, history, clock
    history.close()


def test_rename_style_and_opacity_are_steps_and_a_drag_is_one(tree):
    root, _group, parcels, _streets, history, clock = tree
    parcels.name = "Parcelles 2026"
    assert history.undo_text == "Rename Parcelles"
    clock.t = 5
    for step, value in enumerate((0.9, 0.7, 0.4)):      # a slider dragged
        clock.t += 0.1
        parcels.opacity = value
    old_style = parcels.style
    clock.t = 10
    parcels.style = parcels.style.replace(fill_color="#ff0000")
    assert history.undo()
    assert parcels.style == old_style and history.redo_text == "Style of Parcelles 2026"
    assert history.undo()                               # the whole drag at once
    assert parcels.opacity == 1.0
    assert history.undo() and parcels.name == "Parcelles"
    assert not history.can_undo and not history.undo()
    assert history.redo() and history.redo() and history.redo()
    assert (parcels.name, parcels.opacity, parcels.style.fill_color) == ("Parcelles 2026", 0.4, "#ff0000")
    parcels.visible = False                              # showing and hiding is not an edit
    assert history.undo_text == "Style of Parcelles 2026"


def test_remove_duplicate_and_move_restore_the_tree(tree):
    root, group, parcels, streets, history, _clock = tree
    copy = history.duplicate(parcels)
    assert [l.name for l in group] == ["Parcelles", "Parcelles (copy)"]
    assert copy is not parcels and copy.source == parcels.source and copy.style == parcels.style
    history.move(streets, group, 0)
    assert [l.name for l in root] == ["Cadastre"] and group[0] is streets
    history.remove(parcels)
    assert parcels.parent is None and [l.name for l in group] == ["Rues", "Parcelles (copy)"]
    assert history.undo_text == "Remove Parcelles"
    history.undo()
    assert group[1] is parcels and parcels.parent is group
    history.undo()
    assert [l.name for l in root] == ["Cadastre", "Rues"] and list(group) == [parcels, copy]
    history.undo()
    assert list(group) == [parcels]
    history.redo(), history.redo(), history.redo()
    assert list(group) == [streets, copy] and streets.parent is group
    copy.name = "Parcelles bis"                          # a duplicate's edits are recorded too
    assert history.undo_text == "Rename Parcelles (copy)"


def test_a_new_change_after_an_undo_drops_the_redo(tree):
    _root, _group, parcels, _streets, history, clock = tree
    parcels.name = "A"
    history.undo()
    clock.t = 3
    parcels.name = "B"
    assert not history.can_redo and history.undo_text == "Rename Parcelles"


def test_texts_follow_the_language(tree):
    _root, _group, parcels, _streets, history, _clock = tree
    i18n.set_language("fr")
    try:
        history.remove(parcels)
        assert history.undo_text == "Supprimer Parcelles"
    finally:
        i18n.set_language("en")


def test_one_journal_undoes_the_last_thing_done_whichever_stack(tree):
    from twin.core.scene import Scene
    from twin.projects.model import Project, Projects, Variant
    _root, _group, parcels, _streets, history, clock = tree
    projects = Projects.of(Scene(name="t"))
    journal = UndoJournal(history, projects.history)
    parcels.name = "A"
    projects.add_project(Project("Gare", (Variant("A"),)))
    clock.t = 5
    parcels.opacity = 0.5
    assert journal.undo_text == "Opacity of A"
    journal.undo()
    assert parcels.opacity == 1.0
    assert journal.undo_text == projects.history.undo_text
    journal.undo()
    assert "Gare" not in [p.name for p in projects]
    assert journal.undo() and parcels.name == "Parcelles" and not journal.can_undo
    journal.redo()
    assert parcels.name == "A"
    projects.history.redo()                            # the Projects panel's own Redo button
    assert "Gare" in [p.name for p in projects]
    assert journal.redo_text == "Opacity of A"
    journal.redo()
    assert parcels.opacity == 0.5 and not journal.can_redo
    journal.undo()
    assert parcels.opacity == 1.0
