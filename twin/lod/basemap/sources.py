"""Tile services: an XYZ template (``https://…/{z}/{x}/{y}.png``) or a WMTS layer read
from the service's GetCapabilities (kept in the disk cache a day, and used stale when the
service cannot be reached), its tiles fetched RESTfully when the capabilities give a
``ResourceURL`` template, else by KVP ``GetTile``.

The presets are IGN's Géoplateforme WMTS (``https://data.geopf.fr/wmts``, WMTS 1.0.0,
pyramid ``PM`` = Web Mercator; layers, styles and formats as documented at
https://ignf.github.io/cartes.gouv.fr-documentation/fr/guides-utilisateur/acceder-aux-geodonnees/diffusion/wmts
and https://geoservices.ign.fr/services-geoplateforme-diffusion, and as OpenLayers' IGN
example requests them: https://openlayers.org/en/latest/examples/wmts-ign.html). The
Géoplateforme's base URL is ``TWIN_GEOPF_URL`` when set (a mirror, a proxy, the tests'
server), the WMTS at ``/wmts`` under it (``twin.core.layers.basemap``). IGN's licence
asks for « © IGN » to be shown."""

from __future__ import annotations

import hashlib
import threading
import time
import warnings
import xml.etree.ElementTree as ET
from collections import OrderedDict
from dataclasses import replace
from urllib.parse import urlencode

import numpy as np
from pyproj import CRS

from twin.core.i18n import message
from twin.core.layers.basemap import Service, is_xyz
from twin.lod.basemap.cache import DiskCache, expiry
from twin.lod.basemap.grid import PIXEL_M, TileGrid, TileMatrix, mercator_grid
from twin.lod.basemap.http import BasemapError, Missing, Unreachable, get

CAPABILITIES_TTL_S = 24 * 3600
MEMORY_BYTES = 96_000_000         # decoded tiles kept in memory, per service
_NS = {"wmts": "http://www.opengis.net/wmts/1.0", "ows": "http://www.opengis.net/ows/1.1",
       "xlink": "http://www.w3.org/1999/xlink"}


class TileSource:
    """The tiles of one service, as RGBA arrays: memory, then disk, then the network
    (not at all ``offline``); thread-safe."""

    def __init__(self, service: Service, grid: TileGrid, template: str | None, disk: DiskCache):
        self.service, self.grid, self.disk = service, grid, disk
        self._template = template            # RESTful or XYZ; None: KVP GetTile
        self._memory: OrderedDict[tuple, np.ndarray | None] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._fetching: dict[tuple, threading.Lock] = {}

    def url(self, level: int, col: int, row: int) -> str:
        matrix = self.grid.matrices[level]
        s = self.service
        if self._template is not None:
            return (self._template.replace("{z}", matrix.id).replace("{x}", str(col)).replace("{y}", str(row))
                    .replace("{TileMatrix}", matrix.id).replace("{TileCol}", str(col)).replace("{TileRow}", str(row))
                    .replace("{TileMatrixSet}", s.tile_matrix_set).replace("{Style}", s.style))
        query = {"SERVICE": "WMTS", "REQUEST": "GetTile", "VERSION": "1.0.0", "LAYER": s.layer, "STYLE": s.style,
                 "FORMAT": s.format, "TILEMATRIXSET": s.tile_matrix_set, "TILEMATRIX": matrix.id,
                 "TILEROW": str(row), "TILECOL": str(col)}
        return f"{s.url}{'&' if '?' in s.url else '?'}{urlencode(query)}"

    def cached(self, level: int, col: int, row: int) -> np.ndarray | None:
        """A tile from memory or disk only, stale or not (what is shown offline)."""
        key = (level, col, row)
        known, rgba = self._recall(key)
        if known:
            return rgba
        found = self.disk.read(*self._parts(key))
        if found is None:
            return None
        return self._remember(key, decode(found[0], self.service.url))

    def tile(self, level: int, col: int, row: int, offline: bool = False) -> np.ndarray | None:
        """The tile (None where the service has none), fresh from the caches or fetched;
        ``Unreachable`` when the service does not answer (``cached`` then gives what the
        caches hold, stale or not). ``offline``: the caches only, stale tiles included."""
        key = (level, col, row)
        known, rgba = self._recall(key)
        if known:
            return rgba
        with self._lock:        # one fetch per tile, however many pieces wait for it
            fetching = self._fetching.setdefault(key, threading.Lock())
        with fetching:
            known, rgba = self._recall(key)
            try:
                return rgba if known else self._fetch(key, offline)
            finally:
                self._fetching.pop(key, None)

    def _fetch(self, key: tuple, offline: bool) -> np.ndarray | None:
        level, col, row = key
        found = self.disk.read(*self._parts(key))
        if found is not None and (found[1] or offline):
            return self._remember(key, decode(found[0], self.service.url))
        if offline:
            raise Unreachable(message("offline"), service=self.service.url)
        try:
            body, headers = get(self.url(level, col, row), self.service.url)
        except Missing:
            return self._remember(key, None)
        rgba = decode(body, self.service.url)
        until = expiry(headers)
        if until is not None:
            self.disk.write(body, until, *self._parts(key))
        return self._remember(key, rgba)

    def _recall(self, key: tuple) -> tuple[bool, np.ndarray | None]:
        with self._lock:
            if key not in self._memory:
                return False, None
            self._memory.move_to_end(key)
            return True, self._memory[key]

    def _parts(self, key: tuple) -> tuple[str, ...]:
        level, col, row = key
        return self.service.key, self.grid.matrices[level].id, str(col), str(row)

    def _remember(self, key: tuple, rgba: np.ndarray | None) -> np.ndarray | None:
        with self._lock:
            if key not in self._memory:
                self._memory[key] = rgba
                self._bytes += rgba.nbytes if rgba is not None else 0
            while self._bytes > MEMORY_BYTES and len(self._memory) > 1:
                old = self._memory.popitem(last=False)[1]
                self._bytes -= old.nbytes if old is not None else 0
        return rgba


