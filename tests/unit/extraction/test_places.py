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
    # the event place and the region and country containing it (the documented convention)
    assert {p.name for p in places if p.role == "event"} == {"Khorugh", "Gorno-Badakhshan", "Tajikistan"}


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
    assert [p.name for p in places if p.role == "event"] == ["Sudan", "Khartoum"]  # Sudan contains Khartoum
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


# Datelines: spaCy does not tag all-caps words; the dateline is where the reporter files from.
@pytest.mark.parametrize(
    ("text", "mention", "name", "cc"),
    [
        (
            "PESHAWAR, Pakistan (Reuters) - A bomb killed four police officers in Bannu district.",
            "PESHAWAR",
            "Peshawar",
            "PK",
        ),
        ("KYIV — Russian missiles struck an apartment block in the city of Dnipro, killing 23.", "KYIV", "Kyiv", "UA"),
        ("GOMA, Democratic Republic of Congo - A ferry capsized on Lake Kivu, killing 40.", "GOMA", "Goma", "CD"),
        (
            "Kinshasa (AFP) - Rebels killed 22 civilians in a village, a local official said.",
            "Kinshasa",
            "Kinshasa",
            "CD",
        ),
        ("MONTEREY PARK, Calif. (AP) — A gunman killed 10 people at a dance studio.", "Calif.", "California", "US"),
        ("Karachi: At least three people were killed when a gas cylinder exploded.", "Karachi", "Karachi", "PK"),
    ],
)
def test_datelines_are_places(text: str, mention: str, name: str, cc: str) -> None:
    place = one(places_of(text), mention)
    assert (place.name, place.country_code) == (name, cc)


def test_wire_dateline_is_not_the_event_place() -> None:
    text = "KYIV, Ukraine (AP) — Russian missiles slammed into an apartment block in the city of Dnipro, killing 23."
    places = places_of(text)
    assert one(places, "KYIV").role == "mentioned"
    assert {p.name for p in places if p.role == "event"} == {"Dnipro", "Ukraine"}


def test_dateline_is_the_event_place_when_the_lead_calls_it_the_capital() -> None:
    text = "TBILISI, Georgia (AP) — Police in Georgia's capital detained 63 protesters late Tuesday."
    assert one(places_of(text), "TBILISI").role == "event"


def test_heading_dateline_is_the_event_place() -> None:
    places = places_of("Dakar: the toll of the violent demonstrations has risen to 16 dead.")
    assert one(places, "Dakar").role == "event"


@pytest.mark.parametrize(
    ("text", "mention", "cc"),
    [
        ("Soldiers were killed in an ambush near Djibo, in the north, officials said.", "Djibo", "BF"),
        ("HTS fighters detained 6 people from Sarmada (Harim, Idleb) on Monday.", "Idleb", "SY"),
        ("Supporters clashed with police in Lahore, Rawalpindi and Peshawar on Wednesday.", "Peshawar", "PK"),
        ("Supporters clashed with police in Lahore, Rawalpindi and Peshawar on Wednesday.", "Rawalpindi", "PK"),
        ("The quake killed 2,000 people in Hatay and Kahramanmaras provinces.", "Kahramanmaras", "TR"),
        ("A social leader was murdered in the rural zone of Tumaco, Nariño, this Saturday.", "Tumaco", "CO"),
        ("It was Nepal's deadliest air crash since 1992.", "Nepal", "NP"),
        ("Two people died in Viña del Mar when wildfires reached the city.", "Viña del Mar", "CL"),
    ],
)
def test_names_ner_misses_are_found_from_textual_cues(text: str, mention: str, cc: str) -> None:
    assert one(places_of(text), mention).country_code == cc


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The shooting was the latest in a turf war with the Jalisco cartel.", "Jalisco"),
        ("Inmates rioted at the Litoral penitentiary in Guayaquil.", "Litoral"),
        ("Police said Mr Jordan had been arrested in Amman.", "Jordan"),
        ("Officers arrived at 7pm. Police in Lagos arrested 20 people.", "Police"),
        ("A woman was stabbed in Toronto's Scarborough area on Tuesday night.", "Scarborough"),
        ("Rebels killed 20 in North Kivu. The Congolese army said it retook Kibumba near Goma.", "Kibumba"),
        ("Gunmen abducted travellers in Kaduna state; others escaped into the bush.", "bush"),
    ],
)
def test_guards_against_false_places(text: str, absent: str) -> None:
    assert absent not in {p.text for p in places_of(text)}


