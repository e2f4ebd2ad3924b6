"""Start the Qt application on a scene (or data files)."""

from __future__ import annotations

import gc
import os
import sys

from twin.core.errors import TwinError


def _no_screen() -> bool:
    return (sys.platform.startswith("linux") and not os.environ.get("DISPLAY")
            and not os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("QT_QPA_PLATFORM"))


def run_app(inputs: list[str], lang: str | None = None) -> int:
    """The planner window on ``inputs``, in ``lang`` (default: the setting, else the system's)."""
    if _no_screen():  # Qt would abort with a cryptic plugin error
        print("twin: no display found; the app needs a screen (twin render makes images "
              "without one)", file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication, QMessageBox

    from twin._qt.i18n import install_language, startup_language
    from twin.io.autoscene import load_scene_or_files
    from twin.io.loading import Preload

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("twin")
    install_language(app, startup_language(lang))
    try:
        scene = load_scene_or_files(inputs)
    except TwinError as exc:
        QMessageBox.critical(None, "twin", exc.message)

        print(f"twin: {exc.message}", file=sys.stderr)
        return 2
    # the first frame's layers read while the window's modules (VTK, pyvista: over a second)
    # are imported; no collection meanwhile (the window's loader takes over that rule: a
    # collection in a worker thread must not finalise the GUI thread's objects)
    gc.disable()
    first = Preload(scene)
    from twin._qt.main_window import MainWindow
    window = MainWindow(scene, preload=first)
    window.show()
    return app.exec()
