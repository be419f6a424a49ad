"""Duration and money rules (kg.nlp.agreements.terms), each named in the evidence."""

import pytest

from conftest import rules_of


@pytest.mark.parametrize("text, durations, values", [
    ("Lesotho and Malawi signed a ten-year water agreement.",
     {"P10Y": {"duration.phrase"}}, {}),
    ("Lesotho and Malawi signed a water agreement, which runs for ten years.",
     {"P10Y": {"duration.relative"}}, {}),
    ("Lesotho and Malawi signed a water agreement. The agreement is valid for ten years and "
     "is worth $40 million.", {"P10Y": {"duration.predicate"}},
     {"40000000 USD": {"value.predicate"}}),
    ("Lesotho and Malawi signed a water agreement in 2001. Under the agreement, Lesotho will "
     "pay $40 million over ten years.", {"P10Y": {"duration.under"}},
     {"40000000 USD": {"value.under"}}),
    ("Lesotho and Malawi signed a $40 million water agreement.", {},
     {"40000000 USD": {"value.phrase"}}),
    ("Lesotho and Malawi signed a water agreement, worth $40 million.", {},
     {"40000000 USD": {"value.relative"}}),
    ("Lesotho and Malawi signed a water agreement on Monday. It is worth $40 million.", {},
     {"40000000 USD": {"value.neighbour"}}),
    ("Lesotho and Malawi signed a water agreement on Monday. The agreement suspends tariffs "
     "for the next ten years.", {"P10Y": {"duration.neighbour"}}, {}),
])
def test_nlp_agreements_terms_rule_names(read_agreements, text, durations, values):
    (rec,) = read_agreements(text)
    money = {f"{k.amount} {k.currency}": rules for k, rules in rules_of(rec.values).items()}
    assert (rules_of(rec.durations), money) == (durations, values)
