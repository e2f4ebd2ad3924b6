"""Importers, contributed by plugins (twin.core.plugins), the built-ins exactly like a
third party's. Importer modules keep their heavy imports (rasterio, geopandas, laspy)
inside methods, so ``twin --help`` stays instant. An importer that raises where it
should not (a bug, not a bad file) switches its plugin off for the session, with the
reason, and the file gets a clear error instead of a traceback.
"""

from __future__ import annotations

from inspect import signature
from pathlib import Path
from typing import Any

from twin.core.contrib import Importer
from twin.core.data import FileInfo
from twin.core.errors import Canceled, DataError, TwinError, UnsupportedFileError
from twin.io.sniff import describe_content
from twin.core.i18n import message


def guarded(importer: Importer, what: str, path: Path, fn, *args, **kwargs) -> Any:
    """Call an importer's method; its own unexpected exceptions become a DataError, and a
    third party's that hangs is stopped waiting for (twin.io.limits)."""
    from twin.io.limits import importer_call
    try:
        return importer_call(importer, what, path, lambda: fn(*args, **kwargs))
    except (TwinError, Canceled):
        raise
    except Exception as exc:
        from twin.core.plugins import plugins
        reason = f"importer '{importer.name}' raised {type(exc).__name__} in {what}(): {exc}"
        plugins().fail(importer, reason)
        raise DataError(message("could not be read: {}").format(reason), path=path,
                        hint=message("this is a bug in that importer; please report it")) from None


class Registry:
    """The importers of the enabled plugins, asked in order (built-ins first)."""

    def loaded(self) -> list[Importer]:
        from twin.core.plugins import plugins
        return plugins().importers()

    def suffixes(self) -> list[str]:
        return sorted({s for imp in self.loaded() for s in imp.suffixes})

    def find(self, path: str | Path) -> Importer:
        """The importer for a file, by extension then content; a clear error otherwise."""
        path = Path(path)
        if not path.exists():
            raise DataError(message("file not found"), path=path)
        if path.is_dir():
            raise DataError(message("is a folder, not a data file"), path=path,
                            hint=message("give the files inside it"))
        if path.stat().st_size == 0:
            raise DataError(message("file is empty (0 bytes)"), path=path,
                            hint=message("the download or copy may have failed; fetch it again"))
        suffix = "".join(path.suffixes[-2:]).lower() if len(path.suffixes) > 1 else ""
        # the more specific extension first: a plugin's ".stations.csv" before any ".csv"
        by_suffix = [imp for imp in self.loaded() if suffix and suffix in imp.suffixes]
        by_suffix += [imp for imp in self.loaded() if path.suffix.lower() in imp.suffixes and imp not in by_suffix]
        for imp in [*by_suffix, *(imp for imp in self.loaded() if imp not in by_suffix)]:
            try:
                if guarded(imp, "sniff", path, imp.sniff, path):
                    return imp
            except DataError:   # that importer is off now; the others may know the file
                continue
        content = describe_content(path)
        for imp in by_suffix:     # an importer may say why it refused (a CSV with no coordinates)
            explain = getattr(imp, "explain", None)
            if explain is not None:
                what, hint = explain(path)
                raise UnsupportedFileError(what, path=path, hint=hint)
        if by_suffix:
            raise DataError(message("is not a valid {} file: it looks like {}").format(path.suffix, content),
                            path=path, hint=message("the file may be truncated, corrupt or misnamed"))
        raise UnsupportedFileError(
            message("no importer for this file (it looks like {})").format(content), path=path,
            hint=message("supported extensions: {}").format(" ".join(self.suffixes())))



_registry: Registry | None = None


def registry() -> Registry:
    global _registry
    if _registry is None:
        _registry = Registry()
    return _registry


def file_info(path: str | Path, layer: str | None = None) -> FileInfo:
    """What the importer of a file sees in it; ``layer``: one layer of a multi-layer file."""
    path = Path(path)
    importer = registry().find(path)
    if layer is None:
        return guarded(importer, "info", path, importer.info, path)
    if importer.kind != "vector" or "layer" not in signature(importer.info).parameters:
        raise DataError(message("has no layers to choose from (it is read by the '{}' importer)").format(
                            importer.name),
                        path=path, hint=message("--layer applies to multi-layer vector files such as a GeoPackage"))
    return guarded(importer, "info", path, importer.info, path, layer=layer)
