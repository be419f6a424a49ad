"""Why the graph says what it says about one document: each fact with the rule that read
it and the sentence that states it, and, for one entity, the candidates the agreement
rules considered and left out, with the reason (``kg explain``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from kg.core.errors import KgError
from kg.core.geo import country_name
from kg.core.records import DocumentRecords, Evidence, KnowledgeSource, Money, Ref
from kg.nlp.agreements import find_agreements
from kg.nlp.agreements.rules import describe, known
from kg.nlp.agreements.types import Cluster, Trace
from kg.processing.process import records_from_doc
from kg.reading.clean import clean_text
from kg.reading.readers import read_document


@dataclass
class FactLine:
    """One fact: ``subject`` (its kind and name) ``predicate`` ``value``, read by ``rule``
    from ``sentence``."""

    kind: str  # Agreement, Person, Document
    subject: str
    predicate: str  # party, status, date, duration, value, role, actsFor, published, textOf,
    # signatory
    value: str
    rule: str | None
    sentence: str


@dataclass
class Candidate:
    """Something a rule considered for an agreement and left out."""

    agreement: str  # the agreement's label (also for one not reported)
    what: str  # "party US", "stage signed", "agreement"
    reason: str
    sentence: str


@dataclass
class Explanation:
    file: str
    facts: list[FactLine] = field(default_factory=list)
    countries: list[tuple[str, str, int]] = field(default_factory=list)  # name, ISO, mentions
    organizations: list[tuple[str, int]] = field(default_factory=list)  # name, mentions
    rejected: list[Candidate] = field(default_factory=list)  # only for an --entity
    entity: str | None = None


def explain(path: Path, entity: str | None = None, nlp: Language | None = None) -> Explanation:
    """Every fact ``kg extract`` would state for the document at ``path``, with rule and
    sentence; with ``entity`` (a name as the text or the graph gives it) only the facts
    about it, and the candidates considered for it and left out."""
    if nlp is None:
        from kg.nlp import load_pipeline

        nlp = load_pipeline()
    source = read_document(Path(path))
    doc = nlp(clean_text(source.text))
    records = records_from_doc(doc, source)
    out = Explanation(file=source.path.name, entity=entity)
    out.facts = _facts(records)
    out.countries = [(c.name, c.iso, len(c.mentions)) for c in records.countries]
    out.organizations = [(o.name, len(o.mentions)) for o in records.organizations]
    if entity is None:
        return out
    wanted = _matcher(entity)
    subjects = {f.subject for f in out.facts if wanted(f.subject)}
    subjects |= {f.subject for f in out.facts if f.kind != "Agreement" and wanted(f.value)}
    out.facts = [f for f in out.facts if f.subject in subjects or wanted(f.value)]
    out.rejected = _rejected(doc, nlp, wanted)
    names = [n for n, _, _ in out.countries] + [n for n, _ in out.organizations]
    if not out.facts and not out.rejected and not any(wanted(n) for n in names):
        agreements = sorted({a.label for a in records.agreements})
        raise KgError(f"{path}: no entity named {entity!r}; the document's agreements are: "
                      + (", ".join(agreements) or "none"))
    return out


def _matcher(entity: str):
    key = " ".join(entity.lower().split())
    return lambda text: key in " ".join((text or "").lower().split())


def _ref_name(ref: Ref) -> str:
    return country_name(ref.key) or ref.key if ref.kind == "country" else ref.key


def _value(value) -> str:
    from kg.views.display import format_duration, format_money

    if isinstance(value, Ref):
        return _ref_name(value)
    if isinstance(value, Money):
        return format_money(str(value.amount), value.currency)
    if isinstance(value, str) and value.startswith("P"):
        return format_duration(value)
    return str(value)


def _lines(kind: str, subject: str, predicate: str, facts: dict) -> list[FactLine]:
    out = []
    for value, evidence in facts.items():
        for ev in sorted(evidence, key=_order):
            out.append(FactLine(kind, subject, predicate, _value(value), ev.rule, _said(ev)))
    return out


def _order(ev: Evidence | KnowledgeSource) -> tuple:
    """Passages in text order, then what the knowledge base added (it has no offsets)."""
    return (0, ev.start, ev.rule or "") if isinstance(ev, Evidence) else (1, 0, ev.rule or "")


def _said(ev: Evidence | KnowledgeSource) -> str:
    if isinstance(ev, Evidence):
        return ev.text
    return f"(added by the actor knowledge base from {ev.name}, version {ev.version})"


def _facts(records: DocumentRecords) -> list[FactLine]:
    out: list[FactLine] = []
    if records.published:
        out.append(FactLine("Document", records.file_name, "published", records.published,
                            None, "(the date the text gives for itself, read by policykg_dates)"))
    for a in records.agreements:
        if a.text_of:
            out += _lines("Document", records.file_name, "textOf", {a.label: a.text_of})
        for predicate, facts in (("party", a.parties), ("status", a.statuses),
                                 ("date", a.dates), ("duration", a.durations),
                                 ("value", a.values)):
            out += _lines("Agreement", a.label, predicate, facts)
        out += _lines("Agreement", a.label, "signatory",
                      {f"{name} (for {_ref_name(party)})": ev
                       for (name, party), ev in a.signatories.items()})
    for p in records.persons:
        out += _lines("Person", p.name, "role", p.roles)
        out += _lines("Person", p.name, "actsFor", p.acts_for)
    return out


def _rejected(doc: Doc, nlp: Language, wanted) -> list[Candidate]:
    """What the agreement rules left out for the entity: for an agreement (reported or
    not), every candidate; for a country or organization, party candidates naming it."""
    trace = Trace()
    lex = nlp.get_pipe("policykg_agreements").lex
    find_agreements(doc, lex, trace)
    out = []
    for c in trace.clusters:
        label = trace.label(c)
        about = _names(c, wanted, label)
        for r in trace.of(c):
            party = r.what.removeprefix("party ")
            if about or r.what.startswith("party ") and (
                    wanted(party) or wanted(country_name(party) or "")):
                out.append(Candidate(label, r.what, r.reason, doc[r.at].sent.text))
    return out


def _names(c: Cluster, wanted, label: str) -> bool:
    return wanted(label) or any(wanted(m.span.text) for m in c.mentions)


def _short(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def format_explanation(ex: Explanation, width: int = 160) -> str:
    """The explanation as text: facts grouped by subject, each with rule and sentence."""
    lines = [f"{ex.file}" + (f" — facts about {ex.entity!r}" if ex.entity else "")]
    subject = None
    for f in ex.facts:
        if (f.kind, f.subject) != subject:
            subject = (f.kind, f.subject)
            lines += ["", f"{f.kind}: {f.subject}"]
        lines.append(f"  {f.predicate:<9} {f.value}   [{f.rule or 'no rule recorded'}]")
        lines.append(f"            \u201c{_short(f.sentence, width)}\u201d")
    if not ex.facts:
        lines += ["", "No facts."]
    if ex.entity is None:
        lines += ["", "Countries: " + (", ".join(f"{n} ({iso}) \u00d7{k}"
                                                for n, iso, k in ex.countries) or "none")]
        lines += ["Organizations: " + (", ".join(f"{n} \u00d7{k}" for n, k in ex.organizations)
                                       or "none")]
    else:
        lines += ["", "Considered and left out:" if ex.rejected else
                  "Considered and left out: nothing."]
        for c in ex.rejected:
            lines.append(f"  {c.agreement}: {c.what} \u2014 {c.reason}")
            lines.append(f"            \u201c{_short(c.sentence, width)}\u201d")
    used = sorted({f.rule for f in ex.facts if f.rule and known(f.rule)})
    if used:
        lines += ["", "Rules:"]
        lines += [f"  {r}: {describe(r)}" for r in used]
    return "\n".join(lines) + "\n"


