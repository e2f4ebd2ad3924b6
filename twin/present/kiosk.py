"""The tourist-office kiosk, without Qt: its settings, camera bounds, PIN and supervisor.

The scene file's ``[kiosk]`` table says what visitors may do (a few tours, layer toggles,
languages) and where the camera may go; the PIN that unlocks administration lives in the
kiosk machine's own config file (``$TWIN_CONFIG_DIR/kiosk.toml``, else
``~/.config/twin/kiosk.toml``), hashed with scrypt, so a scene shared by e-mail or git
never carries it and the machine never stores it in clear.

    [kiosk]
    idle_seconds = 90                      # back home, then the attract tour, after this idle time
    countdown_seconds = 10                 # its last seconds: a countdown a touch cancels
    theme = "high-contrast"                # or "kiosk" (the default); visitors switch it too
    attract_tour = "Découverte du centre"
    tours = ["Découverte du centre"]       # buttons (default: every tour of the scene)
    layers = ["Bâtiments (LoD1)", { name = "LiDAR HD (nuage de points)", title = { fr = "LiDAR", en = "LiDAR" } }]
    languages = ["fr", "en"]               # the first is the language at start
    home = "Vue d'ensemble"                # a bookmark (default: the scene camera)
    [kiosk.bounds]                         # default: the data's box
    xmin = 683500.0   ymin = 7020800.0   xmax = 684700.0   ymax = 7022200.0
    zmin_above_ground = 15.0   zmax = 1500.0   min_distance = 40.0   max_distance = 2500.0
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import math
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import tomli_w

from twin.core.camera import View
from twin.core.errors import TwinError
from twin.present.tours import Tours
from twin.core.i18n import message

DEFAULT_LANGUAGES = ("fr", "en")
THEMES = ("kiosk", "high-contrast")
EXIT_ADMIN = 0      # an administrator left the kiosk: the supervisor stops too
EXIT_NO_PIN = 2     # cannot start locked: the supervisor must not loop on it

# scrypt cost: 2^15 × 8 × 128 B = 32 MiB and ~0.1 s a check, far beyond guessing a
# 4–8 digit PIN offline in reasonable time per try, cheap for one check at the kiosk
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2 ** 15, 8, 1


@dataclass(frozen=True)
class CameraBounds:
    """Where a visitor's camera may go (scene coordinates): the focal point stays in the
    box, the eye between the ground plus a margin and ``zmax``, at a bounded distance."""

    xmin: float
    ymin: float
    xmax: float
    ymax: float
    zmin_above_ground: float = 10.0
    zmax: float = 2000.0
    min_distance: float = 30.0
    max_distance: float = 3000.0

    def __post_init__(self):
        if not (self.xmin < self.xmax and self.ymin < self.ymax):
            raise ValueError("bounds need xmin < xmax and ymin < ymax")
        if not 0 < self.min_distance < self.max_distance:
            raise ValueError("bounds need 0 < min_distance < max_distance")
        if self.zmin_above_ground < 0:
            raise ValueError("zmin_above_ground must not be negative")

    @classmethod
    def around(cls, box) -> "CameraBounds":
        """Defaults from the data's box (xmin, ymin, zmin, xmax, ymax, zmax): the territory,
        eyes up to twice its size above the highest point, the whole of it in view at most."""
        xmin, ymin, zmin, xmax, ymax, zmax = (float(v) for v in box)
        size = max(xmax - xmin, ymax - ymin, 100.0)
        return cls(xmin, ymin, xmax, ymax, zmin_above_ground=10.0, zmax=zmax + 2 * size,
                   min_distance=min(30.0, size / 10), max_distance=2.5 * size)


@dataclass(frozen=True)
class KioskLayer:
    """A layer toggle: the scene layer's name and its button title by language."""

    name: str
    title: dict = field(default_factory=dict, compare=False)

    def title_in(self, lang: str) -> str:
        return self.title.get(lang) or self.title.get("en") or self.name


