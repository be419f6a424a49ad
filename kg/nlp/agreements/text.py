"""The agreement a document is the text of (``doc._.pkg_agreement_text``, read by
``kg.nlp.document.structure``): which mentions are the text's references to itself, its
parties, its stage and date, who signed it.

- Its own references: the title's kind word, "this Agreement", "the present Agreement",
  "the Agreement" alone (no complement, no name of its own, not "the WTO Agreement").
  They are one agreement, never one the text cites.
- What its articles provide ("This Agreement shall enter into force ...", "Either Party
  may denounce this Agreement") is no report of its stage; only what follows the
  provisions counts ("The Agreement is effective as of ...").
- Its parties: the states its title names; else those of the preamble's sentence that
  names them; else those its signature block signs for.
- Its stage: signed when the closing clause or the witness formula says so, on the
  closing clause's date; a dated header line ("Date of signing", "Effective date") too.
- Signatories: persons of the signature block, each with the party of the "For X" they
  sign under (``kg.nlp.agreements.signatures``).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from kg.core.constants import AGREEMENT_TEXT
from kg.core.geo import country_name
from kg.nlp.agreements.actions import derived_noun, own_preps
from kg.nlp.agreements.groups import with_members
from kg.nlp.agreements.label import unique_label
from kg.nlp.agreements.modality import AHEAD, in_the_past
from kg.nlp.agreements.signatures import signatories
from kg.nlp.agreements.types import (Action, AgreementInfo, Cluster, DocContext, Fact, Lexicon,
                                     Mention, Party, Ref)
from kg.nlp.document.signature import SideSpan
from kg.nlp.document.structure import AgreementText

# "this Agreement", "the present Agreement", "to conclude the following Agreement"
SELF_DETERMINERS = ("this", "present", "following")


def text_of(doc: Doc) -> AgreementText | None:
    return getattr(doc._, AGREEMENT_TEXT) if Doc.has_extension(AGREEMENT_TEXT) else None


# -- its own mentions -------------------------------------------------------------------
def mark_own(mentions: list[Mention], text: AgreementText) -> list[Mention]:
    """Mark the text's references to itself (``Mention.own``); add one for the title when
    no mention stands for it, so the agreement always has a mention."""
    for m in mentions:
        m.own = _is_own(m, text)
    if text.title is not None and not any(m.own and _in(m.head.i, text.title)
                                          for m in mentions):
        head = next((t for t in text.title if t.lower_.startswith(text.kind)), text.title[0])
        mentions = sorted(mentions + [Mention(head, text.title, kind="definite", own=True)],
                          key=lambda m: m.head.i)
    elif not any(m.own for m in mentions):
        anchor = text.closing or text.witness or text.preamble or text.formula
        if anchor is not None:
            mentions = sorted(mentions + [Mention(anchor[0], anchor[0:1], kind="definite",
                                                 own=True)], key=lambda m: m.head.i)
    return mentions


def _is_own(m: Mention, text: AgreementText) -> bool:
    h = m.head
    if h.lemma_.lower() != text.kind and h.lower_ != text.kind or m.plural:
        return False
    if text.title is not None and _in(h.i, text.title):
        return True
    if m.nested or m.kind not in ("definite", "named", "indefinite"):
        return False
    lefts = [c for c in h.lefts]
    if any(c.lower_ in SELF_DETERMINERS for c in lefts):
        return True  # "this Agreement", "the present agreement", "this Framework Agreement"
    if _in_any(h.i, text.headings) or h.i < text.body[0] and _title_words(m, text):
        return True  # "Termination Of Agreement"; the preamble's "a Treaty of Trade"
    # "the Agreement" alone: nothing of its own before or after it
    return [c.lower_ for c in lefts] == ["the"] and not own_preps(m) and not any(
        c.dep_ in ("acl", "relcl", "appos") for c in h.rights)


def _title_words(m: Mention, text: AgreementText) -> bool:
    """A mention whose capitalised words are all its title's: the agreement itself as the
    preamble names it ("to conclude a Treaty of Trade")."""
    if text.title is None:
        return False
    title = {t.lower_ for t in text.title}
    return not any(t.i != m.head.i and t.text[:1].isupper() and t.lower_ not in title
                   for t in m.span)


def _in_any(i: int, spans: list[Span]) -> bool:
    return any(s.start <= i < s.end for s in spans)


def _in(i: int, span: Span | None) -> bool:
    return span is not None and span.start <= i < span.end


def provisions_only(cl: Cluster, text: AgreementText) -> None:
    """What the articles (and the preamble before them) say of the text's own agreement
    is what it provides, not what was done to it: those actions are dropped."""
    body_end = text.body[1]
    for m in cl.mentions:
        if m.head.i < body_end:
            m.actions = []


def cited_provisions(clusters: list[Cluster], own: Cluster | None, text: AgreementText,
                     lex: Lexicon) -> None:
    """What the articles say of an agreement the text cites is what they provide, not a
    report of it ("the implementation of the TBT Agreement", "negotiations on a customs
    agreement", "the Parties shall negotiate a customs agreement"): such an action reports
    no stage. A verb that tells of something done still does ("the Treaty signed on 4 May
    1990", "agreements the Parties concluded earlier"), and so does a plan told as one
    (planned) or a clause ahead (no stage either way)."""
    start, end = text.body
    for cl in clusters:
        if cl is own:
            continue
        for m in cl.mentions:
            if start <= m.head.i < end:
                m.actions = [_provided(a, lex) for a in m.actions]


def _provided(a: Action, lex: Lexicon) -> Action:
    """A noun WordNet derives from an action verb ("any subsequent amendments to that
    Agreement") is what the articles provide even when it is ahead."""
    if not derived_noun(a, lex) and (a.kind in (AHEAD, "planned") or a.verbal and (
            in_the_past(a.token) or _participle(a.token))):
        return a
    return Action(AHEAD, a.token, a.verbal, "stage.provision")


def _participle(v) -> bool:
    """A participle on the noun, with no auxiliary: "the Treaty signed on 4 May 1990"."""
    return v.tag_ == "VBN" and v.dep_ in ("acl", "amod", "relcl") and not any(
        c.dep_ in ("aux", "auxpass") for c in v.children)


# -- its parties ------------------------------------------------------------------------
def text_parties(text: AgreementText, ctx: DocContext) -> list[Party]:
    """The states (or bodies) the title names; else the preamble's; else with the states
    its signature block signs for; else with a state the preamble names together with
    the one it found ("cooperation between Ukraine and the Russian Federation")."""
    for span, rule in ((text.title, "party.title"), (text.preamble, "party.preamble")):
        found = with_members(_refs(span, ctx, rule), span, ctx)
        if len(_states(found)) > 2:  # "the Government of Denmark and the Home Government
            found = _pair_of(found, text, ctx) or found  # of the Faroe Islands": one side
        if len(_states(found)) >= 2:
            return found
    found = _dedupe(_refs(text.title, ctx, "party.title")
                    + _refs(text.preamble, ctx, "party.preamble")
                    + [p for s in text.sides for p in _side_states(s, ctx)])
    if len(_states(found)) == 1 and text.preamble is not None:
        found += _named_with(_states(found)[0], text, ctx)
    return found


def _side_states(side: SideSpan, ctx: DocContext) -> list[Party]:
    """The states a "For X" signs for: those its own words name, else those of its row
    (a row run together: "For the Government of the For the Government of A: B:")."""
    return (_states(_refs(side.own, ctx, "party.signature"))
            or _states(_refs(side.row, ctx, "party.signature")))


def _states(parties: list[Party]) -> list[Party]:
    return [p for p in parties if p.ref[0] == "country"]


def _pair_of(found: list[Party], text: AgreementText, ctx: DocContext) -> list[Party]:
    """Of more than two states the title or preamble names, the two a "between A and B"
    of the title or preamble names ("on free trade between Norway and the Faroe
    Islands"): a side that names two governments has one party."""
    doc = (text.title or text.preamble).doc
    start = (text.title or text.preamble).start
    named = {p.ref[1]: p for p in _states(found)}
    # the title's last "between" (what the agreement is about), then the preamble's
    title = list(reversed(text.title)) if text.title is not None else []
    rest = doc[text.title.end if text.title is not None else start:text.body[0]]
    for tok in [*title, *rest]:
        if tok.lower_ != "between":
            continue
        pair = {ctx.country_at[t.i] for t in _between(tok) if t.i in ctx.country_at}
        if len(pair) == 2 and pair <= set(named):
            return [named[iso] for iso in named if iso in pair]
    return []


def _between(tok) -> list:
    """What a "between" names: the words up to the next "between" or the end of the
    clause (the parse of a title in capitals cuts it short)."""
    out = []
    for t in tok.doc[tok.i + 1:tok.i + 40]:
        paragraph_end = "\n\n" in t.text_with_ws and bool(out) \
            and out[-1].lower_ not in ("and", "of", "the")  # not a title's broken line
        if t.lower_ == "between" or t.text in (";", ".", ":") or paragraph_end:
            break
        out.append(t)
    return out


def _named_with(party: Party, text: AgreementText, ctx: DocContext) -> list[Party]:
    """The one other state of a "between A and B" of the preamble that names ``party``."""
    doc = text.preamble.doc
    for tok in doc[text.preamble.start:text.body[0]]:
        if tok.lower_ != "between":
            continue
        named = [t.i for t in _between(tok) if t.i in ctx.country_at]
        others = {ctx.country_at[i] for i in named} - {party.ref[1]}
        if len(others) == 1 and party.ref[1] in {ctx.country_at[i] for i in named}:
            i = next(i for i in named if ctx.country_at[i] in others)
            return [Party(("country", ctx.country_at[i]), doc[i], "party.preamble")]
    return []


def _refs(span: Span | None, ctx: DocContext, rule: str) -> list[Party]:
    """The countries of ``span``, and the bodies that are not a state's; a state body
    ("the Government of Canada") is its state."""
    if span is None:
        return []
    out: list[Party] = []
    for tok in span:
        ref: Ref | None = None
        if tok.i in ctx.country_at:
            ref = ("country", ctx.country_at[tok.i])
        elif tok.i in ctx.org_at:
            ref = ctx.org_at[tok.i]
        if ref is not None and ref not in {p.ref for p in out}:
            out.append(Party(ref, tok, rule))
    states = [p for p in out if p.ref[0] == "country"]
    return states if len(states) >= 2 else out


def _dedupe(parties: list[Party]) -> list[Party]:
    seen: set = set()
    return [p for p in parties if not (p.ref in seen or seen.add(p.ref))]


# -- its stage and date -----------------------------------------------------------------
def text_stages(text: AgreementText) -> tuple[list[Fact], list[Fact]]:
    """The stages the structure reports (signed by the closing clause or witness formula;
    a dated header line) and their dates, each as (stage, date) facts."""
    stages: list[Fact] = []
    dates: list[Fact] = []
    signing = text.closing or text.witness
    if signing is not None:
        stages.append(Fact("signed", signing.start, "stage.closing"))
        if text.signed:
            dates.append(Fact(text.signed[0], text.signed[1].start, "date.closing"))
    for stage, iso, span in sorted(text.dates, key=lambda d: d[1]):
        stages.append(Fact(stage, span.start, "stage.header"))
        if stage != "signed" or not text.signed:
            dates.append(Fact(iso, span.start, "date.header"))
    return stages, dates


def furthest(stage_facts: list[Fact], lex: Lexicon) -> list[Fact]:
    if not stage_facts:
        return []
    top = max(lex.stages.index(f.value) for f in stage_facts)
    return [f for f in stage_facts if lex.stages.index(f.value) == top]


def date_of(stage: list[Fact], structural: list[Fact], dated: list[Fact]) -> list[Fact]:
    """The date of the furthest stage when the structure reports that stage: the latest
    of its dates (entry into force follows a ratification)."""
    mine = {f.at for f in stage if f.rule in ("stage.closing", "stage.header")}
    if not mine:
        return []
    of_stage = [d for d in dated if d.at in mine or d.rule == "date.closing"
                and any(f.rule == "stage.closing" for f in stage)]
    return [max(of_stage, key=lambda d: d.value)] if of_stage else []


# -- the whole description --------------------------------------------------------------
def own_description(cl: Cluster, info: AgreementInfo, text: AgreementText, ctx: DocContext,
                    lex: Lexicon, taken: set[str]) -> AgreementInfo:
    """``info`` as the text's own agreement: the stage and date of its structure where
    they go further, its title as label (named: it is the same agreement wherever that
    title is found), its signatories."""
    structural, dated = text_stages(text)
    stage = furthest(info.stages + structural, lex)
    when = date_of(stage, structural, dated)
    if not when and not {f.at for f in stage} & {f.at for f in structural}:
        when = info.dates
    label = unique_label(text.label or _composed(text, cl.parties), taken)
    shown = [Fact(True, span.start, rule) for span, rule in text.evidence] or [
        Fact(True, cl.first.head.i, "text.articles")]
    return replace(info, label=label, named=text.label is not None, stages=stage,
                   dates=when, text_of=shown, signatories=signatories(text, cl.parties, ctx))


def _composed(text: AgreementText, parties: list[Party]) -> str:
    """A text without a title: its kind and its parties ("Agreement between Turkey and
    Georgia")."""
    names = [country_name(p.ref[1]) or p.ref[1] if p.ref[0] == "country" else p.ref[1]
             for p in parties]
    kind = text.kind.capitalize()
    if len(names) < 2:
        return kind
    return f"{kind} between {', '.join(names[:-1])} and {names[-1]}"
