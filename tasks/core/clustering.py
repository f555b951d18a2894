"""Near-duplicates and same-event clusters (pure: no Prefect, no DuckDB).

Near-duplicates: each document's word 3-grams are MinHashed (datasketch); the signature is cut into LSH
bands, whose hashes the warehouse stores, so a new document meets every stored one sharing a band without
the index being rebuilt. A candidate pair is a near-duplicate when the shorter copy's shingles are (by the
MinHash estimate) mostly found in the longer one: that catches a republished page with a new headline or a
trimmed tail, which plain Jaccard misses.

Same-event clusters: `score_pair` decides, from two documents' stored fields alone, whether they report one
event (rules in `CLUSTER_RULES_VERSION`). Clusters are the connected components of the links, named by their
smallest doc_id, so they do not depend on the order or batches documents arrived in.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from tasks.core.geo import km_between

# Bump when a rule below changes; `wirehouse recluster` rebuilds every cluster with the current rules.
CLUSTER_RULES_VERSION = "2026.12.01-3"

NUM_PERM = 128
SCHEME = "affine32"  # datasketch 2.0's default; stored signatures are only comparable within one scheme
LSH_THRESHOLD = 0.5  # Jaccard at which a pair becomes an LSH candidate (a half-trimmed copy is about 0.5)
NEAR_DUP_CONTAINMENT = 0.8  # share of the shorter copy's shingles found in the longer one
MIN_SHINGLES = 12  # shorter texts (a headline, a stub) are never called near-duplicates
SHINGLE_WORDS = 3
LEAD_CHARS = 1500  # keywords come from the title and this much of the text: the lead names the event

DAY_WINDOW = 1  # same or adjacent days
# A report that states no event date is dated by its publication: the event happened that day or up to this
# many days before (a weekly round-up, a follow-up story), so its day is a range, not a point.
UNDATED_SLACK = 3
LINK_THRESHOLD = 0.65  # place, day and type alone (0.6) are not enough: some shared words, names or counts too
NEAR_KM = 40.0  # two resolved places this close are one site
FAR_KM = 150.0  # two resolved places this far apart are two events

# ACLED event types that one incident is often reported under by different outlets.
_TYPE_GROUPS = (
    frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"}),
    frozenset({"Protests", "Riots"}),
)
# ACLED's catch-all, which a report of a protest or an attack often gets from one outlet's wording: it
# neither supports nor rules out a link.
_WILDCARD_TYPES = frozenset({"Strategic developments"})

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_NEWS_WORDS = frozenset(
    {
        "said",
        "says",
        "told",
        "according",
        "reported",
        "reports",
        "report",
        "officials",
        "official",
        "people",
        "police",
        "government",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "week",
        "year",
        "years",
        "today",
        "yesterday",
        "news",
        "agency",
    }
)


@functools.cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # a plain word list; spaCy's pipeline is not loaded

    return frozenset(STOP_WORDS) | _NEWS_WORDS


# ---------------------------------------------------------------------------------------------- near-duplicates


@dataclass(frozen=True, slots=True)
class Signature:
    doc_id: str
    hashvalues: np.ndarray  # uint32, NUM_PERM of them
    n_shingles: int

    def to_bytes(self) -> bytes:
        return self.hashvalues.astype("<u4").tobytes()

    @staticmethod
    def from_bytes(doc_id: str, blob: bytes, n_shingles: int) -> Signature:
        return Signature(doc_id, np.frombuffer(blob, dtype="<u4").astype(np.uint32), n_shingles)


def shingles(text: str) -> set[bytes]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)}


@functools.cache
def _template():  # noqa: ANN202 -- a datasketch MinHash whose permutations every signature reuses
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)


@functools.cache
def lsh_bands() -> tuple[int, int]:
    """(bands, rows per band) that datasketch picks for LSH_THRESHOLD at NUM_PERM."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def make_signature(doc_id: str, text: str) -> Signature:
    from datasketch import MinHash

    grams = shingles(text)
    minhash = MinHash(num_perm=NUM_PERM, permutations=_template().permutations, scheme=SCHEME)
    if grams:
        minhash.update_batch(sorted(grams))
    return Signature(doc_id, minhash.hashvalues.copy(), len(grams))


def band_buckets(signature: Signature) -> list[tuple[int, int]]:
    """(band, bucket) rows of a signature; a bucket is a 64-bit hash of the band's hash values."""
    if signature.n_shingles < MIN_SHINGLES:
        return []
    n_bands, rows = lsh_bands()
    raw = signature.hashvalues.astype("<u4")
    out = []
    for band in range(n_bands):
        digest = hashlib.blake2b(raw[band * rows : (band + 1) * rows].tobytes(), digest_size=8).digest()
        out.append((band, int.from_bytes(digest, "little")))
    return out


