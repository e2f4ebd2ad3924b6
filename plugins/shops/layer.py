"""``kind = "shops"``: a shops observatory — ground-floor commercial premises and their
occupancy over time, the vacancy rate per street and per block at the timeline's instant.

The table is what a town's observatory exports: **one row per occupancy period** of a
premises (a shop that opened, the premises left vacant after it, the next shop...), with
the premises' id, street, activity, status (open or vacant) and the period's start and
end dates (no end: still so). Points come from the file's geometry (GeoJSON, GPKG) or a
CSV's lon/lat or x/y columns; a premises' place is that of its first row. The block
(îlot) comes from a column, or from polygons (``blocks``) the premises falls in.

Only the columns named here reach the layer's table: owners' or managers' names, phone
numbers and the like that such exports carry are dropped on reading, so picking a
premises never shows them, in public scenes or not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import ClassVar

import numpy as np
import pandas as pd

from twin.api import DataError, History, Legend, TemporalLayer, Trace, scene_path, tr, utc64, utc_times
from twin.api import message

UNKNOWN, OPEN, VACANT = -1, 0, 1
_WORDS = {  # what observatories and shop surveys write, in French and English
    OPEN: ("ouvert", "ouverte", "open", "occupé", "occupe", "occupied", "actif", "active", "en activité"),
    VACANT: ("vacant", "vacante", "fermé", "ferme", "fermée", "closed", "vide", "empty", "libre", "inoccupé"),
}
VACANT_RGB = np.array([0xd3, 0x2f, 0x2f], np.uint8)
OPEN_RGB = np.array([0x43, 0xa0, 0x47], np.uint8)
PALETTE = np.array([[0x1f, 0x77, 0xb4], [0xff, 0x98, 0x00], [0x2e, 0x9d, 0x4a], [0x8e, 0x5e, 0xc4],
                    [0x8d, 0x6e, 0x63], [0xec, 0x6f, 0xb8], [0x26, 0xb5, 0xc6], [0xb8, 0xb0, 0x23]], np.uint8)
OTHER_RGB = np.array([0x9e, 0x9e, 0x9e], np.uint8)   # activities beyond the palette
_FIELDS = ("premises_field", "street_field", "block_field", "activity_field", "status_field", "start_field",
           "end_field")
FUTURE = timedelta(days=1)        # a date later than this past "now" is an error in the data
POINT_BOX = 3.0                   # half side (m) of the ground floor drawn at a premises' point


def normalise_status(values: pd.Series, path) -> np.ndarray:
    """Status words → OPEN / VACANT; unknown words are an error naming them ("fermé", a
    shut shop front, counts as vacant)."""
    text = values.astype("string").str.strip().str.lower().fillna("")
    out = np.full(len(text), UNKNOWN, np.int8)
    for code, words in _WORDS.items():
        out[text.isin(words).to_numpy()] = code
    if (out == UNKNOWN).any():
        unknown = sorted(set(values.astype("string").fillna("(empty)")[out == UNKNOWN]))
        raise DataError(message("has status values it cannot read: {}").format(
                            ', '.join(map(repr, unknown[:8]))), path=path,
                        hint=message("write ouvert (open) or vacant (fermé counts as vacant)"))
    return out


def _rows(mask: np.ndarray) -> str:
    rows = np.flatnonzero(mask)
    return ", ".join(str(i + 1) for i in rows[:6]) + ("…" if len(rows) > 6 else "")


def _rate(codes: np.ndarray, n: int, states: np.ndarray) -> np.ndarray:
    """Vacant share of the premises whose state is known, per code; ``states`` (…, N)
    gives (…, n), NaN where no premises of that code is known."""
    member = np.zeros((len(codes), n))
    valid = np.flatnonzero(codes >= 0)
    member[valid, codes[valid]] = 1.0
    total = (states >= 0).astype(float) @ member
    vacant = (states == VACANT).astype(float) @ member
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, vacant / total, np.nan)


def _activities(frame, column: str | None) -> tuple[np.ndarray, np.ndarray]:
    """(names, commonest first; each row's code, −1 where none is given: vacant periods)."""
    text = frame[column].astype("string").str.strip().fillna("").to_numpy(str) if column \
        else np.full(len(frame), "")
    given = text != ""
    names, found = np.unique(text[given], return_inverse=True)
    by_use = np.argsort(-np.bincount(found.ravel(), minlength=len(names)), kind="stable")
    code = np.full(len(frame), -1, np.int64)
    code[given] = np.argsort(by_use)[found.ravel()]
    return names[by_use], code


@dataclass
class ShopsData:
    table: object                 # one row per premises (public columns only), for picking
    floors: object                # ground floors (twin Mesh), cell_data["feature"] = premises row;
                                  # not "mesh": an overlay at an instant, not a model 3D exports take
    premises: np.ndarray          # (P,) premises row of each period
    status: np.ndarray            # (P,) OPEN / VACANT
    start: np.ndarray             # (P,) datetime64[us] UTC
    end: np.ndarray               # (P,) datetime64[us] UTC, NaT while it lasts
    activity: np.ndarray          # (P,) activity code of each period (index into activities)
    activities: np.ndarray        # activity names, by how many periods name them
    street: np.ndarray            # (N,) street code of each premises
    streets: np.ndarray           # street names
    block: np.ndarray             # (N,) block code, −1 when unknown
    blocks: np.ndarray            # block names
    street_anchors: np.ndarray    # (S, 3) float32 origin-relative, above each street's premises
    bounds: tuple

    def _active(self, times: np.ndarray) -> np.ndarray:
        """(T, P): the periods under way at each of ``times`` (datetime64[us])."""
        t = times[:, None]
        return (self.start[None] <= t) & (np.isnat(self.end)[None] | (self.end[None] > t))

    def states_at(self, times: np.ndarray) -> np.ndarray:
        """(T, N) state of each premises at each time: OPEN, VACANT or UNKNOWN (no period)."""
        active = self._active(times)
        out = np.full((len(times), len(self.street)), UNKNOWN, np.int8)
        at, period = np.nonzero(active)
        out[at, self.premises[period]] = self.status[period]
        return out

    def activity_at(self, when: datetime) -> np.ndarray:
        """(N,) activity code of each premises' period under way at ``when``, −1 without one."""
        active = self._active(np.array([utc64(when)]))[0]
        out = np.full(len(self.street), -1, np.int64)
        out[self.premises[active]] = self.activity[active]
        return out

    def street_rates(self, states: np.ndarray) -> np.ndarray:
        return _rate(self.street, len(self.streets), states)

    def block_rates(self, states: np.ndarray) -> np.ndarray:
        return _rate(self.block, len(self.blocks), states)


@dataclass(eq=False)
class ShopsLayer(TemporalLayer):
    premises_field: str = "local"     # the premises' id (a row per premises without it)
    street_field: str = "rue"
    block_field: str = "ilot"         # optional: else from ``blocks`` polygons
    activity_field: str = "activite"
    status_field: str = "statut"
    start_field: str = "debut"
    end_field: str = "fin"
    buildings: str = ""               # footprints: a premises' ground floor is its building's
    blocks: str = ""                  # polygons (îlots, sections) giving each premises' block
    blocks_key: str = "id"            # their column naming the block
    color_by: str = "status"          # status (open green) | activity (a colour per activity)
    street_labels: bool = True        # each street's vacancy rate written above it
    floor_height: float = 4.0         # metres: the ground floor drawn
    timezone: str = "Europe/Paris"    # of dates written without an offset (days, in exports)
    history: str = "P1461D"           # four years of monthly vacancy rates in the pick chart
    kind: ClassVar[str] = "shops"

    def __post_init__(self):
        super().__post_init__()
        if self.color_by not in ("status", "activity"):
            raise ValueError(f"color_by is status or activity, not {self.color_by!r}")
        if not 0.5 <= float(self.floor_height) <= 20:
            raise ValueError(f"floor_height must be between 0.5 and 20 m, got {self.floor_height}")

    # -- reading -------------------------------------------------------------------------------
    def _columns(self, frame) -> dict[str, str | None]:
        """The table's column for each field (case-insensitive); the required ones must be there."""
        columns = {str(c).lower(): c for c in frame.columns}
        found = {field: columns.get(name.lower()) if name else None
                 for field, name in ((f, getattr(self, f)) for f in _FIELDS)}
        missing = [f for f in ("street_field", "status_field", "start_field") if found[f] is None]
        if missing:
            names = " nor ".join(f"'{getattr(self, f)}'" for f in missing)
            have = ", ".join(str(c) for c in frame.columns if c != frame.geometry.name)
            raise DataError(message("has no {} column").format(names), path=self.source,
                            hint=message("its columns are: {}; set {} on the layer").format(
                                     have, ', '.join(missing)))
        return found

    def _dates(self, frame, column: str | None):
        """UTC dates of a column, and where a date was written (NaT elsewhere)."""
        if column is None:
            return pd.Series(pd.NaT, index=frame.index, dtype="datetime64[us, UTC]"), np.zeros(len(frame), bool)
        times = utc_times(frame[column], self.timezone or None, self.source, 'timezone = "Europe/Paris" on the layer')
        return times, frame[column].astype("string").str.strip().fillna("").ne("").to_numpy()

    def _check(self, table, start, end, written_end) -> None:
        """Refuse the whole table at the first kind of bad row, naming the rows."""
        geometry = table.frame.geometry
        missing = int(getattr(table, "skipped_null", 0)) + int((geometry.isna() | geometry.is_empty).sum())
        if missing:
            raise DataError(message("has {} rows without usable coordinates").format(missing), path=self.source,
                            hint=message("every premises needs its place: lon/lat (or x/y) on each row"))
        limit = pd.Timestamp.now(tz="UTC") + FUTURE
        checks = ((start.isna().to_numpy(), message("{} rows have no readable '{}' date (rows {})"), self.start_field),
                  (written_end & end.isna().to_numpy(), message("{} rows have a '{}' date it cannot read (rows {})"),
                   self.end_field),
                  ((start > limit).to_numpy() | (end > limit).to_numpy(), message("{0} rows are dated in the future (rows {2})"),
                   ""),
                  ((end < start).to_numpy(), message("{} rows end ('{}') before they start (rows {})"), self.end_field))
        for bad, template, field in checks:
            if bad.any():
                raise DataError(template.format(int(bad.sum()), field, _rows(bad)), path=self.source,
                                hint=message("write dates like 2024-03-01; a period still under way has no "
                                             "end"))

    def build(self, table, scene, ground, feedback) -> ShopsData:
        frame = table.frame
        if not len(frame):
            raise DataError(message("has no premises (the table is empty)"), path=self.source)
        col = self._columns(frame)
        status = normalise_status(frame[col["status_field"]], self.source)
        start, _ = self._dates(frame, col["start_field"])
        end, written_end = self._dates(frame, col["end_field"])
        self._check(table, start, end, written_end)
        ids = frame[col["premises_field"]].astype(str).to_numpy() if col["premises_field"] \
            else np.arange(len(frame)).astype(str)
        first, premises = np.unique(ids, return_index=True, return_inverse=True)[1:]
        premises = premises.ravel()
        start64 = start.dt.tz_localize(None).to_numpy().astype("datetime64[us]")
        end64 = end.dt.tz_localize(None).to_numpy().astype("datetime64[us]")
        order = np.lexsort((start64, premises))             # each premises' periods in time order
        same = premises[order][1:] == premises[order][:-1]
        prev_end = end64[order][:-1]
        overlap = same & (np.isnat(prev_end) | (prev_end > start64[order][1:]))
        if overlap.any():
            bad = np.zeros(len(frame), bool)
            bad[order[1:][overlap]] = True
            raise DataError(message("has premises whose periods overlap (rows {})").format(_rows(bad)), path=self.source,
                            hint=message("a premises is open or vacant one period at a time: end each "
                                         "period before the next one starts"))
        activities, activity = _activities(frame, col["activity_field"])

        rows = frame.iloc[first].reset_index(drop=True)       # one row per premises, its first
        street_names, street = np.unique(rows[col["street_field"]].astype("string").str.strip()
                                         .fillna("?").to_numpy(str), return_inverse=True)
        street = street.ravel()
        block_names, block = self._blocks(rows, col["block_field"], scene, feedback)
        pts = rows.geometry.representative_point()
        x, y = pts.x.to_numpy(), pts.y.to_numpy()
        floors, floor_base = self._floors(rows, x, y, scene, ground, feedback)

        # what picking shows: the premises' latest period (its state over time is the chart's)
        out = rows[[c for c in (col["premises_field"], col["street_field"]) if c]].copy()
        out["ilot"] = np.where(block >= 0, block_names[np.maximum(block, 0)], "")
        latest = order[np.r_[~same, True]]                    # each premises' last period, in time order
        named = order[activity[order] >= 0]
        last_named = np.full(len(rows), -1)
        last_named[premises[named]] = activity[named]         # later periods overwrite earlier ones
        out["activite"] = np.append(activities, "")[last_named]   # −1: the "" appended
        out["statut"] = np.array(["open", "vacant"])[status[latest]]
        day = lambda t: t.iloc[latest].dt.tz_convert("Europe/Paris").dt.strftime("%Y-%m-%d").fillna("")  # noqa: E731
        out["depuis"], out["jusqu_au"] = day(start).to_numpy(), day(end).to_numpy()
        out["periodes"] = np.bincount(premises, minlength=len(rows))
        import geopandas as gpd
        table.frame = gpd.GeoDataFrame(out, geometry=rows.geometry.values, crs=frame.crs)

        n = len(street_names)
        counts = np.bincount(street, minlength=n)
        anchors = np.column_stack([np.bincount(street, x, n) / counts, np.bincount(street, y, n) / counts, np.zeros(n)])
        anchors[:, 2] = ground.sample(anchors[:, 0], anchors[:, 1]) + self.floor_height + 10
        lo = np.array([x.min(), y.min(), floor_base.min()])
        hi = np.array([x.max(), y.max(), floor_base.max() + self.floor_height])
        return ShopsData(table, floors, premises, status, start64, end64, activity, activities, street, street_names,
                         block, block_names, (anchors - np.asarray(scene.origin)).astype(np.float32),
                         (*map(float, lo), *map(float, hi)))

    def _blocks(self, rows, column, scene, feedback) -> tuple[np.ndarray, np.ndarray]:
        if column is not None:
            text = rows[column].astype("string").str.strip().fillna("").to_numpy(str)
            names, code = np.unique(text, return_inverse=True)
            code = code.ravel()
            if names[0] == "":
                return names[1:], code - 1
            return names, code
        if not self.blocks:
            return np.array([], str), np.full(len(rows), -1)
        import shapely

        from twin.api import DataLayer, read_layer
        path = scene_path(scene, self.blocks)
        polys = read_layer(DataLayer(f"{self.name} blocks", source=path), scene, feedback).frame
        if self.blocks_key.lower() not in {str(c).lower() for c in polys.columns}:
            raise DataError(message("has no '{}' column naming each block").format(self.blocks_key), path=path,
                            hint=message("its columns are: {}; set blocks_key on the layer").format(
                                     ', '.join(map(str, polys.columns.drop(polys.geometry.name)))))
        key = next(c for c in polys.columns if str(c).lower() == self.blocks_key.lower())
        point, poly = shapely.STRtree(polys.geometry.values).query(rows.geometry.values, predicate="within")
        hit = np.full(len(rows), -1)
        hit[point[::-1]] = poly[::-1]                          # the first polygon holding each point
        inside = hit >= 0
        if not inside.all():
            feedback.warn(message("{}: {} premises in no block of {}").format(
                self.source.name, int((~inside).sum()), path.name))
        names, found = np.unique(polys[key].astype(str).to_numpy()[hit[inside]], return_inverse=True)
        code = np.full(len(rows), -1)
        code[inside] = found.ravel()
        return names, code

    def _floors(self, rows, x, y, scene, ground, feedback):
        """Ground floors: the footprint of the building holding a premises (a little wider,
        so it shows on the walls of the buildings layer), or a small box at its point where
        no building holds it or several premises share one."""
        import shapely

        from twin.geometry.extrude import extrude, footprint_polygons, ground_under
        shapes = shapely.box(x - POINT_BOX, y - POINT_BOX, x + POINT_BOX, y + POINT_BOX)
        if self.buildings:
            from twin.api import DataLayer, read_layer
            path = scene_path(scene, self.buildings)
            footprints = read_layer(DataLayer(f"{self.name} buildings", source=path), scene, feedback).frame
            point, building = shapely.STRtree(footprints.geometry.values).query(rows.geometry.values,
                                                                                  predicate="within")
            point, keep = np.unique(point, return_index=True)
            building = building[keep]
            alone = np.bincount(building, minlength=len(footprints))[building] == 1
            shapes[point[alone]] = shapely.buffer(footprints.geometry.values[building[alone]], 0.3,
                                                  join_style="mitre")
        polys, feature = footprint_polygons(shapes)
        base = ground_under(polys, feature, len(rows), ground.sample)
        base = np.where(np.isfinite(base), base, ground.fallback)
        return extrude(polys, feature, base - 0.2, base + self.floor_height, scene.origin), base

    # -- at an instant -------------------------------------------------------------------------
    def states(self, current: datetime | None) -> np.ndarray:
        """(N,) each premises' state at the instant shown (None: now)."""
        when = self.instant(current) if current is not None else datetime.now(timezone.utc)
        return self.data.states_at(np.array([utc64(when)]))[0]

    def colors(self, current: datetime | None) -> tuple[np.ndarray, np.ndarray]:
        """(N, 3) colour and (N,) state of each premises at the instant shown."""
        states = self.states(current)
        rgb = np.tile(OPEN_RGB, (len(states), 1))
        if self.color_by == "activity":
            when = self.instant(current) if current is not None else datetime.now(timezone.utc)
            code = self.data.activity_at(when)
            known = (code >= 0) & (code < len(PALETTE))
            rgb = np.where(known[:, None], PALETTE[np.clip(code, 0, len(PALETTE) - 1)], OTHER_RGB)
        rgb[states == VACANT] = VACANT_RGB
        return rgb.astype(np.uint8), states

    def time_extent(self):
        if self.data is None:
            return None
        ends = self.data.end[~np.isnat(self.data.end)]
        last = max(self.data.start.max(), ends.max()) if len(ends) else self.data.start.max()
        as_dt = lambda t: t.item().replace(tzinfo=timezone.utc)  # noqa: E731
        return as_dt(self.data.start.min()), as_dt(last)

    def legend(self, public: bool) -> Legend | None:
        if self.color_by == "activity" and self.data is not None:
            shown = [(tuple(PALETTE[i]), str(a))
                     for i, a in enumerate(self.data.activities[:len(PALETTE)])]
            if len(self.data.activities) > len(PALETTE):
                shown.append((tuple(OTHER_RGB), tr("other activities")))
            elif ((self.data.activity < 0) & (self.data.status == OPEN)).any():
                shown.append((tuple(OTHER_RGB), tr("activity not given")))
        else:
            shown = [(tuple(OPEN_RGB), tr("open"))]
        return Legend(self.name, [*shown, (tuple(VACANT_RGB), tr("vacant"))],
                      note=tr("labels: each street's vacancy rate at the instant shown"))

    def history_of(self, row: int, current, public: bool) -> History | None:
        """The monthly vacancy rate of the premises' street, and of its block, up to the
        instant shown."""
        data = self.data
        if data is None or not 0 <= row < len(data.street):
            return None
        start, end = self.history_span(current)
        months = pd.date_range(pd.Timestamp(start).tz_convert("UTC").tz_localize(None).ceil("D"),
                               pd.Timestamp(end).tz_convert("UTC").tz_localize(None), freq="MS")
        times = np.r_[months.to_numpy().astype("datetime64[us]"), utc64(end)]
        states = data.states_at(times)
        street = int(data.street[row])
        traces = [Trace(str(data.streets[street]), times, 100 * data.street_rates(states)[:, street], "step",
                        tuple(VACANT_RGB))]
        block = int(data.block[row])
        if block >= 0:
            traces.append(Trace(f"îlot {data.blocks[block]}", times, 100 * data.block_rates(states)[:, block],
                                "step", (0x54, 0x6e, 0x7a)))
        history = History(f"{data.streets[street]}: vacancy rate", "% vacant", traces, end, start, end)
        return None if all(np.isnan(t.values).all() for t in traces) else history
