"""Where a district with no listed place of its own lies: the town it is named after.

Most districts are named after their seat ("Lobito" in Benguela, a Somali "X District" around the town X, a
Beninese commune and its chief town). The gazetteer links a place to its district only when its source lists the
link, and for about 14,000 districts it lists none, so such a district has only its geoBoundaries centroid (or,
for about 6,000, no point, and an event placed there would take its whole region's point). When the district's
region holds a place of the district's own name (its name as it is, or without a trailing type word: "El Wak
District" -> "El Wak") that no other district claims,
that place is the district's seat, and the district's event takes its point. A namesake linked to another
district is not the seat (that district is a different unit), and among several unlinked namesakes the most
populous is taken.

Not for a district named after no town ("West Harerghe Zone", "Karimama" when the town is not listed): it stays
at its own centroid, or its region's point.
"""

from __future__ import annotations

import re

from tasks.core.extraction.gazetteer import GazEntry, Gazetteer, normalise_key

_TYPE_WORD = re.compile(
    r"\s+(?:district|county|commune|municipality|territory|zone|department|lga|local government area|"
    r"sub-?county|prefecture|province)$"
)


def named_seat(gaz: Gazetteer, unit: GazEntry) -> GazEntry | None:
    """The place of `unit`'s region named as the district `unit` and linked to no district (see the module)."""
    if unit.kind != "B" or unit.admin1_row < 0:
        return None
    key = normalise_key(unit.name)
    names = {key, _TYPE_WORD.sub("", key)}
    best: GazEntry | None = None
    for name in names:
        for candidate in gaz.lookup(name):
            e = candidate.entry
            if candidate.fuzzy or e.kind != "P" or e.lat is None or e.admin1_row != unit.admin1_row:
                continue
            if e.admin2_row >= 0 and e.admin2_row != unit.row:
                continue
            if normalise_key(e.name) not in names and candidate.weak:
                continue
            if best is None or e.population > best.population:
                best = e
    return best
