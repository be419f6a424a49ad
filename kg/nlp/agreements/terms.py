"""Step 7, durations and money of an agreement, read around its mentions.

Amounts and durations come from the mention's own phrase ("a five-year arrangement"),
its relative clauses, the clause that acts on it, what is predicated of it ("is worth $2
billion", "valid for five years") and the clause it governs ("Under the pact, Japan will
pay ... over five years"). Failing those: a neighbouring sentence plainly about the same
agreement, and money of a clause in which the parties agree. Each names its rule.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Span, Token

from kg.core.constants import SUBJECT_DEPS
from kg.nlp.agreements.actions import future, in_basis_context
from kg.nlp.agreements.actors import refs_of, subject_of
from kg.nlp.agreements.quantities import Quantity, find_durations, find_money
from kg.nlp.agreements.types import (Cluster, DocContext, Fact, Lexicon, Mention,
                                     Rejection, Terms, Trace)


def terms(cl: Cluster, clusters: list[Cluster], ctx: DocContext, lex: Lexicon,
          trace: Trace | None = None) -> tuple[list[Fact], list[Fact]]:
    """(durations, values) of agreement ``cl``: said of its mentions, else beside them."""
    durations, values = [], []
    for m in cl.mentions:
        if m.nested:
            continue
        found = m.quantities
        durations += found.durations
        values += found.values
        if trace is not None:
            for r in found.rejected:
                trace.reject(cl, r.what, r.at, r.reason)
    if not values:  # the phrase itself and its clause said nothing: look beside them
        values = neighbour_values(cl, clusters, ctx, lex) \
            or agreed_values(cl, clusters, ctx, lex)
    if not durations:
        amounts = {f.value for f in values}
        durations = neighbour_durations(cl, clusters, ctx, lex, amounts)
    return durations, values


def _money(scope: Span, rule: str) -> list[Fact]:
    return [Fact(q.value, q.span.start, rule) for q in find_money(scope)]


def _facts(found: list[Quantity], rule: str) -> list[Fact]:
    return [Fact(q.value, q.span.start, rule) for q in found]


# -- said of the mention ---------------------------------------------------------------
def _subtree(tok: Token) -> Span:
    return tok.doc[tok.left_edge.i:tok.right_edge.i + 1]


def _scopes(m: Mention, lex: Lexicon) -> list[tuple[Span, str]]:
    scopes = [(m.span, "phrase")]
    for c in m.head.children:
        if c.i < m.span.end:
            continue
        if c.dep_ in ("relcl", "acl") or (  # "the deal, worth $5bn, ..."
                c.dep_ in ("amod", "appos") and c.lemma_.lower() in lex.value_words):
            scopes.append((_subtree(c), "relative"))
    return scopes


def predicate_scopes(verb: Token, lex: Lexicon) -> tuple[list[Span], list[Span]]:
    """(money, duration) phrases of a clause that say what its subject is worth or how
    long it holds: "is worth $2bn", "was valued at $4bn", "is valid for five years"."""
    money, term = [], []
    for v in [verb] + [c for c in verb.children if c.dep_ == "conj"
                       and not any(s.dep_.startswith("nsubj") for s in c.children)]:
        lemma = v.lemma_.lower()
        for c in v.children:
            word = c.lemma_.lower()
            if lemma == "be" and c.dep_ == "acomp" and word in lex.value_words:
                money.append(_subtree(c))
            elif lemma == "be" and c.dep_ == "acomp" and word in lex.term_words:
                term.append(_subtree(c))
            elif lemma in lex.value_words and c.dep_ in ("prep", "dobj", "npadvmod", "attr"):
                money.append(_subtree(c))
    return money, term


def _under_scopes(m: Mention) -> list[Span]:
    """"Under the pact, Japan will pay $9.3 billion over five years": the terms of the
    clause the agreement governs, when they are stated as present or future (a perfect
    or past verb reports what was done under it, not what it commits)."""
    prep = m.head.head
    if m.head.dep_ != "pobj" or prep.lower_ != "under" or prep.head.pos_ not in ("VERB", "AUX"):
        return []
    verb = prep.head
    if verb.tag_ in ("VBD", "VBN") and not any(c.dep_ == "aux" for c in verb.children) \
            or any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        return []
    return [_subtree(c) for c in verb.children
            if c.dep_ in ("dobj", "prep", "npadvmod", "attr") and c.i != prep.i]


def own_money(m: Mention) -> bool:
    return bool(find_money(m.span))


def mention_terms(m: Mention, lex: Lexicon) -> Terms:
    """Durations and money said of ``m`` (read in step 2, once its actions are known, and
    kept on it: coreference compares amounts, ``terms`` chooses from them)."""
    durations: list[Fact] = []
    money: list[Fact] = []
    rejected: list[Rejection] = []
    for scope, where in _scopes(m, lex):
        durations += _facts(find_durations(scope), f"duration.{where}")
        money += _money(scope, f"value.{where}")
    if m.head.dep_ in SUBJECT_DEPS:  # "The agreement is worth $2 billion"
        worth, term = predicate_scopes(m.head.head, lex)
        money += [f for s in worth for f in _money(s, "value.predicate")]
        durations += [f for s in term for f in _term(s, m.head.head, "duration.predicate",
                                                     lex, rejected)]
    for scope in _under_scopes(m):
        money += _money(scope, "value.under")
        durations += _term(scope, m.head.head.head, "duration.under", lex, rejected)
    for action in m.actions:  # "it was in force for the next 30 years"
        if not (action.verbal or m.kind == "pronoun"):
            continue
        for c in action.token.children:
            if c.dep_ == "prep" and c.lower_ in ("for", "over"):
                scope = action.token.doc[c.i:c.right_edge.i + 1]
                if action.kind == "negotiating":  # "negotiated for a year": the talks' length
                    rejected += [Rejection(f"duration {q.value}", q.span.start,
                                           "the length of the talks, not of the agreement")
                                 for q in find_durations(scope)]
                    continue
                durations += _term(scope, action.token, "duration.action", lex, rejected)
    return Terms(durations, money, rejected)


def _term(scope: Span, verb: Token, rule: str, lex: Lexicon,
          rejected: list[Rejection] | None = None) -> list[Fact]:
    """Durations of a "for ..." phrase that give a term, not a history ("For 60 years,
    the two have managed ...": a perfect; "for the past decade"; "has been implemented
    for 43 years")."""
    found = find_durations(scope)
    reason = None
    if any(t.lower_ in lex.past_words for t in scope):
        reason = "a history, not a term (the past, the last ...)"
    elif any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children) and not any(
            t.lower_ == "next" for t in scope):
        reason = "a history, not a term (perfect tense)"
    if reason is None:
        return _facts(found, rule)
    if rejected is not None:
        rejected += [Rejection(f"duration {q.value}", q.span.start, f"{reason} ({rule})")
                     for q in found]
    return []


