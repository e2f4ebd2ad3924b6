"""The user's settings file (TOML): which plugins are switched off, the 3D view's quality.

``$TWIN_CONFIG_DIR/settings.toml``, else ``$XDG_CONFIG_HOME/twin/settings.toml``, else
``~/.config/twin/settings.toml``. A file that cannot be read never stops twin: it is
reported, the defaults apply, and it is kept aside as ``settings.toml.bad`` before a
new one is written, so nothing the user wrote is lost.

    [plugins]
    disabled = ["twin-example"]

    [view]
    quality = "auto"      # or "low", "medium", "high" (twin._vtk.quality)

    [app]
    language = "fr"       # the planner window's; absent: the system's (French, else English)
"""

from __future__ import annotations

import os
import tempfile
import tomllib
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

QUALITIES = ("auto", "low", "medium", "high")


def settings_path() -> Path:
    root = os.environ.get("TWIN_CONFIG_DIR")
    if root:
        return Path(root) / "settings.toml"
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "twin" / "settings.toml"


@dataclass
class Settings:
    disabled_plugins: list[str] = field(default_factory=list)
    view_quality: str = "auto"
    language: str | None = None
    path: Path = field(default_factory=settings_path)
    error: str | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> "Settings":
        path = Path(path) if path else settings_path()
        if not path.is_file():
            return cls(path=path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            disabled = data.get("plugins", {}).get("disabled", [])
            if not isinstance(disabled, list) or not all(isinstance(n, str) for n in disabled):
                raise ValueError("[plugins] disabled must be a list of plugin names")
            quality = data.get("view", {}).get("quality", "auto")
            if quality not in QUALITIES:
                raise ValueError(f"[view] quality must be one of {', '.join(QUALITIES)}, not {quality!r}")
            language = data.get("app", {}).get("language")
            if language is not None and not (isinstance(language, str) and language.isalpha()):
                raise ValueError(f"[app] language must be a language code such as \"fr\", not {language!r}")
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError, AttributeError) as exc:
            error = f"{path}: cannot be read ({exc}); the default settings apply"
            warnings.warn(error, stacklevel=2)
            return cls(path=path, error=error)
        return cls(disabled_plugins=list(disabled), view_quality=quality, language=language, path=path)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.error and self.path.is_file():   # keep what the user wrote
            os.replace(self.path, self.path.with_name(self.path.name + ".bad"))
            self.error = None
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                data = {"plugins": {"disabled": self.disabled_plugins}, "view": {"quality": self.view_quality}}
                if self.language:
                    data["app"] = {"language": self.language}
                tomli_w.dump(data, fh)
            os.replace(tmp, self.path)
        finally:
            Path(tmp).unlink(missing_ok=True)
