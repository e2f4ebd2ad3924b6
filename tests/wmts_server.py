"""A local tile server answering as IGN's Géoplateforme WMTS does
(https://data.geopf.fr/wmts: GetCapabilities, GetTile by KVP and RESTfully) and as an
XYZ service (``/xyz/{layer}/{z}/{x}/{y}.png``), on a loopback port, with real tiles:

- ``ORTHOIMAGERY.ORTHOPHOTOS``: the orthophoto of ../shared/data/dtm warped into Web
  Mercator (``PM``) tiles, JPEG;
- ``GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2``: a plan drawn from the demo's parcels and
  buildings (cream ground, grey parcels' edges, brick buildings), PNG — the stand-in
  for Plan IGN where the tests and the README's picture have no internet.

Tiles are drawn once per session and kept. Faults on demand: ``Tiles.status`` (503…),
``Tiles.delay`` (slow), ``Tiles.capabilities`` (a bad document), ``server.down()``
(nothing listens any more). ``serving(monkeypatch, tmp_path)`` points TWIN_GEOPF_URL at it
and twin's cache at ``tmp_path``."""

from __future__ import annotations

import math
import re
import threading
import time
import warnings
from contextlib import contextmanager
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import numpy as np
import rasterio
from rasterio.errors import NotGeoreferencedWarning
from rasterio.io import MemoryFile
from rasterio.transform import from_bounds
from rasterio.warp import Resampling, reproject

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ORTHO = DATA / "dtm" / "ignpdaltools__ortho_test_data_rgb.tif"
DEMO = Path(__file__).resolve().parents[1] / "assets" / "demo" / "arras-centre"
HALF = 20037508.342789244
PLAN, PHOTO = "GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2", "ORTHOIMAGERY.ORTHOPHOTOS"
GROUND, EDGE, BUILDING = (242, 236, 218), (150, 150, 150), (190, 95, 70)
FORMATS = {PLAN: "image/png", PHOTO: "image/jpeg"}
PLAN_MAX = 18             # the plan's finest level (its TileMatrixSetLimits)


def tile_bounds(z: int, col: int, row: int) -> tuple[float, float, float, float]:
    span = 2 * HALF / 2 ** z
    x0, y1 = -HALF + col * span, HALF - row * span
    return x0, y1 - span, x0 + span, y1


def encode(rgba: np.ndarray, fmt: str) -> bytes:
    driver, bands = ("JPEG", rgba[..., :3]) if fmt == "image/jpeg" else ("PNG", rgba)
    data = np.moveaxis(bands, -1, 0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NotGeoreferencedWarning)
        with MemoryFile() as memory:
            with memory.open(driver=driver, width=data.shape[2], height=data.shape[1], count=data.shape[0],
                             dtype="uint8", **({"QUALITY": 95} if driver == "JPEG" else {})) as ds:
                ds.write(data)
            return memory.read()


@lru_cache(maxsize=4096)
def photo_tile(z: int, col: int, row: int) -> np.ndarray | None:
    """The orthophoto under a PM tile, RGBA (alpha 0 beyond it); None when it covers none."""
    with rasterio.open(ORTHO) as ds:
        src, transform = ds.read(), ds.transform
    out = np.zeros((3, 256, 256), np.uint8)
    mask = np.zeros((256, 256), np.uint8)
    dst = from_bounds(*tile_bounds(z, col, row), 256, 256)
    for band in range(3):
        reproject(src[band], out[band], src_transform=transform, src_crs="EPSG:2154", dst_transform=dst,
                  dst_crs="EPSG:3857", resampling=Resampling.bilinear, src_nodata=None, dst_nodata=0)
    reproject(np.full(src.shape[1:], 255, np.uint8), mask, src_transform=transform, src_crs="EPSG:2154",
              dst_transform=dst, dst_crs="EPSG:3857", resampling=Resampling.nearest, dst_nodata=0)
    if not mask.any():
        return None
    return np.dstack([np.moveaxis(out, 0, -1), mask])