# -- stated beside the agreement -------------------------------------------------------
def neighbour_durations(cl: Cluster, clusters: list[Cluster], ctx: DocContext, lex: Lexicon,
                        amounts: set) -> list[Fact]:
    """Durations in other sentences that are plainly about agreement ``cl``.

    A "for N years" phrase counts when its clause's subject is a mention of ``cl`` ("The
    deal suspends tariffs for five years"), "it" right after ``cl`` was mentioned, or the
    parties of ``cl`` together ("The US and EU will suspend tariffs for five years"), in
    a paragraph where ``cl`` is mentioned; or when the sentence restates the agreement's
    own amount ("The investment may go up to $20bn for a period of five years")."""
    doc = cl.first.head.doc
    paragraphs = _paragraphs_of(cl, ctx, lex)
    if _in_title(cl, ctx):  # the agreement the document is about: also where none is named
        paragraphs |= _unclaimed_paragraphs(clusters, ctx, lex)
    out = []
    for sent in doc.sents:
        restates = bool(amounts) and any(q.value in amounts for q in find_money(sent))
        if not restates and _paragraph(ctx, sent.start) not in paragraphs:
            continue
        for prep in sent:
            if prep.lower_ != "for" or prep.dep_ != "prep" or prep.head.pos_ not in ("VERB", "AUX"):
                continue
            rule = "duration.restated" if restates else "duration.neighbour"
            found = _term(doc[prep.i:prep.right_edge.i + 1], prep.head, rule, lex)
            if found and (restates or _about(prep.head, cl, clusters, ctx, lex)):
                out += found
    return out


