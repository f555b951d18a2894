"""Political actors of one country (data/country_actors.tsv) as country evidence when a text names no
place: parties, national institutions, heads of state by surname after a title. Passages written for these
tests."""

from __future__ import annotations

import datetime as dt

import pytest

from tasks.core.extraction import extract_fields
from tasks.core.extraction.place_context import find_forces


def country_of(text: str) -> str | None:
    fields = extract_fields(text, language="en", published_at=None, reference_date=dt.date(2024, 5, 1))
    assert fields.figures is not None
    return fields.figures.event_country


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Hundreds of opposition supporters marched against President Museveni's government on Tuesday.", "UG"),
        ("Chadema activists were arrested while holding a rally without a permit.", "TZ"),
        ("Awami League and BNP supporters clashed with sticks after a by-election, injuring nine.", "BD"),
        ("Police fired tear gas at ODM supporters who blocked a highway over the poll results.", "KE"),
        ("Students rallied to demand the release of a lecturer detained by the SBU.", "UA"),
    ],
)
def test_political_actors_give_the_country_when_no_place_is_named(text: str, country: str) -> None:
    assert country_of(text) == country


def test_a_head_of_state_surname_counts_only_after_a_title() -> None:
    found = [(e.country_code, e.start) for e in find_forces("Former President Kibaki and ex-President Jammeh")]
    assert found == [("KE", 7), ("GM", 31)]  # the span starts at the title ("ex-" is not part of it)
    assert find_forces("Ruto Street traders and a Mr Kibaki protested.") == ()
    assert [e.country_code for e in find_forces("Deputy President William Ruto")] == ["KE"]


def test_ambiguous_acronyms_are_no_evidence() -> None:
    """Acronyms several countries' parties use (NDC, NPP, PDP) or with other common meanings (PTI, the news
    agency; APC, the armoured car) are left out."""
    assert find_forces("NDC and NPP youths clashed; PDP and APC members; a PTI report.") == ()


def test_a_named_place_outweighs_a_foreign_leader() -> None:
    """A leader is evidence like a force: it never moves a named town of the story's country abroad."""
    text = "Traders in Kisumu protested on Monday against new levies, days after President Putin's visit."
    assert country_of(text) == "KE"
