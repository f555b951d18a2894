"""The event's admin-1 region on event notes: a bare country is coded to its seat of government.

Passages written for these tests (none taken from the dev data)."""

from __future__ import annotations

import pytest

from tasks.core.extraction.gazetteer import load_gazetteer
from tests.unit.extraction.helpers import figures_of


@pytest.mark.parametrize(
    ("text", "country", "region"),
    [
        (
            "Several hundred teachers marched in Benin to demand the payment of two months of salary arrears.",
            "BJ",
            "Littoral",
        ),
        ("Police in Ivory Coast dispersed a rally of opposition youths with tear gas on Saturday.", "CI", "Abidjan"),
        ("Bolivian miners protested against a new mining law and blocked traffic for several hours.", "BO", "La Paz"),
    ],
)
def test_a_bare_country_is_coded_to_its_seat_of_government(text: str, country: str, region: str) -> None:
    """Where the constitutional capital is not the seat of government, the seat's region and point."""
    figures = figures_of(text)
    assert figures.event_country == country
    assert figures.event_precision == "country"
    assert figures.event_admin1 is not None and region in figures.event_admin1
    capital = load_gazetteer().capital_of(country)
    assert capital is not None and (figures.event_lat, figures.event_lon) != (capital.lat, capital.lon)


def test_a_country_whose_government_sits_in_its_capital_keeps_the_capital() -> None:
    """Most countries: the capital is the seat (Ghana, Accra)."""
    figures = figures_of("Nurses in Ghana went on strike over unpaid allowances, shutting clinics for a week.")
    assert figures.event_country == "GH"
    assert figures.event_admin1 == "Greater Accra"
