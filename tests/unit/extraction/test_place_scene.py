"""Places that are not the scene of a local crime report: the hospital's town, where a named person lives, a
namesake of a part of town."""

from __future__ import annotations

import datetime as dt

import pytest

from tasks.core.extraction import extract_fields
from tasks.core.extraction.place_care import cared_for_at
from tasks.core.extraction.place_cues import event_weight


def event_of(text: str) -> tuple[str | None, str | None, str | None]:
    f = extract_fields(text, language="en", published_at=dt.datetime(2021, 5, 4), reference_date=dt.date(2021, 5, 4))
    return f.figures.event_country, f.figures.event_admin1, f.figures.event_place


def at(text: str, name: str) -> tuple[str, int, int]:
    start = text.index(name)
    return text, start, start + len(name)


@pytest.mark.parametrize(
    "text",
    [
        "Joliet police said a woman was shot on Pine Street early Sunday. She was taken to Mercy Medical Center in "
        "Aurora, where she was in stable condition.",
        "Police said a woman was shot on Pine Street early Sunday. She was rushed to a Aurora hospital, where she "
        "died, Joliet police said.",
    ],
)
def test_hospital_town_is_no_scene(text: str) -> None:
    assert event_of(text) == ("US", "Illinois", "Joliet")


@pytest.mark.parametrize(
    ("text", "name", "cared"),
    [
        ("He was transported by medics to Saint Luke's Hospital in Aurora.", "Aurora", True),
        ("She later died at a medical center in Sparks, officials said.", "Sparks", True),
        ("He was flown to Macon Hospital in critical condition.", "Macon", True),
        # a hospital attacked is the scene: no one was taken there
        ("Shelling hit a hospital in Kharkiv on Monday.", "Kharkiv", False),
        ("A man was taken into custody in Aurora.", "Aurora", False),
    ],
)
def test_cared_for_at(text: str, name: str, cared: bool) -> None:
    assert cared_for_at(*at(text, name)) is cared


def test_residence_weighs_against_the_scene() -> None:
    """ "Dana Reyes, 24, of Elmira" and "two Elmira men": where people live, below a plain locative."""
    lived = "Dana Reyes, 24, of Elmira, was charged on Monday."
    men = "Two Elmira men were charged on Monday."
    plain = "A car was hit by gunfire in Elmira on Monday."
    assert event_weight(*at(lived, "Elmira")) < 0 < event_weight(*at(plain, "Elmira"))
    assert event_weight(*at(men, "Elmira")) <= -1.5


def test_part_of_town_read_elsewhere_is_dropped() -> None:
    """ "the Mission district of Fresno": the gazetteer's Mission (Texas) is a namesake, not the part of town."""
    text = "A man was shot in the Mission district of Fresno on Saturday, police said."
    assert event_of(text)[:2] == ("US", "California")


def test_residence_by_street_address() -> None:
    lived = "Ray Lutz, 61, of the 2300 block of Oak Avenue in Elmira, was arrested at the scene."
    assert event_weight(*at(lived, "Elmira")) < 0


def test_residence_yields_to_the_home_police() -> None:
    """Where the arrested man lives is no scene when the text names the police force whose town it was."""
    text = (
        "Ray Lutz, 61, of the 2300 block of Oak Avenue in Massillon, was arrested at the scene of the crash, "
        "Canton police said."
    )
    assert event_of(text) == ("US", "Ohio", "Canton")
