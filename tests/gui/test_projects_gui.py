"""Urban projects in the app: a footprint drawn in the 3D view becomes a new building of
the variant shown, metrics and PLU follow, undo/redo and before/after work from the
panel and the keys, the sun panel lights the view and casts shadows."""

import pytest
from twin.projects.model import Projects
from twin.analysis.sunlight import SunLight
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication


@pytest.fixture
def window(demo_window):
    win = demo_window((1200, 800), data="now")
    win.projects_dock.show()
    return win


def _centre(win) -> QPoint:
    return win.view.rect().center()


def _draw(win, qtbot, offsets) -> None:
    win.projects_panel.draw_building()
    c = _centre(win)
    for dx, dy in offsets:
        win.tool.click(c + QPoint(dx, dy))
    qtbot.keyClick(win.view, Qt.Key_Return)


def _click_square(win) -> bool:
    """A 60 × 40 px footprint clicked around the view's centre, closed without a key."""
    win.projects_panel.draw_building()
    c = _centre(win)
    for dx, dy in [(-30, -20), (30, -20), (30, 20), (-30, 20)]:
        win.tool.click(c + QPoint(dx, dy))
    return win.tool.close_polygon()


def _project_cells(win) -> int:
    return sum(a.GetMapper().GetInput().GetNumberOfCells() for a in win.mirror.project.actors)


def test_a_drawn_footprint_becomes_a_building_with_metrics_and_undo(window, qtbot):
    panel, scene = window.projects_panel, window.scene
    assert panel.new_project("Essai")
    assert Projects.of(scene).active == ("Essai", "A")
    assert panel.shown.currentText() == "Essai — A"
    panel.floors.setValue(5)                      # R+5: six levels
    _draw(window, qtbot, [(-40, -20), (40, -20), (40, 20), (-40, 20)])
    edits = Projects.of(scene).variant("Essai", "A").edits
    assert len(edits) == 1 and edits[0].floors == 6
    assert panel.edits.count() == 1 and _project_cells(window) > 0
    assert not window.mirror.sketch.actors                     # the sketch is gone once closed
    frame = panel.frame
    assert len(frame) == 2 and frame.iloc[0]["levels"] == 6    # the building and the total row
    assert frame.iloc[0]["footprint_area"] == pytest.approx(edits[0].footprint.area)
    assert panel.table.rowCount() == 2

    assert panel.undo.isEnabled()
    panel.undo.click()
    assert Projects.of(scene).variant("Essai", "A").edits == () and _project_cells(window) == 0
    panel.redo.click()
    assert len(Projects.of(scene).variant("Essai", "A").edits) == 1 and _project_cells(window) > 0


def test_a_self_intersecting_footprint_is_refused_and_nothing_changes(window, qtbot):
    panel, scene = window.projects_panel, window.scene
    panel.new_project("Essai")
    _draw(window, qtbot, [(-40, -20), (40, 20), (40, -20), (-40, 20)])      # a bow tie
    assert Projects.of(scene).variant("Essai", "A").edits == ()
    assert window.project_box.isVisible() and "intersect" in window.project_box.text().lower()


def test_demolish_a_clicked_building_and_toggle_before_after(window, qtbot):
    panel, scene = window.projects_panel, window.scene
    panel.new_project("Essai")
    buildings = next(v for v in window.mirror.visuals.values() if v.layer.name == "Bâtiments (LoD1)")
    cells = buildings.actors[0].GetMapper().GetInput().GetNumberOfCells()
    frame = buildings.layer.data.table.frame
    panel.demolish()
    row = None
    for y in range(window.view.height() - 60, 60, -25):        # click down the view until one is hit
        for x in range(60, window.view.width() - 60, 40):
            picked = window.mirror.pick(*window._display_xy(QPoint(x, y)))
            if picked is not None and picked.layer is buildings.layer and picked.feature is not None:
                row = picked.feature
                window.tool.click(QPoint(x, y))
                break
        if row is not None:
            break
    assert row is not None
    edits = Projects.of(scene).variant("Essai", "A").edits
    assert len(edits) == 1 and edits[0].building_ids == (str(frame["cleabs"].iloc[row]),)
    assert buildings.actors[0].GetMapper().GetInput().GetNumberOfCells() < cells     # gone from the view
    window.activateWindow()                                     # shortcuts work in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.view, Qt.Key_F8)                      # before: the town today
    assert Projects.of(scene).active is None and panel.shown.currentIndex() == 0
    assert buildings.actors[0].GetMapper().GetInput().GetNumberOfCells() == cells
    qtbot.keyClick(window.view, Qt.Key_F8)                      # after: the variant again
    assert Projects.of(scene).active == ("Essai", "A")


def test_the_metrics_are_exported_as_a_french_csv(window, tmp_path):
    panel = window.projects_panel
    panel.new_project("Essai")
    assert _click_square(window)
    out = panel.export_csv(str(tmp_path / "m.csv"))
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("Bâtiment;") and "Surface de plancher" in text


def test_the_sun_panel_lights_the_view_and_casts_shadows(window, qtbot):
    sun = window.sun_panel
    window.sun_dock.show()
    sun.day.setDate(sun.day.date().fromString("2026-06-21", "yyyy-MM-dd"))
    sun.hour.setValue(15 * 60)
    assert window.scene.timeline.current.isoformat().startswith("2026-06-21T13:00")   # 15:00 in Paris, summer time
    assert not window.mirror.sun.actor
    sun.enabled.setChecked(True)
    assert SunLight.of(window.scene).enabled and window.mirror.sun.actor is not None
    assert "azimuth" in sun.readout.text() and "Sunrise 05:" in sun.readout.text()
    sun.hour.setValue(23 * 60)                                  # night: no shadow
    assert window.mirror.sun.actor is None and "below the horizon" in sun.readout.text()
    window.scene.timeline.set_current("2026-12-21T11:00:00Z")  # the model drives the panel too
    assert sun.hour.value() == 12 * 60 and sun.day.date().month() == 12


