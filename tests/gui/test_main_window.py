"""The main window with qtbot: widgets drive the model, the model drives the widgets."""

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt

from tests.conftest import DEMO_SCENE
from twin.io.scene_file import load_scene


@pytest.fixture
def window(demo_window):
    return demo_window((900, 600), data="now")


def _index(win, name):
    model = win.tree.model()
    layer = win.scene.layers.find(name)
    return model, model.index_of(layer), layer


def _actors_visible(win, layer):
    visual = win.mirror.visuals[id(layer)]
    return [bool(a.GetVisibility()) for a in visual.actors]


def test_unchecking_a_layer_in_the_tree_hides_its_actors(window):
    model, idx, layer = _index(window, "Bâtiments (LoD1)")
    assert all(_actors_visible(window, layer))
    model.setData(idx, Qt.Unchecked, Qt.CheckStateRole)
    assert layer.visible is False
    assert not any(_actors_visible(window, layer))


def test_hiding_a_group_hides_its_children(window):
    model, idx, group = _index(window, "Cadastre")
    parcels = window.scene.layers.find("Parcelles")
    model.setData(idx, Qt.Unchecked, Qt.CheckStateRole)
    assert not any(_actors_visible(window, parcels))
    assert parcels.visible  # its own flag is untouched


def test_model_changes_update_the_tree(window):
    model, idx, layer = _index(window, "Parcelles")
    layer.visible = False
    assert model.data(idx, Qt.CheckStateRole) == Qt.Unchecked
    layer.name = "Parcelles cadastrales"
    assert model.data(idx, Qt.DisplayRole) == "Parcelles cadastrales"
    from twin.core.layers import VectorLayer
    root_rows = model.rowCount()
    window.scene.add_layer(VectorLayer("Nouvelle couche", source=DEMO_SCENE))
    assert model.rowCount() == root_rows + 1
    window.scene.layers.remove(window.scene.layers.find("Nouvelle couche"))
    assert model.rowCount() == root_rows


def test_reordering_through_the_model(window):
    model = window.tree.model()
    buildings = window.scene.layers.find("Bâtiments (LoD1)")
    mime = model.mimeData([model.index_of(buildings)])
    model.dropMimeData(mime, Qt.MoveAction, 0, 0, model.index_of(window.scene.layers.find("Fond")))
    assert buildings.parent.name == "Fond"
    assert model.data(model.index(0, 0, model.index_of(buildings.parent))) == "Bâtiments (LoD1)"


def test_properties_panel_edits_opacity(window, qtbot):
    _model, idx, layer = _index(window, "Parcelles")
    window.tree.setCurrentIndex(idx)
    assert window.properties.layer is layer
    slider = window.properties.opacity
    slider.setValue(30)
    assert layer.opacity == pytest.approx(0.3)
    slider.setValue(40)                          # the same slider keeps working while dragged
    assert window.properties.opacity is slider and layer.opacity == pytest.approx(0.4)
    layer.opacity = 0.9                          # and follows the model
    assert slider.value() == 90


def test_status_bar_shows_lambert93_and_wgs84(window, qtbot):
    centre = QPoint(window.view.width() // 2, window.view.height() // 2)
    qtbot.mouseMove(window.view, centre)
    window._mouse = centre
    window._update_coords()
    text = window.coords.text()
    assert "EPSG:2154" in text and "WGS84" in text
    assert "° N  2.7" in text and " 50.2" in text   # Arras


def test_clicking_a_building_shows_its_attributes(window):
    window.pick_at(QPoint(window.view.width() // 2, int(window.view.height() * 0.8)))
    table = window.attributes
    keys = {table.item(r, 0).text() for r in range(table.rowCount())}
    assert table.rowCount() > 3
    assert "height" in keys or "contenance" in keys


def test_loading_happens_in_a_worker_thread(qtbot):
    from twin._qt.main_window import MainWindow
    scene = load_scene(DEMO_SCENE)
    win = MainWindow(scene, load=True)
    qtbot.addWidget(win)
    assert win.loader is not None           # returned at once: the GUI thread is free
    qtbot.waitUntil(lambda: win.loader is None, timeout=60000)
    assert all(layer.data is not None for layer in scene.data_layers())
    win.close()


def test_add_data_dialog_adds_and_loads_in_the_background(window, qtbot, shared, monkeypatch):
    from PySide6.QtWidgets import QFileDialog
    path = shared / "cadastre/bdtopo_v3_sample_12174/BATIMENT.shp"
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(path)], ""))
    window.add_data()
    layer = window.scene.layers.find("BATIMENT")
    assert layer.kind == "buildings"            # HAUTEUR makes it LoD1 buildings
    qtbot.waitUntil(lambda: window.loader is None, timeout=60000)
    assert layer.data is not None and len(layer.data.table) == 2273
    assert id(layer) in window.mirror.visuals and window.mirror.visuals[id(layer)].actors


