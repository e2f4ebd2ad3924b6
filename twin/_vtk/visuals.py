"""One visual class per layer kind: owns the layer's actors, follows its events
(the terrain's is in ``twin._vtk.terrain``).

Restyling touches actor properties or swaps a colour array; only new data rebuilds
the PolyData. Visuals register by layer kind so plugins can add their own."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyvista as pv

from twin._vtk.building_lod import BuildingLod
from twin._vtk.convert import rgb_u8, to_polydata, without_cells
from twin._vtk.maquette import OrthoCache, draw_maquette
from twin._vtk.point_actors import SizedPoints
from twin._vtk.point_sizes import point_sizes
from twin._vtk.water import add_water
from twin._vtk.labels import add_labels
from twin.geometry.extrude import ROOF, extrude
from twin.geometry.water import is_water
from twin.core.layers import BuildingsLayer, Layer, ModelLayer, PointCloudLayer, VectorLayer
from twin.core.layers.classes import class_lut
from twin.core.expressions import label_texts
from twin.analysis.thematic import layer_classes
from twin.io.ortho import ortho_source

VISUALS: dict[str, type["LayerVisual"]] = {}
RESIZE_SHARE = 0.1       # points whose size on screen changed before a cloud is drawn again


def register_visual(kind: str):
    def deco(cls):
        VISUALS[kind] = cls
        return cls
    return deco


class LayerVisual:
    """Base: actors of one layer in one plotter. ``pickable`` actors carry a
    ``feature`` cell array mapping each cell back to its row in the layer's table."""

    def __init__(self, layer: Layer, plotter: pv.Plotter, on_change):
        self.layer = layer
        self.plotter = plotter
        self.actors: list[Any] = []
        self._on_change = on_change
        layer.events.connect(self._layer_event)
        layer.data_changed.connect(self._data_event)
        if layer.data is not None:
            self.build(layer.data)

    # -- lifecycle -------------------------------------------------------------------------
    def close(self) -> None:
        self.layer.events.disconnect(self._layer_event)
        self.layer.data_changed.disconnect(self._data_event)
        self.clear()

    def clear(self) -> None:
        for actor in self.actors:
            self.plotter.remove_actor(actor, render=False)
        self.actors = []

    def _data_event(self, data) -> None:
        self.clear()
        if data is not None:
            self.build(data)
        self._on_change()

    def _layer_event(self, info) -> None:
        name = info.signal.name
        if name == "opacity":
            self.apply_opacity()
        elif name not in ("visible", "name"):   # style or a setting (thresholds, time offset…)
            self.clear()
            if self.layer.data is not None:
                self.build(self.layer.data)
        self._on_change()

    # -- to override -----------------------------------------------------------------------
    def build(self, data) -> None:
        raise NotImplementedError

    def time_changed(self, when) -> bool | None:
        """The scene's timeline moved (UTC datetime); ``self.timeline`` is the timeline.
        Timeline-aware overlays redraw here. Return False when nothing drawn changed, so
        that no frame is drawn for it (None counts as a change). Called only while the
        layer is visible; a layer shown again is brought up to the timeline first."""
        return False

    def apply_opacity(self) -> None:
        for actor in self.actors:
            actor.GetProperty().SetOpacity(self.layer.opacity)

    def update_visibility(self) -> None:
        visible = self.layer.effectively_visible
        for actor in self.actors:
            actor.SetVisibility(visible)
            actor.SetPickable(visible)

    def _add(self, poly: pv.PolyData, **kwargs):
        actor = self.plotter.add_mesh(poly, render=False, reset_camera=False, **kwargs)
        self.actors.append(actor)
        actor.SetVisibility(self.layer.effectively_visible)
        return actor

    def table(self):
        data = self.layer.data
        return getattr(data, "table", None)

    def point_targets(self) -> tuple[np.ndarray, np.ndarray, float] | None:
        """Glyphs that keep their size on screen (points drawn as spheres) are picked in
        screen space: their (N, 3) origin-relative positions, the table row of each, and
        their radius in pixels. None for visuals picked by their cells."""
        return None


