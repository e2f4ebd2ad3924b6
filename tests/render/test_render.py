"""Offscreen renders checked by their pixels."""

import numpy as np
import pytest

from twin._vtk.mirror import SceneMirror
from twin._vtk.offscreen import make_plotter, render_scene
from twin.core.camera import View
from twin.core.layers import BuildingsLayer
from twin.core.layers.style import hex_to_rgb
from twin.io.loading import apply_results, load_scene_data
from twin.core.scene import Scene

CENTRE = (684100.0, 7021500.0)


@pytest.fixture
def tower(tmp_path):
    """One 40 × 40 m, 60 m tall building, seen from straight above."""
    import geopandas as gpd
    import shapely
    x, y = CENTRE
    frame = gpd.GeoDataFrame({"hauteur": [60.0]}, geometry=[shapely.box(x - 20, y - 20, x + 20, y + 20)],
                             crs="EPSG:2154")
    path = tmp_path / "tower.gpkg"
    frame.to_file(path)
    scene = Scene()
    layer = scene.add_layer(BuildingsLayer("tower", source=path))
    apply_results(load_scene_data(scene))
    view = View(position=(x, y - 1, 600.0), focal_point=(x, y, 0.0), view_angle=30)
    return scene, layer, view


def _close(pixel, hex_color, tol=40):
    return np.abs(pixel.astype(int) - np.array(hex_to_rgb(hex_color)) * 255).max() <= tol


def test_building_roof_in_centre_sky_in_corners(tower):
    scene, layer, view = tower
    img = render_scene(scene, None, size=(200, 200), view=view)
    assert img.shape == (200, 200, 3)
    centre = img[100, 100]
    # the roof colour, lit: its hue kept (each channel dimmed alike), warm, far from the sky
    ratio = centre / (np.array(hex_to_rgb(layer.style.roof_color)) * 255)
    assert ratio.min() > 0.6 and ratio.max() - ratio.min() < 0.08, centre
    r, g, b = (int(v) for v in centre)
    assert r > b + 15, centre
    corner = img[2, 2]
    assert corner[2] >= corner[0] and min(corner) > 180     # the (hazy) sky


def test_hidden_layer_leaves_background(tower):
    scene, layer, view = tower
    plotter = make_plotter((120, 120))
    mirror = SceneMirror(scene, plotter, on_render=plotter.render)  # as the Qt view does

    def centre():
        return plotter.screenshot(return_img=True)[60, 60].copy()
    mirror.apply_view(view)
    shown = centre()
    layer.visible = False
    hidden = centre()
    layer.visible = True
    layer.style = layer.style.replace(roof_color="#0000ff")
    blue = centre()
    mirror.close()
    plotter.close()
    assert int(shown[0]) > int(shown[2]) + 15            # the warm roof
    assert int(hidden[2]) >= int(hidden[0]) and min(hidden) > 180     # the (hazy) sky shows through
    assert int(blue[2]) > int(blue[0]) + 60
    assert not np.array_equal(shown, hidden)


def test_render_uses_origin_relative_coordinates(tower):
    scene, layer, view = tower
    pts = layer.data.mesh.points
    assert pts.dtype == np.float32 and np.abs(pts[:, :2]).max() < 100


def test_picking_returns_the_building_attributes(tower):
    scene, layer, view = tower
    plotter = make_plotter((120, 120))
    mirror = SceneMirror(scene, plotter)
    mirror.apply_view(view)
    plotter.render()
    picked = mirror.pick(60, 60)
    world = mirror.world_at(60, 60)
    mirror.close()
    plotter.close()
    assert picked.layer is layer and picked.feature == 0
    assert picked.attributes["hauteur"] == 60.0 and picked.attributes["height_source"] == "attribute"
    assert world[0] == pytest.approx(CENTRE[0], abs=3) and world[2] == pytest.approx(60, abs=2)
