"""The agreement component: its steps, by name and in order (``find_agreements``).

Every mention span in ``doc.spans["pkg_agreements"]`` gets ``span._.pkg_agreement`` (the
agreement's index in the document); the first mention of each agreement also carries
``span._.pkg_agreement_info`` (an ``AgreementInfo``) that ``kg.extract.agreements`` reads.
Each fact in it names the rule that read it (``kg.nlp.agreements.rules``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.core.constants import (AGREEMENT_INDEX, AGREEMENT_INFO, AGREEMENT_SPANS, DATE_ISO,
                               DOC_PUBLISHED, PERSON_COUNTRY, PERSON_NAME)
from kg.nlp.agreements.actions import actions, cited, document_itself
from kg.nlp.agreements.context import build_context
from kg.nlp.agreements.coref import cluster
from kg.nlp.agreements.label import edition_labels, label_of, unique_label
from kg.nlp.agreements.mentions import find_mentions
from kg.nlp.agreements.choice import choose_parties
from kg.nlp.agreements.parties import mention_parties
from kg.nlp.agreements.reported import not_reported
from kg.nlp.agreements.stage import dates, stages
from kg.nlp.agreements.succession import succession
from kg.nlp.agreements.terms import mention_terms, terms
from kg.nlp.agreements.text import (cited_provisions, mark_own, own_description,
                                   provisions_only, text_of, text_parties)
from kg.nlp.agreements.types import AgreementInfo, Cluster, Fact, Lexicon, Trace
from kg.nlp.document.headings import HEADING, layout_tokens
from kg.nlp.lexicons import common_words  # also registers policykg.agreement_words.v3

def find_agreements(doc: Doc, lex: Lexicon,
                    trace: Trace | None = None) -> list[tuple[Cluster, AgreementInfo]]:
    """The agreements ``doc`` reports, each with its mentions and description; with a
    ``trace``, also what each step considered and left out."""
    text = text_of(doc)  # the agreement the document is the text of, if it is one
    mentions = find_mentions(doc, lex)                                # 1. mentions
    if text is not None:
        mentions = mark_own(mentions, text)                           #    its own
    ctx = build_context(doc, mentions, lex, text)
    headings = layout_tokens(doc, (HEADING,))  # a heading reports nothing done
    for m in mentions:
        m.actions = [] if m.head.i in headings else (
            actions(m, lex) + succession(m, lex) or document_itself(m, ctx, lex)
            or cited(m, ctx))                                         # 2. actions, then
    for m in mentions:                                                #    what is said
        m.parties = mention_parties(m, ctx, lex)                      #    around each:
        m.quantities = mention_terms(m, lex)                          #    parties, terms
    clusters = cluster(mentions, ctx, lex)                            # 3. coreference
    own = next((c for c in clusters if c.first.own), None)
    if own is not None:
        provisions_only(own, text)  # what its articles provide: no stage
    if text is not None:
        cited_provisions(clusters, own, text, lex)  # nor of the agreements they cite
    for c in clusters:
        why_not = None if c is own else not_reported(c, lex)          # 4. reported filter
        c.reported = why_not is None
        if trace is not None and why_not:
            trace.reject(c, "agreement", c.first.head.i, why_not)
    for c in clusters:  # all: the money rules tell an agreement from the unreported ones
        c.parties = text_parties(text, ctx) if c is own else choose_parties(
            c, ctx, lex, trace, clusters)                             # 5. parties
    found: list[tuple[Cluster, AgreementInfo]] = []
    taken: set[str] = set()
    labels = edition_labels([c for c in clusters if c.reported], lex, ctx.title)
    for c in (c for c in clusters if c.reported):
        stage = stages(c, ctx, lex, trace)                            # 6. stage,
        when = dates(c, stage, ctx, doc, trace)                       #    its date
        durations, values = terms(c, clusters, ctx, lex, trace)       # 7. duration, money
        label = unique_label(labels[id(c)], taken)                   # 8. label
        parties = [Fact(p.ref, p.token.i, p.rule) for p in c.parties]
        info = AgreementInfo(label, any(m.named for m in c.mentions), parties, stage, when,
                             durations, values)
        if c is own:
            info = own_description(c, info, text, ctx, lex, taken)
        if trace is not None:
            trace.labels[id(c)] = info.label
        found.append((c, info))
    if trace is not None:
        trace.clusters = clusters
        for c in clusters:
            trace.labels.setdefault(id(c), label_of(c, lex, ctx.title))
    return found


@Language.factory("policykg_agreements",
                  requires=["doc.spans", f"span._.{DATE_ISO}", f"doc._.{DOC_PUBLISHED}",
                            f"span._.{PERSON_NAME}", f"span._.{PERSON_COUNTRY}"],
                  assigns=["doc.spans", f"span._.{AGREEMENT_INDEX}", f"span._.{AGREEMENT_INFO}"],
                  default_config={"words": {"@misc": "policykg.agreement_words.v3"},
                                  "nominals": {"@misc": "policykg.agreement_nominal_words.v1"},
                                  "guesses": {"@misc": "policykg.guess_words.v1"},
                                  "noun_classes": {"@misc": "policykg.noun_class_words.v1"},
                                  "verb_classes": {"@misc": "policykg.verb_class_words.v1"},
                                  "spans_key": AGREEMENT_SPANS})
def make_agreement_finder(nlp: Language, name: str, words: dict, nominals: dict,
                          guesses: dict, noun_classes: dict, verb_classes: dict,
                          spans_key: str) -> "AgreementFinder":
    for attr in (AGREEMENT_INDEX, AGREEMENT_INFO):
        if not Span.has_extension(attr):
            Span.set_extension(attr, default=None)
    classes = {"guesses": guesses, "noun_classes": noun_classes, "verb_classes": verb_classes}
    lex = Lexicon.from_words(words, common_words(), nominals, classes=classes)
    return AgreementFinder(lex, spans_key)


class AgreementFinder:
    """Annotates the agreements of a document (see the module docstring)."""

    def __init__(self, lexicon: Lexicon, spans_key: str = AGREEMENT_SPANS) -> None:
        self.lex = lexicon
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for index, (c, info) in enumerate(find_agreements(doc, self.lex)):
            for k, m in enumerate(c.mentions):
                span = Span(doc, m.span.start, m.span.end, label="AGREEMENT")
                span._.pkg_agreement = index
                if k == 0:
                    span._.pkg_agreement_info = info
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc
