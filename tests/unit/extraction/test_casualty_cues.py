"""Casualty figures on real-news phenomena (issue 10): false counts in zero-death texts, missed tolls.

Passages written for these tests (none taken from the dev data)."""

from __future__ import annotations

import pytest

from tasks.core.extraction.counts import estimate_totals, extract_counts
from tasks.core.extraction.sentences import split_sentences
from tests.unit.extraction.helpers import casualties as figures


@pytest.mark.parametrize(
    "text",
    [
        # the death a protest answers is an earlier event
        "Taxi drivers in Kumasi held a demonstration on Monday after a fellow driver was killed in a road crash.",
        "Students in Gondar rallied against a wave of robberies that left five people dead.",
        "Market women protested in Aba over a fire that left three traders dead.",
        "Clan elders travelled to the capital and met ministers to discuss the killing of 30 villagers.",
        # the object is an animal, not the victim of the first verb
        "Herders from a nearby camp wounded one farmer and killed two goats near Tamale.",
        "A number of youths killed and burned some twenty goats near Kano.",
        "Someone in Dorset shot and killed the two pets of a retired teacher.",
        # a hypothetical or prevented death, and a figure that counts things
        "Negotiators kept the cornered man from killing himself on the bridge.",
        "Detectives tied the dead suspect to several other robberies.",
    ],
)
def test_no_killed_figure(text: str) -> None:
    assert figures(text)[0] is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police fired on protesters marching in Harare, killing two of them.", 2),
        ("Protesters clashed with soldiers in Bamako; four protesters were killed.", 4),
        ("Herders wounded one farmer and killed two others near Tamale.", 2),
        ("The cyclist was shot on Friday and died over the holiday weekend.", 1),
    ],
)
def test_killed_kept(text: str, expected: int) -> None:
    assert figures(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a negated plural subject is a zero, not a count
        ("The three cashiers inside the bank were not injured.", (None, 0)),
        # hedged: nobody says they were hurt
        ("Officials could not yet say whether any of the three guards had been hurt.", (None, None)),
        ("Police did not say if two officers were wounded in the exchange.", (None, None)),
        # treated for something other than an injury
        (
            "The pistol went off in a Reno clinic while the patient was treated for a medical issue.",
            (None, None),
        ),
        ("The teenager was taken to a hospital for psychiatric care under a court order.", (None, None)),
    ],
)
def test_not_hurt(text: str, expected: tuple[int | None, int | None]) -> None:
    assert figures(text) == expected


def test_a_house_number_on_a_parkway_is_not_a_count() -> None:
    text = "Rita Gomez, 40, of 221 Harbor Parkway in Quincy was arrested on a warrant."
    assert estimate_totals(extract_counts(text, split_sentences(text)))["arrested"] == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # killing verbs
        ("Raiders slit the throats of two herders near Gao.", 2),
        ("Rebels beheaded three farmers near Beni.", 3),
        ("A mob fatally assaulted two brothers accused of witchcraft near Tamale.", 2),
        ("Gunmen assassinate a magistrate in Goma.", 1),
        ("The victim passed away at the hospital on Sunday.", 1),
        ("His body was found behind a warehouse outside Flint on Monday.", 1),
        # the victim of "beat ... to death" is the object, not the subject
        ("Two youths beat a suspected thief to death in Kisumu.", 1),
        # people named by their role
        ("A masked burglar was shot and killed by a homeowner in Mesa.", 1),
        # victims listed one by one add up; a total of people in general does not add its parts
        ("Four guards, one nurse, one driver and one cook were killed in the ambush.", 7),
        ("Twelve people, including four women, were killed in Jos.", 12),
        # headline style: no determiner
        ("Gunmen kill police officer in Maiduguri.", 1),
        ("Attackers killed former rebel commander as he left a mosque in Bunia.", 1),
        ("Trader killed in Onitsha market blast.", 1),
        # the victim opens the sentence, described before the verb
        ("A youth suspected of stealing a motorbike was beaten to death by a crowd in Kano.", 1),
        ("An army captain, Musa Bello, was killed in an ambush near Maiduguri.", 1),
    ],
)
def test_killed(text: str, expected: int) -> None:
    assert figures(text)[0] == expected


def test_a_victim_hurt_then_dead_is_one_death() -> None:
    assert figures("A woman hurt in the attack on the camp later died in hospital.") == (1, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A police officer who answered the call was shot in the arm.", (None, 1)),
        # a negated or attributive trigger gives no victim
        ("The taxi driver, who was parked across the street, wasn't hurt.", (None, None)),
        ("A nephew of the chief vowed revenge for his dead uncle.", (None, None)),
    ],
)
def test_fronted_victim(text: str, expected: tuple[int | None, int | None]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # doubtful sources: reports that disagree, a claim that could not be verified
        "Some reports said three soldiers were killed in the raid on the base.",
        "Conflicting reports said one or two people died in the clash near Mopti.",
        "Rebels said they had killed nine soldiers near Kidal. That figure could not be verified.",
        # an earlier event: a day before the note's own date, a month-long tally
        "On 4 June 2021, armed men fired on police near a farm in Parakou, where two herders were shot dead on May 20.",
        "Rangers closed the reserve to herders; eight bodies were found there during August.",
    ],
)
def test_weak_or_earlier_tolls_give_no_figure(text: str) -> None:
    assert figures(text)[0] is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 4 June 2021, gunmen shot dead a farmer near Parakou on 3 June.", 1),
        ("Some 40 people were killed in the attack, police said.", 40),
    ],
)
def test_stated_tolls_kept(text: str, expected: int) -> None:
    assert figures(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # passive "shot at" a place or "at least" is a hit; fired at (active, or "shot at but") is not
        ("A guard was shot at the entrance of an Akron nightclub.", (None, 1)),
        ("A man was shot at least twice outside a store in Fresno.", (None, 1)),
        ("Two men were shot at but not hit outside a store in Toledo.", (None, None)),
        ("The gunman shot at the car several times before driving off.", (None, None)),
        ("A courier was held at gunpoint and shot at after leaving a warehouse in Leeds.", (None, None)),
        ("A driver was held up and shot at before he sped off, police in Derby said.", (None, None)),
    ],
)
def test_shot_at(text: str, expected: tuple[int | None, int | None]) -> None:
    assert figures(text) == expected


