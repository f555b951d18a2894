"""The active object of a trigger: "killing 12 soldiers", "shot a man", "fatally wounding Ann Lee", "killed himself",
"beat him to death", "killed a goat thief", "gunmen kill police officer"; never a thing, an animal or a warrant
("killed six oxen", "executed a search warrant"), and no subject when such an object follows ("farmers killed six
oxen"). "Killing themselves" counts the subject's figure ("two bombers blew up a bus, killing themselves": 2), with
the victims joined after it ("killing themselves and 12 passengers": 14); a killer joined after his victims is one
more ("killed two coworkers and then himself": 3)."""

from __future__ import annotations

import re

from tasks.core.extraction.counts.hits import _chain, _Ctx, _Hit, _hit
from tasks.core.extraction.counts.joined import more_objects
from tasks.core.extraction.counts.numbers import _NON_PERSON
from tasks.core.extraction.counts.triggers import _Trig
from tasks.core.extraction.counts.victims import (
    _DETERMINERS,
    _NP_STOP,
    _PREPS,
    _SINGULAR,
    _np_word,
    _person_head,
)
from tasks.core.extraction.counts.words import _lex, _tokens

_MORE_VERBS = re.compile(
    r"(?:\s+(?:and|or)\s+(?:then\s+)?(?:\w+ly\s+)?[a-z]+(?:ed|t)(?:\s+up)?\b)?(?:\s+(?:by|with)\s+(?:a\s+)?"
    r"(?:machetes?|knives|knife|guns?|gunfire|stones|sticks|batons|clubs|axes?|bullets?|stabbing|burning))?"
)

_OBJ_GAP = re.compile(r"\s*(?:(?:a total of|all|another|the|an additional|a further|of|of the)\s+)?['‘\"“]?", re.I)

# A person's name as an object: two or three capitalised words, then a comma, a full stop or a preposition.
_NAME_OBJECT = re.compile(
    r"(?:\d{1,3}-year-old\s+)?"
    r"(?:(?!(?:The|A|An|This|That|Police|Officers|Sheriff|County|City|Street|Road|Avenue)\b)[A-Z][a-z'’-]+\s){1,2}"
    r"(?:[A-Z]\.\s)?(?!(?:County|City|Street|Road|Avenue|Park|Police|Department)\b)[A-Z][A-Za-z'’-]+"
    r"(?:\s(?:Jr|Sr|II|III)\.?)?"
    r"(?=\s*(?:,|\.|;|$|\s(?:in|at|on|near|outside|inside|during|after|before|and|while|as|who|with)\b))"
)

_NAME_LINK = re.compile(r"(?:,\s*\d{1,3})?,?\s+and\s+|,\s*\d{1,3},\s+(?=[A-Z])", re.I)

_NOT_OBJECTS = _lex(
    "dog cat horse goat cow ox sheep pig bird animal deer bear pet puppy kitten cougar coyote wolf car vehicle "
    "truck house home tree window door shop "
    "store plan deal bill motion proposal chance lot few number day week year bull warrant search order raid "
    "operation program programme project text message email letter page form document file weapon gun handgun "
    "pistol revolver rifle shotgun firearm round bullet arrow leg arm hand head chest back foot shoulder neck face "
    "thigh stomach abdomen knee"
)

_WHEN = _lex(
    "monday tuesday wednesday thursday friday saturday sunday yesterday today tonight overnight morning afternoon "
    "evening night early late"
)

_HAS_OBJECT = re.compile(
    r"(?:\s+and\s+[a-z]+(?:ed|t))?\s+(?:(?:about|some|at least|more than|over|nearly|around|up to|almost)\s+)?"
    r"(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty|dozens|hundreds|several|many"
    r"|a|an|the|his|her|their|its)\s+(?!(?:people|persons|others|of)\b)\w",
    re.I,
)


_AND_SELF = re.compile(r"\s(?:and|,)\s+(?:then\s+|also\s+|finally\s+)?(himself|herself)$", re.I)


def _object(c: _Ctx, t: _Trig) -> list[_Hit]:
    verbs = _MORE_VERBS.match(c.s, t.end)  # "killed and beheaded a farmer", "killed by machete a man"
    after = t.end if verbs is None or c.s[verbs.end() :].startswith((",", ".")) else verbs.end()
    gap = _OBJ_GAP.match(c.s, after)
    pos = after if gap is None else gap.end()
    for k, q in enumerate(c.qs):
        if q.start == pos and q.start not in c.used:
            hits = more_objects(c, t, _chain(c, t, [_hit(c, t, q)], c.qs[k + 1 :]))  # ... and a commander
            if t.kind == "killed" and (self := _AND_SELF.search(hits[-1].victim or "")) is not None:
                hits.append(_Hit(t, 1, 1, False, None, hits[-1].num_start, hits[-1].num_end, self.group(1)))
            return hits  # "killed two coworkers and then himself": the killer too
    words = _tokens(c.s, after, after + 60)
    if words and words[0].group().lower() == "another" and t.kind in ("killed", "injured"):
        return [_Hit(t, 1, 1, False, None, words[0].start(), words[0].end(), None)]  # "shot dead another"
    words = words[1:] if words and words[0].group().lower() == "of" else words
    words = words[1:] if len(words) > 1 and words[0].group().lower() == "only" else words  # "killing only himself"
    if words and words[0].group().lower() in ("himself", "herself") and t.kind in ("killed", "injured"):
        return [_Hit(t, 1, 1, False, None, words[0].start(), words[0].end(), words[0].group())]  # shot himself
    if words and words[0].group().lower() == "themselves" and t.kind == "killed":
        return _reflexive(c, t, words[0])  # "two bombers blew up a bus, killing themselves"
    if words and t.kind in ("killed", "injured") and (name := _NAME_OBJECT.match(c.s, words[0].start())):
        return [_named_objects(c, t, name)]  # "fatally wounding Ann Lee", "killed Ann Lee, 21, and Bo Kim, 22"
    if words and words[0].group().lower() == "him":
        return _unknown_object(c, t, words)  # "shot him in the leg"
    if not words or words[0].group().lower() not in _DETERMINERS - {"one"}:
        return [] if _bullet(t) else _bare_object(t, words)
    n, first, end = 0, 0, None
    while first < len(words) and words[first].group().lower() in _DETERMINERS - {"one"}:
        head = next((k for k in range(first + 1, min(len(words), first + 7)) if _person_head(words, k)), None)
        stop = next((k for k in range(first + 1, min(len(words), first + 7)) if not _np_word(words[k].group())
                     or words[k].group().lower() in _NP_STOP | {"of"}), None)  # fmt: skip
        if head is None or (stop is not None and stop < head):
            break
        while head + 1 < len(words) and _person_head(words, head + 1):
            head += 1  # "a 43-year-old man": the noun after the age
        n, end = n + 1, words[head].end()  # "the bodies of a man and a woman" -> 2
        if head + 2 >= len(words) or words[head + 1].group().lower() != "and":
            break
        first = head + 2
    if end is None:
        return [] if _bullet(t) else _unknown_object(c, t, words)  # "a bullet struck the hood": a thing
    start = words[0].start()
    return more_objects(c, t, [_Hit(t, n, n, False, None, start, end, c.s[start:end])])  # ... and two sons


