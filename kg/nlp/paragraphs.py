"""Paragraph breaks as hard sentence boundaries, set before the parser runs.

The parser otherwise glues a headline without final punctuation ("Venezuela and China
sign oil deal") to the first sentence below it, and every fact read from that sentence
then has the wrong clause structure. ``kg.clean`` has already joined lines broken in the
middle of a sentence, so a blank line that remains is a real break.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("policykg_paragraphs")
def make_paragraph_splitter(nlp: Language, name: str) -> "ParagraphSplitter":
    return ParagraphSplitter()


class ParagraphSplitter:
    def __call__(self, doc: Doc) -> Doc:
        for token in doc[:-1]:
            if token.is_space and "\n\n" in token.text:
                doc[token.i + 1].is_sent_start = True
        return doc
