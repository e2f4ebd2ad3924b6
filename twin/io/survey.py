"""What each file of a commune's folder is for, as IGN and Etalab deliver them.

Each file is recognised by what its importer sees, not by its name alone: LiDAR tiles,
elevation rasters (an orthophoto textures them), BD TOPO buildings (with heights), Etalab
``batiments`` footprints and ``parcelles``, CityJSON and placed meshes, commune outlines,
any other vector. BD TOPO's GeoPackage is taken layer by layer (``batiment``, ``commune``,
vegetation, water, roads); archives (``.7z``, split ``.7z.001``…, ``.zip``) are looked
into and only what is used is extracted, once. With a commune, whatever lies outside its
window is left out — tiles in an archive by the coordinates in their IGN names, before
any extraction. Nothing is dropped silently: every file not used comes with the reason."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from twin.core.data import FileInfo
from twin.core.errors import TwinError, UnsupportedFileError
from twin.core.feedback import Feedback
from twin.core.layers.model import read_sidecar
from twin.geometry.heights import ALIASES
from twin.io.archives import Archive, Member, group_archives
from twin.io.area import Area, Commune, Outlines, find_area, list_communes, outlines_in
from twin.io.registry import file_info, registry

IGNORED = {".prj", ".dbf", ".shx", ".cpg", ".qix", ".sbn", ".sbx", ".xml", ".aux", ".md", ".txt", ".pdf",
           ".jpg", ".jpeg", ".png", ".mtl", ".toml", ".db", ".db-wal", ".db-shm", ".qmd", ".ovr",
           ".md5", ".tfw", ".j2w", ".jgw", ".wld", ".html", ".part"}
_HEIGHTS = {alias.lower() for key in ("hauteur", "altitude_maximale_toit") for alias in ALIASES[key]}
# BD TOPO's layers that a maquette shows, besides its buildings and commune outlines
CONTEXT = ("zone_de_vegetation", "surface_hydrographique", "troncon_de_route")
BDTOPO = {"batiment", "commune", *CONTEXT}
# IGN tile names carry their top-left corner in km, Lambert-93 (LHD_FXX_0684_7022_PTS_C_LAMB93…,
# 62-2021-0680-7025-LA93-0M20…, RGEALTI_FXX_0680_7025_MNT_LAMB93…)
_PAIR = re.compile(r"(?=(?<![0-9])(\d{3,4})[_-](\d{4})(?![0-9]))")


@dataclass
class Found:
    path: Path
    role: str     # lidar | dtm | ortho | parcels | buildings | footprints | model | vector | context | outline | skipped
    info: FileInfo | None = None
    reason: str = ""
    layer: str | None = None          # a layer of a multi-layer file (BD TOPO's GeoPackage)
    archive: str | None = None        # the archive it came from

    @property
    def outlines(self) -> Outlines | None:
        return outlines_in(self.path, self.info) if self.role == "outline" else None


def _suffix(name: str) -> str:
    parts = name.lower().rsplit("/", 1)[-1].split(".")
    return "." + ".".join(parts[-2:]) if len(parts) > 2 else ("." + parts[-1] if len(parts) > 1 else "")


def _readable(name: str) -> bool:
    known = set(registry().suffixes())
    suffix = _suffix(name)
    return (suffix in known or "." + suffix.rsplit(".", 1)[-1] in known) and not any(
        name.lower().endswith(s) for s in IGNORED)


def classify(path: Path) -> list[Found]:
    """What a file is for, from its content (``twin info``) and, to tell cadastre layers
    apart, its name and fields; a multi-layer file, layer by layer."""
    try:
        info = file_info(path)
    except UnsupportedFileError as exc:
        table = path.suffix.lower() in (".csv", ".parquet", ".xlsx")
        return [Found(path, "skipped", reason="a table, not a map layer (a table of readings or counts goes in a "
                                              "sensors, footfall or consumption layer)" if table else exc.what)]
    except TwinError as exc:
        return [Found(path, "skipped", reason=exc.what)]
    layers = info.details.get("layers") or []
    if info.kind == "vector" and len(layers) > 1:
        return _classify_layers(path, info, layers)
    return [_classify_one(path, info)]


def _classify_one(path: Path, info: FileInfo, layer: str | None = None) -> Found:
    if info.kind == "pointcloud":
        return Found(path, "lidar", info)
    if info.kind == "raster":
        return Found(path, "ortho" if info.details.get("role") == "image" else "dtm", info)
    if info.kind == "mesh":
        if info.crs is None and info.importer != "cityjson" and read_sidecar(path) is None:
            return Found(path, "skipped", info, "a model in its own coordinates: give it a "
                                                 f"{path.name}.placement.toml sidecar (anchor, rotation, up)")
        return Found(path, "model", info)
    if outlines_in(path, info) is not None:
        return Found(path, "outline", info, layer=layer)
    fields = {f.lower() for f in info.details.get("fields", [])}
    polygons = "polygon" in str(info.details.get("geometry_type", "")).lower()
    name = (layer or path.name.split(".")[0]).lower()
    if polygons and fields & _HEIGHTS:
        return Found(path, "buildings", info, layer=layer)
    if polygons and ("batiment" in name or "building" in name):
        return Found(path, "footprints", info, layer=layer)
    if polygons and ("parcelle" in name or {"section", "numero"} <= fields):
        return Found(path, "parcels", info, layer=layer)
    return Found(path, "vector", info, layer=layer)


def _classify_layers(path: Path, info: FileInfo, layers: list[dict]) -> list[Found]:
    """BD TOPO's GeoPackage (it has ``batiment``): the layers a maquette shows, the others
    named as not used; any other multi-layer file: each layer like a file of its own."""
    bdtopo = any(entry["name"].lower() == "batiment" for entry in layers)
    found, unused = [], []
    for entry in layers:
        name = entry["name"]
        if entry["geometry_type"] is None or (bdtopo and name.lower() not in BDTOPO):
            unused.append(name)
            continue
        if entry["count"] == 0:
            if bdtopo and name.lower() == "batiment":
                found.append(Found(path, "skipped", reason="its 'batiment' layer is empty (0 buildings): the "
                                   "delivery is incomplete; download BD TOPO again", layer=name))
            else:
                unused.append(name)
            continue
        try:
            sub = file_info(path, layer=name)
        except TwinError as exc:
            found.append(Found(path, "skipped", reason=exc.what, layer=name))
            continue
        found.append(Found(path, "context", sub, layer=name) if bdtopo and name.lower() in CONTEXT
                     else _classify_one(path, sub, layer=name))
    if unused:
        shown = ", ".join(unused[:5]) + ("…" if len(unused) > 5 else "")
        found.append(Found(path, "skipped", info, f"{len(unused)} other layers not used ({shown})"))
    return found


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def _gather(folder: Path, workdir: Path | None, fb: Feedback, only_vectors: bool = False):
    """The folder's files and its archives' vectors, classified (a commune's outline may
    be in any of them); the archives' other data members, left for later."""
    paths = _files(folder)
    archives = group_archives(paths)
    parts = {p for group in archives.values() for p in group}
    vectors = {s for imp in registry().loaded() if imp.kind == "vector" for s in imp.suffixes}

    def is_vector(name: str) -> bool:
        return _suffix(name) in vectors or "." + _suffix(name).rsplit(".", 1)[-1] in vectors

    found: list[Found] = []
    for path in paths:
        if path in parts or path.suffix.lower() in IGNORED or path.name.lower().endswith(".aux.xml"):
            continue
        if not only_vectors or is_vector(path.name):
            found.extend(classify(path))
    later: list[tuple[Archive, list[Member]]] = []
    for name, group in archives.items():
        if workdir is None:
            found.append(Found(name, "skipped", reason="an archive: it is extracted beside the scene that "
                                                       "build-scene writes"))
            continue
        try:
            archive = Archive(name, group)
        except TwinError as exc:       # said at once: what it holds is missing from all that follows
            fb.warn(exc.message)
            found.append(Found(name, "skipped", reason=exc.what))
            continue
        data = [m for m in archive.members if _readable(m.name)]
        used = set(archive.with_sidecars(data))
        found.extend(_unused(archive, [m for m in archive.members if m not in used], "documentation or metadata"))
        first = [m for m in data if is_vector(m.name)]
        found.extend(_extracted(archive, first, workdir, fb))
        later.append((archive, [m for m in data if m not in first]))
    return found, later


