"""Feed bytes -> typed entries; URL normalisation; the feed registry file (pure, no network).

feedparser only ever sees bytes wrapped in BytesIO, so it never fetches anything.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import html
import io
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import feedparser

from tasks.core.records import RejectedInput

# Query parameters that only track the reader, never select the content (matched on the
# lower-cased name). courlan's tracker regex was checked and not used: it also strips real
# parameters (any name starting with "ga", "gl", "aff", "ref", "source", ...), drops blank
# values and keeps fragments, and it misses ocid / cmpid / at_*.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "igshid",
        "li_fat_id",
        "wbraid",
        "gbraid",
        "mc_cid",
        "mc_eid",
        "ocid",
        "cmpid",
        "cmp",
        "icid",
        "xtor",
        "smid",
        "smtyp",
        "_ga",
        "_gl",
        "s_cid",
        "s_kwcid",
        "ref_src",
        "ref_url",
        "spm",
        "sr_share",
        "ito",
        "taid",
        "rss_source",
    }
)
TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_", "hsa_", "_hs", "oly_", "vero_", "ns_", "wt.", "itm_", "mkt_", "ga_")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")
_PROLOG_END = re.compile(rb"<[A-Za-z_]")
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>])", re.IGNORECASE | re.DOTALL)
# feedparser flags these on documents it parsed fine: a warning, not a broken feed.
_BENIGN_BOZO = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
_DEFAULT_CONTENT_TYPE = "application/xml"  # RFC 7303: the XML declaration decides the charset


class FeedParseError(RejectedInput):
    """A feed that cannot be used. `reason`: not_a_feed, malformed, xml_entities, empty."""

    def __reduce__(self) -> tuple[object, ...]:  # picklable, for process pools and Prefect results
        return (type(self), (self.reason, self.detail))


class FeedRegistryError(ValueError):
    """The feed registry file is invalid; the message lists every problem found."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    entry_id: str
    url: str | None  # normalised with normalise_url
    title: str | None
    summary: str | None
    content: str | None  # the full content when the feed has it, else the summary
    published_at: dt.datetime | None  # tz-aware UTC
    author: str | None
    categories: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str | None
    link: str | None
    language: str | None
    entries: tuple[FeedEntry, ...]
    bozo_reason: str | None  # why the feed was not well-formed, when entries were still recovered
    version: str = ""  # "rss20", "atom10", "rss10", "json1.1", ...


@dataclass(frozen=True, slots=True)
class FeedSource:
    url: str
    name: str
    language: str | None
    country: str | None  # ISO 3166-1 alpha-2, upper case
    poll_interval_minutes: int = 15
    enabled: bool = True


