"""Textual evidence that a capitalised name is a place, for names spaCy's NER misses or misfiles.

Cheap regexes only: datelines ("PESHAWAR, Pakistan (Reuters) -", "Karachi:"), type words ("the town
of X", "X province", "X and Y districts"), monitor-style parentheses ("Sarmada (Harim, Idleb)"),
locative prepositions ("near Djibo") and coordination with such names ("in Hadejia and Ringim").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from tasks.core.extraction.place_care import cared_for_at

UP = "A-ZÀ-ÖØ-ÞĀ-Ž"
WORD = rf"[{UP}][\w'’‐‑-]*"
LINK = r"(?:de|del|do|da|dos|das|di|la|el|al|an|ad|ar|ash|az|ad|ez|es|en|ed|er|of)"  # Arabic al-/an-/ad-...
NAME = rf"{WORD}(?:\.(?=,))?(?:\s(?:{LINK}\s)?{WORD}){{0,3}}"
NAME_RE = re.compile(NAME)
ADMIN_WORDS = (
    r"province|region|state|oblast|governorate|district|prefecture|county|department|territory|parish|"
    r"local government area|local government|lga|woreda|sub-county|arrondissement|cercle|wilaya"
)
SETTLEMENT_WORDS = r"city|town|village|capital|port|suburb|township|hamlet|commune|locality|municipality"
AREA_WORDS = r"area|neighbou?rhood|community|communities|direction|directions|countryside|slum|favela"
TYPE_AFTER = re.compile(
    rf"^\s+(?:({ADMIN_WORDS})s?|(?:{SETTLEMENT_WORDS})s?|(?:{AREA_WORDS}))\b(?!\s+(?-i:[{UP}]))", re.I
)
TYPE_BEFORE = re.compile(rf"\b(?:{ADMIN_WORDS}|{SETTLEMENT_WORDS}|{AREA_WORDS})\s+of\s+(?:the\s+)?$", re.I)
OWN_TYPE = re.compile(rf"\s(?-i:((?:{ADMIN_WORDS.title()})s?))\b")
COMPASS = r"(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?|central|remote|restive)"
ATTACK_VERBS = (
    r"(?:struck|hit|shelled|bombed|raided|stormed|besieged|overran|captured|seized|recaptured|"
    r"attack(?:ed|s)?|ambush(?:ed|es)?|targeted|invaded|(?:attacks?|raids?|assault)\s+on|retook|liberated|"
    r"(?:take|takes|took|taken|taking|seize[sd]?|gain(?:ed|s)?|regain(?:ed|s)?|los[te]s?)\s+control\s+of)"
)
# where people gathered or lived: "the streets of X", "marched through X", "residents of X"
GATHERING = (
    r"(?:streets|residents|inhabitants|villagers|people|population|youths?|workers|traders|farmers|students|"
    r"teachers|women|cent(?:re|er))\s+of|through|throughout|between|towards?"
)
# a journey's ends: "a bus leaving X", "a convoy en route to X", "travelling to X" (evidence of a place, no scene)
JOURNEY = (
    r"leaving|bound\s+for|heading\s+(?:to|for)|en\s+route\s+to|on\s+(?:the|its|their|his|her)\s+way\s+to|"
    r"travell?ing\s+(?:to|from)"
)
LOCATIVE = re.compile(
    rf"\b(?:in|at|near|outside|around|across|from|into|inside|{JOURNEY}|{ATTACK_VERBS}|{GATHERING})\s+(?:the\s+)?"
    rf"(?:{COMPASS}\s+)?$",
    re.I,
)
ORIGIN_OR_DESTINATION = re.compile(rf"from|towards?|{JOURNEY}", re.I)  # "villagers from X", "fled towards X": no scene
PAREN_AFTER_SCENE = re.compile(rf"\b(?:in|at|near)\s+{NAME}\s*\($")  # "in Kpasso (Tanbara, Kolemi)"
CAPITAL_BEFORE = re.compile(r"\bcapital,?\s+$")  # "in the capital Windhoek", "Georgia's capital, Tbilisi"
RESIDENTS_AFTER = re.compile(r"^\s+(?:residents|inhabitants|villagers|locals)\b")  # "Lokoja residents"
# "Allentown police said": a city's force names its jurisdiction (weighed as a locative, a home town is no scene)
POLICE_AFTER = re.compile(r"^\s(?:police|Police(?:\s+Department)?|PD|sheriff(?:'s|’s)?|Sheriff(?:'s|’s)?)\b")
POLICE_UNITS = frozenset(  # forces named by their kind, not their place ("Metro Police", "State Police")
    [
        "metro",
        "metropolitan",
        "state",
        "capitol",
        "transit",
        "military",
        "border",
        "secret",
        "park",
        "port",
        "railway",
        "traffic",
        "tribal",
        "campus",
        "university",
        "riot",
        "federal",
        "national",
        "royal",
        "city",
        "county",
        "village",
        "township",
        "airport",
        "harbor",
        "harbour",
        "highway",
        "mounted",
        "civil",
        "judicial",
        "religious",
        "morality",
        "community",
        "special",
        "armed",
        "the",
        "local",
    ]
)


def police_jurisdiction(text: str, start: int, end: int) -> bool:
    """ "Allentown police said": the name before a police force is its jurisdiction."""
    return bool(POLICE_AFTER.match(text[end : end + 24])) and text[start:end].casefold() not in POLICE_UNITS


DIRECTION_OF = re.compile(rf"\b(?:{COMPASS}|outskirts|suburbs?)\s+of\s+(?:the\s+)?$", re.I)
LIST_GAP = re.compile(rf"^(?:,\s*|,?\s+(?:and|or)\s+)(?:{COMPASS}\s+)?$", re.I)
AGENCY = r"\((?:[A-Z][\w.&/ -]{0,25})\)"
DATELINE = re.compile(
    rf"(?:^|\n)[ \t]*(?P<head>{NAME}(?:,\s+{NAME}){{0,2}})"
    rf"(?P<date>,\s+[A-Z][a-z]{{2,4}}\.?\s+\d{{1,2}})?"
    rf"\s*(?:(?P<agency>{AGENCY})\s*[-—–]|(?P<dash>[—–]|\s-\s|\s?--\s)|(?P<colon>:)\s)"
)
TITLES = frozenset([
    "mr", "mrs", "ms", "dr", "president", "minister", "general", "gen", "governor", "mayor", "senator",
    "judge", "king", "queen", "prince", "sheikh", "chief", "commander", "colonel", "captain", "sergeant",
    "officer", "spokesman", "spokeswoman",
])  # fmt: skip
# words that open place names too ("South Kivu", "Upper East", "New Delhi", "Greater Accra")
NAME_LEADS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "central",
        "eastern",
        "western",
        "northern",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "southern",
        "upper",
        "lower",
        "greater",
        "new",
        "old",
    ]
)
NOT_PLACE_WORDS = frozenset(
    [
        "side",  # "the West and South Sides"
        "sides",
        "north",
        "south",
        "east",
        "west",
        "central",
        "eastern",
        "western",
        "northern",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "southern",
        "upper",
        "lower",
        "greater",
        "new",
        "old",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "police",
        "union",
        "justice",
        "independence",
        "liberty",
        "hope",
        "victory",
        "security",
        "national",
        "federal",
        "republic",
        "the",
        "in",
        "on",
        "at",
        "a",
        "an",
        "university",  # institutions' words, capitalised in their names ("University Hospital")
        "college",
        "school",
        "hospital",
        "ministry",
        "parliament",
        "church",
        "mosque",
        "market",
        "airport",
        "stadium",
    ]
)
ORG_AFTER = re.compile(
    r"^\s+(?:cartels?|gangs?|clan|airlines?|airways|university|club|penitentiary|prison|newspapers?|magazine)\b",
    re.IGNORECASE,
)
COURT = re.compile(r"^\s+(?:high\s+|district\s+|regional\s+|magistrates?'?\s+)?court\b", re.I)
COURT_BEFORE = re.compile(r"\bcourt\s+(?:in|of)\s+$", re.I)
Strength = Literal["dateline", "heading", "typed", "paren", "locative", "listed"]


@dataclass(frozen=True, slots=True)
class Cue:
    """Why a span reads as a place; `type_word` is "admin" or "settlement" when a type word says so."""

    strength: Strength
    type_word: str | None = None


@dataclass(frozen=True, slots=True)
class Dateline:
    start: int
    end: int
    wire: bool  # "CITY (Agency) -" or "CITY —": the reporter's location, not the event's


# a capitalised dateline after the page's headline or teaser, its paragraph break lost ("... a home. MARIANNA — The")
RUN_IN_DATELINE = re.compile(
    r"(?:(?<=[.!?] )|(?<=[.!?][\"”’] ))(?P<head>[A-Z][A-Z.'’]+(?: [A-Z][A-Z.'’]+){0,3}(?:,\s+[A-Z][a-z]{1,4}\.)?)"
    r"(?: \((?:[A-Z][\w.&/ -]{0,25})\))? (?:[—–]|--?) (?=[A-Z])"
)
FORM_LABELS = frozenset(  # "Date: Monday ... Location: 100 Elm Road": a police log's fields, no headings
    ["date", "time", "location", "offense", "offence", "update", "updated", "source", "photo", "video", "watch",
     "related", "case", "case number", "incident", "suspect", "victim", "address", "posted", "published"]
)  # fmt: skip
RUN_IN_CHARS = 600  # only in the lead: further down, capitals and a dash are a section heading


@lru_cache(maxsize=8)  # asked once per ORG/PERSON entity of the same document
def find_datelines(text: str) -> tuple[Dateline, ...]:
    """Dateline and heading spans at the start of the text or of a paragraph (the place names only), and a
    capitalised dateline run into the text after a headline or teaser sentence (`RUN_IN_DATELINE`)."""
    out = []
    for m in DATELINE.finditer(text):
        head = m.group("head")
        if len(head.split()) > 6 or (m.group("colon") and head.casefold() in FORM_LABELS):
            continue
        wire = bool(m.group("agency") or m.group("date") or (m.group("dash") and head.isupper()))
        out.append(Dateline(m.start("head"), m.end("head"), wire))
    if not out:
        run_in = RUN_IN_DATELINE.search(text, 0, RUN_IN_CHARS)
        if run_in is not None and len(run_in.group("head").replace(".", "")) > 3:
            out.append(Dateline(run_in.start("head"), run_in.end("head"), True))
    return tuple(out)


def iter_names(
    text: str, start: int, end: int, known: Callable[[str], bool] | None = None
) -> Iterator[tuple[int, int]]:
    """Capitalised name spans in text[start:end], without possessives and leading function words; a leading
    compass or "Upper", "New" word is kept when `known` says the whole is a place's name ("in South Kivu")."""
    for m in NAME_RE.finditer(text, start, end):
        s, e = m.span()
        for tail in ("'s", "’s", "'", "’"):
            if text[s:e].endswith(tail):
                e -= len(tail)
                break
        while s < e and (first := text[s:e].split(" ", 1)[0].casefold()) in NOT_PLACE_WORDS and " " in text[s:e]:
            if known is not None and first in NAME_LEADS and known(text[s:e]):
                break
            s += len(first) + 1
        if s < e:
            yield s, e


