"""Footfall: counts per zone and time slot (Orange Flux Vision-style 2 h slots, hourly
counters...), shown on the maquette as columns whose height follows the timeline and
whose colour says how the slot compares with the same slot a week before. A first-party
plugin, registered through the public plugin API."""

from twin.api import Plugin, Registrar

from plugins.footfall.layer import FootfallLayer


def _register(reg: Registrar) -> None:
    reg.layer_kind(FootfallLayer, visual="plugins.footfall.visual:FootfallVisual")


plugin = Plugin(name="builtin-footfall", register=_register, api="1.3",
                description="Footfall per zone and slot, animated with the timeline")
