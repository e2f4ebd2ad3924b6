"""The four accessibility pictograms, Picto Access-style: a white glyph (wheelchair, ear,
eye, smiling head) on the need's colour, drawn with matplotlib into one RGBA atlas the
3D view textures its billboards with. Drawn, not shipped as images, so colours stay
those of the legend (layer.COLORS) and nothing binary can go stale."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from plugins.accessibility.layer import COLORS, NEEDS

ICON = 64          # pixels per pictogram side in the atlas
WHITE = "white"


def _wheelchair(ax, lw: float) -> None:
    from matplotlib.patches import Arc, Circle
    ax.add_patch(Circle((0.44, 0.82), 0.075, color=WHITE))
    ax.plot([0.42, 0.42, 0.64, 0.72], [0.70, 0.47, 0.47, 0.22], color=WHITE, lw=lw, solid_capstyle="round",
            solid_joinstyle="round")
    ax.plot([0.42, 0.60], [0.61, 0.61], color=WHITE, lw=lw * 0.8, solid_capstyle="round")
    ax.add_patch(Arc((0.42, 0.38), 0.42, 0.42, theta1=110, theta2=375, color=WHITE, lw=lw))


def _ear(ax, lw: float) -> None:
    from matplotlib.path import Path
    from matplotlib.patches import PathPatch
    outer = Path([(0.30, 0.60), (0.30, 0.90), (0.74, 0.92), (0.72, 0.58), (0.71, 0.44), (0.56, 0.40),
                  (0.54, 0.28), (0.52, 0.14), (0.36, 0.14), (0.34, 0.24)],
                 [Path.MOVETO, Path.CURVE4, Path.CURVE4, Path.CURVE4, Path.CURVE4, Path.CURVE4, Path.CURVE4,
                  Path.CURVE4, Path.CURVE4, Path.CURVE4])
    inner = Path([(0.42, 0.58), (0.42, 0.76), (0.62, 0.76), (0.58, 0.58), (0.56, 0.50), (0.48, 0.50)],
                 [Path.MOVETO, Path.CURVE4, Path.CURVE4, Path.CURVE4, Path.CURVE3, Path.CURVE3])
    for path in (outer, inner):
        ax.add_patch(PathPatch(path, fill=False, edgecolor=WHITE, lw=lw, capstyle="round"))


def _eye(ax, lw: float, color) -> None:
    from matplotlib.path import Path
    from matplotlib.patches import Circle, PathPatch
    almond = Path([(0.12, 0.50), (0.34, 0.80), (0.66, 0.80), (0.88, 0.50), (0.66, 0.20), (0.34, 0.20),
                   (0.12, 0.50)],
                  [Path.MOVETO, Path.CURVE4, Path.CURVE4, Path.CURVE4, Path.CURVE4, Path.CURVE4, Path.CURVE4])
    ax.add_patch(PathPatch(almond, fill=False, edgecolor=WHITE, lw=lw, joinstyle="round"))
    ax.add_patch(Circle((0.5, 0.5), 0.15, color=WHITE))
    ax.add_patch(Circle((0.5, 0.5), 0.055, color=color))


def _mental(ax, lw: float, color) -> None:
    from matplotlib.patches import Arc, Circle, Ellipse
    ax.add_patch(Ellipse((0.5, 0.08), 0.70, 0.44, color=WHITE))               # shoulders
    ax.add_patch(Circle((0.5, 0.60), 0.25, color=WHITE))                      # head
    for x in (0.41, 0.59):
        ax.add_patch(Circle((x, 0.66), 0.035, color=color))                  # eyes
    ax.add_patch(Arc((0.5, 0.58), 0.26, 0.22, theta1=200, theta2=340, color=color, lw=lw * 0.6))  # smile


def _draw(need: str, rgb: np.ndarray) -> np.ndarray:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    color = tuple(rgb / 255)
    fig = Figure(figsize=(1, 1), dpi=ICON, facecolor=color)
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_axis_off()
    lw = 0.085 * ICON * 72 / ICON        # strokes ~ 8.5 % of the side, in points
    {"wheelchair": lambda: _wheelchair(ax, lw), "hearing": lambda: _ear(ax, lw),
     "sight": lambda: _eye(ax, lw, color), "mental": lambda: _mental(ax, lw, color)}[need]()
    canvas.draw()
    image = np.asarray(canvas.buffer_rgba())[..., :3].copy()
    image[:2], image[-2:], image[:, :2], image[:, -2:] = 255, 255, 255, 255   # a white frame
    return image


@lru_cache(maxsize=1)
def atlas() -> np.ndarray:
    """(ICON, 4 × ICON, 3) uint8: the pictograms side by side in NEEDS order, top row first."""
    return np.concatenate([_draw(need, COLORS[i].astype(float)) for i, need in enumerate(NEEDS)], axis=1)
