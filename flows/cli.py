"""The `wirehouse` command line: a thin layer over the flows and the warehouse."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from tasks.core.settings import database_path


def _print_summary(summary: dict[str, object], run_url: str | None = None) -> None:
    rows = [
        ("documents read", summary["n_read"]),
        ("new", summary["n_new"]),
        ("duplicate", summary["n_duplicate"]),
        ("updated", summary["n_updated"]),
        ("rejected", summary["n_rejected"]),
    ]
    if summary["flow_run_id"] is None:
        print(f"wirehouse backfill: run {summary['run_id']}: nothing new, so no Prefect flow run was needed")
    else:
        print(f"wirehouse backfill: run {summary['run_id']} (Prefect flow run {summary['flow_run_id']})")
    if run_url:
        print(f"  {'Prefect UI':<15} {run_url}")
    for label, value in rows:
        print(f"  {label:<15} {value:>9,}")
    if summary.get("n_skipped_files"):
        print(f"  {'files skipped':<15} {summary['n_skipped_files']:>9,}   (loaded, unchanged; --rescan reads them)")
    print(f"  {'warehouse':<15} {summary['db']}")
    if summary["n_rejected"]:
        print(
            f"  rejects: wirehouse sql \"SELECT reason, count(*) FROM rejects WHERE run_id = '{summary['run_id']}'"
            ' GROUP BY ALL"'
        )


def cmd_backfill(args: argparse.Namespace) -> int:
    if args.paths and (missing := [p for p in args.paths if not os.path.lexists(p)]):
        if len(missing) == len(args.paths):  # nothing to read: say so at once, without starting Prefect
            print(f"wirehouse backfill: no such file or folder: {', '.join(missing)}", file=sys.stderr)
            return 2
        print(f"wirehouse backfill: skipping what does not exist: {', '.join(missing)}", file=sys.stderr)
    if not args.rescan:  # nothing new: record the run and stop, without starting Prefect (flows/uptodate.py)
        from flows.uptodate import record_if_up_to_date
        from tasks.core.settings import default_seed_paths

        params = {"paths": args.paths or default_seed_paths(), "batch_size": args.batch_size}
        params |= {"extract": not args.no_extract, "workers": args.workers, "rescan": False}
        if (summary := record_if_up_to_date(params["paths"], database_path(args.db), params)) is not None:
            _print_summary(summary)
            return 0
    from flows.startup import prestart
    from tasks.core.parallel import default_workers
    from tasks.runners import runner_name

    local = runner_name(args.runner) == "local"
    workers = (default_workers() if args.workers is None else args.workers) if local and not args.no_extract else 0
    early = prestart(workers=workers)  # overlaps the server's start, the imports and the workers' warm-up
    # the first batch, too (tasks/core/head_start.py), unless a progress bar is drawn: the bar starts with the flow,
    # and a batch done before it would show no progress at all
    bar = not args.no_progress and sys.stderr.isatty()
    if workers > 1 and not bar and os.environ.get("WIREHOUSE_HEAD_START", "1") != "0":
        from tasks.core import head_start
        from tasks.core.settings import default_seed_paths

        paths, db = args.paths or default_seed_paths(), database_path(args.db)
        head_start.begin(paths, db, batch_size=args.batch_size, extract=True, workers=workers, rescan=args.rescan)
    from flows.backfill import with_runner

    backfill = with_runner(args.runner)
    early.wait()
    summary = backfill(
        paths=args.paths or None,
        db=args.db,
        batch_size=args.batch_size,
        extract=not args.no_extract,
        progress=not args.no_progress,
        workers=args.workers,
        rescan=args.rescan,
        publish=args.publish,
    )
    _print_summary(summary, early.choice.flow_run_url(summary["flow_run_id"]))
    return 0


def write_result(columns: Sequence[str], rows: Sequence[Sequence[object]], fmt: str) -> None:
    """Print a query result as a table, CSV or JSON (an array of objects)."""
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    elif fmt == "json":
        print(json.dumps([dict(zip(columns, row, strict=True)) for row in rows], default=str, ensure_ascii=False))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*columns, show_lines=False)
        for row in rows:
            table.add_row(*("NULL" if v is None else str(v) for v in row))
        Console(width=max(120, Console().width)).print(table)


# Statement types `wirehouse sql` runs: queries and introspection. COPY ... TO and EXPORT are refused here (the
# sandbox would refuse them too): exports belong to `wirehouse export`.
_SQL_STATEMENTS = frozenset({"SELECT", "EXPLAIN", "PRAGMA", "CALL"})


def cmd_sql(args: argparse.Namespace) -> int:
    from warehouse.db import SANDBOX, open_warehouse

    with open_warehouse(database_path(args.db), read_only=True, config=SANDBOX) as con:
        statements = con.extract_statements(args.query)
        if len(statements) != 1:
            print(f"wirehouse sql: give exactly one statement (got {len(statements)})", file=sys.stderr)
            return 1
        kind = statements[0].type.name
        if kind not in _SQL_STATEMENTS:
            where = " (exports belong to `wirehouse export`)" if kind in {"COPY", "EXPORT"} else ""
            print(f"wirehouse sql: runs read-only queries only, not {kind}{where}", file=sys.stderr)
            return 1
        cursor = con.execute(statements[0])
        columns = [d[0] for d in cursor.description] if cursor.description else []
        rows = cursor.fetchall() if columns else []
    write_result(columns, rows, args.format)
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from tasks.core.extraction_report import report_file

    print(report_file(Path(args.file), fmt=args.format, reference_date=dt.datetime.now(dt.UTC).date()))
    return 0


def cmd_reextract(args: argparse.Namespace) -> int:
    if not args.all:  # nothing stale: say so without starting Prefect (the same check the flow makes)
        from tasks.core.extraction import EXTRACTOR_VERSION
        from warehouse import writer

        db = database_path(args.db)
        if not db.exists():
            print(f"wirehouse reextract: no warehouse at {db}", file=sys.stderr)
            return 2
        if not writer.read_stale_doc_ids(db, EXTRACTOR_VERSION, all_documents=False):
            print(f"wirehouse reextract: every document's fields are from {EXTRACTOR_VERSION}: nothing to do")
            return 0
    from flows.startup import prestart

    early = prestart()
    from flows.reextract import reextract

    early.wait()

    summary = reextract(db=args.db, all_documents=args.all, batch_size=args.batch_size, publish=args.publish)
    print(f"wirehouse reextract: {summary['n_documents']:,} documents re-extracted with {summary['extractor_version']}")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    if args.devdata or args.score_only:
        return _eval_devdata(args)
    from tasks.core import evaluation

    rest = [*(["--floors", args.floors] if args.floors else []), *(["--update-floors"] if args.update_floors else [])]
    return int(evaluation.main([*rest, *args.rest]))


def _eval_devdata(args: argparse.Namespace) -> int:
    """Real labelled news through the real path: the dev rows become seed files, `wirehouse backfill` loads
    them into a temporary warehouse (a subprocess, exactly as a user runs it), and `document_figures` is scored."""
    import subprocess
    import tempfile
    import time

    from tasks.core import devdata
    from warehouse.db import connect

    source = Path(args.devdata or "../shared/devdata")
    if not (source / devdata.ACLED_FILE).exists() and not (source / devdata.GVA_FILE).exists():
        print(f"wirehouse eval: no {devdata.ACLED_FILE} or {devdata.GVA_FILE} in {source}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="wirehouse-devdata-"))
    if args.score_only:
        db = Path(args.score_only)
    else:
        db = Path(args.keep_db) if args.keep_db else work / "devdata.duckdb"
        if db.exists():
            print(f"wirehouse eval: {db} exists; give a new path (or --score-only {db})", file=sys.stderr)
            return 2
        inputs = devdata.write_inputs(source, work / "inputs", args.limit, args.only)
        started = time.monotonic()
        command = [sys.executable, "-m", "flows.cli", "backfill", *map(str, inputs), "--db", str(db), "--no-progress"]
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if done.returncode:
            print(done.stderr[-4000:], file=sys.stderr)
            print(f"wirehouse eval: the backfill failed (exit {done.returncode})", file=sys.stderr)
            return 1
        print(f"wirehouse eval: backfilled {', '.join(p.name for p in inputs)} in {time.monotonic() - started:.1f} s")
    con = connect(db, read_only=True)
    try:
        preds = devdata.read_predictions(con)
    finally:
        con.close()
    metrics = devdata.score(source, preds, args.limit)
    print(devdata.format_metrics(metrics))
    if args.dump:
        print(f"wirehouse eval: {devdata.dump_rows(source, preds, Path(args.dump)):,} rows written to {args.dump}")
    floors_path = Path(args.floors) if args.floors else devdata.FLOORS_PATH
    if args.update_floors:
        devdata.raise_floors(metrics, floors_path)
    if args.limit or args.only:
        return 0  # a partial run is not held to the floors
    failures = devdata.check_floors(metrics, devdata.read_floors(floors_path))
    for failure in failures:
        print(f"below floor: {failure}", file=sys.stderr)
    return 1 if failures else 0


def cmd_check(args: argparse.Namespace) -> int:
    from warehouse.check import check_warehouse, format_violations

    violations = check_warehouse(database_path(args.db))
    print(format_violations(violations))
    return 1 if violations else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from flows.startup import prestart

    early = prestart()
    from flows.ingest import ingest

    early.wait()

    summary = ingest(
        db=args.db, feeds_file=args.feeds_file, force=args.force, host_delay_s=args.host_delay, publish=args.publish
    )
    return _print_ingest(summary)


def _print_ingest(summary: dict[str, object]) -> int:
    """The ingest summary; exit 1 when every polled feed failed."""
    polled, failed = int(summary["feeds_polled"]), dict(summary.get("feeds_failed") or {})  # type: ignore[call-overload]
    n_failed = sum(failed.values())
    if polled == 0:
        next_at = summary.get("next_due_at")
        when = (
            dt.datetime.fromisoformat(str(next_at)).astimezone().strftime("%Y-%m-%d %H:%M:%S %Z") if next_at else None
        )
        print(f"wirehouse ingest: 0 feeds due; next at {when}" if when else "wirehouse ingest: no enabled feeds")
        if summary.get("documents_stored"):
            print(f"  {summary['documents_stored']} documents stored from entries found earlier ({summary['db']})")
        if summary.get("feeds_in_backoff"):
            print(
                f"  {summary['feeds_in_backoff']} failed feed(s) wait for their retry backoff; --force polls them now"
            )
        return 0
    print(
        f"wirehouse ingest: {polled} feeds polled, {n_failed} failed, {summary['entries_found']} new entries,"
        f" {summary['documents_stored']} documents stored, {summary['n_rejected']} rejected ({summary['db']})"
    )
    if failed:
        reasons = ", ".join(f"{reason} {n}" for reason, n in sorted(failed.items(), key=lambda kv: (-kv[1], kv[0])))
        print(f"  failed feeds by reason: {reasons}")
    print('  feed health: wirehouse sql "SELECT name, health, last_status, last_error FROM feed_health"')
    if n_failed == polled:
        print("wirehouse ingest: every polled feed failed", file=sys.stderr)
        return 1
    return 0


def cmd_feeds(args: argparse.Namespace) -> int:
    from tasks.core.feeds import FeedSource, normalise_url
    from warehouse import feeds_store
    from warehouse.db import ensure_schema, open_warehouse

    db = database_path(args.db)
    if args.action == "list":
        with open_warehouse(db) as con:
            ensure_schema(con)
            cursor = con.execute(
                "SELECT url, name, enabled, poll_interval_minutes, health, last_status, last_success_at"
                " FROM feed_health ORDER BY name"
            )
            columns = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
        write_result(columns, rows + _registry_only(rows, args.feeds_file), args.format)
        return 0
    try:
        url = normalise_url(args.url)
    except ValueError as exc:
        print(f"wirehouse feeds: {exc}", file=sys.stderr)
        return 2
    with open_warehouse(db) as con:
        ensure_schema(con)
        if args.action == "remove":
            found = feeds_store.remove_feed(con, url)
            print(f"removed {url}" if found else f"no such feed: {url}")
            return 0 if found else 1
        source = FeedSource(url, args.name or url, args.language, args.country, args.interval, True)
        feeds_store.upsert_feeds(con, [source])
    print(f"added {url}")
    return 0


def _registry_only(rows: list[tuple[object, ...]], feeds_file: str | None) -> list[tuple[object, ...]]:
    """Feeds listed in the registry file but not yet in the warehouse (it syncs them at the first ingest), in
    `feeds list`'s columns, marked "not polled yet"."""
    from tasks.core.feeds import parse_feed_registry
    from tasks.core.settings import DEFAULT_FEEDS_FILE

    registry = Path(feeds_file) if feeds_file else DEFAULT_FEEDS_FILE
    if not registry.exists():
        return []
    known = {row[0] for row in rows}
    return [
        (s.url, s.name, s.enabled, s.poll_interval_minutes, "not polled yet", None, None)
        for s in sorted(parse_feed_registry(registry), key=lambda s: s.name)
        if s.url not in known
    ]


