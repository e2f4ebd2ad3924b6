"""Which nodes a view needs: screen-space error within a point budget.

A node's screen-space error is the distance between its points as seen on screen, in
pixels. Starting from the roots, the node with the largest error is refined first (its
children become candidates) until the budget is spent or every visible node is finer
than the target; nodes outside the view frustum are never taken. Roots come first, and
the first visible root is taken whatever the budget, so a view is never empty: it is the
coarsest picture of its tile (a COPC root holds ~16 k points; a plain LAS/LAZ is one node
sized by its share of the layer's budget). Only the nodes are looped over (hundreds to a
few thousand), never the points."""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from twin.core.camera import View
from twin.lod.nodes import NodeTable


@dataclass(frozen=True)
class ViewFrustum:
    """What the renderer shows: a camera pose and the viewport in pixels."""

    view: View
    width: int
    height: int

    def axes(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        forward = np.subtract(self.view.focal_point, self.view.position)
        forward /= np.linalg.norm(forward)
        right = np.cross(forward, self.view.view_up)
        if np.linalg.norm(right) < 1e-9:  # looking straight along view_up
            right = np.cross(forward, (0.0, 1.0, 0.0))
        right /= np.linalg.norm(right)
        return forward, right, np.cross(right, forward)

    def pixels_per_unit(self) -> float:
        """Pixels covered by one metre at one metre from the eye (VTK's angle is vertical)."""
        return self.height / 2 / np.tan(np.radians(self.view.view_angle) / 2)

    @cached_property
    def _planes(self) -> np.ndarray:
        """The inward normals of the side planes and of the eye's plane, (5, 3): made once
        per frustum, which a selection asks hundreds of times."""
        forward, right, up = self.axes()
        half_v = np.radians(self.view.view_angle) / 2
        half_h = np.arctan(np.tan(half_v) * self.width / max(self.height, 1))
        return np.array([np.sin(half_h) * forward - np.cos(half_h) * right,
                         np.sin(half_h) * forward + np.cos(half_h) * right,
                         np.sin(half_v) * forward - np.cos(half_v) * up,
                         np.sin(half_v) * forward + np.cos(half_v) * up,
                         forward])

    def sphere_visible(self, centre: np.ndarray, radius: np.ndarray) -> np.ndarray:
        rel = np.atleast_2d(centre) - np.asarray(self.view.position)
        return (rel @ self._planes.T >= -np.asarray(radius, float).reshape(-1, 1)).all(axis=1)

    def projected(self, centre: np.ndarray, radius: np.ndarray, size: np.ndarray) -> np.ndarray:
        """Pixels covered by ``size`` metres at each sphere's nearest point (inf inside it)."""
        distance = np.linalg.norm(centre - np.asarray(self.view.position), axis=1) - radius
        with np.errstate(divide="ignore"):
            return np.where(distance > 1e-6, size * self.pixels_per_unit() / np.maximum(distance, 1e-6),
                            np.inf)


def select_nodes(nodes: NodeTable, frustum: ViewFrustum | None, budget: int,
                 target_px: float = 1.5) -> np.ndarray:
    """Rows of the nodes to show, parents before children, their points summing to at
    most ``budget`` (or to the one root that exceeds it alone). With no frustum (before the first frame), coarse levels come first,
    over the whole extent."""
    if not len(nodes):
        return np.empty(0, np.int64)
    if frustum is None:
        error = nodes.spacing * 1e6 / (1.0 + nodes.level)   # breadth first
        visible = np.ones(len(nodes), dtype=bool)
    else:
        error = frustum.projected(nodes.centre, nodes.radius, nodes.spacing)
        visible = frustum.sphere_visible(nodes.centre, nodes.radius)
    chosen: list[int] = []
    spent = 0
    for row in sorted((int(r) for r in nodes.roots if visible[r]), key=lambda r: -error[r]):
        if not chosen or spent + nodes.count[row] <= budget:
            chosen.append(row)
            spent += int(nodes.count[row])
    heap: list[tuple[float, int]] = []

    def refine(row: int) -> None:
        if error[row] > target_px:   # still coarser than wanted on screen
            for child in nodes.children(row):
                if visible[child]:
                    heapq.heappush(heap, (-error[child], int(child)))
    for row in list(chosen):
        refine(row)
    while heap:
        _, row = heapq.heappop(heap)
        count = int(nodes.count[row])
        if spent + count > budget:
            continue   # a smaller node elsewhere may still fit
        chosen.append(row)
        spent += count
        refine(row)
    return np.asarray(chosen, dtype=np.int64)
