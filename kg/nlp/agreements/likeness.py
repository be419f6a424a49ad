"""What tells two agreement mentions alike or apart, for coreference (``coref``): their
parties, their kind, their name and the words said about them."""

from __future__ import annotations

import re

from kg.nlp.agreements.actions import own_preps
from kg.nlp.agreements.distinct import cluster_year
from kg.nlp.agreements.types import COMPLEMENT_PREPS, Cluster, Lexicon, Mention


def new_parties(m: Mention, c: Cluster) -> bool:
    """"an Agreement between A and B regarding ...": an indefinite mention that names its
    own parties introduces an agreement, unless the earlier one was said to be between
    the same parties."""
    mine = _complement_refs(m)
    if len(mine) < 2 and not (mine and _between_two(m)):
        return False
    return not mine & {ref for x in c.mentions for ref in _complement_refs(x)}


def _between_two(m: Mention) -> bool:
    """"an agreement between A and B": two parties named, whether or not both were read
    as actors (a bank the model did not tag)."""
    return any(p.lower_ == "between" and any(o.dep_ == "pobj" and any(
        c.dep_ == "conj" for c in o.children) for o in p.children) for p in own_preps(m))


def other_partners(m: Mention, c: Cluster) -> bool:
    """"The agreement signed with B" is not the earlier one with A and C: the partners a
    definite mention names itself (its complement, its verb's "with") are none of the
    parties read around the cluster."""
    mine = _complement_refs(m) | {p.ref for p in m.parties.clause
                                  if p.rule.split(".")[1] == "partner"}
    theirs = {p.ref for x in c.mentions for part in x.parties[:2] for p in part}
    return bool(mine and theirs) and not mine & theirs


def _complement_refs(m: Mention) -> set:
    """The parties step 2 read in the mention's own complement (between, among, with)."""
    return {p.ref for p in m.parties.clause if p.rule.split(".")[1] in COMPLEMENT_PREPS}


def parties_agree(m: Mention, cl: Cluster) -> bool:
    """Whether the parties named around ``m`` fit those named around ``cl``'s mentions."""
    mine = {p.ref for part in m.parties[:2] for p in part}
    if not mine:
        return True
    theirs = {p.ref for x in cl.mentions for part in x.parties[:2] for p in part}
    return not theirs or mine <= theirs or theirs <= mine


def compatible(m: Mention, c: Cluster, lex: Lexicon) -> bool:
    if any(x.plural for x in c.mentions) != m.plural and not any(
            x.named and x.head.lower_ == m.head.lower_ for x in c.mentions):
        return False
    marks = set().union(*(x.marks for x in c.mentions))
    for group in lex.contrast:
        other = set().union(*(g for g in lex.contrast if g is not group))
        if m.marks & group and marks & other and not marks & group:
            return False
    return True


def same_name(m: Mention, c: Cluster, lex: Lexicon) -> bool:
    """The same name: the same capitalised words before or after a head of the same kind
    (also those of "a Declaration on X" before "the Declaration on X"; "the Partnership for
    X" is no "Declaration on X"), or a shorter form of a name of the same kind."""
    mine = proper_words(m)
    return any((x.named or mine and _same_kind(m, x, lex))
               and (_same_words(m, mine, x) and _same_kind(m, x, lex)
                    or m.span.text == x.span.text)
               for x in c.mentions) or bool(mine) and mine <= cluster_words(c) and any(
        x.named and _same_kind(m, x, lex) for x in c.mentions) and len(mine) > 1


def _same_kind(m: Mention, x: Mention, lex: Lexicon) -> bool:
    """Heads of one kind: the same word, or two generic ones ("Paris Agreement", "Paris
    Accord")."""
    a, b = m.head.lemma_.lower(), x.head.lemma_.lower()
    return a == b or a in lex.generic_heads and b in lex.generic_heads


def _same_words(m: Mention, mine: set[str], x: Mention) -> bool:
    """The same capitalised words; a name of none ("the 1974 Protocol") is the same only
    as one of its kind and year."""
    theirs = proper_words(x)
    if mine or theirs:
        return mine == theirs
    return x.head.lemma_ == m.head.lemma_ and x.year == m.year


