"""Live ingest with the app open, as deployed: uplinks go through a real Mosquitto into
`twin ingest` (its own process), while the main window shows 200 live sensors over the
demo scene with the timeline live, re-reading the store every second.

Prints the sustained ingest rate through the broker (messages/s) beside the ingester's
raw rate in the same run (ingest() straight into a store, no broker: the ratio is the
broker round trips' cost), and on the app's side the longest main-thread stall (a 5 ms
heartbeat timer), split into what the live path took (store poll, recolouring) and what
drawing a frame took (software OpenGL on machines without a GPU).

    python benchmarks/bench_live_app.py [MESSAGES]     (default 60 000; needs mosquitto and
                                                         an X display: it re-runs itself under xvfb-run)
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PUBLISH = r"""
import json, sys, time
from datetime import datetime, timedelta, timezone
import paho.mqtt.client as mqtt
port, n = int(sys.argv[1]), int(sys.argv[2])
c = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="bench-publisher")
c.max_inflight_messages_set(1000)
c.max_queued_messages_set(0)
c.connect("127.0.0.1", port)
c.loop_start()
t0 = datetime.now(timezone.utc) - timedelta(seconds=n // 1000 + 60)
start = time.perf_counter()
for i in range(n):
    body = {"end_device_ids": {"device_id": f"capteur-{i % 200}"},
            "received_at": (t0 + timedelta(milliseconds=i)).isoformat(),
            "uplink_message": {"decoded_payload": {"noise": 40 + (i * 7) % 35}}}
    info = c.publish("v3/arras/devices/x/up", json.dumps(body), qos=1)
info.wait_for_publish()
print(f"{time.perf_counter() - start:.3f}", flush=True)
c.disconnect()
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_broker(folder: Path) -> tuple[subprocess.Popen, int]:
    exe = shutil.which("mosquitto") or "/usr/sbin/mosquitto"
    if not Path(exe).exists():
        sys.exit("mosquitto is not installed (scripts/setup.sh test installs it)")
    port = free_port()
    conf = folder / "mosquitto.conf"
    conf.write_text(f"listener {port} 127.0.0.1\nallow_anonymous true\nmax_queued_messages 1000000\n"
                    f"max_inflight_messages 1000\n")
    proc = subprocess.Popen([exe, "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, port
        except OSError:
            time.sleep(0.05)
    sys.exit("mosquitto did not start")


def sensors_scene(folder: Path, store: Path) -> Path:
    import geopandas as gpd
    import numpy as np
    rng = np.random.default_rng(7)
    xy = np.array([684131.0, 7021537.0]) + rng.uniform(-450, 450, (200, 2))
    gpd.GeoDataFrame({"sensor": [f"capteur-{i}" for i in range(200)]},
                     geometry=gpd.points_from_xy(xy[:, 0], xy[:, 1]), crs="EPSG:2154").to_file(
        folder / "capteurs.geojson", driver="GeoJSON")
    text = (ROOT / "scenes" / "arras-centre.toml").read_text(encoding="utf-8")
    text = text.replace('"../assets/', f'"{ROOT}/assets/')
    text += (f'\n[[layers]]\nname = "200 capteurs"\nkind = "sensors"\nsource = "capteurs.geojson"\n'
             f'store = "{store}"\nquantity = "noise"\nunit = "dB(A)"\nwarn = 55.0\nalarm = 65.0\n')
    path = folder / "scene.toml"
    path.write_text(text, encoding="utf-8")
    return path


def raw_rate(n: int, folder: Path) -> float:
    """ingest() of the same uplinks straight into a store: the ceiling the broker path nears."""
    from twin.feeds.ingest import ingest
    from twin.feeds.store import SqliteStore
    t0 = datetime(2026, 3, 1, tzinfo=timezone.utc)
    data = [json.dumps({"end_device_ids": {"device_id": f"capteur-{i % 200}"},
                        "received_at": (t0 + timedelta(milliseconds=i)).isoformat(),
                        "uplink_message": {"decoded_payload": {"noise": 40 + (i * 7) % 35}}}).encode()
            for i in range(n)]
    start = time.perf_counter()
    with SqliteStore(folder / "raw.db") as store:
        ingest(data, store)
    return n / (time.perf_counter() - start)


def main(n: int) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from twin._qt.main_window import MainWindow
    from twin.io.scene_file import load_scene

    folder = Path(tempfile.mkdtemp(prefix="twin-live-"))
    os.environ.setdefault("TWIN_CACHE_DIR", str(folder / "cache"))
    raw = raw_rate(n, folder)
    broker, port = start_broker(folder)
    store_path = folder / "live.db"
    ingester = subprocess.Popen([sys.executable, "-m", "twin", "ingest", f"mqtt://127.0.0.1:{port}",
                                 "--store", str(store_path), "--client-id", "bench-ingest"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    app = QApplication.instance() or QApplication([])
    scene = load_scene(sensors_scene(folder, store_path))
    window = MainWindow(scene)
    window.resize(1280, 800)
    window.show()
    while window.loader is not None:
        app.processEvents()
        time.sleep(0.01)
    scene.timeline.live = True
    while not store_path.exists():
        time.sleep(0.05)
    time.sleep(1.0)                                   # the ingester is subscribed

    live_ms: list[float] = []                          # the live path: poll and timeline steps

    def timed(fn, nargs=0):
        def run(*args):                    # psygnal passes what a callback's signature takes
            t = time.perf_counter()
            fn(*args[:nargs])
            live_ms.append(1000 * (time.perf_counter() - t))
        return run
    scene.timeline.events.current.disconnect(window.mirror._time_changed)
    scene.timeline.events.current.connect(timed(window.mirror._time_changed, 1))
    window._live_timer.timeout.disconnect()
    window._live_timer.timeout.connect(timed(window.mirror.poll_live))
    window._live_timer.timeout.connect(window.history.poll_live)
    frames: list[tuple[float, float]] = []             # (start, end) of each frame drawn
    window.mirror.plotter.ren_win.AddObserver(
        "EndEvent", lambda *_: frames.append((time.perf_counter() - window.mirror.frame_ms / 1000,
                                               time.perf_counter())))

    gaps: list[tuple[float, float]] = []               # (start, end) between heartbeats
    last = [time.perf_counter()]

    def beat():
        now = time.perf_counter()
        gaps.append((last[0], now))
        last[0] = now
    heartbeat = QTimer(interval=5)
    heartbeat.timeout.connect(beat)
    heartbeat.start()

    publisher = subprocess.Popen([sys.executable, "-c", PUBLISH, str(port), str(n)],
                                 stdout=subprocess.PIPE, text=True)
    check = sqlite3.connect(f"file:{store_path}?mode=ro", uri=True)
    start = time.perf_counter()
    stored, polled = 0, start
    while stored < n and time.perf_counter() - start < 600:
        app.processEvents()
        time.sleep(0.001)
        if time.perf_counter() - polled > 0.1:           # one indexed row, not a count
            polled = time.perf_counter()
            [(stored,)] = check.execute("SELECT value FROM counters WHERE name = 'stored'").fetchall() or [(0,)]
    elapsed = time.perf_counter() - start
    heartbeat.stop()
    publisher.wait()
    ingester.terminate()
    ingester.wait()
    broker.terminate()
    broker.wait()
    check.close()
    window.close()

    drawn = sorted(1000 * (b - a) for a, b in frames)
    stall = max(1000 * (b - a) for a, b in gaps)
    # a gap's time outside any frame: what the live path and everything else held the thread
    undrawn = max(1000 * ((b - a) - sum(max(0.0, min(b, fb) - max(a, fa)) for fa, fb in frames))
                  for a, b in gaps)
    print(f"{n:,} TTN uplinks through Mosquitto (QoS 1) into `twin ingest`, app open on the demo "
          f"scene + 200 live sensors, timeline live")
    print(f"  sustained ingest through the broker   {stored / elapsed:9,.0f} messages/s   "
          f"({stored:,} stored in {elapsed:.1f} s)")
    print(f"  raw ingest, same messages, no broker  {raw:9,.0f} messages/s   "
          f"(broker path = {stored / elapsed / raw:.2f}× raw)")
    print(f"  main thread: longest stall {stall:.0f} ms, {undrawn:.0f} ms of it outside drawing a frame; "
          f"live path (store poll + recolour) longest {max(live_ms):.1f} ms over {len(live_ms)} calls")
    if drawn:
        print(f"  frames drawn {len(drawn)}: median {drawn[len(drawn) // 2]:.0f} ms, longest {drawn[-1]:.0f} ms "
              f"(the stall beyond the live path is drawing)")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    if not os.environ.get("DISPLAY") and shutil.which("xvfb-run") and "--no-xvfb" not in sys.argv:
        os.execvp("xvfb-run", ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", sys.executable,
                               __file__, *sys.argv[1:], "--no-xvfb"])
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(int(args[0]) if args else 60_000)
