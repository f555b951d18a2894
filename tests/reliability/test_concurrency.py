"""Concurrency: three backfills and an ingest started at once on one warehouse, and readers while they run."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

import duckdb
import pytest
from pytest_httpserver import HTTPServer

from tests.reliability.helpers import seed_paragraphs, subprocess_env, wirehouse_cmd, write_corpus
from warehouse.check import check_warehouse

pytestmark = [pytest.mark.slow, pytest.mark.integration]

LOCK_TIMEOUT_S = 60  # what every process here may wait for the file
READER_BOUND_S = 30  # a reader must get its answer within this, even with three writers busy


def _backfill(corpus: Path, db: Path, api_url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        wirehouse_cmd("backfill", str(corpus), "--no-progress", "--no-extract", "--batch-size", "20"),
        env=subprocess_env(api_url, db, WIREHOUSE_LOCK_TIMEOUT=str(LOCK_TIMEOUT_S)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _read_count(db: Path, api_url: str) -> tuple[float, int]:
    """Seconds a `wirehouse sql` reader took, and the document count it saw."""
    started = time.monotonic()
    out = subprocess.run(
        wirehouse_cmd("sql", "SELECT count(*) AS n FROM documents", "--format", "json", "--db", str(db)),
        env=subprocess_env(api_url, db, WIREHOUSE_LOCK_TIMEOUT=str(LOCK_TIMEOUT_S)),
        capture_output=True,
        text=True,
        timeout=LOCK_TIMEOUT_S + 30,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return time.monotonic() - started, int(json.loads(out.stdout)[0]["n"])


N_ENTRIES = 20


def _serve_feed(httpserver: HTTPServer) -> str:
    """A loopback feed of N_ENTRIES entries whose pages are real article text; returns the feed URL."""
    paragraphs = "".join(f"<p>{p}</p>" for p in seed_paragraphs()[:6])
    items = "".join(
        f"<item><title>Entry {i}</title><link>{httpserver.url_for(f'/p/{i}.html')}</link>"
        f"<guid>entry-{i}</guid><description>Summary {i}.</description></item>"
        for i in range(N_ENTRIES)
    )
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback</title>{items}</channel></rss>'
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/feed.xml").respond_with_data(feed, content_type="application/rss+xml")
    for i in range(N_ENTRIES):
        page = f"<html><head><title>Entry {i}</title></head><body><article><h1>Entry {i}</h1>{paragraphs}"
        page += f"<p>Report number {i}.</p></article></body></html>"
        httpserver.expect_request(f"/p/{i}.html").respond_with_data(page, content_type="text/html")
    return httpserver.url_for("/feed.xml")


def _ingest(registry: Path, db: Path, api_url: str) -> subprocess.Popen[str]:
    env = subprocess_env(api_url, db, WIREHOUSE_LOCK_TIMEOUT=str(LOCK_TIMEOUT_S), WIREHOUSE_ALLOW_PRIVATE_NETWORKS="1")
    return subprocess.Popen(
        wirehouse_cmd("ingest", "--feeds-file", str(registry), "--host-delay", "0"),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_three_writers_and_readers_share_one_warehouse(
    tmp_path: Path, tmp_db: Path, prefect_api_url: str, httpserver: HTTPServer
) -> None:
    registry = tmp_path / "feeds.toml"
    registry.write_text(f'[[feeds]]\nurl = "{_serve_feed(httpserver)}"\nname = "loopback"\nlanguage = "en"\n')
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    n_a = write_corpus(a, prefix="alpha", n_files=6, per_file=50)
    n_b = write_corpus(b, prefix="beta", n_files=6, per_file=50)
    n_c = write_corpus(c, prefix="gamma", n_files=2, per_file=50)
    for name in ("alpha-000.jsonl", "alpha-001.jsonl"):  # the third writer also loads 100 of the first's documents
        shutil.copy(a / name, c / name)
    procs = [_backfill(folder, tmp_db, prefect_api_url) for folder in (a, b, c)]
    procs.append(_ingest(registry, tmp_db, prefect_api_url))

    while not tmp_db.exists():
        assert all(p.poll() in (None, 0) for p in procs), "a backfill died before creating the warehouse"
        time.sleep(0.2)
    reads = []
    while any(p.poll() is None for p in procs):
        reads.append(_read_count(tmp_db, prefect_api_url))
    outputs = [p.communicate(timeout=LOCK_TIMEOUT_S * 2) for p in procs]
    for proc, (stdout, stderr) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, stderr[-3000:]
        assert "documents read" in stdout or "documents stored" in stdout

    assert reads, "no reader ran while the writers were busy"
    waits = sorted(seconds for seconds, _ in reads)
    print(f"reader waits (s): {', '.join(f'{w:.2f}' for w in waits)}")
    assert waits[-1] < READER_BOUND_S
    seen = [n for _, n in reads]
    assert seen == sorted(seen), "a reader saw the document count go down"

    with duckdb.connect(str(tmp_db), read_only=True) as con:
        n_docs, n_ids = con.execute(
            "SELECT count(*), count(DISTINCT external_id) FROM documents WHERE origin = 'file'"
        ).fetchone()
        runs = con.execute(
            "SELECT status, n_read, n_new, n_duplicate FROM runs WHERE flow = 'backfill' ORDER BY n_read"
        ).fetchall()
        ingest = con.execute("SELECT status, n_new FROM runs WHERE flow = 'ingest'").fetchall()
        pages = con.execute("SELECT count(*) FROM documents WHERE origin = 'page'").fetchone()[0]
        spans = con.execute("SELECT epoch(finished_at - started_at) FROM runs ORDER BY started_at").fetchall()
    print(f"writer run seconds: {', '.join(f'{s:.1f}' for (s,) in spans)}")
    assert n_docs == n_ids == n_a + n_b + n_c
    assert [r[0] for r in runs] == ["completed"] * 3
    assert sorted(r[1] for r in runs) == sorted([n_a, n_b, n_c + 100])
    assert sum(r[2] for r in runs) == n_docs and sum(r[3] for r in runs) == 100  # each shared doc stored once
    assert ingest == [("completed", N_ENTRIES)] and pages == N_ENTRIES  # the ingest kept all its entries
    assert check_warehouse(tmp_db) == []
