"""A region named only by a compass word ("Northeast", "West": regions of Iceland) is a direction unless the text
has its country's evidence (`place_filters._bare_compass`). Passages written for these tests."""

from __future__ import annotations

from tests.unit.extraction.helpers import figures_of


def test_compass_words_in_a_local_story_are_no_foreign_region() -> None:
    assert figures_of("Two people were shot in Northeast on Saturday, D.C. police said.").event_country == "US"
    text = "Three people were wounded overnight in shootings on the West and Northwest sides, police said."
    assert figures_of(text).event_country is None


def test_the_region_stays_with_its_country_named() -> None:
    text = "Reykjavik police said a man was stabbed in the Northeast region near Akureyri."
    assert figures_of(text).event_country == "IS"
