"""Helpers for the reliability tests: corpora made from the seed texts, subprocess environments."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED_TEXT = ROOT / "seeds" / "000_f0b822bff615e880.txt"
SEED_EXPORT = ROOT / "seeds" / "exports" / "articles.jsonl"


def seed_paragraphs() -> list[str]:
    """Paragraphs of the seed texts, to vary into many distinct documents."""
    texts = [SEED_TEXT.read_text(encoding="utf-8")]
    for line in SEED_EXPORT.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        texts.append(record.get("text") or "")
    paragraphs = [p.strip() for text in texts for p in text.split("\n") if len(p.strip()) > 80]
    assert len(paragraphs) >= 10
    return paragraphs


def write_corpus(folder: Path, *, prefix: str, n_files: int, per_file: int) -> int:
    """JSON Lines files of distinct documents (distinct ids and texts) made by varying seed paragraphs."""
    folder.mkdir(parents=True, exist_ok=True)
    paragraphs = seed_paragraphs()
    n = 0
    for f in range(n_files):
        lines = []
        for _ in range(per_file):
            body = "\n".join(paragraphs[(n + k) % len(paragraphs)] for k in range(3))
            record = {
                "id": f"{prefix}-{n}",
                "source": "reliability",
                "title": f"Report {prefix} {n}",
                "published_at": f"2024-0{1 + n % 9}-1{n % 10}T08:00:00Z",
                "text": f"Dispatch {prefix} number {n}.\n{body}",
            }
            lines.append(json.dumps(record))
            n += 1
        (folder / f"{prefix}-{f:03d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return n


def subprocess_env(api_url: str, db: Path, **extra: str) -> dict[str, str]:
    """The environment for a `wirehouse` subprocess: the session's Prefect server, the warehouse file."""
    env = {**os.environ, "PREFECT_API_URL": api_url, "WIREHOUSE_DB": str(db), **extra}
    env.setdefault("DO_NOT_TRACK", "1")
    env["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    env["PYTHONPATH"] = str(ROOT)
    return env


def wirehouse_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "flows.cli", *args]


def measure_pipeline(paths: list[str]) -> dict[str, object]:
    """Run read_inputs -> process_batch (no extraction) over `paths`; reasons, documents and peak RSS growth."""
    import resource
    import time

    import trafilatura  # noqa: F401 -- imported up front so the baseline includes the libraries

    from tasks.core.pipeline import process_batch
    from tasks.core.seeds import read_inputs

    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    reasons: list[str] = []
    n_docs = 0
    for item in read_inputs(paths):
        batch = process_batch([item], extract=False)
        reasons += [r.reason for r in batch.rejects]
        n_docs += len(batch.documents)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "reasons": sorted(reasons),
        "documents": n_docs,
        "seconds": time.monotonic() - started,
        "rss_growth_mb": (peak - baseline) / 1024,
    }


if __name__ == "__main__":  # python -m tests.reliability.helpers PATH...: what measure_pipeline found, as JSON
    print(json.dumps(measure_pipeline(sys.argv[1:])))
