"""Shops observatory: ground-floor commercial premises with their activity and their open
or vacant periods, from a point table a town's observatory exports. On the maquette the
premises' ground floors take their state at the timeline's instant, each street shows its
vacancy rate, and picking a premises charts its street's and block's rate month by month.
A first-party plugin, registered through the public plugin API like any third party's."""

from twin.api import Plugin, Registrar

from plugins.shops.layer import ShopsLayer


def _register(reg: Registrar) -> None:
    reg.layer_kind(ShopsLayer, visual="plugins.shops.visual:ShopsVisual")


plugin = Plugin(name="builtin-shops", register=_register, api="1.3",
                description="Shops observatory: premises open or vacant over time, vacancy per street and block")
