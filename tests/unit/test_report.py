"""The HTML report renderer (pure): self-contained, one mark per number, a table beside each chart."""

from __future__ import annotations

import datetime as dt
import re

from tasks.core.report import country_paths, render_report


def _data() -> dict:
    week = dt.date(2026, 3, 2)
    return {
        "weekly": {"columns": ["week", "event_type", "events"], "rows": [(week, "Battles", 2), (week, "Protests", 1)]},
        "fatalities": {"columns": ["country", "killed", "events"], "rows": [("PK", 10, 3), ("KE", 2, 1)]},
        "places": {
            "columns": ["place", "admin1", "country", "events", "reports"],
            "rows": [("Peshawar", None, "PK", 3, 9)],
        },
        "points": {
            "columns": ["lon", "lat", "event_type", "place", "n_documents", "killed_best"],
            "rows": [(71.6, 34.0, "Battles", "Peshawar <b>", 4, 7), (36.8, -1.3, "Protests", "Nairobi", 1, None)],
        },
        "sources": {"columns": ["source", "documents", "last_stored"], "rows": [("Wire", 5, None)]},
        "feeds": {"columns": ["name", "health"], "rows": []},
        "runs": {"columns": ["flow", "status"], "rows": [("backfill", "completed")]},
        "totals": {"columns": ["documents", "events", "located", "near_duplicates"], "rows": [(9, 4, 3, 1)]},
    }


def test_report_is_self_contained_and_draws_every_number() -> None:
    html = render_report(_data(), generated_at=dt.datetime(2026, 3, 9, tzinfo=dt.UTC))
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "default-src 'none'" in html  # the page may not fetch anything, even by mistake
    assert html.count('class="mark"') == 2 + 2 + 1  # stacked bars, fatalities, places
    assert html.count('<circle class="pt mark"') == 2
    assert html.count('<path class="land"') == len(country_paths()) >= 170
    assert "Peshawar &lt;b&gt;" in html and "Peshawar <b>" not in html  # escaped
    assert "1 more left out" in html  # 3 located, 2 drawn
    assert html.count("<table>") == 7
