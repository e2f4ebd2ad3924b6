"""A time limit on third-party plugin code: its import, its ``register``, its layers'
read and build, its importers.

Python cannot stop a thread, and a plugin hanging in its import or build cannot be
interrupted from outside. So the call runs in a daemon thread of its own while the caller
waits at most the limit: past it, the caller gives up, the plugin is switched off with
the reason, and the app goes on; the stuck thread is left behind, asleep or spinning,
and does not keep twin from quitting (daemon). What it returns late is thrown away.

Why not a subprocess probe before importing in-process: a second Python start per
plugin at every launch (seconds each on a planner's workstation), and it would catch a
hang neither in a layer's build (which runs in-process, on the real data) nor one that
depends on this process's state. What a thread cannot catch: native code that hangs while
holding the GIL freezes every thread; no in-process remedy exists for that.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from twin.core.errors import TwinError
from twin.core.i18n import message

IMPORT_LIMIT_S = 15.0      # a plugin's import and register(): what a slow disk and numpy allow
BUILD_LIMIT_S = 180.0      # reading or building one of its layers, or reading a file


class TimeLimit(TwinError):
    """A plugin's call did not return within its limit (it is left running, abandoned)."""


def run_limited(call: Callable[[], Any], seconds: float, what: str,
                check: Callable[[], None] | None = None) -> Any:
    """``call()``'s value or exception, when it ends within ``seconds``; else TimeLimit.
    ``check`` is called while waiting (a Feedback's, so that cancelling still works)."""
    box: dict[str, Any] = {}
    done = threading.Event()

    def target() -> None:
        try:
            box["value"] = call()
        except BaseException as exc:   # handed to the caller, who decides
            box["error"] = exc
        finally:
            done.set()

    threading.Thread(target=target, name=f"twin-plugin: {what}", daemon=True).start()
    deadline = time.monotonic() + seconds
    while not done.wait(min(0.1, max(deadline - time.monotonic(), 0.0))):
        if check is not None:
            check()
        if time.monotonic() >= deadline:
            raise TimeLimit(message("{} did not finish within {:g} s").format(what, seconds))
    if "error" in box:
        raise box["error"]
    return box["value"]
