"""Injuries that gunfire did not cause, where nobody is reported shot (`counts.harm`): kept as claims, left out of
the injured figure. Passages written for these tests (invented names and places, none from the dev data)."""

from __future__ import annotations

import pytest

from tasks.core.extraction.counts import estimate_totals, extract_counts
from tasks.core.extraction.counts.harm import other_harm
from tasks.core.extraction.sentences import split_sentences


def injured(text: str) -> int | None:
    return estimate_totals(extract_counts(text, split_sentences(text)))["injured"]


@pytest.mark.parametrize(
    "text",
    [
        # a crash at the end of a chase, the cause in the sentence before
        "Deputies said a shot was fired at a patrol car on Quarry Lane. The fleeing pickup then crashed into a "
        "fence post. Its driver was taken to the hospital with minor injuries.",
        # a cut from a knife or glass
        "Someone fired two rounds into the air outside the Bellweather Inn. One man was treated for minor injuries "
        "from broken glass.",
        # a fall
        "Shots rang out near the Dunmore bus depot on Monday evening. One woman was treated for minor injuries after "
        "she fell on the steps.",
        # less-lethal force
        "Officers fired at the tyres of the stolen van but missed. The driver was taken to hospital after being "
        "hit with pepper spray.",
        # a precautionary or medical visit
        "Shots rang out near the Dunmore bus depot on Monday evening. One man was treated for minor injuries and "
        "taken to hospital as a precaution.",
        # a scuffle with an officer
        "A man fired a pistol into the ground outside a Larkfield bar. One officer suffered minor injuries in a "
        "scuffle while arresting him.",
    ],
)
def test_injury_not_caused_by_gunfire_is_not_counted(text: str) -> None:
    assert injured(text) is None


def test_the_claim_stays_with_its_cause() -> None:
    text = "Shots were fired on Tamsin Road. A cyclist was struck by a car and taken to the hospital."
    counts = extract_counts(text, split_sentences(text))
    marked = [c for c in counts if other_harm(c)]
    assert marked and all(c.kind == "injured" and c.cause == "crash" and c.qualifier is None for c in marked)
    assert estimate_totals(counts)["injured"] is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # someone is reported shot: every injury stays the shooting's
        ("A woman was shot in the hand on Corvel Street. She was taken to the hospital after her car crashed.", 1),
        ("A gunman shot two people outside a Penhallow diner before the getaway car crashed.", 2),
        # no cause named: an injury stays
        ("Shots were fired at a house on Brindle Avenue and one man was taken to the hospital.", 1),
    ],
)
def test_gunfire_injuries_still_count(text: str, expected: int) -> None:
    assert injured(text) == expected
