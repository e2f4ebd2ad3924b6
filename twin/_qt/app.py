"""Start the Qt application on a scene (or data files)."""

from __future__ import annotations

import sys

from twin.errors import TwinError


def run_app(inputs: list[str]) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from twin._qt.main_window import MainWindow
    from twin.cli import load_scene_or_files

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("twin")
    try:
        scene = load_scene_or_files(inputs)
    except TwinError as exc:
        QMessageBox.critical(None, "twin", exc.message)
        print(f"twin: {exc.message}", file=sys.stderr)
        return 2
    window = MainWindow(scene)
    window.show()
    return app.exec()
