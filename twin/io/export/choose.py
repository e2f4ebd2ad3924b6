"""Which layers an export takes, loaded with no window."""

from __future__ import annotations

from twin.core.errors import TwinError
from twin.core.feedback import Feedback
from twin.core.layers import DataLayer, LayerGroup, PointCloudLayer, TerrainLayer, VectorLayer
from twin.core.scene import Scene
from twin.io.export.triangles import mesh_of
from twin.core.i18n import message


def _chosen(scene: Scene, names: list[str] | None) -> tuple[list[DataLayer], set[int]]:
    """The layers to try, and the ids of those named one by one: a layer named on its own
    must export, while a named group gives whichever of its layers hold a mesh."""
    skip = (VectorLayer, PointCloudLayer)   # draped lines and fills, points: never a mesh
    if not names:
        return [x for x in scene.data_layers() if x.effectively_visible and not isinstance(x, skip)], set()
    chosen: list[DataLayer] = []
    strict: set[int] = set()
    for name in names:
        layer = scene.layers.find(name)   # KeyError names the layers there are
        if isinstance(layer, LayerGroup):
            leaves = [x for x in layer.leaves() if isinstance(x, DataLayer) and not isinstance(x, skip)]
        elif isinstance(layer, skip):
            raise TwinError(message("layer '{}' is a {} layer, with no 3D mesh to export").format(
                                layer.name, layer.kind),
                            hint=message("export terrain, buildings or model layers"))
        else:
            leaves = [layer]
            strict.add(id(layer))
        chosen += [x for x in leaves if x not in chosen]
    return chosen, strict


def load_for_export(scene: Scene, names: list[str] | None = None,
                    feedback: Feedback | None = None) -> tuple[list[DataLayer], list[str]]:
    """Load, with no window, what an export needs: the chosen layers (default: the visible
    ones that may hold a mesh) and every terrain, since buildings stand on it.

    Returns the layers to export and the load errors of layers left out; a layer named on
    its own that cannot be exported is an error, not a warning."""
    from twin.io.loading import apply_results, load_scene_data
    chosen, strict = _chosen(scene, names)
    todo = chosen + [x for x in scene.data_layers() if isinstance(x, TerrainLayer) and x not in chosen]
    results = load_scene_data(scene, feedback, layers=todo) if todo else []
    apply_results(results)
    failed = {id(r.layer): r.error for r in results if r.error}
    layers, errors = [], []
    for layer in chosen:
        if id(layer) in failed:
            if id(layer) in strict:
                raise TwinError(message("layer '{}': {}").format(layer.name, failed[id(layer)]))
            errors.append(f"layer '{layer.name}': {failed[id(layer)]}")
        elif mesh_of(layer) is not None:
            layers.append(layer)
        elif id(layer) in strict:
            raise TwinError(message("layer '{}' ({}) holds no 3D mesh to export").format(
                                layer.name, layer.kind))
    if not layers:
        shown = ", ".join(f"'{x.name}'" for x in scene.data_layers()) or message("none")
        what = (message("nothing to export: no chosen layer holds a 3D mesh (terrain, buildings, models)") if names
                else message("nothing to export: no visible layer holds a 3D mesh (terrain, buildings, models)"))
        raise TwinError(message("{}; {}").format(what, errors[0]) if errors else what,
                        hint=message("show one or name it with --layers (the layers: {})").format(shown))
    return layers, errors
