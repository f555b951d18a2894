"""The `wirehouse` command line: a thin layer over the flows and the warehouse."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from tasks.core.settings import database_path


def _print_summary(summary: dict[str, object]) -> None:
    rows = [
        ("documents read", summary["n_read"]),
        ("new", summary["n_new"]),
        ("duplicate", summary["n_duplicate"]),
        ("updated", summary["n_updated"]),
        ("rejected", summary["n_rejected"]),
    ]
    print(f"wirehouse backfill: run {summary['run_id']} (Prefect flow run {summary['flow_run_id']})")
    for label, value in rows:
        print(f"  {label:<15} {value:>9,}")
    print(f"  {'warehouse':<15} {summary['db']}")
    if summary["n_rejected"]:
        print(
            f"  rejects: wirehouse sql \"SELECT reason, count(*) FROM rejects WHERE run_id = '{summary['run_id']}'"
            ' GROUP BY ALL"'
        )


def cmd_backfill(args: argparse.Namespace) -> int:
    from flows.backfill import backfill

    summary = backfill(
        paths=args.paths or None,
        db=args.db,
        batch_size=args.batch_size,
        extract=not args.no_extract,
        progress=not args.no_progress,
    )
    _print_summary(summary)
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


def cmd_sql(args: argparse.Namespace) -> int:
    from warehouse.db import open_warehouse

    with open_warehouse(database_path(args.db), read_only=True) as con:
        cursor = con.execute(args.query)
        columns = [d[0] for d in cursor.description] if cursor.description else []
        rows = cursor.fetchall() if columns else []
    write_result(columns, rows, args.format)
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from tasks.core.extraction_report import report_file

    print(report_file(Path(args.file), fmt=args.format, reference_date=dt.datetime.now(dt.UTC).date()))
    return 0


def cmd_reextract(args: argparse.Namespace) -> int:
    from flows.reextract import reextract

    summary = reextract(db=args.db, all_documents=args.all, batch_size=args.batch_size)
    print(f"wirehouse reextract: {summary['n_documents']:,} documents re-extracted with {summary['extractor_version']}")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from tasks.core import evaluation

    return int(evaluation.main(args.rest))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wirehouse", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    db_help = "warehouse file (default: $WIREHOUSE_DB, else warehouse/wirehouse.duckdb)"

    p = sub.add_parser("backfill", help="read seed files/archives into the warehouse (a Prefect flow)")
    p.add_argument("paths", nargs="*", help="files or folders (default: seeds/)")
    p.add_argument("--db", help=db_help)
    p.add_argument("--batch-size", type=int, default=200, help="documents per task run (default 200)")
    p.add_argument("--no-extract", action="store_true", help="clean and load only; skip field extraction")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_backfill)

    p = sub.add_parser("sql", help="run a read-only SQL query on the warehouse")
    p.add_argument("query")
    p.add_argument("--db", help=db_help)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(func=cmd_sql)

    p = sub.add_parser("extract", help="print one document's fields without touching the warehouse")
    p.add_argument("file")
    p.add_argument("--format", choices=["json", "table"], default="json")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("reextract", help="recompute stored documents' fields with the current extractor")
    p.add_argument("--db", help=db_help)
    p.add_argument("--all", action="store_true", help="every document, not only those from older extractors")
    p.add_argument("--batch-size", type=int, default=200)
    p.set_defaults(func=cmd_reextract)

    p = sub.add_parser("eval", help="score the extractor on the gold set (precision, recall, exact match)")
    p.add_argument("rest", nargs=argparse.REMAINDER, help="passed on: --gold PATH --floors PATH --update-floors")
    p.set_defaults(func=cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except FileNotFoundError as exc:
        print(f"wirehouse: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
