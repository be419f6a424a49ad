"""Country mentions as spans in ``doc.spans["pkg_countries"]``, each labelled with its ISO code.

Baseline: GPE/NORP entities resolved with pycountry. (To be replaced by a gazetteer.)
"""

from __future__ import annotations

import pycountry
from spacy.language import Language
from spacy.tokens import Doc, Span

SPAN_KEY = "pkg_countries"


@Language.factory("policykg_countries")
def make_country_finder(nlp: Language, name: str) -> "CountryFinder":
    return CountryFinder()


class CountryFinder:
    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for ent in doc.ents:
            if ent.label_ != "GPE":
                continue
            try:
                iso = pycountry.countries.lookup(ent.text.removeprefix("the ")).alpha_2
            except LookupError:
                continue
            spans.append(Span(doc, ent.start, ent.end, label=iso))
        doc.spans[SPAN_KEY] = spans
        return doc
