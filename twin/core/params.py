"""Typed values of algorithm parameters beyond numbers and text: files read and written,
lines, masks (polygons or a box) and points. Each type parses what a user types (the
command line, a form's text field) or what a program hands over, and says in a TwinError
which parameter is wrong and how to write it, so that ``twin process`` and the toolbox
check parameters the same way."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from twin.core.errors import TwinError
from twin.core.i18n import message

_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"


def _numbers(text: str, name: str, example: str) -> list[float]:
    parts = [p for p in re.split(r"[\s,;]+", text.strip()) if p]
    if not parts or not all(re.fullmatch(_NUMBER, p) for p in parts):
        raise TwinError(message("parameter '{}' must be numbers like \"{}\", got {!r}").format(
                            name, example, text))
    return [float(p) for p in parts]


def _split_crs(text: str) -> tuple[str, str | None]:
    """ "x y @EPSG:4326" → ("x y", "EPSG:4326")."""
    body, at, crs = text.partition("@")
    return body, (crs.strip() or None) if at else None


class InputFile:
    """An existing file (or folder of tiles, or a scene .toml) to read."""

    @staticmethod
    def parse(value: Any, p) -> Path:
        path = Path(getattr(value, "source", None) or value)   # a DataLayer stands for its file
        if not str(value).strip() or not path.exists():
            raise TwinError(message("parameter '{}': file not found").format(p.name), path=path,
                            hint=message("give the path of an existing file"))
        return path


class OutputFile:
    """A file to write; its suffix must be one of the parameter's ``suffixes``."""

    @staticmethod
    def parse(value: Any, p) -> Path:
        path = Path(str(value).strip())
        if not str(value).strip():
            raise TwinError(message("parameter '{}' needs the path of a file to write").format(p.name))
        if p.suffixes and path.suffix.lower() not in p.suffixes:
            raise TwinError(message("parameter '{}': cannot write a {} file").format(
                                p.name, path.suffix or 'suffix-less'),
                            path=path, hint=message("end the name with {}").format(' or '.join(p.suffixes)))
        if not path.parent.is_dir():
            raise TwinError(message("parameter '{}': the folder does not exist").format(p.name), path=path.parent,
                            hint=message("create it first, or write elsewhere"))
        return path


class Line:
    """A polyline: "X1 Y1, X2 Y2[, …]" in the scene's CRS, a list of (x, y) or a shapely line."""

    @staticmethod
    def parse(value: Any, p) -> shapely.LineString:
        if isinstance(value, shapely.LineString):
            line = value
        else:
            if isinstance(value, str):
                vertices = [v for v in value.split(",") if v.strip()]
                coords = [_numbers(v, p.name, "X1 Y1, X2 Y2") for v in vertices]
            else:
                coords = [list(map(float, v)) for v in value]
            if any(len(c) not in (2, 3) for c in coords):
                raise TwinError(message("parameter '{}': each vertex is \"X Y\", vertices separated by "
                                        "commas").format(p.name),
                                hint=message("e.g. \"684900 7018500, 685100 7018650\""))
            line = shapely.LineString([c[:2] for c in coords]) if len(coords) >= 2 else None
        if line is None or not line.is_valid or line.length <= 0 or not np.isfinite(line.length):
            raise TwinError(message("parameter '{}' needs a line of at least two distinct vertices").format(
                                p.name),
                            hint=message("e.g. \"684900 7018500, 685100 7018650\""))
        return line


@dataclass(frozen=True)
class Mask:
    """Polygons to clip with: from a file (in its CRS) or a box (in the scene's CRS, None)."""

    geometry: shapely.Geometry | None     # None: read from ``source``
    crs: str | None
    source: Path | None = None


class Area:
    """A polygon file (its polygons, unioned) or a box "XMIN YMIN XMAX YMAX"."""

    @staticmethod
    def parse(value: Any, p) -> Mask:
        if isinstance(value, Mask):
            return value
        if isinstance(value, (tuple, list)) or (isinstance(value, str) and re.fullmatch(
                rf"\s*{_NUMBER}([\s,;]+{_NUMBER}){{3}}\s*", value)):
            box = _numbers(value, p.name, "XMIN YMIN XMAX YMAX") if isinstance(value, str) else list(map(float, value))
            if len(box) != 4 or not (box[0] < box[2] and box[1] < box[3]):
                raise TwinError(message("parameter '{}': a box is \"XMIN YMIN XMAX YMAX\" with XMIN < XMAX "
                                        "and YMIN < YMAX, got {!r}").format(p.name, value))
            return Mask(shapely.box(*box), None)
        return Mask(None, None, InputFile.parse(value, p))   # read by the algorithm (twin.io)


@dataclass(frozen=True)
class PointValue:
    x: float
    y: float
    z: float | None
    crs: str | None       # None: the scene's CRS


class Point:
    """"X Y" or "X Y Z" in the scene's CRS, or "LON LAT @EPSG:4326" in another one."""

    @staticmethod
    def parse(value: Any, p) -> PointValue:
        if isinstance(value, PointValue):
            return value
        if isinstance(value, str):
            body, crs = _split_crs(value)
            xyz = _numbers(body, p.name, "X Y [Z] [@EPSG:4326]")
        else:
            crs, xyz = None, [float(v) for v in value]
        if len(xyz) not in (2, 3) or not np.all(np.isfinite(xyz)):
            raise TwinError(message("parameter '{}' is a point \"X Y\" or \"X Y Z\" (optionally followed "
                                    "by @EPSG:code), got {!r}").format(p.name, value))
        if crs is not None:
            from twin.core.crs import parse_crs
            try:
                parse_crs(crs)
            except ValueError as exc:
                raise TwinError(message("parameter '{}': {}").format(p.name, exc)) from None
        return PointValue(xyz[0], xyz[1], xyz[2] if len(xyz) == 3 else None, crs)


class Choice:
    """One of the parameter's ``choices``."""

    @staticmethod
    def parse(value: Any, p) -> str:
        if str(value) not in p.choices:
            raise TwinError(message("parameter '{}' must be one of {}, got {!r}").format(
                                p.name, ', '.join(p.choices), value))
        return str(value)


TYPE_NAMES = {InputFile: "file", OutputFile: "output", Line: "line", Area: "polygons or box",
              Point: "point", Choice: "choice"}