def containment(a: Signature, b: Signature) -> float:
    """Estimated share of the smaller shingle set found in the larger, from the MinHash Jaccard estimate."""
    if min(a.n_shingles, b.n_shingles) < MIN_SHINGLES:
        return 0.0
    jaccard = float(np.count_nonzero(a.hashvalues == b.hashvalues)) / NUM_PERM
    overlap = jaccard / (1.0 + jaccard) * (a.n_shingles + b.n_shingles)
    return min(1.0, overlap / min(a.n_shingles, b.n_shingles))


@dataclass(frozen=True, slots=True)
class Copy:
    doc_id: str
    published_at: dt.datetime | None


def pick_originals(copies: dict[str, Copy], pairs: Iterable[tuple[str, str, float]]) -> dict[str, tuple[str, float]]:
    """doc_id -> (the copy it duplicates, similarity) for every document with an earlier near-duplicate.

    The original of a document is, among itself and its near-duplicates, the earliest published (undated
    last), then the smallest doc_id: a function of the set, not of arrival order."""
    far = dt.datetime.max.replace(tzinfo=dt.UTC)

    def key(doc_id: str) -> tuple[dt.datetime, str]:
        when = copies[doc_id].published_at if doc_id in copies else None
        return (when or far, doc_id)

    best: dict[str, tuple[str, float]] = {}
    for a, b, sim in pairs:
        for doc, other in ((a, b), (b, a)):
            if key(other) < key(doc) and (doc not in best or key(other) < key(best[doc][0])):
                best[doc] = (other, sim)
    return best


# ---------------------------------------------------------------------------------------------- same-event links


