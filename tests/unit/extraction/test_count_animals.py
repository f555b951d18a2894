"""Animals shot or killed are no casualties, and a few trades name people the victim lists lacked. Passages written
for these tests (invented names, places and wording; none from the dev data)."""

from __future__ import annotations

import pytest

from tests.unit.extraction.helpers import casualties


@pytest.mark.parametrize(
    "text",
    [
        # a breed as the victim's head noun
        "Deputies said the man fired at a neighbour's yard on Tillery Road. The 5-year-old terrier was struck "
        "and later died at an animal clinic. The man was arrested.",
        # a word that also names people, after a dog is named
        "Officers said Marla Quince fired twice at her ex-husband's dog outside the Brantwood duplex. The "
        "7-year-old boxer died at the scene. She was booked into the county jail.",
        # "which" refers to a thing or an animal, not to the sentence's subject
        "A deputy shot the pit bull, which died on the lawn. The owner was cited for keeping a dangerous animal.",
        "Troopers fired at the horse, which was killed after it charged at them on the highway shoulder.",
    ],
)
def test_an_animal_is_no_casualty(text: str) -> None:
    assert casualties(text) == (None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A former boxer was shot and killed outside a gym on Halden Avenue on Tuesday.", (1, None)),
        ("A 19-year-old shepherd was killed by a stray bullet near the village of Koro-Dembe.", (1, None)),
        ("Gunmen killed three herdsmen and stole their cattle on Sunday.", (3, None)),
        # "who" keeps its person
        ("An officer shot the suspect, who died at the scene, police said.", (1, None)),
        # a thing after "which" with the count after the trigger is still counted
        ("A car bomb went off near the market, which killed five people on Friday.", (5, None)),
    ],
)
def test_people_stay_counted(text: str, expected: tuple[int | None, int | None]) -> None:
    assert casualties(text) == expected
