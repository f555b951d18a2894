"""Shared by the extraction tests: one document through the real extractors, read back as the tests assert it."""

from __future__ import annotations

import datetime as dt

from tasks.core.extraction import extract_fields
from tasks.core.extraction.counts import estimate_totals, extract_counts
from tasks.core.extraction.model import Figures
from tasks.core.extraction.sentences import split_sentences


def casualties(text: str) -> tuple[int | None, int | None]:
    """(killed, injured) as the roll-up reports them, from the count extractor alone (no spaCy)."""
    totals = estimate_totals(extract_counts(text, split_sentences(text)), text)
    return totals["killed"], totals["injured"]


def figures_of(text: str) -> Figures:
    """The whole extractor's per-document figures for an undated English text."""
    fields = extract_fields(text, language="en", published_at=None, reference_date=dt.date(2024, 5, 1))
    assert fields.figures is not None
    return fields.figures
