"""Building heights measured from LiDAR once, kept in the cache for the next opening
(no Qt, no VTK).

Measuring decodes every octree node over the footprints, the coarse levels of every
tile included: ~2 s for a commune where a few hundred buildings lack a height, paid
again at each opening for the same answer. The answer is kept under a key made of
everything it depends on (the footprints measured, the ground under them, the LiDAR
files' paths, sizes and dates, the CRS, the method's version), so a changed input is
measured again. ``TWIN_CACHE_DIR`` moves the cache; a cache entry that cannot be read
is measured again, one that cannot be written is only a missed saving."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import shapely

from twin.core.feedback import Feedback
from twin.io.lidar_heights import CELL, LidarHeights, lidar_files, measure_heights
from twin.lod.cache import cache_root, read_npz, write_npz

VERSION = 1      # raise when measuring changes, so that old answers are not reused
_TEXT = ("confidence", "roof_shape")


def heights_dir() -> Path:
    return cache_root() / "heights"


def measure_heights_cached(geoms, source, crs: str, ground: np.ndarray, *, only: np.ndarray | None = None,
                           feedback: Feedback | None = None) -> LidarHeights:
    """``measure_heights`` for per-footprint ground z, from the cache when the same
    measure was made before; its warnings come back with it."""
    fb = feedback or Feedback()
    geoms = np.asarray(geoms, dtype=object)
    files = lidar_files(source) if not isinstance(source, (list, tuple)) else [Path(p) for p in source]
    key = _key(geoms, files, crs, np.asarray(ground, float), only)
    path = heights_dir() / f"{key}.npz"
    found = _load(path, len(geoms))
    if found is not None:
        heights, notes = found
    else:
        notes: list[str] = []
        heights = measure_heights(geoms, files, crs, ground, only=only, feedback=fb.collecting(notes))
        _save(path, heights, notes)
    for note in notes:
        fb.warn(note)
    return heights


def _key(geoms: np.ndarray, files: list[Path], crs: str, ground: np.ndarray, only) -> str:
    chosen = np.ones(len(geoms), bool) if only is None else np.asarray(only, bool)
    h = hashlib.sha256(f"v{VERSION}|{CELL}|{crs}|{len(geoms)}".encode())
    h.update(np.packbits(chosen).tobytes())
    h.update(np.ascontiguousarray(ground[chosen], float).tobytes())
    for wkb in shapely.to_wkb(geoms[chosen]):
        h.update(wkb or b"")
    for f in files:
        stat = f.stat()
        h.update(f"{f.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return h.hexdigest()[:32]


def _load(path: Path, n: int) -> tuple[LidarHeights, list[str]] | None:
    z = read_npz(path)
    if z is None or "notes" not in z or any(name not in z for name in LidarHeights.__dataclass_fields__):
        return None
    fields = {name: z[name] for name in LidarHeights.__dataclass_fields__}
    if any(len(v) != n for v in fields.values()):
        return None
    for name in _TEXT:
        fields[name] = fields[name].astype(object)
    return LidarHeights(**fields), [str(v) for v in z["notes"]]


def _save(path: Path, heights: LidarHeights, notes: list[str]) -> None:
    arrays = {name: getattr(heights, name) for name in LidarHeights.__dataclass_fields__}
    for name in _TEXT:
        arrays[name] = arrays[name].astype(str)
    write_npz(path, notes=np.asarray(notes, dtype=str), **arrays)
