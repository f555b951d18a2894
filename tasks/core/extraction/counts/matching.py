"""How a trigger finds its figure in one sentence, in order:

1. active object: "killing 12 soldiers", "arrested 40 people", "shot dead a policeman" (-> 1);
   not when the trigger is passive ("were killed").
2. subject / modifier: "30 militants were killed", "left at least 40 dead", "12 deaths",
   "hundreds of civilian casualties"; subjects joined by "and" ("3 soldiers and 2 civilians were
   killed") and parts in a parenthesis (", including 5 children,") give one Count each; a relative clause
   may stand between ("two guards who were on duty were killed"), and "two people who were shot later died"
   counts the people shot as the dead.
3. link: "the death toll rose to 40", "Fatalities: 3"; "a double homicide" counts 2 (3, 4: triple, quadruple).
4. implied single victim: "a man was shot dead", "the general died", "he succumbed to his wounds"
   -> 1; `number_start/number_end` then span the noun phrase ("a man"), as for zeros ("no one").
"another 25 injured", "25 others", "12 of them" and a bare figure right after another claim
("2 civilians killed, 5 wounded") take the previous Count's victims in the sentence.
No figure for a death or injury that is hedged ("unclear whether two men were hurt"), prevented ("stopped him
from killing himself") or intended; a negated subject is a zero ("the two passengers were not injured"); a
linked figure counts people ("the dead man is linked to several other robberies" counts robberies).
"""

from __future__ import annotations

from dataclasses import replace

from tasks.core.extraction.counts.clauses import (
    _AND_THEN,
    _BARE_VERB,
    _FIRED,
    _FIRED_AT,
    _INTENT,
    _INTENT_FAR,
    _INTRANSITIVE,
    _LINK_END,
    _MULTIPLE,
    _NEGATED,
    _NOT_HURT_AFTER,
    _NOUN_SHOT,
    _NUMBER_OF,
    _PREVENTED,
    _SHOT_AFTER,
    _SHOT_AT,
    _TIME_WORDS,
    _TRAIL_PART,
    _WHETHER,
    _WHO_GAP,
    _WITHOUT,
    _gap_ok,
    _parts,
)
from tasks.core.extraction.counts.hits import _JOINT, _chain, _Ctx, _Hit, _hit
from tasks.core.extraction.counts.joined import singles_before
from tasks.core.extraction.counts.numbers import _people_ok
from tasks.core.extraction.counts.objects import _HAS_OBJECT, _object
from tasks.core.extraction.counts.singles import _fronted_subject, _opening_subject, _single_subject, _wound_holder
from tasks.core.extraction.counts.triggers import _passive, _Trig
from tasks.core.extraction.counts.victims import (
    _NP_STOP,
    _PEOPLE,
    _np_word,
    _person_head,
)
from tasks.core.extraction.counts.words import _BLOCK, _tokens, _words
from tasks.core.extraction.counts.wounds import carrier, sent_to_care
from tasks.core.extraction.numbers import find_quantities


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
        hits = singles_before(c, t, hits)  # "a woman and her two children were killed"
        if _NEGATED.search(s, c.np(q.end).end, t.start):  # "the two passengers were not injured": a zero
            hits = [replace(h, low=0, high=0) for h in hits]
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
            head = (c.np(q.end).text or "").split()[-1:]
            if head and head[0].islower() and head[0] not in _PEOPLE | _TIME_WORDS:
                return []  # "the dead man is linked to several other attacks": a count of things
            return [_hit(c, t, q)]
        if not toll or len(words) > 25:
            return []
    return []


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
    if t.text.lower() in _BARE_VERB and _INTENT_FAR.search(c.s, max(0, t.start - 120), t.start):
        return []  # "he said he was going to 'end her,' and kill her": a threat, not a death
    if t.text.lower() == "shot" and _NOUN_SHOT.search(c.s, max(0, t.start - 12), t.start):
        return []  # "fired a shot in her direction": the noun
    if t.text.lower().endswith("ing") and _PREVENTED.search(c.s, max(0, t.start - 120), t.start):
        return []  # "officers stopped the man from killing himself"
    if t.kind == "injured" and _NOT_HURT_AFTER.match(c.s, t.end):
        return []  # "taken to the hospital for a mental evaluation", "treated for a medical issue"
    if t.text.lower().startswith(("sent ", "sends ", "sending ")):
        return sent_to_care(c, t)  # "a shooting sent two men to the hospital"
    passive = _passive(c.s, t)
    if t.text.lower() == "shot" and _SHOT_AT.match(c.s, t.end) and (not passive or _FIRED_AT.match(c.s, t.end)):
        return []  # "he shot at the car", "they were shot at but not hit"; not "was shot at a bar", "at least once"
    hits = _object(c, t) if "o" in t.flags and not passive else []
    if not hits and "o" in t.flags and not passive and _HAS_OBJECT.match(c.s, t.end):
        return []  # "farmers killed six oxen": the subject did the killing; the object is not a person
    if not hits and t.text.lower() == "to death":
        hits = _single_subject(c, t, True)  # "two men beat a woman to death": the object before the trigger
    if not hits and (n := _MULTIPLE.get(t.text.lower().split("-")[0].split()[0])):
        hits = [_Hit(t, n, n, False, None, t.start, t.end, None)]  # "a double homicide": two dead
    if not hits and t.text.lower().startswith("body "):
        hits = [_Hit(t, 1, 1, False, None, t.start, t.start + 4, None)]  # "his body was found": one dead
    hits = hits or (_subject(c, t) if not t.text.lower().endswith(" of") else [])  # "the death of" has no subject
    if (
        hits
        and t.text.lower() == "shot"
        and not passive
        and hits[-1].num_start < t.start
        and not _shot_subject(c, t, hits[-1])
    ):
        hits = []  # "fired one shot", "a shot rang out": the noun, not the victim
    if not hits and ("l" in t.flags or _NUMBER_OF.search(c.s, max(0, t.start - 40), t.start)):
        hits = _linked(c, t)
    if not hits:
        hits = _single_subject(c, t, passive or ("s" in t.flags and "o" not in t.flags))
    if not hits and t.kind == "injured" and "s" in t.flags and "o" not in t.flags:
        hits = _opening_subject(c, t)
    if not hits and t.kind == "injured" and t.text.lower().endswith(("wound", "wounds", "injury", "injuries")):
        hits = (_wound_holder(c, t) if t.text.lower().endswith(("wound", "wounds")) else []) or carrier(c, t)
    if not hits and t.kind in ("killed", "injured") and (passive or _INTRANSITIVE.match(t.text)):
        hits = _fronted_subject(c, t)
    if hits and t.kind in ("killed", "injured"):
        first = min(hits[0].num_start, t.start)
        if _WHETHER.search(c.s, max(0, first - 60), first):
            return []  # "it was unclear whether two men were hurt", "police did not know if anyone died"
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
            and not ("o" in t.flags and _HAS_OBJECT.match(s, t.end))  # "wounded a man and killed two oxen"
        ):
            prev = hits[-1]  # "a man was shot three times and pronounced dead": the same victim
            fired_at = t.text.lower() == "shot" and _SHOT_AT.match(s, t.end)  # "was held up and shot at": not hit
            if not fired_at and prev.low == prev.high == 1 and prev.num_start < t.start:
                found = [replace(prev, trig=t, inherit=False)]
        if not found and hits and t.kind == "killed" and _INTRANSITIVE.match(t.text):
            prev = hits[-1]  # "two people who were shot later died": the people shot
            if prev.trig.kind == "injured" and _WHO_GAP.fullmatch(s, c.np(prev.num_end).end, prev.trig.start):
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
