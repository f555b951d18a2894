"""The real backfill flow over the seeds and the same-event test set, then what analysts take away from it:
the run's Prefect artifact, the read-only snapshot, warehouse/queries/*.sql through `wirehouse sql --file`,
the exports, and the offline HTML report rendered in headless Chromium with the network off."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import duckdb
import pytest

from flows.backfill import backfill
from flows.cli import main as cli_main

ROOT = Path(__file__).resolve().parents[2]
QUERIES = sorted((ROOT / "warehouse" / "queries").glob("*.sql"))
pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("prefect_server")]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory, prefect_server: None) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("outputs")
    inbox = folder / "inbox"
    shutil.copytree(ROOT / "seeds", inbox)
    shutil.copy(ROOT / "tests" / "data" / "clusters" / "articles.jsonl", inbox / "clusters.jsonl")
    db, snapshot = folder / "w.duckdb", folder / "snapshot"
    summary = backfill(paths=[str(inbox)], db=str(db), batch_size=10, progress=False, publish=str(snapshot))
    return {"db": db, "snapshot": snapshot, "summary": summary, "folder": folder}


def _sql(db: Path, query: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(query).fetchall()


def test_the_run_publishes_an_artifact_with_its_counts(loaded) -> None:  # noqa: ANN001
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    flow_run_id = uuid.UUID(loaded["summary"]["flow_run_id"])
    with get_client(sync_client=True) as client:
        flt = ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
        artifacts = client.read_artifacts(artifact_filter=flt)
    assert [a.type for a in artifacts] == ["markdown"]
    text = artifacts[0].data
    n_new = loaded["summary"]["n_new"]
    assert f"| new | {n_new:,} |" in text and "events found (new clusters)" in text and "Rejects by reason" in text


def test_the_snapshot_is_readable_without_the_warehouse(loaded) -> None:  # noqa: ANN001
    snap = loaded["snapshot"]
    con = duckdb.connect()  # an analyst's session: it never opens the warehouse file
    con.execute((snap / "snapshot.sql").read_text())
    assert (
        con.execute("SELECT count(*) FROM documents").fetchone()
        == _sql(loaded["db"], "SELECT count(*) FROM documents")[0]
    )
    assert con.execute("SELECT count(*) FROM event_records").fetchone()[0] > 0
    # while that session is open, a run still writes the warehouse and refreshes the snapshot
    assert cli_main(["publish", str(snap), "--db", str(loaded["db"])]) == 0
    assert not list(snap.glob(".staging-*"))


@pytest.mark.parametrize("query", QUERIES, ids=[q.stem for q in QUERIES])
def test_each_analysis_query_runs_on_the_seeds(loaded, query: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    assert cli_main(["sql", "--file", str(query), "--db", str(loaded["db"]), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    direct = _sql(loaded["db"], query.read_text())
    assert len(rows) == len(direct)
    if query.stem in ("most_reported_events", "events_by_type_admin1", "last_run_added"):
        assert rows, f"{query.name} found nothing on the seeds"
    if query.stem == "most_reported_events":
        assert rows[0]["n_sources"] >= 3  # the Peshawar bombing or the Nairobi protest, reported by several outlets


def test_exports_read_back(loaded, tmp_path: Path) -> None:  # noqa: ANN001
    db = loaded["db"]
    n = _sql(db, "SELECT count(*) FROM event_records")[0][0]
    assert (
        cli_main(["export", "event_records", "--format", "parquet", "--out", str(tmp_path / "er"), "--db", str(db)])
        == 0
    )
    with duckdb.connect() as con:
        back = con.execute(f"SELECT count(*) FROM read_parquet('{tmp_path}/er/**/*.parquet', hive_partitioning = true)")
        assert back.fetchone()[0] == n
    assert any(p.name.startswith("day=") for p in (tmp_path / "er").iterdir())
    for fmt in ("csv", "jsonl"):
        assert (
            cli_main(["export", "counts", "--format", fmt, "--out", str(tmp_path / f"c.{fmt}"), "--db", str(db)]) == 0
        )
    n_counts = _sql(db, "SELECT count(*) FROM counts")[0][0]
    assert len((tmp_path / "c.jsonl").read_text().splitlines()) == n_counts
    assert cli_main(["export", "event_records", "--format", "geojson", "--out", str(tmp_path / "e.geojson"),
                     "--since", "2026-03-04", "--db", str(db)]) == 0  # fmt: skip
    geo = json.loads((tmp_path / "e.geojson").read_text())
    assert geo["type"] == "FeatureCollection" and geo["features"]
    assert all(f["properties"]["event_date"] >= "2026-03-04" for f in geo["features"])
    assert cli_main(["export", "no_such_table", "--format", "csv", "--out", str(tmp_path / "x"), "--db", str(db)]) == 2


def test_gkg_counts_follow_the_documented_format(loaded) -> None:  # noqa: ANN001
    rows = _sql(loaded["db"], "SELECT n_counts, v21_counts FROM gkg_counts")
    assert rows
    kinds = {"KILL", "WOUND", "ARREST", "KIDNAP", "MISSING", "DISPLACED", "CASUALTIES"}
    for n, text in rows:
        counts = text.split(";")
        assert len(counts) == n
        for count in counts:
            fields = count.split("#")
            assert len(fields) == 11 and fields[0] in kinds and fields[10].isdigit()


CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000",
]  # fmt: skip


def render_in_chromium(page: Path, profile: Path) -> tuple[dict[str, str], str]:
    """Load a file in headless Chromium (fresh profile, no network services) and return the <body> data-*
    attributes its check script set, and Chromium's log."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Debian's chromium is not installed (.ci/run installs it)"
    env = {**os.environ, "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"}  # nothing gets out
    done = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    import re

    body = re.search(r"<body([^>]*)>", done.stdout)
    assert body, f"no DOM dumped: {done.stderr[-2000:]}"
    return dict(re.findall(r'data-([a-z-]+)="([^"]*)"', body.group(1))), done.stderr


