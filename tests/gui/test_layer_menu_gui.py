"""The layer tree's right-click menu, each action from the menu, and Edit ▸ Undo / Redo
restoring the layer and what the view shows."""

from __future__ import annotations

import numpy as np
import pyogrio
import pytest
from PySide6.QtWidgets import QMessageBox


def _menu_action(window, layer, key):
    menu = window.layer_actions.menu_for(layer)
    return next(a for a in menu.actions() if a.objectName() == key), menu


def _edit(window, which):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    return menu.actions()[0 if which == "undo" else 1]


def _shot(window) -> np.ndarray:
    window.view.render()
    return np.asarray(window.view.screenshot(return_img=True), dtype=np.int16)


def test_the_menu_offers_what_the_layer_allows(demo_window):
    window = demo_window(data="now")
    parcels = window.scene.layers.find("Parcelles")
    keys = [a.objectName() for a in window.layer_actions.menu_for(parcels).actions()]
    assert keys == ["zoom", "rename", "duplicate", "remove", "export", "basemap", "save_style", "load_style"]
    group = window.scene.layers.find("Cadastre")
    assert [a.objectName() for a in window.layer_actions.menu_for(group).actions()] == \
        ["zoom", "rename", "duplicate", "remove", "basemap"]


def test_remove_from_the_menu_then_undo_and_redo_restore_layer_and_view(demo_window, qtbot):
    window = demo_window(data="now")
    buildings = window.scene.layers.find("Bâtiments (LoD1)")
    before = _shot(window)
    action, _menu = _menu_action(window, buildings, "remove")
    action.trigger()
    assert buildings.parent is None and id(buildings) not in window.mirror.visuals
    gone = _shot(window)
    assert np.abs(gone - before).mean() > 2            # the buildings left the picture
    undo = _edit(window, "undo")
    assert undo.isEnabled() and undo.text() == "&Undo Remove Bâtiments (LoD1)"
    undo.trigger()
    assert buildings.parent is window.scene.layers and id(buildings) in window.mirror.visuals
    assert np.abs(_shot(window) - before).mean() < 1   # and came back, as they were
    redo = _edit(window, "redo")
    assert redo.text() == "&Redo Remove Bâtiments (LoD1)"
    redo.trigger()
    assert buildings.parent is None
    assert np.abs(_shot(window) - gone).mean() < 1


def test_duplicate_rename_and_style_are_undone_in_order(demo_window, qtbot):
    window = demo_window(data="now")
    parcels = window.scene.layers.find("Parcelles")
    action, _menu = _menu_action(window, parcels, "duplicate")
    action.trigger()
    copy = parcels.parent[parcels.parent.index(parcels) + 1]
    assert copy.name == "Parcelles (copy)" and copy.source == parcels.source
    qtbot.waitUntil(lambda: window.loader is None and copy.data is not None, timeout=60000)
    assert id(copy) in window.mirror.visuals
    model = window.tree.model()
    rename, _menu = _menu_action(window, copy, "rename")
    rename.trigger()                                 # in place in the tree, as the model records it
    assert window.tree.state() == window.tree.State.EditingState
    model.setData(model.index_of(copy), "Parcelles 2026")
    window.tree.closePersistentEditor(model.index_of(copy))
    copy.style = copy.style.replace(fill_color="#ff0000")
    undo = _edit(window, "undo")
    assert undo.text() == "&Undo Style of Parcelles 2026"
    undo.trigger()
    assert copy.style.fill_color == parcels.style.fill_color
    undo.trigger()
    assert copy.name == "Parcelles (copy)"
    undo.trigger()
    assert copy.parent is None and id(copy) not in window.mirror.visuals
    assert parcels.parent is not None and id(parcels) in window.mirror.visuals


def test_drag_order_and_project_edits_share_one_undo(demo_window, qtbot):
    from twin.projects.model import Project, Projects, Variant
    window = demo_window(data="none")
    root = window.scene.layers
    names = [layer.name for layer in root]
    model = window.tree.model()
    last = root[len(root) - 1]
    mime = model.mimeData([model.index_of(last)])
    model.dropMimeData(mime, None, 0, 0, model.index_of(root))     # dragged to the top
    assert root[0] is last
    Projects.of(window.scene).add_project(Project("Gare", (Variant("A"),)))
    undo = _edit(window, "undo")
    undo.trigger()                                   # the project, done last
    assert "Gare" not in [p.name for p in Projects.of(window.scene)] and root[0] is last
    undo.trigger()                                   # then the move
    assert [layer.name for layer in root] == names
    assert not undo.isEnabled() and undo.text() == "&Undo"


