"""The window draws the layers it shows first; the hidden ones load behind that frame."""

from __future__ import annotations

from tests.conftest import DEMO_SCENE
from twin.io.scene_file import load_scene


def test_hidden_layers_load_after_the_first_frame(qtbot, monkeypatch):
    import twin._qt.main_window as mw
    from twin.core.layers import PointCloudLayer
    asked, shown_then = [], []
    real = mw.SceneLoader

    def spying(scene, layers=None, parent=None, show_dialog=True):
        asked.append(([layer.name for layer in layers] if layers is not None else None, show_dialog))
        shown_then.append({layer.name for layer in scene.data_layers() if layer.data is not None})
        return real(scene, layers, parent=parent, show_dialog=show_dialog)
    monkeypatch.setattr(mw, "SceneLoader", spying)
    scene = load_scene(DEMO_SCENE)
    hidden = [layer.name for layer in scene.data_layers() if not layer.effectively_visible]
    assert any(isinstance(scene.layers.find(name), PointCloudLayer) for name in hidden)
    win = mw.MainWindow(scene)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.loader is None, timeout=60000)
    assert len(asked) == 2
    (first, dialog), (then, quiet) = asked
    assert not set(hidden) & set(first) and set(then) == set(hidden)
    assert dialog and not quiet                   # no progress dialog over the drawn frame
    assert set(first) <= shown_then[1]            # the first frame's layers were there before
    assert all(layer.data is not None or layer.error for layer in scene.data_layers())
    win.close()
