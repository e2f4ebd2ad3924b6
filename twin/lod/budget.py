"""A point budget that follows the measured frame time.

Frame time on a software renderer grows about linearly with the points drawn (llvmpipe,
1280×720: 250 k ≈ 100 ms, 1 M ≈ 330 ms), while a real GPU draws millions in a few ms.
So the budget is not guessed per machine: it starts low, shrinks fast when frames are
slow and grows slowly when they are quick, within the layers' own budgets (a ceiling)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class AdaptiveBudget:
    target_ms: float = 80.0             # ≈ 12 frames/s: fluid enough to orbit
    minimum: int = 100_000
    maximum: int = 20_000_000
    points: int = 300_000               # a safe start on software rendering
    _history: list[float] = field(default_factory=list, repr=False)

    def record(self, frame_ms: float, drawn: int) -> bool:
        """Take one frame's time with ``drawn`` points on screen; True when the budget moved."""
        if frame_ms <= 0 or drawn <= 0:
            return False
        self._history = (self._history + [frame_ms])[-3:]
        ms = sorted(self._history)[len(self._history) // 2]   # one slow frame is not a trend
        before = self.points
        if ms > 1.25 * self.target_ms:          # too slow: scale down to the target now
            self.points = int(drawn * max(0.5, self.target_ms / ms))
        elif ms < 0.6 * self.target_ms and drawn >= 0.8 * self.points:   # quick and full
            self.points = int(self.points * min(1.5, self.target_ms / ms))
        self.points = int(min(max(self.points, self.minimum), self.maximum))
        if self.points != before:
            self._history.clear()
        return self.points != before


@dataclass
class MotionDetail:
    """How much of its full detail a moving frame draws (``level``, ``lowest``–1), from the
    measured moving frames: the drawing follows the machine, as the point budget does.

    A moving frame already draws less than a still one (twin._vtk.motion); on a slow
    machine, or where a view meets more walls and terrain than most, that is still too
    much, and a flight stutters. So the level drops as soon as three frames are slow and
    rises slowly when they are quick; what it scales (points, terrain vertices, walls,
    trees) comes back with the still frame."""

    target_ms: float = 60.0             # the render alone: the view's updates (up to 25 ms) and the swap take the rest of 100 ms
    lowest: float = 0.25
    level: float = 1.0
    _history: list[float] = field(default_factory=list, repr=False)

    def forget(self) -> None:
        """The frames measured so far no longer count (another motion begins)."""
        self._history.clear()

    def record(self, frame_ms: float) -> bool:
        """Take one moving frame's render time; True when the level moved."""
        if frame_ms <= 0:
            return False
        self._history = (self._history + [frame_ms])[-3:]
        if len(self._history) < 3:                              # one slow frame is not a trend
            return False
        ms = sorted(self._history)[1]
        before = self.level
        if ms > 1.15 * self.target_ms:
            self.level *= max(0.6, self.target_ms / ms)
        elif ms < 0.7 * self.target_ms:
            self.level *= 1.1
        self.level = min(max(self.level, self.lowest), 1.0)
        if self.level != before:
            self._history.clear()
        return self.level != before
