"""Citizen reports ("Tell my city"): points with a category, a status (new, in progress,
closed) and the dates they were made and closed, from GeoJSON or a CSV with lon/lat.
They appear on the maquette as the timeline reaches their date, change colour when
closed, and can be filtered by category and status. A first-party plugin, registered
through the public plugin API like any third party's."""

from twin.api import Plugin, Registrar

from plugins.reports.layer import ReportsLayer


def _register(reg: Registrar) -> None:
    reg.layer_kind(ReportsLayer, visual="plugins.reports.visual:ReportsVisual")


plugin = Plugin(name="builtin-reports", register=_register, api="1.3",
                description="Citizen reports over time, filtered by category and status")
