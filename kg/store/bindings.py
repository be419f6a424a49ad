"""Bindings meet query text: a SPARQL server gets the values a caller binds as a
``VALUES`` block (``inject_values``), opening the WHERE group and every sub-select that
projects a bound variable, which is what substitution gives on Oxigraph; any store can
start a query from a table of values (``inject_table``, ``Store.query_table``). Every
term is validated and written by ``kg.store.safety.sparql_term``."""

from __future__ import annotations

import re
from typing import Mapping

from rdflib.term import Identifier

from kg.core.errors import QueryError
from kg.store.query_limits import TOKENS
from kg.store.safety import QueryInfo, parse, sparql_term

_VAR = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


_BRACKET = ("open", "close")  # kinds of kg.store.query_limits.TOKENS: ( [ { and ) ] }


def inject_values(info: QueryInfo, bindings: Mapping[str, Identifier]) -> str:
    """``info.text`` with ``VALUES (?a ?b) { (t1 t2) }`` opening its WHERE group, and
    opening the group of every sub-``SELECT`` that projects a bound variable.

    At the start of the WHERE group the bound variables are visible to every filter and
    pattern of that group, which is what substitution (Oxigraph's SEP-0007 bindings)
    gives; a VALUES clause appended after the query (rdflib's SPARQLStore) is joined only
    after the WHERE group, so ``FILTER(CONTAINS(?name, ?q))`` would see ``?q`` unbound.
    Substitution also reaches into a sub-select through the variables it projects: a
    sub-select that pages one entity's facts (``ORDER BY ... LIMIT 50``) is evaluated
    for that entity alone, where a server given the VALUES outside only would page the
    whole store's facts first. The positions come from a tokenizer that skips strings,
    IRIs and comments; every term is validated by ``sparql_term`` and the result is
    parsed again.
    """
    names = list(bindings)
    for name in names:
        if not _VAR.fullmatch(name):
            raise QueryError(f"not a valid variable name: {name!r}")
    terms = {n: sparql_term(bindings[n]) for n in names}

    def values(chosen: list[str]) -> str:
        return "VALUES ({}) {{ ({}) }}".format(" ".join("?" + n for n in chosen),
                                               " ".join(terms[n] for n in chosen))

    text = info.text
    for at, projected in sorted(_sub_selects(text), reverse=True):
        chosen = [n for n in names if projected is None or n in projected]
        if chosen:
            text = text[:at + 1] + " " + values(chosen) + " " + text[at + 1:]
    at = _where_brace(text)
    candidates = [text[:at + 1] + " " + values(names) + " " + text[at + 1:]] if at >= 0 else []
    # Without a WHERE group (DESCRIBE <x>) or where VALUES may not go (CONSTRUCT WHERE's
    # triples-only group), a trailing VALUES clause: those forms have no FILTER to starve.
    candidates.append(text + "\n" + values(names))
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    for candidate in candidates:
        try:
            parse(parseQuery, candidate)  # rdflib's parser, one thread at a time
            return candidate
        except ParseException as exc:
            error = exc
    raise QueryError(f"cannot apply the bindings to this query: {error.msg}")


def inject_table(text: str, rows: list[Mapping[str, Identifier | None]]) -> str:
    """``text`` with a VALUES table of ``rows`` (variable -> term, None for UNDEF)
    opening its WHERE group: the solutions the query starts from. Variable names and
    terms are validated as for bindings (``sparql_term``); the store parses the result."""
    names = list(dict.fromkeys(name for row in rows for name in row))
    for name in names:
        if not _VAR.fullmatch(name):
            raise QueryError(f"not a valid variable name: {name!r}")
    table = " ".join("(" + " ".join("UNDEF" if row.get(n) is None else sparql_term(row[n])
                                    for n in names) + ")" for row in rows)
    head = " ".join("?" + n for n in names) or "?nothing"
    at = _where_brace(text)
    if at < 0:
        raise QueryError("a table of values needs a query with a WHERE group")
    return f"{text[:at + 1]} VALUES ({head}) {{ {table} }} {text[at + 1:]}"


def _sub_selects(text: str) -> list[tuple[int, set[str] | None]]:
    """(offset of the ``{`` opening its group, the variables it projects or None for
    ``*``) of every SELECT nested in the query's pattern."""
    tokens = [(m.lastgroup, m.group(), m.start()) for m in TOKENS.finditer(text)]
    found, depth, i = [], 0, 0
    while i < len(tokens):
        kind, tok, _ = tokens[i]
        if kind in _BRACKET and tok in "{}":
            depth += 1 if tok == "{" else -1
        elif kind == "word" and tok.upper() == "SELECT" and depth > 0:
            projected: set[str] | None = set()
            parens, after_as = 0, False
            for i in range(i + 1, len(tokens)):  # noqa: B020 - on to its group's brace
                kind, tok, start = tokens[i]
                if kind in _BRACKET and tok == "{" and parens == 0:
                    found.append((start, projected))
                    break
                if kind in _BRACKET and tok in "()":
                    parens += 1 if tok == "(" else -1
                elif kind == "var" and (parens == 0 or after_as) and projected is not None:
                    projected.add(tok[1:])
                elif kind in ("op", "other") and tok == "*" and parens == 0:
                    projected = None
                after_as = kind == "word" and tok.upper() == "AS"
            continue  # the brace itself is counted by the loop
        i += 1
    return found


def _where_brace(text: str) -> int:
    """Offset of the ``{`` opening the outermost WHERE group, -1 if there is none."""
    depth = parens = 0
    first = -1
    after_where = False
    for m in TOKENS.finditer(text):
        kind, tok = m.lastgroup, m.group()
        if kind == "word" and tok.upper() == "WHERE" and depth == 0 and parens == 0:
            after_where = True
        elif kind in _BRACKET:
            if tok == "{" and depth == 0 and parens == 0:
                if after_where:
                    return m.start()
                if first < 0:
                    first = m.start()
            depth += {"{": 1, "}": -1}.get(tok, 0)
            parens += {"(": 1, ")": -1}.get(tok, 0)
    # Without WHERE the first top-level group is the pattern, except in CONSTRUCT, whose
    # first group is the template and whose WHERE keyword is mandatory.
    return first if not re.match(r"(?is)(?:\s|#[^\n]*\n|(?:BASE|PREFIX)[^<]*<[^>]*>)*"
                                 r"CONSTRUCT\b", text) else -1
