"""Agreements in ``doc.spans["pkg_agreements"]``: one group of mentions per agreement.

Steps (the rules live in ``kg.nlp.agreement_mentions`` (1), ``kg.nlp.agreement_actions``
(2), ``kg.nlp.agreement_coref`` (3, 4), ``kg.nlp.agreement_parties`` with
``kg.nlp.agreement_context`` (parties) and ``kg.nlp.agreement_facts`` (duration, money,
label)):

1. mentions: noun phrases headed by an agreement word ("five-year arrangement",
   "Treaty of Shimoda", "MoU"), acronyms the text defines for them ("the INF"), and "it"
   where the clause is about an agreement ("Signed in 1972, it was in force ...");
2. what the text reports done to each mention (signed, negotiating, withdrawn ...): the
   governing verb or nominalisation ("withdrew from the treaty", "signing of the deal",
   "agreements reached by both sides", "was inked");
3. coreference: named mentions by name, definite ones ("the deal") to the latest
   agreement, indefinite ones only when nothing tells them apart;
4. only agreements with something done to them are kept (not "under the 2008 Strategic
   Framework Agreement"), with parties, duration, money and status per agreement.

Every mention span gets ``span._.pkg_agreement`` (the agreement's index in the document);
the first mention of each agreement also carries ``span._.pkg_agreement_info``, a plain
dict read by ``kg.extract.agreements``.
"""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.nlp.agreement_coref import cluster, describe, is_reported
from kg.nlp.agreement_mentions import Lexicon, find_mentions

SPAN_KEY = "pkg_agreements"


@spacy.registry.misc("policykg.agreement_words.v1")
def agreement_words() -> dict:
    """Lexicons for agreements: head words, verbs and nouns of action, context cues."""
    return {
        "heads": ["agreement", "arrangement", "treaty", "accord", "accords", "pact",
                  "convention", "protocol", "memorandum", "mou", "deal", "compact",
                  "concordat", "armistice", "truce", "ceasefire"],
        # Too common in other senses: agreement heads only in a proper name or after a
        # verb of agreeing ("agreed to a framework", "reached an understanding").
        "weak_heads": ["framework", "understanding", "partnership", "declaration",
                       "charter"],
        # A state of affairs as much as an agreement: "the implementation of the
        # ceasefire" says nothing was agreed; an agreement only when signed or agreed.
        "signed_only_heads": ["ceasefire", "truce"],
        "actions": {
            "sign": "signed", "ink": "signed", "seal": "signed", "conclude": "signed",
            "reach": "signed", "strike": "signed", "clinch": "signed", "agree": "signed",
            "finalize": "signed", "finalise": "signed", "initial": "signed",
            "announce": "signed", "accept": "signed", "enter": "signed", "join": "signed",
            "negotiate": "negotiating", "draft": "negotiating", "prepare": "negotiating",
            "discuss": "negotiating", "propose": "planned", "plan": "planned",
            "defer": "planned", "postpone": "planned", "seek": "planned",
            "ratify": "ratified", "approve": "ratified", "adopt": "ratified",
            "implement": "implemented", "enforce": "implemented", "uphold": "implemented",
            "renew": "renewed", "extend": "renewed", "relaunch": "renewed",
            "modernize": "renewed", "modernise": "renewed", "update": "renewed",
            "amend": "renewed", "revise": "renewed", "continue": "renewed",
            "withdraw": "withdrawn", "terminate": "withdrawn", "abandon": "withdrawn",
            "scrap": "withdrawn", "exit": "withdrawn", "quit": "withdrawn",
            "suspend": "withdrawn", "launch": "signed", "unveil": "signed",
            "expire": "in force", "issue": "signed",
        },
        "nominals": {
            "signing": "signed", "signature": "signed", "conclusion": "signed",
            "ratification": "ratified", "negotiation": "negotiating", "talk": "negotiating",
            "discussion": "negotiating", "renewal": "renewed", "extension": "renewed",
            "modernization": "renewed",
            "implementation": "implemented", "withdrawal": "withdrawn",
            "termination": "withdrawn", "adoption": "ratified", "approval": "ratified",
            "introduction": "in force", "entry": "in force", "expiry": "in force",
            "expiration": "in force", "launch": "signed", "draft": "negotiating",
            "instrument": "ratified", "accession": "signed",
        },
        # Cited as a basis or goal, not acted on: "under the 2008 Framework Agreement".
        "basis_preps": ["under", "through", "per", "pursuant", "according", "within",
                        "via", "by"],
        "basis_nouns": ["goal", "provision", "term", "principle", "spirit", "article",
                        "framework", "basis", "importance", "letter", "chapter", "annex",
                        "blow", "violation", "party", "signatory", "member"],
        "distinct": ["other", "similar", "additional", "separate", "second", "further",
                     "previous", "earlier", "subsequent", "different"],
        "contrast": [["new", "fresh"], ["current", "existing", "old", "previous", "original",
                                        "ongoing", "earlier", "present"]],
        "collective": ["countries", "sides", "nations", "governments", "parties",
                       "leaders", "states", "neighbours", "neighbors", "allies"],
        "quantity": ["number", "series", "set", "range", "pair", "host", "package",
                     "raft", "slew", "couple", "network"],
        "combining_forms": {"anglo": "GB", "franco": "FR", "sino": "CN", "russo": "RU",
                            "indo": "IN", "italo": "IT", "greco": "GR", "turco": "TR",
                            "nippo": "JP", "hispano": "ES", "luso": "PT", "austro": "AT",
                            "germano": "DE", "polish": "PL"},
    }


@Language.factory("policykg_agreements",
                  default_config={"words": {"@misc": "policykg.agreement_words.v1"}})
def make_agreement_finder(nlp: Language, name: str, words: dict) -> "AgreementFinder":
    for attr in ("pkg_agreement", "pkg_agreement_info"):
        if not Span.has_extension(attr):
            Span.set_extension(attr, default=None)
    return AgreementFinder(Lexicon(words))


class AgreementFinder:
    def __init__(self, lexicon: "Lexicon") -> None:
        self.lex = lexicon

    def __call__(self, doc: Doc) -> Doc:
        mentions = find_mentions(doc, self.lex)
        clusters = cluster(doc, mentions, self.lex)
        spans = []
        labels: set[str] = set()
        for index, cl in enumerate(c for c in clusters if is_reported(c, self.lex)):
            info = describe(doc, cl, self.lex, clusters)
            # Unnamed agreements get their IRI from the label: two must not share one.
            base, n = info["label"], 2
            while info["label"].lower() in labels:
                info["label"], n = f"{base} ({n})", n + 1
            labels.add(info["label"].lower())
            for k, m in enumerate(cl.mentions):
                span = Span(doc, m.span.start, m.span.end, label="AGREEMENT")
                span._.pkg_agreement = index
                if k == 0:
                    span._.pkg_agreement_info = info
                spans.append(span)
        doc.spans[SPAN_KEY] = spans
        for key in ("pkg_agreement_context", "pkg_agreement_spans",
                    "pkg_agreement_paragraphs"):
            doc.user_data.pop(key, None)  # scratch, not for serialisation
        return doc
