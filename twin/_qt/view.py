"""The 3D view of the app's windows: pyvistaqt's QtInteractor that never draws while a
worker thread draws offscreen (the report's views, a tour video): VTK and Mesa deadlock
when two threads draw at once. Such a frame is skipped and drawn again shortly after.
Closed, it lets go of its Qt context and surface (see ``close``)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from pyvistaqt import QtInteractor

from twin._vtk.offscreen import VTK_LOCK

RETRY_MS = 40


class SceneView(QtInteractor):
    def __init__(self, parent=None, theme=None, **kwargs):
        # pyvistaqt takes the global theme's multisampling (×4), not the one given: ×4
        # costs 2-4× a frame on llvmpipe, and the moving frame's scaling needs none
        if theme is not None:
            kwargs.setdefault("multi_samples", theme.multi_samples)
        super().__init__(parent, theme=theme, **kwargs)

    def close(self) -> None:
        """pyvistaqt's close, then its GL context and surface let go. pyvistaqt keeps them
        after a close, and once the window is deleted the surface's Python wrapper (a bare
        QSurface, whose end PySide cannot see) outlives it: the next Qt object made at the
        same address then came back from Qt as that QSurface — a window's menu, a top-level
        widget ("'QSurface' object has no attribute 'addAction'", in a CI run)."""
        super().close()
        self._forget_context()

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
