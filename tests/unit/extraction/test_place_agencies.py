"""US local news: a state's agencies as a state clue, a person's surname, the people's home town (invented passages)."""

from __future__ import annotations

import datetime as dt

import pytest

from tasks.core.extraction import extract_fields
from tasks.core.extraction.place_agencies import agency_regions
from tasks.core.extraction.place_cues import find_datelines
from tasks.core.extraction.place_idioms import idiom_countries


def event_of(text: str) -> tuple[str | None, str | None, str | None]:
    f = extract_fields(text, language="en", published_at=dt.datetime(2022, 9, 6), reference_date=dt.date(2022, 9, 6))
    return f.figures.event_country, f.figures.event_admin1, f.figures.event_place


def places_of(text: str) -> set[str]:
    f = extract_fields(text, language="en", published_at=dt.datetime(2022, 9, 6), reference_date=dt.date(2022, 9, 6))
    return {p.text for p in f.places}


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("Casings went to the Ohio Bureau of Criminal Identification.", {("US", "OH")}),
        ("The Florida Highway Patrol and the West Virginia State Police", {("US", "FL"), ("US", "WV")}),
        ("held by the Georgia Department of Corrections", {("US", "GA")}),
        ("The Washington Post and Ohio State fans", set()),  # a newspaper, a university: no agency
        ("He moved to Texas last year.", set()),  # a state named on its own is a place mention, not an agency
    ],
)
def test_agency_regions(text: str, regions: set[tuple[str, str]]) -> None:
    assert set(agency_regions(text)) == regions


@pytest.mark.parametrize(
    ("text", "state"),
    [
        (
            "Shots were fired outside a tavern in Columbus late Saturday, and a window was shattered. Agents of "
            "the Georgia Bureau of Investigation are helping local detectives.",
            "Georgia",
        ),
        (
            "Officers were called to a home in Wilmington on Sunday after a man fired a rifle into the air. The "
            "Delaware State Police crime lab is examining the weapon.",
            "Delaware",
        ),
    ],
)
def test_a_state_agency_settles_a_town_many_states_share(text: str, state: str) -> None:
    country, admin1, _ = event_of(text)
    assert (country, admin1) == ("US", state)


def test_a_newspaper_is_no_state_clue() -> None:
    text = (
        "Officers were called to a home in Wilmington on Sunday after a man fired a rifle into the air, "
        "The Washington Post reported."
    )
    assert event_of(text)[1] != "Washington"


def test_a_surname_read_as_a_person_is_no_place() -> None:
    text = (
        "Police said the victim, Dorian Harris, was shot in the arm on Maple Lane in Dayton on Tuesday. "
        "Witnesses said the gunman got out of a car and opened fire at Harris before driving away."
    )
    assert "Harris" not in places_of(text)
    assert event_of(text)[2] == "Dayton"


def test_the_people_s_home_town_when_no_scene_is_named() -> None:
    text = (
        "A 31-year-old Tacoma man suffered a gunshot wound to the shoulder early Friday on Ninth Street, "
        "police said. He was listed in stable condition."
    )
    assert event_of(text) == ("US", "Washington", "Tacoma")


@pytest.mark.parametrize(
    "text",
    [
        # two towns: no way to tell which is the scene
        "A Tacoma man and a Yakima woman were shot early Friday on Ninth Street, police said.",
        # the scene is named: it wins over the home town
        "A Tacoma man was shot early Friday outside a bar in Olympia, police said.",
    ],
)
def test_the_home_town_only_alone(text: str) -> None:
    assert event_of(text)[2] != "Tacoma"


def test_a_gun_stolen_out_of_a_state_is_no_scene() -> None:
    text = (
        "ALBANY — Detectives searching an apartment on Lark Street on Thursday found a revolver that had been "
        "reported stolen out of Vermont, police said."
    )
    assert event_of(text)[1] != "Vermont"