def test_congo_follows_context() -> None:
    drc = "Rebels killed 22 civilians near Goma, in eastern Congo, on Sunday."
    assert one(places_of(drc), "Congo").country_code == "CD"
    rc = "Floods hit Brazzaville and other parts of Congo on Sunday, killing 12."
    assert one(places_of(rc), "Congo").country_code == "CG"


@pytest.mark.parametrize(
    ("text", "event", "mentioned"),
    [
        ("A boat capsized about 45 miles south of Key West on Wednesday, leaving 11 missing.", set(), {"Key West"}),
        ("A 42-year-old Chico man was arrested after a crash in Oroville killed two.", {"Oroville"}, {"Chico"}),
        ("Police in Lagos arrested 23 cultists during a raid in the Ikorodu area.", {"Ikorodu"}, set()),
        ("A court in Koblenz convicted a former officer over torture in Damascus.", {"Koblenz", "Damascus"}, set()),
    ],
)
def test_event_role_phrasing(text: str, event: set[str], mentioned: set[str]) -> None:
    places = places_of(text)
    assert event <= {p.text for p in places if p.role == "event"}
    assert mentioned <= {p.text for p in places if p.role == "mentioned"}


def event_place(text: str) -> tuple:
    """The document's event place as `build_figures` picks it: name, country, admin1, admin2, ISO code, precision."""
    from tasks.core.extraction.figures import build_figures

    f = build_figures([], [], [], places_of(text), text=text)
    return (f.event_place, f.event_country, f.event_admin1, f.event_admin2, f.event_iso3166_2, f.event_precision)


@pytest.mark.parametrize(
    ("text", "country", "admin1", "iso"),
    [
        ("On 3 May, fighters attacked a police post in Nad Ali district, Helmand province, killing four.", "AF",
         "Helmand", "AF-HEL"),
        ("Militants fired rockets at a checkpoint in Ghor province, killing one soldier.", "AF", "Ghor", "AF-GHO"),
        ("Gunmen killed 12 villagers in Zurmi local government area of Zamfara state, Nigeria.", "NG", "Zamfara",
         "NG-ZA"),
        ("Rebels attacked a base near Tame, Arauca department, Colombia, killing two soldiers.", "CO", "Arauca",
         "CO-ARA"),
        ("Shelling hit the village of Kozacha Lopan in Kharkiv oblast, injuring a woman.", "UA", "Kharkiv", "UA-63"),
        ("Protesters gathered in the city of Mosul, Nineveh governorate, to demand jobs.", "IQ", None, "IQ-NI"),
        ("A trader was shot dead in the village of Kachia, Kaduna State.", "NG", "Kaduna", "NG-KD"),
    ],
)  # fmt: skip
def test_region_and_district_phrases(text: str, country: str, admin1: str | None, iso: str) -> None:
    place = event_place(text)
    assert place[1] == country and place[4] == iso
    if admin1:
        assert place[2] == admin1


def test_parenthesised_admin_lists_name_the_region() -> None:
    text = "Government forces shelled the town of Maarat al-Numan (Maarat an Nu'man, Idleb), killing two civilians."
    assert event_place(text)[1:3] == ("SY", "Idlib")  # not Numan in Nigeria
    text = "Soldiers deployed to Kangara (Karimama, Alibori) after gunmen were seen."
    assert event_place(text)[1] == "BJ"  # a misspelt foreign namesake loses to the named region


def test_us_datelines_and_state_abbreviations() -> None:
    assert event_place("CHARLOTTE, N.C. — Two men were shot Saturday night outside a bar, police said.") == (
        "Charlotte", "US", "North Carolina", "Mecklenburg County", "US-NC", "city",
    )  # fmt: skip
    assert event_place("A 19-year-old was killed in a shooting in Memphis, Tenn., on Sunday.")[2] == "Tennessee"
    assert event_place("On Tuesday a drive-by shooting in Canton, OH, wounded a man.")[1:3] == ("US", "Ohio")
    assert event_place("Three people were hurt in a shooting in Salem, Ore., early Sunday.")[2] == "Oregon"
    places = places_of("Police in Akron, OH said a man was wounded.")
    assert one(places, "OH").name == "Ohio"
    assert not places_of("The ABC, IN a statement, said nothing.")[:0]  # never raises on capitals


