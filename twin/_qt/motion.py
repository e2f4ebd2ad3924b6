"""Who tells the 3D view that its camera moves (``SceneMirror.interacting``): a mouse
drag or wheel zoom through VTK's interactor, a touch gesture, a tour's flight. The full
picture comes back ``DELAY_MS`` after the last move, so that a pause in a drag draws it
again and the point clouds and terrain refine."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer

from twin._vtk.mirror import SceneMirror

DELAY_MS = 200


class MotionWatch(QObject):
    """Sets ``mirror.interacting`` while ``view`` (a SceneView) is moved, and that of the
    views that ``follow`` it (a side-by-side comparison moves with the main view)."""

    def __init__(self, view, mirror: SceneMirror, parent: QObject | None = None):
        super().__init__(parent or view)
        self.mirrors = [mirror]
        self._held = False
        self._timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self._timer.timeout.connect(self.still)
        style = view.iren.interactor.GetInteractorStyle()     # drags, and the wheel's dolly
        if style is not None:
            style.AddObserver("StartInteractionEvent", lambda *_: self.begin())
            style.AddObserver("EndInteractionEvent", lambda *_: self.end())
        view.installEventFilter(self)

    def follow(self, mirror: SceneMirror) -> None:
        mirror.interacting = self.mirrors[0].interacting
        self.mirrors.append(mirror)

    def unfollow(self, mirror: SceneMirror) -> None:
        if mirror in self.mirrors[1:]:
            self.mirrors.remove(mirror)

    def _set(self, on: bool) -> None:
        for mirror in self.mirrors:
            mirror.interacting = on

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Wheel, QEvent.TouchUpdate):
            self.moved()
        return False

    def begin(self) -> None:
        """A drag starts: moving until ``end``."""
        self._held = True
        self._timer.stop()
        self._set(True)

    def end(self) -> None:
        self._held = False
        self._timer.start()

    def moved(self) -> None:
        """One step of a move (a wheel notch, a touch frame, a flight's frame)."""
        self._set(True)
        if not self._held:
            self._timer.start()

    def still(self) -> None:
        """Full quality now (a tour holds on a stop, the delay ran out)."""
        self._held = False
        self._timer.stop()
        self._set(False)

    def flying(self, in_flight: bool) -> None:
        """A tour's frame: moving while it flies, the full picture as soon as it holds."""
        if in_flight:
            self.moved()
        else:
            self.still()
