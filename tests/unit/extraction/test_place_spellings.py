"""A town spelt as the gazetteer does not, which NER tags as a nationality, is still found when a type word says it
is a place ("the Janzour area"); a bare nationality stays no place."""

from __future__ import annotations

import datetime as dt

from tasks.core.extraction import extract_fields

PUBLISHED = dt.datetime(2023, 4, 2, tzinfo=dt.UTC)


def _figures(text: str):  # noqa: ANN202 -- the extractor's Figures
    return extract_fields(text, language="en", published_at=PUBLISHED, reference_date=PUBLISHED.date()).figures


def test_a_respelt_town_with_a_type_word_is_found() -> None:
    f = _figures("Armed men set up checkpoints in the Janzour area and detained several drivers.")
    assert (f.event_country, f.event_place) == ("LY", "Janzūr")


def test_a_nationality_is_no_respelt_town() -> None:
    f = _figures("Kurdish fighters and Turkish troops exchanged fire overnight.")
    assert f.event_place not in ("Kurdish", "Turkish")