def communes_in_folder(folder: Path, workdir: Path | None = None, feedback: Feedback | None = None) -> list[Commune]:
    """The communes whose outlines the folder holds (loose or in its archives, whose
    vectors are extracted into ``workdir`` on the way, once), to pick one from."""
    found, _ = _gather(Path(folder), workdir, feedback or Feedback(), only_vectors=True)
    return list_communes([f.outlines for f in found if f.outlines is not None])


def survey(folder: Path, workdir: Path | None = None, commune: str | None = None, buffer: float = 200.0,
           crs: str = "EPSG:2154", feedback: Feedback | None = None) -> tuple[list[Found], Area | None]:
    """Every file of ``folder`` and of its archives, classified; with ``commune``, its area
    and, left out with the reason, what lies outside it."""
    fb = feedback or Feedback()
    found, later = _gather(folder, workdir, fb)
    area = None
    if commune:
        searched = sorted({f.path for f in found if f.layer is not None})
        area = find_area([f.outlines for f in found if f.outlines is not None], commune, buffer, crs, folder,
                         searched)
    for archive, tiles in later:
        inside = [m for m in tiles if area is None or _tile_meets(m, area)]
        found.extend(_unused(archive, [m for m in tiles if m not in inside],
                             f"outside the commune ({area.name})" if area else ""))
        found.extend(_extracted(archive, inside, workdir, fb))
    if area is not None:
        for f in found:
            if f.role != "skipped" and f.info is not None and not area.meets(f.info.bounds, f.info.crs):
                f.role, f.reason = "skipped", f"outside the commune ({area.code} {area.name})"
    return found, area


