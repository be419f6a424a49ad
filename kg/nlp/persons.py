"""Person mentions in ``doc.spans["pkg_persons"]``. Baseline: NER PERSON entities."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

SPAN_KEY = "pkg_persons"


@Language.factory("policykg_persons")
def make_person_finder(nlp: Language, name: str) -> "PersonFinder":
    return PersonFinder()


class PersonFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc.spans[SPAN_KEY] = [e for e in doc.ents if e.label_ == "PERSON"]
        return doc
