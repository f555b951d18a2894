"""The per-document roll-up (`Figures`) behind the `document_figures` view.

- killed / injured / arrested: `counts.estimate_totals` (None = not reported, 0 = none).
- event_type / sub_event_type: the first (main) `EventType`.
- event_date: the best-scored date mention that may date the event: day precision first, then
  month (never a bare year, never after the anchor, and never a mention that only the run's own
  date resolves: a relative date, or a year-less day, with no publication date). Score: +3 in a
  sentence supporting the main event, +2 in a sentence holding a current count, +1 day precision,
  +3 / +2 / +1 in the first / second / third sentence (a news report dates its event first), +2
  when it opens its sentence ("On 3 March 2020, ..."), +2 before an incident noun ("after a Tuesday
  incident", "said Sunday night's shooting": whatever verb is near) or else right after an incident
  word ("shot Tuesday night", "gunfire erupted Saturday"), -4 after an aftermath word ("arraigned
  Friday", "appeared in court Monday"), -7 when it dates a reporting verb ("police said Wednesday"; not
  "was reported"), -1 when more than 31 days before the publication date; ties go to the earlier
  mention. With no date scoring 1 or more: the publication date when known, else None.
- event_place: among places with role "event", the most specific (place > admin1 > country),
  then the most mentioned, then the first; admin1 is filled from an event-role admin-1 place of
  the same country when the chosen place has none. `event_country` is an ISO 3166-1 alpha-2 code.
  When the chosen place is a region or country (or there is none), a reference point inside it
  ("20 km from Sukma in Chhattisgarh", role `mentioned`) gives the event's point instead.
  A country-level pick becomes its capital when an event sentence says "in the capital"; no event-role
  place and no reference point: the country of the text's forces and demonyms (`place_context.event_hint`),
  else all place fields None. A bare country that the text names no finer place of takes its capital's point and
  admin-1 region (`place_capital`: event datasets code such events to the capital), keeping country precision;
  a bare region or district takes its main town's point (`place_seat`), keeping its own name and precision.
- actor1 / actor2 (+ _type, _text, _start, _end): the main event's sides from the codebook sentence that
  decided it (`codebook.py`); names get the country of a demonym beside the actor, else the event's
  country ("Protesters (Benin)"); None when the document has no event type.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence

from tasks.core.extraction.model import Actor, Count, DateMention, EventType, Figures, Place

_REPORTING = re.compile(
    r"\b(?:said|says|told|(?<!was )(?<!were )reported|announced|stated|added|confirmed|claimed|declared|"
    r"according to [^,.;]{0,40}|tweeted|wrote)\b[^,.;]{0,25}$",
    re.IGNORECASE,
)
_AFTERMATH = re.compile(
    r"\b(?:arrested|charged|arraigned|booked|indicted|sentenced|convicted|pleaded|appeared|appear|"
    r"scheduled|jailed|released|identified|searching|investigating|court|hearing|trial|funeral|vigil|"
    r"bail|custody|surrendered|extradited)\b[^,.;]{0,30}$",
    re.IGNORECASE,
)
_INCIDENT = re.compile(
    r"\b(?:shot|shooting|shootings|fired|gunfire|gunshots?|killed|wounded|stabbed|attacked|ambushed|"
    r"exploded|happened|occurred|took place|broke out|erupted|clashed|struck|raided|robbed)\b[^,.;]{0,30}$",
    re.IGNORECASE,
)
# "a Tuesday incident", "Sunday night's shooting": the date names the incident itself, whatever verb is near
_ATTRIBUTIVE = re.compile(
    r"(?:'s|’s)?\s+(?:(?:early|late)\s+)?(?:(?:morning|afternoon|evening|night)(?:'s|’s)?\s+)?"
    r"(?:(?:fatal|deadly|double|triple|drive-by|early-morning|late-night)\s+)?"
    r"(?:shootings?|incident|attack|homicide|killing|slaying|stabbing|robbery|carjacking|standoff|gunfire|"
    r"ambush|raid|bombing|blast|explosion|clash(?:es)?|murder|assault|home invasion)\b",
    re.IGNORECASE,
)
_AFTERMATH_PENALTY = 4
_PRECISION_RANK = {"place": 0, "admin2": 1, "admin1": 2, "country": 3}
_STALE = dt.timedelta(days=31)
_LEAD_BONUS = {0: 3, 1: 2, 2: 1}  # a news report dates its event in its first sentences
_MIN_SCORE = 1
_LEAD_CHARS = 600  # about the first three sentences
_OVERNIGHT = re.compile(
    r"\bovernight\b(?![ \t]+(?:on[ \t]+|into[ \t]+|from[ \t]+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday)|[ \t]+(?:shift|stay|curfew|flight|bag|parking|low|high|temperatures?|hours?)\b)",
    re.IGNORECASE,
)
_INCIDENT_BONUS = 2
_OPENING_BONUS = 2
_REPORTING_PENALTY = 7  # a statement's date dates the statement: it only wins when nothing else does
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?:]\s+|\n)(?:On\s+)?$")


def build_figures(
    counts: Sequence[Count],
    events: Sequence[EventType],
    dates: Sequence[DateMention],
    places: Sequence[Place],
    *,
    text: str = "",
    published: dt.date | None = None,
    anchor: dt.date | None = None,
    actors: tuple[Actor | None, Actor | None] = (None, None),
    hint: Place | None = None,
) -> Figures:
    """Roll the mentions of one document up to one row of figures.

    `text` lets the date choice see reporting verbs; `published` is the fallback event date;
    `anchor` (publication or run date) marks stale dates. `actors` are the main event's two sides
    (`events.extract_events_and_actors`), named with the event's country. `hint` (`place_context.event_hint`)
    is the event's location when the places give none, or only its country. All are optional.
    """
    totals = _totals(counts, text)
    main = events[0] if events else None
    place = _event_place(places, text)
    if hint is not None and (
        place is None or (place.precision == "country" and place.country_code == hint.country_code)
    ):
        place = hint
    if place is not None:  # a bare country: the capital's point and region; a bare region: its main town's point
        from tasks.core.extraction.place_capital import capital_point  # sibling modules, imported late
        from tasks.core.extraction.place_seat import main_town_point

        place = main_town_point(capital_point(place, places, text, main.event_type if main else None), places)
    sides = _actor_columns(actors, place.country_code if place else None) if main else {}
    return Figures(
        killed=totals.get("killed"),
        injured=totals.get("injured"),
        arrested=totals.get("arrested"),
        event_type=main.event_type if main else None,
        sub_event_type=main.sub_event_type if main else None,
        event_date=_event_date(counts, main, dates, text, published, anchor or published),
        event_place=place.name if place else None,
        event_country=place.country_code if place else None,
        event_admin1=_admin1(place, places) if place else None,
        event_lat=place.lat if place else None,
        event_lon=place.lon if place else None,
        event_admin2=place.admin2 if place else None,
        event_iso3166_2=_iso3166_2(place, places) if place else None,
        event_precision=place.feature_precision if place else None,
        **sides,
    )


def _totals(counts: Sequence[Count], text: str | None) -> dict[str, int | None]:
    from tasks.core.extraction.counts import estimate_totals  # sibling module, imported late

    return estimate_totals(counts, text or None)


def _event_date(
    counts: Sequence[Count],
    main: EventType | None,
    dates: Sequence[DateMention],
    text: str,
    published: dt.date | None,
    anchor: dt.date | None,
) -> dt.date | None:
    event_sentences = set(main.sentence_indexes) if main else set()
    count_sentences = {c.sentence_index for c in counts if c.temporal == "current"}
    best: tuple[bool, int, int, DateMention] | None = None
    for position, mention in enumerate(dates):
        if not _may_date_event(mention, anchor):
            continue
        score = _score_date(mention, event_sentences, count_sentences, text, anchor)
        if score < _MIN_SCORE:
            continue
        key = (mention.precision == "day", score, -position, mention)
        if best is None or key[:3] > best[:3]:
            best = key
    if best is not None:
        return best[3].value
    if published is not None and _OVERNIGHT.search(text, 0, _LEAD_CHARS):
        return published - dt.timedelta(days=1)  # "an overnight shooting": the night that began the day before
    return published  # None when only the run's own date could give one


def _may_date_event(mention: DateMention, anchor: dt.date | None) -> bool:
    """A bare year is context, a future date has not happened, and a date that only the run's own date
    resolves ("on Tuesday" in a text with no publication date) would be invented."""
    if mention.precision == "year" or (anchor is not None and mention.value > anchor):
        return False
    return not (mention.reference == "run" and mention.relative)


def _score_date(
    mention: DateMention,
    event_sentences: set[int],
    count_sentences: set[int],
    text: str,
    anchor: dt.date | None,
) -> int:
    score = 3 if mention.sentence_index in event_sentences else 0
    score += 2 if mention.sentence_index in count_sentences else 0
    score += 1 if mention.precision == "day" else 0
    score += _LEAD_BONUS.get(mention.sentence_index, 0)
    if text and _OPENS_SENTENCE.search(text, max(0, mention.char_start - 12), mention.char_start):
        score += _OPENING_BONUS  # "On 3 March 2020, ...", "4 May. ...": the note's own dateline
    if text and _ATTRIBUTIVE.match(text, mention.char_end):
        score += _INCIDENT_BONUS  # "after a Tuesday incident", "police said Sunday's shooting ..."
    elif text and _INCIDENT.search(text, max(0, mention.char_start - 50), mention.char_start):
        score += _INCIDENT_BONUS  # "said he shot a man Sunday night": the incident's verb is nearer than the report's
    elif text and _REPORTING.search(text, max(0, mention.char_start - 60), mention.char_start):
        score -= _REPORTING_PENALTY
    elif text and _AFTERMATH.search(text, max(0, mention.char_start - 50), mention.char_start):
        score -= _AFTERMATH_PENALTY  # "arraigned Tuesday": a court or arrest day, after the incident
    if mention.reference == "published" and anchor is not None and mention.value < anchor - _STALE:
        score -= 1
    return score


def _event_place(places: Sequence[Place], text: str = "") -> Place | None:
    event_places = [p for p in places if p.role == "event"]
    best = None
    if event_places:
        mentions = Counter(p.name for p in event_places)
        first_seen: dict[str, int] = {}
        for position, place in enumerate(event_places):
            first_seen.setdefault(place.name, position)
        best = min(
            event_places,
            key=lambda p: (_PRECISION_RANK.get(p.precision, 4), -mentions[p.name], first_seen[p.name]),
        )
    if text and (best is None or best.precision != "place"):
        near = next((p for p in places if _near_point(p, best, text)), None)
        return near or best
    return best


def _near_point(p: Place, region: Place | None, text: str) -> bool:
    """A reference point ("20 km from Sukma", "south of Al-Arish", a district's "outskirts of X"; `mentioned` by the
    places convention) inside the event's region or country, or anywhere when no event place is known: the event's
    point is near it, which beats a region's centroid."""
    from tasks.core.extraction.place_cues import is_reference_point  # sibling module, imported late

    if p.role != "mentioned" or p.precision not in ("place", "admin2"):
        return False  # a district is a reference point too ("the outskirts of X" district), finer than a region
    if p.precision == "admin2" and region is not None and region.precision not in ("admin1", "country"):
        return False
    if not is_reference_point(text, p.char_start, p.char_end):
        return False
    if region is None:
        return True
    if p.country_code != region.country_code:
        return False
    return region.precision == "country" or (p.admin1 is not None and p.admin1 in (region.admin1, region.name))


