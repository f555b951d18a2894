"""The per-batch work: clean, then extract (pure; runs in the flow's process or on any worker)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from tasks.core.cleaning import clean_document
from tasks.core.extraction.model import Fields
from tasks.core.records import Document, RawDocument, Reject, RejectedInput, Stage
from tasks.core.seeds import FileDone

T = TypeVar("T")


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of `size` items (the last one shorter), consuming `items` lazily."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def batches(
    items: Iterable[RawDocument | Reject | FileDone], size: int
) -> Iterator[list[RawDocument | Reject | FileDone]]:
    """Lists of `size` documents (raw documents or rejects), consuming `items` lazily; a file's `FileDone`
    marker rides in the batch of the file's last item and is not counted."""
    batch: list[RawDocument | Reject | FileDone] = []
    n = 0
    for item in items:
        if not isinstance(item, FileDone) and n == size:
            yield batch
            batch, n = [], 0
        batch.append(item)
        n += not isinstance(item, FileDone)
    if batch:
        yield batch


@dataclass(slots=True)
class ProcessedBatch:
    documents: list[Document] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    # by (doc_id, content_hash) of the text they were extracted from; empty when extraction is off. Keyed by
    # the text too, because one batch may hold two records with the same id and different content.
    fields: dict[tuple[str, str], Fields] = field(default_factory=dict)
    n_read: int = 0
    files_done: list[FileDone] = field(default_factory=list)  # input files whose last item is in this batch

    def release(self) -> None:
        """Drop the records once written (their counts stay)."""
        self.documents.clear()
        self.rejects.clear()
        self.fields.clear()
        self.files_done.clear()


Row = tuple[str, str | None, dt.datetime | None, str | None]  # text, language, published_at, source country


def extract_texts(rows: Sequence[Row], reference_date: dt.date) -> list[Fields]:
    """The structured fields of (text, language, published_at, source_country) rows, in order; an extractor bug
    on one is recorded in its Fields, not fatal to the batch."""
    from tasks.core.extraction import Article, extract_many

    return extract_many(
        [Article(text, lang, published, reference_date, country) for text, lang, published, country in rows]
    )


def extract_document(doc: Document, reference_date: dt.date) -> Fields:
    return extract_texts([(doc.text, doc.language, doc.published_at, doc.source_country)], reference_date)[0]


def process_batch(
    items: Sequence[RawDocument | Reject | FileDone], *, extract: bool = True, reference_date: dt.date | None = None
) -> ProcessedBatch:
    """Clean every raw document of a batch (and extract its fields); rejects and file markers pass through."""
    out = ProcessedBatch()
    today = reference_date or dt.datetime.now(dt.UTC).date()
    for item in items:
        if isinstance(item, FileDone):
            out.files_done.append(item)
            continue
        out.n_read += 1
        if isinstance(item, Reject):
            out.rejects.append(item)
            continue
        try:
            doc = clean_document(item)
        except RejectedInput as exc:
            out.rejects.append(Reject(item.source_uri, Stage.CLEAN, exc.reason, exc.detail))
            continue
        out.documents.append(doc)
    if extract:
        rows = [(doc.text, doc.language, doc.published_at, doc.source_country) for doc in out.documents]
        keys = [(doc.doc_id, doc.content_hash) for doc in out.documents]
        out.fields = dict(zip(keys, extract_texts(rows, today), strict=True))
    return out


def extract_stored_rows(
    rows: Sequence[tuple[str, str, str | None, dt.datetime | None, str, str | None]], reference_date: dt.date
) -> dict[str, tuple[str, Fields]]:
    """doc_id -> (content_hash of the text read, its fields) for stored documents given as
    (doc_id, text, language, published_at, content_hash, source_country) rows."""
    fields = extract_texts(
        [(text, lang, published, country) for _, text, lang, published, _, country in rows], reference_date
    )
    return {row[0]: (row[4], doc_fields) for row, doc_fields in zip(rows, fields, strict=True)}