def cmd_serve(args: argparse.Namespace) -> int:
    from flows.serve import serve_deployments

    serve_deployments(args.db, args.interval, args.feeds_file)
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    from flows.watch import watch_inbox

    def ready() -> None:
        print(
            f"wirehouse watch: emitting wirehouse.inbox.file.created for files written into {args.directory}",
            flush=True,
        )

    watch_inbox(Path(args.directory), on_ready=ready)
    return 0


EXAMPLES: dict[str, tuple[str, ...]] = {
    "backfill": (
        "wirehouse backfill",
        "wirehouse backfill exports/ --db /tmp/w.duckdb",
        "wirehouse backfill a.jsonl.gz --no-extract",
    ),
    "sql": (
        'wirehouse sql "SELECT reason, count(*) FROM rejects GROUP BY ALL"',
        'wirehouse sql "SELECT doc_id, title FROM documents LIMIT 5" --format csv',
    ),
    "extract": ("wirehouse extract seeds/000_f0b822bff615e880.txt --format table", "wirehouse extract page.html.gz"),
    "reextract": ("wirehouse reextract", "wirehouse reextract --all --batch-size 100"),
    "ingest": ("wirehouse ingest", "wirehouse ingest --force --host-delay 2"),
    "feeds": (
        'wirehouse feeds add https://example.org/rss.xml --name "Example" --language en --interval 30',
        "wirehouse feeds list",
        "wirehouse feeds remove https://example.org/rss.xml",
    ),
    "serve": ("make server && wirehouse serve --interval 15",),
    "watch": ("wirehouse watch inbox/   # then: cp export.jsonl.gz inbox/",),
    "check": ("wirehouse check", "wirehouse check --db /tmp/w.duckdb"),
    "eval": ("wirehouse eval", "wirehouse eval --devdata ../shared/devdata"),
    "export": (
        "wirehouse export event_records --format parquet --out exports/events",
        "wirehouse export document_figures --format csv --out figures.csv --since 2026-11-01",
        "wirehouse export event_records --format geojson --out events.geojson",
    ),
    "report": ("wirehouse report --out report.html",),
    "recluster": ("wirehouse recluster", "wirehouse recluster --publish snapshot/"),
    "publish": ("wirehouse publish snapshot/   # then: duckdb -init snapshot/snapshot.sql",),
}


