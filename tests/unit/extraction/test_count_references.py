"""Casualty figures (issue 10): counts of wounds, threats, hedged hits, past convictions, earlier events, and a
victim referred back to who died.

Passages written for these tests (none taken from the dev data)."""

from __future__ import annotations

import pytest

from tests.unit.extraction.helpers import casualties as figures


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a figure before "gunshot wounds" counts wounds, not victims
        ("Medics found a woman with several gunshot wounds near the depot. She was taken to a hospital.", (None, 1)),
        ("The old man was taken to hospital with two gunshot wounds.", (None, 1)),
        ("Deputies said a boy was in critical condition with three bullet wounds.", (None, 1)),
        # the one who has the wounds is the victim
        ("Troopers came upon a lone woman suffering from two gunshot wounds beside the ramp.", (None, 1)),
        ("An hour later a girl with several gunshot wounds was left at a clinic door.", (None, 1)),
        ("The woman was taken to an area hospital after the robbery.", (None, 1)),
    ],
)
def test_wounds_are_not_victims(text: str, expected: tuple[int | None, int | None]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a threat reported with its words
        'Deputies said Carl Brody told his brother he was going to "settle it," and kill him.',
        "In a voicemail, the suspect warned that he would come over to the shop, wait outside and kill the owner.",
        # a hit the speaker only believed had happened
        "The bullets passed so close to the cashier that she thought she had been shot.",
    ],
)
def test_threats_and_beliefs_are_no_count(text: str) -> None:
    assert figures(text) == (None, None)


def test_an_animal_before_a_weekday_is_no_victim() -> None:
    assert figures("A ranger shot and killed a rabid stray bull Sunday morning near the trailhead.") == (None, None)
    assert figures("A ranger shot and killed a park visitor Sunday morning.") == (1, None)