@dataclass(frozen=True)
class KioskConfig:
    idle_seconds: float = 90.0
    attract_tour: str | None = None
    tours: tuple[str, ...] | None = None          # None: every tour of the scene
    layers: tuple[KioskLayer, ...] | None = None  # None: the visible top-level layers
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    home: str | None = None                       # a bookmark; None: the scene camera
    bounds: CameraBounds | None = None            # None: around the loaded data
    countdown_seconds: float | None = None        # None: 10 s, or half the idle time if shorter
    theme: str = "kiosk"

    @property
    def countdown(self) -> float:
        """Seconds of visible countdown at the end of the idle time (RGAA 13.1: a visitor
        is warned before the kiosk starts again, and a touch keeps it)."""
        if self.countdown_seconds is not None:
            return self.countdown_seconds
        return min(10.0, self.idle_seconds / 2)

    @classmethod
    def of(cls, scene) -> "KioskConfig":
        """The scene's kiosk set-up, the scene component ``kiosk`` (the defaults when its file
        has no ``[kiosk]``; set another with ``scene.set_component("kiosk", config)``)."""
        return scene.component("kiosk", lambda _scene: cls())


def read_kiosk(r, table: dict, path: tuple = ("kiosk",)) -> KioskConfig:
    """The ``[kiosk]`` table, read with the scene file reader ``r`` (errors name key and line)."""
    r.no_unknown(table, path, {"idle_seconds", "attract_tour", "tours", "layers", "languages",
                               "home", "bounds", "countdown_seconds", "theme"})
    idle = float(r.get(table, path, "idle_seconds", (int, float), 90.0))
    if not 5 <= idle <= 86400:
        r.fail((*path, "idle_seconds"), message("idle_seconds must be between 5 and 86400, got {:g}").format(
                                            idle))
    countdown = r.get(table, path, "countdown_seconds", (int, float), None)
    if countdown is not None and not 3 <= countdown < idle:
        r.fail((*path, "countdown_seconds"), message("countdown_seconds must be at least 3 and less than "
                                                     "idle_seconds ({:g}), got {:g}").format(idle, countdown))
    theme = r.get(table, path, "theme", str, "kiosk")
    if theme not in THEMES:
        r.fail((*path, "theme"), message("theme must be one of {}, got {!r}").format(
                                     ', '.join(map(repr, THEMES)), theme))
    tours = r.get(table, path, "tours", list, None)
    if tours is not None and not all(isinstance(t, str) for t in tours):
        r.fail((*path, "tours"), message("tours must be a list of tour names"))
    layers = None
    if "layers" in table:
        layers = tuple(_kiosk_layer(r, item, (*path, "layers"))
                       for item in r.get(table, path, "layers", list))
    languages = r.get(table, path, "languages", list, list(DEFAULT_LANGUAGES))
    if not languages or not all(isinstance(c, str) and len(c) == 2 and c.isalpha() for c in languages):
        r.fail((*path, "languages"), message("languages must be two-letter codes such as [\"fr\", \"en\"], "
                                             "got {!r}").format(languages))
    bounds = None
    if "bounds" in table:
        b = r.table(table, path, "bounds")
        bpath = (*path, "bounds")
        r.no_unknown(b, bpath, {"xmin", "ymin", "xmax", "ymax", "zmin_above_ground", "zmax",
                                "min_distance", "max_distance"})
        values = {k: float(r.get(b, bpath, k, (int, float))) for k in ("xmin", "ymin", "xmax", "ymax")}
        for k in ("zmin_above_ground", "zmax", "min_distance", "max_distance"):
            if k in b:
                values[k] = float(r.get(b, bpath, k, (int, float)))
        try:
            bounds = CameraBounds(**values)
        except ValueError as exc:
            r.fail(bpath, str(exc))
    return KioskConfig(idle_seconds=idle, attract_tour=r.get(table, path, "attract_tour", str, None),
                       tours=tuple(tours) if tours is not None else None, layers=layers,
                       languages=tuple(c.lower() for c in languages),
                       home=r.get(table, path, "home", str, None), bounds=bounds,
                       countdown_seconds=None if countdown is None else float(countdown), theme=theme)


