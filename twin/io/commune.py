"""A ready scene from a folder of a commune's files, in one step (``twin build-scene``).

The survey (twin.io.survey) says what each file is for; here LiDAR tiles become one point
cloud layer, elevation rasters the terrain (an orthophoto its texture), BD TOPO buildings
(with heights) LoD1 buildings, Etalab ``batiments`` buildings whose heights the LiDAR
measures, Etalab ``parcelles`` the draped parcels, BD TOPO's vegetation, water and roads
draped context (water drawn as water), trees found in the LiDAR (else scattered in the
vegetation zones), CityJSON and placed meshes model layers, any other vector a draped layer.
With a commune (``--commune 62041``) every layer reads only the commune's window, outline
plus buffer, which the scene keeps beside it, and IGN's Plan is offered as a hidden
basemap. Files that cannot be used are listed with
the reason, never silently dropped. Bookmarks are framed on the loaded terrain; the heights
the LiDAR gives buildings are measured then too, so that the scene opens without it."""

from __future__ import annotations

from pathlib import Path

from twin.core.camera import Bookmark, View
from twin.core.crs import DEFAULT_CRS, box_in
from twin.core.errors import DataError
from twin.core.feedback import Feedback
from twin.core.layers import (
    BasemapLayer, BuildingsLayer, HeightRule, LayerGroup, ModelLayer, PointCloudLayer, TerrainLayer, TreesLayer, VectorLayer,
)
from twin.core.layers.style import BuildingStyle, TerrainStyle, VectorStyle
from twin.core.scene import Scene
from twin.io.area import Area
from twin.io.survey import Found, lidar_sources, survey
from twin.lod.rasters import raster_files, write_vrt
from twin.core.i18n import message

# BD TOPO's context layers: French names and the colours of a map
CONTEXT = {
    "zone_de_vegetation": ("Végétation", VectorStyle(fill_color="#a7c98b", fill_opacity=0.55, edge_color="#6f9a55",
                                                     line_width=0.5)),
    "surface_hydrographique": ("Eau", VectorStyle(surface="water", edge_color="#4a86b5", line_width=0.8)),
    "troncon_de_route": ("Routes", VectorStyle(edge_color="#7b7b7b", line_width=2.0)),
}
OUTLINE_STYLE = VectorStyle(fill_color="#ffffff", fill_opacity=0.0, edge_color="#c0392b", line_width=2.5)
LARGE = 50_000     # more buildings than a commune has: a département's file, read whole without --commune


def raster_sources(found: list[Found], workdir: Path | None) -> list[tuple[Path, list[Found]]]:
    """DTM (or ortho) tiles grouped by folder, each group one source: the folder (a
    terrain layer reads the rasters of its kind there as one seamless terrain), or, when
    only some of the folder's tiles are wanted (a commune's), a VRT of those written into
    ``workdir``; the file when it is alone. Largest first."""
    folders: dict[Path, list[Found]] = {}
    for f in found:
        folders.setdefault(f.path.parent, []).append(f)
    sources = []
    for folder, group in sorted(folders.items(), key=lambda item: len(item[1]), reverse=True):
        paths = [f.path for f in group]
        role = "image" if group[0].role == "ortho" else "elevation"
        if len(group) == 1:
            sources.append((paths[0], group))
        elif workdir is not None and set(raster_files(folder, role)) - set(paths):
            sources.append((write_vrt(paths, workdir / f"{folder.name}-{group[0].role}.vrt"), group))
        else:
            sources.append((folder, group))
    return sources


