"""What a SPARQL server answers, as the terms the embedded store gives: SPARQL JSON
results (a SELECT, an ASK as Virtuoso 7.2 sends it) and N-Triples in which Virtuoso
wrote a duration as its number of months or seconds (``kg.store.remote``)."""

from __future__ import annotations

import json
import re
from decimal import Decimal

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from kg.core.errors import QueryError

DURATIONS = {str(XSD.duration), str(XSD.dayTimeDuration), str(XSD.yearMonthDuration)}
# A duration as Virtuoso 7 keeps it: a number of months (integer) or seconds (decimal).
_NUMBER = r"-?\d+(?:\.\d*)?(?:[eE][+-]?\d+)?"
_STORED_DURATION = re.compile(r'(?<!\\)"(' + _NUMBER + r')"\^\^<(' + "|".join(
    re.escape(d) for d in sorted(DURATIONS)) + ")>")


def select_rows(body: bytes, url: str, term=None) -> tuple[list[str], list[tuple]]:
    """(columns, rows) of a SPARQL JSON result, each value made by ``term`` (default
    ``_term``: an rdflib term; ``value_of``: its text)."""
    term = term or _term
    try:
        doc = json.loads(body)
        columns = list(doc["head"]["vars"])
        rows = [tuple(term(b[c]) if c in b else None for c in columns)
                for b in doc["results"]["bindings"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise QueryError(f"{url} sent a result that is not SPARQL JSON: {exc}") from exc
    return columns, rows


def ask_answer(body: bytes) -> bool:
    doc = json.loads(body)
    if "boolean" in doc:
        return bool(doc["boolean"])
    # Virtuoso 7.2 answers ASK as a one-column SELECT (__ASK_RETVAL = 1, or no row).
    rows = doc.get("results", {}).get("bindings", [])
    return any(str(v.get("value")) in ("1", "true") for row in rows for v in row.values())


def value_of(binding: dict) -> str:
    """A SPARQL JSON term's text, as ``str(_term(binding))`` gives it."""
    value = binding["value"]
    if binding.get("datatype") in DURATIONS and re.fullmatch(_NUMBER, value):
        return _duration(value)
    return value


def _term(binding: dict) -> Identifier:
    """A SPARQL JSON term as the rdflib term the embedded store gives (``from_ox``)."""
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    lang = binding.get("xml:lang") or binding.get("lang")
    datatype = binding.get("datatype")
    if lang:
        return Literal(value, lang=lang)
    if datatype in DURATIONS and re.fullmatch(_NUMBER, value):
        value = _duration(value)
    if datatype and datatype != str(XSD.string):  # "typed-literal": older servers
        return Literal(value, datatype=URIRef(datatype))
    return Literal(value)


def fix_durations(ntriples: str) -> str:
    return _STORED_DURATION.sub(lambda m: f'"{_duration(m.group(1))}"^^<{m.group(2)}>',
                                ntriples)


def _duration(number: str) -> str:
    """Virtuoso's number for a duration as the canonical xsd:duration the embedded store
    gives: "60" (months) -> "P5Y", "129600.0" or "7.776e+06" (seconds) -> "P1DT12H",
    "P90D". A number is never
    a valid duration, so this cannot misread another server's data. A duration with both
    parts ("P1Y2D") has lost its days inside Virtuoso already (issue #936)."""
    sign = "-" if number.startswith("-") else ""
    if re.fullmatch(r"-?\d+", number):
        years, months = divmod(abs(int(number)), 12)
        text = (f"{years}Y" if years else "") + (f"{months}M" if months or not years else "")
        return f"{sign}P{text}"
    seconds = abs(Decimal(number))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, rest = divmod(rest, 60)
    clock = "".join(f"{int(n)}{u}" for n, u in ((hours, "H"), (minutes, "M")) if n)
    if rest:
        clock += f"{rest.normalize():f}S"
    text = (f"{int(days)}D" if days else "") + (f"T{clock}" if clock else "")
    return f"{sign}P{text or 'T0S'}"
