"""The rounding rules, by example and as properties over any amount, rule and currency."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from markets.models import RoundingRule
from markets.pricing import round_price

D = Decimal
amounts = st.decimals(min_value=0, max_value=10**7, places=6, allow_nan=False, allow_infinity=False)
rules = st.sampled_from(list(RoundingRule))
currencies = st.sampled_from(["USD", "EUR", "RUB", "JPY", "KRW"])


@pytest.mark.parametrize(
    ("amount", "rule", "currency", "expected"),
    [
        ("12.345", RoundingRule.NONE, "EUR", "12.35"),
        ("12.10", RoundingRule.ENDING_99, "EUR", "12.99"),
        ("12.99", RoundingRule.ENDING_99, "EUR", "12.99"),
        ("13.00", RoundingRule.ENDING_99, "EUR", "13.99"),
        ("12.96", RoundingRule.ENDING_95, "EUR", "13.95"),
        ("12.95", RoundingRule.ENDING_95, "EUR", "12.95"),
        ("12.01", RoundingRule.ENDING_00, "EUR", "13.00"),
        ("12.00", RoundingRule.ENDING_00, "EUR", "12.00"),
        ("0.40", RoundingRule.ENDING_99, "EUR", "0.99"),
        ("0", RoundingRule.ENDING_99, "EUR", "0.00"),
        ("1234.50", RoundingRule.WHOLE, "RUB", "1235.00"),
        ("1234.49", RoundingRule.WHOLE, "RUB", "1234.00"),
        # A currency without minor units rounds to whole units whatever the rule.
        ("1234.5", RoundingRule.ENDING_99, "JPY", "1235"),
        ("1234.4", RoundingRule.NONE, "JPY", "1234"),
    ],
)
def test_rounding_examples(amount, rule, currency, expected):
    assert round_price(D(amount), rule, currency) == D(expected)
    assert str(round_price(D(amount), rule, currency)) == expected


@given(amounts, rules, currencies)
def test_never_more_than_one_unit_from_the_amount(amount, rule, currency):
    rounded = round_price(amount, rule, currency)
    assert amount - 1 <= rounded
    assert rounded - amount < 1


@given(amounts, st.sampled_from([RoundingRule.ENDING_99, RoundingRule.ENDING_95, RoundingRule.ENDING_00]))
def test_endings_round_up_to_the_ending(amount, rule):
    rounded = round_price(amount, rule, "EUR")
    assert rounded >= amount
    if amount > 0:
        assert rounded % 1 == {"99": D("0.99"), "95": D("0.95"), "00": D("0")}[rule]
    else:
        assert rounded == 0


@given(amounts, rules, currencies)
def test_whole_units_where_the_rule_or_the_currency_says_so(amount, rule, currency):
    rounded = round_price(amount, rule, currency)
    if rule == RoundingRule.WHOLE or currency in {"JPY", "KRW"}:
        assert rounded % 1 == 0
        assert abs(rounded - amount) <= D("0.5")


@given(amounts, rules, currencies)
def test_rounding_is_idempotent(amount, rule, currency):
    once = round_price(amount, rule, currency)
    assert round_price(once, rule, currency) == once


@given(amounts, rules, currencies)
def test_rounding_keeps_the_currency_s_decimals(amount, rule, currency):
    places = 0 if currency in {"JPY", "KRW"} else 2
    assert round_price(amount, rule, currency).as_tuple().exponent == -places
