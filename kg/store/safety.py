"""What a user's SPARQL query may do, decided by parsing it, plus the two places where
terms meet query text (rendering a term, injecting bindings) and the time limit.

Rules (see docs/stores.md):

- within the limits on size, nesting and operators, checked on the text's tokens before
  the parser sees it (``kg.store.query_limits``); the parser is then used by one thread
  at a time (``parse``);
- only queries: a text that parses as a SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP,
  CREATE, ADD, MOVE, COPY, WITH) is refused. The decision comes from rdflib's SPARQL
  grammar, so keywords inside strings, IRIs or comments cannot fool it;
- no federation: ``SERVICE`` anywhere in the parse tree is refused unless the caller opts
  in (``allow_service``);
- no server extensions: prefixes must be declared or be one of DEFAULT_PREFIXES, and
  function calls may only be XSD casts. A remote server resolves its own predefined
  prefixes and functions (Virtuoso's ``bif:http_get`` fetches URLs), and rdflib refuses
  vendor syntax such as Virtuoso's ``DEFINE get:soft`` pragmas as malformed;
- limits on time and rows (the stores enforce them; ``call_with_time_limit`` is the
  time limit for work run in a thread, which cannot be interrupted: user queries on an
  embedded store run in a query process instead, ``kg.querying.processes``).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterator, TypeVar

from rdflib import BNode, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.term import Identifier

from kg.core.constants import DEFAULT_PREFIXES
from kg.core.errors import QueryError
from kg.store.query_limits import check_limits

T = TypeVar("T")

_PARSING = threading.Lock()
_FORMS = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "construct",
          "DescribeQuery": "describe"}


class RefusedQuery(QueryError):
    """A well-formed request that the rules forbid (an update, SERVICE, an extension)."""


class TimeLimitError(QueryError):
    """The query ran past its time limit."""

    def __init__(self, timeout: float) -> None:
        super().__init__(f"query time limit of {timeout:g} s reached; narrow the query "
                         "or raise the limit (--timeout)")


@dataclass(frozen=True)
class QueryInfo:
    """What the parse tree says about a query."""

    form: str                      # select, ask, construct or describe
    text: str                      # with \\u escapes expanded: what rdflib parsed
    prefixes: tuple[tuple[str, str], ...]  # (prefix, IRI) the query declares
    used: frozenset[str]           # prefixes it uses
    functions: tuple[str, ...]     # extension function calls: absolute IRIs, or '' when
                                   # the IRI cannot be known here (relative to BASE)
    service: bool                  # a SERVICE clause somewhere
    variables: frozenset[str] = frozenset()   # every variable the query names
    projected: tuple[str, ...] | None = None  # a SELECT's own list; None for SELECT *,
                                              # ASK, CONSTRUCT, DESCRIBE

    @property
    def declared(self) -> frozenset[str]:
        return frozenset(p for p, _ in self.prefixes)

    @property
    def returns_graph(self) -> bool:
        return self.form in ("construct", "describe")


def check_query(sparql: str, *, allow_service: bool = False) -> QueryInfo:
    """``sparql`` if a user may run it; otherwise a QueryError saying why. Its size,
    nesting and operators are checked first (``kg.store.query_limits``), before the parser."""
    check_limits(sparql)
    info = inspect_query(sparql)
    if info.service and not allow_service:
        raise RefusedQuery("SERVICE (federated query) is not allowed: it makes the server "
                           "contact other hosts; pass --allow-service to permit it")
    unknown = sorted(info.used - info.declared - set(DEFAULT_PREFIXES))
    if unknown:
        raise QueryError(f"unknown prefix {unknown[0]}: declare it with "
                         f"PREFIX {unknown[0]}: <...>")
    for iri in info.functions:
        if not iri.startswith(str(XSD)):
            raise RefusedQuery(f"function {f'<{iri}>' if iri else 'with a relative IRI'} "
                               "is not allowed: only standard SPARQL functions "
                               "and XSD casts may be called")
    return info


@lru_cache(maxsize=256)  # the app and ingest run the same few texts over and over
def inspect_query(sparql: str) -> QueryInfo:
    """Parse ``sparql`` as a query; refuse an update; report a syntax error's position."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes, parseQuery

    text = expandUnicodeEscapes(sparql)
    # A server that expands escapes once more would read a different query than we did.
    if expandUnicodeEscapes(text) != text:
        raise QueryError("ambiguous \\u escape sequences (an escape that spells another "
                         "escape); write the characters themselves")
    try:
        tree = parse(parseQuery, text)
    except ParseException as exc:
        if _is_update(text):
            raise RefusedQuery("updates (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, "
                               "MOVE, COPY) are not allowed: queries are read-only; use "
                               "kg ingest / kg remove to change the store") from None
        raise QueryError(_syntax_message(exc)) from None
    prologue, body = tree[0], tree[1]
    nodes = list(_walk(tree))
    prefixes = dict(DEFAULT_PREFIXES)
    declared = tuple((_get(d, "prefix") or "", str(_get(d, "iri"))) for d in prologue
                     if d.name == "PrefixDecl")
    prefixes.update(declared)  # the last declaration wins, as in SPARQL
    return QueryInfo(
        form=_FORMS[body.name], text=text, prefixes=declared,
        used=frozenset(_get(n, "prefix") or "" for n in nodes if n.name == "pname"),
        functions=tuple(_function_iri(_get(n, "iri"), prefixes) for n in nodes
                        if n.name == "Function"),
        service=any(n.name == "ServiceGraphPattern" for n in nodes),
        variables=frozenset(str(v) for v in _leaves(body) if isinstance(v, Variable)),
        projected=_projection(body))


