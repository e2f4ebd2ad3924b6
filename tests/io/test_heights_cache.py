"""LiDAR heights measured once and taken from the cache after: the same answer, and
measured again when an input changes or the cache entry is damaged."""

from __future__ import annotations

import os
import shutil

import numpy as np
import pytest

import twin.io.heights_cache as hc
from twin.core.feedback import Feedback
from twin.io.lidar_heights import measure_heights

from tests.io import test_lidar_heights as lh
from tests.io.test_lidar_heights import FOOTPRINTS, GROUND_Z


@pytest.fixture(scope="module")
def survey_file(tmp_path_factory):
    """Ground, and roofs over four of the footprints, as test_lidar_heights makes them."""
    rng = np.random.default_rng(11)
    parts = [lh._cover(rng, lh.box(-10, -10, 200, 60), GROUND_Z, cls=2)]
    parts += [lh._cover(rng, geom, GROUND_Z + lh.TRUE[name])
              for geom, name in ((lh.SMALL, "small"), (lh.TOWER, "tower"), (lh.COURT, "court"), (lh.MULTI, "multi"))]
    return lh.write_las(tmp_path_factory.mktemp("lidar") / "survey.laz", *lh._survey(parts))


@pytest.fixture
def counted(monkeypatch, tmp_path):
    """The cache in a folder of its own, and how many times the LiDAR was really read."""
    monkeypatch.setenv("TWIN_CACHE_DIR", str(tmp_path / "cache"))
    calls = []

    def measuring(*args, **kwargs):
        calls.append(1)
        return measure_heights(*args, **kwargs)
    monkeypatch.setattr(hc, "measure_heights", measuring)
    return calls


def _same(a, b):
    for name in a.__dataclass_fields__:
        x, y = getattr(a, name), getattr(b, name)
        if x.dtype == object:
            assert x.tolist() == y.tolist(), name
        else:
            np.testing.assert_array_equal(x, y, err_msg=name)


def test_second_measure_comes_from_the_cache(survey_file, counted):
    ground = np.full(len(FOOTPRINTS), GROUND_Z)
    only = np.array([1, 1, 1, 1, 0, 1], bool)
    first = hc.measure_heights_cached(FOOTPRINTS, survey_file, "EPSG:2154", ground, only=only)
    again = hc.measure_heights_cached(FOOTPRINTS, survey_file, "EPSG:2154", ground, only=only)
    assert len(counted) == 1
    _same(first, again)
    assert again.confidence[0] == "high" and np.isfinite(again.height[0])
    _same(again, measure_heights(FOOTPRINTS, survey_file, "EPSG:2154", ground, only=only))


def test_a_changed_input_is_measured_again(survey_file, counted, tmp_path):
    ground = np.full(len(FOOTPRINTS), GROUND_Z)
    hc.measure_heights_cached(FOOTPRINTS, survey_file, "EPSG:2154", ground)
    hc.measure_heights_cached(FOOTPRINTS, survey_file, "EPSG:2154", ground + 1.0)            # the ground
    hc.measure_heights_cached(FOOTPRINTS[:5], survey_file, "EPSG:2154", ground[:5])          # the footprints
    hc.measure_heights_cached(FOOTPRINTS, survey_file, "EPSG:2154", ground, only=np.arange(6) < 3)
    copy = shutil.copy(survey_file, tmp_path / "survey.laz")
    hc.measure_heights_cached(FOOTPRINTS, copy, "EPSG:2154", ground)                         # another file
    os.utime(copy, ns=(0, 10 ** 18))
    hc.measure_heights_cached(FOOTPRINTS, copy, "EPSG:2154", ground)                         # the file changed
    assert len(counted) == 6


def test_a_damaged_entry_is_measured_again_and_replaced(survey_file, counted):
    ground = np.full(len(FOOTPRINTS), GROUND_Z)
    first = hc.measure_heights_cached(FOOTPRINTS, survey_file, "EPSG:2154", ground)
    [entry] = list(hc.heights_dir().glob("*.npz"))
    entry.write_bytes(entry.read_bytes()[:100])
    again = hc.measure_heights_cached(FOOTPRINTS, survey_file, "EPSG:2154", ground)
    assert len(counted) == 2
    _same(first, again)
    assert not list(hc.heights_dir().glob(".*partial*"))
    hc.measure_heights_cached(FOOTPRINTS, survey_file, "EPSG:2154", ground)
    assert len(counted) == 2


def test_warnings_come_back_with_the_cached_answer(survey_file, counted, tmp_path):
    bad = tmp_path / "tiles"
    bad.mkdir()
    shutil.copy(survey_file, bad / "a.laz")
    (bad / "b.laz").write_bytes(b"LASF" + b"\0" * 50)
    ground = np.full(len(FOOTPRINTS), GROUND_Z)
    for _ in range(2):
        notes = []
        hc.measure_heights_cached(FOOTPRINTS, bad, "EPSG:2154", ground, feedback=Feedback(on_warning=notes.append))
        assert any("b.laz" in n and "skipped" in n for n in notes), notes
    assert len(counted) == 1
