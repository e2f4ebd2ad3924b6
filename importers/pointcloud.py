"""LAS / LAZ / COPC point clouds (IGN LiDAR HD and others), through laspy + lazrs.

Reading respects a point budget: a COPC file is read level by level from the root of its
octree until the budget is met; a plain LAS/LAZ is streamed chunk by chunk keeping every
k-th point, decoding only the dimensions a view needs (LAS 1.4 layered chunks).

For views that refine as the camera moves, ``open_tile`` hands over the file's node
hierarchy (the COPC octree; a plain file is a single node) and decodes one node at a
time, so twin.lod can choose nodes by screen-space error."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from twin.core.data import FileInfo, Hierarchy, PointCloud
from twin.core.errors import Canceled, DataError
from twin.core.feedback import Feedback
from twin.lod.copc import read_octree
from twin.lod.laz_decode import decode_node, warm
from twin.lod.las import header_crs, is_copc, laz_backend
from twin.io.sniff import head
from twin.core.i18n import message

DEFAULT_BUDGET = 2_000_000
CHUNK = 500_000           # points a decode call fills: 15 MB of records for LiDAR HD
WHOLE_CHUNK = 2_000_000   # the same when every point is read: lazrs allocates its work per call, and
                          # smaller calls' memory went back to the system and faulted in again each time
                          # (5 M points: 1 s of system time at 500 k or 1 M a call, 0.05 s at 2 M)
_DECODE_ERRORS = "the file is probably truncated or corrupt; fetch it again"


def _open(path: Path, **kwargs):
    import laspy
    from laspy.errors import LaspyException
    try:
        reader = laspy.open(path, laz_backend=laz_backend(), **kwargs)
    except (LaspyException, ValueError, OSError) as exc:
        raise DataError(message("cannot be read as LAS/LAZ ({})").format(exc), path=path,
                        hint=message("the file may be truncated or corrupt; fetch it again")) from None
    h = reader.header
    if h.are_points_compressed:       # before lazrs, which a damaged record can abort
        from twin.lod.laz_check import check_laszip
        try:
            check_laszip(Path(path))
        except DataError:
            reader.close()
            raise
    return reader


def _view_selection():
    """The dimensions a view needs: LAZ 1.4 decodes only these layers."""
    import laspy
    s = laspy.DecompressionSelection
    return s.base() | s.Z | s.CLASSIFICATION | s.INTENSITY | s.RGB


class _Collector:
    """Fills preallocated arrays chunk by chunk: no per-chunk lists to concatenate, the
    coordinates kept as the file's integers (a PointCloud on the file's grid)."""

    def __init__(self, capacity: int, point_format):
        names = set(point_format.dimension_names)
        self._ints = np.empty((3, capacity), np.int32)   # one contiguous row per axis: faster to fill
        self.classification = np.empty(capacity, np.uint8)
        self.intensity = np.empty(capacity, np.uint16)
        self.rgb = np.empty((capacity, 3), np.uint16) if {"red", "green", "blue"} <= names else None
        self.scales = self.offsets = None
        self.n = 0

    def add(self, points) -> None:
        k = len(points)
        sl = slice(self.n, self.n + k)
        raw = points.array
        if self.scales is None:
            self.scales, self.offsets = np.asarray(points.scales, float), np.asarray(points.offsets, float)
        for i, dim in enumerate("XYZ"):
            self._ints[i, sl] = raw[dim]
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
        scales = self.scales if self.scales is not None else np.ones(3)
        offsets = self.offsets if self.offsets is not None else np.zeros(3)
        return PointCloud(self._ints[:, :n].T, self.classification[:n], self.intensity[:n], rgb,
                          crs, path, total, scale=scales, offset=offsets)


def _whole(reader, total: int, feedback: Feedback, name: str) -> np.ndarray | None:
    """Every record of a LAZ file decoded by lazrs straight into one array, WHOLE_CHUNK
    points a call (progress, cancel between calls), which the cloud then views rather
    than copies: the read costs what a bare ``laspy.read`` does. None for a file lazrs
    does not decode."""
    lazrs = getattr(reader.point_source, "decompressor", None)
    if lazrs is None:
        return None
    dtype = reader.header.point_format.dtype()
    # a bytearray, as laspy.read allocates: numpy asks the kernel for huge pages for a large
    # array (madvise), whose first touch cost up to a second of system time in 5 M points
    # on a virtual machine; ordinary pages fault in as the decoder fills them
    records = np.frombuffer(bytearray(total * dtype.itemsize), dtype)
    step = max(CHUNK, WHOLE_CHUNK)
    for at in range(0, total, step):
        lazrs.decompress_many(records[at:at + step].view(np.uint8))
        feedback.progress(min(at + step, total) / max(total, 1), f"Reading {name}")
    return records


def _cloud_of_records(records: np.ndarray, header, crs, path, total) -> PointCloud:
    """A PointCloud over a record array, its columns viewed in place: X, Y, Z are the first
    12 bytes of every LAS point format, red, green, blue three consecutive uint16."""
    import laspy
    n, size = len(records), records.dtype.itemsize
    rows = records.view(np.uint8).reshape(n, size)
    coords = rows[:, :12].view(np.int32)
    points = laspy.ScaleAwarePointRecord(records, header.point_format, header.scales, header.offsets)
    classification = np.asarray(points.classification, np.uint8)   # a view where it is a whole byte (PF 6–10)
    rgb = None
    if "red" in records.dtype.names:
        at = records.dtype.fields["red"][1]
        rgb16 = rows[:, at:at + 6].view(np.uint16)
        # LAS stores 16-bit colour; some writers put 8-bit values in it
        rgb = (rgb16 >> 8).astype(np.uint8) if rgb16.max(initial=0) > 255 else rgb16.astype(np.uint8)
    return PointCloud(coords, classification, records["intensity"], rgb, crs, path, total,
                      scale=np.asarray(header.scales, float), offset=np.asarray(header.offsets, float))


def _chunks(reader, total: int):
    """The file's points CHUNK at a time. A LAZ is decoded by lazrs, which lets go of the
    GIL, in a thread, into two buffers used in turn: the next chunk decodes while the
    caller converts this one, and no fresh pages are touched per chunk (laspy's iterator
    allocates a new buffer each time, whose pages cost as much as a tenth of the
    decoding). Other files go through laspy."""
    import laspy
    lazrs = getattr(reader.point_source, "decompressor", None)
    if lazrs is None:
        yield from reader.chunk_iterator(CHUNK)
        return
    h = reader.header
    fmt = h.point_format
    buffers = [np.empty(min(CHUNK, total), fmt.dtype()) for _ in range(2)]

    def decode(i: int, k: int) -> np.ndarray:
        lazrs.decompress_many(buffers[i][:k].view(np.uint8))
        return buffers[i][:k]

    with ThreadPoolExecutor(1, thread_name_prefix="laz-decode") as decoder:
        sizes = [min(CHUNK, total - at) for at in range(0, total, CHUNK)]
        ahead = decoder.submit(decode, 0, sizes[0]) if sizes else None
        for i, _ in enumerate(sizes):
            records = ahead.result()
            # the caller is done with the buffer of the chunk before: decode into it
            ahead = decoder.submit(decode, (i + 1) % 2, sizes[i + 1]) if i + 1 < len(sizes) else None
            yield laspy.ScaleAwarePointRecord(records, fmt, h.scales, h.offsets)


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
                raise DataError(message("point data cannot be decoded ({})").format(exc), path=path,
                                hint=message("the file is probably truncated; fetch it again")) from None
            return FileInfo(
                path=path, kind="pointcloud", importer=self.name, count=int(h.point_count),
                crs=header_crs(h),
                bounds=(float(h.mins[0]), float(h.mins[1]), float(h.maxs[0]), float(h.maxs[1])),
                details={"z_range": [float(h.mins[2]), float(h.maxs[2])],
                         "point_format": h.point_format.id, "version": str(h.version),
                         "copc": is_copc(h), "classes": sorted(int(c) for c in classes),
                         "dimensions": list(h.point_format.dimension_names),
                         "compressed": path.suffix.lower() == ".laz"})

    def read(self, path: Path, feedback: Feedback | None = None,
             budget: int = DEFAULT_BUDGET) -> PointCloud:
        feedback = feedback or Feedback()
        # opened once, decoding only what a view needs (a COPC file is reopened as one)
        reader = _open(path, decompression_selection=_view_selection())
        try:
            header = reader.header
            crs = header_crs(header)
            total = int(header.point_count)
            if is_copc(header):
                reader.close()
                return self._read_copc(path, feedback, budget, crs, total)
            return self._read_strided(reader, path, feedback, budget, crs, total)
        except (DataError, Canceled):
            raise
        except Exception as exc:  # lazrs / laspy raise many kinds on corrupt data
            raise DataError(message("point data cannot be decoded ({})").format(exc), path=path,
                            hint=message("the file is probably truncated or corrupt; fetch it again")) from None
        finally:
            reader.close()

    def open_tile(self, path: Path, budget: int = DEFAULT_BUDGET) -> "CopcTile | FlatTile":
        """The file as a tree of nodes to decode one by one (``budget`` caps a plain file,
        which is one node read by striding)."""
        with _open(path) as reader:
            header = reader.header
        if is_copc(header):
            return CopcTile(path, header)
        return FlatTile(path, header, self, budget)

    def _read_strided(self, reader, path, feedback, budget, crs, total) -> PointCloud:
        stride = max(1, -(-total // budget))
        if stride > 1:
            feedback.warn(message("{}: {:,} points, showing 1 in {} "
                                  "({:,}) within the point budget").format(
                path.name, total, stride, -(-total // stride)))
        if stride == 1 and (records := _whole(reader, total, feedback, path.name)) is not None:
            return _cloud_of_records(records, reader.header, crs, path, total)
        seen = 0
        out = _Collector(-(-total // stride), reader.header.point_format)
        for chunk in _chunks(reader, total):
            first = (-seen) % stride            # keep global indices 0, k, 2k...
            seen += len(chunk)
            out.add(chunk[first::stride] if stride > 1 else chunk)
            feedback.progress(seen / max(total, 1), f"Reading {path.name}")
        return out.cloud(crs, path, total)

    def _read_copc(self, path, feedback, budget, crs, total) -> PointCloud:
        import laspy
        kept, level = 0, 0
        with laspy.CopcReader.open(str(path), decompression_selection=_view_selection()) as reader:
            out = _Collector(min(budget, total), reader.header.point_format)
            while kept < budget:
                points = reader.query(level=level)
                if len(points) == 0:
                    break
                room = budget - kept
                last = len(points) > room
                if last:  # the budget is a ceiling: thin the last level evenly
                    points = points[:: -(-len(points) // room)]
                out.add(points)
                kept += len(points)
                level += 1
                feedback.progress(min(kept / max(min(budget, total), 1), 1.0),
                                  f"Reading {path.name} (octree level {level})")
                if last:   # a deeper level, decoded whole, would add only a thinned handful
                    break
        if kept < total:
            feedback.warn(message("{}: COPC levels 0–{}: {:,} of {:,} points").format(
                path.name, level - 1, kept, total))
        return out.cloud(crs, path, total)


class CopcTile:
    """A COPC file: its whole octree hierarchy up front (a few ms), nodes decoded on demand
    straight from their LAZ chunks, with only the dimensions a view needs."""

    def __init__(self, path: Path, header):
        self.path, self.crs, self.total = path, header_crs(header), int(header.point_count)
        try:
            tree = read_octree(path, header)
        except DataError:
            raise
        except Exception as exc:
            raise DataError(message("its COPC octree cannot be read ({})").format(exc), path=path, hint=_DECODE_ERRORS) from None
        if not len(tree):
            raise DataError(message("its COPC octree has no nodes"), path=path, hint=_DECODE_ERRORS)
        self._laszip, self._format = tree.laszip, tree.point_format
        self._scales, self._offsets = tree.scales, tree.offsets
        self._chunks = np.column_stack([tree.offset, tree.size, tree.count])
        warm()                       # the decoding processes start while the view is made
        # a node's cube spans the tile's height too: clip it to the points' own bounds
        lo, hi = np.maximum(tree.lo, header.mins), np.minimum(tree.hi, header.maxs)
        bad = np.any(lo > hi, axis=1)
        lo[bad], hi[bad] = tree.lo[bad], tree.hi[bad]
        level = tree.key[:, 0]
        self.hierarchy = Hierarchy(level=level.astype(np.int32), count=tree.count.copy(),
                                   lo=lo, hi=hi, spacing=tree.spacing / 2.0 ** level,
                                   parent=_parents(tree.key))

    def read_node(self, index: int, feedback: Feedback | None = None) -> PointCloud:
        """One node, decoded in a process of its own (``twin.lod.laz_decode``)."""
        import laspy
        offset, size, count = (int(v) for v in self._chunks[index])
        out = _Collector(count, self._format)
        if count > 0:
            try:
                buf = decode_node(str(self.path), offset, size, count, self._laszip, self._format.size,
                                  int(_view_selection()))
            except Exception as exc:
                raise DataError(message("octree node {} cannot be decoded ({})").format(index, exc), path=self.path,
                                hint=_DECODE_ERRORS) from None
            if buf is None:
                raise DataError(message("octree node {} lies past the end of the file").format(index), path=self.path,
                                hint=_DECODE_ERRORS)
            record = laspy.PackedPointRecord.from_buffer(buf, self._format)
            out.add(laspy.ScaleAwarePointRecord(record.array, self._format, self._scales, self._offsets))
        return out.cloud(self.crs, self.path, self.total)


class FlatTile:
    """A plain LAS/LAZ file: one node, read by striding through the whole file within the
    budget (`twin prepare` turns it into COPC to get levels)."""

    def __init__(self, path: Path, header, importer: PointCloudImporter, budget: int):
        self.path, self.crs, self.total = path, header_crs(header), int(header.point_count)
        self.warning = None
        held = _points_held(path, header)
        if held < self.total:   # a cut download: show what is there, and say so
            self.warning = (f"{path.name}: the header announces {self.total:,} points but the "
                            f"file holds only {held:,} (cut short?); showing those")
            self.total = held
        self._importer, self._budget = importer, max(1, int(budget))
        shown = min(self.total, -(-self.total // max(1, -(-self.total // self._budget))))
        lo, hi = np.asarray(header.mins, float), np.asarray(header.maxs, float)
        area = max(float(np.prod(hi[:2] - lo[:2])), 1e-6)
        self.hierarchy = Hierarchy(level=np.zeros(1, np.int32), count=np.array([shown], np.int64),
                                   lo=lo[None], hi=hi[None],
                                   spacing=np.array([np.sqrt(area / max(shown, 1))]),
                                   parent=np.array([-1], np.int64))

    def read_node(self, index: int, feedback: Feedback | None = None) -> PointCloud:
        try:
            with _open(self.path, decompression_selection=_view_selection()) as reader:
                return self._importer._read_strided(reader, self.path, feedback or Feedback(), self._budget,
                                                    self.crs, self.total)
        except (DataError, Canceled):
            raise
        except Exception as exc:
            raise DataError(message("point data cannot be decoded ({})").format(exc), path=self.path,
                            hint=_DECODE_ERRORS) from None


def _points_held(path: Path, header) -> int:
    """Points an uncompressed LAS body really holds (the header's count for LAZ, whose
    cut files fail to decode instead)."""
    if path.suffix.lower() != ".las" or header.evlrs:
        return int(header.point_count)
    body = path.stat().st_size - header.offset_to_point_data
    return min(int(header.point_count), max(0, body) // header.point_format.size)


def _parents(key: np.ndarray) -> np.ndarray:
    """Row of each node's parent (level − 1, coordinates halved), −1 where none is listed."""
    def pack(k):
        return (k[:, 0] << 60) | (k[:, 1] << 40) | (k[:, 2] << 20) | k[:, 3]
    packed = pack(key)
    order = np.argsort(packed)
    up = np.column_stack([key[:, 0] - 1, key[:, 1:] >> 1])
    wanted = pack(up)
    pos = np.clip(np.searchsorted(packed[order], wanted), 0, len(key) - 1)
    parent = order[pos]
    return np.where((key[:, 0] > 0) & (packed[parent] == wanted), parent, -1).astype(np.int64)
