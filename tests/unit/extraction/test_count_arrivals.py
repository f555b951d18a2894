"""Shooting victims who reach care on their own, or are found with their wounds, are injured; "life-threatening" is a
condition, not a threat. Passages written for these tests (invented names, places and wording; none from the dev
data)."""

from __future__ import annotations

import pytest

from tests.unit.extraction.helpers import casualties


@pytest.mark.parametrize(
    "text",
    [
        "Officers were sent to Orlin General on Friday night when a man turned up there with a gunshot wound, "
        "police said.",
        "A woman showed up at an urgent care clinic on Beale Road with a gunshot wound to the arm early Sunday.",
        "Deputies said a 17-year-old walked into an urgent care centre with a bullet wound in one foot.",
        "The victim later drove himself to the hospital with a gunshot wound, investigators said.",
        "Police were called to a hospital after a male arrived with gunshot injuries on Tuesday.",
        "The 40-year-old victim admitted himself to Saint Corwin Hospital an hour later with non-life-threatening "
        "wounds.",
        "Troopers found a driver in a pickup with a gunshot wound to the shoulder on the Route 9 ramp.",
    ],
)
def test_a_victim_who_came_to_care_with_a_wound_is_injured(text: str) -> None:
    assert casualties(text) == (None, 1)


@pytest.mark.parametrize(
    "text",
    [
        "Gunfire erupted on Dunmore Avenue late Saturday. The clerk suffered life-threatening injuries, police said.",
        "Police said the boy suffered a non-life threatening injury to his hand.",
        "A teen was shot near the Kessler Park pool. He was taken to Alder Creek Medical Center with non life-"
        "threatening injuries.",
        "Officers said the cashier sustained a life-threatening gunshot wound and was flown to a trauma centre.",
    ],
)
def test_life_threatening_is_a_condition(text: str) -> None:
    assert casualties(text) == (None, 1)


@pytest.mark.parametrize(
    "text",
    [
        # nobody hurt: stays NULL / zero
        "Shots were fired outside a bar on Kettle Street on Friday, but no one was hurt, police said.",
        "A man fired at a parked car with a rifle on Gorham Lane. Nobody was struck.",
        # a threat to harm, not a harm
        "The man was arrested after threatening to shoot his neighbour over a parking space.",
    ],
)
def test_no_one_hurt_stays_null(text: str) -> None:
    assert casualties(text)[1] in (None, 0)
    assert casualties(text)[0] is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A shooting outside the Larkin Street laundromat on Tuesday sent one man to the hospital.", 1),
        ("Gunfire at a house party sent three teenagers to a local hospital early Sunday, police said.", 3),
        ("The drive-by sent a 19-year-old to the hospital with a wound to the arm.", 1),
    ],
)
def test_the_people_a_shooting_sent_to_hospital_are_injured(text: str, expected: int) -> None:
    assert casualties(text)[1] == expected


def test_sent_to_hospital_for_an_evaluation_is_no_injury() -> None:
    text = "Officers arrested the man after a standoff and sent him to a hospital for a mental evaluation."
    assert casualties(text) == (None, None)
