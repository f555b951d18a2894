"""A figure matched to a trigger (`_Hit`), the sentence being read (`_Ctx`), and figures joined by "and" or ","
after a claim (`_chain`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tasks.core.extraction.counts.triggers import _Trig
from tasks.core.extraction.counts.victims import (
    _NP,
    _PEOPLE,
    _noun_phrase,
)
from tasks.core.extraction.counts.words import _filler, _words
from tasks.core.extraction.numbers import Quantity

_JOINT = re.compile(r"\s*(?:,|and|,\s*and)\s*")

_INHERIT_BEFORE = re.compile(r"\b(?:another|a further|an additional)\s*$", re.I)


@dataclass(frozen=True, slots=True)
class _Hit:
    """A figure matched to a trigger; offsets relative to the sentence."""

    trig: _Trig
    low: int | None
    high: int | None
    vague: bool
    qualifier: str | None
    num_start: int
    num_end: int
    victim: str | None
    inherit: bool = False


@dataclass(slots=True)
class _Ctx:
    """One sentence being read: its text, triggers, people figures, and figures already used."""

    s: str
    ts: set[int]
    qs: list[Quantity] = field(default_factory=list)
    used: set[int] = field(default_factory=set)
    nps: dict[int, _NP] = field(default_factory=dict)

    def np(self, pos: int) -> _NP:
        if pos not in self.nps:
            self.nps[pos] = _noun_phrase(self.s, pos, self.ts)
        return self.nps[pos]


def _hit(c: _Ctx, t: _Trig, q: Quantity) -> _Hit:
    np = c.np(q.end)
    victim = np.text
    if q.low == 0 and q.high == 0 and victim and victim.split()[-1].lower() not in _PEOPLE:
        victim = None
    low = q.high if c.s[q.start : q.start + 5].lower() == "from " else q.low  # "rose from 30 to 40"
    inherit = np.back or bool(_INHERIT_BEFORE.search(c.s, max(0, q.start - 16), q.start))
    return _Hit(t, low, q.high, q.vague, q.qualifier, q.start, q.end, victim, inherit)


def _chain(c: _Ctx, t: _Trig, hits: list[_Hit], after: list[Quantity]) -> list[_Hit]:
    """Add figures joined by "and" / "," after the last hit: "killed 3 soldiers and 2 civilians"."""
    for q in after:
        if q.start in c.used or not _JOINT.fullmatch(c.s, c.np(hits[-1].num_end).end, q.start):
            break
        end = c.np(q.end).end
        nxt = min((x for x in c.ts if x >= end), default=-1)
        if nxt >= 0 and all(map(_filler, _words(c.s[end:nxt]))) and _words(c.s[end:nxt]):
            break  # "arrested 457 people and 441 officers were injured": a new clause
        hits.append(_hit(c, t, q))
    return hits
