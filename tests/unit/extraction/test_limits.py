"""Hostile sizes and shapes: a per-document time budget, texts over spaCy's limit, sentences that never end,
numbers that cannot be counts, and linear time (a property test on the ratio of 2n against n)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tasks.core.extraction import Article, extract_fields, extract_many
from tasks.core.extraction.counts import estimate_totals, extract_counts
from tasks.core.extraction.numbers import find_quantities
from tasks.core.extraction.sentences import MAX_SENTENCE_CHARS, split_sentences

RUN = dt.date(2026, 11, 26)


def totals(text: str) -> dict[str, int | None]:
    return estimate_totals(extract_counts(text, split_sentences(text)))


# --- the time budget ----------------------------------------------------------------------------------------


def test_a_document_over_its_budget_is_recorded_as_a_timeout_not_held() -> None:
    text = "Two people were killed in Kabul on Monday, police said. " * 200
    assert extract_fields(text, language="en", published_at=None, reference_date=RUN, budget_s=0.0).skipped_reason == (
        "extractor_timeout"
    )
    ok, late = extract_many([Article(text, "en", None, RUN)] * 2, budget_s=0.0)
    assert ok.skipped_reason == late.skipped_reason == "extractor_timeout"
    fine = extract_many([Article(text, "en", None, RUN)], budget_s=60.0)[0]
    assert fine.skipped_reason is None and fine.figures is not None and fine.figures.killed == 2


def test_the_timeout_is_visible_in_the_warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tasks.core.pipeline import process_batch
    from tasks.core.records import RawDocument
    from warehouse.writer import append_batch, start_run

    monkeypatch.setenv("WIREHOUSE_EXTRACT_BUDGET_S", "0")
    db = tmp_path / "w.duckdb"
    start_run(db, run_id="r1", flow="test", flow_run_id=None, parameters={})
    raw = RawDocument("a.txt", "text", b"Five people were killed and 5 people were killed and " * 400)
    batch = process_batch([raw], extract=True, reference_date=RUN)
    append_batch(
        db,
        run_id="r1",
        documents=batch.documents,
        rejects=batch.rejects,
        fields=batch.fields,
        extractor_version="test",
        n_read=batch.n_read,
    )
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT skipped_reason FROM extractions").fetchall() == [("extractor_timeout",)]


# --- sizes --------------------------------------------------------------------------------------------------


def test_a_text_over_spacys_limit_is_extracted_in_pieces() -> None:
    # longer than spaCy's limit once masked (its last sentence holds a count, so NER must read that far)
    huge = "The weather was calm in the valley.\n" * 30_000 + "Three people were injured in Herat, Afghanistan."
    assert len(huge) > 1_000_000
    fields = extract_fields(huge, language="en", published_at=None, reference_date=RUN)
    assert fields.skipped_reason is None and fields.figures is not None
    assert fields.figures.injured == 3
    herat = [p for p in fields.places if p.text == "Herat"]
    assert herat and huge[herat[0].char_start : herat[0].char_end] == "Herat"


def test_a_sentence_that_never_ends_is_cut_at_clause_breaks() -> None:
    text = "5 people were killed and " * 400 + "the rest fled."
    sentences = split_sentences(text)
    assert len(sentences) > 1 and all(s.char_end - s.char_start <= MAX_SENTENCE_CHARS for s in sentences)
    assert " ".join(text[s.char_start : s.char_end] for s in sentences).split() == text.split()
    normal = "Police said two men were shot, one fatally, and a third was hurt as he ran away."
    assert [(s.char_start, s.char_end) for s in split_sentences(normal)] == [(0, len(normal))]


# --- numbers that cannot be counts --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "10^6 people were killed in the flood.",
        "2**10 people died.",
        "⅓ of 30 villagers were killed.",
        "Half of the 40 passengers were injured.",
        "Some 20% of 500 miners were hurt.",
        "A million billion people were killed.",
        "Twenty-five hundred thousand million people died.",
        "Five million billion soldiers died.",
    ],
)
def test_what_cannot_be_a_count_is_refused(text: str) -> None:
    assert totals(text) == {"killed": None, "injured": None, "arrested": None}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("five hundred thousand people", 500_000),
        ("twenty-five hundred people", 2_500),
        ("two million three hundred thousand people", 2_300_000),
        ("3 million people", 3_000_000),
        ("1,250 people", 1_250),
    ],
)
def test_numbers_that_are_counts_still_parse(text: str, value: int) -> None:
    assert [(q.low, q.high) for q in find_quantities(text)] == [(value, value)]


# --- linear time --------------------------------------------------------------------------------------------

_UNITS = [
    "5 people were killed and ",
    "one two three four five six seven eight nine ten ",
    "1,",
    "one hundred thousand million billion ",
    "twenty and ",
    "a man was shot and ",
    "killed, ",
    "Dead ",
    "twenty-",
    "at least ",
    "1.",
    "hundreds of thousands of ",
    "on Monday, ",
    "Kabul, Afghanistan, ",
]
_PIECES = st.sampled_from(
    [
        "5",
        "1,",
        "one",
        "hundred",
        "million",
        "killed",
        "wounded",
        "shot",
        "dead",
        "and",
        ",",
        " ",
        "people",
        "at least",
        "Monday",
        "March",
        "2019",
        "the",
        "a man",
        "-",
        "were",
        "of",
        ".",
        "Police said",
    ]
)


def _seconds(step: Callable[[str], object], text: str) -> float:
    best = float("inf")
    for _ in range(5):  # the minimum of several runs: robust on a loaded machine
        start = time.perf_counter()
        step(text)
        best = min(best, time.perf_counter() - start)
    return best


def _prepare(text: str) -> object:
    from tasks.core.extraction import _Deadline
    from tasks.core.extraction import _prepare as prepare

    return prepare(Article(text, "en", None, RUN), _Deadline(60.0))


def _ratio(unit: str, chars: int) -> float:
    """Time of 2n repetitions against n, for every step before the spaCy parse."""
    n = max(1, chars // len(unit))
    return _seconds(_prepare, unit * 2 * n) / max(_seconds(_prepare, unit * n), 1e-4)


@pytest.mark.parametrize("unit", _UNITS)
def test_extraction_is_linear_on_repeated_units(unit: str) -> None:
    ratio = _ratio(unit, 6_000)
    # linear gives 2; quadratic gives 4. Retry once on a noisy machine before failing.
    assert ratio < 3.0 or _ratio(unit, 6_000) < 3.0, f"{unit!r}: 2n takes {ratio:.1f} times n"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, min_size=1, max_size=6).map(" ".join))
def test_extraction_is_linear_on_generated_units(unit: str) -> None:
    ratio = _ratio(unit + " ", 6_000)
    assert ratio < 3.0 or _ratio(unit + " ", 6_000) < 3.0, f"{unit!r}: 2n takes {ratio:.1f} times n"
