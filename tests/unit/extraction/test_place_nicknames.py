"""A place named inside an organisation's name is named as itself: GeoNames' nicknames of a town ("Google" is
listed for Topeka) never make a company a place."""

from __future__ import annotations

import datetime as dt

import pytest

from tasks.core.extraction import extract_fields


def places_of(text: str) -> list[tuple[str, str | None]]:
    f = extract_fields(text, language="en", published_at=dt.datetime(2022, 3, 1), reference_date=dt.date(2022, 3, 1))
    return [(p.name, p.country_code) for p in f.places]


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
