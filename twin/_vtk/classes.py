"""The VTK classes the mirror uses beyond pyvista's, each from its own module: ``import
vtk`` loads every module VTK has, ~0.5 s on the way to the first frame, for these few.
Importing the OpenGL2 and FreeType modules registers their implementations of them (what
``import vtk`` did as a side effect)."""

from vtkmodules.vtkCommonCore import vtkLookupTable, vtkUnsignedCharArray
from vtkmodules.vtkCommonDataModel import vtkPolyData
from vtkmodules.vtkFiltersSources import vtkPlaneSource
from vtkmodules.vtkRenderingAnnotation import vtkLegendBoxActor
from vtkmodules.vtkRenderingCore import (
    vtkActor, vtkCellPicker, vtkPolyDataMapper, vtkPropPicker, vtkRenderer, vtkTexture,
)
from vtkmodules.vtkRenderingFreeType import vtkMathTextFreeTypeTextRenderer
from vtkmodules.vtkRenderingOpenGL2 import vtkOpenGLRenderer

__all__ = ["vtkActor", "vtkCellPicker", "vtkLegendBoxActor", "vtkLookupTable", "vtkMathTextFreeTypeTextRenderer",
           "vtkOpenGLRenderer", "vtkPlaneSource", "vtkPolyData", "vtkPolyDataMapper", "vtkPropPicker",
           "vtkRenderer", "vtkTexture", "vtkUnsignedCharArray"]
