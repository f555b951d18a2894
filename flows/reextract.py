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
        for chunk in chunked(ids, batch_size):
            fields = extract_stored(run.db, quote(chunk), reference)
            replace_fields(run.db, run.run_id, quote(fields), EXTRACTOR_VERSION)
    get_run_logger().info("re-extracted %d documents with extractor %s", len(ids), EXTRACTOR_VERSION)
    return {"run_id": run.run_id, "n_documents": len(ids), "extractor_version": EXTRACTOR_VERSION}


if __name__ == "__main__":
    print(reextract())
