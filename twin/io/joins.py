"""Join a table (CSV, XLSX, Parquet) to a vector or buildings layer (no Qt, no VTK).

By key: each feature gets the columns of the table row whose key equals its own, after
both sides' keys are normalised (``normalise_keys``); a key repeated in the table keeps
its first row (the others are counted and reported). By location: each table row is a
point (x/y columns or a WKT column, in ``crs``), counted in the layer polygon that holds
it, with the sum or mean of a chosen numeric column per polygon.

Every problem is a ``DataError`` naming the file and what to do, raised before the layer
is touched: a layer is joined whole or not at all. What happened is told by a
``JoinReport`` whose ``summary()`` is a one-line load warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from twin.core.errors import DataError
from twin.core.layers.join import TableJoin
from twin.core.i18n import message

TABLE_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".parquet", ".pq")
_EXAMPLES = 5


@dataclass(frozen=True)
class JoinReport:
    """What a join did. Counts are of table rows and of layer features."""

    table: Path
    by: str
    rows: int                              # rows in the table
    matched_rows: int                      # table rows given to at least one feature
    features: int                          # features in the layer
    matched_features: int
    unmatched_examples: tuple[str, ...] = ()     # table keys (or row numbers) that found no feature
    duplicates: int = 0                    # table rows dropped: their key came earlier (first row wins)
    duplicate_examples: tuple[str, ...] = ()
    normalised: int = 0                    # features matched only once ids were normalised
    key_types: tuple[str, str] = ()        # (table's, layer's) kind of ids: text, integers, numbers
    skipped: int = 0                       # rows without a key or usable coordinates
    columns: tuple[str, ...] = ()          # columns added to the layer
    renamed: dict = field(default_factory=dict)  # table column -> its name in the layer (clashes)

    @property
    def unmatched_rows(self) -> int:
        return self.rows - self.matched_rows - self.skipped - self.duplicates

    @property
    def unmatched_features(self) -> int:
        return self.features - self.matched_features

    def summary(self) -> str:
        name = self.table.name
        if self.by == "location":
            text = (f"{name}: joined by location — {self.matched_rows:,} of {self.rows:,} points in "
                    f"{self.matched_features:,} of {self.features:,} polygons")
            if self.unmatched_rows:
                text += f"; {self.unmatched_rows:,} outside every polygon"
        else:
            text = (f"{name}: joined by key — {self.matched_features:,} of {self.features:,} features "
                    f"matched ({self.matched_rows:,} of {self.rows:,} table rows)")
            if self.unmatched_rows:
                text += (f"; {self.unmatched_rows:,} rows match no feature "
                         f"(e.g. {', '.join(self.unmatched_examples[:3])})")
            if self.duplicates:
                text += (f"; {self.duplicates:,} rows repeat a key (first row kept, "
                         f"e.g. {', '.join(self.duplicate_examples[:3])})")
            if self.normalised:
                text += f"; {self.normalised:,} ids matched once normalised (type, zeros, case, spaces)"
            if len(set(self.key_types)) == 2:
                text += f"; table ids are {self.key_types[0]}, the layer's {self.key_types[1]}: compared as text"
        if self.skipped:
            what = "usable coordinates" if self.by == "location" else "a key"
            text += f"; {self.skipped:,} rows without {what} skipped"
        if self.renamed:
            text += "; renamed: " + ", ".join(f"{a} → {b}" for a, b in self.renamed.items())
        return text + f"; columns added: {', '.join(self.columns) or 'none'}"


# -- keys -----------------------------------------------------------------------------------

def normalise_keys(values):
    """Ids as comparable text: trimmed, upper case, ``1234.0`` → ``1234``, leading zeros dropped
    (``"06088"`` = ``6088``); missing or blank ids become <NA>. Vectorised (pandas strings)."""
    import numpy as np
    import pandas as pd
    s = pd.Series(values).reset_index(drop=True)
    if pd.api.types.is_float_dtype(s.dtype):
        whole = s.dropna()
        if len(whole) and np.all(np.isfinite(whole)) and np.all(whole == np.floor(whole)):
            s = s.astype("Int64")
    elif pd.api.types.is_bool_dtype(s.dtype):
        s = s.astype("Int64")
    s = s.astype("string").str.strip().str.upper()
    s = s.str.replace(r"^([+-]?\d+)\.0*$", r"\1", regex=True)
    s = s.str.replace(r"^0+(?=.)", "", regex=True)
    return s.mask(s == "")


def _raw_text(values):
    import pandas as pd
    return pd.Series(values).reset_index(drop=True).astype("string")


def _kind_of(values) -> str:
    import pandas as pd
    dtype = pd.Series(values).dtype
    if pd.api.types.is_integer_dtype(dtype) or pd.api.types.is_bool_dtype(dtype):
        return "integers"
    if pd.api.types.is_float_dtype(dtype):
        return "numbers"
    text = pd.Series(values).dropna().astype("string").str.strip()
    if len(text) and text.str.fullmatch(r"[+-]?\d+\.\d*").all():   # 6088.0: floats saved as text
        return "numbers"
    return "text"


# -- reading tables -------------------------------------------------------------------------

def _sniff(path: Path) -> tuple[str, str]:
    """(separator, encoding) of a delimited text file."""
    import csv
    head = path.read_bytes()[:65536]
    encoding = "utf-8-sig"
    try:
        text = head.decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:   # not a character cut at the sample's end
            encoding = "cp1252"
        text = head.decode(encoding, errors="ignore")
    lines = text.splitlines()[:50]
    try:
        sep = csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t|").delimiter
    except csv.Error:
        sep = "\t" if path.suffix.lower() == ".tsv" else ","
    return sep, encoding


def _text_to_numbers(frame, keep: set[str], comma_decimal: bool):
    """Columns that are numbers throughout become numbers; ids (``keep``) stay text."""
    import pandas as pd
    out = {}
    for name in frame.columns:   # a loop over columns, never rows
        col = frame[name]
        if name in keep or not pd.api.types.is_string_dtype(col.dtype):
            continue
        text = col.str.strip()
        if comma_decimal:
            text = text.str.replace(",", ".", regex=False)
        num = pd.to_numeric(text, errors="coerce")
        if num.notna().sum() == text.replace("", None).notna().sum() and num.notna().any():
            out[name] = num
    return frame.assign(**out) if out else frame


def _excel_header_check(path: Path, sheet, frame) -> None:
    """An XLSX header with merged or empty cells gives ``Unnamed: n`` columns: explain."""
    unnamed = [str(c) for c in frame.columns if str(c).startswith("Unnamed:")]
    if not unnamed:
        return
    from openpyxl import load_workbook
    wb = load_workbook(path)
    ws = wb[sheet] if isinstance(sheet, str) else wb.worksheets[sheet]
    merged = [str(r) for r in ws.merged_cells.ranges if r.min_row == 1]
    if merged:
        raise DataError(message("its header row has merged cells ({}), so some columns have no name ({})").format(
                            ', '.join(merged[:3]), ', '.join(unnamed[:3])), path=path,
                        hint=message("unmerge the header cells and give every column its own name in a "
                                     "single first row (or export that sheet to CSV)"))


def read_table(path: str | Path, *, sheet: str = "", text_columns=()) -> "pd.DataFrame":
    """A table file as a DataFrame: CSV/TSV (separator and encoding sniffed, ``;`` files read
    with decimal commas), XLSX (first sheet or ``sheet``) or Parquet. ``text_columns`` stay
    text (ids keep their leading zeros); other all-number columns become numbers."""
    import pandas as pd
    path = Path(path)
    if not path.is_file():
        raise DataError((message("table not found") if not path.exists() else message("is not a file")), path=path,
                        hint=message("check `table` in the layer's [layers.join] (relative to the scene "
                                     "file)"))
    suffix = path.suffix.lower()
    keep = set(text_columns)
    try:
        if suffix in (".xlsx", ".xlsm"):
            target = sheet or 0
            try:
                frame = pd.read_excel(path, sheet_name=target, engine="openpyxl",
                                      dtype={c: str for c in keep})
            except ValueError as exc:
                if sheet and "not found" in str(exc):
                    names = pd.ExcelFile(path, engine="openpyxl").sheet_names
                    raise DataError(message("has no sheet {!r}").format(sheet), path=path,
                                    hint=message("its sheets: {}").format(', '.join(names))) from None
                raise
            _excel_header_check(path, target, frame)
            frame = frame.dropna(axis=1, how="all")
        elif suffix in (".parquet", ".pq"):
            frame = pd.read_parquet(path)
        elif suffix in (".csv", ".txt", ".tsv"):
            sep, encoding = _sniff(path)
            frame = pd.read_csv(path, sep=sep, encoding=encoding, dtype=str, keep_default_na=False,
                                na_values=[""], skipinitialspace=True)
            frame.columns = [str(c).strip() for c in frame.columns]
            frame = _text_to_numbers(frame, keep, comma_decimal=sep != ",")
        else:
            raise DataError(message("is not a table this join reads ({})").format(path.suffix or 'no suffix'), path=path,
                            hint=message("use CSV, XLSX or Parquet (save an .xls or .ods as .xlsx)"))
    except DataError:
        raise
    except ImportError as exc:
        raise DataError(message("cannot be read: {}").format(exc), path=path,
                        hint=message("install the missing package (openpyxl for XLSX, pyarrow for Parquet)")) from None
    except Exception as exc:  # a broken or mislabelled file: say so, never a traceback
        raise DataError(message("cannot be read as a {} table ({}: {})").format(
                            suffix.lstrip('.').upper(), type(exc).__name__, (str(exc).splitlines()[0] if str(exc) else '')),
                        path=path, hint=message("open it in a spreadsheet, check it, and save it again")) from None
    frame.columns = [str(c) for c in frame.columns]
    if frame.empty:
        raise DataError(message("the table has no rows"), path=path, hint=message("check the file or the sheet"))
    return frame


def _need_columns(frame, names, path: Path, role: str) -> None:
    missing = [n for n in names if n not in frame.columns]
    if missing:
        found = ", ".join(map(str, frame.columns[:20])) + ("…" if len(frame.columns) > 20 else "")
        close = [c for c in frame.columns if c.strip().lower() in {m.strip().lower() for m in missing}]
        hint = f"the columns found: {found}"
        if close:
            hint = f"did you mean {', '.join(close)}? " + hint
        raise DataError(message("has no {} column {}").format(role, ', '.join(map(repr, missing))), path=path, hint=hint)


def _examples(values, n: int = _EXAMPLES) -> tuple[str, ...]:
    import pandas as pd
    return tuple(str(v) for v in pd.unique(pd.Series(values).dropna())[:n])


def _safe_name(text: str) -> str:
    return re.sub(r"\W+", "_", text).strip("_").lower() or "table"


def _add_columns(frame, new, join: TableJoin, protect=()):
    """``frame`` with the columns of ``new`` (same row order); names clashing with the layer's
    get the suffix ``_<table>``."""
    renamed, out = {}, {}
    taken = set(frame.columns) | set(protect)
    for name in new.columns:
        target = name
        if target in taken:
            target = f"{name}_{_safe_name(join.table.stem)}"
            renamed[name] = target
        out[target] = new[name].to_numpy()
        taken.add(target)
    return frame.assign(**out), renamed


# -- the joins ------------------------------------------------------------------------------

def join_by_key(frame, table, join: TableJoin, source: Path | None = None):
    """(frame with the table's columns, JoinReport); ``table`` as read by ``read_table``."""
    import numpy as np
    import pandas as pd
    tcol = join.table_column
    _need_columns(table, [tcol], join.table, "key")
    if join.key not in frame.columns:
        fields_ = ", ".join(c for c in frame.columns if c != "geometry")
        raise DataError(message("has no field {!r} to join {} on").format(join.key, join.table.name), path=source,
                        hint=message("set key in [layers.join] to one of: {}").format(fields_))
    wanted = list(join.columns) if join.columns else [c for c in table.columns if c != tcol]
    _need_columns(table, wanted, join.table, "requested")
    wanted = [c for c in wanted if c != tcol]

    tkeys = normalise_keys(table[tcol])
    fkeys = normalise_keys(frame[join.key])
    has_key = tkeys.notna().to_numpy()
    dup = tkeys.duplicated(keep="first").to_numpy() & has_key
    usable = has_key & ~dup
    index = pd.Index(tkeys[usable].to_numpy())
    pos = index.get_indexer(fkeys.to_numpy()) if usable.any() else np.full(len(frame), -1)
    matched = pos >= 0
    if not matched.any():
        raise DataError(message("no key of the table matches the layer's {!r}").format(join.key), path=join.table,
                        hint=message("table {!r}: {} — layer {!r}: {}; check key / table_key in "
                                     "[layers.join]").format(
                                 tcol, ', '.join(_examples(table[tcol])) or 'all empty', join.key, ', '.join(_examples(frame[join.key])) or 'all empty'))
    take = np.flatnonzero(usable)[np.where(matched, pos, 0)]
    # one row per feature; -1 (no match) is no label, so those rows come out empty (NaN / <NA>)
    picked = table.loc[usable, wanted].reset_index(drop=True).reindex(pos).reset_index(drop=True)
    joined, renamed = _add_columns(frame, picked, join)

    used_rows = np.zeros(len(table), bool)
    used_rows[take[matched]] = True
    left = usable & ~used_rows
    raw_f = _raw_text(frame[join.key])
    raw_t = _raw_text(table[tcol]).to_numpy()
    normalised = int((raw_f.to_numpy()[matched] != raw_t[take[matched]]).sum())
    report = JoinReport(
        table=join.table, by="key", rows=len(table), matched_rows=int(used_rows.sum()),
        features=len(frame), matched_features=int(matched.sum()),
        unmatched_examples=_examples(table[tcol][left]),
        duplicates=int(dup.sum()), duplicate_examples=_examples(table[tcol][dup]),
        normalised=normalised, key_types=(_kind_of(table[tcol]), _kind_of(frame[join.key])),
        skipped=int((~has_key).sum()),
        columns=tuple(renamed.get(c, c) for c in wanted), renamed=renamed)
    return joined, report


def _coordinates(table, join: TableJoin):
    """Shapely points of the rows (None where unusable) in ``join.crs``."""
    import numpy as np
    import pandas as pd
    import shapely
    if join.wkt:
        _need_columns(table, [join.wkt], join.table, "WKT")
        geoms = shapely.from_wkt(table[join.wkt].astype("string").fillna("").to_numpy(object),
                                 on_invalid="ignore")
        empty = shapely.is_missing(geoms) | shapely.is_empty(np.where(shapely.is_missing(geoms), None, geoms))
        points = np.where(empty, None, geoms)
        not_point = ~empty & (shapely.get_type_id(points) != 0)
        if not_point.any():   # a polygon or line stands for its inner point
            points[not_point] = shapely.point_on_surface(points[not_point])
        return points
    _need_columns(table, [join.x, join.y], join.table, "coordinate")

    def number(col):
        s = table[col]
        if pd.api.types.is_numeric_dtype(s.dtype):
            return pd.to_numeric(s, errors="coerce").to_numpy(float)
        text = s.astype("string").str.strip().str.replace(",", ".", regex=False)
        return pd.to_numeric(text, errors="coerce").to_numpy(float)

    x, y = number(join.x), number(join.y)
    ok = np.isfinite(x) & np.isfinite(y)
    points = np.full(len(table), None, dtype=object)
    points[ok] = shapely.points(x[ok], y[ok])
    return points


def join_by_location(frame, table, join: TableJoin, crs: str):
    """(frame with ``<table>_count`` and maybe ``<value>_<aggregate>``, JoinReport); points
    are reprojected from ``join.crs`` into ``crs`` (the layer's), each counted in the first
    polygon holding it (its border included, a hole excluded)."""
    import numpy as np
    import pandas as pd
    import shapely
    from pyproj import Transformer

    from twin.core.crs import parse_crs, same_crs
    polygonal = np.isin(shapely.get_type_id(frame.geometry.values), (3, 6))   # Polygon, MultiPolygon
    if not polygonal.any():
        raise DataError(message("a join by location needs polygons, and the layer has none to hold the "
                                "points of {}").format(join.table.name), path=join.table,
                        hint=message("join it to a parcel or building layer, or join by key"))
    if join.value:
        _need_columns(table, [join.value], join.table, "value")
    points = _coordinates(table, join)
    usable = ~pd.isna(pd.Series(points)).to_numpy()
    if not usable.any():
        cols = join.wkt or f"{join.x}/{join.y}"
        raise DataError(message("no row has usable coordinates in {}").format(cols), path=join.table,
                        hint=message("give numbers (e.g. {} = 2.35) or WKT points; the first values: {}").format(
                                 join.x or 'lon', ', '.join(_examples(table[join.wkt or join.x], 3)) or 'all empty'))
    idx = np.flatnonzero(usable)
    pts = points[idx]
    try:
        src = parse_crs(join.crs)
    except ValueError as exc:
        raise DataError(message("crs {!r} of the join is not a CRS: {}").format(join.crs, exc), path=join.table,
                        hint=message("set crs in [layers.join], e.g. \"EPSG:4326\" for lon/lat")) from None
    if not same_crs(join.crs, crs):
        t = Transformer.from_crs(src, parse_crs(crs), always_xy=True)
        xy = shapely.get_coordinates(pts)
        x, y = t.transform(xy[:, 0], xy[:, 1])
        pts = shapely.points(x, y)
        fine = np.isfinite(x) & np.isfinite(y)
        idx, pts = idx[fine], pts[fine]
    polys = np.where(polygonal, frame.geometry.values, None)
    tree = shapely.STRtree(polys)
    pi, fi = tree.query(pts, predicate="intersects")
    first = np.unique(pi, return_index=True)[1]    # a point on a shared border counts once
    pi, fi = pi[first], fi[first]
    n = len(frame)
    count = np.bincount(fi, minlength=n).astype(np.int64)
    stem = _safe_name(join.table.stem)
    new = {f"{stem}_count": count}
    if join.value:
        values = table[join.value]
        vals = (pd.to_numeric(values, errors="coerce") if pd.api.types.is_numeric_dtype(values.dtype) else
                pd.to_numeric(values.astype("string").str.strip().str.replace(",", ".", regex=False),
                              errors="coerce")).to_numpy(float)[idx[pi]]
        good = np.isfinite(vals)
        if not good.any() and len(vals):
            raise DataError(message("column {!r} holds no number in the rows inside the polygons").format(
                                join.value),
                            path=join.table, hint=message("first values: {}").format(
                                                      ', '.join(_examples(values, 3))))
        total = np.bincount(fi[good], weights=vals[good], minlength=n)
        if join.aggregate == "mean":
            k = np.bincount(fi[good], minlength=n)
            with np.errstate(invalid="ignore", divide="ignore"):
                new[f"{_safe_name(join.value)}_mean"] = np.where(k > 0, total / np.maximum(k, 1), np.nan)
        else:
            new[f"{_safe_name(join.value)}_sum"] = total
    joined, renamed = _add_columns(frame, pd.DataFrame(new), join)
    inside = np.zeros(len(table), bool)
    inside[idx[pi]] = True
    outside = np.zeros(len(table), bool)
    outside[idx] = True
    outside &= ~inside
    report = JoinReport(
        table=join.table, by="location", rows=len(table), matched_rows=int(inside.sum()),
        features=n, matched_features=int((count > 0).sum()),
        unmatched_examples=tuple(f"row {i + 2}" for i in np.flatnonzero(outside)[:_EXAMPLES]),
        skipped=int(len(table) - len(idx)), columns=tuple(renamed.get(c, c) for c in new), renamed=renamed)
    return joined, report


def apply_join(frame, join: TableJoin, crs: str, source: Path | None = None):
    """Read ``join.table`` and join it to ``frame`` (a GeoDataFrame in ``crs``): (new frame,
    JoinReport). ``frame`` itself is never changed."""
    text = [join.table_column] if join.by == "key" else []
    table = read_table(join.table, sheet=join.sheet, text_columns=text)
    if join.by == "location":
        return join_by_location(frame, table, join, crs)
    return join_by_key(frame, table, join, source)


__all__ = ["JoinReport", "TableJoin", "apply_join", "join_by_key", "join_by_location",
           "normalise_keys", "read_table"]
