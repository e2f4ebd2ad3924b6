"""Point clouds that refine as the camera moves (Potree / QGIS style), with no Qt or VTK.

``NodeTable`` gathers the node hierarchies of a layer's tiles in scene coordinates;
``select_nodes`` picks the nodes a view needs by screen-space error within a point
budget; ``PointStream`` decodes missing nodes in worker threads and assembles what is
ready into one snapshot; ``AdaptiveBudget`` shrinks or grows the budget to the measured
frame time.

Terrains the same way: ``rasters`` opens raster tiles as delivered (JPEG 2000, VRT, world
files), ``mosaic`` reads a set of tiles as one grid, ``terrain`` chooses and builds the
chunks of a quadtree by screen-space error within a triangle budget, ``chunks`` meshes
one chunk (stitched to coarser neighbours, with skirts).

The names below are imported when first asked for: a worker process of ``twin prepare``
imports ``twin.lod.blocks`` and must not pay for pyproj and the streams."""

from importlib import import_module

_WHERE = {"AdaptiveBudget": "twin.lod.budget", "NodeTable": "twin.lod.nodes", "PointStream": "twin.lod.stream",
          "ViewFrustum": "twin.lod.select", "select_nodes": "twin.lod.select"}
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'twin.lod' has no attribute {name!r}")
