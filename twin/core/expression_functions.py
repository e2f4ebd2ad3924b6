"""The functions an expression may call, as QGIS names them, each vectorised over the
frame's rows (a NULL argument gives NULL, except in coalesce and concat)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from twin.core.expression_syntax import Call, ExpressionError
from twin.core.expression_values import as_condition, kind, to_number, to_text
from twin.core.i18n import tr


def _round(ev, node, args):
    x = to_number(args[0], node.args[0].pos, ev.text)
    digits = to_number(args[1], node.args[1].pos, ev.text) if len(args) > 1 else 0
    factor = 10.0 ** digits
    return np.sign(x) * np.floor(x.abs() * factor + 0.5) / factor      # half away from zero


def _coalesce(ev, node, args):
    if len({kind(a) for a in args if a.notna().any()}) > 1:
        args = [to_text(a) for a in args]
    out = args[0]
    for a in args[1:]:
        out = out.fillna(a)
    return out


def _concat(ev, node, args):
    out = pd.Series("", index=ev.index, dtype="string")
    for a in args:
        out = out + to_text(a).fillna("")
    return out


def _number(fn):
    return lambda ev, node, args: fn(to_number(args[0], node.args[0].pos, ev.text))


def _text(fn):
    return lambda ev, node, args: fn(to_text(args[0]))


def _to_int(x):
    return np.trunc(x)


def _substr(ev, node, args):
    text = to_text(args[0])
    start = int(_constant(ev, node, 1))
    length = int(_constant(ev, node, 2)) if len(args) > 2 else None
    begin = start - 1 if start > 0 else start
    return text.str.slice(begin, None if length is None else begin + length)


def _if(ev, node, args):
    cond = as_condition(args[0], node.args[0].pos, ev.text).fillna(False).astype(bool)
    a, b = args[1], args[2]
    if kind(a) != kind(b):
        a, b = to_text(a), to_text(b)
    return b.mask(cond, a)


def _extreme(method):
    def fn(ev, node, args):
        numbers = pd.concat([to_number(a, n.pos, ev.text) for a, n in zip(args, node.args)], axis=1)
        return getattr(numbers, method)(axis=1, skipna=True).astype("Float64")
    return fn


def _constant(ev, node, i):
    values = to_number(ev.value(node.args[i]), node.args[i].pos, ev.text).dropna().unique()
    if len(values) != 1:
        raise ExpressionError(tr("{}() needs a constant number here").format(node.name), node.args[i].pos,
                              ev.text)
    return values[0]


# name: (fewest arguments, most arguments or None, implementation)
FUNCTIONS = {
    "round": (1, 2, _round),
    "abs": (1, 1, _number(lambda x: x.abs())),
    "sqrt": (1, 1, _number(lambda x: np.sqrt(x.mask(x < 0, pd.NA)))),
    "floor": (1, 1, _number(np.floor)),
    "ceil": (1, 1, _number(np.ceil)),
    "to_int": (1, 1, _number(_to_int)),
    "to_real": (1, 1, _number(lambda x: x)),
    "to_string": (1, 1, _text(lambda s: s)),
    "lower": (1, 1, _text(lambda s: s.str.lower())),
    "upper": (1, 1, _text(lambda s: s.str.upper())),
    "trim": (1, 1, _text(lambda s: s.str.strip())),
    "length": (1, 1, _text(lambda s: s.str.len().astype("Float64"))),
    "substr": (2, 3, _substr),
    "coalesce": (1, None, _coalesce),
    "concat": (1, None, _concat),
    "if": (3, 3, _if),
    "max": (1, None, _extreme("max")),
    "min": (1, None, _extreme("min")),
}


def check_call(name: str, count: int, pos: int, text: str) -> None:
    """Refuses, at parse time, an unknown function or a wrong number of arguments."""
    if name not in FUNCTIONS:
        raise ExpressionError(tr("unknown function {}()").format(name), pos, text,
                              hint=tr("known: {}").format(", ".join(sorted(FUNCTIONS))))
    low, high, _ = FUNCTIONS[name]
    if count < low or (high is not None and count > high):
        wanted = str(low) if low == high else f"{low}–{high}" if high else f"{low}+"
        raise ExpressionError(tr("{}() takes {} arguments, not {}").format(name, wanted, count), pos, text)


def call(ev, node: Call) -> pd.Series:
    return FUNCTIONS[node.name][2](ev, node, [ev.value(a) for a in node.args])
