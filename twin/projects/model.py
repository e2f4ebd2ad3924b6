"""Urban projects: named variants of the town, made of edits, with undo/redo (no Qt, no VTK).

The model
---------
- Edits are frozen dataclasses, each with a stable string ``id``: ``NewBuilding`` (a
  footprint in scene CRS with a height or floors and a roof), ``PlacedModel`` (an
  architect's glTF/OBJ placed by a ``Placement``), ``Demolish`` (existing building ids),
  ``SetHeight`` (one building's new height). Construction checks what an edit can check
  alone (valid polygon, positive height); ``validate_edit(edit, scene)`` checks the rest
  against the loaded scene (inside its extent, known ids, a readable and placeable mesh).
- ``Variant(name, edits, description)`` and ``Project(name, variants, description)`` are
  frozen too (lists are turned into tuples). The baseline is implicit: the town as
  loaded, shown as ``BASELINE`` ("Existant").
- ``Projects.of(scene)``, the scene's component ``projects`` (twin.core.components; its
  scene file sections are read and written by ``twin.projects.section``), holds the tuple
  of projects and the PLU rules (``twin.projects.plu.PluRules`` or None), and the variant
  shown (``active``). Every mutation is a method of it
  (``add_project``, ``remove_project``, ``rename_project``, ``add_variant``,
  ``copy_variant``, ``remove_variant``, ``rename_variant``, ``add_edit``, ``replace_edit``,
  ``remove_edit``, ``set_plu``) that validates first, so a refused change leaves the model
  untouched, then records the step on ``Projects.of(scene).history`` (a ``ProjectHistory``:
  ``undo()``, ``redo()``, ``can_undo``, ``can_redo``, ``undo_text``, ``redo_text``).
  Because the tree is immutable, a step is just (before, after): undo swaps them back.
- Signals: ``Projects.changed(project_name | None)`` after any change, undo or redo
  (None: several projects or the PLU rules); ``Projects.active_changed(selection)`` when
  ``Projects.active`` — ``(project, variant)`` or None for the baseline — changes,
  which is instant (no undo step); ``ProjectHistory.changed()`` when what can be undone or
  redone changed (the UI enables its actions on it). A change that removes the active
  variant (remove, rename, undo) falls back to the baseline and says so by
  ``active_changed``.
- ``twin.projects.states.variant_buildings(scene, project, variant) -> BuildingSet``: the
  buildings of a state as arrays (ids, footprints, base_z, heights, roofs, status...) for
  the renderer, the metrics and the sun analysis.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from psygnal import Signal

from twin.projects.edits import BASELINE, COMPONENT, Edit, EditError, edit_kind
from twin.projects.town import validate_edit
from twin.core.i18n import message

if TYPE_CHECKING:
    from twin.core.scene import Scene


@dataclass(frozen=True)
class Variant:
    name: str
    edits: tuple = ()
    description: str = ""

    def __post_init__(self):
        _check_name(self.name, "variant")
        edits = tuple(self.edits)
        ids = [e.id for e in edits]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise EditError(message("variant {!r}: edit id {!r} is used twice").format(self.name, dup[0]), hint=message("ids must be unique"))
        object.__setattr__(self, "edits", edits)

    def edit(self, edit_id: str) -> Edit:
        for e in self.edits:
            if e.id == edit_id:
                return e
        raise KeyError(f"variant {self.name!r} has no edit {edit_id!r}")


@dataclass(frozen=True)
class Project:
    name: str
    variants: tuple = ()
    description: str = ""

    def __post_init__(self):
        _check_name(self.name, "project")
        variants = tuple(self.variants)
        names = [v.name for v in variants]
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise EditError(message("project {!r}: two variants are named {!r}").format(self.name, dup[0]))
        object.__setattr__(self, "variants", variants)

    def variant(self, name: str) -> Variant:
        for v in self.variants:
            if v.name == name:
                return v
        known = ", ".join(v.name for v in self.variants) or "none"
        raise KeyError(f"project {self.name!r} has no variant {name!r} (it has: {known})")


def _check_name(name, what: str) -> None:
    if not isinstance(name, str) or not name.strip():
        raise EditError(message("a {} needs a name").format(what))
    if name == BASELINE:
        raise EditError(message("{!r} is the name of the existing town").format(BASELINE), hint=message("name the {} otherwise").format(
                                                                                   what))


# -- the container and its history ----------------------------------------------------------

@dataclass(frozen=True)
class _State:
    projects: tuple = ()
    plu: Any = None


class ProjectHistory:
    """Undo/redo of every change to a scene's projects: (label, before, after) steps."""

    changed = Signal()
    stepped = Signal(str)      # "push", "undo", "redo", "clear": for twin.core.undo.UndoJournal

    def __init__(self, owner: "Projects"):
        self._owner = weakref.ref(owner)
        self._undo: list[tuple[str, _State, _State]] = []
        self._redo: list[tuple[str, _State, _State]] = []

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_text(self) -> str:
        return self._undo[-1][0] if self._undo else ""

    @property
    def redo_text(self) -> str:
        return self._redo[-1][0] if self._redo else ""

    def push(self, label: str, before: _State, after: _State) -> None:
        self._undo.append((label, before, after))
        self._redo.clear()
        self._owner()._set_state(after)
        self.stepped.emit("push")
        self.changed.emit()

    def undo(self) -> bool:
        if not self._undo:
            return False
        step = self._undo.pop()
        self._redo.append(step)
        self._owner()._set_state(step[1])
        self.stepped.emit("undo")
        self.changed.emit()
        return True

    def redo(self) -> bool:
        if not self._redo:
            return False
        step = self._redo.pop()
        self._undo.append(step)
        self._owner()._set_state(step[2])
        self.stepped.emit("redo")
        self.changed.emit()
        return True

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()
        self.stepped.emit("clear")
        self.changed.emit()


