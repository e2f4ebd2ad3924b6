"""Scene components: what attaches to a scene without the core knowing it (projects,
tours, kiosk settings, the sun, a plugin's own settings), each kept in its own top-level
section of the scene file.

A kind of component is a :class:`SceneComponent`, contributed by a plugin
(``registrar.scene_component``) — twin's own through built-in plugins, like everything
above the core. The scene file reads the sections a kind claims with its ``read`` and
writes them back with its ``write``; the component itself lives on the scene under the
kind's ``name`` (``scene.component(name, factory)``), made on first use when the file had
none of its sections.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

# the scene file's own top-level keys, in the order they are written (a component's
# ``after`` names one of them, or another component's section)
CORE_SECTIONS = ("format", "name", "crs", "public", "origin", "timeline", "camera", "bookmarks", "layers")


class SectionReader(Protocol):
    """What ``read`` gets to read its tables: every error it raises names the file, the key
    path (``("kiosk", "bounds", "xmin")``) and its line. Paths start at the top of the file."""

    file: Path

    def fail(self, path: tuple, what: str, hint: str | None = None): ...          # raises SceneFileError
    def get(self, table: dict, path: tuple, key: str, types, default=...) -> Any: ...  # checked type
    def table(self, table: dict, path: tuple, key: str) -> dict: ...
    def no_unknown(self, table: dict, path: tuple, known: set[str]) -> None: ...
    def path_value(self, table: dict, path: tuple, key: str) -> Path | None: ...  # relative to the file
    def view(self, table: dict, path: tuple) -> Any: ...                          # a camera View
    def record(self, cls: type, table: dict, path: tuple) -> Any: ...             # a frozen dataclass
    def recall(self, table: dict, path: tuple, times=("time",)) -> dict: ...      # layers, time, variant


class SectionWriter(Protocol):
    """What ``write`` gets to write values the way the scene file does."""

    base: Path                                           # the folder of the file written

    def relative(self, path: Path) -> str: ...           # a path relative to the file
    def view(self, view: Any) -> dict: ...
    def recall(self, item: Any) -> dict: ...


@dataclass(frozen=True)
class SceneComponent:
    """One kind of scene component and its sections of the scene file.

    ``read(table, scene, reader)`` gets ``table``, the file's top-level keys among
    ``sections`` that are present (e.g. ``{"kiosk": {...}}``), and returns the component;
    it is called only when at least one is present, after the core of the scene (layers,
    bookmarks) and the components of plugins loaded before. ``write(component, scene,
    writer)`` returns those keys again (an empty dict writes nothing), so that a file read
    and written back is unchanged. ``factory(scene)`` makes the component a scene gets on
    first use when its file had none of the sections. ``after`` places the sections in a
    written file: after that section (a core one, or another component's), else at the end.
    """

    name: str
    sections: tuple[str, ...]
    factory: Callable[[Any], Any]
    read: Callable[[dict, Any, SectionReader], Any]
    write: Callable[[Any, Any, SectionWriter], dict]
    after: str | None = None

    def __post_init__(self):
        sections = (self.sections,) if isinstance(self.sections, str) else tuple(self.sections)
        object.__setattr__(self, "sections", sections)
        if not isinstance(self.name, str) or not self.name:
            raise ValueError(f"a scene component needs a name, got {self.name!r}")
        if not sections or not all(isinstance(s, str) and s for s in sections) or len(set(sections)) < len(sections):
            raise ValueError(f"scene component {self.name!r}: sections must be distinct names, got {self.sections!r}")
        for what in ("factory", "read", "write"):
            if not callable(getattr(self, what)):
                raise ValueError(f"scene component {self.name!r}: {what} must be callable")


def section_order(kinds) -> dict[str, tuple]:
    """A sort key per top-level section: the core's in their order, each component's
    after its ``after`` (in the order the kinds are given), the others at the end."""
    rank: dict[str, tuple] = {key: (i,) for i, key in enumerate(CORE_SECTIONS)}
    end = (len(CORE_SECTIONS),)
    for n, kind in enumerate(kinds):
        base = rank.get(kind.after, end)
        for j, section in enumerate(kind.sections):
            rank[section] = (*base, n, j)
    return rank
