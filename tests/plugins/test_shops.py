"""Shops observatory (plugins/shops): premises' states at instants, vacancy rates per
street and block against hand-counted values, the pick chart, bad tables refused whole,
ground floors coloured in a render, and the demo's layer."""

import os
from datetime import datetime, timezone

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from plugins.shops.layer import OPEN, UNKNOWN, VACANT, ShopsLayer, normalise_status
from tests.conftest import DEMO_SCENE
from twin.core.errors import DataError
from twin.io.loading import apply_results, load_scene_data
from twin.core.plugins import plugins
from twin.core.scene import Scene
from twin.io.scene_file import load_scene

X0, Y0 = 684000.0, 7021000.0
HEADER = "local,rue,ilot,activite,statut,debut,fin,proprietaire,x,y\n"
# A, B, C on rue A and D, E on rue B; block 1 holds A–D, block 2 holds E
ROWS = [
    "A,rue A,1,boulangerie,ouvert,2023-01-01,2024-01-01,M. Dupont,{x},{y}",
    "A,rue A,1,,vacant,2024-01-01,,M. Dupont,{x},{y}",
    "B,rue A,1,café,Ouvert,2022-06-01,,Mme Martin,{x},{y}",
    "C,rue A,1,,Fermé,2023-06-01,2024-06-01,SCI C,{x},{y}",
    "C,rue A,1,coiffure,ouvert,2024-06-01,,SCI C,{x},{y}",
    "D,rue B,1,café,ouvert,2023-03-01,2025-01-01,SCI D,{x},{y}",
    "E,rue B,2,,vacant,2022-01-01,,SCI E,{x},{y}",
]
PLACES = {"A": (0, 0), "B": (30, 0), "C": (60, 0), "D": (0, 40), "E": (60, 40)}


def _csv(rows=ROWS) -> str:
    out = []
    for row in rows:
        x, y = PLACES[row.split(",")[0]]
        out.append(row.format(x=X0 + x, y=Y0 + y))
    return HEADER + "\n".join(out) + "\n"


def _load(tmp_path, text=None, **settings):
    (tmp_path / "commerces.csv").write_text(_csv() if text is None else text, encoding="utf-8")
    scene = Scene(crs="EPSG:2154", origin=(X0, Y0, 0.0))
    layer = scene.add_layer(ShopsLayer("Commerces", source=tmp_path / "commerces.csv", crs="EPSG:2154", **settings))
    [result] = load_scene_data(scene)
    return scene, layer, result


def _at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc)


def test_states_and_vacancy_rates_at_instants(tmp_path):
    assert plugins().record("builtin-shops").contributions.summary() == {"layer_kinds": ["shops"]}
    scene, layer, result = _load(tmp_path)
    assert result.error is None, result.error
    apply_results([result])
    data = layer.data
    frame = data.table.frame
    assert frame["local"].tolist() == ["A", "B", "C", "D", "E"]
    assert "proprietaire" not in frame.columns                     # owners never reach the table
    assert frame["activite"].tolist() == ["boulangerie", "café", "coiffure", "café", ""]   # the latest given
    assert frame["statut"].tolist() == ["vacant", "open", "open", "open", "vacant"]
    assert frame["depuis"].tolist() == ["2024-01-01", "2022-06-01", "2024-06-01", "2023-03-01", "2022-01-01"]
    assert frame["jusqu_au"].tolist() == ["", "", "", "2025-01-01", ""]
    assert data.streets.tolist() == ["rue A", "rue B"] and data.blocks.tolist() == ["1", "2"]
    expected = {  # hand-counted: (states A–E, rate rue A, rate rue B, block 1, block 2)
        "2022-03-01": ([UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, VACANT], np.nan, 1.0, np.nan, 1.0),
        "2023-07-01": ([OPEN, OPEN, VACANT, OPEN, VACANT], 1 / 3, 1 / 2, 1 / 4, 1.0),
        "2024-03-01": ([VACANT, OPEN, VACANT, OPEN, VACANT], 2 / 3, 1 / 2, 2 / 4, 1.0),
        "2025-06-01": ([VACANT, OPEN, OPEN, UNKNOWN, VACANT], 1 / 3, 1.0, 1 / 3, 1.0),
    }
    for day, (states, street_a, street_b, block_1, block_2) in expected.items():
        got = layer.states(_at(day))
        assert got.tolist() == states, day
        np.testing.assert_allclose(data.street_rates(got), [street_a, street_b], err_msg=day)
        np.testing.assert_allclose(data.block_rates(got), [block_1, block_2], err_msg=day)
    assert layer.states(_at("2024-01-01")).tolist()[0] == VACANT    # a period starts on its first day
    layer.time_offset = "-P366D"                                   # a year before, same layer
    assert layer.states(_at("2025-03-01")).tolist() == expected["2024-03-01"][0]
    assert layer.time_extent() == (_at("2021-12-31T23:00:00"), _at("2024-12-31T23:00:00"))   # Paris midnights
    with pytest.raises(ValueError, match="color_by is status or activity"):
        ShopsLayer("x", color_by="rent")


