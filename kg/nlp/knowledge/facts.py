"""What the actor knowledge base (``kg.nlp.knowledge.kb``) adds about a person or an
organization a document names: evidence beside the text, never instead of it.

Plain functions of a knowledge base, a name, the document's date and what the text
already says, so every rule is testable on hand-made records:

- **date**: the document's date is its published date, else the latest date the text
  states, else unknown (``document_date``). A term counts when it overlaps that date, at
  the precision given ("2021" is the whole year). A term still open when its source was
  compiled counts for ``open_years`` after that, no longer: sources go stale.
- **name**: every record whose name fits ("Ana Vale", "Tom Ross" for "Tom W.
  Ross"; a one-word name by surname) is a candidate; their terms at the date must agree
  on the state, and on the office to give one. Different holders of the same office
  agree; two states are ambiguity, and nothing is given. With no date, all terms of all
  candidates must agree: only a name whose holder is unique across time gets anything.
  A full name with no term at the date gets the state alone when every term of every
  candidate is for that one state (a minister out of office still acts for it).
- **text wins**: an office the text gives must be the known one (or the known one
  unknown), a state the text gives must be the known one, and a single-holder office
  the text gives another person of that state is not this person's; otherwise the name
  is someone else, and nothing is added. The state and office the text gives are never
  replaced, and the state must be one the document names, unless the office the text
  gives is the one every known term at the date holds.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from kg.nlp.countries.gazetteer import office_families
from kg.nlp.knowledge.kb import KnowledgeBase, OrganizationRecord, PersonRecord, Term, body_key
from kg.nlp.lexicons import office_words
from kg.nlp.persons.roles import LEADING, past_office, same_office

ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
OPEN_YEARS = 2


@dataclass(frozen=True)
class PersonFacts:
    """What the knowledge base adds: ``state`` and ``role`` only where the text gave
    none; ``title`` is the source's own words for ``role``; ``sources`` the datasets
    each fact comes from ("state", "role", "wikidata" -> source ids)."""

    state: str | None
    role: str | None
    title: str | None
    wikidata: str | None
    sources: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class OrganizationFacts:
    name: str
    wikidata: str | None
    sources: dict[str, tuple[str, ...]]  # "name", "wikidata" -> source ids


# -- dates --------------------------------------------------------------------------------
def date_bounds(iso: str) -> tuple[str, str] | None:
    """The first and last day a date of any precision covers: "2021-02" ->
    ("2021-02-01", "2021-02-28"); None when it is no ISO date."""
    m = ISO_DATE.match(iso or "")
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    if d:
        return (f"{y:04d}-{mo}-{d}",) * 2
    if mo:
        last = calendar.monthrange(y, int(mo))[1] if 1 <= int(mo) <= 12 else 28
        return f"{y:04d}-{mo}-01", f"{y:04d}-{mo}-{last:02d}"
    return f"{y:04d}-01-01", f"{y:04d}-12-31"


def document_date(published: str | None, stated: list[str] | tuple = (),
                  until: str | None = None) -> str | None:
    """The date the knowledge base is read at: ``published`` when it is a date, else the
    latest of the dates the text ``stated`` (the one starting last; of those, the most
    precise: "1987-03" rather than "1987"), else None. A stated date starting after
    ``until`` (the last date the knowledge base speaks for) is a target the text sets
    ("net zero by 2050"), not its own time: it is passed over."""
    if published and date_bounds(published):
        return published
    dated = []  # (date, its first day): each date's bounds read once
    for d in stated or ():
        bounds = date_bounds(d)
        if bounds and (until is None or bounds[0] <= until):
            dated.append((d, bounds[0]))
    return max(dated, key=lambda pair: (pair[1], len(pair[0])))[0] if dated else None


def _first_day(iso: str | None, default: str | None = "0000") -> str | None:
    """The first day a date covers; ``default`` when there is no date."""
    bounds = date_bounds(iso)
    return bounds[0] if bounds else default


def _last_day(iso: str | None, default: str | None = "9999") -> str | None:
    """The last day a date covers; ``default`` when there is no date."""
    bounds = date_bounds(iso)
    return bounds[1] if bounds else default


def _years_later(day: str, years: int) -> str:
    return f"{int(day[:4]) + years:04d}{day[4:]}"


def term_bounds(term: Term, kb: KnowledgeBase, open_years: int = OPEN_YEARS
                ) -> tuple[str, str]:
    """The days a term covers; an open term ends ``open_years`` after its source's date."""
    start, end = _first_day(term.start), _last_day(term.end, None)
    if end is None:
        as_of = kb.sources[term.source].as_of if term.source in kb.sources else None
        compiled = _last_day(as_of, None)
        end = _years_later(compiled, open_years) if compiled else "9999"
    return start, end


