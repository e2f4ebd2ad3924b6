"""What the 3D view shows, in words: the accessible description of the kiosk's and the
presentation's view (RGAA 1.1/1.3, EN 301 549 11.1.1.1), for visitors who cannot see it.
Place, the direction and distance of the look, the layers drawn and the scene's instant,
in the visitor's language (``twin.core.i18n``), recomputed as the view changes."""

from __future__ import annotations

import math

import numpy as np

from twin.core.camera import View
from twin.core.i18n import number, tr
from twin.core.scene import Scene
from twin.core.timeline import DISPLAY_TZ

_COMPASS = ("north", "north-east", "east", "south-east", "south", "south-west", "west", "north-west")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def heading(view: View) -> str:
    """Where the visitor looks, as one of eight compass points (scene y is north)."""
    dx, dy = np.subtract(view.focal_point, view.position)[:2]
    if math.hypot(dx, dy) < 1e-6:
        return "down"
    return _COMPASS[round(math.degrees(math.atan2(dx, dy)) % 360 / 45) % 8]


def nearest_place(scene: Scene, view: View) -> str | None:
    """The bookmark whose focal point is nearest this one, when near enough to name the
    place (within a third of the viewing distance, 150 m at least)."""
    distance = float(np.linalg.norm(np.subtract(view.position, view.focal_point)))
    best, name = max(150.0, distance / 3), None
    for bookmark in scene.bookmarks.values():
        gap = float(np.linalg.norm(np.subtract(bookmark.view.focal_point, view.focal_point)[:2]))
        if gap <= best:
            best, name = gap, bookmark.name
    return name


def describe_view(scene: Scene, view: View | None) -> str:
    """Three short sentences a screen reader says: where, what is drawn, when."""
    parts = []
    if view is not None:
        place = nearest_place(scene, view)
        where = tr("{}: {}").format(scene.name, place) if place else scene.name
        distance = float(np.linalg.norm(np.subtract(view.position, view.focal_point)))
        look = heading(view)
        if look == "down":
            parts.append(tr("{}, seen from above at {} m.").format(where, number(round(distance))))
        else:
            parts.append(tr("{}, looking {} from {} m away.").format(where, tr(look), number(round(distance))))
    else:
        parts.append(scene.name + ".")
    shown = [layer.name for layer in scene.layers.leaves() if layer.effectively_visible]
    parts.append(tr("Shown: {}.").format(", ".join(shown)) if shown else tr("No layer shown."))
    local = scene.timeline.current.astimezone(DISPLAY_TZ)
    when = tr("{day} {month} {year}, {time}").format(day=local.day, month=tr(_MONTHS[local.month - 1]),
                                                   year=local.year, time=local.strftime("%H:%M"))
    parts.append(tr("Time: {}.").format(when))
    return " ".join(parts)
