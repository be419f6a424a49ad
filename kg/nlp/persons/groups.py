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
from kg.nlp.lexicons import office_words

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
