"""Organization mentions in ``doc.spans["pkg_organizations"]``. Baseline: NER ORG entities."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

SPAN_KEY = "pkg_organizations"


@Language.factory("policykg_organizations")
def make_organization_finder(nlp: Language, name: str) -> "OrganizationFinder":
    return OrganizationFinder()


class OrganizationFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc.spans[SPAN_KEY] = [e for e in doc.ents if e.label_ == "ORG"]
        return doc
