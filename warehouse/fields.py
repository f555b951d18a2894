"""Flatten extracted `Fields` into rows of the extraction tables (pure)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Mapping
from typing import Any

from tasks.core.extraction.model import Fields

# table -> (attribute of Fields, name of the per-document index column)
_LISTS = {
    "sentences": ("sentences", None),
    "entities": ("entities", "entity_index"),
    "places": ("places", "place_index"),
    "counts": ("counts", "count_index"),
    "dates": ("dates", "date_index"),
    "events": ("events", "event_index"),
}
_RENAMES = {"sentences": {"index": "sentence_index"}}


def field_rows(
    fields: dict[str, Fields],
    *,
    run_id: str,
    extractor_version: str,
    now: dt.datetime,
    versions: Mapping[str, tuple[int, str]],
) -> dict[str, list[dict[str, Any]]]:
    """One list of row dicts per extraction table, for the given documents' fields; `versions` gives each
    document's (version, content_hash) of the text they were extracted from."""
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in (*_LISTS, "figures", "extractions")}
    for doc_id, doc_fields in fields.items():
        version, content_hash = versions[doc_id]
        stamp = {"extractor_version": extractor_version, "run_id": run_id, "version": version}
        tables["extractions"].append(
            {
                "doc_id": doc_id,
                "language": doc_fields.language,
                "skipped_reason": doc_fields.skipped_reason,
                "extracted_at": now,
                "content_hash": content_hash,
                **stamp,
            }
        )
        for table, (attr, index_column) in _LISTS.items():
            renames = _RENAMES.get(table, {})
            for n, item in enumerate(getattr(doc_fields, attr)):
                row = {renames.get(k, k): v for k, v in _shallow(item).items()}
                if index_column:
                    row[index_column] = n
                if table == "events":
                    row["sentence_indexes"] = list(row["sentence_indexes"])
                tables[table].append({"doc_id": doc_id, **row, **stamp})
        if doc_fields.figures is not None:
            tables["figures"].append({"doc_id": doc_id, **_shallow(doc_fields.figures), **stamp})
    return tables


@functools.cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _shallow(item: Any) -> dict[str, Any]:
    """A flat record's fields as a dict: `dataclasses.asdict` without its deep copy (a third of a batch's
    write time here); the extraction records hold only scalars and tuples of scalars."""
    return {name: getattr(item, name) for name in _names(type(item))}
