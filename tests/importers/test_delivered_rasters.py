"""Rasters as IGN delivers them, made from the real files of ../shared/data: BD ORTHO as
JPEG 2000 (georeferenced, or placed by a .j2w / .tab beside it), DTM tiles in a VRT."""

from __future__ import annotations

import numpy as np
import pytest
import rasterio

from importers.raster import RasterImporter
from tests.tiles import DTM, ORTHO, heights, split, to_jp2, vrt
from twin.core.errors import DataError
from twin.io.registry import file_info, registry

ORTHO_BOUNDS = (770549.8, 6277549.8, 770600.2, 6277600.2)


def _ortho_pixels(shared) -> np.ndarray:
    with rasterio.open(shared / ORTHO) as ds:
        return np.moveaxis(ds.read(), 0, -1)


def test_georeferenced_jp2_reads_like_the_geotiff(shared, tmp_path):
    jp2 = to_jp2(shared / ORTHO, tmp_path / "ortho.jp2")
    assert registry().find(jp2).name == "raster"
    info = file_info(jp2)
    assert (info.kind, info.crs, info.details["driver"]) == ("raster", "EPSG:2154", "JP2OpenJPEG")
    assert info.details["role"] == "image" and info.details["georeferenced_by"] == "file"
    assert info.bounds == pytest.approx(ORTHO_BOUNDS)
    grid = RasterImporter().read(jp2)
    np.testing.assert_array_equal(grid.values, _ortho_pixels(shared))     # lossless: the same pixels


def test_jp2_placed_by_its_world_file(shared, tmp_path):
    jp2 = to_jp2(shared / ORTHO, tmp_path / "0770_6278.jp2", georeferenced=False, world_file=True)
    info = file_info(jp2)
    assert info.bounds == pytest.approx(ORTHO_BOUNDS) and info.details["georeferenced_by"] == "world file"
    assert info.crs is None                                  # a world file says no CRS
    jp2.with_suffix(".prj").write_text(rasterio.crs.CRS.from_epsg(2154).to_wkt())
    assert file_info(jp2).crs == "EPSG:2154"                 # GDAL ignores the .prj; twin reads it


def test_jp2_placed_by_a_mapinfo_tab(shared, tmp_path):
    jp2 = to_jp2(shared / ORTHO, tmp_path / "ortho.jp2", georeferenced=False)
    x0, y0, x1, y1 = ORTHO_BOUNDS
    jp2.with_suffix(".tab").write_text(
        '!table\n!version 300\n!charset WindowsLatin1\n\nDefinition Table\n  File "ortho.jp2"\n'
        f'  Type "RASTER"\n  ({x0},{y1}) (0,0) Label "Pt 1",\n  ({x1},{y1}) (252,0) Label "Pt 2",\n'
        f'  ({x0},{y0}) (0,252) Label "Pt 3"\n'
        '  CoordSys Earth Projection 3, 33, "m", 3, 46.5, 44, 49, 700000, 6600000\n  Units "m"\n')
    info = file_info(jp2)
    assert info.bounds == pytest.approx(ORTHO_BOUNDS) and info.crs == "EPSG:2154"
    assert info.details["georeferenced_by"] == ".tab"
    grid = RasterImporter().read(jp2)
    assert grid.transform.a == pytest.approx(0.2) and grid.transform.e == pytest.approx(-0.2)


def test_jp2_without_any_georeferencing_says_what_to_do(shared, tmp_path):
    jp2 = to_jp2(shared / ORTHO, tmp_path / "ortho.jp2", georeferenced=False)
    with pytest.raises(DataError) as err:
        file_info(jp2)
    message = err.value.message
    assert "ortho.jp2" in message and "has no georeferencing" in message and ".j2w" in message
    assert "world file" in err.value.hint


def test_a_tab_with_too_few_points_is_refused(shared, tmp_path):
    jp2 = to_jp2(shared / ORTHO, tmp_path / "ortho.jp2", georeferenced=False)
    jp2.with_suffix(".tab").write_text('Definition Table\n  (770549.8,6277600.2) (0,0) Label "Pt 1"\n')
    with pytest.raises(DataError, match="1 control points; 3 are needed"):
        file_info(jp2)


def test_corrupt_jp2_is_a_clear_error(shared, tmp_path):
    jp2 = to_jp2(shared / ORTHO, tmp_path / "ortho.jp2")
    jp2.write_bytes(jp2.read_bytes()[:200])
    with pytest.raises(DataError) as err:
        RasterImporter().read(jp2)
    assert "ortho.jp2" in err.value.message and ("cannot be read" in err.value.message)


def test_vrt_of_dtm_tiles_reads_as_the_whole_dtm(shared, tmp_path):
    tiles = split(shared / DTM, tmp_path / "mnt")
    mosaic = vrt(tiles, tmp_path / "mnt" / "mnt.vrt")
    info = file_info(mosaic)
    assert (info.crs, info.details["driver"], info.count) == ("EPSG:2154", "VRT", 10_000)
    assert info.bounds == pytest.approx((770549.75, 6277550.25, 770599.75, 6277600.25))
    grid = RasterImporter().read(mosaic)
    np.testing.assert_array_equal(grid.values, heights(shared / DTM))