def build_scene(folder: str | Path, crs: str = DEFAULT_CRS, name: str | None = None,
                feedback: Feedback | None = None, *, commune: str | None = None, buffer: float = 200.0,
                workdir: str | Path | None = None) -> tuple[Scene, list[Found]]:
    """The scene for a commune's folder (paths absolute; ``save_scene`` makes them relative).

    ``commune``: an INSEE code (or a name) whose outline is in the folder; the scene then
    holds only what meets it, plus ``buffer`` metres. ``workdir``: where archives are
    extracted and the commune's window written (build-scene: a folder beside the scene)."""
    fb = feedback or Feedback()
    folder = Path(folder).resolve()
    if not folder.is_dir():
        raise DataError(message("is not a folder"), path=folder, hint=message("give the folder holding the commune's "
                                                                     "files"))
    workdir = Path(workdir).resolve() if workdir is not None else None
    if commune and workdir is None:
        raise DataError(message("a commune's scene keeps its window beside the scene: give a working folder"),
                        path=folder, hint=message("build_scene(..., workdir=FOLDER); twin build-scene does "
                                                  "it for you"))
    found, area = survey(folder, workdir, commune, buffer, crs, fb)
    by_role: dict[str, list[Found]] = {}
    for f in found:
        by_role.setdefault(f.role, []).append(f)
    if not any(f.role not in ("skipped", "outline") for f in found):
        raise DataError(message("holds no file twin can show within commune {} {}").format(area.code, area.name)
                        if area else message("holds no file twin can show"),
                        path=folder, hint=message("expected LiDAR tiles, a DTM, cadastre or BD TOPO "
                                                  "layers, CityJSON…"))
    scene = Scene(name=name or (area.name if area else folder.name), crs=crs)
    clip = workdir / f"commune-{area.code}.geojson" if area else None

    def vector(cls, title: str, f: Found, **kw):      # a layer of the file, read within the window
        return cls(title, source=f.path, layer=f.layer, clip=clip, **kw)

    sources = lidar_sources([f.path for f in by_role.get("lidar", [])])
    base = LayerGroup("Fond")
    for i, (source, _) in enumerate(raster_sources(by_role.get("dtm", []), workdir)):
        base.append(TerrainLayer(f"Terrain — {source.stem}" if i else "Terrain", source=source,
                                 style=TerrainStyle(color="#c8d1b4")))
    terrains = list(base)
    for source, tiles in raster_sources(by_role.get("ortho", []), workdir):
        if terrains and terrains[0].texture is None:
            terrains[0].texture = source
        else:
            for f in tiles:
                f.role, f.reason = "skipped", "an orthophoto with no terrain (DTM) to drape it on"
    if area is not None:      # IGN's Plan, streamed, for the planner to turn on (``twin.lod.basemap``)
        base.append(BasemapLayer("Plan IGN", preset="plan-ign", visible=False))
    if len(base):
        scene.add_layer(base)

    cadastre = LayerGroup("Cadastre")
    for f in by_role.get("parcels", []):
        cadastre.append(vector(VectorLayer, "Parcelles", f, style=VectorStyle(
            fill_color="#f2e6c9", fill_opacity=0.35, edge_color="#8a6d3b", line_width=1.0)))
    if len(cadastre):
        scene.add_layer(cadastre)
    context = [f for f in by_role.get("context", []) if f.layer.lower() in CONTEXT]
    if context:
        group = LayerGroup("Occupation du sol")
        for f in sorted(context, key=lambda f: list(CONTEXT).index(f.layer.lower())):
            title, style = CONTEXT[f.layer.lower()]
            group.append(vector(VectorLayer, title, f, style=style))
        scene.add_layer(group)

    _add_trees(scene, sources, context, area, clip)

    rule = HeightRule(lidar=sources[0] if sources else None)    # measures what no attribute gives
    buildings = sorted(by_role.get("buildings", []), key=lambda f: -f.info.count)   # the town's own first
    footprints = by_role.get("footprints", [])
    for i, f in enumerate(buildings):
        if area is None and f.info.count > LARGE:
            fb.warn(message("{}: {:,} buildings, a département's; build the scene of one "
                            "commune with --commune CODE to read only its own").format(f.path.name, f.info.count))
        scene.add_layer(vector(BuildingsLayer, "Bâtiments (LoD1)" if i == 0 else f"Bâtiments — {_stem(f)}", f,
                               heights=rule, style=BuildingStyle()))
    for f in footprints:      # cadastre footprints: their heights come from the LiDAR when there is one
        layer = vector(BuildingsLayer, "Bâtiments (cadastre)", f, heights=rule, style=BuildingStyle())
        layer.visible = not buildings          # BD TOPO's, with measured heights, is better when both exist
        scene.add_layer(layer)

    models = [ModelLayer(f.path.name.split(".")[0], source=f.path) for f in by_role.get("model", [])]
    if models:
        group = LayerGroup("Maquettes 3D")
        for layer in models:
            group.append(layer)
        scene.add_layer(group)
    for f in by_role.get("outline", []):
        layer = vector(VectorLayer, "Limites communales", f, style=OUTLINE_STYLE)
        layer.visible = area is not None       # a département's communes: on demand
        scene.add_layer(layer)
    for f in by_role.get("vector", []):
        layer = vector(VectorLayer, _stem(f), f)
        layer.visible = False                  # context layers: shown on demand
        scene.add_layer(layer)
    for source in sources:
        cloud = PointCloudLayer(f"LiDAR — {source.name.split('.')[0]}", source=source,
                                bbox=area.box if area else None)
        cloud.visible = not (buildings or footprints)     # heavy: shown on demand over a maquette
        scene.add_layer(cloud)

    written = False
    try:
        _frame(scene, found, area, fb)
        if area is not None:         # last: a failed build leaves no window behind
            written = bool(area.write(clip))
        _measure_lidar(scene, fb)
    except BaseException:
        if written:
            clip.unlink(missing_ok=True)
        raise
    finally:
        for layer in scene.data_layers():      # the scene is a file to write, not a loaded scene
            layer.data = None
    return scene, found


