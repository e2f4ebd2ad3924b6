"""One reading of one quantity by one sensor at one instant, and what makes it valid.

Invalid input is never an exception that escapes: it becomes ``Rejected(reason, detail)``,
counted per reason by the store, so an operator can see what the sensors send wrong."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

# plausible ranges: a value outside is a sensor or decoder fault, not a measurement
RANGES: dict[str, tuple[float, float]] = {
    "noise": (0.0, 150.0),               # dB(A)
    "pm25": (0.0, 1000.0), "pm10": (0.0, 2000.0),      # µg/m³
    "no2": (0.0, 2000.0), "o3": (0.0, 1000.0), "co2": (0.0, 10000.0),
    "temperature": (-60.0, 70.0),        # °C
    "humidity": (0.0, 100.0),            # %
    "battery": (0.0, 5.0),               # V
    "water_leak": (0.0, 1.0),            # alarm
    "count": (0.0, 1e7),                 # pedestrians, bikes, vehicles
    "occupancy": (0.0, 1.0),
}
FUTURE = timedelta(minutes=10)           # clock skew allowed; later is a broken clock


@dataclass(frozen=True)
class Reading:
    sensor: str
    quantity: str
    time: datetime                       # UTC
    value: float
    unit: str | None = None


@dataclass(frozen=True)
class Rejected:
    reason: str                          # short, stable: "bad_json", "no_time", ...
    detail: str = ""


def parse_time(value) -> datetime:
    """An ISO 8601 instant with its offset ('…Z' included, nanoseconds cut to µs)."""
    if not isinstance(value, str):
        raise ValueError(f"time must be an ISO 8601 string, got {value!r}")
    text = value.strip().replace("Z", "+00:00")
    if "." in text:   # network servers send nanoseconds; Python keeps microseconds
        head, _, tail = text.partition(".")
        digits = len(tail) - len(tail.lstrip("0123456789"))
        text = f"{head}.{tail[:min(digits, 6)]}{tail[digits:]}"
    when = datetime.fromisoformat(text)
    if when.tzinfo is None:
        raise ValueError(f"time {value!r} has no offset")
    try:
        return when.astimezone(timezone.utc)
    except OverflowError:     # year 1 or 9999 pushed past the calendar by its offset
        raise ValueError(f"time {value!r} is out of range") from None


def check(reading: Reading, now: datetime | None = None) -> Rejected | None:
    """None when the reading can be stored, else why not."""
    if not reading.sensor:
        return Rejected("no_sensor", "the message names no device")
    if not isinstance(reading.value, (int, float)) or isinstance(reading.value, bool) \
            or not math.isfinite(reading.value):
        return Rejected("bad_value", f"{reading.sensor}/{reading.quantity}: {reading.value!r} is not a number")
    lo, hi = RANGES.get(reading.quantity, (-math.inf, math.inf))
    if not lo <= reading.value <= hi:
        return Rejected("out_of_range", f"{reading.sensor}/{reading.quantity}: {reading.value} "
                                        f"outside [{lo:g}, {hi:g}]")
    if reading.time > (now or datetime.now(timezone.utc)) + FUTURE:
        return Rejected("future_time", f"{reading.sensor}: {reading.time.isoformat()} is in the future")
    return None
