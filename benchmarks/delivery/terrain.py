"""The ground every product of the delivery agrees on: one analytic relief (plateaus near
85 m cut by a river valley near 55 m, as around Arras and the Scarpe), the river's
channel, and the edge of the LiDAR survey. The MNT tiles, the LiDAR ground points, the
buildings' ground altitudes and the roads' Z all sample the same function, so they agree
to the centimetre wherever they meet."""

from __future__ import annotations

from pathlib import Path

import numpy as np

CRS = "EPSG:2154"
ARRAS = (684_000.0, 7_021_500.0)       # the centre of the commune the delivery is about
TILE = 1000.0                          # LiDAR HD and its MNT come in 1 km tiles
TILES_X = (682_000.0, 683_000.0, 684_000.0, 685_000.0)
TILES_Y = (7_020_000.0, 7_021_000.0, 7_022_000.0)
RIVER_HALF_WIDTH = 9.0                 # a canalised river, 18 m across
NODATA = -99999.0                      # LiDAR HD MNT's nodata


class Land:
    """The relief and the river, fixed by a seed (the phases of its undulations)."""

    def __init__(self, seed: int):
        rng = np.random.default_rng([seed, 1])
        self.phase = rng.uniform(0, 2 * np.pi, 8)

    # -- the river: a sinuous line y = f(x) crossing the territory west to east ----------
    def river_y(self, x: np.ndarray) -> np.ndarray:
        u = (np.asarray(x, float) - ARRAS[0])
        return ARRAS[1] + 700 + 320 * np.sin(u / 2100 + self.phase[0]) + 110 * np.sin(u / 650 + self.phase[1])

    def river_slope(self, x: np.ndarray) -> np.ndarray:
        u = (np.asarray(x, float) - ARRAS[0])
        return 320 / 2100 * np.cos(u / 2100 + self.phase[0]) + 110 / 650 * np.cos(u / 650 + self.phase[1])

    def river_distance(self, x, y) -> np.ndarray:
        """Signed distance to the river's centre line (north positive), exact enough
        for a line this gently curved."""
        x, y = np.asarray(x, float), np.asarray(y, float)
        return (y - self.river_y(x)) / np.sqrt(1 + self.river_slope(x) ** 2)

    def water_level(self, x) -> np.ndarray:
        """The water surface: a metre below the banks, falling gently downstream (east)."""
        x = np.asarray(x, float)
        return self._dry(x, self.river_y(x)) - 1.0 - 0.0002 * (x - ARRAS[0])

    def in_channel(self, x, y) -> np.ndarray:
        return np.abs(self.river_distance(x, y)) < RIVER_HALF_WIDTH

    # -- the relief -------------------------------------------------------------------------
    def _dry(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        p = self.phase
        d = self.river_distance(x, y)
        valley = 30 * (1 - np.exp(-(d / 950) ** 2))                # 55 m by the water, 85 m on top
        return (54 + valley
                + 6 * np.sin(x / 2900 + p[2]) * np.cos(y / 2300 + p[3])     # long swells
                + 2.5 * np.sin((x + y) / 1300 + p[4])
                + 0.8 * np.sin(x / 170 + p[5]) * np.sin(y / 230 + p[6])     # field-scale
                + 0.12 * np.sin(x / 13 + p[7]) * np.cos(y / 17 - p[7]))     # micro-relief

    def z(self, x, y) -> np.ndarray:
        """Ground altitude (NGF-IGN69, metres); the channel floor is the water surface,
        as LiDAR HD's MNT flattens water."""
        x, y = np.asarray(x, float), np.asarray(y, float)
        return np.where(self.in_channel(x, y), self.water_level(x), self._dry(x, y))

    # -- the survey -------------------------------------------------------------------------
    @staticmethod
    def surveyed(x, y) -> np.ndarray:
        """Inside the LiDAR survey block: its edge clips the east of the eastern tiles and
        the south-west corner, where the MNT holds nodata and the clouds hold no point."""
        x, y = np.asarray(x, float), np.asarray(y, float)
        east = x < 685_700 + 150 * np.sin(y / 350)
        corner = (x - TILES_X[0]) + (y - TILES_Y[0]) > 350 + 80 * np.sin(x / 120)
        return east & corner


def tile_name(x0: float, y0: float, kind: str, resolution: float | None = None) -> str:
    """LiDAR HD's names: the tile's top-left corner in km, e.g.
    ``LHD_FXX_0684_7022_PTS_C_LAMB93_IGN69.copc.laz`` (x 684–685 km, y 7021–7022 km)."""
    x, y = int(round(x0 / 1000)), int(round((y0 + TILE) / 1000))
    if kind == "PTS":
        return f"LHD_FXX_{x:04d}_{y:04d}_PTS_C_LAMB93_IGN69.copc.laz"
    metres, cm = int(resolution), int(round((resolution - int(resolution)) * 100))
    return f"LHD_FXX_{x:04d}_{y:04d}_MNT_A_{metres}M{cm:02d}_LAMB93_IGN69.tif"


def tiles() -> list[tuple[float, float]]:
    """The 12 tiles' lower-left corners, west to east then south to north."""
    return [(x0, y0) for y0 in TILES_Y for x0 in TILES_X]


def write_mnt(land: Land, folder: Path, x0: float, y0: float, pixels: int) -> Path:
    """One MNT tile, float32, ``pixels`` × ``pixels`` over 1 km, nodata outside the survey."""
    import rasterio
    from rasterio.transform import from_origin
    res = TILE / pixels
    centres = x0 + (np.arange(pixels) + 0.5) * res
    xs, ys = np.meshgrid(centres, y0 + TILE - (np.arange(pixels) + 0.5) * res)
    z = np.round(land.z(xs, ys), 2).astype(np.float32)
    z[~land.surveyed(xs, ys)] = NODATA
    path = folder / tile_name(x0, y0, "MNT", res)
    tmp = path.with_name(f".{path.name}.part")
    profile = dict(driver="GTiff", width=pixels, height=pixels, count=1, dtype="float32", crs=CRS,
                   transform=from_origin(x0, y0 + TILE, res, res), nodata=NODATA, compress="lzw",
                   tiled=True, blockxsize=256, blockysize=256)
    with rasterio.open(tmp, "w", **profile) as dst:
        dst.write(z, 1)
        dst.update_tags(AREA_OR_POINT="Area")
    tmp.replace(path)
    return path
