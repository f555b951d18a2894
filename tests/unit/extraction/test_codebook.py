"""Event types and actors by ACLED's codebook, on passages written for these tests (many regions, not the dev
data): who acted, what they did, to whom; negation, hypotheticals, non-political news."""

from __future__ import annotations

import pytest

from tasks.core.extraction.actors import acled_name
from tasks.core.extraction.counts import extract_counts
from tasks.core.extraction.events import extract_events_and_actors
from tasks.core.extraction.gazetteer import load_gazetteer
from tasks.core.extraction.model import Actor
from tasks.core.extraction.sentences import split_sentences

B, E, V = "Battles", "Explosions/Remote violence", "Violence against civilians"
P, R, S = "Protests", "Riots", "Strategic developments"


def coded(text: str) -> tuple[tuple[str, str | None] | None, str | None, str | None]:
    sentences = split_sentences(text)
    events, (a1, a2) = extract_events_and_actors(
        text, sentences, extract_counts(text, sentences), load_gazetteer().demonym_country
    )
    main = (events[0].event_type, events[0].sub_event_type) if events else None
    return main, a1.actor_type if a1 else None, a2.actor_type if a2 else None


@pytest.mark.parametrize(
    ("text", "event", "actor1", "actor2"),
    [
        ("On 3 May 2023, Taliban fighters attacked a police checkpoint in Kunduz, killing four officers.",
         (B, "Armed clash"), "rebels", "state_forces"),
        ("On 12 June 2021, unidentified gunmen abducted 15 passengers from a bus near Zamfara.",
         (V, "Abduction/forced disappearance"), "political_militia", "civilians"),
        ("On 4 April 2022, a Russian air strike hit a hospital in Kharkiv, killing two civilians.",
         (E, "Air/drone strike"), "state_forces", "civilians"),
        ("On 17 September 2021, a roadside bomb struck a military convoy in Tillaberi, killing three soldiers.",
         (E, "Remote explosive/landmine/IED"), "state_forces", "political_militia"),
        ("On 7 July 2023, a suicide bomber blew himself up at a rally in Bajaur, killing 40 people.",
         (E, "Suicide bomb"), "political_militia", "civilians"),
        ("On 9 March 2023, hundreds of teachers marched in La Paz to demand higher wages.",
         (P, "Peaceful protest"), "protesters", None),
        ("On 9 March 2023, students protested in Dhaka; police fired tear gas to disperse them.",
         (P, "Protest with intervention"), "protesters", "state_forces"),
        ("On 20 January 2022, security forces opened fire on demonstrators in Khartoum, killing seven.",
         (P, "Excessive force against protesters"), "state_forces", "protesters"),
        ("On 14 July 2022, protesters set fire to tyres and threw stones at police in Port-au-Prince.",
         (R, "Violent demonstration"), "rioters", "state_forces"),
        ("Residents of Soweto marched to the council offices over power cuts. The marchers later burned tyres "
         "and pelted police with stones.", (R, "Violent demonstration"), "rioters", "state_forces"),
        ("On 2 February 2021, a mob lynched a suspected thief in Kampala.",
         (R, "Mob violence"), "rioters", "civilians"),
        ("On 30 August 2022, villagers beat to death a man accused of witchcraft in Morogoro.",
         (R, "Mob violence"), "rioters", "civilians"),
        ("On 3 June 2022, armed herders attacked farmers in the village of Yelwata, killing 12 people.",
         (V, "Attack"), "identity_militia", "civilians"),
        ("On 5 October 2022, soldiers arrested 12 suspected members of the ADF in Beni.",
         (S, "Arrests"), "state_forces", "rebels"),
        ("On 11 November 2022, the army recaptured the town of Bunagana from M23 rebels.",
         (B, "Government regains territory"), "state_forces", "rebels"),
        ("On 8 August 2022, al Shabaab militants took control of the town after government troops withdrew "
         "without a fight.", (S, "Non-violent transfer of territory"), "rebels", "state_forces"),
        ("On 1 March 2023, the government and ELN rebels signed a ceasefire agreement in Havana.",
         (S, "Agreement"), None, None),
        ("On 21 May 2022, police defused an explosive device planted near a church in Maiduguri.",
         (S, "Disrupted weapons use"), "state_forces", None),
        ("On 19 May 2023, gunmen looted shops and burned houses in the village of Kadisau.",
         (S, "Looting/property destruction"), "political_militia", "civilians"),
        ("Movement of forces: On 2 March 2023, armed men on motorcycles were seen near Djibo.",
         (S, "Change to group/activity"), "political_militia", None),
        ("A man was shot dead by unknown gunmen outside his home in Peshawar.",
         (V, "Attack"), "political_militia", "civilians"),
    ],
)  # fmt: skip
def test_who_did_what_to_whom(text: str, event: tuple[str, str], actor1: str | None, actor2: str | None) -> None:
    assert coded(text)[0] == event
    if actor1 is not None:
        assert coded(text)[1] == actor1
    assert coded(text)[2] == actor2 or (actor2 is None and event[0] == S)


@pytest.mark.parametrize(
    "text",
    [
        "A tram crash in Lisbon killed three people on Tuesday.",
        "Floods killed at least 30 people in Bahia state.",
        "The football club won the league after beating its rivals 3-1.",
        "Shares in the mining company rallied after strong quarterly results.",
        "The central bank raised interest rates on Tuesday.",
    ],
)
def test_news_that_is_no_political_violence_gets_no_type(text: str) -> None:
    assert coded(text)[0] is None


def test_negated_and_hypothetical_acts_are_not_events() -> None:
    assert coded("Rebels threatened to attack the capital if talks failed.")[0] != (B, "Armed clash")
    assert coded("No clashes were reported in Goma on Sunday.")[0] is None
    assert coded("Soldiers found a landmine that did not explode near the bridge.")[0] != (
        E, "Remote explosive/landmine/IED")  # fmt: skip


def test_a_note_opening_with_acleds_own_label_gets_that_sub_type() -> None:
    assert coded("Looting: On 4 May 2022, gunmen stole 40 cattle from herders near Gao.")[0] == (
        S, "Looting/property destruction")  # fmt: skip


def test_actor_names_as_acled_writes_them() -> None:
    actor = Actor("Protesters ({c})", "protesters", "students", None, 0, 0, 8)
    assert acled_name(actor, "India") == "Protesters (India)"
    assert acled_name(Actor("Police Forces of {c}", "state_forces", None, None, None, None, None), "Nigeria") == (
        "Police Forces of Nigeria")  # fmt: skip
    assert acled_name(actor, None) == "Protesters"


def test_a_demonym_names_the_actors_country() -> None:
    text = "On 2 May 2023, Nigerian troops clashed with bandits near Sokoto."
    sentences = split_sentences(text)
    _, (a1, _) = extract_events_and_actors(text, sentences, [], load_gazetteer().demonym_country)
    assert a1 is not None and a1.country_code == "NG" and a1.text == "troops"
    assert text[a1.char_start : a1.char_end] == a1.text


def test_an_unnamed_attacker_is_the_armed_group_the_text_names_elsewhere() -> None:
    text = "Two people were killed during a raid on a village near Maiduguri. Boko Haram was suspected."
    sentences = split_sentences(text)
    events, (a1, _) = extract_events_and_actors(text, sentences, extract_counts(text, sentences))
    assert events and events[0].event_type == V
    assert a1 is not None and (a1.name, a1.actor_type, a1.text) == ("Boko Haram", "rebels", "Boko Haram")