def test_point_cloud_legend_toggles_classes(window, qtbot, shared):
    from twin.core.layers import PointCloudLayer
    layer = window.scene.add_layer(PointCloudLayer("LiDAR", source=shared / "lidar/pdalign__bat.laz"))
    window.load_layers([layer])
    qtbot.waitUntil(lambda: window.loader is None, timeout=60000)
    window.tree.setCurrentIndex(window.tree.model().index_of(layer))
    qtbot.waitUntil(lambda: getattr(window.properties, "classes", None) is not None and
                    window.properties.classes.layer is layer, timeout=5000)
    legend = window.properties.classes
    codes = [legend.item(i).data(Qt.UserRole) for i in range(legend.count())]
    assert codes == [1, 2, 3, 4, 5, 6]
    from twin.core.camera import View
    window.go_to(View.looking_at(layer.data.bounds))    # the extract is far from Arras
    window.update_points()
    legend.item(codes.index(6)).setCheckState(Qt.Unchecked)
    assert layer.style.hidden_classes == (6,)
    visual = window.mirror.visuals[id(layer)]
    n_shown = visual.points_shown()
    assert n_shown == int((layer.data.classification != 6).sum())


def test_points_refine_as_the_camera_moves(window, qtbot, synthetic_copc):
    from twin.core.camera import View
    from twin.core.layers import PointCloudLayer
    layer = window.scene.add_layer(PointCloudLayer("LiDAR", source=synthetic_copc, budget=120_000))
    window.load_layers([layer])
    qtbot.waitUntil(lambda: window.loader is None, timeout=60000)
    window.tree.setCurrentIndex(window.tree.model().index_of(layer))
    qtbot.waitUntil(lambda: window.properties.layer is layer and "Points" in window.properties._summary,
                    timeout=5000)
    window.point_budget.points = 120_000
    window.go_to(View(position=(684150, 7021150, 95), focal_point=(684260, 7021260, 62)))
    stream = layer.data.stream
    qtbot.waitUntil(lambda: stream.nodes.level[stream.selection].max() == stream.nodes.level.max()
                    and not stream.busy, timeout=20000)
    visual = window.mirror.visuals[id(layer)]
    assert visual.points_shown() == len(layer.data.points) <= 120_000
    # the status bar follows on its own timer: on a busy machine it may come a beat later
    qtbot.waitUntil(lambda: f"{QLocale().toString(len(layer.data.points))} points" in window.points_label.text(), timeout=10000)
    # the properties panel follows the refinement without being rebuilt
    assert window.properties._summary["Points"].text().startswith(f"{QLocale().toString(len(layer.data.points))} shown")
    assert window.mirror.frames > 0 and window.mirror.frame_ms > 0


def test_a_thinned_plain_laz_is_prepared_then_refines(window, qtbot, tmp_path):
    from benchmarks.synthetic import write_tile
    from twin.core.layers import PointCloudLayer
    plain = write_tile(tmp_path / "plain.laz", 300_000)
    layer = window.scene.add_layer(PointCloudLayer("plain", source=plain, budget=50_000))
    window.load_layers([layer])
    qtbot.waitUntil(lambda: window.loader is None, timeout=60000)
    assert len(layer.data.stream.nodes) == 1 and "background" in window.statusBar().currentMessage()
    # prepared in another process, then reloaded from the copy: an octree, all points known
    qtbot.waitUntil(lambda: len(layer.data.stream.nodes) > 1, timeout=120000)
    assert layer.data.total == 300_000 and not window._preparing


def test_a_click_on_the_legend_folds_it_and_another_unfolds_it(window):
    window.view.ren_win.Render()
    legends = window.mirror.legends
    x0, y0, x1, y1 = legends.box
    ratio = window.view.devicePixelRatioF()
    inside = QPoint(int((x0 + x1) / 2 / ratio), int(window.view.height() - (y0 + y1) / 2 / ratio))
    rows = len(legends.layout.rows)
    window.pick_at(inside)
    window.view.ren_win.Render()
    assert legends.collapsed and len(legends.layout.rows) == len(legends.shown) < rows
    assert window.attributes.rowCount() == 0                 # nothing under the legend was picked
    x0, y0, x1, y1 = legends.box
    window.pick_at(QPoint(int((x0 + x1) / 2 / ratio), int(window.view.height() - (y0 + y1) / 2 / ratio)))
    window.view.ren_win.Render()
    assert not legends.collapsed and len(legends.layout.rows) == rows


def test_a_closed_and_deleted_window_leaves_no_wrapper_of_its_gl_surface(qtbot):
    """PySide cannot see a bare QSurface die: a wrapper kept past its window's end stood
    later for whatever Qt object was made at its address (a menu came back as a QSurface)."""
    import gc
    import weakref

    import shiboken6
    from PySide6.QtGui import QSurface

    from twin._qt.main_window import MainWindow
    win = MainWindow(load_scene(DEMO_SCENE), load=False)
    win.resize(600, 400)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: any(type(o) is QSurface for o in gc.get_objects()))   # the view's GL is up
    surfaces = [weakref.ref(o) for o in gc.get_objects() if type(o) is QSurface]
    win.close()
    shiboken6.delete(win)
    gc.collect()
    assert [ref() for ref in surfaces if ref() is not None] == []
