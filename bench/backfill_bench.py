"""Benchmark: bare trafilatura loop vs `wirehouse backfill` over the same real HTML pages.

Prints, in one run: (a) a one-process loop of `trafilatura.bare_extraction` over N pages; (b) the backfill
of the same pages (clean + extract + load, default settings) through the real flow and CLI; the ratio b/a;
documents/s; peak memory of the backfill's process tree (with its workers and Prefect server);
(c) the no-op rerun. Never a timed test: it prints figures.

    .venv/bin/python bench/backfill_bench.py [--copies 4] [--no-extract] [--compare-head-start]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import duckdb
from scale_bench import format_cpu, run  # the same timing and process-tree memory measurement

ROOT = Path(__file__).resolve().parents[1]
_FILES = sorted((ROOT / "tests" / "golden" / "cleaning").glob("*/page.html.gz")) + sorted(
    (ROOT / "seeds" / "pages").glob("*.html.gz")
)
_OWN_URL = re.compile(rb"<link[^>]+rel=[\"']?canonical[^>]*>|<meta[^>]+og:url[^>]*>", re.IGNORECASE)


def _distinct_pages() -> list[bytes]:
    """The real pages, each once (some seed pages are copies of golden-test pages)."""
    pages: dict[bytes, bytes] = {}
    for path in _FILES:
        html = gzip.decompress(path.read_bytes())
        pages.setdefault(hashlib.sha256(html).digest(), html)
    return list(pages.values())


PAGES = _distinct_pages()


def make_corpus(folder: Path, copies: int) -> list[bytes]:
    """N distinct documents: each real page written `copies` times, its own canonical and og:url links replaced
    by one unique canonical URL per copy (so every copy is a new document, not a duplicate)."""
    pages = []
    for n in range(copies):
        for i, page in enumerate(PAGES):
            marker = f'<link rel="canonical" href="https://bench.invalid/{n}/{i}">'.encode()
            html = _OWN_URL.sub(b"", page)
            html = html.replace(b"<head>", b"<head>" + marker, 1) if b"<head>" in html else marker + html
            (folder / f"{n:03d}-{i:03d}.html").write_bytes(html)
            pages.append(html)
    return pages


def bare_loop(pages: list[bytes]) -> float:
    import trafilatura

    start = time.perf_counter()
    for html in pages:
        trafilatura.bare_extraction(html, with_metadata=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--no-extract", action="store_true")
    parser.add_argument("--compare-head-start", action="store_true", help="(d): (b) again without the head start")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="wirehouse-bench-"))
    try:
        corpus = work / "pages"
        corpus.mkdir()
        pages = make_corpus(corpus, args.copies)
        n = len(pages)
        bare = bare_loop(pages)
        extra = ["--no-extract"] if args.no_extract else []
        first, peak, pss = run(corpus, work / "bench.duckdb", extra)
        cpu = format_cpu(first)
        noop, _, _ = run(corpus, work / "bench.duckdb", extra)
        with duckdb.connect(str(work / "bench.duckdb"), read_only=True) as con:
            (stored,) = con.execute("SELECT count(*) FROM documents").fetchone()
        print(f"pages: {n} real HTML pages ({len(PAGES)} distinct articles x {args.copies} copies, each its own URL)")
        print(f"(a) bare trafilatura.bare_extraction loop, 1 process: {bare:7.2f} s  {n / bare:7.1f} docs/s")
        label = "clean + load" if args.no_extract else "clean + extract + load"
        print(f"(b) wirehouse backfill ({label}, CLI, wall): {first:7.2f} s  {n / first:7.1f} docs/s")
        print(f"    ratio b/a: {first / bare:.2f}   documents stored: {stored:,}")
        print(f"    peak memory of the process tree: RSS {peak:.0f} MiB, PSS {pss:.0f} MiB (shared pages once)")
        print(f"    {cpu}")
        print(f"(c) no-op rerun (nothing new): {noop:7.2f} s  ({100 * noop / first:.0f}% of the first run)")
        print("    (b) and (c) include the CLI's start-up: Python imports and Prefect's temporary server unless")
        print("    PREFECT_API_URL points at a running server")
        if args.compare_head_start:
            os.environ["WIREHOUSE_HEAD_START"] = "0"
            without, _, _ = run(corpus, work / "without.duckdb", extra)
            del os.environ["WIREHOUSE_HEAD_START"]
            print(f"(d) (b) without the first batch's head start: {without:7.2f} s  ratio to (a): {without / bare:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
