"""One typed record per pipeline stage: read -> clean -> load (pure; no Prefect, no DuckDB)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

PayloadKind = Literal["text", "html", "fragment"]  # fragment: an HTML snippet from a feed


class Stage(StrEnum):
    READ = "read"
    CLEAN = "clean"
    EXTRACT = "extract"
    FETCH = "fetch"


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One document as read from a seed file, an archive or a live fetch, before cleaning."""

    source_uri: str  # where it came from: a path (with #L<n> or #entry<n>) or a URL
    kind: PayloadKind
    payload: bytes | str
    url: str | None = None
    external_id: str | None = None  # a JSONL `id`, a feed entry id, a WARC record id
    title: str | None = None
    author: str | None = None
    published_at: dt.datetime | None = None  # tz-aware UTC, stated by the record
    source: str | None = None  # a publisher or feed name
    language: str | None = None  # declared by the record
    origin: str = "file"  # file (seeds, archives) | page (fetched live) | feed_entry (the feed's own text)
    country: str | None = None  # the feed's or record's country (ISO 3166-1 alpha-2): context for its places


@dataclass(frozen=True, slots=True)
class Reject:
    """An input that could not become a document, and why (`reason` is a short code)."""

    source_uri: str
    stage: Stage
    reason: str
    detail: str


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned document, ready to load."""

    doc_id: str
    external_id: str | None
    source_uri: str
    url: str | None
    title: str | None
    author: str | None
    published_at: dt.datetime | None
    language: str | None
    sitename: str | None
    hostname: str | None
    description: str | None
    categories: str | None
    tags: str | None
    image: str | None
    fingerprint: str | None
    source: str | None
    text: str
    word_count: int
    content_hash: str
    origin: str = "file"
    rejected_canonical: str | None = None  # a canonical URL the page claimed on another site (not its identity)
    published_source: str | None = None  # which source gave published_at: see tasks/core/metadata.py
    published_precision: str | None = None  # day | month | year
    source_country: str | None = None  # RawDocument.country: the places resolver's prior for this document


class RejectedInput(Exception):
    """Raised by pure code for a permanent, per-item failure; becomes a `Reject` row."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def hash_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_doc_id(*, url: str | None, external_id: str | None, source: str | None, content_hash: str) -> str:
    """A deterministic id: the same document always gets the same one.

    Identity, in order: the canonical URL; else the external id within its source; else (no identity at all,
    e.g. a bare text file) the content itself. Documents with an identity whose content changes keep their id
    and get a new version (see warehouse/README.md).
    """
    if url:
        key = f"url:{url}"
    elif external_id:
        key = f"ext:{source or ''}:{external_id}"
    else:
        key = f"content:{content_hash}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