def test_colours_by_status_or_activity(tmp_path):
    scene, layer, result = _load(tmp_path)
    apply_results([result])
    rgb, states = layer.colors(_at("2023-07-01"))
    assert (rgb[states == VACANT] == [0xd3, 0x2f, 0x2f]).all() and (rgb[states == OPEN] == [0x43, 0xa0, 0x47]).all()
    layer.color_by = "activity"
    rgb, _ = layer.colors(_at("2023-07-01"))
    assert layer.data.activities.tolist()[0] == "café"            # the commonest first
    assert (rgb[1] == rgb[3]).all() and not (rgb[0] == rgb[1]).all()   # B and D are cafés, A a bakery
    assert [label for _, label in layer.legend(False).entries] == ["café", "boulangerie", "coiffure", "vacant"]


def test_the_pick_chart_is_the_street_and_block_rate_by_month(tmp_path):
    scene, layer, result = _load(tmp_path, history="P365D")
    apply_results([result])
    history = layer.history_of(0, _at("2024-03-15"), public=True)
    street, block = history.traces
    assert history.title == "rue A: vacancy rate" and history.unit == "% vacant"
    assert street.label == "rue A" and block.label == "îlot 1"
    months = street.times.astype("datetime64[D]").astype(str).tolist()
    assert months[0] == "2023-04-01" and months[-2:] == ["2024-03-01", "2024-03-15"]
    by_month = dict(zip(months, street.values))
    assert by_month["2023-04-01"] == 0 and by_month["2023-06-01"] == pytest.approx(100 / 3)
    assert by_month["2024-01-01"] == pytest.approx(200 / 3) and street.values[-1] == pytest.approx(200 / 3)
    blocks = dict(zip(months, block.values))
    assert blocks["2023-04-01"] == 0 and blocks["2023-06-01"] == 25 and blocks["2024-01-01"] == 50
    assert layer.history_of(4, _at("2021-06-01"), public=False) is None       # nothing known then


@pytest.mark.parametrize("edit, message", [
    (lambda t: t.replace(",statut,", ",etat,"), "has no 'statut' column"),
    (lambda t: t.replace("Fermé", "en travaux").replace("E,rue B,2,,vacant", "E,rue B,2,,à vendre"),
     "status values it cannot read: 'en travaux', 'à vendre'"),
    (lambda t: t.replace("2023-03-01,2025-01-01", "2023-03-01,2022-01-01"),
     "1 rows end ('fin') before they start (rows 6)"),
    (lambda t: t.replace("2022-06-01", "2099-06-01"), "1 rows are dated in the future (rows 3)"),
    (lambda t: t.replace("2023-03-01", "bientôt"), "1 rows have no readable 'debut' date (rows 6)"),
    (lambda t: t.replace("2024-06-01,,SCI C", "2024-05-01,,SCI C"), "periods overlap (rows 5)"),
    (lambda t: t.rsplit("\n", 2)[0] + "\nE,rue B,2,,vacant,2022-01-01,,SCI E,,\n",
     "has 1 rows without usable coordinates"),
])
def test_bad_tables_are_refused_whole(tmp_path, edit, message):
    scene, layer, result = _load(tmp_path, edit(_csv()))
    assert result.data is None and message in result.error, result.error
    assert "commerces.csv" in result.error
    apply_results([result])
    assert layer.data is None                                     # nothing half-imported


