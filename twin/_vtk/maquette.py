"""Buildings drawn as a maquette (``twin.geometry.maquette``): per-vertex tones with the
ambient occlusion baked in, roofs textured by the scene's orthophoto when there is one
(``twin.io.ortho``), thin outlines on top.

The orthophoto over a commune's roofs takes seconds to read (a 2048² picture out of JPEG
2000 tiles): it is read in a worker thread once the first frame is drawn (so as not to
share the cores with it), and the first frame shows the roofs in their tones; they take
the photo when the mirror next polls (``SceneMirror.update_deferred``).

Textured roofs are an actor of their own, so that the walls keep their tone: a texture
on one actor would colour every face of it."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import numpy as np
import pyvista as pv

from twin._vtk.classes import vtkTexture
from twin._vtk.convert import rgb_u8, to_polydata, without_cells
from twin.core.priority import lower_this_thread
from twin.geometry.maquette import feature_tones, maquette_colors, outlines, roof_tcoords
from twin.geometry.extrude import ROOF
from twin.io.ortho import Ortho, ortho_over, ortho_source

LIGHTING = {"ambient": 0.35, "diffuse": 0.7, "specular": 0.0}
ROOF_LIGHTING = {"ambient": 0.55, "diffuse": 0.5, "specular": 0.0}   # the photo holds its own light
OUTLINE = "#8f867a"      # opaque: a translucent actor would cost a pass of its own
_READER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="twin-ortho",   # GDAL releases the GIL
                             initializer=lower_this_thread)


class OrthoCache:
    """The orthophoto over a box, read once for the rebuilds that restyling causes, in a
    worker thread started by ``start``: ``over`` answers None until it has arrived."""

    def __init__(self):
        self._key: Any = None
        self._ortho: Ortho | None = None
        self._wanted: tuple | None = None       # (scene, box) to read, not started yet
        self._reading: Future | None = None

    def over(self, scene, box) -> Ortho | None:
        source = ortho_source(scene)
        key = (id(source), tuple(np.round(box, 3)))
        if key != self._key:
            self._key, self._ortho, self._reading = key, None, None
            self._wanted = None if source is None else (scene, box)
        self.arrived()
        return self._ortho

    def start(self) -> None:
        if self._wanted is not None:
            self._reading, self._wanted = _READER.submit(ortho_over, *self._wanted), None

    @property
    def pending(self) -> bool:
        return self._wanted is not None or self._reading is not None

    def arrived(self, wait: bool = False) -> bool:
        """True once, when the picture being read is in (``wait``: start the read and wait
        for it). A read that failed raises here, on the caller's thread."""
        if wait:
            self.start()
        if self._reading is None or not (wait or self._reading.done()):
            return False
        reading, self._reading = self._reading, None
        self._ortho = reading.result()
        return True


def draw_maquette(visual, data, hidden: np.ndarray | None, cache: OrthoCache) -> None:
    """Add the buildings' actors to ``visual`` (a BuildingsVisual): walls and roofs in the
    style's tones, the roofs textured where the scene has an orthophoto."""
    style, mesh = visual.layer.style, data.mesh
    walls, roofs = feature_tones(data.table.frame, rgb_u8(style.color), rgb_u8(style.roof_color),
                                 vary=style.vary_tones)
    poly = to_polydata(mesh)
    poly.point_data["rgb"] = maquette_colors(mesh, walls, roofs, occlude=style.occlusion)
    ortho = None
    if style.roof_ortho and data.bounds is not None:
        b = data.bounds
        ortho = cache.over(getattr(visual, "scene", None), (b[0], b[1], b[3], b[4]))
    roof = mesh.cell_data["part"] == ROOF
    drop = np.zeros(len(roof), bool) if hidden is None else hidden.copy()
    if ortho is not None:
        roofs_poly = without_cells(poly, drop | ~roof)
        roofs_poly.active_texture_coordinates = roof_tcoords(mesh, ortho.box, visual.scene.origin)
        visual._add(roofs_poly, texture=_texture(ortho.rgb), opacity=visual.layer.opacity,
                    **ROOF_LIGHTING)
        drop |= roof
    shown = without_cells(poly, drop) if drop.any() else poly
    visual._add(shown, scalars="rgb", rgb=True, opacity=visual.layer.opacity, **LIGHTING)
    if style.outlines:
        lines = outlines(mesh, None if hidden is None else ~hidden)
        if lines.n_points:
            visual._add(to_polydata(lines), color=OUTLINE, line_width=1.0, lighting=False,
                        opacity=visual.layer.opacity)


def _texture(rgb: np.ndarray) -> vtkTexture:
    """A north-up picture (pyvista turns it south first, as VTK wants), interpolated."""
    texture = pv.Texture(np.ascontiguousarray(rgb))
    texture.SetInterpolate(True)
    texture.SetWrap(vtkTexture.ClampToEdge)
    return texture
