"""The orchestrator: skips, purity, pickling and the seed article end to end (golden)."""

from __future__ import annotations

import datetime as dt
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from tasks.core.extraction import EXTRACTOR_VERSION, extract_fields
from tasks.core.extraction.model import Fields

ROOT = Path(__file__).resolve().parents[3]
SEED = (ROOT / "seeds" / "000_f0b822bff615e880.txt").read_text()
RUN = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def seed_fields() -> Fields:
    return extract_fields(SEED, language="en", published_at=None, reference_date=RUN)


def test_version_is_a_dated_string() -> None:
    assert dt.date.fromisoformat(EXTRACTOR_VERSION.split("-")[0].replace(".", "-"))


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_text_is_skipped(text: str) -> None:
    fields = extract_fields(text, language="en", published_at=None, reference_date=RUN)
    assert fields.skipped_reason == "empty_text"
    assert fields.sentences == () and fields.figures is None


def test_other_languages_keep_their_sentences() -> None:
    text = "Die Polizei nahm 40 Personen fest. Die Lage bleibt angespannt."
    fields = extract_fields(text, language="de", published_at=None, reference_date=RUN)
    assert fields.skipped_reason == "language_not_supported:de"
    assert fields.language == "de"
    assert len(fields.sentences) == 2
    assert fields.counts == () and fields.events == () and fields.figures is None


def test_the_skip_path_loads_no_nlp_and_the_package_no_prefect() -> None:
    code = (
        "import sys, datetime as dt\n"
        "from tasks.core.extraction import extract_fields\n"
        "extract_fields('Hallo Welt.', language='de', published_at=None, reference_date=dt.date(2026,1,1))\n"
        "assert 'spacy' not in sys.modules, 'spacy loaded'\n"
        "assert not any(m.split('.')[0] == 'prefect' for m in sys.modules), 'prefect loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_regional_english_tag_is_extracted() -> None:
    text = "Police arrested 12 protesters in Nairobi on Tuesday."
    fields = extract_fields(text, language="en-GB", published_at=None, reference_date=RUN)
    assert fields.skipped_reason is None
    assert fields.figures is not None


def test_fields_and_function_pickle(seed_fields: Fields) -> None:
    assert pickle.loads(pickle.dumps(seed_fields)) == seed_fields
    assert pickle.loads(pickle.dumps(extract_fields)) is extract_fields


def test_seed_golden_without_publication_date(seed_fields: Fields) -> None:
    fields = seed_fields
    assert fields.skipped_reason is None
    assert len(fields.sentences) == 13
    s6 = fields.sentences[6]
    assert SEED[s6.char_start : s6.char_end].startswith("The group is believed")
    assert SEED[s6.char_start : s6.char_end].endswith("on June 21.")
    assert [(d.text, d.precision, d.relative, d.reference) for d in fields.dates] == [
        ("on Wednesday", "day", True, "run"),
        ("on Tuesday", "day", True, "run"),
        ("on Wednesday", "day", True, "run"),
        ("June 21", "day", True, "run"),  # no year stated: the run's year
        ("on Wednesday", "day", True, "run"),
        ("1997", "year", False, "run"),
    ]
    main = fields.events[0]
    assert (main.event_type, main.sub_event_type) == ("Battles", "Armed clash")
    subs = {e.sub_event_type for e in fields.events if e.event_type == "Strategic developments"}
    assert {"Agreement", "Arrests"} <= subs
    figures = fields.figures
    assert figures is not None
    assert (figures.event_type, figures.sub_event_type) == ("Battles", "Armed clash")
    assert figures.event_date is None  # "on Tuesday" with no publication date: only the run's date would resolve it
    assert figures.event_place in {"Khorog", "Khorugh"}  # the gazetteer spells it "Khorugh"
    assert figures.event_admin1 == "Gorno-Badakhshan"
    assert figures.event_country == "TJ"


def test_seed_golden_figures_totals(seed_fields: Fields) -> None:
    figures = seed_fields.figures
    assert figures is not None
    assert figures.killed is not None and figures.killed >= 40
    assert figures.injured == 25
    assert figures.arrested == 40


def test_seed_with_publication_date() -> None:
    published = dt.datetime(2012, 7, 25, 8, tzinfo=dt.UTC)  # a Wednesday
    fields = extract_fields(SEED, language="en", published_at=published, reference_date=RUN)
    by_text = {d.text: d for d in fields.dates}
    assert by_text["on Tuesday"].value == dt.date(2012, 7, 24)
    assert by_text["June 21"].value == dt.date(2012, 6, 21)
    assert by_text["1997"].value == dt.date(1997, 1, 1)
    assert {d.reference for d in fields.dates} == {"published"}
    assert fields.figures is not None
    assert fields.figures.event_date == dt.date(2012, 7, 24)


def test_runs_in_a_worker_process(seed_fields: Fields) -> None:
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    task = partial(extract_fields, language="en", published_at=None, reference_date=RUN)
    with ProcessPoolExecutor(max_workers=1) as pool:
        (remote,) = pool.map(task, [SEED])
    assert remote == seed_fields


def test_many_equals_one_at_a_time_and_isolates_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    from tasks.core.extraction import Article, counts, extract_many

    short = "Two people were killed in Kabul on Monday, police said."
    broken = "Three people were injured in Herat."
    french = "Deux personnes ont été tuées à Paris lundi."
    real = counts.extract_counts

    def extract_counts(text, sentences, **kwargs):  # noqa: ANN001, ANN202 -- a bug on one text only
        if text == broken:
            raise ValueError("a bug on this text")
        return real(text, sentences, **kwargs)

    monkeypatch.setattr(counts, "extract_counts", extract_counts)
    articles = [
        Article(SEED, "en", None, RUN),
        Article(broken, "en", None, RUN),
        Article(french, "fr", None, RUN),
        Article(short, None, None, RUN),
    ]
    many = extract_many(articles)
    assert len(many) == 4
    assert many[0] == extract_fields(SEED, language="en", published_at=None, reference_date=RUN)
    assert many[1].skipped_reason == "extractor_error: ValueError: a bug on this text"
    assert many[2].skipped_reason == "language_not_supported:fr"
    assert many[3] == extract_fields(short, language=None, published_at=None, reference_date=RUN)
    assert [c.value_low for c in many[3].counts] == [2]
