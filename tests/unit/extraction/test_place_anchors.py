"""The home place of local news (place_anchors) and admin-1 coherence (places._coherence), on invented passages."""

from __future__ import annotations

import datetime as dt

import pytest

from tasks.core.extraction import extract_fields


def event_of(text: str) -> tuple[str | None, str | None, str | None]:
    f = extract_fields(text, language="en", published_at=dt.datetime(2021, 5, 4), reference_date=dt.date(2021, 5, 4))
    return f.figures.event_country, f.figures.event_admin1, f.figures.event_place


@pytest.mark.parametrize(
    ("text", "admin1", "place"),
    [
        # a parish named by its sheriff: the Louisiana Greenwood, not the larger ones elsewhere
        (
            "Caddo Parish sheriff's deputies were called to a home in Greenwood where a man had been shot.",
            "Louisiana",
            "Greenwood",
        ),
        # a neighbourhood unknown in the dateline's state does not pull the event to a namesake elsewhere
        (
            "ASHEVILLE — A woman was shot Sunday near a store in the Oakley neighborhood, police said.",
            "North Carolina",
            "Asheville",
        ),
        # "Police in X": the home place; "the Black Rock section of the city" is a part of it
        (
            "Police in Bridgeport said a man was shot. Officers found the victim on Maple Avenue in the Black Rock "
            "section of the city.",
            "Connecticut",
            "Bridgeport",
        ),
        # a town named only by its police department is the event place when no other place is named
        (
            "Officers found a man shot in the arm in the 300 block of Elm Street, according to the Lake Charles "
            "Police Department.",
            "Louisiana",
            "Lake Charles",
        ),
        # a local dateline set off by a double hyphen
        ("AKRON, Ohio -- A man was shot Tuesday night on Elm Street, police said.", "Ohio", "Akron"),
        # a compass side of the city is no place of its own
        ("A man was shot on the city's East Side on Sunday, Toledo police said.", "Ohio", "Toledo"),
    ],
)
def test_home_place(text: str, admin1: str, place: str) -> None:
    assert event_of(text) == ("US", admin1, place)


def test_one_sense_per_name() -> None:
    """The dateline's qualified reading holds for every mention of the name."""
    text = "SALEM, Ore. — A Salem man was wounded Tuesday when someone fired at his car in Salem, police said."
    assert event_of(text)[1:] == ("Oregon", "Salem")


def test_admin1_coherence() -> None:
    """A county name shared by many states takes the state of the text's other place."""
    f = extract_fields(
        "Sheriff's deputies said a man was shot Friday near Chambersburg. Deputies in Franklin County are "
        "looking for the gunman.",
        language="en",
        published_at=None,
        reference_date=dt.date(2021, 5, 4),
    )
    county = next(p for p in f.places if p.text == "Franklin County")
    assert county.admin1 == "Pennsylvania"


@pytest.mark.parametrize(
    ("text", "admin1", "place"),
    [
        # the town or county a state abbreviation qualifies, read in that state, is the finer event place
        (
            "Two teens were hurt. HARDIN COUNTY, Ky. - Deputies said two teens were shot outside a home.",
            "Kentucky",
            "Hardin County",
        ),
        ("FT. PIERCE, Fla. - A man was shot Friday, police said.", "Florida", "Fort Pierce"),
    ],
)
def test_place_before_state_abbreviation(text: str, admin1: str, place: str) -> None:
    assert event_of(text) == ("US", admin1, place)


@pytest.mark.parametrize(
    ("text", "admin1", "place"),
    [
        # a foreign capital's name in a city police report with no other sign of that country: a part of town
        (
            "A man was shot in Lisbon early Sunday, according to the Memphis Police Department. Officers found him "
            "in the 1400 block of Cedar Street.",
            "Tennessee",
            "Memphis",
        ),
        # "The X County Coroner's Office" opening a sentence names the county; its town, not England's Leeds
        (
            "The Shelby County Coroner's Office identified the man shot inside a home in Leeds on Monday. He died "
            "at a hospital.",
            "Alabama",
            "Leeds",
        ),
        # the event sentence credits the home's police: a small namesake elsewhere is no reading ("p.m." is no break)
        (
            "A teenager was shot in Midtown around 9 p.m. Friday, according to the Tulsa Police Department. He was "
            "taken to a hospital.",
            "Oklahoma",
            "Tulsa",
        ),
    ],
)
def test_home_place_overrides_stray_reading(text: str, admin1: str, place: str) -> None:
    assert event_of(text) == ("US", admin1, place)


def test_foreign_reading_kept_with_its_country() -> None:
    """A named foreign country keeps the foreign reading even beside a US police force."""
    text = "A man from Memphis was shot in Lisbon, Portugal, on Sunday, the Memphis Police Department said."
    assert event_of(text)[0] == "PT"


def test_surname_is_no_place() -> None:
    """A bare name that is the surname of someone named in full is that person, not the country."""
    text = "Lena Jordan, 31, was arrested Friday after a shooting on Maple Street. Detectives said Jordan fired twice."
    assert event_of(text)[0] != "JO"