@register_visual(VectorLayer.kind)
class VectorVisual(LayerVisual):
    layer: VectorLayer

    def build(self, data) -> None:
        style, d = self.layer.style, data.drape
        classes = layer_classes(self.layer)      # styled by attribute: colours per feature
        rgb = classes.feature_colors() if classes is not None else None

        def colored(mesh, fallback: str, by_class: bool = True) -> tuple:
            poly = to_polydata(mesh)
            if rgb is None or not by_class:
                return poly, {"color": fallback}
            poly.cell_data["rgb"] = rgb[mesh.cell_data["feature"]]
            return poly, {"scalars": "rgb", "rgb": True}

        water = is_water(self.layer)
        if style.extrude_field and data.polygons is not None and style.extrude_field in data.table.frame.columns:
            self._extruded(data, rgb)
        elif d.fill is not None and water:
            add_water(self, d.fill, rgb)
        elif d.fill is not None:
            poly, kw = colored(d.fill, style.fill_color)
            self._add(poly, **kw, opacity=style.fill_opacity * self.layer.opacity, lighting=False)
        if d.outline is not None and not (water and d.fill is not None):   # water has banks, not lines
            # outlines of coloured polygons keep the edge colour
            poly, kw = colored(d.outline, style.edge_color, by_class=d.fill is None)
            self._add(poly, **kw, line_width=style.line_width, opacity=self.layer.opacity, lighting=False)
        if d.points is not None:
            poly, kw = colored(d.points, style.edge_color)
            self._add(poly, **kw, point_size=10,
                      render_points_as_spheres=True, opacity=self.layer.opacity)
        labels = label_texts(data.table.frame, style.label_field) if style.label_field else None   # a field or an expression
        if labels is not None and len(d.anchors):
            frame = data.table.frame
            area = frame.geometry.area.to_numpy(float) if hasattr(frame, "geometry") else None
            self.actors.append(add_labels(self.plotter, d.anchors, labels, area))   # the largest first

    def _extruded(self, data, rgb) -> None:
        """Polygons as blocks as tall as their attribute (× extrude_scale): a 3D thematic map."""
        import pandas as pd
        style = self.layer.style
        polys, feature, base, origin = data.polygons
        height = pd.to_numeric(data.table.frame[style.extrude_field], errors="coerce").to_numpy(float)
        height = np.where(np.isfinite(height) & (height > 0), height * style.extrude_scale, 0.0)
        keep = height[feature] > 0
        if not keep.any():
            return
        mesh = extrude(polys[keep], feature[keep], base, base + height, origin)
        poly = to_polydata(mesh)
        colors = rgb if rgb is not None else np.tile(rgb_u8(style.fill_color), (len(height), 1))
        poly.cell_data["rgb"] = colors[mesh.cell_data["feature"]].astype(np.uint8)
        self._add(poly, scalars="rgb", rgb=True, opacity=self.layer.opacity, ambient=0.3, diffuse=0.75)

    def apply_opacity(self) -> None:
        style = self.layer.style
        for actor in self.actors:
            if hasattr(actor, "GetProperty"):
                is_fill = actor.GetMapper() is not None and actor.GetMapper().GetInput().GetNumberOfPolys() > 0
                actor.GetProperty().SetOpacity(self.layer.opacity * (style.fill_opacity if is_fill else 1.0))


@register_visual(BuildingsLayer.kind)
class BuildingsVisual(LayerVisual):
    """``hidden`` (a row mask) leaves out the buildings a project variant demolishes or
    rebuilds; the variant's own view draws what replaces them."""

    layer: BuildingsLayer
    hidden: np.ndarray | None = None
    _ortho: OrthoCache | None = None
    _lod: BuildingLod | None = None

    def hide_rows(self, hidden: np.ndarray | None) -> None:
        hidden = hidden if hidden is not None and hidden.any() else None
        if hidden is None and self.hidden is None:
            return
        if hidden is not None and self.hidden is not None and np.array_equal(hidden, self.hidden):
            return
        self.hidden = hidden
        self.clear()
        if self.layer.data is not None:
            self.build(self.layer.data)
        self._on_change()

    @property
    def scene(self):
        return self.__dict__.get("scene")

    @scene.setter
    def scene(self, scene) -> None:
        """The mirror sets the scene after the first build: roofs then take its orthophoto."""
        self.__dict__["scene"] = scene
        if self.layer.data is not None and self.layer.style.roof_ortho and ortho_source(scene) is not None:
            self.clear()
            self.build(self.layer.data)

    def start_deferred(self) -> None:
        """A frame is drawn: the roofs' orthophoto may be read now."""
        if self._ortho is not None:
            self._ortho.start()

    def take_deferred(self, wait: bool = False) -> bool:
        """Texture the roofs once their orthophoto is read (``wait``: for it, before an
        offscreen shot). True while it is still to come."""
        if self._ortho is None:
            return False
        if self._ortho.arrived(wait) and self.layer.data is not None:
            self.clear()
            self.build(self.layer.data)
            self._on_change()
        return self._ortho.pending

    def build(self, data) -> None:
        style = self.layer.style
        classes = layer_classes(self.layer)
        hidden = None
        if self.hidden is not None and len(self.hidden) == len(data.table.frame):
            hidden = self.hidden[data.mesh.cell_data["feature"]]
        if style.color_by != "height" and classes is None:     # a maquette
            if self._ortho is None:
                self._ortho = OrthoCache()
            draw_maquette(self, data, hidden, self._ortho)
            return
        poly = to_polydata(data.mesh)
        if hidden is not None:
            poly = without_cells(poly, hidden)
        kwargs: dict[str, Any] = {"opacity": self.layer.opacity, "ambient": 0.3, "diffuse": 0.75,
                                  "specular": 0.05}
        if style.color_by == "height":
            kwargs.update(scalars="height", cmap=style.colormap, show_scalar_bar=False)
        else:       # by attribute: the class colour, walls a shade darker
            part = poly.cell_data["part"]
            rgb = classes.feature_colors()[poly.cell_data["feature"]].astype(np.float32)
            rgb[part != ROOF] *= 0.85
            poly.cell_data["rgb"] = rgb.astype(np.uint8)
            kwargs.update(scalars="rgb", rgb=True)
        self._add(poly, **kwargs)

    def draw_less(self, undo: list, detail: float = 1.0) -> None:
        """A moving frame draws the roofs alone where walls are tiny on screen, and
        nothing out of view (``twin._vtk.building_lod``)."""
        if self._lod is None:
            self._lod = BuildingLod()
        self._lod.draw_less(self.actors, self.plotter.renderer, undo, detail)


