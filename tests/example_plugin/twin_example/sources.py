"""``example.replay``: replays a CSV of readings (sensor,time,value) as a live feed."""

import csv
import threading


class ReplaySource:
    def __init__(self, path, interval: float = 0.0):
        self.path, self.interval = path, interval
        self._stop = threading.Event()
        self._thread = None

    def start(self, on_reading) -> None:
        def run():
            with open(self.path, newline="", encoding="utf-8") as fh:
                for row in csv.DictReader(fh):
                    if self._stop.wait(self.interval):
                        return
                    on_reading({"sensor": row["sensor"], "time": row["time"], "value": float(row["value"])})
        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
