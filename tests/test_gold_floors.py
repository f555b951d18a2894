"""CI gate: the real extractor on the gold set must not score below any recorded floor.

Nothing is skipped: if the extractor cannot be imported, this fails.
Raise floors with `python -m tasks.core.evaluation --update-floors` (they never go down).
"""

from __future__ import annotations

from tasks.core import evaluation as ev


def test_extractor_scores_at_or_above_every_floor() -> None:
    from tasks.core.extraction import extract_fields

    report = ev.evaluate(ev.load_gold(), extract_fields)
    failures = ev.check_floors(report, ev.read_floors(ev.FLOORS_PATH))
    assert not failures, "\n".join([*failures, ev.format_report(report)])