def test_a_protest_about_an_earlier_death_is_still_a_protest() -> None:
    from tasks.core.extraction.events import extract_events

    text = "On 3 May 2021, taxi drivers in Kumasi held a demonstration after a fellow driver was killed in a crash."
    sentences = split_sentences(text)
    events = extract_events(text, sentences, extract_counts(text, sentences))
    assert figures(text)[0] is None
    assert events[0].event_type == "Protests"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a person shot by an active verb is hit
        ("A masked robber followed the clerk outside and shot him in the knee.", (None, 1)),
        ("Deputies said a farmhand fired from the barn and shot him with a pistol.", (None, 1)),
        ("Police said a neighbour shot his landlord in the arm during an argument.", (None, 1)),
        # a weapon fired, or a number of shots, is not a victim
        ("At the range, the instructor shot the rifle at a paper target.", (None, None)),
        ("Neighbours heard that she shot her .22 pistol into a snowbank.", (None, None)),
        ("The driver leaned out and shot 3 more times before speeding away.", (None, None)),
    ],
)
def test_active_shot(text: str, expected: tuple[int | None, int | None]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # page furniture: a photo gallery's position, a story id
        ("Image 1 of / 9 Caption Close Driver shot dead outside a Reno club. A driver was shot dead on Friday.", 1),
        ("Sign up here!20517733 Police say a man was killed in a crash of gunfire in Gary.", 1),
        # a running tally is not the event's toll
        ("Two men were killed in Dayton on Friday. The city has now seen nine people killed this month.", 2),
        # a warrant executed is not a death
        ("A man was found dead in Tulsa. Detectives executed three search warrants on Monday.", 1),
    ],
)
def test_page_furniture_and_tallies(text: str, expected: int) -> None:
    assert figures(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # named victims listed one by one add up
        ("A drive-by shooting last Thursday killed Ines Gomez, 21, and Darius Finch, 22.", (2, None)),
        ("He is charged in the shooting deaths of Dario Gulli and Shana Boyd.", (2, None)),
        # "N were shot, M fatally": M killed, the rest hurt
        ("Three teenagers were shot, one fatally, outside a Modesto school.", (1, 2)),
        # a participle after the victim, no auxiliary
        ("Coroners have named a farmer shot to death in his barn near Mobile.", (1, None)),
        ("The Navy identified a sailor found dead in a barracks in Norfolk.", (1, None)),
        # a dateline before the sentence's opening victim
        ("TULSA, Okla. — A man who was shot during a robbery on Monday night passed away on Tuesday.", (1, None)),
        # no victim: a noun trigger, an indefinite pronoun, animals
        ("The killing sparked protests in the town.", (None, None)),
        ("The boat sank near the port, though an official toll was not yet known.", (None, None)),
        ("Someone shot and killed two dogs on a farm near Boise.", (None, None)),
    ],
)
def test_victims_around_the_trigger(text: str, expected: tuple[int | None, int | None]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a relative clause between the victims and their death
        ("Two civilians who were informants of the police died.", (2, None)),
        ("Three soldiers who were guarding the post were killed.", (3, None)),
        # the people shot are the people who died, never counted twice
        ("Two people who were shot in the attack later died.", (2, None)),
    ],
)
def test_relative_clause_subjects(text: str, expected: tuple[int | None, int | None]) -> None:
    assert figures(text) == expected


def test_relative_clause_arrests() -> None:
    text = "Two men who robbed a bank were arrested."
    assert estimate_totals(extract_counts(text, split_sentences(text)))["arrested"] == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name in apposition is the same person; a body part is not a second victim
        ("Police said the wounded driver, Omar Haddad, 40, was shot once in the chest.", (None, 1)),
        ("The guard was hit by a bullet in the shoulder, and a second round grazed his knee.", (None, 1)),
        # named victims listed one by one before the trigger
        ("Officers found Ana Ruiz, 26, and her cousin, Leo Park, 28, dead.", (2, None)),
        ("Police said Ana Ruiz and Leo Park were killed.", (2, None)),
        # a street is not a victim; a weekday is not a name
        ("Calls reported an injured person at Maple Avenue and Birch Street who had been shot.", (None, 1)),
        ("ELGIN, Ill. - A teenager stabbed during a fight on Sunday has died, the coroner said.", (1, None)),
    ],
)
def test_listed_and_apposed_victims(text: str, expected: tuple[int | None, int | None]) -> None:
    assert figures(text) == expected
