"""netcard's own number formatting gives exactly what babel's format_decimal gives."""

from __future__ import annotations

from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from generator.render.i18n import format_fixed, format_number

LANGUAGES = st.sampled_from(["fi", "sv", "en"])
# value + 0 below: netcard writes -0.0 as 0 (babel writes '-0').
VALUES = st.one_of(
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False),
    st.integers(min_value=-10**9, max_value=10**9),
    st.sampled_from([0.0, -0.0, 0.05, 0.15, 0.25, 0.35, 0.125, 1e-7, 999.95, 1234.5, -0.04]))


@given(VALUES, LANGUAGES, st.integers(min_value=0, max_value=4))
def test_fixed_decimals_match_babel(value: float, language: str, decimals: int) -> None:
    pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
    assert format_fixed(value, language, decimals) == format_decimal(value + 0, pattern,
                                                                     locale=language)


@given(VALUES, LANGUAGES, st.integers(min_value=0, max_value=4))
def test_up_to_decimals_match_babel(value: float, language: str, decimals: int) -> None:
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    assert format_number(value, language, decimals) == format_decimal(value + 0, pattern,
                                                                      locale=language)


def test_examples() -> None:
    assert format_fixed(1234.5, "fi", 2) == "1\xa0234,50"
    assert format_number(0.5, "en", 2) == "0.5"
    assert format_fixed(-0.25, "fi", 1) == "-0,2"
