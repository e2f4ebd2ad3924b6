"""What the search box understands without the network: coordinates (Lambert-93 or WGS84),
a cadastral parcel id (Etalab's ``id``: INSEE + prefix + section + number, e.g.
``62041000AB0012``), and the streets, places and named features of the loaded layers
and the scene's bookmarks. The address geocoder (``twin.io.geocoder``) adds addresses
when the network answers; these answers stay when it does not."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from twin.core.crs import is_geographic, transform_xy
from twin.core.selection import table_of

# Etalab parcel ids: INSEE (2A/2B for Corsica) + 3-digit prefix + 2-char section + 4-digit number
PARCEL_ID = re.compile(r"^(\d[\dAB]\d{3})(\d{3})([0-9A-Z]{2})(\d{4})$")
NAME_FIELDS = ("toponyme", "nom", "name", "rue", "nom_voie", "voie", "adresse", "address", "street",
               "lieu_dit", "libelle", "label", "nom_1_gauche", "nom_1_droite", "nom_collaboratif_gauche")
_NUMBER = r"[-+]?\d+(?:[.,]\d+)?"
_PAIR = re.compile(rf"^\s*({_NUMBER})\s*(?:[;\s]|,\s)\s*({_NUMBER})\s*$|^\s*([-+]?\d+\.\d+),([-+]?\d+\.\d+)\s*$")


@dataclass(frozen=True)
class Place:
    """One answer: where it is in the scene CRS, what it is, how sure."""

    label: str
    x: float
    y: float
    kind: str                  # coordinates | parcel | address | street | place | bookmark
    source: str = ""           # the layer, "BAN", the bookmark
    score: float = 1.0
    bounds: tuple[float, float, float, float] | None = None    # scene CRS, when it has an extent
    z: float | None = None     # a height when the answer has one (a bookmark's focal point)


def normalise_parcel_id(text: str) -> str | None:
    """``62041000AB0012`` from "62041 000 AB 0012" or "62041000ab12"-like input; None when
    the text is not a parcel id."""
    compact = re.sub(r"[\s\-_.]", "", text).upper()
    m = re.match(r"^(\d[\dAB]\d{3})(\d{3})(\d?[A-Z]{1,2})(\d{1,4})$", compact)
    if m is None:
        return None
    insee, prefix, section, number = m.groups()
    return f"{insee}{prefix}{section.rjust(2, '0')}{number.rjust(4, '0')}"


def parse_coordinates(text: str, scene_crs: str) -> Place | None:
    """Two numbers: Lambert-93 (E N, metres) or WGS84 (lat lon as people write them, or
    lon lat when the order is unambiguous), in the scene CRS; None otherwise."""
    m = _PAIR.match(text)
    if m is None:
        return None
    a_text, b_text = (m.group(1), m.group(2)) if m.group(1) is not None else (m.group(3), m.group(4))
    a, b = (float(v.replace(",", ".")) for v in (a_text, b_text))
    if 100_000 <= a <= 1_300_000 and 6_000_000 <= b <= 7_200_000:
        src, x, y, label = "EPSG:2154", a, b, f"Lambert-93 E {a:.2f} N {b:.2f}"
    elif 100_000 <= b <= 1_300_000 and 6_000_000 <= a <= 7_200_000:
        src, x, y, label = "EPSG:2154", b, a, f"Lambert-93 E {b:.2f} N {a:.2f}"
    elif abs(a) <= 90 and abs(b) <= 180:
        lat, lon = (b, a) if abs(a) < 20 and 40 <= abs(b) <= 60 else (a, b)   # "2.77, 50.29": lon first
        src, x, y, label = "EPSG:4326", lon, lat, f"WGS84 {lat:.6f}° N {lon:.6f}° E"
    else:
        return None
    sx, sy = transform_xy([x], [y], src, scene_crs)
    if not (np.isfinite(sx[0]) and np.isfinite(sy[0])):
        return None
    return Place(label, float(sx[0]), float(sy[0]), "coordinates")


def _folded(values: pd.Series) -> pd.Series:
    """Lower case without accents, vectorised over the column."""
    return (values.astype("string").str.normalize("NFKD").str.encode("ascii", errors="ignore")
            .str.decode("ascii").str.lower().str.replace(r"[\s'’\-]+", " ", regex=True).str.strip())


def _layers_with_tables(scene):
    for layer in scene.layers.leaves():
        frame = table_of(layer)
        if frame is not None and len(frame) and hasattr(frame, "geometry") and not is_geographic(frame.crs or scene.crs):
            yield layer, frame


def find_parcel(scene, parcel_id: str) -> list[Place]:
    places = []
    for layer, frame in _layers_with_tables(scene):
        if "id" not in frame.columns:
            continue
        hits = np.flatnonzero((frame["id"].astype("string") == parcel_id).fillna(False).to_numpy(bool))
        for row in hits[:5]:
            geometry = frame.geometry.iloc[row]
            centre = geometry.representative_point()
            places.append(Place(parcel_id, centre.x, centre.y, "parcel", layer.name, 1.0,
                                tuple(map(float, geometry.bounds))))
    return places


def find_names(scene, text: str, limit: int = 10) -> list[Place]:
    """Named features of the loaded layers matching every word of ``text`` (case and
    accents aside), one answer per distinct name and layer, whole-name matches first."""
    words = _folded(pd.Series([text])).iloc[0].split()
    if not words:
        return []
    query = " ".join(words)
    found: list[Place] = []
    seen: set[str] = set()
    for layer, frame in _layers_with_tables(scene):
        for column in [c for c in frame.columns if str(c).lower() in NAME_FIELDS]:
            values = frame[column]
            if not (pd.api.types.is_string_dtype(values.dtype) or values.dtype == object):
                continue
            folded = _folded(values)
            hit = pd.Series(True, index=frame.index)
            for word in words:
                hit &= folded.str.contains(word, regex=False).fillna(False)
            rows = np.flatnonzero(hit.to_numpy(bool))
            if not len(rows):
                continue
            anchors = frame.geometry.iloc[rows].representative_point()
            table = pd.DataFrame({"name": values.iloc[rows].astype(str).to_numpy(),
                                  "folded": folded.iloc[rows].to_numpy(),
                                  "x": anchors.x.to_numpy(), "y": anchors.y.to_numpy()})
            boxes = frame.geometry.iloc[rows].bounds.to_numpy()
            table[["x0", "y0", "x1", "y1"]] = boxes
            for name, group in table.groupby("name", sort=False):
                key = f"{name.lower()}|{layer.name}"
                if key in seen:
                    continue
                seen.add(key)
                folded_name = group["folded"].iloc[0]
                score = 1.0 if folded_name == query else 0.9 if folded_name.startswith(query) else 0.7
                kind = "street" if str(column).lower() in ("rue", "nom_voie", "voie", "street", "adresse",
                                                           "address") or folded_name.startswith(("rue ", "avenue ", "boulevard ", "place ")) else "place"
                box = (float(group.x0.min()), float(group.y0.min()), float(group.x1.max()), float(group.y1.max()))
                found.append(Place(name, float(group.x.median()), float(group.y.median()), kind, layer.name,
                                   score, box))
    for bookmark in scene.bookmarks.values():
        folded_name = _folded(pd.Series([bookmark.name])).iloc[0]
        if all(word in folded_name for word in words):
            fx, fy, fz = bookmark.view.focal_point
            found.append(Place(bookmark.name, fx, fy, "bookmark", "", 1.0 if folded_name == query else 0.8, z=fz))
    found.sort(key=lambda p: -p.score)
    unique = {}
    for place in found:              # one answer per name: the layers that share a source repeat it
        unique.setdefault(place.label.lower(), place)
    return list(unique.values())[:limit]


def search_offline(scene, text: str, limit: int = 10) -> list[Place]:
    """Everything the scene itself answers for ``text``: coordinates, a parcel, names."""
    text = text.strip()
    if not text:
        return []
    place = parse_coordinates(text, scene.crs)
    if place is not None:
        return [place]
    parcel = normalise_parcel_id(text)
    if parcel is not None:
        return find_parcel(scene, parcel)
    return find_names(scene, text, limit)
