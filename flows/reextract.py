"""Flow: recompute the fields of stored documents with the current extractor (no source is re-read)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from prefect import flow, get_run_logger
from prefect.context import get_run_context

from flows.backfill import _chunks
from tasks.core.settings import DEFAULT_BATCH_SIZE, database_path
from tasks.load import finish_run, start_run
from tasks.reextract import extract_stored, list_stale_documents, replace_fields


@flow(name="reextract")
def reextract(
    db: str | None = None, all_documents: bool = False, batch_size: int = DEFAULT_BATCH_SIZE
) -> dict[str, Any]:
    """Re-extract documents whose fields come from another extractor version (or every one with `all_documents`)."""
    from tasks.core.extraction import EXTRACTOR_VERSION

    db_path = database_path(db)
    run_id = uuid.uuid4().hex
    flow_run_id = str(get_run_context().flow_run.id)  # type: ignore[union-attr]
    start_run(db_path, run_id, "reextract", flow_run_id, {"all_documents": all_documents, "batch_size": batch_size})
    ids = list_stale_documents(db_path, EXTRACTOR_VERSION, all_documents)
    reference = dt.datetime.now(dt.UTC).date()
    try:
        for chunk in _chunks(ids, batch_size):
            fields = extract_stored(db_path, chunk, reference)
            replace_fields(db_path, run_id, fields, EXTRACTOR_VERSION)
    except BaseException as exc:
        finish_run(db_path, run_id, "failed", f"{type(exc).__name__}: {exc}"[:1000])
        raise
    finish_run(db_path, run_id, "completed")
    get_run_logger().info("re-extracted %d documents with extractor %s", len(ids), EXTRACTOR_VERSION)
    return {"run_id": run_id, "n_documents": len(ids), "extractor_version": EXTRACTOR_VERSION}


if __name__ == "__main__":
    print(reextract())
