"""A LAZ file's compression record checked before lazrs sees it.

lazrs trusts the laszip VLR: with a damaged chunk size or EVLR offset it can spin for
ever or abort the whole process (found by fuzzing: tests/importers/test_fuzz_headers.py),
and no Python ``except`` catches an abort. So the fields it sizes its work by are checked
here first, against the LASzip specification and the file's own size."""

from __future__ import annotations

import struct
from pathlib import Path

from twin.core.errors import DataError
from twin.core.i18n import message

VARIABLE_CHUNKS = 0xFFFFFFFF
MAX_CHUNK = 5_000_000          # laszip writes 50 000; PDAL and LAStools stay far below this
ITEM_TYPES = set(range(0, 15))  # BYTE … BYTE14 of the LASzip item list


def check_laszip(path: Path) -> None:
    """Raises DataError, saying what is damaged, when lazrs should not be given ``path``."""
    size = path.stat().st_size
    damaged = lambda what: DataError(message("is a damaged LAZ file: {}").format(what), path=path,
                                     hint=message("fetch it again; a file cut or altered in transfer "
                                                  "cannot be decoded"))
    with path.open("rb") as f:
        head = f.read(375)
        if len(head) < 104:
            raise damaged(message("its header is cut short"))
        header_size, point_offset, vlr_count = struct.unpack_from("<HII", head, 94)
        f.seek(0)
        head = f.read(point_offset + 8)
    at, record = header_size, None
    for _ in range(vlr_count):
        if at + 54 > len(head):
            raise damaged(message("its variable-length records run past the point data"))
        user, rid, length = head[at + 2:at + 18].rstrip(b"\0"), *struct.unpack_from("<HH", head, at + 18)
        if user == b"laszip encoded" and rid == 22204:
            record = head[at + 54:at + 54 + length]
        at += 54 + length
    if record is None:
        raise damaged(message("it has no laszip record"))
    if len(record) < 34:
        raise damaged(message("its laszip record is cut short"))
    compressor, coder, _, _, _, _, chunk, n_special, special_at, n_items = struct.unpack_from("<HHBBHIIqqH", record)
    if compressor not in (1, 2, 3) or coder != 0:
        raise damaged(message("unknown compressor {} or coder {}").format(compressor, coder))
    if not 1 <= n_items <= 16 or len(record) != 34 + 6 * n_items:
        raise damaged(message("its laszip record lists {} items in {} bytes").format(n_items, len(record)))
    items = [struct.unpack_from("<HHH", record, 34 + 6 * k) for k in range(n_items)]
    if any(kind not in ITEM_TYPES for kind, _, _ in items):
        raise damaged(message("its laszip record lists an unknown item type"))
    if chunk != VARIABLE_CHUNKS and not 1 <= chunk <= MAX_CHUNK:
        raise damaged(message("chunk size {:,}").format(chunk))
    if (n_special, special_at) != (-1, -1) and not (0 <= n_special < 1_000 and 0 <= special_at <= size):
        raise damaged(message("its special EVLRs lie outside the file"))
    if len(head) < point_offset + 8:
        raise damaged(message("it ends before its point data"))
    (table_at,) = struct.unpack_from("<q", head, point_offset)
    if table_at == -1:            # not written yet (a writer stopped early): lazrs reads the chunks in order
        return
    if not point_offset + 8 <= table_at <= size - 8:
        raise damaged(message("its chunk table offset {:,} lies outside the file ({:,} bytes)").format(
                          table_at, size))
    with path.open("rb") as f:
        f.seek(table_at)
        version, chunks = struct.unpack("<II", f.read(8))
    points = struct.unpack_from("<Q", head, 247)[0] if header_size >= 375 else 0
    points = points or struct.unpack_from("<I", head, 107)[0]
    expected = -(-points // chunk) if chunk != VARIABLE_CHUNKS else None
    if version != 0 or (expected is not None and chunks != expected) or not chunks <= max(points, 1):
        raise damaged(message("its chunk table (at byte {:,}) does not match its {:,} points").format(
                          table_at, points))
