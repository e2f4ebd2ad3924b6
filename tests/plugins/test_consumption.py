"""The built-in consumption overlay: mixed-step meter series aggregated exactly, real
hourly electricity (Cambridge), a choropleth on LoD1 blocks, and the public-mode rule."""

from datetime import datetime, timedelta, timezone

import numpy as np
import pandas as pd
import pytest

from plugins.consumption.series import read_series
from plugins.consumption.layer import classes
from tests.conftest import DEMO_SCENE, ROOT
from twin.core.errors import DataError
from twin.io.loading import apply_results, load_scene_data
from twin.io.scene_file import load_scene

UTC = timezone.utc


def test_mixed_steps_in_any_order_sum_to_the_exact_energy(tmp_path):
    # one day of a steady 1 000 W, told in 10, 30 and 60 minute steps, rows shuffled
    start = datetime(2026, 1, 14, 23, 0, tzinfo=UTC)          # 00:00 on the 15th in Paris
    rows, t = [], start
    for step in [10] * 36 + [30] * 12 + [60] * 12:            # 6 h + 6 h + 12 h
        rows.append({"building": "B1", "meter": "PRM-1", "time": t.isoformat(), "value": 1000.0,
                     "step": f"PT{step}M"})
        t += timedelta(minutes=step)
    frame = pd.DataFrame(rows).sample(frac=1.0, random_state=3)
    path = tmp_path / "enedis.csv"
    frame.to_csv(path, index=False)
    m = read_series(path, "day", power=True)
    assert m.buildings.tolist() == ["B1"] and m.points.tolist() == [1]
    assert str(m.periods[0]) == "2026-01-14T23:00:00.000000"  # the Paris day, in UTC
    assert m.values[0, 0] == pytest.approx(24_000.0)           # Wh
    hourly = read_series(path, "hour", power=True)
    assert len(hourly.periods) == 24 and np.allclose(hourly.values[:, 0], 1000.0)
    monthly = read_series(path, "month", power=True)
    assert str(monthly.periods[0]) == "2025-12-31T23:00:00.000000"   # 1 January, Paris


def test_real_hourly_electricity_by_paris_day(shared, tmp_path):
    raw = pd.read_csv(shared / "sensors/energy_cambridge_estates/UCam_Building_b0/electricity/2019.csv")
    series = pd.DataFrame({"building": "b0", "time": raw["datetime"], "value": raw["equipment load [kWh]"]})
    path = tmp_path / "b0.csv"
    series.to_csv(path, index=False)
    m = read_series(path, "day", timezone="Europe/London")
    utc = pd.to_datetime(raw["datetime"]).dt.tz_localize("Europe/London", ambiguous="NaT",
                                                         nonexistent="NaT").dt.tz_convert("UTC")
    june1 = (utc >= "2019-05-31T22:00Z") & (utc < "2019-06-01T22:00Z")     # Paris day, CEST
    i = m.index_at(np.datetime64("2019-06-01T12:00"))
    assert m.values[i, 0] == pytest.approx(raw["equipment load [kWh]"][june1].sum())
    assert 360 <= len(m.periods) <= 366


@pytest.fixture
def consumption_scene(tmp_path):
    import geopandas as gpd
    bat = gpd.read_file(ROOT / "assets/demo/arras-centre/batiment.gpkg")
    near = bat.geometry.distance(gpd.points_from_xy([684131], [7021537], crs=bat.crs)[0]).sort_values().index[:3]
    ids = bat.loc[near, "cleabs"].tolist()
    bat.loc[near].to_file(tmp_path / "three.gpkg", driver="GPKG")
    rows = []
    for b, meters, kwh in ((ids[0], 12, 5.0), (ids[1], 2, 50.0)):      # ids[2] has no meter
        for k in range(meters):
            for h in range(24):
                rows.append({"building": b, "meter": f"{b}-{k}", "value": kwh,
                             "time": f"2026-06-20T{h:02d}:00:00+02:00"})
    pd.DataFrame(rows).to_csv(tmp_path / "conso.csv", index=False)
    text = DEMO_SCENE.read_text(encoding="utf-8").replace('"../assets/', f'"{ROOT}/assets/')
    text += '''
[[layers]]
name = "Consommation"
kind = "consumption"
source = "three.gpkg"
series = "conso.csv"
building_field = "cleabs"
period = "day"
'''
    path = tmp_path / "scene.toml"
    path.write_text(text, encoding="utf-8")
    return path, ids


def test_choropleth_and_the_public_rule(consumption_scene):
    path, ids = consumption_scene
    scene = load_scene(path)
    layer = scene.layers.find("Consommation")
    results = load_scene_data(scene)
    assert all(r.error is None for r in results), [r.error for r in results]
    apply_results(results)
    when = datetime(2026, 6, 20, 12, tzinfo=UTC)
    order = {b: i for i, b in enumerate(layer.data.table.frame["cleabs"])}
    values = layer.data.at(when, public=False)
    assert values[order[ids[0]]] == pytest.approx(12 * 24 * 5.0)
    assert values[order[ids[1]]] == pytest.approx(2 * 24 * 50.0) and np.isnan(values[order[ids[2]]])
    public = layer.data.at(when, public=True)      # 2 delivery points: not shown to the public
    assert public[order[ids[0]]] == values[order[ids[0]]] and np.isnan(public[order[ids[1]]])
    # pick chart and legend, under the same rule
    chart = layer.history_of(order[ids[0]], when, public=True)
    assert chart.traces[0].style == "bar" and chart.traces[0].values.tolist() == [12 * 24 * 5.0]
    assert layer.history_of(order[ids[1]], when, public=True) is None
    assert layer.history_of(order[ids[1]], when, public=False).traces[0].values.tolist() == [2 * 24 * 50.0]
    legend = layer.legend(public=True)
    assert legend.title == "Consommation (kWh per day)" and len(legend.entries) == 6
    assert legend.entries[-1][1] == "no data or under 10 delivery points"

    from twin._vtk.mirror import SceneMirror
    from twin._vtk.offscreen import make_plotter
    plotter = make_plotter((200, 150))
    mirror = SceneMirror(scene, plotter)
    try:
        scene.timeline.set_current(when)
        visual = mirror.visuals[id(layer)]
        assert np.isfinite(visual.shown).sum() == 2
        scene.public = True                        # kiosk: the visual re-reads what it may show
        assert np.isfinite(visual.shown).sum() == 1
    finally:
        mirror.close()
        plotter.close()


def test_classes_and_bad_series(tmp_path):
    assert classes(np.array([1.0, 5.0, 9.0, np.nan]), np.array([2.0, 4.0, 6.0, 8.0])).tolist() == [0, 2, 4, -1]
    bad = tmp_path / "bad.csv"
    bad.write_text("building,time,value,step\nB,2026-01-01T00:00:00Z,1,half an hour\n")
    with pytest.raises(DataError, match="step 'half an hour' that is not an ISO 8601 duration"):
        read_series(bad, power=True)
    naive = tmp_path / "naive.csv"
    naive.write_text("building,time,value\nB,2026-01-01 00:00,1\n")
    with pytest.raises(DataError, match="without a UTC offset"):
        read_series(naive)
    with pytest.raises(DataError, match="has no column value"):
        (tmp_path / "nv.csv").write_text("building,time\nB,2026-01-01T00:00:00Z\n")
        read_series(tmp_path / "nv.csv")
