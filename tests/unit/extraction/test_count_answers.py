"""A count's event answering an earlier death: the past cue of the answered death does not date the count.

Passages written for these tests (none taken from the dev data)."""

from __future__ import annotations

import pytest

from tests.unit.extraction.helpers import casualties, figures_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the earlier death's own past cue ("a few days earlier", "last month") follows the trigger
        ("Gunmen killed four villagers in reprisal for the death of a herder a few days earlier.", (4, None)),
        ("Raiders shot dead two traders as revenge for the murder of a kinsman last week.", (2, None)),
        ("Militiamen killed six farmers to avenge a cattle keeper killed two weeks before.", (6, None)),
        ("Youths wounded three guards in retaliation for the killing of a boy earlier this month.", (None, 3)),
        # a count inside the answered death stays historical
        ("Youths burned the police post in revenge for the killing of two traders last month.", (None, None)),
        ("Herders attacked a village in reprisal for the death of five cattle a few days earlier.", (None, None)),
    ],
)
def test_answered_death_keeps_its_own_time(text: str, expected: tuple[int | None, int | None]) -> None:
    assert casualties(text) == expected


def test_answering_event_keeps_its_place() -> None:
    """The count's sentence stays the event's: its place is the scene."""
    figures = figures_of(
        "12 March (approximate). Armed herders raided Kpessi in Savalou and killed three residents"
        " as reprisal for the death of a herder a few days earlier."
    )
    assert figures.killed == 3
    assert figures.event_country == "BJ"
