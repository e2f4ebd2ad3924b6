"""``kind = "footfall"``: zones (points or polygons, shown as columns) or street segments
(lines, shown coloured by their count) from a vector file, counts from a table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import ClassVar

import numpy as np

from plugins.footfall.counts import CountMatrix, read_counts
from twin.api import (
    DataError, History, Legend, TemporalLayer, Trace, match_ids, number, parse_duration, scene_path, tr, utc64,
)
from twin.api import message

DOWN, SAME, UP, UNKNOWN = np.array([0xc6, 0x28, 0x28]), np.array([0x9e, 0x9e, 0x9e]), \
    np.array([0x2e, 0x7d, 0x32]), np.array([0x78, 0x90, 0x9c])


def change_colors(change: np.ndarray) -> np.ndarray:
    """±50 % and beyond saturate; NaN is 'no comparison'."""
    t = np.clip(np.nan_to_num(change, nan=0.0) / 0.5, -1, 1)[:, None]
    rgb = np.where(t < 0, SAME + (DOWN - SAME) * -t, SAME + (UP - SAME) * t)
    rgb[np.isnan(change)] = UNKNOWN
    return rgb.astype(np.uint8)


RAMP = np.array([[0xff, 0xf0, 0xa8], [0xfe, 0xb2, 0x4c], [0xf0, 0x3b, 0x20], [0x80, 0x00, 0x26]], float)
LINE_PX = 7


def count_colors(counts: np.ndarray, busy: float) -> np.ndarray:
    """Street segments: pale yellow (few) to dark red (a busy slot and beyond); grey unknown."""
    t = np.clip(np.nan_to_num(counts) / (busy or 1.0), 0, 1) * (len(RAMP) - 1)
    lo = np.minimum(t.astype(int), len(RAMP) - 2)
    rgb = RAMP[lo] + (RAMP[lo + 1] - RAMP[lo]) * (t - lo)[:, None]
    rgb[~np.isfinite(counts)] = SAME
    return rgb.astype(np.uint8)


def _aware(value: np.datetime64) -> datetime:
    return value.astype("datetime64[us]").item().replace(tzinfo=timezone.utc)


@dataclass
class Segments:
    """Street segments draped on the ground, as VTK polylines."""

    points: np.ndarray            # (M, 3) float32, origin-relative
    lines: np.ndarray             # flat VTK connectivity [n, i0, …, n, …]
    rows: np.ndarray              # (L,) the zone row of each polyline
    point_rows: np.ndarray        # (M,) the zone row of each point (screen-space picking)


def drape_lines(geometry, ground, origin, lift: float = 1.0, step: float = 5.0) -> Segments:
    """Lines densified every ``step`` metres so they follow the terrain, ``lift`` above it."""
    import shapely
    parts, rows = shapely.get_parts(shapely.segmentize(geometry, step), return_index=True)
    coords, index = shapely.get_coordinates(parts, return_index=True)
    xyz = np.column_stack([coords, ground.sample(coords[:, 0], coords[:, 1]) + lift])
    sizes = np.bincount(index, minlength=len(parts))
    heads = np.concatenate([[0], np.cumsum(sizes + 1)[:-1]])
    lines = np.empty(len(parts) + len(coords), np.int64)
    lines[heads] = sizes
    body = np.ones(len(lines), bool)
    body[heads] = False
    lines[body] = np.arange(len(coords))
    return Segments((xyz - np.asarray(origin)).astype(np.float32), lines, rows, rows[index])


@dataclass
class FootfallData:
    table: object
    zones: np.ndarray             # (N,) zone ids of the positions file
    points: np.ndarray            # (N, 3) float32, ground under each zone, origin-relative
    column: np.ndarray            # (N,) index into matrix.zones, -1 when the table lacks it
    matrix: CountMatrix
    bounds: tuple
    segments: Segments | None = None   # street segments instead of columns

    def at(self, when, minimum: float = 0.0, compare: str = "P7D") -> tuple[np.ndarray, np.ndarray]:
        """Counts in the slot holding ``when`` and the change (ratio − 1) against the slot
        ``compare`` before (a week: same weekday, same hour); NaN where unknown, and where
        a count is under ``minimum`` (the public-mode rule: small counts could single
        people out)."""
        n = len(self.zones)
        counts, change = np.full(n, np.nan), np.full(n, np.nan)
        i = self.matrix.index_at(utc64(when))
        if i is None:
            return counts, change
        ok = self.column >= 0
        counts[ok] = self.matrix.counts[i, self.column[ok]]
        j = self.matrix.before(i, np.timedelta64(parse_duration(compare)))
        if j is not None:
            before = np.full(n, np.nan)
            before[ok] = self.matrix.counts[j, self.column[ok]]
            with np.errstate(divide="ignore", invalid="ignore"):
                change = np.where(before > 0, counts / before - 1.0, np.nan)
        hidden = counts < minimum
        counts[hidden], change[hidden] = np.nan, np.nan
        return counts, change


@dataclass(eq=False)
class FootfallLayer(TemporalLayer):
    history: str = "P7D"
    compare: str = "P7D"          # colour: change against the slot this long before
    counts: str = ""              # the table (relative to the scene file)
    zone_field: str = "zone"
    timezone: str = ""            # of slot times written without an offset
    max_height: float = 60.0      # metres of the busiest slot of the whole table
    width: float = 8.0            # of a column, metres
    public_minimum: float = 10.0  # in a public scene, counts under this are not shown
    kind: ClassVar[str] = "footfall"

    def __post_init__(self):
        super().__post_init__()
        if parse_duration(self.compare, "compare") <= timedelta(0):
            raise ValueError(f"compare must be a positive duration, got {self.compare!r}")

    def time_extent(self):
        if self.data is None:
            return None
        slots = self.data.matrix.slots
        return _aware(slots[0]), _aware(slots[-1] + self.data.matrix.slot)

    def minimum(self, public: bool) -> float:
        return self.public_minimum if public else 0.0

    def legend(self, public: bool) -> Legend:
        peak = self.data.matrix.busy if self.data is not None else 0.0
        hidden = tr("under {} not shown").format(number(self.public_minimum)) if public and self.public_minimum > 0 else ""
        if self.data is not None and self.data.segments is not None:
            steps = np.array([peak, peak / 2, peak / 4, 0.0])
            return Legend(tr("{}: count per slot").format(self.name), [
                *((tuple(c), f"{number(v, 0)}{'+' if k == 0 else ''}") for k, (c, v) in
                  enumerate(zip(count_colors(steps, peak), steps))),
                (tuple(SAME), tr("not counted"))], hidden)
        note = tr("height: count per slot ({} m = {})").format(number(self.max_height), number(peak, 0))
        if hidden:
            note += f"; {hidden}"
        return Legend(tr("{}: vs {}").format(self.name, _ago(self.compare)), [
            (tuple(change_colors(np.array([0.5]))[0]), tr("+50 % or more")),
            (tuple(SAME), tr("about the same")),
            (tuple(change_colors(np.array([-0.5]))[0]), tr("−50 % or less")),
            (tuple(UNKNOWN), tr("nothing to compare with"))], note)

    def history_of(self, row: int, current, public: bool) -> History | None:
        data = self.data
        if data is None or data.column[row] < 0:
            return None
        start, end = self.history_span(current)
        delta = np.timedelta64(parse_duration(self.compare))
        matrix, column = data.matrix, int(data.column[row])
        times, counts = matrix.series(column, utc64(start), utc64(end))
        then, before = matrix.series(column, utc64(start) - delta, utc64(end) - delta)
        for values in (counts, before):
            values[values < self.minimum(public)] = np.nan
        zone = str(data.zones[row])
        return History(f"{zone}: footfall", "per slot",
                       [Trace(_ago(self.compare), then + delta, before, "step", tuple(SAME)),
                        Trace(zone, times, counts, "step")], end, start, end)

    def build(self, table, scene, ground, feedback) -> FootfallData:
        frame = table.frame
        if self.zone_field not in frame.columns:
            raise DataError(message("has no '{}' column naming each zone").format(self.zone_field), path=self.source,
                            hint=message("set zone_field on the layer"))
        if not self.counts:
            raise DataError(message("names no counts table"), path=self.source, hint=message("set counts = \"…csv\" on the layer"))
        path = scene_path(scene, self.counts)
        matrix = read_counts(path, self.timezone or None)
        zones = frame[self.zone_field].astype(str).to_numpy()
        column = match_ids(zones, matrix.zones, what="zones", source=self.source, table=path)
        pts = frame.geometry.representative_point()
        x, y = pts.x.to_numpy(), pts.y.to_numpy()
        xyz = np.column_stack([x, y, ground.sample(x, y)])
        lo, hi = xyz.min(axis=0), xyz.max(axis=0) + (0, 0, self.max_height)
        segments = None
        if frame.geometry.geom_type.isin(["LineString", "MultiLineString"]).all():
            segments = drape_lines(frame.geometry.to_numpy(), ground, scene.origin)
        return FootfallData(table, zones, (xyz - np.asarray(scene.origin)).astype(np.float32), column,
                            matrix, (*map(float, lo), *map(float, hi)), segments)


def _ago(duration: str) -> str:
    days = parse_duration(duration).total_seconds() / 86400
    known = {7: "a week before", 1: "the day before", 364: "a year before"}
    return tr(known[days]) if days in known else tr("{} before").format(duration)
