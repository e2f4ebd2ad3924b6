"""The scene file's ``[[tours]]`` and ``[kiosk]``: the scene components ``tours``
(``Tours.of(scene)``) and ``kiosk`` (``KioskConfig.of(scene)``), registered by the
built-in plugin ``builtin-present`` (the ``plugin`` below, an entry point in pyproject.toml).

Tours are read once the scene's bookmarks are (a stop may name one, and is written back as
that name while it still shows the bookmark's view); the kiosk after the tours and the
layers, whose names it must find.
"""

from __future__ import annotations

import re
from typing import Any

from twin.core.components import SceneComponent
from twin.core.contrib import Plugin
from twin.present.kiosk import KioskConfig, check_kiosk, kiosk_to_dict, read_kiosk
from twin.present.tours import Stop, Tour, Tours
from twin.core.i18n import message

_STOP_KEYS = {"bookmark", "position", "focal_point", "view_up", "view_angle", "hold", "flight",
              "caption", "layers", "time", "sun", "variant"}


def _read_languages(r, table: dict, path: tuple, prefix: str) -> dict[str, str]:
    """``prefix = {fr = …}`` and/or ``prefix_fr = …`` keys, merged."""
    out = dict(r.get(table, path, prefix, dict, {}))
    for key, value in table.items():
        if re.fullmatch(rf"{prefix}_[a-z]{{2}}", key):
            out[key[-2:]] = r.get(table, path, key, str)
    for lang, value in out.items():
        if not re.fullmatch(r"[a-z]{2}", lang) or not isinstance(value, str):
            r.fail((*path, prefix), message("{} must map two-letter languages to text, got {} = {!r}").format(
                                        prefix, lang, value))
    return out


def _no_unknown_localized(r, table: dict, path: tuple, known: set[str], prefix: str) -> None:
    for key in table:
        if key not in known and not re.fullmatch(rf"{prefix}_[a-z]{{2}}", key):
            r.fail((*path, key), message("unknown key '{}'").format(key),
                   hint=message("known keys here: {}, {}_fr, {}_en…").format(
                            ', '.join(sorted(known)), prefix, prefix))


def _read_stop(r, table: dict, path: tuple, scene) -> Stop:
    if not isinstance(table, dict):
        r.fail(path, message("each stop must be a table ([[tours.stops]])"))
    _no_unknown_localized(r, table, path, _STOP_KEYS, "caption")
    bookmark = r.get(table, path, "bookmark", str, None)
    if bookmark is not None:
        own = [key for key in ("position", "focal_point", "view_up", "view_angle") if key in table]
        if own:
            r.fail((*path, own[0]), message("a stop takes either bookmark = \"{}\" or its own view keys, "
                                            "not both").format(bookmark))
        if bookmark not in scene.bookmarks:
            r.fail((*path, "bookmark"), message("no bookmark named {!r}").format(bookmark),
                   hint=message("this scene's bookmarks: {}").format(', '.join(scene.bookmarks) or 'none'))
        view = scene.bookmark(bookmark).view
    else:
        view = r.view(table, path)
    try:
        return Stop(view=view, hold=r.get(table, path, "hold", float, 5.0),
                    flight=r.get(table, path, "flight", float, 3.0),
                    caption=_read_languages(r, table, path, "caption"), bookmark=bookmark,
                    **r.recall(table, path, times=("time", "sun")))
    except ValueError as exc:
        r.fail(path, str(exc))


def read_tours(tables: dict, scene, r) -> Tours:
    tours = Tours()
    for i, table in enumerate(r.get(tables, (), "tours", list, [])):
        path = ("tours", i)
        if not isinstance(table, dict):
            r.fail(path, message("each tour must be a table ([[tours]])"))
        _no_unknown_localized(r, table, path, {"name", "loop", "title", "stops"}, "title")
        name = r.get(table, path, "name", str)
        if name in tours:
            r.fail((*path, "name"), message("a second tour named {!r}").format(name), hint=message("give each tour its own name"))
        stops = [_read_stop(r, stop, (*path, "stops", j), scene)
                 for j, stop in enumerate(r.get(table, path, "stops", list))]
        try:
            tours.add(Tour(name, stops, loop=r.get(table, path, "loop", bool, False),
                           title=_read_languages(r, table, path, "title")))
        except ValueError as exc:
            r.fail(path, str(exc))
    return tours


def _tour_dict(tour: Tour, scene, writer) -> dict:
    out: dict[str, Any] = {"name": tour.name, "loop": tour.loop}
    out.update({f"title_{lang}": text for lang, text in tour.title.items()})
    stops = []
    for stop in tour.stops:
        bookmark = scene.bookmarks.get(stop.bookmark) if stop.bookmark else None
        entry = {"bookmark": stop.bookmark} if bookmark is not None and bookmark.view == stop.view \
            else writer.view(stop.view)
        entry.update(hold=stop.hold, flight=stop.flight)
        entry.update({f"caption_{lang}": text for lang, text in stop.caption.items()})
        stops.append(entry | writer.recall(stop))
    out["stops"] = stops
    return out


def tours_to_dict(tours: Tours, scene, writer) -> dict:
    return {"tours": [_tour_dict(tour, scene, writer) for tour in tours.values()]} if tours else {}


def read_kiosk_section(tables: dict, scene, r) -> KioskConfig:
    config = read_kiosk(r, r.table(tables, (), "kiosk"))
    check_kiosk(r, config, scene)
    return config


TOURS = SceneComponent("tours", ("tours",), factory=lambda _scene: Tours(), read=read_tours,
                       write=tours_to_dict, after="bookmarks")
KIOSK = SceneComponent("kiosk", ("kiosk",), factory=lambda _scene: KioskConfig(), read=read_kiosk_section,
                       write=lambda config, _scene, _writer: {"kiosk": kiosk_to_dict(config)})


def _register(registrar) -> None:
    registrar.scene_component(TOURS)
    registrar.scene_component(KIOSK)     # after the tours: it checks their names


plugin = Plugin(name="builtin-present", register=_register, api="1.2",
                description="Guided tours and the tourist-office kiosk set-up (scene file sections)")
