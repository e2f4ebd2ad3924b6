"""A COPC file's octree read straight into numpy arrays (no Qt, no VTK).

laspy's ``CopcReader`` builds a Python object per hierarchy entry and per node (an IGN
tile has thousands): opening twelve tiles cost a second before any point was decoded.
Here each hierarchy page is one ``np.frombuffer`` of its 32-byte entries, and the nodes'
cubes come from their keys in one vectorised step; the pages are followed breadth first
(a tile has a handful)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from twin.core.errors import DataError
from twin.core.i18n import message

ENTRY = np.dtype([("level", "<i4"), ("x", "<i4"), ("y", "<i4"), ("z", "<i4"),
                  ("offset", "<u8"), ("size", "<i4"), ("count", "<i4")])
MAX_PAGES = 100_000        # a loop of pages pointing at each other ends here


@dataclass
class Octree:
    """The nodes of a COPC file that hold a LAZ chunk (or none: count 0)."""

    key: np.ndarray        # (N, 4) int64: level, x, y, z
    offset: np.ndarray     # (N,) int64: where the node's LAZ chunk starts
    size: np.ndarray       # (N,) int64: its bytes
    count: np.ndarray      # (N,) int64: its points
    lo: np.ndarray         # (N, 3) the node's cube, in the file's coordinates
    hi: np.ndarray
    spacing: float         # the root's point spacing (halved at each level)
    laszip: bytes          # the LasZip VLR's record data, for lazrs
    point_format: object   # laspy's PointFormat
    scales: np.ndarray
    offsets: np.ndarray

    def __len__(self) -> int:
        return len(self.key)

    def chunk_table(self, rows: np.ndarray) -> list[tuple[int, int]]:
        """lazrs's (points, bytes) of each node in ``rows``."""
        return [(int(c), int(s)) for c, s in zip(self.count[rows], self.size[rows])]


def read_octree(path: str | Path, header=None) -> Octree:
    """The octree of ``path`` (a COPC file); ``header``: its laspy header, when already read.
    A DataError naming the file when the hierarchy cannot be read."""
    import laspy
    path = Path(path)
    if header is None:
        with laspy.open(path) as reader:
            header = reader.header
    info = next((v for v in header.vlrs if type(v).__name__ == "CopcInfoVlr"), None)
    laszip = next((v for v in header.vlrs if type(v).__name__ == "LasZipVlr"), None)
    if info is None or laszip is None:
        raise DataError(message("is not a COPC file (no COPC info or LasZip VLR)"), path=path,
                        hint=message("the file may be truncated or corrupt; fetch it again"))
    entries = _entries(path, int(info.hierarchy_root_offset), int(info.hierarchy_root_size))
    entries = entries[entries["count"] >= 0]
    key = np.column_stack([entries[k].astype(np.int64) for k in ("level", "x", "y", "z")])
    order = np.lexsort(key.T[::-1])                 # by level, then x, y, z
    key, entries = key[order], entries[order]
    half = float(info.halfsize)
    root_lo = np.asarray(info.center, float) - half
    side = (2 * half / 2.0 ** key[:, 0])[:, None]
    lo = root_lo + key[:, 1:] * side
    return Octree(key=key, offset=entries["offset"].astype(np.int64), size=entries["size"].astype(np.int64),
                  count=entries["count"].astype(np.int64), lo=lo, hi=lo + side, spacing=float(info.spacing),
                  laszip=laszip.record_data, point_format=header.point_format,
                  scales=np.asarray(header.scales), offsets=np.asarray(header.offsets))


def _entries(path: Path, root_offset: int, root_size: int) -> np.ndarray:
    """Every entry of every hierarchy page, the root page's first."""
    pages, todo, seen = [], [(root_offset, root_size)], set()
    file_size = path.stat().st_size
    with open(path, "rb") as fh:
        while todo:
            offset, size = todo.pop(0)
            if (offset, size) in seen:
                continue
            seen.add((offset, size))
            if len(seen) > MAX_PAGES or size < 0 or size % ENTRY.itemsize or offset + size > file_size:
                raise DataError(message("its COPC hierarchy is corrupt (a page of {:,} bytes at {:,}, file "
                                        "of {:,})").format(size, offset, file_size), path=path,
                                hint=message("the file may be truncated or corrupt; fetch it again"))
            fh.seek(offset)
            page = np.frombuffer(fh.read(size), dtype=ENTRY)
            pages.append(page)
            child = page[page["count"] == -1]
            todo += [(int(o), int(s)) for o, s in zip(child["offset"], child["size"])]
    return np.concatenate(pages) if pages else np.empty(0, ENTRY)