def decode(body: bytes, service: str) -> np.ndarray:
    """A PNG or JPEG tile as (H, W, 4) uint8 RGBA (grey, palette and alpha expanded)."""
    from rasterio.errors import NotGeoreferencedWarning, RasterioIOError
    from rasterio.io import MemoryFile
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", NotGeoreferencedWarning)
            with MemoryFile(body) as memory, memory.open() as ds:
                bands = ds.read()
                palette = ds.colormap(1) if ds.count == 1 and _has_palette(ds) else None
    except (RasterioIOError, ValueError) as exc:
        raise BasemapError(message("a tile is not an image ({})").format(exc), service=service,
                           hint=message("check the layer's format (image/png, image/jpeg)")) from None
    h, w = bands.shape[1:]
    if palette is not None:
        lut = np.zeros((256, 4), np.uint8)
        for index, colour in palette.items():
            lut[index] = colour
        return lut[bands[0]]
    out = np.full((h, w, 4), 255, np.uint8)
    if len(bands) in (1, 2):
        out[..., :3] = bands[0][..., None]
    else:
        out[..., :3] = np.moveaxis(bands[:3], 0, -1)
    if len(bands) in (2, 4):
        out[..., 3] = bands[-1]
    return out


def _has_palette(ds) -> bool:
    try:
        ds.colormap(1)
    except ValueError:
        return False
    return True


# -- opening a service -------------------------------------------------------------------------
def open_source(service: Service, disk: DiskCache | None = None) -> tuple[TileSource, str]:
    """The tile source of a service, and the attribution its capabilities give ("" for XYZ)."""
    disk = disk or DiskCache()
    if is_xyz(service.url):
        return TileSource(service, mercator_grid(), service.url, disk), ""
    parts = ("capabilities", hashlib.sha1(service.url.encode()).hexdigest()[:16] + ".xml")
    text, fetched = capabilities(service.url, disk.read(*parts))
    grid, template, attribution = read_capabilities(text, service)
    if fetched:          # kept once understood: a bad answer is not cached
        disk.write(text, time.time() + CAPABILITIES_TTL_S, *parts)
    return TileSource(service, grid, template, disk), attribution


def capabilities(url: str, cached: tuple[bytes, bool] | None) -> tuple[bytes, bool]:
    """The service's GetCapabilities document, and whether it was fetched: the cached one
    while fresh, else fetched, else the stale one when the service cannot be reached."""
    if cached is not None and cached[1]:
        return cached[0], False
    query = urlencode({"SERVICE": "WMTS", "REQUEST": "GetCapabilities", "VERSION": "1.0.0"})
    try:
        body, _ = get(f"{url}{'&' if '?' in url else '?'}{query}", url)
    except Unreachable:
        if cached is not None:
            return cached[0], False
        raise
    return body, True


