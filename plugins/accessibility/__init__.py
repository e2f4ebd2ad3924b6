"""Accessibility of public buildings (Picto Access-style): for each building, up to four
pictogram markers above its roof — wheelchair, hearing, sight, mental — from an attribute
table, and a filter ("show what suits a wheelchair") that a kiosk can set. A first-party
plugin, registered through the public plugin API."""

from twin.api import Plugin, Registrar

from plugins.accessibility.layer import AccessibilityLayer


def _register(reg: Registrar) -> None:
    reg.layer_kind(AccessibilityLayer, visual="plugins.accessibility.visual:AccessibilityVisual")


plugin = Plugin(name="builtin-accessibility", register=_register, api="1.1",
                description="Accessibility pictograms of public buildings, filterable")
