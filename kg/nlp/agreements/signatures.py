"""Who signed an agreement's text, for whom: the names of its signature block (read by
``kg.nlp.document.signature``, persons by ``kg.nlp.persons``) paired with the "For X"
they sign under.

- A "For X" signs for the state it names, when that state is a party of the agreement.
  A row of introductions run together names its states in its columns' order ("FOR THE
  GOVERNMENT OF FOR THE GOVERNMENT OF / MALAYSIA ... CHILE"): when none of them names
  one of its own (or one names several), the row's states go to them in order, if there
  are as many; when some name one and the others none, the others take the states left,
  in order. Where the row leaves it open which is whose, none signs for anyone.
- Names all after (or all before) the introductions, as many as they, go with them in
  order ("For A  For B" over "NAME  NAME"); otherwise each name goes with the row of
  introductions above it: the only one, or the one of its column when the name's line
  holds as many names.
"""

from __future__ import annotations

from spacy.tokens import Span

from kg.core.constants import PERSON_SPANS
from kg.nlp.agreements.types import DocContext, Fact, Party, Ref
from kg.nlp.document.signature import SideSpan, SignerSpan
from kg.nlp.document.structure import AgreementText


def states_in(span: Span | None, ctx: DocContext) -> list[str]:
    """The states ``span`` names, each once, in order."""
    out: list[str] = []
    for tok in span if span is not None else []:
        iso = ctx.country_at.get(tok.i)
        if iso and iso not in out:
            out.append(iso)
    return out


def sides(text: AgreementText, ctx: DocContext, known: set[str]) -> list[tuple[SideSpan, str]]:
    """Each "For X" of the block with the party it signs for (module docstring)."""
    rows: dict[int, list[SideSpan]] = {}
    for side in text.sides:
        rows.setdefault(side.line, []).append(side)
    out = []
    for row in rows.values():
        own = [[s for s in states_in(side.own, ctx) if s in known] for side in row]
        in_row = [s for s in states_in(row[0].row, ctx) if s in known]
        if all(len(o) == 1 for o in own):
            out += [(side, o[0]) for side, o in zip(row, own)]
        elif len(row) > 1 and len(in_row) == len(row):
            out += _in_order(row, own, in_row)
        elif len(row) == 1 and own[0]:
            out.append((row[0], own[0][0]))
    return out


def _in_order(row: list[SideSpan], own: list[list[str]], in_row: list[str]
              ) -> list[tuple[SideSpan, str]]:
    """A row of introductions run together: its states in order, or, where some name one
    of their own and the others none, the others the states left, in order ("For the
    Government of the For the Government of A: Republic of B:")."""
    if not any(own) or any(len(o) > 1 for o in own):
        return list(zip(row, in_row))
    left = [s for s in in_row if s not in {o[0] for o in own if o}]
    if len(left) != sum(1 for o in own if not o):
        return []
    rest = iter(left)
    return [(side, o[0] if o else next(rest)) for side, o in zip(row, own)]


def signatories(text: AgreementText, parties: list[Party], ctx: DocContext) -> list[Fact]:
    """The persons of the signature block, each with the party they sign for."""
    if text.signature is None or not text.signers:
        return []
    known = {p.ref[1] for p in parties if p.ref[0] == "country"}
    signed = sides(text, ctx, known)
    people = {s.start: s for s in text.signature.doc.spans.get(PERSON_SPANS, [])}
    out, seen = [], set()
    for signer, iso in _paired(text.signers, signed):
        person = people.get(signer.name.start)
        name = person._.pkg_person if person is not None else None
        if name and name not in seen:
            seen.add(name)
            ref: Ref = ("country", iso)
            out.append(Fact((name, ref), signer.name.start, "signatory.block"))
    return out


def _paired(signers: list[SignerSpan], signed: list[tuple[SideSpan, str]]
            ) -> list[tuple[SignerSpan, str]]:
    if not signed:
        return []
    first, last = signed[0][0].row.start, signed[-1][0].row.end
    if len(signers) == len(signed) and (all(s.name.start >= last for s in signers)
                                        or all(s.name.end <= first for s in signers)):
        return [(s, iso) for s, (_, iso) in zip(signers, signed)]
    out = []
    for s in signers:
        above = [(side, iso) for side, iso in signed if side.row.end <= s.name.start]
        if not above:
            continue
        row = [(side, iso) for side, iso in above if side.line == above[-1][0].line]
        if row[0][0].columns == 1:
            out.append((s, row[0][1]))
        elif s.columns == row[0][0].columns:
            out += [(s, iso) for side, iso in row if side.column == s.column]
    return out
