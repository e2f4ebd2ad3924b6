"""The scene's timeline: one current instant, stored in UTC, shown in Europe/Paris."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import ClassVar
from zoneinfo import ZoneInfo

from psygnal import SignalGroupDescriptor

DISPLAY_TZ = ZoneInfo("Europe/Paris")


def as_utc(value: datetime | str) -> datetime:
    """A timezone-aware UTC datetime; naive input is refused rather than guessed."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError(f"time {value.isoformat()} has no timezone; write it as UTC, e.g. "
                         f"{value.isoformat()}Z")
    return value.astimezone(timezone.utc)


def iso_utc(value: datetime) -> str:
    return as_utc(value).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(eq=False)
class Timeline:
    current: datetime
    start: datetime | None = None
    end: datetime | None = None
    events: ClassVar[SignalGroupDescriptor] = SignalGroupDescriptor()

    def __post_init__(self):
        self.current = as_utc(self.current)
        self.start = as_utc(self.start) if self.start is not None else None
        self.end = as_utc(self.end) if self.end is not None else None
        if self.start and self.end and self.start > self.end:
            raise ValueError("timeline start is after its end")

    def set_current(self, value: datetime | str) -> None:
        value = as_utc(value)
        if self.start and value < self.start:
            value = self.start
        if self.end and value > self.end:
            value = self.end
        self.current = value

    @property
    def local(self) -> datetime:
        return self.current.astimezone(DISPLAY_TZ)
