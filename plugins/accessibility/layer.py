"""``kind = "accessibility"``: buildings (or points) with yes/no accessibility columns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import pandas as pd

from twin.api import DataError, DataLayer, Legend, tr
from twin.api import message

NEEDS = ("wheelchair", "hearing", "sight", "mental")
LABELS = {"wheelchair": "wheelchair access", "hearing": "hearing (loop, signs)",
          "sight": "sight (guidance, braille)", "mental": "mental (plain language, welcome)"}
COLORS = np.array([[0x00, 0x5e, 0xb8], [0x2e, 0x7d, 0x32], [0xef, 0x6c, 0x00], [0x7b, 0x1f, 0xa2]], np.uint8)
YES = ("oui", "yes", "y", "o", "true", "vrai", "1", "x", "accessible")


def truthy(values: pd.Series) -> np.ndarray:
    return values.astype("string").str.strip().str.lower().isin(YES).fillna(False).to_numpy(bool)


@dataclass
class AccessibilityData:
    table: object
    anchors: np.ndarray           # (N, 3) float32 above each building, origin-relative
    flags: np.ndarray             # (N, 4) bool: wheelchair, hearing, sight, mental
    bounds: tuple


@dataclass(eq=False)
class AccessibilityLayer(DataLayer):
    wheelchair_field: str = "fauteuil"
    hearing_field: str = "auditif"
    sight_field: str = "visuel"
    mental_field: str = "mental"
    height_field: str = "hauteur"    # the building's height, to float the pictograms above it
    require: str = ""                # needs a building must meet to be shown: "wheelchair, sight"
    lift: float = 6.0                # metres above the roof
    kind: ClassVar[str] = "accessibility"

    def __post_init__(self):
        super().__post_init__()
        unknown = self.required() - set(NEEDS)
        if unknown:
            raise ValueError(f"require may name {', '.join(NEEDS)}; not {', '.join(sorted(unknown))}")

    def required(self) -> set[str]:
        return {p.strip().lower() for p in self.require.split(",") if p.strip()}

    def build(self, table, scene, ground, feedback) -> AccessibilityData:
        frame = table.frame
        columns = {c.lower(): c for c in frame.columns}
        fields = [getattr(self, f"{need}_field") for need in NEEDS]
        found = [columns.get(f.lower()) for f in fields]
        if not any(found):
            raise DataError(message("has none of the accessibility columns {}").format(', '.join(fields)), path=self.source,
                            hint=message("columns are: {}; set wheelchair_field, hearing_field, "
                                         "sight_field, mental_field on the layer").format(
                                     ', '.join(map(str, frame.columns.drop('geometry')))))
        flags = np.column_stack([truthy(frame[c]) if c else np.zeros(len(frame), bool) for c in found])
        pts = frame.geometry.representative_point()
        x, y = pts.x.to_numpy(), pts.y.to_numpy()
        height_col = columns.get(self.height_field.lower())
        height = pd.to_numeric(frame[height_col], errors="coerce").fillna(0).to_numpy(float) if height_col \
            else np.zeros(len(frame))
        xyz = np.column_stack([x, y, ground.sample(x, y) + height + self.lift])
        lo, hi = xyz.min(axis=0), xyz.max(axis=0)
        return AccessibilityData(table, (xyz - np.asarray(scene.origin)).astype(np.float32), flags,
                                 (*map(float, lo), *map(float, hi)))

    def shown(self) -> np.ndarray:
        """Buildings meeting every required need (all of them without a filter)."""
        need = [NEEDS.index(n) for n in self.required()]
        return self.data.flags[:, need].all(axis=1) if need else np.ones(len(self.data.flags), bool)

    def legend(self, public: bool) -> Legend:
        suits = ", ".join(tr(n) for n in sorted(self.required()))
        title = f"{self.name}" + (" — " + tr("suits: {}").format(suits) if self.require else "")
        return Legend(title, [(tuple(COLORS[i]), tr(LABELS[n])) for i, n in enumerate(NEEDS)])
