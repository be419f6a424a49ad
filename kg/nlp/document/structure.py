"""The document-structure component: section headings, and whether the document is
itself the text of an agreement.

``doc.spans[layout_key]`` holds the spans of the layout that name nothing: heading lines
("ARTICLE 20" / "General Exceptions", label ``HEADING``), references to parts of a text
("Articles XIV and XX", "Annex I", label ``SECTION``) and, in the text of an
agreement, the roles it gives its parties ("each Party", "the Contracting Parties",
label ``PARTY_TERM``; "Contracting Party" is one in any text). The person and
organization components take no name from them.

``doc._.pkg_agreement_text`` is an ``AgreementText`` when the document is the text of an
agreement (a treaty, protocol or memorandum as signed), else None. That is read from the
text's own structure, whatever its case or layout: numbered articles, a preamble
formula ("have agreed as follows"), a closing clause ("IN WITNESS WHEREOF ... DONE at
..."), a title naming the instrument, the text calling itself "this Agreement". The
agreement component reads it: the document's own agreement, its parties, its signing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.core.constants import AGREEMENT_TEXT, LAYOUT_SPANS
from kg.nlp.document import closing as end
from kg.nlp.document import layout
from kg.nlp.document import signature as sig
from kg.nlp.document.headings import HEADING, PARTY_TERM, SECTION

LAYOUT_KEY = LAYOUT_SPANS
# At least this many numbered articles make a text of provisions.
_MIN_ARTICLES = 3
# A text that calls itself "this Agreement" this often is about itself.
_MIN_SELF_REFERENCES = 3
# The sentence that names the parties: this many tokens at most.
_PREAMBLE_TOKENS = 80


@dataclass
class AgreementText:
    """What makes a document the text of an agreement, as token spans of the Doc."""

    kind: str  # the kind word it calls itself by: "agreement", "treaty" ...
    label: str | None  # its title, readable
    title: Span | None
    preamble: Span | None  # the sentence that names the parties
    formula: Span | None  # "have agreed as follows"
    body: tuple[int, int]  # token range of its provisions (the articles)
    closing: Span | None  # "DONE at ... on ..."
    witness: Span | None  # "IN WITNESS WHEREOF ... have signed"
    signed: tuple[str, Span] | None = None  # the closing clause's date and its span
    dates: list[tuple[str, str, Span]] = field(default_factory=list)  # (stage, ISO, line)
    signature: Span | None = None  # the signature block
    sides: list[sig.SideSpan] = field(default_factory=list)  # its "For X"
    signers: list[sig.SignerSpan] = field(default_factory=list)  # its names, with roles
    headings: list[Span] = field(default_factory=list)  # "ARTICLE 22 / Termination"

    @property
    def evidence(self) -> list[tuple[Span, str]]:
        """The passages that show the document is the agreement's text, with the rule
        each shows it by."""
        parts = ((self.title, "text.title"), (self.formula, "text.formula"),
                 (self.witness, "text.witness"), (self.closing, "text.closing"))
        return [(s, rule) for s, rule in parts if s is not None]


@Language.factory("policykg_structure", default_config={"layout_key": LAYOUT_KEY},
                  assigns=["doc.spans", f"doc._.{AGREEMENT_TEXT}"])
def make_structure_reader(nlp: Language, name: str, layout_key: str) -> "StructureReader":
    if not Doc.has_extension(AGREEMENT_TEXT):
        Doc.set_extension(AGREEMENT_TEXT, default=None)
    return StructureReader(layout_key)


class StructureReader:
    """Annotates headings and the structure of an agreement's text (module docstring)."""

    def __init__(self, layout_key: str) -> None:
        self.layout_key = layout_key

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        heads = layout.headings(text)
        spans = [s for s in (_span(doc, h.start, h.end, HEADING) for h in heads) if s]
        found = read_agreement_text(doc, heads)
        if found is not None:
            found.headings = list(spans)
        setattr(doc._, AGREEMENT_TEXT, found)
        spans += [_span(doc, a, b, SECTION) for a, b in layout.section_references(text)]
        spans += _party_terms(doc, every=found is not None)
        doc.spans[self.layout_key] = sorted(s for s in spans if s is not None)
        return doc