def read_query_file(args: argparse.Namespace) -> None:
    """`wirehouse sql --file F`: the file's text becomes the query, which then takes the same path as a query
    typed on the command line (`cmd_sql`)."""
    if getattr(args, "file", None):
        if args.query:
            raise SystemExit("wirehouse sql: give a query or --file, not both")
        args.query = Path(args.file).read_text(encoding="utf-8")
    elif not args.query:
        raise SystemExit("wirehouse sql: give a query or --file FILE")


def cmd_export(args: argparse.Namespace) -> int:
    from warehouse.exports import ExportError, export_table

    since = dt.date.fromisoformat(args.since) if args.since else None
    try:
        n = export_table(database_path(args.db), args.table, args.format, args.out, since)
    except ExportError as exc:
        print(f"wirehouse export: {exc}", file=sys.stderr)
        return 2
    print(f"wirehouse export: {n:,} rows of {args.table} -> {args.out} ({args.format})")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from tasks.core.report import render_report
    from warehouse.report_data import read_report_data

    html = render_report(read_report_data(database_path(args.db)))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    print(f"wirehouse report: {out} ({len(html.encode()) / 1024:,.0f} KiB, opens offline)")
    return 0


def cmd_recluster(args: argparse.Namespace) -> int:
    from flows.startup import prestart

    early = prestart()
    from flows.recluster import recluster

    early.wait()
    summary = recluster(db=args.db, publish=args.publish)
    print(
        f"wirehouse recluster: {summary['n_documents']:,} documents in {summary['n_clusters']:,} clusters"
        f" (rules {summary['rules']})"
    )
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from warehouse.exports import publish_snapshot

    names = publish_snapshot(database_path(args.db), args.directory)
    print(f"wirehouse publish: {len(names)} tables -> {args.directory} (open {args.directory}/snapshot.sql)")
    return 0


