"""Consumption: buildings coloured by their energy or water use over the timeline's hour,
day or month, from meter series with mixed steps (PT10M/PT30M/PT60M in one file, rows in
any order, as Enedis exports them). In a public scene (kiosk, council), a building with
fewer than 10 delivery points shows no figure (the French open-data rule). A first-party
plugin, registered through the public plugin API."""

from twin.api import Plugin, Registrar

from plugins.consumption.layer import ConsumptionLayer


def _register(reg: Registrar) -> None:
    reg.layer_kind(ConsumptionLayer, visual="plugins.consumption.visual:ConsumptionVisual")


plugin = Plugin(name="builtin-consumption", register=_register, api="1.3",
                description="Building consumption over time, with public-mode privacy")
