"""Step 3, coreference: which mentions name the same agreement.

Named mentions join by name, definite ones ("the deal") the latest compatible agreement,
indefinite ones ("an agreement") only when nothing tells them apart (their year, amount
or duration, other descriptive words, other parties). The parties and amounts it compares
are those step 2 read around each mention (``Mention.parties``, ``Mention.quantities``).
"""

from __future__ import annotations

from kg.nlp.agreements.likeness import (cluster_words, compatible, content_words, kind_fits,
                                        may_be_the_same, new_parties, other_partners,
                                        parties_agree, proper_words, same_name)
from kg.nlp.agreements.names import known_as_target, title_case_line
from kg.nlp.agreements.distinct import (action_date_year, clause_year, cluster_year,
                                        has_quantities, money_of, other_edition,
                                        own_quantities, signed_anew)
from kg.nlp.agreements.types import Cluster, DocContext, Lexicon, Mention


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
        return next((c for c in reversed(named) if same_name(m, c, lex)), None) \
            or _year_named(m, named, lex) or _named_after_introduction(m, named, ctx, lex)
    if m.marks & lex.distinct:
        return None
    if m.kind == "definite":
        return _definite_antecedent(m, clusters, lex)
    return _indefinite_antecedent(m, clusters, ctx, lex)


def _definite_antecedent(m: Mention, clusters: list[Cluster], lex: Lexicon) -> Cluster | None:
    """"the treaty": the latest agreement with that head word, else the most talked-of."""
    proper = proper_words(m)
    if proper:
        return next((c for c in reversed(clusters) if proper <= cluster_words(c)), None)
    candidates = [c for c in clusters if compatible(m, c, lex) and kind_fits(m, c, lex)
                  and (not m.year or cluster_year(c, lex) == m.year)
                  and not other_partners(m, c)]
    words = content_words(m, lex)
    if not words and m.head.is_title and not m.year and m.head.i > m.head.sent.start:
        # "the Convention", "the Agreement": a defined short name, the text's main
        # agreement of that kind, not merely the latest
        named = [c for c in candidates if any(x.named and x.head.lemma_ == m.head.lemma_
                                              for x in c.mentions)]
        if named:
            return max(named, key=lambda c: len(c.mentions))
    marked = [c for c in candidates if m.marks & set().union(*(x.marks for x in c.mentions))]
    for pool in ([c for c in candidates if words and words <= cluster_words(c)],
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
    return c if compatible(m, c, lex) and parties_agree(m, c) else None


def _year_named(m: Mention, clusters: list[Cluster], lex: Lexicon) -> Cluster | None:
    """"The 1946 Convention" after "the Convention on X ... signed in 1946": a name of a
    year and a head only is the one agreement of that kind and year."""
    if proper_words(m) or not m.year:
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
    if all(x.kind == "definite" and not x.plural and not proper_words(x)
           for x in c.mentions) and not m.plural and parties_agree(m, c):
        return c  # "The treaty was negotiated by ... The Louisiana Purchase Treaty was signed"
    if any(x.named or x.plural or proper_words(x) for x in c.mentions) or m.plural \
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
                     and compatible(m, c, lex) and c.first.head.lemma_ == m.head.lemma_
                     and (not year or cluster_year(c, lex) == year)]
    if same_sentence:
        return same_sentence[-1]
    headline = None if year else _headline_agreement(m, clusters, ctx, lex)
    if headline is not None:
        return headline
    if len(clusters) == 1 and m.head.lemma_.lower() in lex.generic_heads \
            and title_case_line(m.head) and parties_agree(m, clusters[0]):
        return clusters[0]  # a subtitle's "Reach Agreement" after the title's Understanding
    words = content_words(m, lex)
    for c in reversed(clusters):
        if compatible(m, c, lex) and words and words <= cluster_words(c) \
                and (not year or cluster_year(c, lex) in (year, None)) \
                and not other_partners(m, c):
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
        if not compatible(m, c, lex) or not parties_agree(m, c) \
                or not may_be_the_same(m, c, lex) or new_parties(m, c):
            continue
        if not words:
            return c
        if any(x.head.lemma_ == m.head.lemma_ and not x.named for x in c.mentions) \
                and not has_quantities(c):
            return c
    return None


def _last_mentioned(c: Cluster) -> int:
    return max(x.head.i for x in c.mentions)
