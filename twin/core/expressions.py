"""Expressions in the QGIS syntax planners already write: ``"hauteur" > 15 AND
"usage_1" = 'Résidentiel'``, for filters, selections, labels and styles.

A tokenizer and a precedence-climbing parser of our own (never ``eval``): the text is
parsed once into a tree, and the tree is evaluated over a whole (Geo)DataFrame at a time
with pandas' nullable arrays, so NULL follows SQL's three-valued logic as in QGIS
(``NULL = 1`` is NULL, ``NULL AND FALSE`` is FALSE, a filter keeps only TRUE rows).
Precedences follow QGIS's grammar (qgsexpressionparser.yy), ``||`` binding tightest."""

from __future__ import annotations

from dataclasses import dataclass, field

from twin.core.expression_syntax import (  # noqa: F401  (the tree and the error, re-exported)
    Binary, Call, Case, ExpressionError, Field, InList, Literal, Node, Token, Unary, Variable, tokenize)
from twin.core.i18n import tr


# binding powers, weakest first, as QGIS's grammar orders them
_BINARY = {"OR": 1, "AND": 2,
           "=": 4, "<>": 4, "!=": 4, "<": 4, "<=": 4, ">": 4, ">=": 4, "~": 4,
           "LIKE": 4, "ILIKE": 4, "IN": 4, "IS": 4, "NOT": 4,
           "+": 5, "-": 5, "*": 6, "/": 6, "//": 6, "%": 6, "^": 7, "||": 8}
