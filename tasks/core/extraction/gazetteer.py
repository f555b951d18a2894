"""Offline gazetteer: countries, admin-1 regions, admin-2 districts and places (GeoNames, CC BY 4.0).

The table is data/gazetteer.bin, rebuilt by data/build_gazetteer.py: fixed-width arrays and sorted
lookup keys that a process maps read-only (`mmap`) instead of parsing, so loading costs a few
milliseconds and every worker forked from the warm fork server, or started beside it, shares the
same page-cache pages. Lookups bisect the sorted keys; entries are decoded lazily and cached.
"""

from __future__ import annotations

import bisect
import json
import mmap
import re
import struct
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

DATA_FILE = Path(__file__).resolve().parent / "data" / "gazetteer.bin"
MAGIC = b"WHGAZ2\n\0"
GazKind = Literal["C", "A", "B", "P", "K"]
FUZZY_MIN_POPULATION = 50_000
_SPACE = re.compile(r"[\s\-‐‑–]+")
_DROP = re.compile(r"[.,'‘’ʿʾ`´]")
_ARTICLE = re.compile(r"(?:^|(?<= ))(?:a|e)(?:[lnrdstz]|sh) (?=\w)")  # Arabic al-/an-/ad-/ash-/el-
# name -> array typecode; "blob" arrays hold UTF-8 text addressed by an "<name>_off" array (n + 1 offsets)
COLUMNS = {
    "kind": "B",
    "gid": "i",
    "pop": "q",
    "lat": "f",
    "lon": "f",
    "cc": "B",  # two bytes per row
    "admin1_row": "i",
    "admin2_row": "i",
    "flags": "B",
    "name_off": "I",
    "name": "B",
    "code_off": "I",
    "code": "B",
    "iso_off": "I",
    "iso": "B",
    "key_off": "I",
    "keys": "B",
    "post_off": "I",
    "post": "I",
    "fuzzy": "I",
    "skel": "B",  # key numbers sorted by skeleton, three bytes each (little-endian); see `skeleton_order`
}
SKELETON_WIDTH = 3
CAPITAL_FLAG = 1


def normalise_key(name: str) -> str:
    """Casefolded, accent-free, hyphen- and apostrophe-insensitive lookup key ("Gorno-Badakhshan" ->
    "gorno badakhshan"); the Arabic article's assimilated forms are one ("an-Numan" -> "al numan")."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _ARTICLE.sub("al ", _SPACE.sub(" ", _DROP.sub("", text)).strip().casefold())


# Transliteration skeletons (`skeleton`): one key for the romanisations of a name ("Khan Shaykhun" and "Kan
# Sheikhoun", "Tall Rif'at" and "Tell Rifaat", "Oued" and "Wadi"). Generic words and particles first take one
# spelling...
SKELETON_WORDS = {
    **dict.fromkeys(("al", "el", "il", "ul", "l"), ""),  # the article (normalise_key made "an-", "ash-" "al")
    **dict.fromkeys(("ben", "bin", "ibn", "bn", "ibni"), "bin"),  # "son of"
    **dict.fromkeys(("abou", "abo", "bou", "abu"), "abu"),  # "father of" (Maghrebi "Bou")
    **dict.fromkeys(("beni", "bani", "banu", "bany", "bene"), "bani"),  # "sons of" (a tribe's name)
    **dict.fromkeys(("oued", "ouadi", "wad", "wadi"), "wadi"),  # a valley (French "Oued")
    **dict.fromkeys(("jebel", "djebel", "jbel", "jabel", "gebel", "jabal", "djbel"), "jabal"),  # a mountain
    **dict.fromkeys(("kfar", "kefr", "kafr"), "kafr"),  # a village
}
# ...then letters that spell one sound (or sounds one script writes alike) become one symbol: "kh", "gh", "q", "g",
# "k", "c", "ck" are K; "sh", "ch", "sch", "tch" are S; "dh" d, "th" t, "ph" f, "dj" and "zh" j; French "ou" before a
# vowel is w ("Ouaddai"). A "y" or "w" before a vowel is a consonant, otherwise part of the vowel ("Ghowr" = "Ghor",
# "Sheikh"); a final "h" after a vowel is silent ("Gazzah"); every run of vowels is one of two: "u" if it has an "o",
# "u" or "w" (Arabic's damma, Somali's "oo": "Ghor" = "Ghowr", "ou" = "u"), else "a" (fatha and kasra, which
# romanisations swap: "ee" = "i", "Idleb" = "Idlib", "Dar'a" = "Daraa" = "Deraa"; folding all vowels into one
# also merged names that differ only in them); doubled letters are one; the words are joined ("Abu Dhabi" =
# "Abudhabi"). The first letter folds like any other: "Qal'at" and "Kalaat", "Idlib" and "Edleb" are one name.
_SKELETON_LETTERS = re.compile(r"sch|tch|ch|sh|kh|gh|ck|dh|th|ph|dj|zh|ou(?=[aeiouy])|[qgkc]")
_SKELETON_FOLD = {"sch": "S", "tch": "S", "ch": "S", "sh": "S", "dh": "d", "th": "t", "ph": "f", "dj": "j"}
_SKELETON_FOLD |= {"zh": "j", "ou": "W", **dict.fromkeys(("kh", "gh", "ck", "q", "g", "k", "c"), "K")}
_SEMIVOWEL = re.compile(r"[yw](?=[aeiou])")
_SILENT_H = re.compile(r"(?<=[aeiouy])h$")
_VOWELS = re.compile(r"[aeiouyw]+")
_BACK_VOWEL = re.compile(r"[ouw]")
_DOUBLE = re.compile(r"(.)\1+")
SKELETON_MIN = 5  # shorter skeletons ("Daraa": "dara") match too many names to be worth a guess


def _vowel_class(m: re.Match[str]) -> str:
    return "u" if _BACK_VOWEL.search(m.group(0)) else "a"


def skeleton(key: str) -> str:
    """The transliteration skeleton of a normalised key (`normalise_key`): "kan sheikhoun" and "khan
    shaykhun" are both "KanSaKun"; "tell rifaat" and "tall rifat" "talrafat"."""
    words = []
    for word in key.split():
        word = SKELETON_WORDS.get(word, word)
        word = _SKELETON_LETTERS.sub(lambda m: _SKELETON_FOLD[m.group(0)], _SILENT_H.sub("", word))
        words.append(_VOWELS.sub(_vowel_class, _SEMIVOWEL.sub(lambda m: m.group(0).upper(), word)))
    return _DOUBLE.sub(r"\1", "".join(words))


