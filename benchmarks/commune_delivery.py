"""A synthetic delivery of a commune's data at its real size, shaped as IGN and Etalab
ship it, for measuring twin where planners use it (``benchmarks/bench_commune.py``):

    BDTOPO_3-3_TOUSTHEMES_GPKG_LAMB93_D062_<date>/BDTOPO/…/BDT_3-3_GPKG_LAMB93_D062-ED<date>.gpkg
        a département's BD TOPO: aerodrome, batiment (300 000 buildings), commune (250),
        surface_hydrographique, troncon_de_route, zone_de_vegetation (with --archive, still
        packed in BDTOPO_3-3_TOUSTHEMES_GPKG_LAMB93_D062_<date>.7z as IGN ships it)
    cadastre-etalab/cadastre-62041-parcelles.json.gz      Arras's parcels, WGS84
    LiDAR_HD/MNT/LHD_FXX_0684_7022_MNT_A_0M50_LAMB93_IGN69.tif    12 tiles, 2 000 × 2 000
    LiDAR_HD/PTS/LHD_FXX_0684_7022_PTS_C_LAMB93_IGN69.copc.laz    12 COPC tiles
    BDORTHO_2-0_RVB-0M20_JP2-E080_LAMB93_D062_2023/62-2023-0683-7023-LA93-0M20-E080.jp2
        10 000 × 10 000 pixels over Arras's centre
    delivery.toml      what was made: counts, sizes, the commune's extent, a street to fly to

Everything is deterministic from ``--seed``: the same seed writes the same bytes. The
delivery is written beside ``--out`` and moved in place when whole.

    python benchmarks/commune_delivery.py --out /work/bench-commune
    python benchmarks/commune_delivery.py --out /tmp/small --scale 0.01 --points 500000
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))   # run as a script from anywhere
from benchmarks.delivery.terrain import ARRAS, NODATA, TILE, tiles, write_mnt  # noqa: E402

MANIFEST = "delivery.toml"
ORTHO_WINDOW = (683_000.0, 7_021_000.0, 685_000.0, 7_023_000.0)   # 2 km over Arras's centre
BUILDINGS = 300_000
POINTS = 4_000_000        # per tile; IGN's hold 10–30 M: pass --points 20000000 for those
COMMUNES = 250


def _nice(value: float, steps) -> float:
    """The first of ``steps`` not finer than ``value`` (pixel sizes as IGN names them)."""
    return next((s for s in steps if s >= value - 1e-9), steps[-1])


def plan(scale: float = 1.0, points: int = POINTS, communes: int | None = None) -> dict:
    """Sizes for a ``scale`` of the full delivery (1: 300 000 buildings, 0.5 m MNT, 20 cm
    ortho); pixel sizes stay ones IGN uses, counts shrink with the area they cover."""
    if not 0 < scale <= 1:
        raise ValueError(f"--scale must be in (0, 1], not {scale}")
    mnt = _nice(0.5 / np.sqrt(scale), (0.5, 1.0, 2.0, 5.0, 10.0, 25.0, 50.0))
    ortho = _nice(0.2 / np.sqrt(scale), (0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0))
    return {"buildings": max(200, round(BUILDINGS * scale)),
            "communes": communes or max(30, round(COMMUNES * np.sqrt(scale))),
            "mnt_resolution": mnt, "mnt_pixels": int(round(TILE / mnt)),
            "ortho_resolution": ortho, "points": max(2_000, round(points * scale))}


def generate(out: Path, seed: int = 62041, scale: float = 1.0, points: int = POINTS,
             communes: int | None = None, archive: bool = False, feedback=print) -> dict:
    """Write the delivery into ``out`` (replacing an earlier delivery there); returns the
    manifest. ``archive``: the BD TOPO as IGN ships it, in its .7z, not unpacked."""
    from benchmarks.delivery.bdtopo import folder_name, write_gpkg
    from benchmarks.delivery.cadastre import write_parcels
    from benchmarks.delivery.lidar import write_tiles
    from benchmarks.delivery.ortho import write_ortho
    from benchmarks.delivery.territory import build_territory

    out = Path(out).resolve()
    if out.exists() and any(out.iterdir()) and not (out / MANIFEST).exists():
        raise SystemExit(f"{out} holds files that are not a delivery; give an empty or new folder")
    p = plan(scale, points, communes)
    stage = out.with_name(f".{out.name}.part")
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    timings: dict[str, float] = {}
    started = time.perf_counter()

    def step(name):
        timings[name] = round(time.perf_counter() - started - sum(timings.values()), 2)
        feedback(f"{name}: {timings[name]:.1f} s")

    territory = build_territory(seed, p["buildings"], p["communes"])
    step("territory")
    sub, stem = folder_name()
    (stage / sub).mkdir(parents=True)
    gpkg = stage / sub / f"{stem}.gpkg"
    counts = write_gpkg(territory, gpkg, seed, feedback)
    step("BD TOPO GeoPackage")
    if archive:
        pack_7z(stage / sub.split("/")[0])
        step("BD TOPO packed in .7z")
    (stage / "cadastre-etalab").mkdir()
    parcels, n_parcels = write_parcels(territory, territory.arras, stage / "cadastre-etalab", seed)
    counts["parcelles"] = n_parcels
    step(f"Etalab parcels ({n_parcels:,})")
    mnt_dir, pts_dir = stage / "LiDAR_HD" / "MNT", stage / "LiDAR_HD" / "PTS"
    mnt_dir.mkdir(parents=True)
    pts_dir.mkdir(parents=True)
    corners = tiles()
    for x0, y0 in corners:
        write_mnt(territory.land, mnt_dir, x0, y0, p["mnt_pixels"])
    step(f"MNT ({len(corners)} tiles of {p['mnt_pixels']} × {p['mnt_pixels']})")
    ortho_dir = stage / "BDORTHO_2-0_RVB-0M20_JP2-E080_LAMB93_D062_2023"
    ortho_dir.mkdir()
    write_ortho(territory, ortho_dir, ORTHO_WINDOW, p["ortho_resolution"], seed)
    step("BD ORTHO JPEG 2000")
    write_tiles(territory, pts_dir, corners, p["points"], seed, feedback=feedback)
    step(f"LiDAR HD COPC ({len(corners)} tiles)")

    manifest = _manifest(territory, stage, seed, scale, p, counts, timings)
    manifest["archive"] = archive
    _write_toml(stage / MANIFEST, manifest)
    if out.exists():
        old = out.with_name(f".{out.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        out.rename(old)
        stage.rename(out)
        shutil.rmtree(old)
    else:
        stage.rename(out)
    feedback(f"delivery in {out}: {manifest['bytes'] / 1e9:.2f} GB in {time.perf_counter() - started:.0f} s")
    return manifest


def pack_7z(folder: Path) -> Path:
    """``folder`` into ``folder.7z`` (LZMA2, as IGN's), then removed; dates pinned to the
    edition so that the archive's bytes depend on the seed only."""
    import os
    from datetime import datetime, timezone

    import py7zr
    from benchmarks.delivery.bdtopo import EDITION
    stamp = datetime.fromisoformat(EDITION).replace(tzinfo=timezone.utc).timestamp()
    for path in [folder, *folder.rglob("*")]:
        os.utime(path, (stamp, stamp))
    target = folder.with_name(f"{folder.name}.7z")
    tmp = folder.with_name(f".{folder.name}.part.7z")
    with py7zr.SevenZipFile(tmp, "w", filters=[{"id": py7zr.FILTER_LZMA2, "preset": 6}]) as z:
        z.writeall(folder, arcname=folder.name)
    tmp.replace(target)
    shutil.rmtree(folder)
    return target


def _manifest(t, folder: Path, seed, scale, p, counts, timings) -> dict:
    import shapely
    arras = t.arras
    box = [round(float(v), 2) for v in shapely.bounds(t.communes[arras])]
    # a street near the centre, to fly down to: its middle, and where it heads
    street = (t.road_kind == 0) & (t.road_commune == arras)
    segs = t.roads[street]
    mid = segs.mean(axis=1)
    k = int(np.argmin(np.hypot(mid[:, 0] - ARRAS[0], mid[:, 1] - ARRAS[1])))
    heading = segs[k, 1] - segs[k, 0]
    files = {str(f.relative_to(folder)): f.stat().st_size for f in sorted(folder.rglob("*")) if f.is_file()}
    return {
        "generator": "benchmarks/commune_delivery.py", "seed": seed, "scale": scale, **p,
        "counts": counts, "seconds": timings, "bytes": sum(files.values()),
        "commune": {"code": "62041", "name": "Arras", "bounds": box,
                    "buildings": int((t.building_commune == arras).sum())},
        "street": {"x": round(float(mid[k, 0]), 2), "y": round(float(mid[k, 1]), 2),
                   "z": round(float(t.land.z(mid[k, 0], mid[k, 1])), 2),
                   "heading": [round(float(v), 4) for v in heading / np.hypot(*heading)]},
        "ortho_window": list(ORTHO_WINDOW), "mnt_nodata": NODATA, "crs": "EPSG:2154",
        "files": files,
    }


def _write_toml(path: Path, data: dict) -> None:
    import tomli_w
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_text(tomli_w.dumps(data))
    tmp.replace(path)


def read_manifest(folder: Path) -> dict | None:
    import tomllib
    path = Path(folder) / MANIFEST
    return tomllib.loads(path.read_text()) if path.exists() else None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0].replace("\n", " "))
    ap.add_argument("--out", type=Path, required=True, help="the delivery's folder (replaced if it holds one)")
    ap.add_argument("--seed", type=int, default=62041)
    ap.add_argument("--scale", type=float, default=1.0, help="a smaller delivery: 0.01 is 3 000 buildings")
    ap.add_argument("--points", type=int, default=POINTS, help=f"points per LiDAR tile at scale 1 (default {POINTS:,})")
    ap.add_argument("--communes", type=int, help=f"communes in the département (default {COMMUNES} at scale 1)")
    ap.add_argument("--archive", action="store_true",
                    help="ship the BD TOPO in its .7z as IGN does (packing 275 MB takes minutes)")
    args = ap.parse_args(argv)
    try:
        generate(args.out, args.seed, args.scale, args.points, args.communes, args.archive)
    except ValueError as exc:
        ap.error(str(exc))
    return 0


if __name__ == "__main__":
    sys.exit(main())
