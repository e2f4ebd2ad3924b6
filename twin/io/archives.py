"""Archives as IGN and Etalab deliver them: ``.7z`` (BD TOPO, BD ORTHO, RGE ALTI, often
split in ``.7z.001``, ``.7z.002``…) and ``.zip``, looked into without unpacking, and only
the members a scene uses extracted, once, beside the scene.

A département's BD ORTHO is hundreds of 5 km tiles: unpacking it all to use four would
cost hours and tens of gigabytes. Members are written aside (``.part``) and renamed only
when the whole archive call succeeded, so an extracted file is always whole; a member
already extracted at its full size is not extracted again."""

from __future__ import annotations

import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from twin.core.errors import Canceled, DataError
from twin.core.feedback import Feedback
from twin.core.i18n import message

_SPLIT = re.compile(r"^(?P<base>.+\.7z)\.(?P<part>\d{3})$", re.IGNORECASE)
_PART_SUFFIX = ".part"
SIDECARS = (".dbf", ".shx", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".tfw", ".j2w", ".jgw", ".wld", ".aux.xml",
            ".ovr", ".mtl")


@dataclass(frozen=True)
class Member:
    name: str           # posix path inside the archive
    size: int           # uncompressed bytes

    @property
    def stem(self) -> str:
        """What a file and its sidecars share: "BATIMENT" of BATIMENT.shp, .dbf, .prj…"""
        parent, _, leaf = self.name.rpartition("/")
        return f"{parent}/{leaf.split('.')[0]}".lower()


def archive_name(path: Path) -> str | None:
    """The archive a file is (or a part of), by name: "X.7z" for X.7z.001; None if none."""
    name = path.name
    split = _SPLIT.match(name)
    if split:
        return split["base"]
    if name.lower().endswith((".7z", ".zip")):
        return name
    return None


def group_archives(paths: list[Path]) -> dict[Path, list[Path]]:
    """Archive (named as one file, X.7z) → its files on disk (the parts, in order)."""
    groups: dict[Path, list[Path]] = {}
    for path in paths:
        name = archive_name(path)
        if name is not None:
            groups.setdefault(path.with_name(name), []).append(path)
    return {key: sorted(parts) for key, parts in groups.items()}


