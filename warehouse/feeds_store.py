"""Feed registry and feed state in the warehouse (called inside the writer's transactions)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

import duckdb
import pyarrow as pa

from tasks.core.feeds import FeedSource
from tasks.core.ingest import FeedPoll, FeedState, PendingEntry
from tasks.core.settings import FEED_RETRY_BASE_S


def upsert_feeds(con: duckdb.DuckDBPyConnection, sources: Sequence[FeedSource]) -> int:
    now = dt.datetime.now(dt.UTC)
    for s in sources:
        con.execute(
            "INSERT INTO feeds (url, name, language, country, poll_interval_minutes, enabled, added_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET name = excluded.name,"
            " language = excluded.language, country = excluded.country,"
            " poll_interval_minutes = excluded.poll_interval_minutes, enabled = excluded.enabled",
            [s.url, s.name, s.language, s.country, s.poll_interval_minutes, s.enabled, now],
        )
    return len(sources)


def remove_feed(con: duckdb.DuckDBPyConnection, url: str) -> bool:
    found = con.execute("SELECT count(*) FROM feeds WHERE url = ?", [url]).fetchone()
    con.execute("DELETE FROM feeds WHERE url = ?", [url])
    return bool(found and found[0])


# When a feed is next due, in seconds after its last poll: its interval, or after a failed poll a backoff
# (FEED_RETRY_BASE_S doubled per consecutive failure) that is never longer than the interval.
_NEXT_POLL_S = (
    "CASE WHEN consecutive_failures > 0 THEN least(poll_interval_minutes * 60.0,"
    " ? * pow(2, least(consecutive_failures, 20) - 1)) ELSE poll_interval_minutes * 60.0 END"
)


def due_feeds(con: duckdb.DuckDBPyConnection, now: dt.datetime, *, force: bool = False) -> list[FeedState]:
    """Enabled feeds never polled, polled longer ago than their interval, or failed and past their retry
    backoff (every enabled feed with force)."""
    rows = con.execute(
        "SELECT url, name, language, etag, last_modified FROM feeds WHERE enabled AND (? OR last_polled_at IS NULL"
        f" OR last_polled_at + to_seconds({_NEXT_POLL_S}) <= ?) ORDER BY url",
        [force, FEED_RETRY_BASE_S, now],
    ).fetchall()
    return [FeedState(*row) for row in rows]


def next_due(con: duckdb.DuckDBPyConnection) -> tuple[dt.datetime | None, int]:
    """When the next enabled feed falls due, and how many enabled feeds are waiting on a failure's backoff."""
    row = con.execute(
        f"SELECT min(last_polled_at + to_seconds({_NEXT_POLL_S})), count(*) FILTER (consecutive_failures > 0)"
        " FROM feeds WHERE enabled",
        [FEED_RETRY_BASE_S],
    ).fetchone()
    return (row[0], int(row[1])) if row else (None, 0)


def select_new_entries(con: duckdb.DuckDBPyConnection, polls: Sequence[FeedPoll]) -> dict[str, list[PendingEntry]]:
    """Per feed, the entries not seen before: neither their id (in that feed) nor their normalised URL (any feed,
    any stored document)."""
    from tasks.core.ingest import pending_from_entry

    urls = [e.url for p in polls for e in p.entries if e.url]
    known_urls = {
        r[0]
        for r in con.execute(
            "SELECT url FROM feed_entries WHERE url IN (SELECT unnest(?::VARCHAR[]))"
            " UNION SELECT url FROM documents WHERE url IN (SELECT unnest(?::VARCHAR[]))",
            [urls, urls],
        ).fetchall()
    }
    out: dict[str, list[PendingEntry]] = {}
    for poll in polls:
        ids = [e.entry_id for e in poll.entries]
        known_ids = {
            r[0]
            for r in con.execute(
                "SELECT entry_id FROM feed_entries WHERE feed_url = ? AND entry_id IN (SELECT unnest(?::VARCHAR[]))",
                [poll.feed.url, ids],
            ).fetchall()
        }
        fresh, seen_urls = [], set()
        for entry in poll.entries:
            if entry.entry_id in known_ids or (entry.url and (entry.url in known_urls or entry.url in seen_urls)):
                continue
            seen_urls.add(entry.url)
            fresh.append(pending_from_entry(poll.feed, entry))
        out[poll.feed.url] = fresh
    return out