REFERENCE_POINT = re.compile(
    rf"\b(?:{COMPASS}|outskirts|km|kilometres|kilometers|miles)\s+(?:of|from)\s+(?:the\s+)?$"
    rf"|\b(?:road|highway|route|axis)\s+between\s+(?:{NAME}\s+and\s+)?$"  # "the highway between A and B"
    r"|\bborders?\s+(?:with|of)\s+(?:the\s+)?$",  # "near the border with Chad"
    re.I,
)
# "in response to an attack in Lamu", "in retaliation for a raid on X": an earlier event's place, not this one's
EARLIER_EVENT = re.compile(  # also whose victims are mourned: "a vigil for the victims of the shooting in X"
    r"\b(?:in\s+(?:response|retaliation|reprisal|revenge)\s+(?:to|for)|to\s+avenge|avenging|"
    r"(?:victims|memory|anniversary)\s+of)\s+"
    r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:in|at|on|near)\s+(?:the\s+)?$",
    re.I,
)
BORDER_AFTER = re.compile(r"^\s+border\b", re.I)  # "near the Somalia border": a neighbour, not the scene
ROAD_WORDS = r"road|highway|axis|route|motorway|expressway|railway|corridor|trunk road|national road"
# "the Cotonou-Parakou highway between Dassa and Glazoue": the road's ends only name the road; the event lies
# between the two places that follow (reference points: its point is the first of them)
ROAD_BETWEEN_AFTER = re.compile(rf"^(?:\s?[-‐‑–—/]\s?{WORD}(?:\s{WORD})?)?\s+(?:{ROAD_WORDS})\s+between\s", re.I)
ORIGIN = re.compile(  # "returned from X", "men from X", "a pistol stolen out of X"
    r"\b(?:from|out\s+of)\s+(?:the\s+)?(?:neighbou?ring\s+)?$", re.I
)
HOME_TOWN = re.compile(r"^\s+(?:man|men|woman|women|boy|girl|teenagers?|resident|couple|native|family)\b")
# an armed or herding group named after a place ("Misrata brigades", "Zintan fighters", "Moroto militia"):
# the group's home, from where it went to fight; the scene only when the text names no other place
GROUP_AFTER = re.compile(
    r"^[\s-]+(?:militias?|militiam[ae]n|herds(?:men|man)|herders?|tribes(?:men|man)|clans(?:men|man)|"
    r"brigades?|fighters)\b",
    re.I,
)
# "Dana Reyes, 24, of Elmira", "Tom Ruiz, of Utica,": where a named person lives, not where the event was
# also by street address: "Ray Lutz, 61, of the 2300 block of Oak Avenue in Elmira"
RESIDENCE = re.compile(
    r"(?:\b\d{1,3}|\b[A-Z][\w'’-]+),\s+of\s+(?:the\s+)?(?:\d+\s+block\s+of\s+(?:[\w.'’-]+\s+){1,5}?in\s+)?$"
)
JURISDICTION = re.compile(r"\b(?:police|authorities|officials)\s+in\s+$", re.I)


