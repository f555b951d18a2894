"""What one run did, read back from the warehouse: the counts its Prefect artifact shows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from warehouse.db import open_warehouse

_EVENTS_SQL = """
WITH added AS (SELECT doc_id FROM documents WHERE run_id = ?),
touched AS (SELECT DISTINCT cluster_id FROM event_clusters WHERE doc_id IN (SELECT doc_id FROM added)),
sizes AS (
    SELECT c.cluster_id, count(*) AS n, count(*) FILTER (WHERE c.doc_id IN (SELECT doc_id FROM added)) AS n_added
    FROM event_clusters AS c WHERE c.cluster_id IN (SELECT cluster_id FROM touched) GROUP BY c.cluster_id
)
SELECT (SELECT count(*) FROM near_duplicates WHERE doc_id IN (SELECT doc_id FROM added)),
       count(*) FILTER (WHERE n_added = n),
       count(*) FILTER (WHERE n_added < n),
       count(*) FILTER (WHERE n > 1)
FROM sizes
"""


def read_run_summary(db: str | Path, run_id: str) -> dict[str, Any]:
    """Counters of the run, its rejects by reason, and what its documents did to the event clusters."""
    with open_warehouse(db, read_only=True) as con:
        row = con.execute(
            "SELECT flow, status, n_read, n_new, n_duplicate, n_updated, n_rejected FROM runs WHERE run_id = ?",
            [run_id],
        ).fetchone()
        if row is None:
            raise KeyError(f"no run {run_id}")
        reasons = con.execute(
            "SELECT stage, reason, count(*) FROM rejects WHERE run_id = ? GROUP BY ALL ORDER BY 3 DESC, 1, 2", [run_id]
        ).fetchall()
        near, new_events, grown, multi = con.execute(_EVENTS_SQL, [run_id]).fetchone()
    keys = ("flow", "status", "n_read", "n_new", "n_duplicate", "n_updated", "n_rejected")
    return {
        "run_id": run_id,
        **dict(zip(keys, row, strict=True)),
        "rejects_by_reason": [{"stage": s, "reason": r, "count": n} for s, r, n in reasons],
        "n_near_duplicates": int(near or 0),
        "n_events_new": int(new_events or 0),
        "n_events_grown": int(grown or 0),
        "n_events_multi_report": int(multi or 0),
    }


def format_run_markdown(summary: dict[str, Any]) -> str:
    """The artifact's markdown: one table of counters, one of rejects by reason."""
    lines = [
        f"# wirehouse {summary['flow']} run `{summary['run_id']}` ({summary['status']})",
        "",
        "| what | count |",
        "|---|---:|",
    ]
    labels = [
        ("documents read", "n_read"),
        ("new", "n_new"),
        ("duplicate (same id, same content)", "n_duplicate"),
        ("updated", "n_updated"),
        ("rejected", "n_rejected"),
        ("near-duplicates of stored stories", "n_near_duplicates"),
        ("events found (new clusters)", "n_events_new"),
        ("clusters grown by this run", "n_events_grown"),
    ]
    lines += [f"| {label} | {summary[key]:,} |" for label, key in labels]
    lines += ["", "## Rejects by reason", ""]
    if summary["rejects_by_reason"]:
        lines += ["| stage | reason | count |", "|---|---|---:|"]
        lines += [f"| {r['stage']} | `{r['reason']}` | {r['count']:,} |" for r in summary["rejects_by_reason"]]
    else:
        lines.append("none")
    return "\n".join(lines) + "\n"
