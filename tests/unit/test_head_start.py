"""The first batch's head start: used only when it was for exactly the batch the flow asks for."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from tasks.core import head_start
from tasks.core.parallel import process_parallel
from tasks.core.pipeline import batches
from tasks.core.seeds import read_inputs_tracked


def _corpus(folder: Path, n: int) -> list[str]:
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:02d}.txt").write_text(f"Story {i}\n\nA fire in the old mill was put out by {i + 2} crews.\n")
    return [str(folder)]


def _first_batch(paths: list[str], size: int) -> list[object]:
    return next(batches(read_inputs_tracked(paths, {}, []), size))


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def test_the_same_first_batch_gets_the_head_start_result(tmp_path: Path) -> None:
    paths = _corpus(tmp_path / "in", 6)
    head_start.begin(paths, tmp_path / "none.duckdb", batch_size=4, extract=False, workers=2)
    items = _first_batch(paths, 4)
    early = head_start.take(items, extract=False, reference_date=_today())
    assert early is not None
    own = process_parallel(items, extract=False, reference_date=_today(), workers=1)
    assert [d.doc_id for d in early.documents] == [d.doc_id for d in own.documents]
    assert [d.text for d in early.documents] == [d.text for d in own.documents]
    assert early.n_read == own.n_read == 4
    assert head_start.take(items, extract=False, reference_date=_today()) is None  # used up


def test_another_batch_or_other_settings_get_nothing(tmp_path: Path) -> None:
    paths = _corpus(tmp_path / "in", 6)
    head_start.begin(paths, tmp_path / "none.duckdb", batch_size=4, extract=False, workers=2)
    assert head_start.take(_first_batch(paths, 3), extract=False, reference_date=_today()) is None
    head_start.begin(paths, tmp_path / "none.duckdb", batch_size=4, extract=False, workers=2)
    assert head_start.take(_first_batch(paths, 4), extract=True, reference_date=_today()) is None
    head_start.begin(paths, tmp_path / "none.duckdb", batch_size=4, extract=False, workers=2)
    changed = _first_batch(paths, 4)  # the same files, one record's text changed since the head start read it
    changed[0] = dataclasses.replace(changed[0], payload="Story 0\n\nRewritten in between.\n")
    assert head_start.take(changed, extract=False, reference_date=_today()) is None


def test_nothing_to_read_is_no_head_start(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    head_start.begin([str(empty)], tmp_path / "none.duckdb", batch_size=4, extract=False, workers=2)
    assert head_start.take([], extract=False, reference_date=_today()) is None


def test_a_later_batch_asking_first_leaves_it_for_the_first(tmp_path: Path) -> None:
    paths = _corpus(tmp_path / "in", 6)  # the flow submits batches 1 and 2 at once: batch 2 may ask first
    head_start.begin(paths, tmp_path / "none.duckdb", batch_size=4, extract=False, workers=2)
    first, *rest = list(batches(read_inputs_tracked(paths, {}, []), 4))
    assert head_start.take(rest[0], extract=False, reference_date=_today()) is None
    assert head_start.take(first, extract=False, reference_date=_today()) is not None
    assert head_start.take(first, extract=False, reference_date=_today()) is None  # used up
