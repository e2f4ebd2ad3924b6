"""A terrain layer made of tiles (a folder, a glob, a VRT) or of a raster too big for one
mesh: read as one seamless terrain that refines near the camera (``twin.lod.terrain``).

Reading opens every tile (a bad one among several is left out, named in a warning),
checks they share a CRS (the odd ones are named), and reads an overview of the whole set
into memory: the ground that vectors and buildings sit on, the scene's extent, and the
coarse levels of detail. Building starts the chunk stream with a first view from that
overview; the view then refines as the camera moves."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from twin.core.crs import same_crs
from twin.core.data import RasterGrid
from twin.core.errors import DataError, TwinError
from twin.core.feedback import Feedback
from twin.core.layers import TerrainLayer
from twin.core.scene import Scene
from twin.geometry.terrain import MAX_QUADS
from twin.io.kinds.base import source_crs
from twin.lod.cache import cache_root, read_npz, write_npz
from twin.lod.mosaic import ElevationTiles, ImageTiles, strided
from twin.lod.rasters import RasterTile, check_same_crs, is_tile_set, open_tile, raster_files
from twin.lod.terrain import ChunkTree, Overview, TerrainStream
from twin.core.i18n import message

OVERVIEW_CELLS = 4_000_000    # in memory for the whole terrain (a 1 km tile at 0.5 m)
BIG_IMAGE = 4096 * 4096       # an orthophoto beyond this is draped by chunks
FIRST_VIEW = 60_000           # triangles of the first view, before the camera is known: a
                              # few chunks, whose orthophoto is read fast; the view refines


@dataclass
class TerrainTiles:
    """What a tiled terrain layer reads: its tiles, opened, and the overview in memory."""

    elevation: ElevationTiles
    overview: Overview
    grid: RasterGrid              # the overview as a grid (ground, extent, export)
    images: ImageTiles | None

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        return self.grid.bounds


def wants_tiles(layer: TerrainLayer) -> bool:
    """Tile sets, and single rasters that one mesh or one texture cannot show at their
    resolution, take the level-of-detail path."""
    if layer.source is None:
        return False
    if is_tile_set(layer.source) or (layer.texture is not None and is_tile_set(layer.texture)):
        return True
    try:
        dtm = open_tile(layer.source)
        image = open_tile(layer.texture) if layer.texture is not None else None
    except (TwinError, OSError):
        return False           # the single-file path reports what is wrong
    return dtm.width * dtm.height > MAX_QUADS or (image is not None and image.width * image.height > BIG_IMAGE)


def read_terrain_tiles(layer: TerrainLayer, scene: Scene, fb: Feedback) -> TerrainTiles:
    tiles = _open_all(layer.source, "elevation", fb)
    if any(t.is_image for t in tiles):
        raise DataError(message("is an image (3 bands), not an elevation model"), path=tiles[0].path,
                        hint=message("use it as the terrain's texture, over a DTM"))
    tiles = _in_scene_crs(tiles, layer, scene, fb)
    elevation = ElevationTiles.of(tiles)
    for first, second in elevation.overlapping():
        fb.warn(message("{0} and {1} cover the same ground (a DTM and a DSM?); {0} is shown there").format(
            first, second))
    values, step, cols, rows = _overview(elevation, fb)
    for text in elevation.errors + elevation.notes:
        fb.warn(text)
    if len(elevation.errors) == len(tiles):
        raise DataError(message("none of its {} tiles could be read").format(len(tiles)), path=layer.source)
    if not np.isfinite(values).any():
        raise DataError(message("holds no valid elevation (every cell is nodata)"), path=layer.source)
    images = None
    if layer.texture is not None:
        image_tiles = _open_all(layer.texture, "image", fb)
        if not any(t.is_image for t in image_tiles):
            raise DataError(message("is not an RGB image, so it cannot texture the terrain"), path=layer.texture)
        images = ImageTiles(_in_scene_crs(image_tiles, layer, scene, fb, texture=True))
        images.set_scale()
    return TerrainTiles(elevation, Overview(values, step, cols, rows), _grid(elevation, values, step), images)


def _overview(elevation: ElevationTiles, fb: Feedback):
    """The overview, read once, then taken from the cache (``$TWIN_CACHE_DIR/terrain``): it
    decodes every tile whole (~1.5 s for a commune's 12 MNT tiles, most of its first
    frame's reading), which ``build-scene`` pays so that the scene's openings do not. The
    key holds the tiles (path, size, date, CRS) and the lattice; only a clean read is
    kept, so that a bad tile is named at every opening."""
    h = hashlib.sha256(f"v1|{OVERVIEW_CELLS}|{elevation.lattice}".encode())
    for tile in elevation.tiles:
        stat = tile.path.stat()
        h.update(f"|{tile.path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{tile.crs}|{tile.nodata}".encode())
    path = cache_root() / "terrain" / f"{h.hexdigest()[:32]}.npz"
    lattice, cached = elevation.lattice, read_npz(path)
    if cached is not None and set(cached) == {"values", "step"}:
        step = int(cached["step"])
        cols, rows = strided(lattice.width, step), strided(lattice.height, step)
        if cached["values"].shape == (len(rows), len(cols)):
            return cached["values"], step, cols, rows
    values, step, cols, rows = elevation.overview(OVERVIEW_CELLS, fb)
    if not elevation.errors and not elevation.notes:
        write_npz(path, compressed=False, values=values, step=np.int64(step))
    return values, step, cols, rows


def terrain_stream(layer: TerrainLayer, raw: TerrainTiles, scene: Scene, fb: Feedback) -> TerrainStream:
    """The chunk stream, with its first view (the overview's levels) built."""
    stream = TerrainStream(ChunkTree(raw.elevation, raw.overview), scene.origin, raw.images,
                           fill_color=layer.style.color)
    stream.request(None, FIRST_VIEW)
    stream.wait(fb)
    stream.refresh()
    for text in stream.errors + (raw.images.errors if raw.images is not None else []):
        fb.warn(text)
    return stream


def _open_all(source: Path, role: str, fb: Feedback) -> list[RasterTile]:
    files = raster_files(source, role)
    if not files:
        raise DataError(message("no {} raster matches").format(
                            ('elevation' if role == 'elevation' else 'image')), path=source,
                        hint=message("check the folder or pattern (tiles: .tif .asc .jp2 .vrt)"))
    tiles = []
    for i, path in enumerate(files):
        fb.progress(0.1 * i / len(files), f"Opening {path.name}")
        try:
            tiles.append(open_tile(path))
        except TwinError as exc:
            if len(files) == 1:
                raise
            fb.warn(message("{} — this tile is left out").format(exc.message))
    if not tiles:
        raise DataError(message("none of its {} tiles could be read").format(len(files)), path=source)
    return tiles


def _in_scene_crs(tiles: list[RasterTile], layer: TerrainLayer, scene: Scene, fb: Feedback,
                  texture: bool = False) -> list[RasterTile]:
    """The tiles' CRS (the layer's, else the tiles', else the scene's, warned), each tile
    read through a warped VRT when it is not the scene's."""
    from dataclasses import replace
    common = None if layer.crs else check_same_crs(tiles)
    if common is not None:
        silent = [t.path.name for t in tiles if t.crs is None]
        if silent:
            fb.warn(message("{}: no CRS in the file; assumed {} like the other tiles").format(
                ", ".join(silent[:8]), common))
    else:
        box = tuple(np.r_[np.min([t.bounds[:2] for t in tiles], axis=0), np.max([t.bounds[2:] for t in tiles], axis=0)])
        common = source_crs(_Named(layer, texture), None, scene, box, fb)
    tiles = [replace(t, crs=common) for t in tiles]
    if same_crs(common, scene.crs):
        return tiles
    return [t.reprojected(scene.crs) for t in tiles]


class _Named:
    """The layer as ``source_crs`` sees it, named after the texture when deciding for it."""

    def __init__(self, layer: TerrainLayer, texture: bool):
        self.crs = layer.crs
        self.source = Path(layer.texture if texture else layer.source)


def _grid(elevation: ElevationTiles, values: np.ndarray, step: int) -> RasterGrid:
    """The overview's regular part as a north-up grid (its last row and column are
    kept only when they fall on the step)."""
    from affine import Affine
    lat = elevation.lattice
    nc, nr = len(range(0, lat.width, step)), len(range(0, lat.height, step))
    transform = Affine(step * lat.dx, 0.0, lat.x0 - step * lat.dx / 2,
                       0.0, -step * lat.dy, lat.y0 + step * lat.dy / 2)
    crs = elevation.tiles[0].crs
    return RasterGrid(values[:nr, :nc].copy(), transform, crs, elevation.tiles[0].path.parent)
