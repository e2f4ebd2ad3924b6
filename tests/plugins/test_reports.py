"""Citizen reports (plugins/reports): states at the timeline's instant, filters, the
demo's real-format CSV, bad dates and coordinates, and the colours in a render."""

from datetime import datetime, timezone

import numpy as np
import pytest

from plugins.reports.layer import CLOSED, HIDDEN, NEW, PROGRESS, ReportsLayer, normalise_status
from tests.conftest import DEMO_SCENE, ROOT
from twin.io.loading import apply_results, load_scene_data
from twin.core.plugins import plugins
from twin.core.scene import Scene
from twin.io.scene_file import load_scene

CSV = """id,category,status,created,closed,lon,lat
r1,voirie,nouveau,2026-06-01T10:00:00+02:00,,2.7776,50.2915
r2,éclairage,en cours,2026-06-02T10:00:00+02:00,,2.7780,50.2910
r3,voirie,clos,2026-06-03T10:00:00+02:00,2026-06-05T09:00:00+02:00,2.7770,50.2920
r4,propreté,résolu,2026-06-04T10:00:00+02:00,,2.7790,50.2905
r5,voirie,nouveau,2099-01-01T00:00:00Z,,2.7785,50.2912
r6,voirie,nouveau,,,2.7786,50.2913
r7,voirie,nouveau,2026-06-04T10:00:00+02:00,,,
"""


def _layer(tmp_path, **settings):
    (tmp_path / "reports.csv").write_text(CSV, encoding="utf-8")
    scene = Scene(crs="EPSG:2154")
    layer = scene.add_layer(ReportsLayer("Signalements", source=tmp_path / "reports.csv", **settings))
    [result] = load_scene_data(scene)
    apply_results([result])
    return scene, layer, result


def test_status_words_in_french_and_english():
    import pandas as pd
    codes = normalise_status(pd.Series(["Nouveau", "en cours", "CLOS", "resolved", "pris en charge", None, "?"]))
    assert codes.tolist() == [NEW, PROGRESS, CLOSED, CLOSED, PROGRESS, NEW, NEW]


def test_states_follow_the_timeline_and_filters(tmp_path):
    assert plugins().record("builtin-reports").contributions.summary() == {"layer_kinds": ["reports"]}
    scene, layer, result = _layer(tmp_path)
    assert result.error is None, result.error
    assert any("1 reports dated in the future left out" in w for w in result.warnings)
    assert any("1 reports without a creation date left out" in w for w in result.warnings)
    assert any("rows without usable coordinates skipped" in w for w in result.warnings)
    assert layer.data.table.frame["id"].tolist() == ["r1", "r2", "r3", "r4"]
    at = lambda day, hour=12: layer.states(datetime(2026, 6, day, hour, tzinfo=timezone.utc))  # noqa: E731
    assert at(1, 6).tolist() == [HIDDEN, HIDDEN, HIDDEN, HIDDEN]        # before any was made
    assert at(3).tolist() == [NEW, PROGRESS, PROGRESS, HIDDEN]          # r3 open until the 5th
    assert at(6).tolist() == [NEW, PROGRESS, CLOSED, CLOSED]            # r4 "résolu" with no date: closed
    layer.categories = "voirie"
    assert at(6).tolist() == [NEW, HIDDEN, CLOSED, HIDDEN]
    layer.categories, layer.statuses = "", "new, in progress"
    assert at(6).tolist() == [NEW, PROGRESS, HIDDEN, HIDDEN]
    layer.statuses = ""
    start, end = layer.time_extent()
    assert start == datetime(2026, 6, 1, 8, tzinfo=timezone.utc) and end == datetime(2026, 6, 5, 7, tzinfo=timezone.utc)
    with pytest.raises(ValueError, match="statuses may name new, in progress, closed; not open"):
        ReportsLayer("x", statuses="open")


def test_bad_report_tables(tmp_path):
    (tmp_path / "r.csv").write_text("id,categorie,lon,lat\n1,voirie,2.77,50.29\n", encoding="utf-8")
    scene = Scene(crs="EPSG:2154")
    layer = scene.add_layer(ReportsLayer("r", source=tmp_path / "r.csv", category_field="categorie"))
    [result] = load_scene_data(scene)
    assert "has no 'created' column" in result.error and "categorie" in result.error
    (tmp_path / "f.csv").write_text("id,category,created,lon,lat\n1,voirie,2099-01-01T00:00:00Z,2.77,50.29\n")
    layer.source = tmp_path / "f.csv"
    layer.category_field = "category"
    [result] = load_scene_data(scene)
    assert "has no report with a usable creation date" in result.error


def test_the_demo_reports_are_drawn_at_the_instant():
    from twin._vtk.mirror import SceneMirror
    from twin._vtk.offscreen import make_plotter
    from twin.core.camera import View
    scene = load_scene(DEMO_SCENE)
    layer = scene.layers.find("Signalements citoyens")
    for name in ("Bâtiments (LoD1)", "Données en direct", "Cadastre"):
        scene.layers.find(name).visible = False
    apply_results(load_scene_data(scene, layers=[scene.layers.find("Terrain (MNT 2 m)"), layer]))
    assert len(layer.data.table.frame) == 30 and (ROOT / "assets/demo/arras-centre/signalements.csv").is_file()
    plotter = make_plotter((800, 600))
    mirror = SceneMirror(scene, plotter)
    try:
        mirror.apply_view(View(position=(684000, 7020700, 900), focal_point=(684050, 7021500, 60)))

        def image(when):
            scene.timeline.set_current(when)
            plotter.render()
            return plotter.screenshot(return_img=True).astype(int)
        none = image("2026-05-01T00:00:00Z")                  # before any report: the baseline

        def drawn(when):
            """Pixels the balls cover; how many are blue (in progress) and grey (closed)."""
            img = image(when)
            changed = np.abs(img - none).max(axis=2) > 40
            r, g, b = img[..., 0], img[..., 1], img[..., 2]
            blue = changed & (b > r + 60) & (b > g + 20)
            grey = changed & (np.ptp(img, axis=2) < 40)
            return int(changed.sum()), int(blue.sum()), int(grey.sum())
        early, late = drawn("2026-06-02T12:00:00Z"), drawn("2026-06-30T12:00:00Z")
        states = layer.states(datetime(2026, 6, 30, 12, tzinfo=timezone.utc))
        assert (states != HIDDEN).all() and (states == CLOSED).sum() >= 10
        assert early[0] > 100 and early[1] > 50 and early[2] == 0      # three open reports, none closed
        assert late[0] > 5 * early[0] and late[2] > 200                # a month later, most are closed
        assert "Signalements citoyens" in [legend.title for legend in mirror.legends.shown]
    finally:
        mirror.close()
        plotter.close()


def test_reports_group_when_zoomed_out():
    from plugins.reports.visual import clusters
    points = np.array([[0, 0, 0], [5, 5, 0], [8, 2, 0], [500, 500, 0], [505, 500, 0]], np.float32)
    states = np.array([CLOSED, NEW, PROGRESS, CLOSED, HIDDEN])
    centres, counts, state, first = clusters(points, states, 64.0)
    assert sorted(counts.tolist()) == [1, 3]                  # the hidden report is not counted
    three = int(np.argmax(counts))
    assert state[three] == NEW and first[three] == 0            # the most urgent state shows
    assert centres[three].tolist() == pytest.approx([13 / 3, 7 / 3, 0])
    alone = clusters(points, states, 8.0)                     # close up: each on its own
    assert alone[1].tolist() == [1, 1, 1, 1] and alone[3].tolist() == [0, 1, 2, 3]