def parse(parser: Callable[[str], T], text: str) -> T:
    """``parser(text)`` for rdflib's SPARQL grammar, one thread at a time: pyparsing
    fixes each parse action's arity on its first call, and two threads making that first
    call together break the grammar for good (a fresh ``kg serve`` hit by concurrent
    requests failed them all with "missing 1 required positional argument")."""
    with _PARSING:
        try:
            return parser(text)
        except RecursionError:  # nesting within check_limits' bound should never get here
            raise QueryError("query nested too deeply for the SPARQL parser; flatten the "
                             "expression") from None


def check_bindings(info: QueryInfo, names) -> None:
    """Refuse a binding the stores cannot apply: a store substitutes a variable that a
    SELECT lists (any of the query's variables for SELECT *, ASK, CONSTRUCT, DESCRIBE)."""
    for name in names:
        if info.projected is not None and name not in info.projected:
            listed = ", ".join("?" + v for v in info.projected)
            raise QueryError(f"cannot bind ?{name}: the query does not select it (it "
                             f"selects {listed}); bind one of those, or add ?{name} to "
                             "its SELECT clause")
        if info.projected is None and name not in info.variables:
            listed = ", ".join("?" + v for v in sorted(info.variables)) or "none"
            raise QueryError(f"cannot bind ?{name}: the query has no variable ?{name} "
                             f"(its variables: {listed}); check the name")


def _projection(body) -> tuple[str, ...] | None:
    if body.name != "SelectQuery" or _get(body, "projection") is None:
        return None
    return tuple(str(_get(item, "var") or _get(item, "evar"))
                 for item in _get(body, "projection"))


def _is_update(text: str) -> bool:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        update = parse(parseUpdate, text)
    except ParseException:
        return False
    return bool(_get(update, "request"))  # an empty text parses as an empty update


def _syntax_message(exc) -> str:
    """Where the parser stopped, what it found there and what it wanted, in words."""
    line = exc.line.rstrip()
    caret = " " * (exc.col - 1) + "^"
    detail = f"\n  {line}\n  {caret}" if line.strip() else ""
    word = re.match(r"\S{0,30}", exc.pstr[exc.loc:]).group()
    found = f"'{word}'" if word else "the end of the query"
    if not re.sub(r"#[^\n]*", "", exc.pstr).strip():
        return ("malformed query: it is empty (or only comments); write a SELECT, "
                "CONSTRUCT, DESCRIBE or ASK query")
    # pyparsing backtracks: the position is where the statement it could not finish
    # starts, so the mistake is there or a little further on
    return (f"malformed query at line {exc.lineno}, column {exc.col}: expected "
            f"{_expected(exc)}, found {found} (the mistake is here or later in this "
            f"statement){detail}")


_QUERY_FORMS = "SELECT, CONSTRUCT, DESCRIBE or ASK (after any PREFIX and BASE lines)"


def _expected(exc) -> str:
    """pyparsing's expectation in words: "'}'", "AS", "the end of the query"."""
    element = getattr(exc, "parser_element", None)
    token = getattr(element, "match", None)
    if "SelectQuery |" in exc.msg:  # nothing of the query could be read
        return _QUERY_FORMS
    if type(element).__name__ == "StringEnd":
        return "the end of the query (or a clause such as ORDER BY, LIMIT, OFFSET)"
    if token == "?":
        return "a variable (?name)"
    if isinstance(token, str) and token:
        return token if token.isalpha() else f"'{token}'"
    return str(element) if element is not None else exc.msg


