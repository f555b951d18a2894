"""Near-duplicates and same-event clusters in the warehouse, updated inside the caller's write transaction.

`update_clusters(con, doc_ids, run_id)` is called by the writer for the documents a batch added or changed
(and by re-extraction for the documents whose fields changed). It touches only those documents, the stored
documents they could match (same LSH band; same or adjacent day) and the clusters those belong to, so its
cost per document does not grow with the warehouse. Nothing is written when nothing changed: a rerun of a
loaded batch never reaches it.

Every read and delete here is keyed by a short list of values (the batch's doc_ids, LSH buckets, days,
cluster ids) on an indexed column (migration 0034): DuckDB answers it with an index scan, never a scan of the
whole table, once `enable_index_lookups` has raised the thresholds below which it does so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from tasks.core import clustering as cl

CLUSTER_TABLES = (
    "minhash_signatures",
    "minhash_bands",
    "near_duplicates",
    "event_features",
    "event_links",
    "event_clusters",
)

# Features of documents, read through `documents` and the extraction tables (any extracted column may be NULL).
_FEATURES_SQL = """
SELECT d.doc_id, d.title, substr(d.text, 1, {lead}) AS lead,
       coalesce(f.event_date, (d.published_at AT TIME ZONE 'UTC')::DATE) AS day,
       f.event_type, f.event_country, f.event_admin1, f.event_place, f.event_lat, f.event_lon,
       f.killed, f.injured, f.arrested, f.event_date
