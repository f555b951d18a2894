"""Victims of one casualty clause joined by "and" (or a list's commas): each part is its own Count, and the parts
add up.

News lists the dead or hurt of one event group by group, in the same clause, mixing figures with single victims:
"two soldiers and a civilian were killed" (3), "a woman and her two children died" (3), "the troops killed ten
militants and a commander" (11), "gunmen killed a village chief and two of his sons" (3). `matching` finds the
figures and `singles` / `objects` the single victims; this module joins their neighbours across "and":

- `quantities_before`: the figures listed before a single victim ("two soldiers and | a civilian were killed");
- `singles_before`: the single victims listed before a figure ("a woman and her | two children were killed");
- `more_objects`: after an active trigger's object, a single victim or a figure joined to it ("killed ten
  militants and | a commander", "killed a chief and | two of his sons").

Each part keeps its own victim group and span; `claims._listed` adds the parts of one trigger, and
(`joined_claims`) single victims of one sentence that each have their own trigger but are joined by "and" or set
apart ("another", "a second"): "a courier was shot in a doorway and a neighbour was grazed" (2). Parts introduced by
"including", "among them", "of whom", "mostly" are subsets of the figure before them, never added to it ("five
people were killed, including two children" -> 5): `subset_after` finds where they begin. A victim already counted
by another trigger ("killed a man and two women were hurt": the man is the killed object) is never joined.
"""

from __future__ import annotations

import re

from tasks.core.extraction.counts.hits import _JOINT, _Ctx, _Hit, _hit
from tasks.core.extraction.counts.triggers import _Trig
from tasks.core.extraction.counts.victims import _DETERMINERS, _NP_STOP, _PREPS, _np_word, _person_head, _single_np
from tasks.core.extraction.counts.words import _filler, _tokens, _words

# "and", ", and" or a list's comma, then perhaps a possessive: "a woman and her | two children"
_AND_BEFORE = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:(?:his|her|their|its)\s+)?$", re.I)
_AND_AFTER = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:(?:his|her|their|its)\s+)?", re.I)

# Words that open a subset of the figure before them: its parts, not more victims.
SUBSET = re.compile(
    r"\b(?:including|included|among them|among whom|of whom|of them|mostly|mainly|most of them|many of them"
    r"|all of them|both|one of them|some of them)\b|\(",
    re.I,
)


def _single_ending(c: _Ctx, end: int) -> tuple[int, int] | None:
    """The span of a determiner-led single victim ending at `end` ("a 30-year-old woman"), if any."""
    toks = _tokens(c.s, end - 60, end)
    k = len(toks) - 1
    if k < 0 or toks[k].end() != end or not _person_head(toks, k) or toks[k].group().lower() in ("he", "she"):
        return None
    span = _single_np(toks, k)
    if span is None or span[0] in c.used or span[0] in c.ts:
        return None
    before = _tokens(c.s, span[0] - 30, span[0])
    if before and before[-1].start() in c.ts:
        return None  # "shot a man and two women were hurt": the man is the shot one's object
    if before and before[-1].group().lower() in _PREPS | {"by", "for", "than"}:
        return None  # "brought in by his sister and two friends": the agent, not a victim
    return span


def single_starting(c: _Ctx, pos: int) -> tuple[int, int] | None:
    """The span of a determiner-led single victim starting at `pos` ("a commander", "an 18-year-old")."""
    words = _tokens(c.s, pos, pos + 60)
    if not words or words[0].start() != pos or words[0].group().lower() not in _DETERMINERS - {"one"}:
        return None
    for k in range(1, min(len(words), 7)):
        if _person_head(words, k):
            while k + 1 < len(words) and _person_head(words, k + 1):
                k += 1  # "a 43-year-old man": the noun after the age
            if (
                k + 1 < len(words)
                and words[k + 1].group()[0].isalpha()
                and words[k + 1].group().lower() not in (_NP_STOP | {"and", "or"})
            ):
                return None  # "a police station": the noun goes on
            return words[0].start(), words[k].end()
        if not _np_word(words[k].group()) or words[k].group().lower() in _NP_STOP | {"of"}:
            return None
    return None


def _single_hit(c: _Ctx, t: _Trig, span: tuple[int, int]) -> _Hit:
    return _Hit(t, 1, 1, False, None, span[0], span[1], c.s[span[0] : span[1]])


