"""Durations, money and label of an agreement, read around its mentions.

Amounts and durations come from the mention's own phrase ("a five-year arrangement"),
its relative clauses, the clause that acts on it, what is predicated of it ("is worth $2
billion", "valid for five years") and the clause it governs ("Under the pact, Japan will
pay ... over five years"). Failing those: a neighbouring sentence plainly about the same
agreement (``neighbour_durations``, ``neighbour_values``), and money of a clause in which
the parties agree (``agreed_values``). Parties are in ``kg.nlp.agreement_parties``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal

from spacy.tokens import Doc, Span

from kg.nlp.agreement_actions import future, in_basis_context
from kg.nlp.agreement_context import context, title_line
from kg.nlp.agreement_parties import actors, subject_of
from kg.nlp.quantities import Quantity, find_durations, find_money

# "for the past 60 years", "over the last decade": a history, not the agreement's term.
PAST_WORDS = {"past", "last", "previous", "preceding", "first"}
# What a thing is worth: "a deal worth $5bn", "is valued at", "costs", "totals".
VALUE_WORDS = {"worth", "value", "valued", "cost", "total", "amount"}
# How long it holds: "is valid for five years", "remains in force for 25 years".
TERM_WORDS = {"valid", "effective", "binding"}


# -- durations, money, years ------------------------------------------------------------
def _subtree(tok) -> Span:
    return tok.doc[tok.left_edge.i:tok.right_edge.i + 1]


def _scopes(m) -> list[Span]:
    scopes = [m.span]
    for c in m.head.children:
        if c.i < m.span.end:
            continue
        if c.dep_ in ("relcl", "acl") or (  # "the deal, worth $5bn, ..."
                c.dep_ in ("amod", "appos") and c.lemma_.lower() in VALUE_WORDS):
            scopes.append(_subtree(c))
    return scopes


def predicate_scopes(verb) -> tuple[list[Span], list[Span]]:
    """(money, duration) phrases of a clause that say what its subject is worth or how
    long it holds: "is worth $2bn", "was valued at $4bn", "is valid for five years"."""
    money, term = [], []
    for v in [verb] + [c for c in verb.children if c.dep_ == "conj"
                       and not any(s.dep_.startswith("nsubj") for s in c.children)]:
        lemma = v.lemma_.lower()
        for c in v.children:
            word = c.lemma_.lower()
            if lemma == "be" and c.dep_ == "acomp" and word in VALUE_WORDS:
                money.append(_subtree(c))
            elif lemma == "be" and c.dep_ == "acomp" and word in TERM_WORDS:
                term.append(_subtree(c))
            elif lemma in VALUE_WORDS and c.dep_ in ("prep", "dobj", "npadvmod", "attr"):
                money.append(_subtree(c))
    return money, term


def _under_scopes(m) -> list[Span]:
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


def own_money(m) -> bool:
    return bool(find_money(m.span))


def own_quantities(m) -> bool:
    return bool(find_durations(m.span)) or own_money(m)


def has_quantities(cl) -> bool:
    return any(own_quantities(m) for m in cl.mentions)


def quantities(m) -> tuple[list, list]:
    """Durations and money said of the mention (cached on it: coreference and the
    description both ask)."""
    if m.quantities is None:
        m.quantities = _quantities(m)
    return m.quantities


def _quantities(m) -> tuple[list, list]:
    durations, money = [], []
    for scope in _scopes(m):
        durations += find_durations(scope)
        money += find_money(scope)
    if m.head.dep_ in ("nsubj", "nsubjpass"):  # "The agreement is worth $2 billion"
        worth, term = predicate_scopes(m.head.head)
        money += [q for s in worth for q in find_money(s)]
        durations += [q for s in term for q in _term(s, m.head.head)]
    for scope in _under_scopes(m):
        money += find_money(scope)
        durations += _term(scope, m.head.head.head)
    for status, verb, verbal in m.actions:  # "it was in force for the next 30 years"
        # not "negotiated for a year" (the talks' length) nor "has been implemented for
        # 43 years" (a history: see _term)
        if (verbal or m.kind == "pronoun") and status != "negotiating":
            for c in verb.children:
                if c.dep_ == "prep" and c.lower_ in ("for", "over"):
                    durations += _term(verb.doc[c.i:c.right_edge.i + 1], verb)
    return durations, money


def clause_year(m) -> str | None:
    for status, verb, verbal in m.actions:
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "in":
                for t in c.subtree:
                    if re.match(r"^(1[6-9]|20)\d\d$", t.text):
                        return t.text
    return None


# -- durations stated beside the agreement ---------------------------------------------------
def neighbour_durations(doc: Doc, cl, clusters: list, lex, amounts: set) -> list[Quantity]:
    """Durations in other sentences that are plainly about agreement ``cl``.

    A "for N years" phrase counts when its clause's subject is a mention of ``cl`` ("The
    deal suspends tariffs for five years"), "it" right after ``cl`` was mentioned, or the
    parties of ``cl`` together ("The US and EU will suspend tariffs for five years"), in
    a paragraph where ``cl`` is mentioned; or when the sentence restates the agreement's
    own amount ("The investment may go up to $20bn for a period of five years")."""
    paragraphs = _paragraphs_of(doc, cl, lex)
    if _in_title(cl):  # the agreement the document is about: also where none is named
        paragraphs |= _unclaimed_paragraphs(doc, clusters, lex)
    out = []
    for sent in doc.sents:
        restates = bool(amounts) and any(q.value in amounts for q in find_money(sent))
        if not restates and _paragraph(doc, sent.start) not in paragraphs:
            continue
        for prep in sent:
            if prep.lower_ != "for" or prep.dep_ != "prep" or prep.head.pos_ not in ("VERB", "AUX"):
                continue
            found = _term(doc[prep.i:prep.right_edge.i + 1], prep.head)
            if found and (restates or _about(prep.head, cl, clusters, lex)):
                out += found
    return out


def neighbour_values(doc: Doc, cl, clusters: list, lex) -> list[Quantity]:
    """Money said of agreement ``cl`` in another sentence of its paragraphs, with the
    agreement (or "it" right after it) as the subject: "It is worth 300 million euros"."""
    paragraphs = _paragraphs_of(doc, cl, lex)
    out = []
    for tok in doc:
        if tok.dep_ not in ("nsubj", "nsubjpass") or _paragraph(doc, tok.i) not in paragraphs:
            continue
        worth, _ = predicate_scopes(tok.head)
        if worth and _about(tok.head, cl, clusters, lex):
            out += [q for scope in worth for q in find_money(scope)]
    return out


def agreed_values(doc: Doc, cl, clusters: list, lex) -> list[Quantity]:
    """Money in a clause that reports the parties agreeing without naming an agreement
    ("Turkey has agreed a draft proposal with the IMF to borrow $10bn"): it goes to the
    agreement of exactly those parties, when only one of theirs is new and has no amount
    yet (not "Turkey's current $18.6bn loan agreement")."""
    heads = {m.head.i for c in clusters for m in c.mentions}
    ctx = context(doc)
    out = []
    for verb in doc:
        if verb.lemma_ != "agree" or verb.pos_ != "VERB" or \
                any(t.i in heads for t in verb.subtree):
            continue
        # "agreed with the IMF", "agreed a proposal with the IMF"
        holders = [verb] + [c for c in verb.children if c.dep_ == "dobj"]
        partners = [g for h in holders for c in h.children
                    if c.dep_ == "prep" and c.lower_ == "with" for g in c.children]
        refs = {r for tok in subject_of(verb) + partners for r in actors(tok, ctx, lex)}
        if len(refs) >= 2 and _only_new_agreement_of(refs, cl, clusters, lex):
            out += find_money(_subtree(verb))
    return out


def _only_new_agreement_of(refs: set, cl, clusters: list, lex) -> bool:
    old = lex.contrast[1]  # current, existing, previous ...
    candidates = [c for c in clusters if refs <= set(c.parties)
                  and not any(m.marks & old or own_money(m) for m in c.mentions)]
    return candidates == [cl]


def _in_title(cl) -> bool:
    title = title_line(cl.first.head.doc)
    return title is not None and any(
        not m.nested and title.start <= m.head.i < title.end for m in cl.mentions)


def _unclaimed_paragraphs(doc: Doc, clusters: list, lex) -> set[int]:
    """Paragraphs that act on no agreement ("Now, our two countries have found common
    ground on how we will work together ... for the next 20 years")."""
    claimed = set().union(*(_paragraphs_of(doc, c, lex) for c in clusters))
    return {_paragraph(doc, t.i) for t in doc} - claimed


def _paragraphs_of(doc: Doc, cl, lex) -> set[int]:
    # Not where it is only the means ("managed the river through the Treaty"): the text
    # there is about something else.
    return {_paragraph(doc, m.head.i) for m in cl.mentions
            if not m.nested and not in_basis_context(m, lex)}


def _term(scope: Span, verb) -> list[Quantity]:
    """Durations of a "for ..." phrase that give a term, not a history ("For 60 years,
    the two have managed ...": a perfect; "for the past decade")."""
    if any(t.lower_ in PAST_WORDS for t in scope):
        return []
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    if perfect and not any(t.lower_ == "next" for t in scope):
        return []
    return find_durations(scope)


def _about(verb, cl, clusters: list, lex) -> bool:
    heads = {m.head.i for m in cl.mentions}
    ctx = context(verb.doc)
    for subj in subject_of(verb):
        if subj.i in heads:
            return True
        if subj.lower_ == "it":
            return _latest_before(subj.i, clusters) is cl
        # The parties together ("The US and the EU will suspend tariffs for five years",
        # "we" in a joint statement): only for what they will do, since a speech's "we
        # pledge for three days" or "we have allocated ..." reports something else.
        refs = set(actors(subj, ctx, lex))
        if len(refs) >= 2 and refs <= set(cl.parties) and future(verb):
            return True
    return False


def _latest_before(i: int, clusters: list):
    best, at = None, -1
    for c in clusters:
        for m in c.mentions:
            if at < m.head.i < i:
                best, at = c, m.head.i
    return best


def _paragraph(doc: Doc, i: int) -> int:
    """Index of the paragraph holding token ``i`` (paragraphs split at blank lines)."""
    starts = doc.user_data.get("pkg_agreement_paragraphs")
    if starts is None:
        starts = [0] + [t.i + 1 for t in doc if t.is_space and "\n\n" in t.text]
        doc.user_data["pkg_agreement_paragraphs"] = starts
    return bisect_right(starts, i) - 1


# -- the description handed to kg.extract ------------------------------------------------------
def describe(doc: Doc, cl, lex, clusters: list) -> dict:
    durations, values, statuses = [], [], []
    for m in cl.mentions:
        if m.nested:
            continue
        d, v = quantities(m)
        durations += [(q.value, q.span.start) for q in d]
        values += [(str(q.value[0]), q.value[1], q.span.start) for q in v]
        statuses += [(s, tok.i) for s, tok, _ in m.actions]
    if not values:  # the phrase itself and its clause said nothing: look beside them
        values = [(str(q.value[0]), q.value[1], q.span.start)
                  for q in neighbour_values(doc, cl, clusters, lex)
                  or agreed_values(doc, cl, clusters, lex)]
    if not durations:
        amounts = {(Decimal(a), c) for a, c, _ in values}
        durations = [(q.value, q.span.start)
                     for q in neighbour_durations(doc, cl, clusters, lex, amounts)]
    return {
        "label": _label(cl), "named": any(m.named for m in cl.mentions),
        "parties": [(kind, key, tok.i) for (kind, key), tok in cl.parties.items()],
        "durations": durations, "values": values, "statuses": statuses,
    }


def _label(cl) -> str:
    named = [m for m in cl.mentions if m.named]
    if named:
        best = max(named, key=lambda m: len(m.span))
    else:  # the most descriptive phrase, preferring those the action is reported on
        phrases = [m for m in cl.mentions if m.kind not in ("pronoun", "acronym")] or cl.mentions
        best = max(phrases, key=lambda m: (bool(m.actions) and len(m.span) > 2,
                                           sum(t.is_alpha for t in m.span), -m.head.i))
    tokens = list(best.span)
    while tokens and (tokens[0].lower_ in ("a", "an", "the", "this", "that", "another",
                                           "its", "their", "our", "these", "those")
                      or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    relative = next((i for i, t in enumerate(tokens) if i and tokens[i - 1].text == ","
                     and t.lower_ in ("which", "that", "who")), None)
    if relative is not None:  # "treaty on pandemics, which would be a significant step"
        tokens = tokens[:relative - 1]
    opened = [i for i, t in enumerate(tokens) if t.text == "("]
    if opened and not any(t.text == ")" for t in tokens[opened[-1]:]):
        tokens = tokens[:opened[-1]]  # "Plan of Action (JCPOA": the acronym's bracket cut
    text = "".join(t.text_with_ws for t in tokens).strip() or best.span.text
    return " ".join(text.replace("\u201c", "").replace("\u201d", "").split())
