"""How a trigger finds its figure in one sentence, in order:

1. active object: "killing 12 soldiers", "arrested 40 people", "shot dead a policeman" (-> 1);
   not when the trigger is passive ("were killed").
2. subject / modifier: "30 militants were killed", "left at least 40 dead", "12 deaths",
   "hundreds of civilian casualties"; subjects joined by "and" ("3 soldiers and 2 civilians were
   killed") and parts in a parenthesis (", including 5 children,") give one Count each.
3. link: "the death toll rose to 40", "Fatalities: 3".
4. implied single victim: "a man was shot dead", "the general died", "he succumbed to his wounds"
   -> 1; `number_start/number_end` then span the noun phrase ("a man"), as for zeros ("no one").
"another 25 injured", "25 others", "12 of them" and a bare figure right after another claim
("2 civilians killed, 5 wounded") take the previous Count's victims in the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from tasks.core.extraction.counts.numbers import _NON_PERSON, _people_ok
from tasks.core.extraction.counts.triggers import _NAMED, _passive, _Trig
from tasks.core.extraction.counts.victims import (
    _AGE_APPOSITION,
    _DETERMINERS,
    _NOT_NAMES,
    _NP,
    _NP_STOP,
    _PEOPLE,
    _PREPS,
    _noun_phrase,
    _np_word,
    _person_head,
    _single_np,
)
from tasks.core.extraction.counts.words import _BLOCK, _WORD, _filler, _lex, _tokens, _words
from tasks.core.extraction.numbers import Quantity, find_quantities

_LINK_END = _lex(
    "to at of reached reaches hit hits numbered totalled totaled is was were are stood stands exceeded exceeds passed "
    "tops topped surpassed surpasses nears neared :"
)

_PAREN = re.compile(
    r",\s*(?:aged|ages|including|among them|among whom|mostly|mainly|most of them|many of them|all of them|"
    r"both|one of them|some of them|of whom)\b[^,;]*,",
    re.I,
)

_AGED = re.compile(r"\baged\s+\d+(?:\s*(?:,|and|to|-)\s*\d+)*", re.I)

_AMONG = re.compile(r"\bamong (?:the|those)\b", re.I)

_TRAIL_PART = re.compile(
    r"(?:\s+(?:on|in|at)\s+\w+(?:\s+\w+)?)?\s*,?\s*(?P<incl>(?:including|among them|among whom|of whom)\s+)?", re.I
)

_LEFT = re.compile(r"\b(?:left|leaving|leaves)\s+$", re.I)

_JOINT = re.compile(r"\s*(?:,|and|,\s*and)\s*")

_MORE_VERBS = re.compile(
    r"(?:\s+(?:and|or)\s+(?:then\s+)?(?:\w+ly\s+)?[a-z]+(?:ed|t)(?:\s+up)?\b)?(?:\s+(?:by|with)\s+(?:a\s+)?"
    r"(?:machetes?|knives|knife|guns?|gunfire|stones|sticks|batons|clubs|axes?|bullets?|stabbing|burning))?"
)
_OBJ_GAP = re.compile(r"\s*(?:(?:a total of|all|another|the|an additional|a further|of|of the)\s+)?['‘\"“]?", re.I)

_INHERIT_BEFORE = re.compile(r"\b(?:another|a further|an additional)\s*$", re.I)

_OPENING = re.compile(
    r"\W{0,3}(?:(?:the|a|an|one)\s+(?:[\w-]+\s+){0,3}?[\w-]+|he|she)(?=\s+(?:was|is|had|has|arrived|walked|showed|went|remains|remained|suffered|sustained)\b)",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[;:]|\b(?:but|while|whereas|although|though|after|before|when)\b", re.I)
_INLINE_PART = re.compile(
    r"\s(?:including|among them|of whom|mostly|mainly)\s[^,;()]{1,80}?(?=\s+(?:were|was|have|had|are|is|reportedly"
    r"|died|killed)\b)|\s*\([^()]{1,60}\)",
    re.I,
)
# A person's name as an object: two or three capitalised words, then a comma, a full stop or a preposition.
_NAME_OBJECT = re.compile(
    r"(?:\d{1,3}-year-old\s+)?"
    r"(?:(?!(?:The|A|An|This|That|Police|Officers|Sheriff|County|City|Street|Road|Avenue)\b)[A-Z][a-z'’-]+\s){1,2}"
    r"(?:[A-Z]\.\s)?(?!(?:County|City|Street|Road|Avenue|Park|Police|Department)\b)[A-Z][A-Za-z'’-]+"
    r"(?:\s(?:Jr|Sr|II|III)\.?)?"
    r"(?=\s*(?:,|\.|;|$|\s(?:in|at|on|near|outside|inside|during|after|before|and|while|as|who|with)\b))"
)
_NOT_OBJECTS = _lex(
    "dog cat horse goat cow ox sheep pig bird animal deer bear car vehicle truck house home tree window door shop "
    "store plan deal bill motion proposal chance lot few number day week year bull warrant search order raid "
    "operation program programme project text message email letter page form document file"
)
_HAS_OBJECT = re.compile(
    r"\s+(?:(?:about|some|at least|more than|over|nearly|around)\s+)?(?:\d[\d,]*|two|three|four|five|six|seven|eight"
    r"|nine|ten|dozens|hundreds|several|many|a|an|the|his|her|their|its)\s+(?!(?:people|persons|others|of)\b)\w",
    re.I,
)
_INTENT = re.compile(
    r"\b(?:attempted|attempting|attempt to|threatened|threatening|threatens|tried|trying|plotted|plotting|planned"
    r"|planning|going to|vowed|promised)\b[^.;,:]{0,40}$",
    re.I,
)
_NOUN_SHOT = re.compile(r"\b(?:a|one|another|single|warning|first|second|third|lone|fatal)\s+$", re.I)
_NOT_HURT_AFTER = re.compile(
    r"\s+(?:(?:for|to be)\s+(?:an?\s+|further\s+)?(?:medical\s+|mental\s+|psychiatric\s+|health\s+)?"
    r"(?:evaluat\w*|observation|check-?ups?|examination|assessment|tests?|precaution)\b|as a precaution\b"
    r"|because\b|for\s+(?:an?\s+)?(?:medical issue|illness|unrelated|pre-existing|overdose|intoxication|"
    r"mental health))",
    re.I,
)
_WITHOUT = re.compile(r"\b(?:without|escaped|avoided|no reports? of)\s+(?:any\s+|serious\s+|major\s+)*$", re.I)
_HEDGE = re.compile(
    r"\b(?:if|whether|possible|possibly|unclear|unknown|not believe|not know|no sign|no indication|no evidence"
    r"|not appear|not seem"
    r"|thought|think|thinks|may have|might have|could have|not confirmed|not clear)\b[^,;.]*$",
    re.I,
)
_FIRED = re.compile(r"\b(?:fired|fire|fires|firing|heard|let off|squeezed off)\s+$", re.I)
_AND_THEN = re.compile(r"\band\s+(?:(?:later|then|was|were|is|subsequently|eventually|\w+ly)\s+){0,3}$", re.I)
_SHOT_AFTER = re.compile(
    r"\s*(?:[,:;]|$|(?:in|on|at|near|outside|inside|during|after|overnight|early|late|while|(?:mon|tues|wednes|thurs"
    r"|fri|satur|sun)day)\b)",
    re.I,
)
_NUMBER_OF = re.compile(r"\bnumber of (?:\w+ ){0,2}$", re.I)


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


def _gap_ok(s: str, start: int, t: _Trig, zero: bool) -> bool:
    """Whether the words between a subject's noun phrase and its trigger keep them in one clause."""
    gap = _AMONG.sub(" among ", _AGED.sub(" ", _PAREN.sub(" ", _INLINE_PART.sub(" ", s[start : t.start]))))
    if re.search(r"[,;:()\"“”]", gap):
        return False
    words = _words(gap)
    if len(words) > 8 or any(w in _BLOCK for w in words):
        return False
    trailing = 0
    while words and _filler(words[-1]):
        words.pop()
        trailing += 1
    if not words:
        return True
    if zero:
        return len(words) <= 5
    if t.text.lower().endswith("ing") or ("o" in t.flags and not trailing):
        return False
    return words[0] in _PREPS and len(words) <= 5


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


