"""Roads named after the towns they link: "the Ouagadougou-Dori road", "on the Maiduguri–Damboa highway",
"the Bohicon-Abomey axis", "along the Mandera-Nairobi route". Both ends are places and the event is on the road
between them, so both are mentions of the scene (the first stands for it) and both speak for its country. Each
end must be a town or district the gazetteer knows by that exact name, and the two ends must lie in one country:
a pair with no such reading ("the Trans-Sahara highway", "the Lagos-Abidjan corridor" across borders) is left to
the other rules. NER tags such a name as one entity at best ("Ouagadougou-Dori"), which no lookup finds. When the
text says where on the road ("the Cotonou-Parakou highway between Dassa and Glazoue"), the ends only name the road:
`place_cues.event_weight` makes them reference points, and the first place of the pair gives the event's point."""

from __future__ import annotations

import re
from itertools import product

from tasks.core.extraction.gazetteer import Candidate, Gazetteer
from tasks.core.extraction.place_cues import ROAD_WORDS, UP

_END = rf"[{UP}][\w'’]+(?:\s[{UP}][\w'’]+)?"
ROAD = re.compile(rf"\b({_END})\s?[-‐‑–—/]\s?({_END})\s+(?:{ROAD_WORDS})\b")
TOWN_KINDS = ("P", "B")


def road_ends(text: str, gaz: Gazetteer) -> list[tuple[int, int, list[Candidate]]]:
    """(start, end, candidates) of each end of every road named after two towns of one country, in text order;
    each end's candidates are those in the country the two share (the most populous such pair's country)."""
    out = []
    for m in ROAD.finditer(text):
        ends = [[c for c in gaz.lookup(m.group(i)) if c.entry.kind in TOWN_KINDS and not c.weak] for i in (1, 2)]
        pairs = [(a, b) for a, b in product(*ends) if a.entry.country_code == b.entry.country_code]
        if not pairs:
            continue
        a, b = max(pairs, key=lambda p: p[0].entry.population + p[1].entry.population)
        country = a.entry.country_code
        for i in (1, 2):
            out.append((m.start(i), m.end(i), [c for c in ends[i - 1] if c.entry.country_code == country]))
    return out
