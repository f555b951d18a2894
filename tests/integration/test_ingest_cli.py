"""`wirehouse ingest` as a user runs it: failed feeds are counted and named, all-failed exits non-zero, a failed
feed is retried with a backoff shorter than its interval, and a run with nothing due says when the next one is."""

from __future__ import annotations

import datetime as dt
import socket
from pathlib import Path

import duckdb
import pytest

from flows.cli import main as cli_main
from warehouse.check import check_warehouse

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("prefect_server")]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # nothing listens once the socket is closed: connections are refused


def test_ingest_where_every_feed_fails_says_why_exits_1_and_retries_with_backoff(
    tmp_path: Path, tmp_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    port = _closed_port()
    registry = tmp_path / "feeds.toml"
    registry.write_text(
        "".join(
            f'[[feeds]]\nurl = "http://127.0.0.1:{port}/{name}.xml"\nname = "{name}"\npoll_interval = 60\n\n'
            for name in ("one", "two")
        )
    )
    args = ["ingest", "--db", str(tmp_db), "--feeds-file", str(registry), "--host-delay", "0"]
    assert cli_main(args) == 1  # loopback is a private address: refused before any request
    out = capsys.readouterr()
    assert "2 feeds polled, 2 failed" in out.out and "private_address 2" in out.out
    assert "every polled feed failed" in out.err

    assert cli_main(args) == 0  # due again only after the retry backoff, not the hour-long interval
    out = capsys.readouterr().out
    assert "0 feeds due; next at" in out and "2 failed feed(s) wait for their retry backoff" in out

    monkeypatch.setenv("WIREHOUSE_ALLOW_PRIVATE_NETWORKS", "1")  # the user fixes the cause...
    with duckdb.connect(str(tmp_db)) as con:  # ...and the first backoff (30 s) has passed
        con.execute("UPDATE feeds SET last_polled_at = ?", [dt.datetime.now(dt.UTC) - dt.timedelta(seconds=31)])
    assert cli_main(args) == 1
    out = capsys.readouterr().out
    assert "2 feeds polled, 2 failed" in out and "private_address" not in out  # polled again: now refused
    assert check_warehouse(tmp_db) == []
