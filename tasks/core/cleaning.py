"""Turn a RawDocument into a clean Document: trafilatura for HTML, normalisation for text (pure)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata

import charset_normalizer

from tasks.core.records import (
    Document,
    RawDocument,
    RejectedInput,
    hash_text,
    make_doc_id,
)
from tasks.core.settings import MAX_HTML_BYTES

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Control and invisible format characters, except tab and newline (handled as whitespace).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff\ufffe]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # lone surrogates (JSON escapes like "\ud800") have no UTF-8 form
_HTML_LANG = re.compile(rb"<html[^>]*\blang\s*=\s*[\"']?([a-zA-Z]{2,3})", re.IGNORECASE)
_MIN_LANGID_CHARS = 20


def decode_text(data: bytes) -> str:
    """Decode bytes of unknown encoding: a BOM, else UTF-8, else the best charset_normalizer guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise RejectedInput("undecodable", f"{encoding} BOM but invalid bytes at {exc.start}") from exc
    if b"\x00" in data[:8192]:
        raise RejectedInput("binary_file", "NUL bytes in what should be text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise RejectedInput("undecodable", "no text encoding fits these bytes")
    return data.decode(best.encoding, errors="replace")


def normalise_text(text: str) -> str:
    """NFC, no control characters, single spaces, stripped lines, at most one blank line between paragraphs."""
    text = _SURROGATE.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = unicodedata.normalize("NFC", _CONTROL.sub("", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text to tell."""
    sample = text[:3000]
    if sum(ch.isalpha() for ch in sample) < _MIN_LANGID_CHARS:
        return None
    import py3langid

    lang, _score = py3langid.classify(sample)
    return str(lang)


def _parse_page_date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
    return _midnight(day)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _declared_html_lang(data: bytes | str) -> str | None:
    head = data[:4096] if isinstance(data, bytes) else data[:4096].encode("utf-8", "replace")
    match = _HTML_LANG.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def extract_html(raw: RawDocument) -> dict[str, object]:
    """Main text and metadata of an HTML page, by trafilatura, plus the page's own statement of its date, title and
    author (`tasks.core.metadata`, under "page"). The page is parsed once; trafilatura works on a copy of the tree.
    Dates come only from the page's markup/URL."""
    import trafilatura
    from trafilatura.utils import load_html

    from tasks.core.metadata import read_page_metadata

    if len(raw.payload) > MAX_HTML_BYTES:
        raise RejectedInput("too_large", f"{len(raw.payload)} bytes of HTML (limit {MAX_HTML_BYTES})")
    tree = load_html(raw.payload)
    if tree is None:
        raise RejectedInput("no_main_text", "trafilatura found no main text in the page")
    page = read_page_metadata(tree, raw.url)
    result = trafilatura.bare_extraction(
        tree,
        url=raw.url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if result is None or not result.text:
        raise RejectedInput("no_main_text", "trafilatura found no main text in the page")
    meta = result.as_dict()
    meta["declared_language"] = _declared_html_lang(raw.payload)
    meta["page"] = page
    meta["tree"] = tree
    return meta


_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section"}


def fragment_to_text(fragment: str | bytes) -> str:
    """Visible text of an HTML snippet (a feed entry's content), one line per block element."""
    import lxml.html
    from lxml.etree import ParserError

    source = fragment.decode("utf-8", "replace") if isinstance(fragment, bytes) else fragment
    if "<" not in source:
        return source
    source = _CONTROL.sub("", _SURROGATE.sub("\ufffd", source))  # lxml refuses both in text and tails
    try:
        root = lxml.html.fragment_fromstring(source, create_parent="div")
    except (ParserError, ValueError, AssertionError):  # lxml asserts one <body> (fails on e.g. "<html>")
        return source
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    return str(root.text_content())


def _joined(value: object) -> str | None:
    if not value:
        return None
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value if v) or None
    return str(value)


def _normalised(url: str | None) -> str | None:
    from tasks.core.feeds import normalise_url

    if not url:
        return None
    try:
        return normalise_url(url)
    except ValueError:
        return None


def registrable_domain(url: str) -> str:
    """The registrable domain of an http(s) URL by the Public Suffix List (`tld`, offline): news.bbc.co.uk ->
    bbc.co.uk. A host with no public suffix (an IP address, localhost) is its own domain."""
    from urllib.parse import urlsplit

    from tld import get_fld

    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    return str(get_fld(url, fail_silently=True) or host)


def _is_site_root(url: str) -> bool:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query


def choose_canonical(page_url: str | None, given_url: str | None) -> tuple[str | None, str | None]:
    """(the document's URL, a canonical URL the page claimed but that was refused).

    The page's own canonical (rel=canonical / og:url, as trafilatura reads it) is the document's identity only
    when it cannot take over another document: it must lie on the registrable domain of the URL the page was
    fetched from or stated with (else any page could overwrite any publisher's articles), and it must not be
    a site's home page standing for an article (else all of a site's articles collapse into one). A refused
    canonical is kept beside the document. URLs are normalised (tracking parameters, fragments, ports)."""
    page, given = _normalised(page_url), _normalised(given_url)
    if page is None or page == given:
        return given or given_url, None
    if given is not None and registrable_domain(page) != registrable_domain(given):
        return given, page
    if _is_site_root(page) and (given is None or not _is_site_root(given)):
        return given or given_url, page
    return page, None


def _scrub_surrogates(raw: RawDocument) -> RawDocument:
    """Replace lone surrogates in every text field with U+FFFD: they cannot be hashed or stored as UTF-8."""
    changes = {
        f.name: _SURROGATE.sub("\ufffd", value)
        for f in dataclasses.fields(raw)
        if isinstance(value := getattr(raw, f.name), str) and _SURROGATE.search(value)
    }
    return dataclasses.replace(raw, **changes) if changes else raw


def _file_headline(raw: RawDocument, text: str) -> str | None:
    """A plain text file's headline (its payload is the file's bytes; a record's `text` field, a str, is not
    given a title it did not have)."""
    from tasks.core.metadata import headline_from_text

    return headline_from_text(text) if raw.kind == "text" and isinstance(raw.payload, bytes) else None


def clean_document(raw: RawDocument) -> Document:
    """Clean one raw document. Raises RejectedInput for a permanent per-item failure."""
    raw = _scrub_surrogates(raw)
    meta: dict[str, object] = {}
    if raw.kind == "html":
        meta = extract_html(raw)
        text = normalise_text(str(meta["text"]))
    elif raw.kind == "fragment":
        text = normalise_text(fragment_to_text(raw.payload))
    else:
        payload = raw.payload if isinstance(raw.payload, str) else decode_text(raw.payload)
        text = normalise_text(payload)
    if not text:
        raise RejectedInput("empty_text", "no text left after cleaning")
    content_hash = hash_text(text)
    url, rejected_canonical = choose_canonical(_joined(meta.get("url")), raw.url)
    language = raw.language or _joined(meta.get("declared_language")) or detect_language(text)
    published_at, published_source, published_precision = _publication(raw, meta, text)
    return Document(
        doc_id=make_doc_id(url=url, external_id=raw.external_id, source=raw.source, content_hash=content_hash),
        external_id=raw.external_id,
        source_uri=raw.source_uri,
        url=url,
        title=raw.title or _title(meta) or _file_headline(raw, text),
        author=raw.author or _author(meta),
        published_at=published_at,
        language=language.lower()[:2] if language else None,
        sitename=_joined(meta.get("sitename")),
        hostname=_joined(meta.get("hostname")),
        description=_joined(meta.get("description")),
        categories=_joined(meta.get("categories")),
        tags=_joined(meta.get("tags")),
        image=_joined(meta.get("image")),
        fingerprint=_joined(meta.get("fingerprint")),
        source=raw.source or _joined(meta.get("sitename")),
        text=text,
        word_count=len(text.split()),
        content_hash=content_hash,
        origin=raw.origin,
        rejected_canonical=rejected_canonical,
        published_source=published_source,
        published_precision=published_precision,
        source_country=raw.country,
    )


_Publication = tuple[dt.datetime | None, str | None, str | None]


def _publication(raw: RawDocument, meta: dict[str, object], text: str) -> _Publication:
    """(published_at, its source, its precision): the record's own date first; a fetched page's feed-entry date
    only after every source of the page itself (the order is documented in tasks/core/metadata.py)."""
    from tasks.core.metadata import PageMetadata, dateline_date, read_extensive_date

    if raw.published_at is not None and raw.origin != "page":
        from_feed = raw.origin == "feed_entry" or raw.kind == "fragment"
        return raw.published_at, "feed" if from_feed else "record", "day"
    page = meta.get("page")
    if isinstance(page, PageMetadata):
        if page.date is not None:
            return _midnight(page.date.value), page.date.source, page.date.precision
        if (found := _parse_page_date(_joined(meta.get("date")))) is not None:
            same_as_url = page.url_day is not None and page.url_day.value == found.date()
            return found, "url" if same_as_url else "htmldate", "day"
        if page.url_day is not None:
            return _midnight(page.url_day.value), "url", "day"
        tree = meta.get("tree")
        if page.url_month is not None and (extensive := read_extensive_date(tree, page.url_month, text)) is not None:
            return _midnight(extensive.value), extensive.source, extensive.precision
        if page.url_month is not None:
            return _midnight(page.url_month.value), "url", "month"
    if raw.published_at is not None:
        return raw.published_at, "feed", "day"
    if (dateline := dateline_date(text)) is not None:
        return _midnight(dateline.value), dateline.source, dateline.precision
    return None, None, None


def _title(meta: dict[str, object]) -> str | None:
    from tasks.core.metadata import PageMetadata

    page = meta.get("page")
    if isinstance(page, PageMetadata):
        return page.title or _joined(meta.get("title"))
    return None


def _author(meta: dict[str, object]) -> str | None:
    from tasks.core.metadata import PageMetadata, clean_authors, linked_authors, markup_authors

    page = meta.get("page")
    if not isinstance(page, PageMetadata):
        return None
    if page.author:
        return page.author
    if linked := linked_authors(meta["tree"]):  # type: ignore[arg-type]
        return linked
    if found := _joined(meta.get("author")):
        names = [name for part in found.split(";") for name in clean_authors(part)]
        return "; ".join(dict.fromkeys(names)) if names else found
    return markup_authors(meta["tree"])  # type: ignore[arg-type]
