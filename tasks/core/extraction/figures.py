"""The per-document roll-up (`Figures`) behind the `document_figures` view.

- killed / injured / arrested: `counts.estimate_totals` (None = not reported, 0 = none).
- event_type / sub_event_type: the first (main) `EventType`.
- event_date: the best-scored date mention that may date the event: day precision first, then
  month (never a bare year, never after the anchor, and never a mention that only the run's own
  date resolves: a relative date, or a year-less day, with no publication date). Score: +3 in a
  sentence supporting the main event, +2 in a sentence holding a current count, +1 day precision,
  +3 / +2 / +1 in the first / second / third sentence (a news report dates its event first), +2
  when it opens its sentence ("On 3 March 2020, ..."), +2 right after an incident word ("shot
  Tuesday night", "gunfire erupted Saturday"), -2 after an aftermath word ("arraigned Friday",
  "appeared in court Monday"), -7 when it dates a reporting verb ("police said Wednesday"; not
  "was reported"), -1 when more than 31 days before the publication date; ties go to the earlier
  mention. With no date scoring 1 or more: the publication date when known, else None.
- event_place: among places with role "event", the most specific (place > admin1 > country),
  then the most mentioned, then the first; admin1 is filled from an event-role admin-1 place of
  the same country when the chosen place has none. `event_country` is an ISO 3166-1 alpha-2 code.
  No event-role place: all place fields None.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence

from tasks.core.extraction.model import Count, DateMention, EventType, Figures, Place

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
_PRECISION_RANK = {"place": 0, "admin1": 1, "country": 2}
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
) -> Figures:
    """Roll the mentions of one document up to one row of figures.

    `text` lets the date choice see reporting verbs; `published` is the fallback event date;
    `anchor` (publication or run date) marks stale dates. All three are optional.
    """
    totals = _totals(counts)
    main = events[0] if events else None
    place = _event_place(places)
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
    )


def _totals(counts: Sequence[Count]) -> dict[str, int | None]:
    from tasks.core.extraction.counts import estimate_totals  # sibling module, imported late

    return estimate_totals(counts)


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
    if text and _REPORTING.search(text, max(0, mention.char_start - 60), mention.char_start):
        score -= _REPORTING_PENALTY
    elif text and _INCIDENT.search(text, max(0, mention.char_start - 50), mention.char_start):
        score += _INCIDENT_BONUS
    elif text and _AFTERMATH.search(text, max(0, mention.char_start - 50), mention.char_start):
        score -= 2
    if mention.reference == "published" and anchor is not None and mention.value < anchor - _STALE:
        score -= 1
    return score


def _event_place(places: Sequence[Place]) -> Place | None:
    event_places = [p for p in places if p.role == "event"]
    if not event_places:
        return None
    mentions = Counter(p.name for p in event_places)
    first_seen: dict[str, int] = {}
    for position, place in enumerate(event_places):
        first_seen.setdefault(place.name, position)
    return min(
        event_places,
        key=lambda p: (_PRECISION_RANK.get(p.precision, 3), -mentions[p.name], first_seen[p.name]),
    )


def _admin1(place: Place, places: Sequence[Place]) -> str | None:
    if place.admin1:
        return place.admin1
    for other in places:
        if other.name == place.name and other.country_code == place.country_code and other.admin1:
            return other.admin1
    for other in places:
        if other.role == "event" and other.precision == "admin1" and other.country_code == place.country_code:
            return other.admin1 or other.name
    return None
