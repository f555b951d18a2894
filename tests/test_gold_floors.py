"""CI gate: the real extractor on the gold set must not score below any recorded floor.

Nothing is skipped: if the extractor cannot be imported, this fails.
Raise floors with `python -m tasks.core.evaluation --update-floors` (they never go down).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.core import evaluation as ev


def test_extractor_scores_at_or_above_every_floor() -> None:
    from tasks.core.extraction import extract_fields

    report = ev.evaluate(ev.load_gold(), extract_fields)
    failures = ev.check_floors(report, ev.read_floors(ev.FLOORS_PATH))
    assert not failures, "\n".join([*failures, ev.format_report(report)])


def test_cli_exits_1_below_a_floor_and_never_lowers_floors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    floors = tmp_path / "floors.json"
    ev.save_floors(floors, {"counts.f1": 1.01, "places.f1": 0.0})
    assert ev.main(["--floors", str(floors)]) == 1
    assert "counts.f1" in capsys.readouterr().err
    assert ev.main(["--floors", str(floors), "--update-floors"]) == 1
    raised = ev.read_floors(floors)
    assert raised["counts.f1"] == 1.01  # kept: a floor never goes down
    assert 0.0 < raised["places.f1"] <= 1.0
    assert set(raised) >= set(ev.read_floors(ev.FLOORS_PATH))
