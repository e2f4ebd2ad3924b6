"""A local HTTP server answering as IGN's Géoplateforme and Etalab's cadastre do, for the
subset ``twin fetch`` uses, from real files of ../shared/data reshaped by tests/delivered.py:

- ``/wfs/ows``: WFS 2.0.0 GetCapabilities and GetFeature (GeoJSON, ``BBOX`` or
  ``CQL_FILTER``, ``COUNT``/``STARTINDEX`` paging with a server cap of ``PAGE_CAP`` like
  GeoServer's, ``RESULTTYPE=hits``): ADMIN EXPRESS communes and BD TOPO layers from the
  delivered GeoPackage (Olemps 12174 and its neighbours), the LiDAR HD index (the delivered
  tile over Olemps) and the MNT index (1 km tiles cut from the delivered DTM);
- ``/wms-r``: WMS 1.3.0 GetMap of HR.ORTHOIMAGERY.ORTHOPHOTOS, JPEG, drawn from IGN's real
  BD ORTHO extract repeated over the box;
- ``/lidarhd/…``, ``/mnt/…``, ``/cadastre/…``: files with ETag, Last-Modified,
  ``Repr-Digest`` (SHA-256), ``Range`` and ``If-None-Match``; the cadastre is Etalab's Paris 18e parcels moved onto Olemps
  (a commune ``12174``), gzipped;
- faults on demand (``server.faults[substring] = [...]``, used in order): ``"503"`` (with
  ``Retry-After: 1``), ``"429"``, ``"drop"`` (half the body, then the connection closes),
  ``"slow"`` (answers after ``SLOW_S``), ``"garbage"`` (HTML instead of the answer),
  ``"corrupt"`` (a file's last byte changed: its ``Repr-Digest`` no longer matches).

``serving(delivered, monkeypatch)`` starts it on 127.0.0.1 and points TWIN_GEOPF_URL and
TWIN_CADASTRE_URL at it."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
import threading
import time
import warnings
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import numpy as np

from tests.delivered import GPKG_NAME

PAGE_CAP = 1000
SLOW_S = 3.0
LAST_MODIFIED = "Tue, 02 Dec 2025 10:00:00 GMT"
BDTOPO_LAYERS = ("batiment", "zone_de_vegetation", "surface_hydrographique", "troncon_de_route", "commune")
LIDAR_TILE = "LHD_FXX_0663_6360_PTS_C_LAMB93_IGN69.laz"


class Data:
    """What the server serves, built once from the delivered files."""

    def __init__(self, delivered: Path, shared: Path, root: Path):
        import geopandas as gpd
        import pyogrio
        import rasterio
        import shapely
        from rasterio.windows import from_bounds
        gpkg = delivered / "bdtopo" / GPKG_NAME
        self.layers = {f"BDTOPO_V3:{name}": pyogrio.read_dataframe(gpkg, layer=name) for name in BDTOPO_LAYERS}
        self.layers["ADMINEXPRESS-COG-CARTO.LATEST:commune"] = self.layers.pop("BDTOPO_V3:commune")
        self.files: dict[str, Path] = {f"/lidarhd/{LIDAR_TILE}": delivered / "tiles" / LIDAR_TILE}
        self.layers["IGNF_NUAGES-DE-POINTS-LIDAR-HD:dalle"] = gpd.GeoDataFrame(
            {"name": [LIDAR_TILE], "url": [f"/lidarhd/{LIDAR_TILE}"]},
            geometry=[shapely.box(663000, 6359000, 664000, 6360000)], crs="EPSG:2154")
        dtm = delivered / "mnt" / "RGEALTI_FXX_0661_6363_MNT_LAMB93_IGN69.tif"
        names, boxes = [], []
        (root / "mnt").mkdir(parents=True)
        with rasterio.open(dtm) as src:
            left, bottom, right, top = (int(v) for v in src.bounds)
            for x in range(left, right, 1000):
                for y in range(bottom, top, 1000):
                    name = f"LHD_FXX_{x // 1000:04d}_{(y + 1000) // 1000:04d}_MNT_O_0M50_LAMB93_IGN69.tif"
                    window = from_bounds(x, y, x + 1000, y + 1000, src.transform)
                    profile = {**src.profile, "width": 100, "height": 100,
                               "transform": src.window_transform(window)}
                    with rasterio.open(root / "mnt" / name, "w", **profile) as dst:
                        dst.write(src.read(window=window))
                    names.append(name)
                    boxes.append(shapely.box(x, y, x + 1000, y + 1000))
                    self.files[f"/mnt/{name}"] = root / "mnt" / name
        self.layers["IGNF_MNT-LIDAR-HD:dalle"] = gpd.GeoDataFrame(
            {"name": names, "url": [f"/mnt/{n}" for n in names]}, geometry=boxes, crs="EPSG:2154")
        olemps = self.layers["ADMINEXPRESS-COG-CARTO.LATEST:commune"]
        centre = shapely.centroid(olemps[olemps["code_insee"] == "12174"].geometry.values[0])
        parcels = gpd.read_file(shared / "cadastre" / "etalab_cadastre-75118-parcelles.json").to_crs("EPSG:2154")
        middle = shapely.centroid(shapely.union_all(parcels.geometry.values))
        parcels[parcels.geometry.name] = shapely.transform(
            parcels.geometry.values, lambda xy: xy + [centre.x - middle.x, centre.y - middle.y])
        parcels["commune"] = "12174"
        path = root / "cadastre-12174-parcelles.json.gz"
        path.write_bytes(gzip.compress(parcels.to_crs("EPSG:4326").to_json(default=str).encode(), mtime=0))
        self.files["/cadastre/communes/12/12174/cadastre-12174-parcelles.json.gz"] = path
        with rasterio.open(shared / "dtm" / "ignpdaltools__ortho_test_data_rgb.tif") as src:
            self.ortho = src.read()


class Geopf(BaseHTTPRequestHandler):
    data: Data
    faults: dict[str, list[str]] = {}
    seen: list[tuple[str, str, dict]] = []
    base = ""
    protocol_version = "HTTP/1.1"

    def do_HEAD(self):
        if urlparse(self.path).path.startswith("/mnt/"):      # a server refusing HEAD (a generated answer may)
            return self._send(405, b"", "text/plain", {}, head=True)
        self.do_GET(head=True)

    def do_GET(self, head: bool = False):
        Geopf.seen.append((self.command, self.path, dict(self.headers)))
        fault = self._fault()
        if fault == "slow":
            time.sleep(SLOW_S)
        elif fault in ("503", "429"):
            return self._send(int(fault), b"<html>Service Unavailable</html>", "text/html",
                              {"Retry-After": "1"}, head)
        elif fault == "garbage":
            return self._send(200, b"<html><body>Maintenance</body></html>", "text/html", {}, head)
        url = urlparse(self.path)
        query = {k.upper(): v[0] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        if url.path == "/wfs/ows":
            return self._wfs(query, head)
        if url.path == "/wms-r":
            return self._wms(query, head)
        if url.path in self.data.files:
            return self._file(self.data.files[url.path], head, drop=fault == "drop", corrupt=fault == "corrupt")
        self._send(404, b"not found", "text/plain", {}, head)

    def _fault(self) -> str | None:
        for key, todo in Geopf.faults.items():
            if key in self.path and todo:
                return todo.pop(0)
        return None

    def _send(self, status: int, body: bytes, kind: str, headers: dict, head: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        if not head:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    def _wfs(self, query: dict, head: bool) -> None:
        if query.get("REQUEST") == "GetCapabilities":
            names = "".join(f"<FeatureType><Name>{n}</Name></FeatureType>" for n in self.data.layers)
            return self._send(200, f'<wfs:WFS_Capabilities version="2.0.0"><FeatureTypeList>{names}'
                                   f"</FeatureTypeList></wfs:WFS_Capabilities>".encode(), "text/xml", {}, head)
        frame = self.data.layers.get(query.get("TYPENAMES", ""))
        if frame is None or query.get("REQUEST") != "GetFeature":
            return self._send(400, b'<ows:ExceptionReport><ows:Exception exceptionCode="InvalidParameterValue">'
                                   b"Unknown namespace</ows:Exception></ows:ExceptionReport>", "text/xml", {}, head)
        frame = _filtered(frame, query)
        if query.get("RESULTTYPE") == "hits":
            return self._send(200, f'<wfs:FeatureCollection numberMatched="{len(frame)}" numberReturned="0"/>'
                              .encode(), "text/xml", {}, head)
        start = int(query.get("STARTINDEX", 0))
        page = frame.iloc[start:start + min(int(query.get("COUNT", PAGE_CAP)), PAGE_CAP)]
        answer = json.loads(page.to_json(drop_id=True, default=str))
        for i, feature in enumerate(answer["features"]):
            feature["id"] = f"{query['TYPENAMES'].split(':')[1]}.{start + i + 1}"
            if "url" in feature["properties"]:
                feature["properties"]["url"] = Geopf.base + feature["properties"]["url"]
        answer.update(totalFeatures=len(frame), numberMatched=len(frame), numberReturned=len(page),
                      crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2154"}})
        self._send(200, json.dumps(answer).encode(), "application/json", {}, head)

    def _wms(self, query: dict, head: bool) -> None:
        import rasterio
        from rasterio.io import MemoryFile
        if query.get("REQUEST") != "GetMap" or query.get("LAYERS") != "HR.ORTHOIMAGERY.ORTHOPHOTOS":
            return self._send(200, b"<ServiceExceptionReport><ServiceException code=\"LayerNotDefined\"/>"
                                   b"</ServiceExceptionReport>", "text/xml", {}, head)
        width, height = int(query["WIDTH"]), int(query["HEIGHT"])
        bands, h, w = self.data.ortho.shape
        image = np.tile(self.data.ortho, (1, height // h + 1, width // w + 1))[:3, :height, :width]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", rasterio.errors.NotGeoreferencedWarning)
            with MemoryFile() as mem:
                with mem.open(driver="JPEG", width=width, height=height, count=3, dtype="uint8") as dst:
                    dst.write(image)
                body = mem.read()
        self._send(200, body, "image/jpeg", {}, head)

    def _file(self, path: Path, head: bool, drop: bool, corrupt: bool) -> None:
        body = path.read_bytes()
        etag = f'"{hashlib.md5(body).hexdigest()}"'
        digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
        common = {"ETag": etag, "Last-Modified": LAST_MODIFIED, "Accept-Ranges": "bytes",
                  "Repr-Digest": f"sha-256=:{digest}:"}
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            for key, value in common.items():
                self.send_header(key, value)
            self.end_headers()
            return
        ranged = re.fullmatch(r"bytes=(\d+)-", self.headers.get("Range", ""))
        if ranged and self.headers.get("If-Range", etag) in (etag, LAST_MODIFIED):
            start = int(ranged.group(1))
            if start >= len(body):
                return self._send(416, b"", "text/plain", {"Content-Range": f"bytes */{len(body)}"}, head)
            status, part = 206, body[start:]
            common["Content-Range"] = f"bytes {start}-{len(body) - 1}/{len(body)}"
        else:
            status, part = 200, body
        if corrupt:
            part = part[:-1] + bytes([part[-1] ^ 0xFF])
        if not drop:
            return self._send(status, part, "application/octet-stream", common, head)
        self.send_response(status)
        self.send_header("Content-Length", str(len(part)))
        for key, value in common.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(part[:len(part) // 2])
        self.wfile.flush()
        self.close_connection = True
        self.connection.shutdown(2)

    def log_message(self, *args):
        pass


def _filtered(frame, query: dict):
    import shapely
    if "BBOX" in query:
        x0, y0, x1, y1 = (float(v) for v in query["BBOX"].split(",")[:4])
        return frame[shapely.intersects(frame.geometry.values, shapely.box(x0, y0, x1, y1))]
    cql = query.get("CQL_FILTER", "")
    if m := re.fullmatch(r"(\w+)\s*=\s*'([^']*)'", cql):
        return frame[frame[m.group(1)].astype(str) == m.group(2)]
    if m := re.fullmatch(r"(\w+)\s+ILIKE\s+'([^']*)%'", cql):
        return frame[frame[m.group(1)].astype(str).str.lower().str.startswith(m.group(2).replace("''", "'").lower())]
    return frame


_built: dict[Path, Data] = {}


@contextmanager
def serving(delivered: Path, shared: Path, monkeypatch, root: Path):
    if delivered not in _built:
        _built[delivered] = Data(delivered, shared, root)
    Geopf.data, Geopf.faults, Geopf.seen = _built[delivered], {}, []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Geopf)
    httpd.daemon_threads = True
    Geopf.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("TWIN_GEOPF_URL", Geopf.base)
    monkeypatch.setenv("TWIN_CADASTRE_URL", f"{Geopf.base}/cadastre")
    try:
        yield Geopf
    finally:
        httpd.shutdown()
        httpd.server_close()
