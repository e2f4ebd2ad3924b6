"""The kiosk, the presentation and the planner's window draw at the level their machine's
GL renderer affords: detected from the view's own context after its first frame."""

from __future__ import annotations

import pytest

from tests.gui import test_kiosk, test_present
from twin._vtk.quality import LEVELS, auto_level, detect

kiosk, presentation = test_kiosk.kiosk, test_present.presentation     # their fixtures

GPU = "NVIDIA GeForce RTX 3060/PCIe/SSE2"


def _settled(qtbot, win):
    win.view.render()
    qtbot.waitUntil(lambda: win.quality.level is not None, timeout=5000)
    return win.quality.level


def test_the_kiosk_draws_at_the_level_of_its_machine(kiosk, qtbot):
    win = kiosk()
    level = _settled(qtbot, win)
    renderer = detect(win.view.ren_win)
    assert renderer and win.quality.renderer == renderer
    assert level is LEVELS[auto_level(renderer)]              # llvmpipe here: low, no pass
    assert win.mirror.quality.level is level


@pytest.mark.parametrize("renderer, level, passes", [
    (GPU, "high", ["msaa×8", "ssao"]),
    ("llvmpipe (LLVM 15.0.6, 256 bits)", "low", []),
])
def test_a_gpu_machine_gets_ambient_occlusion_and_llvmpipe_none(kiosk, qtbot, monkeypatch,
                                                                 renderer, level, passes):
    """The same kiosk on another machine: the renderer string is all that differs."""
    monkeypatch.setattr("twin._qt.quality.detect", lambda _ren_win: renderer)
    win = kiosk()
    assert _settled(qtbot, win).name == level
    assert win.mirror.quality.passes == passes       # the sun is off in the demo: no shadow map


def test_the_presentation_draws_at_the_level_of_its_machine(presentation, qtbot, monkeypatch):
    win = presentation
    level = _settled(qtbot, win)
    assert level is LEVELS[auto_level(detect(win.view.ren_win))]
    monkeypatch.setattr("twin._qt.quality.detect", lambda _ren_win: GPU)
    win.quality.renderer = None
    win.quality.apply()
    assert win.mirror.quality.level.name == "high" and "ssao" in win.mirror.quality.passes


def test_the_planners_window_follows_its_setting_and_its_menu_keeps_the_choice(demo_window, qtbot):
    from twin.core.settings import Settings
    win = demo_window()
    assert win.quality.choice == Settings.load().view_quality == "auto"
    assert _settled(qtbot, win) is LEVELS[auto_level(detect(win.view.ren_win))]
    menu = next(a.menu() for a in win.menuBar().actions() if a.menu() and a.menu().title() == "3D &quality")
    high = next(a for a in menu.actions() if a.data() == "high")
    high.trigger()                                  # forced: llvmpipe draws it, slowly
    assert win.mirror.quality.level.name == "high" and "ssao" in win.mirror.quality.passes
    assert Settings.load().view_quality == "high"   # the next start too
    next(a for a in menu.actions() if a.data() == "auto").trigger()
    assert Settings.load().view_quality == "auto" and win.mirror.quality.level is LEVELS[auto_level(win.quality.renderer)]
