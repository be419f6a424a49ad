"""Money and duration parsing (no pipeline needed), and finding them in a parsed span."""

from decimal import Decimal

import pytest

from kg.nlp.agreements.quantities import parse_duration, parse_money


@pytest.mark.parametrize("text, amount, currency", [
    ("$9.3 billion", "9300000000", "USD"),
    ("$10bn (£5.19bn)", "10000000000", "USD"),
    ("US$ 5 million", "5000000", "USD"),
    ("EUR 500 million", "500000000", "EUR"),
    ("EUR 500,000", "500000", "EUR"),
    ("€2bn", "2000000000", "EUR"),
    ("9.3 billion dollars", "9300000000", "USD"),
    ("500 million Canadian dollars", "500000000", "CAD"),
    ("¥500 billion", "500000000000", "JPY"),
    ("older credits worth $4.6m", "4600000", "USD"),
    ("USD 10bn", "10000000000", "USD"),
])
def test_nlp_quantities_money(text, amount, currency):
    assert parse_money(text) == (Decimal(amount), currency)


@pytest.mark.parametrize("text", ["5 members", "the 1990s", "in 2007", "three men",
                                  "COP 27", "at COP27 in Egypt"])
def test_nlp_quantities_no_money(text):
    assert parse_money(text) is None


@pytest.mark.parametrize("text, iso", [
    ("five-year", "P5Y"), ("5-year", "P5Y"), ("for 10 years", "P10Y"), ("ten-year", "P10Y"),
    ("over 20 years", "P20Y"), ("a 30-month", "P30M"), ("for the next 30 years", "P30Y"),
    ("a new three year aid program", "P3Y"), ("for a period of seven years", "P7Y"),
    ("a two-week truce", "P14D"), ("for 90 days", "P90D"), ("a two-decade pact", "P20Y"),
])
def test_nlp_quantities_duration(text, iso):
    assert parse_duration(text) == iso


@pytest.mark.parametrize("text", ["220-year-old policy", "10 years of independence",
                                  "in 2022", "five years after the dissolution"])
def test_nlp_quantities_no_duration(text):
    assert parse_duration(text) is None


def test_nlp_quantities_whole_amounts_are_integers():
    amount, _ = parse_money("$18.6bn")
    assert str(amount) == "18600000000"


@pytest.mark.parametrize("end, expected", [
    (7, [Decimal("125000000")]),  # the span ends after "125": the amount is read whole
    (6, [Decimal("125000000")]),  # the span ends after "$"
    (5, []),  # the amount starts after the span
])
def test_nlp_quantities_money_cut_by_the_span_end_read_whole(nlp, end, expected):
    from kg.nlp.agreements.quantities import find_money

    doc = nlp("Lesotho signed a loan for $125 million of financing.")
    assert [q.value[0] for q in find_money(doc[0:end])] == expected
