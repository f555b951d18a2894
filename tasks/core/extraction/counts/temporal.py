"""Current or historical: a count is `historical` when its clause (or the clause a relative "in which ..." hangs from)
carries a past-time cue and names no current day ("on Tuesday", "today"). Past-time cues: a year, "last year",
"since 2011", "since Jan. 4", "civil war", "the conflict has killed", a running tally ("the city has seen five
people killed this week"), a month without a day ("in September", "in January's bombing", also with its apostrophe
lost: "in Januarys bombing"), time served for a crime ("served nine years for a double murder"), or an
earlier death the event answers ("a man suspected of killing a farmer", "in retaliation for the murder of",
"protests over the killing of"; not "he has been accused of killing": a charge
reported now, about the article's own event). A past conviction that describes a person is earlier too ("a man
convicted of killing his wife in 2001", "Lee, who was convicted of murder,"), while a conviction the sentence
reports ("Lee was convicted of killing his wife") is the article's own (court) event, and so is one in a clause
that reports a sentence or trial. A total over several events ("killed in separate shootings on Friday", "in
shootings across the city", "in two Tulsa shootings", "in shootings late Friday", "found shot in separate
locations") is a cumulative toll, even with a current day, and so is one whose sentence names the several events in
a later clause that opens with "in" ("Three men were hurt at dawn, two of them badly, in
what detectives describe as unrelated attacks"); one victim "in one of two shootings" is that shooting's own.
A "when" clause after "since 2011," is that year's toll ("the deadliest April since 2011, when 26 people were shot
dead").
A death that a protest answers is earlier too: a protest or strike word, then in the same clause a cause
("after", "against", "over", "following", "to denounce"), or a meeting "to discuss", before the trigger:
"nurses went on strike after a colleague died in a robbery", "a rally against the bandit raids that killed 12
herders", "elders met officials to discuss the killing of 30 villagers" (not "police fired on the march,
killing two": no cause word).
A death whose dead are carried or brought along is earlier too: "residents marched to the town hall with the body
of a youth killed in the clash", "protesters carried the bodies of two men killed by police" (the event is what
the living do with them; the death keeps its own event).
A note that opens with its date ("On 28 May 2021, ...") dates its event: a count whose clause names a day at
least two days earlier in that year ("a member of the family was murdered on May 2") is about an earlier event.
A past cue after the trigger, inside the earlier death that the event answers, dates that death and not the
count: "killed four villagers in reprisal for the death of a herder a few days earlier" is current (the clause is
read up to "in reprisal for"; a count inside the answered death, "in revenge for the killing of two farmers last
month", stays historical).
Historical counts keep their own rows and never make the document's figure.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from functools import lru_cache

_CURRENT = re.compile(
    r"\b(?:on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|"
    r"\b(?:today|yesterday|tonight|overnight|this (?:morning|afternoon|evening|week))\b|"
    r"\b(?:sentenced|convicted|found guilty|pleaded guilty|jury|jurors|trial|acquitted)\b",  # a court report's crime
    re.I,
)

# A conviction that describes a person, not one the sentence reports: "a man convicted of killing", "who was
# convicted for", "previously convicted of".
_PAST_CONVICTION = re.compile(
    r"(?:\bwho (?:was|were|had been|has been)|\bhad been|\bpreviously|\bonce|\balready|\b(?!(?:was|were|been|is|are|be"
    r"|being|got|get|and|or)\b)[a-z]+)\s+(?:\w+ly\s+)?convicted (?:of|for)\b",
)

_COURT = re.compile(r"\b(?:sentenced|convicted|found guilty|pleaded guilty|jury|jurors|trial|acquitted)\b", re.I)

# A total over several events is a cumulative toll, never one event's figure: "two men were killed in separate
# shootings on Friday", "four people were hurt in three shootings", "in shootings across the city"; not "in two
# attacks", which a note may sum up as one event.
_SEVERAL_EVENTS = re.compile(
    r"\b(?:in|were|are|from) (?:what (?:[\w'’-]+ ){1,4}?)?(?:(?:two|three|four|five|six|several|multiple|\d+)"
    r" )?(?:separate|unrelated|different|other|distinct) (?:[A-Z][\w.'’-]* )?(?:shootings|incidents|attacks|stabbings"
    r"|locations|areas|parts of (?:the )?(?:city|town|county))\b"
    r"|\bin (?:two|three|four|five|six|several|multiple|\d+) (?:[A-Z][\w.'’-]* ){0,2}(?:shootings|stabbings)\b"
    r"|\bin (?:shootings|stabbings)\b"
    r"|\bin (?:shootings|attacks) (?:across|around|throughout|all over)\b"
    r"|\bin an? (?:spate|series|string|rash|wave) of (?:shootings|attacks)\b",
    re.I,
)

_SINCE_COMPARE = re.compile(
    r"\b(?:deadliest|worst|biggest|largest|bloodiest|first|highest|most)\b[^,;]{0,40}?\bsince\b[^,;]*", re.I
)

_HARD_PAST = re.compile(
    r"\b(?:in|since|during|by|until|before|of|from|between|ended in)\s+(?:the\s+)?(?:early\s+|late\s+|mid-?)?"
    r"(?:1[89]\d\d|20\d\d)s?\b|\b(?:1[89]|20)\d0s\b|\b(?:1[89]\d\d|20\d\d)\s*[-–]\s*(?:\d\d|\d{4})\b|"
    r"\blast year'?s?\b|\b(?:years|decades|a decade|a year|months)\s+ago\b|\bso far this year\b|"
    r"\bthis year alone\b|\bsince the (?:start|beginning|outbreak)\b|\bsince (?:the )?(?:war|conflict|fighting|"
    r"invasion|uprising|crisis|insurgency|coup)\b|\bsince (?:an? |the )?(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b"
    r"|\bover the (?:past|last)\s+"
    r"(?:\w+\s+)?(?:years|decades|months)\b|\bin (?:the )?(?:past|previous|last) (?:\w+ )?(?:years|decades)\b",
    re.I,
)

_SOFT_PAST = re.compile(
    r"\b(?:(?<!has been )(?<!have been )(?<!is )(?<!are )(?:accused|suspected|convicted) of (?:\w+ ){0,4}?"
    r"(?:killing|murdering|(?:the|a) (?:killing|death|murder))"
    r"|(?:revenged?|avenged?|avenging|in (?:the )?wake of|over|against|following|in protest (?:of|at)"
    r"|(?:reaction|response|retaliation|reprisal|revenge)"
    r" (?:to|for)) (?:the|a) (?:killing|death|murder)"
    r"|(?:in|during|throughout) (?:early |late |mid-)?(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December)(?:['’]?s)?\b(?!\s*\d)|civil war|world war|genocide"
    r"|(?:served|serving|spent|spending)\s+(?:\w+\s+){0,3}?(?:years?|months?|decades?)\s+"
    r"(?:in prison\s+|behind bars\s+)?for"
    r"|previous (?:attacks?|clashes|incidents?)"
    r"|earlier (?:attacks?|clashes)|"
    r"similar (?:attacks?|ambush|incident|bombing|raid|explosion)|earlier this (?:month|year)|last (?:week|month)|"
    r"(?:a|one|two|three|four|few|several|\d+) (?:days?|weeks?|months?) (?:after|before|earlier)|in a previous)\b|"
    r"\b(?:has|have|had)\s+(?:now\s+|already\s+|so far\s+)?(?:seen|recorded|registered|counted)\s+"
    r"(?:\w+\s+){0,4}?(?:killed|dead|deaths|homicides|killings|murders|shot)\b|"
    r"\b(?:war|conflict|insurgency|uprising|violence|fighting)\s+(?:\w+\s+){0,3}?"
    r"(?:has|have|had)\s+(?:so far\s+|now\s+|since\s+)?(?:killed|left|claimed|displaced|cost)\b",
    re.I,
)

_PROTEST_CAUSE = re.compile(
    r"\b(?:protest(?:ed|ing|s)?|demonstrat(?:ed|ing|ions?)|marched|rallied|took to the streets|went on strike"
    r"|(?:staged?|held|organi[sz]ed) (?:an? )?(?:\w+ )?(?:protest|demonstration|march|rally|sit-in|strike)"
    r"|demanded|denounced|condemned|to discuss)\b[^.;:]{0,100}?\b(?:after|against|over|following|because of"
    r"|to (?:denounce|condemn|protest|demand|discuss))\b[^,.;:]{0,120}$"
    r"|\b(?:met|meet|meeting|gathered) (?:\w+ ){0,6}?to discuss\b[^,.;:]{0,80}$",
    re.I,
)

_CARRIED_DEAD = re.compile(
    r"\b(?:with|carrying|carried|carry|bearing|bore|paraded|parading|brought|bringing|displaying|displayed)\s+(?:the"
    r"\s+|their\s+)?(?:dead\s+)?(?:bod(?:y|ies)|corpses?|remains)\s+of\b[^.;:,]{0,80}$",
    re.I,
)

_CLAUSE = re.compile(r"[;:()\[\]]|,\s|\s[-–—]\s|[–—]")

# "in reprisal for", "as revenge for", "to avenge": what follows is the earlier event the count's event answers
_ANSWERS = re.compile(
    r"\b(?:in|as)\s+(?:an?\s+)?(?:apparent\s+|suspected\s+)?(?:reprisal|retaliation|revenge|response|reaction)"
    r"\s+(?:to|for)\b|\bto avenge\b|\bavenging\b",
    re.I,
)

_RELATIVE = re.compile(r"\s*(?:(?:in|during|of|at|by)\s+)?(?:which|whom|who|that|where|when)\b", re.I)


def _temporal(s: str, pos: int) -> str:
    """Whether the clause holding `pos` (or the one a relative clause hangs from) is about the past."""
    bounds = _bounds(s)
    idx = min(bisect_right(bounds, pos) - 1, len(bounds) - 2)
    while idx >= 0:
        clause = s[bounds[idx] : bounds[idx + 1]]
        if bounds[idx] <= pos:  # the trigger's own clause: up to the earlier event it answers, if one follows
            answers = _ANSWERS.search(clause, pos - bounds[idx])
            clause = clause[: answers.start()] if answers else clause
        tense, relative = _clause_tense(clause)
        if tense is not None:
            return "historical" if tense == "current" and _several_after(s, bounds, idx) else tense
        if not relative and not (idx == 1 and len(s[: bounds[1]].split()) <= 6):
            return "historical" if _several_after(s, bounds, idx) else "current"
        if relative and idx > 0 and _WHEN.match(clause) and _YEAR_END.search(s, bounds[idx - 1], bounds[idx]):
            return "historical"  # "the deadliest April since 2011, when 26 people were shot dead": that year's
        idx -= 1  # a relative clause, or a short fronted adverbial ("In 2015, ...")
    return "current"


_WHEN = re.compile(r"\s*when\b", re.I)
_YEAR_END = re.compile(r"\b(?:since|in|of|until)\s+(?:(?:January|February|March|April|May|June|July|August|September"
                       r"|October|November|December)\s+)?(?:1[89]\d\d|20\d\d)\s*,\s*$", re.I)  # fmt: skip

_ADJUNCT = re.compile(r"\s*(?:in|during|from)\b", re.I)


def _several_after(s: str, bounds: list[int], idx: int) -> bool:
    """A later clause of the sentence, opening with "in", that sets the count in several events: "Three men were
    hurt at dawn, two of them badly, in what detectives describe as unrelated attacks"."""
    for k in range(idx + 1, len(bounds) - 1):
        clause = s[bounds[k] : bounds[k + 1]]
        if _ADJUNCT.match(clause) and _SEVERAL_EVENTS.search(clause):
            return True
    return False