def is_reference_point(text: str, start: int, end: int) -> bool:
    """ "12 km south of X", "the outskirts of X", "the road between X and Y", "the border with X": a place the event
    is near, not at."""
    return bool(REFERENCE_POINT.search(text[max(0, start - 40) : start]))


# A landform word alone names no place: "the Gulf" is a sea, not Papua New Guinea's Gulf province; "the Coast"
# (Kenya's old province) is written with its type word. Not "Delta", "Plateau" or "Lakes": states named so.
BARE_LANDFORMS = frozenset(["coast", "gulf", "bay", "valley", "lake", "river", "sea", "ocean", "desert", "highlands"])


def plain_word(name: str, acronyms: bool = True) -> bool:
    """A generic word, or an acronym, that is no place name on its own ("North", "May", "AFP")."""
    acronym = acronyms and name.isupper() and len(name) <= 5 and "." not in name
    return name.casefold() in NOT_PLACE_WORDS or name.casefold() in BARE_LANDFORMS or acronym


def event_weight(text: str, start: int, end: int) -> float:
    """How strongly the phrasing around a place makes it the scene of the event: a locative (not an origin
    or destination: "from X", "towards X"), a type word or the first name of a parenthesis after a locative
    ("in Kpasso (Tanbara, Kolemi)") for; an origin ("villagers from X", "returned from X"), a police force's
    jurisdiction ("Police in Lagos") or a court's seat against; a named area ("the Ikorodu area") for.
    Reference points ("south of Key West", "the X border"), an earlier event's place ("in response to an attack
    in X"), home towns ("a Chico man", "two Chico men") and a hospital's town ("taken to Mercy Hospital in X",
    `place_care`) weigh -2 or less; where a named person lives ("Dana Reyes, 24, of X") and a group named after
    a place ("X militia", "X fighters") weigh like an origin: never the event place while another is named."""
    before = text[max(0, start - 40) : start]
    locative = LOCATIVE.search(before[-30:])
    scene = locative is not None and not ORIGIN_OR_DESTINATION.match(locative.group(0))
    weight = 0.5 if scene or TYPE_BEFORE.search(before) or PAREN_AFTER_SCENE.search(before) else 0.0
    if (
        REFERENCE_POINT.search(before)
        or EARLIER_EVENT.search(text[max(0, start - 70) : start])
        or HOME_TOWN.match(text[end : end + 12])
        or BORDER_AFTER.match(text[end : end + 10])
        or ROAD_BETWEEN_AFTER.match(text[end : end + 60])
        or cared_for_at(text, start, end)
    ):
        weight -= 2.0
    elif (
        ORIGIN.search(before)
        or RESIDENCE.search(text[max(0, start - 90) : start])
        or GROUP_AFTER.match(text[end : end + 16])
    ):
        weight -= 1.0  # where people or goods came from, where a named person lives: the scene only when alone
    if JURISDICTION.search(before):
        weight -= 0.4
    if is_court_seat(text, start, end):  # the court's city is kept as an event place anyway
        weight -= 1.5
    if re.match(rf"^\s+(?:{AREA_WORDS})\b", text[end : end + 20], re.I):
        weight += 0.3
    return weight


