"""The public API for a plugin's layer visual (VTK side, never Qt): subclass
``LayerVisual``, build actors from the layer's data in ``build``, add them with
``self._add(polydata, **pyvista_mesh_options)``. Register it with
``registrar.layer_kind(MyLayer, visual="my_plugin.visual:MyVisual")``. Optional hooks:
``time_changed(when)`` when the scene's timeline moves (``self.timeline``; the scene is
``self.scene``, whose ``public`` flag asks overlays to hide personal figures), and
``poll_live()``, called about once a second in the app, where a live overlay re-reads
its feed and calls ``self._on_change()`` if the picture changed. Labels: append
``add_labels(self.plotter, anchors, texts, priority)`` to ``self.actors``; the view keeps
them from overlapping (the higher priority stays)."""

from twin._vtk.convert import rgb_u8, to_polydata, vertex_cloud
from twin._vtk.labels import add_labels
from twin._vtk.visuals import LayerVisual

__all__ = ["LayerVisual", "add_labels", "rgb_u8", "to_polydata", "vertex_cloud"]
