"""The terrain's visual: one mesh for a small DTM, or the chunks of a tiled terrain that
the mirror refines as the camera moves (``twin.lod.terrain``).

Each chunk is an actor of its own, because each carries its own piece of orthophoto as
texture; an actor stays while its chunk is shown, so a refinement adds and removes only
the chunks that changed. Actors are made with VTK directly: pyvista's ``add_mesh`` costs
milliseconds a call, too much for tens of chunks arriving at once."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyvista as pv
from twin._vtk import classes as vtk

from twin._vtk.convert import rgb_u8, to_polydata
from twin._vtk.visuals import LayerVisual, register_visual
from twin.core.layers import TerrainLayer
from twin.geometry.relief import Relief, relief_colors, stretch

LIGHTING = {"ambient": 0.25, "diffuse": 0.8, "specular": 0.0}
# the relief's light is baked in its colours: the view's lights add a little, not all
RELIEF_LIGHTING = {"ambient": 0.45, "diffuse": 0.6}


@register_visual(TerrainLayer.kind)
class TerrainVisual(LayerVisual):
    layer: TerrainLayer

    def __init__(self, layer: TerrainLayer, plotter: pv.Plotter, on_change):
        self._chunks: dict[tuple, Any] = {}
        self._lut = None
        super().__init__(layer, plotter, on_change)
        layer.refined.connect(self._refined)

    def close(self) -> None:
        self.layer.refined.disconnect(self._refined)
        super().close()

    def clear(self) -> None:
        for _, actor in self._chunks.values():
            self.plotter.renderer.RemoveActor(actor)
        self._chunks = {}
        self._lut = None
        super().clear()

    def build(self, data) -> None:
        if getattr(data, "stream", None) is not None:
            self._sync(data.stream)
            return
        style = self.layer.style
        poly = to_polydata(data.mesh)
        kwargs: dict[str, Any] = {"opacity": self.layer.opacity, "smooth_shading": True, **LIGHTING}
        if style.color_by == "elevation":
            kwargs.update(scalars="elevation", cmap=style.colormap, show_scalar_bar=False,
                          nan_opacity=0.0)
        elif data.texture is not None:
            kwargs["texture"] = north_up_texture(data.texture.values)
        elif style.relief and "hillshade" in poly.point_data:
            elevation = poly.point_data["elevation"]
            relief = Relief(1.0, *stretch(elevation))
            poly.point_data["rgb"] = relief_colors(elevation, poly.point_data["hillshade"], relief,
                                                   rgb_u8(style.color))
            kwargs.update(scalars="rgb", rgb=True, **RELIEF_LIGHTING)
        else:
            kwargs["color"] = style.color
        self._add(poly, **kwargs)

    # -- chunks -----------------------------------------------------------------------------
    def _refined(self, data) -> None:
        if data is self.layer.data and getattr(data, "stream", None) is not None:
            self._sync(data.stream)
            self._on_change()

    def _sync(self, stream) -> None:
        """Actors for the chunks shown now (a chunk whose edges are stitched anew gets a
        new one); the others' removed."""
        wanted = {key: stream.stitch(key) for key in stream.shown}
        renderer = self.plotter.renderer
        for key in [k for k, (stitch, _) in self._chunks.items() if wanted.get(k) != stitch]:
            renderer.RemoveActor(self._chunks.pop(key)[1])
        visible = self.layer.effectively_visible
        for key, stitch in wanted.items():
            if key not in self._chunks:
                actor = self._chunk_actor(stream.chunk(key), stream.mesh(key), stream)
                actor.SetVisibility(visible)
                actor.SetPickable(visible)
                renderer.AddActor(actor)
                self._chunks[key] = (stitch, actor)
        self.actors = [actor for _, actor in self._chunks.values()]

    def _chunk_actor(self, chunk, mesh, stream) -> vtk.vtkActor:
        style = self.layer.style
        poly = to_polydata(mesh)
        mapper = vtk.vtkPolyDataMapper()
        mapper.SetInputData(poly)
        actor = vtk.vtkActor()
        actor.SetMapper(mapper)
        prop = actor.GetProperty()
        prop.SetInterpolationToGouraud()
        prop.BackfaceCullingOn()    # the ground faces up; skirts are wound both ways
        prop.SetAmbient(LIGHTING["ambient"])
        prop.SetDiffuse(LIGHTING["diffuse"])
        prop.SetSpecular(LIGHTING["specular"])
        prop.SetOpacity(self.layer.opacity)
        if style.color_by == "elevation":
            mapper.SetScalarModeToUsePointFieldData()
            mapper.SetColorModeToMapScalars()
            mapper.InterpolateScalarsBeforeMappingOn()
            mapper.SelectColorArray("elevation")
            mapper.SetLookupTable(self._elevation_lut(stream.clim))
            mapper.SetScalarRange(*stream.clim)
            mapper.ScalarVisibilityOn()
        else:
            mapper.ScalarVisibilityOff()
            if chunk.texture is not None:
                actor.SetTexture(north_up_texture(chunk.texture))
            elif style.relief and "hillshade" in mesh.point_data:
                self._relief(poly, mesh, stream, mapper, prop)
            else:
                prop.SetColor(*(rgb_u8(style.color) / 255.0))
        return actor

    def _relief(self, poly, mesh, stream, mapper, prop) -> None:
        """Vertex colours of the relief, on the whole terrain's scale (``stream.relief``)."""
        rgb = relief_colors(mesh.point_data["elevation"], mesh.point_data["hillshade"], stream.relief,
                            rgb_u8(self.layer.style.color))
        poly.point_data["rgb"] = rgb
        mapper.SetScalarModeToUsePointFieldData()
        mapper.SetColorModeToDirectScalars()
        mapper.SelectColorArray("rgb")
        mapper.ScalarVisibilityOn()
        prop.SetAmbient(RELIEF_LIGHTING["ambient"])
        prop.SetDiffuse(RELIEF_LIGHTING["diffuse"])

    def _elevation_lut(self, clim) -> vtk.vtkLookupTable:
        """The layer's colormap over the whole terrain's range, shared by every chunk."""
        if self._lut is None:
            lut = pv.LookupTable(cmap=self.layer.style.colormap)
            lut.scalar_range = clim
            lut.nan_opacity = 0.0
            self._lut = lut
        return self._lut


def north_up_texture(rgb: np.ndarray) -> vtk.vtkTexture:
    """A north-up image (row 0 north: pyvista turns it the way VTK wants, south first),
    interpolated and clamped at its edges, so that neighbouring chunks' pictures meet."""
    texture = pv.Texture(np.ascontiguousarray(rgb))
    texture.SetInterpolate(True)
    texture.SetWrap(vtk.vtkTexture.ClampToEdge)
    return texture
