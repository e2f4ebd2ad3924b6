"""Camera and bookmarks, in scene coordinates (not relative to the local origin)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import ClassVar

import numpy as np
from psygnal import SignalGroupDescriptor

Vec3 = tuple[float, float, float]


def _vec3(value, name: str) -> Vec3:
    arr = np.asarray(value, dtype=float)
    if arr.shape != (3,) or not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be three finite numbers, got {value!r}")
    return tuple(float(v) for v in arr)


@dataclass(frozen=True)
class View:
    """One camera pose: where the eye is, what it looks at, which way is up."""

    position: Vec3
    focal_point: Vec3
    view_up: Vec3 = (0.0, 0.0, 1.0)
    view_angle: float = 30.0

    def __post_init__(self):
        object.__setattr__(self, "position", _vec3(self.position, "position"))
        object.__setattr__(self, "focal_point", _vec3(self.focal_point, "focal_point"))
        object.__setattr__(self, "view_up", _vec3(self.view_up, "view_up"))
        if not 1.0 <= float(self.view_angle) <= 120.0:
            raise ValueError(f"view_angle must be between 1 and 120 degrees, got {self.view_angle}")
        if np.allclose(self.position, self.focal_point):
            raise ValueError("position and focal_point must differ")

    @classmethod
    def looking_at(cls, bounds, azimuth: float = 200.0, elevation: float = 35.0,
                   view_angle: float = 30.0) -> "View":
        """An oblique view framing ``bounds`` (xmin, ymin, zmin, xmax, ymax, zmax) from the
        given compass azimuth (degrees, 0 = from the north) and elevation."""
        lo = np.asarray(bounds[:3], dtype=float)
        hi = np.asarray(bounds[3:], dtype=float)
        centre = (lo + hi) / 2
        radius = max(float(np.linalg.norm(hi - lo)) / 2, 1.0)
        distance = radius / np.tan(np.radians(view_angle) / 2) * 0.7
        az, el = np.radians(azimuth), np.radians(elevation)
        direction = np.array([np.sin(az) * np.cos(el), np.cos(az) * np.cos(el), np.sin(el)])
        return cls(tuple(centre + direction * distance), tuple(centre), (0.0, 0.0, 1.0), view_angle)


@dataclass(eq=False)
class Camera:
    """The scene's current view; ``view`` is None until a view is set or framed."""

    view: View | None = None
    events: ClassVar[SignalGroupDescriptor] = SignalGroupDescriptor()


@dataclass(frozen=True)
class Bookmark:
    """A named view; it may also recall what was shown: visible layers (names), the
    scene's instant (UTC) and a project variant (project, variant). None leaves them be."""

    name: str
    view: View
    description: str = ""
    extra: dict = field(default_factory=dict, compare=False)
    layers: tuple[str, ...] | None = None
    time: datetime | None = None
    variant: tuple[str, str] | None = None

    def __post_init__(self):
        if self.layers is not None:
            object.__setattr__(self, "layers", tuple(self.layers))
        if self.time is not None:
            if self.time.tzinfo is None:
                raise ValueError("a bookmark's time must be timezone-aware (UTC)")
            object.__setattr__(self, "time", self.time.astimezone(timezone.utc))
        if self.variant is not None:
            if len(self.variant) not in (0, 2):
                raise ValueError(f"a bookmark's variant is (project, variant), or () for the town as it "
                                 f"is, got {self.variant!r}")
            object.__setattr__(self, "variant", tuple(self.variant))
