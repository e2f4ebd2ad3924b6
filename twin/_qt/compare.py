"""Two states side by side: beside the main view, a second view of the same scene pinned
to another state (the town today, or another variant), the two cameras moving as one.

Each view says what it shows in its top-left corner, so a photo of the screen in a
council meeting still tells "before" from "after"."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from pyvistaqt import QtInteractor

from twin._qt.view import SceneView

from twin._vtk.mirror import SceneMirror
from twin._vtk.offscreen import theme
from twin.projects.edits import BASELINE
from twin.projects.model import Projects


def state_name(variant) -> str:
    return BASELINE if variant is None else f"{variant[0]} — {variant[1]}"


class CompareView(SceneView):
    def __init__(self, main_view: QtInteractor, main_mirror: SceneMirror, variant, parent=None):
        super().__init__(parent, theme=theme(), auto_update=False)
        self.main_view, self.main_mirror = main_view, main_mirror
        self.scene = main_mirror.scene
        self._render_timer = QTimer(self, singleShot=True, interval=0)
        self._render_timer.timeout.connect(self.render)
        self.mirror = SceneMirror(self.scene, self, on_render=self._render_timer.start, variant=variant)
        self._syncing = False
        self._observers = [(main_view.camera, main_view.camera.AddObserver("ModifiedEvent", self._follow_main)),
                           (self.camera, self.camera.AddObserver("ModifiedEvent", self._lead_main))]
        self._captions = {}
        Projects.of(self.scene).active_changed.connect(self._label)
        Projects.of(self.scene).changed.connect(self._label)
        self._follow_main()
        self._label()

    @property
    def variant(self):
        return self.mirror.shown_variant()

    def show_state(self, variant) -> None:
        self.mirror.pin(variant)
        self._label()

    def _label(self, *_args) -> None:
        for plotter, text in ((self.main_view, state_name(self.main_mirror.shown_variant())),
                              (self, state_name(self.variant))):
            old = self._captions.pop(id(plotter), None)
            if old is not None:
                plotter.remove_actor(old, render=False)
            self._captions[id(plotter)] = plotter.add_text(text, position="upper_left", font_size=14, color="black",
                                                           shadow=False, name="compare-caption")
        self.main_view.render()
        self._render_timer.start()

    def _sync(self, src, dst, dst_view, render) -> None:
        """Copies one camera to the other; the guard stops the echo (each copy, and each
        clipping-range update, modifies the camera it lands on)."""
        if self._syncing:
            return
        self._syncing = True
        try:
            dst.position, dst.focal_point, dst.up = src.position, src.focal_point, src.up
            dst.view_angle = src.view_angle
            dst_view.renderer.ResetCameraClippingRange()
        finally:
            self._syncing = False
        render()

    def _follow_main(self, *_args) -> None:
        self._sync(self.main_view.camera, self.camera, self, self._render_timer.start)

    def _lead_main(self, *_args) -> None:
        self._sync(self.camera, self.main_view.camera, self.main_view, self.main_view.render)

    def close(self) -> None:
        for camera, tag in self._observers:
            camera.RemoveObserver(tag)
        Projects.of(self.scene).active_changed.disconnect(self._label)
        Projects.of(self.scene).changed.disconnect(self._label)
        caption = self._captions.pop(id(self.main_view), None)
        if caption is not None:
            self.main_view.remove_actor(caption, render=False)
            self.main_view.render()
        self.mirror.close()
        super().close()
