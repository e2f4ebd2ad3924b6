"""LAS / LAZ / COPC point clouds (IGN LiDAR HD and others), through laspy + lazrs.

Reading respects a point budget: a COPC file is read level by level from the root of its
octree until the budget is met; a plain LAS/LAZ is streamed chunk by chunk keeping every
k-th point, decoding only the dimensions a view needs (LAS 1.4 layered chunks)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from twin.crs import crs_name
from twin.data import FileInfo, PointCloud
from twin.errors import DataError
from twin.feedback import Feedback
from twin.sniff import head

DEFAULT_BUDGET = 2_000_000
CHUNK = 1_000_000


def _open(path: Path, **kwargs):
    import laspy
    from laspy.errors import LaspyException
    try:
        return laspy.open(path, laz_backend=_backend(), **kwargs)
    except (LaspyException, ValueError, OSError) as exc:
        raise DataError(f"cannot be read as LAS/LAZ ({exc})", path=path,
                        hint="the file may be truncated or corrupt; fetch it again") from None


def _backend():
    import laspy
    available = laspy.LazBackend.detect_available()
    return available[0] if available else None


def _crs(header, path: Path) -> str | None:
    """The file's CRS, None when absent or empty (IGN files exist with an empty WKT VLR)."""
    try:
        crs = header.parse_crs()
    except Exception:  # a malformed CRS VLR is the same as none, for a viewer
        return None
    return crs_name(crs) if crs is not None else None


def is_copc(header) -> bool:
    return any(getattr(v, "user_id", "") == "copc" for v in header.vlrs)


def _rgb8(points) -> np.ndarray | None:
    names = set(points.point_format.dimension_names)
    if not {"red", "green", "blue"} <= names:
        return None
    rgb = np.column_stack([points.red, points.green, points.blue])
    return (rgb >> 8).astype(np.uint8) if rgb.max(initial=0) > 255 else rgb.astype(np.uint8)


def _columns(points) -> tuple:
    xyz = np.column_stack([np.asarray(points.x), np.asarray(points.y), np.asarray(points.z)])
    return xyz, np.asarray(points.classification, dtype=np.uint8), \
        np.asarray(points.intensity, dtype=np.uint16), _rgb8(points)


def _concat(parts: list[tuple], crs, path, total) -> PointCloud:
    if not parts:
        return PointCloud(np.empty((0, 3)), np.empty(0, np.uint8), np.empty(0, np.uint16), None,
                          crs, path, total)
    xyz, cls, inten, rgb = zip(*parts, strict=True)
    return PointCloud(np.concatenate(xyz), np.concatenate(cls), np.concatenate(inten),
                      np.concatenate(rgb) if rgb[0] is not None else None, crs, path, total)


class PointCloudImporter:
    name = "pointcloud"
    kind = "pointcloud"
    suffixes = (".las", ".laz", ".copc.laz")

    def sniff(self, path: Path) -> bool:
        return head(path, 4) == b"LASF"

    def info(self, path: Path) -> FileInfo:
        import laspy
        selection = laspy.DecompressionSelection.base() | laspy.DecompressionSelection.CLASSIFICATION
        with _open(path, decompression_selection=selection) as reader:
            h = reader.header
            classes: set[int] = set()
            try:  # classes present: stream only the dimensions needed for them
                for chunk in reader.chunk_iterator(CHUNK):
                    classes.update(np.unique(np.asarray(chunk.classification)).tolist())
            except Exception as exc:
                raise DataError(f"point data cannot be decoded ({exc})", path=path,
                                hint="the file is probably truncated; fetch it again") from None
            return FileInfo(
                path=path, kind="pointcloud", importer=self.name, count=int(h.point_count),
                crs=_crs(h, path),
                bounds=(float(h.mins[0]), float(h.mins[1]), float(h.maxs[0]), float(h.maxs[1])),
                details={"z_range": [float(h.mins[2]), float(h.maxs[2])],
                         "point_format": h.point_format.id, "version": str(h.version),
                         "copc": is_copc(h), "classes": sorted(int(c) for c in classes),
                         "dimensions": list(h.point_format.dimension_names),
                         "compressed": path.suffix.lower() == ".laz"})

    def read(self, path: Path, feedback: Feedback | None = None,
             budget: int = DEFAULT_BUDGET) -> PointCloud:
        feedback = feedback or Feedback()
        with _open(path) as reader:
            header = reader.header
        crs = _crs(header, path)
        total = int(header.point_count)
        try:
            if is_copc(header):
                return self._read_copc(path, feedback, budget, crs, total)
            return self._read_strided(path, feedback, budget, crs, total)
        except (DataError, KeyboardInterrupt):
            raise
        except Exception as exc:
            from twin.errors import Canceled
            if isinstance(exc, Canceled):
                raise
            raise DataError(f"point data cannot be decoded ({exc})", path=path,
                            hint="the file is probably truncated or corrupt; fetch it again") from None

    def _read_strided(self, path, feedback, budget, crs, total) -> PointCloud:
        import laspy
        stride = max(1, -(-total // budget))
        if stride > 1:
            feedback.warn(f"{path.name}: {total:,} points, showing 1 in {stride} "
                          f"({-(-total // stride):,}) within the point budget")
        selection = (laspy.DecompressionSelection.base() | laspy.DecompressionSelection.Z
                     | laspy.DecompressionSelection.CLASSIFICATION
                     | laspy.DecompressionSelection.INTENSITY | laspy.DecompressionSelection.RGB)
        parts, seen = [], 0
        with _open(path, decompression_selection=selection) as reader:
            for chunk in reader.chunk_iterator(CHUNK):
                first = (-seen) % stride            # keep global indices 0, k, 2k...
                seen += len(chunk)
                parts.append(_columns(chunk[first::stride]))
                feedback.progress(seen / max(total, 1), f"Reading {path.name}")
        return _concat(parts, crs, path, total)

    def _read_copc(self, path, feedback, budget, crs, total) -> PointCloud:
        import laspy
        parts, kept, level = [], 0, 0
        with laspy.CopcReader.open(str(path)) as reader:
            while kept < budget:
                points = reader.query(level=level)
                if len(points) == 0:
                    break
                parts.append(_columns(points))
                kept += len(points)
                level += 1
                feedback.progress(min(kept / max(min(budget, total), 1), 1.0),
                                  f"Reading {path.name} (octree level {level})")
        if kept < total:
            feedback.warn(f"{path.name}: COPC levels 0–{level - 1}: {kept:,} of {total:,} points")
        return _concat(parts, crs, path, total)