def read_capabilities(text: bytes, service: Service) -> tuple[TileGrid, str | None, str]:
    """The layer's tile matrix set, its RESTful tile template (None: KVP only) and the
    attribution it declares; a ``BasemapError`` naming the service when the document is
    not WMTS capabilities or lacks the layer, the set or the format asked for."""
    url = service.url

    def bad(what: str, hint: str | None = None):
        return BasemapError(what, service=url, hint=hint or message(
            "check the URL (a WMTS endpoint, or an XYZ template with {z}, {x} and {y})"))
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise bad(message("the capabilities are not XML ({})").format(exc)) from None
    contents = root.find("wmts:Contents", _NS)
    if contents is None:
        raise bad(message("the answer is not WMTS capabilities (no Contents)"))
    layers = {_text(el, "ows:Identifier"): el for el in contents.findall("wmts:Layer", _NS)}
    if service.layer not in layers:
        names = ", ".join(sorted(layers)[:12]) or message("none")
        raise bad(message("the service has no layer {!r}").format(service.layer),
                  message("its layers include: {}").format(names))
    layer = layers[service.layer]
    formats = [el.text for el in layer.findall("wmts:Format", _NS)]
    if service.format and service.format not in formats:
        raise bad(message("layer {!r} has no format {!r}").format(service.layer, service.format),
                  message("its formats: {}").format(", ".join(formats)))
    links = {_text(el, "wmts:TileMatrixSet"): el for el in layer.findall("wmts:TileMatrixSetLink", _NS)}
    if service.tile_matrix_set not in links:
        raise bad(message("layer {!r} has no tile matrix set {!r}").format(service.layer, service.tile_matrix_set),
                  message("its tile matrix sets: {}").format(", ".join(links)))
    sets = {_text(el, "ows:Identifier"): el for el in contents.findall("wmts:TileMatrixSet", _NS)}
    if service.tile_matrix_set not in sets:
        raise bad(message("the tile matrix set {!r} is not described").format(service.tile_matrix_set))
    grid = _limited(_grid(sets[service.tile_matrix_set], bad), links[service.tile_matrix_set], bad)
    template = None
    for res in layer.findall("wmts:ResourceURL", _NS):
        if res.get("resourceType") == "tile" and res.get("format") == service.format:
            template = res.get("template")
    return grid, template, _provider(root)


def _grid(tms, bad) -> TileGrid:
    try:
        crs = CRS.from_user_input(_crs_code(_text(tms, "ows:SupportedCRS")))
    except Exception:
        raise bad(message("the tile matrix set's CRS {!r} is not known").format(_text(tms, "ows:SupportedCRS"))) from None
    if not crs.is_projected:
        raise bad(message("the tile matrix set is in a geographic CRS ({}), which twin does not drape").format(
            crs.to_string()), message("choose a projected tile matrix set such as PM (Web Mercator)"))
    metres = crs.axis_info[0].unit_conversion_factor or 1.0
    swap = crs.axis_info[0].direction.lower() == "north"
    matrices = []
    try:
        for el in tms.findall("wmts:TileMatrix", _NS):
            a, b = (float(v) for v in _text(el, "wmts:TopLeftCorner").split())
            left, top = (b, a) if swap else (a, b)
            matrices.append(TileMatrix(
                _text(el, "ows:Identifier"), float(_text(el, "wmts:ScaleDenominator")) * PIXEL_M / metres, left, top,
                int(_text(el, "wmts:TileWidth")), int(_text(el, "wmts:TileHeight")),
                int(_text(el, "wmts:MatrixWidth")), int(_text(el, "wmts:MatrixHeight"))))
    except (TypeError, ValueError, AttributeError):
        raise bad(message("a tile matrix of the set is incomplete or not numbers")) from None
    if not matrices:
        raise bad(message("the tile matrix set has no tile matrix"))
    matrices.sort(key=lambda m: -m.resolution)
    return TileGrid(crs.to_string(), tuple(matrices))


def _limited(grid: TileGrid, link, bad) -> TileGrid:
    """The grid cut to the layer's ``TileMatrixSetLimits``: only its levels, and within
    each the rows and columns it has (a tile beyond them is never asked for)."""
    limits = {}
    try:
        for el in link.findall("wmts:TileMatrixSetLimits/wmts:TileMatrixLimits", _NS):
            limits[_text(el, "wmts:TileMatrix")] = tuple(int(_text(el, f"wmts:{k}")) for k in (
                "MinTileCol", "MaxTileCol", "MinTileRow", "MaxTileRow"))
    except (TypeError, ValueError):
        raise bad(message("the layer's tile matrix limits are incomplete or not numbers")) from None
    if not limits:
        return grid
    kept = tuple(replace(m, limits=limits[m.id]) for m in grid.matrices if m.id in limits)
    if not kept:
        raise bad(message("the layer's tile matrix limits name no level of its tile matrix set"))
    return TileGrid(grid.crs, kept)


def _crs_code(text: str) -> str:
    """``urn:ogc:def:crs:EPSG::3857`` (or ``…EPSG:6.18:3:3857``) → ``EPSG:3857``."""
    if text.startswith("urn:ogc:def:crs:"):
        parts = text.split(":")
        return f"{parts[4]}:{parts[-1]}"
    return text


def _text(el, path: str) -> str | None:
    found = el.find(path, _NS)
    return found.text.strip() if found is not None and found.text else None


def _provider(root) -> str:
    name = _text(root, "ows:ServiceProvider/ows:ProviderName")
    return f"© {name}" if name else ""
