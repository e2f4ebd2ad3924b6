"""CityJSON 1.0–2.0 city models, and CityJSONFeature sequences (``.city.jsonl``).

Integer vertices are scaled by ``transform`` (1.1/2.0), plain float vertices read as they
are (1.0 without transform). Every geometry's surfaces are flattened, per level of detail,
into flat index arrays (``twin.core.data.Surfaces``) with their semantic (roof, wall,
ground...), so the layer chooses a LoD and colours by semantics without touching JSON
again. The JSON structure is walked per surface in Python; vertices stay numpy."""

from __future__ import annotations

import json
import re
from collections import Counter
from itertools import chain
from pathlib import Path

import numpy as np

from twin.core.data import SEMANTICS, FileInfo, MeshModel, Surfaces
from twin.core.errors import DataError
from twin.core.feedback import Feedback
from twin.io.sniff import head
from twin.core.i18n import message

_SEMANTIC = {"RoofSurface": SEMANTICS.index("roof"), "WallSurface": SEMANTICS.index("wall"),
             "GroundSurface": SEMANTICS.index("ground"), "Window": SEMANTICS.index("window"),
             "Door": SEMANTICS.index("door"), "ClosureSurface": SEMANTICS.index("closure")}
_OTHER = SEMANTICS.index("other")
_DEPTH = {"MultiSurface": 1, "CompositeSurface": 1, "Solid": 2, "MultiSolid": 3, "CompositeSolid": 3}
_EPSG = re.compile(r"EPSG(?:/\d+/|::?)(\d+)", re.IGNORECASE)


def is_cityjson(path: Path) -> bool:
    """Writers order keys freely ("type" may come after megabytes of "CityObjects"), but
    a CityJSON file names one of the two early, and GeoJSON never has "CityObjects"."""
    start = head(path, 65536)
    return b'"CityJSON' in start or b'"CityObjects"' in start


def crs_of(metadata: dict) -> str | None:
    """``metadata.referenceSystem`` as "EPSG:n" (2.0 URL, 1.0 URN or plain), else None."""
    found = _EPSG.search(str((metadata or {}).get("referenceSystem") or ""))
    return f"EPSG:{found.group(1)}" if found else None


