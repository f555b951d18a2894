"""The dev-data scorer on rows written here (never rows from the dev data itself, whose licence forbids it)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tasks.core import devdata


def _acled(**overrides: object) -> dict[str, object]:
    row: dict[str, object] = {
        "id": "X1",
        "event_date": "03 March 2021",
        "country": "Kenya",
        "admin1": "Mombasa",
        "latitude": -4.05,
        "longitude": 39.67,
        "event_type": "Riots",
        "sub_event_type": "Mob violence",
        "notes": "On 3 March 2021, a mob attacked two men in a market. One man was killed.",
        "fatalities": 1,
        "notes_mentions_fatality_split_or_coding": False,
        "fatality_number_literally_in_notes": True,
        "schema": "2020",
        "actor1_type": "rioters",
        "actor2_type": "civilians",
    }
    return row | overrides


def _by_name(metrics: list[devdata.Metric]) -> dict[str, devdata.Metric]:
    return {m.name: m for m in metrics}


def test_acled_rules_follow_the_readme() -> None:
    rows = [
        _acled(),
        _acled(id="X2", fatalities=0, event_type="Riots/Protests", schema="2016", sub_event_type=None),
        _acled(id="X3", fatalities=4, notes_mentions_fatality_split_or_coding=True),
    ]
    preds = {
        "X1": {
            "killed": 1,
            "event_date": dt.date(2021, 3, 3),
            "event_type": "Riots",
            "sub_event_type": "Mob violence",
            "event_country": "ke",
            "event_admin1": "Mombasa County",
            "event_lat": -4.2,
            "event_lon": 39.67,
        },
        "X2": {"killed": 0, "event_type": "Protests", "event_country": "KE", "event_admin1": None},
        "X3": {"killed": 2, "event_type": "Battles"},
    }
    m = _by_name(devdata.score_acled(rows, preds))
    assert (m["acled.killed_stated"].hits, m["acled.killed_stated"].total) == (1, 1)  # X3's toll was split
    assert (m["acled.killed_all"].hits, m["acled.killed_all"].total) == (1, 2)
    assert m["acled.zero_deaths_no_killed"].value == 1.0  # 0 counts as no killed
    assert (m["acled.event_type"].hits, m["acled.event_type"].total) == (2, 3)  # 2016 Riots/Protests: either
    assert m["acled.sub_event_type"].total == 2  # the 2016 row has none
    assert m["acled.country"].hits == 2
    assert m["acled.admin1"].hits == 1  # "Mombasa County" contains "Mombasa"
    assert m["acled.point_25km"].hits == 1 and m["acled.point_25km"].total == 3  # 17 km off; no point = a miss
    assert m["acled.actor1_type"].available is False  # the column does not exist yet


def test_gva_rules_and_the_publication_date_baseline() -> None:
    rows = [
        {"id": "a", "n_killed": 1, "n_injured": 2, "shooting_date": "2019-05-04", "publish_date": "2019-05-05"},
        {"id": "b", "n_killed": 0, "n_injured": 0, "shooting_date": "2019-05-04", "publish_date": "2019-05-04"},
        {"id": "c", "n_killed": 0, "n_injured": 0, "shooting_date": "2019-05-04", "publish_date": "2019-05-04"},
    ]
    preds = {
        "a": {"killed": 1, "injured": 1, "event_date": dt.date(2019, 5, 4)},
        "b": {"killed": 0, "injured": None, "event_date": None},
        "c": {"killed": None, "injured": 3, "event_date": dt.date(2019, 5, 4)},
    }
    m = _by_name(devdata.score_gva(rows, preds))
    assert m["gva.killed"].value == 1.0
    assert m["gva.injured"].value == 0.0
    assert (m["gva.nobody_hit_no_count"].hits, m["gva.nobody_hit_no_count"].total) == (1, 2)
    assert (m["gva.event_date"].hits, m["gva.published_date_baseline"].hits) == (2, 2)


def test_inputs_are_seed_files_the_backfill_reads(tmp_path: Path) -> None:
    src = tmp_path / "dev"
    src.mkdir()
    (src / devdata.ACLED_FILE).write_text(json.dumps(_acled()) + "\n" + json.dumps(_acled(id="X2")) + "\n")
    (written,) = devdata.write_inputs(src, tmp_path / "in", limit=1)
    records = [json.loads(line) for line in written.read_text().splitlines()]
    assert records == [{"id": "X1", "source": devdata.ACLED_SOURCE, "language": "en", "text": _acled()["notes"]}]


def test_floors_only_rise(tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    high, low = devdata.Metric("acled.country", 9, 10), devdata.Metric("acled.country", 5, 10)
    assert devdata.raise_floors([high], path)["acled.country"] == pytest.approx(0.895)
    assert devdata.raise_floors([low], path)["acled.country"] == pytest.approx(0.895)
    assert devdata.check_floors([low], devdata.read_floors(path)) == ["acled.country: 0.500 below its floor 0.895"]
    assert devdata.check_floors([devdata.Metric("acled.admin1", available=False)], {"acled.admin1": 0.5})


def test_label_dates_in_both_acled_codebooks() -> None:
    assert devdata.parse_label_date("03 March 2021") == dt.date(2021, 3, 3)
    assert devdata.parse_label_date("2016-07-02") == dt.date(2016, 7, 2)
    assert devdata.parse_label_date("soon") is None


def test_a_date_is_stated_only_with_its_year_and_its_day() -> None:
    day = dt.date(2021, 3, 3)
    assert devdata.states_date("On 3 March 2021, a mob attacked two men.", day)
    assert devdata.states_date("Protests on March 3rd, 2021 in the capital.", day)
    assert devdata.states_date("Clashes (03/03/2021) near the border.", day)
    assert not devdata.states_date("On 3 March, a mob attacked two men.", day)  # no year: never invented
    assert not devdata.states_date("In March 2021, a mob attacked two men.", day)  # no day
    assert not devdata.states_date("On 13 March 2021, a mob attacked two men.", day)  # another day


def test_event_date_stated_scores_only_rows_that_write_the_date() -> None:
    rows = [_acled(id="A"), _acled(id="B", notes="On 3 March, a mob attacked two men in a market.")]
    preds = {"A": {"event_date": "2021-03-03"}, "B": {"event_date": None}}
    metrics = {m.name: m for m in devdata.score_acled(rows, preds)}
    assert (metrics["acled.event_date"].hits, metrics["acled.event_date"].total) == (1, 2)
    assert (metrics["acled.event_date_stated"].hits, metrics["acled.event_date_stated"].total) == (1, 1)
