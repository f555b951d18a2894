"""Where an event located only by its country lies: the capital, as event datasets code it.

An event report that names its country and no place inside it ("Pirates boarded a tanker off the coast of
Togo", "Hundreds protested against the president's reforms") is, by the convention of event datasets such as
ACLED's (geo-precision 3), coded to the national capital (the seat of government where the two differ:
`place_government.py`): national news (a government decision, a march of the opposition, a strike at a
ministry) happens there far more often than anywhere else. The figures then take
the capital's point and admin-1 region, while `event_place` stays the country and `event_precision` stays
`country`, so a reader can tell that no place was named. Fighting is different: an armed-violence event whose
text names a group that fights in one region of the country is coded there (`place_force_region.py`).

Not when the text names a finer place of that country (a town, a district, a region), even in another role
("a man from Kara was kidnapped in Togo"): the event is more likely near it than at the capital, and a region's
or a town's point is left as it is. Nor for a country whose gazetteer entry names no capital, nor for the
United States: its news that names no place is local news ("the 300 block of Elm Lane"), which happens
anywhere but in Washington.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tasks.core.extraction.gazetteer import load_gazetteer
from tasks.core.extraction.model import Place
from tasks.core.extraction.place_force_region import force_region
from tasks.core.extraction.place_government import national_seat


def capital_point(place: Place, places: Sequence[Place], text: str = "", event_type: str | None = None) -> Place:
    """`place` with the capital's point and admin-1 region when it is a bare country (see the module); with an
    armed group's region when `text` names one for an armed-violence `event_type`."""
    if place.precision != "country" or place.feature_kind != "country" or place.country_code in (None, "US"):
        return place
    if any(p.country_code == place.country_code and p.precision != "country" for p in places):
        return place
    gaz = load_gazetteer()
    if (region := force_region(text, place.country_code, event_type)) is not None:
        from tasks.core.extraction.place_seat import region_town  # a sibling module, imported late

        town = region_town(gaz, region)
        point = town if town is not None and town.lat is not None else region
        if point.lat is not None:
            return replace(place, lat=point.lat, lon=point.lon, admin1=region.name, iso3166_2=region.iso3166_2)
    capital = national_seat(place.country_code)
    if capital is None or capital.lat is None:
        return place
    admin = gaz.admin1_of(capital)
    return replace(
        place,
        lat=capital.lat,
        lon=capital.lon,
        admin1=admin.name if admin else None,
        iso3166_2=admin.iso3166_2 if admin else None,
    )
