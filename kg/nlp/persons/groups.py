"""The state a person acts for, read from a body they lead for it: "an American expedition
led by Commodore X", "X headed the Chilean delegation", "the Japanese government, led by
Prime Minister X".

The body is a noun of the lexicon's ``led_groups`` (delegation, mission, government, ...)
that the text ties to a state by a demonym, a possessive or "of/from COUNTRY" inside its
own phrase; the person is tied to it by the syntax of a verb of ``lead_verbs``: the agent
of "led by" hung on the body, or the subject of "lead" (or a "who" that stands for the
person) whose object is the body.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.core.constants import COUNTRY_SPANS
from kg.nlp.lexicons import common_words, office_words
from kg.nlp.persons.titles import WINDOW, Office, TitleParser

# Dependencies inside a noun phrase that may carry its state ("the Chilean delegation",
# "Chile's delegation", "the delegation of/from Chile").
STATE_DEPS = {"amod", "compound", "nmod", "poss"}
STATE_PREPS = {"of", "from"}


def countries_at(doc: Doc) -> dict[int, str]:
    """ISO code of the country span each token is part of."""
    return {i: s.label_ for s in doc.spans.get(COUNTRY_SPANS, []) for i in range(s.start, s.end)}


def led_group_state(span: Span, states: dict[int, str]) -> str | None:
    """The state of the body the person ``span`` leads, when the text names one."""
    root, words = span.root, office_words()
    group = None
    if root.dep_ == "pobj" and root.head.dep_ == "agent" and \
            root.head.head.lemma_ in words.lead_verbs and root.head.head.dep_ == "acl":
        group = root.head.head.head  # "the Chilean delegation led by X"
    else:  # "X headed the Chilean delegation", "X, who led the delegation of Chile"
        verbs = [root.head] if root.dep_ == "nsubj" else []
        verbs += [c for c in root.children if c.dep_ == "relcl" and any(
            w.dep_ == "nsubj" and w.tag_ == "WP" for w in c.children)]
        group = next((c for v in verbs if v.lemma_ in words.lead_verbs
                      for c in v.children if c.dep_ == "dobj"), None)
    if group is None or group.lower_ not in words.led_groups:
        return None
    return _state_of(group, states)


def _state_of(noun: Token, states: dict[int, str]) -> str | None:
    """The one state named in the noun's own phrase (not in a clause hung on it)."""
    found = set()
    for child in noun.children:
        if child.dep_ in STATE_DEPS:
            found |= {states[t.i] for t in child.subtree if t.i in states}
        elif child.dep_ == "prep" and child.lower_ in STATE_PREPS:
            found |= {states[t.i] for t in child.subtree if t.i in states}
    return found.pop() if len(found) == 1 else None


def office_relations(persons: list[Span]) -> list[tuple[Span, list[Span]]]:
    """(the person, the mentions of the one whose office they held before or after):
    "his predecessor, Y", "X's successor Y". "his" is the last person the sentence names
    before it."""
    if not persons:
        return []
    doc, words = persons[0].doc, office_words()
    starts = {s.start: s for s in persons}
    out = []
    for tok in doc:
        if tok.lower_ not in words.office_relations:
            continue
        k = tok.i + 1 + (tok.i + 1 < len(doc) and doc[tok.i + 1].text == ",")
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if k not in starts or owner is None:
            continue
        if owner.pos_ == "PRON":  # "his predecessor": the last person named before
            before = [s for s in persons if s.sent.start == tok.sent.start and s.end <= tok.i]
            held = max(before, key=lambda s: s.start) if before else None
        else:
            held = next((s for s in persons if s.start <= owner.i < s.end), None)
        if held is not None:
            out.append((starts[k], [s for s in persons if s._.pkg_person == held._.pkg_person]))
    return out


def as_titles(parser: TitleParser, persons: list[Span]) -> dict[str, Office]:
    """By person, the office a clause says they hold "as": "X served as the first
    Executive Secretary", "X on his election as President of the General Assembly" (the
    subject of the verb "as" hangs on, or the owner of its noun; "his" is the last person
    the sentence names before it). Not "X described Y as a leader" (the verb's object
    holds it)."""
    doc, out = parser.doc, {}
    for tok in doc:
        if tok.lower_ != "as" or tok.dep_ != "prep":
            continue
        holder = _holder(tok, persons)
        k = tok.i + 1
        while k < len(doc) and (doc[k].lower_ in common_words().articles or (
                doc[k].is_lower and doc[k].like_num)):
            k += 1  # "as the first Executive Secretary": an ordinal is no part of it
        found = parser.parse(k, min(len(doc), k + WINDOW)) if holder is not None else None
        if found and found[1].role:
            out.setdefault(holder._.pkg_person or holder.text, found[1])
    return out


def _holder(prep: Token, persons: list[Span]) -> Span | None:
    gov = prep.head
    if gov.pos_ in {"VERB", "AUX"} and not any(c.dep_ == "dobj" for c in gov.children):
        who = next((c for c in gov.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    elif gov.pos_ == "NOUN":
        who = next((c for c in gov.children if c.dep_ == "poss"), None)
        if who is not None and who.pos_ == "PRON":
            before = [s for s in persons if s.sent.start == prep.sent.start and s.end <= who.i]
            return max(before, key=lambda s: s.start) if before else None
    else:
        return None
    return next((s for s in persons if who is not None and s.start <= who.i < s.end), None)
