"""Who stands in a party's place when no component recognised it: a proper name no
component took for a country, organization or person ("3M concluded an agreement with
...": the party by its name, ``party.*.unrecognised``), and "it" as the subject of the
clause acting on an agreement (the body that says so, or that the sentence before is
about: ``party.*.it``)."""

from __future__ import annotations

from typing import Callable

from spacy.tokens import Token

from kg.nlp.agreements.types import Actor, DocContext, Lexicon
from kg.nlp.document.headings import LINE, in_layout
from kg.nlp.organizations.kinds import noun_class

# Entity types of the statistical tagger that name no party: dates, amounts, places (a
# state or city the country component did not take is a place), peoples.
_NOT_ACTORS = frozenset(("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL",
                         "ORDINAL", "LOC", "GPE", "NORP", "FAC", "EVENT", "LAW", "LANGUAGE",
                         "PRODUCT"))


def unrecognised(tok: Token, ctx: DocContext, lex: Lexicon,
                 actors: Callable[..., list[Actor]]) -> list[Actor]:
    """The actor of a phrase in a party's place that ``actors`` did not recognise."""
    if tok.lower_ == "it" and tok.i not in ctx.agreement_tokens:
        return [Actor(a.ref, "it") for a in it_referent(tok, ctx, lex, actors)]
    name = party_name(tok, ctx, lex)
    return [Actor(("organization", name), "unrecognised")] if name else []


def it_referent(tok: Token, ctx: DocContext, lex: Lexicon,
                actors: Callable[..., list[Actor]]) -> list[Actor]:
    """"Acme said it had signed a deal with B": the subject of the verb that reports the
    clause; else "Acme lost money last year. In May it signed ...": the subject of the
    sentence before, when a country or organization is."""
    verb = tok.head
    while verb.dep_ in ("conj", "xcomp", "advcl") and verb.head != verb:
        verb = verb.head
    if verb.dep_ == "ccomp":
        said = [c for c in verb.head.children if c.dep_ == "nsubj"]
        return [a for s in said for a in actors(s, ctx, lex)]
    sent = tok.sent
    if sent.start == 0:
        return []
    before = tok.doc[sent.start - 1].sent
    return [a for s in before.root.children if s.dep_ == "nsubj" for a in actors(s, ctx, lex)]


def party_name(tok: Token, ctx: DocContext, lex: Lexicon) -> str | None:
    """A proper name where a party stands ("3M concluded an agreement with ...", "an MOU
    with X Province", "A and B will announce an agreement") that no component took for a
    country, organization or person: the party the text names, by its name. Not in a line
    in title case (a headline's capitals name nothing), nor a place where it happens."""
    if tok.pos_ != "PROPN" or tok.i in ctx.places or tok.ent_type_ in _NOT_ACTORS \
            or any(c.dep_ == "nummod" for c in tok.children):  # "signed by 71 States"
        return None
    doc = tok.doc
    start = tok.i
    while start > tok.sent.start and (doc[start - 1].dep_ == "compound" and doc[start - 1].head.i
                                      in range(start, tok.i + 1) and doc[start - 1].pos_ == "PROPN"
                                      or not doc[start - 1].whitespace_
                                      and (doc[start - 1].text.isalnum()
                                           or doc[start - 1].text == "-")):
        start -= 1  # "Acme Hoa Province", "3M" (split as "3" "M"), "Acme-Naft"
    span = doc[start:tok.i + 1]
    if any(t.i in ctx.person_spans or t.i in ctx.country_at or t.i in ctx.org_at
           or t.i in ctx.agreement_tokens for t in span) or in_layout(doc, tok.i, (LINE,)) \
            or tok.lemma_.lower() in lex.heads | lex.weak_heads or _english_noun(span, lex):
        return None
    return span.text


def _english_noun(span, lex: Lexicon) -> bool:
    """A one-word name that is an English common noun ("the Administration", "the States")
    or a place's name ("Hungary" of "Austria-Hungary"), or a name headed by a noun of
    places ("X Island"), as WordNet files them: no party's own name."""
    classes = lex.noun_classes
    head = span[-1]
    if len(span) > 1:  # "Heard Island": a place by its head noun
        return noun_class(head.lemma_.lower(), classes) == "location"
    word = span.text.lower()
    cls = noun_class(word, classes) or noun_class(head.lemma_.lower(), classes)
    return cls == "location" or cls is not None and word not in classes.proper
