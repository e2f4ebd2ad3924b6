"""Evaluation of a parsed expression over a whole frame: every node becomes a pandas
Series with a nullable dtype (Float64, string, boolean, or datetime64 with NaT), so NULL
propagates and AND/OR/NOT follow Kleene's three-valued logic without a Python loop over
the rows. Mixed types convert as QGIS does: text compared with a number is read as a
number, text compared with a date as a date."""

from __future__ import annotations

import difflib
import re

import numpy as np
import pandas as pd

from twin.core.expression_syntax import (Binary, Call, Case, ExpressionError, Field, InList,
                                        Literal, Node, Unary, Variable)
from twin.core.expression_values import (as_boolean, as_condition, kind, like_regex, normalise, to_number,
                                        to_text, unify)
from twin.core.i18n import tr

VARIABLES = {"$area", "$length", "$perimeter", "$x", "$y", "$id"}
_COMPARE = {"=": "__eq__", "<>": "__ne__", "!=": "__ne__", "<": "__lt__", "<=": "__le__",
            ">": "__gt__", ">=": "__ge__"}




def resolve_field(node: Field, columns: list[str], text: str, geometry: str | None = None) -> str:
    """The column ``node`` names: exactly, else ignoring case (BD TOPO's shapefiles say
    HAUTEUR where its GeoPackages say hauteur), else an error suggesting the nearest."""
    if node.name in columns and node.name != geometry:
        return node.name
    folded = [c for c in columns if str(c).lower() == node.name.lower() and c != geometry]
    if len(folded) == 1:
        return folded[0]
    if geometry is not None and node.name.lower() == str(geometry).lower():
        raise ExpressionError(tr("\"{}\" is the geometry, not a field").format(node.name), node.pos,
                              text, hint=tr("use $area, $length or $perimeter"))
    names = {str(c).lower(): str(c) for c in columns if c != geometry}
    near = [names[c] for c in difflib.get_close_matches(node.name.lower(), list(names), n=3)]
    hint = (tr("did you mean {}?").format(", ".join(f'"{c}"' for c in near)) if near
            else tr("the layer's fields are: {}").format(
                ", ".join(str(c) for c in list(columns)[:12] if c != geometry)))
    raise ExpressionError(tr("no field \"{}\" in this layer").format(node.name), node.pos, text,
                          hint=hint)