def read_agreement_text(doc: Doc, heads: list[layout.Heading]) -> AgreementText | None:
    """The structure of ``doc`` as the text of an agreement, or None when it is not one."""
    text = doc.text
    articles = [h for h in heads if h.word in layout.patterns().words.article_words]
    top = layout.head(text, heads)
    title = layout.title_range(text, top.end)
    body_start = articles[0].start if articles else top.end
    closing, witness = end.closing(text, body_start)
    formula = layout.formula(text, body_start if articles else len(text))
    selves = layout.self_references(text)
    signs = sum([len(articles) >= _MIN_ARTICLES, formula is not None,
                 closing is not None or witness is not None, title is not None,
                 sum(selves.values()) >= _MIN_SELF_REFERENCES])
    if signs < 3 and not (len(articles) >= _MIN_ARTICLES and signs == 2):
        return None
    body_end = min(x for x in (closing.start if closing else len(text),
                               witness[0] if witness else len(text)))
    title_text = text[title[0]:title[1]] if title else ""
    kind = _kind(title_text, selves)
    found = AgreementText(
        kind=kind, label=layout.readable(title_text, layout.text_words(text)) if title else None,
        title=_span(doc, *title) if title else None,
        preamble=_span(doc, *layout.preamble_range(text, top.preamble, body_start))
        if top.preamble is not None and top.preamble < body_start else None,
        formula=_span(doc, *formula) if formula else None,
        body=(_token(doc, body_start), _token(doc, body_end)),
        closing=_span(doc, closing.start, closing.end) if closing else None,
        witness=_span(doc, *witness) if witness else None)
    _dates(doc, found, closing, top.end)
    after = closing.end if closing else (witness[1] if witness else len(text))
    block = sig.signature_block(text, after, next((h.start for h in heads if h.start > after),
                                                  None))
    if block is not None:
        found.signature = _span(doc, block.start, block.end)
        found.sides, found.signers = sig.as_spans(doc, block)
    return found


def _kind(title: str, selves: dict[str, int]) -> str:
    """The kind word of the title ("TREATY OF TRADE" -> treaty), else the one the text
    calls itself by most."""
    m = layout.patterns().kind.search(title)
    if m:
        return m.group(1).lower()
    return max(selves, key=selves.get) if selves else "agreement"


def _dates(doc: Doc, found: AgreementText, closing: end.Closing | None, top: int) -> None:
    """The closing clause's date; dated header lines; a closing date without its year
    takes the year of a header line of that month and day."""
    lines = end.date_lines(doc.text, top)
    found.dates = [(x.stage, x.date, _span(doc, x.start, x.end)) for x in lines]
    if closing is None:
        return
    if closing.date:
        found.signed = (closing.date, _span(doc, *closing.date_at))
    elif closing.partial:
        month, day = closing.partial
        same = [x for x in lines if x.date.endswith(f"-{month:02d}-{day:02d}")]
        if same:
            found.signed = (same[0].date, found.closing)


def _party_terms(doc: Doc, every: bool) -> list[Span]:
    """"each Party", "the Contracting Parties", "either Side": in the text of an agreement
    the roles it gives its parties; in any text "Contracting Party"."""
    w = layout.patterns().words
    out = []
    for tok in doc:
        if tok.lower_ not in w.party_terms or not tok.text[:1].isupper():
            continue
        start = tok.i
        while start > 0 and doc[start - 1].lower_ in w.party_term_modifiers:
            start -= 1
        if every or any(t.lower_ == "contracting" for t in doc[start:tok.i]):
            out.append(Span(doc, start, tok.i + 1, label=PARTY_TERM))
    return out


def _token(doc: Doc, char: int) -> int:
    """The index of the token at or after character ``char``."""
    span = doc.char_span(char, min(len(doc.text), char + 1), alignment_mode="expand")
    if span is not None:
        return span.start
    return next((t.i for t in doc if t.idx >= char), len(doc))


def _span(doc: Doc, start: int, stop: int, label: str = "") -> Span | None:
    span = doc.char_span(start, stop, label=label, alignment_mode="expand")
    return span if span is not None and len(span) else None
