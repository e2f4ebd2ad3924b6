"""Plugins: discovered through the ``twin.plugins`` entry-point group, built-ins and third
parties alike, each isolated so that one broken plugin never stops twin.

A plugin ends in one of three states: ``enabled``; ``disabled`` (by the settings file or
the plugin manager); ``failed``, with the reason: it raised on import or in
``register``, asks for a newer API, claims a file suffix, layer kind, command,
algorithm, scene component or scene file section another plugin already has, or one of
its contributions raised when called, or it hung: a third party's import, ``register``,
layer reads and builds and importers run under a time limit (twin.core.watchdog). Built-ins (this repository's importers and plugins,
and twin's own scene components: projects, tours, kiosk, sun) load first, so a third party
cannot take over their file types or sections by accident.
"""

from __future__ import annotations

import importlib
import time
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from twin.core.components import CORE_SECTIONS
from twin.core.contrib import API_VERSION, Contributions, Plugin, Registrar, api_version
from twin.core.layers import LAYER_KINDS, register_layer_kind
from twin.core.settings import Settings
from twin.core.watchdog import IMPORT_LIMIT_S, TimeLimit, run_limited

GROUP = "twin.plugins"
BUILTIN_PACKAGES = ("twin", "importers", "plugins")   # this repository's own top-level packages
RESERVED_COMMANDS = {"open", "render", "info", "prepare", "plugins", "run", "ingest", "ingest-stats", "feed-demo", "process"}
TWIN_KINDS = frozenset(LAYER_KINDS)           # twin's own layer kinds, before any plugin


@dataclass
class PluginRecord:
    name: str
    value: str                                # "module:attribute" of the entry point
    version: str | None = None                # of the distribution that declares it
    builtin: bool = False
    state: str = "enabled"
    reason: str | None = None
    plugin: Plugin | None = None
    contributions: Contributions = field(default_factory=Contributions)

    def to_json(self) -> dict:
        return {"name": self.name, "version": self.version, "builtin": self.builtin,
                "state": self.state, "reason": self.reason, "entry_point": self.value,
                "api": self.plugin.api if self.plugin else None,
                "contributes": self.contributions.summary()}


def _version_ok(needed: str) -> str | None:
    """None when twin's API satisfies ``needed`` ("1.2"), else why not."""
    try:
        major, minor = (int(v) for v in (needed.split(".") + ["0"])[:2])
    except ValueError:
        return f"declares an unreadable API version {needed!r}"
    if major != API_VERSION[0] or minor > API_VERSION[1]:
        return (f"needs plugin API {needed}, this twin provides {api_version()}"
                + (" — update twin" if (major, minor) > API_VERSION else " — update the plugin"))
    return None


