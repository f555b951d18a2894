"""How news names the victims of a count without a figure: "both", an age in words, a fronted "one man, identified
as ...", a bullet as the subject of the hit. Passages written for these tests (invented names, places and wording;
none from the dev data)."""

from __future__ import annotations

import pytest

from tests.unit.extraction.helpers import casualties


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunfire broke out at a cookout on Pruitt Lane. Both were taken to a hospital, police said.", (None, 2)),
        ("A pickup was sprayed with bullets near the Orchard Mall. Both victims died at the scene.", (2, None)),
        ("The brothers were shot outside a Camden Road gas station. They were both hospitalised.", (None, 2)),
        # "both" negated: a zero, never a count
        ("Shots hit the front of the Rusk Street duplex. Both were not hurt, officers said.", (None, 0)),
    ],
)
def test_both_counts_two(text: str, expected: tuple[int | None, int | None]) -> None:
    assert casualties(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an age in words between the victim and its clause
        ("Troopers met a driver in his forties who was shot in the shoulder on the Route 12 overpass.", (None, 1)),
        # a fronted "one man", an apposition between commas
        ("One man, identified by the coroner as 41-year-old Dale Perrin, was killed in the exchange.", (1, None)),
        # a bullet, a round, shrapnel as the subject of the hit
        ("The pistol went off in the holster and the round struck him in the calf, deputies said.", (None, 1)),
        ("One of the shots struck the cashier in the back as she ran for the door.", (None, 1)),
    ],
)
def test_victims_named_without_a_figure(text: str, expected: tuple[int | None, int | None]) -> None:
    assert casualties(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a bullet that hit a thing is no injury
        "A stray bullet struck the kitchen window of a house on Pell Court, but nobody was inside.",
        "Both sides traded fire across the river for an hour, residents said.",
    ],
)
def test_no_person_hit_no_count(text: str) -> None:
    assert casualties(text) in ((None, None), (None, 0))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # where a named victim lives, between the name and the verb
        ("Marcus Tealby, 27, of East Harlow, was shot in the hip outside a corner store.", (None, 1)),
        ("Ines Vardo, of the 1200 block of North Ferris Avenue, was killed in the exchange of fire.", (1, None)),
        ("Tealby of Orris Bend, Ala., was wounded in the forearm, deputies said.", (None, 1)),
    ],
)
def test_a_residence_between_name_and_verb(text: str, expected: tuple[int | None, int | None]) -> None:
    assert casualties(text) == expected


def test_a_victim_found_killed_in_a_reduced_relative() -> None:
    """ "the man found shot to death": the participle phrase right after its person, no "was" (passages written
    for this test)."""
    assert casualties("Deputies identified the man found shot to death near the silo as Leo Park.")[0] == 1
    assert casualties("Deputies identified a woman found stabbed to death in her flat as Rosa Diaz.")[0] == 1
    assert casualties("The dog was found beaten to death behind the barn.")[0] is None


def test_a_victim_before_where_they_were_or_a_dashed_aside() -> None:
    """ "a driver inside the van was shot": a short phrase of place between the person and the verb; "a girl —
    believed to be a bystander — was shot": an aside set off by dashes (passages written for this test)."""
    assert casualties("Officers said a 30-year-old driver inside the van was shot in the hip.") == (None, 1)
    assert casualties("A woman at the party was shot in the arm.") == (None, 1)
    text = "A teenage boy — a neighbour walking home from work — was shot in the foot."
    assert casualties(text) == (None, 1)
    assert casualties("The bullet in the wall was recovered by detectives.") == (None, None)