class Projects:
    """A scene's projects and PLU rules; read freely, change only through the methods."""

    changed = Signal(object)          # project name, or None (several, or the PLU rules)
    active_changed = Signal(object)   # (project, variant) or None (the baseline)

    def __init__(self, projects=(), plu=None):
        self._state = _State(tuple(projects), plu)
        _check_unique([p.name for p in self._state.projects], "projects")
        self._active: tuple[str, str] | None = None
        self._scene = None
        self._pending: str | None = None     # the project a step being applied changes
        self.history = ProjectHistory(self)

    @classmethod
    def of(cls, scene: "Scene") -> "Projects":
        """The scene's projects (none yet when its file has no ``[[projects]]``)."""
        return scene.component(COMPONENT, cls.new)

    @classmethod
    def new(cls, scene: "Scene", projects=(), plu=None) -> "Projects":
        """Projects whose edits are checked against ``scene`` (its extent, its buildings)."""
        made = cls(projects, plu)
        made._bind(scene)
        return made

    # -- reading ---------------------------------------------------------------------------
    def __iter__(self):
        return iter(self._state.projects)

    def __len__(self) -> int:
        return len(self._state.projects)

    @property
    def names(self) -> list[str]:
        return [p.name for p in self._state.projects]

    @property
    def plu(self):
        """The PLU rules (``twin.projects.plu.PluRules``), or None when the scene has none."""
        return self._state.plu

    def project(self, name: str) -> Project:
        for p in self._state.projects:
            if p.name == name:
                return p
        known = ", ".join(self.names) or "none"
        raise KeyError(f"no project named {name!r} (this scene has: {known})")

    def variant(self, project: str, variant: str) -> Variant:
        return self.project(project).variant(variant)

    # -- the active variant (instant, not an undo step) -------------------------------------
    @property
    def active(self) -> tuple[str, str] | None:
        return self._active

    @active.setter
    def active(self, value) -> None:
        if value is not None:
            value = (str(value[0]), str(value[1]))
            self.variant(*value)          # KeyError naming what exists
        if value != self._active:
            self._active = value
            self.active_changed.emit(value)

    # -- changing (each one an undo step) ----------------------------------------------------
    def add_project(self, project: Project) -> None:
        if project.name in self.names:
            raise EditError(message("a project is already named {!r}").format(project.name), hint=message("choose another name"))
        for v in project.variants:
            self._validate_all(project.name, v)
        self._commit(f"Add project {project.name}", replace(self._state, projects=(*self._state.projects, project)),
                     project.name)

    def remove_project(self, name: str) -> None:
        self.project(name)
        self._commit(f"Remove project {name}", replace(self._state, projects=tuple(
            p for p in self._state.projects if p.name != name)), name)

    def rename_project(self, name: str, new_name: str) -> None:
        if new_name != name and new_name in self.names:
            raise EditError(message("a project is already named {!r}").format(new_name))
        self._put(name, replace(self.project(name), name=new_name), f"Rename project {name}", old=name)

    def set_description(self, project: str, description: str, variant: str | None = None) -> None:
        p = self.project(project)
        if variant is None:
            self._put(project, replace(p, description=description), f"Describe {project}")
        else:
            self._put_variant(project, variant, replace(p.variant(variant), description=description),
                              f"Describe {variant}")

    def add_variant(self, project: str, variant: Variant) -> None:
        p = self.project(project)
        if variant.name in [v.name for v in p.variants]:
            raise EditError(message("project {!r} already has a variant {!r}").format(project, variant.name))
        self._validate_all(project, variant)
        self._put(project, replace(p, variants=(*p.variants, variant)), f"Add variant {variant.name}")

    def copy_variant(self, project: str, variant: str, new_name: str) -> Variant:
        """A new variant starting from another one's edits (B from A)."""
        copy = replace(self.variant(project, variant), name=new_name)
        self.add_variant(project, copy)
        return copy

    def remove_variant(self, project: str, variant: str) -> None:
        p = self.project(project)
        p.variant(variant)
        self._put(project, replace(p, variants=tuple(v for v in p.variants if v.name != variant)),
                  f"Remove variant {variant}")

    def rename_variant(self, project: str, variant: str, new_name: str) -> None:
        p = self.project(project)
        if new_name != variant and new_name in [v.name for v in p.variants]:
            raise EditError(message("project {!r} already has a variant {!r}").format(project, new_name))
        self._put_variant(project, variant, replace(p.variant(variant), name=new_name), f"Rename variant {variant}")

    def add_edit(self, project: str, variant: str, edit: Edit) -> None:
        v = self.variant(project, variant)
        if edit.id in [e.id for e in v.edits]:
            raise EditError(message("variant {!r} already has an edit {!r}").format(variant, edit.id), hint=message("use new_id()"))
        validate_edit(edit, self._scene_ref(), v.edits)
        self._put_variant(project, variant, replace(v, edits=(*v.edits, edit)), _label("Add", edit))

    def replace_edit(self, project: str, variant: str, edit: Edit) -> None:
        """Modify an edit: the one with the same id is replaced, in place."""
        v = self.variant(project, variant)
        v.edit(edit.id)
        others = tuple(e for e in v.edits if e.id != edit.id)
        validate_edit(edit, self._scene_ref(), others)
        edits = tuple(edit if e.id == edit.id else e for e in v.edits)
        self._put_variant(project, variant, replace(v, edits=edits), _label("Change", edit))

    def remove_edit(self, project: str, variant: str, edit_id: str) -> None:
        v = self.variant(project, variant)
        edit = v.edit(edit_id)
        self._put_variant(project, variant, replace(v, edits=tuple(e for e in v.edits if e.id != edit_id)),
                          _label("Remove", edit))

    def set_plu(self, rules) -> None:
        self._commit("Change PLU rules", replace(self._state, plu=rules), None)

    # -- internals -----------------------------------------------------------------------------
    def _bind(self, scene: "Scene") -> None:
        self._scene = weakref.ref(scene)

    def _scene_ref(self):
        return self._scene() if self._scene is not None else None

    def _validate_all(self, project: str, variant: Variant) -> None:
        scene = self._scene_ref()
        for i, edit in enumerate(variant.edits):
            validate_edit(edit, scene, variant.edits[:i])

    def _put(self, name: str, project: Project, label: str, old: str | None = None) -> None:
        projects = tuple(project if p.name == (old or name) else p for p in self._state.projects)
        self._commit(label, replace(self._state, projects=projects), project.name)

    def _put_variant(self, project: str, variant: str, new: Variant, label: str) -> None:
        p = self.project(project)
        self._put(project, replace(p, variants=tuple(new if v.name == variant else v for v in p.variants)), label)

    def _commit(self, label: str, after: _State, name: str | None) -> None:
        self._pending = name
        self.history.push(label, self._state, after)

    def _set_state(self, state: _State) -> None:
        name, self._pending = self._pending, None
        self._state = state
        if self._active is not None:
            try:
                self.variant(*self._active)
            except KeyError:
                self._active = None
                self.active_changed.emit(None)
        self.changed.emit(name)

    def replace_all(self, projects, plu=None) -> None:
        """Set everything at once (reading a scene file): no undo step, history cleared."""
        projects = tuple(projects)
        _check_unique([p.name for p in projects], "projects")
        self._set_state(_State(projects, plu))
        self.history.clear()


def _check_unique(names: list[str], what: str) -> None:
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise EditError(message("two {} are named {!r}").format(what, dup[0]))


def _label(verb: str, edit: Edit) -> str:
    noun = {"new_building": "building", "model": "model", "demolish": "demolition",
            "set_height": "height"}[edit_kind(edit)]
    name = getattr(edit, "name", "") or edit.id
    return f"{verb} {noun} {name}"
