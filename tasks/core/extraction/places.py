"""Place mentions resolved offline against the gazetteer, with the event location marked."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from tasks.core.extraction.gazetteer import Candidate, GazEntry, Gazetteer, load_gazetteer, normalise_key
from tasks.core.extraction.model import FeatureKind, Place, Precision, Sentence
from tasks.core.extraction.nlp import sentence_index_of

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})
OTHER_LABELS = frozenset({"ORG", "PERSON"})  # spaCy's small model often files places here
BIG_PLACE = 100_000
ADMIN_WORDS = r"province|region|state|oblast|governorate|district|prefecture|county|department|territory"
SETTLEMENT_WORDS = r"city|town|village|capital|port|suburb|township|hamlet"
TRAILING_TYPE = re.compile(rf"\s+({ADMIN_WORDS}|{SETTLEMENT_WORDS})$", re.IGNORECASE)
CUE_BEFORE = re.compile(rf"\b({ADMIN_WORDS}|{SETTLEMENT_WORDS})\s+of\s+(?:the\s+)?$", re.IGNORECASE)
CUE_AFTER = re.compile(rf"^\s+({ADMIN_WORDS}|{SETTLEMENT_WORDS})\b", re.IGNORECASE)
ACTOR_AFTER = re.compile(r"^[-‐‑]\s?[a-z]")  # "Moscow-backed", "U.S.-led"
ACTOR_BEFORE = re.compile(r"\b(?:pro|anti)[-‐‑]$", re.IGNORECASE)
REPORTING = re.compile(
    r"^\s+(?:has\s+|had\s+|have\s+)?(?:said|says|say|accused|accuses|denied|denies|warned|warns|"
    r"announced|announces|insisted|insists|rejected|rejects|condemned|condemns|urged|urges|"
    r"claimed|claims|threatened|blamed|responded|demanded|vowed|signalled|signaled)\b"
)
INSTITUTIONS = frozenset(
    normalise_key(n)
    for n in (
        "Kremlin",
        "White House",
        "Pentagon",
        "Downing Street",
        "Capitol Hill",
        "Whitehall",
        "Elysee",
        "Elysee Palace",
        "Foggy Bottom",
        "Zhongnanhai",
        "Blue House",
        "Quai d'Orsay",
    )
)
PRIOR = {"C": 16.0, "K": 15.0}
ADMIN_PRIOR = 11.0  # plus 0.2 per power of ten of the unit's population
ROUNDS = 3
SPECIFICITY = {"P": 3, "A": 2, "C": 1, "K": 0}
LOCATIVE = re.compile(r"\b(?:in|at|near|outside|around|across|from|into|inside)\s+(?:the\s+)?$", re.I)


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    key: str
    cue: str | None  # "admin" or "settlement"
    candidates: list[Candidate]
    best: Candidate | None = None
    qualifier: int | None = None  # index of a following ", Illinois"-style mention


def _cue(word: str | None) -> str | None:
    if not word:
        return None
    return "admin" if re.fullmatch(ADMIN_WORDS, word, re.IGNORECASE) else "settlement"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds without a leading "the" and a trailing possessive."""
    span = text[start:end]
    if span.lower().startswith("the "):
        start += 4
    for tail in ("'s", "’s", "'", "’"):
        if text[start:end].endswith(tail):
            end -= len(tail)
            break
    return start, end


def _is_actor(text: str, start: int, end: int) -> bool:
    """Hyphenated adjectives ("Moscow-backed"), "pro-/anti-" forms and seats of power."""
    return bool(
        ACTOR_AFTER.match(text[end : end + 3])
        or ACTOR_BEFORE.search(text[max(0, start - 5) : start])
        or normalise_key(text[start:end]) in INSTITUTIONS
    )


def _lookup(gaz: Gazetteer, name: str, fuzzy: bool = True) -> tuple[list[Candidate], str | None]:
    """Candidates for a mention, and the type word it carried ("Sindh province")."""
    found = gaz.lookup(name)
    if found:
        return found, None
    typed = TRAILING_TYPE.search(name)
    if typed:
        found = gaz.lookup(name[: typed.start()])
        if found:
            return found, typed.group(1)
    if not fuzzy:
        return [], None
    base = name[: typed.start()] if typed else name
    return gaz.lookup_fuzzy(base), typed.group(1) if typed else None


def _placed(text: str, start: int) -> bool:
    """Preceded by a locative preposition or a type word ("in", "the town of")."""
    return bool(
        LOCATIVE.search(text[max(0, start - 14) : start]) or CUE_BEFORE.search(text[max(0, start - 30) : start])
    )


