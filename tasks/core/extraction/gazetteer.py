"""Offline gazetteer: countries, admin-1 regions and places (GeoNames, CC BY 4.0).

The table is data/gazetteer.tsv.gz, rebuilt by data/build_gazetteer.py. `load_gazetteer()` reads it
once per process (lazily, so forked or spawned workers each load their own copy).
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

DATA_FILE = Path(__file__).resolve().parent / "data" / "gazetteer.tsv.gz"
GazKind = Literal["C", "A", "P", "K"]
FUZZY_MIN_POPULATION = 50_000
_SPACE = re.compile(r"[\s\-‐‑–]+")
_DROP = re.compile(r"[.,]")


def normalise_key(name: str) -> str:
    """Casefolded, accent-free, hyphen-insensitive lookup key ("Gorno-Badakhshan" -> "gorno badakhshan")."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACE.sub(" ", _DROP.sub("", text)).strip().casefold()


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


@dataclass(frozen=True, slots=True)
class Candidate:
    entry: GazEntry
    weak: bool  # matched a weak alias ("Badakhshan" for "Gorno-Badakhshan")
    fuzzy: bool  # matched through a spelling correction


FUZZY_CACHE_SIZE = 100_000  # corrected spellings remembered per process (about 10 MB at most)


class Gazetteer:
    """Name lookups over the compact table; rows are parsed lazily, on first use."""

    def __init__(self, rows: list[str], demonyms: dict[str, str]) -> None:
        self._rows = rows  # raw lines: one string each keeps memory modest
        self._parsed: dict[int, GazEntry] = {}
        self._corrected: dict[str, str | None] = {}  # fuzzy key -> the known key it is closest to (or none)
        self.demonyms = demonyms
        self._index: dict[str, int | list[int]] = {}  # key -> row * 2 + weak
        self._admin1: dict[tuple[str, str], int] = {}
        self._countries: dict[str, int] = {}
        index = self._index
        for i, line in enumerate(rows):
            fields = line.split("\t")
            kind = fields[0]
            if kind == "A":
                self._admin1[(fields[3], fields[4])] = i
            elif kind == "C":
                self._countries[fields[3]] = i
            for key in fields[8].split("|"):
                code = i * 2
                if key[0] == "~":
                    key, code = key[1:], code + 1
                found = index.get(key)
                if found is None:
                    index[key] = code
                elif isinstance(found, int):
                    index[key] = [found, code]
                else:
                    found.append(code)

    def entry(self, row: int) -> GazEntry:
        """The parsed entry of one row."""
        found = self._parsed.get(row)
        if found is None:
            found = self._parsed[row] = _parse_row(self._rows[row].split("\t"))
        return found

    def _candidates(self, codes: int | list[int], fuzzy: bool) -> list[Candidate]:
        codes = [codes] if isinstance(codes, int) else codes
        return [Candidate(self.entry(c // 2), bool(c % 2), fuzzy) for c in codes]

    def lookup(self, name: str) -> list[Candidate]:
        """Exact (normalised) matches of a name."""
        codes = self._index.get(normalise_key(name))
        return [] if codes is None else self._candidates(codes, False)

    def lookup_fuzzy(self, name: str) -> list[Candidate]:
        """Matches of the closest known spelling: 1 edit for 5-8 letters, 2 from 9; none below 5."""
        key = normalise_key(name)
        if len(key) < 5 or not key[0].isalpha():
            return []
        if key not in self._corrected:  # a worker meets the same names again and again: about 0.5 ms each
            limit = 1 if len(key) <= 8 else 2
            choices = self._fuzzy_keys().get(key[0], [])
            hit = process.extractOne(key, choices, scorer=Levenshtein.distance, score_cutoff=limit)
            if len(self._corrected) >= FUZZY_CACHE_SIZE:
                self._corrected.clear()
            self._corrected[key] = None if hit is None else hit[0]
        known = self._corrected[key]
        if known is None:
            return []
        return [c for c in self._candidates(self._index[known], True) if not c.weak]

    @lru_cache(maxsize=1)  # noqa: B019  # one gazetteer per process; it is never freed anyway
    def _fuzzy_keys(self) -> dict[str, list[str]]:
        """Keys worth correcting to: countries, regions, continents and places of 50,000+."""
        buckets: dict[str, set[str]] = defaultdict(set)
        for line in self._rows:
            fields = line.split("\t")
            if fields[0] == "P" and int(fields[7] or 0) < FUZZY_MIN_POPULATION:
                continue
            for key in fields[8].split("|"):
                if key[0] != "~" and len(key) >= 5:
                    buckets[key[0]].add(key)
        return {first: sorted(keys) for first, keys in buckets.items()}

    def demonym_country(self, word: str) -> str | None:
        """ISO code for a demonym or nationality adjective ("Tajik" -> "TJ")."""
        return self.demonyms.get(normalise_key(word))

    def country(self, code: str) -> GazEntry | None:
        """The country entry for an ISO alpha-2 code."""
        row = self._countries.get(code)
        return None if row is None else self.entry(row)

    def admin1_of(self, entry: GazEntry) -> GazEntry | None:
        """The admin-1 unit containing a place (or the unit itself)."""
        if entry.kind == "A":
            return entry
        if entry.country_code and entry.admin1_code:
            row = self._admin1.get((entry.country_code, entry.admin1_code))
            return None if row is None else self.entry(row)
        return None


def _parse_row(fields: list[str]) -> GazEntry:
    kind, gid, name, cc, admin1, lat, lon, pop, _keys, flag = fields
    return GazEntry(
        kind=kind,  # type: ignore[arg-type]  # validated by the caller
        geonameid=int(gid) if gid else None,
        name=name,
        country_code=cc or None,
        admin1_code=admin1 or None,
        lat=float(lat) if lat else None,
        lon=float(lon) if lon else None,
        population=int(pop or 0),
        capital=flag == "capital",
    )


@lru_cache(maxsize=1)
def load_gazetteer(path: Path = DATA_FILE) -> Gazetteer:
    """Read the table once per process."""
    rows: list[str] = []
    demonyms: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh.read().splitlines():
            fields = line.split("\t")
            if fields[0] == "D":
                demonyms[fields[8]] = fields[3]
            elif fields[0] in ("C", "A", "P", "K") and len(fields) == 10:
                rows.append(line)
            else:
                raise ValueError(f"bad gazetteer row {line[:60]!r} in {path}")
    return Gazetteer(rows, demonyms)
