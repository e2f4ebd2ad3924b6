"""What twin fetch's downloader costs over the bare library, on a loopback server.

    python benchmarks/bench_fetch.py [MEGABYTES] [FILES]   (default 200 MB, 4 files)

- one file: ``twin.io.fetch.http.download`` (a .part, the manifest, progress, a size
  check, the rename) against ``urllib.request.urlopen(...).read()`` copied to a file;
- several files: ``twin.io.fetch.commune.fetch``'s pool (4 at once) against the same bare
  copies one after the other;
- a rerun of the same files (``If-None-Match`` → 304): what "only what changed" costs.
Best of three runs each, alternated, in the same process: ratios hold on a busy machine.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
import threading
import time
import urllib.request
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from twin.core.feedback import Feedback
from twin.io.fetch.commune import Job, Plan, fetch
from twin.io.fetch.http import Download, Manifest, Service, download


class Files(SimpleHTTPRequestHandler):
    """Static files with an ETag and 304, as a download server answers."""

    def end_headers(self):
        path = Path(self.translate_path(self.path))
        if path.is_file():
            self.send_header("ETag", f'"{path.stat().st_size}-{path.stat().st_mtime_ns}"')
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_file() and self.headers.get("If-None-Match") == f'"{path.stat().st_size}-{path.stat().st_mtime_ns}"':
            self.send_response(304)
            self.end_headers()
            return None
        return super().send_head()

    def log_message(self, *args):
        pass


def best(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    megabytes = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    root = Path(tempfile.mkdtemp(prefix="twin-bench-fetch-"))
    served, out = root / "served", root / "out"
    served.mkdir()
    names = [f"tile_{i}.copc.laz" for i in range(count)]
    for name in names:
        (served / name).write_bytes(os.urandom(megabytes * 1_000_000 // count))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Files, directory=str(served)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    service = Service("bench", base)

    def bare_one(name: str) -> None:
        with urllib.request.urlopen(f"{base}/{name}") as answer, open(out / f"bare-{name}", "wb") as dst:
            shutil.copyfileobj(answer, dst, 1 << 20)

    def twin_one() -> None:
        shutil.rmtree(out / "t", ignore_errors=True)
        dest = out / "t" / names[0]
        download(Download(service, f"{base}/{names[0]}", dest), Manifest(out / "t"), Feedback())

    def plan() -> Plan:
        return Plan("00000", "bench", out / "many", None, 0.0,
                    [Job("lidar", out / "many" / n, download=Download(service, f"{base}/{n}", out / "many" / n))
                     for n in names])

    def twin_many() -> None:
        shutil.rmtree(out / "many", ignore_errors=True)
        fetch(plan())

    out.mkdir()
    size = (served / names[0]).stat().st_size
    bare, ours = best(lambda: bare_one(names[0])), best(twin_one)
    print(f"one file of {size / 1e6:.0f} MB: twin {size / ours / 1e6:.0f} MB/s, bare urllib "
          f"{size / bare / 1e6:.0f} MB/s — ratio {ours / bare:.2f}")
    bare, ours = best(lambda: [bare_one(n) for n in names]), best(twin_many)
    total = size * count
    print(f"{count} files, {total / 1e6:.0f} MB: twin (4 at once) {total / ours / 1e6:.0f} MB/s, bare urllib one "
          f"after the other {total / bare / 1e6:.0f} MB/s — ratio {ours / bare:.2f}")
    twin_many()
    rerun = best(lambda: fetch(plan()))
    print(f"rerun, nothing changed ({count} × 304): {rerun * 1000:.0f} ms")
    assert hashlib.md5((out / "many" / names[0]).read_bytes()).digest() == \
        hashlib.md5((served / names[0]).read_bytes()).digest()
    httpd.shutdown()
    shutil.rmtree(root)


if __name__ == "__main__":
    main()
