"""What every reader of LAS/LAZ/COPC needs from a header, in one place: the LAZ backend,
the CRS (IGN files exist with an empty WKT VLR) and whether the file is COPC."""

from __future__ import annotations

from twin.core.crs import crs_name


def laz_backend():
    import laspy
    available = laspy.LazBackend.detect_available()
    return available[0] if available else None


def header_crs(header) -> str | None:
    """The file's CRS, None when absent or empty."""
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
