"""Turn a scene's layer sources into scene-ready data (no Qt, no VTK).

Three phases so that each layer sees what it depends on: read every source and bring
it into the scene CRS; choose the local origin; build geometry on the ground made of
the terrain layers. Runs in a worker thread in the app, reports progress, can be
cancelled; a layer that fails carries its error and the others still load.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from twin.core.crs import boxes_meet, crs_name, is_geographic, parse_crs, same_crs, transform_xy
from twin.core.data import MeshModel, RasterGrid, VectorTable
from twin.core.errors import Canceled, DataError, TwinError
from twin.core.feedback import Feedback
from twin.geometry.drape import Drape, drape
from twin.geometry.extrude import extrude, footprint_polygons, ground_under
from twin.geometry.ground import Ground
from twin.geometry.heights import SOURCES, find_column, resolve_heights
from twin.geometry.mesh import Mesh
from twin.geometry.terrain import terrain_mesh
from twin.core.layers import BuildingsLayer, DataLayer, ModelLayer, PointCloudLayer, TerrainLayer, VectorLayer
from twin.io.lidar_heights import LidarHeights, measure_heights
from twin.lod import NodeTable, PointStream
from twin.lod.cache import prepared_copy
from twin.lod.stream import PointsData
from twin.io.registry import guarded, registry
from twin.core.scene import Scene

FAR_KM = 500.0  # a layer this far from the others almost always has a wrong CRS
_KIND_HINT = "change the layer's kind in the scene, or pick another file"
FIRST_VIEW_POINTS = 500_000  # read before the first frame; the view then refines


@dataclass
class TerrainData:
    grid: RasterGrid
    mesh: Mesh
    texture: RasterGrid | None
    bounds: tuple


@dataclass
class VectorData:
    table: VectorTable
    drape: Drape
    bounds: tuple | None
    polygons: tuple | None = None   # (polygons, feature of each, lowest ground per feature, origin): to extrude by an attribute


@dataclass
class BuildingsData:
    table: VectorTable              # frame gains height, height_source, ground_z
    mesh: Mesh
    bounds: tuple | None
    height_sources: dict[str, int] = field(default_factory=dict)


@dataclass
class PointTiles:
    """The tiles of a point cloud layer, opened (headers and node hierarchies only)."""

    tiles: list
    crs: list[str]                        # each tile's CRS, decided (file, layer or scene)
    nodes: NodeTable                      # in scene coordinates
    thinned: list[Path] = field(default_factory=list)   # plain files shown thinned

    @property
    def bounds(self) -> tuple | None:
        b = self.nodes.bounds()
        return None if b is None else (b[0], b[1], b[3], b[4])


@dataclass
class LoadResult:
    layer: DataLayer
    data: Any = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


# -- phase 1: read and reproject ------------------------------------------------------------

def _source_crs(layer: DataLayer, file_crs: str | None, scene: Scene, bounds, fb: Feedback) -> str:
    if layer.crs:
        return layer.crs
    if file_crs is not None:
        return file_crs
    assumed = scene.crs
    note = ""
    if bounds is not None and np.all(np.abs(bounds) <= 180) and not is_geographic(assumed):
        note = " — but its coordinates look like longitude/latitude (set crs = \"EPSG:4326\")"
    fb.warn(f"{layer.source.name}: no CRS in the file; assumed {assumed} (the scene's){note}. "
            f"Set crs on the layer if this is wrong.")
    return assumed


def _reproject_raster(grid: RasterGrid, src: str, dst: str) -> RasterGrid:
    if same_crs(src, dst):
        return RasterGrid(grid.values, grid.transform, crs_name(dst), grid.source)
    from rasterio.warp import Resampling, calculate_default_transform, reproject
    h, w = grid.shape
    left, bottom, right, top = grid.bounds
    transform, width, height = calculate_default_transform(src, dst, w, h, left, bottom, right, top)
    bands = grid.values[..., None] if not grid.is_image else grid.values
    out = np.empty((height, width, bands.shape[2]), dtype=np.float32)
    for b in range(bands.shape[2]):
        dest = np.full((height, width), np.nan, dtype=np.float32)
        reproject(bands[..., b].astype(np.float32), dest, src_transform=grid.transform, src_crs=src,
                  dst_transform=transform, dst_crs=dst, resampling=Resampling.bilinear,
                  src_nodata=np.nan, dst_nodata=np.nan)
        out[..., b] = dest
    values = out[..., 0] if not grid.is_image else np.nan_to_num(out).astype(np.uint8)
    return RasterGrid(values, transform, crs_name(dst), grid.source)


def read_source(layer: DataLayer, scene: Scene, fb: Feedback, path: Path | None = None):
    """Read one file of a layer and bring it into the scene CRS."""
    path = Path(path or layer.source)
    importer = registry().find(path)
    if importer.kind == "pointcloud":   # refused before reading: a point cloud is costly to read
        raise DataError(f"is a point cloud, which a {layer.kind} layer cannot show", path=path,
                        hint=_KIND_HINT)
    options = layer.read_options() if path == Path(layer.source) else {}
    raw = guarded(importer, "read", path, importer.read, path, fb, **options)
    if isinstance(raw, RasterGrid):
        src = _source_crs(layer, raw.crs, scene, raw.bounds, fb)
        return _reproject_raster(raw, src, scene.crs)
    if isinstance(raw, VectorTable):
        frame = raw.frame
        bounds = tuple(frame.total_bounds) if len(frame) else None
        src = _source_crs(layer, raw.crs, scene, bounds, fb)
        frame = frame.set_crs(parse_crs(src), allow_override=True)
        if not same_crs(src, scene.crs):
            frame = frame.to_crs(parse_crs(scene.crs))
        raw.frame, raw.crs = frame, crs_name(scene.crs)
        if len(frame) == 0:
            fb.warn(f"{path.name}: the layer is empty (0 features)")
        return raw
    if isinstance(raw, MeshModel) and isinstance(layer, ModelLayer):
        return _reproject_model(layer, raw, scene, fb)
    if isinstance(raw, MeshModel):
        raise DataError(f"is a 3D model, which a {layer.kind} layer cannot show", path=path,
                        hint='add it as a model layer (kind = "model"), or with File → Add data')
    raise DataError(f"holds {importer.kind} data, which a {layer.kind} layer cannot show", path=path)


def join_table(layer: DataLayer, raw, fb: Feedback):
    """Join the layer's ``[layers.join]`` table to what was read (in the scene CRS), before
    anything is built from it, so heights and styles can use the joined columns. A join
    that fails fails the layer: never a half-joined layer."""
    join = getattr(layer, "join", None)
    if join is None or not isinstance(raw, VectorTable):
        return raw
    from twin.io.joins import apply_join
    frame, report = apply_join(raw.frame, join, raw.crs, source=layer.source)
    raw.frame = frame
    fb.warn(report.summary())
    return raw


def _reproject_model(layer: ModelLayer, raw: MeshModel, scene: Scene, fb: Feedback) -> MeshModel:
    """Map coordinates (a CityJSON's CRS, or the layer's) into the scene's; heights kept.
    Model coordinates (a mesh, or anything given a placement) are placed when built."""
    if raw.local or layer.effective_placement().placed:
        raw.local = True
        return raw
    src = _source_crs(layer, raw.crs, scene, raw.bounds, fb)
    x, y = transform_xy(raw.vertices[:, 0], raw.vertices[:, 1], src, scene.crs)
    raw.vertices = np.column_stack([x, y, raw.vertices[:, 2]])
    raw.crs = crs_name(scene.crs)
    return raw


def read_point_tiles(layer: PointCloudLayer, scene: Scene, fb: Feedback) -> PointTiles:
    """Open every tile of a point cloud layer; a bad tile among several is skipped with a
    warning, a layer with no readable tile fails."""
    files = layer.files()
    if not files:
        raise DataError("no LAS/LAZ file matches", path=layer.source,
                        hint="check the folder or pattern in the layer's source")
    share = max(1_000, int(layer.budget) // len(files))  # what a plain file may show
    tiles, crs, plain, outside = [], [], [], 0
    for i, path in enumerate(files):
        fb.progress(i / len(files) * 0.1, f"Opening {path.name}")
        try:
            importer = registry().find(path)
            if not hasattr(importer, "open_tile"):
                raise DataError(f"is {importer.kind} data, which a point cloud layer cannot show",
                                path=path, hint=_KIND_HINT)
            tile = guarded(importer, "open_tile", path, importer.open_tile, path, share)
            copy = prepared_copy(path) if len(tile.hierarchy) == 1 else None
            if copy is not None:   # prepared in the background earlier: open that instead
                tile = guarded(importer, "open_tile", copy, importer.open_tile, copy, share)
        except TwinError as exc:
            if len(files) == 1:
                raise
            fb.warn(f"{exc.message} — this tile is skipped")
            continue
        h = tile.hierarchy
        if tile.total == 0:   # its header bounds are zeros: keep it out of the scene's extent
            if len(files) == 1:
                raise DataError("holds no points (0 in its header)", path=path,
                                hint="the export may have failed; fetch or export it again")
            fb.warn(f"{path.name}: holds no points — this tile is skipped")
            continue
        box = (*h.lo.min(axis=0)[:2], *h.hi.max(axis=0)[:2])
        tile_crs = _source_crs(layer, tile.crs, scene, box, fb)
        if layer.bbox is not None and not boxes_meet(box, tile_crs, layer.bbox, scene.crs):
            outside += 1          # outside the layer's window (a commune's): never decoded
            continue
        crs.append(tile_crs)
        tiles.append(tile)
        if getattr(tile, "warning", None):
            fb.warn(tile.warning)
        if len(h) == 1 and h.count[0] < tile.total:
            plain.append(path)
            fb.warn(f"{path.name}: {tile.total:,} points in a plain LAS/LAZ, showing "
                    f"{int(h.count[0]):,} evenly spread; once turned into COPC (`twin prepare`, "
                    f"or in the background by the app) it opens at once and refines as you zoom")
    if not tiles and outside:
        raise DataError(f"none of its {len(files)} tiles meets the layer's bbox {list(layer.bbox)}",
                        path=layer.source, hint="check bbox (scene CRS) or remove it to show every tile")
    if not tiles:
        raise DataError(f"none of its {len(files)} files could be read", path=layer.source)
    return PointTiles(tiles, crs, NodeTable.build([t.hierarchy for t in tiles], crs, scene.crs), plain)


def _raw_bounds(raw) -> tuple | None:
    if isinstance(raw, PointTiles):
        return raw.bounds
    if isinstance(raw, RasterGrid):
        return raw.bounds
    if isinstance(raw, VectorTable) and len(raw.frame):
        return tuple(raw.frame.total_bounds)
    if isinstance(raw, MeshModel) and not raw.local:
        return raw.bounds
    return None


# -- phase 3: geometry ----------------------------------------------------------------------

def build_terrain(layer: TerrainLayer, grid: RasterGrid, scene: Scene, fb: Feedback) -> TerrainData:
    if grid.is_image:
        raise DataError("is an image (3 bands), not an elevation model", path=layer.source,
                        hint="use it as the terrain's texture, over a DTM")
    texture = None
    if layer.texture is not None:
        texture = read_source(layer, scene, fb, layer.texture)
        if not texture.is_image:
            raise DataError("is not an RGB image, so it cannot texture the terrain", path=layer.texture)
    mesh = terrain_mesh(grid, scene.origin, texture)
    return TerrainData(grid=grid, mesh=mesh, texture=texture, bounds=mesh.bounds(scene.origin))


def build_vector(layer: VectorLayer, table: VectorTable, scene: Scene, ground: Ground) -> VectorData:
    d = drape(table.frame.geometry.values, ground, scene.origin, lift=layer.style.lift)
    meshes = [m for m in (d.fill, d.outline, d.points) if m is not None]
    bounds = _union([m.bounds(scene.origin) for m in meshes])
    polys, feature = footprint_polygons(table.frame.geometry.values)
    polygons = None
    if len(polys):
        base = ground_under(polys, feature, len(table.frame), ground.sample)
        polygons = (polys, feature, np.where(np.isfinite(base), base, ground.fallback), scene.origin)
    return VectorData(table=table, drape=d, bounds=bounds, polygons=polygons)


def build_buildings(layer: BuildingsLayer, table: VectorTable, scene: Scene, ground: Ground,
                    fb: Feedback | None = None) -> BuildingsData:
    frame = table.frame
    polys, feature = footprint_polygons(frame.geometry.values)
    n = len(frame)
    # ground: the DTM under the footprint, else BD TOPO's ground altitude, else the fallback
    base = dtm_z = ground_under(polys, feature, n, lambda x, y: ground.sample(x, y, fill=False))
    col = find_column(frame, "altitude_minimale_sol")
    if col is not None:
        base = np.where(np.isfinite(base), base, pd.to_numeric(frame[col], errors="coerce").to_numpy(float))
    base = np.where(np.isfinite(base), base, ground.fallback)
    height, source = resolve_heights(frame, base, layer.heights)
    lidar = {}
    if layer.heights.lidar is not None:
        measured = _lidar_heights(layer, frame, source, dtm_z, scene, fb or Feedback())
        height, source = resolve_heights(frame, base, layer.heights, measured.usable)
        lidar = measured.columns()
    frame = frame.assign(height=np.round(height, 2), height_source=np.asarray(SOURCES)[source],
                         ground_z=np.round(base, 2), **lidar)
    table.frame = frame
    mesh = extrude(polys, feature, base, base + height, scene.origin)
    counts = {name: int((source == i).sum()) for i, name in enumerate(SOURCES)}
    return BuildingsData(table=table, mesh=mesh, bounds=mesh.bounds(scene.origin), height_sources=counts)


def _lidar_heights(layer: BuildingsLayer, frame, source, dtm_z, scene: Scene, fb: Feedback) -> LidarHeights:
    """Measured only where no attribute gives the height (floors or default would); a
    LiDAR that cannot be read leaves those rules in place, with a warning, rather than
    failing the buildings."""
    guessed = np.isin(source, (SOURCES.index("floors"), SOURCES.index("default")))
    try:
        return measure_heights(frame.geometry.values, layer.heights.lidar, scene.crs, dtm_z,
                               only=guessed, feedback=fb)
    except TwinError as exc:
        fb.warn(f"{exc.message} (LiDAR heights skipped: heights come from the other rules)")
        return LidarHeights.empty(len(frame))


def build_points(layer: PointCloudLayer, raw: PointTiles, scene: Scene, fb: Feedback) -> PointsData:
    """The first view: coarse nodes over the whole extent, decoded now; the view refines
    them once it knows where the camera is."""
    stream = PointStream(raw.tiles, raw.crs, scene.crs, scene.origin, nodes=raw.nodes)
    stream.request(None, min(int(layer.budget), FIRST_VIEW_POINTS))
    stream.wait(fb)
    stream.refresh()
    if stream.errors and not len(stream.data.points):
        raise DataError(stream.errors[0])   # names the file, says what is wrong and what to do
    for text in stream.errors:
        fb.warn(text)
    stream.data.thinned = list(raw.thinned)
    return stream.data


def _union(boxes) -> tuple | None:
    boxes = [b for b in boxes if b is not None]
    if not boxes:
        return None
    arr = np.asarray(boxes, dtype=float)
    return (*arr[:, :3].min(axis=0), *arr[:, 3:].max(axis=0))


# -- the whole scene ------------------------------------------------------------------------

def load_scene_data(scene: Scene, feedback: Feedback | None = None,
                    layers: list[DataLayer] | None = None) -> list[LoadResult]:
    """Build data for ``layers`` (default: every data layer) without assigning it.

    The caller assigns ``layer.data`` on the thread that owns the view. Terrain layers
    already loaded in the scene still serve as ground for new layers."""
    fb = feedback or Feedback()
    todo = list(layers if layers is not None else scene.data_layers())
    order = sorted(todo, key=lambda layer: not isinstance(layer, TerrainLayer))
    results = {id(layer): LoadResult(layer) for layer in order}
    raws: dict[int, Any] = {}

    for i, layer in enumerate(order):
        fb.progress(0.6 * i / max(len(order), 1), f"Reading {layer.name}")
        res = results[id(layer)]
        sub = fb.collecting(res.warnings)
        try:
            if isinstance(layer, PointCloudLayer):
                raws[id(layer)] = read_point_tiles(layer, scene, sub)
            else:
                raws[id(layer)] = join_table(layer, read_source(layer, scene, sub), sub)
        except TwinError as exc:
            res.error = exc.message
        except Canceled:
            raise
        except Exception as exc:  # an importer bug must not take the scene down
            res.error = f"{layer.source}: unexpected error while reading ({type(exc).__name__}: {exc})"

    if scene.origin is None:
        # centred on the first layer read (a terrain when there is one): a layer in a
        # wrong CRS then stands out as far away instead of dragging the origin with it
        boxes = [b for b in map(_raw_bounds, raws.values()) if b is not None]
        if boxes:
            scene.set_origin_from(*boxes[0])
        else:
            scene.origin = (0.0, 0.0, 0.0)
    _warn_far_layers(scene, raws, results)

    grids = [raws[id(layer)] for layer in order if isinstance(layer, TerrainLayer) and id(layer) in raws]
    grids += [layer.data.grid for layer in scene.data_layers()
              if isinstance(layer, TerrainLayer) and isinstance(layer.data, TerrainData) and layer not in todo]
    ground = Ground([g for g in grids if isinstance(g, RasterGrid) and not g.is_image])

    for i, layer in enumerate(order):
        res = results[id(layer)]
        if id(layer) not in raws:
            continue
        fb.progress(0.6 + 0.4 * i / max(len(order), 1), f"Building {layer.name}")
        sub = fb.collecting(res.warnings)
        raw = raws.pop(id(layer))
        try:
            if hasattr(layer, "build"):   # a plugin's layer kind builds its own data
                res.data = layer.build(raw, scene, ground, sub)
                continue
            if isinstance(layer, ModelLayer):
                from twin.io.models import build_model
                res.data = build_model(layer, raw, scene, ground, sub)
                continue
            _check_kind(layer, raw)
            if isinstance(layer, TerrainLayer):
                res.data = build_terrain(layer, raw, scene, sub)
            elif isinstance(layer, PointCloudLayer):
                res.data = build_points(layer, raw, scene, sub)
            elif isinstance(layer, BuildingsLayer):
                res.data = build_buildings(layer, raw, scene, ground, sub)
            else:
                res.data = build_vector(layer, raw, scene, ground)
        except TwinError as exc:
            res.error = exc.message
        except Canceled:
            raise
        except Exception as exc:
            res.error = f"{layer.source}: unexpected error while building ({type(exc).__name__}: {exc})"
    fb.progress(1.0, "Done")
    for res in results.values():
        for text in res.warnings:
            fb.warn(text)
    return [results[id(layer)] for layer in todo]


_DATA_OF = {TerrainLayer: (RasterGrid, "a raster"), PointCloudLayer: (PointTiles, "a point cloud"),
            BuildingsLayer: (VectorTable, "a vector layer"), VectorLayer: (VectorTable, "a vector layer")}


def _check_kind(layer: DataLayer, raw) -> None:
    expected, _ = _DATA_OF[type(layer)]
    if not isinstance(raw, expected):
        found = next(name for cls, name in _DATA_OF.values() if isinstance(raw, cls))
        raise DataError(f"is {found}, which a {layer.kind} layer cannot show", path=layer.source,
                        hint=_KIND_HINT)


def _warn_far_layers(scene: Scene, raws: dict, results: dict) -> None:
    ox, oy = scene.origin[0], scene.origin[1]
    for key, raw in raws.items():
        b = _raw_bounds(raw)
        if b is None:
            continue
        km = np.hypot((b[0] + b[2]) / 2 - ox, (b[1] + b[3]) / 2 - oy) / 1000
        if km > FAR_KM:
            res = results[key]
            res.warnings.append(f"{res.layer.source.name}: lies {km:,.0f} km from the scene "
                                f"centre; its CRS may be wrong (set crs on the layer)")


def apply_results(results: list[LoadResult]) -> None:
    """Hand finished data to the layers (call on the thread that owns the view)."""
    for res in results:
        res.layer.error = res.error
        res.layer.data = res.data