def _kiosk_layer(r, item, path: tuple) -> KioskLayer:
    if isinstance(item, str):
        return KioskLayer(item)
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        r.fail(path, message("each entry of layers is a layer name or {{ name = ..., title = {{ fr = ..., "
                             "en = ... }} }}, got {!r}").format(item))
    title = item.get("title", {})
    if set(item) - {"name", "title"} or not isinstance(title, dict) or \
            not all(isinstance(v, str) for v in title.values()):
        r.fail(path, message("layer entry {!r}: only name and title = {{ fr = \"...\", en = \"...\" }} are "
                             "allowed").format(item['name']))
    return KioskLayer(item["name"], dict(title))


def check_kiosk(r, config: KioskConfig, scene, path: tuple = ("kiosk",)) -> None:
    """Names in ``[kiosk]`` must exist in the scene (checked once the whole file is read)."""
    tours = Tours.of(scene)
    for name in [*(config.tours or ()), *([config.attract_tour] if config.attract_tour else [])]:
        if name not in tours:
            key = "attract_tour" if name == config.attract_tour and name not in (config.tours or ()) else "tours"
            r.fail((*path, key), message("no tour named {!r} in this scene").format(name),
                   hint=message("tours here: {}").format(', '.join(tours) or 'none'))
    for layer in config.layers or ():
        try:
            scene.layers.find(layer.name)
        except KeyError:
            r.fail((*path, "layers"), message("no layer named {!r} in this scene").format(layer.name))
    if config.home is not None and config.home not in scene.bookmarks:
        r.fail((*path, "home"), message("no bookmark named {!r} in this scene").format(config.home),
               hint=message("bookmarks here: {}").format(', '.join(scene.bookmarks) or 'none'))


def kiosk_to_dict(config: KioskConfig) -> dict:
    out: dict = {"idle_seconds": config.idle_seconds, "languages": list(config.languages)}
    if config.attract_tour:
        out["attract_tour"] = config.attract_tour
    if config.tours is not None:
        out["tours"] = list(config.tours)
    if config.layers is not None:
        out["layers"] = [layer.name if not layer.title else {"name": layer.name, "title": dict(layer.title)}
                         for layer in config.layers]
    if config.home:
        out["home"] = config.home
    if config.countdown_seconds is not None:
        out["countdown_seconds"] = config.countdown_seconds
    if config.theme != "kiosk":
        out["theme"] = config.theme
    if config.bounds is not None:
        b = config.bounds
        out["bounds"] = {k: getattr(b, k) for k in ("xmin", "ymin", "xmax", "ymax", "zmin_above_ground",
                                                     "zmax", "min_distance", "max_distance")}
    return out


# -- camera --------------------------------------------------------------------------------

Ground = Callable[[float, float], float] | float | None


def _ground_at(ground: Ground, x: float, y: float) -> float:
    if ground is None:
        return -math.inf
    if callable(ground):
        z = float(ground(x, y))
        return z if math.isfinite(z) else -math.inf
    return float(ground)


