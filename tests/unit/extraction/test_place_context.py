"""Event places from evidence NER misses: locative phrasing before a town spaCy files as a person or
organisation, forces and demonyms that give the country when no place is named, "the capital", and a name
that repeats in its own parenthesis. Passages written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from tasks.core.extraction import extract_fields
from tasks.core.extraction.gazetteer import load_gazetteer
from tasks.core.extraction.place_context import find_forces
from tests.unit.extraction.helpers import figures_of


def places_of(text: str) -> list[tuple[str, str | None, str]]:
    fields = extract_fields(text, language="en", published_at=None, reference_date=dt.date(2024, 5, 1))
    return [(p.text, p.country_code, p.role) for p in fields.places]


@pytest.mark.parametrize(
    ("text", "town", "country"),
    [
        ("Hundreds of traders marched in the streets of Gulu on Monday over new taxes.", "Gulu", "UG"),
        ("Thousands of students marched through Eldoret to demand lower fees.", "Eldoret", "KE"),
        ("Hundreds of nurses staged a sit-in in the capital Windhoek over late salaries.", "Windhoek", "NA"),
        ("Hundreds of nurses staged a sit-in in the capital Gaborone over late salaries.", "Gaborone", "BW"),
        ("Unknown gunmen attacked Sikasso overnight and burned two shops.", "Sikasso", "ML"),
        ("On Friday, Mbale residents blocked the main road in protest over power cuts.", "Mbale", "UG"),
        ("Teachers went on strike in Mtito Andei over unpaid allowances.", "Mtito Andei", "KE"),
    ],
)
def test_locative_phrasing_makes_a_known_town_the_event_place(text: str, town: str, country: str) -> None:
    figures = figures_of(text)
    assert (figures.event_place, figures.event_country) == (town, country)
    assert (town, country, "event") in places_of(text)


def test_forces_give_the_country_when_no_place_is_named() -> None:
    figures = figures_of("FARDC soldiers clashed with a local militia overnight, leaving three fighters dead.")
    assert (figures.event_country, figures.event_precision, figures.event_place) == (
        "CD",
        "country",
        "Democratic Republic of the Congo",
    )
    assert figures.event_lat is not None  # the country's point, as for a country named in the text
    assert places_of("Boko Haram fighters raided a village at dawn and killed four farmers.") == []  # no mention
    assert figures_of("Boko Haram fighters raided a village at dawn and killed four farmers.").event_country == "NG"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Somali government troops repelled an assault on a checkpoint, killing two attackers.", "SO"),
        ("Beninese teachers held a sit-in in front of the ministry over unpaid bonuses.", "BJ"),
        ("A French tourist was stabbed by a robber on a crowded street.", None),  # a visitor says nothing
        ("Tajik and Afghan officials met on Tuesday to discuss border clashes.", None),  # a split
    ],
)
def test_demonyms_of_the_state_or_local_people_give_the_country(text: str, country: str | None) -> None:
    assert figures_of(text).event_country == country


def test_the_capital_of_the_one_event_country() -> None:
    figures = figures_of("Protests spread across Kenya. On Tuesday hundreds marched in the capital, chanting slogans.")
    assert (figures.event_place, figures.event_country, figures.event_precision) == ("Nairobi", "KE", "city")
    assert figures_of("Nigerian police dispersed protesters in the capital with tear gas.").event_place == "Abuja"
    # a named capital is the capital named ("in the capital Windhoek" above), never another
    assert (
        figures_of("Protests spread across Kenya and Uganda. Hundreds marched in the capital.").event_precision
        == "country"
    )


def test_a_name_is_no_evidence_for_itself_in_its_parenthesis() -> None:
    """Monitor notes repeat a town as its district ("Town (Town, Region)"): the repetition must not lift a
    foreign namesake whose town and region share the name (Armenia's small Armavir in Armavir province over
    the Russian city)."""
    figures = figures_of("On 3 May 2024, traders protested new market fees in Armavir (Armavir, Kpazabo).")
    assert (figures.event_place, figures.event_country) == ("Armavir", "RU")


def test_forces_are_matched_as_written() -> None:
    text = "Clashes between al-Shabaab and AMISOM troops; the fir in the yard; Fano militia and Elniño."
    found = [(text[e.start : e.end], e.country_code) for e in find_forces(text)]
    assert found == [("al-Shabaab", "SO"), ("AMISOM", "SO"), ("Fano", "ET")]
    assert find_forces("The eln and the amisom") == ()  # every spelling only as written


def test_a_region_of_the_story_outweighs_a_foreign_town_of_that_name() -> None:
    """One admin-1 region named (here in a parenthesis not attached to the town) is evidence enough to
    drop a mid-sized namesake abroad (an Indian Yanam for a Nigerian village)."""
    figures = figures_of(
        "On 2 March 2024, gunmen abducted three farmers in Yanam near the forest reserve (Zabakuri, Borno)."
    )
    assert (figures.event_country, figures.event_admin1) == ("NG", "Borno")


def test_residents_open_a_sentence() -> None:
    figures = figures_of("Kisumu residents burnt tyres in front of the police station after a shooting.")
    assert (figures.event_place, figures.event_country) == ("Kisumu", "KE")


@pytest.mark.parametrize(
    ("written", "name", "iso"),
    [
        ("Queme", "Ouémé", "BJ-OU"),
        ("Ouémé", "Ouémé", "BJ-OU"),
        ("Dumyat", "Damietta", "EG-DT"),
        ("Muhafazat Hadramawt", "Hadramaut", "YE-HD"),
        ("Kirkuk", "Kirkuk", None),
        ("Middle Juba", "Jubbada Dhexe", "SO-JD"),  # the ISO name, as for the regions the fuzzy match finds
    ],
)
def test_admin1_units_carry_their_english_names(written: str, name: str, iso: str | None) -> None:
    """Misspelt or romanised source names are fixed by data/admin1_names.tsv; the source spelling stays a key."""
    regions = [c.entry for c in load_gazetteer().lookup(written) if c.entry.kind == "A"]
    assert regions and regions[0].name == name
    assert iso is None or regions[0].iso3166_2 == iso  # matched to ISO 3166-2 once the name is right


def test_local_government_areas_are_admin_type_words() -> None:
    """ "X LGA", "X local government area": the district, not the state capital named after it."""
    figures = figures_of("Gunmen attacked Dambatta LGA, Kano, killing two.")
    assert (figures.event_place, figures.event_admin1, figures.event_precision) == ("Dambatta", "Kano", "district")


def test_institution_words_are_no_towns() -> None:
    """ "University" opening a parenthesis is an institution's name, not a Florida town."""
    assert places_of("Staff of the CHUK (University teaching hospital) went on strike over unpaid wages.") == []


