"""LoD1 building heights from attributes, in a stated order of preference.

BD TOPO ships the same fields under two spellings (GeoPackage ``hauteur``,
``altitude_maximale_toit``, ``nombre_d_etages``; shapefile ``HAUTEUR``, ``Z_MAX_TOIT``,
``NB_ETAGES``); both are recognised. Zero or negative values mean "unknown" in BD TOPO."""

from __future__ import annotations

import numpy as np
import pandas as pd

from twin.core.layers import HeightRule

ALIASES = {
    "hauteur": ("hauteur", "height", "h"),
    "altitude_maximale_toit": ("altitude_maximale_toit", "z_max_toit"),
    "altitude_minimale_sol": ("altitude_minimale_sol", "z_min_sol"),
    "nombre_d_etages": ("nombre_d_etages", "nb_etages", "etages"),
}
# indices are stable (frames and tests hold them); the order of preference is in resolve_heights
SOURCES = ("attribute", "roof-altitude", "floors", "default", "lidar")
MAX_HEIGHT = 500.0  # taller than any French building: a larger value is a unit or data error


def find_column(frame: pd.DataFrame, name: str) -> str | None:
    """The frame's column for ``name``, case-insensitive, BD TOPO aliases included."""
    if not name:
        return None
    lower = {c.lower(): c for c in frame.columns}
    for candidate in (name.lower(), *ALIASES.get(name.lower(), ())):
        if candidate in lower:
            return lower[candidate]
    return None


def _positive(frame: pd.DataFrame, column: str | None) -> np.ndarray:
    if column is None:
        return np.full(len(frame), np.nan)
    values = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float, copy=True)
    values[~(values > 0)] = np.nan
    return values


def resolve_heights(frame: pd.DataFrame, ground: np.ndarray, rule: HeightRule,
                    measured: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Height per feature and the index into SOURCES of where it came from. ``measured``
    (LiDAR heights, NaN where none is trusted) ranks after the attributes, which are
    surveyed, and before floors × storey height, which is a guess."""
    n = len(frame)
    height = np.full(n, np.nan)
    source = np.full(n, SOURCES.index("default"), dtype=np.int8)
    candidates = [
        (SOURCES.index("attribute"), _positive(frame, find_column(frame, rule.height_field))),
        (SOURCES.index("roof-altitude"), _positive(frame, find_column(frame, rule.roof_altitude_field)) - ground),
        (SOURCES.index("lidar"), np.full(n, np.nan) if measured is None else np.asarray(measured, float)),
        (SOURCES.index("floors"), _positive(frame, find_column(frame, rule.floors_field)) * rule.storey_height),
    ]
    for i, values in candidates:
        values = np.where((values > 0) & (values < MAX_HEIGHT), values, np.nan)
        take = np.isnan(height) & ~np.isnan(values)
        height[take] = values[take]
        source[take] = i
    height[np.isnan(height)] = rule.default_height
    return height, source
