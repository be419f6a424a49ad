"""Synthetic documents that follow the ontology, for store benchmarks of any size.

Each document is a ``DocumentRecords`` built from pools of entities shared by all
documents (countries, persons, organizations, named agreements), drawn with skewed
weights so a few entities are everywhere and most are rare, as in real corpora. The
shape is modelled on the bench corpus (UN speeches: ~14 kB of text, ~10 countries,
~7 persons, ~20 organizations, ~1.5 agreements, ~550 triples per document; these come
out at ~700 triples and ~10 kB), and graphs are made by the real builder,
``kg.rdf.build.document_graph``. Document ``i`` depends only on (seed, i).

As a script it writes an N-Quads dump of N documents, for ``kg load`` (the stores the
scale benchmarks measure on: docs/benchmarks.md)::

    python benchmarks/synth.py 10000 /tmp/10000.nq
"""

from __future__ import annotations

import argparse
import hashlib
import random
from datetime import datetime, timezone
from decimal import Decimal
from functools import lru_cache
from typing import Iterator

from rdflib import Graph

from kg.core.constants import STAGES
from kg.core.records import (Agreement, Country, DocumentRecords, Evidence, Money,
                             Organization, Person, Ref)

WHEN = datetime(2024, 1, 1, tzinfo=timezone.utc)
_FIRST = ("Anna Amir Carlos Chen Daniel Elena Fatima Hans Ivan Jean Kofi Lars Maria "
          "Mohammed Nadia Olga Pedro Rania Sergei Sofia Tomas Yuki Zainab Ahmed Beatriz "
          "Dmitri Emma Gabriel Hiroshi Ingrid Jorge Kamala Leila Marco Nora Omar Priya "
          "Rafael Sara Viktor").split()
_LAST = ("Abe Barros Costa Diallo Eriksen Fischer Garcia Haddad Ivanova Jensen Kim Lopez "
         "Mensah Novak Okafor Petrov Quispe Rossi Silva Tanaka Umarov Vargas Wang Xu Yilmaz "
         "Zhou Adeyemi Bianchi Cohen Dubois Evans Ferreira Gupta Horvat Ito Juarez Kowalski "
         "Lindqvist Moreau Nakamura").split()
_ROLES = ["President", "Prime Minister", "Foreign Minister", "Minister of Defence",
          "Ambassador", "Permanent Representative", "Secretary-General", "Vice President",
          "Minister of Trade", "Special Envoy"]
_ORG_HEADS = ["Ministry of", "Council for", "Agency for", "Institute of", "Commission on",
              "Bank for", "Office of", "Fund for"]
_ORG_TOPICS = ["Foreign Affairs", "Defence", "Trade", "Energy", "Development", "Climate",
               "Security", "Migration", "Health", "Finance", "Agriculture", "Fisheries",
               "Space", "Nuclear Safety", "Water", "Education", "Human Rights", "Oceans"]
_PLACES = ["Geneva", "Vienna", "Paris", "Kyoto", "Lima", "Nairobi", "Oslo", "Doha", "Lisbon",
           "Abuja", "Hanoi", "Quito", "Riga", "Accra", "Muscat", "Tunis", "Dakar", "Bern"]
_FILLER = ("The delegation reaffirmed its commitment to multilateral cooperation and to "
           "the principles of the Charter. Progress requires sustained dialogue between "
           "all parties, respect for international law and attention to the most "
           "vulnerable. ")


