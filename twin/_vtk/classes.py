"""The VTK classes the mirror uses beyond pyvista's, each from its own module: ``import
vtk`` loads every module VTK has, ~0.5 s on the way to the first frame, for these few.
pyvista's plotting loads the rendering modules they need (OpenGL2, FreeType)."""

import pyvista.plotting  # noqa: F401  (the OpenGL2 and FreeType overrides, before the classes)
from vtkmodules.vtkCommonCore import vtkLookupTable, vtkUnsignedCharArray
from vtkmodules.vtkCommonDataModel import vtkPolyData
from vtkmodules.vtkFiltersSources import vtkPlaneSource
from vtkmodules.vtkRenderingAnnotation import vtkLegendBoxActor
from vtkmodules.vtkRenderingCore import (
    vtkActor, vtkCellPicker, vtkPolyDataMapper, vtkPropPicker, vtkRenderer, vtkTexture,
)

__all__ = ["vtkActor", "vtkCellPicker", "vtkLegendBoxActor", "vtkLookupTable", "vtkPlaneSource", "vtkPolyData",
           "vtkPolyDataMapper", "vtkPropPicker", "vtkRenderer", "vtkTexture", "vtkUnsignedCharArray"]
