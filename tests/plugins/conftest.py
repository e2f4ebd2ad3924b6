from importlib.metadata import EntryPoint

import pytest

from twin.core import plugins as plugins_module
from twin.core.plugins import PluginManager
from twin.core.settings import Settings


def ep(name: str, value: str) -> EntryPoint:
    return EntryPoint(name=name, value=value, group="twin.plugins")


BUILTIN = ep("builtin-importers", "importers:plugin")
# twin's own scene components (projects, tours, kiosk, sun): a scene file needs them
SCENE_BUILTINS = (ep("builtin-sun", "twin.analysis.sunlight:plugin"),
                  ep("builtin-projects", "twin.projects.section:plugin"),
                  ep("builtin-present", "twin.present.sections:plugin"))


@pytest.fixture
def manager_with(monkeypatch, tmp_path):
    """Install a plugin manager made of the given entry points as twin's own."""
    def make(*eps, disabled=()):
        settings = Settings(disabled_plugins=list(disabled), path=tmp_path / "settings.toml")
        manager = PluginManager([BUILTIN, *SCENE_BUILTINS, *eps], settings=settings)
        monkeypatch.setattr(plugins_module, "_manager", manager)
        return manager
    return make