def carried_dead(s: str, end: int) -> bool:
    """The count ending at `end` is of dead carried or brought along ("with the body of a man killed in ..."): an
    earlier death."""
    return _CARRIED_DEAD.search(s, max(0, end - 160), end) is not None


@lru_cache(maxsize=16)
def _bounds(s: str) -> list[int]:
    """Clause starts of a sentence (found once per sentence, not once per count)."""
    return [0] + [m.end() for m in _CLAUSE.finditer(s)] + [len(s) + 1]


@lru_cache(maxsize=1024)
def _clause_tense(text: str) -> tuple[str | None, bool]:
    """The tense a clause's own words give ("current", "historical" or None), and whether it is relative."""
    clause = _SINCE_COMPARE.sub(" ", text)
    if _SEVERAL_EVENTS.search(clause):
        return "historical", False
    if (m := _PAST_CONVICTION.search(clause)) and not _COURT.search(clause[: m.start()] + clause[m.end() :]):
        return "historical", False  # not "a man convicted of killing his wife was sentenced on Friday"
    if _CURRENT.search(clause):
        return "current", False
    if _HARD_PAST.search(clause) or _SOFT_PAST.search(clause):
        return "historical", False
    return None, _RELATIVE.match(clause) is not None


_MONTH = (r"(?P<{0}>January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")  # fmt: skip

