"""Layers that follow the timeline, with their temporal settings, legend and pick chart.

The settings are plain strings so the scene file keeps them as the user wrote them:
``time_offset`` shifts the instant a layer shows against the timeline (two copies of a
footfall layer, one at ``-P7D``, put this week beside last week), ``fixed_time`` pins a
layer to one instant whatever the timeline does (a reference state next to a live one),
and ``history`` is the span of the chart that picking a feature opens. Durations are
ISO 8601 (``PT30M``, ``P7D``, ``-P364D``: same weekday a year before)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
import numpy as np

from twin.core.layers.base import DataLayer
from twin.core.timeline import as_utc


def parse_duration(text: str, name: str = "duration") -> timedelta:
    """An ISO 8601 duration in days, hours, minutes, seconds (years and months have no
    fixed length: write P365D or P30D)."""
    import pandas as pd
    try:
        value = pd.Timedelta(text)
        if pd.isna(value):
            raise ValueError
        return value.to_pytimedelta()
    except (ValueError, TypeError):
        raise ValueError(f"{name} {text!r} is not an ISO 8601 duration; write it like PT30M, P7D "
                         f"or -P7D (days, hours, minutes: years and months vary in length)") from None


@dataclass
class Trace:
    """One series of a chart: times are datetime64[us] in UTC."""

    label: str
    times: np.ndarray
    values: np.ndarray
    style: str = "line"          # line | step | bar
    color: tuple[int, int, int] = (0x1f, 0x5f, 0x99)


@dataclass
class History:
    """What a pick chart shows: a feature's recent series around the layer's instant."""

    title: str
    unit: str
    traces: list[Trace]
    now: datetime                                    # the layer's instant, marked on the chart
    start: datetime
    end: datetime
    thresholds: list[tuple[str, float, tuple[int, int, int]]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(len(t.values) for t in self.traces)


@dataclass
class Legend:
    """How to read a layer's colours: a title and (colour, label) entries, plus a note
    (what is hidden in a public scene, what a height means)."""

    title: str
    entries: list[tuple[tuple[int, int, int], str]]
    note: str = ""


@dataclass(eq=False)
class TemporalLayer(DataLayer):
    """A data layer drawn at an instant of the timeline."""

    time_offset: str = ""        # ISO 8601 duration added to the timeline's instant
    fixed_time: str = ""         # an ISO UTC instant shown whatever the timeline; "" follows it
    history: str = "P1D"         # span of the pick chart, ending at the instant shown

    def __post_init__(self):
        super().__post_init__()
        if self.time_offset:
            parse_duration(self.time_offset, "time_offset")
        if self.fixed_time:
            as_utc(self.fixed_time)
        if parse_duration(self.history, "history") <= timedelta(0):
            raise ValueError(f"history must be a positive duration, got {self.history!r}")

    def instant(self, current: datetime) -> datetime:
        """The instant this layer shows when the timeline is at ``current``."""
        when = as_utc(self.fixed_time) if self.fixed_time else as_utc(current)
        return when + parse_duration(self.time_offset, "time_offset") if self.time_offset else when

    def history_span(self, current: datetime) -> tuple[datetime, datetime]:
        end = self.instant(current)
        return end - parse_duration(self.history, "history"), end

    # -- to override -----------------------------------------------------------------------
    def time_extent(self) -> tuple[datetime, datetime] | None:
        """The period the loaded data covers (UTC), for fitting the timeline to it."""
        return None

    def legend(self, public: bool) -> Legend | None:
        """How to read the colours (``public``: the scene's privacy rules apply)."""
        return None

    def history_of(self, row: int, current: datetime, public: bool) -> History | None:
        """The chart for feature ``row`` of the layer's table, None when it has no series."""
        return None