def add_event_commands(sub: argparse._SubParsersAction, db_help: str) -> None:
    """export, report, recluster, publish: events and what analysts take away."""
    from warehouse.exports import FORMATS

    p = sub.add_parser(
        "export", help="write a table or view to Parquet (partitioned by day), CSV, JSON Lines or GeoJSON"
    )
    p.add_argument("table", help="e.g. event_records, document_figures, counts, gkg_counts, places")
    p.add_argument("--format", choices=FORMATS, default="parquet", help="output format (default parquet)")
    p.add_argument("--out", required=True, help="output file (a folder for partitioned Parquet)")
    p.add_argument("--since", help="only rows of this day (YYYY-MM-DD) or later")
    p.add_argument("--db", help=db_help)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("report", help="write a self-contained HTML report (opens offline)")
    p.add_argument("--out", default="report.html", help="the HTML file to write (default report.html)")
    p.add_argument("--db", help=db_help)
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("recluster", help="rebuild near-duplicates and event clusters with the current rules")
    p.add_argument("--db", help=db_help)
    p.add_argument("--publish", help="refresh the read-only snapshot in this folder afterwards")
    p.set_defaults(func=cmd_recluster)

    p = sub.add_parser("publish", help="refresh the read-only Parquet snapshot notebooks query")
    p.add_argument("directory", help="the folder to write the snapshot into")
    p.add_argument("--db", help=db_help)
    p.set_defaults(func=cmd_publish)


