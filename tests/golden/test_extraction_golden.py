"""Golden tests on extraction: one case per folder under golden/extraction/ (page.txt + expected.json).

`expected.json` is the reviewed output of `wirehouse extract` (counts, places, entities, dates, events, figures)
with the reference date fixed; regenerate with `pytest tests/golden --update-golden` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tasks.core.extraction_report import extract_file

CASES = sorted(p for p in (Path(__file__).parent / "extraction").iterdir() if p.is_dir())
REFERENCE = dt.date(2026, 11, 26)
KEPT = ("language", "skipped_reason", "n_sentences", "figures", "counts", "places", "entities", "dates", "events")


def _observed(case: Path) -> dict[str, object]:
    (record,) = extract_file(case / "page.txt", REFERENCE)
    return {key: record[key] for key in KEPT}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_extraction_golden(case: Path, update_golden: bool) -> None:
    expected_path = case / "expected.json"
    observed = json.loads(json.dumps(_observed(case), default=str))
    if update_golden or not expected_path.exists():
        expected_path.write_text(json.dumps(observed, indent=1, ensure_ascii=False) + "\n")
        if not update_golden:
            pytest.fail(f"wrote a new golden file {expected_path}: review it and run again")
    assert observed == json.loads(expected_path.read_text())


def test_seed_article_matches_a_careful_reader() -> None:
    """What shared/seeds/README.md says a careful reader gets out of the seed article."""
    fields = _observed(Path(__file__).parent / "extraction" / "seed_article")
    counts = {(c["kind"], c["value_low"], c["value_high"], c["vague"], c["temporal"]) for c in fields["counts"]}
    assert {
        ("killed", 40, None, False, "current"),  # at least 40 dead
        ("killed", 30, None, False, "current"),  # at least 30 militants
        ("arrested", 40, 40, False, "current"),
        ("killed", 12, 12, False, "current"),  # security officers
        ("injured", 25, 25, False, "current"),
        ("killed", None, 50000, False, "historical"),  # up to 50,000 in the civil war
    } <= counts
    hundreds = [c for c in fields["counts"] if c["vague"]]
    assert hundreds and hundreds[0]["claim_source"] and "opposition" in hundreds[0]["claim_source"]
    people = {e["name"] for e in fields["entities"] if e["kind"] == "PERSON"}
    assert {"Emomali Rahmon", "Kodiri Kosim", "Tolib Ayombekov", "Abdullo Nazarov"} <= people
    orgs = {e["name"] for e in fields["entities"] if e["kind"] == "ORG"}
    assert any("National Security Committee" in o for o in orgs) and any("United Nations" in o for o in orgs)
    places = {(p["name"], p["country_code"]) for p in fields["places"]}
    assert ("Gorno-Badakhshan", "TJ") in places and ("Tajikistan", "TJ") in places
    assert ("Afghanistan", "AF") in places and not any("Moscow" in p["text"] for p in fields["places"])
    figures = fields["figures"]
    assert figures["killed"] >= 40 and figures["arrested"] == 40 and figures["injured"] == 25  # parts not added
    assert figures["killed"] < 40 + 30 + 12 and figures["event_country"] == "TJ"
    assert {d["text"] for d in fields["dates"]} >= {"on Wednesday", "on Tuesday", "June 21", "1997"}
