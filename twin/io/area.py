"""A commune's window on a département's data: its outline, found in the commune layers
of the folder (BD TOPO's ``commune``, IGN ADMIN EXPRESS's ``COMMUNE``), grown by a buffer.

A commune scene reads only what meets that window, through each file's spatial index: a
commune is a few thousand buildings of a département's ~300 000. The window is written
beside the scene (a GeoJSON outline in the scene CRS) and named by its layers' ``clip``."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from twin.core.crs import boxes_meet, parse_crs
from twin.core.data import FileInfo
from twin.core.errors import DataError
from twin.io.sniff import ogr_path
from twin.core.i18n import message

# BD TOPO 3 and ADMIN EXPRESS 4 GeoPackages: code_insee, nom_officiel; ADMIN EXPRESS 3 and
# BD TOPO shapefiles: INSEE_COM, NOM (any case)
CODE_FIELDS = ("code_insee", "insee_com")
NAME_FIELDS = ("nom_officiel", "nom")
OUTLINE_LAYER = "commune"
WHERE_FROM = ("commune outlines come from BD TOPO (its 'commune' layer) or IGN's ADMIN EXPRESS "
              "(COMMUNE.shp): add one of them to the folder")


@dataclass(frozen=True)
class Outlines:
    """A layer of commune outlines."""

    path: Path
    layer: str
    code_field: str
    name_field: str | None


def outlines_in(path: Path, info: FileInfo) -> Outlines | None:
    """The file's chosen layer as commune outlines, when it is one (named ``commune``,
    with an INSEE code field)."""
    layer = str(info.details.get("layer") or path.stem)
    if info.kind != "vector" or layer.lower() != OUTLINE_LAYER:
        return None
    fields = {f.lower(): f for f in info.details.get("fields", [])}
    code = next((fields[f] for f in CODE_FIELDS if f in fields), None)
    if code is None:
        return None
    return Outlines(path, layer, code, next((fields[f] for f in NAME_FIELDS if f in fields), None))


@dataclass(frozen=True)
class Commune:
    code: str
    name: str

    def __str__(self) -> str:
        return f"{self.code} — {self.name}" if self.name else self.code


def _attributes(source: Outlines):
    import pyogrio
    columns = [c for c in (source.code_field, source.name_field) if c]
    try:
        frame = pyogrio.read_dataframe(ogr_path(source.path), layer=source.layer, columns=columns,
                                       read_geometry=False, fid_as_index=True)
    except Exception as exc:
        raise DataError(message("its commune layer cannot be read ({})").format(
                            str(exc).splitlines()[0][:160]),
                        path=source.path, hint=message("check the file is complete; download it again")) from None
    codes = frame[source.code_field].astype(str).str.strip()
    names = frame[source.name_field].fillna("").astype(str) if source.name_field else codes.str.slice(0, 0)
    return codes, names


def list_communes(sources: list[Outlines]) -> list[Commune]:
    """Every commune with an outline in ``sources``, sorted by code, once each."""
    found: dict[str, Commune] = {}
    for source in sources:
        codes, names = _attributes(source)
        for code, name in zip(codes, names):
            found.setdefault(code, Commune(code, name))
    return sorted(found.values(), key=lambda c: c.code)


@dataclass
class Area:
    """A commune's outline (scene CRS) and the buffer around it that the scene shows."""

    code: str
    name: str
    outline: object            # shapely (Multi)Polygon
    buffer: float
    crs: str

    @cached_property
    def clip(self):
        import shapely
        return shapely.buffer(self.outline, self.buffer) if self.buffer > 0 else self.outline

    @property
    def box(self) -> tuple[float, float, float, float]:
        return tuple(float(v) for v in self.clip.bounds)

    def meets(self, bounds, crs: str | None) -> bool:
        """Whether a file of these bounds (in ``crs``; None: the scene's) meets the window."""
        return bounds is None or boxes_meet(bounds, crs or self.crs, self.box, self.crs)

    def write(self, path: Path) -> Path:
        """The window as a GeoJSON polygon in the scene CRS, written aside then renamed."""
        import geopandas as gpd
        path.parent.mkdir(parents=True, exist_ok=True)
        frame = gpd.GeoDataFrame({"code_insee": [self.code], "nom": [self.name], "tampon_m": [self.buffer]},
                                 geometry=[self.clip], crs=parse_crs(self.crs))
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".geojson", dir=path.parent)
        os.close(fd)
        try:
            frame.to_file(tmp, driver="GeoJSON", engine="pyogrio")
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return path


def _pick(communes: list[Commune], wanted: str) -> Commune | None:
    wanted = wanted.strip()
    by_code = next((c for c in communes if c.code == wanted), None)
    if by_code is not None:
        return by_code
    named = [c for c in communes if c.name.casefold() == wanted.casefold()]
    return named[0] if len(named) == 1 else None


def find_area(sources: list[Outlines], wanted: str, buffer: float, crs: str, folder: Path,
              searched: list[Path] = ()) -> Area:
    """The area of commune ``wanted`` (an INSEE code, or a name found once), its outline
    read alone from the first layer that has it and brought into ``crs``. ``searched``:
    the multi-layer files looked into, named when none of them has outlines."""
    import geopandas as gpd
    import pyogrio
    import shapely
    if not 0 <= buffer <= 10_000:
        raise DataError(message("the buffer must be between 0 and 10 000 m, got {:g}").format(buffer))
    if not sources:
        lacking = "".join(f"; {p.name} has no '{OUTLINE_LAYER}' layer" for p in searched)
        raise DataError(message("no commune outline here, so commune {} cannot be cut out{}").format(
                            wanted, lacking), path=folder,
                        hint=message(WHERE_FROM))
    communes = list_communes(sources)
    commune = _pick(communes, wanted)
    if commune is None:
        shown = ", ".join(map(str, communes[:8])) + (f"… ({len(communes)} in all)" if len(communes) > 8 else "")
        raise DataError(message("no commune {} in the outlines found here").format(wanted), path=folder,
                        hint=message("the communes here: {}").format(shown))
    for source in sources:       # the first layer that has it: BD TOPO's and ADMIN EXPRESS's may both be there
        codes, _ = _attributes(source)
        fids = codes.index[codes == commune.code].to_numpy()
        if len(fids):
            break
    frame = pyogrio.read_dataframe(ogr_path(source.path), layer=source.layer, fids=fids, columns=[])
    outline = shapely.make_valid(shapely.union_all(frame.geometry.values))
    if frame.crs is not None:
        outline = gpd.GeoSeries([outline], crs=frame.crs).to_crs(parse_crs(crs)).iloc[0]
    return Area(commune.code, commune.name, outline, float(buffer), crs)
