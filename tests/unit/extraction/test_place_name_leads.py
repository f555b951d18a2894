"""Two readings of place names seen in conflict notes. Passages written for these tests.

- A region whose name opens with a compass or size word ("South Kivu", "Upper East") is one name, also when
  NER does not tag it: the scan kept only "Kivu", which names nothing, and a namesake of the town won.
- A group named after a place ("X militia", "X brigades", "X herders") names its home, not the scene: the place
  it raided is the event place (`place_cues.GROUP_AFTER`); so is the place of an earlier event whose victims are
  mourned ("a vigil for the victims of the bombing in X", `place_cues.EARLIER_EVENT`)."""

from __future__ import annotations

from tasks.core.extraction import place_cues as cues
from tasks.core.extraction.gazetteer import load_gazetteer
from tests.unit.extraction.helpers import figures_of


def test_a_compass_word_stays_part_of_a_known_name() -> None:
    text = "Raiders from a Twa militia burned a clinic near Mulenge in South Kivu."
    spans = [text[a:b] for a, b in cues.iter_names(text, 0, len(text), load_gazetteer().names_place)]
    assert "South Kivu" in spans
    fig = figures_of(text)
    assert (fig.event_country, fig.event_admin1) == ("CD", "South Kivu")


def test_a_compass_word_before_no_known_name_is_still_dropped() -> None:
    text = "Fighting spread across Northern Kordofan and Eastern Chad."
    spans = [text[a:b] for a, b in cues.iter_names(text, 0, len(text), load_gazetteer().names_place)]
    assert "Chad" in spans and "Eastern Chad" not in spans


def test_the_place_a_group_is_named_after_is_not_the_scene() -> None:
    fig = figures_of("A Moroto militia raided Kutum on Monday, looting shops.")  # Moroto: a Ugandan town
    assert (fig.event_country, fig.event_admin1) == ("SD", "North Darfur")


def test_the_groups_home_still_places_an_event_that_names_no_other_place() -> None:
    fig = figures_of("Zintan fighters clashed with a rival militia on Tuesday.")
    assert fig.event_country == "LY"


def test_the_place_of_an_earlier_event_whose_victims_are_mourned_is_not_the_scene() -> None:
    fig = figures_of("A vigil for the victims of the bombing in Bamako was held in Dakar on Friday.")
    assert (fig.event_country, fig.event_admin1) == ("SN", "Dakar")