def _named_objects(c: _Ctx, t: _Trig, name: re.Match[str]) -> _Hit:
    """Named victims listed one by one after the trigger, each with an optional age: "Ann Lee, 21, and Bo Kim"."""
    n, end = 1, name.end()
    while (link := _NAME_LINK.match(c.s, end)) and (more := _NAME_OBJECT.match(c.s, link.end())):
        n, end = n + 1, more.end()
    return _Hit(t, n, n, False, None, name.start(), end, c.s[name.start() : end])


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
    the leg". Not when the noun is a thing or an animal ("killed six oxen", "shot a dog"); the noun is the one before
    a day or time word ("killed a stray bull Sunday")."""
    if t.kind not in ("killed", "injured") or not words or t.text.lower().startswith(("execut", "neutrali")):
        return []  # "executed a search warrant"
    first = words[0].group().lower()
    after = c.s[words[1].end() : words[1].end() + 1] if len(words) > 1 else ""
    if first in ("him", "her") and (len(words) == 1 or not words[1].group()[0].isalnum() and not after.isdigit()
                                    or words[1].group().lower() in _NP_STOP | _PREPS):  # fmt: skip
        return [_Hit(t, 1, 1, False, None, words[0].start(), words[0].end(), words[0].group())]
    if first not in ("a", "an", "the", "his", "her", "their"):
        return []
    k, stop = 1, _NP_STOP | _PREPS | _WHEN  # "shot an aggressive pit bull Thursday": the noun before the day
    while k < min(len(words), 5) and words[k].group()[0].isalpha() and words[k].group().lower() not in stop:
        if k > 1 and words[k].group().lower().endswith("ing"):
            break  # "an ox belonging to ..."
        k += 1
    head = words[k - 1].group().lower()
    if k == 1 or head in _NON_PERSON or head.rstrip("s") in _NON_PERSON or head in _NOT_OBJECTS:
        return []
    a, b = words[0].start(), words[k - 1].end()
    return [_Hit(t, 1, 1, False, None, a, b, c.s[a:b])]


def _bare_object(t: _Trig, words: list[re.Match[str]]) -> list[_Hit]:
    """One victim named without a determiner, headline style: "gunmen kill police officer", "killed former rebel
    leader as he left"; the noun ending the run of up to four words is a singular person noun ("male" and "female"
    need a determiner: "injured male" is an adjective and its noun)."""
    if t.kind not in ("killed", "injured") or t.text.lower().startswith(("execut", "neutrali")):
        return []
    stop = _NP_STOP | _PREPS | _DETERMINERS
    k = 0
    while k < min(len(words), 4) and words[k].group()[0].isalpha() and words[k].group().lower() not in stop:
        k += 1
    if k == 0 or words[k - 1].group().lower() not in _SINGULAR - {"he", "she", "male", "female"}:
        return []
    if k < len(words) and words[k].group()[0].isalnum() and words[k].group().lower() not in stop:
        return []  # "killed member states ...": the run goes on
    a, b = words[0].start(), words[k - 1].end()
    return [_Hit(t, 1, 1, False, None, a, b, " ".join(w.group() for w in words[:k]))]


def _bullet(t: _Trig) -> bool:
    """A bullet's hit ("a round struck him"): its object is a person only when the text names one ("him", "the
    clerk", "a 20-year-old man"), never an unlisted noun ("the hood", "a building", "the car's front end")."""
    return t.text.lower() in ("struck", "hit")


def _reflexive(c: _Ctx, t: _Trig, word: re.Match[str]) -> list[_Hit]:
    """ "Two bombers detonated their vests, killing themselves": the dead are the subject's figure, the sentence's
    first people figure before the trigger (never one already counted); victims joined after it are their own
    ("killing themselves and 12 passengers")."""
    q = next((q for q in c.qs if q.end <= t.start and q.start not in c.used and q.low), None)
    if q is None or c.np(q.end).text is None:
        return []
    return more_objects(c, t, [_Hit(t, q.low, q.high, q.vague, q.qualifier, word.start(), word.end(), word.group())])