@pytest.mark.parametrize(
    "text",
    [
        "Deputies stopped a pickup on U.S. 19 South near a gas station on Monday, the Pasco County Sheriffs Office "
        "said, and found a loaded pistol under the seat.",
        "Deputies stopped a pickup on US Highway 19 near a gas station on Monday, the Pasco County Sheriff's Office "
        "said, and found a loaded pistol under the seat.",
    ],
)
def test_a_federal_road_is_neither_the_country_nor_a_direction(text: str) -> None:
    places = places_of(text)
    assert not places & {"U.S.", "US", "South"}
    assert event_of(text)[:2] == ("US", "Florida")


def test_a_dateline_run_into_the_text_after_a_teaser() -> None:
    text = (
        "A man fired a shotgun at deputies from his porch, officials said. SCOTTSBORO — Deputies were "
        "called to a home in Jackson County on Thursday after a man fired a shotgun from his porch."
    )
    assert [text[d.start : d.end] for d in find_datelines(text)] == ["SCOTTSBORO"]
    assert event_of(text)[:2] == ("US", "Alabama")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "EAST ST. LOUIS, Il. - A man was shot in the arm late Friday on Bond Avenue, police said.",
            ("US", "Illinois", "East Saint Louis"),
        ),
        ("PARIS, Tx. - A woman was shot in the leg on Sunday night, police said.", ("US", "Texas", "Paris")),
    ],
)
def test_title_cased_state_codes_and_a_saint_in_a_dateline(text: str, expected: tuple[str, str, str]) -> None:
    assert event_of(text) == expected


def test_a_name_read_as_a_person_throughout_is_no_country() -> None:
    text = (
        "FLINT, Mich. - Marcus Jordan, 20, faces charges after a robbery on Saginaw Street. Detectives say Jordan "
        "pulled a pistol on a clerk. Police said Jordan fled on foot and was caught two blocks away."
    )
    assert event_of(text)[:2] == ("US", "Michigan")


def test_a_police_log_s_field_labels_are_no_headings() -> None:
    text = (
        "Date: Monday, March 3, 2025, 14:10 Location: 200 Bluff Road Offense: Aggravated Assault. "
        "Police in Laredo arrested a 30-year-old man after he pointed a pistol at a neighbor."
    )
    assert event_of(text)[:2] == ("US", "Texas")


@pytest.mark.parametrize(
    ("text", "n_us"),
    [
        ("Police were called to the 600 block of Elm Street.", 1),
        ("CBS21 reports that officers arrived within minutes.", 1),
        ("The shots were fired near 30th Avenue.", 1),
        ("A spokesman for the Linden Police Department said.", 1),
        ("He was arraigned on a felony weapons charge.", 1),
        ("He was charged with a misdemeanour at the magistrates' court.", 0),  # British spelling and court
        ("Detectives from West Midlands Police said.", 0),
    ],
)
def test_us_news_idioms(text: str, n_us: int) -> None:
    assert idiom_countries(text).count("US") == n_us


@pytest.mark.parametrize(
    "text",
    [
        "Birmingham police said a man was shot on 23rd Street South on Wednesday.",
        "A man was shot in York on Saturday. CBS21 reports officers were dispatched to Clark Avenue.",
        "Manchester police said a man was arraigned on a felony charge after shots were fired at a bar.",
    ],
)
def test_a_town_many_countries_share_in_us_local_news(text: str) -> None:
    assert event_of(text)[0] == "US"


def test_a_city_s_sides_are_no_regions_abroad() -> None:
    text = "Two men were wounded in shootings overnight on the West and Northwest Sides, police said."
    assert event_of(text)[0] in (None, "US")
    assert not places_of(text) & {"West", "Northwest"}


def test_another_town_s_alias_far_from_the_story_s_region_is_no_place() -> None:
    text = (
        "Deputies were called to a cabin near Union Mills on Saturday after shots were fired. The man was taken "
        "to a hospital in Indianapolis, and the Marion County prosecutor in Indiana will review the case."
    )
    assert "Union Mills" not in places_of(text)  # an old name of an Ohio village; Indiana has its own
