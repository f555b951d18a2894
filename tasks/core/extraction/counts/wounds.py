"""The one who has the wounds, when a wound or injury noun is named after the victim came to care or was found.

Shooting victims often reach care on their own, and news tells it by where they went, then what they had: "a man
arrived at a hospital with a gunshot wound", "a woman showed up at an emergency room with gunshot injuries", "he
walked into the clinic with a gunshot wound to the leg", "the victim drove himself to the hospital with a
non-life-threatening wound", "the teen admitted himself to Mercy Hospital with wounds to his arm"; or by where they
were found: "officers found a driver in a pickup with a gunshot wound". `_carrier` reads back from the "with"
before such a noun, over that arrival (or a place or vehicle), to the single victim (`_single_np`: "a man", "the
victim", "he"). "Non-life-threatening" and "life-threatening" say how bad an injury is: a condition, never a threat
(`clauses._INTENT` skips them). "A shooting sent two men to the hospital" counts the people sent (`sent_to_care`).
"""

from __future__ import annotations

import re

from tasks.core.extraction.counts.hits import _Ctx, _Hit, _hit
from tasks.core.extraction.counts.joined import single_starting
from tasks.core.extraction.counts.triggers import _Trig
from tasks.core.extraction.counts.victims import _person_head, _single_np
from tasks.core.extraction.counts.words import _lex, _tokens

# "with a gunshot wound", "with multiple gunshot wounds", "with what appeared to be a gunshot wound"
_WITH = re.compile(
    r"\bwith\s+(?:(?:an?|one|two|three|multiple|several|single|apparent|possible|minor|serious|severe|critical|at least"
    r"|what (?:appeared|appears) to be|appeared to be|(?:his|her|their)(?: own)?)\s+)*$",
    re.I,
)

# How the victim came to care, or where they were: the words that may stand between the victim and "with".
_ARRIVALS = _lex(
    "arrived arrives arriving showed shows turned turns walked walks walking drove drives driven went goes came "
    "comes checked admitted dropped brought taken transported rushed carried driving lying sitting slumped"
)
_PLACES = _lex(
    "at to into in inside up there off a an the his her their own local nearby area hospital hospitals clinic "
    "emergency room er center centre medical trauma station fire police himself herself later then car vehicle van "
    "truck suv pickup sedan home apartment house yard street parking lot by someone friend friends relative "
    "relatives family member members private hour hours minute minutes short time shortly soon after afterward "
    "afterwards urgent care outside near"
)
_REACH = 14  # tokens read back from "with"


def carrier(c: _Ctx, t: _Trig) -> list[_Hit]:
    """The single victim who came to care (or was found) with the wounds: "a man arrived at a hospital with a
    gunshot wound" -> 1, "he showed up at a clinic with gunshot injuries" -> 1."""
    m = _WITH.search(c.s, max(0, t.start - 60), t.start)
    if m is None:
        return []
    toks = _tokens(c.s, m.start() - 120, m.start())
    arrived = False
    for k in range(len(toks) - 1, max(-1, len(toks) - 1 - _REACH), -1):
        w = toks[k].group()
        low = w.lower()
        if _person_head(toks, k) and (span := _single_np(toks, k)) is not None:
            if not arrived and not _vehicle_after(toks, k):
                return []  # "a man with a gunshot wound": `singles._wound_holder`
            if re.search(r"\b(?:not|never|no)\b|n[’']t\b", c.s[span[1] : t.start], re.I):
                return []
            return [_Hit(t, 1, 1, False, None, span[0], span[1], c.s[span[0] : span[1]])]
        if low in _ARRIVALS:
            arrived = True
        elif not (low in _PLACES or (w[0].isupper() and w.isalpha())):
            return []  # a clause break, or words that are no arrival ("a man fired at a car with a rifle")
    return []


def _vehicle_after(toks: list[re.Match[str]], k: int) -> bool:
    """ "found a driver in a pickup with a gunshot wound": the victim, then where they were."""
    rest = [m.group().lower() for m in toks[k + 1 :]]
    return len(rest) >= 2 and rest[0] in ("in", "inside") and rest[-1] in _PLACES


def sent_to_care(c: _Ctx, t: _Trig) -> list[_Hit]:
    """The people a shooting "sent to the hospital": "a shooting sent two men to the hospital" -> 2, "sent a teen
    to a local hospital" -> 1 (the figure or the single victim inside the trigger)."""
    pos = t.start + len(t.text.split()[0]) + 1
    q = next((q for q in c.qs if q.start == pos and q.start not in c.used), None)
    if q is not None:
        return [_hit(c, t, q)]
    span = single_starting(c, pos)
    return [] if span is None else [_Hit(t, 1, 1, False, None, span[0], span[1], c.s[span[0] : span[1]])]
