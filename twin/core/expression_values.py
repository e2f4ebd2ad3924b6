"""The values an expression computes with: pandas Series of nullable dtypes, how one is
read as a number, a text or a condition, and LIKE patterns. Shared by the evaluator and
the functions."""

from __future__ import annotations

import re

import pandas as pd
from pandas.api import types as pdt

from twin.core.expression_syntax import ExpressionError
from twin.core.i18n import tr


def kind(s: pd.Series) -> str:
    if isinstance(s.dtype, pd.BooleanDtype):
        return "bool"
    if isinstance(s.dtype, pd.Float64Dtype):
        return "number"
    if pdt.is_datetime64_any_dtype(s.dtype):
        return "date"
    return "text"


def normalise(s: pd.Series) -> pd.Series:
    """``s`` in one of the four nullable kinds the evaluator works with."""
    if pdt.is_bool_dtype(s.dtype):
        return s.astype("boolean")
    if pdt.is_numeric_dtype(s.dtype):
        return s.astype("Float64")
    if pdt.is_datetime64_any_dtype(s.dtype):
        return s
    if isinstance(s.dtype, pd.StringDtype):        # pandas' own text: NaN becomes <NA> as it converts
        return s if s.dtype.na_value is pd.NA else s.astype(pd.StringDtype(s.dtype.storage))
    if s.dtype == object:          # GeoPackage booleans and numbers with NULLs
        inferred = pdt.infer_dtype(s, skipna=True)
        if inferred == "boolean":
            return s.astype("boolean")
        if inferred in ("integer", "floating", "mixed-integer-float", "decimal"):
            return s.astype("Float64")
    text = s.astype("string")
    return text.where(s.notna(), pd.NA)


def to_text(s: pd.Series) -> pd.Series:
    """Text as QGIS writes values: 15 not 15.0, true/false, ISO dates."""
    k = kind(s)
    if k == "text":
        return s
    if k == "number":
        out = s.astype("string")
        whole = (s.notna() & (s % 1 == 0) & (s.abs() < 1e15)).fillna(False)
        out[whole] = s[whole].astype("Int64").astype("string")
        return out
    if k == "bool":
        return s.map({True: "true", False: "false"}, na_action="ignore").astype("string")
    return s.dt.strftime("%Y-%m-%dT%H:%M:%S").astype("string").where(s.notna(), pd.NA)


def to_number(s: pd.Series, pos: int, text: str) -> pd.Series:
    k = kind(s)
    if k == "number":
        return s
    if k == "bool":
        return s.astype("Float64")
    if k == "text":
        return pd.to_numeric(s, errors="coerce").astype("Float64")
    raise ExpressionError(tr("a date cannot be used in arithmetic"), pos, text)


def as_condition(s: pd.Series, pos: int, text: str) -> pd.Series:
    """``s`` as TRUE/FALSE/NULL: numbers are true when not zero, as in QGIS."""
    k = kind(s)
    if k == "bool":
        return s
    if k == "number":
        return (s != 0).astype("boolean")
    raise ExpressionError(tr("this is a text or a date, not a condition"), pos, text,
                          hint=tr("compare it, e.g. \"field\" = 'value'"))


def as_boolean(s: pd.Series) -> pd.Series:
    """``s`` (numpy, Arrow or masked booleans) as pandas' nullable booleans, built from
    its values and its NULL mask: astype walks Arrow's booleans in Python."""
    if isinstance(s.dtype, pd.BooleanDtype):
        return s
    values = s.to_numpy(dtype=bool, na_value=False)
    return pd.Series(pd.arrays.BooleanArray(values, s.isna().to_numpy(dtype=bool)), index=s.index)


def unify(a: pd.Series, b: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Two values made comparable: text read as a number or a date beside one."""
    ka, kb = kind(a), kind(b)
    if ka == kb:
        return a, b
    pair = {ka, kb}
    if pair <= {"number", "bool"} or pair == {"number", "text"}:
        conv = lambda s: pd.to_numeric(s, errors="coerce").astype("Float64")   # noqa: E731
        return conv(a), conv(b)
    if pair == {"date", "text"}:
        conv = lambda s: s if kind(s) == "date" else pd.to_datetime(s, errors="coerce")  # noqa: E731
        return conv(a), conv(b)
    return to_text(a), to_text(b)


def like_regex(pattern: str) -> str:
    """SQL LIKE's % and _ as a regular expression; a backslash escapes them."""
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        out.append(".*" if c == "%" else "." if c == "_" else re.escape(c))
        i += 1
    return "".join(out)
