"""Benchmark: the writer alone (no Prefect, no extraction): documents/s appended as new, then as changed.

    .venv/bin/python bench/writer_bench.py [N] [BATCH]

N distinct text documents (default 4,000, about 2 KB each) go through `append_batch` in batches (default
200) into a temporary DuckDB file; then the same ids come again with changed text (each a new version: its
row in `documents` updated, a `document_versions` row added, the old one closed). Prints both rates and the
CPU seconds they took.
"""

from __future__ import annotations

import sys
import tempfile
import time
import uuid
from pathlib import Path

from tasks.core.cleaning import clean_document
from tasks.core.records import Document, RawDocument
from warehouse import writer

_PARAGRAPH = "Police said several people were hurt when a crowd gathered outside the station on Monday evening. "


def _documents(n: int, tag: str) -> list[Document]:
    body = _PARAGRAPH * 20
    return [
        clean_document(RawDocument(f"bench#{k}", "text", f"{tag} report {k}. {body}", external_id=str(k), source="b"))
        for k in range(n)
    ]


def main(n: int = 4000, batch: int = 200) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        run_id = uuid.uuid4().hex
        writer.start_run(db, run_id=run_id, flow="bench", flow_run_id=None, parameters={})
        for tag, label in (("first", "new"), ("second", "changed")):
            docs = _documents(n, tag)
            start, cpu = time.perf_counter(), time.process_time()
            for i in range(0, n, batch):
                writer.append_batch(db, run_id=run_id, documents=docs[i : i + batch], rejects=[], n_read=batch)
            took, cpu = time.perf_counter() - start, time.process_time() - cpu
            print(
                f"{label:8s} {n:,} documents in {took:5.2f} s = {n / took:,.0f} documents/s (batches of {batch});"
                f" CPU {cpu:5.2f} s (all threads: steadier than wall time on a shared machine)"
            )


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
