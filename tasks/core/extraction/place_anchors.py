"""The document's home place: where a local story's own police, sheriff or dateline are, and what it rules out.

Local news names its town through its institutions more often than in a locative: "the New Orleans Police
Department", "Jefferson Parish Sheriff's deputies", "the Marion County sheriff's office", "Cook County medical
examiner". Those names are no place mentions of their own (they sit inside an organisation's name), but they
say which town, county or parish the story is about, so they are resolved beside the place mentions (their
admin-1 region weighs in `places._coherence`) and anchor the event:

- an event place that resolves to another admin-1 region than the anchor's, with no region named beside it
  and no other place of the text in its region ("DAYTONA BEACH — ... a shop in Midtown": Midtown, Tennessee),
  is read in the anchor's region, or, when it has no namesake there, gives way to the anchor itself (a
  neighbourhood the gazetteer does not know);
- a text whose event sentences name no place has its event at the anchor ("TRENTON — A city man was shot").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from tasks.core.extraction import place_cues as cues
from tasks.core.extraction.gazetteer import Gazetteer, normalise_key
from tasks.core.extraction.place_idioms import idiom_countries
from tasks.core.extraction.place_mentions import Mention

_UNIT = r"(?:County|Parish|Borough|Township|City|Town|Village)"
JURISDICTION = re.compile(
    rf"(?P<name>{cues.NAME})(?:\s+{_UNIT})?(?P<after>\s+(?:Metropolitan\s+|Metro\s+|Municipal\s+)?"
    r"(?:[Pp]olice(?:\s+[Dd]epartment)?|[Ss]heriff(?:['’]?s)?(?:\s+(?:[Oo]ffice|[Dd]epartment|deput\w+))?|"
    r"[Cc]oroner(?:['’]s)?|[Mm]edical [Ee]xaminer(?:['’]s)?|[Ff]ire\s+(?:[Dd]epartment|[Rr]escue)|"
    r"[Dd]istrict [Aa]ttorney(?:['’]s)?|[Pp]rosecutor(?:['’]s)?|[Jj]ail|[Dd]etention [Cc]enter))\b"
)
NOT_JURISDICTION = frozenset({"state", "city", "the", "county", "u.s", "us", "transit", "university", "campus"})
KINDS = ("P", "B")  # a home place is a town or a district (county, parish, borough)
PART_OF_TOWN = re.compile(r"\s+(?:neighbou?rhood|area|section|community)\b", re.I)
QUARTER = re.compile(r"\s+(?:neighbou?rhood|section)\b", re.I)  # only a part of a town ("the Ikorodu area": around it)
POLICE_IN = re.compile(r"\b(?:[Pp]olice|[Dd]eputies|[Ss]heriff)\s+in\s+$")  # "Police in Bridgeport said"
TOWN_OF = re.compile(r"\b(?:city|town|village|municipality)\s+of\s+$", re.I)
SENTENCE_BREAK = re.compile(r"[.!?][\"'”’]?\s+[A-Z]")
ABBREVIATION = re.compile(r"\b(?:[ap]\.m|[A-Z][a-z]{0,3}|[A-Za-z])\.")  # "9 p.m. Friday", "Elm St. near"
GUESS = 25_000  # a place smaller than this, with namesakes, was picked by its size alone


def jurisdiction_mentions(text: str, mentions: Sequence[Mention], gaz: Gazetteer) -> list[Mention]:
    """Towns, counties and parishes named by their police, sheriff, coroner or jail ("Jefferson Parish
    Sheriff's Office"), outside the place mentions, with their candidates (towns, districts)."""
    taken = [(m.start, m.end) for m in mentions]
    out: list[Mention] = []
    for m in JURISDICTION.finditer(text):
        start, end = m.start("name"), m.end("after") - len(m.group("after"))
        if text.startswith("The ", start) and end - start > 4:  # "The Jefferson County Coroner's Office" opening
            start += 4  # a sentence: the article is no part of the name
        name = text[start:end]
        if not name or name.split()[0].casefold() in NOT_JURISDICTION or cues.plain_word(name):
            continue
        if any(s < end and start < e for s, e in taken):
            continue
        found = [c for c in gaz.lookup(name) if c.entry.kind in KINDS and not c.fuzzy]
        if not found:
            continue
        typed = bool(re.search(rf"\s{_UNIT}$", name))
        exact = [c for c in found if not c.weak] or found
        out.append(Mention(start, end, normalise_key(name), "admin" if typed else None, exact))
        taken.append((start, end))
    return out


@dataclass(frozen=True, slots=True)
class Home:
    """The home place, and whether a dateline names it (else a police force, sheriff or coroner does)."""

    mention: Mention
    filed: bool


def anchor(mentions: Sequence[Mention], jurisdictions: Sequence[Mention], text: str) -> Home | None:
    """The document's home place: its first dateline, else the first jurisdiction ("Allentown police",
    "the Jacksonville Sheriff's Office"), resolved to a town or district."""
    datelines = cues.find_datelines(text)
    for m in mentions:  # a national capital files the country's news: no home
        local = m.best is not None and m.best.entry.kind in KINDS and not m.best.entry.capital and m.start < 400
        if local and (m.dateline or any(d.start <= m.start < d.end for d in datelines) or _capitals(text, m)):
            return Home(m, True)
    for m in sorted([*mentions, *jurisdictions], key=lambda n: n.start):
        if m.best is None or m.best.entry.kind not in KINDS:
            continue
        if m in jurisdictions or cues.police_jurisdiction(text, m.start, m.end) or POLICE_IN.search(text[: m.start]):
            return Home(m, False)
    return None


def _capitals(text: str, m: Mention) -> bool:
    """A dateline in capitals that the dateline pattern misses ("JACKSONVILLE, Fla. - ...")."""
    name = text[m.start : m.end]
    return name.isupper() and len(name) >= 4 and text[m.end : m.end + 2] in (", ", " -", " —", " –")


def _region(m: Mention) -> tuple[str | None, str | None]:
    e = m.best.entry  # type: ignore[union-attr]  # resolved mentions only
    return e.country_code, e.admin1_code


def _vouched(m: Mention, mentions: Sequence[Mention]) -> bool:
    """A region named beside it ("Gary, Ind."), or another place of the text in its admin-1 region."""
    region = _region(m)
    return m.qualifier is not None or any(
        n.best is not None and n.key != m.key and _region(n) == region for n in mentions if n is not m
    )


def anchored_event(
    event: Mention, mentions: Sequence[Mention], home: Home | None, text: str, countries: Counter | None = None
) -> Mention:
    """The event place read in the home place's admin-1 region when nothing vouches for another region: the
    namesake there; else the home place itself when a dateline names it, when the event is named as a part of
    town ("the Lake Meadows neighborhood", "the Arlington area"), or when its reading was a guess (a small
    place with namesakes elsewhere)."""
    if home is None or home.mention is event or event.best is None or home.mention.best is None:
        return event
    e, h = event.best.entry, home.mention.best.entry
    if _part_of_home(event, home, text):
        return home.mention  # "in the Woodlawn neighborhood", "the Parkside section of the city": the home town
    if e.kind == "A" and home.filed and (e.country_code, e.admin1_code) == (h.country_code, h.admin1_code):
        return home.mention  # "OXNARD, Calif. - ... in California": the dateline's town is the finer place
    if e.country_code != h.country_code and e.kind in KINDS:
        return _foreign_reading(event, mentions, home, text, countries)
    if e.kind not in KINDS or e.admin1_code == h.admin1_code:
        return event
    if _vouched(event, mentions) or TOWN_OF.search(text[max(0, event.start - 30) : event.start]):
        return event  # "the city of Dnipro": a town of its own
    for c in event.candidates:
        if (c.entry.country_code, c.entry.admin1_code) == (h.country_code, h.admin1_code) and not c.weak:
            for m in mentions:
                if m.key == event.key:
                    m.best = next((d for d in m.candidates if d.entry == c.entry), m.best)
            return event
    if (
        home.filed
        or PART_OF_TOWN.match(text[event.end : event.end + 20])
        or (e.population < GUESS and len(event.candidates) > 1)
        or (not home.filed and _attributed(text, event, home.mention))
    ):
        return home.mention
    return event


def _part_of_home(event: Mention, home: Home, text: str) -> bool:
    """The event place is named as a part of town ("the Frankford section", "the Lake Meadows neighborhood";
    not "the Ikorodu area", which may be around a town) and the home place is a town of the same country: the
    incident's town is the home place, however the part's name resolves (often to a namesake town elsewhere in
    the state)."""
    e, h = event.best.entry, home.mention.best.entry  # type: ignore[union-attr]  # resolved by the caller
    return h.kind == "P" and e.country_code == h.country_code and bool(QUARTER.match(text[event.end : event.end + 20]))


def _attributed(text: str, event: Mention, force: Mention) -> bool:
    """The event sentence credits the home place's own force ("a shooting in Riverside, according to the
    Mobile Police Department", "Tulsa police said ... in Eastgate"): the place is within its jurisdiction."""
    lo, hi = sorted((event.end, force.start)) if event.end <= force.start else (force.end, event.start)
    return 0 <= hi - lo <= 200 and not SENTENCE_BREAK.search(ABBREVIATION.sub("", text[lo:hi]))


def _foreign_reading(
    event: Mention, mentions: Sequence[Mention], home: Home, text: str, countries: Counter | None
) -> Mention:
    """A local story's event place read abroad ("shot in Algiers, according to the New Orleans Police
    Department": the city's own Algiers, not Algeria's capital). When the home place is named by its police,
    sheriff or coroner, or the text has its country's local-news idioms ("the 2800 block of"), and nothing else
    of the text is of that foreign country (no demonym, force or other place), the name is read at home: its
    namesake in the home's admin-1 region, else the home place itself (a neighbourhood the gazetteer lacks)."""
    e, h = event.best.entry, home.mention.best.entry  # type: ignore[union-attr]  # resolved by the caller
    local = not home.filed or h.country_code in idiom_countries(text)
    foreign = (countries or Counter()).get(e.country_code, 0) or any(
        n.best is not None and n.key != event.key and n.best.entry.country_code == e.country_code for n in mentions
    )
    if not local or foreign or _vouched(event, mentions):
        return event
    for c in event.candidates:
        here = (c.entry.country_code, c.entry.admin1_code) == (h.country_code, h.admin1_code)
        if here and not c.weak and c.entry.kind in KINDS:
            for m in mentions:
                if m.key == event.key:
                    m.best = next((d for d in m.candidates if d.entry == c.entry), m.best)
            return event
    return home.mention


def home_event(home: Home | None, mentions: Sequence[Mention], eligible: Sequence[Mention]) -> Mention | None:
    """The home place as the event place of a text whose event sentences name none, when the places it does
    name elsewhere are all of the home's region (or contain it: its state, its country)."""
    if home is None or home.mention.best is None:
        return None
    cc, admin1 = _region(home.mention)
    for m in eligible:
        e = m.best.entry if m.best else None
        if e is None or m.key == home.mention.key or e.kind == "C" and e.country_code == cc:
            continue
        if e.country_code != cc or e.admin1_code != admin1:
            return None
    return home.mention