def _add_trees(scene: Scene, sources: list[Path], context: list[Found], area: Area | None,
               clip: Path | None) -> None:
    """Trees from the LiDAR where there is some (each crown measured), else scattered in
    BD TOPO's vegetation zones."""
    vegetation = [f for f in context if f.layer.lower() == "zone_de_vegetation"]
    if sources:
        layers = [TreesLayer("Arbres" if i == 0 else f"Arbres — {source.name.split('.')[0]}", source=source,
                             bbox=area.box if area else None) for i, source in enumerate(sources)]
    else:
        layers = [TreesLayer("Arbres", source=f.path, layer=f.layer, clip=clip) for f in vegetation[:1]]
    for layer in layers:
        scene.add_layer(layer)


def _stem(f: Found) -> str:
    return f.layer if f.layer and f.layer.lower() != "batiment" else f.path.name.split(".")[0]


def _frame(scene: Scene, found: list[Found], area: Area | None, fb: Feedback) -> None:
    """Origin and bookmarks from the data's extent (the commune's window when there is
    one); heights from the terrain, loaded decimated (cheap), so that the views look at
    the ground and not below it."""
    import numpy as np
    from twin.io.loading import apply_results, load_scene_data
    boxes = [area.box] if area else []
    for roles in (("buildings", "footprints", "parcels", "model"), ("dtm",), ("lidar",), ("vector", "context")):
        if boxes:      # the town itself when there are buildings or parcels, else what there is
            break
        boxes = [box_in(f.info.bounds, f.info.crs, scene.crs) for f in found
                 if f.role in roles and f.info is not None and f.info.bounds is not None]
    if not boxes:
        return
    boxes = np.asarray(boxes, float)
    focus = np.r_[boxes[:, :2].min(axis=0), boxes[:, 2:].max(axis=0)]
    scene.set_origin_from(*focus)
    terrains = [layer for layer in scene.data_layers() if isinstance(layer, TerrainLayer)]
    results = load_scene_data(scene, fb, terrains) if terrains else []
    apply_results(results)
    zs = [layer.data.grid.values for layer in terrains if layer.data is not None]
    finite = np.concatenate([z[np.isfinite(z)].ravel() for z in zs]) if zs else np.zeros(0)
    z0, z1 = (float(np.percentile(finite, 5)), float(np.percentile(finite, 95))) if len(finite) else (0.0, 30.0)
    box = (focus[0], focus[1], z0, focus[2], focus[3], z1 + 30)
    overview = View.looking_at(box)
    scene.camera.view = overview
    scene.add_bookmark(Bookmark("Vue d'ensemble", overview, "Toute la commune"))
    cx, cy = (focus[0] + focus[2]) / 2, (focus[1] + focus[3]) / 2
    side = max(min(focus[2] - focus[0], focus[3] - focus[1]) / 6, 150.0)
    scene.add_bookmark(Bookmark("Centre", View.looking_at((cx - side, cy - side, z0, cx + side, cy + side, z1 + 20),
                                                          elevation=30), "Le centre, à hauteur de toits"))
    scene.add_bookmark(Bookmark("Vue du nord", View.looking_at(box, azimuth=20.0, elevation=30.0)))


def _measure_lidar(scene: Scene, fb: Feedback) -> None:
    """What the LiDAR gives the scene — the buildings' heights, measured on the terrain just
    loaded, and the trees — found now and kept in the cache (twin.io.heights_cache, the
    trees layer's own): the scene's first opening then draws them without decoding the
    LiDAR. A layer that fails here fails again, and says why, when the scene opens."""
    from twin.io.loading import load_scene_data
    wanted = [layer for layer in scene.data_layers()
              if (isinstance(layer, BuildingsLayer) and layer.heights.lidar is not None)
              or (isinstance(layer, TreesLayer) and layer.from_lidar)]
    if wanted:
        fb.progress(0.99, "Measuring building heights and finding trees in the LiDAR")
        load_scene_data(scene, fb.collecting([]), wanted)


def report(found: list[Found], folder: Path) -> list[str]:
    lines = []
    for f in found:
        where = f.path.relative_to(folder) if f.path.is_relative_to(folder) else f.path
        if f.archive and not f.path.is_relative_to(folder):
            where = f"{f.archive} › {f.path.name}"
        if f.layer:
            where = f"{where} › {f.layer}"
        lines.append(f"  {str(where):<48} {f.role}{f' — {f.reason}' if f.reason else ''}")
    return lines
