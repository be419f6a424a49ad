"""Step 8, label: the agreement's name, or its most descriptive phrase, in the text's
own words."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Span

from kg.nlp.agreements.names import known_as_target
from kg.nlp.agreements.types import Cluster, Lexicon


def label_of(cl: Cluster, lex: Lexicon, title: Span | None = None) -> str:
    named = [m for m in cl.mentions if m.named]
    if named:  # the name the document's title or the text says it is known by, else the fullest
        best = max(named, key=lambda m: (
            title is not None and title.start <= m.head.i < title.end and m.span.end <= title.end,
            known_as_target(m.head, lex) is not None, len(m.span)))
    else:  # the most descriptive phrase, preferring those the action is reported on
        phrases = [m for m in cl.mentions if m.kind not in ("pronoun", "acronym")] or cl.mentions
        # an agreement word names it better than a document signed ("a letter of intent")
        best = max(phrases, key=lambda m: (m.head.lemma_.lower() not in lex.signed_documents,
                                           bool(m.actions) and len(m.span) > 2,
                                           sum(t.is_alpha for t in m.span), -m.head.i))
    tokens = list(best.span)
    while tokens and (tokens[0].lower_ in lex.determiners or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ in ("cc", "prep", "det")):
        tokens = tokens[:-1]  # a phrase the parser cut: "... of Military or"
    relative = next((i for i, t in enumerate(tokens) if i and tokens[i - 1].text == ","
                     and t.lower_ in ("which", "that", "who")), None)
    if relative is not None:  # "treaty on pandemics, which would be a significant step"
        tokens = tokens[:relative - 1]
    opened = [i for i, t in enumerate(tokens) if t.text == "("]
    if opened and not any(t.text == ")" for t in tokens[opened[-1]:]):
        tokens = tokens[:opened[-1]]  # "Plan of Action (JCPOA": the acronym's bracket cut
    text = "".join(t.text_with_ws for t in tokens).strip() or best.span.text
    if text.count('"') % 2:  # the phrase began inside a quotation: 'letter of intent" stating'
        text = text.replace('"', " ")
    return " ".join(text.replace("\u201c", "").replace("\u201d", "").split())


def edition_labels(clusters: list[Cluster], lex: Lexicon,
                   title: Span | None = None) -> dict[int, str]:
    """The label of each cluster (by ``id``); agreements of one name told apart by their
    year ("International Coffee Agreement, 1983" and "..., 2001") carry it when the name
    alone does not."""
    labels = {id(c): label_of(c, lex, title) for c in clusters}
    counts = Counter(label.lower() for label in labels.values())
    for c in clusters:
        label = labels[id(c)]
        year = next((m.year for m in c.mentions if m.named and m.year), None)
        if counts[label.lower()] > 1 and year and year not in label:
            labels[id(c)] = f"{label}, {year}"
    return labels


def unique_label(label: str, taken: set[str]) -> str:
    """Unnamed agreements get their IRI from the label: two must not share one."""
    base, n = label, 2
    while label.lower() in taken:
        label, n = f"{base} ({n})", n + 1
    taken.add(label.lower())
    return label