def horizon(kb: KnowledgeBase, open_years: int = OPEN_YEARS) -> str | None:
    """The last day the knowledge base speaks for: its newest source's date, plus the
    years an open term still counts."""
    ends = [day for day in (_last_day(src.as_of, None) for src in kb.sources.values()) if day]
    return _years_later(max(ends), open_years) if ends else None


def held_at(term: Term, date: str, kb: KnowledgeBase, open_years: int = OPEN_YEARS) -> bool:
    lo, hi = date_bounds(date)
    start, end = term_bounds(term, kb, open_years)
    return start <= hi and end >= lo


# -- persons ------------------------------------------------------------------------------
def candidates(kb: KnowledgeBase, name: str) -> list[PersonRecord]:
    """Records a name fits; a one-word name also by surname ("Vale")."""
    found = kb.persons_named(name)
    if len(name.split()) == 1:
        found += [r for r in kb.persons_with_surname(name) if r not in found]
    return found


def person_facts(kb: KnowledgeBase, name: str, date: str | None, *,
                 text_role: str | None = None, text_state: str | None = None,
                 taken: frozenset[tuple[str, str]] = frozenset(),
                 named_states: set[str] | None = None,
                 open_years: int = OPEN_YEARS) -> PersonFacts | None:
    """What the knowledge base adds about the person named ``name`` (see the module);
    ``taken`` holds (office family, state) pairs the text gives to other persons, whose
    holder this person then is not. When ``named_states`` (the countries the document
    names) are given, the state must be one of them: the knowledge base links a person
    to a state the text is about, it does not bring in a new one. None when nothing can
    be added."""
    records = candidates(kb, name)
    past = bool(text_role) and past_office(text_role)
    terms = [t for r in records for t in r.terms if date is None or (
        held_before(t, date, kb) if past else held_at(t, date, kb, open_years))]
    if not terms and date is not None and not past and not text_state:
        return _state_at_any_time(records, name, named_states, text_role)
    if text_role:
        role = _present(text_role) if past else text_role
        terms = [t for t in terms if same_office(role, t.role) is not False]
    if not terms or (text_state and any(t.state != text_state for t in terms)):
        return None  # no office then, or the text says it is someone else
    states = {t.state for t in terms}
    if len(states) != 1:
        return None
    state = states.pop()
    if named_states is not None and state not in named_states and not (
            text_role and not past and all(same_office(text_role, t.role) for t in terms)):
        # a state the text does not name only for the office the text gives, held at
        # the date ("President X" in a readout that never names his state)
        return None
    roles = _agreed_role(terms)
    if roles and not past and _taken(roles[0], state, taken):
        return None
    wikidata = {r.wikidata for r in records if r.wikidata and any(t in terms for t in r.terms)}
    role = None if text_role or not roles else roles[0]
    qid = wikidata.pop() if len(wikidata) == 1 else None
    return PersonFacts(
        state=None if text_state else state, role=role,
        title=roles[1] if role else None, wikidata=qid,
        sources={"state": _ids(t.source for t in terms),
                 "role": _ids(t.source for t in terms if role and t.role),
                 "wikidata": _ids(r.source for r in records if qid and r.wikidata == qid)})


