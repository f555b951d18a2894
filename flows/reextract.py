"""Flow: recompute the fields of stored documents with the current extractor (no source is re-read)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from prefect import flow, get_run_logger
from prefect.utilities.annotations import quote

from tasks.core.pipeline import chunked
from tasks.core.settings import DEFAULT_BATCH_SIZE
from tasks.reextract import extract_stored, list_stale_documents, replace_fields
from tasks.runs import recorded_run


@flow(name="reextract")
def reextract(
    db: str | None = None, all_documents: bool = False, batch_size: int = DEFAULT_BATCH_SIZE
) -> dict[str, Any]:
    """Re-extract documents whose fields come from another extractor version (or every one with `all_documents`)."""
    from tasks.core.extraction import EXTRACTOR_VERSION

    params = {"all_documents": all_documents, "batch_size": batch_size}
    with recorded_run(db, "reextract", params) as run:
        ids = list_stale_documents(run.db, EXTRACTOR_VERSION, all_documents)
        reference = dt.datetime.now(dt.UTC).date()
        n_written, changed = 0, []
        for chunk in chunked(ids, batch_size):
            extracted = extract_stored(run.db, quote(chunk), reference)
            result = replace_fields(run.db, run.run_id, quote(extracted), EXTRACTOR_VERSION)
            n_written += result.n_written
            changed += result.changed
    # A document whose text changed while it was extracted (a concurrent backfill) is skipped: that run
    # stored its fields, or (without extraction) left it without fields, and so stale for the next reextract.
    get_run_logger().info(
        "re-extracted %d documents with extractor %s; %d changed meanwhile and were skipped",
        n_written,
        EXTRACTOR_VERSION,
        len(changed),
    )
    return {
        "run_id": run.run_id,
        "n_documents": n_written,
        "n_changed_meanwhile": len(changed),
        "extractor_version": EXTRACTOR_VERSION,
    }


if __name__ == "__main__":
    print(reextract())