def test_headline_present_tense_killing_is_kept() -> None:
    assert figures("Gunmen kill four herders near Lokoja.") == (4, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a conviction that describes a person is an earlier event
        ("A 61-year-old man convicted of killing his landlord in 1994 was arrested on Tuesday.", (None, None)),
        ("Dale Voss, who was convicted of murdering his cousin, fired at a deputy on Friday.", (None, None)),
        # a conviction the sentence reports is the article's (court) event
        ("Dale Voss was convicted of murdering his cousin.", (1, None)),
        ("A woman convicted of killing her husband was sentenced on Monday to 30 years.", (1, None)),
    ],
)
def test_past_convictions(text: str, expected: tuple[int | None, int | None]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Crowds burned a depot after men confessed to a role in Februarys bombing of the port, which killed 12 people.",
        "Police arrested two men for their part in March's ambush of a convoy that killed nine guards.",
    ],
)
def test_a_month_possessive_is_an_earlier_event(text: str) -> None:
    assert figures(text)[0] is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a victim introduced once, hurt, and referred back to when dead: one death, no injured
        ("A teenager was shot and wounded on Friday night. The teen succumbed to his injuries on Sunday.", (1, None)),
        ("A courier was wounded in a shooting on Birch Lane. He died two days later at a hospital.", (1, None)),
        ("A bus driver was stabbed and seriously injured on Friday. The victim died on Saturday.", (1, None)),
        # a second victim set apart stays hurt
        ("A man was shot and wounded. A second man was hurt in the arm. The second man later died.", (1, 1)),
        # a death whose victim is an object may be someone else's
        ("A boy was shot and wounded on Elm Street. Later a gunman opened fire, fatally wounding the victim.", (1, 1)),
    ],
)
def test_a_victim_referred_back_who_died(text: str, expected: tuple[int | None, int | None]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a contracted negation is a negation
        ("A woman was shot in the arm. Two other drivers weren't hurt.", (None, 1)),
        # an attempted crime that did harm is no intended harm
        ("An attempted holdup at a pharmacy left a clerk dead.", (1, None)),
        ("During an attempted carjacking a clerk was killed.", (1, None)),
        ("A teenager shot in the neck during an attempted holdup late Friday died on Saturday.", (1, None)),
        ("Prosecutors charged him with the attempted murder of two deputies.", (None, None)),
    ],
)
def test_negations_and_attempts(text: str, expected: tuple[int | None, int | None]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "who" after a noun names a person, listed or not
        ("A retired plumber who coached youth baseball died on Sunday of an accidental gunshot.", (1, None)),
        # "deceased" says dead
        ("The driver was pronounced deceased at the scene.", (1, None)),
        ("A woman was found deceased in her car on Tuesday.", (1, None)),
        # a double / triple homicide counts its dead
        ("Detectives are investigating a double homicide in the Eastgate neighborhood.", (2, None)),
        ("He is charged in the triple murder at a roadside motel.", (3, None)),
        # time served for a crime is an earlier event; plural victims before "who" are no single victim
        ("Released on Monday, he had served eleven years in prison for a triple murder he denies.", (None, None)),
        ("Police said the victims who were shot were 19 and 20 years old.", (None, None)),
        # a double shooting counts the people hit, not the dead
        ("A double shooting on Elm Street left two men hurt.", (None, 2)),
    ],
)
def test_more_ways_to_say_dead(text: str, expected: tuple[int | None, int | None]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a total over several events is a cumulative toll; the article's own victim makes the figure
        (
            "Two men were killed in separate shootings on Friday. A man died after he was shot on Elm Street.",
            (1, None),
        ),
        ("Three people were wounded in two shootings overnight. One man was shot in the arm on Oak Street.", (None, 1)),
        ("Five people were hurt in shootings across the city on Sunday.", (None, None)),
        # the several events named in a later clause, or with the city's name between: still a roundup's total
        (
            "Three men were hurt at dawn, two of them badly, in what detectives describe as unrelated attacks. "
            "The first victim was shot in the foot on Birch Lane.",
            (None, 1),
        ),
        ("Four men were wounded in three Tulsa shootings overnight. A man was shot in the hip by a diner.", (None, 1)),
        ("Three women were hurt in shootings late Friday. One woman was shot in the arm outside a bakery.", (None, 1)),
        (
            "Two teens were found shot in separate locations on Sunday. One teen was shot in the knee on Ash Road.",
            (None, 1),
        ),
        # one victim of one of the shootings is that shooting's own figure
        ("A man was killed on Monday, in one of two shootings overnight.", (1, None)),
        # a note may sum up two attacks as its event
        ("Herders attacked two hamlets: four dead in two attacks on Monday and Tuesday.", (4, None)),
    ],
)
def test_a_total_over_several_events(text: str, expected: tuple[int | None, int | None]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two men were wounded in a shooting near a bar on Friday. One of them died at the hospital.", (1, 1)),
        ("Four people were injured when the roof collapsed. Two of them died later in hospital.", (2, 2)),
        ("Three women were hurt in the crash, and one of them later died.", (1, 2)),
        ("Two men were wounded in a shooting on Friday. One of them was in critical condition.", (None, 2)),
        ("Five soldiers were killed in the ambush. Two of them were officers.", (5, None)),
    ],
)
def test_a_death_among_the_hurt_moves_one_to_killed(text: str, expected: tuple[int | None, int | None]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # struck with a gun: an injury though no shot hit
        ("Three men burst into the shop and pistol-whipped the owner before taking the till.", (None, 1)),
        ("The cashier was pistol whipped during the holdup, officers said.", (None, 1)),
        # gunfire "striking" or "hitting" someone in a part of the body
        ("The robber aimed a handgun at the driver, firing once and striking him in the thigh.", (None, 1)),
        ("Someone fired at the porch, hitting a 30-year-old woman in the shoulder.", (None, 1)),
        # not gunfire: a car that hits someone is no shooting's victim
        ("A van swerved onto the pavement, hitting a jogger in the leg.", (None, None)),
    ],
)
def test_struck_with_a_gun_or_by_its_fire(text: str, expected: tuple[int | None, int | None]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject of a passive coordinated before "died" is the one who died
        ("A shopkeeper was beaten outside his stall in Lokossa and died three days later.", (1, None)),
        ("A man was stabbed in the neck and died at the clinic.", (1, None)),
        # attackers who kill themselves are among the dead
        ("Two bombers detonated their vests at a bus stop, killing only themselves.", (2, None)),
        ("Three attackers set off explosives near a mosque, killing themselves and wounding five guards.", (3, 5)),
        # executions and a note's common misspellings
        ("Five suspected cattle thieves were summarily shot by a vigilante group.", (5, None)),
        ("Bandits ambushed a minibus, killling 14 passengers.", (14, None)),
        ("Shells hit the camp on Monday. No causalities were reported.", (0, 0)),
    ],
)
def test_who_died_when_the_text_says_it_indirectly(text: str, expected: tuple[int | None, int | None]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a block number is an address, and a residence without its closing comma is still skipped
        ("Cal Ortiz, 31, of the 500 block of Juniper Street was killed in a shooting on Pine Road.", (1, None)),
        # "since YEAR, when ...": that year's toll, not the article's
        ("It was the deadliest April since 2011, when 26 people were shot dead.", (None, None)),
        ("Gunmen stormed the hamlet on Sunday, when nine villagers were killed.", (9, None)),
    ],
)
def test_addresses_and_the_year_a_comparison_names(text: str, expected: tuple[int | None, int | None]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a shooter who dies by his own hand is one of the dead, besides the people he killed
        ("A 41-year-old man fatally shot his ex-wife and her boyfriend, then turned the gun on himself.", (3, None)),
        ("Deputies said the gunman killed two coworkers and then himself at the plant.", (3, None)),
        ("Police said the gunman killed three people and himself at the warehouse on Monday.", (4, None)),
        ("Two attackers detonated explosives at the checkpoint, killing themselves and 12 passengers.", (14, None)),
        # his death is not one of the people he hit
        ("A woman shot her stepson in the chest on Friday, then turned the gun on herself.", (1, 1)),
        # a wound to himself is told: he may live
        ("The suspect turned the rifle on himself, shooting himself in his jaw; he was flown out.", (None, 1)),
        # gunfire that hits someone in a body part is an injury, unless it was fatal
        ("The robber opened fire, shooting the clerk in the shoulder.", (None, 1)),
        ("The gunman opened fire, fatally shooting the clerk in the chest.", (1, None)),
    ],
)
def test_a_shooter_who_turns_the_gun_on_himself(text: str, expected: tuple[int | None, int | None]) -> None:
    assert figures(text) == expected
