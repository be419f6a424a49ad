"""Step 3, coreference: which mentions name the same agreement.

Named mentions join by name, definite ones ("the deal") the latest compatible agreement,
indefinite ones ("an agreement") only when nothing tells them apart (their year, amount
or duration, other descriptive words, other parties). The parties and amounts it compares
are those step 2 read around each mention (``Mention.parties``, ``Mention.quantities``).
"""

from __future__ import annotations

import re

from kg.nlp.agreements.actions import own_preps
from kg.nlp.agreements.names import known_as_target, title_case_line
from kg.nlp.agreements.distinct import (action_date_year, clause_year, cluster_year,
                                        has_quantities, money_of, other_edition,
                                        own_quantities, signed_anew)
from kg.nlp.agreements.types import COMPLEMENT_PREPS, Cluster, DocContext, Lexicon, Mention


def cluster(mentions: list[Mention], ctx: DocContext, lex: Lexicon) -> list[Cluster]:
    """The agreements of the document: its mentions grouped, in order of first mention."""
    clusters: list[Cluster] = []
    owner: dict[int, Cluster] = {}
    own = None  # the agreement the document is the text of: its references to itself
    for m in mentions:
        if m.own:
            if own is None:
                own = Cluster([])
                clusters.append(own)
            own.mentions.append(m)
            owner[m.head.i] = own
            continue
        # nothing else joins it: a mention the text does not use for itself is another
        cl = _antecedent(m, [c for c in clusters if c is not own], owner, ctx, lex)
        if cl is own:  # linked by the syntax ("this Agreement or the Annexes")
            cl = None
        if cl is None:
            cl = Cluster([])
            clusters.append(cl)
        cl.mentions.append(m)
        owner[m.head.i] = cl
    return clusters


def _antecedent(m: Mention, clusters: list[Cluster], owner: dict[int, Cluster],
                ctx: DocContext, lex: Lexicon) -> Cluster | None:
    linked = _syntactic_link(m, owner, lex)
    if linked is not None:
        return linked
    acronyms = {t.text for t in m.span if t.text.isupper() and len(t) > 1}
    if m.kind == "acronym" or acronyms and not m.named:
        found = next((c for c in clusters if any(acronyms & x.acronyms for x in c.mentions)),
                     None)
        if found is not None or m.kind == "acronym":
            return found
    if m.kind == "pronoun":  # the agreement mentioned last, not the one introduced last
        return max(clusters, key=_last_mentioned, default=None)
    if m.named:
        named = [c for c in clusters if not other_edition(m, c)]
        return next((c for c in reversed(named) if _same_name(m, c, lex)), None) \
            or _year_named(m, named, lex) or _named_after_introduction(m, named, ctx, lex)
    if m.marks & lex.distinct:
        return None
    if m.kind == "definite":
        return _definite_antecedent(m, clusters, lex)
    return _indefinite_antecedent(m, clusters, ctx, lex)


def _definite_antecedent(m: Mention, clusters: list[Cluster], lex: Lexicon) -> Cluster | None:
    """"the treaty": the latest agreement with that head word, else the most talked-of."""
    proper = _proper_words(m)
    if proper:
        return next((c for c in reversed(clusters) if proper <= _cluster_words(c)), None)
    candidates = [c for c in clusters if _compatible(m, c, lex) and _kind_fits(m, c, lex)
                  and (not m.year or cluster_year(c, lex) == m.year)
                  and not _other_partners(m, c)]
    words = _content_words(m, lex)
    if not words and m.head.is_title and not m.year and m.head.i > m.head.sent.start:
        # "the Convention", "the Agreement": a defined short name, the text's main
        # agreement of that kind, not merely the latest
        named = [c for c in candidates if any(x.named and x.head.lemma_ == m.head.lemma_
                                              for x in c.mentions)]
        if named:
            return max(named, key=lambda c: len(c.mentions))
    marked = [c for c in candidates if m.marks & set().union(*(x.marks for x in c.mentions))]
    for pool in ([c for c in candidates if words and words <= _cluster_words(c)],
                 marked,  # "the new agreement": the one the text calls new, not the latest
                 [c for c in candidates if any(x.head.lemma_ == m.head.lemma_
                                               for x in c.mentions)]):
        if pool:
            return pool[-1]
    if m.year:  # "the 1993 agreement" after "a peace treaty ... signed in 1993"
        dated = [c for c in candidates if cluster_year(c, lex) == m.year]
        return dated[0] if len(dated) == 1 else None
    if not candidates:
        return None
    return max(reversed(candidates), key=lambda c: len(c.mentions))


