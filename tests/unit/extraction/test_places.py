"""Place mentions resolved against the offline gazetteer, on varied real-world news phrasing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tasks.core.extraction.model import Place, Sentence
from tasks.core.extraction.nlp import parse_doc
from tasks.core.extraction.places import extract_places

SEED = (Path(__file__).resolve().parents[3] / "seeds" / "000_f0b822bff615e880.txt").read_text()


def split_sentences(text: str) -> list[Sentence]:
    """A crude splitter for test input (the real one lives in sentences.py)."""
    spans = [m.span() for m in re.finditer(r"[^\n.!?]+(?:[.!?]+|$)", text, re.M) if m.group().strip()]
    return [Sentence(i, s, e) for i, (s, e) in enumerate(spans)]


def places_of(text: str, event_sentences: frozenset[int] = frozenset({0})) -> list[Place]:
    return extract_places(parse_doc(text), split_sentences(text), event_sentences)


def one(places: list[Place], text: str) -> Place:
    found = [p for p in places if p.text == text]
    assert found, f"{text!r} not among {[p.text for p in places]}"
    return found[0]


def test_seed_article_places() -> None:
    places = places_of(SEED, frozenset({0, 1}))
    for p in places:
        assert SEED[p.char_start : p.char_end] == p.text
    khorog = one(places, "Khorog")
    assert (khorog.name, khorog.country_code, khorog.feature_kind, khorog.precision) == (
        "Khorugh",
        "TJ",
        "city",
        "place",
    )
    assert khorog.role == "event" and khorog.admin1 == "Gorno-Badakhshan"
    assert khorog.geonameid is not None and abs((khorog.lat or 0) - 37.49) < 0.1
    for badakhshan in (p for p in places if p.text == "Badakhshan"):
        assert (badakhshan.name, badakhshan.country_code, badakhshan.feature_kind) == (
            "Gorno-Badakhshan",
            "TJ",
            "region",
        )
        assert badakhshan.precision == "admin1" and badakhshan.lat is not None
    assert {p.name for p in places if p.text in ("Tajikstan", "Tajikistan")} == {"Tajikistan"}
    afghanistan = one(places, "Afghanistan")
    assert afghanistan.feature_kind == "country" and afghanistan.role == "mentioned"
    assert not any(p.text == "Moscow" for p in places)  # "Moscow-backed" is an actor
    assert [p.name for p in places if p.role == "event"] == ["Khorugh"]


# (text, mention, expected gazetteer name, country code, feature kind)
CASES = [
    ("Gunmen killed 12 people in the northern city of Kano, Nigeria, on Sunday.", "Kano", "Kano", "NG", "city"),
    (
        "Gunmen killed 12 people in the northern city of Kano, Nigeria, on Sunday.",
        "Nigeria",
        "Nigeria",
        "NG",
        "country",
    ),
    ("Armed men attacked a village in Kano state, killing 15.", "Kano", "Kano", "NG", "region"),
    (
        "Russian shelling near Kharkiv killed three civilians, Ukrainian officials said.",
        "Kharkiv",
        "Kharkiv",
        "UA",
        "city",
    ),
    ("An Israeli air strike in Gaza City killed at least 20 people.", "Gaza City", "Gaza", "PS", "city"),
    ("Soldiers fired on protesters in Bamako on Friday.", "Bamako", "Bamako", "ML", "city"),
    ("Floods in Sindh province have displaced thousands of families.", "Sindh", "Sindh", "PK", "region"),
    ("Police arrested 40 people during protests in Paris on Saturday.", "Paris", "Paris", "FR", "city"),
    ("A tornado hit Springfield, Illinois, on Tuesday, killing two.", "Illinois", "Illinois", "US", "region"),
    (
        "Protesters gathered outside parliament in Tbilisi, Georgia, as tensions grew.",
        "Georgia",
        "Georgia",
        "GE",
        "country",
    ),
    ("Georgia accused Russia of moving border fences in South Ossetia.", "Russia", "Russia", "RU", "country"),
    ("Clashes erupted on the border between Afganistan and Pakistan.", "Afganistan", "Afghanistan", "AF", "country"),
    ("Unrest spread across Ukrane as the war continued.", "Ukrane", "Ukraine", "UA", "country"),
    ("The Kremlin denied any involvement in the attack in Kyiv.", "Kyiv", "Kyiv", "UA", "city"),
    ("Three soldiers were killed in Helmand province, Afghanistan.", "Helmand province", "Helmand", "AF", "region"),
    ("A suicide bomber struck a market in Quetta, the capital of Balochistan.", "Quetta", "Quetta", "PK", "city"),
    (
        "A suicide bomber struck a market in Quetta, the capital of Balochistan.",
        "Balochistan",
        "Balochistan",
        "PK",
        "region",
    ),
    ("Armed men attacked a village in Borno state, killing 15.", "Borno", "Borno", "NG", "region"),
    ("The strike hit Khan Younis in the southern Gaza Strip.", "Khan Younis", "Khān Yūnis", "PS", "city"),
    ("Fighting raged in Khartoum and Omdurman on Monday.", "Khartoum", "Khartoum", "SD", "city"),
    ("A car bomb exploded in Mogadishu, Somalia's capital.", "Mogadishu", "Mogadishu", "SO", "city"),
    ("Mexican troops clashed with cartel gunmen in Culiacan, Sinaloa.", "Culiacan", "Culiacán", "MX", "city"),
    ("Police in Karachi said the blast killed four people.", "Karachi", "Karachi", "PK", "city"),
    ("Hundreds marched through the streets of Dhaka, Bangladesh.", "Dhaka", "Dhaka", "BD", "city"),
    ("The Islamic State claimed an attack in Deir ez-Zor, Syria.", "Syria", "Syria", "SY", "country"),
    ("Heavy rains in Kerala killed 30 people, Indian officials said.", "Kerala", "Kerala", "IN", "region"),
    ("Five people were killed in a shooting in Minneapolis, Minnesota.", "Minneapolis", "Minneapolis", "US", "city"),
    ("Pro-Russian rebels in Donetsk said they shot down a jet.", "Donetsk", "Donetsk", "UA", "city"),
    ("Police in Hyderabad, Pakistan, arrested 20 people.", "Hyderabad", "Hyderabad", "PK", "city"),
    ("Police in Hyderabad arrested 20 people, Indian media reported.", "Hyderabad", "Hyderabad", "IN", "city"),
    ("Protesters in Tehran chanted slogans against the government.", "Tehran", "Tehran", "IR", "city"),
    ("Anti-Israel protesters rallied in London.", "London", "London", "GB", "city"),
    ("An earthquake struck central Myanmar near Mandalay.", "Mandalay", "Mandalay", "MM", "city"),
    ("Twelve people died in Nairobi's Kibera slum after heavy rain.", "Nairobi", "Nairobi", "KE", "city"),
    ("Troops were deployed to the Donbas region of Ukraine.", "Ukraine", "Ukraine", "UA", "country"),
    ("Flooding in the town of Khorugh cut the Pamir highway.", "Khorugh", "Khorugh", "TJ", "city"),
]


@pytest.mark.parametrize(("text", "mention", "name", "cc", "kind"), CASES)
def test_resolves_place(text: str, mention: str, name: str, cc: str, kind: str) -> None:
    place = one(places_of(text), mention)
    assert (place.name, place.country_code, place.feature_kind) == (name, cc, kind)
    assert place.lat is not None and place.lon is not None
    assert text[place.char_start : place.char_end] == place.text


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("A tornado hit Springfield, Illinois, on Tuesday, killing two.", "Illinois"),
        ("A tornado hit Springfield, Missouri, on Tuesday, killing two.", "Missouri"),
        ("Flooding hit Springfield on Monday. Illinois officials in Chicago said more rain would come.", "Illinois"),
    ],
)
def test_same_name_towns_split_by_state(text: str, state: str) -> None:
    springfield = one(places_of(text), "Springfield")
    assert (springfield.country_code, springfield.admin1) == ("US", state)


def test_georgia_is_the_us_state_in_an_american_story() -> None:
    text = (
        "Voters in Georgia lined up for hours. Atlanta officials said the count would take days. "
        "Other states such as Florida and Texas finished early."
    )
    georgia = one(places_of(text), "Georgia")
    assert (georgia.country_code, georgia.feature_kind, georgia.precision) == ("US", "region", "admin1")


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The Moscow-backed separatists shelled the town of Sloviansk.", "Moscow"),
        ("Washington said it would impose sanctions on Iran.", "Washington"),
        ("The Kremlin denied any involvement in the attack in Kyiv.", "Kremlin"),
        ("A U.S.-led coalition struck targets in Iraq.", "U.S."),
        ("Tajik and Afghan officials met on Tuesday.", "Tajik"),
        ("Islamist fighters attacked a base in northern Mali.", "Islamist"),
    ],
)
def test_actors_and_demonyms_are_not_places(text: str, absent: str) -> None:
    assert absent not in {p.text for p in places_of(text)}


def test_event_role_prefers_the_most_specific_place_in_event_sentences() -> None:
    text = (
        "Fighting in Sudan's capital Khartoum killed 20 people on Monday.\n"
        "The United Nations in Geneva called for a ceasefire."
    )
    places = places_of(text, frozenset({0}))
    assert [p.name for p in places if p.role == "event"] == ["Khartoum"]
    assert one(places, "Geneva").role == "mentioned"


def test_no_event_sentences_fall_back_to_the_lede() -> None:
    places = places_of("Police in Lagos arrested 20 people.\nThe governor of Kano state spoke.", frozenset())
    assert [p.text for p in places if p.role == "event"] == ["Lagos"]


def test_places_carry_sentence_indexes() -> None:
    text = "Troops entered Mosul.\nLater they reached Baghdad."
    places = places_of(text)
    assert [(p.text, p.sentence_index) for p in places] == [("Mosul", 0), ("Baghdad", 1)]
    assert all(p.country_code == "IQ" for p in places)


def test_empty_text_has_no_places() -> None:
    assert places_of("") == []
