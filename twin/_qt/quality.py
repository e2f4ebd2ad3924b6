"""A window's 3D view at the quality level its machine affords (twin._vtk.quality).

The GL renderer is known once the view's own context exists, after its first frame: the
level is set then, and the frame drawn again with it. A GPU gets ambient occlusion and the
sun's shadow maps; Mesa's llvmpipe keeps its frame rate with none of them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from twin._qt.view import RETRY_MS
from twin._vtk.offscreen import VTK_LOCK
from twin._vtk.quality import CHOICES, detect, resolve
from twin.core.settings import Settings

translate = QCoreApplication.translate


class FollowMachine:
    """Sets ``mirror``'s level from ``choice`` ("auto" or a level) after ``view``'s first
    frame; ``level`` is None until then."""

    def __init__(self, view, mirror, choice: str = "auto"):
        self.view, self.mirror, self.choice = view, mirror, choice
        self.renderer: str | None = None
        self.level = None
        self._observer = view.ren_win.AddObserver("EndEvent", self._drawn)

    def _drawn(self, *_args) -> None:
        # passes are not changed inside a frame: the level is set right after it
        if self._observer is not None:
            self.view.ren_win.RemoveObserver(self._observer)
            self._observer = None
            QTimer.singleShot(0, self.apply)

    def apply(self, choice: str | None = None) -> None:
        """The level for ``choice`` (default: the one given) on this view's renderer."""
        if choice is not None:
            self.choice = choice
        if self.view.ren_win is None:       # the window closed before its first frame's level
            return
        if not VTK_LOCK.acquire(blocking=False):
            # a worker draws offscreen (a tour video): asking GL now would deadlock Mesa
            QTimer.singleShot(RETRY_MS, self.apply)
            return
        try:
            if self.renderer is None:
                self.renderer = detect(self.view.ren_win)
            self.level = resolve(self.choice, self.renderer)
            self.mirror.quality.set(self.level)
        finally:
            VTK_LOCK.release()
        self.view.render()


def quality_menu(parent, follow: FollowMachine) -> QMenu:
    """"3D quality": automatic (from the machine) or a level forced, kept in the user's
    settings for the next start."""
    menu = QMenu(translate("QualityMenu", "3D &quality"), parent)
    group = QActionGroup(menu)
    texts = {"auto": translate("QualityMenu", "&Automatic (from this machine's graphics)"), "low": translate("QualityMenu", "&Low: no effect (fastest)"),
             "medium": translate("QualityMenu", "&Medium: smoothed edges, the sun's shadows on buildings"),
             "high": translate("QualityMenu", "&High: also ambient occlusion and multisampling (a GPU)")}
    for choice in CHOICES:
        action = QAction(texts[choice], menu, checkable=True, checked=choice == follow.choice)
        action.setData(choice)
        group.addAction(action)
        menu.addAction(action)
    group.triggered.connect(lambda action: _choose(follow, action.data()))
    return menu


def _choose(follow: FollowMachine, choice: str) -> None:
    settings = Settings.load()
    settings.view_quality = choice
    settings.save()
    follow.apply(choice)