@dataclass(frozen=True, slots=True)
class GazEntry:
    kind: GazKind
    geonameid: int | None
    name: str
    country_code: str | None
    admin1_code: str | None
    lat: float | None
    lon: float | None
    population: int
    capital: bool
    row: int = -1
    admin1_row: int = -1
    admin2_row: int = -1
    iso3166_2: str | None = None  # admin-1 rows only (their places inherit it through `admin1_of`)


@dataclass(frozen=True, slots=True)
class Candidate:
    entry: GazEntry
    weak: bool  # matched a weak alias ("Badakhshan" for "Gorno-Badakhshan")
    fuzzy: bool  # matched through a spelling correction (or a transliteration skeleton)
    skeleton: bool = False  # matched only through a transliteration skeleton (`Gazetteer.lookup_skeleton`)


FUZZY_CACHE_SIZE = 100_000  # corrected spellings remembered per process (about 10 MB at most)


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row as the builder writes it."""

    kind: str
    geonameid: int | None
    name: str
    country_code: str
    admin1_code: str
    lat: float | None
    lon: float | None
    population: int
    keys: Sequence[str]  # normalised; a leading "~" marks a weak alias
    admin1_row: int = -1
    admin2_row: int = -1
    iso3166_2: str = ""
    flags: int = 0


def write_table(path: Path, rows: Sequence[TableRow], demonyms: dict[str, str], fuzzy_min: int) -> None:
    """Write the mapped table (deterministic: the same rows give the same bytes)."""
    cols: dict[str, array] = {name: array(code) for name, code in COLUMNS.items()}
    blobs = {"name": bytearray(), "code": bytearray(), "iso": bytearray()}
    postings: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        cols["kind"].append(ord(r.kind))
        cols["gid"].append(-1 if r.geonameid is None else r.geonameid)
        cols["pop"].append(r.population)
        cols["lat"].append(float("nan") if r.lat is None else r.lat)
        cols["lon"].append(float("nan") if r.lon is None else r.lon)
        cols["cc"].frombytes((r.country_code or "  ").encode("ascii")[:2].ljust(2))
        cols["admin1_row"].append(r.admin1_row)
        cols["admin2_row"].append(r.admin2_row)
        cols["flags"].append(r.flags)
        for blob, value in (("name", r.name), ("code", r.admin1_code), ("iso", r.iso3166_2)):
            cols[f"{blob}_off"].append(len(blobs[blob]))
            blobs[blob] += value.encode("utf-8")
        for key in r.keys:
            weak = key.startswith("~")
            postings[key.lstrip("~")].append(i * 2 + weak)
    for blob, data in blobs.items():
        cols[f"{blob}_off"].append(len(data))
        cols[blob].frombytes(bytes(data))
    keys = sorted(postings, key=lambda k: k.encode("utf-8"))
    encoded = bytearray()
    for n, key in enumerate(keys):
        cols["key_off"].append(len(encoded))
        encoded += key.encode("utf-8")
        cols["post_off"].append(len(cols["post"]))
        codes = sorted(set(postings[key]))
        cols["post"].extend(codes)
        if len(key) >= 5 and any(
            not c % 2 and (rows[c // 2].kind != "P" or rows[c // 2].population >= fuzzy_min) for c in codes
        ):
            cols["fuzzy"].append(n)
    cols["key_off"].append(len(encoded))
    cols["post_off"].append(len(cols["post"]))
    cols["keys"].frombytes(bytes(encoded))
    for n in skeleton_order(keys, [sorted(set(postings[key])) for key in keys]):
        cols["skel"].frombytes(n.to_bytes(SKELETON_WIDTH, "little"))
    layout: dict[str, list] = {}
    offset = 0
    for name, col in cols.items():
        layout[name] = [col.typecode, offset, len(col)]
        offset += (len(col) * col.itemsize + 7) // 8 * 8
    header = json.dumps({"rows": len(rows), "layout": layout, "demonyms": demonyms}, sort_keys=True).encode()
    header += b" " * (-(len(header) + len(MAGIC) + 8) % 8)
    with open(path, "wb") as fh:
        fh.write(MAGIC + struct.pack("<Q", len(header)) + header)
        for col in cols.values():
            data = col.tobytes()
            fh.write(data + b"\0" * (-len(data) % 8))


def skeleton_order(keys: Sequence[str], codes: Sequence[Sequence[int]]) -> list[int]:
    """The key numbers worth a skeleton lookup, sorted by skeleton (then number): keys with a strong posting whose
    skeleton has `SKELETON_MIN` letters or more; of the keys of one skeleton with the same strong postings
    ("tell rifaat", "tall rifat" for one town), only the first."""
    seen: set[tuple[str, tuple[int, ...]]] = set()
    order = []
    for n, key in enumerate(keys):
        strong = tuple(c for c in codes[n] if not c % 2)
        skel = skeleton(key)
        if strong and len(skel) >= SKELETON_MIN and skel.isalpha() and (skel, strong) not in seen:
            seen.add((skel, strong))
            order.append((skel, n))
    order.sort()
    return [n for _, n in order]


class Gazetteer:
    """Name lookups over the mapped table."""

    def __init__(self, path: Path) -> None:
        with open(path, "rb") as fh:
            self._mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        if self._mm[: len(MAGIC)] != MAGIC:
            raise ValueError(f"{path} is not a wirehouse gazetteer table (rebuild it with build_gazetteer.py)")
        (size,) = struct.unpack_from("<Q", self._mm, len(MAGIC))
        start = len(MAGIC) + 8
        header = json.loads(self._mm[start : start + size])
        base = start + size
        view = memoryview(self._mm)
        cols = {}
        for name, (code, offset, count) in header["layout"].items():
            width = array(code).itemsize
            cols[name] = view[base + offset : base + offset + count * width].cast(code)
        self._c = cols
        self.size = header["rows"]
        self.demonyms: dict[str, str] = header["demonyms"]
        self._nkeys = len(cols["key_off"]) - 1
        self._parsed: dict[int, GazEntry] = {}
        self._corrected: dict[str, str | None] = {}  # fuzzy key -> the known key it is closest to (or none)
        self._skeletons: dict[str, list[int]] = {}  # skeleton -> the strong postings of its keys
        self._nskel = len(cols["skel"]) // SKELETON_WIDTH if "skel" in cols else 0
        kinds, country = cols["kind"], ord("C")
        self._countries = {self._cc(i): i for i in range(self.size) if kinds[i] == country}
        self._capital_rows: dict[str, int] | None = None

    def _text(self, blob: str, row: int) -> str:
        off = self._c[f"{blob}_off"]
        return bytes(self._c[blob][off[row] : off[row + 1]]).decode("utf-8")

    def _cc(self, row: int) -> str:
        return bytes(self._c["cc"][row * 2 : row * 2 + 2]).decode("ascii").strip()

    def _key(self, n: int) -> bytes:
        off = self._c["key_off"]
        return bytes(self._c["keys"][off[n] : off[n + 1]])

    def _codes(self, key: str) -> list[int]:
        target = key.encode("utf-8")
        n = bisect.bisect_left(range(self._nkeys), target, key=self._key)
        if n == self._nkeys or self._key(n) != target:
            return []
        off = self._c["post_off"]
        return list(self._c["post"][off[n] : off[n + 1]])

    def entry(self, row: int) -> GazEntry:
        """The decoded entry of one row."""
        found = self._parsed.get(row)
        if found is None:
            c = self._c
            lat, lon = c["lat"][row], c["lon"][row]
            gid = c["gid"][row]
            found = self._parsed[row] = GazEntry(
                kind=chr(c["kind"][row]),  # type: ignore[arg-type]  # written by write_table
                geonameid=None if gid < 0 else gid,
                name=self._text("name", row),
                country_code=self._cc(row) or None,
                admin1_code=self._text("code", row) or None,
                lat=None if lat != lat else round(lat, 5),  # NaN: no coordinates
                lon=None if lon != lon else round(lon, 5),
                population=c["pop"][row],
                capital=bool(c["flags"][row] & CAPITAL_FLAG),
                row=row,
                admin1_row=c["admin1_row"][row],
                admin2_row=c["admin2_row"][row],
                iso3166_2=self._text("iso", row) or None,
            )
        return found

    def _candidates(self, codes: list[int], fuzzy: bool) -> list[Candidate]:
        return [Candidate(self.entry(c // 2), bool(c % 2), fuzzy) for c in codes]

    def lookup(self, name: str) -> list[Candidate]:
        """Exact (normalised) matches of a name."""
        return self._candidates(self._codes(normalise_key(name)), False)

    def names_place(self, name: str) -> bool:
        """True when `name` is a region's or district's name (any strong alias) or a place's own name: then a
        leading "South", "Upper" or "New" is part of it ("South Kivu", "Upper East", "New Delhi")."""
        key = normalise_key(name)
        return any(
            not c.weak and (c.entry.kind in ("A", "B") or normalise_key(c.entry.name) == key) for c in self.lookup(name)
        )

    def lookup_fuzzy(self, name: str) -> list[Candidate]:
        """Matches of the closest known spelling: 1 edit for 5-8 letters, 2 from 9; none below 5; every word
        keeps its first letter."""
        key = normalise_key(name)
        if len(key) < 5 or not key[0].isalpha():
            return []
        if key not in self._corrected:  # a worker meets the same names again and again: about 0.5 ms each
            limit = _edits(key)
            choices = self._fuzzy_keys().get(key[0], [])
            hits = process.extract(key, choices, scorer=Levenshtein.distance, score_cutoff=limit, limit=4)
            # "West Rand" is no misspelling of "West Bank": a misspelt word keeps its first letter
            hit = next((h for h in hits if _same_initials(key, h[0])), None)
            if len(self._corrected) >= FUZZY_CACHE_SIZE:
                self._corrected.clear()
            self._corrected[key] = None if hit is None else hit[0]
        known = self._corrected[key]
        if known is None:
            return []
        return [c for c in self._candidates(self._codes(known), True) if not c.weak]

    def corrected_to_alias(self, name: str, entry: GazEntry) -> bool:
        """Whether `lookup_fuzzy(name)` reached `entry` through an alternate name, not its own ("Sortony" ->
        "Sorton", an old spelling of Thornton): a correction of a variant, twice removed from the place."""
        key, own = normalise_key(name), normalise_key(entry.name)
        known = self._corrected.get(key)
        if known is None or known == own:
            return False
        bare = [_ARTICLE_WORD.sub("", k).replace(" ", "") for k in (key, own)]  # "Deir Ezzor", "Deir ez-Zor"
        return Levenshtein.distance(*bare) > _edits(key)

    def _skeleton_at(self, i: int) -> str:
        return skeleton(self._key(self._skeleton_key(i)).decode("utf-8"))

    def _skeleton_key(self, i: int) -> int:
        return int.from_bytes(self._c["skel"][i * SKELETON_WIDTH : (i + 1) * SKELETON_WIDTH], "little")

    def lookup_skeleton(self, name: str) -> list[Candidate]:
        """Places whose name has the same transliteration skeleton (`skeleton`: "Kan Sheikhoun" for "Khan
        Shaykhun"), for a name the exact and the fuzzy lookups miss; places whose own name has it (an alternate name's
        skeleton finds too many nicknames), none for a skeleton
        under `SKELETON_MIN` letters. Weaker evidence than a spelling correction: callers want a cue and the
        document's country."""
        target = skeleton(normalise_key(name))
        if len(target) < SKELETON_MIN or not target.isalpha():
            return []
        codes = self._skeletons.get(target)
        if codes is None:  # about 20 skeletons computed per bisection; a worker meets the same names again
            n = bisect.bisect_left(range(self._nskel), target, key=self._skeleton_at)
            found: set[int] = set()
            off = self._c["post_off"]
            while n < self._nskel and self._skeleton_at(n) == target:
                k = self._skeleton_key(n)
                found.update(c for c in self._c["post"][off[k] : off[k + 1]] if not c % 2)
                n += 1
            if len(self._skeletons) >= FUZZY_CACHE_SIZE:
                self._skeletons.clear()
            codes = self._skeletons[target] = sorted(found)
        entries = [self.entry(c // 2) for c in codes]  # the place's own name, not one of its aliases ("Motel")
        return [Candidate(e, False, True, True) for e in entries if skeleton(normalise_key(e.name)) == target]

    @lru_cache(maxsize=1)  # noqa: B019  # one gazetteer per process; it is never freed anyway
    def _fuzzy_keys(self) -> dict[str, list[str]]:
        """Keys worth correcting to: countries, regions, continents and places of 50,000+."""
        buckets: dict[str, list[str]] = defaultdict(list)
        for n in self._c["fuzzy"]:
            key = self._key(n).decode("utf-8")
            buckets[key[0]].append(key)
        return dict(buckets)

    def demonym_country(self, word: str) -> str | None:
        """ISO code for a demonym or nationality adjective ("Tajik" -> "TJ")."""
        return self.demonyms.get(normalise_key(word))

    def country(self, code: str) -> GazEntry | None:
        """The country entry for an ISO alpha-2 code."""
        row = self._countries.get(code)
        return None if row is None else self.entry(row)

    def capital_of(self, code: str) -> GazEntry | None:
        """A country's national capital, when the table marks one (the flags are scanned once)."""
        if self._capital_rows is None:
            flags, kinds, place = self._c["flags"], self._c["kind"], ord("P")
            rows = (i for i in range(self.size) if flags[i] & CAPITAL_FLAG and kinds[i] == place)
            self._capital_rows = {self._cc(i): i for i in rows}
        row = self._capital_rows.get(code)
        return None if row is None else self.entry(row)

    def admin1_of(self, entry: GazEntry) -> GazEntry | None:
        """The admin-1 unit containing a place or district (or the unit itself)."""
        if entry.kind == "A":
            return entry
        return None if entry.admin1_row < 0 else self.entry(entry.admin1_row)

    def admin2_of(self, entry: GazEntry) -> GazEntry | None:
        """The admin-2 district containing a place (or the district itself)."""
        if entry.kind == "B":
            return entry
        return None if entry.admin2_row < 0 else self.entry(entry.admin2_row)


@lru_cache(maxsize=1)
def load_gazetteer(path: Path = DATA_FILE) -> Gazetteer:
    """Map the table once per process; the fuzzy keys are prepared too (before a fork, they are shared)."""
    gaz = Gazetteer(path)
    gaz._fuzzy_keys()
    return gaz


_ARTICLE_WORD = re.compile(r"\bal\b")  # the key's one form of the Arabic article


def _edits(key: str) -> int:
    """The spelling corrections a key may take: 1 for 5-8 letters, 2 from 9."""
    return 1 if len(key) <= 8 else 2


def _same_initials(key: str, known: str) -> bool:
    """Whether the words of two keys start with the same letters; with a space gained or lost, the letters that
    start the words stay in place ("Abu Dhabi" for "Abudhabi", "Southside" for "South Sides", not "West
    Rand" for "Westland")."""
    a, b = key.split(), known.split()
    if len(a) == len(b):
        return all(x[0] == y[0] for x, y in zip(a, b, strict=True))
    joined, other = "".join(a), "".join(b)
    starts = [sum(len(w) for w in a[:i]) for i in range(len(a))] + [sum(len(w) for w in b[:i]) for i in range(len(b))]
    return all(i < len(other) and i < len(joined) and joined[i] == other[i] for i in starts)
