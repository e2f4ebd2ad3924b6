"""An overlay shown (parcels) is left out of the first frame and appears once its batch
loads behind it, by pixels of offscreen renders; ``twin render`` still waits for it."""

import geopandas as gpd
import numpy as np
import shapely

from tests.render.test_maquette_render import X, Y, _raster
from twin._vtk.mirror import SceneMirror
from twin._vtk.offscreen import make_plotter
from twin.cli.main import main
from twin.core.camera import View
from twin.core.layers import TerrainLayer, VectorLayer
from twin.core.layers.style import VectorStyle
from twin.core.scene import Scene
from twin.io.loading import apply_results, load_batches, load_scene_data
from twin.io.scene_file import load_scene, save_scene

ABOVE = View(position=(X, Y, 300), focal_point=(X, Y, 50), view_up=(0, 1, 0))


def _scene(tmp_path) -> Scene:
    """A flat terrain and, over its middle, one magenta parcel."""
    parcel = tmp_path / "parcelles.geojson"
    gpd.GeoDataFrame({"id": ["62041000AB0001"]}, geometry=[shapely.box(X - 30, Y - 30, X + 30, Y + 30)],
                     crs="EPSG:2154").to_file(parcel)
    scene = Scene(crs="EPSG:2154")
    scene.add_layer(TerrainLayer("terrain", source=_raster(tmp_path / "dtm.tif", np.full((120, 120), 50.0,
                                                                                           np.float32), 1.0)))
    scene.add_layer(VectorLayer("parcelles", source=parcel, style=VectorStyle(fill_color="#ff00ff", fill_opacity=1.0)))
    scene.camera.view = ABOVE
    return scene


def _magenta(img) -> float:
    img = img.astype(int)
    return float(((img[..., 0] > 200) & (img[..., 2] > 200) & (img[..., 1] < 80)).mean())


def test_the_parcels_appear_once_their_batch_loads_after_the_first_frame(tmp_path):
    scene = _scene(tmp_path)
    first, overlays = load_batches(scene)
    assert [la.name for la in first] == ["terrain"] and [la.name for la in overlays] == ["parcelles"]
    plotter = make_plotter((300, 300))
    mirror = SceneMirror(scene, plotter)
    try:
        apply_results(load_scene_data(scene, None, first))
        mirror.apply_view(ABOVE)
        plotter.render()
        before = plotter.screenshot(return_img=True)
        assert _magenta(before) == 0.0 and before.std() > 0     # the ground drawn, no parcel yet
        results = load_scene_data(scene, None, overlays)
        assert results[0].error is None
        apply_results(results)                                  # the mirror takes it in
        plotter.render()
        after = plotter.screenshot(return_img=True)
        assert 0.05 < _magenta(after) < 0.6                     # 60 m of the ~170 m seen, squared
        assert _magenta(after[120:180, 120:180]) > 0.9          # in the middle, where it lies
    finally:
        mirror.close()
        plotter.close()


def test_twin_render_waits_for_the_overlays(tmp_path):
    path = save_scene(_scene(tmp_path), tmp_path / "scene.toml")
    assert len(load_batches(load_scene(path))) == 2
    out = tmp_path / "out.png"
    assert main(["render", str(path), "--out", str(out), "--size", "300x300"]) == 0
    from PIL import Image
    img = np.asarray(Image.open(out).convert("RGB"))
    assert _magenta(img[120:180, 120:180]) > 0.9
