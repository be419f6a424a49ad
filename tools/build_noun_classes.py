"""Regenerate ``kg/nlp/data/lexicons/noun_classes.v1.json`` from Princeton WordNet 3.0.

Run from the repository root:  python tools/build_noun_classes.py [--wordnet DIR]

WordNet files each noun sense in one lexicographer file ("noun.group", "noun.artifact",
"noun.location", ...). The organization rules ask one question of a name's head noun: can
it name a body of people? The lexicon sorts every noun lemma WordNet holds (one word or
several, lower case, spaces between words) by the files its senses are in:

- ``group``: some sense is in noun.group ("council", "fleet", "party", "industry");
- ``person``: some sense in noun.person, none in noun.group ("democrat", "napoleon");
- ``location``: some sense in noun.location, none in the two above ("guayaquil",
  "capitol hill", "continent");
- ``other``: none of the three ("kilogram", "missile", "offering", "oval office");
- ``places``: common nouns whose first (most frequent) sense is in noun.location
  ("town", "locality", "region"): "the town of X" makes X a place;
- ``people``: common nouns whose first sense is in noun.person ("administrator",
  "highness"; not "watch", a timepiece first);
- ``objects``: common nouns whose first sense is in noun.artifact, noun.substance or
  noun.object ("launcher", "fuel", "reef") and is no structure or facility ("plant",
  "office", "headquarters": where a body is): made things, stuff and natural objects,
  which a name modifies as their maker's or their own ("the X launchers");
- ``ideas``: common nouns whose first sense is in noun.cognition ("pillar", "program",
  "doctrine"): a name that modifies one names a programme's part ("the X pillar");
- ``proper``: lemmas WordNet writes only with a capital, names of one place, person or
  thing ("guayaquil", "nasdaq"); "airbus" (an airliner) is a common noun.

The input is the Debian package wordnet-base (``apt-get install wordnet-base`` puts the
database in /usr/share/wordnet); WordNet's licence allows copying and redistribution with
its copyright notice, which the output's ``about`` carries. Same input, same bytes.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Iterator

# The lexicographer files, in WordNet's numbering (lexnames(5WN)).
LEXNAMES = ("adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact "
            "noun.attribute noun.body noun.cognition noun.communication noun.event "
            "noun.feeling noun.food noun.group noun.location noun.motive noun.object "
            "noun.person noun.phenomenon noun.plant noun.possession noun.process "
            "noun.quantity noun.relation noun.shape noun.state noun.substance "
            "noun.time").split()
CLASSES = ("group", "person", "location")
# The keys of the common nouns by the file of their first (most frequent) sense.
FIRST_SENSE = {"location": "places", "person": "people",
               "artifact": "objects", "substance": "objects", "object": "objects",
               "cognition": "ideas"}
# structure.n.01 and facility.n.01: buildings, plants, offices, bases, where a body is
# (the "objects" leave them out: "the X plant" is a body's, "the X launchers" a product).
PLACES_OF_BODIES = frozenset({"04341686", "03315023"})
OUT = Path(__file__).parents[1] / "kg" / "nlp" / "data" / "lexicons" / "noun_classes.v1.json"
WORDNET_LICENCE = ("WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. "
         "Permission to use, copy, modify and distribute this software and database and "
         "its documentation for any purpose and without fee or royalty is hereby granted, "
         "provided that you agree to comply with the following copyright notice and "
         "statements, including the disclaimer, and that the same appear on ALL copies of "
         "the software, database and documentation, including modifications that you make "
         "for internal use or for distribution. THIS SOFTWARE AND DATABASE IS PROVIDED \"AS "
         "IS\" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR "
         "IMPLIED. The name of Princeton University or Princeton may not be used in "
         "advertising or publicity pertaining to distribution of the software and/or "
         "database. Title to copyright in this software, database and any associated "
         "documentation shall at all times remain with Princeton University and LICENSEE "
         "agrees to preserve same.")
ABOUT = ("The classes of English nouns by their WordNet senses, for the organization rules "
         "(kg.nlp.organizations.kinds): can a name's head noun name a body of people? Built "
         "by tools/build_noun_classes.py from WordNet 3.0 (Debian package wordnet-base). "
         + WORDNET_LICENCE)
NOTES = {
    "group": "Lemmas with a sense in noun.group: they can name a body.",
    "person": "Lemmas with a sense in noun.person and none in noun.group.",
    "location": "Lemmas with a sense in noun.location and none in noun.group or noun.person.",
    "other": "Lemmas with no sense in noun.group, noun.person or noun.location.",
    "places": "Common nouns whose first sense is in noun.location.",
    "people": "Common nouns whose first sense is in noun.person.",
    "objects": "Common nouns whose first sense is in noun.artifact, noun.substance or "
               "noun.object, and is no structure or facility (below structure.n.01 or "
               "facility.n.01).",
    "ideas": "Common nouns whose first sense is in noun.cognition.",
    "proper": "Lemmas whose every form in WordNet starts with a capital: proper names.",
}


def sense_files(wordnet: Path) -> tuple[dict[str, set[str]], list[str], dict[str, list[str]]]:
    """Lemma -> the lexicographer files of its senses ("group", "artifact", ...); the
    lemmas written only with a capital; the common nouns first filed in noun.location
    ("places"), in noun.person ("people"), in
    noun.artifact, noun.substance or noun.object ("objects") and in noun.cognition
    ("ideas")."""
    file_of: dict[str, str] = {}
    capital: dict[str, set[bool]] = {}
    above: dict[str, list[str]] = {}  # synset -> its hypernyms
    for line in wordnet_lines(wordnet / "data.noun"):
        fields = line.split()
        file_of[fields[0]] = LEXNAMES[int(fields[1])].split(".")[1]
        for form in fields[4:4 + 2 * int(fields[3], 16):2]:
            capital.setdefault(lemma_of(form), set()).add(form[0].isupper())
        above[fields[0]] = hypernyms(fields)
    lemmas: dict[str, set[str]] = {}
    first: dict[str, list[str]] = {k: [] for k in FIRST_SENSE.values()}
    for line in wordnet_lines(wordnet / "index.noun"):
        fields = line.split()
        senses = int(fields[2])
        lemma = lemma_of(fields[0])
        lemmas.setdefault(lemma, set()).update(file_of[o] for o in fields[-senses:])
        kind = FIRST_SENSE.get(file_of[fields[-senses]])
        if kind == "objects" and under(fields[-senses], PLACES_OF_BODIES, above):
            kind = None  # "plant", "office", "headquarters": where a body is
        if kind and False in capital.get(lemma, ()):
            first[kind].append(lemma)  # index.noun lists the senses most frequent first
    proper = sorted(k for k, v in capital.items() if v == {True} and k in lemmas)
    return lemmas, proper, {k: sorted(set(v)) for k, v in first.items()}


def hypernyms(fields: list[str]) -> list[str]:
    """The synsets a data.noun entry's pointers name as its hypernyms ("@", "@i")."""
    at = 4 + 2 * int(fields[3], 16)
    count = int(fields[at])
    pointers = fields[at + 1:at + 1 + 4 * count]
    return [pointers[k + 1] for k in range(0, len(pointers), 4) if pointers[k] in ("@", "@i")]


