"""The window draws the solid layers it shows first; the overlays shown, then the hidden
layers, load behind that frame."""

from __future__ import annotations

from tests.conftest import DEMO_SCENE
from twin.io.scene_file import load_scene


def test_overlays_then_hidden_layers_load_after_the_first_frame(qtbot, monkeypatch):
    import twin._qt.main_window as mw
    from twin.core.layers import PointCloudLayer, VectorLayer
    asked, shown_then = [], []
    real = mw.SceneLoader

    def spying(scene, layers=None, parent=None, show_dialog=True, preload=None):
        asked.append(([layer.name for layer in layers] if layers is not None else None, show_dialog))
        shown_then.append({layer.name for layer in scene.data_layers() if layer.data is not None})
        return real(scene, layers, parent=parent, show_dialog=show_dialog, preload=preload)
    monkeypatch.setattr(mw, "SceneLoader", spying)
    scene = load_scene(DEMO_SCENE)
    hidden = [layer.name for layer in scene.data_layers() if not layer.effectively_visible]
    assert any(isinstance(scene.layers.find(name), PointCloudLayer) for name in hidden)
    win = mw.MainWindow(scene)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.loader is None, timeout=60000)
    assert len(asked) == 3
    (first, dialog), (overlays, quiet), (then, quiet_too) = asked
    assert "Parcelles" in overlays and isinstance(scene.layers.find("Parcelles"), VectorLayer)
    assert not (set(hidden) | set(overlays)) & set(first) and set(then) == set(hidden)
    assert dialog and not quiet and not quiet_too     # no progress dialog over the drawn frame
    assert set(first) <= shown_then[1] and set(first) | set(overlays) <= shown_then[2]
    assert all(layer.data is not None or layer.error for layer in scene.data_layers())
    assert win.load_bar.isHidden()                    # its progress shown while it read
    win.close()


def test_the_window_textures_the_roofs_after_its_first_frame(qtbot, tmp_path):
    """The roofs' orthophoto is read after the first frame: the window's timer takes it in."""
    import geopandas as gpd
    import numpy as np
    import shapely

    from tests.render.test_maquette_render import BLUE, RED, X, Y, _raster
    from twin._qt.main_window import MainWindow
    from twin.core.layers import BuildingsLayer, TerrainLayer
    from twin.core.scene import Scene
    ortho = np.zeros((240, 240, 3), np.uint8)
    ortho[:, :120], ortho[:, 120:] = RED, BLUE
    gpd.GeoDataFrame({"hauteur": [15.0]}, geometry=[shapely.box(X - 25, Y - 25, X + 25, Y + 25)],
                     crs="EPSG:2154").to_file(tmp_path / "bati.gpkg")
    scene = Scene()
    scene.add_layer(TerrainLayer("terrain", source=_raster(tmp_path / "dtm.tif", np.full((120, 120), 50.0, np.float32), 1.0),
                                 texture=_raster(tmp_path / "ortho.tif", ortho, 0.5)))
    scene.add_layer(BuildingsLayer("bâti", source=tmp_path / "bati.gpkg"))
    win = MainWindow(scene)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.loader is None, timeout=60000)
    visual = next(v for v in win.mirror.visuals.values() if isinstance(v.layer, BuildingsLayer))
    qtbot.waitUntil(lambda: any(a.GetTexture() is not None for a in visual.actors), timeout=30000)
    assert not win.mirror.update_deferred()
    win.close()


def test_the_window_opens_without_pvlib_nor_the_whole_of_vtk():
    """Neither is needed for a first frame, and each costs ~1 s on the way to it: the sun
    panel works the sun out when shown, the cut planes import their own VTK classes."""
    import subprocess
    import sys
    code = ("import sys\n"
            "from PySide6.QtWidgets import QApplication\n"
            "app = QApplication([])\n"
            "from twin._qt.main_window import MainWindow\n"
            "from twin.io.scene_file import load_scene\n"
            f"window = MainWindow(load_scene({str(DEMO_SCENE)!r}), load=False)\n"
            "window.show()\n"
            "app.processEvents()\n"
            "print(sorted(m for m in ('pvlib', 'scipy', 'vtk') if m in sys.modules))\n"
            "window.sun_dock.show()\n"
            "app.processEvents()\n"
            "print('°' in window.sun_panel.readout.text())\n")       # worked out once shown
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split("\n")[-3:-1] == ["[]", "True"], out.stdout
