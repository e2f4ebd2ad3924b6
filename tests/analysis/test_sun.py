"""Sun position against NREL SPA references, grid north, and the `twin sun` command."""

import datetime as dt
import json
import math

import numpy as np
import pandas as pd
import pvlib
import pytest

from twin.cli.main import main
from twin.core.crs import transform_xy
from twin.core.errors import TwinError
from twin.core.scene import Scene
from twin.analysis.sun import ARRAS, PARIS, Site, day_times, meridian_convergence, site_of, sun_position, sun_vector

GOLDEN = Site(39.742476, -105.1786, 1830.14)     # the worked example of Reda & Andreas (2003)
MST = dt.timezone(dt.timedelta(hours=-7))


def test_reda_andreas_worked_example():
    # NREL/TP-560-34302, table A5.1: topocentric zenith 50.11162° (refraction included),
    # azimuth 194.34024°; the paper's 820 mbar / 11 °C against our standard atmosphere at
    # 1830 m shifts refraction by ~0.0002°
    pos = sun_position(dt.datetime(2003, 10, 17, 12, 30, 30, tzinfo=MST), GOLDEN)
    assert pos.azimuth.shape == (1,)
    assert pos.azimuth[0] == pytest.approx(194.34024, abs=1e-3)
    assert pos.elevation[0] == pytest.approx(90 - 50.11162, abs=1e-3)


def test_reda_andreas_sunrise_sunset():
    rise, transit, set_ = day_times(dt.date(2003, 10, 17), GOLDEN, tz=MST)
    # the paper: sunrise 06:12:43, transit 11:46:04, sunset 17:20:19 local time
    for got, (h, m, s) in ((rise, (6, 12, 43)), (transit, (11, 46, 4)), (set_, (17, 20, 19))):
        expected = dt.datetime(2003, 10, 17, h, m, s, tzinfo=MST)
        assert abs((got - expected).total_seconds()) < 60
        assert got.utcoffset() == dt.timedelta(0)


@pytest.mark.parametrize("when", [
    dt.datetime(2026, 3, 21, 9, 0, tzinfo=PARIS), dt.datetime(2026, 6, 21, 14, 30, tzinfo=PARIS),
    dt.datetime(2026, 12, 21, 12, 0, tzinfo=PARIS), dt.datetime(2026, 1, 15, 16, 45, tzinfo=PARIS),
    dt.datetime(2026, 7, 15, 7, 15, tzinfo=PARIS)])
def test_matches_pvlib_spa_at_arras(when):
    ref = pvlib.solarposition.spa_python(pd.DatetimeIndex([when]), ARRAS.lat, ARRAS.lon, altitude=ARRAS.altitude)
    pos = sun_position(when, ARRAS)
    assert abs(pos.azimuth[0] - ref["azimuth"].iloc[0]) < 0.01
    assert abs(pos.elevation[0] - ref["apparent_elevation"].iloc[0]) < 0.01


def test_winter_and_summer_time_read_as_utc():
    # noon in Paris is 11:00 UTC in winter and 10:00 UTC in summer
    winter = sun_position(dt.datetime(2026, 1, 15, 12, tzinfo=PARIS))
    summer = sun_position(dt.datetime(2026, 7, 15, 12, tzinfo=PARIS))
    utc = sun_position(np.array(["2026-01-15T11:00", "2026-07-15T10:00"], dtype="datetime64[s]"))
    np.testing.assert_allclose(utc.azimuth, [winter.azimuth[0], summer.azimuth[0]], atol=1e-9)
    np.testing.assert_allclose(utc.elevation, [winter.elevation[0], summer.elevation[0]], atol=1e-9)
    # a list of instants gives one position each, in order
    both = sun_position([dt.datetime(2026, 1, 15, 11, tzinfo=dt.timezone.utc),
                         dt.datetime(2026, 7, 15, 12, tzinfo=PARIS)])
    np.testing.assert_allclose(both.azimuth, utc.azimuth, atol=1e-9)
    one = sun_position(np.datetime64("2026-01-15T11:00"))
    assert one.azimuth.shape == (1,) and one.azimuth[0] == pytest.approx(winter.azimuth[0], abs=1e-9)


@pytest.mark.parametrize("date", [dt.date(2026, 3, 21), dt.date(2026, 6, 21), dt.date(2026, 12, 21)])
def test_sunrise_and_sunset_at_arras(date):
    rise, transit, set_ = day_times(date, ARRAS)
    assert rise.astimezone(PARIS).date() == date == set_.astimezone(PARIS).date()
    assert rise < transit < set_
    # at sunrise and sunset the sun's centre is 0.8333° under the geometric horizon
    # (refraction + half its disc); the sun moves ~0.15°/min there, so 0.15° = one minute
    geo = pvlib.solarposition.get_solarposition(pd.DatetimeIndex([rise, set_]), ARRAS.lat, ARRAS.lon,
                                                altitude=ARRAS.altitude)["elevation"]
    np.testing.assert_allclose(geo, -0.8333, atol=0.15)
    # the transit is the highest point of the day
    around = sun_position([transit + dt.timedelta(minutes=m) for m in (-20, 0, 20)], ARRAS).elevation
    assert around[1] > around[0] and around[1] > around[2]


