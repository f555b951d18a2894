"""Casualty figures on real-news phenomena (issue 10): false counts in zero-death texts, missed tolls.

Passages written for these tests (none taken from the dev data)."""

from __future__ import annotations

import pytest

from tasks.core.extraction.counts import estimate_totals, extract_counts
from tasks.core.extraction.sentences import split_sentences


def figures(text: str) -> tuple[int | None, int | None]:
    totals = estimate_totals(extract_counts(text, split_sentences(text)))
    return totals["killed"], totals["injured"]


@pytest.mark.parametrize(
    "text",
    [
        # the death a protest answers is an earlier event
        "Taxi drivers in Kumasi held a demonstration on Monday after a fellow driver was killed in a road crash.",
        "Students marched through Gondar to protest against a wave of robberies that had killed five people.",
        "Market women protested in Aba over a fire that left three traders dead.",
        # the object is an animal, not the victim of the first verb
        "Herders from a nearby camp wounded one farmer and killed two goats near Tamale.",
        "A number of villagers killed and burned more than a dozen sheep near Kano.",
    ],
)
def test_no_killed_figure(text: str) -> None:
    assert figures(text)[0] is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police fired on protesters marching in Harare, killing two of them.", 2),
        ("Protesters clashed with soldiers in Bamako; four protesters were killed.", 4),
        ("Herders wounded one farmer and killed two others near Tamale.", 2),
        ("The man was shot on Thursday and died over the weekend.", 1),
    ],
)
def test_killed_kept(text: str, expected: int) -> None:
    assert figures(text)[0] == expected
