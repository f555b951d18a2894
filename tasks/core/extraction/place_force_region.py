"""Where an armed-violence event located only by its country lies when the text names a group that fights in
one region of it.

The capital convention (`place_capital.py`) suits national news: a protest, a government decision, a strike.
It suits fighting badly: an ambush on an unnamed road, an air strike on a village the gazetteer does not know,
a clash "in the bush" happen where the armed groups are, and many groups fight almost only in one region of a
country (Boko Haram in Borno, the Arakan Army in Rakhine, the TTP in Khyber Pakhtunkhwa). An event of one of the
armed types (battles, explosions and remote violence, violence against civilians) whose text names such a group
(`data/force_regions.tsv`, hand-written from public knowledge) and no finer place of the country is coded to
that group's region in that country, at the region's main town, instead of the capital; the first group named
with a region there wins. `event_precision` stays `country`: no place was named.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from tasks.core.extraction.gazetteer import GazEntry, load_gazetteer

REGIONS_FILE = Path(__file__).resolve().parent / "data" / "force_regions.tsv"
ARMED_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


@lru_cache(maxsize=1)
def _table() -> tuple[re.Pattern[str], dict[str, dict[str, str]]]:
    """One pattern for every spelling (longest first, matched as written); spelling -> {country: region}."""
    regions: dict[str, dict[str, str]] = {}
    for line in REGIONS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            spellings, places, _ = line.split("\t")
            where = dict(p.split(":", 1) for p in places.split("|"))
            for name in spellings.split("|"):
                regions[name] = where
    names = "|".join(re.escape(n) for n in sorted(regions, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{names})(?![\w-])"), regions


@lru_cache(maxsize=256)
def _region(code: str, name: str) -> GazEntry | None:
    found = [c.entry for c in load_gazetteer().lookup(name) if c.entry.kind == "A" and c.entry.country_code == code]
    return found[0] if len(found) == 1 else None


def force_region(text: str, code: str, event_type: str | None) -> GazEntry | None:
    """The admin-1 region of `code` that the first group named in `text` with a region there fights in, for an
    armed-violence `event_type`; else None."""
    if event_type not in ARMED_TYPES or not text:
        return None
    pattern, regions = _table()
    for m in pattern.finditer(text):
        name = regions[m.group(0)].get(code)
        if name is not None:
            return _region(code, name)
    return None
