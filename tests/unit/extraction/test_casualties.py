"""Casualty figures of whole documents (issue 10 items 2-4): injured, killed, and no false counts.

Passages written for these tests (none taken from the dev data), about places in many countries."""

from __future__ import annotations

import pytest

from tasks.core.extraction.counts import estimate_totals, extract_counts
from tasks.core.extraction.sentences import split_sentences


def figures(text: str) -> tuple[int | None, int | None]:
    totals = estimate_totals(extract_counts(text, split_sentences(text)))
    return totals["killed"], totals["injured"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "shot" without a death is an injury
        ("Outside a Leeds bakery on Friday night, a man was shot in the leg, police said.", (None, 1)),
        ("A teenager was shot three times near a bus stop in Tacoma.", (None, 1)),
        ("Two men were shot on Elm Avenue in Dayton early Sunday.", (None, 2)),
        ("A cyclist was grazed by a bullet in Marseille.", (None, 1)),
        ("A woman was struck by a stray bullet while walking home in Recife.", (None, 1)),
        ("A bystander suffered a gunshot wound to the arm in Durban.", (None, 1)),
        ("A 30-year-old man is in critical condition after a shooting in Tulsa.", (None, 1)),
        ("The teen was taken to a trauma centre with non-life-threatening injuries.", (None, 1)),
        ("Three people were hurt when the gunman opened fire in Malmo.", (None, 3)),
        # listed one by one, they add up
        ("A 19-year-old man and a 22-year-old woman were shot in Fresno on Saturday.", (None, 2)),
        # a victim set apart from the dead stays injured
        ("After a shooting in Tampa, one man was killed and a second man was taken to a hospital.", (1, 1)),
        ("A man was shot dead in Salford. Another man was also shot and taken to hospital.", (1, 1)),
        ("A woman was killed. Her brother was grazed by a bullet and survived.", (1, 1)),
        ("Paramedics tried to revive the cyclist; he was pronounced dead at the scene.", (1, None)),
        ("Two men were charged following the shooting death of Ivan Petrov in Toledo.", (1, None)),
        # a victim who later died moves from injured to killed, never counted twice
        ("A man was shot on Main Street in Akron on Tuesday. He died at the hospital.", (1, None)),
        ("Two men were shot in Lagos on Monday. One of them died at the scene.", (1, 1)),
        ("A man was shot and killed and a woman was wounded in Cali.", (1, 1)),
        ("A man was shot multiple times and pronounced dead at the scene in Memphis.", (1, None)),
    ],
)
def test_injured(text: str, expected: tuple[int | None, int | None]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A shopkeeper was shot dead in Karachi on Wednesday.", 1),
        ("Police said a driver was fatally shot on the ring road in Nairobi.", 1),
        ("A farmer was beaten to death by a mob in Bihar.", 1),
        ("Two suspected thieves were lynched by residents in Kampala.", 2),
        # a named or referred-back victim
        ("Detectives arrested a man in the fatal shooting of Carlos Mendes, 31, in Tucson.", 1),
        ("Police said the gunman was accused of fatally wounding Aisha Bello outside her home.", 1),
        ("In Ocala, deputies shot the suspect, who later was pronounced dead at a hospital.", 1),
        ("A man shot and killed himself after a crash on the interstate near Boise.", 1),
        ("Divers recovered the bodies of a 60-year-old fisherman and a 12-year-old boy off Zanzibar.", 2),
        # a victim named by a noun no list holds, or a pronoun
        ("A mob killed a suspected cattle rustler in a village near Kisumu.", 1),
        ("Residents caught a burglar and beat him to death in Soweto.", 1),
        ("Vigilantes beat a pickpocket to death at a market in Dhaka.", 1),
        ("Gunmen killed and beheaded a trader near Diffa.", 1),
        ("Unknown assailants killed by machete a herder in a camp near Mopti.", 1),
        ("A mob beat to death two men accused of theft in Mwanza.", 2),
        ("During the quarrel one hunter shot dead another near Korhogo.", 1),
        ("A farmer shot and killed the presumed intruder, police said.", 1),
        # subjects listed side by side add up, whatever their groups; a total with its parts does not
        ("Two Dinka and two Nuer were killed in the cattle raid near Rumbek.", 4),
        ("Three Tuareg and three farmers (including a village chief) were killed.", 6),
        ("Twelve people, including five women, were killed in the raid on Goma.", 12),
        ("A 40-year-old man was charged in the fatal shooting of Marcus McAllister, 29, on Sunday.", 1),
        ("Officers found the body of 31-year-old Tomas Varga in a garage on Elm Street.", 1),
        ("The crash took the life of a 19-year-old cyclist in Ghent.", 1),
        ("Maria Lopez (34) died from a gunshot wound at her home in Tucson.", 1),
        ("A Reno man has been accused of shooting and killing his neighbour.", 1),
        # terse notes in the present tense
        ("Army troops kill six insurgents near Marawi.", 6),
        ("Unidentified gunmen kill 1 and injure 2 traders at a market in Jos.", 1),
        # the total, not the part named inside it
        ("Eleven people including three police officers were killed in the clashes in Kasese.", 11),
        ("Three guards and two farmers (both local volunteers) were killed in the ambush near Gao.", 5),
        # every death in the event, all sides: the attacker counts too
        ("Four worshippers and two attackers were killed in the blast in Peshawar.", 6),
        ("Police shot dead a gunman who had killed two guards at a bank in Lyon.", 3),
    ],
)
def test_killed(text: str, expected: int) -> None:
    assert figures(text)[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Shots were fired into a house on Oak Street in Flint, but nobody was hit.",
        "The driver was not injured, police said.",
        "Officers fired one shot, striking the windshield of the car.",
        "A shot rang out near the stadium in Glasgow on Saturday.",
        "Police seized 12 rifles and 300 rounds of ammunition in Mosul.",
        "Farmers killed six oxen belonging to herders near Maradi.",
        "Protesters blocked a toll booth on the highway near Lyon.",
        "Residents attacked a man accused of killing a trader in Bouake last week.",
        "Thousands marched in Santiago in protest over the killing of a student.",
        "The 12 men arrested on Friday were released on bail in Accra.",
        "Police said it was unclear whether the man had been shot.",
        "It did not appear that the cashier was hurt, police said.",
        "With her two children, the homeowner escaped without injury and phoned the police.",
        "Two men were charged with the attempted homicide of three officers in Camden.",
        "On Sunday a man surrendered; earlier he had threatened to hurt relatives and kill himself.",
        "One of the robbers fired a shot in her direction before fleeing.",
        "Anyone with information may write BNPD in the body of the text.",
        "It is the third shooting in the neighbourhood since Jan. 4, when a 20-year-old man was wounded.",
        "Protesters threatened to kill 5 hostages if their demands were not met.",
        "Farmers shot and killed an ox belonging to a herder near Kaduna.",
        "Officers executed a search warrant at a house in Fresno and seized two rifles.",
        "Hawkers blocked the road in protest of the death of a colleague in Lagos.",
        "The court sentenced him to death in absentia.",
        "After the crash, the driver went to the hospital for a medical evaluation.",
        "He was taken to a hospital as a precaution, deputies said.",
    ],
)
def test_no_false_counts(text: str) -> None:
    killed, injured = figures(text)
    assert not killed and not injured


def test_earlier_tolls_keep_their_rows_but_not_the_figure() -> None:
    text = "Gunmen killed three villagers in Zamfara on Sunday. The insurgency has killed 35,000 people since 2009."
    counts = extract_counts(text, split_sentences(text))
    assert {(c.value_low, c.temporal) for c in counts if c.kind == "killed"} == {(3, "current"), (35_000, "historical")}
    assert figures(text)[0] == 3


def test_a_victim_who_later_died_is_not_counted_twice_across_sentences() -> None:
    text = (
        "Two men were shot outside a nightclub in Gqeberha early Sunday. One of them was taken to hospital, where "
        "he died. The other is in stable condition."
    )
    assert figures(text) == (1, 1)
