"""Money and duration parsing (no pipeline needed)."""

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
    ("previous loans worth $3.7m", "3700000", "USD"),
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
    ("a new three year funding program", "P3Y"), ("for a period of five years", "P5Y"),
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
