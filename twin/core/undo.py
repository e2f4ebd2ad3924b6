"""Undo and redo of what a planner does to the layers (no Qt: Qt's QUndoStack stays out of
the model, so scripts and tests undo the same way the window does).

``LayerHistory`` watches the layer tree: a rename, a style, a placement or an opacity
changed from any widget or script becomes a step by itself (the steps of one slider drag
merge); removing, duplicating and moving layers go through its methods, which do the change
and record it. ``UndoJournal`` puts several stacks (the layers', the projects') behind one
Edit ▸ Undo that undoes the last thing done, whichever stack holds it."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from psygnal import Signal

from twin.core.i18n import tr
from twin.core.layers import Layer, LayerGroup

MERGE_S = 1.0      # changes of one field of one layer closer than this are one step (a drag)


@dataclass
class Step:
    text: str
    undo: Callable[[], None]
    redo: Callable[[], None]
    key: tuple | None = None           # steps with one key, pushed within MERGE_S, merge
    at: float = field(default=0.0)


class UndoStack:
    """Steps done, steps undone. ``stepped`` says what happened ("push", "undo", "redo",
    "clear"), for a journal; ``changed`` fires after any of them."""

    changed = Signal()
    stepped = Signal(str)

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._undo: list[Step] = []
        self._redo: list[Step] = []
        self._clock = clock
        self._replaying = False

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_text(self) -> str:
        return self._undo[-1].text if self._undo else ""

    @property
    def redo_text(self) -> str:
        return self._redo[-1].text if self._redo else ""

    @property
    def replaying(self) -> bool:
        """True while a step is undone or redone (its own changes are not new steps)."""
        return self._replaying

    def push(self, step: Step) -> None:
        """Records a change already made."""
        step.at = self._clock()
        last = self._undo[-1] if self._undo else None
        if (step.key is not None and last is not None and last.key == step.key and not self._redo
                and step.at - last.at < MERGE_S):
            last.redo, last.at = step.redo, step.at         # the drag goes on: one step from its start
            self.changed.emit()
            return
        self._undo.append(step)
        self._redo.clear()
        self.stepped.emit("push")
        self.changed.emit()

    def undo(self) -> bool:
        if not self._undo:
            return False
        step = self._undo.pop()
        with self._replay():
            step.undo()
        self._redo.append(step)
        self.stepped.emit("undo")
        self.changed.emit()
        return True

    def redo(self) -> bool:
        if not self._redo:
            return False
        step = self._redo.pop()
        with self._replay():
            step.redo()
        step.at = 0.0                 # a redone step never merges with the next change
        self._undo.append(step)
        self.stepped.emit("redo")
        self.changed.emit()
        return True

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()
        self.stepped.emit("clear")
        self.changed.emit()

    @contextmanager
    def _replay(self):
        self._replaying = True
        try:
            yield
        finally:
            self._replaying = False


class LayerHistory(UndoStack):
    """The undo stack of a scene's layer tree (``root``)."""

    FIELDS = {"name": "Rename {}", "style": "Style of {}", "placement": "Placement of {}",
              "opacity": "Opacity of {}"}

    def __init__(self, root: LayerGroup, clock: Callable[[], float] = time.monotonic):
        super().__init__(clock)
        self.root = root
        self._watched: dict[int, tuple[Layer, Callable]] = {}
        root.tree_changed.connect(self._watch)
        self._watch()

    def close(self) -> None:
        """Stop listening (the scene may outlive the window holding this history)."""
        self.root.tree_changed.disconnect(self._watch)
        for layer, callback in self._watched.values():
            layer.events.disconnect(callback)
        self._watched.clear()

    def _watch(self) -> None:
        # removed layers stay watched: an undo brings them back with their history
        for layer in self.root.walk():
            if id(layer) not in self._watched:
                callback = lambda info, l=layer: self._field_changed(l, info)  # noqa: E731
                layer.events.connect(callback)
                self._watched[id(layer)] = (layer, callback)

    def _field_changed(self, layer: Layer, info) -> None:
        name = info.signal.name
        if self.replaying or name not in self.FIELDS:
            return
        new, old = info.args[0], info.args[1]
        label = layer.name if name != "name" else old
        self.push(Step(tr(self.FIELDS[name]).format(label), undo=lambda: setattr(layer, name, old),
                       redo=lambda: setattr(layer, name, new), key=(id(layer), name)))

    def change(self, layer: Layer, text: str, **values) -> None:
        """Several fields of ``layer`` set as one step (a style file loaded: style and opacity)."""
        old = {name: getattr(layer, name) for name in values}

        def put(fields: dict) -> None:
            for name, value in fields.items():
                setattr(layer, name, value)
        with self._replay():
            put(values)
        self.push(Step(text, undo=lambda: put(old), redo=lambda: put(values)))

    # -- structure: done here, recorded here -----------------------------------------------

    def remove(self, layer: Layer) -> None:
        parent, index = layer.parent, layer.parent.index(layer)
        parent.remove(layer)
        self.push(Step(tr("Remove {}").format(layer.name), undo=lambda: parent.insert(index, layer),
                       redo=lambda: parent.remove(layer)))

    def add(self, layer: Layer, parent: LayerGroup, index: int = 0) -> Layer:
        """A new layer (a basemap chosen in the menu) at ``index`` of ``parent``, undoable."""
        parent.insert(index, layer)
        self.push(Step(tr("Add {}").format(layer.name), undo=lambda: parent.remove(layer),
                       redo=lambda: parent.insert(index, layer)))
        return layer

    def duplicate(self, layer: Layer) -> Layer:
        """A copy of ``layer`` (its settings, not its loaded data) just below it."""
        copy = copy_layer(layer, tr("{} (copy)").format(layer.name))
        parent, index = layer.parent, layer.parent.index(layer) + 1
        parent.insert(index, copy)
        self.push(Step(tr("Duplicate {}").format(layer.name), undo=lambda: parent.remove(copy),
                       redo=lambda: parent.insert(index, copy)))
        return copy

    def move(self, layer: Layer, target: LayerGroup, index: int) -> None:
        """``LayerGroup.move`` (index counted after removal), undoable."""
        source, before = layer.parent, layer.parent.index(layer)
        source.move(layer, target, index)
        after = target.index(layer)
        if source is target and before == after:
            return
        self.push(Step(tr("Move {}").format(layer.name), undo=lambda: target.move(layer, source, before),
                       redo=lambda: source.move(layer, target, after)))


