"""Name what a file's first bytes look like, for errors such as "this .geojson is a PNG"."""

from __future__ import annotations

from pathlib import Path

_MAGIC = [
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"LASF", "a LAS/LAZ point cloud"),
    (b"SQLite format 3\x00", "an SQLite database (GeoPackage?)"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"II+\x00", "a BigTIFF image"),
    (b"\x00\x00\x27\x0a", "an ESRI shapefile (.shp)"),
    (b"glTF", "a binary glTF (GLB) model"),
]


GZIP_SUFFIXES = (".json.gz", ".geojson.gz")     # Etalab's cadastre, as delivered


def is_gzip(path: Path) -> bool:
    return "".join(Path(path).suffixes[-2:]).lower() in GZIP_SUFFIXES


def ogr_path(path: Path) -> str:
    """What GDAL opens: a compressed GeoJSON through /vsigzip/, as if unpacked."""
    return f"/vsigzip/{path}" if is_gzip(path) else str(path)


def head(path: Path, size: int = 512) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(size)


def describe_content(path: Path) -> str:
    try:
        data = head(path)
    except OSError as exc:
        return f"an unreadable file ({exc.strerror})"
    if not data:
        return "an empty file"
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    text = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text[:1] in (b"{", b"["):
        return "JSON text"
    if text[:5].lower() in (b"<!doc", b"<html"):
        return "an HTML page (a download error page?)"
    if text[:1] == b"<":
        return "XML text"
    try:
        data.decode("utf-8")
        return "plain text"
    except UnicodeDecodeError:
        return "binary data of an unknown kind"


def looks_like_json(path: Path) -> bool:
    return head(path, 64).lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")
