"""The ``policykg_offices`` component: sets each person mention's role and state.

The title next to the mention gives both where it can (``kg.nlp.persons.titles`` parses titles).
A state office the text gives without a state ("President X" in a statement naming
the US and Ukraine) gets one from the document's context: a state named in the text that
has such an office, whose holder is not another named person, and that is not the state of
a counterpart named alongside.
"""

from __future__ import annotations

from functools import cache, partial

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.core.constants import (COUNTRY_SPANS, PERSON_COUNTRY, PERSON_COUNTRY_RULE, PERSON_NAME,
                               PERSON_ROLE, PERSON_ROLE_RULE, PERSON_SPANS)
from kg.nlp.countries.gazetteer import (compatible, gazetteer_words, load_gazetteer,
                                        narrow_families, office_families)
from kg.nlp.document.paragraphs import dateline_state
from kg.nlp.document.perspective import own_state
from kg.nlp.lexicons import office_words
from kg.nlp.persons.descriptions import link_descriptions
from kg.nlp.persons.finder import register_extensions
from kg.nlp.persons.clauses import held_as, list_heads, list_title, predecessors
from kg.nlp.persons.groups import countries_at, led_group_state
from kg.nlp.persons.roles import past_office
from kg.nlp.persons.signatures import signature_roles
from kg.nlp.persons.states import (country_after_name, country_before_name,
                                   province_after_name)
from kg.nlp.persons.titles import (Office, TitleParser, bracketed_country, country_tokens,
                                   on_behalf_of, skip_honorifics_back, title_words)


@Language.factory("policykg_offices", requires=["doc.spans", f"span._.{PERSON_NAME}"],
                  assigns=["doc.spans", f"span._.{PERSON_ROLE}", f"span._.{PERSON_ROLE_RULE}",
                           f"span._.{PERSON_COUNTRY}", f"span._.{PERSON_COUNTRY_RULE}"])
def make_office_linker(nlp: Language, name: str) -> "OfficeLinker":
    register_extensions()
    return OfficeLinker()