def copy_layer(layer: Layer, name: str) -> Layer:
    """A new layer with ``layer``'s settings (a group: with copies of its children)."""
    copy = replace(layer, name=name)
    if isinstance(layer, LayerGroup):
        for child in layer:
            copy.append(copy_layer(child, child.name))
    return copy


class UndoJournal:
    """One undo for several stacks: the last step pushed, undone or redone, whichever stack it
    went to. A stack only needs undo(), redo(), undo_text, redo_text and a ``stepped(str)``
    signal; steps undone from a stack's own buttons keep the journal in step."""

    changed = Signal()

    def __init__(self, *stacks):
        self._done: list = []        # the stack of each step that can be undone, oldest first
        self._undone: list = []
        self.stacks = stacks
        for stack in stacks:
            stack.stepped.connect(lambda what, s=stack: self._stepped(s, what))

    def _stepped(self, stack, what: str) -> None:
        if what == "push":
            self._done.append(stack)
            self._undone = [s for s in self._undone if s is not stack]
        elif what in ("undo", "redo"):
            source, target = (self._done, self._undone) if what == "undo" else (self._undone, self._done)
            for i in range(len(source) - 1, -1, -1):
                if source[i] is stack:
                    del source[i]
                    break
            target.append(stack)
        elif what == "clear":
            self._done = [s for s in self._done if s is not stack]
            self._undone = [s for s in self._undone if s is not stack]
        self.changed.emit()

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def undo_text(self) -> str:
        return self._done[-1].undo_text if self._done else ""

    @property
    def redo_text(self) -> str:
        return self._undone[-1].redo_text if self._undone else ""

    def undo(self) -> bool:
        return bool(self._done) and self._done[-1].undo()

    def redo(self) -> bool:
        return bool(self._undone) and self._undone[-1].redo()
