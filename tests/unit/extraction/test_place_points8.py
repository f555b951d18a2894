"""A district with no listed place of its own takes the point of the town it is named after (place_named_seat)."""

import datetime as dt

from tasks.core.extraction import extract_fields
from tasks.core.extraction.gazetteer import load_gazetteer
from tasks.core.extraction.place_named_seat import named_seat


def _district(name: str, country: str):
    entries = (c.entry for c in load_gazetteer().lookup(name))
    return next(e for e in entries if e.kind == "B" and e.country_code == country)


def test_seat_is_the_namesake_town_of_the_region():
    seat = named_seat(load_gazetteer(), _district("Lobito", "AO"))
    assert seat is not None and seat.kind == "P"
    assert abs(seat.lat - -12.36) < 0.1 and abs(seat.lon - 13.54) < 0.1


def test_district_named_after_no_listed_town_has_no_seat():
    assert named_seat(load_gazetteer(), _district("West Harerghe Zone", "ET")) is None


def test_event_in_such_a_district_takes_the_town_point():
    text = "Unknown gunmen torched two trucks at a market in Lobito district, Benguela province, on Sunday night."
    f = extract_fields(text, language="en", published_at=None, reference_date=dt.date(2024, 1, 1)).figures
    assert f.event_lat is not None
    assert abs(f.event_lat - -12.36) < 0.2 and abs(f.event_lon - 13.54) < 0.2


def test_a_district_with_a_geoboundaries_centroid_still_takes_its_namesake_town():
    text = "Gunmen on motorbikes raided a herders' camp in Tassara department, in Niger's Tahoua region, killing five."
    f = extract_fields(text, language="en", published_at=None, reference_date=dt.date(2024, 1, 1)).figures
    assert f.event_lat is not None  # the town of Tassara, not the department's centroid 90 km north-west of it
    assert abs(f.event_lat - 16.80) < 0.2 and abs(f.event_lon - 5.64) < 0.2