@lru_cache(maxsize=1)
def plan_shapes():
    """The demo's parcel edges and buildings in Web Mercator, each with an STRtree."""
    import geopandas as gpd
    from shapely import STRtree
    buildings = gpd.read_file(DEMO / "batiment.gpkg").to_crs("EPSG:3857").geometry.to_numpy()
    parcels = gpd.read_file(DEMO / "parcelles.json").to_crs("EPSG:3857")
    edges = parcels.geometry.boundary.to_numpy()
    return (edges, STRtree(edges)), (buildings, STRtree(buildings)), parcels.total_bounds


@lru_cache(maxsize=4096)
def plan_tile(z: int, col: int, row: int) -> np.ndarray | None:
    """The demo's parcels and buildings drawn as a plan; None beyond the demo's parcels."""
    from rasterio.features import rasterize
    from shapely import box
    edges, buildings, (x0, y0, x1, y1) = plan_shapes()
    bx0, by0, bx1, by1 = tile_bounds(z, col, row)
    if bx1 < x0 or bx0 > x1 or by1 < y0 or by0 > y1:
        return None
    transform = from_bounds(bx0, by0, bx1, by1, 256, 256)
    rgba = np.empty((256, 256, 4), np.uint8)
    rgba[:] = (*GROUND, 255)
    for (shapes, tree), colour in ((buildings, BUILDING), (edges, EDGE)):
        here = shapes[tree.query(box(bx0, by0, bx1, by1))]
        if len(here):
            rgba[rasterize(here, (256, 256), transform=transform, fill=0, default_value=1).astype(bool)] = (*colour, 255)
    return rgba


TILES = {PLAN: plan_tile, PHOTO: photo_tile}


def capabilities(base: str, restful: bool) -> str:
    """A WMTS 1.0.0 capabilities document shaped as the Géoplateforme's: the two layers on
    the PM pyramid, levels 0–19."""
    matrices = "".join(
        f"<TileMatrix><ows:Identifier>{z}</ows:Identifier><ScaleDenominator>"
        f"{2 * HALF / 256 / 2 ** z / 0.00028!r}</ScaleDenominator><TopLeftCorner>{-HALF!r} {HALF!r}</TopLeftCorner>"
        f"<TileWidth>256</TileWidth><TileHeight>256</TileHeight><MatrixWidth>{2 ** z}</MatrixWidth>"
        f"<MatrixHeight>{2 ** z}</MatrixHeight></TileMatrix>" for z in range(20))
    layers = ""
    for name, fmt in FORMATS.items():
        ext = fmt.split("/")[1]
        resource = (f'<ResourceURL format="{fmt}" resourceType="tile" template="{base}/1.0.0/{name}/{{Style}}/'
                    f'{{TileMatrixSet}}/{{TileMatrix}}/{{TileRow}}/{{TileCol}}.{ext}"/>') if restful else ""
        limits = "".join(            # as the Géoplateforme declares them: the plan stops at level PLAN_MAX
            f"<TileMatrixLimits><TileMatrix>{z}</TileMatrix><MinTileRow>0</MinTileRow><MaxTileRow>{2 ** z - 1}"
            f"</MaxTileRow><MinTileCol>0</MinTileCol><MaxTileCol>{2 ** z - 1}</MaxTileCol></TileMatrixLimits>"
            for z in range(PLAN_MAX + 1)) if name == PLAN else ""
        limits = f"<TileMatrixSetLimits>{limits}</TileMatrixSetLimits>" if limits else ""
        layers += (f"<Layer><ows:Title>{name}</ows:Title><ows:Identifier>{name}</ows:Identifier>"
                   f"<Style isDefault=\"true\"><ows:Identifier>normal</ows:Identifier></Style><Format>{fmt}</Format>"
                   f"<TileMatrixSetLink><TileMatrixSet>PM</TileMatrixSet>{limits}</TileMatrixSetLink>{resource}</Layer>")
    return ('<?xml version="1.0" encoding="UTF-8"?><Capabilities xmlns="http://www.opengis.net/wmts/1.0" '
            'xmlns:ows="http://www.opengis.net/ows/1.1" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.0.0">'
            '<ows:ServiceProvider><ows:ProviderName>IGN</ows:ProviderName></ows:ServiceProvider>'
            f'<Contents>{layers}<TileMatrixSet><ows:Identifier>PM</ows:Identifier>'
            f'<ows:SupportedCRS>EPSG:3857</ows:SupportedCRS>{matrices}</TileMatrixSet></Contents></Capabilities>')


