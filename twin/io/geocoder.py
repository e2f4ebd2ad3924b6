"""Addresses through the French national address service (Base Adresse Nationale, served
by IGN's Géoplateforme): ``GET {base}/search?q=…&limit=…`` answers a GeoJSON
FeatureCollection whose features carry ``properties.label``, ``score``, ``type``
(housenumber, street, locality, municipality) and ``x``, ``y`` in Lambert-93, with
``geometry`` in WGS84. The base URL is ``TWIN_GEOCODER_URL`` when set (a local mirror,
a test server). Called off the GUI thread, with a timeout: a machine without network
gets a clear ``GeocoderUnavailable`` and the offline answers (``twin.io.search``)."""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request

from twin.core.crs import to_wgs84, transform_xy
from twin.core.errors import TwinError
from twin.io.search import Place
from twin.core.i18n import message
from twin.core.web import USER_AGENT

DEFAULT_URL = "https://data.geopf.fr/geocodage"
TIMEOUT_S = 6.0
KINDS = {"housenumber": "address", "street": "street", "locality": "place", "municipality": "place"}


class GeocoderUnavailable(TwinError):
    """The address service did not answer (no network, timeout, a server error)."""


def base_url() -> str:
    return os.environ.get("TWIN_GEOCODER_URL", DEFAULT_URL).rstrip("/")


def geocode(text: str, scene_crs: str, near: tuple[float, float] | None = None, limit: int = 5,
            timeout: float = TIMEOUT_S) -> list[Place]:
    """Addresses matching ``text``, best first, in the scene CRS; ``near`` (scene CRS)
    favours answers close to the scene. An empty list when nothing matches."""
    params = {"q": text.strip(), "limit": str(int(limit))}
    if near is not None:
        lon, lat = to_wgs84([near[0]], [near[1]], scene_crs)
        params.update(lon=f"{float(lon[0]):.6f}", lat=f"{float(lat[0]):.6f}")
    url = f"{base_url()}/search?{urllib.parse.urlencode(params)}"
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            body = answer.read()
    except urllib.error.HTTPError as exc:
        raise GeocoderUnavailable(message("the address service answered HTTP {}").format(exc.code), path=base_url(),
                                  hint=message("try again later; streets and places of the loaded layers "
                                               "are still found")) from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise GeocoderUnavailable(message("the address service cannot be reached ({})").format(reason), path=base_url(),
                                  hint=message("check the network; streets and places of the loaded layers "
                                               "are still found")) from None
    try:
        features = json.loads(body)["features"]
    except (ValueError, KeyError, TypeError):
        raise GeocoderUnavailable(message("the address service's answer is not the GeoJSON expected"), path=base_url()) from None
    return places_of(features, scene_crs)


def places_of(features: list, scene_crs: str) -> list[Place]:
    """Answers in the scene CRS: from Lambert-93 ``x``/``y`` when given, else the WGS84 point."""
    out = []
    for feature in features:
        props = feature.get("properties") or {}
        label = props.get("label")
        if not label:
            continue
        if props.get("x") is not None and props.get("y") is not None:
            src, x, y = "EPSG:2154", float(props["x"]), float(props["y"])
        else:
            coords = (feature.get("geometry") or {}).get("coordinates") or []
            if len(coords) < 2:
                continue
            src, x, y = "EPSG:4326", float(coords[0]), float(coords[1])
        sx, sy = transform_xy([x], [y], src, scene_crs)
        out.append(Place(str(label), float(sx[0]), float(sy[0]), KINDS.get(props.get("type"), "address"),
                         "BAN", float(props.get("score") or 0.0)))
    return out
