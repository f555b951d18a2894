"""The event's admin-1 region and point on event notes: a bare country is coded to its capital.

Passages written for these tests (none taken from the dev data)."""

from __future__ import annotations

import pytest

from tasks.core.extraction.gazetteer import load_gazetteer
from tests.unit.extraction.helpers import figures_of


@pytest.mark.parametrize(
    ("text", "country", "capital"),
    [
        ("Pirates boarded a tanker off the coast of Togo and took four crew members hostage.", "TG", "Lomé"),
        ("Opposition supporters protested in Zambia against the postponement of the local polls.", "ZM", "Lusaka"),
        ("The government of Gabon suspended two newspapers for a month.", "GA", "Libreville"),
    ],
)
def test_a_bare_country_is_coded_to_its_capital(text: str, country: str, capital: str) -> None:
    """The capital's point and admin-1 region; the place stays the country, at country precision."""
    gaz = load_gazetteer()
    seat = gaz.capital_of(country)
    assert seat is not None and seat.name == capital
    figures = figures_of(text)
    assert figures.event_country == country
    assert figures.event_precision == "country"
    assert (figures.event_lat, figures.event_lon) == (seat.lat, seat.lon)
    region = gaz.admin1_of(seat)
    assert region is not None and figures.event_admin1 == region.name


def test_a_finer_place_of_the_country_keeps_the_country_point() -> None:
    """A town of the country named in another role (a hospital's town): the event may be near it, not at the
    capital; the country's own point stays."""
    figures = figures_of(
        "Soldiers in Chad arrested a journalist who had reported on a mutiny. He was later flown to a hospital "
        "in Abeche."
    )
    assert figures.event_country == "TD"
    assert figures.event_admin1 is None
    capital = load_gazetteer().capital_of("TD")
    assert capital is not None and (figures.event_lat, figures.event_lon) != (capital.lat, capital.lon)


@pytest.mark.parametrize(
    ("text", "country", "place"),
    [
        (
            "Bandits attacked a bus on the Nairobi-Mombasa highway between Voi and Mtito Andei, killing two.",
            "KE",
            "Voi",
        ),
        ("Youths blocked the Cotonou-Parakou road between Dassa-Zoume and Glazoue with burning tyres.", "BJ", "Dassa"),
    ],
)
def test_the_pair_a_named_road_runs_between_beats_the_road_ends(text: str, country: str, place: str) -> None:
    """ "the A-B highway between C and D": A and B only name the road; the event is between C and D."""
    figures = figures_of(text)
    assert figures.event_country == country
    assert figures.event_place is not None and figures.event_place.startswith(place)


def test_a_named_road_alone_still_gives_its_ends() -> None:
    assert figures_of(
        "Bandits ambushed a minibus on the Kano–Zaria highway and abducted six passengers."
    ).event_place == ("Kano")


def test_a_town_qualified_by_a_district_of_another_region_is_a_namesake() -> None:
    """ "Dass, Hawul": the only Dass the gazetteer knows is in another state than the district that qualifies it;
    the village is one the gazetteer lacks, so the district is the place (as for a region: "Numan, Idleb")."""
    figures = figures_of("Herders clashed with farmers in Dass, Hawul, leaving two dead.")
    assert (figures.event_place, figures.event_admin1) == ("Hawul", "Borno")
    assert figures_of("Herders clashed with farmers in Dass, leaving two dead.").event_admin1 == "Bauchi"


@pytest.mark.parametrize(
    ("text", "region", "town"),
    [
        ("Clashes between herders and farmers were reported in Kassala state on Tuesday.", "Kassala", "Kassala"),
        ("Gunmen attacked a police post in Luapula province, wounding two officers.", "Luapula", "Mansa"),
    ],
)
def test_a_bare_region_is_coded_to_its_main_town(text: str, region: str, town: str) -> None:
    """The region's dominant town gives the point; the place, its admin-1 and its precision stay the region's."""
    figures = figures_of(text)
    seat = next(c.entry for c in load_gazetteer().lookup(town) if c.entry.kind == "P" and c.entry.admin1_code)
    assert (figures.event_place, figures.event_admin1, figures.event_precision) == (region, region, "region")
    assert (figures.event_lat, figures.event_lon) == (seat.lat, seat.lon)


def test_a_region_of_many_like_towns_keeps_its_median_point() -> None:
    """No town of California holds a fifth of the state's listed population: the region's own point stays."""
    figures = figures_of("Farmworkers marched in the state of California to demand higher wages.")
    state = next(c.entry for c in load_gazetteer().lookup("California") if c.entry.kind == "A")
    assert figures.event_place == "California"
    assert (figures.event_lat, figures.event_lon) == (state.lat, state.lon)


@pytest.mark.parametrize(
    "text",
    [
        "Nigerian troops repelled a Boko Haram attack at Gajiram on Friday, killing three fighters.",
        "Nigerian troops repelled an attack at Gajiram on Friday.",
    ],
)
def test_a_village_named_with_a_locative_is_the_scene_when_its_country_is_backed(text: str) -> None:
    """A village-sized name after "at" is a place when the text's forces or demonyms say its country."""
    figures = figures_of(text)
    assert (figures.event_place, figures.event_country, figures.event_admin1) == ("Gajiram", "NG", "Borno")


def test_a_village_name_with_no_country_evidence_or_naming_a_group_is_no_place() -> None:
    """Villages of that name in Niger and Nigeria, and nothing says which (a name only one place in the world bears
    is that place: "at Gajiram")."""
    assert figures_of("An attack at Gangara on Friday killed three.").event_place is None
    assert figures_of("An attack at Gajiram on Friday killed three.").event_place == "Gajiram"
    figures = figures_of(
        "Police in the Mexican state of Guerrero said a feud between the Los Ardillos gang and rivals left four dead."
    )
    assert figures.event_place == "Guerrero"


@pytest.mark.parametrize(
    "text",
    [
        "Al Shabaab fighters took control of Jowhar after government troops withdrew.",
        "Somali troops regained control of Jowhar on Monday after a week of fighting.",
    ],
)
def test_a_place_taken_or_lost_is_the_scene(text: str) -> None:
    """ "took control of X", "regained control of X": territory changing hands names where it happened."""
    figures = figures_of(text)
    assert (figures.event_country, figures.event_admin1) == ("SO", "Shabeellaha Dhexe")
    assert figures.event_precision == "city"
