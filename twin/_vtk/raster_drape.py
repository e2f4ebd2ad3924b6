"""The visual of a draped raster: a structured surface on the ground, one vertex per cell,
coloured by value through the layer's colormap; no data and hidden values transparent."""

from __future__ import annotations

import pyvista as pv

from twin._vtk.visuals import LayerVisual


class RasterDrapeVisual(LayerVisual):
    def build(self, data) -> None:
        h, w = data.values.shape
        if h < 2 or w < 2:
            return
        surface = pv.StructuredGrid(data.xyz[..., 0].T.copy(), data.xyz[..., 1].T.copy(), data.xyz[..., 2].T.copy())
        surface.point_data["value"] = data.values.T.ravel(order="F")
        lo, hi = self.layer.limits(data.values)
        actor = self._add(surface, scalars="value", cmap=self.layer.colormap, clim=(lo, hi), nan_opacity=0.0,
                          show_scalar_bar=False, pickable=False, opacity=self.layer.opacity, lighting=False)
        actor.GetMapper().SetResolveCoincidentTopologyToPolygonOffset()
