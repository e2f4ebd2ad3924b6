import os

import pytest

if not os.environ.get("DISPLAY"):
    pytest.skip("GUI tests need an X server: run them under Xvfb (scripts/test.sh starts one)",
                allow_module_level=True)


@pytest.fixture(autouse=True)
def english_after(qapp):
    """Every GUI test starts in English: a kiosk or a language test switching to French must
    not leave its translator to the next test's windows."""
    yield
    from twin._qt.i18n import install_language
    if getattr(qapp, "_twin_language", "en") != "en":
        install_language(qapp, "en")


@pytest.fixture
def demo_window(qtbot):
    """``demo_window(size, data=...)``: the main window on the demo scene, shown. ``data``
    is "none" (nothing loaded), "now" (loaded on this thread, viewed from the Grand Place)
    or "app" (loaded by the app's own background loader)."""
    windows = []

    def open_(size=(900, 600), data="now"):
        from tests.conftest import DEMO_SCENE
        from twin._qt.main_window import MainWindow
        from twin.io.loading import apply_results, load_scene_data
        from twin.io.scene_file import load_scene
        scene = load_scene(DEMO_SCENE)
        win = MainWindow(scene, load=False)
        qtbot.addWidget(win)
        win.resize(*size)
        win.show()
        qtbot.waitExposed(win)
        if data == "now":
            apply_results(load_scene_data(scene))
            win.go_to(scene.bookmark("Grand Place").view)
            win.view.render()
        elif data == "app":
            win.load_layers(None)
            qtbot.waitUntil(lambda: win.loader is None, timeout=60000)
        windows.append(win)
        return win
    yield open_
    for win in windows:
        win.close()
