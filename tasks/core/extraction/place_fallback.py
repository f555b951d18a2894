"""The event's country when the text gives no event place: the one country its evidence points to.

Short notes often name no place the resolution keeps ("Judges at the Juba court went on strike", "a Masvingo
bank branch was burnt", "sources in Nairobi said ..." about a village the gazetteer lacks). What they do name
still says which country the story is about. When `places` has no event place and `place_context.event_hint`
gives none, `fallback_country` reads that evidence and returns the country (precision `country`, no finer
place) when it points to one country without dispute:

- every demonym ("Fulani" is none: an ethnic name is no demonym), except "pro-/anti-" forms, foreign troops
  (`is_foreign_force`) and visitors ("a French tourist", "the Chinese embassy": someone from abroad);
- the forces, armed groups and national actors of `data/country_forces.tsv` and `data/country_actors.tsv`
  (a cross-border group counts half);
- the places found (any role: a reference point, a hospital's town, a residence), but not a country: one
  the resolution kept out of the scene is a neighbour ("near the Chad border");
- names the resolution drops or NER misfiles that the gazetteer knows in one country only: a country, an
  admin-1 region, a district, or a town of at least `TOWN` people, whatever NER called it ("the Ogun
  chapter", "a Masvingo bank branch", "sources in Pretoria said"), or that open the name of an institution
  ("the Chinhoyi Provincial Hospital", "Benin Armed Forces"; not a street's, nor "Metro Police"), or that lost
  a possessive's apostrophe ("Kanos Murtala Hospital"). A name a person carries (NER's PERSON of two words or
  more) is no evidence.

"Without dispute": the leading country holds at least `SHARE` of the votes. A US local story keeps the US
(its police idioms count, `place_idioms`). When the text calls the scene "the (Somali) capital", the event
place is that country's capital. When the names of that country are one town (district, region)
and the text found no other place there, that town is the event place ("a Chinhoyi bank branch was
burnt": Chinhoyi), unless it is a capital named as the seat of the informants ("officials in Lusaka said").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc

from tasks.core.extraction import place_cues as cues
from tasks.core.extraction.gazetteer import GazEntry, load_gazetteer, normalise_key
from tasks.core.extraction.model import Place, Sentence
from tasks.core.extraction.nlp import doc_text, sentence_index_of
from tasks.core.extraction.place_context import STATE_OR_PEOPLE, find_demonyms, find_forces
from tasks.core.extraction.place_filters import REPORTING
from tasks.core.extraction.place_idioms import idiom_countries
from tasks.core.extraction.places import CITY_POPULATION

SHARE = 2 / 3  # the leading country's share of the votes for an undisputed country
TOWN = 5_000  # a town this big, known in one country only, is evidence of that country
# a demonym of someone or something from abroad: "a French tourist", "the Chinese embassy", "Tunisian traders"
# are no evidence of the scene's country
VISITOR = re.compile(
    r"(?i)^\s+(?:[a-z]+\s+)?(?:tourists?|nationals?|citizens?\s+abroad|embassy|embassies|ambassadors?|envoys?|"
    r"diplomats?|delegation|consulate|visitors?|expatriates?|expats?|migrants?|refugees?|aid\s+workers?|"
    r"engineers?|companies|company|firms?|businessm[ae]n|hostages?|pilgrims?)\b"
)
PERSON_LABELS = frozenset({"PERSON"})
NUMERIC_LABELS = frozenset({"CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE", "TIME"})
NAMED = re.compile(r"^\s[A-Z]")  # "the Chinese Offices", "Indian School Road": a demonym inside a name
LOCATIVE = re.compile(r"\b(?:in|at|near|to|from|outside|around)\s(?:[ea]l-)?$")  # "taken to el-Arish"
SOURCE_IN = re.compile(
    r"\b(?:sources?|officials?|diplomats?|analysts?|observers?|reporters?)\s+(?:based\s+)?in\s+$", re.I
)
INSTITUTION_LABELS = frozenset({"ORG", "FAC"})
STREET = re.compile(r"\b(?:Street|St|Avenue|Ave|Road|Rd|Lane|Drive|Boulevard|Way|Highway|Park|Square)\b")
PREFIX_TOWN = 50_000  # a town named by one leading word of a longer name is at least this big
WORD_RE = re.compile(cues.WORD)
THE_CAPITAL = re.compile(r"\bthe\s+(?:([A-Z][\w'’-]+)\s+)?capital\b(?!\s+(?:of|city\s+of)\b)")  # "the Peruvian capital"
THE = re.compile(r"\b[Tt]he\s$")  # "The Post", "the Sun": a title or a thing's name, not a town
# "Bante teachers went on strike", "Kisumu traders": a group named by its town, even opening a sentence
GROUP_AFTER = re.compile(
    r"^\s+(?:[a-z]+\s+)?(?:residents|inhabitants|villagers|locals|teachers|traders|vendors|workers|agents|"
    r"employees|civil\s+servants|youths?|students|pupils|farmers|herders|fishermen|miners|nurses|doctors|drivers|"
    r"motorists|women|people|protesters|demonstrators)\b"
)
OPENS = re.compile(r"(?:^|[.!?:;\n\"“(]\s*)$")  # a capital opening a sentence says nothing of a name


def fallback_country(doc: Doc, sentences: Sequence[Sentence], places: Sequence[Place]) -> Place | None:
    """The event's country as a country-level event place, from the text's undisputed evidence; None when
    `places` has an event place, or the evidence is absent or split."""
    if any(p.role == "event" for p in places):
        return None
    gaz = load_gazetteer()
    text = doc_text(doc)
    votes: Counter = Counter()
    spans: dict[str, tuple[int, int]] = {}

    def vote(code: str | None, weight: float, start: int, end: int) -> None:
        if code:
            votes[code] += weight
            spans.setdefault(code, (start, end))

    for e in find_demonyms(doc, text, gaz):
        after = text[e.end : e.end + 40]
        if not VISITOR.match(after) and (not NAMED.match(after) or STATE_OR_PEOPLE.match(after)):
            vote(e.country_code, 1.0, e.start, e.end)
    for e in find_forces(text):
        vote(e.country_code, e.vote, e.start, e.end)
    for code in idiom_countries(text):
        vote(code, 1.0, 0, 0)
    for p in places:  # a country the resolution left out of the scene ("near the Chad border") is none
        if p.feature_kind != "country":
            vote(p.country_code, 1.0, p.char_start, p.char_end)
    named = _named_countries(doc, text, places)
    for start, end, code, _ in named:
        vote(code, 1.0, start, end)
    if not votes:
        return None
    code, top = votes.most_common(1)[0]
    if top < SHARE * sum(votes.values()):
        return None
    country = gaz.country(code)
    if country is None:
        return None
    where = ([s.char_start for s in sentences], [s.index for s in sentences])
    capital = gaz.capital_of(code)
    said = THE_CAPITAL.search(text)
    if capital is not None and said and gaz.demonym_country(said.group(1) or "") in (None, code):
        span = (said.end() - len("capital"), said.end())  # "in the Somali capital": the capital is the scene
        return _town_place(text, span, capital, sentence_index_of(*where, span[0]) if sentences else 0)
    towns = [(s, e, entry) for s, e, c, entry in named if c == code and entry.kind != "C"]
    if len({entry for _, _, entry in towns}) == 1 and not any(p.country_code == code for p in places):
        start, end, entry = towns[0]
        if not (entry.capital and _news_source(text, start, end)):
            return _town_place(text, (start, end), entry, sentence_index_of(*where, start) if sentences else 0)
    start, end = spans[code]
    return _country_place(text, (start, end), country, sentence_index_of(*where, start) if sentences else 0)


def _news_source(text: str, start: int, end: int) -> bool:
    """ "Sources in Pretoria said", "Harare said": a capital named as the seat of the informants or the
    government, not as the scene."""
    return bool(REPORTING.match(text[end : end + 30]) or SOURCE_IN.search(text[max(0, start - 40) : start]))


def _named_countries(doc: Doc, text: str, places: Sequence[Place]) -> list[tuple[int, int, str, GazEntry]]:
    """(start, end, country, its likeliest entry there: a town, else a district, a region, the country) of
      names the gazetteer knows in one country only, not already among `places`: NER's spans of any label but
      PERSON (of two words or more: a person), and other capitalised runs not opening a sentence; a single word
      NER did not tag, unless after a locative ("taken to el-Arish"), names a country or a region only
      ("Street", "Post" are towns somewhere); a name before a group of people ("Bante teachers") names its town
    even at the start of a sentence."""
    gaz = load_gazetteer()
    taken = [(p.char_start, p.char_end) for p in places]
    taken += [(e.start_char, e.end_char) for e in doc.ents if e.label_ in PERSON_LABELS and " " in e.text]
    # a number, a date, an amount is no place ("killing nine soldiers": Nine is a town in Portugal)
    taken += [(e.start_char, e.end_char) for e in doc.ents if e.label_ in NUMERIC_LABELS]
    tagged = {(e.start_char, e.end_char) for e in doc.ents if e.label_ not in PERSON_LABELS | NUMERIC_LABELS}
    tagged |= {(e.start_char, e.end_char) for e in doc.ents if e.label_ in PERSON_LABELS and " " not in e.text}
    orgs = {(e.start_char, e.end_char) for e in doc.ents if e.label_ in INSTITUTION_LABELS}
    scanned = [
        (a, b)
        for a, b in cues.iter_names(text, 0, len(text), gaz.names_place)
        if not OPENS.search(text[max(0, a - 3) : a]) or GROUP_AFTER.match(text[b : b + 30])
    ]
    out: list[tuple[int, int, str, GazEntry]] = []
    seen: set[str] = set()
    for start, end in sorted(tagged) + scanned:
        name = text[start:end]
        if _overlaps(taken + [(s, e) for s, e, _, _ in out], start, end):
            continue
        if (
            cues.plain_word(name)
            or gaz.demonym_country(name) is not None
            or THE.search(text[max(0, start - 4) : start])
        ):
            continue
        towns = (
            (start, end) in tagged
            or " " in name
            or bool(LOCATIVE.search(text[max(0, start - 12) : start]) or GROUP_AFTER.match(text[end : end + 30]))
        )
        institution = (start, end) in orgs and not STREET.search(name)
        for a, b, size in _readings(text, start, end, towns, institution):
            if (a, b) != (start, end) and (cues.plain_word(text[a:b]) or text[a:b].casefold() in cues.POLICE_UNITS):
                continue  # "North Side Police", "Metro Police": no town's name
            key = normalise_key(text[a:b])
            entries = [
                c.entry
                for c in gaz.lookup(text[a:b])
                if not c.weak and not c.fuzzy and _sized(c.entry, key, size) and (size or c.entry.kind in ("C", "A"))
            ]
            if entries:
                break
        codes = {e.country_code for e in entries}
        if len(codes) == 1 and key not in seen:  # each name counts once
            rank = {"P": 3, "B": 2, "A": 1}
            best = max(entries, key=lambda e: (rank.get(e.kind, 0), e.population))
            out.append((a, b, codes.pop(), best))  # type: ignore[arg-type]  # a country's entry has a code
            seen.add(key)
    return out


def _readings(text: str, start: int, end: int, towns: bool, institution: bool) -> list[tuple[int, int, int]]:
    """The ways a name may name a place, each with the least population of a town it may name (0: countries
    and regions only): the whole name; then, in the name of an institution or facility (NER's ORG or FAC, not
    a street), its leading words ("the Cape Town Airport", "Benin Armed Forces": named after its town or
    country; one word names a town of `PREFIX_TOWN` people) and a word with the possessive's apostrophe lost
    ("Benghazis Al-Jalaa Hospital")."""
    out = [(start, end, TOWN if towns else 0)]
    if not institution:
        return out
    words = [m.span() for m in WORD_RE.finditer(text, start, end)]
    for k in range(len(words) - 1, 0, -1):
        if all(text[x[1] : y[0]] == " " for x, y in zip(words[:k], words[1:k], strict=False)):
            out.append((words[0][0], words[k - 1][1], TOWN if k > 1 else PREFIX_TOWN))
    for a, b in words:
        if b - a > 4 and text[b - 1] == "s" and text[b : b + 1] == " ":
            out.append((a, b - 1, PREFIX_TOWN))
    return out


def _sized(e: GazEntry, key: str, size: int = TOWN) -> bool:
    """A country by any of its names; a region, a district or a town of `TOWN` people by its own name only
    (GeoNames' alternate names include nicknames and other languages' words)."""
    if e.kind == "C":
        return True
    return normalise_key(e.name) == key and (e.kind in ("A", "B") or e.population >= max(size, 1))


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _town_place(text: str, span: tuple[int, int], e: GazEntry, sentence: int) -> Place:
    """The one named town (district, region) of the country as the event place."""
    gaz = load_gazetteer()
    admin = gaz.admin1_of(e) if e.kind in ("P", "B") else e
    district = gaz.admin2_of(e) if e.kind == "P" else e if e.kind == "B" else None
    lat, lon = e.lat, e.lon
    kind, precision, fine = {"A": ("region", "admin1", "region"), "B": ("region", "admin2", "district")}.get(
        e.kind, (_size_word(e), "place", _size_word(e))
    )
    if lat is None and admin is not None:
        lat, lon, precision = admin.lat, admin.lon, "admin1"
    return Place(
        text[span[0] : span[1]],
        e.name,
        e.geonameid,
        kind,  # type: ignore[arg-type]  # one of the literals above
        e.country_code,
        admin.name if admin else None,
        lat,
        lon,
        precision,  # type: ignore[arg-type]
        "event",
        sentence,
        span[0],
        span[1],
        admin2=district.name if district else None,
        iso3166_2=admin.iso3166_2 if admin else None,
        feature_precision=fine,  # type: ignore[arg-type]
    )


def _country_place(text: str, span: tuple[int, int], e: GazEntry, sentence: int) -> Place:
    return Place(
        text[span[0] : span[1]],
        e.name,
        e.geonameid,
        "country",
        e.country_code,
        None,
        e.lat,
        e.lon,
        "country",
        "event",
        sentence,
        span[0],
        span[1],
        feature_precision="country",
    )


def _size_word(e: GazEntry) -> str:
    return "city" if e.capital or e.population >= CITY_POPULATION else "town"  # as `places._feature`
