"""An injury the event's weapon did not cause is kept in `counts` with its `cause`, and left out of the figures."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from flows.backfill import backfill

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("prefect_server")]


def test_a_crash_injury_in_a_shooting_article_keeps_its_cause(tmp_path: Path, tmp_db: Path) -> None:
    seeds = tmp_path / "records.jsonl"
    records = [
        {
            "id": "crash",
            "text": "Shots were fired on Tamsin Road on Friday. A cyclist was struck by a car and taken "
            "to the hospital, police said.",
        },
        {
            "id": "shot",
            "text": "A man was shot in the leg on Tamsin Road on Friday and taken to the hospital, police said.",
        },
    ]
    seeds.write_text("".join(json.dumps(r) + "\n" for r in records))
    backfill(paths=[str(seeds)], db=str(tmp_db), progress=False)
    with duckdb.connect(str(tmp_db), read_only=True) as con:
        rows = con.execute(
            "SELECT DISTINCT d.external_id, c.kind, c.cause, f.injured FROM counts c JOIN documents d USING (doc_id)"
            " JOIN document_figures f USING (doc_id) WHERE c.kind = 'injured' ORDER BY 1"
        ).fetchall()
    assert rows == [("crash", "injured", "crash", None), ("shot", "injured", None, 1)]
