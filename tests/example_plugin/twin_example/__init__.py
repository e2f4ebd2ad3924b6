"""twin-example: everything a plugin can contribute, on one small theme (weather stations).

The complete walk-through is docs/plugins.md; this package is also what the test-suite
installs and exercises end to end."""

from twin.api import Algorithm, Command, Layer, Parameter, Plugin, Registrar

from twin_example.importer import StationsImporter
from twin_example.layers import PinLayer
from twin_example.settings import SETTINGS


def _register(reg: Registrar) -> None:
    from twin_example import algorithms, commands, sources
    reg.importer(StationsImporter())
    reg.layer_kind(PinLayer, visual="twin_example.visual:PinVisual")
    reg.panel("Stations", "twin_example.panel:StationsPanel")
    reg.algorithm(Algorithm(
        name="example.density", title="Stations per grid cell",
        parameters=(Parameter("layer", Layer, label="Stations layer"),
                    Parameter("cell", float, default=250.0, label="Cell size (m)", minimum=1.0)),
        run=algorithms.density, description="How many features fall in each square cell."))
    reg.command(Command("stations", "summarise a .stations.csv file",
                        commands.configure, commands.run))
    reg.source("example.replay", sources.ReplaySource)
    reg.scene_component(SETTINGS)


plugin = Plugin(name="twin-example", register=_register, api="1.2",
                description="Weather stations from CSV, drawn as pins")
