"""Date mentions: explicit and relative, resolved against the publication or the run date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tasks.core.extraction.dates import extract_dates
from tasks.core.extraction.sentences import split_sentences

SEED = (Path(__file__).resolve().parents[3] / "seeds" / "000_f0b822bff615e880.txt").read_text()
PUB = dt.datetime(2024, 3, 14, 10, 30, tzinfo=dt.UTC)  # a Thursday
RUN = dt.date(2026, 11, 26)
D = dt.date


def found(text: str, published: dt.datetime | None = PUB) -> list[tuple[str, dt.date, str, bool]]:
    mentions = extract_dates(text, split_sentences(text), published, RUN)
    for m in mentions:
        assert text[m.char_start : m.char_end] == m.text
    return [(m.text, m.value, m.precision, m.relative) for m in mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police said on Tuesday that two men died.", [("on Tuesday", D(2024, 3, 12), "day", True)]),
        ("The bomb went off on Thursday.", [("on Thursday", D(2024, 3, 14), "day", True)]),
        ("Gunmen stormed the village on Friday.", [("on Friday", D(2024, 3, 8), "day", True)]),
        ("Leaders will meet on Friday in Doha.", [("on Friday", D(2024, 3, 15), "day", True)]),
        ("Talks resume next Monday.", [("next Monday", D(2024, 3, 18), "day", True)]),
        ("A truce starting Saturday was agreed.", [("Saturday", D(2024, 3, 16), "day", True)]),
        ("Gunmen from the village attacked on Monday.", [("on Monday", D(2024, 3, 11), "day", True)]),
        ("He was detained last Thursday.", [("last Thursday", D(2024, 3, 7), "day", True)]),
        ("Fighting erupted late Sunday night.", [("late Sunday night", D(2024, 3, 10), "day", True)]),
        ("Tuesday's attack was the worst.", [("Tuesday", D(2024, 3, 12), "day", True)]),
        ("The army said Monday it had retaken the town.", [("Monday", D(2024, 3, 11), "day", True)]),
        ("Rescuers worked through the night yesterday.", [("yesterday", D(2024, 3, 13), "day", True)]),
        ("Shelling resumed last night.", [("last night", D(2024, 3, 13), "day", True)]),
        ("A curfew starts tomorrow.", [("tomorrow", D(2024, 3, 15), "day", True)]),
        ("Two days ago a convoy was hit.", [("Two days ago", D(2024, 3, 12), "day", True)]),
        ("The strike came three weeks ago.", [("three weeks ago", D(2024, 2, 22), "day", True)]),
        ("The town fell six months ago.", [("six months ago", D(2023, 9, 1), "month", True)]),
        ("Protests began last week.", [("last week", D(2024, 3, 4), "day", True)]),
        (
            "Clashes broke out earlier this month.",
            [("earlier this month", D(2024, 3, 1), "month", True)],
        ),
        ("Prices doubled last month.", [("last month", D(2024, 2, 1), "month", True)]),
        ("Elections were held last year.", [("last year", D(2023, 1, 1), "year", True)]),
        ("He was killed on June 21.", [("June 21", D(2023, 6, 21), "day", False)]),
        ("The vote is on March 16.", [("March 16", D(2024, 3, 16), "day", False)]),
        ("It happened on 21 June 2024.", [("21 June 2024", D(2024, 6, 21), "day", False)]),
        ("Filed 2024-06-21 by staff.", [("2024-06-21", D(2024, 6, 21), "day", False)]),
        ("He was sentenced on 12/03/2024.", [("12/03/2024", D(2024, 3, 12), "day", False)]),
        ("Polls closed on 11/30/2023 at dusk.", [("11/30/2023", D(2023, 11, 30), "day", False)]),
        ("Rallies were held over the weekend.", [("over the weekend", D(2024, 3, 9), "day", True)]),
        ("Born on June 21, 2019, she", [("June 21, 2019", D(2019, 6, 21), "day", False)]),
        ("The raid on Jan. 5 killed four.", [("Jan. 5", D(2024, 1, 5), "day", False)]),
        ("On the 3rd of March rebels attacked.", [("3rd of March", D(2024, 3, 3), "day", False)]),
        ("The floods began in March.", [("March", D(2024, 3, 1), "month", False)]),
        ("Riots erupted in December.", [("December", D(2023, 12, 1), "month", False)]),
        ("Fighting intensified in mid-January.", [("January", D(2024, 1, 1), "month", False)]),
        ("The ceasefire agreed in May 2020 collapsed.", [("May 2020", D(2020, 5, 1), "month", False)]),
        ("The war ended in 1997 with a deal.", [("1997", D(1997, 1, 1), "year", False)]),
        (
            "Veterans of the 1992-1997 civil war gathered.",
            [("1992", D(1992, 1, 1), "year", False), ("1997", D(1997, 1, 1), "year", False)],
        ),
        (
            "The 1992–97 conflict left scars.",
            [("1992", D(1992, 1, 1), "year", False), ("97", D(1997, 1, 1), "year", False)],
        ),
        ("Since 2010, attacks have grown.", [("2010", D(2010, 1, 1), "year", False)]),
        (
            "The ambush on Tuesday, June 21 was claimed by rebels.",
            [("June 21", D(2023, 6, 21), "day", False)],
        ),
    ],
)
def test_dates(text: str, expected: list[tuple[str, dt.date, str, bool]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "More than 2,000 people fled the fighting.",
        "The 1500 troops were deployed.",
        "A man aged 45 was shot.",
        "The clinic is open 24/7.",
        "The blast happened at 10:30 local time.",
        "The ransom was $2024 in cash.",
        "Officials may meet again soon.",
        "Thousands marched on Good Friday.",
        "She joined the cast of Saturday Night Live.",
        "The Sunday Times reported the story.",
        "Flight 1997 landed safely.",
        "In 2000 cases the police were never told.",
        "The group march through the capital every week.",
    ],
)
def test_not_dates(text: str) -> None:
    assert found(text) == []


def test_seed_without_publication_date_uses_the_run_date() -> None:
    mentions = extract_dates(SEED, split_sentences(SEED), None, RUN)
    assert [(m.text, m.precision, m.relative, m.reference) for m in mentions] == [
        ("on Wednesday", "day", True, "run"),
        ("on Tuesday", "day", True, "run"),
        ("on Wednesday", "day", True, "run"),
        ("June 21", "day", True, "run"),  # no year in the text: the run's year, so relative
        ("on Wednesday", "day", True, "run"),
        ("1997", "year", False, "run"),
    ]
    assert [m.sentence_index for m in mentions] == [0, 1, 5, 6, 10, 11]
    assert mentions[1].value == D(2026, 11, 24)  # 2026-11-26 is a Thursday
    assert mentions[0].value == D(2026, 11, 25)
    assert mentions[5].value == D(1997, 1, 1)


def test_seed_with_publication_date() -> None:
    published = dt.datetime(2012, 7, 25, 9, tzinfo=dt.UTC)  # a Wednesday
    by_text = {m.text: m for m in extract_dates(SEED, split_sentences(SEED), published, RUN)}
    assert by_text["on Tuesday"].value == D(2012, 7, 24)
    assert by_text["on Wednesday"].value == D(2012, 7, 25)
    assert by_text["June 21"].value == D(2012, 6, 21)
    assert {m.reference for m in by_text.values()} == {"published"}


def test_mention_lies_inside_its_sentence() -> None:
    text = "Rebels attacked on Monday.\nThe army hit back on Tuesday."
    sentences = split_sentences(text)
    for m in extract_dates(text, sentences, PUB, RUN):
        s = sentences[m.sentence_index]
        assert s.char_start <= m.char_start < m.char_end <= s.char_end


_PIECES = ["on ", "last ", "in ", "Monday", "June", "May", " ", "1997", "-", "/", "21", "2024", "days ago",
           "ago", "this ", "week", ", ", ".", "\n", "99", "0000", "Sept.", "of ", "29", "Feb"]  # fmt: skip


@given(
    st.lists(st.sampled_from(_PIECES), max_size=40).map("".join),
    st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 1, 1)),
)
def test_never_raises_and_spans_stay_inside_sentences(text: str, anchor: dt.date) -> None:
    sentences = split_sentences(text)
    for m in extract_dates(text, sentences, None, anchor):
        s = sentences[m.sentence_index]
        assert s.char_start <= m.char_start < m.char_end <= s.char_end
        assert text[m.char_start : m.char_end] == m.text