def _syntactic_link(m: Mention, owner: dict[int, Cluster], lex: Lexicon) -> Cluster | None:
    """"X or Y", "X, the 'Y' of 1858" and "X was a Y": one agreement."""
    h = m.head
    if h.dep_ == "appos" and h.head.i in owner:
        return owner[h.head.i]
    if h.dep_ == "conj" and h.head.i in owner and (
            any(c.lower_ == "or" for c in h.head.children)
            or h.tag_ in ("NNS", "NNPS") and h.head.tag_ in ("NNS", "NNPS") and not h.is_title):
        return owner[h.head.i]  # "X or Y"; "agreements and arrangements"
    if h.dep_ == "conj" and h.head.i in owner and _shares_determiner(h):
        return owner[h.head.i]  # "a ceasefire and hostage deal": one deal
    named = known_as_target(h, lex)  # "X, commonly known as the Treaty of Tlatelolco"
    if named is not None and named.i in owner:
        return owner[named.i]
    if h.dep_ == "attr" and (h.head.lemma_ == "be" or h.head.lower_ in ("'s", "’s")):
        subj = next((c for c in h.head.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.i in owner:
            return owner[subj.i]
        if subj is not None and subj.lower_ in ("it", "this") and owner:
            return owner[max(owner)]  # "... signed the lease. It's a 99-year lease."
    return _renamed(m, owner, lex)


def _shares_determiner(h) -> bool:
    """"a ceasefire and hostage deal": the second head has no determiner of its own but
    modifiers of its own; the first has the determiner and nothing else."""
    first = h.head
    return not any(c.dep_ in ("det", "poss") for c in h.children) \
        and any(c.dep_ in ("compound", "amod") for c in h.lefts) \
        and all(c.dep_ == "det" for c in first.lefts)


def _renamed(m: Mention, owner: dict[int, Cluster], lex: Lexicon) -> Cluster | None:
    """"The Environmental Modification Convention (ENMOD), formally the Convention on
    ...": a name after a comma and "formally", "officially" renames the one before."""
    h = m.head
    if not any(c.dep_ == "advmod" and c.lower_ in lex.renaming for c in h.lefts):
        return None
    before = [i for i in owner if h.sent.start <= i < m.span.start]
    if before and m.head.doc[m.span.start - 1].text == "," \
            or before and m.head.doc[m.span.start - 2].text == ",":
        return owner[max(before)]
    return None


def _headline_agreement(m: Mention, clusters: list[Cluster], ctx: DocContext,
                        lex: Lexicon) -> Cluster | None:
    """"Saudi Arabia and Pakistan sign mutual defence pact", then the lead: "Saudi Arabia
    and Pakistan on Wednesday signed a strategic mutual defence agreement": the lead
    reports the agreement its headline announces (the first one after it, same parties)."""
    title = ctx.title
    if title is None or not clusters or m.head.sent.start - title.end > 60:
        return None
    c = clusters[0]
    if len(clusters) > 1 and clusters[1].first.head.i < title.end or not all(
            x.head.i < title.end for x in c.mentions):
        return None
    if any(x.named for x in c.mentions) or not m.actions:
        return None
    return c if _compatible(m, c, lex) and parties_agree(m, c) else None


def _year_named(m: Mention, clusters: list[Cluster], lex: Lexicon) -> Cluster | None:
    """"The 1946 Convention" after "the Convention on X ... signed in 1946": a name of a
    year and a head only is the one agreement of that kind and year."""
    if _proper_words(m) or not m.year:
        return None
    lemma = m.head.lemma_.lower()
    dated = [c for c in clusters if cluster_year(c, lex) == m.year
             and any(x.head.lemma_.lower() == lemma for x in c.mentions)]
    return dated[0] if len(dated) == 1 else None


def _named_after_introduction(m: Mention, clusters: list[Cluster], ctx: DocContext,
                              lex: Lexicon) -> Cluster | None:
    """"... signed a 50-year treaty on Saturday. The Geelong Treaty was signed by ...": a
    name acted on in the sentence after an agreement of its kind without a name, the only
    one of that kind so far, names that agreement; so does any name of its kind after an
    agreement only ever called "the treaty"."""
    lemma = m.head.lemma_.lower()
    kin = [c for c in clusters if any(x.head.lemma_.lower() == lemma for x in c.mentions)]
    if len(kin) != 1:
        return None
    c = kin[0]
    if all(x.kind == "definite" and not x.plural and not _proper_words(x)
           for x in c.mentions) and not m.plural and parties_agree(m, c):
        return c  # "The treaty was negotiated by ... The Louisiana Purchase Treaty was signed"
    if any(x.named or x.plural or _proper_words(x) for x in c.mentions) or m.plural \
            or not m.actions or not any(x.kind == "indefinite" for x in c.mentions):
        return None  # not "... negotiating a Defense Cooperation Agreement. It builds on
        # the NATO Status of Forces Agreement": that one had a name, this is not acted on
    if m.year and cluster_year(c, lex) not in (None, m.year):
        return None
    last = max(c.mentions, key=lambda x: x.head.i).head.sent
    if m.head.sent.start not in (last.start, last.end) or not parties_agree(m, c):
        return None
    return c


def _indefinite_antecedent(m: Mention, clusters: list[Cluster], ctx: DocContext,
                           lex: Lexicon) -> Cluster | None:
    """"an agreement has been reached": the same agreement unless something tells it apart
    (its own year, amount or duration, other descriptive words, other parties)."""
    # A year, in the phrase or the clause ("signed an agreement in Cairo in 2017"), tells
    # an agreement apart from any of another or no year.
    year = m.year or clause_year(m, lex) or action_date_year(m, ctx)
    clusters = [c for c in clusters if not signed_anew(m, c, lex)]
    same_sentence = [c for c in clusters if any(x.head.sent == m.head.sent for x in c.mentions)
                     and _compatible(m, c, lex) and c.first.head.lemma_ == m.head.lemma_
                     and (not year or cluster_year(c, lex) == year)]
    if same_sentence:
        return same_sentence[-1]
    headline = None if year else _headline_agreement(m, clusters, ctx, lex)
    if headline is not None:
        return headline
    if len(clusters) == 1 and m.head.lemma_.lower() in lex.generic_heads \
            and title_case_line(m.head) and parties_agree(m, clusters[0]):
        return clusters[0]  # a subtitle's "Reach Agreement" after the title's Understanding
    words = _content_words(m, lex)
    for c in reversed(clusters):
        if _compatible(m, c, lex) and words and words <= _cluster_words(c) \
                and (not year or cluster_year(c, lex) in (year, None)) \
                and not _other_partners(m, c):
            # "an anti-ballistic missile treaty" after the ABM Treaty; not "it signed a
            # production agreement with B" after "the production deal with C"
            return c
    if year or own_quantities(m):
        money = money_of(m, lex)
        return next((c for c in reversed(clusters) if year and cluster_year(c, lex) == year
                     or money and any(money & money_of(x, lex) for x in c.mentions
                                      if x.head.lemma_ == m.head.lemma_)), None)
    kin = [c for c in clusters if any(x.head.lemma_ == m.head.lemma_ for x in c.mentions)]
    for c in [*reversed(kin), *(c for c in reversed(clusters) if c not in kin)]:
        # "a deal": the latest deal before the latest arrangement
        if not _compatible(m, c, lex) or not parties_agree(m, c) \
                or not _may_be_the_same(m, c, lex) or _new_parties(m, c):
            continue
        if not words:
            return c
        if any(x.head.lemma_ == m.head.lemma_ and not x.named for x in c.mentions) \
                and not has_quantities(c):
            return c
    return None


def _last_mentioned(c: Cluster) -> int:
    return max(x.head.i for x in c.mentions)


def _new_parties(m: Mention, c: Cluster) -> bool:
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


def _other_partners(m: Mention, c: Cluster) -> bool:
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


def _compatible(m: Mention, c: Cluster, lex: Lexicon) -> bool:
    if any(x.plural for x in c.mentions) != m.plural and not any(
            x.named and x.head.lower_ == m.head.lower_ for x in c.mentions):
        return False
    marks = set().union(*(x.marks for x in c.mentions))
    for group in lex.contrast:
        other = set().union(*(g for g in lex.contrast if g is not group))
        if m.marks & group and marks & other and not marks & group:
            return False
    return True


def _same_name(m: Mention, c: Cluster, lex: Lexicon) -> bool:
    """The same name: the same capitalised words before or after a head of the same kind
    (also those of "a Declaration on X" before "the Declaration on X"; "the Partnership for
    X" is no "Declaration on X"), or a shorter form of a name of the same kind."""
    mine = _proper_words(m)
    return any((x.named or mine and _same_kind(m, x, lex))
               and (_same_words(m, mine, x) and _same_kind(m, x, lex)
                    or m.span.text == x.span.text)
               for x in c.mentions) or bool(mine) and mine <= _cluster_words(c) and any(
        x.named and _same_kind(m, x, lex) for x in c.mentions) and len(mine) > 1


def _same_kind(m: Mention, x: Mention, lex: Lexicon) -> bool:
    """Heads of one kind: the same word, or two generic ones ("Paris Agreement", "Paris
    Accord")."""
    a, b = m.head.lemma_.lower(), x.head.lemma_.lower()
    return a == b or a in lex.generic_heads and b in lex.generic_heads


def _same_words(m: Mention, mine: set[str], x: Mention) -> bool:
    """The same capitalised words; a name of none ("the 1974 Protocol") is the same only
    as one of its kind and year."""
    theirs = _proper_words(x)
    if mine or theirs:
        return mine == theirs
    return x.head.lemma_ == m.head.lemma_ and x.year == m.year


def _proper_words(m: Mention) -> set[str]:
    """The capitalised words of a name, without the acronym it defines in brackets
    ("... Convention (ENMOD")."""
    return {t.lower_ for t in m.span if t.text[:1].isupper() and t.is_alpha
            and t.i != m.head.i and t.i != t.sent.start and t.pos_ == "PROPN"
            and not (t.text in m.acronyms and t.nbor(-1).text == "(")}


def _content_words(m: Mention, lex: Lexicon) -> set[str]:
    skip = lex.determiners | lex.plain_modifiers
    return {t.lower_ for t in m.span[: m.head.i - m.span.start] if t.is_alpha
            and t.lower_ not in skip and t.pos_ in ("ADJ", "NOUN", "PROPN")}


def _kind_fits(m: Mention, c: Cluster, lex: Lexicon) -> bool:
    """"the truce" is no earlier "treaty on pandemics": a specific kind of agreement
    refers back to its own kind, or to one only called by generic words and unnamed."""
    lemma = m.head.lemma_.lower()
    lemmas = {x.head.lemma_.lower() for x in c.mentions if x.kind != "pronoun"}
    if lemma in lex.generic_heads or lemma in lemmas:
        return True
    # nor the Paris Agreement: a name fixes its kind
    return not lemmas - lex.generic_heads and not any(x.named for x in c.mentions)


def _may_be_the_same(m: Mention, c: Cluster, lex: Lexicon) -> bool:
    """An indefinite mention may be the same as ``c`` unless it is another kind of
    agreement, or the same kind about something else, as the words after its head tell
    ("a memorandum on investment promotion" after "a Comprehensive Strategic
    Partnership"). A generic word ("an agreement in the dispute") may name any kind, and be
    named by any."""
    lemma, about = m.head.lemma_.lower(), _complement_words(m)
    lemmas = {x.head.lemma_.lower() for x in c.mentions}
    kinds = lemmas - lex.generic_heads
    if lemma not in lex.generic_heads and lemma not in lemmas and any(
            x.named or x.acronyms for x in c.mentions):
        return False  # "a memorandum of understanding" is not "the agreement COMCASA"
    if not kinds and lemma not in lex.generic_heads and _said_about(m) and not (
            _said_about(m) & _cluster_words(c)) and cluster_year(c, lex):
        return False  # "a memorandum of understanding to collaborate on research" is not
        # "an agreement" the same two signed in 2008: it says what it is about, and that
        # one was dated by its act
    if not about or lemma in lex.generic_heads or not kinds:
        return True  # not kinds: "a pact", then "a memorandum ... on energy co-operation"
    # of one kind, but about other things: "a memorandum on investment promotion" after
    # "a Memorandum of Cooperation on semiconductor supply chains"
    kin_about = [_complement_words(x) for x in c.mentions if x.head.lemma_.lower() == lemma]
    return any(not words or words & about for words in kin_about)


def _said_about(m: Mention) -> set[str]:
    """Content words after the head in the mention's own phrase (its complements and
    participles: "to collaborate through a Center of Excellence in Research")."""
    return {t.lower_ for t in m.span[m.head.i - m.span.start + 1:] if t.is_alpha
            and t.pos_ in ("ADJ", "NOUN", "PROPN", "VERB") and t.lower_ != "understanding"}


def _complement_words(m: Mention) -> set[str]:
    """Content words of the head's prepositional complements ("of Cooperation on
    semiconductor supply chains"; not the "understanding" of a memorandum of
    understanding, nor a purpose: "a framework to promote ...")."""
    return {t.lower_ for prep in own_preps(m) for t in prep.subtree
            if t.i < m.span.end and t.is_alpha and t.pos_ in ("ADJ", "NOUN", "PROPN")
            and t.lower_ != "understanding"}


def _cluster_words(c: Cluster) -> set[str]:
    return {w for x in c.mentions for t in x.span if t.is_alpha
            for w in re.split(r"[-\u2013]", t.lower_)} | {
        w for x in c.mentions for t in x.span for w in re.split(r"[-\u2013]", t.lower_)}

