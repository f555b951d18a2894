"""`wirehouse extract FILE`: one file's documents and their fields as JSON or tables (no warehouse)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from tasks.core.cleaning import clean_document
from tasks.core.extraction.model import Fields
from tasks.core.records import Document, Reject, RejectedInput
from tasks.core.seeds import read_path

_TABLES = ("counts", "places", "entities", "dates", "events")


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _asdict(obj: Any) -> dict[str, Any]:
    return {k: _jsonable(v) for k, v in dataclasses.asdict(obj).items()}


def extract_file(path: Path, reference_date: dt.date) -> list[dict[str, Any]]:
    """Every document in the file, cleaned and extracted; rejects reported in place."""
    from tasks.core.extraction import EXTRACTOR_VERSION, extract_fields

    out: list[dict[str, Any]] = []
    for item in read_path(path):
        if isinstance(item, Reject):
            out.append({"source_uri": item.source_uri, "rejected": item.reason, "detail": item.detail})
            continue
        try:
            doc: Document = clean_document(item)
        except RejectedInput as exc:
            out.append({"source_uri": item.source_uri, "rejected": exc.reason, "detail": exc.detail})
            continue
        fields: Fields = extract_fields(
            doc.text, language=doc.language, published_at=doc.published_at, reference_date=reference_date
        )
        record = {k: _jsonable(getattr(doc, k)) for k in ("doc_id", "source_uri", "url", "title", "published_at")}
        record |= {"language": doc.language, "extractor_version": EXTRACTOR_VERSION}
        record |= {"skipped_reason": fields.skipped_reason, "n_sentences": len(fields.sentences)}
        record["figures"] = _asdict(fields.figures) if fields.figures else None
        for name in _TABLES:
            record[name] = [_asdict(x) for x in getattr(fields, name)]
        out.append(record)
    return out


def report_file(path: Path, *, fmt: str, reference_date: dt.date) -> str:
    if not path.exists():
        raise FileNotFoundError(f"no such file: {path}")
    records = extract_file(path, reference_date)
    if fmt == "json":
        return json.dumps(records if len(records) != 1 else records[0], indent=2, ensure_ascii=False, default=str)
    from rich.console import Console
    from rich.table import Table

    buffer = io.StringIO()
    console = Console(file=buffer, width=140)
    for record in records:
        console.rule(f"{record.get('title') or record['source_uri']}")
        if "rejected" in record:
            console.print(f"rejected: {record['rejected']} ({record['detail']})")
            continue
        console.print({k: record[k] for k in ("doc_id", "language", "published_at", "skipped_reason", "figures")})
        for name in _TABLES:
            rows = record[name]
            if not rows:
                continue
            table = Table(*rows[0].keys(), title=name)
            for row in rows:
                table.add_row(*(str(v) for v in row.values()))
            console.print(table)
    return buffer.getvalue()