def _object(c: _Ctx, t: _Trig) -> list[_Hit]:
    verbs = _MORE_VERBS.match(c.s, t.end)  # "killed and beheaded a farmer", "killed by machete a man"
    after = t.end if verbs is None or c.s[verbs.end() :].startswith((",", ".")) else verbs.end()
    gap = _OBJ_GAP.match(c.s, after)
    pos = after if gap is None else gap.end()
    for k, q in enumerate(c.qs):
        if q.start == pos and q.start not in c.used:
            return _chain(c, t, [_hit(c, t, q)], c.qs[k + 1 :])
    words = _tokens(c.s, after, after + 60)
    if words and words[0].group().lower() == "another" and t.kind in ("killed", "injured"):
        return [_Hit(t, 1, 1, False, None, words[0].start(), words[0].end(), None)]  # "shot dead another"
    words = words[1:] if words and words[0].group().lower() == "of" else words
    if words and words[0].group().lower() in ("himself", "herself") and t.kind in ("killed", "injured"):
        return [_Hit(t, 1, 1, False, None, words[0].start(), words[0].end(), words[0].group())]  # shot himself
    if words and t.kind in ("killed", "injured") and (name := _NAME_OBJECT.match(c.s, words[0].start())):
        return [_Hit(t, 1, 1, False, None, name.start(), name.end(), name.group())]  # "fatally wounding Ann Lee"
    if not words or words[0].group().lower() not in _DETERMINERS - {"one"}:
        return []
    n, first, end = 0, 0, None
    while first < len(words) and words[first].group().lower() in _DETERMINERS - {"one"}:
        head = next((k for k in range(first + 1, min(len(words), first + 7)) if _person_head(words, k)), None)
        stop = next((k for k in range(first + 1, min(len(words), first + 7)) if not _np_word(words[k].group())
                     or words[k].group().lower() in _NP_STOP), None)  # fmt: skip
        if head is None or (stop is not None and stop < head):
            break
        while head + 1 < len(words) and _person_head(words, head + 1):
            head += 1  # "a 43-year-old man": the noun after the age
        n, end = n + 1, words[head].end()  # "the bodies of a man and a woman" -> 2
        if head + 2 >= len(words) or words[head + 1].group().lower() != "and":
            break
        first = head + 2
    if end is None:
        return _unknown_object(c, t, words)
    start = words[0].start()
    return [_Hit(t, n, n, False, None, start, end, c.s[start:end])]