def test_report_opens_offline_and_draws_in_chromium(loaded, tmp_path: Path) -> None:  # noqa: ANN001
    out = tmp_path / "report.html"
    assert cli_main(["report", "--out", str(out), "--db", str(loaded["db"])]) == 0
    html = out.read_text()
    assert "http://" not in html and "https://" not in html.replace("https://wire", "")
    attrs, log = render_in_chromium(out, tmp_path / "profile")
    located = _sql(loaded["db"], "SELECT count(*) FROM event_records WHERE lat IS NOT NULL AND lon IS NOT NULL")[0][0]
    assert attrs.get("rendered") == "yes", log[-2000:]
    assert attrs["charts"] == attrs["charts-drawn"] == "4"  # weekly, fatalities, places, map all drew marks
    assert int(attrs["map-countries"]) >= 170 and int(attrs["map-points"]) == located > 0
    assert attrs["resources"] == "0" and attrs["errors"] == "0"  # no request made, none failed
    assert "net::ERR" not in log and "Refused to" not in log


def test_the_chromium_check_fails_on_a_page_that_needs_the_network(tmp_path: Path) -> None:
    """The check above can fail: a page with a remote image is caught (a request made, and it failed)."""
    page = tmp_path / "remote.html"
    report = (ROOT / "tasks" / "core" / "report.py").read_text()
    script = report.split('_CHECK = """', 1)[1].split('"""', 1)[0]
    page.write_text(f'<html><head><script>{script}</script></head><body><svg class="chart"></svg>'
                    '<img src="http://192.0.2.1/tile.png"></body></html>')  # fmt: skip
    attrs, _ = render_in_chromium(page, tmp_path / "profile")
    assert attrs.get("rendered") == "yes"
    assert attrs["charts-drawn"] == "0"
    assert int(attrs["errors"]) + int(attrs["resources"]) > 0