def _leaves(node) -> Iterator:
    """Every term of a parse tree (variables, IRIs, literals...), depth first."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        for key in node:
            yield from _leaves(dict.get(node, key))
    elif isinstance(node, (list, tuple, ParseResults)):
        for item in node:
            yield from _leaves(item)
    else:
        yield node


def _walk(node) -> Iterator:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        yield node
        for key in node:
            yield from _walk(dict.get(node, key))
    elif isinstance(node, (list, tuple, ParseResults)):
        for item in node:
            yield from _walk(item)


def _get(node, key):
    # CompValue.get/[] answer the key itself for a missing key: read the raw dict.
    return dict.get(node, key)


def _function_iri(iri, prefixes: dict[str, str]) -> str:
    """The absolute IRI of a called function; '' when it is relative (BASE-dependent) or
    its prefix is unknown: such calls are refused."""
    if isinstance(iri, URIRef):
        return str(iri) if _IRI.fullmatch(str(iri)) else ""
    prefix = _get(iri, "prefix") or ""  # a pname CompValue
    return prefixes[prefix] + (_get(iri, "localname") or "") if prefix in prefixes else ""


# -- terms in query text -----------------------------------------------------------------
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^<>\"{}|^`\\\x00-\x20]*")
_LANG = re.compile(r"[A-Za-z]+(-[A-Za-z0-9]+)*")
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
          "\f": "\\f"}
_ECHAR_RE = re.compile("[\\\\\"\n\r\t\b\f]")


def check_iri(iri: str) -> str:
    """``iri`` if it is an absolute IRI that needs no escaping inside ``<...>``."""
    if not _IRI.fullmatch(str(iri)):
        raise QueryError(f"not a valid absolute IRI: {str(iri)[:200]!r}")
    return str(iri)


def sparql_term(term: Identifier, bnodes: dict | None = None) -> str:
    """``term`` in N-Triples syntax (valid in SPARQL), after validating every part.

    Blank nodes are relabelled ``_:b0``, ``_:b1``... through ``bnodes`` (a label never
    comes from the data); without that map a blank node is refused.
    """
    if isinstance(term, URIRef):
        return f"<{check_iri(term)}>"
    if isinstance(term, BNode):
        if bnodes is None:
            raise QueryError("a blank node cannot be sent to the server as a value")
        return bnodes.setdefault(term, f"_:b{len(bnodes)}")
    if isinstance(term, Literal):
        text = '"' + _ECHAR_RE.sub(lambda m: _ECHAR[m.group()], str(term)) + '"'
        if term.language:
            if not _LANG.fullmatch(term.language):
                raise QueryError(f"not a valid language tag: {term.language!r}")
            return f"{text}@{term.language}"
        if term.datatype and str(term.datatype) != str(XSD.string):
            return f"{text}^^<{check_iri(term.datatype)}>"
        return text
    raise QueryError(f"cannot use {term!r} as an RDF term")


# -- time limit ----------------------------------------------------------------------------
def call_with_time_limit(fn: Callable[[threading.Event], T], timeout: float | None) -> T:
    """``fn(cancel)`` run in a daemon thread; TimeLimitError once ``timeout`` passes.

    The embedded store cannot be interrupted: after the limit ``cancel`` is set, and
    ``fn`` is expected to stop at its next row, but an operator that works before giving
    its first row (ORDER BY, GROUP BY, a big join) runs on in the background until it
    ends. The caller gets its answer on time; the CPU is released later. A daemon thread
    never keeps the process from exiting.
    """
    if not timeout:
        return fn(threading.Event())
    cancel = threading.Event()
    box: dict = {}

    def work() -> None:
        try:
            box["value"] = fn(cancel)
        except BaseException as exc:  # handed to the caller below
            _clear_frames(exc)
            box["error"] = exc

    worker = threading.Thread(target=work, name="kg-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        cancel.set()
        raise TimeLimitError(timeout)
    if "error" in box:
        raise box["error"]
    return box["value"]


def _clear_frames(exc: BaseException | None) -> None:
    """Drop the locals of the worker's finished frames: a traceback handed to another
    thread must not keep pyoxigraph's result iterators, which may only be dropped on
    the thread that made them."""
    import traceback

    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        traceback.clear_frames(exc.__traceback__)
        exc = exc.__cause__ or exc.__context__
