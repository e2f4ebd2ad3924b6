"""Importers, discovered through the ``twin.importers`` entry-point group.

Built-ins are registered in pyproject.toml exactly like a third party's. An entry point
is loaded only when a file needs an importer, and importer modules keep their heavy
imports (rasterio, geopandas, laspy) inside methods, so ``twin --help`` stays instant.
A plugin that fails to load is recorded with its reason and skipped, never fatal.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import Protocol

from twin.data import FileInfo
from twin.errors import DataError, UnsupportedFileError
from twin.feedback import Feedback
from twin.sniff import describe_content

GROUP = "twin.importers"


class Importer(Protocol):
    name: str
    kind: str                       # pointcloud | vector | raster | mesh
    suffixes: tuple[str, ...]       # lower-case, with the dot

    def sniff(self, path: Path) -> bool:
        """True when the bytes look like this format (cheap: a header read)."""

    def info(self, path: Path) -> FileInfo: ...

    def read(self, path: Path, feedback: Feedback): ...


@dataclass
class ImporterEntry:
    name: str
    value: str
    importer: Importer | None = None
    error: str | None = None


class Registry:
    def __init__(self, group: str = GROUP):
        self._eps = {ep.name: ep for ep in entry_points(group=group)}
        self.entries = [ImporterEntry(ep.name, ep.value) for ep in self._eps.values()]

    def _load(self, entry: ImporterEntry) -> Importer | None:
        if entry.importer is None and entry.error is None:
            try:
                entry.importer = self._eps[entry.name].load()()
            except Exception as exc:  # a broken plugin must not break twin
                entry.error = f"{type(exc).__name__}: {exc}"
        return entry.importer

    def loaded(self) -> list[Importer]:
        return [imp for entry in self.entries if (imp := self._load(entry)) is not None]

    def suffixes(self) -> list[str]:
        return sorted({s for imp in self.loaded() for s in imp.suffixes})

    def find(self, path: str | Path) -> Importer:
        """The importer for a file, by extension then content; a clear error otherwise."""
        path = Path(path)
        if not path.exists():
            raise DataError("file not found", path=path)
        if path.is_dir():
            raise DataError("is a folder, not a data file", path=path,
                            hint="give the files inside it")
        if path.stat().st_size == 0:
            raise DataError("file is empty (0 bytes)", path=path,
                            hint="the download or copy may have failed; fetch it again")
        suffix = "".join(path.suffixes[-2:]).lower() if len(path.suffixes) > 1 else ""
        by_suffix = [imp for imp in self.loaded()
                     if path.suffix.lower() in imp.suffixes or suffix in imp.suffixes]
        for imp in by_suffix:
            if imp.sniff(path):
                return imp
        for imp in self.loaded():
            if imp not in by_suffix and imp.sniff(path):
                return imp
        content = describe_content(path)
        if by_suffix:
            raise DataError(f"is not a valid {path.suffix} file: it looks like {content}",
                            path=path, hint="the file may be truncated, corrupt or misnamed")
        raise UnsupportedFileError(
            f"no importer for this file (it looks like {content})", path=path,
            hint=f"supported extensions: {' '.join(self.suffixes())}")


_registry: Registry | None = None


def registry() -> Registry:
    global _registry
    if _registry is None:
        _registry = Registry()
    return _registry


def file_info(path: str | Path) -> FileInfo:
    path = Path(path)
    return registry().find(path).info(path)