def record_polls(
    con: duckdb.DuckDBPyConnection, run_id: str, polls: Sequence[FeedPoll], new: dict[str, list[PendingEntry]]
) -> None:
    """Feed health after a poll, and the new entries as `pending`, in bulk (inside the caller's transaction)."""
    if not polls:
        return
    health = pa.Table.from_pylist(  # noqa: F841 -- read by DuckDB through the replacement scan
        [
            {
                "url": p.feed.url,
                "polled_at": p.polled_at,
                "ok": p.ok,
                "status": p.status,
                "error": (p.error or "")[:500] or None,
                "etag": p.etag,
                "last_modified": p.last_modified,
                "seen": None if p.status == "304" else len(p.entries),
                "n_new": len(new.get(p.feed.url, [])),
            }
            for p in polls
        ]
    )
    con.execute(
        "UPDATE feeds SET last_polled_at = h.polled_at, last_status = h.status,"
        " last_error = CASE WHEN h.ok THEN NULL ELSE h.error END,"
        " last_success_at = CASE WHEN h.ok THEN h.polled_at ELSE feeds.last_success_at END,"
        " consecutive_failures = CASE WHEN h.ok THEN 0 ELSE feeds.consecutive_failures + 1 END,"
        " etag = CASE WHEN h.ok THEN h.etag ELSE feeds.etag END,"
        " last_modified = CASE WHEN h.ok THEN h.last_modified ELSE feeds.last_modified END,"
        " entries_seen = coalesce(h.seen, feeds.entries_seen), entries_new = h.n_new,"
        " total_new = feeds.total_new + h.n_new,"
        " last_new_at = CASE WHEN h.n_new > 0 THEN h.polled_at ELSE feeds.last_new_at END"
        " FROM health AS h WHERE feeds.url = h.url"
    )
    rows = [
        {**dataclasses.asdict(e), "status": "pending", "first_seen_at": p.polled_at, "run_id": run_id}
        for p in polls
        for e in new.get(p.feed.url, [])
    ]
    if rows:
        for row in rows:
            del row["feed_name"], row["language"], row["country"]  # the feed's, joined back in when claimed
        entries = pa.Table.from_pylist(rows)  # noqa: F841
        con.execute("INSERT INTO feed_entries BY NAME SELECT * FROM entries ON CONFLICT DO NOTHING")


def claim_pending(
    con: duckdb.DuckDBPyConnection, run_id: str, limit: int, now: dt.datetime, lease_s: float
) -> list[PendingEntry]:
    """Lease up to `limit` pending entries that no other run holds (no lease, or one that has expired) to
    `run_id` until `now + lease_s`, in one transaction, and return them: two runs never fetch the same page."""
    until = now + dt.timedelta(seconds=lease_s)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            "UPDATE feed_entries SET claimed_by = ?, claimed_until = ? FROM ("
            "  SELECT feed_url, entry_id FROM feed_entries WHERE status = 'pending'"
            "  AND (claimed_until IS NULL OR claimed_until <= ?)"
            "  ORDER BY first_seen_at, feed_url, entry_id LIMIT ?) AS c"
            " WHERE feed_entries.feed_url = c.feed_url AND feed_entries.entry_id = c.entry_id",
            [run_id, until, now, limit],
        )
        rows = con.execute(
            "SELECT e.feed_url, f.name, f.language, e.entry_id, e.url, e.title, e.summary, e.published_at, f.country"
            " FROM feed_entries e JOIN feeds f ON f.url = e.feed_url"
            " WHERE e.status = 'pending' AND e.claimed_by = ? AND e.claimed_until = ?"
            " ORDER BY e.first_seen_at, e.feed_url, e.entry_id",
            [run_id, until],
        ).fetchall()
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return [PendingEntry(*row) for row in rows]


def mark_entries(con: duckdb.DuckDBPyConnection, marks: Sequence[tuple[str, str, str, str | None]]) -> None:
    """Set status and doc_id of processed entries, given as (feed_url, entry_id, status, doc_id)."""
    if not marks:
        return
    names = ("feed_url", "entry_id", "status", "doc_id")
    done = pa.Table.from_pylist([dict(zip(names, m, strict=True)) for m in marks])  # noqa: F841
    con.execute(
        "UPDATE feed_entries SET status = d.status, doc_id = d.doc_id FROM done AS d"
        " WHERE feed_entries.feed_url = d.feed_url AND feed_entries.entry_id = d.entry_id"
    )
