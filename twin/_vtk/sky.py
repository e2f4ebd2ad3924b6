"""A sky that reads as one: deep blue overhead, paling to a hazy band at the horizon,
a little greyer below it (what shows past the edge of the data). Drawn as the
renderer's background texture, a column of colours placed each frame so that its pale
band sits on the true horizon for the camera's pitch: one 256-pixel texture upload when
the pitch changed, nothing to draw in 3D (a skybox or depth fog would cost a pass over
every pixel on software GL)."""

from __future__ import annotations

import math

import numpy as np

from twin._vtk.classes import vtkImageData, vtkTexture, numpy_to_vtk
from twin.core.layers.style import hex_to_u8

ZENITH, HAZE, BELOW = "#6f9fd3", "#eef1f2", "#e1e6e9"
ROWS = 256
BAND = 0.07          # height of the pale band above the horizon, as a share of the view's height
SPREAD = 0.9         # how far up the view the haze still tints the blue (share of the height)


def sky_column(horizon: float, rows: int = ROWS) -> np.ndarray:
    """(rows, 3) uint8 colours bottom to top for a view whose horizon lies at ``horizon``
    (0 bottom, 1 top of the view; outside that range when the horizon is off screen)."""
    y = (np.arange(rows) + 0.5) / rows - horizon
    zenith, haze, below = (hex_to_u8(c).astype(float) for c in (ZENITH, HAZE, BELOW))
    up = np.clip((y - BAND) / SPREAD, 0.0, 1.0) ** 0.55
    colour = haze * (1 - up[:, None]) + zenith * up[:, None]
    down = np.clip(-y / BAND, 0.0, 1.0)[:, None]
    colour = np.where((y < 0)[:, None], haze * (1 - down) + below * down, colour)
    return np.clip(colour, 0, 255).astype(np.uint8)


def horizon_height(camera) -> float:
    """Where the horizon crosses the view's vertical centre line, 0 bottom to 1 top."""
    d = np.asarray(camera.GetDirectionOfProjection(), float)
    pitch = math.asin(max(-1.0, min(1.0, d[2])))          # negative: looking down
    half = math.radians(camera.GetViewAngle()) / 2
    return 0.5 - 0.5 * math.tan(pitch) / math.tan(half) if abs(pitch) < math.pi / 2 - 1e-3 else (
        -1.0 if pitch > 0 else 2.0)


class Sky:
    def __init__(self, renderer):
        self.renderer = renderer
        self._image = vtkImageData()
        self._image.SetDimensions(2, ROWS, 1)      # two wide: one would make a 1D texture, laid along x
        self._texture = vtkTexture()
        self._texture.SetInputData(self._image)
        self._texture.InterpolateOn()
        self._texture.SetColorModeToDirectScalars()
        self._row = None
        self.update()
        renderer.SetBackgroundTexture(self._texture)
        renderer.TexturedBackgroundOn()

    def update(self) -> None:
        """Place the pale band on the horizon (call before each frame)."""
        horizon = horizon_height(self.renderer.GetActiveCamera())
        row = int(round(float(np.clip(horizon, -2.0, 3.0)) * ROWS))
        if row == self._row:
            return
        self._row = row
        column = numpy_to_vtk(np.repeat(sky_column(row / ROWS), 2, axis=0), deep=True)
        self._image.GetPointData().SetScalars(column)
        self._image.Modified()

    def close(self) -> None:
        self.renderer.TexturedBackgroundOff()