def _misfiled(label: str, text: str, start: int, end: int, found: list[Candidate]) -> bool:
    """An ORG/PERSON tag that is really a place: "in Bamako", "Khan Younis", "across Ukrane"."""
    if CUE_BEFORE.search(text[max(0, start - 30) : start]):  # "the town of Khorugh"
        return any(not c.weak for c in found)
    locative = bool(LOCATIVE.search(text[max(0, start - 14) : start]))
    strong = [c for c in found if not c.weak and (c.entry.kind != "P" or c.entry.population >= BIG_PLACE)]
    if label == "PERSON":
        return bool(strong) and (locative or (" " in text[start:end] and not strong[0].fuzzy))
    return bool(strong) and (locative or any(c.entry.kind in ("C", "A") and not c.fuzzy for c in strong))


def is_misfiled_place(text: str, label: str, start: int, end: int) -> bool:
    """Whether an ORG/PERSON span of `text` is taken as a place by `extract_places`."""
    start, end = _trimmed(text, start, end)
    if end <= start or _is_actor(text, start, end):
        return False
    found = _lookup(load_gazetteer(), text[start:end], fuzzy=_placed(text, start))[0]
    return _misfiled(label, text, start, end, found)


def _collect(doc: Doc, text: str, gaz: Gazetteer) -> list[_Mention]:
    mentions: list[_Mention] = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS and ent.label_ not in OTHER_LABELS:
            continue
        start, end = _trimmed(text, ent.start_char, ent.end_char)
        name = text[start:end]
        if end <= start or gaz.demonym_country(name) is not None or _is_actor(text, start, end):
            continue
        other = ent.label_ in OTHER_LABELS
        candidates, type_word = _lookup(gaz, name, fuzzy=not other or _placed(text, start))
        if ent.label_ == "NORP":  # "Tajikistan" tagged as a nationality: keep exact names only
            candidates = [c for c in candidates if not c.fuzzy]
        elif other and not _misfiled(ent.label_, text, start, end, candidates):
            continue
        if not candidates:
            continue
        before = CUE_BEFORE.search(text[max(0, start - 30) : start])
        after = CUE_AFTER.match(text[end : end + 20])
        cue = _cue(type_word or (before.group(1) if before else None) or (after.group(1) if after else None))
        mentions.append(_Mention(start, end, normalise_key(name), cue, candidates))
    for i in range(len(mentions) - 1):
        if text[mentions[i].end : mentions[i + 1].start] == ", ":
            mentions[i].qualifier = i + 1
    return mentions


def _contains(outer: GazEntry, inner: GazEntry) -> bool:
    if outer.country_code is None or outer.country_code != inner.country_code or outer is inner:
        return False
    return outer.kind == "C" or (outer.kind == "A" and outer.admin1_code == inner.admin1_code)


def _prior(c: Candidate) -> float:
    """Name-only plausibility: countries, then regions, then places by population."""
    e = c.entry
    if e.kind in PRIOR:
        base = PRIOR[e.kind]
    elif e.kind == "A":
        base = ADMIN_PRIOR + 0.2 * math.log10(e.population + 10)
    else:
        base = 2.0 * math.log10(e.population + 10) + (1.0 if e.capital else 0.0)
    return base - (1.5 if c.weak else 0.0) - (3.0 if c.fuzzy else 0.0)


def _eponymous_region(c: Candidate, m: _Mention) -> bool:
    """A region named like a place in its country ("Kharkiv"): the place is meant unless cued."""
    e = c.entry
    return (
        e.kind == "A"
        and m.cue != "admin"
        and any(o.entry.kind == "P" and o.entry.country_code == e.country_code and not o.weak for o in m.candidates)
    )


def _score(c: Candidate, m: _Mention, partner: _Mention | None, ctx: Counter, admins: set) -> float:
    e = c.entry
    score = _prior(c) - (4.0 if _eponymous_region(c, m) else 0.0)
    if m.cue == "admin":
        score += 3.0 if e.kind == "A" else -1.0 if e.kind == "P" else 0.0
    elif m.cue == "settlement":
        score += 3.0 if e.kind == "P" else 0.0
    if partner is not None and any(_contains(p.entry, e) or _contains(e, p.entry) for p in partner.candidates):
        score += 6.0
    total = sum(ctx.values())
    if e.country_code and ctx.get(e.country_code):
        share = ctx[e.country_code] / total
        score += {"A": 5.0 * share + 1.0, "C": 2.0 * share + 1.0}.get(e.kind, 2.0 * share + 0.5)
    if e.kind == "P" and (e.country_code, e.admin1_code) in admins:
        score += 3.0
    return score


