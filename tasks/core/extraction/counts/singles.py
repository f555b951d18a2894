"""An implied single victim: "a man was shot dead", "the general died", "he succumbed to his wounds",
"a 19-year-old man and a 22-year-old woman were shot" (2), "Ann Lee and her cousin, Bo Kim, were found dead" (2: a
name in apposition is the same person), "the driver was not hurt" (0), "the suspect, who was later pronounced dead",
"the teen was taken to hospital with non-life-threatening injuries" (the sentence's opening subject), "a man shot to
death in his home" (a killing participle right after the victim); none when hedged ("unclear whether he was shot",
"the clerk thought she had been shot").
"a cook with several bullet wounds" (1: the one who has the wounds). The subject of a passive coordinated before
"died" is the one who died ("a trader was attacked near the market and died").
An age or a residence between a name and its verb is skipped ("Ann Lee, 29, of North Tacoma, was shot"), and so are
a short phrase of where the victim was and an aside
set off by dashes ("a driver inside the van was shot", "a girl — a bystander — was shot"). Weekdays, months, streets and
"Police" are never names."""

from __future__ import annotations

import re
from dataclasses import replace

from tasks.core.extraction.counts.hits import _Ctx, _Hit
from tasks.core.extraction.counts.joined import quantities_before
from tasks.core.extraction.counts.objects import _death_object
from tasks.core.extraction.counts.triggers import _NAMED, _Trig
from tasks.core.extraction.counts.victims import (
    _AGE_APPOSITION,
    _NOT_NAMES,
    _PEOPLE,
    _person_head,
    _single_np,
)
from tasks.core.extraction.counts.words import _WORD, _filler, _lex, _tokens

_LEFT = re.compile(r"\b(?:left|leaving|leaves)\s+$", re.I)

_OPENING = re.compile(
    r"\W{0,3}(?:(?:the|a|an|one)\s+(?:[\w-]+\s+){0,3}?[\w-]+|he|she)(?=\s+(?:was|is|had|has|arrived|walked|showed|went|remains|remained|suffered|sustained)\b)",
    re.I,
)

_NOT_LISTED = _PEOPLE | _NOT_NAMES  # a capitalised word that is no victim's name
_NOT_LISTED |= _lex(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december however police street avenue road boulevard county"
)

_FRONTED = re.compile(
    r"(?:[A-Z][A-Za-z .,'-]{1,40}?(?:\s*[—–]|\s-)\s*)?"  # a dateline: "TULSA, Okla. — "
    r"\W{0,3}(?:the|a|an|one)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+(?=\s*,|\s+(?:who|accused|suspected|from|of|in|at|injured"
    r"|wounded|hurt|shot|stabbed|struck|believed|identified|found|known|aged|named|said|described|allegedly)\b)",
    re.I,
)

# Where a named victim lives, between the name and the verb: "Ann Lee, 29, of North Tacoma, was shot", "Bo Kim, of
# the 400 block of West 12th Street, was wounded"; only after a name ("the man, a resident of Lodi, was shot" keeps
# its apposition).
_RESIDENCE = re.compile(
    r"\b[A-Z][\w'’-]*(?P<res>\s*(?:,\s*|\s+)of (?:the )?(?:\d+ block of )?[A-Z][\w.'’ -]{1,50}?"
    r"(?:,\s*[A-Z][\w.]{1,12})?,?)(?=\s*(?:(?:was|were|is|had|has|been|later|also|reportedly)\s+)*$)"
)

# a parenthesis set off by dashes between the victim and the verb: "a girl — believed to be a bystander — was shot"
_DASHED = re.compile(r"\s[—–]\s[^—–.;]{1,90}?\s[—–](?=\s+(?:\w+\s+){0,2}$)")
_WHERE = frozenset({"in", "inside", "at", "on", "near", "outside"})

_FRONT_BREAK = re.compile(r"[;:]|\b(?:and|or|but|while|whereas|although|though|says?|said|told)\b", re.I)

