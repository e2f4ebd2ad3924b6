"""From the scene to the screen and back, in numpy with the camera's own matrix: the
on-screen furniture and the label placement ask where things fall in pixels every frame,
and VTK's per-point coordinate conversions would cost a Python call per point."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from twin._vtk import classes as vtk


@dataclass(frozen=True)
class Screen:
    """The renderer's camera at one frame: ``mvp`` maps origin-relative scene points to
    clip space; pixels count from the viewport's lower left corner."""

    mvp: np.ndarray        # (4, 4)
    width: int
    height: int
    focal: np.ndarray      # (3,) the camera's focal point, origin-relative

    @classmethod
    def of(cls, renderer: vtk.vtkRenderer) -> "Screen | None":
        w, h = renderer.GetSize()
        if not w or not h:
            return None
        camera = renderer.GetActiveCamera()
        m = camera.GetCompositeProjectionTransformMatrix(w / h, -1, 1)
        mvp = np.array([[m.GetElement(i, j) for j in range(4)] for i in range(4)])
        return cls(mvp, int(w), int(h), np.asarray(camera.GetFocalPoint(), float))

    @property
    def key(self) -> tuple:
        """Equal while nothing on screen moved: a frame can reuse what was placed."""
        return (self.width, self.height, self.mvp.round(9).tobytes())

    def project(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(N, 2) pixel positions of (N, 3) points, and which of them lie in front of the
        camera (behind it, the pixels mean nothing). The near and far planes do not count:
        they follow what is drawn (nothing yet, at a timeline's empty instant)."""
        clip = np.c_[np.asarray(points, float), np.ones(len(points))] @ self.mvp.T
        front = clip[:, 3] > 1e-9
        ndc = clip[:, :2] / np.where(front, clip[:, 3], 1.0)[:, None]
        px = np.c_[(ndc[:, 0] + 1) * self.width / 2, (ndc[:, 1] + 1) * self.height / 2]
        return px, front

    def ray(self, x: float, y: float) -> tuple[np.ndarray, np.ndarray]:
        """The eye ray through pixel (x, y): a point on the near plane and a unit direction."""
        inverse = np.linalg.inv(self.mvp)
        ndc = np.array([[2 * x / self.width - 1, 2 * y / self.height - 1, z, 1.0] for z in (-1.0, 1.0)])
        near, far = (p[:3] / p[3] for p in ndc @ inverse.T)
        direction = far - near
        return near, direction / np.linalg.norm(direction)

    def on_ground(self, x: float, y: float, ground_z: float) -> np.ndarray | None:
        """Where the ray through pixel (x, y) comes down onto the level plane z =
        ``ground_z``; None when it runs above the horizon."""
        start, direction = self.ray(x, y)
        if direction[2] > -1e-9:
            return None
        t = (ground_z - start[2]) / direction[2]
        return start + t * direction if t > 0 else None


def corners(boxes) -> np.ndarray:
    """(4M, 2) corners of M (x0, y0, x1, y1) pixel boxes, counter-clockwise, for ``polygons``."""
    return np.asarray(boxes, float).reshape(-1, 4)[:, [0, 1, 2, 1, 2, 3, 0, 3]].reshape(-1, 2)


def polygons(points: np.ndarray, sizes: np.ndarray) -> vtk.vtkPolyData:
    """2D polygons from their (M, 2) corners, ``sizes`` corners each, in order."""
    from twin._vtk.classes import numpy_to_vtk, numpy_to_vtkIdTypeArray
    points = np.asarray(points, float)
    pts = vtk.vtkPoints()
    pts.SetData(numpy_to_vtk(np.c_[points, np.zeros(len(points))].astype(np.float32), deep=True))
    sizes = np.asarray(sizes, np.int64)
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    conn = np.arange(len(points), dtype=np.int64)
    offsets = np.r_[starts, len(points)].astype(np.int64)
    cells = vtk.vtkCellArray()
    cells.SetData(numpy_to_vtkIdTypeArray(offsets, deep=True), numpy_to_vtkIdTypeArray(conn, deep=True))
    poly = vtk.vtkPolyData()
    poly.SetPoints(pts)
    poly.SetPolys(cells)
    return poly


def colored(poly: vtk.vtkPolyData, rgba: np.ndarray) -> vtk.vtkPolyData:
    """``poly`` with one RGBA (0-255) colour per cell."""
    from twin._vtk.classes import numpy_to_vtk
    colors = numpy_to_vtk(np.ascontiguousarray(np.asarray(rgba, np.uint8).reshape(-1, 4)), deep=True)
    colors.SetName("rgba")
    poly.GetCellData().SetScalars(colors)
    return poly


def overlay_actor() -> tuple[vtk.vtkActor2D, vtk.vtkPolyDataMapper2D]:
    """A 2D actor drawing polygons in display pixels with their cell colours."""
    mapper = vtk.vtkPolyDataMapper2D()
    mapper.SetScalarModeToUseCellData()
    mapper.SetColorModeToDirectScalars()
    actor = vtk.vtkActor2D()
    actor.SetMapper(mapper)
    actor.PickableOff()
    return actor, mapper


def text_size(prop: vtk.vtkTextProperty, text: str, dpi: int) -> tuple[int, int]:
    """Pixel width and height of ``text`` drawn with ``prop`` (FreeType measures it, no
    frame needed)."""
    box = [0, 0, 0, 0]
    vtk.vtkTextRenderer.GetInstance().GetBoundingBox(prop, text, box, dpi)
    return box[1] - box[0] + 1, box[3] - box[2] + 1


MIN_VIEW = (480, 320)    # smaller views (thumbnails, small test shots) go without legend and furniture


def roomy(width: int, height: int) -> bool:
    return width >= MIN_VIEW[0] and height >= MIN_VIEW[1]


def screen_scale(width: int, height: int, dpi: int = 72) -> float:
    """How much larger than in a 720-pixel-high view the legend, labels and furniture are
    drawn: by the view's height (a council projector at 4K, a high-DPI screen: ×3), held
    back by a narrow width (a portrait kiosk), never below a readable size."""
    return max(0.8, min(height / 720, width / 640), dpi / 96)
