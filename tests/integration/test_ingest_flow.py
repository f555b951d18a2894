"""The real ingest flow against a real HTTP server on loopback serving real pages, with faults."""

from __future__ import annotations

import gzip
from pathlib import Path

import duckdb
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from flows.ingest import ingest
from warehouse.check import check_warehouse

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "cleaning"
pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("prefect_server")]


def _rss(base: str, items: list[tuple[str, str, str]]) -> str:
    body = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
        f"<description>{summary}</description><pubDate>Tue, 24 Jul 2012 10:00:00 GMT</pubDate></item>"
        for title, path, summary in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback news</title>{body}</channel></rss>'


@pytest.fixture
def site(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> HTTPServer:
    monkeypatch.setenv("WIREHOUSE_ALLOW_PRIVATE_NETWORKS", "1")
    base = httpserver.url_for("")[:-1]
    items = [
        ("Democrats and Social Security", "/news/cnn.html?utm_source=rss", "CNN story summary."),
        ("A story that vanished", "/news/missing.html", "Two people were injured in a crash, police said."),
        ("Oil spill threat", "/news/time.html", "Time story summary."),
    ]
    feed = _rss(base, items)

    def feed_handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(feed, content_type="application/rss+xml", headers={"ETag": '"v1"'})

    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /private/\n")
    httpserver.expect_request("/feeds/good.xml").respond_with_handler(feed_handler)
    httpserver.expect_request("/feeds/gone.xml").respond_with_data("gone", status=410)
    httpserver.expect_request("/feeds/broken.xml").respond_with_data(
        "<html><body>This is a web page, not a feed</body></html>", content_type="text/html"
    )
    for name, golden in [("cnn", "cnn1"), ("time", "time")]:
        page = gzip.decompress((GOLDEN / golden / "page.html.gz").read_bytes())
        httpserver.expect_request(f"/news/{name}.html").respond_with_data(page, content_type="text/html")
    httpserver.expect_request("/news/missing.html").respond_with_data("not found", status=404)
    return httpserver


def test_ingest_polls_fetches_and_records_health(site: HTTPServer, tmp_path: Path, tmp_db: Path) -> None:
    registry = tmp_path / "feeds.toml"
    registry.write_text(
        "".join(
            f'[[feeds]]\nurl = "{site.url_for(path)}"\nname = "{name}"\nlanguage = "en"\n\n'
            for name, path in [("good", "/feeds/good.xml"), ("gone", "/feeds/gone.xml"), ("web", "/feeds/broken.xml")]
        )
    )
    first = ingest(db=str(tmp_db), feeds_file=str(registry), host_delay_s=0.0)
    assert first["feeds_polled"] == 3 and first["entries_found"] == 3

    with duckdb.connect(str(tmp_db), read_only=True) as con:
        docs = dict(con.execute("SELECT url, origin FROM documents").fetchall())
        reasons = {r[0]: r[1] for r in con.execute("SELECT source_uri, reason FROM rejects").fetchall()}
        health = dict(con.execute("SELECT name, health FROM feed_health").fetchall())
        statuses = sorted(r[0] for r in con.execute("SELECT status FROM feed_entries").fetchall())
        cnn = con.execute("SELECT title, text FROM documents WHERE origin = 'page' AND url LIKE '%cnn%'").fetchone()
    base = site.url_for("")[:-1]
    # the CNN page's canonical URL wins over the feed's (tracking-tagged) link
    assert sorted(docs.values()) == ["feed_entry", "page", "page"]
    assert docs[f"{base}/news/missing.html"] == "feed_entry"  # stored from the feed's own summary
    assert cnn[0] == "Democrats and Social Security"  # the feed's headline wins over the page's <title>
    assert cnn[1].startswith("Washington (CNN) -- Democrats pledged Friday")
    assert reasons[f"{base}/news/missing.html"] == "http_404"
    assert reasons[site.url_for("/feeds/gone.xml")] == "http_410"
    assert reasons[site.url_for("/feeds/broken.xml")] == "not_a_feed"
    assert health == {"good": "ok", "gone": "erroring", "web": "erroring"}
    assert statuses == ["feed_entry", "page", "page"]

    page_requests = sum(1 for req, _ in site.log if req.path.startswith("/news/"))
    second = ingest(db=str(tmp_db), feeds_file=str(registry), force=True, host_delay_s=0.0)
    assert second["entries_found"] == 0 and second["documents_stored"] == 0
    assert sum(1 for req, _ in site.log if req.path.startswith("/news/")) == page_requests  # no page fetched again
    good_polls = [resp.status_code for req, resp in site.log if req.path == "/feeds/good.xml"]
    assert good_polls[-1] == 304
    with duckdb.connect(str(tmp_db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 3
        failures = con.execute("SELECT consecutive_failures FROM feeds WHERE name = 'gone'").fetchone()[0]
    assert failures == 2
    assert check_warehouse(tmp_db) == []


def test_an_entry_with_a_url_that_cannot_be_requested_is_rejected_and_the_rest_stored(
    site: HTTPServer, tmp_path: Path, tmp_db: Path
) -> None:
    """An over-long link, or one with a control character, is a `bad_url` reject (with the entry's own text
    kept, as for any page that cannot be fetched); the other entries of the feed are fetched and stored."""
    base = site.url_for("")[:-1]
    long_path = "/news/" + "a" * 70_000  # past httpx's 65,536-character URL limit
    rss = _rss(base, [("Fine", "/news/time.html", "Time story summary."), ("Long", long_path, "A long link.")])
    site.expect_request("/feeds/long.xml").respond_with_data(rss, content_type="application/rss+xml")
    json_feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Loopback JSON",
        "items": [
            {"id": "ctl", "url": f"{base}/news/a\u0001b.html", "content_text": "Three people were hurt, police said."},
            {"id": "cnn", "url": f"{base}/news/cnn.html", "content_text": "CNN story summary."},
        ],
    }
    site.expect_request("/feeds/ctl.json").respond_with_json(json_feed, content_type="application/feed+json")
    registry = tmp_path / "feeds.toml"
    registry.write_text(
        f'[[feeds]]\nurl = "{site.url_for("/feeds/long.xml")}"\nname = "long"\n\n'
        f'[[feeds]]\nurl = "{site.url_for("/feeds/ctl.json")}"\nname = "ctl"\n'
    )
    summary = ingest(db=str(tmp_db), feeds_file=str(registry), host_delay_s=0.0)
    assert summary["entries_found"] == 4 and summary["documents_stored"] == 4
    with duckdb.connect(str(tmp_db), read_only=True) as con:
        origins = sorted(r[0] for r in con.execute("SELECT origin FROM documents").fetchall())
        rejects = con.execute("SELECT reason, source_uri FROM rejects ORDER BY length(source_uri)").fetchall()
        pending = con.execute("SELECT count(*) FROM feed_entries WHERE status = 'pending'").fetchone()
    assert origins == ["feed_entry", "feed_entry", "page", "page"]
    assert [r[0] for r in rejects] == ["bad_url", "bad_url"]
    assert "\x01" in rejects[0][1] and len(rejects[1][1]) > 70_000
    assert pending == (0,)  # nothing left to block the next run
    assert check_warehouse(tmp_db) == []
