"""Measurements on points picked in the view (scene coordinates, metres): a path's length
straight, level and along the ground, a height between two points, a drawn polygon's
area and perimeter, a building's height and ground altitude.

"Along the ground" follows the terrain under the path, sampled at the DTM's resolution:
the distance a pedestrian walks, longer than the level one on a slope."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import shapely

MAX_SAMPLES = 200_000      # ground samples for one path, whatever its length


@dataclass
class Measurement:
    """What a measurement found; ``values`` holds metres and square metres by name."""

    mode: str                          # distance | height | area | building
    points: np.ndarray                 # (N, 3) the points picked, scene coordinates
    values: dict[str, float] = field(default_factory=dict)
    segments: np.ndarray | None = None     # (N-1,) straight length of each leg (distance, area)


def path_lengths(points) -> tuple[float, float, np.ndarray]:
    """(straight 3D length, level 2D length, each leg's 3D length) of a polyline."""
    pts = np.asarray(points, float).reshape(-1, 3)
    legs = np.diff(pts, axis=0)
    straight = np.linalg.norm(legs, axis=1)
    return float(straight.sum()), float(np.linalg.norm(legs[:, :2], axis=1).sum()), straight


def ground_length(points, ground: Callable, step: float) -> float:
    """Length of the path draped on the terrain: each leg sampled every ``step`` metres
    (the DTM's resolution) at once, heights from ``ground(x, y)``."""
    pts = np.asarray(points, float).reshape(-1, 3)
    if len(pts) < 2:
        return 0.0
    level = np.linalg.norm(np.diff(pts[:, :2], axis=0), axis=1)
    step = max(float(step), level.sum() / MAX_SAMPLES, 1e-3)
    counts = np.maximum(1, np.ceil(level / step).astype(np.int64))       # samples per leg, its start included
    leg = np.repeat(np.arange(len(level)), counts)
    first = np.repeat(np.cumsum(counts) - counts, counts)
    t = (np.arange(counts.sum()) - first) / counts[leg]
    xy = pts[:-1, :2][leg] + t[:, None] * (pts[1:, :2] - pts[:-1, :2])[leg]
    xy = np.vstack([xy, pts[-1:, :2]])
    z = ground(xy[:, 0], xy[:, 1])
    return float(np.linalg.norm(np.diff(np.c_[xy, z], axis=0), axis=1).sum())


def measure_distance(points, ground: Callable | None = None, step: float = 1.0) -> Measurement:
    straight, level, legs = path_lengths(points)
    values = {"straight": straight, "horizontal": level}
    if ground is not None:
        values["ground"] = ground_length(points, ground, step)
    return Measurement("distance", np.asarray(points, float).reshape(-1, 3), values, legs)


def measure_height(a, b) -> Measurement:
    a, b = np.asarray(a, float), np.asarray(b, float)
    return Measurement("height", np.vstack([a, b]),
                       {"height": float(b[2] - a[2]), "horizontal": float(np.hypot(*(b[:2] - a[:2]))),
                        "from": float(a[2]), "to": float(b[2])})


def measure_area(points) -> Measurement:
    """A drawn polygon's level area and perimeter (as a map gives them), and the mean
    altitude of its corners."""
    pts = np.asarray(points, float).reshape(-1, 3)
    polygon = shapely.Polygon(pts[:, :2])
    ring = np.vstack([pts, pts[:1]])
    _straight, _level, legs = path_lengths(ring)
    values = {"area": float(polygon.area), "perimeter": float(polygon.length), "altitude": float(pts[:, 2].mean())}
    if not polygon.is_valid:
        values["self_crossing"] = 1.0
    return Measurement("area", pts, values, legs)


def measure_building(point, attributes: dict, ground: Callable | None) -> Measurement:
    """At a click: the ground altitude there, and on a building its height (the layer's
    ``height``, else ``hauteur``), its ground altitude and the roof altitude it gives."""
    point = np.asarray(point, float)
    values: dict[str, float] = {"clicked": float(point[2])}
    ground_z = attributes.get("ground_z")
    if ground_z is None or not np.isfinite(_number(ground_z)):
        ground_z = float(ground(np.array([point[0]]), np.array([point[1]]))[0]) if ground is not None else np.nan
    values["ground"] = _number(ground_z)
    height = next((_number(attributes[k]) for k in ("height", "hauteur", "HAUTEUR") if k in attributes
                   and np.isfinite(_number(attributes[k]))), np.nan)
    if np.isfinite(height):
        values["height"] = height
        if np.isfinite(values["ground"]):
            values["roof"] = values["ground"] + height
    return Measurement("building", point[None, :], values)


def _number(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")
