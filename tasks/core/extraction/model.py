"""Typed records produced by the extractors (pure; no Prefect, no DuckDB).

Every span is a pair of 0-based character offsets into `documents.text`, end exclusive.
`sentence_index` refers to the `Sentence` whose span contains the mention.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

EntityKind = Literal["PERSON", "ORG"]
FeatureKind = Literal["city", "town", "village", "region", "country", "continent", "other"]
Precision = Literal["place", "admin2", "admin1", "country"]
PlaceRole = Literal["event", "mentioned"]
CountKind = Literal["killed", "injured", "arrested", "kidnapped", "missing", "displaced", "casualties"]
VictimGroup = Literal["civilians", "security_forces", "militants", "protesters", "unspecified"]
Temporal = Literal["current", "historical"]
DatePrecision = Literal["day", "month", "year"]
DateReference = Literal["published", "run"]
ActorType = Literal[
    "state_forces",
    "rebels",
    "political_militia",
    "identity_militia",
    "rioters",
    "protesters",
    "civilians",
    "external_forces",
]  # ACLED's interaction ("inter") codes 1-8, as words
FeaturePrecision = Literal["village", "town", "city", "district", "region", "country", "continent"]


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    char_start: int
    char_end: int


@dataclass(frozen=True, slots=True)
class Entity:
    kind: EntityKind
    text: str  # exactly text[char_start:char_end]
    name: str  # normalised: titles ("Maj. Gen.", "Governor") and possessive 's removed
    sentence_index: int
    char_start: int
    char_end: int


@dataclass(frozen=True, slots=True)
class Place:
    text: str  # exactly text[char_start:char_end]
    name: str  # the gazetteer's preferred name ("Gorno-Badakhshan", "Tajikistan")
    geonameid: int | None
    feature_kind: FeatureKind
    country_code: str | None  # ISO 3166-1 alpha-2
    admin1: str | None  # admin-1 name in English, when known
    lat: float | None
    lon: float | None
    precision: Precision
    role: PlaceRole
    sentence_index: int
    char_start: int
    char_end: int
    admin2: str | None = None  # the admin-2 district's English name, when known
    iso3166_2: str | None = None  # the admin-1 unit's ISO 3166-2 code ("SY-ID"), when known
    feature_precision: FeaturePrecision | None = None  # how fine the resolved point is
    score: float | None = None  # the winning candidate's resolution score (see places.py)
    rejected: int | None = None  # how many other gazetteer candidates the name had


@dataclass(frozen=True, slots=True)
class Count:
    kind: CountKind
    trigger: str  # the trigger word as written: "dead", "wounded", "detained", ...
    value_low: int | None
    value_high: int | None
    vague: bool  # "hundreds", "dozens": a documented range, not a figure
    qualifier: str | None  # "at least", "up to", "more than", "about", "hundreds", ...
    victim_group: VictimGroup
    victim_text: str | None  # "militants", "security officers", ...
    temporal: Temporal
    claim_source: str | None  # "opposition sources", "the health ministry", ...
    sentence_index: int
    number_start: (
        int | None
    )  # None for an implied single victim ("a man was shot dead") -> span of the noun phrase instead
    number_end: int | None
    trigger_start: int
    trigger_end: int
    cause: str | None = None  # set when the event's weapon did not cause it: "crash", "fall" (counts/harm.py)


@dataclass(frozen=True, slots=True)
class DateMention:
    text: str  # exactly text[char_start:char_end]
    value: dt.date  # the first day of the period for month/year precision
    precision: DatePrecision
    relative: bool  # "on Tuesday", "last week", "yesterday"
    reference: DateReference  # resolved against the publication date, or the run's reference date
    sentence_index: int
    char_start: int
    char_end: int


@dataclass(frozen=True, slots=True)
class EventType:
    event_type: str  # ACLED: "Battles", "Explosions/Remote violence", "Violence against civilians",
    # "Protests", "Riots", "Strategic developments"
    sub_event_type: str | None  # ACLED sub-event type, e.g. "Armed clash", "Arrests"
    confidence: float  # 0..1
    sentence_indexes: tuple[int, ...]  # the supporting sentences


@dataclass(frozen=True, slots=True)
class Actor:
    """One side of the main event, as ACLED codes it."""

    name: str  # ACLED-style, with "{c}" where the country goes: "Police Forces of {c}", "Protesters ({c})"
    actor_type: ActorType
    text: str | None  # exactly text[char_start:char_end]; None when the text implies the actor without naming it
    country_code: str | None  # from a demonym next to the noun ("Nigerian troops"); else the event's country
    sentence_index: int | None
    char_start: int | None
    char_end: int | None


@dataclass(frozen=True, slots=True)
class Figures:
    """The per-document roll-up behind the `document_figures` view."""

    killed: int | None  # best estimate for the main current event; None = not reported, 0 = none
    injured: int | None
    arrested: int | None
    event_type: str | None
    sub_event_type: str | None
    event_date: dt.date | None
    event_place: str | None
    event_country: str | None
    event_admin1: str | None
    event_lat: float | None
    event_lon: float | None
    actor1: str | None = None  # ACLED-style name: "Protesters (India)", "Police Forces of Nigeria"
    actor1_type: str | None = None  # an ActorType
    actor2: str | None = None  # None when the event has no second actor
    actor2_type: str | None = None
    actor1_text: str | None = None  # the surface text and span the actor was read from (None if implied)
    actor1_start: int | None = None
    actor1_end: int | None = None
    actor2_text: str | None = None
    actor2_start: int | None = None
    actor2_end: int | None = None
    event_admin2: str | None = None
    event_iso3166_2: str | None = None
    event_precision: FeaturePrecision | None = None


@dataclass(frozen=True, slots=True)
class Fields:
    language: str | None
    skipped_reason: str | None  # e.g. "language_not_supported:de"; None when extracted
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    places: tuple[Place, ...] = ()
    counts: tuple[Count, ...] = ()
    dates: tuple[DateMention, ...] = ()
    events: tuple[EventType, ...] = ()
    figures: Figures | None = None
    extra: dict[str, object] = field(default_factory=dict)
