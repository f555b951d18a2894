"""A page's own statement of its publication date, title and author(s), read from its markup (pure).

`read_page_metadata(tree, url)` reads one parsed page (an lxml tree, never modified); `clean_document` then falls
back to trafilatura's own metadata, the feed entry's or the record's date, and a dateline at the top of the text.

Publication date, the first of (each becomes `Document.published_source`, with a precision of day / month / year):
1. "json-ld": `datePublished` (else `dateCreated`) of an article-like node of any JSON-LD block, also inside
   `@graph` and lists; ISO strings or Unix seconds / milliseconds.
2. "meta": `<meta>` (property / name / itemprop / http-equiv) `article:published_time`, `og:published_time`,
   `datePublished`, Dublin Core (`dc.date.issued`, `dcterms.created`, `dc.date`, ...), parsely (`parsely-pub-date`,
   the `parsely-page` JSON), `sailthru.date`, `pubdate`, `publish-date`, rNews, citation dates, ...
3. "time": `<time datetime>` (or an `itemprop=datePublished` element) that is marked as the publication date or sits
   in the page header, the article's header or a byline / dateline zone.
4. "htmldate": trafilatura's date (htmldate without extensive search: markup only), read by `clean_document`.
5. "url": a day in the URL path (`/2020/11/04/`, `/2010/politics/08/13/`, `/2020-11-04-`, `/20201104/`).
6. "htmldate-extensive": htmldate's extensive search, kept only when the URL's year and month confirm it (so
   never a date from a sentence of the text on its own); run only on pages that got no date before.
7. "url" again, at month precision (`/2020/11/`).
Then, in `clean_document`: "feed" (the feed entry's date of a fetched page) and "dateline" (a date with a year in
the first line of the text: "PARIS, June 5, 2020 (AFP) -"). A record's own date ("record") comes first of all.
Dates are kept as the page states them (its local calendar day), stored as midnight UTC like every other source.

Title: the article's `<h1>` when it agrees with `og:title`, `<title>` or the JSON-LD `headline` (site names and
separators stripped: " | Site", " - Site", "Site: "); else the JSON-LD headline, `og:title`, `<title>`, stripped.

Author: JSON-LD `author` (a name, an object, a list: people first, an organisation only when there is no person);
then (in `clean_document`) trafilatura's author, cleaned the same way; then `markup_authors`: `<meta name=author>`
and its kin, `rel=author`, `itemprop=author` and `data-byline-name` elements, byline elements; "By", roles
("Staff Writer"), dates, e-mail addresses and handles removed; "and" / "&" / comma lists split; an agency's
"staff" dropped ("Reuters Staff" -> "Reuters"). Several authors are joined with "; " (trafilatura's form).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from lxml.etree import XPath
from lxml.html import HtmlElement

DatePrecision = Literal["day", "month", "year"]
MIN_YEAR = 1990


@dataclass(frozen=True, slots=True)
class PageDate:
    value: dt.date
    precision: DatePrecision
    source: str


@dataclass(frozen=True, slots=True)
class PageMetadata:
    date: PageDate | None  # from the page's markup (sources 1-3); None: not stated there
    url_day: PageDate | None  # a day in the URL path (source 5)
    url_month: PageDate | None  # a month in the URL path (source 7)
    title: str | None
    author: str | None  # JSON-LD only; see `markup_authors`


# ---------------------------------------------------------------------------------------------------- dates

_ARTICLE_TYPES = re.compile(r"article|posting|report|newsarticle|blog|story|review|liveblog", re.IGNORECASE)
_META_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "og:published_time", "article:published",
    "datepublished", "rnews:datepublished", "parsely-pub-date", "sailthru.date", "dc.date.issued",
    "dcterms.issued", "dcterms.created", "dc.date.created", "dc.date", "dcterms.date", "dc.created",
    "citation_publication_date", "citation_date", "prism.publicationdate", "publish-date", "publish_date",
    "publishdate", "published-date", "published_date", "pubdate", "publication_date", "article.published",
    "article_date_original", "originalpublicationdate", "original-publication-date",
    "cxenseparse:recs:publishtime", "original-publish-date", "date", "created",
    "datecreated", "displaydate", "og:updated_time",
)  # fmt: skip
_META_RANK = {key: rank for rank, key in enumerate(_META_DATE_KEYS)}
_ISO = re.compile(r"(?P<y>(?:19|20)\d\d)-?(?P<m>[01]\d)-?(?P<d>[0-3]\d)(?:[T ]\d|$|\b)")
_MONTHS = {
    m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))
}
_WORDY = re.compile(
    r"\b(?:(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\.?\s+(?P<m1>[A-Za-z]{3,9})\.?,?\s+(?P<y1>(?:19|20)\d\d)|"
    r"(?P<m2>[A-Za-z]{3,9})\.?\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d\d))\b"
)
_ISO_ANY = re.compile(r"\b(?:19|20)\d\d-[01]\d-[0-3]\d\b")
_SLASHED = re.compile(r"\b(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<y>(?:19|20)\d\d)\b")
_URL_DAY = re.compile(r"/((?:19|20)\d\d)(?:/[a-z]{3,20})?[/_-]?([01]\d)[/_-]?([0-3]\d)(?:[/_.-]|$)", re.I)
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/([01]\d)/")
_DATE_ZONE = re.compile(r"byline|dateline|date|time|publish|posted|meta|info|header|author|timestamp", re.I)


def parse_date_value(value: object) -> dt.date | None:
    """A date from a markup value: ISO 8601 (any time and zone: the stated calendar day), Unix seconds or
    milliseconds, "June 5, 2020", "5 June 2020", "Fri, 05 Jun 2020 10:00:00 GMT", "05/06/2020" (day first when
    ambiguous). None when nothing fits or the year is before 1990."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float) or (isinstance(value, str) and re.fullmatch(r"\d{10}|\d{13}", value.strip())):
        seconds = float(value) / (1000 if float(value) > 1e11 else 1)
        try:
            return _checked(dt.datetime.fromtimestamp(seconds, dt.UTC).date())
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = value.strip()[:80]
    if match := _ISO.match(text):
        return _checked(_safe(int(match["y"]), int(match["m"]), int(match["d"])))
    if match := _WORDY.search(text):
        first = bool(match["d1"])
        day, month, year = (match["d1"], match["m1"], match["y1"]) if first else (match["d2"], match["m2"], match["y2"])
        number = _MONTHS.get(month[:3].lower())
        return _checked(_safe(int(year), number, int(day))) if number else None
    if match := _SLASHED.search(text):
        a, b, year = int(match["a"]), int(match["b"]), int(match["y"])
        return _checked(_safe(year, b, a) or _safe(year, a, b))
    return None


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _checked(day: dt.date | None) -> dt.date | None:
    return day if day is not None and day.year >= MIN_YEAR else None


