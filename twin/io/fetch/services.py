"""The open-data services ``twin fetch`` reads, as their documentation describes them.

IGN's Géoplateforme (base ``TWIN_GEOPF_URL``, default ``https://data.geopf.fr``):

- WFS 2.0.0 at ``{base}/wfs/ows`` (https://geoservices.ign.fr/documentation/services/services-geoplateforme/diffusion
  and https://cartes.gouv.fr/aide/fr/guides-utilisateur/utiliser-les-services-de-la-geoplateforme/diffusion/wfs/):
  ``SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=…&OUTPUTFORMAT=application/json
  &SRSNAME=EPSG:2154``, filtered by ``BBOX=xmin,ymin,xmax,ymax,EPSG:2154`` or ``CQL_FILTER``
  (not both), paged with ``COUNT`` (at most 5 000 a page) and ``STARTINDEX``;
  ``RESULTTYPE=hits`` answers the count (``numberMatched``) alone.
  Layers: ``ADMINEXPRESS-COG-CARTO.LATEST:commune`` (ADMIN EXPRESS COG CARTO: ``code_insee``,
  ``nom_officiel``; ``insee_com``, ``nom`` before version 4), ``BDTOPO_V3:batiment``,
  ``BDTOPO_V3:zone_de_vegetation``, ``BDTOPO_V3:surface_hydrographique``,
  ``BDTOPO_V3:troncon_de_route`` (BD TOPO 3: the GeoPackage's own field names), and the
  LiDAR HD tile indexes ``IGNF_NUAGES-DE-POINTS-LIDAR-HD:dalle`` (classified COPC tiles)
  and ``IGNF_MNT-LIDAR-HD:dalle`` (MNT 0.5 m tiles): one 1 km square per tile with its
  ``name`` and download ``url`` (https://geoservices.ign.fr/lidarhd).
- WMS-R 1.3.0 at ``{base}/wms-r`` (https://geoservices.ign.fr/services-web-experts-ortho):
  ``REQUEST=GetMap&LAYERS=HR.ORTHOIMAGERY.ORTHOPHOTOS&CRS=EPSG:2154&BBOX=xmin,ymin,xmax,ymax
  &WIDTH=…&HEIGHT=…&FORMAT=image/jpeg`` (EPSG:2154's axes are easting, northing).

Etalab's cadastre (base ``TWIN_CADASTRE_URL``, default
``https://cadastre.data.gouv.fr/data/etalab-cadastre/latest/geojson``,
https://cadastre.data.gouv.fr/datasets/cadastre-etalab): one gzipped GeoJSON per commune
and layer, ``{base}/communes/{département}/{INSEE}/cadastre-{INSEE}-{parcelles|batiments}.json.gz``,
in WGS84."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from twin.core.feedback import Feedback
from twin.core.i18n import message
from twin.io.fetch.http import Service, get_bytes, get_json, with_params

GEOPF_URL = "https://data.geopf.fr"
CADASTRE_URL = "https://cadastre.data.gouv.fr/data/etalab-cadastre/latest/geojson"
COMMUNES = "ADMINEXPRESS-COG-CARTO.LATEST:commune"
LIDAR_INDEX = "IGNF_NUAGES-DE-POINTS-LIDAR-HD:dalle"
MNT_INDEX = "IGNF_MNT-LIDAR-HD:dalle"
ORTHO_LAYER = "HR.ORTHOIMAGERY.ORTHOPHOTOS"
PAGE = 5000                    # the Géoplateforme's largest WFS page
SRS = "EPSG:2154"
CODE = re.compile(r"^(\d{5}|2[AB]\d{3})$", re.IGNORECASE)


def wfs() -> Service:
    return Service("IGN Géoplateforme WFS", (os.environ.get("TWIN_GEOPF_URL") or GEOPF_URL).rstrip("/") + "/wfs/ows")


def wms() -> Service:
    return Service("IGN Géoplateforme WMS-R", (os.environ.get("TWIN_GEOPF_URL") or GEOPF_URL).rstrip("/") + "/wms-r")


def cadastre() -> Service:
    return Service("Etalab cadastre", (os.environ.get("TWIN_CADASTRE_URL") or CADASTRE_URL).rstrip("/"))


def tiles(url: str) -> Service:
    """Where the LiDAR HD indexes send for a tile (their ``url``: IGN's storage)."""
    from urllib.parse import urlsplit
    parts = urlsplit(url)
    return Service("IGN LiDAR HD downloads", f"{parts.scheme}://{parts.netloc}")


def _params(typename: str, **extra) -> dict:
    return {"SERVICE": "WFS", "VERSION": "2.0.0", "REQUEST": "GetFeature", "TYPENAMES": typename,
            "OUTPUTFORMAT": "application/json", "SRSNAME": SRS, **extra}


def features(typename: str, fb: Feedback, *, bbox=None, cql: str | None = None) -> list[dict]:
    """Every feature of a layer within a box (Lambert-93) or matching a CQL filter, page
    after page."""
    service, out, start = wfs(), [], 0
    where = {"BBOX": ",".join(f"{v:.2f}" for v in bbox) + f",{SRS}"} if bbox is not None else {"CQL_FILTER": cql}
    while True:
        page = get_json(service, service.url, fb, _params(typename, COUNT=PAGE, STARTINDEX=start, **where))
        got = page.get("features")
        if page.get("type") != "FeatureCollection" or not isinstance(got, list):
            raise service.error(message("answered {} with something else than a GeoJSON FeatureCollection").format(
                                    typename),
                                message("the layer may have been renamed; check the service's GetCapabilities"))
        out.extend(got)
        matched = page.get("numberMatched", page.get("totalFeatures"))
        if not got or (len(out) >= matched if isinstance(matched, int) else len(got) < PAGE):
            return out         # a server may cap its pages below COUNT: numberMatched says when all came
        start += len(got)


def count(typename: str, bbox, fb: Feedback) -> int:
    """How many features of a layer lie in a box (``RESULTTYPE=hits``)."""
    service = wfs()
    body = get_bytes(service, service.url, fb, _params(typename, RESULTTYPE="hits",
                                                       BBOX=",".join(f"{v:.2f}" for v in bbox) + f",{SRS}"))
    found = re.search(rb'numberMatched="(\d+)"', body)
    if found is None:
        raise service.error(message("answered {} hits without numberMatched").format(typename))
    return int(found.group(1))


@dataclass(frozen=True)
class CommuneOutline:
    code: str
    name: str
    feature: dict          # the ADMIN EXPRESS feature, Lambert-93


def commune(code: str, fb: Feedback) -> CommuneOutline:
    """The commune of this INSEE code in ADMIN EXPRESS; a clear error when there is none."""
    from twin.core.errors import DataError
    code = code.strip().upper()
    if not CODE.match(code):
        raise DataError(message("'{}' is not an INSEE commune code").format(code),
                        hint=message("an INSEE code has 5 characters, e.g. 62041 for Arras (not the postcode "
                                     "62000); 2A004 in Corsica"))
    found = features(COMMUNES, fb, cql=f"code_insee='{code}'")
    if not found:
        service = wfs()
        raise service.error(message("has no commune {} in ADMIN EXPRESS").format(code),
                            message("check the INSEE code (not the postcode): 62041 is Arras; the app's "
                                    "New scene from a commune… finds a code by the commune's name"))
    props = found[0].get("properties") or {}
    return CommuneOutline(code, str(props.get("nom_officiel") or props.get("nom") or code), found[0])


def communes_named(text: str, fb: Feedback, limit: int = 10) -> list[tuple[str, str]]:
    """(code, name) of the communes whose name starts with ``text``, for suggestions."""
    text = text.strip().replace("'", "''")
    if not text:
        return []
    found = features(COMMUNES, fb, cql=f"nom_officiel ILIKE '{text}%'")
    out = {(str(p.get("code_insee")), str(p.get("nom_officiel"))) for p in (f.get("properties") or {} for f in found)}
    return sorted(out, key=lambda c: (len(c[1]), c[1]))[:limit]


def cadastre_url(code: str, layer: str = "parcelles") -> str:
    department = code[:3] if code.startswith("97") else code[:2]
    return f"{cadastre().url}/communes/{department}/{code}/cadastre-{code}-{layer}.json.gz"


def ortho_url(box, width: int, height: int) -> str:
    service = wms()
    return with_params(service.url, {"SERVICE": "WMS", "VERSION": "1.3.0", "REQUEST": "GetMap",
                                     "LAYERS": ORTHO_LAYER, "STYLES": "", "CRS": SRS,
                                     "BBOX": ",".join(f"{v:.2f}" for v in box), "WIDTH": width, "HEIGHT": height,
                                     "FORMAT": "image/jpeg"})
