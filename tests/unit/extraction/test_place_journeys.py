"""A journey's ends locate an attack on the road when the text names no other place: "a bus leaving X",
"a convoy en route to X" (evidence of a place, never weighed as the scene itself); and a name NER ran across
two towns ("X for Y" tagged as one organisation) is left to the scan. Passages written for these tests."""

from __future__ import annotations

from tests.unit.extraction.helpers import figures_of


def test_an_ambush_on_a_bus_leaving_a_town() -> None:
    fig = figures_of("A lorry was attacked by armed men after leaving Bouca for Batangafo. Three people were killed.")
    assert (fig.event_country, fig.event_admin1) == ("CF", "Ouham")  # was the capital: NER ran the towns together


def test_a_bus_leaving_a_town_no_one_tagged() -> None:
    fig = figures_of("A bus was attacked by gunmen after leaving Dekoa for Sibut. One man was killed.")
    assert (fig.event_country, fig.event_admin1) == ("CF", "Kemo")


def test_a_convoy_en_route_to_a_town() -> None:
    fig = figures_of("Bandits attacked a fuel truck en route to Bozoum, killing the driver.")
    assert (fig.event_country, fig.event_admin1) == ("CF", "Ouham-Pendé")


def test_the_scene_still_wins_over_the_journeys_end() -> None:
    fig = figures_of("A convoy heading to Gao was ambushed in Ansongo on Monday; two soldiers died.")
    assert fig.event_admin2 == "Ansongo" or (fig.event_lat is not None and abs(fig.event_lat - 15.66) < 0.3)
