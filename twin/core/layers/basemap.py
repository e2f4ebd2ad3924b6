"""A basemap: a tile service's pictures (Plan IGN, orthophotos, any WMTS layer or XYZ
template) draped on the ground and streamed as the view moves (``twin.lod.basemap`` does
the fetching). The presets are IGN's Géoplateforme WMTS, whose base URL is
``TWIN_GEOPF_URL`` when set (a mirror, a proxy, the tests' server; the WMTS at ``/wmts``
under it); their layers, styles and formats are those IGN documents
(https://ignf.github.io/cartes.gouv.fr-documentation/fr/guides-utilisateur/acceder-aux-geodonnees/diffusion/wmts,
https://geoservices.ign.fr/services-geoplateforme-diffusion), on the ``PM`` (Web
Mercator) pyramid, as OpenLayers' IGN example requests them
(https://openlayers.org/en/latest/examples/wmts-ign.html)."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from typing import ClassVar

from twin.core.layers.base import Layer, register_layer_kind

GEOPF_URL = "https://data.geopf.fr"
PRESETS: dict[str, dict[str, str]] = {
    "plan-ign": {"layer": "GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2", "style": "normal", "format": "image/png",
                 "tile_matrix_set": "PM", "attribution": "© IGN – Plan IGN"},
    "ortho-ign": {"layer": "ORTHOIMAGERY.ORTHOPHOTOS", "style": "normal", "format": "image/jpeg",
                  "tile_matrix_set": "PM", "attribution": "© IGN – BD ORTHO"},
}


def geopf_wmts_url() -> str:
    """The Géoplateforme's WMTS endpoint (``TWIN_GEOPF_URL`` + ``/wmts``)."""
    return os.environ.get("TWIN_GEOPF_URL", GEOPF_URL).rstrip("/") + "/wmts"


def is_xyz(url: str) -> bool:
    return all(part in url for part in ("{z}", "{x}", "{y}"))


@dataclass(frozen=True)
class Service:
    """What a basemap names: an XYZ template, or a WMTS endpoint and one of its layers."""

    url: str
    layer: str = ""
    style: str = ""
    tile_matrix_set: str = ""
    format: str = ""

    @property
    def key(self) -> str:
        """The service's folder in the disk cache: readable, and unique to its settings."""
        text = "|".join((self.url, self.layer, self.style, self.tile_matrix_set, self.format))
        slug = re.sub(r"[^A-Za-z0-9]+", "-", self.layer or self.url.split("//")[-1].split("/")[0]).strip("-")[:40]
        return f"{slug}-{hashlib.sha1(text.encode()).hexdigest()[:12]}"


@dataclass(eq=False)
class BasemapLayer(Layer):
    """``preset`` ("plan-ign", "ortho-ign") names IGN's service; else ``url`` is an XYZ
    template with {z}, {x}, {y} or a WMTS endpoint with ``layer``, ``style``,
    ``tile_matrix_set`` and ``format``. ``attribution`` is shown in the view's corner
    (empty: the preset's, else the provider the capabilities name)."""

    preset: str = ""
    url: str = ""
    layer: str = ""
    style: str = ""
    tile_matrix_set: str = ""
    format: str = ""
    attribution: str = ""
    kind: ClassVar[str] = "basemap"
    file_keys: ClassVar[tuple[str, ...]] = ("preset", "url", "layer", "style", "tile_matrix_set", "format",
                                            "attribution")

    def __post_init__(self):
        super().__post_init__()
        if self.preset and self.preset not in PRESETS:
            raise ValueError(f"unknown basemap preset {self.preset!r} (presets: {', '.join(PRESETS)})")
        if not self.preset and not self.url:
            raise ValueError("a basemap needs a preset or a url")
        if not self.preset and not is_xyz(self.url) and not (self.layer and self.tile_matrix_set):
            raise ValueError("a WMTS basemap needs layer and tile_matrix_set (or an XYZ url with {z}, {x} and {y})")

    def service(self) -> Service:
        """The service these settings name (a preset's on the Géoplateforme, or at ``url``)."""
        if self.preset:
            p = PRESETS[self.preset]
            return Service(self.url or geopf_wmts_url(), p["layer"], p["style"], p["tile_matrix_set"], p["format"])
        return Service(self.url, self.layer, self.style, self.tile_matrix_set, self.format)

    def credit(self) -> str:
        """The attribution this layer states (the preset's when it states none)."""
        return self.attribution or (PRESETS[self.preset]["attribution"] if self.preset else "")


register_layer_kind(BasemapLayer)