def _resolve(mentions: list[_Mention], base_ctx: Counter) -> None:
    """Names alone first, then again in the light of the document's other places."""
    for rnd in range(ROUNDS):
        picks = [(m.key, m.best.entry) for m in mentions if m.best is not None]
        for i, m in enumerate(mentions):
            ctx: Counter = Counter(base_ctx) if rnd else Counter()
            admins: set = set()
            for key, entry in picks:
                if key != m.key and entry.country_code:
                    ctx[entry.country_code] += 1
                    if entry.kind == "A":
                        admins.add((entry.country_code, entry.admin1_code))
            partners = [mentions[j] for j, n in enumerate(mentions) if n.qualifier == i]
            partner = mentions[m.qualifier] if m.qualifier is not None else (partners or [None])[0]
            m.best = max(m.candidates, key=lambda c: _score(c, m, partner, ctx, admins))


def _demonym_context(doc: Doc, text: str, gaz: Gazetteer) -> Counter:
    ctx: Counter = Counter()
    for token in doc:
        cc = gaz.demonym_country(token.text) if token.is_title else None
        if cc and not ACTOR_BEFORE.search(text[max(0, token.idx - 5) : token.idx]):
            ctx[cc] += 1
    return ctx


def _event_place(
    mentions: list[_Mention], sent_of: list[int], event_sentences: frozenset[int], text: str
) -> GazEntry | None:
    """The most specific place in the event sentences, favouring their main country."""
    pool = [(m, s) for m, s in zip(mentions, sent_of, strict=True) if s in event_sentences]
    if not pool:
        pool = [(m, s) for m, s in zip(mentions, sent_of, strict=True) if s == min(sent_of)]
        if not pool or pool[0][1] > 1:
            return None
    order = sorted({s for _, s in pool})
    main_cc = Counter(m.best.entry.country_code for m, _ in pool if m.best).most_common(1)[0][0]

    def rank(item: tuple[_Mention, int]) -> float:
        m, s = item
        e = m.best.entry if m.best else None
        if e is None:
            return -1e9
        locative = bool(LOCATIVE.search(text[max(0, m.start - 14) : m.start]))
        return (
            SPECIFICITY[e.kind]
            + (1.0 if e.country_code == main_cc else 0.0)
            + (0.5 if locative else 0.0)
            - 0.1 * order.index(s)
            - 0.3
            * (m.qualifier is None and any(n.qualifier is not None and mentions[n.qualifier] is m for n, _ in pool))
        )

    best = max(pool, key=rank)[0].best
    return best.entry if best else None


def _feature(e: GazEntry) -> tuple[FeatureKind, Precision]:
    if e.kind == "C":
        return "country", "country"
    if e.kind == "K":
        return "continent", "country"
    if e.kind == "A":
        return "region", "admin1"
    if e.capital or e.population >= 15_000:
        return "city", "place"
    return ("town", "place") if e.population >= 1_000 else ("village", "place")


def extract_places(doc: Doc, sentences: Sequence[Sentence], event_sentences: frozenset[int]) -> list[Place]:
    """Every place mention, resolved; `event` for the mentions of the event's location."""
    gaz = load_gazetteer()
    text = doc.text
    mentions = _collect(doc, text, gaz)
    _resolve(mentions, _demonym_context(doc, text, gaz))
    mentions = [
        m for m in mentions if m.best and not (m.best.entry.capital and REPORTING.match(text[m.end : m.end + 30]))
    ]
    where = ([s.char_start for s in sentences], [s.index for s in sentences])
    sent_of = [sentence_index_of(*where, m.start) for m in mentions]
    event = _event_place(mentions, sent_of, event_sentences, text) if mentions else None
    places = []
    for m, sent in zip(mentions, sent_of, strict=True):
        e = m.best.entry  # type: ignore[union-attr]  # filtered above
        kind, precision = _feature(e)
        admin = gaz.admin1_of(e)
        role = "event" if e is event and (sent in event_sentences or not event_sentences) else "mentioned"
        places.append(
            Place(
                text[m.start : m.end],
                e.name,
                e.geonameid,
                kind,
                e.country_code,
                admin.name if admin else None,
                e.lat,
                e.lon,
                precision,
                role,
                sent,
                m.start,
                m.end,
            )
        )
    return places
