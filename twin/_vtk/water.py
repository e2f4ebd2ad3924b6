"""Water drawn as water: laid flat at its level, a blue with a highlight where the sun
(or the head light) glances off it, a little see-through at the edges of a view."""

from __future__ import annotations

import numpy as np

from twin._vtk.convert import to_polydata
from twin.core.layers.style import VectorStyle
from twin.geometry.water import WATER_COLOR, lay_flat

LOOK = {"ambient": 0.6, "diffuse": 0.35, "specular": 0.5, "specular_power": 25.0}


def add_water(visual, fill, rgb: np.ndarray | None) -> None:
    """The water polygons of ``visual``'s layer: coloured by attribute when the style
    says so, else in the style's fill colour once changed from the default, else water blue."""
    style = visual.layer.style
    poly = to_polydata(lay_flat(fill))
    if rgb is not None:
        poly.cell_data["rgb"] = rgb[poly.cell_data["feature"]]
        colour = {"scalars": "rgb", "rgb": True}
    else:
        own = style.fill_color != VectorStyle().fill_color
        colour = {"color": style.fill_color if own else WATER_COLOR}
    opacity = visual.layer.opacity * max(style.fill_opacity, 0.9)
    actor = visual._add(poly, **colour, opacity=opacity, smooth_shading=True, **LOOK)
    actor.GetProperty().SetSpecularColor(0.92, 0.96, 1.0)     # the sky's white, not the water's blue
