"""Processing in the app: the toolbox (search, generated form, run in a thread with
progress, result added as a layer), the elevation profile dock (a line drawn in the view,
the chart, the marker following it, CSV/PNG export) and the sections dock (modes, nudges)
— driven with qtbot on the demo scene."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from twin.core.layers import BuildingsLayer, VectorLayer


@pytest.fixture
def window(demo_window):
    return demo_window((1100, 750), data="now")


def test_the_toolbox_lists_by_group_and_searches(window):
    toolbox = window.toolbox
    assert {"profile", "extract", "clip", "viewshed", "sun-hours"} <= set(toolbox.visible_algorithms())
    groups = {toolbox.tree.topLevelItem(i).text(0) for i in range(toolbox.tree.topLevelItemCount())}
    assert {"Terrain", "Vector", "Analysis"} <= groups
    toolbox.search.setText("sun")
    assert toolbox.visible_algorithms() == ["sun-hours"]
    toolbox.search.setText("")
    assert len(toolbox.visible_algorithms()) >= 5
    assert "Processing toolbox" in [a.text() for a in window.processing_menu.actions()]


def test_clip_from_the_toolbox_adds_its_result_as_a_layer(window, qtbot, shared, tmp_path):
    toolbox = window.toolbox
    form = toolbox.choose("clip")
    out = tmp_path / "cut.gpkg"
    form.fields["input"].setText(str(shared / "cadastre/bdtopo_v3_sample_12174/BATIMENT.shp"))
    form.fields["mask"].setText("663000 6359000 664000 6360000")
    form.fields["out"].setText(str(out))
    before = len(list(window.scene.layers.leaves()))
    qtbot.mouseClick(toolbox.run_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "features:" in toolbox.log.toPlainText(), timeout=60000)
    assert toolbox.progress.value() == 1000 and toolbox.run_button.isEnabled()
    qtbot.waitUntil(lambda: window.loader is None, timeout=60000)
    layers = list(window.scene.layers.leaves())
    assert len(layers) == before + 1 and isinstance(layers[-1], (VectorLayer, BuildingsLayer)) and layers[-1].source == out
    # a bad parameter is a message in the toolbox, never a crash
    form.fields["mask"].setText("1 2 3")
    qtbot.mouseClick(toolbox.run_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "file not found" in toolbox.log.toPlainText(), timeout=10000)


def test_a_viewshed_from_the_toolbox_is_draped_with_its_legend(window, qtbot, tmp_path):
    toolbox = window.toolbox
    form = toolbox.choose("viewshed")
    form.fields["eye"].setText("684131 7021537")
    form.fields["radius"].setValue(80.0)
    form.fields["resolution"].setValue(2.0)
    form.fields["out"].setText(str(tmp_path / "seen.tif"))
    qtbot.mouseClick(toolbox.run_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "seen_m2" in toolbox.log.toPlainText(), timeout=60000)
    qtbot.waitUntil(lambda: window.loader is None, timeout=60000)
    layer = list(window.scene.layers.leaves())[-1]
    assert layer.kind == "raster-drape" and layer.data is not None and layer.error is None
    assert window.mirror.visuals[id(layer)].actors
    assert layer.legend().entries[0][1] == "seen"


def test_a_running_algorithm_can_be_canceled(window, qtbot, tmp_path):
    toolbox = window.toolbox
    form = toolbox.choose("sun-hours")
    form.fields["date"].setText("2026-06-21")
    form.fields["resolution"].setValue(0.5)
    form.fields["step"].setValue(1.0)
    form.fields["out"].setText(str(tmp_path / "sun.tif"))
    qtbot.mouseClick(toolbox.run_button, Qt.LeftButton)
    assert toolbox.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: toolbox.progress.value() > 0, timeout=60000)
    qtbot.mouseClick(toolbox.cancel_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "Canceled" in toolbox.log.toPlainText(), timeout=60000)
    assert not (tmp_path / "sun.tif").exists() and toolbox.run_button.isEnabled()


def _click(window, qtbot, world):
    """A click in the view where a scene point shows."""
    import vtk
    c = vtk.vtkCoordinate()
    c.SetCoordinateSystemToWorld()
    c.SetValue(*(np.asarray(world) - window.mirror.origin))
    x, y = c.GetComputedDisplayValue(window.view.renderer)
    ratio = window.view.devicePixelRatioF()
    pos = QPoint(int(x / ratio), int(window.view.height() - y / ratio))
    window.tool.click(pos)


def test_a_profile_drawn_in_the_view_is_charted_and_followed(window, qtbot, tmp_path):
    panel = window.profile_panel
    window.profile_dock.show()
    panel.draw()
    z = 67.0
    for x, y in ((684090.0, 7021500.0), (684170.0, 7021560.0)):
        _click(window, qtbot, (x, y, z))
    clicked = np.asarray(window.tool.vertices)[:, :2]
    assert len(clicked) == 2 and np.hypot(*(clicked[1] - clicked[0])) > 60      # where the clicks hit
    qtbot.keyClick(window.view, Qt.Key_Return)
    qtbot.waitUntil(lambda: panel.profile is not None, timeout=60000)
    p = panel.profile
    np.testing.assert_allclose([[p.x[0], p.y[0]], [p.x[-1], p.y[-1]]], clicked, atol=0.01)
    assert p.distance[-1] == pytest.approx(np.hypot(*(clicked[1] - clicked[0])), abs=0.01)
    assert np.isfinite(p.z).all()
    assert "building" in p.columns
    assert panel.marker.line_actor is not None
    k = panel.move_to(50.0)
    centre = np.asarray(panel.marker.marker_actor.GetCenter()) + window.mirror.origin
    assert abs(p.distance[k] - 50.0) <= 1.0
    np.testing.assert_allclose(centre[:2], [p.x[k], p.y[k]], atol=0.01)
    csv = panel.export_csv(tmp_path / "p.csv")
    assert csv.read_text().startswith("distance,x,y,z,building")
    png = panel.export_png(tmp_path / "p.png")
    from PIL import Image
    assert Image.open(png).size[0] > 500
    panel.line_edit.setText("0 0, 10 10")             # outside the terrain: a message
    panel.run()
    qtbot.waitUntil(lambda: "outside the terrain" in panel.message.text(), timeout=30000)


def test_sections_dock_cuts_and_nudges(window, qtbot):
    panel = window.sections_panel
    window.sections_dock.show()
    panel.set_mode("box")
    cuts = panel.cuts
    assert cuts.mode == "box" and cuts.planes.GetNumberOfItems() == 6
    box = cuts.box.copy()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key_Right)
    qtbot.keyClick(window.view, Qt.Key_Up, Qt.ShiftModifier)
    np.testing.assert_allclose(cuts.box - box, [1, 10, 0, 1, 10, 0])
    panel.set_mode("plane")
    assert cuts.mode == "plane" and cuts.planes.GetNumberOfItems() == 1
    origin = cuts.origin.copy()
    qtbot.keyClick(window.view, Qt.Key_Left)
    np.testing.assert_allclose(cuts.origin - origin, -cuts.normal)
    actors = cuts.cut_actors()
    assert actors and all(a.GetMapper().GetClippingPlanes() is cuts.planes for a in actors)
    panel.set_mode("off")
    assert all(a.GetMapper().GetClippingPlanes() is None or a.GetMapper().GetClippingPlanes().GetNumberOfItems() == 0
               for a in actors)
