"""The per-batch work: clean, then extract (pure; runs in the flow's process or on any worker)."""

from __future__ import annotations

import datetime as dt
import itertools
import traceback
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


@dataclass(slots=True)
class ProcessedBatch:
    documents: list[Document] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    fields: dict[str, Fields] = field(default_factory=dict)  # by doc_id; empty when extraction is off
    n_read: int = 0
    files_done: list[FileDone] = field(default_factory=list)  # input files whose last item is in this batch

    def release(self) -> None:
        """Drop the records once written (their counts stay)."""
        self.documents.clear()
        self.rejects.clear()
        self.fields.clear()
        self.files_done.clear()


def extract_text(text: str, language: str | None, published_at: dt.datetime | None, reference_date: dt.date) -> Fields:
    """The structured fields of one text; an extractor bug is recorded, not fatal to the batch."""
    from tasks.core.extraction import extract_fields

    try:
        return extract_fields(text, language=language, published_at=published_at, reference_date=reference_date)
    except Exception as exc:  # noqa: BLE001 -- a bug on one document must not lose the batch; it is recorded
        detail = "".join(traceback.format_exception_only(exc)).strip()[:500]
        return Fields(language=language, skipped_reason=f"extractor_error: {detail}")


def extract_document(doc: Document, reference_date: dt.date) -> Fields:
    return extract_text(doc.text, doc.language, doc.published_at, reference_date)


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
            out.fields[doc.doc_id] = extract_document(doc, today)
    return out


def extract_stored_rows(
    rows: Sequence[tuple[str, str, str | None, dt.datetime | None]], reference_date: dt.date
) -> dict[str, Fields]:
    """Fields for stored documents given as (doc_id, text, language, published_at) rows."""
    return {
        doc_id: extract_text(text, language, published_at, reference_date)
        for doc_id, text, language, published_at in rows
    }
