"""The per-document roll-up: totals, main event, event date and event place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pytest

from tasks.core.extraction import figures
from tasks.core.extraction.dates import extract_dates
from tasks.core.extraction.figures import build_figures
from tasks.core.extraction.model import Count, DateMention, EventType, Place
from tasks.core.extraction.sentences import split_sentences

D = dt.date
RUN = D(2026, 11, 26)


@pytest.fixture(autouse=True)
def fixed_totals(monkeypatch: pytest.MonkeyPatch) -> None:
    """Isolate the roll-up from the counts helper: one killed per current killed count."""

    def totals(counts: Sequence[Count], text: str | None = None) -> dict[str, int | None]:
        killed = [c for c in counts if c.kind == "killed" and c.temporal == "current"]
        return {"killed": len(killed) if killed else None, "injured": None, "arrested": None}

    monkeypatch.setattr(figures, "_totals", totals)


def count(sentence: int, temporal: Any = "current") -> Count:
    return Count(
        kind="killed", trigger="killed", value_low=3, value_high=3, vague=False, qualifier=None,
        victim_group="civilians", victim_text=None, temporal=temporal, claim_source=None,
        sentence_index=sentence, number_start=0, number_end=1, trigger_start=2, trigger_end=3,
    )  # fmt: skip


def place(name: str, precision: Any, role: Any = "event", **kw: Any) -> Place:
    values: dict[str, Any] = {
        "text": name, "name": name, "geonameid": 1, "feature_kind": "city", "country_code": "TJ",
        "admin1": None, "lat": 1.0, "lon": 2.0, "precision": precision, "role": role,
        "sentence_index": 0, "char_start": 0, "char_end": len(name),
    }  # fmt: skip
    values.update(kw)
    return Place(**values)


def clash(*sentences: int) -> EventType:
    return EventType("Battles", "Armed clash", 0.9, sentences)


def dates_of(text: str, published: dt.datetime | None) -> list[DateMention]:
    return extract_dates(text, split_sentences(text), published, RUN)


def test_event_date_prefers_the_count_sentence_over_the_reporting_date() -> None:
    text = (
        "Gun battles left 40 dead, an official said on Wednesday.\n"
        "Thirty militants were killed on Tuesday during the operation."
    )
    published = dt.datetime(2012, 7, 25, tzinfo=dt.UTC)
    result = build_figures(
        [count(0), count(1)], [clash(1, 0)], dates_of(text, published), [],
        text=text, published=published.date(),
    )  # fmt: skip
    assert result.event_date == D(2012, 7, 24)
    assert (result.event_type, result.sub_event_type) == ("Battles", "Armed clash")
    assert result.killed == 2


def test_event_date_is_never_a_bare_year_and_falls_back_to_publication() -> None:
    text = "Fighting raged in the capital.\nThe war ended in 1997."
    published = dt.datetime(2024, 3, 14, tzinfo=dt.UTC)
    result = build_figures([count(0)], [clash(0)], dates_of(text, published), [], text=text, published=published.date())
    assert result.event_date == D(2024, 3, 14)


def test_event_date_without_publication_is_never_made_from_the_run_date() -> None:
    text = "Fighting raged in the capital.\nOfficials said on Monday the war ended in 1997."
    mentions = dates_of(text, None)
    assert mentions[0].reference == "run" and mentions[0].relative
    assert build_figures([], [clash(0)], mentions, [], text=text).event_date is None
    only_year = dates_of("Fighting raged.\nThe war ended in 1997.", None)
    assert build_figures([], [clash(0)], only_year, []).event_date is None


def test_stale_explicit_date_loses_to_a_recent_one() -> None:
    text = "Rebels who killed a general on June 21 attacked again on Monday, killing 3."
    published = dt.datetime(2024, 9, 12, tzinfo=dt.UTC)
    result = build_figures(
        [count(0)], [clash(0)], dates_of(text, published), [], text=text,
        published=published.date(), anchor=published.date(),
    )  # fmt: skip
    assert result.event_date == D(2024, 9, 9)


def test_no_event_no_counts_gives_an_empty_roll_up() -> None:
    result = build_figures([], [], [], [place("Paris", "place", role="mentioned")])
    assert result.event_type is None and result.event_date is None
    assert result.event_place is None and result.event_country is None
    assert result.killed is None


def test_event_place_is_the_most_specific_event_place() -> None:
    places = [
        place("Tajikistan", "country", feature_kind="country", lat=None, lon=None),
        place("Gorno-Badakhshan", "admin1", feature_kind="region"),
        place("Khorog", "place", lat=37.49, lon=71.55),
        place("Afghanistan", "country", role="mentioned", country_code="AF"),
    ]
    result = build_figures([count(0)], [clash(0)], [], places)
    assert result.event_place == "Khorog"
    assert result.event_country == "TJ"
    assert result.event_admin1 == "Gorno-Badakhshan"  # taken from the admin-1 event place
    assert (result.event_lat, result.event_lon) == (37.49, 71.55)


def test_mentioned_places_are_not_event_places() -> None:
    places = [place("Moscow", "place", role="mentioned", country_code="RU")]
    assert build_figures([count(0)], [clash(0)], [], places).event_place is None


def test_most_mentioned_place_wins_among_equals() -> None:
    places = [place("Goma", "place", country_code="CD"), place("Bunia", "place", country_code="CD"),
              place("Bunia", "place", country_code="CD", admin1="Ituri")]  # fmt: skip
    result = build_figures([count(0)], [clash(0)], [], places)
    assert (result.event_place, result.event_admin1) == ("Bunia", "Ituri")


def test_a_future_date_is_not_the_event_date() -> None:
    text = "The rivals agreed to a ceasefire starting Monday, mediators said late on Saturday."
    published = dt.datetime(2023, 5, 21, tzinfo=dt.UTC)  # a Sunday
    agreement = EventType("Strategic developments", "Agreement", 0.5, (0,))
    mentions = dates_of(text, published)
    assert [m.value for m in mentions] == [D(2023, 5, 22), D(2023, 5, 20)]
    result = build_figures([], [agreement], mentions, [], text=text, published=published.date())
    assert result.event_date == D(2023, 5, 21)  # no usable date: the publication date


def test_actor_columns_take_the_event_country_unless_a_demonym_names_another() -> None:
    from tasks.core.extraction.model import Actor

    police = Actor("Police Forces of {c}", "state_forces", "police", None, 0, 10, 16)
    troops = Actor("Military Forces of {c}", "state_forces", "troops", "NG", 0, 30, 36)
    main = [EventType("Battles", "Armed clash", 0.9, (0,))]
    benin = [place("Cotonou", "place", country_code="BJ")]
    result = build_figures([], main, [], benin, actors=(police, troops))
    assert (result.actor1, result.actor1_type) == ("Police Forces of Benin", "state_forces")
    assert result.actor1_text == "police"
    assert (result.actor1_start, result.actor1_end) == (10, 16)
    assert result.actor2 == "Military Forces of Nigeria"
    unnamed = build_figures([], main, [], [], actors=(Actor("Unidentified Armed Group ({c})", "political_militia",
                                                            None, None, None, None, None), None))  # fmt: skip
    assert (unnamed.actor1, unnamed.actor1_text, unnamed.actor2, unnamed.actor2_type) == (
        "Unidentified Armed Group", None, None, None)  # fmt: skip
    assert build_figures([], [], [], benin, actors=(police, None)).actor1 is None  # no event, no actors