def _json_ld_nodes(tree: HtmlElement) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    for script in tree.iterfind(".//script[@type]"):
        if "ld+json" not in (script.get("type") or "").lower() or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            try:  # a trailing comma or a stray control character is common: one retry, cleaned
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", re.sub(r"[\x00-\x1f]", " ", script.text)))
            except ValueError:
                continue
        nodes.extend(_walk(data))
    return nodes


def _walk(data: object, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if isinstance(data.get(key), list | dict):
                yield from _walk(data[key], depth + 1)


def _types(node: dict[str, Any]) -> str:
    kind = node.get("@type", "")
    return " ".join(str(k) for k in kind) if isinstance(kind, list) else str(kind)


def _article_nodes(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Article-like nodes first, then web pages, then anything else that has the fields."""
    return sorted(nodes, key=lambda n: 0 if _ARTICLE_TYPES.search(_types(n)) else 1 if "Page" in _types(n) else 2)


def _json_ld_date(nodes: list[dict[str, Any]]) -> dt.date | None:
    for key in ("datePublished", "dateCreated"):
        for node in _article_nodes(nodes):
            if (day := parse_date_value(node.get(key))) is not None:
                return day
    return None


def _meta_values(tree: HtmlElement) -> dict[str, str]:
    """Lower-cased meta key -> its first non-empty value."""
    values: dict[str, str] = {}
    for meta in tree.iterfind(".//meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv")
        value = meta.get("content") or meta.get("value")
        if key and value and value.strip():
            values.setdefault(key.strip().lower(), value.strip())
    return values


def _meta_date(meta: dict[str, str]) -> dt.date | None:
    found = sorted((rank, key) for key in meta if (rank := _META_RANK.get(key)) is not None)
    for _rank, key in found:
        if (day := parse_date_value(meta[key])) is not None:
            return day
    if "parsely-page" in meta:
        try:
            page = json.loads(meta["parsely-page"])
        except ValueError:
            return None
        if isinstance(page, dict):
            return parse_date_value(page.get("pub_date"))
    return None


def _time_date(tree: HtmlElement) -> dt.date | None:
    """A `<time datetime>` or `itemprop=datePublished` element marked as the publication date, or in a header,
    byline or dateline zone (never a date from the running text)."""
    candidates = _TIME_OR_ITEMPROP(tree)  # one pass over the tree, in document order
    for element in candidates:
        if (element.get("itemprop") or "").lower() == "datepublished":
            value = element.get("datetime") or element.get("content") or element.text_content()
            if (day := parse_date_value(value)) is not None:
                return day
    times = [e for e in candidates if e.tag == "time"]
    for element in times:
        marked = element.get("pubdate") is not None or "publish" in (element.get("class") or "").lower()
        if marked and (day := parse_date_value(element.get("datetime") or element.text_content())) is not None:
            return day
    for element in times:
        if _in_date_zone(element) and (day := parse_date_value(element.get("datetime") or "")) is not None:
            return day
    for element in _DATE_CLASS(tree)[:20]:
        if not _DATE_CLASS_MARK.search(element.get("class") or ""):
            continue
        text = " ".join(element.text_content().split())
        if len(text) <= 80 and (day := parse_date_value(re.sub(r"^\D{0,30}?(?=\d|[A-Z][a-z]{2})", "", text))):
            return day
    return None


_TIME_OR_ITEMPROP = XPath("//time | //*[@itemprop='datePublished' or @itemprop='datepublished'][not(self::meta)]")
_DATE_CLASS = XPath("//*[contains(@class, 'date') or contains(@class, 'publish')][not(self::script)]")
_DATE_CLASS_MARK = re.compile(r"pubdate|publish|dateline|post-date|entry-date|article-date|byline-date|date-pub", re.I)


def _in_date_zone(element: HtmlElement) -> bool:
    for depth, parent in enumerate(element.iterancestors()):
        if depth > 5:
            return False
        if parent.tag == "header":
            return True
        marks = f"{parent.get('class') or ''} {parent.get('id') or ''}"
        if _DATE_ZONE.search(marks) and not re.search(r"comment|related|footer|sidebar|widget", marks, re.I):
            return True
    return False


def url_dates(url: str | None) -> tuple[PageDate | None, PageDate | None]:
    """(a day in the URL's path, a month in it)."""
    if not url:
        return None, None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.IGNORECASE).split("?")[0]
    day = month = None
    if (match := _URL_DAY.search(path)) and (value := _checked(_safe(*map(int, match.groups())))):
        day = PageDate(value, "day", "url")
    if (match := _URL_MONTH.search(path)) and (value := _checked(_safe(int(match[1]), int(match[2]), 1))):
        month = PageDate(value, "month", "url")
    return day, month


def _extensive_date(tree: HtmlElement, url_month: PageDate | None) -> PageDate | None:
    """htmldate's extensive search, kept only when the URL's year and month confirm it."""
    if url_month is None:
        return None
    from htmldate import find_date

    found = find_date(tree, extensive_search=True, original_date=True, outputformat="%Y-%m-%d")
    day = parse_date_value(found) if found else None
    if day is None or (day.year, day.month) != (url_month.value.year, url_month.value.month):
        return None
    return PageDate(day, "day", "htmldate-extensive")


# ---------------------------------------------------------------------------------------------------- titles

_SEPARATORS = re.compile(r"\s+[|\-–—»:·•~]{1,2}\s+|\s+::\s+")
_EDGE_SEPARATORS = re.compile(r"^[\s|\-–—»:·•~]+|[\s|\-–—»:·•~]+$")
_NON_WORD = re.compile(r"[\W_]+")


def _squash(text: str) -> str:
    return _NON_WORD.sub("", text).lower()


def strip_site_name(title: str, site_names: list[str]) -> str:
    """ "Headline | Site", "Headline - Site", "Site: Headline" -> "Headline" (only parts that name the site)."""
    names = [n for n in (_squash(s) for s in site_names) if len(n) >= 3]
    bare = _EDGE_SEPARATORS.sub("", title)
    parts = _SEPARATORS.split(bare)
    if len(parts) == 1 and ": " in title:
        parts = title.split(": ", 1)
    kept = [p for p in parts if p.strip() and not _names_site(p, names)]
    if not kept:  # only the site's name: a title in its own right ("Pradhvan"), unless cut from one (" | Site")
        return "" if len(parts) > 1 or bare != title.strip() else " ".join(bare.split())
    if len(kept) == len(parts):
        return " ".join(bare.split())
    return " ".join((" - ".join(kept) if len(kept) > 1 else kept[0]).split())


def _names_site(part: str, names: list[str]) -> bool:
    """The part is (mostly) one of the site's names: "CNN.com" for "cnn", "Valley Post" for "The Valley Post"."""
    squashed = _squash(part)
    if not squashed or len(part.split()) > 6:
        return False
    for name in names:
        short, long = sorted((squashed, name), key=len)
        if short in long and len(short) >= 0.5 * len(long):
            return True
    return False


def _agrees(a: str, b: str) -> bool:
    x, y = _squash(a), _squash(b)
    if not x or not y:
        return False
    short, long = sorted((x, y), key=len)
    return short in long and len(short) >= 0.6 * len(long)


_HEADLINES = XPath("//h1 | //*[@itemprop='headline'][not(self::meta)]")


def _h1_candidates(tree: HtmlElement) -> list[str]:
    """Headings that may be the article's headline: those inside <article> or <main> first."""
    inside: list[str] = []
    outside: list[str] = []
    for element in _HEADLINES(tree)[:12]:
        text = " ".join(element.text_content().split())
        if not 2 <= len(text) <= 300:
            continue
        in_article = any(parent.tag in ("article", "main") for parent in element.iterancestors())
        target = inside if in_article or element.get("itemprop") == "headline" else outside
        if text not in target:
            target.append(text)
    return inside + [text for text in outside if text not in inside]


def _title(tree: HtmlElement, meta: dict[str, str], nodes: list[dict[str, Any]], url: str | None) -> str | None:
    site_names = [meta.get(k, "") for k in ("og:site_name", "application-name", "twitter:site", "publisher")]
    site_names += [str(n.get("name")) for n in nodes if re.search(r"Organization|WebSite", _types(n)) and n.get("name")]
    if url and (host := re.match(r"^[a-z]+://([^/:]+)", url, re.IGNORECASE)):
        labels = host[1].lower().split(".")
        site_names.append(
            labels[-3]
            if len(labels) > 2 and labels[-2] in ("co", "com", "org", "net")
            else labels[0 if len(labels) == 1 else -2]
        )
    headline = next(
        (str(n["headline"]).strip() for n in _article_nodes(nodes) if isinstance(n.get("headline"), str)), None
    )
    title_element = tree.find(".//title")
    page_title = " ".join(title_element.text_content().split()) if title_element is not None else ""
    references = [
        strip_site_name(t, site_names)
        for t in (headline, meta.get("og:title"), meta.get("twitter:title"), page_title)
        if t and t.strip()
    ]
    for h1 in _h1_candidates(tree):
        if any(_agrees(h1, ref) for ref in references):
            return strip_site_name(h1, site_names)
    return next((ref for ref in references if ref), None)


# --------------------------------------------------------------------------------------------------- authors

_AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator",
                "byl", "citation_author", "twitter:creator")  # fmt: skip
_BY = re.compile(
    r"^\s*(?:(?:(?:written|posted|reported|words|story|text|photos?)\s+)?by|par|por|door)[:\s]+", re.IGNORECASE
)
_CUT = re.compile(
    r"\s*(?:[|•·]|\bupdated\b|\bpublished\b|\bposted\b|\bon\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|"
    r"\b(?:19|20)\d\d\b|\b\d{1,2}[:/.]\d{2}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
    r"\S+@\S+|https?://).*$",
    re.IGNORECASE,
)
_ROLE = re.compile(
    r"[,\-–—(]\s*(?:the\s+)?(?:(?:associated press|press|wire|senior|chief|staff|special|contributing|associate|"
    r"deputy|managing|executive|"
    r"political|business|sports?|health|science|tech(?:nology)?|foreign|local|national|investigative|digital|"
    r"breaking news|news|city|metro|crime|courts?|education|environment|features?|entertainment|editorial)\s+)*"
    r"(?:writer|reporter|correspondent|editor|columnist|contributor|producer|journalist|photographer|intern|"
    r"staff|analyst|critic|anchor|bureau chief|for\b).*$",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\bwith\b)\s*", re.IGNORECASE)
_STAFF = re.compile(r"\s+(?:staff|staff reports?|wire|news service|newsroom|desk)$", re.IGNORECASE)
_NAME = re.compile(r"^[^\W\d_][\w'’.\-]*(?:\s+[\w'’.\-]+){0,4}$")
_NOT_NAMES = frozenset({"admin", "administrator", "editor", "staff", "guest", "unknown", "anonymous", "user"})


_PARTICLES = frozenset({"de", "da", "di", "del", "della", "dos", "du", "van", "von", "der", "den", "la", "le", "al",
                        "el", "bin", "ibn", "y", "e", "st.", "mc", "ten", "ter", "zu"})  # fmt: skip


def _name_words(text: str) -> str:
    """The name at the start of a byline fragment: its capitalised words (and particles: "de", "van"), up to
    the first other word; an all-capitals name up to its first word that is not ("LAURE BRETTON Envoyée
    spéciale" -> "LAURE BRETTON"). A lone word left after cutting is no name."""
    words = text.split()
    if not words:
        return ""
    capitals = words[0].isupper() and len(words[0]) > 1
    kept: list[str] = []
    for word in words:
        letters = word.strip(".'’-")
        if capitals and not (letters.isupper() or word.lower() in _PARTICLES):
            break
        if not capitals and not (letters[:1].isupper() or word.lower() in _PARTICLES):
            break
        kept.append(word)
    while kept and kept[-1].lower() in _PARTICLES:
        kept.pop()
    if len(kept) < len(words) and len(kept) < 2:
        return ""
    return " ".join(kept)


def clean_authors(raw: str) -> list[str]:
    """ "By Jane Doe and John Roe, Staff Writers | June 5, 2020" -> ["Jane Doe", "John Roe"]."""
    text = " ".join(raw.split())
    text = _BY.sub("", text)
    text = _CUT.sub("", text)
    text = _ROLE.sub("", text).strip(" ,-–—:")
    names = []
    for part in _SPLIT.split(text):
        name = _name_words(_STAFF.sub("", _BY.sub("", part).strip(" .,-–—:@")).strip())
        if not name or not _NAME.match(name) or name.lower() in _NOT_NAMES or name.startswith("@"):
            continue
        if _ROLE.match(f", {name}"):  # a role on its own ("Staff Writers"), split off by a comma
            continue
        if name not in names:
            names.append(name)
    return names


def _json_ld_authors(nodes: list[dict[str, Any]]) -> list[str]:
    for node in _article_nodes(nodes):
        if not _ARTICLE_TYPES.search(_types(node)) or "author" not in node:
            continue
        people: list[str] = []
        organisations: list[str] = []
        authors = node["author"] if isinstance(node["author"], list) else [node["author"]]
        for author in authors:
            if isinstance(author, str):
                people.extend(clean_authors(author))
            elif isinstance(author, dict) and isinstance(author.get("name"), str):
                target = organisations if "Organization" in _types(author) else people
                target.extend(clean_authors(author["name"]))
        if people or organisations:
            return people or organisations
    return []


def linked_authors(tree: HtmlElement) -> str | None:
    """Authors marked up one by one (`rel=author`, `itemprop=author`, `data-byline-name`), joined with "; "."""
    names = _linked_authors(tree)
    return "; ".join(names) if names else None


def markup_authors(tree: HtmlElement) -> str | None:
    """Authors named by meta tags and byline elements, joined with "; "."""
    names = _markup_authors(tree, _meta_values(tree))
    return "; ".join(names) if names else None


_LINKED = XPath("//*[@rel='author'] | //*[@data-byline-name] | //*[contains(@itemprop, 'author')]")


def _linked_authors(tree: HtmlElement) -> list[str]:
    """`rel=author` links first, then `itemprop=author` elements, then `data-byline-name` ones."""
    elements = _LINKED(tree)
    for kind in ("rel", "itemprop", "data-byline-name"):
        names: list[str] = []
        for element in elements:
            if kind == "rel" and element.get("rel") != "author":
                continue
            if kind == "itemprop" and "author" not in (element.get("itemprop") or "").split():
                continue
            if kind == "data-byline-name" and element.get(kind) is None:
                continue
            inner = element.find(".//*[@itemprop='name']")
            source = element.get("data-byline-name") or (inner if inner is not None else element).text_content()
            names.extend(n for n in clean_authors(source) if n not in names)
        if names:
            return names[:8]
    return []


def _markup_authors(tree: HtmlElement, meta: dict[str, str]) -> list[str]:
    for key in _AUTHOR_META:
        value = meta.get(key, "")
        if value and not value.startswith(("http", "@")) and (names := clean_authors(value)):
            return names
    for element in tree.iterfind(".//*[@class]"):
        marks = (element.get("class") or "").lower()
        if ("byline" in marks or marks.split()[:1] == ["author"]) and element.tag not in ("body", "article"):
            names = clean_authors(element.text_content()[:200])
            if names:
                return names
    return []


# ------------------------------------------------------------------------------------------------------ all


def read_page_metadata(tree: HtmlElement, url: str | None) -> PageMetadata:
    """Publication date, title and author stated by one page (the tree is only read)."""
    nodes = _json_ld_nodes(tree)
    meta = _meta_values(tree)
    url = url or meta.get("og:url")
    url_day, url_month = url_dates(url)
    date: PageDate | None = None
    if (day := _json_ld_date(nodes)) is not None:
        date = PageDate(day, "day", "json-ld")
    elif (day := _meta_date(meta)) is not None:
        date = PageDate(day, "day", "meta")
    elif (day := _time_date(tree)) is not None:
        date = PageDate(day, "day", "time")
    authors = _json_ld_authors(nodes)
    return PageMetadata(
        date=date,
        url_day=url_day,
        url_month=url_month,
        title=_title(tree, meta, nodes, url),
        author="; ".join(authors) if authors else None,
    )


def read_extensive_date(tree: HtmlElement, url_month: PageDate | None, text: str) -> PageDate | None:
    """The last markup source: htmldate's extensive search (on a copy of the tree: it may modify it), kept only
    when the URL's month confirms it and the article's text does not state that day (then it may have come from
    a sentence)."""
    from copy import deepcopy

    found = _extensive_date(deepcopy(tree), url_month) if url_month is not None else None
    if found is None or any(day == found.value for day in _text_dates(text)):
        return None
    return found


def _text_dates(text: str) -> Iterator[dt.date]:
    for pattern in (_ISO_ANY, _WORDY, _SLASHED):
        for match in pattern.finditer(text):
            if (day := parse_date_value(match.group())) is not None:
                yield day


_DATELINE = re.compile(
    r"^\s*[A-Z][\w.'’ -]{1,40}?(?:,\s*[A-Z][\w.'’ ]{1,20})?\s*[,(]\s*(?P<date>"
    + _WORDY.pattern
    + r")\s*\)?\s*(?:\([^)\n]{1,30}\)\s*)?[-–—:]"
)


def dateline_date(text: str) -> PageDate | None:
    """A dateline with a year opening the text: "PARIS, June 5, 2020 (AFP) -", "DENVER (March 3, 2019) -"; a
    sentence that merely starts with a date is not one."""
    match = _DATELINE.match(text[:160])
    day = parse_date_value(match["date"]) if match else None
    return PageDate(day, "day", "dateline") if day else None


_HEADLINE_END = re.compile(r"[.,;:]$")


def headline_from_text(text: str) -> str | None:
    """A plain text's first line when it reads as a headline: 2-25 words, at most 200 characters, a capital or a
    digit first ("3 dead in ..."), not ending like a sentence or a clause (. , ; :), and more text after it. The
    one rule for a text file's title (cleaning) and a seed's listed title (seeds)."""
    first, _, rest = text.strip().partition("\n")
    first = first.strip()
    words = first.split()
    if not rest.strip() or not 2 <= len(words) <= 25 or len(first) > 200:
        return None
    if (
        _HEADLINE_END.search(first)
        or not (first[0].isupper() or first[0].isdigit())
        or first.isupper()
        and len(words) < 3
    ):
        return None
    return first
