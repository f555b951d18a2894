"""Tasks for re-extraction: find stale documents, extract them from their stored text, replace their rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from prefect import task
from prefect.cache_policies import NONE

from tasks.core.extraction.model import Fields
from tasks.core.pipeline import extract_stored_rows
from tasks.load import RETRY
from tasks.writes import warehouse_write
from warehouse import writer


@task(name="list-stale-documents", cache_policy=NONE)
def list_stale_documents(db: Path, extractor_version: str, all_documents: bool) -> list[str]:
    return writer.read_stale_doc_ids(db, extractor_version, all_documents=all_documents)


@task(name="extract-stored", cache_policy=NONE)
def extract_stored(db: Path, doc_ids: list[str], reference_date: dt.date) -> dict[str, tuple[str, Fields]]:
    return extract_stored_rows(writer.read_documents_for_extraction(db, doc_ids), reference_date)


@task(name="replace-fields", cache_policy=NONE, **RETRY)
def replace_fields(
    db: Path, run_id: str, extracted: dict[str, tuple[str, Fields]], extractor_version: str
) -> writer.ReplaceResult:
    with warehouse_write():
        return writer.replace_batch_fields(
            db,
            run_id=run_id,
            fields={doc_id: doc_fields for doc_id, (_, doc_fields) in extracted.items()},
            extractor_version=extractor_version,
            content_hashes={doc_id: content_hash for doc_id, (content_hash, _) in extracted.items()},
        )
