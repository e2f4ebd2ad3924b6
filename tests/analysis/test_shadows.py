"""Ground shadows of prisms against geometry worked out by hand."""

import datetime as dt
import math

import numpy as np
import pytest
import shapely

from twin.core.errors import TwinError
from twin.analysis.shadows import shadow_length, shadow_polygons
from twin.analysis.sun import ARRAS, PARIS, sun_position, sun_vector

INSTANTS = [dt.datetime(2026, 3, 21, 10, tzinfo=PARIS), dt.datetime(2026, 6, 21, 19, tzinfo=PARIS),
            dt.datetime(2026, 12, 21, 13, tzinfo=PARIS)]


def _sun(when):
    pos = sun_position(when, ARRAS)
    return pos, sun_vector(pos, ARRAS)[0]


@pytest.mark.parametrize("when", INSTANTS)
def test_box_shadow_length_and_direction(when):
    pos, sun = _sun(when)
    h, side = 12.0, 8.0
    foot = shapely.box(100, 200, 100 + side, 200 + side)
    shadow = shadow_polygons(np.array([foot]), [h], sun)[0]
    expected = h / math.tan(math.radians(pos.elevation[0]))
    away = -sun[:2] / np.hypot(*sun[:2])
    along = lambda g: shapely.get_coordinates(g) @ away   # noqa: E731
    assert along(shadow).max() - along(foot).max() == pytest.approx(expected, rel=0.01)
    # a square swept by d is centrally symmetric about its centre moved by d / 2
    shift = np.subtract(*[shapely.get_coordinates(shapely.centroid(g))[0] for g in (shadow, foot)])
    assert np.hypot(*shift) == pytest.approx(expected / 2, rel=0.01)
    grid_azimuth = math.degrees(math.atan2(shift[0], shift[1])) % 360
    anti_solar = (pos.azimuth[0] + 180) % 360
    assert abs((grid_azimuth - anti_solar + 180) % 360 - 180) < 0.5   # grid vs true north: 0.16°
    d = expected * np.abs(away)
    assert shadow.area == pytest.approx(side * side + side * (d[0] + d[1]), rel=0.01)


def _swept(foot, d, steps=400):
    """The footprint's sweep approximated by many translated copies (independent check)."""
    return shapely.union_all([shapely.affinity.translate(foot, *(t * d)) for t in np.linspace(0, 1, steps)])


def test_non_convex_courtyard_and_multipolygon_match_a_brute_sweep():
    _, sun = _sun(INSTANTS[0])
    ell = shapely.Polygon([(0, 0), (30, 0), (30, 10), (10, 10), (10, 30), (0, 30)])
    court = shapely.box(50, 0, 80, 30).difference(shapely.box(60, 10, 70, 20))
    pair = shapely.MultiPolygon([shapely.box(100, 0, 105, 5), shapely.box(120, 0, 125, 8)])
    heights = np.array([15.0, 3.0, 9.0])
    shadows = shadow_polygons(np.array([ell, court, pair]), heights, sun)
    away = -sun[:2] / np.hypot(*sun[:2])
    length = shadow_length(heights, math.degrees(math.asin(sun[2])))
    for foot, shadow, ln in zip((ell, court, pair), shadows, length):
        brute = _swept(foot, ln * away)
        assert shapely.symmetric_difference(shadow, brute).area < 0.005 * brute.area
    # a 3 m wall around a 10 m courtyard, a March morning: shadows ~6 m long, part of the yard
    assert 0 < shapely.intersection(shadows[1], shapely.box(60, 10, 70, 20)).area < 100


def test_night_and_bad_inputs():
    night = sun_vector(sun_position(dt.datetime(2026, 12, 21, 23, tzinfo=PARIS)))[0]
    assert night[2] < 0
    out = shadow_polygons(np.array([shapely.box(0, 0, 1, 1)]), [5.0], night)
    assert out.shape == (1,) and shapely.is_empty(out[0])
    assert shadow_polygons(np.array([], dtype=object), [], [0.5, 0.5, 0.7]).shape == (0,)
    with pytest.raises(TwinError, match="not negative"):
        shadow_polygons(np.array([shapely.box(0, 0, 1, 1)]), [-1.0], [0, -0.7, 0.7])
    with pytest.raises(TwinError, match="one height per footprint"):
        shadow_polygons(np.array([shapely.box(0, 0, 1, 1)]), [1.0, 2.0], [0, -0.7, 0.7])
    with pytest.raises(TwinError, match="direction"):
        shadow_polygons(np.array([shapely.box(0, 0, 1, 1)]), [1.0], [0, 0, 0])


def test_shadow_length():
    np.testing.assert_allclose(shadow_length([10.0, 10.0], [45.0, 30.0]), [10.0, 10.0 * math.sqrt(3)])
    assert np.all(np.isinf(shadow_length([10.0, 10.0], [0.0, -5.0])))
    with pytest.raises(TwinError):
        shadow_length(-1.0, 30.0)
