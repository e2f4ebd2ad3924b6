"""Quality levels on pixels of offscreen renders: a tower on flat ground lit by the sun,
drawn at ``low`` and at ``high`` forced on this machine (llvmpipe: slowly, but it draws)."""

import numpy as np
import pytest

from tests.render import test_sun_view
from tests.render.test_sun_view import GROUND, HALF, X, Y, _pixel
from twin._vtk.quality import LEVELS
from twin.analysis.sunlight import SunLight, sun_state
from twin.core.camera import View

tower_on_flat_ground = test_sun_view.tower_on_flat_ground      # its fixture


def _shot(plotter, mirror, level):
    mirror.quality.set(level)
    plotter.render()
    return plotter.screenshot(return_img=True).astype(float)


def _patch(plotter, img, world, r=2) -> float:
    row, col = _pixel(plotter, (world[0] - X, world[1] - Y, world[2]))
    return float(img[row - r:row + r + 1, col - r:col + r + 1].mean())


REPORT_GLX = """OpenGL vendor string: NVIDIA Corporation
OpenGL renderer string: NVIDIA GeForce RTX 3060/PCIe/SSE2
OpenGL version string: 4.6.0 NVIDIA 535.183.01
"""


@pytest.mark.parametrize("renderer, kind, moving, still", [
    ("llvmpipe (LLVM 15.0.6, 256 bits)", "software", "low", "medium"),
    ("Gallium 0.4 on llvmpipe (LLVM 3.4, 256 bits)", "software", "low", "medium"),
    ("softpipe", "software", "low", "medium"),
    ("Software Rasterizer", "software", "low", "medium"),
    ("GDI Generic", "software", "low", "medium"),
    ("D3D12 (Microsoft Basic Render Driver)", "software", "low", "medium"),
    ("zink Vulkan 1.3(llvmpipe (LLVM 15.0.6, 256 bits) (MESA_LLVMPIPE))", "software", "low", "medium"),
    ("", "software", "low", "medium"),
    ("virgl (NVIDIA GeForce GTX 1080/PCIe/SSE2)", "virtual", "medium", "high"),
    ("SVGA3D; build: RELEASE;  LLVM;", "virtual", "medium", "high"),
    ("NVIDIA GeForce RTX 3060/PCIe/SSE2", "gpu", "high", "high"),
    ("NVIDIA H200/PCIe/SSE2", "gpu", "high", "high"),
    ("AMD Radeon RX 6800 XT (navi21, LLVM 15.0.7, DRM 3.49, 6.1.0-13-amd64)", "gpu", "high", "high"),
    ("Mesa Intel(R) UHD Graphics 620 (KBL GT2)", "gpu", "high", "high"),
    ("Apple M1", "gpu", "high", "high"),
])
def test_the_level_follows_the_gl_renderer(renderer, kind, moving, still):
    from twin._vtk.quality import auto_level, machine_kind
    assert machine_kind(renderer) == kind
    assert auto_level(renderer) == moving and auto_level(renderer, still=True) == still


def test_the_renderer_is_read_from_a_capabilities_report_and_from_this_machine():
    from twin._vtk.offscreen import make_plotter
    from twin._vtk.quality import detect, renderer_of, resolve
    assert renderer_of(REPORT_GLX) == "NVIDIA GeForce RTX 3060/PCIe/SSE2"
    assert renderer_of("EGL version string:  1.5\nEGL vendor string:  Mesa Project\n") == ""
    plotter = make_plotter((64, 64))
    try:
        here = detect(plotter.ren_win)
    finally:
        plotter.close()
    assert here                                  # Mesa's llvmpipe on the test machines, a GPU elsewhere
    assert resolve("auto", here).name in LEVELS and resolve("high", here) is LEVELS["high"]


def test_an_unknown_level_is_refused_with_the_choices():
    from twin._vtk.quality import resolve
    from twin.core.errors import TwinError
    with pytest.raises(TwinError, match="auto, low, medium, high"):
        resolve("ultra", "llvmpipe")


def test_ambient_occlusion_darkens_where_a_wall_meets_the_ground(tower_on_flat_ground):
    """Seen from the south, the foot of the tower's south wall: SSAO at ``high`` darkens
    the ground and the wall there, and leaves the open ground as it was."""
    scene, mirror, plotter = tower_on_flat_ground
    mirror.apply_view(View(position=(X - 20, Y - 200, GROUND + 90.0), focal_point=(X, Y, GROUND + 10),
                           view_angle=30))
    low = _shot(plotter, mirror, "low")
    high = _shot(plotter, mirror, "high")
    assert "ssao" in mirror.quality.passes and "msaa×8" in mirror.quality.passes
    foot = (X, Y - HALF - 0.8, GROUND)          # on the ground, against the south wall
    open_ground = (X, Y - HALF - 60.0, GROUND)
    assert _patch(plotter, high, foot) < 0.94 * _patch(plotter, low, foot)
    assert abs(_patch(plotter, high, open_ground) - _patch(plotter, low, open_ground)) < 0.05 * _patch(
        plotter, low, open_ground)


