"""The seed document end to end: exactly its two agreements, with their facts."""

from decimal import Decimal

from kg.core.records import Money, Ref
from kg.extract.agreements import extract
from kg.reading.clean import clean_text


def test_extract_agreements_seed(nlp, seed_path):
    recs = list(extract(nlp(clean_text(seed_path.read_text()))))
    assert len(recs) == 2
    for rec in recs:
        assert set(rec.parties) == {Ref.country("US"), Ref.country("JP")}
        assert rec.mentions and all(ev.text for ev in rec.mentions)
    basing = next(r for r in recs if r.durations)
    other = next(r for r in recs if r is not basing)
    assert set(basing.durations) == {"P5Y"}
    assert set(basing.values) == {Money(Decimal("9300000000"), "USD")}
    assert "five-year arrangement" in basing.label
    assert not other.durations and not other.values
    assert "cooperation arrangement" in other.label
