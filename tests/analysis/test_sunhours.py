"""Sun hours on a grid: bare ground gets the day length, walls take sun away, and
the sweep agrees with the analytic shadow polygons."""

import datetime as dt

import numpy as np
import pytest
import rasterio
import shapely
from rasterio.transform import from_origin

from twin.cli.main import main
from twin.core.data import RasterGrid
from twin.core.errors import Canceled, TwinError
from twin.core.feedback import Feedback
from twin.analysis.shadows import shadow_polygons
from twin.analysis.sun import ARRAS, PARIS, day_times, sun_position, sun_vector
from twin.analysis.sunhours import (compare, lit, per_zone, public_space, sun_hours, surface_grid,
                           write_geotiff)

DAYS = [dt.date(2026, 3, 21), dt.date(2026, 6, 21), dt.date(2026, 12, 21)]
BOUNDS = (684000.0, 7021000.0, 684200.0, 7021200.0)
WALL = shapely.box(684050.0, 7021100.0, 684150.0, 7021101.0)   # east-west, 100 m long


def _cell(surface, x, y):
    col, row = ~surface.dsm.transform @ (x, y)
    return int(row), int(col)


def _day_hours(date):
    rise, _, set_ = day_times(date, ARRAS)
    return (set_ - rise).total_seconds() / 3600


@pytest.mark.parametrize("date", DAYS)
def test_bare_ground_gets_the_day_length(date):
    bare = surface_grid(BOUNDS, 4.0, [], [], [], ground=70.0)
    hours = sun_hours(bare, date, ARRAS)
    assert hours.hours.dtype == np.float32 and hours.hours.shape == (50, 50)
    assert abs(hours.day_length_h - _day_hours(date)) < 1 / 3600
    np.testing.assert_allclose(hours.hours, _day_hours(date), atol=1 / 60)   # within a minute


@pytest.mark.parametrize("step", [15, 7, 60])
def test_wall_takes_winter_sun_north_of_it(step):
    surface = surface_grid(BOUNDS, 1.0, [WALL], [70.0], [20.0], ground=70.0)
    north, south = _cell(surface, 684100.5, 7021106.5), _cell(surface, 684100.5, 7021094.5)
    dec = sun_hours(surface, DAYS[2], ARRAS, step_minutes=step).hours
    assert dec[north] == 0.0                                # 20 m wall, noon shadow ~70 m
    assert dec[south] == pytest.approx(_day_hours(DAYS[2]), abs=1 / 60)
    assert np.isnan(dec[_cell(surface, 684100.5, 7021100.5)])   # inside the wall
    jun = sun_hours(surface, DAYS[1], ARRAS, step_minutes=step).hours
    # in June the sun rises and sets north of east: the north side gets mornings and evenings
    assert 2 < jun[north] < _day_hours(DAYS[1]) - 6
    assert jun[south] < _day_hours(DAYS[1])                   # and the south side loses those
    far = jun[_cell(surface, 684100.5, 7021190.5)]
    assert jun[north] < far <= _day_hours(DAYS[1]) + 1e-4


@pytest.mark.parametrize("when", [dt.datetime(2026, 3, 21, 10, tzinfo=PARIS),
                                  dt.datetime(2026, 6, 21, 18, 30, tzinfo=PARIS),
                                  dt.datetime(2026, 12, 21, 14, tzinfo=PARIS)])
def test_sweep_agrees_with_shadow_polygons(when):
    rng = np.random.default_rng(3)
    x, y = rng.uniform(684020, 684160, 12), rng.uniform(7021020, 7021160, 12)
    feet = shapely.box(x, y, x + rng.uniform(4, 15, 12), y + rng.uniform(4, 15, 12))
    heights = rng.uniform(5, 25, 12)
    res = 0.5
    surface = surface_grid(BOUNDS, res, feet, np.full(12, 70.0), heights, ground=70.0)
    sun = sun_vector(sun_position(when, ARRAS), ARRAS)[0]
    shade = shapely.union_all(shadow_polygons(feet, heights, sun))
    xs, ys = surface.dsm.cell_centres()
    X, Y = np.meshgrid(xs, ys)
    in_shadow = shapely.contains_xy(shade, X, Y)
    sunny = lit(surface, sun, height_above_ground=0.0)
    open_cells = surface.building < 0
    wrong = open_cells & (sunny == in_shadow)
    assert in_shadow[open_cells].sum() > 1000
    # they differ only on the shadow's edge: half a cell of rasterising the footprints, and a ray
    # grazing a building's corner on its one-cell-per-column line may slip past it (half a cell)
    # — together about a cell, counted across the edge's slant
    near_edge = shapely.dwithin(shapely.boundary(shade), shapely.points(X[wrong], Y[wrong]), 1.5 * res)
    assert near_edge.all()
    assert wrong.sum() < 0.35 * shade.length / res