def test_side_by_side_shows_another_state_with_linked_cameras(window, qtbot):
    panel = window.projects_panel
    panel.new_project("Essai")
    _click_square(window)
    panel.compare_with(None)                                    # the town today, beside the variant
    compare = window.compare_view
    assert compare is not None and compare.variant is None and compare.mirror.project.actors == []
    assert window.mirror.project.actors                         # the main view still shows the variant
    window.view.camera.azimuth = 30                             # move one camera: the other follows
    assert compare.camera.position == pytest.approx(window.view.camera.position)
    compare.camera.elevation = 10
    assert window.view.camera.position == pytest.approx(compare.camera.position)
    panel.compare_with(("Essai", "A"))                          # both on the variant
    assert compare.mirror.project.actors
    panel.compare_with("off")
    assert window.compare_view is None and window.splitter.count() == 1


def test_an_architects_model_is_placed_and_a_parcel_built_on(window, tmp_path):
    import trimesh
    panel, scene = window.projects_panel, window.scene
    panel.new_project("Essai")
    path = tmp_path / "pavillon.obj"
    trimesh.creation.box(extents=(12.0, 8.0, 7.0)).export(path)
    x, y, _ = scene.bookmark("Grand Place").view.focal_point
    before = len(window.mirror.project.actors)
    assert panel.place_model(str(path), anchor=(x, y))
    edit = Projects.of(scene).variant("Essai", "A").edits[-1]
    assert edit.source == path and len(window.mirror.project.actors) == before + 1
    assert not panel.place_model(str(tmp_path / "missing.obj"), anchor=(x, y))   # told, not added
    assert len(Projects.of(scene).variant("Essai", "A").edits) == 1

    parcels = scene.layers.find("Parcelles")
    panel.build_on_parcel()
    from twin._vtk.mirror import Pick
    panel._parcel_picked(Pick(parcels, 10, (x, y, 0.0), {}))     # as a click on the parcel would
    built = Projects.of(scene).variant("Essai", "A").edits[-1]
    assert built.footprint.equals(parcels.data.table.frame.geometry.iloc[10].buffer(0))
    panel._parcel_picked(Pick(scene.layers.find("Bâtiments (LoD1)"), 3, (x, y, 0.0), {}))
    assert "not a parcel" in window.project_box.text()


def test_a_footprint_file_is_imported_and_a_height_changed(window, tmp_path):
    import geopandas as gpd
    import shapely
    panel, scene = window.projects_panel, window.scene
    panel.new_project("Essai")
    x, y, _ = scene.bookmark("Grand Place").view.focal_point
    square = shapely.box(x - 10, y - 10, x + 10, y + 10)
    gpd.GeoDataFrame(geometry=[square], crs="EPSG:2154").to_crs("EPSG:4326").to_file(tmp_path / "ilot.geojson")
    assert panel.import_footprint(str(tmp_path / "ilot.geojson"))
    imported = Projects.of(scene).variant("Essai", "A").edits[-1]
    assert imported.footprint.area == pytest.approx(400.0, rel=1e-3)     # reprojected from WGS84
    gpd.GeoDataFrame(geometry=[square, square.buffer(-2)], crs="EPSG:2154").to_file(tmp_path / "two.gpkg")
    assert not panel.import_footprint(str(tmp_path / "two.gpkg"))
    assert "2 polygons" in window.project_box.text()
    (tmp_path / "nocrs.geojson").write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", '
                                            '"properties": {}, "geometry": ' + shapely.to_geojson(square) + '}]}')
    assert not panel.import_footprint(str(tmp_path / "nocrs.geojson"))       # no CRS: where is it?
    assert "do not fit" in window.project_box.text()
    (tmp_path / "vide.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    assert not panel.import_footprint(str(tmp_path / "vide.geojson"))
    (tmp_path / "cut.geojson").write_text('{"type": "FeatureCollection", "features": [{"type": ')
    assert not panel.import_footprint(str(tmp_path / "cut.geojson"))
    assert len(Projects.of(scene).variant("Essai", "A").edits) == 1                # only the good one was taken

    buildings = scene.layers.find("Bâtiments (LoD1)")
    from twin._vtk.mirror import Pick
    panel._height_picked(Pick(buildings, 5, (x, y, 0.0), {}), height=30.0)
    raised = Projects.of(scene).variant("Essai", "A").edits[-1]
    assert raised.height == 30.0 and raised.building_id == str(buildings.data.table.frame["cleabs"].iloc[5])
    shown = window.mirror.project.buildings
    assert shown.heights[list(shown.ids).index(raised.building_id)] == 30.0


def test_the_report_is_written_in_the_background_from_a_copy(window, qtbot, tmp_path):
    """The report switches variants and turns the sun on: on a copy of the scene, in a
    worker thread, while the window keeps showing what it showed."""
    import datetime as dt
    panel, scene = window.projects_panel, window.scene
    done = []
    panel.report_done.connect(done.append)
    task = panel.write_report(str(tmp_path / "rapport.html"), image_size=(320, 180), resolution=4.0,
                              step_minutes=60.0, sun_dates=[dt.date(2026, 6, 21)])
    qtbot.waitUntil(lambda: bool(done), timeout=120000)
    text = (tmp_path / "rapport.html").read_text(encoding="utf-8")
    assert "Îlot Saint-Géry" in text and "zone UA" in text
    assert Projects.of(scene).active is None and not SunLight.of(scene).enabled       # the window's scene did not move
    assert task.dialog.value() in (-1, 0)                               # the progress dialog is closed
