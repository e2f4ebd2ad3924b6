"""Sensors: LoRa sensors placed in 3D, coloured by their reading at the timeline's instant
against two thresholds (e.g. noise 55 / 65 dB(A)), grey when silent. Readings come from
the durable store that `twin ingest` fills; the layer re-reads it about once a second in
the app, so it follows a live feed. A first-party plugin, registered through the public
plugin API like any third party's."""

from twin.api import Plugin, Registrar

from plugins.sensors.layer import SensorsLayer


def _register(reg: Registrar) -> None:
    reg.layer_kind(SensorsLayer, visual="plugins.sensors.visual:SensorsVisual")


plugin = Plugin(name="builtin-sensors", register=_register, api="1.3",
                description="Live sensors from the readings store, coloured by threshold")
