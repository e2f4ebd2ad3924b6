"""What the first frame reads at reduced resolution is the full read, downsampled: the
orthophoto a far chunk reads through the JPEG 2000's own levels, the elevation overview's
vertices (nodata and mask bands checked on those alone), and the draped fills made of
coarser rings."""

from __future__ import annotations

import numpy as np
import pytest
import rasterio
import shapely
from affine import Affine

from tests.tiles import DTM, ORTHO, heights, split, to_jp2
from twin.core.data import RasterGrid
from twin.geometry.drape import FILL_CELLS, drape
from twin.geometry.ground import Ground
from twin.lod.mosaic import ElevationTiles, ImageTiles
from twin.lod.rasters import open_tile, raster_files


def _blocks(img: np.ndarray, k: int) -> np.ndarray:
    h, w = img.shape[0] // k * k, img.shape[1] // k * k
    return img[:h, :w].reshape(h // k, k, w // k, k, -1).astype(float).mean(axis=(1, 3))


@pytest.mark.parametrize("factor", [4, 8])
def test_an_ortho_read_small_is_the_full_read_averaged(shared, tmp_path, factor):
    tiles = [open_tile(to_jp2(tif, tmp_path / "jp2" / tif.with_suffix(".jp2").name))
             for tif in split(shared / ORTHO, tmp_path / "tif")]
    images = ImageTiles(tiles)
    x0, y0, x1, y1 = images.bounds
    side = min(x1 - x0, y1 - y0) * 0.8                          # a box across the four tiles
    box = ((x0 + x1 - side) / 2, (y0 + y1 - side) / 2, (x0 + x1 + side) / 2, (y0 + y1 + side) / 2)
    full_px = int(round(side / images.resolution)) // 64 * 64
    full, full_valid = images.read(box, full_px, full_px)
    small, valid = images.read(box, full_px // factor, full_px // factor)
    assert full_valid.all() and valid.all()
    expected = _blocks(full, factor)
    diff = np.abs(small.astype(float) - expected)
    assert diff.mean() < 4.0 and np.percentile(diff, 99) < 30, (diff.mean(), np.percentile(diff, 99))
    assert np.abs(small.astype(float) - expected[::-1]).mean() > 3 * diff.mean()    # north stays up


def test_the_overview_is_the_full_read_subsampled_nodata_and_masks_included(shared, tmp_path):
    paths = split(shared / DTM, tmp_path / "mnt")
    original = heights(shared / DTM)
    with rasterio.open(paths[1]) as ds:                      # one tile with a mask band, no nodata
        profile, data = dict(ds.profile, nodata=None), ds.read(1)
    masked = tmp_path / "mnt" / "tile_0_1.tif"
    data = np.where(np.isnan(data) | (data == ds.nodata), 0, data)
    with rasterio.Env(GDAL_TIFF_INTERNAL_MASK=True):
        with rasterio.open(masked, "w", **profile) as out:
            out.write(data, 1)
            mask = np.full(data.shape, 255, np.uint8)
            mask[:10, :10] = 0
            out.write_mask(mask)
    tiles = ElevationTiles.of([open_tile(p) for p in raster_files(tmp_path / "mnt")])
    values, step, cols, rows = tiles.overview(30 * 30)
    assert step == 4
    expected = original.copy()
    expected[:50, 50:][np.isnan(expected[:50, 50:])] = 0        # the masked tile's nodata became 0…
    expected[:10, 50:60] = np.nan                               # …and its mask hides a corner
    np.testing.assert_array_equal(values, expected[np.ix_(rows, cols)])
    assert np.isnan(values).any()


def _slope(x0=684000.0, y0=7021100.0) -> RasterGrid:
    """A 1 m DTM rising 0.1 m a metre eastwards."""
    cols = np.arange(100)
    return RasterGrid(np.tile(50 + 0.1 * cols, (100, 1)).astype(np.float32),
                      Affine(1.0, 0, x0, 0, -1.0, y0), "EPSG:2154")


def test_a_fill_of_coarser_rings_covers_the_polygon_on_the_ground():
    ground = Ground([_slope()])
    poly = shapely.Polygon([(684010, 7021010), (684090, 7021012), (684085, 7021090), (684012, 7021080)],
                           holes=[[(684040, 7021040), (684050, 7021040), (684050, 7021050), (684040, 7021050)]])
    origin = (684000.0, 7021000.0, 0.0)
    d = drape(np.array([poly]), ground, origin, lift=0.3)
    tri = d.fill.points.reshape(-1, 3, 3).astype(float)
    (ax, ay), (bx, by) = (tri[:, 1, :2] - tri[:, 0, :2]).T, (tri[:, 2, :2] - tri[:, 0, :2]).T
    area = np.abs(ax * by - ay * bx).sum() / 2
    assert area == pytest.approx(poly.area, rel=1e-6)          # the whole polygon, its hole left open
    p = d.fill.points.astype(float)
    z = ground.sample(p[:, 0] + origin[0], p[:, 1] + origin[1])
    np.testing.assert_allclose(p[:, 2], z + 0.3, atol=1e-3)    # a plane: lifted by 0.3 everywhere
    edges = np.linalg.norm(np.diff(tri[:, [0, 1, 2, 0], :2], axis=1), axis=2)
    assert edges.max() <= np.hypot(80, 80) and len(tri) < 200     # a few triangles, no slivers' fan
    ring_step = np.linalg.norm(np.diff(d.outline.points[:, :2].astype(float), axis=0), axis=1)
    assert np.median(ring_step) <= 1.0 + 1e-6 < FILL_CELLS     # the outline follows every cell
