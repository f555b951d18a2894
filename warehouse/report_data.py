"""Read what the HTML report shows (one read-only connection, held only while reading)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from warehouse.db import open_warehouse

MAP_POINTS = 5000  # the most-reported events drawn on the map; the report says how many it left out

QUERIES = {
    "weekly": "SELECT date_trunc('week', event_date)::DATE AS week, coalesce(event_type, 'Unknown') AS event_type,"
    " count(*) AS events FROM event_records WHERE event_date IS NOT NULL AND event_type IS NOT NULL"
    " GROUP BY ALL ORDER BY week, event_type",
    "fatalities": "SELECT country, sum(killed_best) AS killed, count(*) AS events FROM event_records"
    " WHERE country IS NOT NULL AND killed_best IS NOT NULL GROUP BY ALL ORDER BY killed DESC, country LIMIT 25",
    "places": "SELECT place, admin1, country, count(*) AS events, sum(n_documents) AS reports FROM event_records"
    " WHERE place IS NOT NULL GROUP BY ALL ORDER BY events DESC, reports DESC, place LIMIT 20",
    "points": f"SELECT lon, lat, coalesce(event_type, 'Unknown') AS event_type, place, n_documents, killed_best"
    f" FROM event_records WHERE lat IS NOT NULL AND lon IS NOT NULL"
    f" ORDER BY n_documents DESC, cluster_id LIMIT {MAP_POINTS}",
    "sources": "SELECT coalesce(source, sitename, hostname, 'unknown') AS source, count(*) AS documents,"
    " max(ingested_at) AS last_stored FROM documents GROUP BY ALL ORDER BY documents DESC, source LIMIT 25",
    "feeds": "SELECT name, health, last_status, consecutive_failures, total_new FROM feed_health ORDER BY name",
    "runs": "SELECT flow, status, started_at, finished_at, n_read, n_new, n_duplicate, n_updated, n_rejected"
    " FROM runs ORDER BY started_at DESC LIMIT 20",
    "totals": "SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM event_records) AS events,"
    " (SELECT count(*) FROM event_records WHERE lat IS NOT NULL AND lon IS NOT NULL) AS located,"
    " (SELECT count(*) FROM near_duplicates) AS near_duplicates",
}


def read_report_data(db: str | Path) -> dict[str, dict[str, Any]]:
    """query name -> {"columns": [...], "rows": [...]}"""
    out: dict[str, dict[str, Any]] = {}
    with open_warehouse(db, read_only=True) as con:
        for name, sql in QUERIES.items():
            cursor = con.execute(sql)
            out[name] = {"columns": [d[0] for d in cursor.description], "rows": cursor.fetchall()}
    return out