def quantities_before(c: _Ctx, t: _Trig, pos: int) -> list[_Hit]:
    """The figures listed before a single victim starting at `pos`: "three soldiers, two police officers and | a
    civilian were killed"."""
    hits: list[_Hit] = []
    for q in reversed([q for q in c.qs if q.end <= pos]):
        at = hits[0].num_start if hits else pos
        if q.start in c.used or not _JOINT.fullmatch(c.s, c.np(q.end).end, at):
            break
        if any(q.end <= x < at for x in c.ts):
            break
        hits.insert(0, _hit(c, t, q))
    return hits


def singles_before(c: _Ctx, t: _Trig, hits: list[_Hit]) -> list[_Hit]:
    """The single victims listed before a subject's first figure: "a woman and her | two children were killed"."""
    if not hits or hits[0].num_start > t.start:
        return hits
    out = list(hits)
    at = out[0].num_start
    while (m := _AND_BEFORE.search(c.s, max(0, at - 20), at)) and m.end() == at:
        span = _single_ending(c, m.start())
        if span is None:
            break
        out.insert(0, _single_hit(c, t, span))
        at = span[0]
    return out


def more_objects(c: _Ctx, t: _Trig, hits: list[_Hit]) -> list[_Hit]:
    """After an active trigger's object, the victims joined to it: "killed ten militants and | a commander",
    "killed a village chief and | two of his sons"."""
    if not hits or hits[-1].num_start < t.end:
        return hits
    out = list(hits)
    while True:
        last = out[-1]
        figure = any(q.start == last.num_start and q.end == last.num_end for q in c.qs)
        end = c.np(last.num_end).end if figure else last.num_end
        if (m := _AND_AFTER.match(c.s, end)) is None or m.end() == end:
            return out
        q = next((q for q in c.qs if q.start == m.end() and q.start not in c.used), None)
        span = (q.start, c.np(q.end).end) if q is not None else single_starting(c, m.end())
        if span is None or any(span[0] <= x < span[1] for x in c.ts) or _new_clause(c, span[1]):
            return out  # "killed a man and two others were hurt": a new clause
        out.append(_hit(c, t, q) if q is not None else _single_hit(c, t, span))


def _new_clause(c: _Ctx, end: int) -> bool:
    """A trigger follows with only auxiliaries between: "... and two others were | hurt"."""
    nxt = min((x for x in c.ts if x >= end), default=-1)
    words = _words(c.s[end:nxt]) if nxt >= 0 else []
    return bool(words) and all(map(_filler, words))


def subset_after(text: str, start: int, end: int) -> bool:
    """Whether a word that opens a subset ("including", "of whom") stands in text[start:end]."""
    return SUBSET.search(text, start, end) is not None


Fig = tuple[int, int, str, int, bool, str]  # number start, number end, victim group, figure, general, victim text

# A victim set apart from the one before it ("another", "a second") or a new one joined by "and" ("a man was shot in
# the chest and a boy was shot in the foot"; "his wife", "her son"): never the same person restated.
_NEW_VICTIM = re.compile(r"(?:another|a second|a third|the other|the second|the third)\b", re.I)
_INDEFINITE = re.compile(r"(?:an?|his|her|their)\s", re.I)
_AND_END = re.compile(r"\band\s+$", re.I)  # "... shot in the chest and | a teen who ..."
_GAP = 100  # characters between two joined claims' victims


def joined_claims(text: str, lists: dict[tuple[int, int], list[Fig]]) -> dict[tuple[int, int], tuple[int, int]]:
    """Claims of one sentence, each with its own trigger, about victims joined by "and": "a courier was shot twice
    in a doorway and a neighbour was wounded by a stray round" (2), "killed a farmer in his field and beheaded
    another" (2). Maps the key of each later single-figure claim list to the key of the first list it joins."""
    joins: dict[tuple[int, int], tuple[int, int]] = {}
    singles = sorted((figs[0][0], key) for key, figs in lists.items() if len(figs) == 1)
    for (_, a), (_, b) in zip(singles, singles[1:], strict=False):
        fa, fb = lists[a][0], lists[b][0]
        if a[0] != b[0] or fb[0] < fa[1] or fb[3] != 1:
            continue
        gap = text[fa[1] : fb[0]]
        if len(gap) > _GAP or re.search(r"[.:;!?]", gap) or SUBSET.search(gap):
            continue  # another sentence the splitter missed ("... in Ohio A man died"), or a subset
        if _NEW_VICTIM.match(fb[5]) or (_INDEFINITE.match(fb[5]) and _AND_END.search(gap)):
            joins[b] = joins.get(a, a)
    return joins
