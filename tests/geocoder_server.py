"""A local HTTP server answering as the national address service's geocoder does
(https://data.geopf.fr/geocodage/search?q=…, BAN index): the search tests never reach
the internet. ``serving(monkeypatch)`` points TWIN_GEOCODER_URL at it;
``nothing_listening(monkeypatch)`` at a port where no server is."""

from __future__ import annotations

import json
import socket
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

# the shape of https://data.geopf.fr/geocodage/search?q=… answers (BAN index)
GRAND_PLACE = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [2.779339, 50.292345]},
               "properties": {"label": "Grand'Place 62000 Arras", "score": 0.96, "type": "street",
                              "name": "Grand'Place", "postcode": "62000", "citycode": "62041",
                              "x": 684181.43, "y": 7021573.8, "city": "Arras", "context": "62, Pas-de-Calais"}}
TAILLERIE = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [2.7781, 50.2915]},
             "properties": {"label": "12 Rue de la Taillerie 62000 Arras", "score": 0.91, "type": "housenumber"}}


class Geocoder(BaseHTTPRequestHandler):
    delay = 0.0
    status = 200
    body = None
    seen: list = []

    def do_GET(self):
        url = urlparse(self.path)
        Geocoder.seen.append((url.path, parse_qs(url.query)))
        time.sleep(self.delay)
        q = parse_qs(url.query).get("q", [""])[0].lower()
        features = [f for f in (GRAND_PLACE, TAILLERIE) if any(w in f["properties"]["label"].lower()
                                                              for w in q.split())]
        body = self.body if self.body is not None else json.dumps(
            {"type": "FeatureCollection", "features": features}).encode()
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        try:
            self.wfile.write(body)
        except BrokenPipeError:      # the client gave up waiting (the timeout test)
            pass

    def log_message(self, *args):
        pass


@contextmanager
def serving(monkeypatch):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Geocoder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("TWIN_GEOCODER_URL", f"http://127.0.0.1:{httpd.server_address[1]}/geocodage")
    Geocoder.delay, Geocoder.status, Geocoder.body, Geocoder.seen = 0.0, 200, None, []
    yield Geocoder
    httpd.shutdown()
    httpd.server_close()


def nothing_listening(monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("TWIN_GEOCODER_URL", f"http://127.0.0.1:{port}")   # nothing listens there
