"""Roads named after the towns they link: both ends are places of the scene's country.

Passages written for these tests (none taken from the dev data)."""

from __future__ import annotations

import pytest

from tests.unit.extraction.helpers import figures_of


@pytest.mark.parametrize(
    ("text", "country", "place"),
    [
        ("Truckers blocked the Ouagadougou-Kaya road for hours to protest a new fuel tax.", "BF", "Ouagadougou"),
        ("Bandits ambushed a minibus on the Kano–Zaria highway and abducted six passengers.", "NG", "Kano"),
        ("Gunmen opened fire on a lorry along the Garissa-Nairobi route, wounding the driver.", "KE", "Garissa"),
        ("Farmers burned tyres on the Bohicon-Abomey axis after a dispute over land.", "BJ", "Bohicon"),
    ],
)
def test_road_ends_are_the_scene(text: str, country: str, place: str) -> None:
    figures = figures_of(text)
    assert figures.event_country == country
    assert figures.event_place == place


def test_a_road_across_borders_or_of_no_towns_is_no_place() -> None:
    """Ends in two countries, or ends that are no towns, give no reading of their own."""
    assert figures_of("Traffic on the Trans-Sahara highway was halted by a sandstorm.").event_place is None
