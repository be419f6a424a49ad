"""Person records: one per person, fullest name, roles and acts-for with evidence."""

from __future__ import annotations

from kg.core.records import Ref
from kg.extract import persons as person_extract


def records(nlp, text: str):
    return {p.name: p for p in person_extract.extract(nlp(text))}


def test_extract_persons_merges_mentions_with_evidence(nlp):
    text = ("US Secretary of State Antony Blinken said on Thursday. Blinken said the "
            "alliance was strong. Mr. Blinken left.")
    recs = records(nlp, text)
    assert list(recs) == ["Antony Blinken"]
    rec = recs["Antony Blinken"]
    assert len(rec.mentions) == 3
    assert list(rec.roles) == ["Secretary of State"]
    assert list(rec.acts_for) == [Ref.country("US")]
    assert rec.acts_for[Ref.country("US")][0].text.startswith("US Secretary of State")


def test_extract_persons_officer_without_state(nlp):
    text = "Mara Olsen, the IMF's managing director, expects the credit to steady Ghana."
    rec = records(nlp, text)["Mara Olsen"]
    assert list(rec.roles) == ["managing director"] and rec.acts_for == {}


def test_extract_persons_seed_document(nlp, seed_path):
    text = seed_path.read_text(encoding="utf-8")
    recs = records(nlp, text)
    got = {name: (list(p.roles), sorted(r.key for r in p.acts_for)) for name, p in recs.items()}
    assert got == {
        "Antony Blinken": (["Secretary of State"], ["US"]),
        "Lloyd Austin": (["Defense Secretary"], ["US"]),
        "Fumio Kishida": (["Prime Minister"], ["JP"]),
        "Yoshimasa Hayashi": (["Foreign Minister"], ["JP"]),
    }


def test_extract_persons_seed_countries(nlp, seed_path):
    from kg.extract import countries

    doc = nlp(seed_path.read_text(encoding="utf-8"))
    assert {c.iso for c in countries.extract(doc)} == {"US", "JP", "TW", "KP", "RU", "UA", "CN"}
