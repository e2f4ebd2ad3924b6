"""Measurements on known shapes: a 3-4-5 path, a slope, a square, a building's height."""

import numpy as np
import pytest

from twin.geometry.ground import Ground
from twin.geometry.measure import (ground_length, measure_area, measure_building, measure_distance,
                                   measure_height, path_lengths)


def test_straight_and_level_lengths():
    straight, level, legs = path_lengths([(0, 0, 0), (3, 4, 0), (3, 4, 12)])
    assert (straight, level) == (17.0, 5.0)
    assert legs.tolist() == [5.0, 12.0]


def test_along_the_ground_follows_the_slope_and_the_bumps():
    slope = lambda x, y: 0.5 * x          # noqa: E731  a 50 % slope along x
    assert ground_length([(0, 0, 0), (100, 0, 0)], slope, 1.0) == pytest.approx(100 * np.sqrt(1.25))
    bumps = lambda x, y: np.where((x % 20) < 10, 0.0, 5.0)   # noqa: E731  steps of 5 m every 10 m
    flat = ground_length([(0, 0, 0), (100, 0, 0)], lambda x, y: np.zeros_like(x), 0.5)
    assert flat == pytest.approx(100.0)
    assert ground_length([(0, 0, 0), (100, 0, 0)], bumps, 0.5) > 100.0 + 9 * 4


def test_along_a_real_dtm(shared):
    import rasterio
    from twin.core.data import RasterGrid
    path = shared / "dtm" / "ctview__test_data_0000_0000_LA93_IGN69_ground_DTM_1M_Laplace.tif"
    with rasterio.open(path) as src:
        values = src.read(1).astype("float32")
        values[values == src.nodata] = np.nan
        grid = RasterGrid(values, src.transform, "EPSG:2154", path)
    ground = Ground([grid])
    x0, y0, x1, y1 = grid.bounds
    a, b = (x0 + 5, y0 + 5, 0.0), (x1 - 5, y1 - 5, 0.0)
    m = measure_distance([a, b], ground.sample, step=1.0)
    assert m.values["horizontal"] == pytest.approx(np.hypot(x1 - x0 - 10, y1 - y0 - 10))
    assert m.values["ground"] >= m.values["horizontal"]
    assert m.values["ground"] < m.values["horizontal"] * 1.5


def test_height_area_and_building():
    h = measure_height((0, 0, 60.0), (3, 4, 75.5))
    assert (h.values["height"], h.values["horizontal"]) == (15.5, 5.0)
    square = measure_area([(0, 0, 1), (10, 0, 1), (10, 10, 1), (0, 10, 1)])
    assert (square.values["area"], square.values["perimeter"]) == (100.0, 40.0)
    assert "self_crossing" not in square.values
    bowtie = measure_area([(0, 0, 0), (10, 10, 0), (10, 0, 0), (0, 10, 0)])
    assert bowtie.values["self_crossing"] == 1.0
    b = measure_building((5, 5, 80.0), {"height": 14.5, "ground_z": 62.0}, None)
    assert (b.values["height"], b.values["ground"], b.values["roof"]) == (14.5, 62.0, 76.5)
    bare = measure_building((5, 5, 61.0), {}, lambda x, y: np.full(len(x), 60.5))
    assert bare.values == {"clicked": 61.0, "ground": 60.5}