class Tiles(BaseHTTPRequestHandler):
    status = 200             # answer every request with this status (503: overloaded…)
    fail_next = 0            # … or only the next n requests
    delay = 0.0
    restful = False          # the capabilities give a ResourceURL template
    capabilities: str | None = None     # a document to answer instead of the real one
    max_age: int | None = 3600
    seen: list = []

    def do_GET(self):
        url = urlparse(self.path)
        query = {k.upper(): v[0] for k, v in parse_qs(url.query).items()}
        Tiles.seen.append((url.path, query, self.headers.get("User-Agent")))
        time.sleep(self.delay)
        if self.status != 200 or Tiles.fail_next > 0:
            Tiles.fail_next -= 1
            return self._send(self.status if self.status != 200 else 503, b"busy", "text/plain")
        base = f"http://{self.headers['Host']}/wmts"
        if url.path == "/wmts" and query.get("REQUEST") == "GetCapabilities":
            return self._send(200, (self.capabilities or capabilities(base, self.restful)).encode(), "text/xml")
        if url.path == "/wmts" and query.get("REQUEST") == "GetTile":
            return self._tile(query.get("LAYER"), query.get("FORMAT"), query.get("TILEMATRIX"),
                              query.get("TILECOL"), query.get("TILEROW"))
        rest = re.fullmatch(r"/wmts/1\.0\.0/([^/]+)/[^/]+/PM/(\d+)/(\d+)/(\d+)\.(png|jpeg)", url.path)
        if rest:
            name, z, row, col, ext = rest.groups()
            return self._tile(name, f"image/{ext}", z, col, row)
        xyz = re.fullmatch(r"/xyz/([^/]+)/(\d+)/(\d+)/(\d+)\.png", url.path)
        if xyz:
            name, z, col, row = xyz.groups()
            return self._tile(name, "image/png", z, col, row)
        self._send(400, b"bad request", "text/plain")

    def _tile(self, name, fmt, z, col, row):
        if name not in TILES or fmt not in ("image/png", "image/jpeg"):
            return self._send(400, b"unknown layer or format", "text/plain")
        if name == PLAN and int(z) > PLAN_MAX:
            return self._send(400, b"TILEMATRIX beyond the layer's limits", "text/plain")
        rgba = TILES[name](int(z), int(col), int(row))
        if rgba is None:
            return self._send(404, b"no tile", "text/plain")
        self._send(200, encode(rgba, fmt), fmt)

    def _send(self, status: int, body: bytes, kind: str):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if status == 200 and self.max_age is not None:
            self.send_header("Cache-Control", f"max-age={self.max_age}")
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


class Server:
    def __init__(self):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def down(self) -> None:
        """Nothing listens on the port any more (the service is down, the network gone)."""
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None

    def tiles_served(self) -> int:
        return sum(1 for path, query, _ in Tiles.seen if query.get("REQUEST") == "GetTile" or path.count("/") > 3)


@contextmanager
def serving(monkeypatch, cache: Path):
    """The server, TWIN_GEOPF_URL at it and twin's cache under ``cache``."""
    Tiles.status, Tiles.fail_next, Tiles.delay, Tiles.restful = 200, 0, 0.0, False
    Tiles.capabilities, Tiles.max_age, Tiles.seen = None, 3600, []
    server = Server()
    monkeypatch.setenv("TWIN_GEOPF_URL", server.url)
    monkeypatch.setenv("TWIN_CACHE_DIR", str(cache))
    try:
        yield server
    finally:
        server.down()


def lonlat_tile(lon: float, lat: float, z: int) -> tuple[int, int]:
    """The XYZ tile holding a point (the slippy-map formula)."""
    n = 2 ** z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y
