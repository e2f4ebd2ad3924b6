"""Errors a user can read: which file, what is wrong, what to do."""

from __future__ import annotations

from pathlib import Path


class TwinError(Exception):
    """Base of every error twin reports to a user instead of a traceback."""

    def __init__(self, what: str, *, path: str | Path | None = None, hint: str | None = None):
        self.path = Path(path) if path is not None else None
        self.what = what
        self.hint = hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = f"{self.path}: {self.what}" if self.path else self.what
        return f"{text} — {self.hint}" if self.hint else text


class DataError(TwinError):
    """A data file cannot be read or is not usable as it is."""


class UnsupportedFileError(DataError):
    """No importer recognises the file."""


class SceneFileError(TwinError):
    """A scene file is invalid; names the key and, when known, the line."""

    def __init__(self, what: str, *, path=None, key: str | None = None, line: int | None = None,
                 hint: str | None = None):
        self.key = key
        self.line = line
        from twin.core.i18n import message
        where = []
        if line is not None:
            where.append(message("line {}").format(line))
        if key:
            where.append(message("key '{}'").format(key))

        super().__init__(message("{}: {}").format(", ".join(where), what) if where else what, path=path, hint=hint)



class Canceled(Exception):
    """Raised inside long work when the user cancels it; never shown as an error."""
