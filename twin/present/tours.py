"""Guided tours: ordered stops (a view, what is shown, a caption) joined by eased flights.

A tour is a pure function of time (:meth:`Tour.state_at`): live playback in the council
presentation or the kiosk and the frames of an exported video read the same states, so
what is rehearsed on screen is what the video shows.

Flights ease in and out (smoothstep) and travel on an arc: the eye turns around the moving
focal point, zooms geometrically, and rises by a bump whose apex grows with the distance
covered, so a long hop climbs over the town instead of skimming roofs. Given the terrain
(``ground(x, y) -> z``), the bump is raised until the eye keeps a clearance above it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from psygnal import Signal

from twin.analysis.sunlight import SunLight
from twin.core.camera import View
from twin.core.timeline import as_utc
from twin.projects.model import Projects

Ground = Callable[[Any, Any], Any]

LIFT = 0.25           # apex of a flight's arc, as a fraction of the distance covered
CLEARANCE = 10.0      # metres kept between the eye and the ground during a flight
_SAMPLES = 65         # points of a flight checked against the ground
_LANGUAGE = re.compile(r"^[a-z]{2}$")


def _languages(value, what: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError(f"{what} must map language codes to text, e.g. {{'fr': …, 'en': …}}")
    for lang, text in value.items():
        if not isinstance(lang, str) or not _LANGUAGE.match(lang):
            raise ValueError(f"{what}: language codes are two lower-case letters (fr, en…), got {lang!r}")
        if not isinstance(text, str):
            raise ValueError(f"{what} in {lang!r} must be text, got {type(text).__name__}")
    return dict(value)


def _seconds(value, what: str) -> float:
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be a number of seconds, got {value!r}") from None
    if not math.isfinite(value) or value < 0 or value > 3600:
        raise ValueError(f"{what} must be between 0 and 3600 seconds, got {value}")
    return value


@dataclass(frozen=True)
class Stop:
    """One stop: shown for ``hold`` seconds after a ``flight`` of that many seconds into it
    (the first stop's flight is only used by a looping tour, to fly back to it)."""

    view: View
    hold: float = 5.0
    flight: float = 3.0
    caption: dict[str, str] = field(default_factory=dict, hash=False)
    layers: tuple[str, ...] | None = None        # visible layers here; None leaves them as they are
    time: datetime | None = None                 # the scene's instant here (UTC)
    variant: tuple[str, str] | None = None       # (project, variant) shown here; () the town as it is
    sun: datetime | None = None                  # lit by the real sun (of ``time`` when both are given)
    bookmark: str | None = None                  # the bookmark whose view this is, kept in the file

    def __post_init__(self):
        if not isinstance(self.view, View):
            raise ValueError(f"a stop's view must be a twin.core.camera.View, got {type(self.view).__name__}")
        object.__setattr__(self, "hold", _seconds(self.hold, "hold"))
        object.__setattr__(self, "flight", _seconds(self.flight, "flight"))
        object.__setattr__(self, "caption", _languages(self.caption, "caption"))
        if self.layers is not None:
            if isinstance(self.layers, str) or not all(isinstance(n, str) for n in self.layers):
                raise ValueError(f"layers must be a list of layer names, got {self.layers!r}")
            object.__setattr__(self, "layers", tuple(self.layers))
        for name in ("time", "sun"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, as_utc(value))
        if self.variant is not None:
            if (isinstance(self.variant, str) or len(self.variant) not in (0, 2)
                    or not all(isinstance(v, str) and v for v in self.variant)):
                raise ValueError(f"variant must be [project, variant] (or [] for the town as it is), "
                                 f"got {self.variant!r}")
            object.__setattr__(self, "variant", tuple(self.variant))


@dataclass(frozen=True)
class TourState:
    view: View
    stop: int                  # the stop shown, or flown to while in flight
    in_flight: bool
    caption: dict[str, str]
    layers: tuple[str, ...] | None
    time: datetime | None
    variant: tuple[str, str] | None
    sun: datetime | None = None
    progress: float = 1.0      # eased fraction of the flight done (1 while holding)


def smoothstep(s):
    s = np.clip(s, 0.0, 1.0)
    return s * s * (3 - 2 * s)


def _spherical(view: View):
    """(focal, distance, azimuth, elevation) of a view, angles in radians."""
    focal = np.asarray(view.focal_point)
    offset = np.asarray(view.position) - focal
    distance = float(np.linalg.norm(offset))
    azimuth = math.atan2(offset[1], offset[0])
    elevation = math.asin(max(-1.0, min(1.0, offset[2] / distance)))
    return focal, distance, azimuth, elevation


def _path(a: View, b: View, s: np.ndarray, lift: float):
    """Eye, focal point, view-up and view angle at eased fractions ``s`` (arrays, n × 3)."""
    fa, da, aza, ela = _spherical(a)
    fb, db, azb, elb = _spherical(b)
    turn = (azb - aza + math.pi) % (2 * math.pi) - math.pi     # the short way round
    s = np.asarray(s, dtype=float)[:, None]
    focal = fa + (fb - fa) * s
    distance = da * (db / da) ** s                             # constant zoom speed
    az = aza + turn * s
    el = ela + (elb - ela) * s
    eye = focal + distance * np.hstack([np.cos(el) * np.cos(az), np.cos(el) * np.sin(az), np.sin(el)])
    eye[:, 2] += lift * 4 * s[:, 0] * (1 - s[:, 0])
    up = np.asarray(a.view_up) + (np.asarray(b.view_up) - np.asarray(a.view_up)) * s
    norms = np.linalg.norm(up, axis=1, keepdims=True)
    up = np.where(norms > 1e-9, up / np.maximum(norms, 1e-9), (0.0, 0.0, 1.0))
    angle = a.view_angle + (b.view_angle - a.view_angle) * s[:, 0]
    return eye, focal, up, angle


def flight_lift(a: View, b: View, ground: Ground | None = None, clearance: float = CLEARANCE) -> float:
    """Height of the arc's apex between two views: grows with the distance covered, raised
    further where the terrain would come within ``clearance`` of the eye."""
    travel = max(np.linalg.norm(np.subtract(b.position, a.position)),
                 np.linalg.norm(np.subtract(b.focal_point, a.focal_point)))
    lift = LIFT * float(travel)
    if ground is None:
        return lift
    s = smoothstep(np.linspace(0.0, 1.0, _SAMPLES))[1:-1]
    eye, *_ = _path(a, b, s, lift)
    floor = np.broadcast_to(np.asarray(ground(eye[:, 0], eye[:, 1]), dtype=float), s.shape) + clearance
    bump = 4 * s * (1 - s)
    short = np.nan_to_num(floor - eye[:, 2], nan=0.0)
    return lift + max(0.0, float(np.max(short / bump)))


def interpolate(a: View, b: View, fraction: float, ground: Ground | None = None,
                lift: float | None = None) -> View:
    """The view at ``fraction`` (0..1, eased here) of the flight from ``a`` to ``b``."""
    lift = flight_lift(a, b, ground) if lift is None else lift
    eye, focal, up, angle = _path(a, b, np.array([float(smoothstep(fraction))]), lift)
    return View(tuple(eye[0]), tuple(focal[0]), tuple(up[0]), float(angle[0]))


@dataclass(frozen=True)
class Tour:
    name: str
    stops: tuple[Stop, ...]
    loop: bool = False
    title: dict[str, str] = field(default_factory=dict, hash=False)

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError("a tour needs a name")
        stops = tuple(self.stops)
        if not stops:
            raise ValueError(f"tour {self.name!r} has no stops; add at least one")
        if not all(isinstance(stop, Stop) for stop in stops):
            raise ValueError(f"tour {self.name!r}: each stop must be a twin.present.tours.Stop")
        object.__setattr__(self, "stops", stops)
        object.__setattr__(self, "title", _languages(self.title, "title"))
        if self.duration <= 0:
            raise ValueError(f"tour {self.name!r} lasts 0 seconds; give its stops a hold time")

    @property
    def duration(self) -> float:
        """Seconds from the first stop to the end of the last one (and, looping, the flight
        back to the first)."""
        return self._segments()[-1][1]

    def stop_times(self) -> list[tuple[float, float]]:
        """(arrival, departure) of each stop, in tour seconds."""
        return [(start, end) for start, end, kind, _a, _b in self._segments() if kind == "hold"]

    def _segments(self) -> list[tuple[float, float, str, int, int]]:
        """(start, end, "hold" | "flight", from, to) in order."""
        out, t = [], 0.0
        order = list(range(len(self.stops))) + ([0] if self.loop and len(self.stops) > 1 else [])
        for n, i in enumerate(order):
            stop = self.stops[i]
            if n > 0:
                out.append((t, t + stop.flight, "flight", order[n - 1], i))
                t += stop.flight
            if n < len(self.stops):
                out.append((t, t + stop.hold, "hold", i, i))
                t += stop.hold
        return out

    def state_at(self, t: float, ground: Ground | None = None) -> TourState:
        """What the tour shows ``t`` seconds in (wrapped when looping, else held at the end).
        Layers, time and variant switch to the next stop's as its flight begins."""
        segments = self._segments()
        total = segments[-1][1]
        t = float(t) % total if self.loop else min(max(float(t), 0.0), total)
        start, end, kind, a, b = next((seg for seg in segments if seg[0] <= t < seg[1]), segments[-1])
        stop = self.stops[b]
        if kind == "flight" and end > start:
            raw = (t - start) / (end - start)
            fraction = float(smoothstep(raw))
            view = interpolate(self.stops[a].view, stop.view, raw, ground) if raw < 1.0 else stop.view
        else:
            fraction, view = 1.0, stop.view
        return TourState(view=view, stop=b, in_flight=kind == "flight" and fraction < 1.0,
                         caption=dict(stop.caption), layers=stop.layers, time=stop.time,
                         variant=stop.variant, sun=stop.sun, progress=fraction)

    def caption(self, index: int, language: str = "fr") -> str:
        """A stop's caption in ``language``, else French, else any."""
        caption = self.stops[index].caption
        return caption.get(language) or caption.get("fr") or next(iter(caption.values()), "")


class Tours(Mapping):
    """A scene's tours by name, in their order (the scene file's ``[[tours]]``): read like a
    dict, changed only through the methods, each followed by ``changed`` (the tours panel
    and the kiosk redraw on it)."""

    changed = Signal()

    def __init__(self):
        self._tours: dict[str, Tour] = {}

    @classmethod
    def of(cls, scene) -> "Tours":
        """The scene's tours (none yet when its file has no ``[[tours]]``)."""
        return scene.component("tours", lambda _scene: cls())

    def __getitem__(self, name: str) -> Tour:
        try:
            return self._tours[name]
        except KeyError:
            known = ", ".join(self._tours) or "none"
            raise KeyError(f"no tour named {name!r} (this scene has: {known})") from None

    def __contains__(self, name) -> bool:
        return name in self._tours

    def __iter__(self) -> Iterator[str]:
        return iter(self._tours)

    def __len__(self) -> int:
        return len(self._tours)

    def add(self, tour: Tour) -> None:
        """Add ``tour`` at the end (or put it in place of the tour of the same name)."""
        self._tours[tour.name] = tour
        self.changed.emit()

    def remove(self, name: str) -> None:
        self[name]
        del self._tours[name]
        self.changed.emit()

    def replace(self, name: str, tour: Tour) -> None:
        """Put ``tour`` where the tour ``name`` was (an edit or a rename keeps the order)."""
        self[name]
        if tour.name != name and tour.name in self._tours:
            raise ValueError(f"there is already a tour named {tour.name!r}")
        self._tours = {(tour.name if key == name else key): (tour if key == name else value)
                       for key, value in self._tours.items()}
        self.changed.emit()


def visible_layer_names(scene) -> tuple[str, ...]:
    """Names of the layers shown now (leaves), as a stop or bookmark records them."""
    return tuple(layer.name for layer in scene.layers.leaves() if layer.effectively_visible)


def apply_state(scene, state: TourState, camera: bool = True) -> None:
    """Put the scene in a tour state (only what differs changes, so playing at 25 fps sends
    no events while a stop is held). The VTK side also moves its camera: see
    ``twin._vtk.tour_playback.show_state``."""
    if camera:
        scene.camera.view = state.view
    if state.layers is not None:
        show_layers(scene, state.layers)
    instant = state.time or state.sun      # the sun lights the timeline's instant
    if instant is not None and instant != scene.timeline.current:
        scene.timeline.set_current(instant)
    sun = SunLight.of(scene)
    if state.sun is not None and not sun.enabled:
        sun.enabled = True
    projects = Projects.of(scene)
    variant = state.variant or None if state.variant is not None else projects.active
    if variant != projects.active:
        try:
            projects.active = variant
        except KeyError:      # a variant removed since the stop was recorded: keep the one shown
            pass


def show_layers(scene, names) -> None:
    """Show exactly the named leaves (and the groups holding them); hide the other leaves."""
    wanted = set(names)
    for layer in scene.layers.leaves():
        visible = layer.name in wanted
        if layer.visible != visible:
            layer.visible = visible
        if visible:
            for group in layer.ancestors():
                if group is not scene.layers and not group.visible:
                    group.visible = True


def terrain_ground(scene) -> Ground | None:
    """``ground(x, y) -> z`` from the scene's loaded DTMs (None before any is loaded)."""
    from twin.geometry.ground import Ground as Sampler
    from twin.core.layers import TerrainLayer
    grids = [layer.data.grid for layer in scene.data_layers()
             if isinstance(layer, TerrainLayer) and getattr(layer.data, "grid", None) is not None]
    return Sampler(grids).sample if grids else None


class TourPlayer:
    """Live playback: a tour clock that plays on its own (``playing``) or moves stop by stop,
    as a presenter's clicker does. Stepping to the next stop flies the tour's own flight;
    any other jump (back, first) flies straight there, eased, for that stop's flight time."""

    def __init__(self, tour: Tour, ground: Ground | None = None):
        self.tour = tour
        self.ground = ground
        self.t = 0.0
        self.playing = False
        self._halt = 0.0               # when not playing, the clock stops here (an arrival)
        self._detour: tuple[View, int, float, float] | None = None   # from, to, elapsed, length

    @property
    def stop(self) -> int:
        return self._detour[1] if self._detour else self.tour.state_at(self.t, self.ground).stop

    def state(self) -> TourState:
        if self._detour is None:
            return self.tour.state_at(self.t, self.ground)
        start, target, elapsed, length = self._detour
        stop = self.tour.stops[target]
        raw = min(elapsed / length, 1.0)
        view = interpolate(start, stop.view, raw, self.ground) if raw < 1.0 else stop.view
        return TourState(view=view, stop=target, in_flight=raw < 1.0, caption=dict(stop.caption),
                         layers=stop.layers, time=stop.time, variant=stop.variant, sun=stop.sun,
                         progress=float(smoothstep(raw)))

    def go_to(self, index: int) -> None:
        count = len(self.tour.stops)
        index = index % count if self.tour.loop else max(0, min(index, count - 1))
        arrivals = self.tour.stop_times()
        current = self.state()
        if self._detour is None and index == current.stop + 1 and not current.in_flight:
            self.t = arrivals[index][0] - self.tour.stops[index].flight     # the tour's own flight
        elif index != current.stop or current.in_flight:
            length = max(self.tour.stops[index].flight, 1.0)
            self._detour = (current.view, index, 0.0, length)
            self.t = arrivals[index][0]
        self._halt = arrivals[index][0]

    def next(self) -> None:
        self.go_to(self.stop + 1)

    def previous(self) -> None:
        self.go_to(self.stop - 1)

    def first(self) -> None:
        self.go_to(0)

    def set_playing(self, playing: bool) -> None:
        self.playing = playing
        if playing and not self.tour.loop and self.t >= self.tour.duration:
            self.first()

    def tick(self, elapsed: float) -> TourState:
        """Advance by ``elapsed`` real seconds; the state to show now."""
        if self._detour is not None:
            start, target, done, length = self._detour
            done += elapsed
            self._detour = None if done >= length else (start, target, done, length)
            return self.state()
        if self.playing:
            self.t += elapsed
            if self.tour.loop:
                self.t %= self.tour.duration
            elif self.t >= self.tour.duration:
                self.t, self.playing = self.tour.duration, False
            self._halt = self.t
        elif self.t < self._halt:
            self.t = min(self.t + elapsed, self._halt)
        return self.state()


def state_of_bookmark(bookmark) -> TourState:
    """A bookmark as a state to apply: its view and what it recalls."""
    return TourState(view=bookmark.view, stop=0, in_flight=False,
                     caption={"fr": bookmark.description} if bookmark.description else {},
                     layers=bookmark.layers, time=bookmark.time, variant=bookmark.variant)