class OfficeLinker:
    """Sets ``span._.pkg_role`` and ``span._.pkg_country`` on ``pkg_persons`` spans."""

    def __call__(self, doc: Doc) -> Doc:
        persons = list(doc.spans.get(PERSON_SPANS, []))
        parser = TitleParser(doc, blocked={i for s in persons for i in range(s.start, s.end)})
        named = {s.label_ for s in doc.spans.get(COUNTRY_SPANS, [])}
        offices: dict[str, list[tuple[Span, Office | None]]] = {}
        signed = signature_roles(doc)
        lists, states = list_heads(doc, persons), countries_at(doc)
        for span in persons:
            if span.start in signed:  # the role written with a name that signs
                _set_signer(span, signed[span.start])
                continue
            office = mention_office(doc, parser, span, lists, states)
            if office and office.country not in named:
                office.country = None  # "White House spokesman" in a text naming no US
            span._.pkg_role = office.role if office and office.role else None
            span._.pkg_role_rule = office.rule if span._.pkg_role else None
            span._.pkg_country = office.country if office else None
            span._.pkg_country_rule = office.country_rule if span._.pkg_country else None
            offices.setdefault(span._.pkg_person or span.text, []).append((span, office))
        held_as(doc, parser, persons, offices, named)
        _share_bracketed_country(doc, persons)
        self._fallback(doc, offices)
        predecessors(persons)
        added = link_descriptions(doc, parser, persons)
        if added:  # "the Israeli prime minister" after "X's speech"
            doc.spans[PERSON_SPANS] = sorted(persons + added)
        return doc

    def _fallback(self, doc: Doc, offices: dict[str, list[tuple[Span, Office | None]]]) -> None:
        """A state office with no country gets a country of the document that has such
        an office, whose holder is not another named person, and that is not the state
        of a leader named alongside ("President X and Prime Minister Y" act for
        two states). Among those: the one named most in the person's sentences, then in
        the whole document. The most constrained persons are resolved first."""
        resolved, held = _explicit(offices)
        partners = _partners(doc)
        at = {p: min(s.start for s, _ in ms) for p, ms in offices.items()}
        families = {p: set().union(*(office_families(o.role) for _, o in ms if o and o.role))
                    for p, ms in offices.items()}
        # offices held before ("former President X") hold nothing now: no counterpart of
        # a current holder, and no office the text gives another person
        current = {p: set().union(*(office_families(o.role) for _, o in ms
                                    if o and o.role and not past_office(o.role)))
                   for p, ms in offices.items()}
        keys = {p: set().union(*(_held_keys(o.role) for _, o in ms if o and o.role
                                 and not past_office(o.role))) for p, ms in offices.items()}
        pending = {p: [(s, o) for s, o in ms if o and o.role and not o.org and not o.business]
                   for p, ms in offices.items() if p not in resolved}
        own, voice = own_state(doc)
        if own:  # the speaker's or publisher's officials: "the late President X" in its
            # national statement, "Spokesperson X" in its readout
            for person, roles in pending.items():
                if roles and not families[person] and not any(
                        own in held.get(k, ()) for k in keys[person]):
                    resolved[person] = own
                    _set_country(roles, own, "state.own-side")
        unranked = {p: roles for p, roles in pending.items()
                    if roles and not families[p] and p not in resolved}
        pending = {p: roles for p, roles in pending.items()
                   if roles and families[p] and p not in resolved}
        counts = _country_counts(doc.spans.get(COUNTRY_SPANS, []))  # cities excluded
        # a country named only by its capital still counts for an office few states
        # have: "Secretary of State Marco Rubio met ... in Washington"
        by_city = _country_counts(doc.spans.get(COUNTRY_SPANS, []), cities=True)
        named_in = _countries_by_sentence(doc)
        people_in = _persons_by_sentence(doc)
        # the dateline's state breaks a tie only: read when a state is chosen, and once
        filed = cache(partial(dateline_state, doc))
        while pending:
            options = {}
            for person in pending:
                taken = {resolved[p] for p, named_counterpart in partners.get(person, {}).items()
                         if p in resolved and (named_counterpart or _counterparts(
                             (current[person], keys[person]), (current[p], keys[p])))}
                pool = counts if not families[person] <= narrow_families() else by_city
                options[person] = [
                    iso for iso in pool if iso not in taken
                    and all(compatible(iso, f) for f in families[person])
                    and not any(iso in held.get(k, ()) for k in keys[person])]
            person = min(options, key=lambda p: (len(options[p]) or 999, pending[p][0][0].start))
            roles = pending.pop(person)
            colleagues = _colleagues(person, resolved, partners, current, keys, at)
            if len(colleagues) == 1 and colleagues <= set(options[person]):
                # named with a holder of another office of one state and no counterpart
                # word: "Salvadoran President X, Foreign Minister Y"
                resolved[person] = colleagues.pop()
                _set_country(roles, resolved[person], "state.colleague")
            elif own in options[person] and (voice == "publisher" or not (
                    families[person] & gazetteer_words().leaders)):
                resolved[person] = own
                _set_country(roles, own, "state.own-side")
            elif options[person]:
                sents = {s.sent.start for s, _ in roles}
                # a sentence names a state too by a person already placed in it ("X's
                # decision ... Vice President Y")
                near = {start: named_in.get(start, set()) | {
                    resolved[p] for p in people_in.get(start, ()) if p in resolved}
                    for start in sents}
                # then the dateline's: a story filed from a capital gives no nationality
                # to that state's own officials ("CARACAS - ..., Energy Minister X said")
                best = max(options[person], key=lambda iso: (
                    sum(iso in near[start] for start in sents), iso == filed(), by_city[iso]))
                resolved[person] = best
                _set_country(roles, best, "state.context")
        for person, roles in unranked.items():  # "President X, Speaker Y and ..."
            colleagues = _colleagues(person, resolved, partners, current, keys, at)
            if len(colleagues) == 1:
                _set_country(roles, colleagues.pop(), "state.colleague")


def mention_office(doc: Doc, parser: TitleParser, span: Span, lists: dict[int, int],
                   states: dict[int, str]) -> Office | None:
    """The office the words around a mention give: a title before it (or in apposition,
    or a plural title before the list ``lists`` says it is in), else after it; its state
    from the title, else from the words around the name (``states``: the country span
    each token is part of)."""
    start = skip_honorifics_back(doc, span.start)
    found = parser.before(start)
    rule = "role.title-before"
    if not found:
        found, rule = parser.apposition_before(span), "role.apposition"
    if not found and span.start in lists:
        found, rule = list_title(parser, lists[span.start]), "role.list-title"
    office = found[1] if found else parser.after(span.end)
    if not found:
        rule = "role.title-after"
    if found and office.role.lower() in office_words().noble_titles:
        # "Prince X bin Y, Saudi Arabia's foreign minister": rank, then office
        after = parser.after(span.end)
        office, rule = (after, "role.title-after") if after else (office, rule)
    country, country_rule = _state_after(parser, span, states)
    if office is None and country is None:
        country, country_rule = country_before_name(doc, start, parser.by_end), \
            "state.before-name"
    if office is None:
        return Office(role="", country=country, country_rule=country_rule) \
            if country else None
    office.rule = rule
    if office.country:
        office.country_rule = "state.title"
    if country and office.country is None and (
            not office.org or country_rule in ("state.bracket", "state.on-behalf")):
        # a bracket after the name, or signing for a state, names the person's state
        # even after a title the parser took for a body's ("Minister of Environment
        # and Development X (Chile)")
        office.country, office.country_rule = country, country_rule
    elif country and office.business:
        office.country = country  # "CEO X signed on behalf of Bahrain"
        office.country_rule = country_rule
    return office


