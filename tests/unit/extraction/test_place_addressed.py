"""A village named after an unknown place it contains is that place's address ("in Kpetoli, Panyijiar."), and a
two-word demonym before an actor names that actor's country ("South Sudanese soldiers")."""

from __future__ import annotations

import datetime as dt

import pytest

from tasks.core.extraction import extract_fields

DAY = dt.datetime(2021, 3, 4)


def figures(text: str):  # type: ignore[no-untyped-def]
    return extract_fields(text, language="en", published_at=DAY, reference_date=DAY.date()).figures


@pytest.mark.parametrize(
    "text",
    [
        "Fighting between the army and the SPLA-IO in Kpetoli, Panyijiar.",
        "SPLA-IO fighters raided cattle camps in Kpetoli, Panyijiar, on Sunday.",
    ],
)
def test_a_village_after_an_unknown_name_is_its_address(text: str) -> None:
    f = figures(text)
    assert (f.event_place, f.event_country, f.event_admin1) == ("Panyijiar", "SS", "Unity")


def test_an_address_needs_the_clause_to_end() -> None:
    assert figures("Fighting between the army and the SPLA-IO in Kpetoli, Panyijiar youths said.").event_place != (
        "Panyijiar"
    )


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("South Sudanese soldiers clashed with rebels near Bentiu.", "Military Forces of South Sudan"),
        ("Burkinabe soldiers killed three militants near Djibo.", "Military Forces of Burkina Faso"),
        ("Nigerien troops clashed with gunmen near Tillaberi.", "Military Forces of Niger"),
        ("Sudanese soldiers clashed with rebels in Darfur.", "Military Forces of Sudan"),
    ],
)
def test_the_demonym_before_an_actor_names_its_country(text: str, actor1: str) -> None:
    assert figures(text).actor1 == actor1
