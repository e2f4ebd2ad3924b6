"""What a scene holds once loaded (``twin info SCENE.toml``): each layer's kind, source,
how much it holds and why it failed — the check that a built scene opens."""

from __future__ import annotations

from pathlib import Path

from twin.core.feedback import Feedback


def data_count(data) -> int | None:
    """Features (vectors, buildings, model objects), points (in the sources of a point
    cloud, not only those on screen) or cells (a terrain's grid)."""
    if data is None:
        return None
    total = getattr(data, "total", None)
    if isinstance(total, int):
        return total
    table = getattr(data, "table", None)
    if table is not None:
        return len(table.frame)
    grid = getattr(data, "grid", None)
    if grid is not None:
        return int(grid.shape[0] * grid.shape[1])
    try:
        return len(data)
    except TypeError:
        return None


def scene_info(path: str | Path, feedback: Feedback | None = None) -> dict:
    from twin.io.loading import load_scene_data
    from twin.io.scene_file import load_scene
    scene = load_scene(path)
    results = load_scene_data(scene, feedback)
    return {"kind": "scene", "name": scene.name, "crs": scene.crs, "path": str(scene.path),
            "layers": [{"name": r.layer.name, "kind": r.layer.kind, "source": str(r.layer.source),
                        "count": data_count(r.data), "error": r.error} for r in results]}
