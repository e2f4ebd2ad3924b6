"""The sun of the scene's instant, as the 3D view and reports show it (no Qt, no VTK).

The view is lit by the sun of the timeline's instant at the scene's site, and the
buildings of the variant shown cast their shadows on the ground. Shadows are the
analytic ground polygons of ``twin.analysis.shadows`` (the same figures the impact tables use),
not a renderer's shadow map: they are exact, cost the same on every machine, and Mesa's
software renderer cannot run VTK's shadow-map pass anyway.

The setting is the scene component ``sun`` (``SunLight.of(scene)``), kept in the scene
file's ``[sun]`` table and registered by the built-in plugin ``builtin-sun`` (``plugin``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

import numpy as np
import shapely
from psygnal import SignalGroupDescriptor

from twin.core.components import SceneComponent
from twin.core.contrib import Plugin

NIGHT = 0.0          # elevation (°) under which there is no direct sun


@dataclass(eq=False)
class SunLight:
    """Whether the view is lit by the real sun (and shows shadows) rather than the
    even studio lighting planners work in."""

    enabled: bool = False
    shadows: bool = True
    events: ClassVar[SignalGroupDescriptor] = SignalGroupDescriptor()

    @classmethod
    def of(cls, scene) -> "SunLight":
        """The scene's sun setting (studio lighting when its file has no ``[sun]``)."""
        return scene.component(SUN.name, SUN.factory)


def _read(tables: dict, scene, r) -> SunLight:
    """``[sun]``: lit by the real sun on opening (a council meeting's set-up)."""
    table = r.table(tables, (), "sun")
    r.no_unknown(table, ("sun",), {"enabled", "shadows"})
    return SunLight(enabled=r.get(table, ("sun",), "enabled", bool, False),
                    shadows=r.get(table, ("sun",), "shadows", bool, True))


def _write(sun: SunLight, scene, writer) -> dict:
    return {"sun": {"enabled": sun.enabled, "shadows": sun.shadows}} if sun.enabled or not sun.shadows else {}


SUN = SceneComponent("sun", ("sun",), factory=lambda _scene: SunLight(), read=_read, write=_write, after="timeline")

def _register(registrar) -> None:
    from twin.analysis import algorithms   # twin's processing algorithms ride on this built-in
    registrar.scene_component(SUN)
    algorithms.register(registrar)


plugin = Plugin(name="builtin-sun", register=_register, api="1.2",
                description="Lighting by the real sun of the timeline's instant (the scene file's [sun]); "
                            "twin's processing algorithms (profile, extract, clip, viewshed, sun-hours)")


@dataclass(frozen=True)
class SunState:
    when: datetime
    azimuth: float            # degrees from true north, clockwise
    elevation: float          # apparent, degrees
    direction: np.ndarray     # (3,) unit vector toward the sun, scene axes (grid north)

    @property
    def up(self) -> bool:
        return self.elevation > NIGHT


def sun_state(scene, when: datetime | None = None) -> SunState:
    """The sun at ``when`` (default: the timeline's instant) over the scene's site."""
    from twin.analysis.sun import site_of, sun_position, sun_vector
    when = when or scene.timeline.current
    site = site_of(scene)
    position = sun_position(when, site)
    direction = np.asarray(sun_vector(position, site, scene.crs), dtype=float).reshape(-1, 3)[0]
    return SunState(when, float(np.ravel(position.azimuth)[0]), float(np.ravel(position.elevation)[0]), direction)


def shown_buildings(scene, variant="active"):
    """The buildings of a state: ``variant`` (project, variant), None for the town as it
    is, or "active" for the scene's active variant."""
    from twin.projects.model import Projects
    from twin.projects.states import variant_buildings
    project, name = (Projects.of(scene).active if variant == "active" else variant) or (None, None)
    return variant_buildings(scene, project, name)


def ground_shadows(scene, state: SunState, variant="active") -> np.ndarray:
    """The ground shadows of the shown buildings as non-overlapping polygons: one union, so
    a translucent shade never darkens twice where two shadows meet."""
    from twin.analysis.shadows import shadow_polygons
    none = np.empty(0, dtype=object)
    if not state.up:
        return none
    buildings = shown_buildings(scene, variant)
    if buildings is None or not len(buildings.ids):
        return none
    shadows = shadow_polygons(buildings.footprints, buildings.heights, sun=state.direction)
    shadows = shadows[~shapely.is_empty(shadows)]
    if not len(shadows):
        return none
    merged = shapely.get_parts(shapely.union_all(shadows))
    return merged[shapely.get_type_id(merged) == 3]
