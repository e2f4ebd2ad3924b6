"""Third-party plugin code under a time limit when the loader or the registry calls it
(twin.core.watchdog says how, and why a thread): a layer read or build, an importer's
sniff, info or read. Past the limit the plugin is switched off for the session with the
reason, the layer or file gets a clear error, and the rest of the scene loads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from twin.core import watchdog
from twin.core.errors import DataError
from twin.core.feedback import Feedback
from twin.core.i18n import message


def _limited(record, call: Callable[[], Any], what: str, path, fb: Feedback | None) -> Any:
    from twin.core.plugins import plugins
    if record is None or record.builtin:
        return call()
    if record.state != "enabled":
        raise DataError(message("needs plugin '{}', which is switched off ({})").format(
                            record.name, record.reason), path=path)
    limit = watchdog.BUILD_LIMIT_S
    try:
        return watchdog.run_limited(call, limit, what, fb.check if fb is not None else None)
    except watchdog.TimeLimit:
        plugins().fail_record(record, f"hung {what} (not done after {limit:g} s): switched off for this session")
        raise DataError(message("plugin '{}' did not finish {} within {:g} s: it is switched off for this "
                                "session").format(record.name, what, limit), path=path,
                        hint=message("report it to the plugin's authors; twin carries on without it")) from None


def layer_call(layer, doing: str, call: Callable[[], Any], fb: Feedback) -> Any:
    """``call`` (a read or a build of ``layer``), limited when a third party's kind."""
    from twin.core.plugins import plugins
    return _limited(plugins().kind_owner(layer.kind), call, f"{doing} layer '{layer.name}'", layer.source, fb)


def importer_call(importer, what: str, path: Path, call: Callable[[], Any]) -> Any:
    """An importer's ``what`` ("read", "sniff", "info") on ``path``, limited when a third party's."""
    from twin.core.plugins import plugins
    return _limited(plugins().owner(importer), call, f"{what}() of importer '{importer.name}'", path, None)
