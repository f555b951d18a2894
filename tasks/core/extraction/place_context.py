"""Country evidence that names no place: demonyms ("Nigerian soldiers"), forces and armed groups that act in
one country ("Boko Haram", "FARDC": `data/country_forces.tsv`, hand-written from public knowledge), political
actors of one country (parties, national institutions, heads of state and government: `data/country_actors.tsv`,
hand-written too; weighed as a force; a bare surname counts only after a title, "President Museveni"), and "the
capital" of a country the text is about. The evidence weighs in the resolution of place names (`places`), and
`event_hint` turns it into the event's location for the figures when the text names no resolvable place:
the country (never a town), or its capital for "marched in the capital". The hint is no place mention: it
is not listed among the document's places.

Groups active across borders (Boko Haram: Nigeria, Cameroon, Niger, Chad; al-Shabaab: Somalia, Kenya) list
every country they act in, home first: in the resolution of place names they back a candidate of any of
those countries alike, so they never pull a named place abroad; for the hint they count half a vote for
their home country, so a state or people demonym ("Kenyan troops") outweighs them. A demonym of the ground
("on Libyan soil") says where the event happened: the event place must be in that country (`places`)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from tasks.core.extraction.gazetteer import GazEntry, Gazetteer, load_gazetteer
from tasks.core.extraction.model import FeatureKind, FeaturePrecision, Place, Precision, Sentence
from tasks.core.extraction.nlp import doc_text, sentence_index_of

FORCES_FILE = Path(__file__).resolve().parent / "data" / "country_forces.tsv"
ACTORS_FILE = FORCES_FILE.with_name("country_actors.tsv")
# the titles before a head of state's or government's surname ("President Yoweri Museveni", "ex-Prime Minister")
TITLE = (
    r"(?:[Pp]resident|[Pp]rime [Mm]inister|PM|[Pp]remier|[Cc]hief [Aa]dviser|[Ss]upreme [Ll]eader|[Kk]ing|"
    r"[Ff]ield [Mm]arshal|[Ss]enior [Gg]eneral|[Gg]eneral|Gen\.)(?:\s+[A-Z][\w'’.-]*){0,3}?\s+"
)
ACTOR_BEFORE = re.compile(r"\b(?:pro|anti)[-‐‑]$", re.IGNORECASE)  # "pro-Russian": no evidence of the place
BARE_POSSESSIVE = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?)s(?= [a-z])")  # "Kenyas president"
CAPITAL_ALONE = re.compile(  # "marched in the capital", "the streets of the capital", "through the capital"
    r"\b(?:in|at|across|around|through|(?:streets|cent(?:re|er)|parts|neighbou?rhoods?)\s+of)\s+the\s+capital\b"
    r"(?![\s,]+[A-Z])(?!['’]s\s+(?:outskirts|suburbs))"
)
# a demonym as evidence of the event's country when it qualifies the state, its forces or local people
# ("Nigerian air force", "Somali government troops", "Beninese teachers"), not a visitor or a foreign thing
STATE_OR_PEOPLE = re.compile(  # also the forces' own capitalised names ("Nigerian Air Force", "Somali National Army")
    r"(?i)^\s+(?:[a-z]+\s+){0,2}?(?:forces?|army|military|troops|soldiers|navy|police(?:men)?|gendarm\w*|authorities|"
    r"government|officials|security|militants|rebels|militias?|protesters|demonstrators|students|teachers|workers|"
    r"villagers|farmers|herders|civilians|residents|citizens|opposition|president|women|men|youths|families|"
    r"soil|territory|airspace|territorial\s+waters)\b"
)
PEACEKEEPERS = re.compile(r"^\s+(?:[A-Z]{2,}\s+|UN\s+|AU\s+)?(?:peace-?keep\w*|blue\s+helmets?|contingents?)\b", re.I)
MILITARY = re.compile(  # "Kenyan Air Forces", "an Ethiopian military base", "Turkish drones"
    r"(?i)^\s+(?:[a-z]+\s+){0,2}?(?:forces?|army|military|troops|soldiers|navy|warplanes|jets|drones?|bases?|"
    r"artillery|gunships?|helicopters?|aircraft)\b"
)
# a demonym of the ground itself ("on Rwandan soil", "in Libyan territory"): where the event happened
GROUND = re.compile(r"^\s+(?:soil|territory|airspace|territorial\s+waters)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of the text that points to a country (ISO 3166-1 alpha-2)."""

    start: int
    end: int
    country_code: str
    also: tuple[str, ...] = ()  # other countries a cross-border group acts in ("Boko Haram": CM, NE, TD)
    armed: bool = False  # an armed group or force of `country_forces.tsv`

    @property
    def countries(self) -> tuple[str, ...]:
        return (self.country_code, *self.also)

    @property
    def vote(self) -> float:
        """The hint's weight: half for a group acting in several countries."""
        return 0.5 if self.also else 1.0


