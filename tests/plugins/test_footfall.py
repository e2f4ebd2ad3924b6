"""The built-in footfall overlay on real hourly pedestrian counts (Auckland, 21 counters,
2019–2025, wide format, local times): slots, week-on-week change, columns that follow the
timeline."""

from datetime import datetime, timezone

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from plugins.footfall.counts import read_counts
from plugins.footfall.layer import FootfallLayer
from plugins.footfall.layer import change_colors
from twin.core.errors import DataError
from twin.io.loading import apply_results, load_scene_data
from twin.core.plugins import plugins
from twin.core.scene import Scene

AKL = "sensors/footfall_auckland"


@pytest.fixture(scope="module")
def matrix(shared_dir):
    return read_counts(shared_dir / AKL / "hourly_counts.csv", "Pacific/Auckland")


@pytest.fixture(scope="module")
def shared_dir():
    from tests.conftest import SHARED
    if not SHARED.is_dir():
        pytest.skip(f"real test data not found at {SHARED}")
    return SHARED


def test_wide_hourly_counts_become_a_slot_matrix(matrix):
    assert len(matrix.zones) == 21 and matrix.counts.shape == (len(matrix.slots), 21)
    assert matrix.slot == np.timedelta64(1, "h")
    assert np.all(np.diff(matrix.slots.astype("int64")) > 0)
    # the file's first row: 2019-01-01 06:00 in Auckland (NZDT, UTC+13) = 2018-12-31 17:00 UTC
    i = matrix.index_at(np.datetime64("2018-12-31T17:00"))
    assert matrix.slots[i] == np.datetime64("2018-12-31T17:00")
    assert matrix.counts[i, list(matrix.zones).index("107 Quay Street")] == 94.0
    assert np.isnan(matrix.counts).any()          # missing cells stay missing, not zero
    i = matrix.index_at(np.datetime64("2023-03-15T01:30"))
    assert matrix.slots[i] == np.datetime64("2023-03-15T01:00") and matrix.before(i, np.timedelta64(7, "D")) is not None


