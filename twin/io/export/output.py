"""Where an export lands: checked before minutes of loading, written beside its
destination and renamed into place, so a failure never leaves half a tileset or a
truncated GLB behind."""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from twin.core.errors import TwinError
from twin.core.i18n import message


@dataclass
class Written:
    """What an export wrote, for the command line and the benchmark."""

    path: Path
    layers: int
    triangles: int
    features: int
    files: int
    bytes: int


def _cannot_write(path: Path, exc: OSError) -> TwinError:
    return TwinError(message("cannot write here ({})").format(exc.strerror or exc), path=path,
                     hint=message("choose a folder you can write to"))


def check_outputs(glb: Path | None = None, tiles: Path | None = None, force: bool = False) -> None:
    """Refuse a bad destination before minutes of loading; the writers check again."""
    if glb is not None and Path(glb).is_dir():
        raise TwinError(message("is a folder; give a file name such as maquette.glb"), path=glb)
    if tiles is None:
        return
    folder = Path(tiles)
    if folder.exists() and not folder.is_dir():
        raise TwinError(message("is a file; 3D Tiles are written to a folder"), path=folder)
    if folder.is_dir() and any(folder.iterdir()):
        if not force:
            raise TwinError(message("exists and is not empty"), path=folder,
                            hint=message("pass --force to replace a previous export, or choose another "
                                         "folder"))
        if not (folder / "tileset.json").is_file():   # --force on the wrong folder must not delete
            raise TwinError(message("is not empty and holds no tileset.json: twin replaces only its own "
                                    "exports"),
                            path=folder, hint=message("choose another folder"))


def _aside(path: Path, what: str) -> Path:
    return path.with_name(f".{path.name}.{what}-{secrets.token_hex(4)}")


@contextmanager
def staged_file(path: Path) -> Iterator[Path]:
    """Yields a temporary name beside ``path``, renamed onto it once written."""
    check_outputs(glb=path)
    tmp = _aside(path, "tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        yield tmp
        os.replace(tmp, path)
    except BaseException as exc:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _cannot_write(path, exc) from None
        raise


@contextmanager
def staged_folder(folder: Path, force: bool) -> Iterator[Path]:
    """Yields a temporary folder beside ``folder`` that replaces it once complete: only an
    empty folder or, with ``force``, a previous export (it has a tileset.json)."""
    check_outputs(tiles=folder, force=force)
    tmp = _aside(folder, "tmp")
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp.mkdir()
        yield tmp
        old = _aside(folder, "old")
        if folder.exists():
            folder.rename(old)
        tmp.rename(folder)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, OSError):
            raise _cannot_write(folder, exc) from None
        raise
