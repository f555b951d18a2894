"""ACLED event types from the trigger lexicon, context rules and counts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tasks.core.extraction.events import extract_events
from tasks.core.extraction.model import Count, EventType
from tasks.core.extraction.sentences import split_sentences

SEED = (Path(__file__).resolve().parents[3] / "seeds" / "000_f0b822bff615e880.txt").read_text()


def count(kind: Any, group: Any = "unspecified", sentence: int = 0, temporal: Any = "current") -> Count:
    return Count(
        kind=kind, trigger="killed", value_low=5, value_high=5, vague=False, qualifier=None,
        victim_group=group, victim_text=None, temporal=temporal, claim_source=None,
        sentence_index=sentence, number_start=0, number_end=1, trigger_start=2, trigger_end=3,
    )  # fmt: skip


def events(text: str, counts: tuple[Count, ...] = ()) -> list[EventType]:
    return extract_events(text, split_sentences(text), counts)


def main(text: str, counts: tuple[Count, ...] = ()) -> tuple[str, str | None] | None:
    found = events(text, counts)
    return (found[0].event_type, found[0].sub_event_type) if found else None


B, E, V = "Battles", "Explosions/Remote violence", "Violence against civilians"
P, R, S = "Protests", "Riots", "Strategic developments"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Government troops and rebels exchanged fire near the airport.", (B, "Armed clash")),
        ("Rebels ambushed an army patrol, sparking a gun battle that lasted hours.", (B, "Armed clash")),
        ("Clashes between rival militias erupted in Tripoli.", (B, "Armed clash")),
        ("Militants attacked a police station in Peshawar.", (B, "Armed clash")),
        ("The army recaptured the town from Islamic State fighters.", (B, "Government regains territory")),
        (
            "Al-Shabaab fighters seized control of the town after troops left.",
            (B, "Non-state actor overtakes territory"),
        ),
        ("An airstrike on a market in Idlib killed 15 people.", (E, "Air/drone strike")),
        ("Russian drone attacks hit Kharkiv overnight.", (E, "Air/drone strike")),
        ("Artillery shelling hit residential areas of Donetsk.", (E, "Shelling/artillery/missile attack")),
        (
            "A suicide bomber blew himself up at a checkpoint in Kabul.",
            (E, "Suicide bomb"),
        ),
        ("A roadside bomb struck a military convoy in Helmand.", (E, "Remote explosive/landmine/IED")),
        ("A car hit a landmine near the border.", (E, "Remote explosive/landmine/IED")),
        ("Attackers hurled a grenade into a bar in Mombasa.", (E, "Grenade")),
        ("Gunmen kidnapped 30 students from a school in Kaduna.", (V, "Abduction/forced disappearance")),
        ("Soldiers raped women in the village, witnesses said.", (V, "Sexual violence")),
        ("Unidentified gunmen shot dead a journalist outside his home.", (V, "Attack")),
        ("Militants attacked a wedding party in the village.", (V, "Attack")),
        ("Thousands marched through the capital to demand reforms.", (P, "Peaceful protest")),
        (
            "Police fired tear gas to disperse demonstrators outside parliament.",
            (P, "Protest with intervention"),
        ),
        ("Security forces opened fire on protesters in the square.", (P, "Excessive force against protesters")),
        ("Rioters torched cars and threw stones at police.", (R, "Violent demonstration")),
        ("Protesters clashed with police in the capital.", (R, "Violent demonstration")),
        ("A mob lynched a man accused of theft.", (R, "Mob violence")),
        ("The government and rebels signed a peace agreement in Juba.", (S, "Agreement")),
        ("Both sides agreed to a truce brokered by Qatar.", (S, "Agreement")),
        ("Police arrested 25 suspects in dawn raids.", (S, "Arrests")),
        (
            "Bomb disposal experts defused an explosive device near the stadium.",
            (S, "Disrupted weapons use"),
        ),
        ("The authorities imposed a curfew and deployed troops to the city.", (S, "Change to group/activity")),
        ("The rebels established a new base in the hills.", (S, "Headquarters or base established")),
        ("Riot police watched as protesters gathered peacefully.", (P, "Peaceful protest")),
        ("Police used stun grenades to break up the rally.", (P, "Protest with intervention")),
        ("The central bank raised interest rates on Tuesday.", None),
        ("The minister praised the football team.", None),
        ("Iran wants S-300 missiles to defend its nuclear sites.", None),
        ("An explosion was heard near the port.", None),
        ("China lodged a protest with Japan over the visit.", None),
        ("Shares rallied after the central bank decision.", None),
        ("Demonstrators took to the streets of Santiago.", (P, "Peaceful protest")),
        ("Rebels fired rockets at the city overnight.", (E, "Shelling/artillery/missile attack")),
    ],
)
def test_main_event(text: str, expected: tuple[str, str] | None) -> None:
    assert main(text) == expected


def test_rocket_propelled_grenade_is_not_a_grenade_attack() -> None:
    found = events("Fighters fired rocket-propelled grenades at the base during the clashes.")
    assert (found[0].event_type, found[0].sub_event_type) == (B, "Armed clash")
    assert all(e.sub_event_type != "Grenade" for e in found)


@pytest.mark.parametrize(
    ("group", "expected"),
    [
        ("security_forces", (B, "Armed clash")),
        ("militants", (B, "Armed clash")),
        ("civilians", (V, "Attack")),
        ("protesters", (P, "Excessive force against protesters")),
    ],
)
def test_counts_alone_decide_by_victim_group(group: str, expected: tuple[str, str]) -> None:
    assert main("Five people died in Borno state.", (count("killed", group),)) == expected


def test_arrest_and_kidnap_counts() -> None:
    assert main("Forty people were picked up.", (count("arrested"),)) == (S, "Arrests")
    assert main("Twelve people were taken.", (count("kidnapped"),)) == (V, "Abduction/forced disappearance")


def test_historical_sentences_weigh_less() -> None:
    text = (
        "The civil war, which ended in 1997, saw heavy fighting and massacres.\n"
        "Hundreds rallied in the capital on Sunday to demand jobs."
    )
    counts = (count("killed", "unspecified", 0, "historical"),)
    assert main(text, counts) == (P, "Peaceful protest")


def test_seed_main_event_is_an_armed_clash_with_agreement_and_arrests() -> None:
    counts = (
        count("killed", "unspecified", 0), count("killed", "militants", 1), count("arrested", "militants", 1),
        count("killed", "security_forces", 2), count("injured", "security_forces", 2),
        count("killed", "unspecified", 11, "historical"),
    )  # fmt: skip
    found = events(SEED, counts)
    assert (found[0].event_type, found[0].sub_event_type) == (B, "Armed clash")
    assert {0, 1, 2} <= set(found[0].sentence_indexes)
    keys = {(e.event_type, e.sub_event_type) for e in found}
    assert {(S, "Agreement"), (S, "Arrests")} <= keys
    agreement = next(e for e in found if e.sub_event_type == "Agreement")
    assert {0, 3, 5} <= set(agreement.sentence_indexes)


def test_confidence_is_bounded_and_ranked() -> None:
    found = events(SEED)
    assert found
    assert all(0.0 < e.confidence <= 1.0 for e in found)
    assert [e.confidence for e in found] == sorted((e.confidence for e in found), reverse=True)
    assert all(len(set(e.sentence_indexes)) == len(e.sentence_indexes) for e in found)


def test_offsets_survive_characters_that_grow_when_lower_cased() -> None:
    text = "İİİ reported calm.\nIn İzmir gunmen shot dead a shopkeeper."
    found = events(text)
    assert [(e.event_type, e.sub_event_type, e.sentence_indexes) for e in found] == [(V, "Attack", (1,))]