def test_people_of_a_town() -> None:
    figures = figures_of("Hundreds of market workers of Mbarara went on strike over new levies.")
    assert (figures.event_place, figures.event_country) == ("Mbarara", "UG")


def test_towns_a_road_runs_between_are_reference_points() -> None:
    """ "On the highway between A and B": the event is on the road, near A, at neither town."""
    text = "Bandits ambushed a bus on the highway between Kitale and Webuye, killing two."
    assert places_of(text) == [("Kitale", "KE", "mentioned"), ("Webuye", "KE", "mentioned")]
    assert figures_of(text).event_place == "Kitale"  # the point near which it happened


def test_an_origin_is_not_the_scene() -> None:
    """ "Traders from Jinja and Kampala protested in Lira": where they came from is no event place."""
    assert places_of("Hundreds of traders from Jinja and Kampala protested in Lira over the new tax.") == [
        ("Jinja", "UG", "mentioned"),
        ("Kampala", "UG", "mentioned"),
        ("Lira", "UG", "event"),
    ]


def test_cross_border_groups_list_every_country_they_act_in() -> None:
    """A group active across borders is evidence for each of its countries alike when a place is named (a
    small Kenyan town, not a Yemeni district, for an al-Shabaab raid), and half a vote for its home country
    when none is: a demonym of the state's forces outweighs it."""
    (shabaab,) = find_forces("Al-Shabaab fighters")
    assert (shabaab.country_code, shabaab.also) == ("SO", ("KE",))
    figures = figures_of("Al-Shabaab fighters attacked Bura overnight and burned a police post.")
    assert (figures.event_place, figures.event_country) == ("Bura", "KE")
    assert figures_of("Kenyan troops killed two al-Shabaab fighters near a watering point.").event_country == "KE"
    assert figures_of("Boko Haram fighters attacked Banki overnight and burned dozens of homes.").event_country == "NG"


def test_forces_named_with_capitals_are_state_forces() -> None:
    """ "Ugandan Air Force jets", "Somali National Army": the demonym qualifies the state's forces."""
    assert figures_of("Ugandan Air Force jets bombed a rebel camp, killing six fighters.").event_country == "UG"


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked a police post near the Chad border, killing two officers.",
        "Gunmen attacked a police post near the border with Chad, killing two officers.",
    ],
)
def test_a_neighbouring_country_at_the_border_is_no_event_place(text: str) -> None:
    assert figures_of(text).event_country is None
    assert ("Chad", "TD", "mentioned") in places_of(text)


def test_an_origin_gives_way_to_the_scene() -> None:
    """ "Youths from X ... clashed in Y": where people came from is the scene only when nothing else is named."""
    figures = figures_of("Youths from Sokoto and farmers clashed in Kandi over grazing land.")
    assert (figures.event_place, figures.event_country) == ("Kandi", "BJ")
    assert figures_of("Herders from Sokoto were attacked overnight.").event_country == "NG"


def test_a_namesake_that_could_be_local_is_no_evidence_against_a_small_town() -> None:
    """ "the town of X near Berlin": Berlin has a namesake in X's country, so the German capital it resolves to
    says nothing against the small town (which stays the event place)."""
    figures = figures_of("Hundreds of residents marched in the town of Gorham near Berlin over water cuts.")
    assert (figures.event_place, figures.event_country) == ("Gorham", "US")


def test_an_old_name_abroad_gives_way_to_the_story_country() -> None:
    """A town found only by a former or alternate name ("Abercorn" for Zambia's Mbala) is dropped when the
    text's one piece of country evidence points elsewhere, as a misspelt name is."""
    figures = figures_of("Australian police said residents of Abercorn blocked the highway after a fatal crash.")
    assert figures.event_country == "AU"


def test_a_part_of_a_city_is_not_a_namesake_abroad() -> None:
    """ "the X area of Lusaka": Lusaka contains X, so a Sierra Leonean city of that name is no reading of it,
    even when a comma follows the city."""
    for text in (
        "In the Makeni area of Lusaka, party cadres attacked musicians.",
        "In the Makeni area of Lusaka party cadres attacked musicians.",
    ):
        figures = figures_of(text)
        assert (figures.event_place, figures.event_country) == ("Lusaka", "ZM")


def test_the_ground_a_demonym_names_is_the_event_country() -> None:
    """ "on Kenyan soil", "in Nigerien territory": the event happened in that country, whatever other
    country the text names (the soldier's) and whatever other demonyms it has."""
    assert figures_of("A Somali gunman found on Kenyan soil was shot dead by police.").event_country == "KE"
    assert figures_of("A Congolese soldier seen on Rwandan soil was shot by a patrol.").event_country == "RW"
    assert figures_of("Congo soldiers found on Rwandan soil were shot by a patrol.").event_country == "RW"
