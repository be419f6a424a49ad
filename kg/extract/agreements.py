"""Agreements: one record per distinct agreement, with parties, stage, date, duration and
value, each with the sentence it was read from and the rule that read it.

The component groups the mentions of each agreement and leaves its description on the
first mention (``span._.pkg_agreement_info``, an ``AgreementInfo``).
"""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc

from kg.core.constants import AGREEMENT_SPANS
from kg.core.records import Agreement, Money, Ref
from kg.extract.evidence import add_evidence, sentence_evidence
from kg.nlp.agreements.types import AgreementInfo


def extract(doc: Doc) -> Iterator[Agreement]:
    records: dict[int, Agreement] = {}
    for span in doc.spans.get(AGREEMENT_SPANS, []):
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


def _record(doc: Doc, info: AgreementInfo) -> Agreement:
    rec = Agreement(info.label, named=info.named)
    for (kind, key), i, rule in info.parties:
        ref = Ref.country(key) if kind == "country" else Ref.organization(key)
        add_evidence(rec.parties, ref, doc[i:i + 1], rule)
    for facts, bucket in ((info.stages, rec.statuses), (info.dates, rec.dates),
                          (info.durations, rec.durations)):
        for value, i, rule in facts:
            add_evidence(bucket, value, doc[i:i + 1], rule)
    for (amount, currency), i, rule in info.values:
        add_evidence(rec.values, Money(amount, currency), doc[i:i + 1], rule)
    for _, i, rule in info.text_of:
        ev = sentence_evidence(doc[i:i + 1], rule)
        if ev not in rec.text_of:
            rec.text_of.append(ev)
    for (name, (kind, key)), i, rule in info.signatories:
        party = Ref.country(key) if kind == "country" else Ref.organization(key)
        add_evidence(rec.signatories, (name, party), doc[i:i + 1], rule)
    return rec
