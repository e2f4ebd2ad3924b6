"""The planner window on a scene, as ``twin open`` starts it, in a fresh process each time:
seconds from the process's start to the first frame drawn with data, to the parcels
drawn, and to every layer loaded (the settled window). Beside it, in the same run, a bare
pyvistaqt window drawing an empty frame: what any Qt + VTK window costs. Runs alternate
(twin, bare, twin…) and the best of each is printed. Needs an X server (Xvfb).

    DISPLAY=:91 python benchmarks/bench_window_open.py [SCENE] [RUNS]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TWIN = """
import json, sys, time
t0 = float(sys.argv[2])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from twin._qt.app import run_app
seen = {}
def check():
    w = next((w for w in app.topLevelWidgets() if w.windowTitle().startswith("twin —")), None)
    if w is None:
        return
    now = time.time() - t0
    if "first" not in seen and w.mirror.frames and any(la.data is not None for la in w.scene.data_layers()):
        seen["first"] = now
    parcels = w.scene.layers.find("Parcelles")
    if "parcels" not in seen and parcels is not None and parcels.data is not None and w.mirror.frames > 1:
        seen["parcels"] = now
    if "first" in seen and w.loader is None:
        seen["settled"] = now
        app.quit()
timer = QTimer(interval=10)
timer.timeout.connect(check)
timer.start()
QTimer.singleShot(120000, app.quit)
run_app([sys.argv[1]])
print(json.dumps(seen))
"""

BARE = """
import json, sys, time
t0 = float(sys.argv[2])
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from pyvistaqt import QtInteractor
view = QtInteractor(auto_update=False)
view.show()
view.render()
app.processEvents()
print(json.dumps({"first": time.time() - t0}))
"""


def run(code: str, scene: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code, str(scene), repr(time.time())], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    if out.returncode != 0:
        raise SystemExit(f"the window did not open: {out.stderr.strip().splitlines()[-1:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(scene: Path, runs: int) -> None:
    if not os.environ.get("DISPLAY"):
        raise SystemExit("no X server: run it under Xvfb (DISPLAY=:N)")
    twin, bare = [], []
    for _ in range(runs):
        twin.append(run(TWIN, scene))
        bare.append(run(BARE, scene)["first"])
    best = {k: min(r[k] for r in twin if k in r) for k in ("first", "parcels", "settled") if any(k in r for r in twin)}
    floor = min(bare)
    print(f"twin open {scene.name}, best of {runs} (seconds from the process's start):")
    print(f"  first frame with data {best['first']:6.2f} s  (×{best['first'] / floor:.1f} of a bare pyvistaqt "
          f"window's first frame, {floor:.2f} s)")
    if "parcels" in best:
        print(f"  parcels drawn         {best['parcels']:6.2f} s")
    print(f"  every layer loaded    {best['settled']:6.2f} s")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "scenes" / "arras-centre.toml",
         int(sys.argv[2]) if len(sys.argv) > 2 else 3)
