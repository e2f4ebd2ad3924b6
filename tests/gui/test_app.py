"""Starting the app as `twin open` does."""

from PySide6.QtWidgets import QApplication, QMessageBox

from tests.conftest import DEMO_SCENE
from twin._qt.app import run_app


def test_open_demo_scene_shows_the_window(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QApplication, "exec", lambda self: shown.extend(
        w for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowTitle().startswith("twin")) or 0)
    assert run_app([str(DEMO_SCENE)]) == 0
    assert any("Arras" in w.windowTitle() for w in shown)
    for w in shown:
        qtbot.waitUntil(lambda w=w: w.loader is None, timeout=60000)
        w.close()


def test_open_bad_scene_says_why_and_exits_2(tmp_path, monkeypatch, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 1\nname = \n")
    said = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: said.append(a[2]))
    assert run_app([str(bad)]) == 2
    assert "line 2" in said[0] and "bad.toml" in capsys.readouterr().err
