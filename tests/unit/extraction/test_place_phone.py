"""Phone numbers' area codes as a state clue for towns many states share (place_phone), on invented passages."""

from __future__ import annotations

import datetime as dt

import pytest

from tasks.core.extraction import extract_fields
from tasks.core.extraction.place_phone import area_codes, phone_regions, phone_states


def event_of(text: str) -> tuple[str | None, str | None, str | None]:
    f = extract_fields(text, language="en", published_at=dt.datetime(2022, 9, 6), reference_date=dt.date(2022, 9, 6))
    return f.figures.event_country, f.figures.event_admin1, f.figures.event_place


def test_table_has_geographic_us_codes_only() -> None:
    table = area_codes()
    assert table["704"] == "NC" and table["617"] == "MA" and table["212"] == "NY" and table["202"] == "DC"
    assert "800" not in table and "888" not in table  # toll-free
    assert "416" not in table and "876" not in table  # Toronto, Jamaica


@pytest.mark.parametrize(
    ("text", "states"),
    [
        ("Call (617) 555-0134 or 614.555.0199.", {"MA": 1, "OH": 1}),
        ("Tips go to 1-217-555-0102 or 1-800-555-0175.", {"IL": 1}),
        ("Case number 2022-555-0199-4 and the 12345 block.", {}),
        ("Call 704-555-0100 and 704-555-0111.", {"NC": 2}),
    ],
)
def test_phone_states(text: str, states: dict[str, int]) -> None:
    assert dict(phone_states(text)) == states


def test_regions_weigh_the_most_frequent_state_most() -> None:
    regions = phone_regions("Call 704-555-0100, 704-555-0111 or 803-555-0122.")
    assert regions[("US", "NC")] > regions[("US", "SC")] > 0


@pytest.mark.parametrize(
    ("text", "admin1", "place"),
    [
        # a Crime Stoppers line in western Massachusetts: that Springfield, not the bigger one in Missouri
        (
            "Gunfire hit a delivery driver, 19, near a laundromat in Springfield late Saturday, police said. Officers "
            "found "
            "him on Quillfeather Lane with a gunshot wound to the leg. Anyone with information is asked to call Crime "
            "Stoppers at 413-555-0147.",
            "Massachusetts",
            "Springfield",
        ),
        # a detective's desk in Georgia: the Georgia Columbus, not Ohio's
        (
            "Two men were shot outside a bar in Columbus early Sunday. One of them, Darnell Okafor, 27, died at the "
            "scene. Detectives ask anyone who saw the shooting to call (706) 555-0162.",
            "Georgia",
            "Columbus",
        ),
    ],
)
def test_area_code_picks_the_namesake(text: str, admin1: str, place: str) -> None:
    assert event_of(text) == ("US", admin1, place)


def test_named_state_beats_the_number() -> None:
    text = (
        "A woman was shot in Springfield, Illinois, on Friday night. The tip line of the state bureau is 573-555-0188."
    )
    assert event_of(text) == ("US", "Illinois", "Springfield")


def test_a_neighbourhood_of_the_home_town_is_the_home_town() -> None:
    # "the Kenwood neighborhood": a part of the town whose police report it, not the Ohio town of that name
    text = (
        "Toledo police said a teenager was shot twice on Wrenfield Court in the Kenwood neighborhood early "
        "Tuesday; doctors expect him to recover."
    )
    assert event_of(text)[1:] == ("Ohio", "Toledo")
