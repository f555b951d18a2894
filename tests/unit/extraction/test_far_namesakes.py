"""Far namesakes found through short or loose names, with no evidence of their country in the text: a short
alternate name, an acronym in capitals, a short corrected spelling; and a corrected spelling keeps each
word's first letter. Passages written for these tests."""

from __future__ import annotations

import datetime as dt

from tasks.core.extraction import extract_fields
from tasks.core.extraction.gazetteer import load_gazetteer


def places_of(text: str) -> list[tuple[str, str | None]]:
    fields = extract_fields(text, language="en", published_at=None, reference_date=dt.date(2024, 5, 1))
    return [(p.name, p.country_code) for p in fields.places]


def test_a_short_alternate_name_needs_its_country_in_the_text() -> None:
    assert places_of("Gunmen shot a trader in Lim on Monday.") == []  # Lima, Peru, by a 3-letter alternate name
    assert places_of("Peruvian police said gunmen shot a trader in Lim on Monday.") == [("Lima", "PE")]


def test_an_acronym_is_no_town_written_otherwise() -> None:
    assert places_of("Students of the Polytechnic (BAR) protested.") == []  # not Bar, Montenegro
    assert places_of("Students from the Arts Institute (ARTA) protested over fees.") == []  # not Árta, Greece


def test_a_short_corrected_spelling_needs_its_country_in_the_text() -> None:
    assert places_of("Gunmen attacked the village of Kanoo at night.") == []
    assert places_of("Gunmen killed three people in Mombaza town.") == [("Mombasa", "KE")]  # 7 letters: kept


def test_a_corrected_spelling_keeps_every_word_initial() -> None:
    gaz = load_gazetteer()
    assert [c.entry.name for c in gaz.lookup_fuzzy("Port Sudon")][:1] == ["Port Sudan"]
    assert gaz.lookup_fuzzy("Port Mudan") == []  # another word, not a misspelling
    assert [c.entry.country_code for c in gaz.lookup_fuzzy("Abudhabi")][:1] == ["AE"]  # a space lost


def test_a_space_gained_or_lost_keeps_the_word_starts() -> None:
    gaz = load_gazetteer()
    assert "Southside" in [c.entry.name for c in gaz.lookup_fuzzy("South Sides")]
    assert gaz.lookup_fuzzy("West Rond") == []  # "Westland" would change the second word's first letter


def test_a_long_word_in_capitals_is_a_name() -> None:
    """Only 2-4 capitals read as an acronym: a heading or a dateline writes whole names in capitals."""
    assert ("Mombasa", "KE") in places_of("Police said a man was shot dead in MOMBASA on Sunday.")
