"""The polite HTTP client against a real HTTP server on loopback, with faults injected."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import pickle
import random
import threading
import time
import zlib
from email.utils import format_datetime

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from tasks.core import http
from tasks.core.feeds import FeedParseError, parse_feed
from tasks.core.http import (
    USER_AGENT,
    Fetcher,
    FetchResult,
    HttpSettings,
    PermanentFetchError,
    TransientFetchError,
    backoff_delay,
    check_public_address,
    parse_retry_after,
)
from tasks.core.records import RejectedInput
from tasks.core.robots import HostThrottle, parse_robots
from tests.integration.http_conftest_helpers import (  # noqa: F401  # the *_fixture imports register fixtures
    FAST,
    ConcurrencyProbe,
    DripServer,
    bare_server_fixture,
    feed_bytes,
    fetcher_fixture,
    loopback_fixture,
    paths_requested,
    server_fixture,
    slow_handler,
)

RSS = "application/rss+xml; charset=utf-8"


def _permanent(fetcher: Fetcher, url: str, **kwargs: object) -> PermanentFetchError:
    with pytest.raises(PermanentFetchError) as caught:
        fetcher.fetch(url, **kwargs)  # type: ignore[arg-type]
    return caught.value


def _transient(fetcher: Fetcher, url: str) -> TransientFetchError:
    with pytest.raises(TransientFetchError) as caught:
        fetcher.fetch(url)
    return caught.value


# --- success and conditional GET ---------------------------------------------------------------


def test_a_real_feed_is_fetched_and_parsed(server: HTTPServer, fetcher: Fetcher) -> None:
    body = feed_bytes("rss2/rss_2.0_spiegel.xml")
    server.expect_request("/feed.xml").respond_with_data(
        body, content_type=RSS, headers={"ETag": '"v1"', "Last-Modified": "Sat, 06 Feb 2021 23:01:00 GMT"}
    )
    result = fetcher.fetch(server.url_for("/feed.xml"), kind="feed")
    assert (result.status, result.content, result.etag, result.attempts) == (200, body, '"v1"', 1)
    assert result.last_modified == "Sat, 06 Feb 2021 23:01:00 GMT"
    assert result.not_modified is False and result.final_url == result.url
    assert result.headers["content-type"] == RSS and "server" not in result.headers
    feed = parse_feed(result.content, result.final_url, result.headers["content-type"])
    assert feed.title == "SPIEGEL Update – Die Nachrichten" and len(feed.entries) == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.status = 500  # type: ignore[misc]


def test_requests_carry_our_user_agent_and_only_encodings_we_can_bound(server: HTTPServer, fetcher: Fetcher) -> None:
    server.expect_request("/ua").respond_with_data("ok", content_type="text/plain")
    fetcher.fetch(server.url_for("/ua"))
    request = next(r for r, _ in server.log if r.path == "/ua")
    assert request.headers["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("wirehouse/") and "+https://github.com/wirehouse" in USER_AGENT
    assert request.headers["Accept-Encoding"] == "gzip, deflate"


def test_conditional_get_returns_not_modified(server: HTTPServer, fetcher: Fetcher) -> None:
    server.expect_request("/feed.xml", headers={"If-None-Match": '"v1"'}).respond_with_data("", status=304)
    result = fetcher.fetch(server.url_for("/feed.xml"), etag='"v1"', last_modified="Sat, 06 Feb 2021 23:01:00 GMT")
    assert (result.status, result.not_modified, result.content) == (304, True, b"")
    assert result.etag == '"v1"' and result.last_modified == "Sat, 06 Feb 2021 23:01:00 GMT"
    request = next(r for r, _ in server.log if r.path == "/feed.xml")
    assert request.headers["If-Modified-Since"] == "Sat, 06 Feb 2021 23:01:00 GMT"


def test_gzip_bodies_are_decoded(server: HTTPServer, fetcher: Fetcher) -> None:
    body = feed_bytes("atom/atom_mediarss_reddit_1.xml")
    server.expect_request("/gz").respond_with_data(
        gzip.compress(body), content_type="application/atom+xml", headers={"Content-Encoding": "gzip"}
    )
    server.expect_request("/deflate").respond_with_data(
        zlib.compress(body), content_type="application/atom+xml", headers={"Content-Encoding": "deflate"}
    )
    assert fetcher.fetch(server.url_for("/gz")).content == body
    assert fetcher.fetch(server.url_for("/deflate")).content == body


def test_the_shared_fetcher_is_one_per_settings(server: HTTPServer) -> None:
    server.expect_request("/shared").respond_with_data("ok", content_type="text/plain")
    settings = dataclasses.replace(FAST, user_agent=USER_AGENT + " shared-test")
    assert http.get_fetcher(settings) is http.get_fetcher(settings)
    assert http.get_fetcher(settings).client is http.get_fetcher(settings).client
    assert http.fetch(server.url_for("/shared"), settings=settings).content == b"ok"


# --- permanent failures ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (404, "http_404"),
        (410, "http_410"),
        (401, "http_401"),
        (403, "http_403"),
        (418, "http_4xx"),
        (501, "http_5xx"),
    ],
)
def test_permanent_statuses_fail_at_once(server: HTTPServer, fetcher: Fetcher, status: int, reason: str) -> None:
    server.expect_request("/gone").respond_with_data("no", status=status)
    error = _permanent(fetcher, server.url_for("/gone"))
    assert (error.reason, error.status, error.attempts) == (reason, status, 1)
    assert isinstance(error, RejectedInput)
    assert paths_requested(server).count("/gone") == 1


def test_a_redirect_is_followed_to_the_final_url(server: HTTPServer, fetcher: Fetcher) -> None:
    server.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/mid"})
    server.expect_request("/mid").respond_with_data("", status=302, headers={"Location": server.url_for("/new")})
    server.expect_request("/new").respond_with_data("here", content_type="text/plain")
    result = fetcher.fetch(server.url_for("/old"))
    assert result.final_url == server.url_for("/new") and result.content == b"here"


def test_a_redirect_loop_is_refused(server: HTTPServer, fetcher: Fetcher) -> None:
    server.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    server.expect_request("/b").respond_with_data("", status=307, headers={"Location": "/a"})
    error = _permanent(fetcher, server.url_for("/a"))
    assert error.reason == "redirect_loop" and paths_requested(server).count("/a") == 1


def test_too_many_redirects_are_refused(server: HTTPServer, fetcher: Fetcher) -> None:
    for hop in range(8):
        server.expect_request(f"/r{hop}").respond_with_data("", status=301, headers={"Location": f"/r{hop + 1}"})
    assert _permanent(fetcher, server.url_for("/r0")).reason == "too_many_redirects"
    assert "/r5" not in paths_requested(server)


def test_a_redirect_without_location_is_refused(server: HTTPServer, fetcher: Fetcher) -> None:
    server.expect_request("/nowhere").respond_with_data("", status=302)
    assert _permanent(fetcher, server.url_for("/nowhere")).reason == "bad_redirect"


def test_an_oversized_body_is_refused_by_its_content_length(server: HTTPServer, fetcher: Fetcher) -> None:
    server.expect_request("/big").respond_with_data(b"x" * (FAST.max_body_bytes + 1), content_type="text/plain")
    error = _permanent(fetcher, server.url_for("/big"))
    assert error.reason == "too_large" and "Content-Length" in error.detail


def test_an_oversized_streamed_body_is_cut_off(server: HTTPServer, fetcher: Fetcher) -> None:
    chunk = b"y" * 65536
    count = FAST.max_body_bytes // len(chunk) + 4
    server.expect_request("/stream").respond_with_response(
        Response((chunk for _ in range(count)), content_type="text/plain")
    )
    error = _permanent(fetcher, server.url_for("/stream"))
    assert error.reason == "too_large" and "Content-Length" not in error.detail


def test_a_gzip_bomb_is_stopped_at_the_decoded_cap(server: HTTPServer, fetcher: Fetcher) -> None:
    bomb = gzip.compress(bytes(50 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < FAST.max_body_bytes  # small on the wire, 50 MB decoded
    server.expect_request("/bomb").respond_with_data(
        bomb, content_type="application/rss+xml", headers={"Content-Encoding": "gzip"}
    )
    error = _permanent(fetcher, server.url_for("/bomb"))
    assert error.reason == "decompression_bomb"


@pytest.mark.parametrize(
    ("encoding", "body", "reason"),
    [
        ("gzip", b"this is not gzip at all", "bad_encoding"),
        ("br", b"\x1b\x00", "bad_encoding"),
    ],
)
def test_invalid_content_encodings_are_refused(
    server: HTTPServer, fetcher: Fetcher, encoding: str, body: bytes, reason: str
) -> None:
    server.expect_request("/enc").respond_with_data(body, content_type=RSS, headers={"Content-Encoding": encoding})
    assert _permanent(fetcher, server.url_for("/enc")).reason == reason


@pytest.mark.parametrize(
    ("content_type", "kind"),
    [("image/png", "feed"), ("application/pdf", "page"), ("application/zip", "feed"), ("video/mp4", "page")],
)
def test_a_wrong_content_type_is_refused_before_the_body(
    server: HTTPServer, fetcher: Fetcher, content_type: str, kind: str
) -> None:
    server.expect_request("/thing").respond_with_data(b"\x89PNG...", content_type=content_type)
    assert _permanent(fetcher, server.url_for("/thing"), kind=kind).reason == "bad_content_type"


def test_html_served_as_a_feed_is_fetched_then_rejected_by_the_parser(server: HTTPServer, fetcher: Fetcher) -> None:
    server.expect_request("/feed").respond_with_data(
        "<!DOCTYPE html><html><body><h1>Subscribe!</h1></body></html>", content_type="text/html"
    )
    result = fetcher.fetch(server.url_for("/feed"), kind="feed")
    with pytest.raises(FeedParseError) as caught:
        parse_feed(result.content, result.final_url, result.headers.get("content-type"))
    assert caught.value.reason == "not_a_feed"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://127.0.0.1/feed.xml", "bad_scheme"),
        ("file:///etc/passwd", "bad_scheme"),
        ("http:///no-host", "bad_url"),
        ("http://127.0.0.1:99999/x", "bad_url"),
        ("http://127.0.0.1/a\x01b", "bad_url"),  # a control character
        ("http://127.0.0.1/" + "a" * 70_000, "bad_url"),  # longer than httpx sends
    ],
    ids=["ftp", "file", "no-host", "bad-port", "control-character", "over-long"],
)
def test_only_http_urls_are_fetched(fetcher: Fetcher, url: str, reason: str) -> None:
    assert _permanent(fetcher, url).reason == reason


# --- malformed feeds over the wire -------------------------------------------------------------


def test_a_truncated_feed_keeps_what_was_recovered(server: HTTPServer, fetcher: Fetcher) -> None:
    body = feed_bytes("atom/atom_mediarss_reddit_1.xml")
    server.expect_request("/cut").respond_with_data(body[: len(body) * 2 // 3], content_type="application/atom+xml")
    result = fetcher.fetch(server.url_for("/cut"), kind="feed")
    feed = parse_feed(result.content, result.final_url, result.headers["content-type"])
    assert 0 < len(feed.entries) < 25 and feed.bozo_reason is not None


def test_malformed_xml_without_entries_is_a_parse_error(server: HTTPServer, fetcher: Fetcher) -> None:
    server.expect_request("/bad").respond_with_data(feed_bytes("rss2/rss_2.0_invalid_1.xml"), content_type=RSS)
    result = fetcher.fetch(server.url_for("/bad"), kind="feed")
    with pytest.raises(FeedParseError) as caught:
        parse_feed(result.content, result.final_url, result.headers["content-type"])
    assert caught.value.reason == "malformed"


def test_a_billion_laughs_feed_is_refused(server: HTTPServer, fetcher: Fetcher) -> None:
    levels = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{levels}]>'
        '<rss version="2.0"><channel><title>&l9;</title><item><title>&l9;</title></item></channel></rss>'
    )
    server.expect_request("/lol").respond_with_data(body, content_type=RSS)
    result = fetcher.fetch(server.url_for("/lol"), kind="feed")
    with pytest.raises(FeedParseError) as caught:
        parse_feed(result.content, result.final_url)
    assert caught.value.reason == "xml_entities"


def test_a_feed_in_the_wrong_declared_charset_is_recovered(server: HTTPServer, fetcher: Fetcher) -> None:
    body = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Noticias</title>'
        "<item><title>Se\xf1al de alarma en Le\xf3n</title></item></channel></rss>"
    ).encode("latin-1")
    server.expect_request("/latin").respond_with_data(body, content_type=RSS)
    result = fetcher.fetch(server.url_for("/latin"), kind="feed")
    feed = parse_feed(result.content, result.final_url, result.headers["content-type"])
    assert feed.entries[0].title == "Señal de alarma en León"


# --- transient failures and retries ------------------------------------------------------------


def test_500_then_success_is_retried(server: HTTPServer, fetcher: Fetcher) -> None:
    server.expect_oneshot_request("/flaky").respond_with_data("oops", status=500)
    server.expect_request("/flaky").respond_with_data("fine", content_type="text/plain")
    result = fetcher.fetch(server.url_for("/flaky"))
    assert (result.content, result.attempts) == (b"fine", 2)


def test_persistent_503_exhausts_the_attempts(server: HTTPServer, fetcher: Fetcher) -> None:
    server.expect_request("/down").respond_with_data("busy", status=503)
    error = _transient(fetcher, server.url_for("/down"))
    assert (error.reason, error.status, error.attempts) == ("http_5xx", 503, FAST.max_attempts)
    assert paths_requested(server).count("/down") == FAST.max_attempts
    assert not isinstance(error, RejectedInput)


def test_429_honours_retry_after_seconds(server: HTTPServer, fetcher: Fetcher) -> None:
    server.expect_oneshot_request("/busy").respond_with_data("slow down", status=429, headers={"Retry-After": "1"})
    server.expect_request("/busy").respond_with_data("ok", content_type="text/plain")
    started = time.monotonic()
    result = fetcher.fetch(server.url_for("/busy"))
    assert result.attempts == 2 and time.monotonic() - started >= 1.0


def test_429_with_a_long_retry_after_is_handed_back_at_once(server: HTTPServer, fetcher: Fetcher) -> None:
    server.expect_request("/later").respond_with_data("", status=429, headers={"Retry-After": "3600"})
    error = _transient(fetcher, server.url_for("/later"))
    assert (error.reason, error.retry_after_s, error.attempts) == ("http_429", 3600.0, 1)


def test_429_with_an_http_date_retry_after(server: HTTPServer, fetcher: Fetcher) -> None:
    when = format_datetime(dt.datetime.now(dt.UTC) + dt.timedelta(hours=2), usegmt=True)
    server.expect_request("/date").respond_with_data("", status=429, headers={"Retry-After": when})
    error = _transient(fetcher, server.url_for("/date"))
    assert error.retry_after_s is not None and 7000 < error.retry_after_s <= 7200 and error.attempts == 1


def test_a_response_slower_than_the_read_timeout_times_out(server: HTTPServer, fetcher: Fetcher) -> None:
    server.expect_request("/slow").respond_with_handler(slow_handler(FAST.read_timeout_s + 0.3))
    error = _transient(fetcher, server.url_for("/slow"))
    assert (error.reason, error.attempts) == ("timeout", FAST.max_attempts)


def test_a_slow_drip_is_stopped_by_the_total_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREHOUSE_ALLOW_PRIVATE_NETWORKS", "1")
    settings = dataclasses.replace(FAST, total_timeout_s=0.6, max_attempts=1)
    with DripServer(pause_s=0.05) as drip, Fetcher(settings) as slow_fetcher:
        started = time.monotonic()
        error = _transient(slow_fetcher, drip.url_for("/drip"))
        took = time.monotonic() - started
    assert error.reason == "timeout" and "deadline" in error.detail
    assert took < 10  # a bound, not a speed target: the dripping body would take 50 s


def test_a_refused_connection_is_a_transient_connect_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREHOUSE_ALLOW_PRIVATE_NETWORKS", "1")
    with Fetcher(dataclasses.replace(FAST, respect_robots=False)) as no_robots:
        error = _transient(no_robots, "http://127.0.0.1:9/feed.xml")  # port 9 (discard): nothing listens
    assert (error.reason, error.attempts) == ("connect_error", FAST.max_attempts)


def test_an_unreachable_robots_txt_blocks_the_host_for_a_while(
    fetcher: Fetcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIREHOUSE_ALLOW_PRIVATE_NETWORKS", "1")
    error = _transient(fetcher, "http://127.0.0.1:9/feed.xml")
    assert (error.reason, error.attempts) == ("robots_unavailable", 1)


# --- robots.txt --------------------------------------------------------------------------------


def test_robots_disallow_is_honoured_and_cached(bare_server: HTTPServer, fetcher: Fetcher) -> None:
    bare_server.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    bare_server.expect_request("/public/feed.xml").respond_with_data("ok", content_type="text/plain")
    error = _permanent(fetcher, bare_server.url_for("/private/feed.xml"))
    assert error.reason == "robots_disallowed" and error.attempts == 1
    assert fetcher.fetch(bare_server.url_for("/public/feed.xml")).content == b"ok"
    assert paths_requested(bare_server) == ["/robots.txt", "/public/feed.xml"]


def test_robots_rules_for_our_agent_apply(bare_server: HTTPServer, fetcher: Fetcher) -> None:
    bare_server.expect_request("/robots.txt").respond_with_data(
        "User-agent: wirehouse\nDisallow: /\n\nUser-agent: *\nAllow: /\n", content_type="text/plain"
    )
    assert _permanent(fetcher, bare_server.url_for("/feed.xml")).reason == "robots_disallowed"


def test_robots_5xx_disallows_for_a_while(bare_server: HTTPServer, fetcher: Fetcher) -> None:
    bare_server.expect_request("/robots.txt").respond_with_data("oops", status=503)
    bare_server.expect_request("/feed.xml").respond_with_data("ok", content_type="text/plain")
    for _ in range(2):
        error = _transient(fetcher, bare_server.url_for("/feed.xml"))
        assert (error.reason, error.attempts) == ("robots_unavailable", 1)
    assert paths_requested(bare_server) == ["/robots.txt"]  # cached: asked once, feed never fetched


def test_robots_404_allows_everything(server: HTTPServer, fetcher: Fetcher) -> None:
    server.expect_request("/anything/at/all").respond_with_data("ok", content_type="text/plain")
    assert fetcher.fetch(server.url_for("/anything/at/all")).status == 200
    assert paths_requested(server) == ["/robots.txt", "/anything/at/all"]


def test_robots_crawl_delay_spaces_requests(bare_server: HTTPServer, fetcher: Fetcher) -> None:
    """Crawl-delay 2 s asks for two seconds; FAST caps what we honour at 0.5 s."""
    bare_server.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nCrawl-delay: 2\n", content_type="text/plain"
    )
    probe = ConcurrencyProbe(hold_s=0.0)
    bare_server.expect_request("/item").respond_with_handler(probe)
    for _ in range(3):
        fetcher.fetch(bare_server.url_for("/item"))
    gaps = [b - a for a, b in zip(probe.starts, probe.starts[1:], strict=False)]
    assert len(gaps) == 2 and min(gaps) >= FAST.max_crawl_delay_s - 0.02 and max(gaps) < 1.5


def test_robots_parsing_follows_google_status_rules() -> None:
    ok = parse_robots(200, b"User-agent: *\nDisallow: /x\n", "wirehouse", 0.0, 100.0, 10.0)
    assert ok.verdict("https://a.example/x/1", "wirehouse") == "disallowed"
    assert ok.verdict("https://a.example/y", "wirehouse") == "allowed" and ok.expires_at == 100.0
    assert parse_robots(404, b"", "wirehouse", 0.0, 100.0, 10.0).verdict("https://a.example/x", "w") == "allowed"
    assert parse_robots(403, b"", "wirehouse", 0.0, 100.0, 10.0).verdict("https://a.example/x", "w") == "allowed"
    for status in (429, 500, 503, 0):
        rules = parse_robots(status, b"", "wirehouse", 0.0, 100.0, 10.0)
        assert rules.verdict("https://a.example/x", "w") == "unavailable" and rules.expires_at == 10.0


# --- politeness --------------------------------------------------------------------------------


def _hammer(fetcher: Fetcher, url: str, times: int) -> None:
    threads = [threading.Thread(target=fetcher.fetch, args=(url,)) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


@pytest.mark.parametrize(("per_host", "peak"), [(1, 1), (3, 3)])
def test_concurrency_per_host_is_capped(server: HTTPServer, per_host: int, peak: int) -> None:
    probe = ConcurrencyProbe(hold_s=0.25)
    server.expect_request("/busy").respond_with_handler(probe)
    with Fetcher(dataclasses.replace(FAST, max_per_host=per_host, read_timeout_s=2.0)) as polite:
        _hammer(polite, server.url_for("/busy"), times=3)
    assert len(probe.starts) == 3 and probe.peak == peak


def test_requests_to_one_host_are_spaced(server: HTTPServer) -> None:
    probe = ConcurrencyProbe(hold_s=0.0)
    server.expect_request("/spaced").respond_with_handler(probe)
    with Fetcher(dataclasses.replace(FAST, min_host_delay_s=0.2)) as polite:
        _hammer(polite, server.url_for("/spaced"), times=3)
    starts = sorted(probe.starts)
    assert len(starts) == 3 and all(b - a >= 0.18 for a, b in zip(starts, starts[1:], strict=False))


def test_host_throttle_books_turns_without_sleeping_under_its_lock() -> None:
    clock = [100.0]
    waits: list[float] = []
    throttle = HostThrottle(max_concurrent=2, min_delay_s=1.0, clock=lambda: clock[0], sleep=waits.append)
    for _ in range(3):
        with throttle.slot("News.Example.org"):
            pass
    with throttle.slot("other.example.org", min_delay_s=5.0):
        pass
    assert waits == [0.0, 1.0, 2.0, 0.0]


# --- retry arithmetic --------------------------------------------------------------------------


def test_backoff_is_full_jitter_and_never_earlier_than_retry_after() -> None:
    settings = HttpSettings(backoff_base_s=1.0, backoff_max_s=5.0)
    rng = random.Random(7)
    delays = [backoff_delay(4, settings, None, rng) for _ in range(200)]
    assert 0.0 <= min(delays) < 1.0 and 4.0 < max(delays) <= 5.0
    assert all(0.0 <= backoff_delay(1, settings, None, rng) <= 1.0 for _ in range(50))
    assert backoff_delay(1, settings, 3.0, rng) >= 3.0


def test_retry_after_parsing() -> None:
    now = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC).timestamp()
    assert parse_retry_after("120", now) == 120.0
    assert parse_retry_after("Wed, 01 May 2024 12:01:30 GMT", now) == 90.0
    assert parse_retry_after("Wed, 01 May 2024 11:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon", now) is None and parse_retry_after(None, now) is None


# --- SSRF guard --------------------------------------------------------------------------------


def test_a_private_address_is_refused_without_the_env_var(
    bare_server: HTTPServer, fetcher: Fetcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WIREHOUSE_ALLOW_PRIVATE_NETWORKS", raising=False)
    bare_server.expect_request("/feed.xml").respond_with_data("secret", content_type="text/plain")
    error = _permanent(fetcher, bare_server.url_for("/feed.xml"))
    assert error.reason == "private_address" and "127.0.0.1" in error.detail
    assert paths_requested(bare_server) == []  # not even robots.txt was asked for


@pytest.mark.parametrize(
    "host",
    [
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "127.0.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.251",
        "240.0.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "ff02::1",
    ],
)
def test_non_public_addresses_are_refused(host: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WIREHOUSE_ALLOW_PRIVATE_NETWORKS", raising=False)
    with pytest.raises(PermanentFetchError) as caught:
        check_public_address(host, 80, f"http://{host}/")
    assert caught.value.reason == "private_address"


def test_public_addresses_pass_and_the_env_var_opens_private_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WIREHOUSE_ALLOW_PRIVATE_NETWORKS", raising=False)
    check_public_address("93.184.216.34", 443, "https://93.184.216.34/")
    check_public_address("2606:4700::1111", 443, "https://[2606:4700::1111]/")
    monkeypatch.setenv("WIREHOUSE_ALLOW_PRIVATE_NETWORKS", "1")
    check_public_address("10.0.0.1", 80, "http://10.0.0.1/")


def test_every_redirect_hop_is_checked_again(
    server: HTTPServer, fetcher: Fetcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A public-looking first hop that redirects to an internal host is refused at the second hop."""
    port = server.port
    server.expect_request("/hop").respond_with_data(
        "", status=302, headers={"Location": f"http://localhost:{port}/internal"}
    )
    server.expect_request("/internal").respond_with_data("secret", content_type="text/plain")
    real_check = http.check_public_address

    def guard(host: str, port: int, url: str) -> None:
        if host == "localhost":  # stands in for an internal name
            raise PermanentFetchError("private_address", f"{host} is internal", url)
        real_check(host, port, url)

    monkeypatch.setattr(http, "check_public_address", guard)
    error = _permanent(fetcher, server.url_for("/hop"))
    assert error.reason == "private_address" and error.url.endswith("/internal")
    assert "/internal" not in paths_requested(server)


def test_fetch_result_is_a_plain_record() -> None:
    fields = [f.name for f in dataclasses.fields(FetchResult)]
    assert fields == [
        "url",
        "final_url",
        "status",
        "headers",
        "content",
        "etag",
        "last_modified",
        "not_modified",
        "elapsed_s",
        "attempts",
    ]


def test_fetch_errors_survive_pickling() -> None:
    error = TransientFetchError("http_429", "HTTP 429", "https://news.example.org/", 429, 30.0)
    error.attempts = 3
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is TransientFetchError
    assert (copy.reason, copy.url, copy.status, copy.retry_after_s, copy.attempts) == (
        "http_429",
        error.url,
        429,
        30.0,
        3,
    )
    gone = pickle.loads(pickle.dumps(PermanentFetchError("http_410", "HTTP 410", "https://news.example.org/a", 410)))
    assert isinstance(gone, RejectedInput) and gone.reason == "http_410"