def clamp_view(view: View, bounds: CameraBounds, ground: Ground = None) -> View:
    """The nearest allowed view: the focal point pulled into the box (the eye moving with
    it, so a pan stops at the edge), the distance into its limits, the eye raised above
    the ground margin or lowered under ``zmax`` by changing the elevation only (so the
    visitor keeps looking at the same spot), never straight down (the orbit needs an
    azimuth). ``ground`` is a height, a function of (x, y), or None for no ground."""
    eye = np.asarray(view.position, dtype=float)
    focal = np.asarray(view.focal_point, dtype=float)
    clamped = focal.copy()
    clamped[0] = min(max(focal[0], bounds.xmin), bounds.xmax)
    clamped[1] = min(max(focal[1], bounds.ymin), bounds.ymax)
    floor = _ground_at(ground, clamped[0], clamped[1])
    clamped[2] = min(max(focal[2], floor), bounds.zmax - bounds.zmin_above_ground)
    eye = eye + (clamped - focal)
    focal = clamped

    offset = eye - focal
    distance = float(np.linalg.norm(offset))
    horizontal = offset[:2]
    if float(np.linalg.norm(horizontal)) < 1e-9:
        horizontal = np.array([0.0, -1.0])      # straight down: look from the south
    heading = horizontal / np.linalg.norm(horizontal)
    distance = min(max(distance, bounds.min_distance), bounds.max_distance)
    steep = math.sin(math.radians(89.0))
    dz = min(max(float(offset[2]), 0.0), distance * steep)   # looking down or level
    for _ in range(3):   # the ground under the eye moves with it: settle in a few passes
        h = math.sqrt(max(distance ** 2 - dz ** 2, 0.0))
        ex, ey = focal[:2] + heading * h
        low = _ground_at(ground, ex, ey) + bounds.zmin_above_ground - focal[2]
        new_dz = min(max(dz, low), bounds.zmax - focal[2])
        distance = max(distance, new_dz / steep)   # the ground wins over max_distance
        if new_dz == dz:
            break
        dz = new_dz
    h = math.sqrt(max(distance ** 2 - dz ** 2, 0.0))
    eye = np.array([focal[0] + heading[0] * h, focal[1] + heading[1] * h, focal[2] + dz])
    return View(tuple(eye), tuple(focal), (0.0, 0.0, 1.0), view.view_angle)


def orbit(view: View, d_azimuth: float, d_elevation: float) -> View:
    """Turn the eye around the focal point (degrees; azimuth clockwise seen from above)."""
    eye = np.asarray(view.position, dtype=float)
    focal = np.asarray(view.focal_point, dtype=float)
    off = eye - focal
    r = float(np.linalg.norm(off))
    az = math.atan2(off[0], off[1]) + math.radians(d_azimuth)
    el = math.asin(max(-1.0, min(1.0, off[2] / r))) + math.radians(d_elevation)
    el = max(math.radians(1.0), min(math.radians(89.0), el))
    new = focal + r * np.array([math.sin(az) * math.cos(el), math.cos(az) * math.cos(el), math.sin(el)])
    return View(tuple(new), tuple(focal), (0.0, 0.0, 1.0), view.view_angle)


def pan(view: View, right: float, forward: float) -> View:
    """Slide eye and focal point together on the ground plane (metres, screen right and
    away from the visitor), as dragging the map with two fingers does."""
    eye = np.asarray(view.position, dtype=float)
    focal = np.asarray(view.focal_point, dtype=float)
    ahead = (focal - eye)[:2]
    norm = float(np.linalg.norm(ahead))
    ahead = ahead / norm if norm > 1e-9 else np.array([0.0, 1.0])
    side = np.array([ahead[1], -ahead[0]])
    move = np.append(side * right + ahead * forward, 0.0)
    return View(tuple(eye + move), tuple(focal + move), view.view_up, view.view_angle)


def zoom(view: View, factor: float) -> View:
    """Bring the eye ``factor`` times closer to the focal point (> 1 zooms in)."""
    eye = np.asarray(view.position, dtype=float)
    focal = np.asarray(view.focal_point, dtype=float)
    return View(tuple(focal + (eye - focal) / max(factor, 1e-6)), tuple(focal), view.view_up, view.view_angle)


def metres_per_pixel(view: View, height_px: int) -> float:
    distance = float(np.linalg.norm(np.subtract(view.position, view.focal_point)))
    return 2 * distance * math.tan(math.radians(view.view_angle) / 2) / max(height_px, 1)


# -- PIN -----------------------------------------------------------------------------------

