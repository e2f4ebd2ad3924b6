"""``kind = "pointcloud"``: LAS/LAZ/COPC tiles, read as node hierarchies (headers only),
then a coarse first view over the whole extent; the view refines it as the camera moves."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from twin.core.crs import boxes_meet
from twin.core.errors import DataError, TwinError
from twin.core.feedback import Feedback
from twin.core.layers import PointCloudLayer
from twin.core.scene import Scene
from twin.io.kinds.base import KIND_HINT, source_crs
from twin.io.registry import guarded, registry
from twin.lod import NodeTable, PointStream
from twin.lod.cache import prepared_copy
from twin.lod.stream import PointsData
from twin.core.i18n import message

FIRST_VIEW_POINTS = 500_000  # read before the first frame; the view then refines


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


def read_point_tiles(layer: PointCloudLayer, scene: Scene, fb: Feedback) -> PointTiles:
    """Open every tile of a point cloud layer; a bad tile among several is skipped with a
    warning, a layer with no readable tile fails."""
    files = layer.files()
    if not files:
        raise DataError(message("no LAS/LAZ file matches"), path=layer.source,
                        hint=message("check the folder or pattern in the layer's source"))
    share = max(1_000, int(layer.budget) // len(files))  # what a plain file may show
    tiles, crs, plain, outside = [], [], [], 0
    for i, path in enumerate(files):
        fb.progress(i / len(files) * 0.1, f"Opening {path.name}")
        try:
            importer = registry().find(path)
            if not hasattr(importer, "open_tile"):
                raise DataError(message("is {} data, which a point cloud layer cannot show").format(
                                    importer.kind),
                                path=path, hint=message(KIND_HINT))
            tile = guarded(importer, "open_tile", path, importer.open_tile, path, share)
            copy = prepared_copy(path) if len(tile.hierarchy) == 1 else None
            if copy is not None:   # prepared in the background earlier: open that instead
                tile = guarded(importer, "open_tile", copy, importer.open_tile, copy, share)
        except TwinError as exc:
            if len(files) == 1:
                raise
            fb.warn(message("{} — this tile is skipped").format(exc.message))
            continue
        h = tile.hierarchy
        if tile.total == 0:   # its header bounds are zeros: keep it out of the scene's extent
            if len(files) == 1:
                raise DataError(message("holds no points (0 in its header)"), path=path,
                                hint=message("the export may have failed; fetch or export it again"))
            fb.warn(message("{}: holds no points — this tile is skipped").format(path.name))
            continue
        box = (*h.lo.min(axis=0)[:2], *h.hi.max(axis=0)[:2])
        tile_crs = source_crs(layer, tile.crs, scene, box, fb)
        if layer.bbox is not None and not boxes_meet(box, tile_crs, layer.bbox, scene.crs):
            outside += 1          # outside the layer's window (a commune's): never decoded
            continue
        crs.append(tile_crs)
        tiles.append(tile)
        if getattr(tile, "warning", None):
            fb.warn(tile.warning)
        if len(h) == 1 and h.count[0] < tile.total:
            plain.append(path)
            fb.warn(message("{}: {:,} points in a plain LAS/LAZ, showing "
                            "{:,} evenly spread; once turned into COPC (`twin prepare`, "
                            "or in the background by the app) it opens at once and refines as you zoom").format(
                path.name, tile.total, int(h.count[0])))
    if not tiles and outside:
        raise DataError(message("none of its {} tiles meets the layer's bbox {}").format(
                            len(files), list(layer.bbox)),
                        path=layer.source, hint=message("check bbox (scene CRS) or remove it to show every "
                                                        "tile"))
    if not tiles:
        raise DataError(message("none of its {} files could be read").format(len(files)), path=layer.source)
    return PointTiles(tiles, crs, NodeTable.build([t.hierarchy for t in tiles], crs, scene.crs), plain)


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


class PointCloudKind:
    ground = False
    concurrent = True      # read and built in a thread beside the other layers

    def read(self, layer: PointCloudLayer, scene: Scene, fb: Feedback) -> PointTiles:
        return read_point_tiles(layer, scene, fb)

    def build(self, layer: PointCloudLayer, raw: PointTiles, scene: Scene, ground, fb: Feedback) -> PointsData:
        return build_points(layer, raw, scene, fb)
