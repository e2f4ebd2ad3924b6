"""What a layer's ``[layers.join]`` says: the table, and how its rows meet the features.
The join itself is done when the layer is read (``twin.io.joins``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

AGGREGATES = ("count", "sum", "mean")


@dataclass(frozen=True)
class TableJoin:
    """``[layers.join]`` of a vector or buildings layer.

    ``by = "key"``: ``key`` is the layer's field, ``table_key`` the table's column (default:
    the same name); ``columns`` keeps only those (default: all). ``by = "location"``: the
    points are ``x``/``y`` columns (or a ``wkt`` column) in ``crs``; each polygon gets
    ``<table>_count`` and, with ``value`` and ``aggregate = "sum" | "mean"``,
    ``<value>_<aggregate>``. ``sheet`` picks an XLSX sheet (default: the first)."""

    table: Path | None = None
    by: str = "key"                   # key | location
    key: str = ""
    table_key: str = ""
    sheet: str = ""
    columns: tuple[str, ...] = ()
    x: str = ""
    y: str = ""
    wkt: str = ""
    crs: str = "EPSG:4326"
    aggregate: str = "count"          # count | sum | mean (by location)
    value: str = ""

    def __post_init__(self):
        if self.table is None or not str(self.table):
            raise ValueError("a join needs a table (table = \"file.csv\")")
        object.__setattr__(self, "table", Path(self.table))
        object.__setattr__(self, "columns", tuple(self.columns))
        if not all(isinstance(c, str) for c in self.columns):
            raise ValueError("columns must be a list of column names (text)")
        if self.by not in ("key", "location"):
            raise ValueError(f"by must be \"key\" or \"location\", got {self.by!r}")
        if self.by == "key" and not self.key:
            raise ValueError("a join by key needs key (the layer's field)")
        if self.by == "location":
            if not self.wkt and not (self.x and self.y):
                raise ValueError("a join by location needs x and y (coordinate columns) or wkt")
            if self.aggregate not in AGGREGATES:
                raise ValueError(f"aggregate must be one of {', '.join(AGGREGATES)}, got {self.aggregate!r}")
            if self.aggregate != "count" and not self.value:
                raise ValueError(f"aggregate = \"{self.aggregate}\" needs value (a numeric column)")

    @property
    def table_column(self) -> str:
        return self.table_key or self.key