# The one who has the wounds: "met a boy with several bullet wounds", "a woman suffering from two
# gunshot wounds", "a teen who had two gunshot wounds".
_WOUND_HOLDER = re.compile(
    r"\b(?:an?|the|one)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+\s+"
    r"(?:who (?:had|has|suffered|sustained)|with|suffering(?: from)?|bearing)\s+"
    r"(?:(?:at least|multiple|several|many|apparent|possible|what appeared to be|appeared to be|a|an|one|two"
    r"|three|four|five|\d+)\s+)*$",
    re.I,
)

_CLAUSE_BREAK = re.compile(r"[;:]|\b(?:but|while|whereas|although|though|after|before|when)\b", re.I)

_HEDGE = re.compile(
    r"\b(?:if|whether|possible|possibly|unclear|unknown|not believe|not know|no sign|no indication|no evidence"
    r"|not appear|not seem"
    r"|thought|think|thinks|may have|might have|could have|not confirmed|not clear)\b[^,;.]*$",
    re.I,
)


def _single_subject(c: _Ctx, t: _Trig, allowed: bool) -> list[_Hit]:
    """An implied single victim before the trigger: "a man was shot dead", "Nazarov died",
    "left a British tourist seriously injured"."""
    start = max(0, t.start - 80)
    if (dashed := _DASHED.search(c.s, max(0, t.start - 160), t.start)) is not None:  # "a girl — a bystander — was"
        start = min(start, max(0, dashed.start() - 40))
    window = _DASHED.sub(lambda m: " " * len(m.group()), c.s[start : t.start])
    window = _AGE_APPOSITION.sub(lambda m: " " * len(m.group()), window)
    window = _RESIDENCE.sub(lambda m: m.group()[: m.start("res") - m.start()] + " " * len(m.group("res")), window)
    toks = list(_WORD.finditer(window))
    k = len(toks) - 1
    negated = plural = relative = False  # "the driver was not hurt": a zero, never a victim
    while k >= 0 and _filler(toks[k].group().lower()):
        if toks[k].group().lower() == "who" and k >= 2 and toks[k - 1].group() == ",":
            k, relative = k - 2, True  # "the suspect, who was later pronounced dead"
            break
        if toks[k].group().lower() in ("were", "are", "have"):
            plural = True  # only for victims listed one by one ("a man and a woman were shot")
        negated = negated or toks[k].group().lower() in ("not", "never")
        k -= 1
    lead = toks[k + 1] if k + 1 < len(toks) and toks[k + 1].group().lower() == "both" else None
    if lead is not None and allowed and (k < 0 or not _person_head(toks, k)):
        value = 0 if negated else 2  # "Both were shot", "police said both were hurt", "the men both died"
        return [_Hit(t, value, value, False, None, start + lead.start(), start + lead.end(), "both")]
    if k < 0:
        return []
    if t.kind == "killed" and toks[k].group().lower() == "and" and (j := _coordinated_passive(toks, k)) is not None:
        k, allowed = j, True  # "a trader was attacked near the market and died": the passive's subject died
    k = _past_place(toks, k)
    head = toks[k].group()
    if t.text.lower() == "to death":  # "beat him to death", "stoned a thief to death": the verb's object
        return _death_object(c, t, toks, k, start)
    allowed = allowed or (relative and _person_head(toks, k))
    participle = t.text.lower() != "died" and re.search(r"(?:ed|\bdead|death|down|slain|shot)$", t.text, re.I)
    if t.kind == "killed" and participle and k == len(toks) - 1 and _person_head(toks, k):
        allowed = True  # "coroners named a farmer shot to death", "a sailor found dead": a participle, no object
    if head.lower() == "another":  # "one died and another was hurt": victims come from the previous claim
        return [_Hit(t, 1, 1, False, None, start + toks[k].start(), start + toks[k].end(), None)]
    if allowed and (both := _both(toks, k)) is not None:  # "both were taken to hospital": two
        value = 0 if negated else 2
        return [_Hit(t, value, value, False, None, start + both.start(), start + both.end(), "both")]
    if _person_head(toks, k):
        span = _single_np(toks, k)
        if span is not None and not allowed and not _LEFT.search(c.s, max(0, start + span[0] - 12), start + span[0]):
            return []
    elif not allowed:
        return []
    elif head[0].isupper() and head.isalpha() and head.lower() not in _NOT_LISTED and t.kind in _NAMED:
        first = k
        while first > 0 and (toks[first - 1].group()[0].isupper() or toks[first - 1].group() == "."):
            first -= 1
        first += toks[first].group() == "."
        span = toks[first].start(), toks[k].end()
    else:
        return []
    headline = start == 0 and k == len(toks) - 1 and k < 3 and toks[0].group()[0].isupper()
    if span is None and headline and all(m.group()[0].isalpha() for m in toks):
        span = toks[0].start(), toks[k].end()  # "Farmer killed in ...": a headline's bare subject
    if span is None:
        return []
    n, first = 1, next(j for j, m in enumerate(toks) if m.start() == span[0])
    while (
        toks[k].group().lower() not in ("he", "she") and first >= 2 and toks[first - 1].group().lower() in ("and", ",")
    ):
        more = _listed_victim(
            toks, first - 2, t, toks[first - 1].group().lower() == "and"
        )  # "a 19-year-old man and a 22-year-old woman were shot" -> 2
        if more is None:
            break
        same = toks[first - 1].group() == "," and toks[first].group()[0].isupper()  # "the victim, Ann Lee,": one
        n, first, span = n + (not same), next(j for j, m in enumerate(toks) if m.start() == more[0]), (more[0], span[1])
    a, b = start + span[0], start + span[1]
    listed = quantities_before(c, t, a) if toks[k].group().lower() not in ("he", "she") else []
    if plural and n < 2 and not listed:  # "two soldiers and a civilian were killed": joined to figures
        return []
    if _HEDGE.search(c.s, max(0, a - 50), t.start):
        return []  # "police did not believe the victim had been shot", "asked if she was injured", "he thought he"
    hits = listed + [_Hit(t, n, n, False, None, a, b, c.s[a:b])]
    return [replace(h, low=0, high=0) for h in hits] if negated else hits


