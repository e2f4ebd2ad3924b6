"""Relief shading for a terrain with no orthophoto: a multi-directional hillshade baked
per vertex, and a gentle hypsometric tint stretched to the terrain's own range.

A town's terrain has a few metres of relief over kilometres: under the view's lights
alone it renders as one flat colour. The hillshade lights it from the north-west (the
cartographer's convention, so hollows do not read as hills) with a little light from
either side, its slopes exaggerated so that gentle relief still reads; the tint spreads
a soft green-to-ochre ramp over the 2nd–98th percentiles of its heights. Both come from
the height grid's gradient (numpy, no loop) and are the same for any piece of the grid
computed with one vertex of neighbourhood, so chunks of a tiled terrain join seamlessly."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# (azimuth clockwise from north, weight): north-west first, some light from beside it
LIGHTS = ((315.0, 0.55), (270.0, 0.2), (360.0, 0.2), (225.0, 0.05))
ALTITUDE = 45.0              # degrees above the horizon
TARGET_SLOPE = 0.3           # the 95th-percentile slope is exaggerated to this (≈ 17°)
MAX_EXAGGERATION = 6.0
STRENGTH = 0.75              # how far shade departs from the base colour (0: none)
TINT = 0.45                  # how much of the hypsometric ramp mixes into the base colour
RAMP = np.array([[0.62, 0.74, 0.55],     # low ground: meadow green
                 [0.84, 0.85, 0.68],
                 [0.89, 0.84, 0.66],
                 [0.80, 0.70, 0.54]])    # high ground: ochre


@dataclass(frozen=True)
class Relief:
    """What every piece of one terrain shares: its slope exaggeration and the heights
    its tint spans."""

    exaggeration: float
    low: float
    high: float


def relief_of(z: np.ndarray, spacing: float, cells: int = 250_000) -> Relief:
    """The relief parameters of a height grid (NaN for no data) with cells ``spacing``
    apart, measured on at most ``cells`` of them (percentiles need no more)."""
    k = max(1, int(np.ceil(np.sqrt(z.size / cells))))
    z = z[::k, ::k]
    dzdx, dzdy = grid_gradient(z, spacing * k, spacing * k)
    return Relief(exaggeration(dzdx, dzdy), *stretch(z))


def grid_gradient(z: np.ndarray, dx: float, dy: float) -> tuple[np.ndarray, np.ndarray]:
    """∂z/∂x (east) and ∂z/∂y (north) of a north-up grid (row 0 north), 0 where unknown."""
    if min(z.shape) < 2:
        return np.zeros(z.shape), np.zeros(z.shape)
    with np.errstate(invalid="ignore"):
        gy, gx = np.gradient(np.asarray(z, float), dy, dx)
    return np.nan_to_num(gx), np.nan_to_num(-gy)


def exaggeration(dzdx: np.ndarray, dzdy: np.ndarray) -> float:
    """Vertical exaggeration for the hillshade: enough for the terrain's common slopes
    to read, never less than 1 nor more than ``MAX_EXAGGERATION``."""
    slope = np.hypot(dzdx, dzdy).ravel()
    slope = slope[np.isfinite(slope) & (slope > 0)]
    if not len(slope):
        return 1.0
    return float(np.clip(TARGET_SLOPE / max(np.percentile(slope, 95), 1e-6), 1.0, MAX_EXAGGERATION))


def stretch(z: np.ndarray) -> tuple[float, float]:
    """The heights the tint spans: the 2nd and 98th percentiles (a quarry or a spike
    does not flatten the rest)."""
    z = np.asarray(z, float).ravel()
    z = z[np.isfinite(z)]
    if not len(z):
        return 0.0, 1.0
    low, high = np.percentile(z, [2, 98])
    return float(low), float(max(high, low + 1e-3))


def hillshade(dzdx: np.ndarray, dzdy: np.ndarray, exaggerate: float = 1.0) -> np.ndarray:
    """Light per vertex relative to flat ground (1 on the flat, more on slopes facing the
    north-west, less away from it), float32, from the gradient (east, north)."""
    nx, ny = -exaggerate * np.asarray(dzdx, float), -exaggerate * np.asarray(dzdy, float)
    norm = np.sqrt(nx * nx + ny * ny + 1.0)
    alt = np.radians(ALTITUDE)
    light = np.zeros(np.shape(nx))
    for azimuth, weight in LIGHTS:
        az = np.radians(azimuth)
        lx, ly, lz = np.sin(az) * np.cos(alt), np.cos(az) * np.cos(alt), np.sin(alt)
        light += weight * np.maximum((nx * lx + ny * ly + lz) / norm, 0.0)
    flat = sum(w for _, w in LIGHTS) * np.sin(alt)
    return (light / flat).astype(np.float32)


def hillshade_from_normals(normals: np.ndarray, exaggerate: float = 1.0) -> np.ndarray:
    """The same from unit normals (N, 3) pointing up (a mesh's ``Normals``)."""
    nz = np.maximum(normals[:, 2], 1e-6)
    return hillshade(-normals[:, 0] / nz, -normals[:, 1] / nz, exaggerate)


def relief_colors(elevation: np.ndarray, shade: np.ndarray, relief: Relief,
                  base_rgb: np.ndarray) -> np.ndarray:
    """(N, 3) uint8: the base colour tinted by height, lit by the baked hillshade.
    Vertices with no elevation (NaN) take the base colour."""
    base = np.asarray(base_rgb, float) / 255.0
    t = (np.asarray(elevation, float) - relief.low) / (relief.high - relief.low)
    t = np.clip(np.nan_to_num(t, nan=0.5), 0.0, 1.0)
    stops = np.linspace(0.0, 1.0, len(RAMP))
    ramp = np.column_stack([np.interp(t, stops, RAMP[:, k]) for k in range(3)])
    # the ramp's mean lightness is kept to the base colour's, so a dark base stays dark
    ramp *= base.mean() / RAMP.mean()
    color = (1.0 - TINT) * base + TINT * ramp
    light = 1.0 + STRENGTH * (np.nan_to_num(np.asarray(shade, float), nan=1.0) - 1.0)
    return np.clip(color * light[:, None] * 255.0, 0, 255).astype(np.uint8)
