"""Benchmark: backfills of generated corpora (default 10,000 and 100,000 documents): time, documents/s and
peak memory of the whole process tree (the flow process plus its worker processes), and every row written.

    .venv/bin/python bench/scale_bench.py [--sizes 10000,100000] [--no-extract]

Documents are made from the seed article and the real pages under tests/golden (their cleaned text): each is
4-8 paragraphs drawn at random, with its numbers varied, written as JSON Lines (gzip, 10,000 per file).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import duckdb
import psutil

ROOT = Path(__file__).resolve().parents[1]
NUMBER = re.compile(r"\b\d{1,3}\b")


def paragraphs() -> list[str]:
    from tasks.core.cleaning import clean_document
    from tasks.core.records import RawDocument

    texts = [(ROOT / "seeds" / "000_f0b822bff615e880.txt").read_text()]
    for page in sorted((ROOT / "tests" / "golden" / "cleaning").glob("*/page.html.gz")):
        texts.append(clean_document(RawDocument(str(page), "html", gzip.decompress(page.read_bytes()))).text)
    return [p for t in texts for p in t.split("\n") if len(p.split()) >= 12]


def generate(folder: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    pool = paragraphs()
    per_file = 10_000
    for start in range(0, n, per_file):
        with gzip.open(folder / f"part-{start // per_file:04d}.jsonl.gz", "wt", encoding="utf-8") as out:
            for i in range(start, min(n, start + per_file)):
                body = "\n".join(rng.sample(pool, rng.randint(4, 8)))
                body = NUMBER.sub(lambda _: str(rng.randint(2, 400)), body)
                record = {"id": f"doc-{i}", "source": "bench", "published_at": "2024-03-14T10:00:00Z", "text": body}
                out.write(json.dumps(record) + "\n")


def run(folder: Path, db: Path, extra: list[str]) -> tuple[float, float, float]:
    """Wall seconds, and the peaks (MiB) of resident memory summed over the backfill's process tree: RSS
    (pages shared between processes, such as the model the workers inherit from the fork server, counted
    once per process) and PSS (each shared page split between the processes sharing it: the tree's real
    footprint)."""
    cmd = [str(ROOT / ".venv" / "bin" / "wirehouse"), "backfill", str(folder), "--db", str(db), "--no-progress"]
    start = time.perf_counter()
    proc = psutil.Popen([*cmd, *extra], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_rss = peak_pss = 0
    cpu: dict[int, tuple[str, float]] = {}  # pid -> (role, CPU seconds when last seen)
    while proc.poll() is None:
        rss = pss = 0
        for member in [proc, *_children(proc)]:
            try:
                info = member.memory_full_info()
                times = member.cpu_times()
                cpu[member.pid] = (_role(member, proc), times.user + times.system)
            except psutil.Error:
                continue
            rss += info.rss
            pss += info.pss
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(0.5)
    by_role: dict[str, float] = {}
    for role, seconds in cpu.values():
        by_role[role] = by_role.get(role, 0.0) + seconds
    LAST_CPU.clear()
    LAST_CPU.update(by_role)
    if proc.returncode:
        raise SystemExit(f"backfill failed with exit code {proc.returncode}")
    return time.perf_counter() - start, peak_rss / 2**20, peak_pss / 2**20


LAST_CPU: dict[str, float] = {}  # CPU seconds by role in the last `run` (sampled, so a lower bound)


def _role(member: psutil.Process, root: psutil.Process) -> str:
    if member.pid == root.pid:
        return "flow process (reading, Prefect client, writer)"
    cmdline = " ".join(member.cmdline())
    if "uvicorn" in cmdline or "prefect" in cmdline:
        return "Prefect server"
    return "worker processes (clean + extract)"


def format_cpu(wall: float) -> str:
    """The last run's CPU seconds by role, and how busy the cores were."""
    total = sum(LAST_CPU.values())
    cores = psutil.cpu_count() or 1
    parts = ", ".join(f"{role} {seconds:.1f} s" for role, seconds in sorted(LAST_CPU.items(), key=lambda r: -r[1]))
    return f"CPU {total:.1f} s = {100 * total / (wall * cores):.0f}% of {cores} cores x wall: {parts}"


def _children(proc: psutil.Process) -> list[psutil.Process]:
    try:
        return proc.children(recursive=True)
    except psutil.Error:
        return []


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--no-extract", action="store_true")
    args = parser.parse_args()
    extra = ["--no-extract"] if args.no_extract else []
    for n in (int(s) for s in args.sizes.split(",")):
        work = Path(tempfile.mkdtemp(prefix="wirehouse-scale-"))
        try:
            (work / "in").mkdir()
            generate(work / "in", n)
            wall, peak, pss = run(work / "in", work / "scale.duckdb", extra)
            noop, _, _ = run(work / "in", work / "scale.duckdb", extra)
            with duckdb.connect(str(work / "scale.duckdb"), read_only=True) as con:
                docs, extracted = con.execute(
                    "SELECT count(*), (SELECT count(*) FROM extractions) FROM documents"
                ).fetchone()
            label = "clean + load" if extra else "clean + extract + load"
            print(
                f"{n:>8,} docs ({label}): {wall:8.1f} s  {n / wall:7.1f} docs/s"
                f"  peak memory (tree) RSS {peak:5.0f} MiB, PSS {pss:5.0f} MiB"
                f"  rows: documents {docs:,}, extractions {extracted:,}  no-op rerun {noop:5.1f} s"
                f" ({100 * noop / wall:.1f}%)"
            )
        finally:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