def _type_word(word: str | None) -> str | None:
    if not word:
        return None
    if re.fullmatch(rf"(?:{ADMIN_WORDS})s?", word, re.I):
        return "admin"
    return "settlement" if re.fullmatch(rf"(?:{SETTLEMENT_WORDS}|{AREA_WORDS})s?", word, re.I) else None


def cue_of(text: str, start: int, end: int) -> Cue | None:
    """The strongest local evidence around text[start:end] (lists need `listed_with`)."""
    before = text[max(0, start - 40) : start]
    after = TYPE_AFTER.match(text[end : end + 30])
    typed = TYPE_BEFORE.search(before)
    if CAPITAL_BEFORE.search(before):
        return Cue("typed", "settlement")
    if typed or after:
        word = (after.group(0).split()[0] if after else typed.group(0).split()[0]) if (after or typed) else None
        return Cue("typed", _type_word(word))
    own = OWN_TYPE.search(text, start, end)
    if own and own.end() == end and own.start() > start:  # "Kole District", "Kaduna State"
        return Cue("typed", _type_word(own.group(1)))
    if before.endswith("(") and _after_name(before[:-1]):
        return Cue("paren")
    if (
        before.endswith(", ")
        and "(" in before
        and ")" in text[end : end + 40].split("(")[0]
        and _after_name(before[: before.rfind("(")])
    ):
        return Cue("paren")
    if (
        LOCATIVE.search(before[-24:])
        or DIRECTION_OF.search(before)
        or RESIDENTS_AFTER.match(text[end : end + 14])
        or police_jurisdiction(text, start, end)
    ):
        return Cue("locative")
    return None