def _state_after(parser: TitleParser, span: Span,
                 states: dict[int, str]) -> tuple[str | None, str]:
    """The state the words after a mention (or a body it leads) give, and the rule."""
    doc = parser.doc
    country, country_rule = country_after_name(doc, span.end, parser.by_start), \
        "state.after-name"
    if country is None:
        country, country_rule = on_behalf_of(span, parser.by_start), "state.on-behalf"
    if country is None:
        country, country_rule = bracketed_country(doc, span.end, parser.by_start), \
            "state.bracket"
    if country is None:  # "Senator X of New Hampshire"
        country, country_rule = province_after_name(doc, span.end), "state.province"
    if country is None:  # "the Chilean delegation led by X"
        country, country_rule = led_group_state(span, states), "state.delegation"
    return country, country_rule


def set_title_offices(doc: Doc, spans: list[Span]) -> None:
    """Sets the role and state the title next to each mention gives, with a state only
    the text names, on mentions found after this component ran (names another component
    moves to the persons): the one way in for later components, which need not know
    ``Office``. What no title gives is left as it is."""
    persons = doc.spans.get(PERSON_SPANS, [])
    parser = TitleParser(doc, blocked={i for s in persons for i in range(s.start, s.end)})
    states, named = countries_at(doc), {s.label_ for s in doc.spans.get(COUNTRY_SPANS, [])}
    # every title read before any mention is changed: none reads another's new role
    offices = [mention_office(doc, parser, span, {}, states) for span in spans]
    for span, office in zip(spans, offices):
        if office and office.role:
            span._.pkg_role, span._.pkg_role_rule = office.role, office.rule
        if office and office.country and office.country in named:
            span._.pkg_country, span._.pkg_country_rule = office.country, office.country_rule


def _set_signer(span: Span, role: str | None) -> None:
    """A name of a signature block holds the role written with it; the party it signs for
    is the one it acts for (the agreement component pairs them), not a state named near
    it (the next column's)."""
    span._.pkg_role, span._.pkg_role_rule = role, "role.signature" if role else None
    span._.pkg_country = span._.pkg_country_rule = None


def _colleagues(person: str, resolved: dict[str, str], partners: dict[str, dict[str, bool]],
                current: dict[str, set[str]], keys: dict[str, set[str]],
                at: dict[str, int]) -> set[str]:
    """The state of the persons named in one list with ``person`` ("Salvadoran President
    X, Foreign Minister Y"), when the list names one: the list runs over "and" and
    commas, up to a counterpart (a holder of the same office, two leaders, or one the
    text calls a counterpart)."""
    def rank(p: str) -> tuple[set[str], set[str]]:
        return current[p], keys[p]

    chain, todo = {person}, [person]
    while todo:  # the list, up to the counterparts it names
        here = todo.pop()
        for p, named_counterpart in partners.get(here, {}).items():
            if p not in chain and not named_counterpart and not _counterparts(rank(here),
                                                                              rank(p)):
                chain.add(p)
                todo.append(p)
    # the state is given once, at the head of the list: "Salvadoran President X, Foreign
    # Minister Y" (not "Secretary X, Greenlandic Premier Y")
    before = [p for p in chain if p in resolved and at[p] < at[person]]
    return {resolved[max(before, key=lambda p: at[p])]} if before else set()


def _set_country(mentions: list[tuple[Span, Office]], iso: str, rule: str) -> None:
    for span, _ in mentions:
        span._.pkg_country, span._.pkg_country_rule = iso, rule


