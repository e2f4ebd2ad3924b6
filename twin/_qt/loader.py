"""Loading off the GUI thread: a QThread runs twin.io.loading, a progress dialog can cancel
it, and the finished data is handed to the layers back on the GUI thread."""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from twin.core.errors import Canceled, TwinError
from twin.core.feedback import Feedback
from twin.io.loading import LoadResult, Preload, apply_results, load_scene_data
from twin.core.scene import Scene


class _GuiThreadGC:
    """While workers run, cyclic garbage is collected on the GUI thread only (every
    second, by a timer there). A collection that a worker's allocations trigger would
    finalise whatever the GUI thread left behind — Qt widgets, VTK render windows — in
    the worker, and destroying those off their thread aborts the process."""

    holders: set[int] = set()
    timer: QTimer | None = None

    @classmethod
    def acquire(cls, holder) -> None:
        if not cls.holders:
            gc.disable()
            cls.timer = QTimer(QCoreApplication.instance(), interval=1000)
            cls.timer.timeout.connect(gc.collect)
            cls.timer.start()
        cls.holders.add(id(holder))

    @classmethod
    def release(cls, holder) -> None:
        """Idempotent: a task stopped twice (canceled, then its worker's answer) releases once."""
        if id(holder) not in cls.holders:
            return
        cls.holders.discard(id(holder))
        if not cls.holders:
            cls.timer.stop()
            cls.timer.deleteLater()
            cls.timer = None
            gc.enable()


class _Worker(QObject):
    progress = Signal(float, str)
    done = Signal(list)
    canceled = Signal()
    crashed = Signal(str)

    def __init__(self, scene: Scene, layers, preload: Preload | None = None):
        super().__init__()
        self.scene, self.layers, self.preload = scene, layers, preload
        if preload is None:
            self.feedback = Feedback(on_progress=lambda f, t: self.progress.emit(f, t),
                                     on_warning=lambda t: None)
        else:           # already reading: its cancel, its progress
            self.feedback = preload.feedback
            preload.listener = lambda f, t: self.progress.emit(f, t)

    @Slot()
    def run(self) -> None:
        try:
            if self.preload is not None:
                results = self.preload.results()
            else:
                results = load_scene_data(self.scene, self.feedback, self.layers)
        except Canceled:
            self.canceled.emit()
        except Exception as exc:  # shown in the status bar, never a crash
            self.crashed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.done.emit(results)


class SceneLoader(QObject):
    """Loads layers in a worker thread, or waits there for a ``preload`` already reading
    them; ``finished(results)`` fires on the GUI thread."""

    finished = Signal(list)
    failed = Signal(str)
    progress = Signal(float, str)

    def __init__(self, scene: Scene, layers=None, parent: QWidget | None = None, show_dialog=True,
                 preload: Preload | None = None):
        super().__init__(parent)
        self.thread = QThread(self)
        self.worker = _Worker(scene, layers, preload)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        # methods of this GUI-thread object, so Qt queues them there (a lambda would run in
        # the worker's thread, which cannot wait for itself to end)
        self.worker.done.connect(self._done)
        self.worker.canceled.connect(self._canceled)
        self.worker.crashed.connect(self._end)
        self.worker.progress.connect(self.progress)
        self.dialog = None
        if show_dialog:
            self.dialog = QProgressDialog(self.tr("Loading…"), self.tr("Cancel"), 0, 1000, parent)
            self.dialog.setWindowTitle("twin")
            self.dialog.setMinimumDuration(400)
            self.dialog.canceled.connect(self.cancel)
            self.progress.connect(self._progress)

    def start(self) -> None:
        _GuiThreadGC.acquire(self)
        self.thread.start()

    def cancel(self) -> None:
        self.worker.feedback.cancel()

    def _progress(self, fraction: float, text: str) -> None:
        if self.dialog is not None:
            self.dialog.setLabelText(text)
            self.dialog.setValue(int(fraction * 1000))

    def _done(self, results: list[LoadResult]) -> None:
        self._stop()
        self.finished.emit(results)

    def _canceled(self) -> None:
        self._end(None)

    def _end(self, message: str | None) -> None:
        self._stop()
        if message:
            self.failed.emit(message)
        else:
            self.finished.emit([])

    def _stop(self) -> None:
        if self.dialog is not None:
            self.dialog.reset()
        self.thread.quit()
        self.thread.wait()
        _GuiThreadGC.release(self)


class _TaskWorker(QObject):
    progress = Signal(float, str)
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, work):
        super().__init__()
        self.work = work
        self.feedback = Feedback(on_progress=lambda f, t: self.progress.emit(f, t), on_warning=lambda t: None)

    @Slot()
    def run(self) -> None:
        try:
            self.done.emit(self.work(self.feedback))
        except Canceled:
            self.failed.emit("")
        except TwinError as exc:
            self.failed.emit(exc.message)
        except Exception as exc:  # shown, never a crash
            self.failed.emit(f"{type(exc).__name__}: {exc}")


class BackgroundTask(QObject):
    """``work(feedback)`` in a worker thread behind a cancellable progress dialog;
    ``finished(result)`` or ``failed(message)`` ("" when canceled) on the GUI thread."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, work, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.thread = QThread(self)
        self.worker = _TaskWorker(work)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.done.connect(self._done)
        self.worker.failed.connect(self._failed)
        self.worker.progress.connect(self._progress)
        self.dialog = QProgressDialog(title, self.tr("Cancel"), 0, 1000, parent)
        self.dialog.setWindowTitle("twin")

        self.dialog.setMinimumDuration(300)
        self.dialog.canceled.connect(self.worker.feedback.cancel)

    def start(self) -> None:
        _GuiThreadGC.acquire(self)
        self.thread.start()

    def _progress(self, fraction: float, text: str) -> None:
        self.dialog.setLabelText(text)
        self.dialog.setValue(int(fraction * 1000))

    def _stop(self) -> None:
        self.dialog.reset()
        self.thread.quit()
        self.thread.wait()
        _GuiThreadGC.release(self)

    def _done(self, result) -> None:
        self._stop()
        self.finished.emit(result)

    def _failed(self, message: str) -> None:
        self._stop()
        self.failed.emit(message)


def copy_task(scene: Scene, work, title: str, parent: QWidget | None = None) -> BackgroundTask:
    """``work(copy, feedback)`` in a worker thread on a copy of ``scene`` taken now, its
    data loaded there: work that moves the scene (variants, sun, layers, time) leaves the
    window's own scene and view as they are."""
    from twin.io.scene_file import snapshot
    rebuild = snapshot(scene)

    def run(feedback):
        copy = rebuild()
        apply_results(load_scene_data(copy, feedback.collecting([])))
        return work(copy, feedback)

    return BackgroundTask(run, title, parent)