def lod_name(value) -> str:
    """LoD as CityJSON 2.0 writes it: "1", "2.2" (1.0 files use numbers)."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return f"{value:g}"
    return str(value)


def _flatten(items, depth: int) -> list:
    for _ in range(depth):
        items = [x for sub in items for x in (sub or [])]
    return items


class _Builder:
    """Accumulates surfaces per LoD across geometries (and features)."""

    def __init__(self):
        self.lods: dict[str, dict[str, list]] = {}
        self.skipped: Counter = Counter()

    def add(self, geometry: dict, row: int, offset: int, name: str) -> None:
        kind = geometry.get("type")
        depth = _DEPTH.get(kind)
        if depth is None:
            self.skipped[kind or "untyped"] += 1     # GeometryInstance, MultiPoint, MultiLineString
            return
        surfaces = _flatten(geometry.get("boundaries") or [], depth - 1)
        semantics = geometry.get("semantics") or {}
        kinds = [_SEMANTIC.get(s.get("type"), _OTHER) if isinstance(s, dict) else _OTHER
                 for s in semantics.get("surfaces") or []]
        values = _flatten(semantics.get("values") or [], depth - 1) if kinds else []
        if values and len(values) != len(surfaces):
            raise DataError(message("object {!r}: {} semantic values for {} surfaces").format(
                                name, len(values), len(surfaces)))
        lod = self.lods.setdefault(lod_name(geometry.get("lod")), {
            "rings": [], "ring_len": [], "surface_rings": [], "object": [], "semantic": []})
        rings = [ring for surface in surfaces for ring in surface]
        lod["rings"].append(np.fromiter(chain.from_iterable(rings), np.int64) + offset)
        lod["ring_len"].append(np.fromiter(map(len, rings), np.int64, len(rings)))
        lod["surface_rings"].append(np.fromiter(map(len, surfaces), np.int64, len(surfaces)))
        lod["object"].append(np.full(len(surfaces), row, np.int64))
        lod["semantic"].append(np.array([0 if v is None else kinds[v] for v in values], np.uint8)
                               if values else np.zeros(len(surfaces), np.uint8))

    def surfaces(self, n_vertices: int, path: Path) -> dict[str, Surfaces]:
        out = {}
        for lod, parts in self.lods.items():
            rings = np.concatenate(parts["rings"]) if parts["rings"] else np.zeros(0, np.int64)
            if len(rings) and (rings.min() < 0 or rings.max() >= n_vertices):
                raise DataError(message("has a surface pointing to vertex {} of {} (LoD {})").format(
                                    int(rings.max()), n_vertices, lod),
                                path=path, hint=message("the file is corrupt or was cut; export it again"))
            ring_offsets = np.concatenate([[0], np.cumsum(np.concatenate(parts["ring_len"]))])
            surface_rings = np.concatenate([[0], np.cumsum(np.concatenate(parts["surface_rings"]))])
            out[lod] = Surfaces(rings, ring_offsets, surface_rings, np.concatenate(parts["object"]),
                                np.concatenate(parts["semantic"]))
        return out


def _scalar(value):
    return value if value is None or isinstance(value, (str, int, float, bool)) else json.dumps(value)


def _load(path: Path) -> tuple[dict, list[dict]]:
    """The city model (or a sequence's header) and its CityJSONFeatures."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(message("cannot be read ({})").format(exc), path=path) from None
    decoder = json.JSONDecoder()
    try:
        if path.name.lower().endswith(".jsonl"):
            lines = [line for line in text.splitlines() if line.strip()]
            docs = [decoder.decode(line) for line in lines]
            return docs[0], docs[1:]
        return decoder.decode(text), []
    except (ValueError, IndexError) as exc:
        raise DataError(message("is not valid JSON ({})").format(exc), path=path,
                        hint=message("the file is probably truncated; export or download it again")) from None


def _check(model, path: Path) -> None:
    if not isinstance(model, dict) or model.get("type") != "CityJSON":
        raise DataError(message("is JSON but not CityJSON (no \"type\": \"CityJSON\")"), path=path,
                        hint=message("GeoJSON goes in a vector layer; CityJSON files start with {\"type\": "
                                     "\"CityJSON\""))


def _vertices(raw, transform, path: Path, where: str) -> np.ndarray:
    try:
        v = np.asarray(raw if raw is not None else [], dtype=np.float64).reshape(-1, 3)
    except (TypeError, ValueError):
        raise DataError(message("{}: vertices are not triples of numbers").format(where), path=path) from None
    if transform:
        v = v * np.asarray(transform.get("scale", [1, 1, 1]), float) + np.asarray(transform.get("translate", [0, 0, 0]), float)
    return v


class CityJSONImporter:
    name = "cityjson"
    kind = "mesh"
    suffixes = (".json", ".city.json", ".jsonl", ".city.jsonl")

    def sniff(self, path: Path) -> bool:
        return is_cityjson(path)

    def info(self, path: Path) -> FileInfo:
        model, features = _load(path)
        _check(model, path)
        objects = dict(model.get("CityObjects") or {})
        for feature in features:
            objects.update(feature.get("CityObjects") or {})
        extent = (model.get("metadata") or {}).get("geographicalExtent")
        bounds = (extent[0], extent[1], extent[3], extent[4]) if extent and len(extent) == 6 else None
        lods = sorted({lod_name(g.get("lod")) for o in objects.values() for g in o.get("geometry") or []})
        return FileInfo(path, "mesh", self.name, len(objects), crs_of(model.get("metadata")), bounds,
                        {"version": model.get("version"), "lods": lods,
                         "types": dict(Counter(o.get("type") for o in objects.values()).most_common()),
                         "features": len(features) or None})

    def read(self, path: Path, feedback: Feedback) -> MeshModel:
        import pandas as pd
        model, features = _load(path)
        _check(model, path)
        transform = model.get("transform")
        docs = [(model, "the model")] + [(f, f"feature {f.get('id', i)!r}") for i, f in enumerate(features)]
        builder, vertices, records, offset = _Builder(), [], [], 0
        for doc, where in docs:
            v = _vertices(doc.get("vertices"), transform, path, where)
            for ident, obj in (doc.get("CityObjects") or {}).items():
                if not isinstance(obj, dict):
                    raise DataError(message("object {!r} is not a JSON object").format(ident), path=path)
                row = len(records)
                parents = obj.get("parents") or []
                records.append({"id": ident, "type": obj.get("type", "?"), "parent": parents[0] if parents else None,
                                **{k: _scalar(x) for k, x in (obj.get("attributes") or {}).items()}})
                for geometry in obj.get("geometry") or []:
                    builder.add(geometry, row, offset, ident)
            vertices.append(v)
            offset += len(v)
        if not records:
            raise DataError(message("holds no city object"), path=path)
        all_vertices = np.vstack(vertices)
        lods = builder.surfaces(len(all_vertices), path)
        if not lods:
            raise DataError(message("has city objects but no surface geometry to show"), path=path,
                            hint=message("geometries found: {}").format(dict(builder.skipped) or 'none'))
        warnings = []
        if builder.skipped:
            warnings.append(f"{path.name}: {sum(builder.skipped.values())} geometries of kinds twin does not "
                            f"draw were skipped ({', '.join(f'{k} ×{n}' for k, n in builder.skipped.items())})")
        if "" in lods:
            warnings.append(f"{path.name}: {len(lods[''])} surfaces have no LoD")
        frame = pd.DataFrame.from_records(records)
        return MeshModel(all_vertices, crs_of(model.get("metadata")), frame, lods, source=path, warnings=warnings)