def test_country_context_beats_far_namesakes() -> None:
    assert event_place("Missiles struck Odessa overnight, wounding three people, Ukrainian officials said.")[1] == "UA"
    text = "Drones hit Odessa on Friday. Kyiv said air defences over the south of Ukraine downed most of them."
    assert event_place(text)[1] == "UA"  # not Odessa, Texas
    text = "A man was shot dead in Victoria, a village in the Kherson region of Ukraine, on Monday."
    assert event_place(text)[1] == "UA"  # not Hong Kong's Victoria
    assert event_place("Supporters were assaulted by activists in Highfields, Harare.")[1] == "ZW"
    assert event_place("A man was shot Tuesday afternoon in Algiers, New Orleans police said.")[1] == "US"
    assert all(p.country_code != "IS" for p in places_of("A man robbed a Northeast Portland deli on Wednesday."))


def test_lists_are_not_qualifiers() -> None:
    places = places_of("Hundreds of people protested in Cotonou, Dakar and Bamako.")
    assert {p.country_code for p in places if p.role == "event"} == {"BJ", "SN", "ML"}


def test_distance_from_a_place_inside_the_region_is_the_point() -> None:
    text = "Insurgents killed three policemen in an ambush 20 km from Sukma in Chhattisgarh."
    assert event_place(text)[:3] == ("Sukma", "IN", "Chhattisgarh")
    assert event_place("On 20 June, an officer was killed south of Al-Arish by gunmen.")[1] == "EG"


def test_places_named_inside_organisations_are_a_fallback() -> None:
    assert event_place("On 23 March 2020, the Government of Togo banned all gatherings.")[1] == "TG"
    assert event_place("A car bomb exploded in the car park at Misrata Central Hospital.")[1] == "LY"
    assert event_place("Staff of the Federal Ministry of Health, Abuja, demonstrated over unpaid pay.")[1] == "NG"
    text = "Police in Lagos said the Kenya Airways office was closed."
    assert event_place(text)[1] == "NG"  # only when nothing else is named


def test_feature_precision_score_and_rejected_candidates() -> None:
    kole = one(places_of("Residents of Kole District marched in the town to protest."), "Kole District")
    assert (kole.feature_precision, kole.precision, kole.admin2) == ("district", "admin2", "Kole")
    places = places_of("Gunmen raided Baidoa in Somalia.")
    baidoa = one(places, "Baidoa")
    assert baidoa.feature_precision == "city" and baidoa.score is not None and baidoa.rejected is not None
    assert one(places, "Somalia").feature_precision == "country"
    assert one(places_of("Unknown gunmen raided the village of Soldeu in Andorra."), "Soldeu").feature_precision == (
        "village"
    )
    charlotte = one(places_of("CHARLOTTE, N.C. — A man was shot."), "CHARLOTTE")
    assert charlotte.rejected is not None and charlotte.rejected >= 1  # the counties named Charlotte lost


def test_the_feeds_country_is_context() -> None:
    text = "Gunmen attacked a police post in Kwale on Friday, killing two officers."
    for country in ("KE", "NG"):  # a Kenyan and a Nigerian Kwale; the text alone cannot tell
        places = extract_places(parse_doc(text), split_sentences(text), frozenset({0}), source_country=country)
        assert one(places, "Kwale").country_code == country


def test_inserted_mention_keeps_links_pointing_at_the_same_mentions() -> None:
    """The organisation's place added to the list ("the Government of Togo ...") shifts the indexes after it:
    qualifier and owner links are remapped, so they still name the same mentions (never a stale index)."""
    from tasks.core.extraction.place_mentions import Mention
    from tasks.core.extraction.places import _inserted

    town = Mention(40, 45, "town", None, [], qualifier=1)
    region = Mention(47, 53, "region", None, [])
    suburb = Mention(60, 66, "suburb", None, [], owner=0)
    extra = Mention(4, 10, "togo", None, [])
    mentions, sent_of = _inserted([town, region, suburb], [1, 1, 2], extra, 0)
    assert mentions == [extra, town, region, suburb] and sent_of == [0, 1, 1, 2]
    assert mentions[town.qualifier] is region and mentions[suburb.owner] is town  # type: ignore[index]


