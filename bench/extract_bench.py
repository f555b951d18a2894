"""Benchmark: extraction cost per document, and backfill documents/s with and without extraction.

    .venv/bin/python bench/extract_bench.py

Prints the median ms of `extract_fields` on ~600-word English articles (the seed article and real pages'
cleaned text, cut to 600 words), the median ms of cleaning the same pages, and one process's documents/s for
clean+load vs clean+extract+load over the same pages (`process_batch` + `append_batch` into a temporary
DuckDB file: no Prefect, no worker processes).
"""

from __future__ import annotations

import datetime as dt
import gzip
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    from tasks.core.cleaning import clean_document
    from tasks.core.extraction import EXTRACTOR_VERSION, extract_fields
    from tasks.core.pipeline import process_batch
    from tasks.core.records import RawDocument
    from warehouse.writer import append_batch, start_run

    raws = [
        RawDocument(str(p), "html", gzip.decompress(p.read_bytes()))
        for p in sorted((ROOT / "tests/golden/cleaning").glob("*/page.html.gz"))
    ]
    docs = [clean_document(r) for r in raws]
    english = [d for d in docs if d.language == "en" and d.word_count >= 600]
    articles = [" ".join(d.text.split(" ")[:600]) for d in english]
    articles.append((ROOT / "seeds/000_f0b822bff615e880.txt").read_text())
    today = dt.date(2026, 11, 26)
    from tasks.core.extraction.gazetteer import load_gazetteer
    from tasks.core.extraction.nlp import load_nlp

    for name, loader in (("spaCy model", load_nlp), ("gazetteer", load_gazetteer)):
        start = time.perf_counter()
        loader()
        print(f"  load {name}: {time.perf_counter() - start:.2f} s (once per worker process)")
    extract_fields(articles[0], language="en", published_at=None, reference_date=today)  # load the model once
    timings = []
    for _ in range(3):
        for text in articles:
            start = time.perf_counter()
            extract_fields(text, language="en", published_at=None, reference_date=today)
            timings.append((time.perf_counter() - start) * 1000)
    cleaning = []
    for raw in raws:
        start = time.perf_counter()
        clean_document(raw)
        cleaning.append((time.perf_counter() - start) * 1000)
    print(f"extractor {EXTRACTOR_VERSION}: {len(articles)} English articles of ~600 words")
    p90 = sorted(timings)[9 * len(timings) // 10]
    print(f"  extract_fields median {statistics.median(timings):6.1f} ms  (p90 {p90:.1f})")
    print(f"  clean_document median {statistics.median(cleaning):6.1f} ms over {len(raws)} real pages")
    corpus = raws * 3
    for extract in (False, True):
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "b.duckdb"
            start_run(db, run_id="bench", flow="bench", flow_run_id=None, parameters={})
            start = time.perf_counter()
            for i in range(0, len(corpus), 22):
                batch = process_batch(corpus[i : i + 22], extract=extract, reference_date=today)
                append_batch(
                    db,
                    run_id="bench",
                    documents=batch.documents,
                    rejects=batch.rejects,
                    fields=batch.fields,
                    extractor_version=EXTRACTOR_VERSION,
                    n_read=batch.n_read,
                )
            took = time.perf_counter() - start
        label = "clean + extract + load" if extract else "clean + load          "
        print(f"  {label}: {len(corpus) / took:6.1f} docs/s in one process ({len(corpus)} pages, {took:.1f} s)")


if __name__ == "__main__":
    main()
