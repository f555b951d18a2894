"""A feed's or record's stated country is the places resolver's prior, stored with the document and read
again by re-extraction: one code path for seeds, feeds and reextract."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from pytest_httpserver import HTTPServer

from flows.backfill import backfill
from flows.ingest import ingest
from flows.reextract import reextract

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("prefect_server")]
FIRE = "Two people were injured when a fire broke out at a warehouse in Richmond on Monday, officials said."


def _places(db: Path) -> dict[str, tuple[str | None, str | None]]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT d.external_id, d.source_country, f.event_country FROM documents d"
            " JOIN document_figures f USING (doc_id)"
        ).fetchall()
    return {ext: (source, event) for ext, source, event in rows}


def test_a_records_country_resolves_its_places_and_survives_reextract(tmp_path: Path, tmp_db: Path) -> None:
    seeds = tmp_path / "records.jsonl"
    records = [
        {"id": "ca", "text": FIRE, "country": "ca"},
        {"id": "gb", "text": FIRE, "country": "GB"},
        {"id": "none", "text": FIRE},
        {"id": "odd", "text": FIRE, "country": "Canada"},  # not a code: ignored, never a wrong prior
    ]
    seeds.write_text("".join(json.dumps(r) + "\n" for r in records))
    backfill(paths=[str(seeds)], db=str(tmp_db), progress=False)
    expected = {"ca": ("CA", "CA"), "gb": ("GB", "GB"), "none": (None, "US"), "odd": (None, "US")}
    assert _places(tmp_db) == expected
    assert reextract(db=str(tmp_db), all_documents=True)["n_documents"] == 4
    assert _places(tmp_db) == expected


def test_a_feeds_registry_country_reaches_its_entries(
    httpserver: HTTPServer, tmp_path: Path, tmp_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIREHOUSE_ALLOW_PRIVATE_NETWORKS", "1")
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Valley news</title>'
        f"<item><title>Warehouse fire</title><guid>fire-1</guid><description>{FIRE}</description>"
        "<pubDate>Tue, 03 Nov 2026 10:00:00 GMT</pubDate></item></channel></rss>"
    )
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\n")
    httpserver.expect_request("/feed.xml").respond_with_data(feed, content_type="application/rss+xml")
    registry = tmp_path / "feeds.toml"
    registry.write_text(f'[[feeds]]\nurl = "{httpserver.url_for("/feed.xml")}"\nname = "valley"\ncountry = "au"\n')
    assert ingest(db=str(tmp_db), feeds_file=str(registry), host_delay_s=0.0)["documents_stored"] == 1
    assert list(_places(tmp_db).values()) == [("AU", "AU")]