def test_terrain_from_a_dtm_and_overlaps():
    # a DTM rising 1 m per 10 m northward, 2 m cells, a bit smaller than the grid
    h, w = 90, 90
    dtm = RasterGrid((60 + np.arange(h)[::-1, None] * 0.2 + np.zeros((1, w))).astype(np.float32),
                     from_origin(684010.0, 7021190.0, 2.0, 2.0), "EPSG:2154")
    low, high = shapely.box(684090, 7021090, 684110, 7021110), shapely.box(684100, 7021100, 684105, 7021105)
    surface = surface_grid(BOUNDS, 1.0, [high, low], [75.0, 75.0], [30.0, 8.0], ground=dtm)
    r, c = _cell(surface, 684020.5, 7021020.5)
    assert surface.ground[r, c] == pytest.approx(60 + 0.2 * (89 - int((7021190 - 7021020.5) / 2)), abs=1e-4)
    assert surface.ground[0, 0] == pytest.approx(np.median(dtm.values))     # off the DTM
    assert surface.dsm.values[_cell(surface, 684102.5, 7021102.5)] == 105.0  # the highest roof wins
    assert surface.building[_cell(surface, 684095.5, 7021095.5)] == 1
    hours = sun_hours(surface, DAYS[0], ARRAS, height_above_ground=1.5)
    assert hours.height_above_ground == 1.5
    assert np.nanmax(hours.hours) <= hours.day_length_h + 1e-4


def test_progress_and_cancel():
    surface = surface_grid(BOUNDS, 4.0, [WALL], [70.0], [20.0])
    seen = []
    result = sun_hours(surface, DAYS[2], ARRAS, feedback=Feedback(on_progress=lambda f, t: seen.append(f)))
    assert len(seen) == result.steps + 1 and seen[-1] == 1.0 and seen == sorted(seen)
    fb = Feedback(on_progress=lambda f, t: fb.cancel() if f > 0.3 else None)
    with pytest.raises(Canceled):
        sun_hours(surface, DAYS[2], ARRAS, feedback=fb)


def test_compare_per_parcel_and_public_space():
    base = sun_hours(surface_grid(BOUNDS, 1.0, [], [], [], ground=70.0), DAYS[2], ARRAS)
    variant = sun_hours(surface_grid(BOUNDS, 1.0, [WALL], [70.0], [20.0], ground=70.0), DAYS[2], ARRAS)
    lost = compare(base, variant)
    assert np.nanmin(lost.values) >= 0 and np.isnan(lost.values).sum() == 100
    north = shapely.box(684060, 7021102, 684140, 7021140)
    south = shapely.box(684060, 7021040, 684140, 7021098)
    table = per_zone(lost, [north, south], ["AB 12", "AB 13"])
    assert list(table["id"]) == ["AB 12", "AB 13"]
    row = table.set_index("id").loc["AB 12"]
    assert row["area_m2"] == 80 * 38
    assert row["max_lost_h"] == pytest.approx(base.day_length_h, abs=1e-3)
    assert 0 < row["mean_lost_h"] < row["max_lost_h"]
    assert row["affected_m2"] > 0.5 * row["area_m2"]
    assert row["lost_h_m2"] == pytest.approx(row["mean_lost_h"] * row["area_m2"])
    assert table.set_index("id").loc["AB 13", "lost_h_m2"] == 0
    public = public_space(lost, [north, south])
    outside = np.isfinite(lost.values)
    xs, ys = np.meshgrid(*lost.cell_centres())
    outside &= ~(shapely.contains_xy(north, xs, ys) | shapely.contains_xy(south, xs, ys))
    assert public["area_m2"] == outside.sum()
    assert public["lost_h_m2"] == pytest.approx(float(lost.values[outside].sum()), rel=1e-5)
    assert public["lost_h_per_m2"] == pytest.approx(public["lost_h_m2"] / public["area_m2"])
    other = sun_hours(surface_grid((0, 0, 10, 10), 1.0, [], [], []), DAYS[2], ARRAS)
    with pytest.raises(TwinError, match="same cells"):
        compare(base, other)


