"""Date mentions: explicit ("June 21", "21 June 2024", "2024-06-21", "in March", "1997") and
relative ("on Tuesday", "yesterday", "last week", "earlier this month", "two days ago").

Candidates come from compiled regexes; resolution is plain datetime arithmetic against the
publication date (reference "published") or, without one, the run's reference date ("run").
Rules: a weekday is the most recent such day on or before the anchor (same day allowed), or
on/after it in a future context ("will ... on Friday", "next Friday"). A month-day or month
without a year takes the anchor's year unless that lands more than a few days after the anchor,
then the previous year. Week expressions resolve to the Monday of that week (precision "day",
approximate: the model has no week precision). Years stand alone only after a date-like word
("in 1997", "since 2010") or in a range ("1992-1997"); counts, money, ages and times are not dates.

Times of day: "last night" is the day before the anchor; "this morning", "early today", "tonight"
are the anchor's day; "Tuesday night", "early Saturday", "late on Friday" are that weekday's date.
A bare "overnight" is a time, not a date mention (figures.py reads it for the event date).
"today" counts only in lower case or at a sentence start ("USA TODAY" is a name).

Without a publication date (reference "run"), a month-day or month that states no year takes the
year of the nearest date in the same text that does ("On 4 May ... in May 2019" -> 2019, the
year that puts it closest to that date); with no such date its year comes from the run date
alone, and it is marked `relative` like "on Tuesday": its value depends on the reference date.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import NamedTuple

from tasks.core.extraction.model import DateMention, DatePrecision, DateReference, Sentence

_SP = r"[ \t\u00a0]+"
_MONTH_NAMES = (
    "january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
    "august aug", "september sep sept", "october oct", "november nov", "december dec",
)  # fmt: skip
_MONTHS = {name: i + 1 for i, names in enumerate(_MONTH_NAMES) for name in names.split()}
_MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ANY = rf"(?:{_MONTH_FULL}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_FUTURE = re.compile(
    r"\b(?:will|won't|shall|is due|are due|scheduled|slated|set to|expected to|plans? to|"
    r"planned for|upcoming|next|starting|effective)\b[^,;.]*$",
    re.IGNORECASE,
)
_YEAR_CONTEXT = re.compile(
    r"(?:\b(?:in|since|by|until|till|from|before|after|during|of|early|late|mid|around|circa|"
    r"between|and|to|through|throughout|for|year|summer|spring|autumn|fall|winter|the)|[(–-])"
    r"[ \t\u00a0]*$",
    re.IGNORECASE,
)
_COUNT_NOUN = re.compile(
    r"[ \t\u00a0]*(?:people|persons|residents|troops|soldiers|civilians|militants|fighters|police|"
    r"policemen|officers|protesters|demonstrators|refugees|migrants|families|homes|houses|"
    r"buildings|cases|deaths|victims|children|women|men|students|workers|members|votes|voters|"
    r"km|kilomet(?:re|er)s|miles|met(?:re|er)s|tons|tonnes|dollars|euros|pounds|rupees|barrels|"
    r"acres|hectares|feet|vehicles|cars|rounds|rockets|shells|missiles|prisoners|detainees|"
    r"inmates|jobs|units|patients|seats|others|more|of|hours|GMT|UTC|hrs)\b"
)
_WEEKDAY_MODS = frozenset({"on", "last", "next", "this", "early", "late"})
_NAME_AFTER = re.compile(rf"[ \t\u00a0]+(?!(?:{_MONTH_ANY})\b)[A-Z][a-z]")
_NAMED_DAY = re.compile(r"\b(?:Good|Black|Bloody|Super|Easter|Holy|Ash|Cyber|Palm|Maundy)[ \t]+$")


class _Found(NamedTuple):
    start: int
    end: int
    value: dt.date
    precision: DatePrecision
    relative: bool
    year_from_anchor: bool = False  # a month-day or month that states no year


_Handler = Callable[[re.Match[str], str, dt.date], list[_Found]]


def extract_dates(
    text: str,
    sentences: Sequence[Sentence],
    published_at: dt.datetime | None,
    reference_date: dt.date,
) -> list[DateMention]:
    """Find and resolve the date mentions in `text`, in text order, without overlaps."""
    anchor = published_at.date() if published_at is not None else reference_date
    reference: DateReference = "published" if published_at is not None else "run"
    found: list[_Found] = []
    for pattern, handler in _RULES:
        for match in pattern.finditer(text):
            found.extend(handler(match, text, anchor))
    if published_at is None:
        found = _years_from_text(found)
    starts = [s.char_start for s in sentences]
    mentions: list[DateMention] = []
    last_end = -1
    for item in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        index = bisect_right(starts, item.start) - 1
        if item.start < last_end or index < 0 or item.end > sentences[index].char_end:
            continue
        last_end = item.end
        mentions.append(
            DateMention(
                text=text[item.start : item.end],
                value=item.value,
                precision=item.precision,
                relative=item.relative,
                reference=reference,
                sentence_index=sentences[index].index,
                char_start=item.start,
                char_end=item.end,
            )
        )
    return _drop_weekday_before_date(text, mentions)


def _years_from_text(found: list[_Found]) -> list[_Found]:
    """Run reference: a year-less month-day or month takes its year from the nearest date stating one,
    else it is relative (its year is the run's)."""
    stated = [f for f in found if not f.year_from_anchor and f.precision != "year" and not f.relative]
    resolved: list[_Found] = []
    for item in found:
        if not item.year_from_anchor:
            resolved.append(item)
            continue
        if not stated:
            resolved.append(item._replace(relative=True))
            continue
        near = min(stated, key=lambda f: abs(f.start - item.start)).value
        month, day = item.value.month, item.value.day
        options = [d for year in (near.year - 1, near.year, near.year + 1) if (d := _safe_date(year, month, day))]
        if not options:  # 29 February near no leap year
            resolved.append(item._replace(relative=True))
            continue
        value = min(options, key=lambda d: abs((d - near).days))
        resolved.append(item._replace(value=value, year_from_anchor=False))
    return resolved


def _drop_weekday_before_date(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """ "Tuesday, June 21": keep the explicit date only."""
    keep: list[DateMention] = []
    for i, mention in enumerate(mentions):
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if (
            nxt is not None
            and mention.relative
            and mention.text.split()[-1].lower() in _WEEKDAYS
            and not nxt.relative
            and nxt.precision == "day"
            and text[mention.char_end : nxt.char_start] in (", ", " ", ",")
        ):
            continue
        keep.append(mention)
    return keep


def _is_future(text: str, start: int) -> bool:
    line_start = max(text.rfind("\n", 0, start) + 1, start - 80)
    return _FUTURE.search(text, line_start, start) is not None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _infer_year(month: int, day: int, anchor: dt.date, future: bool) -> dt.date | None:
    """A month-day without a year: the anchor's year, or the previous one if well after it."""
    value = _safe_date(anchor.year, month, day)
    if value is None and (month, day) == (2, 29):
        value = _safe_date(anchor.year - 1, 2, 28)
    if value is not None and not future and value > anchor + dt.timedelta(days=3):
        value = _safe_date(anchor.year - 1, month, day)
    return value


def _iso(m: re.Match[str], text: str, anchor: dt.date) -> list[_Found]:
    value = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return [_Found(m.start(), m.end(), value, "day", False)] if value else []


def _numeric(m: re.Match[str], text: str, anchor: dt.date) -> list[_Found]:
    """ "12/03/2024": the valid reading not after the anchor; day-first when both fit."""
    a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
    readings = [d for d in (_safe_date(year, b, a), _safe_date(year, a, b)) if d is not None]
    past = [d for d in readings if d <= anchor + dt.timedelta(days=3)]
    choices = past or readings
    return [_Found(m.start(), m.end(), choices[0], "day", False)] if choices else []


def _month_day(m: re.Match[str], text: str, anchor: dt.date) -> list[_Found]:
    month, day = _MONTHS[m["month"].rstrip(".").lower()], int(m["d"])
    if m["y"]:
        value = _safe_date(int(m["y"]), month, day)
    else:
        value = _infer_year(month, day, anchor, _is_future(text, m.start()))
    return [_Found(m.start(), m.end(), value, "day", False, not m["y"])] if value else []


def _month_year(m: re.Match[str], text: str, anchor: dt.date) -> list[_Found]:
    value = dt.date(int(m["y"]), _MONTHS[m["month"].rstrip(".").lower()], 1)
    return [_Found(m.start(), m.end(), value, "month", False)]


def _month_alone(m: re.Match[str], text: str, anchor: dt.date) -> list[_Found]:
    month, mod = _MONTHS[m["month"].lower()], m["mod"].lower()
    year = anchor.year
    if mod == "last":
        year -= 1 if month >= anchor.month else 0
    elif mod == "next":
        year += 1 if month <= anchor.month else 0
    elif mod != "this" and not _is_future(text, m.start()):
        year -= 1 if dt.date(year, month, 1) > anchor + dt.timedelta(days=3) else 0
    relative = mod in ("last", "next", "this")
    start = m.start() if relative else m.start("month")
    return [_Found(start, m.end(), dt.date(year, month, 1), "month", relative, not relative)]


def _weekday(m: re.Match[str], text: str, anchor: dt.date) -> list[_Found]:
    mod = (m["mod"] or "").lower()
    if _NAMED_DAY.search(text, max(0, m.start() - 12), m.start("wd")):
        return []  # "Good Friday", "Bloody Sunday"
    if mod not in _WEEKDAY_MODS and _NAME_AFTER.match(text, m.end()):
        return []  # "Saturday Night Live", "the Sunday Times"
    target = _WEEKDAYS.index(m["wd"].lower())
    back = (anchor.weekday() - target) % 7
    if mod == "next" or (mod != "last" and _is_future(text, m.start())):
        value = anchor + dt.timedelta(days=(target - anchor.weekday()) % 7 or (7 if mod == "next" else 0))
    else:
        value = anchor - dt.timedelta(days=back or (7 if mod == "last" else 0))
    start = m.start() if mod in _WEEKDAY_MODS else m.start("wd")
    return [_Found(start, m.end(), value, "day", True)]


def _relative_day(m: re.Match[str], text: str, anchor: dt.date) -> list[_Found]:
    word = m["w"].lower()
    if word.endswith("weekend"):  # the Saturday of the latest weekend (approximate)
        saturday = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7)
        return [_Found(m.start(), m.end(), saturday, "day", True)]
    shift = -1 if word.startswith(("yesterday", "last")) else 1 if word == "tomorrow" else 0
    return [_Found(m.start(), m.end(), anchor + dt.timedelta(days=shift), "day", True)]


def _relative_period(m: re.Match[str], text: str, anchor: dt.date) -> list[_Found]:
    mod, unit = m["mod"].lower(), m["unit"].lower()
    step = {"last": -1, "this": 0, "next": 1}[mod]
    if unit == "year":
        return [_Found(m.start(), m.end(), dt.date(anchor.year + step, 1, 1), "year", True)]
    if unit == "month":
        months = anchor.year * 12 + anchor.month - 1 + step
        value = dt.date(months // 12, months % 12 + 1, 1)
        return [_Found(m.start(), m.end(), value, "month", True)]
    monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=step)
    value = monday + dt.timedelta(days=5) if unit == "weekend" else monday
    return [_Found(m.start(), m.end(), value, "day", True)]


def _ago(m: re.Match[str], text: str, anchor: dt.date) -> list[_Found]:
    raw = m["n"].lower()
    n = int(raw) if raw.isdigit() else 2 if "couple" in raw else _NUMBERS[raw]
    unit = m["unit"].lower()
    if unit in ("day", "week"):
        value = anchor - dt.timedelta(days=n * (7 if unit == "week" else 1))
        return [_Found(m.start(), m.end(), value, "day", True)]
    if unit == "month":
        months = anchor.year * 12 + anchor.month - 1 - n
        return [_Found(m.start(), m.end(), dt.date(months // 12, months % 12 + 1, 1), "month", True)]
    return [_Found(m.start(), m.end(), dt.date(anchor.year - n, 1, 1), "year", True)]


def _year(m: re.Match[str], text: str, anchor: dt.date) -> list[_Found]:
    first = int(m["y"])
    if m["y2"]:
        raw = m["y2"]
        second = int(raw) if len(raw) == 4 else first // 100 * 100 + int(raw)
        if not first < second <= anchor.year + 10:
            return []
        found = [_Found(m.start("y"), m.end("y"), dt.date(first, 1, 1), "year", False)]
        return found + [_Found(m.start("y2"), m.end("y2"), dt.date(second, 1, 1), "year", False)]
    if first > anchor.year + 10 or _COUNT_NOUN.match(text, m.end()):
        return []
    if not _YEAR_CONTEXT.search(text, max(0, m.start() - 24), m.start()):
        return []
    return [_Found(m.start(), m.end(), dt.date(first, 1, 1), "year", False)]


_WD = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_NUM = r"\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple of"
_YEAR_RE = r"1[89]\d\d|20\d\d"
_RULES: tuple[tuple[re.Pattern[str], _Handler], ...] = (
    (re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"), _iso),
    (re.compile(r"(?<![\d/.-])\b(?P<a>\d{1,2})([/.-])(?P<b>\d{1,2})\2(?P<y>(?:19|20)\d\d)\b(?![/.-]?\d)"), _numeric),
    (
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?{_SP}(?:of{_SP})?(?P<month>{_MONTH_ANY})"
            rf"(?:,?{_SP}(?P<y>\d{{4}})\b)?(?!\w)"
        ),
        _month_day,
    ),
    (
        re.compile(
            rf"\b(?P<month>{_MONTH_ANY}){_SP}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?![.,:]?\d)"
            rf"(?:,?{_SP}(?P<y>\d{{4}})\b(?![.,]?\d))?"
        ),
        _month_day,
    ),
    (re.compile(rf"\b(?P<month>{_MONTH_ANY}),?{_SP}(?:of{_SP})?(?P<y>{_YEAR_RE})\b"), _month_year),
    (
        re.compile(
            r"\b(?P<mod>in|since|during|until|till|by|from|through|throughout|before|after|"
            r"between|early|late|mid|last|this|next|of)"
            rf"(?:{_SP}|-)(?:(?:early|late|mid){_SP}|mid-)?(?-i:(?P<month>{_MONTH_FULL}))\b(?!{_SP}\d)",
            re.IGNORECASE,
        ),
        _month_alone,
    ),
    (
        re.compile(
            rf"\b(?:(?P<mod>[Oo]n|[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate|since|until|by|from){_SP})?"
            rf"(?:(?:early|late){_SP})?(?P<wd>{_WD})\b(?:{_SP}(?:morning|afternoon|evening|night)\b)?"
        ),
        _weekday,
    ),
    (
        re.compile(
            rf"\b(?P<w>yesterday|(?-i:today|(?<![\w,] )Today)|tonight|tomorrow|last{_SP}night|"
            rf"this{_SP}(?:morning|afternoon|evening)|(?:earlier|early|later){_SP}today|"
            rf"(?:over|at|during){_SP}the{_SP}weekend)\b",
            re.IGNORECASE,
        ),
        _relative_day,
    ),
    (
        re.compile(
            rf"\b(?:(?:earlier|later|late|early){_SP})?(?P<mod>last|this|next){_SP}"
            r"(?P<unit>week|weekend|month|year)\b",
            re.IGNORECASE,
        ),
        _relative_period,
    ),
    (
        re.compile(rf"\b(?P<n>{_NUM}){_SP}(?P<unit>day|week|month|year)s?{_SP}ago\b", re.I),
        _ago,
    ),
    (
        re.compile(
            rf"(?<![\d$£€.,/#:])\b(?P<y>{_YEAR_RE})"
            rf"(?:[ \t\u00a0]*[-–—][ \t\u00a0]*(?P<y2>(?:{_YEAR_RE})|\d\d))?\b(?![.,/:]?\d|%|[-–—]\d)"
        ),
        _year,
    ),
)