def _death_object(c: _Ctx, t: _Trig, toks: list[re.Match[str]], k: int, start: int) -> list[_Hit]:
    head = toks[k].group().lower()
    first = k
    if head not in ("him", "her", "them"):
        while first > max(0, k - 4) and toks[first].group().lower() not in ("a", "an", "the"):
            first -= 1
        if toks[first].group().lower() not in ("a", "an", "the") or head in _NON_PERSON or head in _NOT_OBJECTS:
            return []
    elif head == "them":
        return []  # how many is in an earlier sentence
    a, b = start + toks[first].start(), start + toks[k].end()
    return [_Hit(t, 1, 1, False, None, a, b, c.s[a:b])]


def _unknown_object(c: _Ctx, t: _Trig, words: list[re.Match[str]]) -> list[_Hit]:
    """One victim named by a noun we do not list, or a pronoun: "killed a goat thief", "shot him", "shot her in
    the leg". Not when the noun is a thing or an animal ("killed six oxen", "shot a dog")."""
    if t.kind not in ("killed", "injured") or not words or t.text.lower().startswith(("execut", "neutrali")):
        return []  # "executed a search warrant"
    first = words[0].group().lower()
    if first in ("him", "her") and (len(words) == 1 or not words[1].group()[0].isalpha() or words[1].group().lower()
                                    in _NP_STOP | _PREPS):  # fmt: skip
        return [_Hit(t, 1, 1, False, None, words[0].start(), words[0].end(), words[0].group())]
    if first not in ("a", "an", "the", "his", "her", "their"):
        return []
    k, stop = 1, _NP_STOP | _PREPS
    while k < min(len(words), 5) and words[k].group()[0].isalpha() and words[k].group().lower() not in stop:
        if k > 1 and words[k].group().lower().endswith("ing"):
            break  # "an ox belonging to ..."
        k += 1
    head = words[k - 1].group().lower()
    if k == 1 or head in _NON_PERSON or head.rstrip("s") in _NON_PERSON or head in _NOT_OBJECTS:
        return []
    a, b = words[0].start(), words[k - 1].end()
    return [_Hit(t, 1, 1, False, None, a, b, c.s[a:b])]


