"""CI gate for names: the real extractor on tests/gold/names.jsonl must not score below its floors.

Raise them with `python -m tasks.core.names_eval --update-floors` (they never go down)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.core import names_eval as ne


def test_names_score_at_or_above_every_floor() -> None:
    tallies, misses = ne.score(ne.load_passages(), ne.extract_default)
    values = ne.metrics(tallies)
    floors = ne.read_floors()
    assert floors, "tests/gold/names_floors.json is missing"
    below = [f"{k}: {values[k]:.3f} < {v:.3f}" for k, v in floors.items() if values[k] < v]
    assert not below, "\n".join([*below, *misses])


def test_a_name_not_written_in_its_passage_is_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "names.jsonl"
    bad.write_text('{"id": "x", "text": "Mr Smith left.", "people": ["John Jones"], "orgs": [], "places": []}\n')
    with pytest.raises(ValueError, match="not written"):
        ne.load_passages(bad)


def test_scoring_is_document_level_sets() -> None:
    from tasks.core.extraction.model import Entity, Fields

    passage = ne.NamesPassage("x", "Ann Lee met Ann Lee.", {"people": (frozenset({"ann lee"}),), "orgs": (),
                                                            "places": ()})  # fmt: skip
    twice = Fields(language="en", skipped_reason=None, entities=(
        Entity("PERSON", "Ann Lee", "Ann Lee", 0, 0, 7), Entity("PERSON", "Ann Lee", "Ann Lee", 0, 12, 19),
        Entity("ORG", "Lee", "Lee", 0, 16, 19)))  # fmt: skip
    tallies, _ = ne.score([passage], lambda _text: twice)
    assert (tallies["people"].tp, tallies["people"].fp, tallies["people"].fn) == (1, 0, 0)
    assert (tallies["orgs"].tp, tallies["orgs"].fp) == (0, 1)
