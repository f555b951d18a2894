"""Who a claim is attributed to, and the best figure per kind for the main current event.

`_claim_source`: "according to X", "X said", "..., said X" ("the health ministry", "police").

`estimate_totals` (best figure per kind for the main current event):
- uses current, uncontested, non-vague counts; vague counts, then contested ones (claim_source
  from opposition, rebels, activists, "the group", unconfirmed) only when nothing better exists;
  never doubtful ones (sources that disagree, "some reports", "conflicting reports", unverified);
- a figure's point value is its lower bound, or the upper bound for "up to N";
- restatements are never added: the best is max(largest total, sum over victim groups of each
  group's largest figure), so "at least 40 dead" + 30 militants + 12 officers -> 42;
- 0 only when every claim for the kind is an explicit zero (a zero "casualties" claim counts for
  killed and injured); None when nothing was reported.
- injured: the people hit ("shot", "struck by gunfire", "taken to hospital", "in critical
  condition") include the dead, so injured = max(the best "injured / wounded / hurt / in stable
  condition" figure, the best hit figure minus killed): a victim who was shot and later died
  moves to killed and is never counted twice ("two men were shot; one died" -> 1 killed,
  1 injured; "a man was shot ... he died at the hospital" -> 1 killed, no injured), except a victim
  set apart from the dead ("one man was killed and another taken to hospital" -> 1 injured), and a
  shooter dead by his own hand who is not among the people hit ("shot his son, then turned the gun on
  himself" -> 1 killed, 1 injured);
- killed: a killer's own death told beside the deaths he caused is one more ("killed his ex-wife and her
  boyfriend before taking his own life" -> 3), unless the other claim already holds it ("and himself").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tasks.core.extraction.counts.harm import other_harm
from tasks.core.extraction.counts.joined import SUBSET, Fig, joined_claims
from tasks.core.extraction.counts.words import _ADVERBS, _BLOCK, _lex, _tokens
from tasks.core.extraction.model import Count

_SRC_CUT = _lex("on in at who which that as after said citing when while told reported late early earlier last this")

_SRC_STOP = (_BLOCK | _ADVERBS | _SRC_CUT) - {"in"}  # "The Health Ministry in Gaza says"

_PRONOUNS = _lex("he she they it we i you who which")

_ACCORDING = re.compile(r"\baccording to\s+([^,.;:\"“”()]{2,80})", re.I)

_SAID_AFTER = re.compile(r"[,\"”]\s*(?:said|says|told|reported|added)\s+([^,.;:\"“”()]{2,80})", re.I)

_ATTRIB_VERB = re.compile(
    r"\b(?:said|says|say|told|reported|reporting|reports|claimed|claim|claims|confirmed|announced|stated)\b", re.I
)

# Injured triggers that say someone was hit or treated, who may have died: "shot", "struck by gunfire",
# "taken to hospital", "in critical condition". Other injured triggers say the victim lived.
_HIT_ONLY = re.compile(
    r"(?:shot|shooting|struck|hit|grazed|taken|rushed|admitted|airlifted|transported|treated|receiving|received|needed"
    r"|suffered|sustained|gunshot|bullet|sent|sends|sending"
    r"|required|(?:\w+ )*(?:an? )?(?:critical|serious|grave|unknown|unspecified|life-threatening) condition"
    r"|life[- ]threatening)",
    re.I,
)

_GENERAL = _lex("people persons individuals victims civilians others casualties dead")  # a total, not a part

_CONTESTED = re.compile(
    r"\b(?:opposition|rebels?|insurgents?|militants?|activists?|group|taliban|unverified|unconfirmed|"
    r"social media|rumou?rs?|jihadists?)\b",
    re.I,
)

# Sources that disagree or could not be checked: their figures are never the document's ("some reports say three
# were killed", "conflicting reports", a claim "that could not be independently verified").
_DOUBTFUL = re.compile(
    r"^(?:some|other)$|\b(?:conflicting|contradictory|different|differing|varying|unverified)\b", re.I
)


def _trim_source(text: str, *, cut: bool = True) -> str | None:
    words: list[str] = []
    for w in text.split():
        if cut and w.lower() in _SRC_CUT or len(words) >= 6:
            break
        words.append(w)
    return None if not words or words[0].lower() in _PRONOUNS else " ".join(words)


def _subject_source(s: str, verb: re.Match[str]) -> str | None:
    toks = _tokens(s, verb.start() - 80, verb.start())
    k = len(toks) - 1
    if k >= 0 and toks[k].group().lower() in ("are", "is", "have", "has", "had", "were", "was"):
        if toks[k].group().lower() in ("were", "was", "is", "are") and not verb.group().lower().endswith("ing"):
            return None  # passive: "no casualties were reported"
        k -= 1
    first = k + 1
    while first > 0 and k - first < 5:
        w = toks[first - 1].group()
        if not (w[0].isalpha() or w in ("’", "'")) or w.lower() in _SRC_STOP:
            break
        first -= 1
    return _trim_source(s[toks[first].start() : toks[k].end()], cut=False) if first <= k else None


def _claim_source(s: str) -> str | None:
    """Who the sentence attributes its claims to: "the health ministry", "police", "opposition sources"."""
    for m in _ACCORDING.finditer(s):
        if src := _trim_source(m.group(1)):
            return src
    for m in _ATTRIB_VERB.finditer(s):
        if src := _subject_source(s, m):
            return src
    for m in _SAID_AFTER.finditer(s):
        if src := _trim_source(m.group(1)):
            return src
    return None


def _point(c: Count) -> int | None:
    return c.value_low if c.value_low is not None else c.value_high


def _best(counts: Sequence[Count], text: str | None = None) -> int | None:
    """max(largest total, sum of each victim group's largest figure); None for no figures."""
    figures = _listed(counts, text)
    totals = [v for group, v in figures if group == "unspecified"]
    parts: dict[str, int] = {}
    for group, v in figures:
        if group != "unspecified":
            parts[group] = max(parts.get(group, 0), v)
    if not totals and not parts:
        return None
    return max(max(totals, default=0), sum(parts.values()))


def _listed(counts: Sequence[Count], text: str | None = None) -> list[tuple[str, int]]:
    """(victim group, figure) per claim. Subjects of one trigger listed side by side are parts, added up ("two
    herders and two farmers' sons were killed" -> 4; the unspecified parts count as a group of their own, "listed",
    so that a list told again in another sentence is not added twice), unless
    the first is a total of people in general larger than its followers ("12 people, including 4 women, were
    killed" -> 12; but "five rangers, one soldier and one driver were killed" -> 7). So are an active trigger's
    objects joined by "and" (`joined`: "killed three soldiers and two policemen" -> 5), when the text is given,
    up to a word that opens a subset ("killing 12 people, including 4 women" -> 12; "of them", "of whom").
    Figures on both sides of the trigger keep the total-or-parts rule ("40 killed, including 30 militants and 12
    officers" -> 42)."""
    lists: dict[tuple[int, int], list[Fig]] = {}
    for c in counts:
        if (v := _point(c)) is not None:
            victim = (c.victim_text or "people").lower()
            key = (c.sentence_index, c.trigger_start)
            start = c.number_start or 0
            lists.setdefault(key, []).append((start, c.number_end or start, c.victim_group, v,
                                              victim.split()[-1] in _GENERAL, victim))  # fmt: skip
    out: list[tuple[str, int]] = []
    joins = joined_claims(text, lists) if text is not None else {}
    merged: dict[tuple[int, int], list[Fig]] = {}
    for later, first in joins.items():
        merged.setdefault(first, list(lists[first])).extend(lists[later])
    for key, figures in lists.items():
        trigger = key[1]
        if key in joins:
            continue  # added to the claim it is joined to
        if key in merged:
            out.extend(_added(sorted(merged[key]), "listed", ge=False))
            continue
        figures.sort()
        head = figures
        if text is not None and all(f[0] > trigger for f in figures):
            k = next((k for k in range(1, len(figures)) if _subset(text, figures[k - 1], figures[k])), len(figures))
            head, rest = figures[:k], figures[k:]
            out.extend(_added(head, "listed", ge=True))
            out.extend((group, v) for _, _, group, v, _, _ in rest)
            continue
        if not all(f[0] < trigger for f in figures):
            out.extend((group, v) for _, _, group, v, _, _ in figures)
            continue
        out.extend(_added(head, "listed", ge=False))
    return out


def _subset(text: str, before: Fig, fig: Fig) -> bool:
    """A figure that opens a subset of the one before it: ", including two children", "three of them"."""
    return fig[5] in ("them", "those") or SUBSET.search(text, before[1], fig[0]) is not None


def _added(figures: list[Fig], key: str, *, ge: bool) -> list[tuple[str, int]]:
    """The parts of a list added up per group, unless the first is a general total as large as the rest."""
    values = [v for _, _, _, v, _, _ in figures]
    if len(figures) == 1 or (figures[0][4] and (values[0] >= sum(values[1:]) if ge else values[0] > sum(values[1:]))):
        return [(group, v) for _, _, group, v, _, _ in figures]
    sums: dict[str, int] = {}
    for _, _, group, v, _, _ in figures:
        name = key if group == "unspecified" else group
        sums[name] = sums.get(name, 0) + v
    return list(sums.items())


def _pick(claims: Sequence[Count], text: str | None = None) -> int | None:
    """The best figure of some claims: firm and precise first, then vague, then contested."""
    nonzero = [c for c in claims if _point(c) and not (c.claim_source and _DOUBTFUL.search(c.claim_source))]
    contested = [c for c in nonzero if c.claim_source and _CONTESTED.search(c.claim_source)]
    firm = [c for c in nonzero if c not in contested]
    for pool in ([c for c in firm if not c.vague], firm, [c for c in contested if not c.vague], contested):
        if (best := _best(pool, text)) is not None:
            return best
    return None


def _hit_only(c: Count) -> bool:
    """An injured claim that says someone was hit, not that they lived ("shot", "taken to hospital")."""
    return _HIT_ONLY.match(c.trigger) is not None


def _other_victim(c: Count) -> bool:
    """A victim set apart from the dead: "another man was also shot", "the second victim"."""
    return (c.victim_text or "").lower().startswith(("another", "a second", "the second", "the other", "a third"))


def _of_the_hurt(c: Count) -> bool:
    """A death among people already counted: "one of them died", "two of those hurt" (`_partitive`)."""
    return (c.victim_text or "").lower() in ("them", "those")


_SHOT_ZERO = re.compile(r"shot|struck by|hit by", re.I)
_GUNFIRE = re.compile(r"\bshot|struck by|hit by|gunshot|bullet|grazed|graze", re.I)


def _nobody_shot(zeros: Sequence[Count]) -> bool:
    """The text says the gunfire hit no one ("no one was hit by the gunfire", "he was not shot"): with no one
    reported shot, the other injuries ("treated for minor cuts", "the stabbing victim was taken to hospital") are
    not the shooting's casualties, unless someone is reported shot too."""
    return any(c.kind == "injured" and _SHOT_ZERO.match(c.trigger) for c in zeros)


_SELF = frozenset({"himself", "herself", "themselves"})


def _with_the_killer(claims: Sequence[Count], text: str | None) -> int:
    """A killer's own death and the deaths he caused, told in one sentence, are different people: "a man killed
    himself after murdering his ex-wife and her husband" -> 3, "fatally shot a neighbour before turning the gun
    on himself" -> 2."""
    best = 0
    for own in (c for c in claims if (c.victim_text or "").lower() in _SELF and _point(c)):
        others = [c for c in claims if c.sentence_index == own.sentence_index and c.victim_text not in _SELF_TEXTS]
        if any((c.victim_text or "").lower().endswith(own.victim_text.lower()) for c in others):  # type: ignore[union-attr]
            continue  # "killed three people and himself": the other claim's own addition (`objects._AND_SELF`)
        if others and (figure := _pick(others, text)):
            best = max(best, figure + (_point(own) or 0))
    return best


_SELF_TEXTS = {None} | {w for w in _SELF} | {w.capitalize() for w in _SELF}


def _self_dead(current: Sequence[Count], hurt: Sequence[Count]) -> int:
    """Shooters dead by their own hand who are not among the people counted hit ("shot her stepson in the chest,
    then turned the gun on herself": the stepson is still hurt); 0 when a hit claim is the shooter's own ("the man
    shot himself ... he died")."""
    if any((c.victim_text or "").lower() in _SELF for c in hurt if _hit_only(c)):
        return 0
    own = (_point(c) or 0 for c in current if c.kind == "killed" and (c.victim_text or "").lower() in _SELF)
    return max(own, default=0)


def estimate_totals(counts: Sequence[Count], text: str | None = None) -> dict[str, int | None]:
    """Best estimate per kind ("killed", "injured", "arrested") for the main current event. A death among
    the people counted hurt ("Two men were wounded. One of them died") moves one of them from injured to
    killed: it is never counted twice."""
    result: dict[str, int | None] = {}
    current = [c for c in counts if c.temporal == "current"]
    for kind in ("killed", "injured", "arrested"):
        claims = [c for c in current if c.kind == kind and not other_harm(c)]  # "hurt in the crash": `harm`
        zeros = [c for c in current if _point(c) == 0 and (c.kind == kind or c.kind == "casualties" != kind)]
        if kind == "injured":  # the people hit include the dead: "two men were shot; one died"
            if _nobody_shot(zeros) and not any(_point(c) and _GUNFIRE.search(c.trigger) for c in claims):
                claims = []  # "no one was hit by the gunfire ... the injured man (stabbed) was taken to hospital"
            hurt = _pick([c for c in claims if not _hit_only(c) or _other_victim(c)], text)
            hit = _pick([c for c in claims if _hit_only(c) and not _other_victim(c)], text)
            alive = (hit or 0) - max((result.get("killed") or 0) - _self_dead(current, claims), 0)
            died_of = max((_point(c) or 0 for c in current if c.kind == "killed" and _of_the_hurt(c)), default=0)
            best = max((hurt or 0) - died_of, alive, 0) or None
            if best is None and (hurt or hit):  # everyone hit died
                result[kind] = None
                continue
        else:
            best = _pick(claims, text)
            if kind == "killed" and best is not None:
                best = max(best, _with_the_killer(claims, text))
        result[kind] = best if best is not None else (0 if zeros else None)
    return result
