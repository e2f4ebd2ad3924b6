"""Plugins in the app: the plugin manager, algorithm dialogs and the Python console."""

from __future__ import annotations

import code
import contextlib
import io
import sys
import traceback

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel,
    QLineEdit, QPlainTextEdit, QProgressBar, QPushButton, QSpinBox, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from twin.api import Algorithm, Layer
from twin.core.errors import Canceled, TwinError
from twin.core.feedback import Feedback
from twin.core.plugins import PluginManager
from twin.core.scene import Scene


class PluginManagerDialog(QDialog):
    """Every plugin with its version, state and contributions; ticking one on or off is
    written to the settings file and applies at the next start."""

    COLUMNS = ("Enabled", "Plugin", "Version", "State", "Contributes")

    def __init__(self, manager: PluginManager, parent=None):
        super().__init__(parent)
        self.manager = manager
        self.setWindowTitle(self.tr("Plugins"))
        self.resize(820, 360)
        self.table = QTableWidget(len(manager.records), len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr("Enabled"), self.tr("Plugin"), self.tr("Version"),
                                              self.tr("State"), self.tr("Contributes")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        for row, record in enumerate(manager.records):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemIsUserCheckable | Qt.ItemIsEnabled)
            check.setCheckState(Qt.Unchecked if record.state == "disabled" else Qt.Checked)
            check.setData(Qt.UserRole, record.name)
            if record.builtin:   # twin cannot read files without them
                check.setFlags(Qt.ItemIsUserCheckable)
            state = record.state + (f": {record.reason}" if record.reason else "")
            summary = "; ".join(f"{k.replace('_', ' ')}: {', '.join(v)}"
                                for k, v in record.contributions.summary().items())
            for col, item in enumerate((check, QTableWidgetItem(record.name),
                                        QTableWidgetItem(record.version or ""),
                                        QTableWidgetItem(state), QTableWidgetItem(summary))):
                item.setToolTip(item.text() if col else "")
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.table.itemChanged.connect(self._toggled)
        self.note = QLabel(self.tr("Switching a plugin on or off takes effect at the next start."))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.table)
        box.addWidget(self.note)
        box.addWidget(buttons)

    def _toggled(self, item: QTableWidgetItem) -> None:
        name = item.data(Qt.UserRole)
        if name:
            self.manager.set_enabled(name, item.checkState() == Qt.Checked)
            text = (self.tr("'{}' will be on at the next start (saved in {}).") if item.checkState() == Qt.Checked
                    else self.tr("'{}' will be off at the next start (saved in {})."))
            self.note.setText(text.format(name, self.manager.settings.path))


class _AlgorithmWorker(QObject):
    progress = Signal(float, str)
    done = Signal(dict)
    failed = Signal(str)

    def __init__(self, algorithm: Algorithm, scene: Scene, values: dict):
        super().__init__()
        self.algorithm, self.scene, self.values = algorithm, scene, values
        self.feedback = Feedback(on_progress=lambda f, t: self.progress.emit(f, t),
                                 on_warning=lambda t: None)

    @Slot()
    def run(self) -> None:
        try:
            self.done.emit(self.algorithm(self.scene, self.feedback, **self.values))
        except Canceled:
            self.failed.emit(self.tr("Canceled."))
        except TwinError as exc:
            self.failed.emit(exc.message)
        except Exception as exc:   # the plugin's fault: it is switched off, twin goes on
            from twin.core.plugins import plugins
            reason = f"algorithm '{self.algorithm.name}' raised {type(exc).__name__}: {exc}"
            plugins().fail(self.algorithm, reason)
            self.failed.emit(self.tr("{}. Its plugin is switched off for this session.").format(reason))


class AlgorithmRunner:
    """What the algorithm dialog, the toolbox and the profile panel share: an algorithm run
    in a QThread of its own, its progress, results and failure handed back to the GUI
    thread, the Run and Cancel buttons kept in step. The widget has ``run_button``,
    ``cancel_button`` and the ``_progress``, ``_done`` and ``_failed`` slots."""

    def _start(self, algorithm: Algorithm, scene: Scene, values: dict) -> None:
        self.worker = _AlgorithmWorker(algorithm, scene, values)
        self.thread = QThread(self)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        # bound methods of the widget: Qt queues them to the GUI thread (a lambda would run
        # in the worker's thread and touch widgets from there)
        self.worker.progress.connect(self._progress)
        self.worker.done.connect(self._done)
        self.worker.failed.connect(self._failed)
        self.cancel_button.clicked.connect(self.worker.feedback.cancel)
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.thread.start()

    def _stop(self, can_run_again: bool = True) -> None:
        self.cancel_button.clicked.disconnect(self.worker.feedback.cancel)
        self.thread.quit()
        self.thread.wait()
        self.thread = None
        self.run_button.setEnabled(can_run_again)
        self.cancel_button.setEnabled(False)


