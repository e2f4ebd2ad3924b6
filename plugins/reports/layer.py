"""``kind = "reports"``: citizen reports from a point layer, their state at each instant."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import ClassVar

import numpy as np
import pandas as pd

from twin.api import DataError, Legend, TemporalLayer, tr, utc64, utc_times
from twin.api import message

HIDDEN, NEW, PROGRESS, CLOSED = -1, 0, 1, 2
STATES = ("new", "in progress", "closed")
COLORS = np.array([[0x8e, 0x24, 0xaa], [0x1e, 0x88, 0xe5], [0x90, 0xa4, 0xae]], np.uint8)   # apart from sensors
_WORDS = {  # what reporting apps write, in French and English
    NEW: ("new", "nouveau", "nouvelle", "ouvert", "open", "signalé", "reçu"),
    PROGRESS: ("in progress", "en cours", "pris en charge", "assigned", "planifié", "en traitement"),
    CLOSED: ("closed", "clos", "close", "fermé", "résolu", "resolved", "traité", "done", "terminé"),
}
FUTURE = timedelta(days=1)       # a creation date later than this past "now" is an error in the data


def normalise_status(values: pd.Series) -> np.ndarray:
    """Status words → NEW / PROGRESS / CLOSED codes (unknown words count as new)."""
    text = values.astype("string").str.strip().str.lower().fillna("")
    out = np.full(len(text), NEW, np.int8)
    for code, words in _WORDS.items():
        out[text.isin(words).to_numpy()] = code
    return out


def _names(text: str) -> set[str]:
    return {part.strip().lower() for part in text.split(",") if part.strip()}


@dataclass
class ReportsData:
    table: object
    points: np.ndarray             # (N, 3) float32, origin-relative
    category: np.ndarray           # (N,) str
    status: np.ndarray             # (N,) int8 code of the row's current status
    created: np.ndarray            # (N,) datetime64[us] UTC
    closed: np.ndarray             # (N,) datetime64[us] UTC, NaT while open
    bounds: tuple

    def states(self, when: datetime | None, categories: set[str], statuses: set[str]) -> np.ndarray:
        """Each report's state at ``when`` (None: now), HIDDEN before it was made or when
        filtered out; a report whose closing date has come is closed."""
        t = utc64(when or datetime.now(timezone.utc))
        state = np.where(self.status == CLOSED, PROGRESS, self.status).astype(np.int8)
        done = (~np.isnat(self.closed) & (self.closed <= t)) | ((self.status == CLOSED) & np.isnat(self.closed))
        state[done] = CLOSED
        state[self.created > t] = HIDDEN
        if categories:
            state[~np.isin(np.char.lower(self.category.astype(str)), list(categories))] = HIDDEN
        if statuses:
            keep = np.isin(np.array(STATES)[np.maximum(state, 0)], list(statuses))
            state[~keep] = HIDDEN
        return state


@dataclass(eq=False)
class ReportsLayer(TemporalLayer):
    category_field: str = "category"
    status_field: str = "status"
    created_field: str = "created"
    closed_field: str = "closed"
    categories: str = ""             # comma-separated categories shown ("" = all)
    statuses: str = ""               # comma-separated states shown: new, in progress, closed
    timezone: str = ""               # of dates written without an offset
    height: float = 3.0              # metres above the ground
    history: str = "P30D"
    kind: ClassVar[str] = "reports"

    def __post_init__(self):
        super().__post_init__()
        unknown = _names(self.statuses) - set(STATES)
        if unknown:
            raise ValueError(f"statuses may name {', '.join(STATES)}; not {', '.join(sorted(unknown))}")

    def _column(self, frame, name: str, required: bool = True):
        found = {c.lower(): c for c in frame.columns}.get(name.lower())
        if found is None and required:
            raise DataError(message("has no '{}' column").format(name), path=self.source,
                            hint=message("columns are: {}; set {}_field on the layer").format(
                                     ', '.join(map(str, frame.columns.drop('geometry'))), ('category' if 'cat' in name else 'the')))
        return found

    def build(self, table, scene, ground, feedback) -> ReportsData:
        frame = table.frame
        category = frame[self._column(frame, self.category_field)].astype(str).to_numpy()
        status_col = self._column(frame, self.status_field, required=False)
        status = normalise_status(frame[status_col]) if status_col else np.full(len(frame), NEW, np.int8)
        on_layer = 'timezone = "Europe/Paris" on the layer'
        created = utc_times(frame[self._column(frame, self.created_field)], self.timezone or None,
                            self.source, on_layer)
        closed_col = self._column(frame, self.closed_field, required=False)
        closed = utc_times(frame[closed_col], self.timezone or None, self.source, on_layer) if closed_col \
            else pd.Series(pd.NaT, index=frame.index, dtype="datetime64[us, UTC]")
        limit = pd.Timestamp.now(tz="UTC") + FUTURE
        future = (created > limit).to_numpy()
        undated = created.isna().to_numpy()
        keep = ~(future | undated)
        if not keep.any():
            raise DataError(message("has no report with a usable creation date"), path=self.source,
                            hint=message("write dates like 2026-06-21T10:00:00+02:00 (or state the layer's "
                                         "timezone)"))
        for bad, what in ((future, message("dated in the future")), (undated, message("without a creation date"))):
            if bad.any():
                feedback.warn(message("{}: {} reports {} left out (rows {}…)").format(
                    self.source.name, int(bad.sum()), what, ", ".join(str(i + 1) for i in np.flatnonzero(bad)[:5])))
        frame = frame.loc[keep].reset_index(drop=True)
        table.frame = frame
        x, y = frame.geometry.x.to_numpy(), frame.geometry.y.to_numpy()
        xyz = np.column_stack([x, y, ground.sample(x, y) + self.height])
        lo, hi = xyz.min(axis=0), xyz.max(axis=0)
        as_us = lambda s: s[keep].dt.tz_localize(None).to_numpy().astype("datetime64[us]")  # noqa: E731
        return ReportsData(table, (xyz - np.asarray(scene.origin)).astype(np.float32), category[keep], status[keep],
                           as_us(created), as_us(closed), (*map(float, lo), *map(float, hi)))

    def states(self, current: datetime | None) -> np.ndarray:
        when = self.instant(current) if current is not None else None
        return self.data.states(when, _names(self.categories), _names(self.statuses))

    def time_extent(self):
        if self.data is None:
            return None
        created = self.data.created
        end = np.nanmax(np.r_[created, self.data.closed[~np.isnat(self.data.closed)]])
        return (created.min().item().replace(tzinfo=timezone.utc), end.item().replace(tzinfo=timezone.utc))

    def legend(self, public: bool) -> Legend | None:
        shown = f" — {', '.join(sorted(_names(self.categories)))}" if self.categories else ""
        return Legend(f"{self.name}{shown}", [(tuple(COLORS[i]), tr(STATES[i])) for i in range(3)])