def _after_name(before: str) -> bool:
    """Text ending with a capitalised word (what a monitor's parenthesis qualifies)."""
    words = before.rstrip().split()
    if not words:
        return False
    parts = re.split(r"[-‐‑'’]", words[-1])  # "al-Numan", "d'Ivoire"
    return any(p[:1].isupper() for p in parts) or _type_word(words[-1]) is not None


def is_titled(text: str, start: int) -> bool:
    """Preceded by a personal title ("President Kenya"? no: "Mr Jordan")."""
    words = text[max(0, start - 20) : start].split()
    return bool(words) and words[-1].rstrip(".").casefold() in TITLES


def is_org_modifier(text: str, end: int) -> bool:
    """A place name inside an organisation's name: "the Jalisco cartel", "Yeti Airlines"."""
    return bool(ORG_AFTER.match(text[end : end + 20]))


def is_court_seat(text: str, start: int, end: int) -> bool:
    """ "A Moscow court", "the High Court in Pietermaritzburg": the court's city."""
    return bool(COURT.match(text[end : end + 30]) or COURT_BEFORE.search(text[max(0, start - 20) : start]))


def listed_with(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two spans are neighbours in a coordination ("A, B and C")."""
    (s1, e1), (s2, e2) = sorted((a, b))
    return bool(LIST_GAP.match(text[e1:s2]))