# Countries whose GeoNames admin-1 units have no government of their own (Uganda's four regions): the districts
# below them are the first level of administration, which event datasets (ACLED) code as admin-1. There the event's
# admin-1 is its district, when known; `places.admin1` keeps GeoNames' unit.
DISTRICTS_FIRST = frozenset({"UG"})


def _admin1(place: Place, places: Sequence[Place]) -> str | None:
    if place.country_code in DISTRICTS_FIRST and place.admin2:
        return place.admin2
    if place.admin1:
        return place.admin1
    for other in places:
        if other.name == place.name and other.country_code == place.country_code and other.admin1:
            return other.admin1
    for other in places:
        if other.role == "event" and other.precision == "admin1" and other.country_code == place.country_code:
            return other.admin1 or other.name
    return None


def _actor_columns(actors: tuple[Actor | None, Actor | None], country: str | None) -> dict[str, object]:
    """actor1/actor2 columns: ACLED-style names with the country filled in (a demonym beside the actor wins over
    the event's country: "Nigerian troops" in Benin are "Military Forces of Nigeria")."""
    from tasks.core.extraction.actors import acled_name  # sibling modules, imported late
    from tasks.core.extraction.gazetteer import load_gazetteer

    out: dict[str, object] = {}
    for n, actor in enumerate(actors, start=1):
        if actor is None:
            continue
        code = actor.country_code or country
        entry = load_gazetteer().country(code) if code else None
        out[f"actor{n}"] = acled_name(actor, entry.name if entry else None)
        out[f"actor{n}_type"] = actor.actor_type
        out[f"actor{n}_text"] = actor.text
        out[f"actor{n}_start"] = actor.char_start
        out[f"actor{n}_end"] = actor.char_end
    return out


def _iso3166_2(place: Place, places: Sequence[Place]) -> str | None:
    """The chosen place's ISO 3166-2 code, else that of the event-role admin-1 region filling admin1."""
    if place.iso3166_2:
        return place.iso3166_2
    admin1 = _admin1(place, places)
    for other in places:
        if other.iso3166_2 and other.country_code == place.country_code and admin1 in (other.admin1, other.name):
            return other.iso3166_2
    return None