def _explicit(offices: dict[str, list[tuple[Span, Office | None]]]
              ) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Countries the text gives: per person, and per office (its holders)."""
    resolved: dict[str, str] = {}
    held: dict[str, set[str]] = {}
    for person, mentions in offices.items():
        for span, office in mentions:
            if office and span._.pkg_country:
                resolved.setdefault(person, span._.pkg_country)
                if not past_office(office.role):  # a former holder holds nothing
                    for key in _held_keys(office.role):
                        held.setdefault(key, set()).add(span._.pkg_country)
    return resolved, held


def _held_keys(role: str) -> set[str]:
    """What a state has one holder of: its president, its prime minister, ... but many
    ministers and secretaries, so for those the office itself ("foreign minister"): a
    named Defence Minister does not stop a Foreign Minister acting for the same state."""
    return {f"{f}: {' '.join(role.lower().replace('-', ' ').split())}"
            if f in office_words().shared_families else f for f in office_families(role)}


def _country_counts(spans, cities: bool = False) -> dict[str, int]:
    """Mentions per country, not counting cities unless asked: a country named only
    through the place of a meeting ("signed in Geneva") is no candidate for whom a person
    acts."""
    city_names = load_gazetteer().cities
    counts: dict[str, int] = {}
    for span in spans:
        if cities or span.text.lower() not in city_names:
            counts[span.label_] = counts.get(span.label_, 0) + 1
    return counts


# A seat of government that acts or owns ("Washington said", "Washington's alliances").
ACTOR_DEPS = {"nsubj", "nsubjpass", "poss"}


def _countries_by_sentence(doc: Doc) -> dict[int, set[str]]:
    """The countries each sentence names, by the sentence's first token (cities do not
    count where they are places: a leader is often named where a meeting took place; a
    seat of government that acts does: "Washington's alliances")."""
    cities = load_gazetteer().cities
    named: dict[int, set[str]] = {}
    for c in doc.spans.get(COUNTRY_SPANS, []):
        if c.text.lower() not in cities or c.root.dep_ in ACTOR_DEPS:
            named.setdefault(doc[c.start].sent.start, set()).add(c.label_)
    return named


def _persons_by_sentence(doc: Doc) -> dict[int, set[str]]:
    """The persons each sentence names, by the sentence's first token."""
    named: dict[int, set[str]] = {}
    for span in doc.spans.get(PERSON_SPANS, []):
        named.setdefault(span.sent.start, set()).add(span._.pkg_person or span.text)
    return named


def _counterparts(a: tuple[set[str], set[str]], b: tuple[set[str], set[str]]) -> bool:
    """Two leaders, or holders of the same office, named together act for two states.
    Each person is (office families, offices held): a state has one president but many
    ministers and secretaries, so "Secretary of State X and Commerce Secretary Y" are
    colleagues, "Foreign Minister X and Foreign Minister Y" counterparts."""
    leaders = gazetteer_words().leaders
    return bool(a[1] & b[1]) or bool(a[0] & leaders and b[0] & leaders)


def _partners(doc: Doc) -> dict[str, dict[str, bool]]:
    """Persons coordinated with each other: "X and Y", "President X and Prime Minister Y",
    "X and her British counterpart Y" (only "and", commas, possessive pronouns, title words
    and country words between the two names). Each partner maps to whether the text calls
    them counterparts, which puts them in two states whatever their offices."""
    spans = sorted(doc.spans.get(PERSON_SPANS, []))
    in_country = country_tokens(doc)
    pairs: dict[str, dict[str, bool]] = {}
    titles, words = title_words(), office_words()
    for a, b in zip(spans, spans[1:]):
        between = doc[a.end:b.start]
        if not 0 < len(between) <= 8 or between[0].lower_ not in {"and", ","}:
            continue
        if all(t.lower_ in titles or t.i in in_country or t.lower_ in words.coordination
               for t in between) and a._.pkg_person != b._.pkg_person:
            named = any(t.lower_ in words.no_role_heads for t in between)
            pairs.setdefault(a._.pkg_person, {})[b._.pkg_person] = named
            pairs.setdefault(b._.pkg_person, {})[a._.pkg_person] = named
    return pairs


def _share_bracketed_country(doc: Doc, persons: list[Span]) -> None:
    """A state in brackets after a group of names joined by "and" is every one's:
    "Vice President X and Minister of Environment Y (Colombia), Foreign Minister Z
    (Costa Rica)"; a province after two names is both's ("X and Y of New Hampshire")."""
    spans, titles, coordination = sorted(persons), title_words(), office_words().coordination
    for a, b in reversed(list(zip(spans, spans[1:]))):
        if a._.pkg_country or b._.pkg_country_rule not in {"state.bracket", "state.shared",
                                                            "state.province"}:
            continue
        between = doc[a.end:b.start]
        if b._.pkg_country_rule == "state.province" and (
                a._.pkg_role not in (None, b._.pkg_role) or [t.lower_ for t in between] != ["and"]):
            continue  # "X and Y of New Hampshire", not "President X and Y of Ohio"
        if between and between[0].lower_ == "and" and all(
                t.lower_ in titles or t.lower_ in coordination or t.is_title
                for t in between[1:]) and not any(t.text in {"(", ")", ";"} for t in between):
            a._.pkg_country, a._.pkg_country_rule = b._.pkg_country, "state.shared"
