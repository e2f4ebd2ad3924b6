"""The VTK classes the mirror uses beyond pyvista's, each from its own module: ``import
vtk`` loads every module VTK has, ~0.5 s on the way to the first frame, for these few.
Importing the OpenGL2 and FreeType modules registers their implementations of them (what
``import vtk`` did as a side effect)."""

from vtkmodules.vtkCommonCore import vtkLookupTable, vtkPoints, vtkUnsignedCharArray
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkImageData, vtkPolyData
from vtkmodules.vtkFiltersSources import vtkPlaneSource
from vtkmodules.vtkRenderingAnnotation import vtkLegendBoxActor
from vtkmodules.vtkRenderingCore import (
    vtkActor, vtkActor2D, vtkCellPicker, vtkGlyph3DMapper, vtkMapper, vtkPolyDataMapper, vtkPolyDataMapper2D,
    vtkPropAssembly, vtkPropPicker, vtkRenderer, vtkTextActor, vtkTextProperty, vtkTextRenderer, vtkTexture,
)
from vtkmodules.vtkRenderingFreeType import vtkMathTextFreeTypeTextRenderer
from vtkmodules.vtkRenderingOpenGL2 import (
    vtkOpenGLFramebufferObject, vtkOpenGLRenderer, vtkOverlayPass, vtkRenderStepsPass, vtkTranslucentPass, vtkVolumetricPass,
)
from vtkmodules.util.numpy_support import numpy_to_vtk, numpy_to_vtkIdTypeArray

__all__ = ["numpy_to_vtk", "numpy_to_vtkIdTypeArray", "vtkActor", "vtkActor2D", "vtkCellArray", "vtkCellPicker",
           "vtkGlyph3DMapper", "vtkImageData", "vtkLegendBoxActor", "vtkLookupTable", "vtkMapper",
           "vtkMathTextFreeTypeTextRenderer", "vtkOpenGLFramebufferObject", "vtkOpenGLRenderer",
           "vtkOverlayPass", "vtkPlaneSource", "vtkPoints", "vtkPolyData", "vtkPolyDataMapper",
           "vtkPolyDataMapper2D", "vtkPropAssembly", "vtkPropPicker", "vtkRenderer", "vtkRenderStepsPass",
           "vtkTextActor", "vtkTextProperty", "vtkTextRenderer", "vtkTexture", "vtkTranslucentPass",
           "vtkUnsignedCharArray", "vtkVolumetricPass"]