_PASSIVE_STOP = _lex("who which that when while after before because but or he she they it said")


def _coordinated_passive(toks: list[re.Match[str]], k: int) -> int | None:
    """The subject of a passive verb phrase coordinated before the trigger: "a trader was attacked near the market
    and died" (the token before "was"), when a person is named there and no clause intervenes."""
    for j in range(k - 1, max(-1, k - 16), -1):
        w = toks[j].group().lower()
        if w in ("was", "were"):
            verb = toks[j + 1].group().lower() if j + 1 < k else ""
            if j >= 1 and verb.endswith(("ed", "en", "shot", "hit", "beat", "struck")) and _person_head(toks, j - 1):
                return j - 1
            return None
        if w in _PASSIVE_STOP or w in (";", ":"):
            return None
    return None


def _past_place(toks: list[re.Match[str]], k: int) -> int:
    """The person before a short phrase of where they were, k being its last word: "a driver inside the van was
    shot", "a woman at the party was shot"; else k."""
    if _person_head(toks, k):
        return k
    for j in range(k - 1, max(0, k - 4), -1):
        w = toks[j].group().lower()
        if not w[0].isalpha():
            return k
        if w in _WHERE:
            ok = j >= 1 and _person_head(toks, j - 1) and toks[j - 1].group().lower() not in ("he", "she")
            return j - 1 if ok else k
    return k