def test_an_empty_layer_is_refused(tmp_path):
    (tmp_path / "vide.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    scene = Scene(crs="EPSG:2154")
    scene.add_layer(ShopsLayer("Commerces", source=tmp_path / "vide.geojson", crs="EPSG:2154"))
    [result] = load_scene_data(scene)
    assert "vide.geojson: has no premises (the table is empty)" in result.error


def test_missing_columns_are_named_with_what_was_found(tmp_path):
    text = _csv().replace(",rue,", ",voie,").replace(",debut,", ",ouverture,")
    scene, layer, result = _load(tmp_path, text)
    assert "has no 'rue' nor 'debut' column" in result.error
    assert "its columns are: local, voie, ilot" in result.error and "set street_field, start_field" in result.error
    with pytest.raises(DataError, match="cannot read: 'bof'"):
        normalise_status(pd.Series(["ouvert", "bof"]), tmp_path / "x.csv")


def test_blocks_from_polygons_and_ground_floors_from_buildings(tmp_path):
    blocks = gpd.GeoDataFrame({"section": ["AB", "CD"]},
                              geometry=[shapely.box(X0 - 10, Y0 - 10, X0 + 70, Y0 + 10),
                                        shapely.box(X0 - 10, Y0 + 30, X0 + 70, Y0 + 50)], crs="EPSG:2154")
    blocks.to_file(tmp_path / "ilots.geojson", driver="GeoJSON")
    buildings = gpd.GeoDataFrame({"id": [1, 2]}, geometry=[shapely.box(X0 - 5, Y0 - 8, X0 + 5, Y0 + 8),
                                                           shapely.box(X0 + 25, Y0 - 8, X0 + 35, Y0 + 8)],
                                 crs="EPSG:2154")
    buildings.to_file(tmp_path / "bati.geojson", driver="GeoJSON")
    text = _csv().replace(",ilot,", ",x_ilot,")
    scene, layer, result = _load(tmp_path, text, blocks=str(tmp_path / "ilots.geojson"), blocks_key="section",
                                 buildings=str(tmp_path / "bati.geojson"))
    assert result.error is None, result.error
    apply_results([result])
    assert layer.data.blocks.tolist() == ["AB", "CD"] and layer.data.block.tolist() == [0, 0, 0, 1, 1]
    feature = layer.data.floors.cell_data["feature"]
    xs = {row: np.ptp(_cell_points(layer.data.floors, feature == row)[:, 0]) for row in range(5)}
    assert xs[0] == pytest.approx(10.6) and xs[1] == pytest.approx(10.6)      # their buildings, 0.3 m wider
    assert xs[2] == pytest.approx(6.0) and xs[4] == pytest.approx(6.0)        # no building: a small box


def _cell_points(mesh, cells: np.ndarray) -> np.ndarray:
    import pyvista as pv
    from twin._vtk.convert import to_polydata
    poly = to_polydata(mesh)
    return np.asarray(pv.wrap(poly.extract_cells(np.flatnonzero(cells))).points)


def _render_fixture(tmp_path):
    from twin._vtk.mirror import SceneMirror
    from twin._vtk.offscreen import make_plotter
    from twin.core.camera import View
    scene, layer, result = _load(tmp_path, street_labels=False)
    apply_results([result])
    plotter = make_plotter((400, 400))
    mirror = SceneMirror(scene, plotter)
    mirror.apply_view(View(position=(X0 + 30, Y0 + 20, 250), focal_point=(X0 + 30, Y0 + 20, 0), view_up=(0, 1, 0)))
    return scene, layer, plotter, mirror


def _display(plotter, x: float, y: float, z: float) -> tuple[int, int]:
    """The display pixel (origin bottom left) where a scene point (origin-relative) lands."""
    import vtk
    coord = vtk.vtkCoordinate()
    coord.SetCoordinateSystemToWorld()
    coord.SetValue(x, y, z)
    return coord.GetComputedDisplayValue(plotter.renderer)


def _pixel(plotter, x: float, y: float, z: float) -> np.ndarray:
    """The colour where a scene point (origin-relative) lands on screen."""
    px, py = _display(plotter, x, y, z)
    img = plotter.screenshot(return_img=True)
    return img[img.shape[0] - 1 - int(py), int(px)].astype(int)


def test_ground_floors_take_their_state_at_the_instant(tmp_path):
    scene, layer, plotter, mirror = _render_fixture(tmp_path)
    try:
        def colours(day):
            scene.timeline.set_current(f"{day}T12:00:00Z")
            plotter.render()
            return [_pixel(plotter, x, y, 4.0) for x, y in PLACES.values()]
        red, green = np.array([0xd3, 0x2f, 0x2f]), np.array([0x43, 0xa0, 0x47])

        def near(c, ref):
            return np.abs(c - ref).max() < 60
        july = colours("2023-07-01")                              # A B open, C vacant, D open, E vacant
        assert [near(c, green) for c in july] == [True, True, False, True, False]
        assert [near(c, red) for c in july] == [False, False, True, False, True]
        later = colours("2025-06-01")                             # A vacant, C open, D unknown: not drawn
        assert near(later[0], red) and near(later[2], green)
        assert not near(later[3], red) and not near(later[3], green)
        assert "Commerces" in [legend.title for legend in mirror.legends.shown]
        picked = mirror.pick(*_display(plotter, *PLACES["C"], 4.0))    # a premises is picked by its ground floor
        assert picked.layer is layer and picked.feature == 2 and picked.attributes["local"] == "C"
        assert "proprietaire" not in picked.attributes
        assert mirror.pick(*_display(plotter, *PLACES["D"], 4.0)) is None   # not drawn: nothing to pick
    finally:
        mirror.close()
        plotter.close()


def test_the_demo_shops_around_the_squares():
    from twin._vtk.mirror import SceneMirror
    from twin._vtk.offscreen import make_plotter
    scene = load_scene(DEMO_SCENE)
    layer = scene.layers.find("Commerces (observatoire)")
    assert layer.visible and layer.parent.name == "Ville participative"
    results = load_scene_data(scene, layers=[scene.layers.find("Terrain (MNT 2 m)"), layer])
    assert all(r.error is None for r in results), [r.error for r in results]
    apply_results(results)
    data = layer.data
    assert 40 <= len(data.table.frame) <= 60
    assert {"Grand'Place", "Place des Héros", "Rue Ronville"} <= set(data.streets)
    states = layer.states(scene.timeline.current)
    assert (states != UNKNOWN).all() and 0 < (states == VACANT).sum() < len(states) / 3
    assert (data.block >= 0).all()                               # every premises in a cadastre section
    history = layer.history_of(0, scene.timeline.current, public=True)
    assert len(history.traces) == 2 and len(history.traces[0].times) >= 40   # four years, monthly
    plotter = make_plotter((800, 500))
    mirror = SceneMirror(scene, plotter)
    try:
        for name in ("Bâtiments (LoD1)", "Données en direct", "Signalements citoyens", "Cadastre"):
            scene.layers.find(name).visible = False
        mirror.apply_view(scene.bookmark("Grand Place").view)
        plotter.render()
        img = plotter.screenshot(return_img=True).astype(int)
        r, g, b = img[..., 0], img[..., 1], img[..., 2]
        assert ((r > 170) & (g < 80) & (b < 80)).sum() > 50       # vacant ground floors
        assert ((g > 130) & (r < 100) & (b < 100)).sum() > 300    # open ones
    finally:
        mirror.close()
        plotter.close()


@pytest.mark.gui
@pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs an X server: run under Xvfb")
def test_picking_a_premises_charts_its_street_in_the_history_panel(tmp_path, qtbot):
    from twin._qt.history import HistoryPanel
    scene, layer, result = _load(tmp_path, history="P365D")
    apply_results([result])
    scene.timeline.set_current("2024-03-15T12:00:00Z")
    panel = HistoryPanel(scene)
    qtbot.addWidget(panel)
    panel.show_feature(layer, 0)
    assert panel.message.text() == "rue A: vacancy rate"
    lines = panel.figure.axes[0].get_lines()
    labels = [t.get_text() for t in panel.figure.axes[0].get_legend().get_texts()]
    assert labels == ["rue A", "îlot 1"] and len(lines) >= 2
    assert lines[0].get_ydata()[-1] == pytest.approx(200 / 3)
    scene.timeline.set_current("2025-06-01T12:00:00Z")                 # the chart follows the timeline
    qtbot.waitUntil(lambda: panel.history.now.year == 2025, timeout=3000)
    assert panel.history.traces[0].values[-1] == pytest.approx(100 / 3)