FROM documents AS d
LEFT JOIN (SELECT * FROM figures WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))) AS f USING (doc_id)
WHERE d.doc_id IN (SELECT unnest(?::VARCHAR[]))
""".replace("{lead}", str(cl.LEAD_CHARS))
_NAMES_SQL = (
    "SELECT doc_id, list(DISTINCT lower(name)) FROM entities WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))"
    " GROUP BY doc_id"
)
_DATES_SQL = (
    "SELECT doc_id, list(DISTINCT value) FROM dates WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY doc_id"
)
_FEATURE_COLUMNS = (
    "doc_id, day, event_type, country, admin1, place, lat, lon, killed, injured, arrested, names, keywords, undated"
)


@dataclass(frozen=True, slots=True)
class ClusterStats:
    n_near_duplicates: int = 0  # documents of this batch that are near-duplicates of another
    n_links: int = 0  # links from this batch's documents
    n_clusters_touched: int = 0  # clusters rewritten (new, grown, merged or split)


# DuckDB pushes the keys of a join's small side into the big side's scan as an IN filter, which an ART index
# answers, only up to `dynamic_or_filter_threshold` keys (default 50) and `index_scan_max_count` rows (default
# 2048); a batch has thousands of keys (500 documents x 25 LSH bands). Both only choose the plan, never a result.
_LOOKUP_SETTINGS = (("dynamic_or_filter_threshold", 200_000), ("index_scan_max_count", 500_000))


def enable_index_lookups(con: duckdb.DuckDBPyConnection) -> None:
    """Let DuckDB look up a batch's keys in the indexes. The first setting is global to the open database, the
    second belongs to this connection; the writer opens the database for one batch and closes it after."""
    for name, value in _LOOKUP_SETTINGS:
        con.execute(f"SET {name} = {int(value)}")


def _ids_param(ids: Sequence[str]) -> list[Any]:
    return [list(ids)]


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
    if rows:
        arrow = pa.Table.from_pylist(rows)  # noqa: F841 -- read by DuckDB through the replacement scan
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM arrow")


def _delete(con: duckdb.DuckDBPyConnection, table: str, column: str, ids: Sequence[str]) -> None:
    con.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?::VARCHAR[]))", _ids_param(ids))


# ---------------------------------------------------------------------------------------------- near-duplicates


def _store_signatures(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str], run_id: str) -> None:
    rows = con.execute(
        "SELECT doc_id, text, content_hash FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
        _ids_param(doc_ids),
    ).fetchall()
    sigs, bands = [], []
    for doc_id, text, content_hash in rows:
        sig = cl.make_signature(doc_id, text)
        sigs.append(
            {
                "doc_id": doc_id,
                "signature": sig.to_bytes(),
                "n_shingles": sig.n_shingles,
                "content_hash": content_hash,
                "run_id": run_id,
            }
        )
        bands.extend({"doc_id": doc_id, "band": b, "bucket": h} for b, h in cl.band_buckets(sig))
    _delete(con, "minhash_signatures", "doc_id", doc_ids)
    _delete(con, "minhash_bands", "doc_id", doc_ids)
    _insert(con, "minhash_signatures", sigs)
    if bands:
        schema = pa.schema([("doc_id", pa.string()), ("band", pa.int16()), ("bucket", pa.uint64())])
        band_rows = pa.Table.from_pylist(bands, schema=schema)  # noqa: F841 -- replacement scan
        con.execute("INSERT INTO minhash_bands BY NAME SELECT * FROM band_rows")


def _near_pairs(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> list[tuple[str, str, float]]:
    """Near-duplicate pairs (a < b, containment) with at least one side in doc_ids."""
    mine = con.execute(
        "SELECT band, bucket, doc_id FROM minhash_bands WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
        _ids_param(doc_ids),
    ).fetchall()
    if not mine:
        return []
    by_bucket: dict[tuple[int, int], list[str]] = {}
    for band, bucket, doc_id in mine:
        by_bucket.setdefault((band, bucket), []).append(doc_id)
    # keyed by bucket alone: DuckDB looks a one-column key up in its index, not a (band, bucket) pair
    sharing = con.execute(
        "SELECT band, bucket, doc_id FROM minhash_bands WHERE bucket IN (SELECT unnest(?::UBIGINT[]))",
        [sorted({bucket for _, bucket in by_bucket})],
    ).fetchall()
    candidates = {
        (min(q, o), max(q, o)) for band, bucket, o in sharing for q in by_bucket.get((band, bucket), ()) if q != o
    }
    if not candidates:
        return []
    ids = sorted({x for pair in candidates for x in pair})
    sigs = {
        doc_id: cl.Signature.from_bytes(doc_id, blob, n)
        for doc_id, blob, n in con.execute(
            "SELECT doc_id, signature, n_shingles FROM minhash_signatures"
            " WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
            [ids],
        ).fetchall()
    }
    out = []
    for a, b in sorted(candidates):
        sim = cl.containment(sigs[a], sigs[b])
        if sim >= cl.NEAR_DUP_CONTAINMENT:
            out.append((a, b, round(sim, 4)))
    return out


def _refresh_near_duplicates(
    con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str], run_id: str
) -> list[tuple[str, str, float]]:
    pairs = _near_pairs(con, doc_ids)
    previously = [
        r[0]
        for r in con.execute(
            "SELECT doc_id FROM near_duplicates WHERE near_duplicate_of IN (SELECT unnest(?::VARCHAR[]))",
            _ids_param(doc_ids),
        ).fetchall()
    ]
    touched = sorted(set(doc_ids) | {x for a, b, _ in pairs for x in (a, b)} | set(previously))
    all_pairs = _near_pairs(con, touched) if len(touched) > len(doc_ids) else pairs
    everyone = sorted(set(touched) | {x for a, b, _ in all_pairs for x in (a, b)})  # their copies' dates count too
    published = dict(
        con.execute(
            "SELECT doc_id, published_at FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [everyone]
        ).fetchall()
    )
    copies = {d: cl.Copy(d, published.get(d)) for d in everyone}
    keep = set(touched)
    originals = cl.pick_originals(copies, all_pairs)
    _delete(con, "near_duplicates", "doc_id", touched)
    rows = [
        {
            "doc_id": d,
            "near_duplicate_of": o,
            "similarity": s,
            "rule_version": cl.CLUSTER_RULES_VERSION,
            "run_id": run_id,
        }
        for d, (o, s) in sorted(originals.items())
        if d in keep
    ]
    _insert(con, "near_duplicates", rows)
    return pairs


# ---------------------------------------------------------------------------------------------- same-event links


def compute_features(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> list[cl.EventFeatures]:
    """Features of these documents from their stored fields (semi-joins on doc_id: no whole-table grouping)."""
    names = dict(con.execute(_NAMES_SQL, _ids_param(doc_ids)).fetchall())
    stated = dict(con.execute(_DATES_SQL, _ids_param(doc_ids)).fetchall())
    out = []
    rows = con.execute(_FEATURES_SQL, [list(doc_ids), list(doc_ids)]).fetchall()
    for doc_id, title, lead, day, *rest, event_date in rows:
        keywords = cl.extract_keywords(title, lead)
        names_of = frozenset(names.get(doc_id) or ())
        undated = event_date is None or event_date not in (stated.get(doc_id) or ())  # no date in the text
        out.append(cl.EventFeatures(doc_id, day, *rest, names_of, keywords, undated=undated))
    return out


def _store_features(con: duckdb.DuckDBPyConnection, features: Sequence[cl.EventFeatures], run_id: str) -> None:
    _delete(con, "event_features", "doc_id", [f.doc_id for f in features])
    rows = []
    for f in features:
        row = {name: getattr(f, name) for name in _FEATURE_COLUMNS.split(", ")}
        row.update(names=sorted(f.names), keywords=sorted(f.keywords))
        rows.append(row | {"rule_version": cl.CLUSTER_RULES_VERSION, "run_id": run_id})
    _insert(con, "event_features", rows)


def read_candidates(
    con: duckdb.DuckDBPyConnection, days: set[dt.date], exclude: Sequence[str]
) -> list[cl.EventFeatures]:
    """Stored documents whose `day` is one of `days` (the caller gives every day the rules could link)."""
    if not days:
        return []
    rows = con.execute(
        f"SELECT {_FEATURE_COLUMNS} FROM event_features WHERE day IN (SELECT unnest(?::DATE[]))", [sorted(days)]
    ).fetchall()
    skip = set(exclude)
    return [
        cl.EventFeatures(*r[:11], frozenset(r[11] or ()), frozenset(r[12] or ()), bool(r[13]))
        for r in rows
        if r[0] not in skip
    ]


def _rewrite_clusters(
    con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str], old_clusters: list[str], run_id: str
) -> int:
    """Recompute the components that contain doc_ids, their link partners, and the clusters they were in."""
    partners = con.execute(
        "SELECT other_doc_id FROM event_links WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))"
        " UNION SELECT doc_id FROM event_links WHERE other_doc_id IN (SELECT unnest(?::VARCHAR[]))",
        [list(doc_ids), list(doc_ids)],
    ).fetchall()
    seeds = sorted(set(doc_ids) | {p[0] for p in partners})
    members = set(seeds)
    clusters = set(old_clusters) | {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT cluster_id FROM event_clusters WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [seeds]
        ).fetchall()
    }
    if clusters:
        members |= {
            r[0]
            for r in con.execute(
                "SELECT doc_id FROM event_clusters WHERE cluster_id IN (SELECT unnest(?::VARCHAR[]))",
                [sorted(clusters)],
            ).fetchall()
        }
    ids = sorted(members)
    links = con.execute(
        "SELECT doc_id, other_doc_id, score, shared FROM event_links WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
        [ids],
    ).fetchall()
    found = cl.components(ids, links)
    _delete(con, "event_clusters", "doc_id", [m.doc_id for m in found])
    now = dt.datetime.now(dt.UTC)
    _insert(
        con,
        "event_clusters",
        [
            {
                "doc_id": m.doc_id,
                "cluster_id": m.cluster_id,
                "joined_via": m.joined_via,
                "score": m.score,
                "shared": m.shared,
                "rule_version": cl.CLUSTER_RULES_VERSION,
                "run_id": run_id,
                "clustered_at": now,
            }
            for m in found
        ],
    )
    return len({m.cluster_id for m in found})


def update_clusters(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str], run_id: str) -> ClusterStats:
    """Bring near-duplicates, links and clusters up to date for these (new or changed) documents."""
    doc_ids = sorted(set(doc_ids))
    if not doc_ids:
        return ClusterStats()
    enable_index_lookups(con)
    old_clusters = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT cluster_id FROM event_clusters WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
            _ids_param(doc_ids),
        ).fetchall()
    ]
    _store_signatures(con, doc_ids, run_id)
    near = _refresh_near_duplicates(con, doc_ids, run_id)
    _delete(con, "event_links", "doc_id", doc_ids)  # two deletes: an OR of two keys is a scan of the table
    _delete(con, "event_links", "other_doc_id", doc_ids)
    new = compute_features(con, doc_ids)
    _store_features(con, new, run_id)
    window = {cl.shift_day(f.day, k) for f in new if f.day is not None for k in cl.candidate_offsets(f)} - {None}
    candidates = read_candidates(con, window, doc_ids)
    links = {(a, b): (s, why) for a, b, s, why in cl.find_links(new, candidates)}
    for a, b, sim in near:  # a copy of a story reports the same event, whatever its fields say
        score, why = links.get((a, b), (0.0, ""))
        links[(a, b)] = (max(score, 1.0), ",".join(x for x in (f"near_duplicate:{sim:.2f}", why) if x))
    _insert(
        con,
        "event_links",
        [
            {
                "doc_id": a,
                "other_doc_id": b,
                "score": s,
                "shared": why,
                "rule_version": cl.CLUSTER_RULES_VERSION,
                "run_id": run_id,
            }
            for (a, b), (s, why) in sorted(links.items())
        ],
    )
    touched = _rewrite_clusters(con, doc_ids, old_clusters, run_id)
    n_dups = con.execute(
        "SELECT count(*) FROM near_duplicates WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", _ids_param(doc_ids)
    ).fetchone()[0]
    return ClusterStats(int(n_dups), len(links), touched)


def rebuild_clusters(con: duckdb.DuckDBPyConnection, run_id: str, chunk: int = 1000) -> tuple[int, int]:
    """Empty the cluster tables and rebuild them from stored fields with the current rules (the caller holds
    the transaction). Returns (documents, clusters)."""
    for table in CLUSTER_TABLES:
        con.execute(f"DELETE FROM {table}")
    ids = [r[0] for r in con.execute("SELECT doc_id FROM documents ORDER BY doc_id").fetchall()]
    for start in range(0, len(ids), chunk):
        update_clusters(con, ids[start : start + chunk], run_id)
    n = con.execute("SELECT count(DISTINCT cluster_id) FROM event_clusters").fetchone()[0]
    return len(ids), int(n)