def normalise_url(url: str) -> str:
    """Canonical form of an absolute http(s) URL; raises ValueError for anything else.

    Lower-cases scheme and host, drops default ports, fragments, tracking parameters and
    empty query parts, sorts the query, upper-cases percent escapes; keeps encodings as sent.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"not an absolute http(s) URL: {url!r}")
    host = parts.hostname.rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = parts.port  # raises ValueError for a bad port
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if parts.username is not None:
        netloc = parts.netloc.rpartition("@")[0] + "@" + netloc
    path = _ESCAPE.sub(lambda m: m.group(0).upper(), parts.path) or "/"
    query = "&".join(sorted(p for p in parts.query.split("&") if p and not _is_tracking(p)))
    return urlunsplit((scheme, netloc, path, query, ""))


def _is_tracking(pair: str) -> bool:
    name = pair.split("=", 1)[0].lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def parse_feed(content: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse RSS 0.9x/1.0/2.0, Atom or JSON Feed bytes fetched from `url`."""
    head = content[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise FeedParseError("empty", "no content")
    if head.startswith((b"{", b"[")):
        return _parse_json_feed(content, url)
    _check_no_entities(content)
    headers = {"content-location": url, "content-type": _xml_content_type(content_type)}
    try:
        parsed = feedparser.parse(io.BytesIO(content), response_headers=headers)
    except (UnicodeError, ValueError) as exc:  # e.g. a character reference to a lone surrogate (&#xD800;)
        raise FeedParseError("malformed", f"{type(exc).__name__}: {exc}"[:300]) from exc
    bozo = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(bozo, feedparser.NonXMLContentType):
        bozo = None  # servers label feeds text/html or text/plain all the time
    if not parsed.get("version") and not parsed.entries:
        if _HTML_START.match(head):
            raise FeedParseError("not_a_feed", "the document is HTML")
        raise FeedParseError("not_a_feed" if bozo is None else "malformed", _describe(bozo))
    if not parsed.entries and bozo is not None and not isinstance(bozo, _BENIGN_BOZO):
        raise FeedParseError("malformed", _describe(bozo))
    feed = parsed.feed
    return ParsedFeed(
        title=_text(feed.get("title")),
        link=_url_or_none(feed.get("link")),
        language=_text(feed.get("language")),
        entries=_unique(_entry_from_feedparser(e) for e in parsed.entries),
        bozo_reason=None if bozo is None else _describe(bozo),
        version=parsed.get("version") or "",
    )


def _xml_content_type(content_type: str | None) -> str:
    """Servers label feeds text/xml, text/html, text/plain...; without a charset parameter feedparser would
    assume us-ascii (RFC 3023, obsoleted by RFC 7303), so let the XML declaration decide instead."""
    if not content_type or "charset" not in content_type.lower():
        return _DEFAULT_CONTENT_TYPE
    return content_type


def _check_no_entities(content: bytes) -> None:
    """Refuse DTD entity declarations (billion laughs, external entities) before parsing."""
    head = content[:65536].replace(b"\x00", b"")  # also catches UTF-16 documents
    match = _PROLOG_END.search(head)
    prolog = head[: match.start()] if match else head
    if _ENTITY_DECL.search(prolog):
        raise FeedParseError("xml_entities", "the document declares XML entities")


def _describe(exc: object) -> str:
    return f"{type(exc).__name__}: {exc}"[:300] if exc is not None else "no feed found"


def _entry_from_feedparser(e: Any) -> FeedEntry | None:
    url = _url_or_none(e.get("link"))
    title = _text(e.get("title"))
    summary = _text(e.get("summary"))
    contents = [c.get("value") for c in e.get("content") or [] if _text(c.get("value"))]
    content = max(contents, key=len) if contents else summary
    if url is None and title is None and content is None:
        return None
    author = _text(e.get("author")) or next(
        (_text(a.get("name")) for a in e.get("authors") or [] if _text(a.get("name"))), None
    )
    categories = (t.get("term") or t.get("label") for t in e.get("tags") or [])
    return FeedEntry(
        entry_id=_entry_id(_text(e.get("id")), url, title, content),
        url=url,
        title=title,
        summary=summary,
        content=_text(content),
        published_at=_utc_from_struct(e.get("published_parsed") or e.get("updated_parsed")),
        author=author,
        categories=tuple(dict.fromkeys(c.strip() for c in categories if _text(c))),
    )


def _entry_id(raw_id: str | None, url: str | None, title: str | None, body: str | None) -> str:
    """The feed's own id, else the normalised URL, else a stable hash of title and body."""
    if raw_id:
        return raw_id
    if url:
        return url
    digest = hashlib.sha256(f"{title}\x1f{body}".encode()).hexdigest()[:32]
    return f"sha256:{digest}"


def _utc_from_struct(value: Any) -> dt.datetime | None:
    """feedparser's *_parsed struct_time is already UTC."""
    if value is None:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(value), tz=dt.UTC)
    except (OverflowError, ValueError, OSError, TypeError):
        return None


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


def _plain(value: Any) -> str | None:
    """JSON Feed text fields are plain text, but publishers often leave HTML entities in."""
    text = _text(value)
    return html.unescape(text) if text else None


