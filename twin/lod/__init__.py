"""Point clouds that refine as the camera moves (Potree / QGIS style), with no Qt or VTK.

``NodeTable`` gathers the node hierarchies of a layer's tiles in scene coordinates;
``select_nodes`` picks the nodes a view needs by screen-space error within a point
budget; ``PointStream`` decodes missing nodes in worker threads and assembles what is
ready into one snapshot; ``AdaptiveBudget`` shrinks or grows the budget to the measured
frame time."""

from twin.lod.budget import AdaptiveBudget
from twin.lod.nodes import NodeTable
from twin.lod.select import ViewFrustum, select_nodes
from twin.lod.stream import PointStream

__all__ = ["AdaptiveBudget", "NodeTable", "PointStream", "ViewFrustum", "select_nodes"]