@lru_cache(maxsize=1)
def _forces() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]], frozenset[str]]:
    """One pattern for every spelling, matched as written (longest first; an acronym also with a plural or
    possessive "s": "the SABCs offices"), a "~" surname only after a title; spelling -> countries, home first;
    the spellings of armed groups and forces."""
    country, titled, armed = {}, {}, set()
    for path in (FORCES_FILE, ACTORS_FILE):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                spellings, codes, _ = line.split("\t")
                for name in spellings.split("|"):
                    (titled if name.startswith("~") else country)[name.lstrip("~")] = tuple(codes.split("|"))
                    if path == FORCES_FILE:
                        armed.add(name.lstrip("~"))
    names = "|".join(re.escape(n) for n in sorted(country, key=len, reverse=True))
    heads = "|".join(re.escape(n) for n in sorted(titled, key=len, reverse=True))
    country.update(titled)
    pattern = rf"(?:(?<![\w-])(?P<n>{names})|(?<!\w){TITLE}(?P<h>{heads}))(?:(?<=[A-Z])s)?(?![\w-])"
    return re.compile(pattern), country, frozenset(armed)


@lru_cache(maxsize=8)  # asked by `places` and again by `event_hint` for the same text
def find_forces(text: str) -> tuple[Evidence, ...]:
    """Mentions of the forces, groups and political actors of `country_forces.tsv` and `country_actors.tsv`,
    and country possessives written without the apostrophe ("Kenyas president"), in text order."""
    pattern, country, armed = _forces()
    out = []
    for m in pattern.finditer(text):
        name = m.group("n") or m.group("h")
        home, *also = country[name]
        out.append(Evidence(m.start(), m.end(), home, tuple(also), name in armed))
    out.extend(_bare_possessives(text))
    return tuple(sorted(out, key=lambda e: e.start))


def _bare_possessives(text: str) -> list[Evidence]:
    """ "Ghanas parliament", "Benins electoral commission": a country's name with a bare "s" before a
    lower-case word (not "the Jordans", and not a word the gazetteer knows with its "s")."""
    gaz = load_gazetteer()
    out = []
    for m in BARE_POSSESSIVE.finditer(text):
        if text[max(0, m.start() - 4) : m.start()].casefold() == "the " or gaz.lookup(m.group(0)):
            continue
        country = next((c.entry for c in gaz.lookup(m.group(1)) if c.entry.kind == "C" and not c.weak), None)
        if country is not None and country.country_code:
            out.append(Evidence(m.start(), m.end(), country.country_code))
    return out


@lru_cache(maxsize=65_536)  # title-case words recur from document to document
def _demonym_code(word: str, gaz: Gazetteer) -> str | None:
    return gaz.demonym_country(word)


def find_demonyms(doc: Doc, text: str, gaz: Gazetteer) -> list[Evidence]:
    """Capitalised demonyms and nationality adjectives ("Beninese", "Afghan"), except "pro-/anti-" forms and
    foreign troops (`is_foreign_force`). A demonym of two or three words ("South Sudanese", "Papua New Guinean")
    is read whole, never as its last word ("Sudanese")."""
    forces = find_forces(text)
    out = []
    tokens = list(doc)
    i = 0
    while i < len(tokens):
        token, n, code = tokens[i], 1, None
        if token.is_title:
            for n in (3, 2, 1):  # the longest demonym starting here
                run = tokens[i : i + n]
                if len(run) == n and all(t.is_title and t.whitespace_ == " " for t in run[:-1]):
                    code = _demonym_code(" ".join(t.text for t in run), gaz)
                    if code:
                        break
        start, end = token.idx, tokens[i + n - 1].idx + len(tokens[i + n - 1].text)
        if (
            code
            and not ACTOR_BEFORE.search(text[max(0, start - 5) : start])
            and not is_foreign_force(text, end, code, forces)
        ):
            out.append(Evidence(start, end, code))
        i += n if code else 1
    return out


