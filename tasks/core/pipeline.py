"""The per-batch work: clean, then extract (pure; runs in the flow's process or on any worker)."""

from __future__ import annotations

import datetime as dt
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field

from tasks.core.cleaning import clean_document
from tasks.core.extraction.model import Fields
from tasks.core.records import Document, RawDocument, Reject, RejectedInput, Stage
from tasks.core.seeds import FileDone


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


def extract_document(doc: Document, reference_date: dt.date) -> Fields:
    """The structured fields of one stored document; an extractor bug is recorded, not fatal to the batch."""
    from tasks.core.extraction import extract_fields

    try:
        return extract_fields(
            doc.text, language=doc.language, published_at=doc.published_at, reference_date=reference_date
        )
    except Exception as exc:  # noqa: BLE001 -- a bug on one document must not lose the batch; it is recorded
        detail = "".join(traceback.format_exception_only(exc)).strip()[:500]
        return Fields(language=doc.language, skipped_reason=f"extractor_error: {detail}")


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
    out: dict[str, Fields] = {}
    for doc_id, text, language, published_at in rows:
        stub = Document(
            doc_id,
            None,
            "",
            None,
            None,
            None,
            published_at,
            language,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            text,
            0,
            "",
        )
        out[doc_id] = extract_document(stub, reference_date)
    return out
