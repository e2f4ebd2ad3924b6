"""Processing in the main window: the toolbox, the elevation profile and the sections
docks, their entries in the Processing menu, and the toolbox's written files added to the
scene as layers. ``install(window)`` is all the main window calls."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction

from twin._qt.profile_panel import ProfilePanel
from twin._qt.sections_panel import SectionsPanel
from twin._qt.toolbox import Toolbox
from twin.core.errors import TwinError

VECTOR_SUFFIXES = (".gpkg", ".geojson", ".shp", ".csv")
RASTER_SUFFIXES = (".tif", ".tiff")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Processing", text)


def install(window) -> None:
    window.toolbox = Toolbox(window.scene, window.tool)
    window.toolbox_dock = window._dock(_tr("Processing toolbox"), window.toolbox, Qt.RightDockWidgetArea)
    window.profile_panel = ProfilePanel(window.scene, window.mirror, window.tool, window._request_render)
    window.profile_dock = window._dock(_tr("Elevation profile"), window.profile_panel, Qt.BottomDockWidgetArea)
    window.sections_panel = SectionsPanel(window.mirror, window.view)
    window.sections_dock = window._dock(_tr("Sections"), window.sections_panel, Qt.RightDockWidgetArea)
    for dock in (window.toolbox_dock, window.profile_dock, window.sections_dock):
        dock.hide()
    window.toolbox.result.connect(lambda algorithm, results: add_results(window, algorithm, results))
    for dock, key in ((window.toolbox_dock, "Ctrl+Alt+T"), (window.profile_dock, "Ctrl+Alt+P"),
                      (window.sections_dock, "Ctrl+Alt+X")):
        dock.toggleViewAction().setShortcut(key)

    def menus():        # again after a language switch, into the new Processing menu
        menu = window.processing_menu
        first = menu.actions()[0] if menu.actions() else None
        for dock in (window.toolbox_dock, window.profile_dock, window.sections_dock):
            menu.insertAction(first, dock.toggleViewAction())
        draw = QAction(_tr("Draw a profile line"), menu)
        draw.triggered.connect(lambda: (window.profile_dock.show(), window.profile_panel.draw()))
        menu.insertAction(first, draw)
        if first is not None:
            menu.insertSeparator(first)
        menu.setEnabled(True)

    window.menu_hooks.append(menus)
    menus()


def add_results(window, algorithm, results: dict) -> list:
    """Files an algorithm wrote become layers: vectors as the file suggests, rasters draped
    on the terrain with their legend; a profile goes to the profile dock."""
    from twin.core.layers.raster import RasterDrapeLayer
    from twin.io.autoscene import layer_for_file
    from twin.io.registry import file_info
    if "profile" in results:
        window.profile_dock.show()
        window.profile_panel.show_profile(results["profile"])
    added = []
    out = results.get("out")
    if isinstance(out, Path) and out.exists() and out.suffix.lower() in VECTOR_SUFFIXES + RASTER_SUFFIXES:
        try:
            if out.suffix.lower() in RASTER_SUFFIXES:
                layer = RasterDrapeLayer(out.stem, source=out, **results.get("legend", {}))
            else:
                layer = layer_for_file(out, file_info(out))
        except TwinError as exc:
            window.statusBar().showMessage(exc.message, 10000)
            return added
        if layer is not None:
            layer.name = f"{algorithm.title}: {layer.name}"
            window.scene.add_layer(layer)
            window.load_layers([layer], show_dialog=False)
            added.append(layer)
        window.statusBar().showMessage(_tr("Written: {}").format(out), 10000)
    return added
