"""The selected features drawn over their layer, in one bright colour: the cells of the
layer's own actors whose ``feature`` is a selected row, extracted in VTK (no Python loop
over cells) and drawn a hair in front, so the attribute table and the 3D view show the
same ``twin.core.selection.Selection``."""

from __future__ import annotations

import numpy as np

from twin.core.selection import Selection

HIGHLIGHT_RGB = (1.0, 0.83, 0.0)


class SelectionHighlight:
    def __init__(self, mirror):
        self.mirror = mirror
        self.actors: dict[int, list] = {}       # id(layer) → its highlight actors
        self._watched: dict[int, object] = {}
        mirror.scene.layers.tree_changed.connect(self._watch_all)
        self._watch_all()

    def _watch_all(self) -> None:
        for layer in self.mirror.scene.layers.leaves():
            if id(layer) not in self._watched:
                self._watched[id(layer)] = layer
                Selection.of(layer).changed.connect(self._selection_changed)
                layer.events.visible.connect(lambda *_a, layer=layer: self.update(layer))

    def _selection_changed(self, selection: Selection) -> None:
        self.update(selection.layer)

    def update(self, layer) -> None:
        """Draws ``layer``'s selection again (after a change of selection, visibility or data)."""
        plotter = self.mirror.plotter
        for actor in self.actors.pop(id(layer), []):
            plotter.remove_actor(actor, render=False)
        visual = self.mirror.visuals.get(id(layer))
        rows = Selection.of(layer).rows
        if visual is not None and len(rows) and layer.effectively_visible:
            self.actors[id(layer)] = [actor for source in list(visual.actors)
                                      if (actor := self._highlight(source, rows)) is not None]
        self.mirror._request_render()

    def _highlight(self, source, rows: np.ndarray):
        mapper = source.GetMapper() if hasattr(source, "GetMapper") else None
        poly = mapper.GetInput() if mapper is not None else None
        if poly is None or poly.GetCellData().GetArray("feature") is None or not source.GetVisibility():
            return None
        import pyvista as pv
        from vtk.util.numpy_support import vtk_to_numpy
        feature = vtk_to_numpy(poly.GetCellData().GetArray("feature"))
        cells = np.flatnonzero(np.isin(feature, rows))
        if not len(cells):
            return None
        part = pv.wrap(poly).extract_cells(cells).extract_surface(algorithm=None)
        prop = source.GetProperty()
        actor = self.mirror.plotter.add_mesh(
            part, color=HIGHLIGHT_RGB, pickable=False, reset_camera=False, render=False,
            point_size=max(8.0, prop.GetPointSize() + 4), line_width=max(3.0, prop.GetLineWidth() + 2),
            render_points_as_spheres=prop.GetRenderPointsAsSpheres(), ambient=0.5, diffuse=0.6)
        mapper = actor.GetMapper()
        mapper.SetResolveCoincidentTopologyToPolygonOffset()
        mapper.SetRelativeCoincidentTopologyPolygonOffsetParameters(-2, -20)
        mapper.SetRelativeCoincidentTopologyLineOffsetParameters(-2, -40)
        mapper.SetRelativeCoincidentTopologyPointOffsetParameter(-40)
        return actor

    def shown(self, layer) -> int:
        """Cells highlighted for ``layer`` (tests and the status bar)."""
        return sum(a.GetMapper().GetInput().GetNumberOfCells() for a in self.actors.get(id(layer), []))

    def close(self) -> None:
        for layer in self._watched.values():
            Selection.of(layer).changed.disconnect(self._selection_changed)
        self.mirror.scene.layers.tree_changed.disconnect(self._watch_all)
        for actors in self.actors.values():
            for actor in actors:
                self.mirror.plotter.remove_actor(actor, render=False)
        self.actors.clear()


def rows_in_box(mirror, layer, box: tuple[float, float, float, float]) -> np.ndarray:
    """Rows of ``layer`` whose feature falls in the display-pixel ``box`` (x0, y0, x1, y1,
    origin bottom-left): each feature stands for a point on its surface (a building's
    at mid-height), projected with the camera's matrix in numpy."""
    import shapely
    from twin._vtk.screen import Screen
    from twin.core.selection import table_of
    from twin.present.tours import terrain_ground
    frame = table_of(layer)
    screen = Screen.of(mirror.plotter.renderer)
    if frame is None or screen is None or not len(frame) or not hasattr(frame, "geometry"):
        return np.empty(0, np.int64)
    anchor = shapely.point_on_surface(np.asarray(frame.geometry.values))
    x, y = shapely.get_x(anchor), shapely.get_y(anchor)
    if "ground_z" in frame.columns:
        z = frame["ground_z"].to_numpy(float, na_value=np.nan)
        if "height" in frame.columns:
            z = z + frame["height"].to_numpy(float, na_value=0.0) / 2
    else:
        ground = terrain_ground(mirror.scene)
        z = ground(x, y) if ground is not None else np.zeros(len(x))
    points = np.c_[x, y, np.nan_to_num(z)] - mirror.origin
    px, front = screen.project(points)
    x0, x1 = sorted(box[0::2])
    y0, y1 = sorted(box[1::2])
    inside = front & (px[:, 0] >= x0) & (px[:, 0] <= x1) & (px[:, 1] >= y0) & (px[:, 1] <= y1)
    return np.flatnonzero(inside & np.isfinite(x))