class PluginManager:
    import_limit_s = IMPORT_LIMIT_S       # a third party's import and register() together

    def __init__(self, eps: list[EntryPoint] | None = None, settings: Settings | None = None):
        found = list(entry_points(group=GROUP)) if eps is None else list(eps)
        self.settings = settings or Settings.load()
        builtin = [ep for ep in found if ep.value.split(".")[0].split(":")[0] in BUILTIN_PACKAGES]
        others = sorted((ep for ep in found if ep not in builtin), key=lambda ep: ep.name)
        self._eps = {ep.name: ep for ep in [*builtin, *others]}
        self._kinds: dict[str, str] = {}      # layer kind → the plugin that registered it
        self.records = [PluginRecord(ep.name, ep.value, _dist_version(ep), ep in builtin)
                        for ep in self._eps.values()]
        for record in self.records:
            self._load(record)

    # -- loading ---------------------------------------------------------------------------
    def _load(self, record: PluginRecord) -> None:
        if record.name in self.settings.disabled_plugins:
            record.state, record.reason = "disabled", "disabled in the settings"
            return
        deadline = time.monotonic() + self.import_limit_s

        def limited(call, what: str):
            """A third party's code under the time limit; twin's own runs as it is."""
            if record.builtin:
                return call()
            return run_limited(call, max(deadline - time.monotonic(), 0.0), what)

        try:
            obj = limited(self._eps[record.name].load, f"importing plugin '{record.name}'")
        except TimeLimit:
            return self._failed(record, f"hangs on import (not done after {self.import_limit_s:g} s): "
                                        f"switched off for this session")
        except Exception as exc:   # a plugin must never stop twin from starting
            return self._failed(record, f"raises on import ({type(exc).__name__}: {exc})")
        if not isinstance(obj, Plugin):
            return self._failed(record, f"its entry point names {type(obj).__name__}, not a twin.api.Plugin")
        record.plugin = obj
        if (why := _version_ok(obj.api)) is not None:
            return self._failed(record, why)
        registrar = Registrar()
        try:
            limited(lambda: obj.register(registrar), f"register() of plugin '{record.name}'")
        except TimeLimit:
            return self._failed(record, f"hangs in register() (not done {self.import_limit_s:g} s after its "
                                        f"import began): switched off for this session")
        except Exception as exc:
            return self._failed(record, f"register() raised {type(exc).__name__}: {exc}")
        if (why := self._conflict(registrar.contributions)) is not None:
            return self._failed(record, why)
        record.contributions = registrar.contributions
        for kind, (cls, _visual) in record.contributions.layer_kinds.items():
            register_layer_kind(cls, record.contributions.loaders.get(kind))
            self._kinds[kind] = record.name

    def _failed(self, record: PluginRecord, reason: str) -> None:
        record.state, record.reason = "failed", reason
        record.contributions = Contributions()

    def _conflict(self, new: Contributions) -> str | None:
        for record in self.enabled():
            have = record.contributions
            claimed = {s for imp in have.importers for s in imp.suffixes}
            clash = sorted(claimed & {s for imp in new.importers for s in imp.suffixes})
            if clash:
                return f"claims {' '.join(clash)}, already read by plugin '{record.name}'"
            for what, mine, theirs in (("layer kind", new.layer_kinds, have.layer_kinds),
                                       ("command", new.commands, have.commands),
                                       ("algorithm", new.algorithms, have.algorithms),
                                       ("scene component", new.scene_components, have.scene_components)):
                if set(mine) & set(theirs):
                    name = sorted(set(mine) & set(theirs))[0]
                    return f"its {what} '{name}' is already taken by plugin '{record.name}'"
            sections = _sections(new) & _sections(have)
            if sections:
                return f"its scene file section '{sorted(sections)[0]}' is already read by plugin '{record.name}'"
        taken = set(new.layer_kinds) & TWIN_KINDS
        if taken:
            return f"its layer kind '{sorted(taken)[0]}' is one of twin's own"
        reserved = set(new.commands) & RESERVED_COMMANDS
        if reserved:
            return f"its command '{sorted(reserved)[0]}' is one of twin's own"
        core = _sections(new) & set(CORE_SECTIONS)
        if core:
            return f"its scene file section '{sorted(core)[0]}' is one of the scene's own"
        return None

    # -- what is contributed ---------------------------------------------------------------
    def enabled(self) -> list[PluginRecord]:
        return [r for r in self.records if r.state == "enabled"]

    def record(self, name: str) -> PluginRecord:
        for r in self.records:
            if r.name == name:
                return r
        known = ", ".join(r.name for r in self.records) or "none"
        raise KeyError(f"no plugin named {name!r} (installed: {known})")

    def importers(self) -> list[Any]:
        return [imp for r in self.enabled() for imp in r.contributions.importers]

    def algorithms(self) -> dict[str, Any]:
        return {k: a for r in self.enabled() for k, a in r.contributions.algorithms.items()}

    def commands(self) -> dict[str, Any]:
        return {k: c for r in self.enabled() for k, c in r.contributions.commands.items()}

    def panels(self) -> list[tuple[PluginRecord, Any]]:
        return [(r, p) for r in self.enabled() for p in r.contributions.panels]

    def sources(self) -> dict[str, Any]:
        return {k: s for r in self.enabled() for k, s in r.contributions.sources.items()}

    def scene_components(self) -> dict[str, Any]:
        """The kinds of scene component (twin.core.components), in load order: built-ins first."""
        return {k: c for r in self.enabled() for k, c in r.contributions.scene_components.items()}

    def visual_ref(self, kind: str) -> tuple[PluginRecord, str] | None:
        for r in self.enabled():
            if kind in r.contributions.layer_kinds and r.contributions.layer_kinds[kind][1]:
                return r, r.contributions.layer_kinds[kind][1]
        return None

    def kind_owner(self, kind: str) -> PluginRecord | None:
        """The plugin that contributed layer kind ``kind`` (None: one of twin's own), even
        once it failed: its kind stays registered, its layers must know why they fail."""
        return self.record(self._kinds[kind]) if kind in self._kinds else None

    def owner(self, contribution: Any) -> PluginRecord | None:
        for r in self.records:
            c = r.contributions
            if (contribution in c.importers or contribution in c.algorithms.values()
                    or contribution in c.commands.values() or contribution in c.panels
                    or contribution in c.scene_components.values()):
                return r
        return None

    def fail(self, contribution: Any, reason: str) -> None:
        """A contribution raised when called: its plugin is switched off for this session,
        with the reason, and the other plugins carry on."""
        record = self.owner(contribution)
        if record is not None:
            self.fail_record(record, reason)

    def fail_record(self, record: PluginRecord, reason: str) -> None:
        if record.state == "enabled" and not record.builtin:   # a built-in's bug is reported per file
            self._failed(record, reason)

    # -- switching on and off (kept in the settings file) ----------------------------------
    def set_enabled(self, name: str, enabled: bool) -> None:
        """Takes effect at the next start (a loaded plugin's classes cannot be unloaded)."""
        self.record(name)
        disabled = set(self.settings.disabled_plugins)
        disabled = disabled - {name} if enabled else disabled | {name}
        self.settings.disabled_plugins = sorted(disabled)
        self.settings.save()


def resolve(ref: str) -> Any:
    """``"package.module:attribute"`` → the object (visuals and panels, loaded late)."""
    module, _, attr = ref.partition(":")
    obj = importlib.import_module(module)
    for part in attr.split(".") if attr else ():
        obj = getattr(obj, part)
    return obj


def _sections(contributions: Contributions) -> set[str]:
    return {s for c in contributions.scene_components.values() for s in c.sections}


def _dist_version(ep: EntryPoint) -> str | None:
    dist = getattr(ep, "dist", None)
    return dist.version if dist is not None else None


_manager: PluginManager | None = None


def plugins() -> PluginManager:
    global _manager
    if _manager is None:
        _manager = PluginManager()
    return _manager