class Archive:
    """One archive as downloaded: its members listed, some extracted."""

    def __init__(self, path: Path, parts: list[Path] | None = None):
        self.path = Path(path)
        self.parts = parts or [self.path]
        self._check_parts()
        self.members = self._list()

    @property
    def label(self) -> str:
        return f"{self.path.name}.001…{len(self.parts):03d}" if self.split else self.path.name

    @property
    def split(self) -> bool:
        return self.parts[0] != self.path

    @property
    def is_zip(self) -> bool:
        return self.path.suffix.lower() == ".zip"

    def _fail(self, what: str, hint: str) -> DataError:
        return DataError(what, path=self.path, hint=hint)

    def _check_parts(self) -> None:
        if not self.split:
            return
        numbers = [int(_SPLIT.match(p.name)["part"]) for p in self.parts]
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        if missing:
            shown = ", ".join(f".{n:03d}" for n in missing)
            raise self._fail(message("is split in parts and part {} is missing").format(shown),
                             hint=message("download every part of the archive into the same folder"))

    def _open_7z(self):
        import multivolumefile
        import py7zr
        if self.split:
            return py7zr.SevenZipFile(multivolumefile.open(self.path, mode="rb"), mode="r")
        return py7zr.SevenZipFile(open(self.path, "rb"), mode="r")

    def _damaged(self, exc: Exception) -> DataError:
        text = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
        if self.split:
            return self._fail(message("is incomplete or damaged ({}): parts .001 to .{:03d} are here and "
                                      "the last part may be missing").format(text, len(self.parts)),
                              hint=message("download every part again"))
        return self._fail(message("is damaged or incomplete ({})").format(text),
                          hint=message("the download may have been cut short; download it again"))

    def _list(self) -> list[Member]:
        try:
            if self.is_zip:
                with zipfile.ZipFile(self.path) as zf:
                    return [Member(i.filename, i.file_size) for i in zf.infolist() if not i.is_dir()]
            with self._open_7z() as sz:
                return [Member(i.filename, int(i.uncompressed or 0)) for i in sz.list() if not i.is_directory]
        except Exception as exc:        # zipfile's, py7zr's and the codecs' own error types, OSError
            raise self._damaged(exc) from None

    def with_sidecars(self, chosen: list[Member]) -> list[Member]:
        """The members and the files their readers open beside them (a shapefile's .dbf,
        a tile's .tfw), not their checksums or metadata."""
        stems, chosen = {m.stem for m in chosen}, set(chosen)
        return [m for m in self.members if m in chosen or (m.stem in stems and m.name.lower().endswith(SIDECARS))]

    def target(self, folder: Path, member: Member) -> Path:
        return folder / self.path.name.split(".")[0] / member.name

    def extract(self, members: list[Member], folder: Path, feedback: Feedback | None = None) -> list[Path]:
        """The members' files under ``folder``/<archive>/, extracted if not already there."""
        fb = feedback or Feedback()
        for m in members:       # a crafted "../" name must not write outside the folder
            if not self.target(folder, m).resolve().is_relative_to((folder / self.path.name.split(".")[0]).resolve()):
                raise self._fail(message("holds a file named {!r}, outside its own folder").format(m.name),
                                 hint=message("this archive is not an IGN or Etalab delivery; extract it "
                                              "by hand"))
        todo = [m for m in members if not (self.target(folder, m).is_file()
                                           and self.target(folder, m).stat().st_size == m.size)]
        if todo:
            folder.mkdir(parents=True, exist_ok=True)
            need, free = sum(m.size for m in todo), shutil.disk_usage(folder).free
            if need > free * 0.95:
                raise DataError(message("extracting {} files from {} needs {:.1f} GB and {:.1f} GB are free").format(
                                    len(todo), self.label, need / 1e9, free / 1e9), path=folder, hint=message("free some space, or build the scene "
                                                                                           "elsewhere (--out on another disk)"))
            parts = [self.target(folder, m).with_name(self.target(folder, m).name + _PART_SUFFIX) for m in todo]
            try:
                self._write(todo, parts, folder, _Progress(fb, need, self.label))
                fb.check()         # canceled as the last bytes came: still nothing kept
            except Canceled:
                _remove(parts)
                raise
            except DataError:
                _remove(parts)
                raise
            except Exception as exc:
                _remove(parts)
                raise self._damaged(exc) from None
            for part in parts:
                part.replace(part.with_name(part.name[:-len(_PART_SUFFIX)]))
        return [self.target(folder, m) for m in members]

    def _write(self, todo: list[Member], parts: list[Path], folder: Path, progress: "_Progress") -> None:
        for part in parts:
            part.parent.mkdir(parents=True, exist_ok=True)
        if self.is_zip:
            with zipfile.ZipFile(self.path) as zf:
                for member, part in zip(todo, parts):
                    progress.start(member.name)
                    with zf.open(member.name) as src, open(part, "wb") as dst:
                        while chunk := src.read(1 << 20):
                            dst.write(chunk)
                            progress.add(len(chunk))
            return
        from py7zr.io import Py7zIO, WriterFactory

        where = {self.target(folder, m).resolve().as_posix(): p for m, p in zip(todo, parts)}
        opened: list = []

        class Writer(Py7zIO):        # to the .part file, reporting and checking for cancel as it goes
            def __init__(self, path: Path):
                self.fh, self.written = open(path, "wb"), 0
                opened.append(self.fh)

            def write(self, data) -> int:
                self.fh.write(data)
                self.written += len(data)
                progress.add(len(data))
                return len(data)

            def read(self, size=None) -> bytes:
                return b""

            def seek(self, offset: int, whence: int = 0) -> int:
                return self.fh.seek(offset, whence)

            def flush(self) -> None:
                self.fh.flush()

            def size(self) -> int:
                return self.written

            def close(self) -> None:
                self.fh.close()

        class Factory(WriterFactory):
            def create(self, filename: str) -> Py7zIO:
                progress.start(Path(filename).name)
                return Writer(where[Path(filename).resolve().as_posix()])

        base = folder / self.path.name.split(".")[0]
        try:
            with self._open_7z() as sz:
                sz.extract(path=base, targets=[m.name for m in todo], factory=Factory())
        finally:
            for fh in opened:
                fh.close()


class _Progress:
    def __init__(self, fb: Feedback, total: int, label: str):
        self.fb, self.total, self.done, self.label, self.name = fb, max(total, 1), 0, label, ""

    def start(self, name: str) -> None:
        self.name = name.rsplit("/", 1)[-1]
        self.fb.progress(self.done / self.total, f"Extracting {self.name} from {self.label}")

    def add(self, n: int) -> None:
        self.fb.check()
        before = self.done
        self.done += n
        if self.done * 100 // self.total != before * 100 // self.total:   # each percent
            self.fb.progress(self.done / self.total, f"Extracting {self.name} from {self.label}")


def _remove(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)
