"""A kiosk runs for days: 24 h of its attract loop, at high speed, must not grow its memory.

The day runs in a child process: its RSS is the kiosk's alone (not the test session's),
and a crash there is this test's failure, not the end of the whole test run."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import time
from pathlib import Path

DAY = 24 * 3600.0
HOUR = 3600.0
STEP = 14.0             # virtual seconds per tick: prime to the demo tour's 39 s, so over the day
                        # ticks land at every second of every flight and hold, and the tour's
                        # layer switches happen ~4 400 times
RENDER_EVERY = 55       # ticks between two real frames (~110 frames over the day)
ROOT = Path(__file__).resolve().parents[2]


def rss_bytes() -> int:
    try:
        import psutil
        return psutil.Process().memory_info().rss
    except ImportError:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE")


def simulate_day() -> dict:
    from PySide6.QtWidgets import QApplication

    from tests.conftest import DEMO_SCENE
    from twin._qt.kiosk import KioskWindow
    from twin.present.kiosk import EXIT_ADMIN, hash_pin
    from twin.io.loading import apply_results, load_scene_data
    from twin.io.scene_file import load_scene

    app = QApplication.instance() or QApplication([])
    scene = load_scene(DEMO_SCENE)
    apply_results(load_scene_data(scene))
    win = KioskWindow(scene, hash_pin("1234"), load=False)
    win.resize(320, 240)
    win.show()
    app.processEvents()
    win.data_ready()
    virtual = [0.0]
    win.clock = lambda: virtual[0]
    win.start_attract()
    win.tour_timer.stop()                      # the clock is driven here, not by the timer
    tour = win.playing

    ticks = [0]

    def run(seconds: float) -> None:
        end = virtual[0] + seconds
        while virtual[0] < end:
            virtual[0] += STEP
            win._tour_tick()
            ticks[0] += 1
            if ticks[0] % RENDER_EVERY == 0:
                win.view.render()
                app.processEvents()

    started = time.monotonic()
    run(4 * HOUR)                              # warm-up: RSS climbs to its plateau in the first hours
                                               # (moving frames add Mesa's buffers of the scaled picture)
    samples = []
    for _hour in range(int(DAY / HOUR)):       # then one sample an hour, for a day
        run(HOUR)
        gc.collect()
        samples.append(rss_bytes())
    result = {"samples": samples, "ticks": ticks[0], "tours": DAY / tour.duration,
              "wall": time.monotonic() - started, "still_looping": bool(win.attract and win.playing is tour)}
    win.leave(EXIT_ADMIN)
    return result


def test_qt_calls_keep_the_reference_to_none():
    """PySide6 6.12.0 on Python < 3.12 drops a reference to None at each call of a method
    returning void (QTimer.start, QLabel.setText...), and Python aborts after a few
    thousand: pyproject excludes it; this catches any other build that does the same."""
    from PySide6.QtCore import QTimer
    timer = QTimer()
    before = sys.getrefcount(None)
    for _ in range(2000):
        timer.start(1000)
    timer.stop()
    assert sys.getrefcount(None) >= before - 10


def test_a_simulated_day_of_attract_loop_keeps_memory_flat():
    child = subprocess.run([sys.executable, "-m", "tests.gui.test_kiosk_memory"], cwd=ROOT,
                           capture_output=True, text=True, timeout=600)
    assert child.returncode == 0, child.stderr[-3000:]
    r = json.loads(child.stdout.strip().splitlines()[-1])
    mib = [v / 2**20 for v in r["samples"]]
    first, last = min(mib[:6]), min(mib[-6:])
    print(f"\n24 h of attract loop ({r['tours']:.0f} tours, {r['ticks']} ticks) in {r['wall']:.1f} s: "
          f"RSS hourly {min(mib):.0f}–{max(mib):.0f} MiB, lowest of the first 6 h {first:.1f}, "
          f"of the last 6 h {last:.1f} MiB")
    assert r["still_looping"]
    # RSS jumps up by 10–40 MiB for an hour now and then (Mesa's buffers, the allocator) and
    # settles on plateaus (seen: +11 MiB once, after 10 h): the lowest of six hours, at the
    # start and at the end of the day, shows the trend without the jumps. The bound, 32 MiB
    # over ~6 700 ticks and ~8 800 stop changes, is under 5 KiB each: a leaked frame (300 KiB
    # here), VTK actor, array or Qt object per tick, per frame or per stop would exceed it
    # many times over.
    assert last - first < 32

if __name__ == "__main__":
    print(json.dumps(simulate_day()))
