"""Quantity phrases: digits, number words, qualifiers, ranges and vague quantifiers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tasks.core.extraction.numbers import find_quantities, parse_quantity

PHRASES: list[tuple[str, int | None, int | None, bool, str | None]] = [
    ("12", 12, 12, False, None),
    ("Twelve", 12, 12, False, None),
    ("twenty-five", 25, 25, False, None),
    ("twenty five", 25, 25, False, None),
    ("three hundred and forty", 340, 340, False, None),
    ("one hundred thousand", 100_000, 100_000, False, None),
    ("fifteen hundred", 1_500, 1_500, False, None),
    ("two thousand three hundred", 2_300, 2_300, False, None),
    ("a dozen", 12, 12, False, None),
    ("two dozen", 24, 24, False, None),
    ("half a dozen", 6, 6, False, None),
    ("a hundred", 100, 100, False, None),
    ("half a million", 500_000, 500_000, False, None),
    ("1.5 million", 1_500_000, 1_500_000, False, None),
    ("2.3m", 2_300_000, 2_300_000, False, None),
    ("50,000", 50_000, 50_000, False, None),
    ("50.000", 50_000, 50_000, False, None),
    ("1,234,567", 1_234_567, 1_234_567, False, None),
    ("at least 30", 30, None, False, "at least"),
    ("At least 30", 30, None, False, "at least"),
    ("more than 30", 30, None, False, "more than"),
    ("over 30", 30, None, False, "over"),
    ("no fewer than 8", 8, None, False, "no fewer than"),
    ("more than a dozen", 12, None, False, "more than"),
    ("40-plus", 40, None, False, "plus"),
    ("2,000 or more", 2_000, None, False, "or more"),
    ("up to 50,000", None, 50_000, False, "up to"),
    ("as many as 300", None, 300, False, "as many as"),
    ("fewer than 10", None, 10, False, "fewer than"),
    ("nearly 100", None, 100, False, "nearly"),
    ("almost 2 million", None, 2_000_000, False, "almost"),
    ("as high as 64", None, 64, False, "as high as"),
    ("exceeded 5,300", 5_300, None, False, "exceeded"),
    ("about 60", 60, 60, False, "about"),
    ("some 200", 200, 200, False, "some"),
    ("around 1,000", 1_000, 1_000, False, "around"),
    ("an estimated 1,200", 1_200, 1_200, False, "an estimated"),
    ("30-odd", 30, 30, False, "odd"),
    ("between 10 and 20", 10, 20, False, None),
    ("10 to 15", 10, 15, False, None),
    ("10-15", 10, 15, False, None),
    ("10–15", 10, 15, False, None),
    ("two or three", 2, 3, False, None),
    ("two to three thousand", 2_000, 3_000, False, None),
    ("between five and 10 thousand", 5_000, 10_000, False, None),
    ("no", 0, 0, False, None),
    ("no one", 0, 0, False, None),
    ("nobody", 0, 0, False, None),
    ("none", 0, 0, False, None),
    ("zero", 0, 0, False, None),
    ("dozens", 24, 99, True, "dozens"),
    ("scores", 40, 199, True, "scores"),
    ("hundreds", 200, 999, True, "hundreds"),
    ("thousands", 2_000, 9_999, True, "thousands"),
    ("tens of thousands", 20_000, 99_999, True, "tens of thousands"),
    ("hundreds of thousands", 200_000, 999_999, True, "hundreds of thousands"),
    ("millions", 2_000_000, None, True, "millions"),
    ("several", 3, 9, True, "several"),
    ("a few", 2, 5, True, "a few"),
    ("a handful", 2, 6, True, "a handful"),
    ("a couple of", 2, 3, True, "a couple"),
    ("many", 10, None, True, "many"),
    ("several hundred", 300, 900, True, "several hundred"),
    ("a few dozen", 24, 60, True, "a few dozen"),
    ("many thousands", 2_000, 9_999, True, "many thousands"),
    ("at least dozens", 24, None, True, "at least"),
]


@pytest.mark.parametrize(("text", "low", "high", "vague", "qualifier"), PHRASES, ids=[p[0] for p in PHRASES])
def test_parse_quantity(text: str, low: int | None, high: int | None, vague: bool, qualifier: str | None) -> None:
    q = parse_quantity(text)
    assert q is not None
    assert (q.low, q.high, q.vague, q.qualifier) == (low, high, vague, qualifier)
    assert (q.start, q.end) == (0, len(text))


@pytest.mark.parametrize("text", ["", "people", "2.5", "the", "a", "some", "at least", "12 people", "one two"])
def test_parse_quantity_rejects_non_phrases(text: str) -> None:
    assert parse_quantity(text) is None


def test_find_quantities_offsets() -> None:
    text = "At least 30 militants were killed with another 40 arrested; twelve officers and a dozen others."
    found = find_quantities(text)
    assert [text[q.start : q.end] for q in found] == ["At least 30", "40", "twelve", "a dozen"]
    assert [q.low for q in found] == [30, 40, 12, 12]


def test_find_quantities_keeps_ranges_and_years_whole() -> None:
    text = "The 1992-1997 war, in which 10 to 15 people died on June 21."
    assert [text[q.start : q.end] for q in find_quantities(text)] == ["1992-1997", "10 to 15", "21"]


def test_and_only_joins_after_a_scale() -> None:
    text = "ten and twenty"
    assert [q.low for q in find_quantities(text)] == [10, 20]


def test_no_is_only_a_quantity_before_a_word() -> None:
    assert [q.low for q in find_quantities("No one was hurt.")] == [0]
    assert find_quantities("He said no.") == []


@given(st.integers(min_value=0, max_value=10**9))
def test_digits_round_trip(n: int) -> None:
    q = parse_quantity(f"{n:,}")
    assert q is not None and q.low == q.high == n


_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen"]
_TEENS.append("nineteen")
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _say(n: int) -> str:
    """English words for 0 <= n < 1,000,000, as a reference for the parser."""
    if n < 10:
        return _SMALL[n]
    if n < 20:
        return _TEENS[n - 10]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _SMALL[n % 10])
    if n < 1000:
        rest = n % 100
        return _SMALL[n // 100] + " hundred" + ("" if rest == 0 else " and " + _say(rest))
    rest = n % 1000
    return _say(n // 1000) + " thousand" + ("" if rest == 0 else " " + _say(rest))


@given(st.integers(min_value=0, max_value=999_999))
def test_number_words_round_trip(n: int) -> None:
    q = parse_quantity(_say(n))
    assert q is not None and q.low == q.high == n, _say(n)