def hash_pin(pin: str) -> str:
    """``scrypt$N$r$p$salt$hash`` (base64), with a fresh random salt each time."""
    if not pin:
        raise TwinError(message("the PIN must not be empty"))
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P,
                            maxmem=128 * 1024 * 1024, dklen=32)
    b64 = lambda b: base64.b64encode(b).decode("ascii")   # noqa: E731
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${b64(salt)}${b64(digest)}"


def check_pin(pin: str, stored: str) -> bool:
    """Whether ``pin`` matches a ``hash_pin`` string, in constant time; False for a
    malformed stored value (a damaged config never opens the kiosk)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        n, r, p = int(n), int(r), int(p)
        salt, digest = base64.b64decode(salt, validate=True), base64.b64decode(digest, validate=True)
        if not (2 <= n <= 2 ** 20 and 1 <= r <= 32 and 1 <= p <= 16 and len(digest) == 32):
            return False
        candidate = hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p,
                                   maxmem=256 * 1024 * 1024, dklen=32)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(candidate, digest)


def kiosk_config_path() -> Path:
    """``$TWIN_CONFIG_DIR/kiosk.toml``, else ``$XDG_CONFIG_HOME/twin/kiosk.toml``, else
    ``~/.config/twin/kiosk.toml`` (the same folder as the settings)."""
    root = os.environ.get("TWIN_CONFIG_DIR")
    if root:
        return Path(root) / "kiosk.toml"
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "twin" / "kiosk.toml"


def load_pin_hash(path: Path | None = None) -> str | None:
    path = Path(path) if path else kiosk_config_path()
    if not path.is_file():
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TwinError(message("{}: the kiosk config cannot be read ({})").format(path, exc),
                        hint=message("set the PIN again with: twin kiosk --set-pin")) from None
    value = data.get("pin_hash")
    return value if isinstance(value, str) and value.startswith("scrypt$") else None


def save_pin_hash(stored: str, path: Path | None = None) -> Path:
    """Write the kiosk config (only the hash) with mode 0600, aside then renamed."""
    path = Path(path) if path else kiosk_config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)   # created 0600
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("# twin kiosk: the administration PIN, hashed (set it with twin kiosk --set-pin)\n")
            fh.write(tomli_w.dumps({"pin_hash": stored}))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


# -- supervision ---------------------------------------------------------------------------

def supervise(command: list[str], log=print, max_backoff: float = 60.0, healthy_after: float = 60.0,
              sleep=time.sleep) -> int:
    """Run ``command`` again whenever it dies, waiting 1, 2, 4... s (up to ``max_backoff``;
    back to 1 s after a run longer than ``healthy_after``), until it exits with
    ``EXIT_ADMIN`` (an administrator left) or ``EXIT_NO_PIN``. SIGTERM/SIGINT stop the
    child and the supervisor."""
    backoff = 1.0
    child: list[subprocess.Popen] = []
    stopping = []

    def stop(signum, _frame):
        stopping.append(signum)
        if child and child[0].poll() is None:
            child[0].terminate()
    previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        while True:
            started = time.monotonic()
            child[:] = [subprocess.Popen(command)]
            code = child[0].wait()
            if stopping:
                log(f"twin kiosk: stopped by signal {stopping[0]}")
                return 0
            if code in (EXIT_ADMIN, EXIT_NO_PIN):
                log(f"twin kiosk: exited with status {code}; not restarting")
                return code
            if time.monotonic() - started > healthy_after:
                backoff = 1.0
            log(f"twin kiosk: exited with status {code}; restarting in {backoff:g} s")
            sleep(backoff)
            backoff = min(backoff * 2, max_backoff)
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def kiosk_command(scene: str, lang: str | None = None, unlocked_demo: bool = False) -> list[str]:
    """The command line the supervisor restarts: this Python, this twin."""
    command = [sys.executable, "-m", "twin", "kiosk", scene]
    if lang:
        command += ["--lang", lang]
    if unlocked_demo:
        command.append("--unlocked-demo")
    return command
