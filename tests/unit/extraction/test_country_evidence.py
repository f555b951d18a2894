"""Country evidence without a resolvable place: demonyms of two or three words, country possessives without
the apostrophe, national institutions and peoples of `country_actors.tsv`, foreign troops, and a place named
as an earlier event's. Passages written for these tests."""

from __future__ import annotations

import pytest

from tasks.core.extraction.place_context import find_forces
from tests.unit.extraction.helpers import figures_of


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("South Sudanese soldiers looted shops at a cattle market on Tuesday.", "SS"),  # not "Sudanese"
        ("Sri Lankan police fired tear gas at striking teachers.", "LK"),
        ("Sierra Leonean police arrested twelve traders after a scuffle.", "SL"),
    ],
)
def test_a_demonym_of_several_words_is_read_whole(text: str, country: str) -> None:
    assert figures_of(text).event_country == country


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Youths gathered outside Ghanas parliament to protest fuel prices.", "GH"),
        ("Police dispersed a rally for Tanzanias main opposition party.", "TZ"),
    ],
)
def test_a_country_possessive_without_its_apostrophe(text: str, country: str) -> None:
    assert figures_of(text).event_country == country


def test_a_family_name_is_no_possessive() -> None:
    assert [e.country_code for e in find_forces("The Chads went home; the Jordans stayed.")] == []


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Reporters picketed outside the ZNBCs studios over unpaid wages.", "ZM"),  # an acronym's bare plural
        ("Makerere University students blocked a road over tuition fees.", "UG"),
        ("Gunmen shot dead an officer of the NISS near a market.", "SD"),
        ("Dahalo raided a village and drove off two hundred zebu.", "MG"),
        ("Koglweogo vigilantes whipped two suspected thieves.", "BF"),
        ("Fidesz supporters scuffled with counter-protesters.", "HU"),
        ("Tren de Aragua members shot a shopkeeper who refused to pay.", "VE"),
    ],
)
def test_national_institutions_and_groups(text: str, country: str) -> None:
    assert figures_of(text).event_country == country


def test_a_people_of_several_countries_counts_for_its_home() -> None:
    """Peoples living across borders list every country, home first: half a vote, like a cross-border group."""
    [found] = find_forces("Konkomba farmers clashed with herders.")
    assert (found.country_code, found.also) == ("GH", ("TG",))


def test_peacekeepers_are_no_evidence_of_their_country() -> None:
    assert figures_of("A Rwandan MINUSCA peacekeeper was shot dead by gunmen.").event_country == "CF"


def test_foreign_troops_fight_where_the_armed_group_acts() -> None:
    """A demonym's forces against a group that acts in other countries only: the group's country."""
    text = "Al-Shabaab militants fired mortars at a Ugandan army base overnight. Two soldiers were hurt."
    assert figures_of(text).event_country == "SO"
    own = "Nigerian troops repelled a Boko Haram raid at dawn, killing six."  # Nigeria is the group's own country
    assert figures_of(own).event_country == "NG"


def test_an_earlier_events_place_is_not_the_scene() -> None:
    text = (
        "Kenyan jets struck an al-Shabaab camp in Kismayo in retaliation for a raid in Garissa, Kenya. "
        "The strikes killed several fighters."
    )
    figures = figures_of(text)
    assert (figures.event_country, figures.event_admin1) == ("SO", "Jubbada Hoose")


def test_a_district_named_as_a_region_abroad_gives_way_to_the_story_country() -> None:
    """ "Nyanza region" is Rwanda's Nyanza District only by its name without "District"; Kenyan parties
    outweigh it."""
    assert figures_of("Police fired on ODM protesters in Nyanza region, injuring nine.").event_country == "KE"


def test_a_town_named_as_a_region_abroad_gives_way_to_the_story_country() -> None:
    text = 'Police fired on Jubilee Party protesters in "Nyanza region", injuring four.'  # Rwanda's town Nyanza
    assert figures_of(text).event_country == "KE"


def test_the_streets_of_the_capital() -> None:
    figures = figures_of("Teachers marched through the streets of the capital after KNUT called a strike.")
    assert (figures.event_country, figures.event_admin1) == ("KE", "Nairobi City")


def test_a_town_after_an_unknown_name_it_qualifies() -> None:
    """ "in Zwelihle, Hermanus": the unknown township's town is the scene's address."""
    figures = figures_of("Residents burnt tyres in Zwelihle, Hermanus, over housing on Tuesday.")
    assert (figures.event_country, figures.event_admin1) == ("ZA", "Western Cape")


def test_a_country_named_as_its_troops_abroad_is_no_scene() -> None:
    assert figures_of("US drone strikes killed three al-Shabaab commanders overnight.").event_country == "SO"
    assert figures_of("Turkish army jets shelled PKK positions.").event_country == "TR"  # the group's own country
