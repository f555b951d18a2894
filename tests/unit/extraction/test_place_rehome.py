"""A boundary unit the text puts in a district and region ("at Kagwad (Athani, Karnataka)") is that unit, filed under
the text's region when the gazetteer's guess of its region differs; a spelling corrected towards another place's
alternate name, with nothing in the text for that place's country, names nothing; a locative vouches for a name only
one place bears; a name before "newspaper" is a title."""

from __future__ import annotations

import pytest

from tasks.core.extraction.gazetteer import load_gazetteer
from tasks.core.extraction.place_cues import Cue
from tasks.core.extraction.place_mentions import accepts
from tests.unit.extraction.helpers import figures_of as figures


def test_the_unit_is_filed_elsewhere_in_the_gazetteer() -> None:
    """The premise: a geoBoundaries unit (no GeoNames id, population not known) whose region is a guess."""
    unit = next(c.entry for c in load_gazetteer().lookup("Kagwad") if c.entry.country_code == "IN")
    assert (unit.geonameid, unit.population) == (None, 0)
    assert load_gazetteer().admin1_of(unit).name != "Karnataka"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "On 3 March 2021, two farmers were injured when a mob attacked them at Kagwad (Athani, Karnataka).",
        "On 3 March 2021, police dispersed protesters in Kagwad (Athani, Karnataka).",
    ],
)
def test_a_unit_the_text_places_takes_the_texts_region(text: str) -> None:
    f = figures(text)
    assert (f.event_place, f.event_country, f.event_admin1) == ("Kagwad", "IN", "Karnataka")
    assert f.event_precision == "town"


def test_a_unit_far_from_every_named_place_of_the_region_is_not_rehomed() -> None:
    """The named district's town lies 100 km away and the region is large: the unit may be a namesake."""
    f = figures("On 3 March 2021, police dispersed protesters in Kagwad (Belagavi, Karnataka).")
    assert f.event_place != "Kagwad"
    assert f.event_admin1 == "Karnataka"


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen beat and abducted a herder west of Sortonn camp.",
        "Armed men beat and abduct a farmer south of Sortone.",
    ],
)
def test_a_correction_to_another_places_alternate_name_names_nothing(text: str) -> None:
    f = figures(text)
    assert (f.event_place, f.event_country) == (None, None)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Protesters blocked roads in Johannesbrug on Monday.", "Johannesburg"),  # via an alias, near its name
        ("Shelling was reported in Deir Ezzor on Monday.", "Deir ez-Zor"),  # the article written into the name
    ],
)
def test_a_correction_near_the_places_own_name_still_names_it(text: str, place: str) -> None:
    assert figures(text).event_place == place


@pytest.mark.parametrize(
    ("text", "place", "admin1"),
    [
        ("Militants raided Darkosh overnight.", "Darkosh", "Idlib"),
        ("Government troops shelled Chwarta at dawn.", "Chwarta", "As Sulaymaniyah"),
    ],
)
def test_a_locative_vouches_for_a_name_only_one_place_bears(text: str, place: str, admin1: str) -> None:
    """A village of unknown size after "in", "raided", "shelled": a name no other place in the world has."""
    assert len(load_gazetteer().lookup(place)) == 1
    f = figures(text)
    assert (f.event_place, f.event_admin1) == (place, admin1)


def test_a_name_before_newspaper_is_the_papers_not_a_place() -> None:
    """A title read as the one village of that name ("the Tribune newspaper": Tribune, Saskatchewan)."""
    assert figures("Security agents raided the Tribune newspaper and seized its computers.").event_place is None


@pytest.mark.parametrize(
    ("text", "accepted"),
    [
        ("Two men were hurt in a clash in Darkosh over grazing land.", True),
        ("Two men were hurt in a clash between Darkosh and Sabbah people over grazing land.", False),
        ("Two men were hurt in a clash between Darkosh and Sabbah communities over grazing land.", False),
        ("Two men were hurt when Darkosh militia clashed with police.", False),
        ("Two men were hurt in a clash between Darkosh and Fulani herders.", True),  # the herders are the others
    ],
)
def test_a_unique_name_that_names_a_people_is_no_place(text: str, accepted: bool) -> None:
    """The scan's test for a name NER missed: a name only one place bears is a place after a locative, unless it
    names a people, a community or a militia."""
    start = text.index("Darkosh")
    span = (start, start + len("Darkosh"))
    found = load_gazetteer().lookup("Darkosh")
    assert accepts(found, Cue("locative"), None, text, span) is accepted


def test_a_district_named_as_a_reference_point_gives_the_event_its_point() -> None:
    """ "On the outskirts of X" district in a named region: the district's point, finer than the region's."""
    f = figures("Two soldiers were killed in an ambush on the outskirts of Balcad in Middle Shabelle region.")
    assert (f.event_place, f.event_admin2, f.event_precision) == ("Balcad", "Balcad", "district")
    assert f.event_admin1 == "Shabeellaha Dhexe"