def _listed_victim(toks: list[re.Match[str]], j: int, t: _Trig, joined: bool) -> tuple[int, int] | None:
    """The span of an earlier victim listed before another, ending at token j: "a man" (, ...), "Ann Lee" (and ...)."""
    w = toks[j].group()
    if _person_head(toks, j):
        return None if w.lower() in ("he", "she") else _single_np(toks, j)
    if not joined or t.kind not in _NAMED or not (w[0].isupper() and w.isalpha()) or w.lower() in _NOT_LISTED:
        return None
    i = j
    while i > 0 and j - i < 2 and toks[i - 1].group()[0].isupper() and toks[i - 1].group().isalpha():
        i -= 1
    return toks[i].start(), toks[j].end()


def _fronted_subject(c: _Ctx, t: _Trig) -> list[_Hit]:
    """The single victim a sentence opens with, held apart from a passive or intransitive death by what describes
    it: "A man accused of theft was beaten to death", "A woman hurt in the raid later died", "An army officer,
    Ali Musa, was killed", "A retired plumber who coached football died" (any noun "who" follows names a person);
    not across a clause break or a second subject ("A man and his son ...")."""
    m = _FRONTED.match(c.s)
    if m is None or m.end() >= t.start or t.start - m.end() > 120 or _FRONT_BREAK.search(c.s, m.end(), t.start):
        return []
    toks = _tokens(c.s, 0, m.end())
    who = re.match(r"\s+who\b", c.s[m.end() :]) is not None  # "a retired plumber who ...": "who" names a person
    who = who and bool(toks) and not toks[-1].group().lower().endswith("s")  # not "the victims who were shot"
    if not toks or not (who or _person_head(toks, len(toks) - 1)) or toks[-1].group().lower() in ("he", "she"):
        return []
    if re.search(r"\b(?:not|never|no)\b|n[’']t\b", c.s[max(m.end(), t.start - 20) : t.start], re.I):
        return []
    return [_Hit(t, 1, 1, False, None, toks[0].start(), m.end(), c.s[toks[0].start() : m.end()])]


def _opening_subject(c: _Ctx, t: _Trig) -> list[_Hit]:
    """The single victim a sentence opens with, for an injury named later in its first clause: "The teen was
    taken to a trauma centre with non-life-threatening injuries", "A woman arrived at a hospital with a gunshot
    wound"."""
    m = _OPENING.match(c.s)
    if m is None or m.end() > t.start or _CLAUSE_BREAK.search(c.s, m.end(), t.start):
        return []
    toks = _tokens(c.s, 0, m.end())
    if not toks or not _person_head(toks, len(toks) - 1) or _single_np(toks, len(toks) - 1) is None:
        return []
    negated = re.search(r"\b(?:not|never|no)\b", c.s[m.end() : t.start], re.I) is not None
    value = 0 if negated else 1
    return [_Hit(t, value, value, False, None, toks[0].start(), m.end(), c.s[toks[0].start() : m.end()])]


def _wound_holder(c: _Ctx, t: _Trig) -> list[_Hit]:
    """The single victim a wound noun belongs to: "medics met a boy with several bullet wounds" -> 1 (the
    figure counts wounds, never victims)."""
    start = max(0, t.start - 90)
    m = _WOUND_HOLDER.search(c.s, start, t.start)
    if m is None:
        return []
    toks = _tokens(c.s, m.start(), m.end())
    k = next((j for j, w in enumerate(toks) if w.group().lower() in ("who", "with", "suffering", "bearing")), 0) - 1
    if k < 1 or not _person_head(toks, k) or _single_np(toks, k) is None:
        return []
    a, b = toks[0].start(), toks[k].end()
    return [_Hit(t, 1, 1, False, None, a, b, c.s[a:b])]


def _both(toks: list[re.Match[str]], k: int) -> re.Match[str] | None:
    """The word "both" that counts a subject as two: "Both were shot", "both victims died", "they were both taken
    to hospital"; k is the subject's last word, before the trigger's auxiliaries."""
    w = toks[k].group().lower()
    if w == "both":
        return toks[k]
    if k >= 1 and toks[k - 1].group().lower() == "both" and w in _PEOPLE:
        return toks[k - 1]
    if w == "they":
        return next((m for m in toks[k + 1 :] if m.group().lower() == "both"), None)
    return None