def test_zoom_to_layer_frames_it(demo_window):
    window = demo_window(data="now")
    parcels = window.scene.layers.find("Parcelles")
    window.go_to(window.scene.bookmark("Grand Place").view)
    action, _menu = _menu_action(window, parcels, "zoom")
    action.trigger()
    x0, y0, x1, y1 = parcels.data.table.frame.total_bounds
    focal = window.mirror.current_view().focal_point
    assert focal[0] == pytest.approx((x0 + x1) / 2, abs=1) and focal[1] == pytest.approx((y0 + y1) / 2, abs=1)


def test_export_and_styles_from_the_menu(demo_window, qtbot, tmp_path, monkeypatch):
    window = demo_window(data="now")
    parcels = window.scene.layers.find("Parcelles")
    out = tmp_path / "parcelles.gpkg"
    task = window.layer_actions.export(parcels, path=str(out))
    with qtbot.waitSignal(task.finished, timeout=60000):    # queued to this thread: never missed
        pass

    assert pyogrio.read_info(out)["features"] == len(parcels.data.table.frame)
    style_file = tmp_path / "parcelles.style.toml"
    parcels.style = parcels.style.replace(fill_color="#123456")
    assert window.layer_actions.save_style(parcels, str(style_file))
    other = window.scene.layers.find("Bâtiments (LoD1)")
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    assert not window.layer_actions.load_style(other, str(style_file))     # a vector style on buildings
    assert "for a vector layer" in warnings[0]
    parcels.style = parcels.style.replace(fill_color="#abcdef")
    opacity = parcels.opacity
    assert window.layer_actions.load_style(parcels, str(style_file))
    assert parcels.style.fill_color == "#123456"
    _edit(window, "undo").trigger()                  # one step: style and opacity together
    assert parcels.style.fill_color == "#abcdef" and parcels.opacity == opacity


def test_points_inside_a_box_from_the_menu(demo_window, qtbot, tmp_path):
    import laspy
    window = demo_window(data="now")
    lidar = window.scene.layers.find("LiDAR HD (nuage de points)")
    x0, y0, _z0, x1, y1, _z1 = (float(v) for v in np.asarray(lidar.data.bounds))
    box = (x0, y0, (x0 + x1) / 2, (y0 + y1) / 2)
    out = tmp_path / "quart.laz"
    task = window.layer_actions.export(lidar, path=str(out), box=box)
    with qtbot.waitSignal(task.finished, timeout=120000):
        pass
    points = laspy.read(out)
    assert len(points.points) > 0 and points.x.max() <= box[2] + 0.01 and points.y.max() <= box[3] + 0.01


def test_a_basemap_added_from_the_menu_is_set_in_the_properties(demo_window, qtbot, monkeypatch, tmp_path):
    """« Ajouter un fond de plan… »: Plan IGN at the bottom of the tree, its properties a
    preset to choose or a URL to paste; undone like any layer change."""
    from tests import wmts_server
    from twin.core.layers import BasemapLayer
    with wmts_server.serving(monkeypatch, tmp_path / "cache"):
        window = demo_window(data="now")
        parcels = window.scene.layers.find("Parcelles")
        action, _menu = _menu_action(window, parcels, "basemap")
        action.trigger()
        basemap = window.scene.layers[len(window.scene.layers) - 1]
        assert isinstance(basemap, BasemapLayer) and basemap.preset == "plan-ign"
        panel = window.properties
        panel.set_layer(basemap)
        panel.preset.setCurrentIndex(panel.preset.findData("ortho-ign"))
        assert basemap.preset == "ortho-ign"
        url = panel.setting_edits["url"]
        url.setText("https://tiles.example.org/no-template")          # neither WMTS layer nor XYZ
        panel.preset.setCurrentIndex(panel.preset.findData(""))
        url.editingFinished.emit()
        assert basemap.preset == "ortho-ign" and "b00020" in panel.preset.styleSheet()
        url.setText("https://tiles.example.org/{z}/{x}/{y}.png")
        url.editingFinished.emit()
        panel.preset.setCurrentIndex(panel.preset.findData("ortho-ign"))
        panel.preset.setCurrentIndex(panel.preset.findData(""))
        assert basemap.preset == "" and basemap.service().url.endswith("{y}.png")
        while basemap in list(window.scene.layers):
            _edit(window, "undo").trigger()
