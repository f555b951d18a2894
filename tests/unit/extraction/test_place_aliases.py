"""GeoNames' stray names never make a place: a town's nickname ("Google" is listed for Topeka) inside an
organisation, a hamlet or a stray alias that shares a state's name ("Florida"), a bare landform word ("the Gulf")."""

from __future__ import annotations

import datetime as dt

import pytest

from tasks.core.extraction import extract_fields
from tasks.core.extraction.model import Place


def resolved(text: str) -> list[Place]:
    f = extract_fields(text, language="en", published_at=dt.datetime(2022, 3, 1), reference_date=dt.date(2022, 3, 1))
    return list(f.places)


def places_of(text: str) -> list[tuple[str, str | None]]:
    return [(p.name, p.country_code) for p in resolved(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Early on, the founders decided to restructure Google's engineering teams around small groups.",
        "Google Drive and the rival office suites both offer shared editing for students.",
    ],
)
def test_a_company_named_like_a_town_nickname_is_no_place(text: str) -> None:
    assert places_of(text) == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("The Benghazi Medical Centre said five people were brought in after the blast.", ("Benghazi", "LY")),
        ("Officials of the Government of Togo said the march was banned.", ("Togo", "TG")),
    ],
)
def test_a_place_inside_an_organisation_still_counts(text: str, place: tuple[str, str]) -> None:
    assert place in places_of(text)


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Florida voters will choose a new governor in November.", "Florida"),
        ("Made of Maryland marble, the monument was the tallest stone structure of its day.", "Maryland"),
        ("Iowa lawmakers passed the school budget late on Thursday.", "Iowa"),
    ],
)
def test_a_state_is_not_read_as_a_hamlet_or_a_stray_alias_of_its_name(text: str, state: str) -> None:
    [place] = resolved(text)
    assert (place.country_code, place.admin1, place.feature_kind) == ("US", state, "region")


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Police in New York said two men were arrested after the robbery.", "New York City", "US"),
        ("Militants shelled Deraa overnight, wounding four people.", "Dar‘ā", "SY"),
        ("Gunmen killed three farmers in Plateau State on Sunday.", "Plateau", "NG"),
    ],
)
def test_a_city_or_region_of_the_name_still_reads_as_before(text: str, name: str, country: str) -> None:
    assert (name, country) in places_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "The earthquake rattled the East Coast on Tuesday afternoon.",
        "The Coast Guard rescued twelve people from a sinking boat.",
        "Greenpeace has launched a two-month expedition to the Gulf.",
    ],
)
def test_a_bare_landform_word_is_no_place(text: str) -> None:
    assert places_of(text) == []


def test_a_speaking_surname_is_the_person_even_after_a_place() -> None:
    text = (
        "Navy Secretary Alan Gates toured the shipyard. In a speech in Norfolk, Gates spoke of the cost of "
        "new frigates."
    )
    assert [name for name, _ in places_of(text)] == ["Norfolk"]
