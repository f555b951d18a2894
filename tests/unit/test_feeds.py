"""Feed parsing, URL normalisation and the feed registry (pure; real feeds from tests/fixtures/feeds)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tasks.core.feeds import (
    FeedParseError,
    FeedRegistryError,
    FeedSource,
    normalise_url,
    parse_feed,
    parse_feed_registry,
)
from tasks.core.records import RejectedInput

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
FEED_URL = "https://news.example.org/feeds/latest.xml"
# Fixtures with a feed-rs parse beside them; rss_2.0_invalid_1.xml is truncated on purpose.
CASES = sorted(
    p
    for p in FIXTURES.glob("*/*")
    if p.suffix in {".xml", ".json"} and not p.name.endswith(".serde.json") and p.with_suffix(".serde.json").exists()
)


def _expected(path: Path) -> dict:
    return json.loads(path.with_suffix(".serde.json").read_text(encoding="utf-8"))


def _rss(items: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{prolog}<rss version="2.0"><channel>'
        f"<title>Wire</title><link>https://news.example.org/</link>{items}</channel></rss>"
    ).encode()


def test_the_fixture_set_is_there() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_entries_and_titles_match_feed_rs(path: Path) -> None:
    feed = parse_feed(path.read_bytes(), FEED_URL)
    expected = _expected(path)
    # JSON Feed text is plain text: we unescape HTML entities publishers leave in, feed-rs does not.
    plain = html.unescape if path.suffix == ".json" else (lambda text: text)
    assert [e.title for e in feed.entries] == [
        plain((e.get("title") or {}).get("content")) for e in expected["entries"]
    ]
    assert feed.title == plain((expected.get("title") or {}).get("content"))


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_entry_dates_are_utc_and_match_feed_rs(path: Path) -> None:
    feed = parse_feed(path.read_bytes(), FEED_URL)
    for entry, expected in zip(feed.entries, _expected(path)["entries"], strict=True):
        stamp = expected.get("published") or expected.get("updated")
        if entry.published_at is None or stamp is None:
            continue  # each parser reads a few loose dates ("+00:0", no zone) the other skips
        assert entry.published_at.tzinfo is dt.UTC
        expected_at = dt.datetime.fromisoformat(stamp).astimezone(dt.UTC).replace(microsecond=0)
        assert entry.published_at == expected_at  # feedparser keeps whole seconds


def test_bbc_rss_entry_is_fully_typed() -> None:
    feed = parse_feed((FIXTURES / "rss2" / "rss_2.0_bbc.xml").read_bytes(), FEED_URL)
    assert (feed.title, feed.language, feed.version, feed.bozo_reason) == ("In Our Time", "en", "rss20", None)
    assert feed.link == "http://www.bbc.co.uk/programmes/b006qykl"
    entry = feed.entries[0]
    assert entry.entry_id == "urn:bbc:podcast:m000sjxt"
    assert entry.url == "http://www.bbc.co.uk/programmes/m000sjxt"
    assert entry.published_at == dt.datetime(2021, 2, 25, 10, 15, tzinfo=dt.UTC)
    assert entry.author == "BBC Radio 4"
    assert entry.summary and entry.content and len(entry.content) >= len(entry.summary)
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.title = "changed"  # type: ignore[misc]


def test_relative_links_resolve_against_the_url_the_feed_came_from() -> None:
    feed = parse_feed((FIXTURES / "atom" / "atom_relative.xml").read_bytes(), FEED_URL)
    assert feed.link == "https://news.example.org/blog/"
    assert feed.entries[0].url == "https://news.example.org/blog/2003/12/13/atom03"


def test_full_content_is_preferred_over_the_summary() -> None:
    feed = parse_feed(
        _rss(
            "<item><title>Flood</title><link>https://news.example.org/a</link>"
            "<description>Short teaser.</description>"
            '<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            "<![CDATA[<p>The full story of the flood, with every detail.</p>]]></content:encoded></item>"
        ),
        FEED_URL,
    )
    entry = feed.entries[0]
    assert entry.summary == "Short teaser."
    assert entry.content == "<p>The full story of the flood, with every detail.</p>"


def test_summary_stands_in_for_missing_content_and_categories_are_deduplicated() -> None:
    feed = parse_feed(
        _rss(
            "<item><title>Quake</title><link>https://news.example.org/q</link><description>Teaser</description>"
            "<category>World</category><category>Asia</category><category>World</category></item>"
        ),
        FEED_URL,
    )
    assert feed.entries[0].content == "Teaser"
    assert feed.entries[0].categories == ("World", "Asia")


def test_entry_ids_fall_back_to_url_then_to_a_stable_hash() -> None:
    items = (
        "<item><title>A</title><link>https://news.example.org/a?utm_source=rss#top</link></item>"
        "<item><title>No link</title><description>Body</description></item>"
    )
    first = parse_feed(_rss(items), FEED_URL)
    again = parse_feed(_rss(items), FEED_URL)
    assert first.entries[0].entry_id == "https://news.example.org/a"
    assert first.entries[0].url == "https://news.example.org/a"
    assert first.entries[1].entry_id.startswith("sha256:")
    assert first.entries[1].entry_id == again.entries[1].entry_id
    assert first.entries[1].url is None


def test_repeated_and_empty_items_are_dropped() -> None:
    feed = parse_feed(
        _rss(
            "<item><guid>x1</guid><title>One</title></item><item><guid>x1</guid><title>Again</title></item>"
            "<item></item>"
        ),
        FEED_URL,
    )
    assert [e.title for e in feed.entries] == ["One"]


def test_an_rss_date_with_an_offset_becomes_utc() -> None:
    feed = parse_feed(_rss("<item><title>T</title><pubDate>Tue, 02 Mar 2021 23:39:15 +0100</pubDate></item>"), FEED_URL)
    assert feed.entries[0].published_at == dt.datetime(2021, 3, 2, 22, 39, 15, tzinfo=dt.UTC)


def test_an_unparseable_date_is_none_not_an_error() -> None:
    feed = parse_feed(_rss("<item><title>T</title><pubDate>sometime last week</pubDate></item>"), FEED_URL)
    assert feed.entries[0].published_at is None


def test_a_truncated_feed_keeps_the_entries_that_were_recovered() -> None:
    data = (FIXTURES / "atom" / "atom_mediarss_reddit_1.xml").read_bytes()
    feed = parse_feed(data[: len(data) // 2], FEED_URL)
    assert 0 < len(feed.entries) < 25
    assert feed.bozo_reason is not None and "SAXParseException" in feed.bozo_reason


def test_a_truncated_feed_with_nothing_recovered_is_malformed() -> None:
    with pytest.raises(FeedParseError) as caught:
        parse_feed((FIXTURES / "rss2" / "rss_2.0_invalid_1.xml").read_bytes(), FEED_URL)
    assert caught.value.reason == "malformed"
    assert isinstance(caught.value, RejectedInput)


def test_a_feed_that_is_not_well_formed_still_yields_its_items() -> None:
    feed = parse_feed((FIXTURES / "rss2" / "rss_2.0_dbengines.xml").read_bytes(), FEED_URL)
    assert len(feed.entries) == 1 and "undefined entity" in (feed.bozo_reason or "")


def test_wrong_declared_encoding_is_recovered() -> None:
    doc = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Caf\xe9</title>'
        "<item><title>R\xe9sum\xe9 des \xe9v\xe9nements</title></item></channel></rss>"
    ).encode("latin-1")
    feed = parse_feed(doc, FEED_URL, "application/rss+xml; charset=utf-8")
    assert feed.title == "Café"
    assert feed.entries[0].title == "Résumé des événements"
    assert "CharacterEncodingOverride" in (feed.bozo_reason or "")


@pytest.mark.parametrize("content_type", ["text/xml", "application/rss+xml", "text/html", None])
def test_a_utf8_feed_is_read_as_declared_whatever_the_server_label(content_type: str | None) -> None:
    feed = parse_feed((FIXTURES / "rss2" / "rss_2.0_spiegel.xml").read_bytes(), FEED_URL, content_type)
    assert feed.title == "SPIEGEL Update – Die Nachrichten" and feed.bozo_reason is None
    assert feed.entries[0].title and feed.entries[0].title.startswith("07.02. – die Wochenvorschau: Lockdown-Verl")


def test_iso_8859_feed_is_decoded() -> None:
    feed = parse_feed((FIXTURES / "rss1" / "rss_1.0_iso8859.xml").read_bytes(), FEED_URL)
    assert "Glasfaserförderung" in (feed.entries[0].title or "")


@pytest.mark.parametrize(
    "html",
    [
        b"<!DOCTYPE html><html><head><title>News</title></head><body><p>Hello</p></body></html>",
        b"\n  <html lang='en'><body><a href='/feed'>feed</a></body></html>",
        b"<!-- served by nginx --><!doctype html><html><body>x</body></html>",
    ],
)
def test_html_served_instead_of_a_feed_is_not_a_feed(html: bytes) -> None:
    with pytest.raises(FeedParseError) as caught:
        parse_feed(html, FEED_URL)
    assert caught.value.reason == "not_a_feed"


def test_xml_that_is_not_a_feed_is_not_a_feed() -> None:
    with pytest.raises(FeedParseError) as caught:
        parse_feed((FIXTURES / "xml" / "xml_sample_1.xml").read_bytes(), FEED_URL)
    assert caught.value.reason == "not_a_feed"


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>',
        '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE rss [<!ENTITY % remote SYSTEM "http://169.254.169.254/x.dtd"> %remote;]>',
    ],
)
def test_entity_declarations_are_refused(prolog: str) -> None:
    with pytest.raises(FeedParseError) as caught:
        parse_feed(_rss("<item><title>&lol1;</title></item>", prolog), FEED_URL)
    assert caught.value.reason == "xml_entities"


def test_entity_declarations_in_utf16_are_refused() -> None:
    doc = (
        '<?xml version="1.0" encoding="utf-16"?><!DOCTYPE r [<!ENTITY a "aaaa">]>'
        '<rss version="2.0"><channel><title>&a;</title></channel></rss>'
    ).encode("utf-16")
    with pytest.raises(FeedParseError) as caught:
        parse_feed(doc, FEED_URL)
    assert caught.value.reason == "xml_entities"


def test_a_plain_doctype_without_entities_is_accepted() -> None:
    feed = parse_feed((FIXTURES / "rss0" / "rss_0.91_spec_1.xml").read_bytes(), FEED_URL)
    assert feed.version == "rss091u" and len(feed.entries) == 2


def test_empty_content_is_refused() -> None:
    with pytest.raises(FeedParseError) as caught:
        parse_feed(b" \n\t", FEED_URL)
    assert caught.value.reason == "empty"


def test_json_feed_1_1_items() -> None:
    feed = parse_feed((FIXTURES / "jsonfeed" / "jsonfeed_elastic_1.1.json").read_bytes(), FEED_URL)
    assert feed.version == "json1.1" and feed.language == "en-US"
    assert feed.title == "Blog – InfluxData"  # the publisher's &#8211; is unescaped
    assert len(feed.entries) == 3
    assert feed.entries[0].author == "Chris Churilo"
    assert "Elasticsearch" in feed.entries[0].categories


def test_json_feed_1_0_with_relative_urls_and_a_feed_level_author() -> None:
    doc = {
        "version": "https://jsonfeed.org/version/1",
        "title": "Wire",
        "author": {"name": "Desk"},
        "items": [
            {
                "id": 42,
                "url": "/2024/05/flood?utm_medium=feed",
                "title": "Flood",
                "content_text": "Water rose.",
                "date_published": "2024-05-01T10:00:00+02:00",
            }
        ],
    }
    entry = parse_feed(json.dumps(doc).encode(), FEED_URL).entries[0]
    assert entry.entry_id == "42"
    assert entry.url == "https://news.example.org/2024/05/flood"
    assert (entry.author, entry.content) == ("Desk", "Water rose.")
    assert entry.published_at == dt.datetime(2024, 5, 1, 8, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"version": "https://jsonfeed.org/version/1", "items": [', "malformed"),
        (b'{"data": [1, 2, 3]}', "not_a_feed"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": "none"}', "malformed"),
    ],
)
def test_bad_json_is_classified(body: bytes, reason: str) -> None:
    with pytest.raises(FeedParseError) as caught:
        parse_feed(body, FEED_URL)
    assert caught.value.reason == reason


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTP://News.Example.ORG:80/World/Story?b=2&a=1#comments", "http://news.example.org/World/Story?a=1&b=2"),
        (
            "https://news.example.org:443/a?utm_source=tw&utm_medium=social&id=7&fbclid=Iw",
            "https://news.example.org/a?id=7",
        ),
        (
            "https://news.example.org/a?gclid=1&mc_cid=2&mc_eid=3&ocid=4&cmpid=5&at_medium=6&at_campaign=7",
            "https://news.example.org/a",
        ),
        ("https://news.example.org/a?", "https://news.example.org/a"),
        ("https://news.example.org", "https://news.example.org/"),
        ("https://news.example.org:8443/a", "https://news.example.org:8443/a"),
        ("https://news.example.org/caf%c3%a9?q=a%2fb&&page=2", "https://news.example.org/caf%C3%A9?page=2&q=a%2fb"),
        ("https://news.example.org/a?amp&page=2", "https://news.example.org/a?amp&page=2"),
        ("  https://news.example.org/a\n", "https://news.example.org/a"),
        ("http://[2001:DB8::1]:80/x", "http://[2001:db8::1]/x"),
        ("https://news.example.org./a", "https://news.example.org/a"),
    ],
)
def test_normalise_url(raw: str, expected: str) -> None:
    assert normalise_url(raw) == expected


@pytest.mark.parametrize("raw", ["ftp://example.org/a", "mailto:desk@example.org", "/relative/path", "https://"])
def test_normalise_url_refuses_what_is_not_an_absolute_http_url(raw: str) -> None:
    with pytest.raises(ValueError, match="http"):
        normalise_url(raw)


_segment = st.text(alphabet="abcXYZ019-._~%", min_size=0, max_size=8)


@given(
    host=st.sampled_from(["Example.org", "news.example.COM", "a.b.c"]),
    path=st.lists(_segment, max_size=3),
    params=st.lists(st.tuples(st.sampled_from(["utm_source", "id", "page", "Q", "fbclid", "x"]), _segment), max_size=5),
    fragment=_segment,
)
def test_normalise_url_is_idempotent_and_drops_trackers(
    host: str, path: list[str], params: list[tuple[str, str]], fragment: str
) -> None:
    query = "&".join(f"{k}={v}" for k, v in params)
    once = normalise_url(f"https://{host}/{'/'.join(path)}?{query}#{fragment}")
    assert normalise_url(once) == once
    assert "utm_source" not in once and "fbclid" not in once and "#" not in once


def _registry(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "feeds.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_registry_reads_feeds_with_defaults(tmp_path: Path) -> None:
    sources = parse_feed_registry(
        _registry(
            tmp_path,
            """