_DAY_MONTH = (
    rf"(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH.format('m')}"
    rf"|{_MONTH.format('m2')}\s+(?P<d2>\d{{1,2}})\b)"
)

_DATELINE = re.compile(rf"\W*(?:(?:On|Around|By|Between|From)\s+)?{_DAY_MONTH}", re.I)

_ON_DAY = re.compile(rf"\bon\s+{_DAY_MONTH}", re.I)

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _day_of(m: re.Match[str]) -> dt.date | None:
    month, day = (m.group("m"), m.group("d")) if m.group("m") else (m.group("m2"), m.group("d2"))
    try:
        return dt.date(2000, _MONTHS.index(month[:3].lower()) + 1, int(day))  # a leap year: any day is valid
    except ValueError:
        return None


def dateline_day(text: str) -> dt.date | None:
    """The day (in a year 2000 stand-in) a text opens with: "On 28 May 2021, ...", "June 3 -"; else None."""
    m = _DATELINE.match(text)
    return _day_of(m) if m else None


def earlier_event(s: str, pos: int, dateline: dt.date | None) -> bool:
    """Whether the claim at `pos` is an earlier event that the sentence's own (current) event answers: the death a
    protest is about, or a day before the text's dateline. The sentence itself still reports a current event."""
    if _PROTEST_CAUSE.search(s, max(0, pos - 240), pos):
        return True  # "demonstrated after a child died": the death the protest answers
    return dateline is not None and before_dateline(s, pos, dateline)


def before_dateline(s: str, pos: int, dateline: dt.date) -> bool:
    """Whether the clause holding `pos` names a day at least two days before the text's dateline."""
    bounds = _bounds(s)
    idx = min(bisect_right(bounds, pos) - 1, len(bounds) - 2)
    for m in _ON_DAY.finditer(s, bounds[idx], bounds[idx + 1]):
        day = _day_of(m)
        if day is not None and (dateline - day).days >= 2:
            return True
    return False
