"""An armed-violence event located only by its country goes to the region where the armed group it names fights,
not to the capital (place_force_region.py); national news keeps the capital. A number word is no place
(place_fallback.NUMERIC_LABELS)."""

from __future__ import annotations

import datetime as dt

import pytest

from tasks.core.extraction import extract_fields

PUBLISHED = dt.datetime(2023, 4, 2, tzinfo=dt.UTC)


def _figures(text: str):  # noqa: ANN202 -- the extractor's Figures
    return extract_fields(text, language="en", published_at=PUBLISHED, reference_date=PUBLISHED.date()).figures


@pytest.mark.parametrize(
    ("text", "country", "admin1"),
    [
        ("Nigerian troops repelled a Boko Haram raid on a farming hamlet, killing seven insurgents.", "NG", "Borno"),
        ("ISWAP fighters ambushed a military convoy on a rural road in Nigeria; four soldiers died.", "NG", "Borno"),
        ("Suspected Boko Haram gunmen killed three herders near the border in Cameroon.", "CM", "Far North"),
        ("The Arakan Army shelled a police outpost in Myanmar, wounding two officers.", "MM", "Rakhine"),
        ("TTP militants attacked a checkpoint in Pakistan, killing a soldier.", "PK", "Khyber Pakhtunkhwa"),
    ],
)
def test_fighting_goes_to_the_groups_region(text: str, country: str, admin1: str) -> None:
    f = _figures(text)
    assert (f.event_country, f.event_admin1, f.event_precision) == (country, admin1, "country")


def test_national_news_naming_the_group_keeps_the_capital() -> None:
    f = _figures("Hundreds of students marched in Nigeria to demand the release of girls held by Boko Haram.")
    assert f.event_type == "Protests"
    assert (f.event_country, f.event_admin1) == ("NG", "Abuja Federal Capital Territory")


def test_a_named_town_wins_over_the_groups_region() -> None:
    f = _figures("Boko Haram fighters attacked a market in Kano, Nigeria, killing five traders.")
    assert (f.event_country, f.event_admin1) == ("NG", "Kano")


@pytest.mark.parametrize(
    "text",
    ["Militants ambushed a patrol, killing nine soldiers.", "Nine soldiers were killed in an ambush overnight."],
)
def test_a_number_word_is_no_place(text: str) -> None:
    f = _figures(text)  # "Nine" is a town in Portugal
    assert f.event_country is None and f.event_place is None
