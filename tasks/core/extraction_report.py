"""`wirehouse extract FILE`: one file's documents and their fields as JSON or tables (no warehouse)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import textwrap
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


def report_file(path: Path, *, fmt: str, reference_date: dt.date, width: int | None = None) -> str:
    if not path.exists():
        raise FileNotFoundError(f"no such file: {path}")
    records = extract_file(path, reference_date)
    if fmt == "json":
        return json.dumps(records if len(records) != 1 else records[0], indent=2, ensure_ascii=False, default=str)
    width = width or max(60, min(shutil.get_terminal_size((100, 24)).columns, 140))
    return "\n\n".join(format_sections(record, width) for record in records) + "\n"


def _dash(value: Any) -> str:
    return "-" if value is None or value == "" else str(value)


def _lines(label: str, items: list[str], width: int) -> list[str]:
    """A section: its heading with the count, then each item wrapped with a hanging indent."""
    out = [f"{label} ({len(items)})" if items else f"{label}: none found"]
    for item in items:
        out.append(textwrap.fill(item, width, initial_indent="  ", subsequent_indent="      "))
    return out


def _count_line(c: dict[str, Any]) -> str:
    if c["value_low"] is not None and c["value_high"] is not None and c["value_high"] != c["value_low"]:
        value = f"{c['value_low']}-{c['value_high']}"
    else:
        value = _dash(c["value_low"] if c["value_low"] is not None else c["value_high"])
    qualifier = f"{c['qualifier']} " if c["qualifier"] else ""
    line = f'{c["kind"]}: {qualifier}{value}{" (vague)" if c["vague"] else ""}, trigger "{c["trigger"]}"'
    if c["victim_text"] or c["victim_group"] != "unspecified":
        line += f", victims {c['victim_text'] or c['victim_group']}"
    if c["claim_source"]:
        line += f", according to {c['claim_source']}"
    if c.get("cause"):
        line += f", caused by {c['cause']} (not in the figures)"
    return f"{line}, {c['temporal']}, sentence {c['sentence_index']}"


def _place_line(p: dict[str, Any]) -> str:
    where = ", ".join(str(x) for x in (p["admin1"], p["country_code"]) if x)
    coords = f" at {p['lat']:.4f}, {p['lon']:.4f}" if p["lat"] is not None and p["lon"] is not None else ""
    resolved = f" -> {p['name']}" if p["name"] != p["text"] else ""
    detail = f"{p['feature_kind']}{'; ' + where if where else ''}{coords}"
    return f'"{p["text"]}"{resolved} ({detail}), role {p["role"]}, sentence {p["sentence_index"]}'


def _relative(d: dict[str, Any]) -> str:
    return f", relative to the {d['reference']} date" if d["relative"] else ""


def _figure_lines(f: dict[str, Any] | None) -> list[str]:
    if not f:
        return ["Figures: none"]
    kind = " / ".join(str(x) for x in (f["event_type"], f["sub_event_type"]) if x) or "-"
    where = ", ".join(str(x) for x in (f["event_place"], f["event_admin1"], f["event_country"]) if x) or "-"
    if f["event_lat"] is not None and f["event_lon"] is not None:
        where += f" ({f['event_lat']:.4f}, {f['event_lon']:.4f})"
    return [
        "Figures",
        f"  killed {_dash(f['killed'])}, injured {_dash(f['injured'])}, arrested {_dash(f['arrested'])}",
        f"  event type {kind}, date {_dash(f['event_date'])}",
        f"  place {where}",
    ]


def format_sections(record: dict[str, Any], width: int = 100) -> str:
    """One document's fields as readable text: a section per field kind, wrapped to `width`, no reprs."""
    heading = str(record.get("title") or record["source_uri"])
    out = [textwrap.fill(heading, width), "=" * min(width, len(heading))]
    if "rejected" in record:
        out.append(textwrap.fill(f"rejected: {record['rejected']} ({record['detail']})", width))
        return "\n".join(out)
    meta = [("source", record["source_uri"]), ("doc_id", record["doc_id"]), ("language", record["language"])]
    meta += [("published", record["published_at"]), ("extractor", record["extractor_version"])]
    if record["skipped_reason"]:
        meta.append(("skipped", record["skipped_reason"]))
    out += [textwrap.fill(f"{k:<10} {_dash(v)}", width, subsequent_indent=" " * 11) for k, v in meta]
    out += ["", *_figure_lines(record["figures"]), ""]
    out += _lines("Counts", [_count_line(c) for c in record["counts"]], width) + [""]
    out += _lines("Places", [_place_line(p) for p in record["places"]], width) + [""]
    people = [f"{e['kind']}: {e['name']}, sentence {e['sentence_index']}" for e in record["entities"]]
    out += _lines("People and organisations", people, width) + [""]
    dates = [
        f'"{d["text"]}" -> {d["value"]} ({d["precision"]}{_relative(d)}), sentence {d["sentence_index"]}'
        for d in record["dates"]
    ]
    out += _lines("Dates", dates, width) + [""]
    events = [
        f"{e['event_type']}{' / ' + e['sub_event_type'] if e['sub_event_type'] else ''}, confidence"
        f" {e['confidence']:.2f}, sentences {', '.join(str(i) for i in e['sentence_indexes'])}"
        for e in record["events"]
    ]
    out += _lines("Event types", events, width)
    return "\n".join(out)
