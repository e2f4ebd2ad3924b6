"""Measuring on the demo: a known distance and a known rectangle on the terrain, a
building's height at a click, snapping to LiDAR points when a cloud is shown alone,
the figures copied as text, Esc ending the tool."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from twin._vtk.screen import Screen
from twin._vtk.snap import drawn_points


@pytest.fixture
def window(demo_window):
    win = demo_window((900, 600), data="now")
    next(a for a in win.findChildren(type(win.select_action)) if a.shortcut().toString() == "Ctrl+M").trigger()
    return win


def _only(win, *names):
    for layer in win.scene.layers.leaves():
        layer.visible = layer.name in names
    win.view.render()


def _widget_pos(win, world) -> QPoint:
    """The widget position where scene point ``world`` is drawn."""
    screen = Screen.of(win.mirror.plotter.renderer)
    px, front = screen.project(np.asarray([world], float) - win.mirror.origin)
    assert front[0]
    ratio = win.view.devicePixelRatioF()
    return QPoint(round(px[0, 0] / ratio), round(win.view.height() - px[0, 1] / ratio))


def _on_ground(win, x, y):
    from twin.present.tours import terrain_ground
    return (x, y, float(terrain_ground(win.scene)(np.array([x]), np.array([y]))[0]))


def test_a_known_distance_and_area_on_the_terrain(window, qtbot):
    tool = window.measure_tool
    assert tool.mode == "distance" and window.measure_dock.isVisible()
    _only(window, "Terrain (MNT 2 m)")
    fx, fy, _ = window.mirror.current_view().focal_point
    a, b = _on_ground(window, fx - 30, fy - 10), _on_ground(window, fx + 30, fy + 20)
    for p in (a, b):
        qtbot.mouseClick(window.view, Qt.LeftButton, pos=_widget_pos(window, p))
    known = np.hypot(60, 30)
    m = tool.measurement
    assert m.values["horizontal"] == pytest.approx(known, abs=1.0)        # a pixel is ~0.3 m here
    assert m.values["straight"] == pytest.approx(np.linalg.norm(np.subtract(b, a)), abs=1.0)
    assert m.values["ground"] >= m.values["horizontal"] - 1e-6
    assert "terrain" in window.measure_dock.widget().text.text()
    # the figures, French-formatted or not, copied as text
    window.measure_dock.widget().findChild(type(window.measure_dock.widget().buttons.buttons()[0]), "copy").click()
    assert QApplication.clipboard().text().startswith("Distance, straight:")
    # the measured line is drawn in the view
    image = window.mirror.plotter.screenshot(return_img=True)
    r, g, bl = (image[..., i].astype(int) for i in range(3))
    assert np.count_nonzero((bl > 180) & (r < 60) & (g > 80) & (g < 160)) > 30

    tool.start("area")
    corners = [_on_ground(window, fx + dx, fy + dy) for dx, dy in ((-20, -15), (20, -15), (20, 15), (-20, 15))]
    for p in corners:
        tool.click(_widget_pos(window, p))
    qtbot.keyClick(window.view, Qt.Key_Return)
    assert tool.finished
    assert tool.measurement.values["area"] == pytest.approx(40 * 30, rel=0.03)
    assert tool.measurement.values["perimeter"] == pytest.approx(140, rel=0.02)
    qtbot.keyClick(window.view, Qt.Key_Escape)
    assert tool.mode is None and not tool.overlay.actors
    assert "Area:" in window.measure_dock.widget().text.text()     # the figures stay


def test_a_building_s_height_and_its_ground(window):
    tool = window.measure_tool
    tool.start("building")
    m = tool.click(QPoint(window.view.width() // 2, int(window.view.height() * 0.8)))
    assert tool.kinds == ["buildings"]
    picked = window.mirror.pick(*window._display_xy(QPoint(window.view.width() // 2, int(window.view.height() * 0.8))))
    assert m.values["height"] == pytest.approx(float(picked.attributes["height"]))
    assert m.values["roof"] == pytest.approx(m.values["ground"] + m.values["height"])
    assert "Building height" in window.measure_dock.widget().text.text()


def test_on_a_point_cloud_alone_clicks_snap_to_its_points(window):
    _only(window, "LiDAR HD (nuage de points)")
    window.mirror.settle_points()
    window.view.render()
    lidar = window.scene.layers.find("LiDAR HD (nuage de points)")
    points = drawn_points(window.mirror.visuals[id(lidar)])
    assert len(points) > 1000
    tool = window.measure_tool
    tool.start("height")
    w, h = window.view.width(), window.view.height()
    for pos in (QPoint(w // 3, int(h * 0.7)), QPoint(2 * w // 3, int(h * 0.6))):
        tool.click(pos)
    assert tool.kinds == ["pointcloud", "pointcloud"]
    local = np.asarray(tool.points) - window.mirror.origin
    nearest = np.min(np.linalg.norm(points[None, :, :] - local[:, None, :].astype(np.float32), axis=2), axis=1)
    assert np.all(nearest < 1e-2)          # each measured point is a LiDAR point
    assert tool.measurement.values["height"] == pytest.approx(tool.points[1][2] - tool.points[0][2])