def test_an_unknown_village_falls_back_to_its_district_and_region() -> None:
    text = "On 4 April 2022, gunmen burned granaries in Tchoukoum-Gando (Karimama, Alibori)."
    place, country, admin1, admin2, _iso, precision = event_place(text)
    assert (place, country, admin1, admin2, precision) == ("Karimama", "BJ", "Alibori", "Karimama", "district")
    district = one(places_of(text), "Karimama")
    assert district.precision == "admin2"  # no listed place lies in it: its point is its geoBoundaries centroid
    assert district.lat is not None and district.lon is not None


def test_a_district_of_the_story_country_beats_a_foreign_region_of_that_name() -> None:
    text = (
        "Militiamen killed nine farmers in North Kivu, eastern Congo, on Monday. A chief in Beni territory "
        "said the attackers fled towards the park."
    )
    beni = one(places_of(text, frozenset({0, 1})), "Beni")
    assert (beni.country_code, beni.admin1) == ("CD", "Nord-Kivu")


def test_a_named_district_around_the_event_town_is_an_event_place() -> None:
    text = "Insurgents attacked a checkpoint near Garmser in Garmsir district, Helmand, killing two policemen."
    places = places_of(text)
    assert one(places, "Garmsir").role == "event"


@pytest.mark.parametrize(
    "text",
    [
        "A man was wounded in a shooting in Manchester on Sunday. Officers were sent to the 400 block of Elm Street.",
        "A man was wounded in a shooting in Manchester on Sunday, the county sheriff's office said.",
        "MANCHESTER (WMUR) — A man was wounded in a shooting in Manchester on Sunday.",
    ],
)
def test_us_local_news_idioms_are_evidence_of_the_us(text: str) -> None:
    assert event_place(text)[1] == "US"  # without the idiom, the English city


def test_without_an_idiom_the_bigger_namesake_stays() -> None:
    assert event_place("A man was wounded in a shooting in Manchester on Sunday.")[1] == "GB"


def test_a_city_police_force_names_its_jurisdiction() -> None:
    place = event_place("A teenager was grazed by a bullet late Friday, Tacoma police said.")
    assert place[:3] == ("Tacoma", "US", "Washington")
    assert event_place("Glendale police said a man was arrested at the scene.")[1] == "US"  # sentence-initial too
    assert event_place("Transit Police said a man was arrested at the station.")[0] is None  # a kind of force


def test_a_local_dateline_is_the_event_place_when_nothing_else_is_named() -> None:
    assert event_place("TACOMA (KOMO) — A man was arrested on Friday after he fired shots into the air.")[:2] == (
        "Tacoma",
        "US",
    )
    # filed from abroad about another country's events: the dateline is no scene
    text = "NAIROBI (AP) — Ugandan police fired tear gas at opposition supporters on Friday."
    assert event_place(text)[0] is None  # (the full extraction's hint then names Uganda, from "Ugandan police")


def test_a_compass_part_of_a_city_is_the_city() -> None:
    assert event_place("A driver was shot at a stop light in Southeast Tulsa on Friday.")[:2] == ("Tulsa", "US")
    assert event_place("Two men were wounded in a shooting in west Tacoma late Friday.")[:2] == ("Tacoma", "US")
    street = "A man was wounded on the 600 block of West Toledo Street early Sunday, Dayton police said."
    assert event_place(street)[0] == "Dayton"  # a street named after a city is no city
    assert event_place("Gunmen attacked a village in South Sudan on Monday.")[1] == "SS"


def test_a_police_force_later_in_the_story_names_the_place() -> None:
    text = "A woman walked into a hospital with a gunshot wound on Sunday. Her wound is not serious, Tulsa police said."
    assert event_place(text)[:2] == ("Tulsa", "US")


def test_a_capital_dateline_files_the_country_news_and_is_not_the_scene() -> None:
    text = "NIAMEY (AFP) — Nine Nigerien soldiers were killed when gunmen ambushed a patrol near the border with Mali."
    assert event_place(text)[0] != "Niamey"