[[feeds]]
url = "https://Feeds.Example.org/world/rss.xml?utm_source=x"
name = "Example World"
language = "en"
country = "gb"

[[feeds]]
url = "https://example.net/atom"
name = "Example Net"
poll_interval = 60
enabled = false
""",
        )
    )
    assert sources == [
        FeedSource("https://feeds.example.org/world/rss.xml", "Example World", "en", "GB", 15, True),
        FeedSource("https://example.net/atom", "Example Net", None, None, 60, False),
    ]


def test_registry_lists_every_problem_with_its_position(tmp_path: Path) -> None:
    path = _registry(
        tmp_path,
        """
[[feeds]]
url = "ftp://example.org/feed"
name = "Bad scheme"
[[feeds]]
url = "https://example.org/a"
name = "Zero interval"
poll_interval = 0
[[feeds]]
url = "https://example.org/b"
name = "Typo"
pol_interval = 5
[[feeds]]
url = "https://example.org/c"
name = "Country"
country = "Britain"
[[feeds]]
url = "https://example.org/d"
[[feeds]]
url = "https://example.org/e"
name = "Fine"
enabled = false
[[feeds]]
url = "https://EXAMPLE.org/e#x"
name = "Duplicate"
[[feeds]]
url = "https://example.org/f"
name = "Enabled"
enabled = "yes"
""",
    )
    with pytest.raises(FeedRegistryError) as caught:
        parse_feed_registry(path)
    message = str(caught.value)
    for index, words in enumerate(
        [
            "http(s) URL",
            "poll_interval",
            "unknown key",
            "country",
            "name is required",
            "",
            "duplicate of feeds[5]",
            "enabled",
        ]
    ):
        if not words:
            assert "feeds[5]: " not in message  # the valid one
            continue
        assert f"feeds[{index}]: " in message and words in message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[[feeds]\nurl = 1", "not valid TOML"),
        ('title = "no feeds here"', "[[feeds]]"),
        ('[[feeds]]\nurl = "https://example.org/a"\nname = "x"\npoll_interval = true', "poll_interval"),
    ],
)
def test_registry_refuses_a_bad_file(tmp_path: Path, text: str, words: str) -> None:
    with pytest.raises(FeedRegistryError, match=words.replace("[", r"\[").replace("(", r"\(")):
        parse_feed_registry(_registry(tmp_path, text))


def test_feed_parse_errors_survive_pickling() -> None:
    error = pickle.loads(pickle.dumps(FeedParseError("not_a_feed", "the document is HTML")))
    assert (type(error), error.reason, error.detail) == (FeedParseError, "not_a_feed", "the document is HTML")


def test_the_ingestion_core_imports_no_prefect() -> None:
    code = (
        "import sys, tasks.core.http, tasks.core.feeds, tasks.core.robots; "
        "sys.exit(any(m.split('.')[0] == 'prefect' for m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[2], check=False)
    assert done.returncode == 0
