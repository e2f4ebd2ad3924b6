"""The attribute table on the demo's buildings: filter by expression, sort, select rows ↔
highlight in 3D (and the reverse: a click or a box in the view selects rows), a
feature's form, export of the selection."""

import geopandas as gpd
import numpy as np
import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt

from twin.core.selection import Selection

BUILDINGS = "Bâtiments (LoD1)"


@pytest.fixture
def window(demo_window):
    win = demo_window((900, 600), data="now")
    win.tree.setCurrentIndex(win.tree.model().index_of(win.scene.layers.find(BUILDINGS)))
    next(a for a in win.menuBar().findChild(type(win.menuBar().actions()[0].menu()), "tools").actions()
         if a.shortcut().toString() == "F6").trigger()
    return win


def _yellow_pixels(win) -> int:
    win.view.render()
    image = win.mirror.plotter.screenshot(return_img=True)
    r, g, b = (image[..., i].astype(int) for i in range(3))
    return int(np.count_nonzero((r > 200) & (g > 160) & (b < 90)))


def test_the_table_shows_the_layer_and_filters_and_sorts(window):
    table = window.attribute_table
    layer = window.scene.layers.find(BUILDINGS)
    frame = layer.data.table.frame
    assert table.layer is layer and window.attribute_dock.isVisible()
    assert table.model.rowCount() == len(frame) > 100
    table.expression.setText('"hauteur" > 15')
    table.apply_filter()
    assert table.model.rowCount() == int((frame["hauteur"] > 15).sum()) > 0
    column = table.model.columns.index("hauteur")
    table.model.sort(column, Qt.DescendingOrder)
    top = float(table.model.data(table.model.index(0, column)).replace("\u202f", "").replace(",", "."))
    assert top == pytest.approx(frame["hauteur"].max())
    table.expression.setText("")
    table.apply_filter()
    assert table.model.rowCount() == len(frame)


def test_a_bad_expression_is_refused_in_red_with_its_position(window):
    table = window.attribute_table
    rows = table.model.rowCount()
    table.expression.setText('"hauteurr" > 15')
    table.apply_filter()
    assert not table.error.isHidden()
    assert "character 1" in table.error.text() and "hauteurr" in table.error.text()
    assert table.model.rowCount() == rows              # the table is left as it was
    table.expression.setText('"hauteur" >')
    table.apply_filter()
    assert "character 12" in table.error.text()


def test_rows_selected_in_the_table_are_highlighted_in_3d_and_back(window, qtbot):
    table = window.attribute_table
    layer = window.scene.layers.find(BUILDINGS)
    before = _yellow_pixels(window)
    frame = layer.data.table.frame
    tallest = int(np.argmax(frame["hauteur"].to_numpy(float)))
    position = int(table.model.positions([tallest])[0])
    table.view.selectionModel().select(table.model.index(position, 0),
                                       QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
    assert Selection.of(layer).rows.tolist() == [tallest]
    assert window.selection_highlight.shown(layer) > 0
    # frame the selection: the highlighted building fills part of the picture
    table.zoom_to_selection()
    assert _yellow_pixels(window) > max(500, before * 2)
    # the model's selection → the table's rows
    Selection.of(layer).set([0, 1, 2])
    picked = sorted(table.model.order[i.row()] for i in table.view.selectionModel().selectedRows())
    assert picked == [0, 1, 2]
    Selection.of(layer).clear()
    assert window.selection_highlight.shown(layer) == 0
    assert not table.view.selectionModel().selectedRows()


def test_a_click_and_a_box_in_the_view_select_rows(window, qtbot):
    table = window.attribute_table
    layer = window.scene.layers.find(BUILDINGS)
    window.select_action.setChecked(True)
    spot = QPoint(window.view.width() // 2, int(window.view.height() * 0.8))
    qtbot.mouseClick(window.view, Qt.LeftButton, pos=spot)
    assert len(Selection.of(layer)) == 1
    row = int(Selection.of(layer).rows[0])
    assert [table.model.order[i.row()] for i in table.view.selectionModel().selectedRows()] == [row]
    # a box over the middle of the view: several buildings, all in the table's selection
    w, h = window.view.width(), window.view.height()
    count = window.feature_select.select_box(QPoint(w // 4, h // 4), QPoint(3 * w // 4, 3 * h // 4))
    assert count > 5 and len(Selection.of(layer)) == count
    assert len(table.view.selectionModel().selectedRows()) == count
    qtbot.keyClick(window.view, Qt.Key_Escape)
    assert not window.select_action.isChecked()


def test_form_and_export_of_the_selection(window, tmp_path):
    table = window.attribute_table
    layer = window.scene.layers.find(BUILDINGS)
    frame = layer.data.table.frame
    Selection.of(layer).select_where('"hauteur" > 12')
    expected = int((frame["hauteur"] > 12).sum())
    form = table.open_form(int(Selection.of(layer).rows[0]))
    assert form.fields["hauteur"].text() not in ("", "NULL")
    for suffix in ("gpkg", "geojson", "csv"):
        assert table.export_selection(str(tmp_path / f"sel.{suffix}")) == expected
    assert len(gpd.read_file(tmp_path / "sel.gpkg")) == expected
    assert gpd.read_file(tmp_path / "sel.geojson").crs.to_epsg() == 4326
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sel.csv", "sel.geojson", "sel.gpkg"]


def test_a_layer_filter_in_the_properties_reads_only_the_matching_features(window, qtbot):
    layer = window.scene.layers.find(BUILDINGS)
    frame = layer.data.table.frame
    expected = int(((frame["hauteur"] > 15) & (frame["usage_1"] == "Résidentiel")).sum())
    assert window.properties.layer is layer
    edit = window.properties.filter
    edit.edit.setText('"hauteur" > 15 AND "usage_1" = ')
    assert edit.apply() is False and "character 31" in edit.error.text()
    edit.edit.setText('"hauteur" > 15 AND "usage_1" = \'Résidentiel\'')
    assert edit.apply() is True and layer.filter.startswith('"hauteur"')
    qtbot.waitUntil(lambda: layer.data is not None and len(layer.data.table.frame) == expected, timeout=60000)
    qtbot.waitUntil(lambda: window.attribute_table.model.rowCount() == expected, timeout=5000)
