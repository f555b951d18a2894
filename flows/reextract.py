"""Flow: recompute the fields of stored documents with the current extractor (no source is re-read)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger
from prefect.utilities.annotations import quote

from tasks.core.pipeline import chunked
from tasks.core.settings import DEFAULT_BATCH_SIZE
from tasks.reextract import extract_stored, list_stale_documents, replace_fields
from tasks.runs import recorded_run


@flow(name="reextract")
def reextract(
    db: str | None = None,
    all_documents: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    publish: str | None = None,
) -> dict[str, Any]:
    """Re-extract documents whose fields come from another extractor version (or every one with `all_documents`)."""
    from tasks.core.extraction import EXTRACTOR_VERSION

    params = {"all_documents": all_documents, "batch_size": batch_size}
    with recorded_run(db, "reextract", params, publish) as run:
        ids = list_stale_documents(run.db, EXTRACTOR_VERSION, all_documents)
        reference = dt.datetime.now(dt.UTC).date()
        n_written, changed = _extract_and_replace(run.db, run.run_id, ids, batch_size, reference, EXTRACTOR_VERSION)
        # A document whose text changed while it was extracted (a concurrent backfill) was not written. Redo
        # once those still stale (the backfill did not extract them); one that changes again is skipped: it
        # stays stale for the next reextract, never with fields of a text it no longer has.
        redo = sorted(set(changed) & set(list_stale_documents(run.db, EXTRACTOR_VERSION, False)))
        n_redone, changed = _extract_and_replace(run.db, run.run_id, redo, batch_size, reference, EXTRACTOR_VERSION)
    get_run_logger().info(
        "re-extracted %d documents with extractor %s (%d of them again: their text changed meanwhile);"
        " %d skipped, changed again",
        n_written + n_redone,
        EXTRACTOR_VERSION,
        n_redone,
        len(changed),
    )
    return {
        "run_id": run.run_id,
        "n_documents": n_written + n_redone,
        "n_redone": n_redone,
        "n_changed_meanwhile": len(changed),
        "extractor_version": EXTRACTOR_VERSION,
    }


def _extract_and_replace(
    db: Path, run_id: str, ids: list[str], batch_size: int, reference: dt.date, version: str
) -> tuple[int, list[str]]:
    """Extract and store the fields of `ids` in batches: (documents written, documents changed meanwhile)."""
    n_written, changed = 0, []
    for chunk in chunked(ids, batch_size):
        extracted = extract_stored(db, quote(chunk), reference)
        result = replace_fields(db, run_id, quote(extracted), version)
        n_written += result.n_written
        changed += result.changed
    return n_written, changed


if __name__ == "__main__":
    print(reextract())
