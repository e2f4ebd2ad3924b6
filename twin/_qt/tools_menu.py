"""The Tools menu the view's tools (attribute table, measure, search) add their entries
to: found by its object name, made on first use, so each tool installs itself alone."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu


def tools_menu(window) -> QMenu:
    menu = window.menuBar().findChild(QMenu, "tools")
    if menu is None:
        menu = window.menuBar().addMenu(QCoreApplication.translate("ToolsMenu", "T&ools"))
        menu.setObjectName("tools")
    return menu
