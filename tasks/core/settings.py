"""Fixed constants and `WIREHOUSE_*` environment values, in one place."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SEEDS = PROJECT_ROOT / "seeds"
DEFAULT_DB = PROJECT_ROOT / "warehouse" / "wirehouse.duckdb"
DEFAULT_FEEDS_FILE = DEFAULT_SEEDS / "feeds.toml"
MIGRATIONS_DIR = PROJECT_ROOT / "warehouse" / "migrations"

# Input caps: anything larger is rejected with a reason, never read whole.
MAX_FILE_BYTES = 64 * 1024 * 1024  # one HTML/text document
MAX_DECOMPRESSED_BYTES = 512 * 1024 * 1024  # a whole .gz stream
MAX_JSONL_LINE_BYTES = 16 * 1024 * 1024
MAX_HTML_BYTES = 16 * 1024 * 1024  # trafilatura works on a tree: bigger pages are rejected
SNIFF_BYTES = 8192

# Run knobs and their defaults (flow parameters override them).
DEFAULT_BATCH_SIZE = 200
DEFAULT_LOCK_TIMEOUT_S = 120.0
# Where the Prefect servers wirehouse starts keep write-slot leases (Prefect's own file-backed store), and the
# variable `flows.startup.prestart` sets to "disk" when the server in use keeps them in this $PREFECT_HOME
# (tasks/writes.py: free_stale_slots).
LEASE_STORAGE_VAR = "PREFECT_SERVER_CONCURRENCY_LEASE_STORAGE"
LEASE_STORAGE = "prefect.server.concurrency.lease_storage.filesystem"
SLOT_LEASES_VAR = "WIREHOUSE_SLOT_LEASES"
# A chunk of documents in a worker process may take this long (base + per document) before its worker is killed
# and the chunk bisected: a backstop against a page that hangs a worker, far above the usual 0.2 s a document.
DEFAULT_CHUNK_TIMEOUT_S = 60.0
DEFAULT_CHUNK_TIMEOUT_PER_DOC_S = 5.0
# One document's extraction time budget: about 1,000 times a 600-word article's cost (50 KB of the slowest text
# measured takes about 3 s on a loaded machine); past it the document is recorded as `extractor_timeout`. Below the
# chunk timeout, so a slow document is recorded by the extractor before its worker is killed.
DEFAULT_EXTRACT_BUDGET_S = 30.0
ENTRY_LEASE_S = 900.0  # a run's claim on the pending entries it fetches; another run may take them after this
FEED_RETRY_BASE_S = 30.0  # a failed feed is retried after 30 s, 1 min, 2 min... (never later than its interval)


def default_seed_paths() -> list[str]:
    """`seeds/`, relative to the working directory when it lies under it (stable source_uri values)."""
    try:
        return [str(DEFAULT_SEEDS.relative_to(Path.cwd()))]
    except ValueError:
        return [str(DEFAULT_SEEDS)]


def database_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The warehouse file: an explicit path, else `WIREHOUSE_DB`, else `warehouse/wirehouse.duckdb`."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("WIREHOUSE_DB")
    return Path(env) if env else DEFAULT_DB


def lock_timeout_s() -> float:
    """How long a writer or reader waits for the warehouse file lock (`WIREHOUSE_LOCK_TIMEOUT`)."""
    return float(os.environ.get("WIREHOUSE_LOCK_TIMEOUT", DEFAULT_LOCK_TIMEOUT_S))


def chunk_timeout_s(n_documents: int) -> float:
    """How long a worker may spend on a chunk of `n_documents` (`WIREHOUSE_CHUNK_TIMEOUT_S` plus
    `WIREHOUSE_CHUNK_TIMEOUT_PER_DOC_S` a document)."""
    base = float(os.environ.get("WIREHOUSE_CHUNK_TIMEOUT_S", DEFAULT_CHUNK_TIMEOUT_S))
    per_doc = float(os.environ.get("WIREHOUSE_CHUNK_TIMEOUT_PER_DOC_S", DEFAULT_CHUNK_TIMEOUT_PER_DOC_S))
    return base + per_doc * n_documents


def extract_budget_s() -> float:
    """One document's extraction time budget in seconds (`WIREHOUSE_EXTRACT_BUDGET_S`)."""
    return float(os.environ.get("WIREHOUSE_EXTRACT_BUDGET_S", DEFAULT_EXTRACT_BUDGET_S))


def publish_dir() -> str | None:
    """Where flows refresh the read-only snapshot after each run (`WIREHOUSE_PUBLISH_DIR`; unset: nowhere)."""
    return os.environ.get("WIREHOUSE_PUBLISH_DIR") or None
