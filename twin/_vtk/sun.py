"""The real sun in the view: a directional light from where the sun stands at the
timeline's instant, a dimmer sky and fill so walls away from the sun stay readable,
and the ground shadows of the buildings shown, draped on the terrain.

Off, the view keeps VTK's even light kit, which is what planners work with."""

from __future__ import annotations

import numpy as np
import pyvista as pv
import shapely

from twin.geometry.ground import Ground
from twin.core.layers import TerrainLayer
from twin.analysis.sunlight import SunLight, ground_shadows, sun_state
from twin.projects.model import Projects

SHADOW_RGB = (0.12, 0.14, 0.24)
SHADOW_OPACITY = 0.45
SUN_STEP_DEG = 0.1         # the sun moves 0.25° a minute: finer steps change no pixel that matters
LIFT_M = 0.6               # above the terrain and the draped parcels, so the shade is never hidden


class SunView:
    def __init__(self, scene, plotter: pv.Plotter, on_change, shown=None):
        self.scene, self.plotter, self.on_change = scene, plotter, on_change
        self.shown = shown or (lambda: Projects.of(scene).active)    # the variant whose buildings cast shadows
        self.actor = None
        self.light = None
        self.state = None
        self._lit = False
        self.setting = SunLight.of(scene)    # the scene's switch: real sun or studio light, shadows
        self.setting.events.connect(self.update)

    def ground(self) -> Ground:
        grids = [layer.data.grid for layer in self.scene.data_layers()
                 if isinstance(layer, TerrainLayer) and layer.data is not None]
        return Ground(grids)

    def update(self, *_args) -> None:
        """Follows the scene: light and shadows for its instant, variant and buildings."""
        if not self.setting.enabled:
            self._remove_shadows()
            if self._lit:
                self.plotter.remove_all_lights()
                self.plotter.enable_lightkit()
                self._lit = False
            self.state = None
            self.on_change()
            return
        self.state = sun_state(self.scene)
        self._light(self.state)
        self._remove_shadows()
        if self.setting.shadows:
            self._shadows(ground_shadows(self.scene, self.state, self.shown()))
        self.on_change()

    def time_changed(self) -> bool:
        """The timeline moved: light and shadows again only once the sun has moved enough
        to show (a live timeline ticks every second; shadows cost ~0.5 s for a town).
        False when nothing drawn changed."""
        if not self.setting.enabled:
            return False
        if self.state is not None:
            now = sun_state(self.scene)
            turned = np.degrees(np.arccos(np.clip(np.dot(now.direction, self.state.direction), -1.0, 1.0)))
            if turned < SUN_STEP_DEG and now.up == self.state.up:
                return False
        self.update()
        return True

    def _light(self, state) -> None:
        """The sun at full strength while it is up (a low winter sun still throws hard
        light, and the contrast with the shadows is what a viewer reads), a sky light
        from above and a faint fill from the viewer so walls away from the sun stay legible."""
        self.plotter.remove_all_lights()
        self._lit = True
        sun = pv.Light(light_type="scene light", color=(1.0, 0.97, 0.9), intensity=0.9 if state.up else 0.0)
        sun.positional = False
        sun.position = tuple(state.direction * 1e4)
        sun.focal_point = (0.0, 0.0, 0.0)
        self.plotter.add_light(sun)
        self.light = sun              # the one light that casts shadow maps (twin._vtk.quality)
        sky = pv.Light(light_type="scene light", color=(0.8, 0.86, 1.0), intensity=0.45 if state.up else 0.25)
        sky.positional = False
        sky.position, sky.focal_point = (0.0, 0.0, 1e4), (0.0, 0.0, 0.0)
        self.plotter.add_light(sky)
        self.plotter.add_light(pv.Light(light_type="headlight", intensity=0.25))

    def _shadows(self, polys: np.ndarray) -> None:
        if not len(polys):
            return
        tris = shapely.constrained_delaunay_triangles(polys)
        xy = shapely.get_coordinates(tris).reshape(-1, 4, 2)[:, :3].reshape(-1, 2)
        z = self.ground().sample(xy[:, 0], xy[:, 1]) + LIFT_M
        origin = np.asarray(self.scene.origin or (0.0, 0.0, 0.0), dtype=float)
        points = (np.column_stack([xy, z]) - origin).astype(np.float32)
        n = len(points) // 3
        faces = np.hstack([np.full((n, 1), 3), np.arange(3 * n).reshape(n, 3)]).ravel()
        mesh = pv.PolyData(points, faces=faces)
        self.actor = self.plotter.add_mesh(mesh, color=SHADOW_RGB, opacity=SHADOW_OPACITY, lighting=False,
                                           pickable=False, name="sun-shadows", reset_camera=False)
        mapper = self.actor.GetMapper()
        mapper.SetResolveCoincidentTopologyToPolygonOffset()
        mapper.SetRelativeCoincidentTopologyPolygonOffsetParameters(-2, -2)

    def _remove_shadows(self) -> None:
        if self.actor is not None:
            self.plotter.remove_actor(self.actor, render=False)
            self.actor = None

    def close(self) -> None:
        self.setting.events.disconnect(self.update)
        self._remove_shadows()
