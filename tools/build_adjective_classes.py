"""Regenerate ``kg/nlp/data/lexicons/adjective_classes.v1.json`` from Princeton WordNet 3.0.

Run from the repository root:  python tools/build_adjective_classes.py [--wordnet DIR]

WordNet files the relational adjectives, those that mean "of or relating to" a noun
("political": of politics, "military", "presidential", "nuclear"), in the lexicographer
file adj.pert, and the descriptive ones ("new", "beloved", "young", "far-right") in
adj.all. The office rules ask one question of a lower-case adjective before an office's
head word: does it name the office's field ("political leader", "military official"), or
only describe its holder? The lexicon lists, lower case with spaces between words, every
adjective lemma with a sense in adj.pert (``relational``).

The input is the Debian package wordnet-base, as for tools/build_noun_classes.py, whose
licence notice the output's ``about`` carries. Same input, same bytes.
"""

from __future__ import annotations

from pathlib import Path

from build_noun_classes import (WORDNET_LICENCE, lemma_of, wordnet_arguments, wordnet_lines,
                                write_lexicon)

PERT_FILE = 1  # adj.pert in WordNet's numbering (lexnames(5WN))
OUT = Path(__file__).parents[1] / "kg" / "nlp" / "data" / "lexicons" / \
    "adjective_classes.v1.json"
ABOUT = ("English relational adjectives by their WordNet senses, for the office rules "
         "(kg.nlp.persons.titles): an adjective of this list before an office's head names "
         "its field ('political leader'). Built by tools/build_adjective_classes.py from "
         "WordNet 3.0 (Debian package wordnet-base). " + WORDNET_LICENCE)
NOTES = {"relational": "Adjective lemmas with a sense in adj.pert: 'of or relating to' a noun."}


def relational(wordnet: Path) -> list[str]:
    """Adjective lemmas with a sense in adj.pert; a marker such as "(a)" is no part of
    the lemma."""
    found = set()
    for line in wordnet_lines(wordnet / "data.adj"):
        fields = line.split()
        if int(fields[1]) == PERT_FILE:
            found.update(lemma_of(form.split("(")[0])
                         for form in fields[4:4 + 2 * int(fields[3], 16):2])
    return sorted(found)


def main() -> None:
    args = wordnet_arguments(__doc__, "data.adj", OUT)
    write_lexicon(args.out, {"about": ABOUT, "notes": NOTES, "relational": relational(args.wordnet)})


if __name__ == "__main__":
    main()