def under(synset: str, roots: frozenset[str], above: dict[str, list[str]]) -> bool:
    """Whether ``synset`` is one of ``roots`` or below one of them."""
    seen, todo = set(), [synset]
    while todo:
        cur = todo.pop()
        if cur in roots:
            return True
        if cur not in seen:
            seen.add(cur)
            todo += above.get(cur, [])
    return False


def wordnet_lines(path: Path) -> Iterator[str]:
    """The entries of a WordNet data.* or index.* file, without its licence header (whose
    lines start with spaces)."""
    with open(path, encoding="latin-1") as lines:
        yield from (line for line in lines if not line.startswith("  "))


def lemma_of(form: str) -> str:
    """"Capitol_Hill" and "capitol_hill" -> "capitol hill"; "(a)" markers of adjectives
    do not occur in nouns or verbs."""
    return form.replace("_", " ").lower()


def classes(lemmas: dict[str, set[str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {c: [] for c in (*CLASSES, "other")}
    for lemma in sorted(lemmas):
        files = lemmas[lemma]
        out[next((c for c in CLASSES if c in files), "other")].append(lemma)
    return out


def wordnet_arguments(doc: str, files: str, out: Path) -> argparse.Namespace:
    """The command line of a WordNet lexicon builder: --wordnet DIR, --out FILE."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"),
                        help=f"folder of WordNet 3.0's {files}")
    parser.add_argument("--out", type=Path, default=out)
    return parser.parse_args()


def write_lexicon(out: Path, lexicon: dict) -> None:
    """The lexicon as JSON, one entry a line (same input, same bytes)."""
    out.write_text(json.dumps(lexicon, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{out}: " + ", ".join(f"{k} {len(v)}" for k, v in lexicon.items()
                                 if k not in ("about", "notes")))


def main() -> None:
    args = wordnet_arguments(__doc__, "index.noun and data.noun", OUT)
    lemmas, proper, first = sense_files(args.wordnet)
    write_lexicon(args.out, {"about": ABOUT, "notes": NOTES, **classes(lemmas), **first,
                             "proper": proper})


if __name__ == "__main__":
    main()