@register_visual(ModelLayer.kind)
class ModelVisual(LayerVisual):
    """Triangles coloured per face (semantics, materials or object type, decided by the
    model side); flat shading reads roofs and walls apart."""

    layer: ModelLayer

    def build(self, data) -> None:
        from twin.io.kinds.models import refresh_model
        scene = getattr(self, "scene", None)
        if scene is not None:
            refresh_model(self.layer, data, scene)    # a new LoD or placement: rebuilt in place
        poly = to_polydata(data.mesh)
        self._add(poly, scalars="rgb", rgb=True, opacity=self.layer.opacity, ambient=0.3, diffuse=0.75,
                  specular=0.05)


@register_visual(PointCloudLayer.kind)
class PointCloudVisual(LayerVisual):
    """Points as vertices, coloured in numpy; hidden classes are filtered out, not made
    transparent, so they cost nothing to draw. A refinement or a change of sizes swaps
    the inputs of the same few actors, one per size (``twin._vtk.point_actors``)."""

    layer: PointCloudLayer
    _sizes: np.ndarray | None = None

    def __init__(self, layer: PointCloudLayer, plotter: pv.Plotter, on_change):
        self._sized = SizedPoints(plotter)
        super().__init__(layer, plotter, on_change)
        layer.refined.connect(self._data_event)

    def close(self) -> None:
        self.layer.refined.disconnect(self._data_event)
        super().close()

    def clear(self) -> None:
        self._sized.clear()
        self.actors = []
        self._sizes = None

    def _data_event(self, data) -> None:
        """New points: drawn by the actors already there (a refinement keeps the layer on
        screen, whatever the motion drawing did to it)."""
        if data is None:
            self.clear()
        else:
            self.build(data)
        self._on_change()

    def build(self, data) -> None:
        self._draw(data, point_sizes(data, self.plotter, self.layer.style.point_size))

    def _draw(self, data, sizes: np.ndarray) -> None:
        """The points that show, sorted by size (a radix sort of bytes), coloured."""
        style = self.layer.style
        self._sizes = sizes
        rows = np.arange(len(data.points))
        if style.hidden_classes and data.classification is not None:
            rows = np.flatnonzero(~np.isin(data.classification, style.hidden_classes))
        px = np.minimum(sizes[rows], 255).astype(np.uint8)
        order = np.argsort(px, kind="stable")
        rows, px = rows[order], px[order]
        pts = data.points[rows]
        rgb = point_colors(data, style, rows)
        colormap = None
        if rgb is None:  # a continuous attribute through a colormap
            name = "intensity" if style.color_by == "intensity" else "elevation"
            values = (data.intensity[rows] if name == "intensity" else pts[:, 2]).astype(np.float32)
            lo, hi = data.clims.get(name) or (np.percentile(values, [2, 98]) if len(values) else (0.0, 1.0))
            colormap = (style.colormap, float(lo), float(max(hi, lo + 1e-3)))
        else:
            name, values = "rgb", np.ascontiguousarray(rgb, dtype=np.uint8)
        self._sized.show(pts, px, name, values, colormap, self.layer.opacity, self.layer.effectively_visible)
        self.actors = self._sized.actors

    def points_shown(self) -> int:
        """Points drawn, over the actors of every size."""
        return sum(actor.GetMapper().GetInput().GetNumberOfPoints() for actor in self.actors)

    def view_changed(self) -> None:
        """The camera moved: points are sized again once a tenth of them would change size
        (new sizes regroup the points: not for each step of an orbit)."""
        data = self.layer.data
        old = self._sizes
        if data is None or old is None:
            return
        new = point_sizes(data, self.plotter, self.layer.style.point_size)
        if len(new) != len(old) or np.count_nonzero(new != old) > RESIZE_SHARE * len(new):
            self._draw(data, new)


def point_colors(data, style, keep) -> np.ndarray | None:
    """RGB per point for classification/rgb colouring; None for colormapped attributes."""
    coloured = data.rgb is not None and (style.color_by == "rgb" or data.rgb.any())
    if style.color_by in ("auto", "rgb") and coloured:   # auto: the file's colours, unless all black (not colourised)
        return data.rgb[keep]
    if style.color_by in ("auto", "classification", "rgb") and data.classification is not None:
        return class_lut()[data.classification[keep]]
    return None