def add_publish_option(parser: argparse.ArgumentParser, name: str) -> None:
    """--publish DIR on a flow command (backfill, ingest, reextract)."""
    for action in parser._subparsers._group_actions:  # type: ignore[union-attr]
        if name in action.choices:
            action.choices[name].add_argument(
                "--publish", help="refresh the read-only snapshot (Parquet per table) in this folder after the run"
            )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wirehouse",
        description=__doc__,
        epilog='examples:\n  wirehouse backfill seeds/\n  wirehouse sql "SELECT count(*) FROM documents"\n'
        "  wirehouse COMMAND --help",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    db_help = "warehouse file (default: $WIREHOUSE_DB, else warehouse/wirehouse.duckdb)"
    fmt_help = "output format (default table)"
    verbose_help = "print Prefect's INFO lines too (by default only its warnings and errors; all are in its UI)"

    p = sub.add_parser("backfill", help="read seed files/archives into the warehouse (a Prefect flow)")
    p.add_argument("paths", nargs="*", help="files or folders (default: seeds/)")
    p.add_argument("--db", help=db_help)
    p.add_argument("--batch-size", type=int, default=200, help="documents per task run (default 200)")
    p.add_argument("--no-extract", action="store_true", help="clean and load only; skip field extraction")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--rescan", action="store_true", help="read files even when loaded before and unchanged")
    p.add_argument("--workers", type=int, help="worker processes (default: $WIREHOUSE_WORKERS, else one per core)")
    p.add_argument("--runner", choices=["local", "dask", "ray"], help="task runner (default: $WIREHOUSE_TASK_RUNNER)")
    p.add_argument("--verbose", action="store_true", help=verbose_help)
    p.set_defaults(func=cmd_backfill)

    p = sub.add_parser("sql", help="run one read-only SQL query on the warehouse (no other file, no network)")
    p.add_argument("query", nargs="?", help="one SQL query (quote it for the shell); or --file")
    p.add_argument("--file", help="read the query from this file (e.g. warehouse/queries/*.sql)")
    p.add_argument("--db", help=db_help)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table", help=fmt_help)
    p.set_defaults(func=cmd_sql)

    p = sub.add_parser("extract", help="print one document's fields without touching the warehouse")
    p.add_argument("file", help="a seed file: text, HTML, JSON Lines, a saved feed or WARC (.gz too)")
    p.add_argument("--format", choices=["json", "table"], default="json", help="json (default) or readable sections")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("reextract", help="recompute stored documents' fields with the current extractor")
    p.add_argument("--db", help=db_help)
    p.add_argument("--all", action="store_true", help="every document, not only those from older extractors")
    p.add_argument("--batch-size", type=int, default=200, help="documents per task run (default 200)")
    p.add_argument("--verbose", action="store_true", help=verbose_help)
    p.set_defaults(func=cmd_reextract)

    p = sub.add_parser(
        "eval",
        help="score the extractor on the gold set, or with --devdata on real labelled news",
        epilog="examples:\n  wirehouse eval\n  wirehouse eval --devdata ../shared/devdata\n"
        "  wirehouse eval --devdata ../shared/devdata --only gva --limit 200 --dump /tmp/gva.jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--devdata", metavar="DIR", help="score on the labelled dev rows in DIR (acled-dev, gva-dev)")
    p.add_argument("--only", choices=["acled", "gva"], help="with --devdata: one set only (not held to the floors)")
    p.add_argument("--limit", type=int, help="with --devdata: the first N rows of each set (not held to the floors)")
    p.add_argument("--keep-db", metavar="FILE", help="with --devdata: keep the temporary warehouse at FILE")
    p.add_argument("--score-only", metavar="FILE", help="with --devdata: score an existing warehouse, no backfill")
    p.add_argument("--dump", metavar="FILE", help="with --devdata: labels and predictions per row (not in the repo)")
    p.add_argument("--floors", metavar="FILE", help="floors file (default tests/gold/devdata_floors.json)")
    p.add_argument("--update-floors", action="store_true", help="with --devdata: raise the floors to today's scores")
    p.add_argument("rest", nargs=argparse.REMAINDER, help="gold set options, passed on: --gold PATH")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("ingest", help="poll every due feed and store new entries (a Prefect flow)")
    p.add_argument("--db", help=db_help)
    p.add_argument("--feeds-file", help="feed registry to sync first (default: seeds/feeds.toml)")
    p.add_argument("--force", action="store_true", help="poll every enabled feed, due or not")
    p.add_argument("--host-delay", type=float, default=1.0, help="minimum seconds between requests to one host")
    p.add_argument("--verbose", action="store_true", help=verbose_help)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("feeds", help="the feed registry: add, list, remove")
    p.add_argument("action", choices=["add", "list", "remove"], help="add or remove a feed, or list the registry")
    p.add_argument("url", nargs="?", help="feed URL (add, remove)")
    p.add_argument("--name", help="display name (default: the URL)")
    p.add_argument("--language", help="ISO 639-1 code of the feed's articles, e.g. en")
    p.add_argument("--country", help="ISO 3166-1 alpha-2 code of the publisher, e.g. GB")
    p.add_argument("--interval", type=int, default=15, help="poll interval in minutes (default 15)")
    p.add_argument("--db", help=db_help)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table", help=fmt_help)
    p.add_argument("--feeds-file", help="feed registry listed too (default: seeds/feeds.toml)")
    p.set_defaults(func=cmd_feeds)

    p = sub.add_parser("serve", help="serve the scheduled and event-triggered deployments (needs a Prefect server)")
    p.add_argument("--db", help=db_help)
    p.add_argument("--interval", type=int, default=15, help="minutes between scheduled polls (default 15)")
    p.add_argument("--feeds-file", help="feed registry (default: seeds/feeds.toml)")
    p.add_argument("--verbose", action="store_true", help=verbose_help)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("watch", help="turn files dropped into DIR into events that trigger their backfill")
    p.add_argument("directory", help="the inbox folder to watch (created if missing)")
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser("check", help="verify the warehouse's invariants; exit 1 when one fails")
    p.add_argument("--db", help=db_help)
    p.set_defaults(func=cmd_check)

    add_event_commands(sub, db_help)
    for name in ("backfill", "ingest", "reextract"):
        add_publish_option(parser, name)
    for name, command in sub.choices.items():  # a command that sets its own epilog keeps it
        if not command.epilog:
            command.formatter_class = argparse.RawDescriptionHelpFormatter
            command.epilog = "examples:\n" + "\n".join(f"  {line}" for line in EXAMPLES.get(name, ()))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. Called with no `argv` (as the `wirehouse` program), the process ends after the command:
    its exit is then bounded (`flows.startup.bound_exit`), so Prefect cannot hang it draining its queues."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "action", None) in ("add", "remove") and not args.url:
        parser.error(f"feeds {args.action} needs a URL")
    from flows.startup import bound_exit, configure_environment

    configure_environment(verbose=getattr(args, "verbose", False))
    try:
        code = _run(args)
    except BaseException:
        if argv is None:
            bound_exit(1)
        raise
    if argv is None:
        bound_exit(code)
    return code


def _run(args: argparse.Namespace) -> int:
    if args.command == "sql":
        read_query_file(args)
    try:
        return int(args.func(args))
    except FileNotFoundError as exc:
        print(f"wirehouse: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        import duckdb

        from warehouse.db import WarehouseLocked

        if isinstance(exc, duckdb.Error | WarehouseLocked):  # a bad query or a held file: say so, no traceback
            print(f"wirehouse: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
        raise
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
