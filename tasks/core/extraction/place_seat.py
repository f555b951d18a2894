"""Where an event located only by its region or district lies: the unit's main town, as event datasets code it.

An event note that names an admin-1 region or a district and no place inside it ("clashes were reported in
Kassala state", "an attack in the Gedo region") is, by the convention of event datasets such as ACLED's
(geo-precision 3), coded to the unit's capital: a region's news is mostly made in its main town. The gazetteer
marks no regional capitals, so the main town stands for it: the unit's most populous listed place, when that place
is dominant (at least a fifth of the population the unit's listed places hold: `DOMINANT_SHARE`; a region of many
towns of like size has no main town, and keeps the median point of its places). The figures take the town's point;
`event_place`, `event_admin1` and `event_precision` stay the unit's, so a reader can tell that no town was named.

A district the gazetteer lists no place in (located at its geoBoundaries centroid, `precision = 'admin2'`, or,
with none, at its region's point, `precision = 'admin1'`, whose main town may lie far from it) takes the town it
is named after when its region has one (`place_named_seat.py`), as event datasets code it, else keeps its point.
Not for a unit whose places' populations are all unknown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

import numpy as np

from tasks.core.extraction.gazetteer import GazEntry, Gazetteer, load_gazetteer
from tasks.core.extraction.model import Place
from tasks.core.extraction.place_named_seat import named_seat

DOMINANT_SHARE = 0.2  # the main town holds at least this share of its unit's listed population


def main_town_point(place: Place, places: Sequence[Place]) -> Place:
    """`place` at its unit's main town when it is a bare region or district (see the module); else unchanged."""
    if place.feature_kind != "region" or place.precision not in ("admin1", "admin2") or place.lat is None:
        return place
    gaz = load_gazetteer()
    unit = _unit(gaz, place)
    if unit is None:
        return place
    if unit.kind == "B" and (place.precision != "admin2" or not _main_towns(gaz)["B"][1][unit.row]):
        # a district with no listed place of its own: the town it is named after (`place_named_seat`), else its
        # own point (its geoBoundaries centroid) or its region's
        seat = named_seat(gaz, unit)
        return replace(place, lat=seat.lat, lon=seat.lon) if seat is not None else place
    town = _main_town(gaz, unit)
    if town is None or town.lat is None:
        return place
    return replace(place, lat=town.lat, lon=town.lon)


def _unit(gaz: Gazetteer, place: Place) -> GazEntry | None:
    kind = "A" if place.precision == "admin1" else "B"
    for c in gaz.lookup(place.name):
        e = c.entry
        if e.kind in (kind, "B") and e.country_code == place.country_code and e.geonameid == place.geonameid:
            return e
    return None


def _main_town(gaz: Gazetteer, unit: GazEntry) -> GazEntry | None:
    best, total = _main_towns(gaz)[unit.kind]
    row = int(best[unit.row])
    if row < 0:
        return None
    town = gaz.entry(row)
    return town if town.population > 0 and town.population >= DOMINANT_SHARE * total[unit.row] else None


@lru_cache(maxsize=1)
def _main_towns(gaz: Gazetteer) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per admin-1 ("A") and admin-2 ("B") row: the row of its most populous place (-1: none) and the population
    its places hold. Computed once per process, on first use, from the mapped columns (about 0.1 s)."""
    kind = np.asarray(gaz._c["kind"])
    pop = np.asarray(gaz._c["pop"])
    out = {}
    for unit_kind, column in (("A", "admin1_row"), ("B", "admin2_row")):
        owner = np.asarray(gaz._c[column])
        mask = (kind == ord("P")) & (owner >= 0)
        index = np.nonzero(mask)[0]
        owners, pops = owner[mask], pop[mask]
        order = np.argsort((owners.astype(np.int64) << 40) | pops, kind="stable")  # by unit, then population:
        # each unit's last place is its biggest (populations stay below 2**40)
        ends = np.r_[owners[order][1:] != owners[order][:-1], True]
        best = np.full(gaz.size, -1, dtype=np.int64)
        best[owners[order][ends]] = index[order][ends]
        out[unit_kind] = (best, np.bincount(owners, weights=pops, minlength=gaz.size))
    return out


def region_town(gaz: Gazetteer, unit: GazEntry) -> GazEntry | None:
    """The main town of an admin-1 or admin-2 unit (its dominant place, see the module), or None."""
    return _main_town(gaz, unit)
