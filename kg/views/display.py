"""How the read side shows a node and a value: the entity kinds it lists, one label
from several spellings, money and durations as text. Shared by the tables
(``kg.views.browse``), the timeline, the networks and ``kg explain``."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

KINDS = ("Person", "Country", "Organization", "Agreement")


def best_label(labels) -> str:
    """One label from several spellings: a clean start ("ABM Treaty", not "(ABM Treaty"),
    then the longest, then alphabetical so the choice is stable."""
    return min(labels, key=lambda l: (not l[:1].isalnum(), -len(l), l))


def entity_label(entity) -> str:
    """A catalog entity's label (kg.archive.catalog.Entity): the best of the spellings
    documents give it, else its IRI."""
    return best_label(entity.labels) if entity.labels else entity.iri


def format_money(amount: str, currency: str | None) -> str:
    try:
        number = Decimal(amount)
    except InvalidOperation:
        return f"{amount} {currency or ''}".strip()
    text = f"{number:,.2f}".removesuffix(".00")
    return f"{text} {currency or ''}".strip()


_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


def format_duration(iso: str) -> str:
    """``P5Y`` -> ``5 years`` (ISO 8601 text kept when it is not a plain date period)."""
    match = _DURATION.match(iso or "")
    if not match or not any(match.groups()):
        return iso
    units = ("year", "month", "week", "day")
    parts = [f"{n} {u}{'s' if int(n) != 1 else ''}" for n, u in zip(match.groups(), units) if n]
    return " ".join(parts)