class AlgorithmDialog(QDialog, AlgorithmRunner):
    """A form from the algorithm's typed parameters; runs off the GUI thread with a
    progress bar and a Cancel button, and shows the results."""

    def __init__(self, algorithm: Algorithm, scene: Scene, parent=None):
        super().__init__(parent)
        self.algorithm, self.scene = algorithm, scene
        self.setWindowTitle(algorithm.title)
        self.fields: dict[str, QWidget] = {}
        form = QFormLayout()
        if algorithm.description:
            form.addRow(QLabel(algorithm.description))
        for p in algorithm.parameters:
            widget = self._field(p)
            widget.setAccessibleName(p.label or p.name)
            self.fields[p.name] = widget
            form.addRow(p.label or p.name, widget)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.result = QPlainTextEdit(readOnly=True)
        self.run_button = QPushButton(self.tr("Run"))
        self.run_button.clicked.connect(self.run)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.progress)
        box.addWidget(self.run_button)
        box.addWidget(self.cancel_button)
        box.addWidget(self.result)
        self.thread: QThread | None = None

    def _field(self, p) -> QWidget:
        if p.type is Layer:
            combo = QComboBox()
            for layer in self.scene.layers.leaves():
                combo.addItem(layer.name, layer)
            return combo
        if p.type is bool:
            check = QCheckBox()
            check.setChecked(bool(p.default))
            return check
        if p.type in (int, float):
            spin = QSpinBox() if p.type is int else QDoubleSpinBox()
            spin.setRange(p.minimum if p.minimum is not None else -1e9, p.maximum if p.maximum is not None else 1e9)
            if p.default is not None:
                spin.setValue(p.default)
            return spin
        edit = QLineEdit("" if p.default is None else str(p.default))
        return edit

    def values(self) -> dict:
        out = {}
        for name, w in self.fields.items():
            if isinstance(w, QComboBox):
                out[name] = w.currentData()
            elif isinstance(w, QCheckBox):
                out[name] = w.isChecked()
            elif isinstance(w, (QSpinBox, QDoubleSpinBox)):
                out[name] = w.value()
            else:
                out[name] = w.text()
        return out

    def run(self) -> None:
        self.result.setPlainText("")
        self._start(self.algorithm, self.scene, self.values())

    def _finish(self) -> None:
        self._stop()

    def _progress(self, fraction: float, _text: str) -> None:
        self.progress.setValue(int(fraction * 1000))

    def _done(self, results: dict) -> None:
        self._finish()
        self.progress.setValue(1000)
        self.result.setPlainText("\n".join(f"{k}: {v}" for k, v in results.items()))

    def _failed(self, message: str) -> None:
        self._finish()
        self.result.setPlainText(message)

    def closeEvent(self, event) -> None:
        if self.thread is not None:
            self.worker.feedback.cancel()
            self._finish()
        super().closeEvent(event)


class _Console(code.InteractiveConsole):
    """Tracebacks always into the console: the stock one hands them to sys.excepthook
    when an application (Qt, pytest-qt) has replaced it."""

    def showtraceback(self) -> None:
        kind, value, tb = sys.exc_info()
        self.write("".join(traceback.format_exception(kind, value, tb.tb_next if tb else None)))

    def showsyntaxerror(self, filename=None, **kwargs) -> None:
        kind, value, _tb = sys.exc_info()
        self.write("".join(traceback.format_exception_only(kind, value)))


class PythonConsole(QWidget):
    """A Python prompt on the live model: ``scene``, ``api``, ``algorithms``, ``window``.
    Output and errors show in the console, never in a dialog or on the terminal."""

    def __init__(self, namespace: dict, parent=None):
        super().__init__(parent)
        self.output = QPlainTextEdit(readOnly=True)
        self.output.setPlainText("# twin Python console — scene, api, algorithms, window\n")
        self.input = QLineEdit()
        self.input.setPlaceholderText(">>> ")
        self.input.setAccessibleName(self.tr("Python input"))
        self.input.returnPressed.connect(self._enter)
        self.input.installEventFilter(self)
        self.console = _Console(namespace)
        self.history: list[str] = []
        self._back = 0
        box = QVBoxLayout(self)
        box.addWidget(self.output)
        box.addWidget(self.input)

    def run(self, line: str) -> str:
        """Run one line as at a prompt; what it printed (results and tracebacks)."""
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
            more = self.console.push(line)
        self.output.appendPlainText(("... " if more else ">>> ") + line)
        if buffer.getvalue():
            self.output.appendPlainText(buffer.getvalue().rstrip("\n"))
        return buffer.getvalue()

    def _enter(self) -> None:
        line = self.input.text()
        self.input.clear()
        if line.strip():
            self.history.append(line)
        self._back = 0
        self.run(line)

    def eventFilter(self, obj, event) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QKeyEvent.KeyPress and self.history:
            if event.key() in (Qt.Key_Up, Qt.Key_Down):
                step = 1 if event.key() == Qt.Key_Up else -1
                self._back = max(0, min(len(self.history), self._back + step))
                self.input.setText(self.history[-self._back] if self._back else "")
                return True
        return False
