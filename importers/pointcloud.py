"""LAS / LAZ / COPC point clouds (IGN LiDAR HD and others), through laspy + lazrs.

Reading respects a point budget: a COPC file is read level by level from the root of its
octree until the budget is met; a plain LAS/LAZ is streamed chunk by chunk keeping every
k-th point, decoding only the dimensions a view needs (LAS 1.4 layered chunks)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from twin.crs import crs_name
from twin.data import FileInfo, PointCloud
from twin.errors import Canceled, DataError
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


def _crs(header) -> str | None:
    """The file's CRS, None when absent or empty (IGN files exist with an empty WKT VLR)."""
    from laspy.vlrs.known import WktCoordinateSystemVlr
    try:
        crs = header.parse_crs()
        if crs is None:  # LAS 1.4 allows the WKT in an extended VLR (copclib puts it there)
            wkt = [v for v in (header.evlrs or []) if isinstance(v, WktCoordinateSystemVlr)]
            crs = wkt[0].parse_crs() if wkt and wkt[0].string.strip("\0 ") else None
    except Exception:  # a malformed CRS VLR is the same as none, for a viewer
        return None
    return crs_name(crs) if crs is not None else None


def is_copc(header) -> bool:
    return any(getattr(v, "user_id", "") == "copc" for v in header.vlrs)


class _Collector:
    """Fills preallocated arrays chunk by chunk: no per-chunk lists to concatenate, xyz
    computed straight from the integer coordinates with the file's scale and offset."""

    def __init__(self, capacity: int, point_format):
        names = set(point_format.dimension_names)
        self.xyz = np.empty((capacity, 3))
        self.classification = np.empty(capacity, np.uint8)
        self.intensity = np.empty(capacity, np.uint16)
        self.rgb = np.empty((capacity, 3), np.uint16) if {"red", "green", "blue"} <= names else None
        self.n = 0

    def add(self, points) -> None:
        k = len(points)
        sl = slice(self.n, self.n + k)
        raw = points.array
        for i, dim in enumerate("XYZ"):
            np.multiply(raw[dim], points.scales[i], out=self.xyz[sl, i])
            self.xyz[sl, i] += points.offsets[i]
        self.classification[sl] = points.classification
        self.intensity[sl] = raw["intensity"]
        if self.rgb is not None:
            for i, dim in enumerate(("red", "green", "blue")):
                self.rgb[sl, i] = raw[dim]
        self.n += k

    def cloud(self, crs, path, total) -> PointCloud:
        n = self.n
        rgb = None
        if self.rgb is not None:
            rgb = self.rgb[:n]
            # LAS stores 16-bit colour; some writers put 8-bit values in it
            rgb = (rgb >> 8).astype(np.uint8) if rgb.max(initial=0) > 255 else rgb.astype(np.uint8)
        return PointCloud(self.xyz[:n], self.classification[:n], self.intensity[:n], rgb,
                          crs, path, total)


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
                crs=_crs(h),
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
        crs = _crs(header)
        total = int(header.point_count)
        try:
            if is_copc(header):
                return self._read_copc(path, feedback, budget, crs, total)
            return self._read_strided(path, feedback, budget, crs, total)
        except (DataError, Canceled):
            raise
        except Exception as exc:  # lazrs / laspy raise many kinds on corrupt data
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
        seen = 0
        with _open(path, decompression_selection=selection) as reader:
            out = _Collector(-(-total // stride), reader.header.point_format)
            for chunk in reader.chunk_iterator(CHUNK):
                first = (-seen) % stride            # keep global indices 0, k, 2k...
                seen += len(chunk)
                out.add(chunk[first::stride] if stride > 1 else chunk)
                feedback.progress(seen / max(total, 1), f"Reading {path.name}")
        return out.cloud(crs, path, total)

    def _read_copc(self, path, feedback, budget, crs, total) -> PointCloud:
        import laspy
        kept, level = 0, 0
        with laspy.CopcReader.open(str(path)) as reader:
            out = _Collector(min(budget, total), reader.header.point_format)
            while kept < budget:
                points = reader.query(level=level)
                if len(points) == 0:
                    break
                room = budget - kept
                if len(points) > room:  # the budget is a ceiling: thin the last level evenly
                    points = points[:: -(-len(points) // room)]
                out.add(points)
                kept += len(points)
                level += 1
                feedback.progress(min(kept / max(min(budget, total), 1), 1.0),
                                  f"Reading {path.name} (octree level {level})")
        if kept < total:
            feedback.warn(f"{path.name}: COPC levels 0–{level - 1}: {kept:,} of {total:,} points")
        return out.cloud(crs, path, total)