def neighbour_values(cl: Cluster, clusters: list[Cluster], ctx: DocContext,
                     lex: Lexicon) -> list[Fact]:
    """Money said of agreement ``cl`` in another sentence of its paragraphs, with the
    agreement (or "it" right after it) as the subject: "It is worth 300 million euros"."""
    paragraphs = _paragraphs_of(cl, ctx, lex)
    out = []
    for tok in cl.first.head.doc:
        if tok.dep_ not in SUBJECT_DEPS or _paragraph(ctx, tok.i) not in paragraphs:
            continue
        worth, _ = predicate_scopes(tok.head, lex)
        if worth and _about(tok.head, cl, clusters, ctx, lex):
            out += [f for scope in worth for f in _money(scope, "value.neighbour")]
    return out


def agreed_values(cl: Cluster, clusters: list[Cluster], ctx: DocContext,
                  lex: Lexicon) -> list[Fact]:
    """Money in a clause that reports the parties agreeing without naming an agreement
    ("Turkey has agreed a draft proposal with the IMF to borrow $10bn"): it goes to the
    agreement of exactly those parties, when only one of theirs is new and has no amount
    yet (not "Turkey's current $18.6bn loan agreement")."""
    heads = {m.head.i for c in clusters for m in c.mentions}
    out = []
    for verb in cl.first.head.doc:
        if verb.lemma_ != "agree" or verb.pos_ != "VERB" or \
                any(t.i in heads for t in verb.subtree):
            continue
        # "agreed with the IMF", "agreed a proposal with the IMF"
        holders = [verb] + [c for c in verb.children if c.dep_ == "dobj"]
        partners = [g for h in holders for c in h.children
                    if c.dep_ == "prep" and c.lower_ == "with" for g in c.children]
        refs = {r for tok in subject_of(verb) + partners for r in refs_of(tok, ctx, lex)}
        if len(refs) >= 2 and _only_new_agreement_of(refs, cl, clusters, lex):
            out += _money(_subtree(verb), "value.agreed")
    return out


def _only_new_agreement_of(refs: set, cl: Cluster, clusters: list[Cluster],
                           lex: Lexicon) -> bool:
    old = lex.contrast[1]  # current, existing, previous ...
    candidates = [c for c in clusters if refs <= c.refs
                  and not any(m.marks & old or own_money(m) for m in c.mentions)]
    return candidates == [cl]


def _in_title(cl: Cluster, ctx: DocContext) -> bool:
    title = ctx.title
    return title is not None and any(
        not m.nested and title.start <= m.head.i < title.end for m in cl.mentions)


def _unclaimed_paragraphs(clusters: list[Cluster], ctx: DocContext, lex: Lexicon) -> set[int]:
    """Paragraphs that act on no agreement ("Now, our two countries have found common
    ground on how we will work together ... for the next 20 years")."""
    claimed = set().union(*(_paragraphs_of(c, ctx, lex) for c in clusters))
    return set(range(len(ctx.paragraph_starts))) - claimed


def _paragraphs_of(cl: Cluster, ctx: DocContext, lex: Lexicon) -> set[int]:
    # Not where it is only the means ("managed the river through the Treaty"): the text
    # there is about something else.
    return {_paragraph(ctx, m.head.i) for m in cl.mentions
            if not m.nested and not in_basis_context(m, lex)}


def _about(verb: Token, cl: Cluster, clusters: list[Cluster], ctx: DocContext,
           lex: Lexicon) -> bool:
    heads = {m.head.i for m in cl.mentions}
    for subj in subject_of(verb):
        if subj.i in heads:
            return True
        if subj.lower_ == "it":
            return _latest_before(subj.i, clusters) is cl
        # The parties together ("The US and the EU will suspend tariffs for five years",
        # "we" in a joint statement): only for what they will do, since a speech's "we
        # pledge for three days" or "we have allocated ..." reports something else.
        refs = refs_of(subj, ctx, lex)
        if len(refs) >= 2 and refs <= cl.refs and future(verb, lex):
            return True
    return False


def _latest_before(i: int, clusters: list[Cluster]) -> Cluster | None:
    best, at = None, -1
    for c in clusters:
        for m in c.mentions:
            if at < m.head.i < i:
                best, at = c, m.head.i
    return best


def _paragraph(ctx: DocContext, i: int) -> int:
    """Index of the paragraph holding token ``i`` (paragraphs split at blank lines)."""
    return bisect_right(ctx.paragraph_starts, i) - 1