@dataclass(frozen=True, slots=True)
class EventFeatures:
    """What the link rules read of one document (any of it may be unknown)."""

    doc_id: str
    day: dt.date | None  # the event date, else the publication day
    event_type: str | None = None
    country: str | None = None
    admin1: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    killed: int | None = None
    injured: int | None = None
    arrested: int | None = None
    names: frozenset[str] = frozenset()  # people and organisations, normalised
    keywords: frozenset[str] = frozenset()
    undated: bool = False  # no date stated in the text: `day` is the publication day, the event that day or
    # up to UNDATED_SLACK days before

    def days(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day the event can have been."""
        if self.day is None:
            return None
        first = (shift_day(self.day, -UNDATED_SLACK) or dt.date.min) if self.undated else self.day
        return first, self.day


def extract_keywords(title: str | None, text: str | None) -> frozenset[str]:
    lead = f"{title or ''}\n{(text or '')[:LEAD_CHARS]}"
    stop = _stop_words()
    return frozenset(w for w in (m.lower() for m in _WORD.findall(lead)) if len(w) >= 4 and w not in stop)


def _km(a: EventFeatures, b: EventFeatures) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    return km_between(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _counts_agree(x: int | None, y: int | None) -> bool | None:
    """None when either is unreported; tolls rise as reports come in, so only a wide gap disagrees."""
    if x is None or y is None:
        return None
    lo, hi = sorted((x, y))
    return hi - lo <= 3 or lo >= 0.25 * hi


def _place_score(a: EventFeatures, b: EventFeatures) -> tuple[float, str] | None:
    """How strongly two documents' places agree; None when they are surely two places."""
    if a.country and b.country and a.country != b.country:
        return None
    km = _km(a, b)
    same_place = a.place is not None and a.place == b.place
    if same_place or (km is not None and km <= NEAR_KM):
        return 0.35, "place"
    if km is not None and km > FAR_KM and a.place and b.place:
        return None
    if a.admin1 and a.admin1 == b.admin1:
        return 0.15, "admin1"
    if a.country and a.country == b.country:
        return 0.05, "country"
    return 0.0, ""


def score_pair(a: EventFeatures, b: EventFeatures) -> tuple[float, str] | None:
    """(score, shared features) when the rules link two documents as one event, else None. Symmetric."""
    ra, rb = a.days(), b.days()
    if ra is None or rb is None or (max(ra[0], rb[0]) - min(ra[1], rb[1])).days > DAY_WINDOW:
        return None
    same_day = a.day == b.day and not a.undated and not b.undated
    types = {a.event_type, b.event_type} - {None} - _WILDCARD_TYPES
    if len(types) == 2:
        if any(a.event_type in g and b.event_type in g for g in _TYPE_GROUPS):
            type_score, type_tag = 0.05, "type_group"
        else:  # one outlet's wording can mislead the type classifier: strong other evidence still links
            type_score, type_tag = -0.3, "types_differ"
    elif len(types) == 1 and a.event_type == b.event_type:
        type_score, type_tag = 0.15, "type"
    else:
        type_score, type_tag = 0.0, ""
    place = _place_score(a, b)
    if place is None:
        return None
    score = place[0] + type_score + (0.1 if same_day else 0.0)
    shared = [place[1], "date" if same_day else "near_date", type_tag]
    agreements = [_counts_agree(x, y) for x, y in ((a.killed, b.killed), (a.injured, b.injured))]
    agreements.append(_counts_agree(a.arrested, b.arrested))
    if any(ok is False for ok in agreements):
        score -= 0.2
        shared.append("counts_differ")
    elif any(agreements):
        score += 0.1
        shared.append("counts")
    names = _overlap(a.names, b.names)
    if names:
        score += 0.3 * names
        shared.append(f"names:{len(a.names & b.names)}")
    words = _jaccard(a.keywords, b.keywords)
    score += 1.2 * words
    shared.append(f"words:{words:.2f}")
    if score < LINK_THRESHOLD:
        return None
    return round(score, 4), ",".join(s for s in shared if s)


def shift_day(day: dt.date, days: int) -> dt.date | None:
    """day + days, or None past the calendar's ends (a hostile input can be dated 9999-12-31)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def candidate_offsets(f: EventFeatures) -> range:
    """Offsets from f.day of the days (`day` of the other document) whose documents f can be linked with."""
    lo = -DAY_WINDOW - (UNDATED_SLACK if f.undated else 0)
    return range(lo, DAY_WINDOW + UNDATED_SLACK + 1)


def find_links(new: Sequence[EventFeatures], candidates: Sequence[EventFeatures]) -> list[tuple[str, str, float, str]]:
    """Links (doc_id < other_doc_id, score, shared) between new documents and candidates (and among the new).

    Blocked by day and country: two documents in different known countries never link (`_place_score`), so a
    document of a known country is scored only against those of its country or of none, and one of no known
    country against all: the pairs scored grow with the documents of a day and country, not of the warehouse."""
    by_day: dict[dt.date, list[EventFeatures]] = {}
    by_block: dict[tuple[dt.date, str | None], list[EventFeatures]] = {}
    pool = {f.doc_id: f for f in (*candidates, *new)}
    for f in pool.values():
        if f.day is not None:
            by_day.setdefault(f.day, []).append(f)
            by_block.setdefault((f.day, f.country or None), []).append(f)
    out: dict[tuple[str, str], tuple[float, str]] = {}
    for a in new:
        if a.day is None:
            continue
        for offset in candidate_offsets(a):
            day = shift_day(a.day, offset)
            if day is None:
                continue
            if a.country:
                others = (*by_block.get((day, a.country), ()), *by_block.get((day, None), ()))
            else:
                others = tuple(by_day.get(day, ()))
            for b in others:
                if b.doc_id == a.doc_id:
                    continue
                pair = (a.doc_id, b.doc_id) if a.doc_id < b.doc_id else (b.doc_id, a.doc_id)
                if pair in out:
                    continue
                found = score_pair(a, b)
                if found is not None:
                    out[pair] = found
    return [(x, y, s, why) for (x, y), (s, why) in sorted(out.items())]


@dataclass(frozen=True, slots=True)
class Membership:
    doc_id: str
    cluster_id: str
    joined_via: str | None
    score: float | None
    shared: str | None


def components(members: Iterable[str], links: Iterable[tuple[str, str, float, str]]) -> list[Membership]:
    """Connected components of `links` over `members`; each named by its smallest doc_id; each document
    joined via its strongest link (ties: the smaller other doc_id)."""
    parent = {m: m for m in members}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    strongest: dict[str, tuple[float, str, str]] = {}
    for a, b, score, shared in links:
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
        for doc, other in ((a, b), (b, a)):
            prev = strongest.get(doc)
            if prev is None or (-score, other) < (-prev[0], prev[1]):
                strongest[doc] = (score, other, shared)
    names: dict[str, str] = {}
    for doc in sorted(parent):
        names.setdefault(root(doc), doc)  # sorted: the first member seen is the smallest
    out = []
    for doc in sorted(parent):
        via = strongest.get(doc)
        out.append(
            Membership(doc, names[root(doc)], via[1] if via else None, via[0] if via else None, via[2] if via else None)
        )
    return out
