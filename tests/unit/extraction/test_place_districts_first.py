"""Uganda's regions have no government: its districts are the first level of administration, and the event's
admin-1 is the district (figures.DISTRICTS_FIRST); the place keeps GeoNames' region. And "X Island" is X when the
gazetteer knows X and not the island (place_mentions.TRAILING_TYPE)."""

from __future__ import annotations

import datetime as dt

from tasks.core.extraction import extract_fields

PUBLISHED = dt.datetime(2023, 4, 2, tzinfo=dt.UTC)


def _fields(text: str):  # noqa: ANN202 -- the extractor's Fields
    return extract_fields(text, language="en", published_at=PUBLISHED, reference_date=PUBLISHED.date())


def test_a_ugandan_event_takes_its_district_as_admin1() -> None:
    f = _fields("Boda boda riders blocked a road in Gulu, Uganda, to protest against a new parking fee.")
    assert (f.figures.event_country, f.figures.event_admin1, f.figures.event_admin2) == ("UG", "Gulu", "Gulu")
    gulu = next(p for p in f.places if p.name == "Gulu")
    assert gulu.admin1 == "Northern"


def test_other_countries_keep_their_region() -> None:
    f = _fields("Traders in Kisumu, Kenya, closed their shops to protest against a new market levy.")
    assert (f.figures.event_country, f.figures.event_admin1) == ("KE", "Kisumu")
    f = _fields("Farmers in Tamale, Ghana, marched against a rise in fertiliser prices.")
    assert (f.figures.event_country, f.figures.event_admin1) == ("GH", "Northern")


def test_an_island_named_after_its_town_is_found_without_the_word() -> None:
    f = _fields("Gunmen attacked a police post on Lamu Island in Kenya, wounding an officer.")
    assert (f.figures.event_country, f.figures.event_admin1) == ("KE", "Lamu")