def proper_words(m: Mention) -> set[str]:
    """The capitalised words of a name, without the acronym it defines in brackets
    ("... Convention (ENMOD")."""
    return {t.lower_ for t in m.span if t.text[:1].isupper() and t.is_alpha
            and t.i != m.head.i and t.i != t.sent.start and t.pos_ == "PROPN"
            and not (t.text in m.acronyms and t.nbor(-1).text == "(")}


def content_words(m: Mention, lex: Lexicon) -> set[str]:
    skip = lex.determiners | lex.plain_modifiers
    return {t.lower_ for t in m.span[: m.head.i - m.span.start] if t.is_alpha
            and t.lower_ not in skip and t.pos_ in ("ADJ", "NOUN", "PROPN")}


def kind_fits(m: Mention, c: Cluster, lex: Lexicon) -> bool:
    """"the truce" is no earlier "treaty on pandemics": a specific kind of agreement
    refers back to its own kind, or to one only called by generic words and unnamed."""
    lemma = m.head.lemma_.lower()
    lemmas = {x.head.lemma_.lower() for x in c.mentions if x.kind != "pronoun"}
    if lemma in lex.generic_heads or lemma in lemmas:
        return True
    # nor the Paris Agreement: a name fixes its kind
    return not lemmas - lex.generic_heads and not any(x.named for x in c.mentions)


def may_be_the_same(m: Mention, c: Cluster, lex: Lexicon) -> bool:
    """An indefinite mention may be the same as ``c`` unless it is another kind of
    agreement, or the same kind about something else, as the words after its head tell
    ("a memorandum on investment promotion" after "a Comprehensive Strategic
    Partnership"). A generic word ("an agreement in the dispute") may name any kind, and be
    named by any."""
    lemma, about = m.head.lemma_.lower(), _complement_words(m, lex)
    lemmas = {x.head.lemma_.lower() for x in c.mentions}
    kinds = lemmas - lex.generic_heads
    if lemma not in lex.generic_heads and lemma not in lemmas and any(
            x.named or x.acronyms for x in c.mentions):
        return False  # "a memorandum of understanding" is not "the agreement XYZA" (an acronym)
    if not kinds and lemma not in lex.generic_heads and _said_about(m, lex) and not (
            _said_about(m, lex) & cluster_words(c)) and cluster_year(c, lex):
        return False  # "a memorandum of understanding to collaborate on research" is not
        # "an agreement" the same two signed in 2008: it says what it is about, and that
        # one was dated by its act
    if not about or lemma in lex.generic_heads or not kinds:
        return True  # not kinds: "a pact", then "a memorandum ... on energy co-operation"
    # of one kind, but about other things: "a memorandum on investment promotion" after
    # "a Memorandum of Cooperation on semiconductor supply chains"
    kin_about = [_complement_words(x, lex) for x in c.mentions if x.head.lemma_.lower() == lemma]
    return any(not words or words & about for words in kin_about)


def _said_about(m: Mention, lex: Lexicon) -> set[str]:
    """Content words after the head in the mention's own phrase (its complements and
    participles: "to collaborate through a Center of Excellence in Research")."""
    return {t.lower_ for t in m.span[m.head.i - m.span.start + 1:] if t.is_alpha
            and t.pos_ in ("ADJ", "NOUN", "PROPN", "VERB") and t.lower_ not in lex.kind_words}


def _complement_words(m: Mention, lex: Lexicon) -> set[str]:
    """Content words of the head's prepositional complements ("of Cooperation on
    semiconductor supply chains"; not the "understanding" of a memorandum of
    understanding, nor a purpose: "a framework to promote ...")."""
    return {t.lower_ for prep in own_preps(m) for t in prep.subtree
            if t.i < m.span.end and t.is_alpha and t.pos_ in ("ADJ", "NOUN", "PROPN")
            and t.lower_ not in lex.kind_words}


def cluster_words(c: Cluster) -> set[str]:
    return {w for x in c.mentions for t in x.span for w in re.split(r"[-\u2013]", t.lower_)}