@lru_cache(maxsize=1)
def pools() -> dict[str, list]:
    import pycountry

    rng = random.Random(7)
    # the most talked-about first: _skewed() favours the head of each pool
    head = ["US", "CN", "RU", "UA", "FR", "GB", "DE", "JP", "IN", "BR", "IL", "IR"]
    countries = head + sorted(c.alpha_2 for c in pycountry.countries if c.alpha_2 not in head)
    persons = sorted({f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" for _ in range(3000)})
    orgs = sorted({f"{h} {t}" for h in _ORG_HEADS for t in _ORG_TOPICS}
                  | {f"{p} {t} Centre" for p in _PLACES for t in _ORG_TOPICS})
    named = sorted({f"{p} {kind}" for p in _PLACES
                    for kind in ("Accords", "Convention", "Protocol", "Declaration")})
    return {"countries": countries, "persons": persons, "orgs": orgs, "named": named}


def _skewed(rng: random.Random, items: list, k: int) -> list:
    """``k`` distinct items, the first ones of the list far more likely (Zipf-like)."""
    chosen: dict = {}
    while len(chosen) < min(k, len(items)):
        chosen[items[min(int(rng.paretovariate(1.1)) - 1, len(items) - 1)
                     if rng.random() < 0.7 else rng.randrange(len(items))]] = None
    return list(chosen)


class _Text:
    """The document's text, grown one sentence per fact; returns each sentence's span."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def say(self, sentence: str) -> Evidence:
        start = self.size
        self.parts.append(sentence + " ")
        self.size += len(sentence) + 1
        return Evidence(start, start + len(sentence), sentence)

    def value(self) -> str:
        return "".join(self.parts)


def document_records(i: int, seed: int = 0) -> DocumentRecords:
    rng = random.Random(f"{seed}:{i}")
    p, text = pools(), _Text()
    sha = hashlib.sha256(f"synthetic {seed} {i}".encode()).hexdigest()
    isos = _skewed(rng, p["countries"], rng.randint(6, 14))
    names = {iso: iso for iso in isos}
    countries = [Country(iso, names[iso], [text.say(f"{iso} spoke about item {j}.")
                                           for j in range(rng.randint(1, 4))]) for iso in isos]
    orgs = [Organization(o, [o.split()[-1]] if rng.random() < 0.2 else [],
                         [text.say(f"The {o} was cited.") for _ in range(rng.randint(1, 2))])
            for o in _skewed(rng, p["orgs"], rng.randint(6, 16))]
    persons = [_person(rng, name, isos, text) for name in _skewed(rng, p["persons"],
                                                                  rng.randint(3, 8))]
    agreements = [_agreement(rng, isos, text, p["named"]) for _ in range(rng.randint(0, 3))]
    for _ in range(rng.randint(15, 40)):
        text.say(_FILLER)
    return DocumentRecords(file_name=f"synthetic-{i:06d}.txt", sha256=sha, text=text.value(),
                           title=f"Synthetic document {i}", source_path=f"/synthetic/{i}.txt",
                           countries=countries, persons=persons, organizations=orgs,
                           agreements=agreements)


def _person(rng: random.Random, name: str, isos: list[str], text: _Text) -> Person:
    person = Person(name, [text.say(f"{name} addressed the meeting.")])
    if rng.random() < 0.6:
        role = rng.choice(_ROLES)
        person.roles[role] = [text.say(f"{name} is the {role}.")]
        country = rng.choice(isos)
        person.acts_for[Ref.country(country)] = [text.say(f"{name} represents {country}.")]
    return person


def _agreement(rng: random.Random, isos: list[str], text: _Text, named: list[str]) -> Agreement:
    is_named = rng.random() < 0.5
    label = rng.choice(named) if is_named else f"{rng.choice(['trade', 'defence', 'energy'])} " \
                                               f"agreement {rng.randint(1, 99)}"
    a = Agreement(label, named=is_named, mentions=[text.say(f"The {label} was discussed.")])
    for iso in rng.sample(isos, min(len(isos), rng.randint(2, 3))):
        a.parties[Ref.country(iso)] = [text.say(f"{iso} is a party to the {label}.")]
    if rng.random() < 0.4:
        a.durations[f"P{rng.randint(1, 20)}Y"] = [text.say(f"The {label} runs for years.")]
    if rng.random() < 0.3:
        money = Money(Decimal(rng.randint(1, 900) * 1_000_000), rng.choice(["USD", "EUR"]))
        a.values[money] = [text.say(f"The {label} is worth {money.amount}.")]
    stage = rng.choice(STAGES)  # only the contract's stages (pkg:status)
    a.statuses[stage] = [text.say(f"The {label} is {stage}.")]
    if rng.random() < 0.5:
        when = f"{rng.randint(1990, 2024)}" + (f"-{rng.randint(1, 12):02d}"
                                               if rng.random() < 0.5 else "")
        a.dates[when] = [text.say(f"The {label} became {stage} in {when}.")]
    return a


def document_graphs(target_triples: int, seed: int = 0) -> Iterator[Graph]:
    """Document graphs until their triples add up to at least ``target_triples``."""
    from kg.rdf.build import document_graph

    total, i = 0, 0
    while total < target_triples:
        graph = document_graph(document_records(i, seed), WHEN)
        total += len(graph)
        i += 1
        yield graph


def write_nquads(documents: int, out_path: str, seed: int = 0) -> int:
    """Write documents ``0 .. documents-1`` as N-Quads to ``out_path``; returns the quads."""
    import pyoxigraph as ox

    from kg.rdf.build import document_graph
    from kg.store.terms import to_ox

    quads = 0
    with open(out_path, "wb") as out:
        for i in range(documents):
            graph = document_graph(document_records(i, seed), WHEN)
            g = ox.NamedNode(str(graph.identifier))
            batch = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in graph]
            ox.serialize(batch, out, format=ox.RdfFormat.N_QUADS)
            quads += len(batch)
    return quads


def main() -> None:
    parser = argparse.ArgumentParser(description="Write N synthetic documents as N-Quads.")
    parser.add_argument("documents", type=int)
    parser.add_argument("out", help="the .nq file to write")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    quads = write_nquads(args.documents, args.out, args.seed)
    print(f"{args.documents:,} documents, {quads:,} quads -> {args.out}")


if __name__ == "__main__":
    main()