def _state_at_any_time(records: list[PersonRecord], name: str, named_states: set[str] | None,
                       text_role: str | None) -> PersonFacts | None:
    """A person named in full who held no office at the date, but whose every term in
    every record is for one state, acts for that state (a minister out of office, a
    leader before or after his term: "Joe X" in a text written years after); no office
    is given, and no Wikidata ID (records of other times may be namesakes). The text
    wins: an office the text gives that no term can be ("Minister X" where the records
    know only a president X) says the records are of someone else."""
    terms = [t for r in records for t in r.terms]
    states = {t.state for t in terms}
    if len(name.split()) < 2 or len(states) != 1 or (
            named_states is not None and not states <= named_states):
        return None
    if text_role and all(same_office(text_role, t.role) is False for t in terms):
        return None
    return PersonFacts(state=states.pop(), role=None, title=None, wikidata=None,
                       sources={"state": _ids(t.source for t in terms), "role": (),
                                "wikidata": ()})


def held_before(term: Term, date: str, kb: KnowledgeBase) -> bool:
    """A term that began by ``date``: the office a "former" holder held."""
    return term_bounds(term, kb)[0] <= date_bounds(date)[1]


def _present(role: str) -> str:
    """The office a "former" title names: "former President" -> "President"."""
    return " ".join(w for w in role.replace("-", " ").split()
                    if w.lower() not in office_words().past_words)


def _ids(sources) -> tuple[str, ...]:
    return tuple(sorted(set(sources)))


def _agreed_role(terms: list[Term]) -> tuple[str, str | None] | None:
    """(role, title) when every term that names an office names the same one."""
    named = [t for t in terms if t.role]
    if not named:
        return None
    first = named[0]
    if all(same_office(first.role, t.role) and same_office(t.role, first.role) for t in named):
        return first.role, first.title
    return None


def _taken(role: str, state: str, taken: frozenset[tuple[str, str]]) -> bool:
    """The text gives this state's holder of this single-holder office to someone else."""
    return any((fam, state) in taken for fam in office_families(role) & LEADING)


def taken_offices(people: list[tuple[str | None, str | None]]) -> frozenset[tuple[str, str]]:
    """(office family, state) pairs of single-holder offices the text gives: each
    (role, state) of a person whose text gives both."""
    return frozenset((fam, state) for role, state in people if role and state
                     for fam in office_families(role) & LEADING)


# -- organizations ------------------------------------------------------------------------
def organization_facts(kb: KnowledgeBase, text: str, date: str | None) -> OrganizationFacts | None:
    """The body an acronym ("ASEAN") or name the knowledge base holds stands for, when
    exactly one such body existed at ``date``. An acronym or a variant name is short
    and often shared with bodies no dataset lists ("INL" is also a US bureau), so it
    counts only when two datasets know it; a body's main name needs one."""
    by_acronym = kb.organizations_abbreviated(text)
    found = by_acronym or kb.organizations_named(text)
    if date is not None:
        found = [o for o in found if _existed(o, date)]
    groups: list[list[OrganizationRecord]] = []
    for org in found:
        group = next((g for g in groups if any(_same_body(org, o) for o in g)), None)
        if group is None:
            groups.append([org])
        else:
            group.append(org)
    if len(groups) != 1:
        return None
    group = groups[0]
    sources = {s for o in group for s in o.sources}
    main = any(body_key(o.name) == body_key(text) for o in group)
    if len(sources) < 2 and (by_acronym or not main):
        return None
    ids = {o.wikidata for o in group if o.wikidata}
    qid = ids.pop() if len(ids) == 1 else None
    names = [n for o in group for n in o.all_names()]
    # the text's own form when it is one of the body's names, else the one most
    # datasets give
    name = text if body_key(text) in {body_key(n) for n in names} else max(
        group, key=lambda o: (len(o.sources), o.wikidata is not None, len(o.name))).name
    return OrganizationFacts(name, qid, {
        "name": _ids(sources),
        "wikidata": _ids(s for o in group if qid and o.wikidata == qid for s in o.sources)})


def _existed(org: OrganizationRecord, date: str) -> bool:
    lo, hi = date_bounds(date)
    return _first_day(org.start) <= hi and _last_day(org.end) >= lo


def _same_body(a: OrganizationRecord, b: OrganizationRecord) -> bool:
    if a.wikidata and b.wikidata:
        return a.wikidata == b.wikidata
    names_a = {body_key(n) for n in a.all_names()}
    return any(body_key(n) in names_a for n in b.all_names())
