"""Clustering cost per document as the warehouse grows, and export / report times (prints figures).

Synthetic warehouse: events in 400 cities, about 100 documents a day (the density a feed set gives, so the
number of same-day candidates stays the same as the warehouse grows), 1-5 reports per event from different
outlets, one report in ten a syndicated copy of the first (its tail trimmed). Documents and their fields are
written through the real writer (`append_batch`, one transaction per batch), whose clustering step is timed on
its own, per slice of documents as the warehouse grows. No extraction runs (its cost is measured by
bench/extract_bench.py).

    .venv/bin/python bench/cluster_bench.py --sizes 10000,100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import tempfile
import time
from pathlib import Path

import warehouse.writer as writer
from tasks.core.extraction.model import Count, DateMention, Entity, Fields, Figures
from tasks.core.records import Document

CITIES = [(f"City{i:03d}", f"C{i % 60:02d}", f"Region{i % 90}", -60 + 0.3 * i, -170 + 0.85 * i) for i in range(400)]
TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots"]
# Words of letters only (the shingles and keywords ignore digits), 5 letters: none is a stop word.
VOCAB = ["q" + "".join(chr(97 + i // 26**k % 26) for k in range(4)) for i in range(3000)]
DOCS_PER_DAY = 100


def synthetic(n: int, seed: int = 7) -> list[tuple[Document, Fields]]:
    rnd = random.Random(seed)
    out: list[tuple[Document, Fields]] = []
    start = dt.date(2026, 1, 1)
    event = 0
    while len(out) < n:
        event += 1
        day = start + dt.timedelta(days=len(out) // DOCS_PER_DAY)
        city, country, admin1, lat, lon = rnd.choice(CITIES)
        etype = rnd.choice(TYPES)
        killed = rnd.choice([None, rnd.randint(1, 30)])
        words = rnd.sample(VOCAB, 60)
        people = [f"Person {event}-{k}" for k in range(2)]
        first = ""
        for r in range(rnd.randint(1, 5)):
            if r and rnd.random() < 0.1:  # the first report's wire copy, its tail trimmed: a near-duplicate
                text = " ".join(first.split()[: rnd.randint(200, 299)])
            else:
                text = " ".join(rnd.choice(words) for _ in range(300))
            first = first or text
            doc_id = hashlib.sha256(f"{event}-{r}".encode()).hexdigest()[:16]
            published = dt.datetime.combine(day, dt.time(8 + r), tzinfo=dt.UTC)
            doc = Document(
                doc_id, None, f"bench#{event}-{r}", None, f"{city} {etype} {event}", None, published, "en", None,
                None, None, None, None, None, None, f"outlet{r}", text, 300,
                hashlib.sha256(text.encode()).hexdigest(),
            )  # fmt: skip
            figures = Figures(
                killed and killed + r, None, None, etype, None, day, city, country, admin1, lat, lon
            )  # fmt: skip
            entities = tuple(Entity("PERSON", p, p, 0, 0, len(p)) for p in people)
            counts = () if figures.killed is None else (
                Count("killed", "killed", figures.killed, figures.killed, False, None, "civilians", "people",
                      "current", None, 0, 10, 12, 13, 19),
            )  # fmt: skip
            dates = (DateMention("on Tuesday", day, "day", True, "published", 0, 0, 10),)  # the text states the day
            fields = Fields("en", None, entities=entities, counts=counts, dates=dates, figures=figures)
            out.append((doc, fields))
    return out[:n]


def run(n: int, batch: int, slice_size: int, folder: Path) -> None:
    db = folder / f"bench-{n}.duckdb"
    writer.ensure_warehouse(db)
    writer.start_run(db, run_id="bench", flow="bench", flow_run_id=None, parameters={})
    spent: list[tuple[int, float]] = []
    original = writer.update_clusters

    def timed(con, ids, run_id):  # noqa: ANN001, ANN202
        t = time.perf_counter()
        result = original(con, ids, run_id)
        spent.append((len(ids), time.perf_counter() - t))
        return result

    writer.update_clusters = timed
    rows = synthetic(n)
    print(f"{n:>7,} docs, batches of {batch}: clustering ms/doc per slice of {slice_size:,} docs")
    t0 = time.perf_counter()
    done, start, seen = 0, 0, 0
    for i in range(0, n, batch):
        part = rows[i : i + batch]
        fields = {(d.doc_id, d.content_hash): f for d, f in part}
        writer.append_batch(db, run_id="bench", documents=[d for d, _ in part], rejects=[], fields=fields,
                            extractor_version="bench")  # fmt: skip
        done += len(part)
        if done - start >= slice_size or done == n:
            docs, secs = sum(c for c, _ in spent[seen:]), sum(s for _, s in spent[seen:])
            print(f"          {start:>7,}-{done:>7,}: {secs / max(docs, 1) * 1000:.2f} ms/doc", flush=True)
            start, seen = done, len(spent)
    load = time.perf_counter() - t0
    writer.update_clusters = original
    total = sum(s for _, s in spent)
    print(f"{n:>7,} docs: load {load:6.1f} s, of which clustering {total:6.1f} s = {total / n * 1000:.2f} ms/doc")
    from tasks.core.report import render_report
    from warehouse.exports import export_table, publish_snapshot
    from warehouse.report_data import read_report_data

    for table, fmt in (("event_records", "parquet"), ("document_figures", "parquet"), ("gkg_counts", "csv")):
        t = time.perf_counter()
        rows_out = export_table(db, table, fmt, folder / f"{table}-{n}.{fmt}")
        print(f"          export {table} ({fmt}): {rows_out:,} rows in {time.perf_counter() - t:.2f} s")
    t = time.perf_counter()
    html = render_report(read_report_data(db))
    (folder / f"report-{n}.html").write_text(html)
    print(f"          report: {time.perf_counter() - t:.2f} s, {len(html) / 1024:,.0f} KiB")
    t = time.perf_counter()
    names = publish_snapshot(db, folder / f"snapshot-{n}")
    print(f"          snapshot ({len(names)} tables): {time.perf_counter() - t:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--slice", type=int, default=10000, help="print ms/doc for every this many documents")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            run(n, args.batch_size, args.slice, Path(tmp))


if __name__ == "__main__":
    main()
