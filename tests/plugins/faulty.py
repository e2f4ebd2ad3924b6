"""Plugins that go wrong in each way twin must survive."""

from pathlib import Path

from twin.api import FileInfo, Plugin


class _Importer:
    name = "broken-reader"
    kind = "vector"
    suffixes = (".broken",)

    def sniff(self, path):
        return True

    def info(self, path):
        return FileInfo(Path(path), "vector", self.name, 0, None, None)

    def read(self, path, feedback=None):
        raise RuntimeError("division by zero in the reader (pretend)")


class _LasThief(_Importer):
    name = "las-thief"
    suffixes = (".las", ".thief")


def _register_broken_reader(reg):
    reg.importer(_Importer())


def _register_thief(reg):
    reg.importer(_LasThief())


def _register_raises(reg):
    raise ValueError("register() is not ready")


raising_contribution = Plugin("broken-reader", _register_broken_reader)
conflicting = Plugin("las-thief", _register_thief)
newer_api = Plugin("from-the-future", lambda reg: None, api="1.7")
raising_register = Plugin("raises-in-register", _register_raises)
not_a_plugin = {"name": "just a dict"}


def _register_terrain_kind(reg):
    from dataclasses import dataclass
    from typing import ClassVar

    from twin.api import DataLayer

    @dataclass(eq=False)
    class MyTerrain(DataLayer):
        kind: ClassVar[str] = "terrain"
    reg.layer_kind(MyTerrain)


kind_thief = Plugin("kind-thief", _register_terrain_kind)
