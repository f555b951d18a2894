"""Figures that are not the people a shooting hit: animals referred back to, injuries with nobody shot.

Passages written for these tests (none taken from the dev data)."""

from __future__ import annotations

import pytest

from tests.unit.extraction.helpers import casualties as figures


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a reference back ("them", "others") to animals counts no people
        ("Rangers in Kerrville met three stray dogs at the gate. A ranger shot and killed one of them.", (None, None)),
        ("Wardens culled four wolves near Bozeman this month. Six others were killed by hunters.", (None, None)),
        # ... but people stay people, even after an animal
        ("Gunmen stole 40 cattle and killed three herders in Jos. Two others were wounded.", (3, 2)),
        ("Two robbers attacked the guards in Leeds. A guard shot and killed one of them.", (1, None)),
        ("Three soldiers were killed in Gao. Two others were wounded.", (3, 2)),
    ],
)
def test_animals_referred_back(text: str, expected: tuple[int | None, int | None]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the gunfire hit nobody: the other injuries are not the shooting's
        (
            "A man fired two shots outside a bar in Tulsa. No one was hit by the gunfire. "
            "The bartender he had punched was taken to the hospital.",
            (None, 0),
        ),
        (
            "Deputies said the burglar was not shot, but he cut his arms on a window. "
            "He was treated for his injuries at a hospital in Modesto.",
            (None, 0),
        ),
        # someone was shot: the zero is about the others
        ("A woman was shot and wounded in Dayton. Nobody else was shot.", (None, 1)),
        ("Two men were shot in Camden on Friday. No one else was hit by the gunfire.", (None, 2)),
    ],
)
def test_injuries_when_nobody_was_shot(text: str, expected: tuple[int | None, int | None]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a death nobody caused is no casualty
        ("A hiker was found dead near Aspen on Sunday. Deputies said foul play was not suspected.", (None, None)),
        ("Sick Call 6:10 a.m. A woman was found dead in her flat in Hove. No sign of criminal activity.", (None, None)),
        ("An inmate in Yuma died of natural causes on Monday, the prison said.", (None, None)),
        ("A man was shot dead in Reno on Friday. Police said the killing was not random.", (1, None)),
        # taken to hospital for being drunk is no injury; after a crash it is
        (
            "In Grimsby a fisherman was taken to a hospital after a call about an intoxicated man.",
            (None, None),
        ),
        ("In Grimsby a cyclist was rushed to a hospital after a call about a drunk driver.", (None, 1)),
    ],
)
def test_deaths_and_hospital_trips_that_are_no_casualties(text: str, expected: tuple[int | None, int | None]) -> None:
    assert figures(text) == expected