def test_the_overlay_is_built_in_and_follows_the_timeline(shared_dir, tmp_path):
    assert plugins().record("builtin-footfall").contributions.summary() == {"layer_kinds": ["footfall"]}
    locations = pd.read_csv(shared_dir / AKL / "locations.csv")
    zones = gpd.GeoDataFrame({"zone": locations["Address"]},
                             geometry=gpd.points_from_xy(locations["Longitude"], locations["Latitude"]),
                             crs="EPSG:4326")
    zones.to_file(tmp_path / "counters.geojson", driver="GeoJSON")
    scene = Scene(crs="EPSG:2193")                 # New Zealand Transverse Mercator
    layer = scene.add_layer(FootfallLayer("Passants", source=tmp_path / "counters.geojson",
                                          counts=str(shared_dir / AKL / "hourly_counts.csv"),
                                          timezone="Pacific/Auckland"))
    [result] = load_scene_data(scene)
    assert result.error is None, result.error
    apply_results([result])
    data = layer.data
    assert (data.column >= 0).sum() >= 19         # the counters named in both files
    noon = datetime(2023, 3, 15, 0, 30, tzinfo=timezone.utc)     # 13:30 in Auckland, a Wednesday
    night = datetime(2023, 3, 15, 14, 30, tzinfo=timezone.utc)   # 03:30
    day, change = data.at(noon)
    quiet, _ = data.at(night)
    assert np.nansum(day) > 5 * np.nansum(quiet)
    assert np.isfinite(change).sum() >= 10 and np.nanmax(np.abs(change)) < 5
    small = np.nanmin(quiet)
    public, _ = data.at(night, minimum=small + 1)          # the public-mode rule
    assert np.isnan(public[quiet == small]).all() and np.isfinite(public).sum() < np.isfinite(quiet).sum()
    # pick chart: the zone's week of counts beside the week before, shifted onto it
    row = int(np.flatnonzero(data.column >= 0)[0])
    chart = layer.history_of(row, noon, public=False)
    now, week = chart.traces[1], chart.traces[0]
    assert week.label == "a week before" and len(now.times) == 7 * 24 + 1 and now.times[-1] == np.datetime64("2023-03-15T00:00")
    assert np.array_equal(week.times, now.times)
    at = data.matrix.index_at(np.datetime64("2023-03-08T00:30"))
    assert week.values[-1] == data.matrix.counts[at, data.column[row]]
    layer.compare = "P364D"                                     # same weekday, a year before
    assert layer.legend(False).title == "Passants: vs a year before"
    assert np.isfinite(data.at(noon, compare="P364D")[1]).sum() >= 10
    layer.compare = "P7D"

    from twin._vtk.mirror import SceneMirror
    from twin._vtk.offscreen import make_plotter
    from twin.core.camera import View
    b = scene.bounds()
    centre = ((b[0] + b[3]) / 2, (b[1] + b[4]) / 2)
    plotter = make_plotter((800, 600))
    mirror = SceneMirror(scene, plotter)
    try:
        mirror.apply_view(View(position=(centre[0], centre[1] - 1300, 700), focal_point=(*centre, 20)))
        def image(when):
            scene.timeline.set_current(when)
            plotter.render()
            return plotter.screenshot(return_img=True).astype(int)

        empty = image(datetime(2000, 1, 1, tzinfo=timezone.utc))    # before any count: no column
        def covered(when):
            """Pixels the columns cover (the legend is there at every instant)."""
            return int((np.abs(image(when) - empty).max(axis=2) > 20).sum())
        busy, calm = covered(noon), covered(night)
        assert busy > 400 and busy > 3 * calm             # busy noon: tall columns
        assert mirror.legends.shown[0].title.endswith("vs a week before")
        layer.visible = False
        plotter.render()
        hidden = plotter.screenshot(return_img=True).astype(int)
        assert mirror.legends.shown == []
        corner = np.abs(hidden - empty)[-60:, -150:].max(axis=2) > 8    # the legend box went away
        assert corner.mean() > 0.5
    finally:
        mirror.close()
        plotter.close()


def test_change_colours():
    rgb = change_colors(np.array([-0.6, 0.0, 0.6, np.nan]))
    assert tuple(rgb[0]) == (0xc6, 0x28, 0x28) and tuple(rgb[1]) == (0x9e, 0x9e, 0x9e)
    assert tuple(rgb[2]) == (0x2e, 0x7d, 0x32) and tuple(rgb[3]) == (0x78, 0x90, 0x9c)


def test_bad_count_tables(tmp_path):
    odd = tmp_path / "odd.csv"
    odd.write_text("a,b\n1,2\n")
    with pytest.raises(DataError, match="neither a long table"):
        read_counts(odd)
    naive = tmp_path / "naive.csv"
    naive.write_text("zone,time,count\nz1,2026-06-21 10:00,5\n")
    with pytest.raises(DataError, match="without a UTC offset"):
        read_counts(naive)
    m = read_counts(naive, "Europe/Paris")
    assert str(m.slots[0]) == "2026-06-21T08:00:00.000000" and m.counts[0, 0] == 5


def test_long_counts_from_parquet_keep_their_datetimes(tmp_path):
    """Parquet keeps times as datetimes: read as such (no text round trip); a zone and
    slot given twice add up, a cell never given stays unknown, local times need a zone."""
    slots = pd.date_range("2026-06-01T08:00", periods=3, freq="2h", tz="Europe/Paris")
    table = pd.DataFrame({"zone": ["a", "b", "a", "a", "b"],
                          "time": [slots[0], slots[0], slots[1], slots[1], slots[2]],
                          "count": [10, 4, 3, 2, 7]})
    table.to_parquet(tmp_path / "aware.parquet")
    m = read_counts(tmp_path / "aware.parquet")
    assert m.zones.tolist() == ["a", "b"] and m.slot == np.timedelta64(2, "h")
    assert str(m.slots[0]) == "2026-06-01T06:00:00.000000"             # 08:00 in Paris, in UTC
    assert m.counts[:, 0].tolist()[:2] == [10, 5] and np.isnan(m.counts[2, 0])
    assert m.counts[:, 1][[0, 2]].tolist() == [4, 7] and np.isnan(m.counts[1, 1])
    table.assign(time=table["time"].dt.tz_localize(None)).to_parquet(tmp_path / "naive.parquet")
    with pytest.raises(DataError, match="without a UTC offset.*timezone = \"Europe/Paris\" on the layer"):
        read_counts(tmp_path / "naive.parquet")
    assert np.array_equal(read_counts(tmp_path / "naive.parquet", "Europe/Paris").slots, m.slots)


