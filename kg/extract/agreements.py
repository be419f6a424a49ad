"""Agreements: one record per distinct agreement, with parties, duration, value, status.

The component groups the mentions of each agreement and leaves a plain description on
the first mention (``span._.pkg_agreement_info``); evidence is the sentence of the token
each fact was read from.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from spacy.tokens import Doc

from kg.extract.evidence import add_evidence, sentence_evidence
from kg.extract.records import STAGE_OF, STAGES, Agreement, Money, Ref
from kg.nlp.agreements import SPAN_KEY


def extract(doc: Doc) -> Iterator[Agreement]:
    records: dict[int, Agreement] = {}
    for span in doc.spans.get(SPAN_KEY, []):
        index = span._.pkg_agreement
        info = span._.pkg_agreement_info
        if info is not None:
            records[index] = _record(doc, info)
        rec = records.get(index)
        if rec is None:
            continue
        ev = sentence_evidence(span)
        if ev not in rec.mentions:
            rec.mentions.append(ev)
    yield from records.values()


def _record(doc: Doc, info: dict) -> Agreement:
    rec = Agreement(info["label"], named=info["named"])
    for kind, key, i in info["parties"]:
        ref = Ref.country(key) if kind == "country" else Ref.organization(key)
        add_evidence(rec.parties, ref, doc[i:i + 1])
    for iso, i in info["durations"]:
        add_evidence(rec.durations, iso, doc[i:i + 1])
    for amount, currency, i in info["values"]:
        add_evidence(rec.values, Money(Decimal(amount), currency), doc[i:i + 1])
    stages = [(STAGE_OF.get(status, status), i) for status, i in info["statuses"]]
    furthest = max((STAGES.index(s) for s, _ in stages if s in STAGES), default=None)
    for stage, i in stages:
        if furthest is not None and stage == STAGES[furthest]:
            add_evidence(rec.statuses, stage, doc[i:i + 1])
    return rec
