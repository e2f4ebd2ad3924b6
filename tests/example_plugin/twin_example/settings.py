"""``[stations]``: the plugin's own section of the scene file, a scene component.

    [stations]
    network = "Réseau météo d'Arras"     # the panel's heading
    watch = ["Gare"]                     # stations the panel lists as watched

Read with the scene file's reader, so that a mistake is reported with the file, the key
and its line like any other; written back only when it says something.
"""

from __future__ import annotations

from dataclasses import dataclass

from twin.api import SceneComponent


@dataclass(frozen=True)
class StationSettings:
    network: str = ""
    watch: tuple[str, ...] = ()

    @classmethod
    def of(cls, scene) -> "StationSettings":
        return scene.component(SETTINGS.name, SETTINGS.factory)


def _read(tables: dict, scene, reader) -> StationSettings:
    path = ("stations",)
    table = reader.table(tables, (), "stations")
    reader.no_unknown(table, path, {"network", "watch"})
    watch = reader.get(table, path, "watch", list, [])
    if not all(isinstance(name, str) and name for name in watch):
        reader.fail((*path, "watch"), f"watch must be a list of station names, got {watch!r}",
                    hint='e.g. watch = ["Gare"]')
    return StationSettings(network=reader.get(table, path, "network", str, ""), watch=tuple(watch))


def _write(settings: StationSettings, scene, writer) -> dict:
    table = {}
    if settings.network:
        table["network"] = settings.network
    if settings.watch:
        table["watch"] = list(settings.watch)
    return {"stations": table} if table else {}


SETTINGS = SceneComponent("example.stations", ("stations",), factory=lambda _scene: StationSettings(),
                          read=_read, write=_write)
