"""Golden tests on cleaning: one case per folder under golden/cleaning/."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tasks.core.cleaning import clean_document
from tasks.core.records import RawDocument

CASES = sorted(p for p in (Path(__file__).parent / "cleaning").iterdir() if p.is_dir())


def _squash(text: str | None) -> str:
    return " ".join((text or "").split())


def _raw(case: Path) -> RawDocument:
    if (case / "page.html.gz").exists():
        url = json.loads((case / "goose3.json").read_text())["url"]
        return RawDocument(str(case), "html", gzip.decompress((case / "page.html.gz").read_bytes()), url=url)
    return RawDocument(str(case), "text", (case / "page.txt").read_bytes())


def _observed(case: Path) -> dict[str, object]:
    doc = clean_document(_raw(case))
    return {
        "title": doc.title,
        "language": doc.language,
        "published_at": doc.published_at.isoformat() if doc.published_at else None,
        "text_start": doc.text[:160],
        "must_contain": [],
        "must_not_contain": [],
    }


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cleaning_golden(case: Path, update_golden: bool) -> None:
    expected_path = case / "expected.json"
    observed = _observed(case)
    if update_golden or not expected_path.exists():
        previous = json.loads(expected_path.read_text()) if expected_path.exists() else {}
        observed["must_contain"] = previous.get("must_contain", [])
        observed["must_not_contain"] = previous.get("must_not_contain", [])
        expected_path.write_text(json.dumps(observed, indent=2, ensure_ascii=False) + "\n")
        if not update_golden:
            pytest.fail(f"wrote a new golden file {expected_path}: review it and run again")
    expected = json.loads(expected_path.read_text())
    doc = clean_document(_raw(case))
    assert doc.title == expected["title"]
    assert doc.language == expected["language"]
    assert (doc.published_at.isoformat() if doc.published_at else None) == expected["published_at"]
    assert doc.text.startswith(expected["text_start"])
    for snippet in expected["must_contain"]:
        assert snippet in doc.text
    for snippet in expected["must_not_contain"]:
        assert snippet not in doc.text
    goose = case / "goose3.json"
    if goose.exists():  # an independent expectation: goose3's opening of the article, near our text's start
        opening = _squash(json.loads(goose.read_text())["expected"]["cleaned_text"])[:60]
        assert opening in _squash(doc.text)[:800]


def test_seed_article_text_is_kept_verbatim() -> None:
    case = Path(__file__).parent / "cleaning" / "seed_article"
    doc = clean_document(_raw(case))
    assert doc.text == (case / "page.txt").read_text(encoding="utf-8").strip()
    assert doc.published_at is None  # the text states no date, and none is guessed from the body
