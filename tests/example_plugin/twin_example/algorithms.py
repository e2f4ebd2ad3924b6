"""Stations per grid cell: a small analysis with typed parameters, progress and cancel."""

import numpy as np

from twin.api import TwinError


def density(scene, params, feedback) -> dict:
    layer, cell = params["layer"], params["cell"]
    table = getattr(layer.data, "table", None)
    if table is None:
        raise TwinError(f"layer '{layer.name}' has no features loaded")
    geoms = table.frame.geometry
    xy = np.column_stack([geoms.centroid.x, geoms.centroid.y])
    feedback.progress(0.5, "Counting")
    if not len(xy):
        return {"features": 0, "cells": 0, "max_per_cell": 0}
    _, counts = np.unique(np.floor(xy / cell).astype(np.int64), axis=0, return_counts=True)
    feedback.progress(1.0, "Done")
    return {"features": int(len(xy)), "cells": int(len(counts)), "max_per_cell": int(counts.max())}
