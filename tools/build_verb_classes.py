"""Regenerate ``kg/nlp/data/lexicons/verb_classes.v1.json`` from Princeton WordNet 3.0.

Run from the repository root:  python tools/build_verb_classes.py [--wordnet DIR]

WordNet files each verb sense in one lexicographer file ("verb.change", "verb.creation",
"verb.communication", "verb.stative", ...). The agreement rules ask one question of a
verb whose subject is an agreement ("the treaty created a bureau", "the accord said"):
does it tell of something the agreement did in the world, or of what it says, means or
is? The agreement is the verb's subject and the verb has an object, so the lexicon sorts
every verb lemma WordNet holds (lower case, spaces between words) by the file of its first
sense (index.verb lists the senses most frequent first) among those whose sentence frames
take a direct object ("Somebody ----s something", ...), else of its first sense: "end" is
first "have an end" (verb.stative), but "end the war" is "bring to an end"
(verb.change). One list per file, named without "verb." ("change", "communication").

The input is the Debian package wordnet-base, as for tools/build_noun_classes.py, whose
licence notice the output's ``about`` carries. Same input, same bytes.
"""

from __future__ import annotations

from pathlib import Path

from build_noun_classes import (WORDNET_LICENCE, lemma_of, wordnet_arguments, wordnet_lines,
                                write_lexicon)

# The verb lexicographer files, in WordNet's numbering (lexnames(5WN)).
FIRST_VERB_FILE = 29
VERB_FILES = ("body change cognition communication competition consumption contact "
              "creation emotion motion perception possession social stative weather").split()
OUT = Path(__file__).parents[1] / "kg" / "nlp" / "data" / "lexicons" / "verb_classes.v1.json"
ABOUT = ("English verbs by the WordNet file of their first sense, for the agreement rules "
         "(kg.nlp.agreements.effects): does a verb tell of something done in the world, or "
         "of saying, thinking or being? Built by tools/build_verb_classes.py from WordNet "
         "3.0 (Debian package wordnet-base). " + WORDNET_LICENCE)
NOTES = {f: f"Verbs whose first (most frequent) sense with a direct object, else first sense, "
             f"is in verb.{f}." for f in VERB_FILES}
# WordNet's generic sentence frames (wninput(5WN)) with a direct object: "Somebody ----s
# something" (8), "Something ----s somebody" (10), "Somebody ----s somebody something" (14) ...
OBJECT_FRAMES = frozenset({5, 8, 9, 10, 11, 14, 15, 16, 17, 18, 19, 20, 21, 24, 25, 30, 31})


def _synsets(data_verb: Path) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """Offset -> the file of the synset; (offset, lemma) pairs whose frames take an object."""
    file_of: dict[str, str] = {}
    with_object: set[tuple[str, str]] = set()
    for line in wordnet_lines(data_verb):
        fields = line.split("|")[0].split()
        file_of[fields[0]] = VERB_FILES[int(fields[1]) - FIRST_VERB_FILE]
        n_words = int(fields[3], 16)
        words = [lemma_of(w) for w in fields[4:4 + 2 * n_words:2]]
        at = 4 + 2 * n_words
        at += 1 + 4 * int(fields[at])  # the pointers
        for k in range(int(fields[at])):
            frame, word = int(fields[at + 2 + 3 * k]), int(fields[at + 3 + 3 * k], 16)
            if frame in OBJECT_FRAMES:
                with_object.update((fields[0], w) for w in (words if word == 0
                                                            else [words[word - 1]]))
    return file_of, with_object


def first_sense_files(wordnet: Path) -> dict[str, list[str]]:
    file_of, with_object = _synsets(wordnet / "data.verb")
    out: dict[str, list[str]] = {f: [] for f in VERB_FILES}
    for line in wordnet_lines(wordnet / "index.verb"):
        fields = line.split()
        lemma = lemma_of(fields[0])
        senses = fields[-int(fields[2]):]
        first = next((o for o in senses if (o, lemma) in with_object), senses[0])
        out[file_of[first]].append(lemma)
    return {f: sorted(set(v)) for f, v in out.items()}


def main() -> None:
    args = wordnet_arguments(__doc__, "index.verb and data.verb", OUT)
    write_lexicon(args.out, {"about": ABOUT, "notes": NOTES,
                             **first_sense_files(args.wordnet)})


if __name__ == "__main__":
    main()
