"""twin's own processing algorithms (profile, extract, clip, viewshed, sun-hours),
registered through the plugin registry like a third party's, so that the toolbox, the
Processing menu and ``twin process`` list and run them all the same way.

A result is a dict: written files under ``out`` (the app adds them as layers), plus
figures worth printing; ``profile`` also hands back the ``Profile`` for the chart, and
the rasters their ``legend``: the settings of the RasterDrapeLayer that shows the map."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import shapely

from twin.core.contrib import Algorithm, Parameter
from twin.core.errors import DataError, TwinError
from twin.core.feedback import Feedback
from twin.core.params import Area, InputFile, Line, OutputFile, Point
from twin.analysis.vectors import WRITABLE
from twin.core.i18n import message

RASTER_SUFFIXES = (".tif", ".tiff")


def _scene(params: dict, scene, fb: Feedback):
    """The scene an algorithm works on and its terrain grid: ``input`` (a scene .toml or
    data files) loaded, else the one open in the app as it is loaded (its layers are the
    window's: an algorithm running beside it never loads them from its thread)."""
    from twin.core.layers import BuildingsLayer, TerrainLayer
    from twin.io.autoscene import load_scene_or_files
    from twin.analysis.sunhours import _load_ground_and_buildings
    if params.get("input") is not None:
        scene = load_scene_or_files([str(params["input"])])
        grids, errors = _load_ground_and_buildings(scene, fb)
        for text in errors:
            fb.warn(message("{} (left out)").format(text))
        return scene, (grids[0] if grids else None)
    if scene is None or not scene.data_layers():
        raise TwinError(message("there is no scene to work on"), hint=message("give --input: a scene .toml or data "
                                                                     "files"))
    for layer in scene.data_layers():
        if isinstance(layer, (TerrainLayer, BuildingsLayer)) and layer.data is None:
            fb.warn(message("layer '{}' is not loaded: left out (show it once to load it)").format(layer.name))
    grids = [layer.data.grid for layer in scene.data_layers()
             if isinstance(layer, TerrainLayer) and layer.data is not None]
    return scene, (grids[0] if grids else None)


def _in_scene_crs(point, scene) -> tuple[float, float, float | None]:
    if point.crs is None:
        return point.x, point.y, point.z
    from twin.core.crs import transform_xy
    x, y = transform_xy([point.x], [point.y], point.crs, scene.crs)
    return float(x[0]), float(y[0]), point.z


# -- profile -------------------------------------------------------------------------------
def run_profile(scene, params: dict, fb: Feedback) -> dict:
    from twin.analysis.profile import profile
    source = params.get("input")
    line, step, corridor = params["line"], params["step"], params["corridor"]
    if source is not None and source.suffix.lower() != ".toml":
        result = profile(line, step, dtm=source, feedback=fb)
    else:
        scene, terrain = _scene(params, scene, fb)
        result = profile(line, step, dtm=terrain, buildings=_buildings(scene), tiles=_point_tiles(scene, fb),
                         corridor=corridor, crs=scene.crs, feedback=fb)
    out = {"profile": result, "stations": len(result)}
    if params.get("out") is not None:
        out["out"] = result.write_csv(params["out"])
    return out


def _buildings(scene):
    from twin.projects.states import variant_buildings
    town = variant_buildings(scene, None, None)
    if not len(town.ids):
        return None
    return (np.asarray(town.footprints, dtype=object),
            np.asarray(town.base_z, float) + np.asarray(town.heights, float))


def _point_tiles(scene, fb: Feedback) -> list:
    """(tile, CRS) of every point cloud layer's files, opened (headers and hierarchies only)."""
    from twin.core.layers import PointCloudLayer
    from twin.io.kinds.points import read_point_tiles
    tiles = []
    for layer in scene.data_layers():
        if isinstance(layer, PointCloudLayer):
            opened = read_point_tiles(layer, scene, fb.collecting(fb.warnings))
            tiles += list(zip(opened.tiles, opened.crs))
    return tiles


# -- vectors -------------------------------------------------------------------------------
def run_extract(scene, params: dict, fb: Feedback) -> dict:
    from twin.analysis.vectors import extract, read_vectors, write_vectors
    table = read_vectors(params["input"], fb)
    fb.progress(0.5, "Choosing the features")
    chosen = extract(table, params["where"])
    written = write_vectors(chosen, params["out"])
    fb.progress(1.0, "Written")
    return {"out": written, "features": len(chosen), "of": len(table)}


def run_clip(scene, params: dict, fb: Feedback) -> dict:
    source, out = params["input"], params["out"]
    if source.suffix.lower() in RASTER_SUFFIXES + (".asc", ".vrt"):
        if out.suffix.lower() not in RASTER_SUFFIXES:
            raise TwinError(message("a raster is clipped to a GeoTIFF, not {}").format(out.suffix), path=out,
                            hint=message("end the output's name with .tif"))
        return _clip_raster(source, params["mask"], out, fb)
    if out.suffix.lower() not in WRITABLE:
        raise TwinError(message("vector features are written to {}, not {}").format(
                            ', '.join(WRITABLE), out.suffix), path=out)
    from twin.analysis.vectors import clip, mask_geometry, read_vectors, write_vectors
    table = read_vectors(source, fb)
    area = mask_geometry(params["mask"], table.crs, fb)
    fb.progress(0.5, "Cutting the features")
    cut = clip(table, area)
    written = write_vectors(cut, out)
    fb.progress(1.0, "Written")
    return {"out": written, "features": len(cut), "of": len(table)}


def _clip_raster(source: Path, mask, out: Path, fb: Feedback) -> dict:
    import os
    import rasterio
    from rasterio.mask import mask as cut
    from twin.analysis.vectors import mask_geometry
    try:
        ds = rasterio.open(source)
    except (rasterio.errors.RasterioError, OSError) as exc:
        raise DataError(message("cannot be read as a raster ({})").format(exc), path=source) from None
    with ds:
        area = mask_geometry(mask, ds.crs.to_string() if ds.crs else None, fb)
        if not shapely.intersects(area, shapely.box(*ds.bounds)):
            raise DataError(message("the mask does not meet the raster"), path=source,
                            hint=message("the raster covers {}").format(
                                     ', '.join(f'{v:.0f}' for v in ds.bounds)))
        values, transform = cut(ds, [area], crop=True, filled=True)
        profile = ds.profile | {"driver": "GTiff", "height": values.shape[1], "width": values.shape[2],
                                "transform": transform, "compress": "deflate"}
        if profile.get("nodata") is None and values.dtype.kind == "f":
            profile["nodata"] = np.nan
    tmp = out.with_name(f".{out.name}.part")
    try:
        with rasterio.open(tmp, "w", **profile) as dst:
            dst.write(values)
        os.replace(tmp, out)
    except (OSError, rasterio.errors.RasterioError) as exc:
        tmp.unlink(missing_ok=True)
        raise DataError(message("cannot be written ({})").format(exc), path=out) from None
    fb.progress(1.0, "Written")
    return {"out": out, "cells": int(values.shape[1] * values.shape[2])}


# -- rasters of the scene ------------------------------------------------------------------
def run_viewshed(scene, params: dict, fb: Feedback) -> dict:
    from twin.analysis.sunhours import surface_grid, write_geotiff
    from twin.analysis.viewshed import viewshed
    scene, terrain = _scene(params, scene, fb)
    x, y, z = _in_scene_crs(params["eye"], scene)
    radius, res = params["radius"], params["resolution"]
    bounds = (x - radius, y - radius, x + radius, y + radius)
    from twin.projects.states import variant_buildings
    town = variant_buildings(scene, None, None)
    foot = np.asarray(town.footprints, dtype=object).reshape(-1)
    near = shapely.intersects(foot, shapely.box(*bounds)) if len(foot) else np.zeros(0, bool)
    base, heights = np.asarray(town.base_z, float).reshape(-1)[near], np.asarray(town.heights, float).reshape(-1)[near]
    foot = foot[near]
    fb.progress(0.2, "Building the surface")
    surface = surface_grid(bounds, res, foot, base, heights, ground=terrain, crs=scene.crs)
    fb.progress(0.5, "Casting the sight lines")
    eye = (x, y) if z is None else (x, y, z)
    seen = viewshed(surface, eye, radius, eye_height=params["eye_height"])
    written = write_geotiff(seen, params["out"])
    fb.progress(1.0, "Written")
    cell = res * res
    return {"out": written, "seen_m2": float(seen.values.sum() * cell),
            "legend": {"title": "Seen from the viewpoint", "categories": ("seen",), "colormap": "autumn_r",
                       "hide_below": 0.5}}


def run_sun_hours(scene, params: dict, fb: Feedback) -> dict:
    from twin.analysis.sunhours import sun_hours_of_scene, write_geotiff
    try:
        day = dt.date.fromisoformat(str(params["date"]))
    except ValueError:
        raise TwinError(message("parameter 'date' must look like 2026-06-21, got {!r}").format(params['date'])) from None
    scene, _terrain = _scene(params, scene, fb)
    area = params.get("area")
    bbox = None
    if area is not None:
        from twin.analysis.vectors import mask_geometry
        bbox = shapely.bounds(mask_geometry(area, scene.crs, fb))
    result, _errors = sun_hours_of_scene(scene, day, params["resolution"], bbox=bbox,
                                         step_minutes=params["step"], feedback=fb)
    written = write_geotiff(result.grid, params["out"])
    hours = result.hours[np.isfinite(result.hours)]
    return {"out": written, "day_length_h": round(result.day_length_h, 2),
            "mean_h": round(float(hours.mean()), 2) if len(hours) else 0.0,
            "legend": {"title": "Hours of direct sun", "vmin": 0.0, "vmax": float(result.day_length_h),
                       "colormap": "inferno", "unit": "h"}}


_SCENE = Parameter("input", InputFile, label="Scene", optional=True,
                   help="a scene .toml or data files (default: the scene open in the app)")

ALGORITHMS = (
    Algorithm("profile", "Elevation profile", (
        Parameter("input", InputFile, label="DTM or scene", optional=True,
                  help="a DTM raster, or a scene .toml: its terrain, buildings and point clouds "
                       "(default: the scene open in the app)"),
        Parameter("line", Line, label="Line", help="\"X1 Y1, X2 Y2[, …]\" in the scene's CRS"),
        Parameter("step", float, 1.0, "Step (m)", minimum=0.01, help="metres between stations"),
        Parameter("corridor", float, 2.0, "Corridor (m)", minimum=0.01,
                  help="points within this distance either side of the line"),
        Parameter("out", OutputFile, label="CSV file", optional=True, suffixes=(".csv",),
                  help="distance,x,y,z[,building,points_min,points_median,points_max]")),
        run_profile, "Heights along a line: terrain, buildings and points.", "Terrain"),
    Algorithm("extract", "Extract by expression", (
        Parameter("input", InputFile, label="Vector file"),
        Parameter("where", str, label="Expression", help="e.g. \"hauteur > 10 and usage_1 = 'Résidentiel'\""),
        Parameter("out", OutputFile, label="Output", suffixes=WRITABLE)),
        run_extract, "The features for which an expression is true.", "Vector"),
    Algorithm("clip", "Clip", (
        Parameter("input", InputFile, label="Vector or raster file"),
        Parameter("mask", Area, label="Mask", help="a polygon file, or a box \"XMIN YMIN XMAX YMAX\""),
        Parameter("out", OutputFile, label="Output", suffixes=WRITABLE + RASTER_SUFFIXES)),
        run_clip, "Features or cells cut to polygons or a box.", "Vector"),
    Algorithm("viewshed", "Viewshed", (
        _SCENE,
        Parameter("eye", Point, label="Viewpoint", help="\"X Y\" on the ground, \"X Y Z\" at a height, "
                                                        "or \"LON LAT @EPSG:4326\""),
        Parameter("radius", float, 300.0, "Radius (m)", minimum=1.0),
        Parameter("eye_height", float, 1.6, "Eye height (m)", minimum=0.0),
        Parameter("resolution", float, 1.0, "Cell (m)", minimum=0.1),
        Parameter("out", OutputFile, label="GeoTIFF", suffixes=RASTER_SUFFIXES)),
        run_viewshed, "What a person at a point sees: ground and roofs, buildings as prisms.", "Analysis"),
    Algorithm("sun-hours", "Hours of sun", (
        _SCENE,
        Parameter("date", str, label="Day", help="YYYY-MM-DD (Europe/Paris)"),
        Parameter("area", Area, label="Area", optional=True,
                  help="a box \"XMIN YMIN XMAX YMAX\" or polygons (default: around the buildings)"),
        Parameter("resolution", float, 1.0, "Cell (m)", minimum=0.1),
        Parameter("step", float, 15.0, "Step (minutes)", minimum=1.0, maximum=120.0),
        Parameter("out", OutputFile, label="GeoTIFF", suffixes=RASTER_SUFFIXES)),
        run_sun_hours, "Hours of direct sun over a day on a grid.", "Analysis"),
)


def register(registrar) -> None:
    """The algorithms, and the draped raster layers their maps are shown with."""
    from twin.core.layers.raster import RasterDrapeLayer
    from twin.io.kinds.raster_drape import RasterDrapeKind
    for algorithm in ALGORITHMS:
        registrar.algorithm(algorithm)
    registrar.layer_kind(RasterDrapeLayer, visual="twin._vtk.raster_drape:RasterDrapeVisual", loader=RasterDrapeKind())