def test_street_segments_are_coloured_by_count_and_picked(tmp_path):
    """Counts per street segment (lines): drawn on the ground, coloured by the slot's count,
    picked near the line; the legend reads the colours."""
    import shapely

    from plugins.footfall.layer import RAMP, count_colors
    from twin._vtk.mirror import SceneMirror
    from twin._vtk.offscreen import make_plotter
    from twin.core.camera import View
    from twin.core.scene import Scene
    streets = gpd.GeoDataFrame(
        {"zone": ["rue-a", "rue-b", "rue-c"]},
        geometry=[shapely.LineString([(684000, 7021500), (684200, 7021500)]),
                  shapely.MultiLineString([[(684000, 7021560), (684100, 7021560)],
                                           [(684100, 7021560), (684200, 7021600)]]),
                  shapely.LineString([(684000, 7021440), (684200, 7021440)])], crs="EPSG:2154")
    streets.to_file(tmp_path / "rues.gpkg", driver="GPKG")
    slots = pd.date_range("2026-06-01T00:00Z", periods=24 * 8, freq="h")
    rows = [{"zone": z, "time": t.isoformat(), "count": c} for t in slots
            for z, c in (("rue-a", 400), ("rue-b", 100 if t.hour == 12 else 20), ("rue-c", 5))]
    pd.DataFrame(rows).to_csv(tmp_path / "passages.csv", index=False)
    scene = Scene(crs="EPSG:2154")
    layer = scene.add_layer(FootfallLayer("Rues", source=tmp_path / "rues.gpkg", counts="passages.csv"))
    scene.path = tmp_path / "scene.toml"
    [result] = load_scene_data(scene)
    assert result.error is None, result.error
    apply_results([result])
    seg = layer.data.segments
    assert seg.rows.tolist() == [0, 1, 1, 2]                  # the multi-line is two polylines of rue-b
    assert len(seg.points) > 4 * 2 * 10                        # densified every 5 m to follow the ground
    legend = layer.legend(False)
    assert legend.title == "Rues: count per slot" and legend.entries[-1][1] == "not counted"
    busy = layer.data.matrix.busy
    assert tuple(count_colors(np.array([busy * 2]), busy)[0]) == tuple(RAMP[-1].astype(np.uint8))

    plotter = make_plotter((640, 480))
    mirror = SceneMirror(scene, plotter)
    try:
        scene.timeline.set_current("2026-06-07T12:30:00Z")
        mirror.apply_view(View(position=(684100, 7021300, 400), focal_point=(684100, 7021520, 0)))
        plotter.render()
        img = plotter.screenshot(return_img=True).astype(int)
        dark = (np.abs(img - RAMP[-1]).max(axis=2) < 40).sum()           # rue-a: the busiest
        assert dark > 300
        w, h = plotter.window_size
        coord = __import__("vtk").vtkCoordinate()
        coord.SetCoordinateSystemToWorld()
        middle = seg.points[seg.point_rows == 2].mean(axis=0)             # rue-c's middle
        coord.SetValue(*map(float, middle))
        x, y = coord.GetComputedDisplayValue(plotter.renderer)
        picked = mirror.pick(x + 3, y)
        assert picked.layer is layer and picked.feature == 2 and picked.attributes["zone"] == "rue-c"
        chart = layer.history_of(2, scene.timeline.current, public=False)
        assert set(chart.traces[1].values[np.isfinite(chart.traces[1].values)]) == {5.0}
    finally:
        mirror.close()
        plotter.close()
