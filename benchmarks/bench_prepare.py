"""`twin prepare` against the codec it rests on, in the same run, on synthetic IGN-like
LiDAR HD tiles (benchmarks/synthetic.py, LAS 1.4 PF6 LAZ):

- one tile: M points/s of `prepare_tile` against a bare lazrs decode + encode of the same
  points (laspy.read with lazrs, then lazrs.compress_points of every record: the floor
  of any LAZ → COPC conversion), on 1 and on 2 cores (the codec's threads, twin's
  workers); peak memory per point (the proportional set size of a fresh child process
  and its worker processes together, sampled every 0.1 s, less the child's once the
  libraries are imported: shared memory counts once); the CPU seconds of each (user +
  system, process and workers: a ratio a loaded machine disturbs less than the wall
  clock's); whether the file written with 1, 2 and 3 workers is the same, byte for byte;
- several tiles: `prepare_tiles` with 1 worker against 2 workers, and the seconds of a tile
  alone and two at once; against the bare codec over the same tiles in 1 and 2 processes
  (what two processes can gain at most on this machine);
- the same tiles on a Dask LocalCluster of 2 worker processes (one thread each) against
  the local pool of 2 processes, alternated in the same run: M points/s per worker and M
  points per CPU second of the workers, and whether both write the same bytes;
- the first view of the prepared tile (within a 500 k budget) against bare laspy.

Each timing runs in its own spawned process; best of ``--runs`` alternated runs.

    python benchmarks/bench_prepare.py [--millions 5] [--tiles 4] [--runs 2] [--workdir DIR] [--skip dask]
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))   # run as a script from anywhere


def _tree_pss() -> int:
    """Bytes of memory of this process and its descendants, each shared page counted once
    (the sum of their Pss)."""
    total, todo = 0, [os.getpid()]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                total += next(int(line.split()[1]) for line in fh if line.startswith("Pss:")) * 1024
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except (OSError, StopIteration):     # a worker that just ended
            pass
    return total


class _PeakMemory:
    """The highest ``_tree_pss`` seen while the block runs, sampled every ``period`` s."""

    def __init__(self, period: float = 0.1):
        import threading
        self.peak, self._stop = _tree_pss(), threading.Event()
        self._thread = threading.Thread(target=self._sample, args=(period,), daemon=True)

    def _sample(self, period: float) -> None:
        while not self._stop.wait(period):
            self.peak = max(self.peak, _tree_pss())

    def __enter__(self) -> "_PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _tree_pss())


def _cpu(own: bool = True, children: bool = True) -> float:
    """CPU seconds (user + system) of this process and of its children that have ended."""
    import resource
    kinds = [resource.RUSAGE_SELF] * own + [resource.RUSAGE_CHILDREN] * children
    return sum(r.ru_utime + r.ru_stime for r in map(resource.getrusage, kinds))


def _child(job: str, src: str, out: str, cores: int) -> tuple[float, int, int, float]:
    """In a fresh process: seconds, peak memory and memory before the work (libraries
    loaded), of the process and its workers together, and their CPU seconds."""
    os.environ["RAYON_NUM_THREADS"] = str(cores)
    import laspy  # noqa: F401  (loaded before the memory baseline, as for the codec)
    import lazrs  # noqa: F401
    from twin.lod.prepare import prepare_tile
    base, cpu = _tree_pss(), _cpu()
    with _PeakMemory() as memory:
        t = time.perf_counter()
        if job == "bare":
            bare_codec(src, cores)
        else:
            res = prepare_tile(src, out, force=True, workers=cores)
            assert res.error is None, res.error
        seconds = time.perf_counter() - t
        for worker in multiprocessing.active_children():   # they end after the call: count all their CPU
            worker.join()
    return seconds, memory.peak, base, _cpu() - cpu


def bare_codec(src: str | Path, cores: int = 1) -> float:
    """A bare lazrs decode + encode of every point of ``src`` (laspy.read, then
    lazrs.compress_points of the records): the floor of any LAZ → COPC conversion; its
    seconds."""
    import laspy
    import lazrs
    import numpy as np
    t = time.perf_counter()
    backend = laspy.LazBackend.LazrsParallel if cores > 1 else laspy.LazBackend.Lazrs
    las = laspy.read(src, laz_backend=backend)
    vlr = lazrs.LazVlr.new_for_compression(las.header.point_format.id, 0)
    assert len(lazrs.compress_points(vlr, las.points.array.view(np.uint8), cores > 1)) > 0
    return time.perf_counter() - t


def in_child(job: str, src: Path, out: Path, cores: int) -> tuple[float, int, int, float]:
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        return pool.submit(_child, job, str(src), str(out), cores).result()


def make_tiles(folder: Path, n: int, count: int) -> list[Path]:
    import laspy
    from benchmarks.synthetic import SIDE, write_tile
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        x0, y0 = 684000 + SIDE * (i % 3), 7021000 + SIDE * (i // 3)
        path = folder / f"LHD_FXX_{int(x0 / 1000):04d}_{int(y0 / 1000) + 1:04d}_PTS_C_LAMB93_IGN69.laz"
        if not path.exists() or laspy.open(path).header.point_count != n:
            write_tile(path, n, x0, y0, seed=i)
        paths.append(path)
    return paths


def bench_one_tile(tile: Path, out: Path, runs: int) -> None:
    import laspy
    n = laspy.open(tile).header.point_count
    print(f"one tile, {n / 1e6:g} M points ({tile.stat().st_size / n:.1f} B/point as LAZ), "
          f"best of {runs} alternated runs, each in a fresh process:")
    best: dict[tuple[str, int], tuple[float, int, int, float]] = {}
    for _ in range(runs):
        for cores in (1, 2):
            for job in ("bare", "twin"):
                r = in_child(job, tile, out / f"{job}{cores}", cores)
                if (job, cores) not in best or r[0] < best[job, cores][0]:
                    best[job, cores] = r
    for cores in (1, 2):
        bare, twin = best["bare", cores], best["twin", cores]
        print(f"  {cores} core(s): bare lazrs decode + encode {n / bare[0] / 1e6:5.2f} M points/s; "
              f"twin prepare {n / twin[0] / 1e6:5.2f} M points/s = {bare[0] / twin[0]:.2f}× the codec")
        print(f"      peak memory above the loaded libraries: twin {(twin[1] - twin[2]) / n:5.1f} B/point "
              f"(process and workers {twin[1] / 1e6:.0f} MB), bare codec {(bare[1] - bare[2]) / n:5.1f} B/point")
        print(f"      CPU time, process and workers (user + system, less sensitive to a loaded machine): "
              f"twin {twin[3]:.1f} s, bare codec {bare[3]:.1f} s = {bare[3] / twin[3]:.2f}×")
    in_child("twin", tile, out / "twin3", 3)
    one, two, three = ((out / f"twin{w}" / tile.name.replace(".laz", ".copc.laz")).read_bytes() for w in (1, 2, 3))
    print(f"  1, 2 and 3 workers write the same file: {one == two == three} "
          f"(md5 {hashlib.md5(one).hexdigest()[:12]}, {len(one) / n:.1f} B/point)")
    bench_first_view(out / "twin2" / tile.name.replace(".laz", ".copc.laz"))


def bench_first_view(copc: Path, budget: int = 500_000, runs: int = 3) -> None:
    """The first view of a prepared tile (the importer's COPC read within a budget: whole
    levels from the root, the last one thinned) against a bare laspy CopcReader reading
    the same levels, best of ``runs`` alternated."""
    import laspy
    from importers.pointcloud import PointCloudImporter
    twin, bare, shown, levels = [], [], 0, 0
    for _ in range(runs):
        t = time.perf_counter()
        cloud = PointCloudImporter().read(copc, budget=budget)
        twin.append(time.perf_counter() - t)
        shown = len(cloud)
        t = time.perf_counter()
        with laspy.CopcReader.open(str(copc)) as reader:
            got, levels = 0, 0
            while got < budget:
                got += len(reader.query(level=levels))
                levels += 1
        bare.append(time.perf_counter() - t)
    print(f"  first view of the prepared tile ({budget:,}-point budget): {min(twin):.2f} s for {shown:,} points "
          f"= {min(bare) / min(twin):.2f}× a bare laspy CopcReader of the same {levels} levels ({min(bare):.2f} s)")


def _timed_batch(tiles: list[Path], out: Path, **kwargs) -> tuple[float, list[float]]:
    """Seconds of a batch, and of each of its tiles (``PreparedTile.seconds``)."""
    from twin.lod.prepare import prepare_tiles
    shutil.rmtree(out, ignore_errors=True)
    t = time.perf_counter()
    results = prepare_tiles(tiles, out, force=True, **kwargs)
    assert all(r.error is None for r in results), [r.error for r in results]
    return time.perf_counter() - t, [r.seconds for r in results]


def _one_thread(*_) -> None:
    os.environ["RAYON_NUM_THREADS"] = "1"


def _bare_batch(tiles: list[Path], processes: int) -> tuple[float, list[float]]:
    """The bare codec over the tiles in a pool of ``processes`` single-threaded processes,
    started and with their libraries loaded before the clock starts: seconds of the batch,
    and of each tile."""
    with ProcessPoolExecutor(processes, mp_context=get_context("spawn"), initializer=_one_thread) as pool:
        list(pool.map(_one_thread, range(processes)))     # every process started
        list(pool.map(bare_codec, tiles[:processes]))     # and its libraries loaded
        t = time.perf_counter()
        seconds = list(pool.map(bare_codec, tiles))
        return time.perf_counter() - t, seconds


def bench_tiles(tiles: list[Path], out: Path, runs: int) -> None:
    """`prepare_tiles` with 1 and 2 workers, best of ``runs`` alternated; and, as the
    ceiling of what two processes can gain on this machine, the bare codec over the same
    tiles in 1 and 2 processes."""
    import laspy
    import numpy as np
    n = sum(laspy.open(p).header.point_count for p in tiles)
    twin, bare = {1: [], 2: []}, {1: [], 2: []}
    for _ in range(runs):
        for workers in (1, 2):
            twin[workers].append(_timed_batch(tiles, out, workers=workers))
            bare[workers].append(_bare_batch(tiles, workers))
    (one, one_tiles), (two, two_tiles) = min(twin[1]), min(twin[2])
    (bare_one, bare_one_tiles), (bare_two, bare_two_tiles) = min(bare[1]), min(bare[2])
    print(f"{len(tiles)} tiles ({n / 1e6:g} M points), local processes, best of {runs} alternated runs:")
    print(f"  1 worker  {one:6.1f} s = {n / one / 1e6:5.2f} M points/s")
    print(f"  2 workers {two:6.1f} s = {n / two / 1e6:5.2f} M points/s = {one / two:.2f}× one worker "
          f"({n / two / 2e6:.2f} M points/s per worker)")
    print(f"  a tile (median): {np.median(one_tiles):.2f} s alone, {np.median(two_tiles):.2f} s two at once; "
          f"the batch beyond its tiles (start, tail): {one - sum(one_tiles):.2f} s with 1 worker, "
          f"{two - sum(two_tiles) / 2:.2f} s with 2")
    print(f"  the bare codec on the same tiles, processes started: 1 process {bare_one:.1f} s, 2 processes "
          f"{bare_two:.1f} s = {bare_one / bare_two:.2f}×; a tile (median) {np.median(bare_one_tiles):.2f} s alone, "
          f"{np.median(bare_two_tiles):.2f} s two at once")


def bench_dask(tiles: list[Path], out: Path, runs: int) -> None:
    """The local pool of 2 processes and a Dask LocalCluster of 2 single-threaded worker
    processes, alternated in the same run (a shared machine's load hits both alike), best of
    ``runs`` each; wall time and the CPU time of the workers (the pool's processes, which
    end with the batch, and the Dask workers, asked before and after)."""
    import laspy
    from distributed import Client, LocalCluster
    n = sum(laspy.open(p).header.point_count for p in tiles)
    best = {"local": (float("inf"), float("inf")), "dask": (float("inf"), float("inf"))}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        for run in range(runs):
            for kind in (("local", "dask") if run % 2 == 0 else ("dask", "local")):
                before = sum(client.run(_cpu, children=False).values()) if kind == "dask" else _cpu(own=False)
                kwargs = {"scheduler": cluster.scheduler_address} if kind == "dask" else {"workers": 2}
                wall, _ = _timed_batch(tiles, out / kind, **kwargs)
                cpu = (sum(client.run(_cpu, children=False).values()) if kind == "dask" else _cpu(own=False)) - before
                best[kind] = (min(best[kind][0], wall), min(best[kind][1], cpu))
    print(f"{len(tiles)} tiles ({n / 1e6:g} M points), 2 workers, best of {runs} alternated runs "
          f"(load average {os.getloadavg()[0]:.1f}):")
    for kind, label in (("local", "local pool, 2 processes   "), ("dask", "Dask LocalCluster, 2 × 1  ")):
        wall, cpu = best[kind]
        print(f"  {label} {wall:6.1f} s = {n / wall / 2e6:5.2f} M points/s per worker; "
              f"workers' CPU {cpu:5.1f} s = {n / cpu / 1e6:5.2f} M points per CPU second")
    (local, local_cpu), (dask, dask_cpu) = best["local"], best["dask"]
    print(f"  Dask per worker = {local / dask:.2f}× the local pool's (CPU per point: {local_cpu / dask_cpu:.2f}×)")
    from twin.lod.prepare import output_path
    same = all(output_path(t, out / "local").read_bytes() == output_path(t, out / "dask").read_bytes()
               for t in tiles)
    print(f"  the files written by Dask and by the local pool are the same, byte for byte: {same}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--millions", type=float, default=5)
    ap.add_argument("--tiles", type=int, default=4)
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/twin-bench-prepare"))
    ap.add_argument("--skip", nargs="*", default=[], choices=["tile", "tiles", "dask"])
    args = ap.parse_args()
    n = int(args.millions * 1e6)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; "
          f"tiles of {n / 1e6:g} M points in {args.workdir}")
    tiles = make_tiles(args.workdir / "laz", n, max(1, args.tiles))
    if "tile" not in args.skip:
        bench_one_tile(tiles[0], args.workdir / "one", args.runs)
    if "tiles" not in args.skip:
        bench_tiles(tiles, args.workdir / "copc", args.runs)
    if "dask" not in args.skip:
        bench_dask(tiles, args.workdir / "dask", args.runs)


if __name__ == "__main__":
    main()
