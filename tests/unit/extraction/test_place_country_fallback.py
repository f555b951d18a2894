"""The event's country when the text keeps no event place: the one country its evidence points to
(`place_fallback.fallback_country`). Passages written for these tests; the villages are invented."""

from __future__ import annotations

import pytest

from tests.unit.extraction.helpers import figures_of


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # a capital that is where the news came from, about a village the gazetteer lacks
        ("In continuing unrest, officials in Lusaka said raiders burnt granaries near Olkiripet.", "ZM"),
        # two pieces of evidence against one: the majority holds (the smugglers came across)
        ("Two Malian customs officers were seized on Malian soil by Nigerien smugglers and later freed.", "ML"),
        # US local news idioms with no town named
        ("Officers were called to the 300 block of Elm Lane after shots hit a parked van. No one was hurt.", "US"),
    ],
)
def test_the_country_of_undisputed_evidence(text: str, country: str) -> None:
    figures = figures_of(text)
    assert figures.event_country == country
    assert figures.event_precision == "country"
    # national news is coded at the capital (place_capital), US local news at no region
    assert figures.event_admin1 is None if country == "US" else figures.event_admin1 is not None


@pytest.mark.parametrize(
    ("text", "place", "admin1"),
    [
        # a town as an institution's attribute: dropped as a scene, but the only place named
        (
            "A Chinhoyi bank branch was set on fire by depositors angry at a cash shortage.",
            "Chinhoyi",
            "Mashonaland West",
        ),
        # NER calls the name a person: the gazetteer knows it in one country only (a district)
        ("Nurses walked out of the clinic of Kerkennah over a shortage of staff.", "Kerkennah", "Sfax"),
        # a capital's dateline, and the scene called "the <demonym> capital"
        (
            "QUITO - Riot police fired tear gas at students marching on Tuesday in the Ecuadorian capital.",
            "Quito",
            "Pichincha",
        ),
        # a group named by its town, at the start of the sentence
        ("Savalou teachers walked out over unpaid bonuses.", "Savalou", "Collines"),
        # an institution named after its town, and a possessive that lost its apostrophe
        (
            "Nurses at the Chinhoyi Provincial Hospital downed tools over unpaid allowances.",
            "Chinhoyi",
            "Mashonaland West",
        ),
        ("A car bomb went off outside Kanos Murtala Hospital, killing two.", "Kano", "Kano"),
    ],
)
def test_the_one_named_town_of_that_country(text: str, place: str, admin1: str) -> None:
    figures = figures_of(text)
    assert (figures.event_place, figures.event_admin1) == (place, admin1)


@pytest.mark.parametrize(
    "text",
    [
        "Kenyan and Ugandan fishermen clashed over nets on the lake, injuring four.",  # split evidence
        "A French tourist was robbed at knifepoint by two men on a motorbike.",  # a visitor's demonym
        "Traders at the Chinese Market closed their stalls in protest at new levies.",  # a demonym in a name
        "The Post reported that two men were stabbed outside a bar.",  # a title, not a town
        "Judges went on strike over working conditions.",  # no evidence at all
    ],
)
def test_no_country_without_undisputed_evidence(text: str) -> None:
    assert figures_of(text).event_country is None
