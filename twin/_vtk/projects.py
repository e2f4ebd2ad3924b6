"""The active project variant in the view: the buildings it demolishes or rebuilds are
left out of their layers, and what it builds is drawn in the project's colours, with
every building that breaks a PLU rule in red. Switching variants swaps one mesh."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pyvista as pv

from twin._vtk.convert import rgb_u8, to_polydata
from twin.geometry.extrude import ROOF
from twin.geometry.roofs import building_mesh
from twin.core.layers import BuildingsLayer, ModelLayer
from twin.projects.model import Projects
from twin.projects.states import variant_buildings
from twin.projects.town import building_ids

NEW_WALL, NEW_ROOF = "#f4f1ea", "#2f7fb8"       # new volumes read at once against the town's tiles
VIOLATION_WALL, VIOLATION_ROOF = "#e4574f", "#b3261e"


class ProjectView:
    def __init__(self, scene, plotter: pv.Plotter, visuals: dict, on_change, shown):
        self.scene, self.plotter, self.visuals, self.on_change = scene, plotter, visuals, on_change
        self.shown = shown             # () -> the (project, variant) drawn, or None
        self.actors: list = []
        self.buildings = None             # the BuildingSet shown, None for the baseline
        self.violations: dict[str, list] = {}

    def update(self) -> None:
        """Draws the variant shown over the town (nothing for the baseline)."""
        self._clear()
        active = self.shown()
        bs = variant_buildings(self.scene, *active) if active else None
        self.buildings = bs
        self._hide_replaced(bs)
        if bs is not None:
            self.violations = self._violations(active)
            self._draw_new(bs)
            for edit in bs.models:
                self._draw_model(edit)
        else:
            self.violations = {}
        self.on_change()

    def _violations(self, active) -> dict[str, list]:
        from twin.analysis.urban_metrics import check_plu
        if Projects.of(self.scene).plu is None:
            return {}
        out: dict[str, list] = {}
        for v in check_plu(self.scene, *active):
            out.setdefault(v.building_id, []).append(v)
        return out

    def _hide_replaced(self, bs) -> None:
        gone = set() if bs is None else set(bs.demolished) | set(bs.ids[np.isin(bs.status, ("raised", "lowered"))])
        for visual in self.visuals.values():
            if isinstance(visual.layer, BuildingsLayer) and visual.layer.data is not None:
                ids = building_ids(visual.layer.data.table.frame)
                visual.hide_rows(np.isin(ids, list(gone)) if gone else None)

    def _draw_new(self, bs) -> None:
        rows = np.nonzero(bs.changed & (bs.roof != "model"))[0]
        if not len(rows):
            return
        mesh = building_mesh(bs.footprints[rows], bs.base_z[rows], bs.heights[rows], bs.roof[rows],
                             bs.pitch[rows], self.scene.origin)
        feature = mesh.cell_data["feature"]
        roof = mesh.cell_data["part"] == ROOF
        bad = np.isin(bs.ids[rows], list(self.violations))[feature]
        rgb = np.where(roof[:, None], rgb_u8(NEW_ROOF), rgb_u8(NEW_WALL))
        rgb = np.where((bad & roof)[:, None], rgb_u8(VIOLATION_ROOF), rgb)
        rgb = np.where((bad & ~roof)[:, None], rgb_u8(VIOLATION_WALL), rgb)
        poly = to_polydata(mesh)
        poly.cell_data["rgb"] = rgb.astype(np.uint8)
        poly.cell_data["row"] = rows[feature].astype(np.int32)      # BuildingSet row, for picking
        self._add(poly, scalars="rgb", rgb=True, ambient=0.3, diffuse=0.75, specular=0.05)

    def _draw_model(self, edit) -> None:
        stat = Path(edit.source).stat()
        model = _model(Path(edit.source), stat.st_mtime_ns)
        from twin.core.feedback import Feedback
        from twin.io.kinds.models import build_model
        from twin.projects.town import scene_ground
        layer = ModelLayer(edit.name or edit.id, source=edit.source, placement=edit.placement)
        data = build_model(layer, model, self.scene, scene_ground(self.scene), Feedback())
        self._add(to_polydata(data.mesh), scalars="rgb", rgb=True, ambient=0.3, diffuse=0.75, specular=0.05)

    def _add(self, poly, **kwargs) -> None:
        self.actors.append(self.plotter.add_mesh(poly, render=False, reset_camera=False, **kwargs))

    def _clear(self) -> None:
        for actor in self.actors:
            self.plotter.remove_actor(actor, render=False)
        self.actors = []

    def close(self) -> None:
        self._clear()


@lru_cache(maxsize=8)
def _model(path: Path, _mtime: int):
    """An architect's model read once per version of the file."""
    from twin.core.feedback import Feedback
    from twin.io.registry import guarded, registry
    importer = registry().find(path)
    return guarded(importer, "read", path, importer.read, path, Feedback())
