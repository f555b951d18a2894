"""Victims of one casualty clause joined by "and" add up; parts introduced by "including" are subsets. Passages
written for these tests (invented names, places and wording; none from the dev data)."""

from __future__ import annotations

import pytest

from tasks.core.extraction.counts import extract_counts
from tasks.core.extraction.sentences import split_sentences
from tests.unit.extraction.helpers import casualties, figures_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a figure, then a single victim, before a passive trigger
        ("Two gendarmes and a herder were killed when gunmen raided the Kossou-Bali market on Thursday.", 3),
        # a list of figures ending in a single victim
        ("Four soldiers, two customs officers and a driver were killed in the ambush near Tindara.", 7),
        # a single victim, then a possessive figure
        ("A trader and her three sons died when the mob set fire to their shop in Marovi.", 4),
        # an active trigger's figure object, then a single victim
        ("The army said its troops killed eleven insurgents and a local commander in the forest of Dabsi.", 12),
        # an active trigger's single object, then a figure
        ("Unknown gunmen killed a ward councillor and two of his brothers at their home in Lepaya on Sunday.", 3),
        # figures of one group joined by "and" after an active trigger
        ("The raiders killed three policemen and two prison guards before they freed the inmates.", 5),
        ("Herdsmen killed four farmers and two fishermen along the river bank near Oshogo.", 6),
    ],
)
def test_joined_victims_add_up(text: str, expected: int) -> None:
    assert casualties(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "including", "among them", "of whom", "of them" open a subset: never added
        ("Six villagers were killed, including two children, when the attackers stormed Gamboru-Tal.", 6),
        ("The blast killed nine people, including a soldier and two traders, at the Kelo bus station.", 9),
        ("Militants killed three soldiers, including a captain, near the Tamsi checkpoint.", 3),
        ("The gunmen killed seven people, four of them women, at a wedding in Birni-Koro.", 7),
        ("Fighting killed fourteen fighters, among them two commanders, in the hills above Sabo.", 14),
        # a breakdown the size of the total is the total
        ("The bombing killed ten people, six pilgrims and four guards, at the shrine of Ndoru.", 10),
    ],
)
def test_subset_parts_are_not_added(text: str, expected: int) -> None:
    assert casualties(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the single victim is the object of another trigger: not joined to the hurt
        ("The gunman shot dead a guard and two customers were hurt as they fled the Pelham Street bank.", (1, 2)),
        # a verb after "and", not a victim
        ("Rebels killed three soldiers and wounded two others outside the Kaboro barracks.", (3, 2)),
        # the listed victims are negated: a zero, not a count
        ("The two drivers and a passenger were not injured when the bus was fired on near Tolon.", (None, 0)),
    ],
)
def test_joined_victims_stay_in_their_clause(text: str, expected: tuple[int | None, int | None]) -> None:
    assert casualties(text) == expected


def test_each_part_keeps_its_group_and_span() -> None:
    text = "Three soldiers and a teacher were killed when the convoy hit a mine near Ouro-Sani."
    counts = [c for c in extract_counts(text, split_sentences(text)) if c.kind == "killed"]
    assert sorted((c.value_low, c.victim_group, text[c.number_start : c.number_end]) for c in counts) == [
        (1, "civilians", "a teacher"),
        (3, "security_forces", "Three"),
    ]
    assert {text[c.trigger_start : c.trigger_end] for c in counts} == {"killed"}


def test_the_document_figure_is_the_event_total() -> None:
    text = "The troops killed eight bandits and a notorious gang leader in the Rugu forest, the army said on Monday."
    assert figures_of(text).killed == 9


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two single victims, each with its own trigger, joined by "and"
        (
            "Medics treated a 31-year-old courier who was shot twice near the Dellwood bus shelter and a 15-year-old "
            "girl who was shot in one hand.",
            (None, 2),
        ),
        # a possessive names a new person
        ("Mara Pell, 47, was shot in the back and her brother, Ivo Pell, 50, was shot in the wrist.", (None, 2)),
        # "another" after a second killing verb
        ("Bandits shot dead a miller at his mill and beheaded another on the road to Sarkin-Dawa.", (2, None)),
    ],
)
def test_single_victims_of_one_sentence_joined_by_and(text: str, expected: tuple[int | None, int | None]) -> None:
    assert casualties(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the same victim named again by a second trigger: one person
        ("A cyclist was shot in the thigh on Marlow Road and the cyclist was taken to a hospital.", (None, 1)),
        ("A clerk was shot during the robbery, and he was taken to hospital in stable condition.", (None, 1)),
    ],
)
def test_a_victim_named_again_is_not_added(text: str, expected: tuple[int | None, int | None]) -> None:
    assert casualties(text) == expected
