"""The scene's timeline: one current instant, stored in UTC, shown in Europe/Paris.

It drives every time-aware layer. It can play (``speed`` seconds of scene time per real
second, looping over [start, end] when ``loop``), or be ``live``: pinned to the present,
for the screens that show sensors as they report. ``tick`` advances it; the app calls it
from a timer, a test or a video export calls it with chosen steps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import ClassVar
from zoneinfo import ZoneInfo

from psygnal import SignalGroupDescriptor
from twin.core.i18n import message

DISPLAY_TZ = ZoneInfo("Europe/Paris")


def as_utc(value: datetime | str) -> datetime:
    """A timezone-aware UTC datetime; naive input is refused rather than guessed."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError(f"time {value.isoformat()} has no timezone; write it as UTC, e.g. "
                         f"{value.isoformat()}Z")
    return value.astimezone(timezone.utc)


def utc64(value: datetime):
    """A UTC datetime as the numpy datetime64[us] (naive, UTC) that series arrays hold."""
    import numpy as np
    return np.datetime64(as_utc(value).replace(tzinfo=None), "us")


def iso_utc(value: datetime) -> str:
    return as_utc(value).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(eq=False)
class Timeline:
    current: datetime
    start: datetime | None = None
    end: datetime | None = None
    speed: float = 3600.0          # scene seconds per real second while playing
    loop: bool = True
    playing: bool = False
    live: bool = False
    events: ClassVar[SignalGroupDescriptor] = SignalGroupDescriptor()

    def __post_init__(self):
        self.current = as_utc(self.current)
        self.start = as_utc(self.start) if self.start is not None else None
        self.end = as_utc(self.end) if self.end is not None else None
        if self.start and self.end and self.start > self.end:
            raise ValueError("timeline start is after its end")
        if not 0 < float(self.speed) <= 1e9:
            raise ValueError(f"timeline speed must be positive, got {self.speed}")

    def set_current(self, value: datetime | str) -> None:
        value = as_utc(value)
        if self.start and value < self.start:
            value = self.start
        if self.end and value > self.end:
            value = self.end
        self.current = value

    def set_range(self, start: datetime | str | None, end: datetime | str | None) -> None:
        """The period played over (and looped on); the current instant is kept inside."""
        start = as_utc(start) if start is not None else None
        end = as_utc(end) if end is not None else None
        if start and end and start >= end:
            raise ValueError("the timeline's start must be before its end")
        self.start, self.end = start, end
        self.set_current(self.current)

    def tick(self, elapsed: float, now: datetime | None = None) -> None:
        """Advance by ``elapsed`` real seconds: to the present when live, by speed × elapsed
        when playing (back to the start at the end when looping, else stopping there)."""
        if self.live:
            self.current = as_utc(now or datetime.now(timezone.utc)).replace(microsecond=0)
            return
        if not self.playing or elapsed <= 0:
            return
        target = self.current + timedelta(seconds=self.speed * elapsed)
        if self.end and target > self.end:
            if self.loop and self.start:
                target = self.start
            else:
                target, self.playing = self.end, False
        self.current = target

    @property
    def local(self) -> datetime:
        return self.current.astimezone(DISPLAY_TZ)


def utc_times(column, timezone: str | None, path, how: str = "--timezone Europe/Paris"):
    """UTC instants of a time column (text or, from Parquet, datetimes); a value without
    an offset is read in ``timezone`` when one is stated, else it is NaT (rejected), and a
    column with no offsets at all is refused whole: local times are never guessed.
    ``how`` tells the user where to state the time zone."""
    import pandas as pd

    from twin.core.errors import DataError
    if pd.api.types.is_datetime64_any_dtype(column):
        if column.dt.tz is not None:
            return column.dt.tz_convert("UTC")
        if timezone is None:
            raise DataError(message("gives times without a UTC offset"), path=path,
                            hint=message("state their time zone ({}) or write offsets").format(how))
        return column.dt.tz_localize(timezone, ambiguous="NaT", nonexistent="NaT").dt.tz_convert("UTC")
    text = column.astype(str).str.strip()
    has_offset = text.str.contains(r"(?:Z|[+-]\d{2}:?\d{2})$", regex=True)
    times = pd.Series(pd.NaT, index=column.index, dtype="datetime64[us, UTC]")
    if has_offset.any():
        times[has_offset] = _parse(text[has_offset], utc=True)
    naive = ~has_offset
    if naive.any() and timezone is None and not has_offset.any():
        raise DataError(message("gives times without a UTC offset"), path=path,
                        hint=message("state their time zone ({}) or write offsets").format(how))
    if naive.any() and timezone is not None:
        local = _parse(text[naive], utc=False)
        times[naive] = local.dt.tz_localize(timezone, ambiguous="NaT", nonexistent="NaT").dt.tz_convert("UTC")
    return times


def _parse(text, utc: bool):
    """ISO 8601 at C speed; only the values it cannot read go through the slow
    element-by-element "mixed" parser."""
    import pandas as pd
    parsed = pd.to_datetime(text, utc=utc, errors="coerce", format="ISO8601")
    odd = parsed.isna()
    if odd.any():
        parsed[odd] = pd.to_datetime(text[odd], utc=utc, errors="coerce", format="mixed")
    return parsed
