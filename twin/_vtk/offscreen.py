"""Render a scene to an image with no window (VTK picks EGL/OSMesa offscreen)."""

from __future__ import annotations

import threading
from pathlib import Path

import pyvista as pv

from twin._vtk.mirror import SceneMirror
from twin._vtk.quality import detect, resolve
from twin.core.camera import View
from twin.core.scene import Scene


# VTK and Mesa are not safe with two threads drawing at once: an offscreen render in a worker
# (the report's views, a tour video) beside the window's own render on the GUI thread can
# deadlock. Offscreen work in a worker holds this lock while it builds and draws; the
# window skips a frame rather than wait for it (twin._qt.view), and draws again after.
VTK_LOCK = threading.RLock()


def theme() -> pv.themes.Theme:
    """pyvista's theme without anti-aliasing: its default MSAA ×8 costs 2-4× per frame
    on Mesa llvmpipe, the machines most planners have."""
    t = pv.themes.Theme()
    t.multi_samples = 0
    t.anti_aliasing = None  # FXAA is unsupported on EGL builds (pyvista falls back to costly SSAA)
    t.lighting = True
    return t


def make_plotter(size: tuple[int, int]) -> pv.Plotter:
    return pv.Plotter(off_screen=True, window_size=list(size), theme=theme())


def render_scene(scene: Scene, out: str | Path | None, size: tuple[int, int] = (1920, 1080),
                 view: View | None = None, quality: str = "low", furniture: bool = True):
    """Write a PNG (when ``out`` is given) and return the RGB image as a numpy array.
    ``quality``: a level of twin._vtk.quality, or "auto" (the best this machine's GL
    affords for a still image); ``furniture=False`` leaves out the scale bar and the north
    arrow."""
    plotter = make_plotter(size)
    level = resolve(quality, detect(plotter.ren_win) if quality == "auto" else "", still=True)
    mirror = SceneMirror(scene, plotter)
    mirror.furniture.visible = furniture
    try:
        mirror.quality.set(level)
        mirror.apply_view(view)
        mirror.settle()
        plotter.render()
        image = plotter.screenshot(str(out) if out else None, return_img=True)
    finally:
        mirror.close()
        plotter.close()
    return image
