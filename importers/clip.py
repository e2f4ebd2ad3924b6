"""A commune's window on a larger file: the outline (plus its buffer) a layer is read
within, brought into the file's CRS, and the cut of what crosses its edge."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from twin.core.errors import DataError
from twin.core.i18n import message


def clip_mask(clip: Path, file_crs):
    """The clip file's polygons as one prepared geometry in ``file_crs`` (a file with no
    CRS is taken to be in the clip's, which is the scene's)."""
    import pyogrio
    import shapely
    clip = Path(clip)
    try:
        frame = pyogrio.read_dataframe(clip)
    except Exception as exc:
        raise DataError(message("the layer's clip outline cannot be read ({})").format(
                            str(exc).splitlines()[0][:160]),
                        path=clip, hint=message("build the scene again (twin build-scene --commune), or "
                                                "remove clip from the layer to read the whole file")) from None
    polygons = shapely.get_type_id(frame.geometry.values) if len(frame) else np.zeros(0)
    if not len(frame) or not np.isin(polygons, (3, 6)).all():
        raise DataError(message("a clip outline must hold polygons"), path=clip,
                        hint=message("build the scene again, or remove clip from the layer"))
    if file_crs is not None and frame.crs is not None:
        frame = frame.to_crs(file_crs)
    mask = shapely.union_all(frame.geometry.values)
    shapely.prepare(mask)
    return mask


def cut_to(geoms: np.ndarray, mask) -> np.ndarray:
    """Lines and polygons cut to ``mask``; those wholly inside are kept as they are (the
    cut loses heights, which draped layers do not use)."""
    import shapely
    out = np.asarray(geoms, dtype=object).copy()
    crossing = ~shapely.within(out, mask)
    if crossing.any():
        out[crossing] = shapely.intersection(shapely.force_2d(out[crossing]), mask)
    return out