def _parts(s: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of parts named inside a subject: ", including 5 children,", "including a child", "(a soldier)"."""
    return [m.span() for pattern in (_PAREN, _INLINE_PART) for m in pattern.finditer(s, start, end)]


def _subject(c: _Ctx, t: _Trig) -> list[_Hit]:
    s = c.s
    near = [q for q in c.qs if q.end <= t.start and t.start - q.end < 120]
    before = [q for q in near if not any(q.end <= x < t.start for x in c.ts)]
    for k in range(len(before) - 1, max(-1, len(before) - 4), -1):
        q, nearer = before[k], before[k + 1 :]
        if k > 0 and any(a <= q.start < b for a, b in _parts(s, before[k - 1].end, t.start)):
            continue  # "Nine people including two policemen were killed": the part, not the subject
        parens = _parts(s, q.end, t.start)
        if any(not any(a <= n.start < b for a, b in parens) for n in nearer):
            break
        if q.start in c.used or not _gap_ok(s, c.np(q.end).end, t, q.low == 0 and q.high == 0):
            continue
        hits = [_hit(c, t, q)] + [_hit(c, t, n) for n in nearer if n.start not in c.used]
        for prev in reversed(before[:k]):  # "3 soldiers and 2 civilians were killed"
            if prev.start in c.used or not _JOINT.fullmatch(s, c.np(prev.end).end, hits[0].num_start):
                break
            hits.insert(0, _hit(c, t, prev))
        return hits
    return []


def _linked(c: _Ctx, t: _Trig) -> list[_Hit]:
    """A figure linked to a noun trigger: "the death toll rose to 40", "Fatalities: 3"."""
    for q in c.qs:
        if q.start < t.end or q.start in c.used:
            continue
        words = _words(c.s[t.end : q.start])
        if c.np(q.end).end + 1 in c.ts or q.end + 1 in c.ts:
            return []  # "Casualties stood at 12 dead": the figure has its own trigger
        toll = "toll" in t.text.lower()  # "the death toll from the quake that hit X has risen to 202"
        if (
            len(words) <= (25 if toll else 7)
            and not any(t.end < x < q.start for x in c.ts)
            and not any((w in _BLOCK and not toll) or not (w[0].isalnum() or w in ":.'’") for w in words)
            and (not words or words[-1] in _LINK_END)
        ):
            return [_hit(c, t, q)]
        if not toll or len(words) > 25:
            return []
    return []


def _single_subject(c: _Ctx, t: _Trig, allowed: bool) -> list[_Hit]:
    """An implied single victim before the trigger: "a man was shot dead", "Nazarov died",
    "left a British tourist seriously injured"."""
    start = max(0, t.start - 80)
    toks = list(_WORD.finditer(_AGE_APPOSITION.sub(lambda m: " " * len(m.group()), c.s[start : t.start])))
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
    if k < 0:
        return []
    head = toks[k].group()
    if t.text.lower() == "to death":  # "beat him to death", "stoned a thief to death": the verb's object
        return _death_object(c, t, toks, k, start)
    allowed = allowed or (relative and _person_head(toks, k))
    if head.lower() == "another":  # "one died and another was hurt": victims come from the previous claim
        return [_Hit(t, 1, 1, False, None, start + toks[k].start(), start + toks[k].end(), None)]
    if _person_head(toks, k):
        span = _single_np(toks, k)
        if span is not None and not allowed and not _LEFT.search(c.s, max(0, start + span[0] - 12), start + span[0]):
            return []
    elif not allowed:
        return []
    elif head[0].isupper() and head.isalpha() and head.lower() not in _PEOPLE | _NOT_NAMES and t.kind in _NAMED:
        first = k
        while first > 0 and (toks[first - 1].group()[0].isupper() or toks[first - 1].group() == "."):
            first -= 1
        first += toks[first].group() == "."
        span = toks[first].start(), toks[k].end()
    else:
        return []
    if span is None:
        return []
    n, first = 1, next(j for j, m in enumerate(toks) if m.start() == span[0])
    while (
        toks[k].group().lower() not in ("he", "she")
        and first >= 2
        and toks[first - 1].group().lower() in ("and", ",")
        and _person_head(toks, first - 2)
    ):
        more = _single_np(toks, first - 2)  # "a 19-year-old man and a 22-year-old woman were shot" -> 2
        if more is None or toks[first - 2].group().lower() in ("he", "she"):
            break
        n, first, span = n + 1, next(j for j, m in enumerate(toks) if m.start() == more[0]), (more[0], span[1])
    if plural and n < 2:
        return []
    a, b = start + span[0], start + span[1]
    if _HEDGE.search(c.s, max(0, a - 50), a):
        return []  # "police did not believe the victim had been shot", "asked if she was injured"
    value = 0 if negated else n
    return [_Hit(t, value, value, False, None, a, b, c.s[a:b])]


def _parts_after(c: _Ctx, t: _Trig, pos: int) -> list[_Hit]:
    """Parts named after a claim: "killing 12 people, including six women", ", six of them seriously"."""
    m = _TRAIL_PART.match(c.s, pos)
    if m is None:
        return []
    q = next((q for q in c.qs if q.start == m.end() and q.start not in c.used), None)
    if q is not None and (m.group("incl") or c.s.startswith(" of them", q.end) or c.s.startswith(" of whom", q.end)):
        return _chain(c, t, [_hit(c, t, q)], [n for n in c.qs if n.start > q.start])
    words = _tokens(c.s, m.end(), m.end() + 60)
    if m.group("incl") and words and words[0].group().lower() in ("a", "an", "one"):
        for k in range(1, min(len(words), 7)):
            if _person_head(words, k):
                a, b = words[0].start(), words[k].end()
                return [_Hit(t, 1, 1, False, None, a, b, c.s[a:b])]
            if not _np_word(words[k].group()) or words[k].group().lower() in _NP_STOP:
                break
    return []


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


def _shot_subject(c: _Ctx, t: _Trig, hit: _Hit) -> bool:
    """A figure before an active "shot" counts the people shot: "2 men shot", "Two shot in Queens"."""
    victim = (hit.victim or "").lower().split()
    if _FIRED.search(c.s, max(0, hit.num_start - 30), hit.num_start):
        return False  # "fired one shot"
    return bool(victim and victim[-1] in _PEOPLE) or _SHOT_AFTER.match(c.s, t.end) is not None


def _match_trigger(c: _Ctx, t: _Trig) -> list[_Hit]:
    if _WITHOUT.search(c.s, max(0, t.start - 30), t.start):
        return []  # "escaped without injury"
    if t.kind in ("killed", "injured") and _INTENT.search(c.s, max(0, t.start - 50), t.start):
        return []  # "the attempted homicide of two officers", "threatened to harm his family and kill himself"
    if t.text.lower() == "shot" and _NOUN_SHOT.search(c.s, max(0, t.start - 12), t.start):
        return []  # "fired a shot in her direction": the noun
    if t.kind == "injured" and _NOT_HURT_AFTER.match(c.s, t.end):
        return []  # "taken to the hospital for a mental evaluation", "treated for a medical issue"
    passive = _passive(c.s, t)
    hits = _object(c, t) if "o" in t.flags and not passive else []
    if not hits and "o" in t.flags and not passive and _HAS_OBJECT.match(c.s, t.end):
        return []  # "farmers killed six oxen": the subject did the killing; the object is not a person
    hits = hits or (_subject(c, t) if not t.text.lower().endswith(" of") else [])  # "the death of" has no subject
    if hits and t.text.lower() == "shot" and not passive and not _shot_subject(c, t, hits[-1]):
        hits = []  # "fired one shot", "a shot rang out": the noun, not the victim
    if not hits and ("l" in t.flags or _NUMBER_OF.search(c.s, max(0, t.start - 40), t.start)):
        hits = _linked(c, t)
    if not hits:
        hits = _single_subject(c, t, passive or ("s" in t.flags and "o" not in t.flags))
    if not hits and t.kind == "injured" and "s" in t.flags and "o" not in t.flags:
        hits = _opening_subject(c, t)
    if hits:
        c.used.update(h.num_start for h in hits)
        end = max(t.end, c.np(hits[-1].num_end).end if hits[-1].num_start > t.start else t.end)
        hits += _parts_after(c, t, end)
    return hits


def _sentence_hits(s: str, trigs: list[_Trig]) -> list[_Hit]:
    c = _Ctx(s, {t.start for t in trigs})
    c.qs = [q for q in find_quantities(s) if _people_ok(s, q, c.np(q.end).text)]
    hits: list[_Hit] = []
    for t in trigs:
        found = _match_trigger(c, t)
        if (
            not found
            and hits
            and t.kind in ("killed", "injured")
            and _AND_THEN.search(s, max(0, t.start - 40), t.start)
        ):
            prev = hits[-1]  # "a man was shot three times and pronounced dead": the same victim
            if prev.low == prev.high == 1 and prev.num_start < t.start:
                found = [replace(prev, trig=t, inherit=False)]
        hits.extend(found)
        c.used.update(h.num_start for h in hits)
    hits.sort(key=lambda h: h.num_start)
    out: list[_Hit] = []
    for h in hits:  # inherit victims: "another 25 injured", "2 civilians killed, 5 wounded"
        prev = out[-1] if out else None
        follows = prev is not None and _JOINT.fullmatch(s, prev.trig.end, h.num_start) is not None
        if prev is not None and (h.inherit and h.victim in (None, "others", "more") or follows and h.victim is None):
            h = replace(h, victim=prev.victim)
        if s[h.num_start : h.num_end].lower() == "another":  # "one man was killed and another wounded"
            h = replace(h, victim=f"another {h.victim}" if h.victim else "another")
        out.append(h)
    return out
