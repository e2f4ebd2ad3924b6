"""Point clouds that refine as the camera moves (Potree / QGIS style), with no Qt or VTK.

``NodeTable`` gathers the node hierarchies of a layer's tiles in scene coordinates;
``select_nodes`` picks the nodes a view needs by screen-space error within a point
budget; ``PointStream`` decodes missing nodes in worker threads and assembles what is
ready into one snapshot; ``AdaptiveBudget`` shrinks or grows the budget to the measured
frame time.

Terrains the same way: ``rasters`` opens raster tiles as delivered (JPEG 2000, VRT, world
files), ``mosaic`` reads a set of tiles as one grid, ``terrain`` chooses and builds the
chunks of a quadtree by screen-space error within a triangle budget, ``chunks`` meshes
one chunk (stitched to coarser neighbours, with skirts)."""

from twin.lod.budget import AdaptiveBudget
from twin.lod.nodes import NodeTable
from twin.lod.select import ViewFrustum, select_nodes
from twin.lod.stream import PointStream

__all__ = ["AdaptiveBudget", "NodeTable", "PointStream", "ViewFrustum", "select_nodes"]