def test_the_sun_shadow_map_darkens_a_lower_roof_behind_the_tower(tower_on_flat_ground, tmp_path):
    """A low building north-east of the tower, in its afternoon shadow: its roof is dark
    with shadow maps (``medium`` and up) and lit at ``low``, whose shadows lie on the
    ground only; the ground's own shadow is there at every level."""
    import geopandas as gpd
    import shapely
    from twin.core.layers import BuildingsLayer
    from twin.io.loading import apply_results, load_scene_data
    scene, mirror, plotter = tower_on_flat_ground
    state = sun_state(scene)
    away = -state.direction[:2] / np.hypot(*state.direction[:2])     # where the shadow falls
    centre = np.array([X, Y]) + away * (HALF + 14.0)
    low_height = 6.0
    gpd.GeoDataFrame({"hauteur": [low_height]}, geometry=[shapely.box(*(centre - 10), *(centre + 10))],
                     crs="EPSG:2154").to_file(tmp_path / "low.gpkg")
    scene.add_layer(BuildingsLayer("low", source=tmp_path / "low.gpkg"))
    apply_results(load_scene_data(scene))
    SunLight.of(scene).enabled = True
    roof = (*centre, GROUND + low_height)
    lit_ground = (*(np.array([X, Y]) - away * (HALF + 30.0)), GROUND)    # sunward: in the sun
    shade_ground = (*(np.array([X, Y]) + away * (HALF + 38.0)), GROUND)  # beyond the low one, in the shadow
    low = _shot(plotter, mirror, "low")
    medium = _shot(plotter, mirror, "medium")
    assert "shadow maps" in mirror.quality.passes
    assert _patch(plotter, medium, roof) < 0.9 * _patch(plotter, low, roof)
    for img in (low, medium):
        assert _patch(plotter, img, shade_ground) < 0.8 * _patch(plotter, img, lit_ground)
    SunLight.of(scene).enabled = False                 # studio light: no map, the roof as at low
    studio = _shot(plotter, mirror, "medium")
    assert "shadow maps" not in mirror.quality.passes
    assert _patch(plotter, studio, roof) > 0.95 * _patch(plotter, _shot(plotter, mirror, "low"), roof)


@pytest.fixture
def bat(shared):
    """A LiDAR extract (trees, a roof, ground) seen from above, as in test_pointcloud_render."""
    from twin._vtk.mirror import SceneMirror
    from twin._vtk.offscreen import make_plotter
    from twin.core.layers import PointCloudLayer
    from twin.core.scene import Scene
    from twin.io.loading import apply_results, load_scene_data
    scene = Scene()
    layer = scene.add_layer(PointCloudLayer("bat", source=shared / "lidar/pdalign__bat.laz", budget=200_000))
    apply_results(load_scene_data(scene))
    b = scene.bounds()
    centre = ((b[0] + b[3]) / 2, (b[1] + b[4]) / 2)
    plotter = make_plotter((160, 120))
    mirror = SceneMirror(scene, plotter, on_render=plotter.render)
    mirror.apply_view(View(position=(centre[0], centre[1] - 1, b[5] + 120), focal_point=(*centre, b[2])))
    yield layer, plotter, mirror
    mirror.close()
    plotter.close()


@pytest.mark.parametrize("eye_dome", [False, True])
def test_a_point_cloud_gets_no_ambient_occlusion_and_keeps_its_eye_dome_lighting(bat, eye_dome):
    """SSAO needs normals, which points lack (it speckles the trees): at ``high`` a shown
    cloud keeps EDL when it asks for it, and SSAO waits; it comes back with the cloud hidden."""
    from tests.render.test_pointcloud_render import _share
    from twin.core.layers.classes import class_color
    layer, plotter, mirror = bat
    layer.style = layer.style.replace(eye_dome_lighting=eye_dome)
    low = plotter.screenshot(return_img=True)
    mirror.quality.set("high")
    high = plotter.screenshot(return_img=True)
    assert mirror.quality.passes == ["msaa×8"]
    assert (plotter.renderer._render_passes._edl_pass is not None) == eye_dome
    if not eye_dome:       # roofs as red as at low: no speckle over them
        assert abs(_share(high, class_color(6)) - _share(low, class_color(6))) < 0.02
    layer.visible = False
    assert "ssao" in mirror.quality.passes