def is_foreign_force(text: str, end: int, code: str, forces: Sequence[Evidence]) -> bool:
    """A demonym of troops abroad: peacekeepers ("a Senegalese MINUSCA peacekeeper"), or the forces of a country
    that none of the text's armed groups acts in ("Ethiopian troops" against al-Shabaab, "US drones" over
    Hurras al-Din): the event is where the group fights, not in the troops' country."""
    after = text[end : end + 40]
    if PEACEKEEPERS.match(after):
        return True
    groups = [e for e in forces if e.armed]
    return bool(groups) and bool(MILITARY.match(after)) and all(code not in e.countries for e in groups)


def ground_countries(demonyms: Sequence[Evidence], text: str) -> frozenset[str]:
    """Countries whose ground the text puts the event on ("found on Rwandan soil"), from its demonyms."""
    return frozenset(e.country_code for e in demonyms if GROUND.match(text[e.end : e.end + 30]))


def capital_mention(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of an unnamed "(in) the capital" in text[start:end] ("marched in the capital on Friday")."""
    m = CAPITAL_ALONE.search(text, start, end)
    return None if m is None else (m.end() - len("capital"), m.end())


def event_hint(
    doc: Doc, sentences: Sequence[Sentence], event_sentences: frozenset[int], places: Sequence[Place]
) -> Place | None:
    """The event's location when `places` has none finer than a country: the capital when an event sentence
    says "in the capital" of the one event country, else (no event place at all) the country that most of
    the forces and state or people demonyms point to, if it has most of all the forces and demonyms (none on a
    split: "Tajik and Afghan officials")."""
    event = [p for p in places if p.role == "event"]
    if any(p.precision != "country" for p in event) or len({p.country_code for p in event}) > 1:
        return None
    gaz = load_gazetteer()
    text = doc_text(doc)
    where = ([s.char_start for s in sentences], [s.index for s in sentences])
    demonyms, forces = find_demonyms(doc, text, gaz), find_forces(text)
    evidence = [e for e in demonyms if STATE_OR_PEOPLE.match(text[e.end : e.end + 40])] + list(forces)
    votes: Counter = Counter()
    ground = [e for e in demonyms if GROUND.match(text[e.end : e.end + 30])]  # counts twice: it is the place
    for e in evidence + ground:
        votes[e.country_code] += e.vote
    code = event[0].country_code if event else votes.most_common(1)[0][0] if votes else None
    if code is None or (not event and votes[code] * 2 <= len(demonyms) + len(ground) + sum(e.vote for e in forces)):
        return None
    capital = gaz.capital_of(code)
    for sentence in sentences if capital is not None else ():
        span = capital_mention(text, sentence.char_start, sentence.char_end)
        if span is not None and sentence.index in event_sentences:
            return _hint(text, span, capital, ("city", "place", "city"), sentence.index, gaz)  # type: ignore[arg-type]
    country = gaz.country(code)
    if event or country is None:
        return None
    spans = [e for e in evidence if e.country_code == code]
    at = next((e for e in spans if sentence_index_of(*where, e.start) in event_sentences), spans[0])
    return _hint(
        text, (at.start, at.end), country, ("country", "country", "country"), sentence_index_of(*where, at.start), gaz
    )


def _hint(
    text: str,
    span: tuple[int, int],
    e: GazEntry,
    feature: tuple[FeatureKind, Precision, FeaturePrecision],
    sentence: int,
    gaz: Gazetteer,
) -> Place:
    admin = gaz.admin1_of(e) if e.kind != "C" else None
    kind, precision, fine = feature
    return Place(
        text[span[0] : span[1]],
        e.name,
        e.geonameid,
        kind,
        e.country_code,
        admin.name if admin else None,
        e.lat,
        e.lon,
        precision,
        "event",
        sentence,
        span[0],
        span[1],
        iso3166_2=admin.iso3166_2 if admin else None,
        feature_precision=fine,
    )
