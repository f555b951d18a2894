"""A full disk: the error names the cause ("No space left on device"), not the failed ROLLBACK after the failed
COMMIT, and nothing committed before is lost. The disk is a real small filesystem (a tmpfs mounted for the test;
that needs root). Without root, a file-size limit (RLIMIT_FSIZE with SIGXFSZ ignored: EFBIG, "File too large")
stands in for it: the same failed COMMIT, for another reason."""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest

from flows.cli import main as cli_main
from tasks.core.pipeline import process_batch
from tasks.core.records import Document, RawDocument
from warehouse import writer
from warehouse.check import check_warehouse
from warehouse.db import ensure_schema, open_warehouse

DISK_BYTES = 16 << 20  # room for a backfill of ~2 MB of text: stored in documents and document_versions, plus the WAL


def _mount_tmpfs(folder: Path) -> bool:
    if os.geteuid() != 0:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK_BYTES}", "tmpfs", str(folder)], check=False)
    return done.returncode == 0


@contextlib.contextmanager
def _no_space(folder: Path, leave: int = 0) -> Iterator[None]:
    """Fill the small filesystem to the last byte (but `leave`), and free it again."""
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as out:
        with contextlib.suppress(OSError):
            while True:
                out.write(b"\0" * 65536)
        with contextlib.suppress(OSError):  # the last partial block
            while True:
                out.write(b"\0" * 512)
    os.truncate(filler, max(0, filler.stat().st_size - leave))
    try:
        yield
    finally:
        filler.unlink()


@contextlib.contextmanager
def _file_size_limit(folder: Path, leave: int = 0) -> Iterator[None]:
    """No file may grow past its size now (plus a little): the next large write fails with EFBIG."""
    largest = max((p.stat().st_size for p in folder.iterdir()), default=0)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (largest + 64 * 1024 + leave, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


@pytest.fixture
def small_disk(
    tmp_path: Path,
) -> Iterator[tuple[Path, Callable[..., contextlib.AbstractContextManager[None]], str]]:
    """(folder on the small disk, a context manager that makes it full, the error text a full disk gives)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if _mount_tmpfs(folder):
        try:
            yield folder, lambda leave=0: _no_space(folder, leave), "No space left on device"
        finally:
            subprocess.run(["umount", str(folder)], check=True)
    else:
        yield folder, lambda leave=0: _file_size_limit(folder, leave), "File too large"


def _documents(prefix: str, n: int) -> list[Document]:
    raws = [RawDocument(f"{prefix}-{i}", "text", f"Report {prefix} {i}. " + os.urandom(2000).hex()) for i in range(n)]
    return process_batch(raws, extract=False).documents


def _count(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return int(con.execute("SELECT count(*) FROM documents").fetchone()[0])


def test_a_full_disk_reports_its_cause_and_loses_nothing_stored(small_disk) -> None:  # type: ignore[no-untyped-def]
    folder, full, cause = small_disk
    db = folder / "warehouse.duckdb"
    writer.start_run(db, run_id="run-1", flow="test", flow_run_id=None, parameters={})
    writer.append_batch(db, run_id="run-1", documents=_documents("before", 20), rejects=[])
    many = _documents("during", 600)  # about 2.5 MB of text: more than the disk has left
    with full(), pytest.raises(duckdb.Error) as caught:
        writer.append_batch(db, run_id="run-1", documents=many, rejects=[])
    message = str(caught.value)
    assert cause in message, message
    assert "cannot rollback" not in message and "no transaction is active" not in message
    assert _count(db) == 20  # what was committed before is all there, and nothing of the failed batch
    writer.append_batch(db, run_id="run-1", documents=_documents("after", 20), rejects=[])
    writer.finish_run(db, "run-1", status="completed")
    assert _count(db) == 40
    assert check_warehouse(db) == []


def test_a_migration_that_meets_a_full_disk_reports_its_cause(small_disk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder, full, cause = small_disk
    db = folder / "warehouse.duckdb"
    writer.ensure_warehouse(db)
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    (migrations / "9999_add_padding.sql").write_text(
        "CREATE TABLE padding AS SELECT repeat(md5(i::VARCHAR), 40) AS pad FROM range(20000) t(i);"
    )
    with full(), open_warehouse(db) as con, pytest.raises(duckdb.Error) as caught:
        ensure_schema(con, migrations)
    message = str(caught.value)
    assert cause in message and "no transaction is active" not in message, message
    with open_warehouse(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM schema_migrations WHERE version = 9999").fetchone() == (0,)


@pytest.mark.usefixtures("prefect_server")
def test_the_backfill_command_on_a_full_disk_says_why(  # type: ignore[no-untyped-def]
    small_disk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The real command: the run starts (a little space is left), its batch does not fit; the message is the cause."""
    folder, full, cause = small_disk
    db = folder / "warehouse.duckdb"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "first.txt").write_text("Two people were injured in a fire in Lyon on Monday, police said.\n")
    args = ["backfill", str(inbox), "--db", str(db), "--no-progress", "--no-extract", "--workers", "1"]
    assert cli_main(args) == 0
    for n in range(300):  # about 1.8 MB of new text
        (inbox / f"more-{n}.txt").write_text(f"Report {n}. " + os.urandom(3000).hex() + "\n")
    capsys.readouterr()
    with full(leave=256 * 1024):
        assert cli_main(args) == 1
    err = capsys.readouterr().err
    assert cause in err and "no transaction is active" not in err, err
    assert _count(db) == 1
    assert cli_main(args) == 0  # with the space back, the same command loads the rest
    assert _count(db) == 301
    assert check_warehouse(db) == []
