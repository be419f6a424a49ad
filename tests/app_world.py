"""A larger hand-written store for the browser test of the Timeline and the Graph's names:
well-known agreements of the last seventy years, one short report per stage (sentences
written for the purpose), and delegations of envoys numerous enough for the Graph page
to open at its 300-node cap, where only the hubs' names can be readable, and for a
state's Entity page to list its facts on two pages.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from kg.core.geo import country_name
from kg.core.records import Agreement, Country, DocumentRecords, Evidence, Person, Ref
from kg.rdf.build import document_graph
from kg.rdf.iris import agreement_iri
from kg.store import open_store

# (agreement, parties, stage, date the report gives or None, the report's publication date)
HISTORY = [
    ("Antarctic Treaty", ["US", "GB", "FR", "AR", "AU"], "signed", "1959-12-01", "1959-12-02"),
    ("Antarctic Treaty", ["US", "GB", "FR", "AR", "AU"], "in force", "1961-06-23", "1961-06"),
    ("Elysee Treaty", ["FR", "DE"], "signed", "1963-01-22", "1963-01-23"),
    ("Camp David Accords", ["EG", "IL", "US"], "signed", "1978-09-17", "1978-09-18"),
    ("Schengen Agreement", ["FR", "DE", "BE", "NL", "LU"], "signed", "1985-06-14", "1985-06"),
    ("Maastricht Treaty", ["FR", "DE", "IT", "NL", "BE", "LU"], "signed", "1992-02-07",
     "1992-02-08"),
    ("Maastricht Treaty", ["FR", "DE", "IT", "NL", "BE", "LU"], "in force", "1993-11-01",
     "1993"),
    ("Dayton Agreement", ["BA", "HR", "RS"], "agreed", "1995-11-21", "1995-11-22"),
    ("Dayton Agreement", ["BA", "HR", "RS"], "signed", "1995-12-14", "1995-12-15"),
    ("Good Friday Agreement", ["GB", "IE"], "agreed", "1998-04-10", "1998-04-11"),
    ("EU-Mercosur Association Agreement", ["BR", "AR", "UY", "PY"], "negotiating", "2000",
     "2000"),
    ("EU-Mercosur Association Agreement", ["BR", "AR", "UY", "PY"], "agreed", "2019-06",
     "2019-07-01"),
    ("New START", ["US", "RU"], "signed", "2010-04-08", "2010-04-09"),
    ("New START", ["US", "RU"], "in force", "2011-02-05", "2011-02"),
    ("Minsk II", ["UA", "RU", "DE", "FR"], "signed", "2015-02-12", "2015-02-13"),
    ("Minsk II", ["UA", "RU", "DE", "FR"], "ended", "2022-02", "2022-03-01"),
    ("Abraham Accords", ["AE", "BH", "IL", "US"], "signed", "2020-09-15", "2020-09-16"),
    ("AUKUS", ["AU", "GB", "US"], "agreed", "2021-09-15", "2021-09"),
    # the report gives the stage but no date of its own: placed at its publication date
    ("Arctic Fisheries Accord", ["CA", "NO", "DK"], "planned", None, "2024-05-02"),
]
# With the agreements and countries, well over the Graph page's cap; 52 envoys of each
# state: more facts about a state than the Entity page shows at once (50).
ENVOYS = 1040
ENVOY_STATES = ["US", "GB", "FR", "DE", "RU", "CN", "JP", "IN", "BR", "ZA", "AU", "CA",
                "EG", "IL", "UA", "TR", "MX", "NG", "ID", "KR"]


def _report(i: int, label: str, parties: list[str], stage: str, date: str | None,
            published: str) -> DocumentRecords:
    names = [country_name(p) for p in parties]
    when = f" on {date}" if date else ""
    sentence = f"{', '.join(names[:-1])} and {names[-1]}: the {label} is {stage}{when}."
    ev = [Evidence(0, len(sentence), sentence)]
    agreement = Agreement(label, named=True, mentions=ev,
                          parties={Ref.country(p): ev for p in parties},
                          statuses={stage: ev}, dates={date: ev} if date else {})
    return DocumentRecords(
        file_name=f"report-{i:02d}.txt", sha256=hashlib.sha256(sentence.encode()).hexdigest(),
        text=sentence, title=f"{label}: {stage}", published=published,
        countries=[Country(p, n, ev) for p, n in zip(parties, names)], agreements=[agreement])


def _delegations() -> DocumentRecords:
    lines, persons = [], []
    for i in range(ENVOYS):
        state = ENVOY_STATES[i % len(ENVOY_STATES)]
        line = f"Envoy {i:03d} speaks for {country_name(state)}."
        start = sum(len(l) + 1 for l in lines)
        ev = [Evidence(start, start + len(line), line)]
        lines.append(line)
        persons.append(Person(f"Envoy {i:03d}", ev, roles={"Envoy": ev},
                              acts_for={Ref.country(state): ev}))
    text = "\n".join(lines)
    return DocumentRecords(file_name="delegations.txt", text=text, title="Delegations",
                           sha256=hashlib.sha256(text.encode()).hexdigest(), persons=persons)


def records() -> list[DocumentRecords]:
    return [_report(i, *row) for i, row in enumerate(HISTORY)] + [_delegations()]


def agreement(label: str) -> str:
    return str(agreement_iri(label, True, ""))


def build_store(path: Path) -> None:
    from kg.archive.derived import ensure_derived

    store = open_store(path)
    for rec in records():
        store.add_graph(document_graph(rec))
    ensure_derived(store)  # the index the write path keeps, derived from the graphs
    store.close()
