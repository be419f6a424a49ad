"""Docs built by hand, as spaCy's own tests build them: the words with the tags, heads,
dependency labels and entities a parser would give, so a rule is tested on exactly the
analysis it is written for, without the statistical model. A rule's test then fails only
when the rule is wrong, not when the model reads a sentence differently.

The annotations of a sentence were taken once from the model and written out here; the
sentences are written for the tests."""

from __future__ import annotations

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

NO_SPACE_BEFORE = {".", ",", ":", ";", "?", "!", ")", "'s", "’s", "n't"}


def doc(vocab: Vocab, words: list[str], *, heads: list[int] | None = None,
        deps: list[str] | None = None, tags: list[str] | None = None,
        pos: list[str] | None = None, lemmas: list[str] | None = None,
        ents: list[str] | None = None, spaces: list[bool] | None = None,
        sent_starts: list[bool] | None = None,
        spans: dict[str, list[tuple[int, int, str]]] | None = None) -> Doc:
    """A Doc of ``words`` (heads are token indices, ents IOB tags such as "B-GPE").
    Without ``spaces`` a word is followed by a space unless punctuation follows it or it
    is "(" or a line break. ``spans`` adds span groups: key -> [(start, end, label)]."""
    if spaces is None:
        spaces = [not (w == "(" or w.isspace() or nxt in NO_SPACE_BEFORE or nxt.isspace())
                  for w, nxt in zip(words, [*words[1:], ""])]
        spaces[-1] = False
    made = Doc(vocab, words=words, spaces=spaces, heads=heads, deps=deps, tags=tags, pos=pos,
               lemmas=lemmas or ([w.lower() for w in words] if tags else None), ents=ents,
               sent_starts=sent_starts)
    for key, found in (spans or {}).items():
        made.spans[key] = [Span(made, start, end, label=label) for start, end, label in found]
    return made


# "Foreign Minister Aiko Tanaka of Japan met Lars Berg, Norway's trade minister, in Oslo.
# Tanaka said the talks went well." as the model analyses it, with the countries found.
MEETING = dict(
    words=["Foreign", "Minister", "Aiko", "Tanaka", "of", "Japan", "met", "Lars", "Berg", ",",
           "Norway", "'s", "trade", "minister", ",", "in", "Oslo", ".", "Tanaka", "said", "the",
           "talks", "went", "well", "."],
    tags=["NNP", "NNP", "NNP", "NNP", "IN", "NNP", "VBD", "NNP", "NNP", ",", "NNP", "POS", "NN",
          "NN", ",", "IN", "NNP", ".", "NNP", "VBD", "DT", "NNS", "VBD", "RB", "."],
    pos=["PROPN", "PROPN", "PROPN", "PROPN", "ADP", "PROPN", "VERB", "PROPN", "PROPN", "PUNCT",
         "PROPN", "PART", "NOUN", "NOUN", "PUNCT", "ADP", "PROPN", "PUNCT", "PROPN", "VERB", "DET",
         "NOUN", "VERB", "ADV", "PUNCT"],
    deps=["compound", "compound", "compound", "nsubj", "prep", "pobj", "ROOT", "compound", "dobj",
          "punct", "poss", "case", "compound", "appos", "punct", "prep", "pobj", "punct", "nsubj",
          "ROOT", "det", "nsubj", "ccomp", "advmod", "punct"],
    heads=[1, 3, 3, 6, 3, 4, 6, 8, 6, 8, 13, 10, 13, 8, 13, 13, 15, 6, 19, 19, 21, 22, 19, 22, 19],
    lemmas=["Foreign", "Minister", "Aiko", "Tanaka", "of", "Japan", "meet", "Lars", "Berg", ",",
            "Norway", "'s", "trade", "minister", ",", "in", "Oslo", ".", "Tanaka", "say", "the",
            "talk", "go", "well", "."],
    ents=["O", "O", "B-PERSON", "I-PERSON", "O", "B-GPE", "O", "B-PERSON", "I-PERSON", "O",
          "B-GPE", "O", "O", "O", "O", "O", "B-GPE", "O", "B-PERSON", "O", "O", "O", "O", "O", "O"],
    spans={"pkg_countries": [(5, 6, "JP"), (10, 11, "NO"), (16, 17, "NO")]},
)
