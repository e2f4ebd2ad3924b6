"""Quality levels of the 3D view, chosen from what the machine's OpenGL can afford.

Most planners draw with Mesa's llvmpipe on the CPU, where a moving frame of the demo
costs ~200 ms before any effect: there every pass is a price paid each frame. A real GPU
draws the same frame in a few milliseconds and can afford multisampling, ambient
occlusion (SSAO: the dark seam where a wall meets the street) and the sun's shadow maps
(shadows on roofs and walls, not only on the ground). The renderer string of the GL
context says which machine this is; :func:`auto_level` turns it into a level.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass

import pyvista as pv

from twin._vtk.classes import vtkOverlayPass, vtkRenderStepsPass, vtkTranslucentPass, vtkVolumetricPass
from twin.core.errors import TwinError
from twin.core.i18n import tr
from twin.core.settings import QUALITIES


@dataclass(frozen=True)
class Quality:
    name: str
    multi_samples: int     # MSAA samples of the render window (0: none)
    fxaa: bool             # fast approximate anti-aliasing, a cheap pass over the image
    ssao: bool             # screen-space ambient occlusion
    shadow_maps: bool      # the sun's shadows on every surface, when the real sun lights the view
    shadow_resolution: int = 2048   # texels on a side of the sun's shadow map


LEVELS = {
    "low": Quality("low", multi_samples=0, fxaa=False, ssao=False, shadow_maps=False),
    "medium": Quality("medium", multi_samples=0, fxaa=True, ssao=False, shadow_maps=True),
    "high": Quality("high", multi_samples=8, fxaa=False, ssao=True, shadow_maps=True),
}
CHOICES = QUALITIES          # "auto" and the levels, as the settings file names them
assert CHOICES[1:] == tuple(LEVELS)

# GL renderer strings of rasterisers running on the CPU, and of the virtual GPUs of
# virtual machines (which forward to a host GPU, with a large per-call overhead)
_SOFTWARE = re.compile(r"llvmpipe|softpipe|swrast|software rasteri[sz]er|gdi generic|basic render driver"
                       r"|lavapipe|swiftshader|\bswr\b|mesa (x11|offscreen)", re.IGNORECASE)
_VIRTUAL = re.compile(r"virgl|svga3d|vmware|virtualbox|chromium|parallels|qxl", re.IGNORECASE)

# SSAO in metres: a kernel about a storey high finds the street against the walls
SSAO_RADIUS_M, SSAO_BIAS_M, SSAO_KERNEL = 4.0, 0.3, 32


def renderer_of(report: str) -> str:
    """The GL renderer string in the text of ``vtkRenderWindow.ReportCapabilities()``
    ("" when the report has none, e.g. a window that never drew)."""
    found = re.search(r"^\s*OpenGL renderer string:\s*(.*?)\s*$", report, re.MULTILINE)
    return found.group(1) if found else ""


def machine_kind(renderer: str) -> str:
    """"software", "virtual" or "gpu"; an unknown (empty) renderer counts as software,
    the cautious guess."""
    if not renderer.strip() or _SOFTWARE.search(renderer):
        return "software"
    return "virtual" if _VIRTUAL.search(renderer) else "gpu"


def auto_level(renderer: str, still: bool = False) -> str:
    """The best level the machine holds at a moving frame rate (~100 ms a frame at
    1280×720), or for a still image (``still``: no frame budget, one step more)."""
    order = list(LEVELS)
    index = {"software": 0, "virtual": 1, "gpu": 2}[machine_kind(renderer)]
    return order[min(index + still, len(order) - 1)]


def detect(ren_win) -> str:
    """The GL renderer string of a render window: an offscreen one is started here (~10 ms),
    a window on screen must have drawn once."""
    state = ren_win.GetState()
    if not state.GetRenderer() and ren_win.GetOffScreenRendering():
        ren_win.Initialize()
        ren_win.MakeCurrent()
        ren_win.OpenGLInitState()
    # EGL's own report names no renderer, GLX's and WGL's do
    return state.GetRenderer() or renderer_of(ren_win.ReportCapabilities())


def resolve(choice: str, renderer: str, still: bool = False) -> Quality:
    """The level for ``choice`` ("auto" or a level's name) on this renderer."""
    if choice == "auto":
        return LEVELS[auto_level(renderer, still)]
    if choice not in LEVELS:
        raise TwinError(tr("Unknown quality '{choice}': use one of {choices}")
                        .format(choice=choice, choices=", ".join(CHOICES)))
    return LEVELS[choice]


class ViewQuality:
    """The passes of one plotter at one level, kept in step with what the view shows.

    Eye-dome lighting (point clouds, switched by the mirror) and SSAO are both passes
    over the depth buffer and VTK chains them, but SSAO needs the surfaces' normals,
    which points do not have (it speckles a cloud): while a point cloud is shown, with
    EDL or not, SSAO waits and EDL gives the depth. Shadow maps only follow a real sun
    (the studio light kit casts none)."""

    def __init__(self, plotter: pv.Plotter, sun=None, ground=lambda: (), clouds=lambda: False,
                 level: Quality = LEVELS["low"]):
        """``ground()``: the terrain's actors. The ground's shadows are the sun view's own,
        exact and draped over the unlit parcels too; the maps add those on roofs and walls.
        ``clouds()``: whether a point cloud is shown."""
        self.plotter, self.sun, self.ground, self.clouds, self.level = plotter, sun, ground, clouds, level
        self.edl = False
        self._ssao = self._shadows = False
        self._samples = plotter.ren_win.GetMultiSamples()
        self._declared = weakref.WeakSet()       # actors looked at for the shadow pass
        self._grounds = weakref.WeakSet()        # ground actors told to ignore the map

    def set(self, level: Quality | str) -> None:
        self.level = LEVELS[level] if isinstance(level, str) else level
        self.sync(self.edl)

    def sync(self, edl: bool | None = None) -> None:
        """Switch the passes the level and the view call for (cheap when nothing changed)."""
        if edl is not None:
            self.edl = edl
        level, ren_win, renderer = self.level, self.plotter.ren_win, self.plotter.renderer
        if self._samples != level.multi_samples:     # the driver may grant fewer (llvmpipe: 4)
            ren_win.SetMultiSamples(level.multi_samples)
            self._samples = level.multi_samples
        if bool(renderer.GetUseFXAA()) != level.fxaa:
            renderer.SetUseFXAA(level.fxaa)
        ssao = level.ssao and not self.edl and not self.clouds()
        if ssao != self._ssao:
            if ssao:
                self.plotter.enable_ssao(radius=SSAO_RADIUS_M, bias=SSAO_BIAS_M, kernel_size=SSAO_KERNEL, blur=True)
            else:
                self.plotter.disable_ssao()
            self._ssao = ssao
        sunlit = self.sun is not None and self.sun.state is not None and self.sun.setting.shadows
        shadows = level.shadow_maps and sunlit
        if shadows != self._shadows:
            if shadows:
                self._enable_shadow_maps(level.shadow_resolution)
            else:
                self._disable_shadow_maps()
            self._shadows = shadows
        if shadows:
            self._declare_positions()
        for light in self.plotter.renderer.GetLights():
            if not light.LightTypeIsHeadlight() and light is not getattr(self.sun, "light", None):
                # only the sun casts shadows (VTK bakes a map for every directional light): the
                # sky's light becomes a point far above, which lights the same and casts none
                light.SetPositional(shadows)
                light.SetConeAngle(180.0)

    def _enable_shadow_maps(self, resolution: int) -> None:
        """pyvista adds VTK's shadow passes after its all-in-one pass, which draws the opaque
        surfaces a second time over what is translucent (the draped ground shadows
        vanished): here the shadow pass draws the opaque surfaces once, then the
        translucent ones, volumes and overlays follow."""
        self.plotter.enable_shadows()
        passes = self.plotter.renderer._render_passes
        passes._shadow_map_pass.GetShadowMapBakerPass().SetResolution(resolution)
        collection = passes._pass_collection
        steps = [collection.GetItemAsObject(i) for i in range(collection.GetNumberOfItems())]
        collection.RemoveAllItems()
        for step in [s for s in steps if not s.IsA("vtkRenderStepsPass")] + \
                [vtkTranslucentPass(), vtkVolumetricPass(), vtkOverlayPass()]:
            collection.AddItem(step)

    def _disable_shadow_maps(self) -> None:
        passes = self.plotter.renderer._render_passes
        collection = passes._pass_collection
        for step in [collection.GetItemAsObject(i) for i in range(collection.GetNumberOfItems())]:
            if step.IsA("vtkTranslucentPass") or step.IsA("vtkVolumetricPass") or step.IsA("vtkOverlayPass"):
                collection.RemoveItem(step)
        collection.AddItem(vtkRenderStepsPass())
        self.plotter.disable_shadows()

    @property
    def passes(self) -> list[str]:
        """What is on now, by name (for benchmarks and tests)."""
        on = [f"msaa×{self.level.multi_samples}"] if self.level.multi_samples else []
        return on + [name for name, flag in (("fxaa", self.level.fxaa), ("ssao", self._ssao),
                                             ("shadow maps", self._shadows)) if flag]

    def _declare_positions(self) -> None:
        """VTK's shadow-map shaders read each fragment's position, which VTK declares only
        for lit surfaces: an unlit actor (draped shadows, labels' boxes) or one of lines and
        points alone fails to compile and vanishes. Those get a stand-in position: the
        shadow factor is only used by lighting, which they do not do."""
        for actor in self.plotter.renderer.GetActors():
            if actor in self._declared:
                continue
            data = actor.GetMapper().GetInput() if actor.GetMapper() is not None else None
            lines_only = data is not None and hasattr(data, "GetNumberOfPolys") and not data.GetNumberOfPolys() \
                and not data.GetNumberOfStrips()
            if not actor.GetProperty().GetLighting() or lines_only:
                actor.GetShaderProperty().AddFragmentShaderReplacement(
                    "//VTK::PositionVC::Dec", True,
                    "//VTK::PositionVC::Dec\nvec4 vertexVC = vec4(0.0, 0.0, 0.0, 1.0);", False)
            self._declared.add(actor)
        for actor in self.ground():
            if actor not in self._grounds:
                # after VTK's own replacements (False): the map's factor is computed, then ignored
                actor.GetShaderProperty().AddFragmentShaderReplacement(
                    "calcShadow(vertexVC", False, "vec2(1.0) + 0.0 * calcShadow(vertexVC", True)
                self._grounds.add(actor)
