"""SceneMirror: keeps a pyvista plotter in step with a Scene.

Works the same on an offscreen plotter (``twin render``, thumbnails, tests) and on the
Qt interactor; it never imports Qt. The Qt side asks it for picks and coordinates."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyvista as pv
from twin._vtk import classes as vtk

from twin._vtk.attribution import Attribution
from twin._vtk.furniture import Furniture, ground_heights
from twin._vtk.labels import LabelPlacer
from twin._vtk.legend import LegendOverlay
from twin._vtk.motion import MotionDrawing
from twin._vtk.projects import ProjectView
from twin._vtk.quality import ViewQuality
from twin._vtk.screen import Screen
from twin._vtk.sky import Sky
from twin._vtk.sketch import SketchOverlay
from twin._vtk.sun import SunView
from twin._vtk.terrain import TerrainVisual
from twin._vtk.visuals import VISUALS, LayerVisual
from twin.core.camera import View
from twin.core.i18n import language_changed as overlays_language
from twin.core.layers import BasemapLayer, BuildingsLayer, Layer, PointCloudLayer, TerrainLayer
from twin.lod import ViewFrustum
from twin.lod.terrain import TARGET_PX, TRIANGLES
from twin.core.scene import Scene
from twin.analysis.sunlight import SunLight
from twin.analysis.thematic import layer_legend
from twin.projects.model import Projects

SKY_TOP, SKY_BOTTOM = "#8fb3d9", "#eef2f5"
MOTION_TRIANGLES = TRIANGLES // 4     # a moving view's terrain budget
OWN_VISUALS = {"trees": "twin._vtk.trees", "basemap": "twin._vtk.basemap"}     # twin's visuals in modules of their own


@dataclass
class Pick:
    layer: Layer
    feature: int | None
    position: tuple[float, float, float]      # scene coordinates
    attributes: dict[str, Any]


def _visual_for(kind: str):
    """The visual class of a layer kind: twin's own, or a plugin's, imported on first use."""
    if kind not in VISUALS and kind in OWN_VISUALS:
        import importlib
        importlib.import_module(OWN_VISUALS[kind])        # registers itself
    if kind not in VISUALS:
        from twin.core.plugins import plugins, resolve
        found = plugins().visual_ref(kind)
        if found is None:
            return None
        record, ref = found
        try:
            VISUALS[kind] = resolve(ref)
        except Exception as exc:
            plugins().fail_record(record, f"its visual {ref} cannot be imported ({type(exc).__name__}: {exc})")
            return None
    return VISUALS[kind]


class SceneMirror:
    def __init__(self, scene: Scene, plotter: pv.Plotter, on_render=None, variant: Any = "active"):
        """``variant``: "active" follows ``Projects.of(scene).active``; None (the town today) or
        (project, variant) pins this view to one state, as a side-by-side comparison does."""
        self.scene = scene
        self.pinned = variant
        self.plotter = plotter
        self.visuals: dict[int, LayerVisual] = {}
        self._request_render = on_render or (lambda: None)
        self._edl = False
        self._lod_keys: dict[int, tuple] = {}
        self._stale: set[int] = set()    # hidden visuals the timeline moved past
        self.frame_ms = 0.0              # wall time of the last render, for the point budget
        self.frames = 0
        self._frame_start = 0.0
        ren_win = plotter.ren_win
        ren_win.AddObserver("StartEvent", self._frame_started)
        ren_win.AddObserver("EndEvent", self._frame_ended)
        plotter.set_background(SKY_BOTTOM, top=SKY_TOP)     # under the sky (a window without texture support)
        self.sky = Sky(plotter.renderer)
        self.legends = LegendOverlay(plotter.renderer)
        self.motion = MotionDrawing(plotter.renderer, self.visuals)
        self.furniture = Furniture(plotter.renderer)      # scale bar, north arrow
        self.attribution = Attribution(plotter.renderer)  # the basemaps' credits
        self.labels = LabelPlacer.of(plotter.renderer)    # the overlays' labels, decluttered
        self.sun = SunView(scene, plotter, self._changed, self.shown_variant)
        self.quality = ViewQuality(       # low until a window or a command sets it (twin._vtk.quality)
            plotter, self.sun, ground=lambda: [a for v in self.visuals.values() if isinstance(v, TerrainVisual)
                                               for a in v.actors],
            clouds=lambda: any(isinstance(v.layer, PointCloudLayer) and v.layer.effectively_visible and v.actors
                               for v in self.visuals.values()))
        self.project = ProjectView(scene, plotter, self.visuals, self._changed, self.shown_variant)
        self.sketch = SketchOverlay(plotter, lambda: self.origin, self._request_render)
        Projects.of(scene).active_changed.connect(self._variant_changed)
        Projects.of(scene).changed.connect(self._project_changed)
        scene.timeline.events.current.connect(self._time_changed)
        overlays_language.connect(self._language_changed)
        scene.events.public.connect(self._public_changed)
        scene.layers.tree_changed.connect(self._sync_tree)
        self._sync_tree()

    # -- model → view -----------------------------------------------------------------------
    def _sync_tree(self) -> None:
        live = {id(layer): layer for layer in self.scene.layers.leaves()}
        for key in list(self.visuals):
            if key not in live:
                self.visuals.pop(key).close()
        for key, layer in live.items():
            if key not in self.visuals and _visual_for(layer.kind) is not None:
                try:
                    visual = VISUALS[layer.kind](layer, self.plotter, self._changed)
                    visual.timeline, visual.scene = self.scene.timeline, self.scene
                    visual.frustum = self.frustum      # what the view shows, for visuals that follow it
                    self._stale.add(key)            # brought up to the timeline when visible
                    self.visuals[key] = visual
                except Exception as exc:   # a plugin's visual: the plugin goes off, the view stays
                    from twin.core.plugins import plugins
                    found = plugins().visual_ref(layer.kind)
                    if found is None:
                        raise
                    plugins().fail_record(found[0], f"visual of '{layer.kind}' raised "
                                                    f"{type(exc).__name__}: {exc}")
            if isinstance(layer, BuildingsLayer):
                layer.data_changed.connect(self._buildings_changed, unique=True)
        # a group's visibility changes its children's effective visibility
        for layer in [self.scene.layers, *self.scene.layers.walk()]:
            layer.events.visible.connect(self._sync_visibility, unique=True)
        self._sync_visibility()

    def _sync_visibility(self, *_args) -> None:
        for key, visual in self.visuals.items():
            if key in self._stale and visual.layer.effectively_visible:
                self._stale.discard(key)
                visual.time_changed(self.scene.timeline.current)
            visual.update_visibility()
        self._changed()

    def _changed(self) -> None:
        self._update_edl()
        self.quality.sync(self._edl)
        self._update_legends()
        self.furniture.ground = ground_heights(self.scene, self.origin[2])
        # what is drawn changed (new data, a refinement, a timeline step): the near and far
        # planes must hold it, or it is clipped away
        self.plotter.renderer.ResetCameraClippingRange()
        self._request_render()

    def _update_edl(self) -> None:
        """Eye-dome lighting is a pass over the whole view: on while a visible point cloud
        asks for it (points have no normals to light)."""
        want = any(isinstance(v.layer, PointCloudLayer) and v.layer.style.eye_dome_lighting
                   and v.layer.effectively_visible and v.actors for v in self.visuals.values())
        if want != self._edl:
            if want:
                self.plotter.enable_eye_dome_lighting()
            else:
                self.plotter.disable_eye_dome_lighting()
            self._edl = want

    def _update_legends(self) -> None:
        self.legends.show([legend for v in self.visuals.values()
                           if v.layer.effectively_visible and v.layer.data is not None
                           and (legend := self._legend_of(v.layer)) is not None])

    def _legend_of(self, layer: Layer):
        """What a layer's colours mean: its own legend when it has one (overlays), else
        its style by attribute, if any."""
        own = getattr(layer, "legend", None)      # time-aware overlays and plugin layers say it
        return own(self.scene.public) if callable(own) else layer_legend(layer)

    # -- point clouds that refine as the view moves ------------------------------------------
    def _frame_started(self, *_args) -> None:
        self._frame_start = time.perf_counter()
        self.sky.update()
        self.legends.place()
        self.furniture.update()
        self.attribution.show([v.credit_line() for v in self.visuals.values() if hasattr(v, "credit_line")])
        self.attribution.update()
        self.labels.place([*self.furniture.boxes, *(box for box in (self.legends.box, self.attribution.box) if box)])

    def _frame_ended(self, *_args) -> None:
        for visual in self.visuals.values():       # what waited for the first frame starts
            start = getattr(visual, "start_deferred", None)
            if start is not None:
                start()
        ms = 1000 * (time.perf_counter() - self._frame_start)
        if self.interacting:       # the moving frames size their own detail, the point budget is sized on still ones
            self.motion.detail.record(ms)
            return
        self.frame_ms = ms
        self.frames += 1

    @property
    def interacting(self) -> bool:
        """True while the camera moves (a drag, a tour's flight): the view draws less
        (``twin._vtk.motion``) and the point clouds and terrain refine within smaller
        budgets. Set back to False, the full picture is drawn again."""
        return self.motion.active

    @interacting.setter
    def interacting(self, on: bool) -> None:
        if bool(on) != self.motion.active:
            self.motion.active = on
            if not on:
                self._request_render()

    def point_layers(self) -> list[PointCloudLayer]:
        return [v.layer for v in self.visuals.values() if isinstance(v.layer, PointCloudLayer)
                and getattr(v.layer.data, "stream", None) is not None]

    def points_drawn(self) -> int:
        return sum(len(layer.data.points) for layer in self.point_layers() if layer.effectively_visible)

    def update_points(self, budget: int | None = None) -> bool:
        """Ask each visible point cloud for the nodes the camera now needs and take in the
        nodes that arrived (layers refine in place). ``budget`` is shared by the visible
        layers in proportion to their own budgets, each a ceiling. True while loading."""
        layers = [layer for layer in self.point_layers() if layer.effectively_visible]
        if not layers:
            return False
        frustum = self.frustum()
        ceiling = sum(layer.budget for layer in layers)
        if self.interacting:
            budget = min(ceiling if budget is None else budget, self.motion.point_budget)
        busy = False
        for layer in layers:
            share = layer.budget if budget is None else min(layer.budget, budget * layer.budget // ceiling)
            stream = layer.data.stream
            key = (frustum, share, layer.style.point_size)
            moved = self._lod_keys.get(id(layer)) != key
            if moved:
                stream.request(frustum, share, target_px=max(1.0, layer.style.point_size))
                self._lod_keys[id(layer)] = key
            if stream.refresh():           # drawn sized for this camera: no resize after it
                layer.refined.emit(layer.data)
            elif moved and (resize := getattr(self.visuals[id(layer)], "view_changed", None)):
                resize()                   # points as large as their level is coarse
            busy = busy or stream.busy
        return busy

    def settle_points(self, timeout: float = 300.0) -> None:
        """Refine every visible point cloud fully for the current view (offscreen renders)."""
        deadline = time.monotonic() + timeout
        while self.update_points() and time.monotonic() < deadline:
            for layer in self.point_layers():
                layer.data.stream.wait(timeout=max(0.0, deadline - time.monotonic()))

    # -- tiled terrains that refine as the view moves ---------------------------------------
    def terrain_layers(self) -> list[TerrainLayer]:
        return [v.layer for v in self.visuals.values() if isinstance(v, TerrainVisual)
                and getattr(v.layer.data, "stream", None) is not None]

    def triangles_drawn(self) -> int:
        return sum(layer.data.stream.triangles_shown() for layer in self.terrain_layers()
                   if layer.effectively_visible)

    def update_deferred(self, wait: bool = False) -> bool:
        """Take in what visuals finished in worker threads after the first frame (the roofs'
        orthophoto); ``wait``: start it and wait for it. True while some is still to come."""
        busy = False
        for visual in list(self.visuals.values()):
            take = getattr(visual, "take_deferred", None)
            busy = (take is not None and take(wait)) or busy
        return busy

    def update_terrain(self, budget: int = TRIANGLES) -> bool:
        """Ask each visible tiled terrain for the chunks the camera now needs (``budget``
        triangles each) and take in the chunks built since. True while building."""
        self.update_deferred()          # the windows' timers call this one
        for visual in self.visuals.values():     # trees past their budget: the largest on screen
            if visual.layer.kind == "trees" and visual.layer.effectively_visible:
                visual.view_changed()
        draped = any(isinstance(v.layer, BasemapLayer) and v.layer.effectively_visible for v in self.visuals.values())
        # a basemap drapes the terrain's chunks: they follow the view for it, the terrain hidden or not
        layers = [layer for layer in self.terrain_layers() if layer.effectively_visible or draped]
        if not layers:
            return False
        target = TARGET_PX
        if self.interacting:        # vertices as far apart in the smaller picture as when still,
            level = self.motion.detail.level    # or farther when the moving frames are slow
            budget, target = min(budget, int(MOTION_TRIANGLES * level)), TARGET_PX / self.motion.side / level ** 0.5
        frustum = self.frustum()
        busy = False
        for layer in layers:
            stream = layer.data.stream
            key = (frustum, budget, target)
            if self._lod_keys.get(id(layer)) != key:
                stream.request(frustum, budget, target)
                self._lod_keys[id(layer)] = key
            if stream.refresh():
                layer.refined.emit(layer.data)
            busy = busy or stream.busy
        return busy

    def settle(self, timeout: float = 300.0) -> None:
        """Refine point clouds and tiled terrains fully for the current view, before an
        offscreen shot."""
        deadline = time.monotonic() + timeout
        while self.update_terrain() and time.monotonic() < deadline:
            for layer in self.terrain_layers():
                layer.data.stream.wait(timeout=max(0.0, deadline - time.monotonic()))
        self.update_deferred(wait=True)     # the roofs' orthophoto, the basemaps' tiles of the ground shown
        self.settle_points(max(0.0, deadline - time.monotonic()))

    def poll_live(self) -> None:
        """Live overlays re-read their source (the app calls this about once a second)."""
        for visual in list(self.visuals.values()):
            poll = getattr(visual, "poll_live", None)
            if poll is not None and visual.layer.effectively_visible:
                poll()

    def _time_changed(self, when) -> None:
        """Visible overlays follow the timeline; a frame is drawn only when one changed
        (a live timeline moves every second, a frame costs ~0.2 s on software GL)."""
        changed = self.sun.time_changed()
        for key, visual in self.visuals.items():
            if visual.layer.effectively_visible:
                changed |= visual.time_changed(when) is not False
            else:
                self._stale.add(key)
        if changed:
            self._changed()

    def shown_variant(self) -> tuple[str, str] | None:
        """The project variant this view shows (None: the town today)."""
        return Projects.of(self.scene).active if self.pinned == "active" else self.pinned

    def pin(self, variant) -> None:
        self.pinned = variant
        self._buildings_changed()

    def _project_changed(self, name) -> None:
        shown = self.shown_variant()
        if shown is not None and (name is None or name == shown[0]):
            if self.pinned != "active" and shown not in _variants(self.scene):
                self.pinned = None             # the pinned variant was removed: the town today
            self._buildings_changed()

    def _variant_changed(self, *_args) -> None:
        if self.pinned == "active":
            self._buildings_changed()

    def _buildings_changed(self, *_args) -> None:
        """Another variant, an edit, or buildings (re)loaded: the variant's volumes and the
        shadows follow."""
        self.project.update()
        if SunLight.of(self.scene).enabled:
            self.sun.update()

    def _language_changed(self, _code) -> None:
        """Overlays write their legends and labels in the visitor's language: they are
        drawn again (the base layers have no text)."""
        for visual in self.visuals.values():
            if callable(getattr(visual.layer, "legend", None)) and visual.layer.data is not None:
                visual.clear()
                visual.build(visual.layer.data)
                visual.time_changed(self.scene.timeline.current)
        self._changed()

    def _public_changed(self, _public) -> None:
        self._time_changed(self.scene.timeline.current)   # overlays re-read what they may show
        self._changed()                                   # and legends say what is hidden

    def close(self) -> None:
        self.scene.events.public.disconnect(self._public_changed)
        self.scene.timeline.events.current.disconnect(self._time_changed)
        overlays_language.disconnect(self._language_changed)
        self.scene.layers.tree_changed.disconnect(self._sync_tree)
        for layer in [self.scene.layers, *self.scene.layers.walk()]:
            layer.events.visible.disconnect(self._sync_visibility)
        for visual in self.visuals.values():
            visual.close()
        self.visuals.clear()
        self.legends.close()
        self.motion.close()
        self.sky.close()
        self.furniture.close()
        self.attribution.close()
        self.sun.close()
        self.project.close()
        self.sketch.clear()
        Projects.of(self.scene).active_changed.disconnect(self._variant_changed)
        Projects.of(self.scene).changed.disconnect(self._project_changed)
        for layer in self.scene.layers.leaves():
            if isinstance(layer, BuildingsLayer):
                layer.data_changed.disconnect(self._buildings_changed)

    # -- camera -----------------------------------------------------------------------------
    @property
    def origin(self) -> np.ndarray:
        return np.asarray(self.scene.origin or (0.0, 0.0, 0.0), dtype=float)

    def default_view(self) -> View | None:
        bounds = self.scene.bounds()
        return View.looking_at(bounds) if bounds is not None else None

    def apply_view(self, view: View | None) -> None:
        view = view or self.scene.camera.view or self.default_view()
        if view is None:
            return
        cam = self.plotter.camera
        cam.position = tuple(np.asarray(view.position) - self.origin)
        cam.focal_point = tuple(np.asarray(view.focal_point) - self.origin)
        cam.up = view.view_up
        cam.view_angle = view.view_angle
        self.plotter.renderer.ResetCameraClippingRange()

    def frustum(self) -> ViewFrustum:
        w, h = self.plotter.window_size
        return ViewFrustum(self.current_view(), int(w), int(h))

    def current_view(self) -> View:
        cam = self.plotter.camera
        return View(position=tuple(np.asarray(cam.position) + self.origin),
                    focal_point=tuple(np.asarray(cam.focal_point) + self.origin),
                    view_up=tuple(cam.up), view_angle=float(cam.view_angle))

    # -- picking ----------------------------------------------------------------------------
    def world_at(self, x: int, y: int) -> tuple[float, float, float] | None:
        """Scene coordinates under a display pixel (origin bottom-left), None over the sky.

        vtkPropPicker selects in hardware and reads the depth there: ~1 ms per call, cheap
        enough to follow the mouse, where a cell picker walks every cell on the CPU."""
        picker = vtk.vtkPropPicker()
        if not picker.Pick(x, y, 0, self.plotter.renderer):
            return None
        return tuple(np.asarray(picker.GetPickPosition()) + self.origin)

    def pick(self, x: int, y: int) -> Pick | None:
        """The feature under a display pixel: the nearer of a cell hit and a screen-space
        glyph hit (sensor balls are a few pixels wide at any zoom)."""
        picker = vtk.vtkCellPicker()
        picker.SetTolerance(0.0005)
        hit = picker.Pick(x, y, 0, self.plotter.renderer)
        eye = np.asarray(self.plotter.camera.position)
        surface = np.asarray(picker.GetPickPosition()) if hit else None
        glyph = self._pick_glyph(x, y, np.inf if surface is None else float(np.linalg.norm(surface - eye)))
        if glyph is not None:
            visual, row, point = glyph
            return Pick(visual.layer, row, tuple(point + self.origin), self._attributes(visual, row))
        if not hit:
            return None
        actor = picker.GetActor()
        visual = next((v for v in self.visuals.values() if actor in v.actors), None)
        if visual is None:
            return None
        data = picker.GetDataSet()
        feature = None
        if data is not None and data.GetCellData().GetArray("feature") is not None:
            feature = int(data.GetCellData().GetArray("feature").GetValue(picker.GetCellId()))
        return Pick(visual.layer, feature, tuple(surface + self.origin), self._attributes(visual, feature))

    def _pick_glyph(self, x: int, y: int, surface_distance: float):
        """(visual, row, point) of the glyph under (x, y) in front of the surface there."""
        screen = Screen.of(self.plotter.renderer)
        if screen is None:
            return None
        eye = np.asarray(self.plotter.renderer.GetActiveCamera().GetPosition())
        best = None
        for visual in self.visuals.values():
            targets = visual.point_targets() if visual.layer.effectively_visible else None
            if targets is None:
                continue
            points, rows, radius = targets
            px, front = screen.project(points)
            distance = np.linalg.norm(points - eye, axis=1)
            near = front & (np.hypot(px[:, 0] - x, px[:, 1] - y) <= radius) & (distance <= surface_distance + 1.0)
            for i in np.flatnonzero(near):
                if best is None or distance[i] < best[0]:
                    best = (distance[i], visual, int(rows[i]), points[i].astype(float))
        return None if best is None else best[1:]

    @staticmethod
    def _attributes(visual: LayerVisual, row: int | None) -> dict[str, Any]:
        table = visual.table()
        if row is None or table is None or not 0 <= row < len(table.frame):
            return {}
        geometry = getattr(table.frame, "_geometry_column_name", None)   # a model's table has none
        return {k: v for k, v in table.frame.iloc[row].items() if k != geometry}


def _variants(scene) -> list[tuple[str, str]]:
    return [(p.name, v.name) for p in Projects.of(scene) for v in p.variants]
