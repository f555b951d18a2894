"""Counts of people killed, injured, arrested, ... from varied real-world news phrasing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.core.extraction.counts import estimate_totals, extract_counts
from tasks.core.extraction.model import Count, Sentence
from tasks.core.extraction.sentences import split_sentences

SEED = Path(__file__).resolve().parents[3] / "seeds" / "000_f0b822bff615e880.txt"


def _spec(c: Count) -> str:
    """'killed 12/12 security_forces' (+ ' vague', ' hist')."""
    out = f"{c.kind} {c.value_low}/{c.value_high}"
    if c.victim_group != "unspecified":
        out += f" {c.victim_group}"
    if c.vague:
        out += " vague"
    if c.temporal == "historical":
        out += " hist"
    return out


def _one(text: str) -> list[str]:
    return [_spec(c) for c in extract_counts(text, [Sentence(0, 0, len(text))])]


CASES: list[tuple[str, list[str]]] = [
    # wire reports
    ("At least 30 militants were killed on Tuesday.", ["killed 30/None militants"]),
    ("Gun battles have left at least 40 dead, a local official said.", ["killed 40/None"]),
    ("A suicide bomber killed 12 people at a market in Kabul on Monday.", ["killed 12/12"]),
    (
        "The blast killed at least five soldiers and wounded 20 others.",
        ["killed 5/None security_forces", "injured 20/20 security_forces"],
    ),
    (
        "Twelve Tajik security officers were killed and another 25 injured.",
        ["killed 12/12 security_forces", "injured 25/25 security_forces"],
    ),
    ("Police said 14 people died and 30 were hurt when the bus overturned.", ["killed 14/14", "injured 30/30"]),
    ("The death toll from the earthquake rose to 2,300 on Wednesday.", ["killed 2300/2300"]),
    ("The death toll has climbed to 41, the health ministry said.", ["killed 41/41"]),
    ("Up to 50,000 people were displaced by the fighting.", ["displaced None/50000"]),
    ("More than 100 protesters were arrested in Minsk.", ["arrested 100/None protesters"]),
    ("Security forces detained 40 demonstrators outside parliament.", ["arrested 40/40 protesters"]),
    ("Gunmen abducted 30 schoolchildren from a boarding school in Kaduna state.", ["kidnapped 30/30 civilians"]),
    ("Nearly 200 people remain missing after the floods.", ["missing None/200"]),
    ("Some 1.5 million people have fled their homes since the conflict began.", ["displaced 1500000/1500000 hist"]),
    ("Dozens of people were injured in the stampede.", ["injured 24/99 vague"]),
    ("Hundreds of civilians have been killed, activists say.", ["killed 200/999 civilians vague"]),
    ("Thousands of residents were evacuated as the fire spread.", ["displaced 2000/9999 civilians vague"]),
    ("Several people were wounded in the shooting.", ["injured 3/9 vague"]),
    ("A few soldiers were lightly wounded.", ["injured 2/5 security_forces vague"]),
    ("Tens of thousands of people fled.", ["displaced 20000/99999 vague"]),
    ("Between 10 and 20 rebels were killed in the clashes.", ["killed 10/20 militants"]),
    ("Ten to 15 civilians were wounded.", ["injured 10/15 civilians"]),
    ("Around 300 migrants are feared dead after the boat capsized.", ["killed 300/300 civilians"]),
    ("About 60 people were injured, according to the Red Cross.", ["injured 60/60"]),
    ("An estimated 1,200 people were killed in the cyclone.", ["killed 1200/1200"]),
    ("Two dozen people were arrested after the riot.", ["arrested 24/24"]),
    ("A dozen police officers were hurt during the clashes.", ["injured 12/12 security_forces"]),
    ("Three hundred and forty prisoners escaped and two guards were killed.", ["killed 2/2 security_forces"]),
    ("The attack killed 3 soldiers and 2 civilians.", ["killed 3/3 security_forces", "killed 2/2 civilians"]),
    (
        "Three soldiers and two civilians were killed in the ambush.",
        ["killed 3/3 security_forces", "killed 2/2 civilians"],
    ),
    ("At least 22 people, including six children, were killed.", ["killed 22/None", "killed 6/6 civilians"]),
    ("Israeli strikes killed 18 Palestinians overnight, medics said.", ["killed 18/18"]),
    ("Al-Shabaab fighters killed 7 Kenyan troops.", ["killed 7/7 security_forces"]),
    (
        "Insurgents stormed the checkpoint, killing 9 policemen and wounding 4.",
        ["killed 9/9 security_forces", "injured 4/4"],
    ),
    ("Seven people lost their lives in the crash.", ["killed 7/7"]),
    ("More than a dozen people have been hospitalized.", ["injured 12/None"]),
    ("Twenty-five passengers were injured when the train derailed.", ["injured 25/25 civilians"]),
    ("Police arrested 12 suspects in connection with the attack.", ["arrested 12/12"]),
    ("Forty were arrested and 12 others detained for questioning.", ["arrested 40/40", "arrested 12/12"]),
    ("Officials said 3 hostages were freed but 2 remain missing.", ["kidnapped 3/3", "missing 2/2"]),
    ("The gunmen took 20 passengers hostage.", ["kidnapped 20/20 civilians"]),
    ("Rebels kidnapped 11 aid workers on Friday.", ["kidnapped 11/11 civilians"]),
    ("Fifteen bodies were recovered from the rubble.", ["killed 15/15"]),
    ("Casualties stood at 12 dead and 40 wounded.", ["killed 12/12", "injured 40/40"]),
    ("The number of people killed rose to 86.", ["killed 86/86"]),
    ("The clashes left 4 dead and 19 injured.", ["killed 4/4", "injured 19/19"]),
    ("Scores of protesters were wounded.", ["injured 40/199 protesters vague"]),
    ("Six people were arrested, two of them women.", ["arrested 6/6", "arrested 2/2"]),
    ("Over 40 people were killed in the floods.", ["killed 40/None"]),
    ("Fewer than 10 people were hurt.", ["injured None/10"]),
    ("As many as 300 villagers are feared dead.", ["killed None/300 civilians"]),
    # local crime and accident news
    ("A 25-year-old man was shot dead in Chicago on Saturday night.", ["killed 1/1"]),
    ("A woman was found shot to death inside her home.", ["killed 1/1"]),
    ("A teenager was fatally stabbed outside a school in London.", ["killed 1/1"]),
    ("The driver succumbed to his injuries at the hospital.", ["killed 1/1 civilians"]),
    (
        "A soldier was killed and two others were wounded.",
        ["killed 1/1 security_forces", "injured 2/2 security_forces"],
    ),
    ("The general died on the way to hospital.", ["killed 1/1 security_forces"]),
    ("He was arrested at his home on Tuesday.", ["arrested 1/1"]),
    ("No one was hurt in the fire at 12 Main Street.", ["injured 0/0"]),
    ("No casualties were reported.", ["casualties 0/0"]),
    ("There were no injuries.", ["injured 0/0"]),
    ("There were no immediate reports of casualties.", ["casualties 0/0"]),
    ("Nobody was killed in the explosion.", ["killed 0/0"]),
    ("No arrests have been made.", ["arrested 0/0"]),
    ("Two men, aged 40 and 52, were arrested.", ["arrested 2/2"]),
    ("Police arrested a 19-year-old suspect.", ["arrested 1/1"]),
    ("Three people were taken to hospital with minor injuries.", ["injured 3/3"]),
    # numbers that are not people
    ("The 45-year-old victim was wounded at 2:30 a.m.", ["injured 1/1"]),
    ("Three houses were destroyed and 15 cars were damaged.", []),
    ("The region remains volatile 15 years after a civil war.", []),
    ("He was stabbed several times several kilometers from Khorog.", []),
    ("The murder took place on June 21.", []),
    ("Prices rose 12 percent in March and killed demand.", []),
    ("The company lost $40 million last year.", []),
    ("Police received 30 calls about the gunfire.", []),
    ("The ceasefire would allow us to search for wounded.", []),
    ("A commission will determine if there were civilian casualties.", []),
    ("Storms killed 3 cows and damaged 12 homes.", []),
    ("The 2011 uprising was followed by a crackdown.", []),
    # conflict monitors (ACLED / Liveuamap style)
    (
        "On 12 March, JNIM militants ambushed a FAMa patrol near Boni, killing 14 soldiers.",
        ["killed 14/14 security_forces"],
    ),
    ("Fatalities: 3. Unidentified gunmen shot and killed a village chief.", ["killed 3/3", "killed 1/1"]),
    ("Russian shelling of Kherson: 2 civilians killed, 5 wounded.", ["killed 2/2 civilians", "injured 5/5 civilians"]),
    ("IDF says 2 soldiers were killed in southern Gaza.", ["killed 2/2 security_forces"]),
    ("Clashes between two clans left 8 dead in Galmudug.", ["killed 8/8"]),
    ("Protesters clashed with police; 27 people were detained.", ["arrested 27/27"]),
    # press releases and translated news
    ("The Ministry of Interior announced the arrest of 23 persons involved in smuggling.", ["arrested 23/23"]),
    (
        "As a result of the shelling, 4 persons were injured, including 1 child.",
        ["injured 4/4", "injured 1/1 civilians"],
    ),
    ("According to preliminary data, 7 people died and 12 were injured.", ["killed 7/7", "injured 12/12"]),
    ("Law enforcement officers detained 5 members of an extremist cell.", ["arrested 5/5"]),
    ("The accident claimed the lives of 9 people.", ["killed 9/9"]),
    # more wire, local and monitor phrasing
    (
        "Two police officers were killed and three others injured when a roadside bomb struck their vehicle.",
        ["killed 2/2 security_forces", "injured 3/3 security_forces"],
    ),
    (
        "At least 14 people have been killed and dozens more injured in Russian strikes on Kyiv overnight.",
        ["killed 14/None", "injured 24/99 vague"],
    ),
    (
        "The Syrian Observatory said 23 pro-government fighters and 11 jihadists died in the clashes.",
        ["killed 23/23 militants", "killed 11/11 militants"],
    ),
    ("A 17-year-old boy has died after being stabbed in east London.", ["killed 1/1"]),
    (
        "Five members of the same family, including three children, died in the house fire.",
        ["killed 5/5", "killed 3/3 civilians"],
    ),
    ("Authorities said the man, 34, was taken into custody without incident.", ["arrested 1/1"]),
    ("Officers found a 52-year-old woman dead at the scene.", ["killed 1/1"]),
    ("The shooting left one person dead and four injured.", ["killed 1/1", "injured 4/4"]),
    ("One person died and another was seriously hurt.", ["killed 1/1", "injured 1/1"]),
    ("The explosion killed the driver and injured 6 passengers.", ["killed 1/1 civilians", "injured 6/6 civilians"]),
    ("Four of the dead were children.", ["killed 4/4"]),
    ("Among the dead were two journalists.", ["killed 2/2 civilians"]),
    ("Rescuers pulled 9 survivors from the rubble; 31 people are still missing.", ["missing 31/31"]),
    ("The number of dead from the landslide stood at 27 on Thursday.", ["killed 27/27"]),
    ("Three Israeli hostages were killed.", ["killed 3/3"]),
    ("The clashes left dozens dead, witnesses said.", ["killed 24/99 vague"]),
    ("Unknown gunmen on Tuesday night abducted 7 Chinese nationals working at a mine.", ["kidnapped 7/7"]),
    (
        "The ministry said 8 soldiers were killed and 12 were wounded, while 30 militants were killed.",
        ["killed 8/8 security_forces", "injured 12/12 security_forces", "killed 30/30 militants"],
    ),
    ("The company held 3 meetings and missed its targets by 12 percent.", []),
    ("The team was missing 3 key players for the match on Sunday.", []),
    ("The summit was held on 12 June in Geneva.", []),
    ("The bill died in committee after 20 senators voted against it.", []),
    ("Apple fled the Chinese market after 4 quarters of losses.", []),
    ("Police held a press conference at 10 a.m.", []),
    ("12 killed in Kabul blast", ["killed 12/12"]),
    ("Death toll hits 50 as rescuers search for survivors", ["killed 50/50"]),
    ("Toll in Turkey quake tops 20,000", ["killed 20000/20000"]),
    ("A policeman was among those killed.", ["killed 1/1 security_forces"]),
    ("Eleven suspects were remanded in custody.", ["arrested 11/11"]),
    ("Two children aged 5 and 7 were among the dead.", ["killed 2/2 civilians"]),
    ("Gunmen opened fire on worshippers, killing 3 and injuring 10.", ["killed 3/3", "injured 10/10"]),
    ("Local media reported that 17 were killed, but the figure could not be verified.", ["killed 17/17"]),
    # historical context
    ("The 1992-1997 civil war, in which up to 50,000 people were killed, ended in 1997.", ["killed None/50000 hist"]),
    ("The war has killed more than 500,000 people since 2011.", ["killed 500000/None hist"]),
    ("In 2015, a similar attack killed 130 people.", ["killed 130/130 hist"]),
    ("Last year's bombing killed 40 worshippers.", ["killed 40/40 civilians hist"]),
    (
        "The incident comes a week after 18 soldiers were killed in a similar ambush.",
        ["killed 18/18 security_forces hist"],
    ),
    ("Since January, 150 migrants have drowned trying to cross the Mediterranean.", ["killed 150/150 civilians hist"]),
    ("He was sentenced to 12 years in prison for killing two people in 2019.", ["killed 2/2"]),
    ("Five years ago, 80 people died in a similar blaze.", ["killed 80/80 hist"]),
    ("Nearly 60 people were killed in the 2023 attack on the same village.", ["killed None/60 hist"]),
    (
        "Militants killed 12 soldiers on Tuesday in the worst attack since the 2019 raid.",
        ["killed 12/12 security_forces"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:50] for c in CASES])
def test_counts_cases(text: str, expected: list[str]) -> None:
    assert _one(text) == expected


def test_case_table_is_large() -> None:
    assert len(CASES) >= 80


def _find(counts: list[Count], kind: str, low: int | None, high: int | None) -> Count:
    hits = [c for c in counts if c.kind == kind and c.value_low == low and c.value_high == high]
    assert len(hits) == 1, (kind, low, high, [_spec(c) for c in counts])
    return hits[0]


def test_seed_article() -> None:
    text = SEED.read_text(encoding="utf-8")
    counts = extract_counts(text, split_sentences(text))
    total = _find(counts, "killed", 40, None)
    assert (total.qualifier, total.trigger, total.victim_group) == ("at least", "dead", "unspecified")
    assert text[total.number_start : total.number_end] == "at least 40"
    assert text[total.trigger_start : total.trigger_end] == "dead"
    assert total.claim_source == "a local official"
    assert _find(counts, "killed", 30, None).victim_group == "militants"
    assert _find(counts, "arrested", 40, 40).temporal == "current"
    officers = _find(counts, "killed", 12, 12)
    assert (officers.victim_group, officers.victim_text) == ("security_forces", "Tajik security officers")
    assert _find(counts, "injured", 25, 25).victim_group == "security_forces"
    claim = _find(counts, "casualties", 200, 999)
    assert claim.vague and claim.victim_group == "civilians"
    assert claim.claim_source == "Tajik opposition sources"
    war = _find(counts, "killed", None, 50000)
    assert (war.temporal, war.qualifier) == ("historical", "up to")
    assert len(counts) <= 9  # the seven above, "The general died", nothing else
    assert estimate_totals(counts) == {"killed": 42, "injured": 25, "arrested": 40}


def test_offsets_are_relative_to_the_document() -> None:
    text = "Intro line.\nOfficials said 14 people died on Monday."
    sentences = split_sentences(text)
    (count,) = extract_counts(text, sentences)
    assert count.sentence_index == 1
    assert text[count.number_start : count.number_end] == "14"
    assert text[count.trigger_start : count.trigger_end] == "died"
    assert count.claim_source == "Officials"


def test_implied_victim_points_at_noun_phrase() -> None:
    text = "A police officer was shot dead in Karachi."
    (count,) = extract_counts(text, [Sentence(0, 0, len(text))])
    assert text[count.number_start : count.number_end] == "A police officer"
    assert (count.value_low, count.victim_group, count.trigger) == (1, "security_forces", "shot dead")


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("At least 9 people were killed, according to the health ministry.", "the health ministry"),
        ("Police said 4 people were arrested.", "Police"),
        ("Twelve soldiers were killed, the army said in a statement.", "the army"),
        ("The group claimed it had killed 20 soldiers.", "The group"),
        ("Opposition sources are reporting 300 dead.", "Opposition sources"),
        ("Three people were killed.", None),
        ("No casualties were reported.", None),
    ],
)
def test_claim_source(text: str, source: str | None) -> None:
    counts = extract_counts(text, [Sentence(0, 0, len(text))])
    assert counts and counts[0].claim_source == source


def _count(
    kind: str,
    low: int | None,
    high: int | None,
    group: str = "unspecified",
    *,
    vague: bool = False,
    temporal: str = "current",
    source: str | None = None,
    sentence: int = 0,
) -> Count:
    return Count(
        kind,
        "killed",
        low,
        high,
        vague,
        None,
        group,
        None,
        temporal,
        source,  # type: ignore[arg-type]
        sentence,
        None,
        None,
        0,
        1,
    )


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([], None),
        ([_count("killed", 0, 0)], 0),
        ([_count("casualties", 0, 0)], 0),
        ([_count("killed", 12, 12), _count("killed", 12, 12, sentence=3)], 12),  # restatement
        (
            [
                _count("killed", 40, None),
                _count("killed", 30, None, "militants"),
                _count("killed", 12, 12, "security_forces"),
            ],
            42,
        ),
        ([_count("killed", 50, None), _count("killed", 30, None, "militants")], 50),
        ([_count("killed", 5, 5), _count("killed", 200, 999, vague=True)], 5),
        ([_count("killed", 24, 99, vague=True)], 24),
        ([_count("killed", None, 50000, temporal="historical")], None),
        ([_count("killed", 3, 3), _count("killed", 300, 300, source="opposition activists")], 3),
        ([_count("killed", 300, 300, source="the rebel group")], 300),
        ([_count("killed", 0, 0, "civilians"), _count("killed", 4, 4, "militants")], 4),
        ([_count("killed", None, 80)], 80),
    ],
)
def test_estimate_killed(counts: list[Count], expected: int | None) -> None:
    totals = estimate_totals(counts)
    assert totals["killed"] == expected
    assert set(totals) == {"killed", "injured", "arrested"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She is a mother of four who lives in a mobile home in Birmingham.", []),
        ("He was caught drinking at a Grateful Dead concert.", []),
        ("The flood claimed 12 lives on Monday.", [("killed", 12, 12)]),
        ("At least 30 lives were lost in the fire.", [("killed", 30, None)]),
        ("Five people were found dead near the Dead Sea.", [("killed", 5, 5)]),
        ("Three Dead In Highway Crash", [("killed", 3, 3)]),
    ],
)
def test_words_that_only_look_like_triggers(text: str, expected: list[tuple]) -> None:
    counts = extract_counts(text, split_sentences(text))
    assert [(c.kind, c.value_low, c.value_high) for c in counts] == expected
