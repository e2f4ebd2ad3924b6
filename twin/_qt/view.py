"""The 3D view of the app's windows: pyvistaqt's QtInteractor that never draws while a
worker thread draws offscreen (the report's views, a tour video): VTK and Mesa deadlock
when two threads draw at once. Such a frame is skipped and drawn again shortly after."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from pyvistaqt import QtInteractor

from twin._vtk.offscreen import VTK_LOCK

RETRY_MS = 40


class SceneView(QtInteractor):
    def _render(self, *args, **kwargs):
        if not VTK_LOCK.acquire(blocking=False):
            QTimer.singleShot(RETRY_MS, self.render)
            return None
        try:
            return super()._render(*args, **kwargs)
        finally:
            VTK_LOCK.release()

    def paintEvent(self, event) -> None:
        if not VTK_LOCK.acquire(blocking=False):
            QTimer.singleShot(RETRY_MS, self.update)
            return
        try:
            super().paintEvent(event)
        finally:
            VTK_LOCK.release()