class Evaluator:
    def __init__(self, frame, text: str, crs=None):
        self.frame = frame
        self.text = text
        self.crs = crs
        self.index = pd.RangeIndex(len(frame))      # rows by position: a frame's own labels may repeat
        self._geometry = None

    def const(self, value) -> pd.Series:
        if value is None:
            return pd.Series(pd.NA, index=self.index, dtype="Float64")
        if isinstance(value, bool):
            return pd.Series(value, index=self.index, dtype="boolean")
        if isinstance(value, (int, float)):
            return pd.Series(float(value), index=self.index, dtype="Float64")
        return pd.Series(value, index=self.index, dtype="string")

    def value(self, node: Node) -> pd.Series:
        if isinstance(node, Literal):
            return self.const(node.value)
        if isinstance(node, Field):
            geometry = getattr(self.frame, "_geometry_column_name", None)
            name = resolve_field(node, list(self.frame.columns), self.text, geometry)
            return normalise(self.frame[name]).set_axis(self.index)
        if isinstance(node, Variable):
            return self.variable(node)
        if isinstance(node, Unary):
            return self.unary(node)
        if isinstance(node, Binary):
            return self.binary(node)
        if isinstance(node, InList):
            return self.in_list(node)
        if isinstance(node, Call):
            from twin.core.expression_functions import call
            return call(self, node)
        if isinstance(node, Case):
            return self.case(node)
        raise TypeError(node)

    def condition(self, node: Node) -> pd.Series:
        return as_condition(self.value(node), node.pos, self.text)

    def unary(self, node: Unary) -> pd.Series:
        if node.op == "NOT":
            return ~self.condition(node.operand)
        operand = to_number(self.value(node.operand), node.operand.pos, self.text)
        return -operand if node.op == "-" else operand

    def binary(self, node: Binary) -> pd.Series:
        op = node.op
        if op == "AND":
            return self.condition(node.left) & self.condition(node.right)
        if op == "OR":
            return self.condition(node.left) | self.condition(node.right)
        a = self.value(node.left)
        if op in ("IS", "IS NOT"):
            if isinstance(node.right, Literal) and node.right.value is None:
                same = a.isna()
            else:
                x, y = unify(a, self.value(node.right))
                same = (x == y).astype("boolean").fillna(False) | (x.isna() & y.isna())
            same = same.astype("boolean")
            return ~same if op == "IS NOT" else same
        if op in ("LIKE", "ILIKE", "~"):
            pattern = self.constant_text(node.right)
            regex = pattern if op == "~" else like_regex(pattern)
            flags = re.IGNORECASE if op == "ILIKE" else 0
            try:
                compiled = re.compile(regex, flags)
            except re.error as exc:
                raise ExpressionError(tr("invalid regular expression: {}").format(exc), node.right.pos,
                                      self.text) from None
            text = to_text(a)
            found = text.str.contains(compiled, regex=True) if op == "~" else text.str.fullmatch(compiled)
            return as_boolean(found)
        b = self.value(node.right)
        if op in _COMPARE:
            return self.compare(op, a, b)
        if op == "||":
            return to_text(a) + to_text(b)
        if op == "+" and kind(a) == "text" and kind(b) == "text":
            return a + b
        x = to_number(a, node.left.pos, self.text)
        y = to_number(b, node.right.pos, self.text)
        if op == "+":
            return x + y
        if op == "-":
            return x - y
        if op == "*":
            return x * y
        if op == "^":
            return x ** y
        zero = (y == 0).fillna(False)
        y = y.mask(zero, pd.NA)                      # QGIS: division by zero is NULL
        if op == "/":
            return x / y
        if op == "//":
            return np.floor(x / y)
        return x - y * np.trunc(x / y)               # % keeps the dividend's sign, as C's fmod

    def compare(self, op: str, a: pd.Series, b: pd.Series) -> pd.Series:
        x, y = unify(a, b)
        result = as_boolean(getattr(x, _COMPARE[op])(y))
        if kind(x) == "date":           # numpy datetimes say False, not NULL, beside NaT
            result = result.mask(x.isna() | y.isna(), pd.NA)
        return result

    def constant_text(self, node: Node) -> str:
        if isinstance(node, Literal) and isinstance(node.value, str):
            return node.value
        raise ExpressionError(tr("the pattern must be a text between single quotes"), node.pos, self.text,
                              hint="\"nom\" LIKE 'Rue %'")

    def in_list(self, node: InList) -> pd.Series:
        a = self.value(node.operand)
        found = None
        for item in node.items:
            eq = self.compare("=", a, self.value(item))
            found = eq if found is None else found | eq
        return ~found if node.negated else found

    def case(self, node: Case) -> pd.Series:
        values = [self.value(then) for _, then in node.whens]
        values.append(self.value(node.otherwise) if node.otherwise is not None else self.const(None))
        kinds = {kind(v) for v in values if v.notna().any()}
        if len(kinds) > 1:
            values = [to_text(v) if kind(v) != "text" else v for v in values]
        result = values[-1].copy()
        taken = pd.Series(False, index=self.index)
        for (cond, _), then in zip(node.whens, values):
            hit = self.condition(cond).fillna(False).astype(bool) & ~taken
            result = result.mask(hit, then.astype(result.dtype) if kind(then) == kind(result) else then)
            taken |= hit
        return result

    def variable(self, node: Variable) -> pd.Series:
        import shapely
        if node.name == "$id":
            return pd.Series(np.arange(len(self.index), dtype=float), index=self.index, dtype="Float64")
        geoms = self.projected(node)
        if node.name == "$area":
            values = shapely.area(geoms)
        elif node.name == "$length":
            values = shapely.length(geoms)
        elif node.name == "$perimeter":
            polygonal = np.isin(shapely.get_type_id(geoms), (3, 6))
            values = np.where(polygonal, shapely.length(geoms), 0.0)
        else:
            centroids = shapely.centroid(geoms)
            values = shapely.get_x(centroids) if node.name == "$x" else shapely.get_y(centroids)
        values = np.where(shapely.is_missing(geoms) | shapely.is_empty(geoms), np.nan, values)
        return pd.Series(values, index=self.index).astype("Float64")

    def projected(self, node: Variable):
        """The rows' geometries in metres: the frame's CRS if projected, else ``crs``
        (the scene's) or the frame's UTM zone."""
        if self._geometry is None:
            geometry = getattr(self.frame, "geometry", None) if hasattr(self.frame, "_geometry_column_name") else None
            if geometry is None:
                raise ExpressionError(tr("{} needs a layer with geometries").format(node.name), node.pos,
                                      self.text)
            if geometry.crs is not None and geometry.crs.is_geographic:
                geometry = geometry.to_crs(self.crs or geometry.estimate_utm_crs())
            self._geometry = np.asarray(geometry.values)
        return self._geometry