def _url_or_none(value: Any) -> str | None:
    try:
        return normalise_url(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _unique(entries: Any) -> tuple[FeedEntry, ...]:
    """Drop empty entries and repeats of an entry id, keeping the first."""
    seen: dict[str, FeedEntry] = {}
    for entry in entries:
        if entry is not None and entry.entry_id not in seen:
            seen[entry.entry_id] = entry
    return tuple(seen.values())


def _parse_json_feed(content: bytes, url: str) -> ParsedFeed:
    """JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1)."""
    try:
        doc = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedParseError("malformed", f"invalid JSON: {exc}") from exc
    version = doc.get("version") if isinstance(doc, dict) else None
    if not isinstance(version, str) or not version.startswith("https://jsonfeed.org/version/"):
        raise FeedParseError("not_a_feed", "JSON without a JSON Feed version")
    items = doc.get("items")
    if not isinstance(items, list):
        raise FeedParseError("malformed", "JSON Feed without an items list")
    feed_author = _json_author(doc)
    entries = (_entry_from_json(i, url, feed_author) for i in items if isinstance(i, dict))
    return ParsedFeed(
        title=_plain(doc.get("title")),
        link=_url_or_none(doc.get("home_page_url")),
        language=_text(doc.get("language")),
        entries=_unique(entries),
        bozo_reason=None,
        version="json" + version.rsplit("/", 1)[-1],
    )


def _entry_from_json(item: dict[str, Any], feed_url: str, feed_author: str | None) -> FeedEntry | None:
    link = _text(item.get("url")) or _text(item.get("external_url"))
    url = _url_or_none(urljoin(feed_url, link)) if link else None
    title = _plain(item.get("title"))
    summary = _text(item.get("summary"))
    content = _text(item.get("content_html")) or _text(item.get("content_text")) or summary
    if url is None and title is None and content is None:
        return None
    raw_id = item.get("id")
    tags = item.get("tags") if isinstance(item.get("tags"), list) else []
    return FeedEntry(
        entry_id=_entry_id(_text(str(raw_id)) if raw_id is not None else None, url, title, content),
        url=url,
        title=title,
        summary=summary,
        content=content,
        published_at=_utc_from_iso(item.get("date_published") or item.get("date_modified")),
        author=_json_author(item) or feed_author,
        categories=tuple(dict.fromkeys(t.strip() for t in tags if _text(t))),
    )


def _json_author(obj: dict[str, Any]) -> str | None:
    """JSON Feed 1.1 `authors` list, or 1.0 `author` object."""
    authors = obj.get("authors")
    candidates = authors if isinstance(authors, list) else [obj.get("author")]
    names = (_text(a.get("name")) for a in candidates if isinstance(a, dict))
    return next((n for n in names if n), None)


def _utc_from_iso(value: Any) -> dt.datetime | None:
    """RFC 3339 -> aware UTC; a date without an offset is taken as UTC."""
    if not isinstance(value, str):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC)


_REGISTRY_KEYS = {"url", "name", "language", "country", "poll_interval", "enabled"}
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


def parse_feed_registry(path: str | Path) -> list[FeedSource]:
    """Read a TOML feed registry: `[[feeds]]` tables with url, name, language, country,
    poll_interval (minutes, default 15) and enabled (default true)."""
    path = Path(path)
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise FeedRegistryError(f"{path}: not valid TOML: {exc}") from exc
    feeds = doc.get("feeds")
    if not isinstance(feeds, list) or not feeds:
        raise FeedRegistryError(f"{path}: expected one or more [[feeds]] tables")
    sources: list[FeedSource] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(feeds):
        where = f"{path}: feeds[{index}]"
        try:
            source = _parse_feed_source(raw)
        except (TypeError, ValueError) as exc:
            errors.append(f"{where}: {exc}")
            continue
        if source.url in seen:
            errors.append(f"{where}: duplicate of feeds[{seen[source.url]}] ({source.url})")
            continue
        seen[source.url] = index
        sources.append(source)
    if errors:
        raise FeedRegistryError("invalid feed registry:\n" + "\n".join(errors))
    return sources


def _parse_feed_source(raw: Any) -> FeedSource:
    if not isinstance(raw, dict):
        raise TypeError("each feed must be a table")
    unknown = sorted(set(raw) - _REGISTRY_KEYS)
    if unknown:
        raise ValueError(f"unknown key(s) {unknown}; allowed: {sorted(_REGISTRY_KEYS)}")
    url, name = raw.get("url"), raw.get("name")
    if not isinstance(url, str):
        raise TypeError("url is required and must be a string")
    url = normalise_url(url)  # ValueError names the bad URL
    if not isinstance(name, str) or not name.strip():
        raise ValueError("name is required and must be a non-empty string")
    language, country = raw.get("language"), raw.get("country")
    if language is not None and not (isinstance(language, str) and _LANGUAGE.match(language)):
        raise ValueError(f"language must be an ISO 639 code such as 'en' or 'pt-BR', got {language!r}")
    if country is not None and not (isinstance(country, str) and _COUNTRY.match(country.upper())):
        raise ValueError(f"country must be an ISO 3166-1 alpha-2 code such as 'GB', got {country!r}")
    interval = raw.get("poll_interval", 15)
    if isinstance(interval, bool) or not isinstance(interval, int) or not 1 <= interval <= 10080:
        raise ValueError(f"poll_interval must be whole minutes between 1 and 10080, got {interval!r}")
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        raise TypeError(f"enabled must be true or false, got {enabled!r}")
    return FeedSource(
        url=url,
        name=name.strip(),
        language=language,
        country=country.upper() if country else None,
        poll_interval_minutes=interval,
        enabled=enabled,
    )
