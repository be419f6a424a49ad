"""Regenerate ``kg/nlp/data/lexicons/agreement_nominals.v1.json`` from Princeton WordNet
3.0 and the action verbs of the agreement lexicon.

Run from the repository root:  python tools/build_agreement_nominals.py [--wordnet DIR]

A text reports what was done to an agreement with a noun as often as with a verb: "the
ratification of the treaty", "the US withdrawal from the pact", "a signer of the accord".
The agreement rules read such a noun as the verb it is made from. This lexicon lists them,
drawn from WordNet's derivationally related forms ("+" pointers of data.verb) of every
verb in ``actions`` of kg/nlp/data/lexicons/agreements.v3.json, each with that verb's kind
of action:

- ``events``: nouns of an act, event, process or message (noun.act, noun.event,
  noun.process, noun.communication: "ratification", "abrogation", "endorsement"), the
  deed itself;
- ``agents``: nouns of a person (noun.person: "signer", "negotiator", "ratifier"), the
  one who does it; not those in -ee, the one it is done to ("draftee", "adoptee").

Left out: a noun spelled like its verb ("a sign", "the seal", "an issue", "the end": as
often a thing as the act), and a word that is itself an agreement head ("agreement").
A noun made from two verbs of different kinds takes the kind of the one whose linked
sense is the more frequent (WordNet lists a verb's senses most frequent first).

The input is the Debian package wordnet-base, as for tools/build_noun_classes.py, whose
licence notice the output's ``about`` carries. Same input, same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path

from build_noun_classes import (LEXNAMES, WORDNET_LICENCE, lemma_of, wordnet_arguments,
                                wordnet_lines, write_lexicon)

LEXICONS = Path(__file__).parents[1] / "kg" / "nlp" / "data" / "lexicons"
OUT = LEXICONS / "agreement_nominals.v1.json"
AGREEMENTS = LEXICONS / "agreements.v3.json"
EVENT_FILES = frozenset({"act", "event", "process", "communication"})
AGENT_FILES = frozenset({"person"})
ABOUT = ("Nouns of action made from the agreement rules' action verbs (agreements.v3 "
         "actions), with the verb's kind of action, for kg.nlp.agreements.actions: 'the "
         "ratification of the treaty' reports it ratified, 'a signer of the accord' signed. "
         "Built by tools/build_agreement_nominals.py from WordNet 3.0's derivationally "
         "related forms (Debian package wordnet-base). " + WORDNET_LICENCE)
NOTES = {"events": "Nouns of an act, event, process or message made from an action verb, "
                   "with its kind (abrogation: withdrawn).",
         "agents": "Nouns of the person who does it, made from an action verb, with its "
                   "kind (signer: signed); not those in -ee, the one it is done to."}


def _nouns(data_noun: Path) -> dict[str, tuple[str, list[str]]]:
    """Noun synset offset -> (its lexicographer file without "noun.", its lemmas)."""
    out = {}
    for line in wordnet_lines(data_noun):
        fields = line.split()
        n_words = int(fields[3], 16)
        out[fields[0]] = (LEXNAMES[int(fields[1])].split(".")[1],
                          [lemma_of(w) for w in fields[4:4 + 2 * n_words:2]])
    return out


def _derived(data_verb: Path) -> dict[str, list[tuple[str, str]]]:
    """Verb synset offset -> (verb lemma, noun synset offset . target word number) pairs
    of its derivationally related noun forms ("+" pointers to nouns)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for line in wordnet_lines(data_verb):
        fields = line.split("|")[0].split()
        n_words = int(fields[3], 16)
        words = [lemma_of(w) for w in fields[4:4 + 2 * n_words:2]]
        at = 4 + 2 * n_words
        for k in range(int(fields[at])):
            symbol, offset, pos, ends = fields[at + 1 + 4 * k:at + 5 + 4 * k]
            if symbol != "+" or pos != "n":
                continue
            source, target = int(ends[:2], 16), int(ends[2:], 16)
            for w in (words if source == 0 else [words[source - 1]]):
                out.setdefault(fields[0], []).append((w, f"{offset}.{target}"))
    return out


def nominals(wordnet: Path, actions: dict[str, str],
             heads: frozenset[str]) -> dict[str, dict[str, str]]:
    """The ``events`` and ``agents`` tables: noun -> the kind of its verb."""
    nouns, derived = _nouns(wordnet / "data.noun"), _derived(wordnet / "data.verb")
    found: dict[str, dict[str, tuple[int, str]]] = {"events": {}, "agents": {}}
    for line in wordnet_lines(wordnet / "index.verb"):
        fields = line.split()
        verb = lemma_of(fields[0])
        kind = actions.get(verb)
        if kind is None:
            continue
        for rank, offset in enumerate(fields[-int(fields[2]):]):
            for lemma, target in derived.get(offset, ()):
                if lemma != verb:
                    continue
                noun_offset, word = target.split(".")
                lexfile, lemmas = nouns[noun_offset]
                for noun in (lemmas if word == "0" else [lemmas[int(word) - 1]]):
                    table = ("events" if lexfile in EVENT_FILES else "agents"
                             if lexfile in AGENT_FILES and not noun.endswith("ee") else None)
                    if table is None or noun == verb or noun in heads or " " in noun:
                        continue
                    best = found[table].get(noun)
                    if best is None or rank < best[0]:
                        found[table][noun] = (rank, kind)
    return {t: {n: k for n, (_, k) in sorted(v.items())} for t, v in found.items()}


def main() -> None:
    args = wordnet_arguments(__doc__, "index.verb, data.verb and data.noun", OUT)
    lexicon = json.loads(AGREEMENTS.read_text(encoding="utf-8"))
    heads = frozenset(lexicon["heads"]) | frozenset(lexicon["weak_heads"])
    write_lexicon(args.out, {"about": ABOUT, "notes": NOTES,
                             **nominals(args.wordnet, lexicon["actions"], heads)})


if __name__ == "__main__":
    main()