def test_summer_day_is_longer_and_polar_cases_have_no_sunrise():
    length = {d: (lambda r: r[2] - r[0])(day_times(dt.date(2026, m, 21), ARRAS)) for d, m in (("jun", 6), ("dec", 12))}
    assert length["jun"] > dt.timedelta(hours=16) > dt.timedelta(hours=8.5) > length["dec"]
    svalbard = Site(78.2, 15.6)
    rise, transit, set_ = day_times(dt.date(2026, 6, 21), svalbard)
    assert rise is None and set_ is None and transit is not None
    assert sun_position(transit, svalbard).elevation[0] > 30


def test_bad_inputs_are_refused():
    with pytest.raises(TwinError, match="no time zone"):
        sun_position(dt.datetime(2026, 6, 21, 12), ARRAS)
    with pytest.raises(TwinError, match="latitude"):
        Site(91.0, 2.0)
    with pytest.raises(TwinError, match="longitude"):
        Site(50.0, 200.0)
    assert sun_position([], ARRAS).azimuth.shape == (0,)


@pytest.mark.parametrize("site", [ARRAS, Site(48.58, 7.75), Site(43.3, -1.5)])   # Arras, Strasbourg, Bayonne
def test_sun_vector_points_along_grid_bearing_of_true_north(site):
    # the grid bearing of true north, measured by projecting two points on a meridian
    x, y = transform_xy([site.lon, site.lon], [site.lat, site.lat + 0.001], "EPSG:4326", "EPSG:2154")
    bearing = math.degrees(math.atan2(x[1] - x[0], y[1] - y[0]))
    assert abs(bearing) == pytest.approx(abs(meridian_convergence(site)), abs=1e-4)
    for azimuth in (0.0, 90.0, 200.0):
        pos = sun_position(dt.datetime(2026, 6, 21, 12, tzinfo=PARIS), site)
        pos.azimuth, pos.elevation = np.array([azimuth]), np.array([30.0])
        v = sun_vector(pos, site)[0]
        assert np.linalg.norm(v) == pytest.approx(1.0)
        assert v[2] == pytest.approx(math.sin(math.radians(30)))
        grid_azimuth = math.degrees(math.atan2(v[0], v[1])) % 360
        assert grid_azimuth == pytest.approx((azimuth + bearing) % 360, abs=1e-4)


def test_site_of_a_scene():
    assert site_of(None) == ARRAS and site_of(Scene()) == ARRAS
    site = site_of(Scene(origin=(684100.0, 7021500.0, 65.0)))
    assert site.lat == pytest.approx(50.291, abs=0.002) and site.lon == pytest.approx(2.777, abs=0.002)
    assert site.altitude == 65.0


def test_cli_sun_json(capsys):
    assert main(["sun", "--at", "2026-06-21T14:00", "--json"]) == 0    # Paris time: 12:00 UTC
    out = json.loads(capsys.readouterr().out)
    assert out["time_utc"] == "2026-06-21T12:00:00+00:00"
    ref = sun_position(dt.datetime(2026, 6, 21, 12, tzinfo=dt.timezone.utc), ARRAS)
    assert out["azimuth"] == pytest.approx(ref.azimuth[0], abs=1e-3)
    assert out["elevation"] == pytest.approx(ref.elevation[0], abs=1e-3)
    rise, _, set_ = day_times(dt.date(2026, 6, 21), ARRAS)
    assert abs(dt.datetime.fromisoformat(out["sunrise"]) - rise) < dt.timedelta(seconds=1)
    assert out["day_length_h"] == pytest.approx((set_ - rise).total_seconds() / 3600, abs=1e-3)

    assert main(["sun", "--at", "2026-12-21T12:00Z", "--lat", "43.3", "--lon", "-1.5", "--json"]) == 0
    south = json.loads(capsys.readouterr().out)
    ref = sun_position(dt.datetime(2026, 12, 21, 12, tzinfo=dt.timezone.utc), Site(43.3, -1.5))
    assert south["lat"] == 43.3 and south["elevation"] == pytest.approx(ref.elevation[0], abs=1e-3)
    assert south["time_local"] == "2026-12-21T13:00:00+01:00"


def test_cli_sun_text_and_errors(capsys):
    assert main(["sun", "--at", "2026-03-21T12:00"]) == 0
    text = capsys.readouterr().out
    assert "azimuth" in text and "sunrise" in text and "Europe/Paris" in text
    assert main(["sun", "--at", "tomorrow"]) == 2
    assert "not an ISO time" in capsys.readouterr().err
    assert main(["sun", "--at", "2026-03-21T12:00", "--lat", "95", "--lon", "2"]) == 2
    assert "latitude" in capsys.readouterr().err
    assert main(["sun", "--at", "2026-03-21T12:00", "--lat", "50"]) == 2
