"""``kind = "footfall"``: zones from a vector file, counts from a table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from plugins.footfall.counts import CountMatrix, read_counts
from twin.api import DataError, DataLayer, match_ids, scene_path


@dataclass
class FootfallData:
    table: object
    zones: np.ndarray             # (N,) zone ids of the positions file
    points: np.ndarray            # (N, 3) float32, ground under each zone, origin-relative
    column: np.ndarray            # (N,) index into matrix.zones, -1 when the table lacks it
    matrix: CountMatrix
    bounds: tuple

    def at(self, when, minimum: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
        """Counts in the slot holding ``when`` and the change (ratio − 1) against the same
        slot a week before; NaN where unknown, and where a count is under ``minimum`` (the
        public-mode rule: small counts could single people out)."""
        n = len(self.zones)
        counts, change = np.full(n, np.nan), np.full(n, np.nan)
        i = self.matrix.index_at(np.datetime64(when.replace(tzinfo=None), "us"))
        if i is None:
            return counts, change
        ok = self.column >= 0
        counts[ok] = self.matrix.counts[i, self.column[ok]]
        j = self.matrix.week_before(i)
        if j is not None:
            before = np.full(n, np.nan)
            before[ok] = self.matrix.counts[j, self.column[ok]]
            with np.errstate(divide="ignore", invalid="ignore"):
                change = np.where(before > 0, counts / before - 1.0, np.nan)
        hidden = counts < minimum
        counts[hidden], change[hidden] = np.nan, np.nan
        return counts, change


@dataclass(eq=False)
class FootfallLayer(DataLayer):
    counts: str = ""              # the table (relative to the scene file)
    zone_field: str = "zone"
    timezone: str = ""            # of slot times written without an offset
    max_height: float = 60.0      # metres of the busiest slot of the whole table
    width: float = 8.0            # of a column, metres
    public_minimum: float = 10.0  # in a public scene, counts under this are not shown
    kind: ClassVar[str] = "footfall"

    def build(self, table, scene, ground, feedback) -> FootfallData:
        frame = table.frame
        if self.zone_field not in frame.columns:
            raise DataError(f"has no '{self.zone_field}' column naming each zone", path=self.source,
                            hint="set zone_field on the layer")
        if not self.counts:
            raise DataError("names no counts table", path=self.source, hint='set counts = "…csv" on the layer')
        path = scene_path(scene, self.counts)
        matrix = read_counts(path, self.timezone or None)
        zones = frame[self.zone_field].astype(str).to_numpy()
        column = match_ids(zones, matrix.zones, what="zones", source=self.source, table=path)
        pts = frame.geometry.representative_point()
        x, y = pts.x.to_numpy(), pts.y.to_numpy()
        xyz = np.column_stack([x, y, ground.sample(x, y)])
        lo, hi = xyz.min(axis=0), xyz.max(axis=0) + (0, 0, self.max_height)
        return FootfallData(table, zones, (xyz - np.asarray(scene.origin)).astype(np.float32), column,
                            matrix, (*map(float, lo), *map(float, hi)))
