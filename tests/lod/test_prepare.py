"""`twin prepare`: LAS/LAZ → COPC, every point kept, in parallel (processes or Dask)."""

import subprocess
import sys
from pathlib import Path

import laspy
import numpy as np
import pytest

from importers.pointcloud import PointCloudImporter
from twin.lod.copc import read_octree
from twin.lod.octree import PIECE, Cube, _compact, assign_levels, morton, priority
from twin.core.errors import Canceled
from twin.lod.prepare import (BYTES_PER_POINT, POOL_POINTS, WORKER_BYTES, _largest_first, output_path,
                               prepare_tile, prepare_tiles)
from twin.io.registry import file_info

TILE = "lidar/ignpdaltools__test_semis_2023_0292_6833_LA93_IGN69.laz"


def test_levels_thin_evenly():
    rng = np.random.default_rng(0)
    xyz = rng.uniform(0, 1000, (200_000, 3))
    xyz[:, 2] *= 0.02
    level = assign_levels(xyz, Cube(np.array([500.0, 500.0, 500.0]), 500.0, depth=2))
    root = xyz[level == 0]
    assert 0 < len(root) < len(xyz) / 4
    # the root level covers the whole tile: every 100 m cell has root points
    cells = np.unique((root[:, :2] // 100).astype(int), axis=0)
    assert len(cells) == 100


def test_each_voxel_keeps_the_first_point_of_the_seeded_order():
    """Thousands of points share each voxel: the one kept is the one of smallest seeded
    rank, not whichever the CPU's sort happens to put first."""
    rng = np.random.default_rng(1)
    voxel = rng.integers(0, 4, (40_000, 3)).astype(float) * 250 + 125   # 64 voxels, 625 points each
    level = assign_levels(voxel, Cube(np.array([500.0, 500.0, 500.0]), 500.0, depth=1), seed=7)
    rank = priority(np.arange(len(voxel)), seed=7)
    first_come = np.argsort(rank)
    _, first = np.unique((voxel[first_come] // 250).astype(int), axis=0, return_index=True)
    assert set(np.flatnonzero(level == 0)) == set(first_come[first])
    assert len(np.unique(rank)) == len(rank)


def test_morton_codes_interleave_the_bits_of_x_y_z():
    """The table lookups, piece by piece, against the definition (bit b of x, y, z at 3b+2,
    3b+1, 3b), on cells up to the deepest tree's (< 2¹⁹) and across several pieces."""
    rng = np.random.default_rng(3)
    fine = rng.integers(0, 2 ** 19, (2 * PIECE + 17, 3))
    fine[:3] = [[0, 0, 0], [2 ** 19 - 1] * 3, [1, 2, 4]]
    expected = np.zeros(len(fine), np.uint64)
    for b in range(19):
        for i in range(3):
            expected |= ((fine[:, i].astype(np.uint64) >> np.uint64(b)) & np.uint64(1)) << np.uint64(3 * b + 2 - i)
    code = morton(fine)
    assert np.array_equal(code, expected) and code[2] == 0b1_010_100   # x: bit 2; y: bit 4; z: bit 6
    assert np.array_equal(np.column_stack([_compact(code >> np.uint64(2 - i)) for i in range(3)]), fine)


def _records(points) -> np.ndarray:
    """Whole point records, sorted, to compare two files' points as multisets."""
    array = np.ascontiguousarray(points.array if hasattr(points, "array") else points)
    return np.sort(array.view(np.dtype((np.void, array.itemsize))))


def test_prepared_tile_is_a_valid_copc_with_every_point_once(tmp_path, shared):
    """Every record of the source exactly once; every node inside its parent, every point
    inside its node's cube, node counts as announced."""
    src = shared / "lidar/ignpdaltools__las_with_several_extra_byte_bloc.laz"   # PF 8 + extra bytes
    res = prepare_tile(src, tmp_path, workers=2)
    assert res.error is None and res.levels >= 3
    tree = read_octree(res.output)
    key = tree.key
    assert (key[:, 0] == 0).sum() == 1 and tree.count.sum() == res.points == laspy.open(src).header.point_count
    packed = {tuple(k) for k in key.tolist()}
    assert all((d - 1, x >> 1, y >> 1, z >> 1) in packed for d, x, y, z in key.tolist() if d > 0)
    reader = laspy.CopcReader.open(str(res.output))
    for level in range(res.levels):
        points = reader.query(level=level)
        xyz = np.column_stack([points.x, points.y, points.z])
        rows = np.flatnonzero(key[:, 0] == level)
        inside = np.zeros(len(xyz), bool)
        for r in rows:   # a few nodes a level
            inside |= np.all((xyz >= tree.lo[r] - 1e-6) & (xyz <= tree.hi[r] + 1e-6), axis=1)
        assert inside.all() and len(points) == tree.count[rows].sum()
    original, prepared = laspy.read(src), reader.query()
    for dim in prepared.point_format.dimension_names:
        assert np.array_equal(np.sort(np.asarray(prepared[dim])), np.sort(np.asarray(original[dim]))), dim


def _shared_memory_left() -> set[str]:
    return {p.name for p in Path("/dev/shm").glob("twin-prepare-*")} if Path("/dev/shm").is_dir() else set()


def test_same_bytes_whatever_the_workers(tmp_path):
    from benchmarks.synthetic import write_tile
    src = write_tile(tmp_path / "tile.laz", 700_000, seed=3)      # 3 levels, 16 blocks
    assert 700_000 >= POOL_POINTS                                 # worker processes, not this one
    before = _shared_memory_left()
    one = prepare_tile(src, tmp_path / "one", workers=1)
    two = prepare_tile(src, tmp_path / "two", workers=2)
    three = prepare_tile(src, tmp_path / "three", workers=3)
    assert one.error is None and two.error is None and three.error is None and one.levels == 3
    assert one.output.read_bytes() == two.output.read_bytes() == three.output.read_bytes()
    pooled = prepare_tiles([src], tmp_path / "pool", workers=2)[0]   # one tile: its own 2 workers
    assert pooled.output.read_bytes() == one.output.read_bytes()
    assert np.array_equal(_records(laspy.CopcReader.open(str(one.output)).query()), _records(laspy.read(src).points))
    assert _shared_memory_left() == before                        # the shared records are gone


def test_cancel_stops_the_workers_and_leaves_nothing(tmp_path):
    from benchmarks.synthetic import write_tile
    src = write_tile(tmp_path / "tile.laz", 600_000, seed=4)
    before = _shared_memory_left()
    with pytest.raises(Canceled):
        prepare_tile(src, tmp_path / "out", workers=2, cancelled=lambda: True)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    assert _shared_memory_left() == before


def test_memory_guard_counts_the_worker_processes(tmp_path):
    from benchmarks.synthetic import write_tile
    src = write_tile(tmp_path / "tile.laz", 600_000, seed=5)
    need = 600_000 * BYTES_PER_POINT
    assert "600,000 points need about" in prepare_tile(src, tmp_path, workers=2, memory=need).error
    assert prepare_tile(src, tmp_path, workers=2, memory=need + 2 * WORKER_BYTES).error is None


def test_memory_guard_refuses_a_tile_it_cannot_hold(tmp_path, shared):
    src = shared / TILE
    res = prepare_tile(src, tmp_path, memory=20_000_000)
    assert res.output is None and "289,055 points need about" in res.error and "GB" in res.error
    assert "--workers" in res.error and src.name in res.error
    assert not list(tmp_path.iterdir())
    assert prepare_tile(src, tmp_path, memory=289_055 * BYTES_PER_POINT).error is None


def test_prepared_tile_keeps_every_point_crs_and_class(tmp_path, shared):
    src = shared / TILE
    res = prepare_tile(src, tmp_path)
    assert res.error is None and res.points == 289055 and res.levels >= 2
    info = file_info(res.output)
    assert info.details["copc"] and info.crs == "EPSG:2154" and info.count == 289055
    assert info.details["classes"] == file_info(src).details["classes"]
    original = laspy.read(src)
    prepared = laspy.CopcReader.open(str(res.output)).query()
    for dim in ("X", "Y", "Z", "intensity", "classification"):
        assert np.array_equal(np.sort(np.asarray(prepared[dim])), np.sort(np.asarray(original[dim])))
    # a first view now reads only the top levels
    first = PointCloudImporter().read(res.output, budget=50_000)
    assert 40_000 < len(first) <= 50_000                       # the budget is a ceiling
    assert prepare_tile(src, tmp_path).note == "up to date"


def test_batch_in_local_processes_reports_a_bad_tile(tmp_path, shared):
    bad = tmp_path / "bad.laz"
    bad.write_bytes((shared / TILE).read_bytes()[:5000])
    results = prepare_tiles([shared / "lidar/pdalign__bat.laz", bad], tmp_path / "out", workers=2)
    good, broken = results
    assert good.error is None and good.output.exists()
    assert broken.output is None and "bad.laz" in broken.error
    assert not list((tmp_path / "out").glob(".*part"))


def test_a_bad_tile_is_reported_in_the_callers_language_from_a_worker(tmp_path, shared):
    """The worker processes start in English: the caller's language is handed on to them."""
    from twin.core.i18n import set_message_language
    bad = tmp_path / "bad.laz"
    bad.write_bytes((shared / TILE).read_bytes()[:5000])
    set_message_language("fr")
    broken, = prepare_tiles([bad], tmp_path / "out", workers=1)
    assert "illisible comme LAS/LAZ" in broken.error and "récupérez-le" in broken.error, broken.error


def test_the_largest_tiles_are_given_out_first_and_an_unreadable_one_last(tmp_path, shared):
    """A commune's border tiles are small: taken first, a large one left to the end would
    keep one worker busy while the others wait. Only headers are read."""
    bad = tmp_path / "bad.laz"
    bad.write_bytes(b"LASF" + bytes(50))
    small, large = shared / "lidar/pdalign__corse.laz", shared / "lidar/ignpdaltools__las_with_several_extra_byte_bloc.laz"
    middle = shared / TILE
    assert _largest_first([bad, small, large, middle]) == [large, middle, small, bad]
    results = prepare_tiles([bad, small], tmp_path / "out", workers=2)     # reported in the order asked
    assert results[0].error is not None and results[1].error is None


def _faults_of_a_second_16_mb() -> int:
    """Page faults of allocating and filling 16 MB again, just after the same was freed."""
    import resource
    block = bytearray(16 << 20)
    del block
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    block = bytearray(16 << 20)
    del block
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


def test_batch_on_a_dask_local_cluster(tmp_path, shared):
    """Two real worker processes; the files are those of the local pool, byte for byte;
    the workers get back glibc's reuse of freed memory, which Dask's nanny turns off."""
    distributed = pytest.importorskip("distributed")
    tiles = [shared / "lidar/pdalign__bat.laz", shared / "lidar/pdalign__corse.laz"]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1",
                                  dashboard_address=None, processes=True) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        with distributed.Client(cluster) as client:
            assert min(client.run(_faults_of_a_second_16_mb).values()) >= 4000   # mapped afresh
            with distributed.get_task_stream(client) as stream:
                results = prepare_tiles(tiles, tmp_path / "dask", scheduler=cluster.scheduler_address)
            assert len({task["worker"] for task in stream.data}) == 2    # one tile each, none pinned
            assert max(client.run(_faults_of_a_second_16_mb).values()) < 400     # reused
    assert [r.error for r in results] == [None, None]
    assert [r.points for r in results] == [137379, 30392]
    assert results[1].output == output_path(tiles[1], tmp_path / "dask")
    local = prepare_tiles(tiles, tmp_path / "local", workers=2)
    for dask, pool in zip(results, local):
        assert dask.output.read_bytes() == pool.output.read_bytes()


def test_cli_prepare_and_unreachable_scheduler(tmp_path, shared):
    proc = subprocess.run([sys.executable, "-m", "twin", "prepare", str(shared / "lidar/pdalign__corse.laz"),
                           "--out", str(tmp_path), "--workers", "1"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "30,392 points" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "twin", "prepare", str(shared / "lidar/pdalign__corse.laz"),
                           "--out", str(tmp_path), "--scheduler", "tcp://127.0.0.1:9"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2 and "Dask scheduler" in proc.stderr and "Traceback" not in proc.stderr


def test_default_workers_fit_in_memory(synthetic_copc, monkeypatch):
    from twin.lod.prepare import default_workers
    monkeypatch.setattr("os.cpu_count", lambda: 8)
    tiles = [synthetic_copc] * 4                          # 600 000 points each
    one_tile = 600_000 * BYTES_PER_POINT
    assert default_workers(tiles, available=10 * one_tile) == 4
    assert default_workers(tiles, available=int(2.6 * one_tile)) == 2
    assert default_workers(tiles, available=one_tile // 2) == 1   # never zero