_NOT_POWER, _UNARY_MINUS = 3, 9
_RIGHT = {"^"}


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def next(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def error(self, reason: str, tok: Token | None = None, hint: str | None = None):
        tok = tok or self.tok
        return ExpressionError(reason, tok.pos, self.text, hint=hint)

    def expect(self, kind: str, value=None) -> Token:
        tok = self.tok
        if tok.kind != kind or (value is not None and tok.value != value):
            raise self.error(tr("expected '{}' but found {}").format(value, _describe(tok)))
        return self.next()

    def expression(self, power: int = 0) -> Node:
        left = self.prefix()
        while True:
            tok = self.tok
            op = tok.value if tok.kind in ("op", "kw") else None
            bp = _BINARY.get(op) if op is not None else None
            if bp is None or bp <= power:
                return left
            self.next()
            if op == "NOT":       # NOT IN / NOT LIKE / NOT ILIKE
                after = self.tok
                if not (after.kind == "kw" and after.value in ("IN", "LIKE", "ILIKE")):
                    raise self.error(tr("expected IN, LIKE or ILIKE after NOT"))
                self.next()
                if after.value == "IN":
                    left = self.in_list(tok, left, negated=True)
                else:
                    left = Unary(tok.pos, "NOT", self.infix(after.value, after, left, bp))
                continue
            left = self.infix(op, tok, left, bp)

    def in_list(self, tok: Token, left: Node, negated: bool) -> Node:
        self.expect("op", "(")
        items = [self.expression()]
        while self.tok.kind == "op" and self.tok.value == ",":
            self.next()
            items.append(self.expression())
        self.expect("op", ")")
        return InList(tok.pos, left, items, negated)

    def infix(self, op: str, tok: Token, left: Node, bp: int) -> Node:
        if op == "IN":
            return self.in_list(tok, left, negated=False)
        if op == "IS":
            negated = self.tok.kind == "kw" and self.tok.value == "NOT"
            if negated:
                self.next()
            right = self.expression(bp)
            return Binary(tok.pos, "IS NOT" if negated else "IS", left, right)
        right = self.expression(bp - 1 if op in _RIGHT else bp)
        return Binary(tok.pos, op, left, right)

    def prefix(self) -> Node:
        tok = self.next()
        if tok.kind in ("number", "string"):
            return Literal(tok.pos, tok.value)
        if tok.kind == "field":
            return Field(tok.pos, tok.value)
        if tok.kind == "var":
            return Variable(tok.pos, tok.value.lower())
        if tok.kind == "kw":
            if tok.value in ("NULL", "TRUE", "FALSE"):
                return Literal(tok.pos, {"NULL": None, "TRUE": True, "FALSE": False}[tok.value])
            if tok.value == "NOT":
                return Unary(tok.pos, "NOT", self.expression(_NOT_POWER))
            if tok.value == "CASE":
                return self.case(tok)
        if tok.kind == "ident":
            if self.tok.kind == "op" and self.tok.value == "(":
                return self.call(tok)
            return Field(tok.pos, tok.value)     # QGIS accepts bare field names
        if tok.kind == "op" and tok.value in "-+":
            return Unary(tok.pos, tok.value, self.expression(_UNARY_MINUS))
        if tok.kind == "op" and tok.value == "(":
            inner = self.expression()
            if not (self.tok.kind == "op" and self.tok.value == ")"):
                raise self.error(tr("expected ')' but found {}").format(_describe(self.tok)),
                                 hint=tr("the parenthesis opened at character {} is not closed")
                                 .format(tok.pos + 1))
            self.next()
            return inner
        if tok.kind == "end":
            raise self.error(tr("the expression ends too early"), tok)
        raise self.error(tr("unexpected {}").format(_describe(tok)), tok)

    def call(self, name: Token) -> Node:
        self.expect("op", "(")
        args = []
        if not (self.tok.kind == "op" and self.tok.value == ")"):
            args.append(self.expression())
            while self.tok.kind == "op" and self.tok.value == ",":
                self.next()
                args.append(self.expression())
        self.expect("op", ")")
        from twin.core.expression_functions import check_call
        check_call(name.value.lower(), len(args), name.pos, self.text)
        return Call(name.pos, name.value.lower(), args)

    def case(self, tok: Token) -> Node:
        whens = []
        while self.tok.kind == "kw" and self.tok.value == "WHEN":
            self.next()
            cond = self.expression()
            self.expect("kw", "THEN")
            whens.append((cond, self.expression()))
        if not whens:
            raise self.error(tr("expected WHEN after CASE"))
        otherwise = None
        if self.tok.kind == "kw" and self.tok.value == "ELSE":
            self.next()
            otherwise = self.expression()
        self.expect("kw", "END")
        return Case(tok.pos, whens, otherwise)


def _describe(tok: Token) -> str:
    if tok.kind == "end":
        return tr("the end")
    if tok.kind == "string":
        return f"'{tok.value}'"
    if tok.kind == "field":
        return f'"{tok.value}"'
    return f"'{tok.value}'"


# ---- the public face ---------------------------------------------------------------------

@dataclass
class Expression:
    """A parsed expression; ``evaluate`` runs it over every row of a frame at once."""

    text: str
    root: Node
    fields: list[str] = field(default_factory=list)   # the field names it reads, in order
    variables: list[str] = field(default_factory=list)  # $area, $length... it reads

    @property
    def uses_geometry(self) -> bool:
        return bool(self.variables)

    def check(self, columns) -> None:
        """Raises ExpressionError if a field the expression reads is not among ``columns``."""
        from twin.core.expression_eval import resolve_field
        for node in _walk(self.root):
            if isinstance(node, Field):
                resolve_field(node, list(columns), self.text)

    def evaluate(self, frame, crs=None):
        """A pandas Series over ``frame``'s rows (nullable dtype: NULL is <NA>).

        ``crs``: a projected CRS for $area/$length/$perimeter when the frame's own is
        geographic (the scene's; otherwise the frame's UTM zone)."""
        from twin.core.expression_eval import Evaluator
        return Evaluator(frame, self.text, crs).value(self.root).set_axis(frame.index)

    def mask(self, frame, crs=None):
        """A numpy bool array: the rows where the expression is TRUE (NULL and FALSE are
        not kept, as in a QGIS filter)."""
        from twin.core.expression_eval import as_condition
        return as_condition(self.evaluate(frame, crs), self.root.pos, self.text) \
            .fillna(False).to_numpy(dtype=bool)


def parse(text: str) -> Expression:
    """The expression written in ``text``; raises ExpressionError with the position."""
    if not text or not text.strip():
        raise ExpressionError(tr("the expression is empty"), 0, text or "")
    parser = _Parser(text)
    root = parser.expression()
    if parser.tok.kind != "end":
        raise parser.error(tr("unexpected {} after a complete expression").format(_describe(parser.tok)),
                           hint=tr("an operator such as AND or OR may be missing"))
    nodes = list(_walk(root))
    fields = list(dict.fromkeys(n.name for n in nodes if isinstance(n, Field)))
    variables = list(dict.fromkeys(n.name for n in nodes if isinstance(n, Variable)))
    from twin.core.expression_eval import VARIABLES
    for n in nodes:
        if isinstance(n, Variable) and n.name not in VARIABLES:
            raise ExpressionError(tr("unknown variable {}").format(n.name), n.pos, text,
                                  hint=tr("known: {}").format(", ".join(sorted(VARIABLES))))
    return Expression(text, root, fields, variables)


def _walk(node: Node):
    yield node
    if isinstance(node, Unary):
        yield from _walk(node.operand)
    elif isinstance(node, Binary):
        yield from _walk(node.left)
        yield from _walk(node.right)
    elif isinstance(node, InList):
        yield from _walk(node.operand)
        for item in node.items:
            yield from _walk(item)
    elif isinstance(node, Call):
        for arg in node.args:
            yield from _walk(arg)
    elif isinstance(node, Case):
        for cond, then in node.whens:
            yield from _walk(cond)
            yield from _walk(then)
        if node.otherwise is not None:
            yield from _walk(node.otherwise)


def label_texts(frame, field_or_expression: str, crs=None) -> list[str] | None:
    """A label per row: the values of the field it names, else the text of the expression
    it is (``concat("nom", ' — ', round("hauteur"), ' m')``; NULL gives no text). None when
    it is neither, so that a bad label leaves the layer drawn, unlabelled."""
    if field_or_expression in frame.columns:
        return frame[field_or_expression].astype(str).to_list()
    from twin.core.expression_values import to_text
    try:
        return to_text(parse(field_or_expression).evaluate(frame, crs)).fillna("").to_list()
    except ExpressionError:
        return None
