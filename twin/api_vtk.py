"""The public API for a plugin's layer visual (VTK side, never Qt): subclass
``LayerVisual``, build actors from the layer's data in ``build``, add them with
``self._add(polydata, **pyvista_mesh_options)``. Register it with
``registrar.layer_kind(MyLayer, visual="my_plugin.visual:MyVisual")``."""

from twin._vtk.convert import rgb_u8, to_polydata, vertex_cloud
from twin._vtk.visuals import LayerVisual

__all__ = ["LayerVisual", "rgb_u8", "to_polydata", "vertex_cloud"]