def _extracted(archive: Archive, members: list[Member], workdir: Path, fb: Feedback) -> list[Found]:
    if not members:
        return []
    files = archive.extract(archive.with_sidecars(members), workdir, fb)
    wanted = {archive.target(workdir, m) for m in members}
    out = []
    for path in files:
        if path in wanted:
            for f in classify(path):
                f.archive = archive.label
                out.append(f)
    return out


def _unused(archive: Archive, members: list[Member], reason: str) -> list[Found]:
    if not members:
        return []
    shown = ", ".join(m.name.rsplit("/", 1)[-1] for m in members[:3]) + ("…" if len(members) > 3 else "")
    files = f"{len(members)} file{'s' if len(members) > 1 else ''}"
    return [Found(archive.path, "skipped", reason=f"{files} not used — {reason}: {shown}",
                  archive=archive.label)]


def _tile_meets(member: Member, area: Area) -> bool:
    """Whether an IGN tile, by the corner in its name, may meet the area (names without
    one are extracted, and their bounds decide)."""
    name = member.name.rsplit("/", 1)[-1]
    pairs = [(int(x), int(y)) for x, y in _PAIR.findall(name) if int(x) <= 1300 and 6000 <= int(y) <= 7200]
    if not pairs or not re.search(r"la93|lamb93", name, re.IGNORECASE):
        return True
    x, y = pairs[-1][0] * 1000.0, pairs[-1][1] * 1000.0
    side = 1000.0 if re.search(r"lhd|semis", member.name, re.IGNORECASE) else 5000.0   # LiDAR HD: 1 km
    return area.meets((x, y - side, x + side, y), "EPSG:2154")


def lidar_sources(tiles: list[Path]) -> list[Path]:
    """One source per folder of tiles: the folder (every LAS/LAZ in it is a tile, since
    the survey saw them all), or the file when it is alone. Largest first."""
    folders: dict[Path, list[Path]] = {}
    for tile in tiles:
        folders.setdefault(tile.parent, []).append(tile)
    groups = sorted(folders.values(), key=len, reverse=True)
    return [group[0] if len(group) == 1 else group[0].parent for group in groups]
