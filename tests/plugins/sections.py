"""Plugins that keep their own section of the scene file, well and badly."""

from dataclasses import dataclass

from twin.api import Plugin, SceneComponent


@dataclass
class Notes:
    """A planner's notes on the scene, kept in ``[notes]``."""

    text: str = ""
    authors: tuple[str, ...] = ()


def _read(tables, scene, reader):
    table = reader.table(tables, (), "notes")
    reader.no_unknown(table, ("notes",), {"text", "authors"})
    return Notes(reader.get(table, ("notes",), "text", str, ""),
                 tuple(reader.get(table, ("notes",), "authors", list, [])))


def _write(notes, scene, writer):
    return {"notes": {"text": notes.text, "authors": list(notes.authors)}} if notes.text else {}


NOTES = SceneComponent("test.notes", ("notes",), factory=lambda _scene: Notes(), read=_read, write=_write)
notes = Plugin("notes", lambda reg: reg.scene_component(NOTES), api="1.2")

tour_thief = Plugin("tour-thief", lambda reg: reg.scene_component(
    SceneComponent("test.tours", ("tours",), factory=list, read=_read, write=_write)), api="1.2")
layers_thief = Plugin("layers-thief", lambda reg: reg.scene_component(
    SceneComponent("test.layers", ("layers",), factory=list, read=_read, write=_write)), api="1.2")
name_thief = Plugin("name-thief", lambda reg: reg.scene_component(
    SceneComponent("projects", ("projets",), factory=list, read=_read, write=_write)), api="1.2")


def _register_twice(reg):
    reg.scene_component(SceneComponent("test.a", ("shared",), factory=list, read=_read, write=_write))
    reg.scene_component(SceneComponent("test.b", ("shared", "other"), factory=list, read=_read, write=_write))


twice = Plugin("twice", _register_twice, api="1.2")


def _buggy_read(tables, scene, reader):
    return 1 / 0


buggy = Plugin("buggy-notes", lambda reg: reg.scene_component(
    SceneComponent("test.notes", ("notes",), factory=lambda _scene: Notes(), read=_buggy_read, write=_write)),
    api="1.2")
