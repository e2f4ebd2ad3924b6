"""Plugins that hang: in register(), and in a layer's build (its read returns). They wait
on RELEASE, which the tests set when done, so no thread outlives them for nothing."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import ClassVar

from twin.api import DataLayer, Plugin

RELEASE = threading.Event()


@dataclass(eq=False)
class StuckLayer(DataLayer):
    kind: ClassVar[str] = "stuck"


class StuckLoader:
    ground = False
    concurrent = False

    def read(self, layer, scene, feedback):
        return None

    def build(self, layer, raw, scene, ground, feedback):
        RELEASE.wait()              # a network call that never answers, a lock never freed
        return "built too late"


def _register_stuck(reg):
    reg.layer_kind(StuckLayer, loader=StuckLoader())


def _register_forever(reg):
    RELEASE.wait()


plugin = Plugin("stuck-build", _register_stuck)
hangs_in_register = Plugin("stuck-register", _register_forever)
