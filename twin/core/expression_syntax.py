"""The syntax of an expression: its tokens, the tree the parser builds, and the error
that names where a text goes wrong. Kept apart from the parser and the evaluator so that
both build on it without importing each other."""

from __future__ import annotations

import re
from dataclasses import dataclass

from twin.core.errors import TwinError
from twin.core.i18n import tr


class ExpressionError(TwinError):
    """An expression that cannot be parsed or evaluated: ``position`` is the 0-based index
    in ``text`` of what is wrong, ``reason`` says what."""

    def __init__(self, reason: str, position: int, text: str = "", hint: str | None = None):
        self.reason = reason
        self.position = max(0, position)
        self.text = text
        super().__init__(tr("{} (at character {})").format(reason, self.position + 1), hint=hint)

    def caret(self) -> str:
        """The expression with a ``^`` under the culprit, for a terminal."""
        return f"{self.text}\n{' ' * self.position}^ {self.reason}"


# ---- tokens ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Token:
    kind: str        # number, string, field, var, ident, op, end
    value: object
    pos: int


_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<var>\$\w+)
  | (?P<ident>[^\W\d]\w*)
  | (?P<op><=|>=|<>|!=|\|\||//|[=<>+\-*/%^~(),])
""", re.VERBOSE)

KEYWORDS = {"AND", "OR", "NOT", "IN", "IS", "LIKE", "ILIKE", "NULL", "TRUE", "FALSE",
            "CASE", "WHEN", "THEN", "ELSE", "END"}


def tokenize(text: str) -> list[Token]:
    tokens, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch in "'\"":
            value, i2 = _quoted(text, i)
            tokens.append(Token("string" if ch == "'" else "field", value, i))
            i = i2
            continue
        m = _TOKEN.match(text, i)
        if m is None:
            raise ExpressionError(tr("unexpected character '{}'").format(ch), i, text)
        kind = m.lastgroup
        if kind == "number":
            raw = m.group()
            tokens.append(Token(kind, float(raw) if re.search(r"[.eE]", raw) else int(raw), i))
        elif kind == "ident":
            word = m.group()
            up = word.upper()
            tokens.append(Token("kw", up, i) if up in KEYWORDS else Token("ident", word, i))
        elif kind in ("var", "op"):
            tokens.append(Token(kind, m.group(), i))
        i = m.end()
    tokens.append(Token("end", None, len(text)))
    return tokens


def _quoted(text: str, start: int) -> tuple[str, int]:
    """A '…' string or a "…" field name, the quote doubled inside it."""
    quote, out, i = text[start], [], start + 1
    while i < len(text):
        if text[i] == quote:
            if text[i + 1:i + 2] == quote:
                out.append(quote)
                i += 2
                continue
            return "".join(out), i + 1
        out.append(text[i])
        i += 1
    what = tr("unterminated string") if quote == "'" else tr("unterminated field name")
    raise ExpressionError(what, start, text, hint=tr("close it with {}").format(quote))


# ---- the tree ----------------------------------------------------------------------------

@dataclass
class Node:
    pos: int


@dataclass
class Literal(Node):
    value: object


@dataclass
class Field(Node):
    name: str


@dataclass
class Variable(Node):
    name: str


@dataclass
class Unary(Node):
    op: str
    operand: Node


@dataclass
class Binary(Node):
    op: str
    left: Node
    right: Node


@dataclass
class InList(Node):
    operand: Node
    items: list[Node]
    negated: bool


@dataclass
class Call(Node):
    name: str
    args: list[Node]


@dataclass
class Case(Node):
    whens: list[tuple[Node, Node]]
    otherwise: Node | None
