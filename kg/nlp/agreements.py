"""Agreement mentions in ``doc.spans["pkg_agreements"]``.

Baseline: the noun chunk headed by an agreement word.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

SPAN_KEY = "pkg_agreements"
AGREEMENT_WORDS = {"agreement", "arrangement", "treaty", "accord", "accords", "pact", "deal"}


@Language.factory("policykg_agreements")
def make_agreement_finder(nlp: Language, name: str) -> "AgreementFinder":
    return AgreementFinder()


class AgreementFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc.spans[SPAN_KEY] = [nc for nc in doc.noun_chunks
                               if nc.root.lower_ in AGREEMENT_WORDS]
        return doc
