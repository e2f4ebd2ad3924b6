"""Plugins in the app: the example plugin's panel and algorithm, the plugin manager, the
Python console — driven with qtbot, checked on the model and the widgets."""

import pytest
from PySide6.QtCore import Qt

from tests.plugins.test_example_plugin import STATIONS
from tests.plugins.test_sensors import sensors_scene  # noqa: F401, F811  (a fixture, shared)
from twin.core.plugins import plugins
from twin.core.settings import Settings


@pytest.fixture
def window(demo_window):
    return demo_window((1000, 700), data="none")


@pytest.fixture
def pins(window, qtbot, tmp_path):
    from twin_example.layers import PinLayer
    csv = tmp_path / "meteo.stations.csv"
    csv.write_text(STATIONS, encoding="utf-8")
    layer = window.scene.add_layer(PinLayer("Stations", source=csv))
    window.load_layers(None)
    qtbot.waitUntil(lambda: window.loader is None, timeout=60000)
    assert layer.error is None
    return layer


def test_the_plugin_panel_is_docked_and_follows_the_scene(window, pins):
    [dock] = [d for d in window.plugin_docks if d.windowTitle() == "Stations"]
    panel = dock.widget()
    assert [panel.list.item(i).text() for i in range(panel.list.count())] == ["Stations: 3 stations"]
    assert id(pins) in window.mirror.visuals and window.mirror.visuals[id(pins)].actors


def test_the_plugin_algorithm_runs_from_its_dialog(window, pins, qtbot):
    titles = [a.text() for a in window.processing_menu.actions()]
    assert "Stations per grid cell…" in titles
    dialog = window.run_algorithm(plugins().algorithms()["example.density"])
    layer_box = dialog.fields["layer"]
    layer_box.setCurrentIndex(layer_box.findText("Stations"))
    dialog.fields["cell"].setValue(400.0)
    qtbot.mouseClick(dialog.run_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "features: 3" in dialog.result.toPlainText(), timeout=10000)
    assert dialog.progress.value() == 1000 and dialog.run_button.isEnabled()
    # a wrong input is a message in the dialog, never a crash
    layer_box.setCurrentIndex(layer_box.findText("Terrain (MNT 2 m)"))
    qtbot.mouseClick(dialog.run_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "has no features loaded" in dialog.result.toPlainText(), timeout=10000)
    dialog.close()


def test_plugin_manager_writes_the_settings_file(window):
    dialog = window.show_plugin_manager()
    rows = {dialog.table.item(r, 1).text(): r for r in range(dialog.table.rowCount())}
    assert dialog.table.item(rows["twin-example"], 3).text() == "enabled"
    assert not dialog.table.item(rows["builtin-importers"], 0).flags() & Qt.ItemIsEnabled
    dialog.table.item(rows["twin-example"], 0).setCheckState(Qt.Unchecked)
    assert Settings.load(plugins().settings.path).disabled_plugins == ["twin-example"]
    assert "next start" in dialog.note.text()
    dialog.table.item(rows["twin-example"], 0).setCheckState(Qt.Checked)
    assert Settings.load(plugins().settings.path).disabled_plugins == []
    dialog.close()


def test_python_console_sees_the_live_model(window):
    console = window.console
    assert console.run("len(scene.layers.find('Bâtiments (LoD1)').name)").strip() == "16"
    console.run("scene.layers.find('Parcelles').visible = False")
    assert window.scene.layers.find("Parcelles").visible is False
    assert "'example.density'" in console.run("sorted(algorithms)")
    out = console.run("1 / 0")
    assert "ZeroDivisionError" in out and "ZeroDivisionError" in console.output.toPlainText()
    console.input.setText("api.api_version()")
    console.input.returnPressed.emit()
    assert "'1.4'" in console.output.toPlainText() and console.history == ["api.api_version()"]


def test_sensors_follow_the_store_live(qtbot, sensors_scene):
    from datetime import timedelta

    from tests.plugins.test_sensors import T2
    from twin._qt.main_window import MainWindow
    from twin.feeds.readings import Reading
    from twin.feeds.store import SqliteStore
    from twin.io.scene_file import load_scene
    scene = load_scene(sensors_scene)
    shown = T2 + timedelta(minutes=10)
    scene.timeline.set_current(shown)
    win = MainWindow(scene)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.loader is None, timeout=60000)
    layer = scene.layers.find("Bruit (LoRa)")
    visual = win.mirror.visuals[id(layer)]
    assert visual._levels.tolist() == [3, 2, 0]
    with SqliteStore(layer.data.store_path) as store:            # an ingester writes meanwhile
        store.write([Reading("sono-1", "noise", shown, 42.0)])
    qtbot.waitUntil(lambda: visual._levels.tolist() == [1, 2, 0], timeout=5000)
    win.close()


def test_timeline_bar_and_model_drive_each_other(window, qtbot):
    from datetime import datetime, timezone
    bar, t = window.timeline_bar, window.scene.timeline
    t.set_current(datetime(2026, 6, 21, 10, 0, tzinfo=timezone.utc))
    assert bar.when.dateTime().toString("dd/MM/yyyy HH:mm") == "21/06/2026 12:00"   # shown in Paris
    bar.speed.setCurrentIndex(bar.speed.findText("10 min/s"))
    assert t.speed == 600.0
    qtbot.mouseClick(bar.play, Qt.LeftButton)
    assert t.playing and bar.play.text() == "Pause"
    qtbot.waitUntil(lambda: t.current > datetime(2026, 6, 21, 10, 5, tzinfo=timezone.utc), timeout=3000)
    qtbot.mouseClick(bar.live, Qt.LeftButton)
    assert t.live and not t.playing and not bar.when.isEnabled()
    assert abs((t.current - datetime.now(timezone.utc)).total_seconds()) < 5
    qtbot.mouseClick(bar.live, Qt.LeftButton)
    bar.when.setDateTime(bar.when.dateTime().addDays(-3))            # the user picks a date
    assert not t.live and (datetime.now(timezone.utc) - t.current).days >= 2