def test_bad_inputs():
    with pytest.raises(TwinError, match="not negative"):
        surface_grid(BOUNDS, 1.0, [WALL], [70.0], [-3.0])
    with pytest.raises(TwinError, match="one base level"):
        surface_grid(BOUNDS, 1.0, [WALL], [70.0, 71.0], [3.0])
    with pytest.raises(TwinError, match="empty"):
        surface_grid((10, 0, 0, 10), 1.0, [], [], [])
    with pytest.raises(TwinError, match="resolution"):
        surface_grid(BOUNDS, 0.0, [], [], [])
    with pytest.raises(TwinError, match="too large"):
        surface_grid((0, 0, 100_000, 100_000), 1.0, [], [], [])
    bare = surface_grid(BOUNDS, 10.0, [], [], [])
    with pytest.raises(TwinError, match="step"):
        sun_hours(bare, DAYS[0], ARRAS, step_minutes=0)
    with pytest.raises(TwinError, match="per_zone|zones"):
        per_zone(compare(sun_hours(bare, DAYS[0]), sun_hours(bare, DAYS[0])), [WALL], [])


def test_geotiff_round_trip(tmp_path):
    hours = sun_hours(surface_grid(BOUNDS, 4.0, [WALL], [70.0], [20.0]), DAYS[2], ARRAS)
    path = write_geotiff(hours.grid, tmp_path / "out" / "hours.tif")
    with rasterio.open(path) as f:
        assert f.crs.to_epsg() == 2154 and f.transform == hours.grid.transform
        np.testing.assert_array_equal(f.read(1), hours.hours)
    assert [p.name for p in path.parent.iterdir()] == ["hours.tif"]


def test_cli_sun_hours_on_the_demo(tmp_path, capsys):
    from tests.conftest import DEMO_SCENE
    out = tmp_path / "h.tif"
    assert main(["sun-hours", str(DEMO_SCENE), "--date", "2026-12-21", "--resolution", "2",
                 "--bbox", "684000", "7021400", "684200", "7021600", "--out", str(out)]) == 0
    assert "100×100 cells" in capsys.readouterr().out
    with rasterio.open(out) as f:
        values = f.read(1)
        assert f.crs.to_epsg() == 2154 and f.bounds == (684000, 7021400, 684200, 7021600)
    assert 0.1 < np.isnan(values).mean() < 0.9            # buildings
    assert np.nanmin(values) == 0 and np.nanmax(values) <= _day_hours(DAYS[2]) + 1e-3
    with pytest.raises(SystemExit):
        main(["sun-hours", str(DEMO_SCENE), "--date", "21/12/2026", "--out", str(out)])
    assert "2026-06-21" in capsys.readouterr().err


def test_cli_sun_lost_to_a_variant(tmp_path, capsys):
    from tests.conftest import DEMO_SCENE
    hours, loss = tmp_path / "b.tif", tmp_path / "loss.tif"
    args = ["sun-hours", str(DEMO_SCENE), "--date", "2026-12-21", "--resolution", "2",
            "--bbox", "684040", "7021520", "684240", "7021720", "--out", str(hours)]
    assert main(args + ["--loss", str(loss)]) == 2
    assert "--loss needs --project" in capsys.readouterr().err
    # the demo's 7-storey block on parcel KL 4 (684134–684150, 7021606–7021625)
    assert main(args + ["--project", "Îlot Saint-Géry", "--variant", "B — R+6", "--loss", str(loss)]) == 0
    assert "h·m² of direct sun lost" in capsys.readouterr().out
    with rasterio.open(loss) as f:
        lost, t = f.read(1), f.transform
    col = int((684142 - t.c) / t.a)
    north = lost[int((7021660 - t.f) / t.e), col]     # 35 m north: in its December shadow
    south = lost[int((7021580 - t.f) / t.e), col]     # 26 m south: never
    assert north > 0.5 and south == 0
    assert np.nanmin(lost) > -1e-3     # taller, on the old house's ground: shades all the house did
