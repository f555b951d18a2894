"""The gold-set scorer on tiny hand-made predictions (never the real extractor)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tasks.core import evaluation as ev
from tasks.core.extraction.model import Count, DateMention, Fields, Place

PUB = dt.datetime(2024, 3, 14, 10, tzinfo=dt.UTC)


def count(kind: Any = "killed", low: int | None = 12, high: int | None = 12, **kw: Any) -> Count:
    base: dict[str, Any] = {
        "trigger": "killed",
        "vague": False,
        "qualifier": None,
        "victim_group": "civilians",
        "victim_text": None,
        "temporal": "current",
        "claim_source": None,
        "sentence_index": 0,
        "number_start": 0,
        "number_end": 2,
        "trigger_start": 3,
        "trigger_end": 9,
    }
    base.update(kw)
    return Count(kind=kind, value_low=low, value_high=high, **base)


def place(text: str, cc: str | None, name: str | None = None, **kw: Any) -> Place:
    base: dict[str, Any] = {
        "geonameid": None,
        "feature_kind": "city",
        "admin1": None,
        "lat": None,
        "lon": None,
        "precision": "place",
        "role": "event",
        "sentence_index": 0,
        "char_start": 0,
        "char_end": len(text),
    }
    base.update(kw)
    return Place(text=text, name=name or text, country_code=cc, **base)


def date(value: str, precision: Any = "day", reference: Any = "published") -> DateMention:
    return DateMention(
        text="x",
        value=dt.date.fromisoformat(value),
        precision=precision,
        relative=True,
        reference=reference,
        sentence_index=0,
        char_start=0,
        char_end=1,
    )


def fields(**kw: Any) -> Fields:
    return Fields(language="en", skipped_reason=None, **kw)


def gold_line(**kw: Any) -> str:
    raw: dict[str, Any] = {
        "id": "t1",
        "style": "wire",
        "text": "Twelve civilians were killed in Kano on Tuesday, police said.",
        "published_at": "2024-03-14T10:00:00Z",
        "counts": [
            {
                "kind": "killed",
                "value_low": 12,
                "value_high": 12,
                "vague": False,
                "victim_group": "civilians",
                "temporal": "current",
                "qualifier": None,
            }
        ],
        "places": [{"text": "Kano", "country_code": "NG", "feature_kind": "city", "role": "event"}],
        "dates": [{"text": "on Tuesday", "value": "2024-03-12", "precision": "day"}],
    }
    raw.update(kw)
    return json.dumps(raw)


def gold(**kw: Any) -> ev.GoldPassage:
    return ev.parse_gold_line(gold_line(**kw))


def gc(kind: str = "killed", low: int | None = 12, high: int | None = 12, **kw: Any) -> ev.GoldCount:
    base: dict[str, Any] = {
        "vague": False,
        "victim_group": "civilians",
        "temporal": "current",
        "qualifier": None,
    }
    base.update(kw)
    return ev.GoldCount(kind=kind, value_low=low, value_high=high, **base)  # type: ignore[arg-type]


def test_perfect_prediction_scores_one_everywhere() -> None:
    pred = fields(counts=(count(),), places=(place("Kano", "NG"),), dates=(date("2024-03-12"),))
    report = ev.evaluate([gold()], lambda text, **_: pred)
    assert all(v == 1.0 for v in report.metrics.values()), report.metrics
    assert report.support["counts.tp"] == 1


def test_empty_prediction_scores_zero_recall_and_no_exact() -> None:
    report = ev.evaluate([gold()], lambda text, **_: fields())
    assert report.metrics["counts.recall"] == 0.0
    assert report.metrics["counts.precision"] == 0.0
    assert report.metrics["places.exact"] == 0.0
    assert report.metrics["all.exact"] == 0.0


def test_count_bounds_must_match_exactly() -> None:
    result = ev.score_counts("p", [gc(low=30, high=None)], [count(low=30, high=30)])
    assert result.tp == 0
    assert result.missing == ("killed:30-None",)
    assert result.extra == ("killed:30-30",)


def test_vague_count_matches_on_kind_and_vague_only() -> None:
    gold_vague = gc("injured", None, None, vague=True)
    hit = ev.score_counts("p", [gold_vague], [count("injured", 100, 999, vague=True)])
    wrong_kind = ev.score_counts("p", [gold_vague], [count("killed", 100, 999, vague=True)])
    not_vague = ev.score_counts("p", [gold_vague], [count("injured", 100, 100)])
    assert (hit.tp, wrong_kind.tp, not_vague.tp) == (1, 0, 0)


def test_restated_prediction_is_not_a_false_positive() -> None:
    result = ev.score_counts("p", [gc()], [count(), count(sentence_index=3)])
    assert (result.tp, result.extra) == (1, ())


def test_restatement_with_another_group_is_not_a_false_positive() -> None:
    preds = [count(victim_group="civilians"), count(victim_group="unspecified"), count("injured", 3, 3)]
    preds.append(count("injured", 3, 3, victim_group="militants"))
    result = ev.score_counts("p", [gc()], preds)
    assert (result.tp, result.extra) == (1, ("injured:3-3",))
    assert result.agreements["victim_group"] == (1, 1)


def test_same_figure_for_two_groups_pairs_by_victim_group() -> None:
    golds = [gc(victim_group="militants"), gc(victim_group="security_forces")]
    preds = [count(victim_group="security_forces"), count(victim_group="militants")]
    result = ev.score_counts("p", golds, preds)
    assert result.tp == 2
    assert result.agreements["victim_group"] == (2, 2)


def test_victim_group_and_temporal_accuracy_only_over_matches() -> None:
    golds = [gc(), gc("arrested", 40, 40, victim_group="militants")]
    preds = [count(victim_group="unspecified", temporal="historical"), count("injured", 3, 3)]
    result = ev.score_counts("p", golds, preds)
    assert result.tp == 1
    assert result.agreements == {"victim_group": (0, 1), "temporal": (0, 1)}
    report = ev.summarise([result])
    assert report.metrics["counts.victim_group_accuracy"] == 0.0
    assert report.metrics["counts.precision"] == 0.5
    assert report.metrics["counts.recall"] == 0.5


def test_zero_count_is_a_real_value() -> None:
    assert ev.score_counts("p", [gc("injured", 0, 0)], [count("injured", 0, 0)]).tp == 1
    assert ev.score_counts("p", [gc("injured", 0, 0)], [count("injured", None, 0)]).tp == 0


def test_place_matches_on_gazetteer_name_and_ignores_case_and_diacritics() -> None:
    g = [
        ev.GoldPlace("Badakhshan", "TJ", "region", "event", name="Gorno-Badakhshan"),
        ev.GoldPlace("Cordoba", "AR", "city", "event"),
    ]
    preds = [
        place("Badakhshan region", "TJ", name="Gorno Badakhshan", feature_kind="region"),
        place("CÓRDOBA", "AR", name="Córdoba"),
    ]
    result = ev.score_places("p", g, preds)
    assert (result.tp, result.missing, result.extra) == (2, (), ())
    assert result.agreements["feature_kind"] == (2, 2)


def test_place_in_wrong_country_is_both_missing_and_extra() -> None:
    result = ev.score_places("p", [ev.GoldPlace("Tripoli", "LY", "city", "event")], [place("Tripoli", "LB")])
    assert result.tp == 0
    assert result.missing == ("Tripoli (LY)",)
    assert result.extra == ("Tripoli (LB)",)


def test_repeated_place_mentions_are_one_item_and_role_prefers_event() -> None:
    preds = [place("Khorog", "TJ", role="mentioned"), place("Khorog", "TJ", role="event")]
    result = ev.score_places("p", [ev.GoldPlace("Khorog", "TJ", "city", "event")], preds)
    assert (result.tp, result.extra) == (1, ())
    assert result.agreements["role"] == (1, 1)


def test_dates_match_on_value_and_precision() -> None:
    g = [ev.GoldDate("in 1997", dt.date(1997, 1, 1), "year")]
    assert ev.score_dates("p", g, [date("1997-01-01", "year")], True).tp == 1
    assert ev.score_dates("p", g, [date("1997-01-01", "day")], True).tp == 0


def test_undated_passage_ignores_run_relative_dates_on_both_sides() -> None:
    g = [ev.GoldDate("on Tuesday", None, "day"), ev.GoldDate("1997", dt.date(1997, 1, 1), "year")]
    preds = [date("2026-01-13", reference="run"), date("1997-01-01", "year", reference="run")]
    result = ev.score_dates("p", g, preds, published=False)
    assert (result.tp, result.missing, result.extra) == (1, (), ())
    assert ev.score_dates("p", g, preds[:1], published=False).missing == ("1997-01-01/year",)
    published_wrong = [date("1997-01-01", "day", reference="published")]
    assert ev.score_dates("p", g, published_wrong, published=False).extra == ("1997-01-01/day",)
    # with a publication date, a run-relative prediction is scored (and here wrong)
    assert ev.score_dates("p", g[1:], preds[:1], published=True).extra == ("2026-01-13/day",)


def test_passage_with_nothing_to_find_and_nothing_found_is_exact() -> None:
    passage = gold(counts=[], places=[], dates=[])
    report = ev.evaluate([passage], lambda text, **_: fields())
    assert report.metrics["all.exact"] == 1.0
    assert report.metrics["counts.f1"] == 1.0


def test_extractor_receives_passage_metadata() -> None:
    seen: dict[str, Any] = {}

    def extract(text: str, **kw: Any) -> Fields:
        seen.update(kw, text=text)
        return fields()

    ev.evaluate([gold()], extract)
    assert seen["published_at"] == PUB
    assert seen["language"] == "en"
    assert seen["reference_date"] == ev.EVAL_REFERENCE_DATE


def test_extractor_crash_names_the_passage() -> None:
    def extract(text: str, **_: Any) -> Fields:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError) as info:
        ev.evaluate([gold()], extract)
    assert "t1" in "".join(info.value.__notes__)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"style": "blog"}, "style"),
        (
            {"places": [{"text": "Lagos", "country_code": "NG", "feature_kind": "city", "role": "event"}]},
            "not in the passage",
        ),
        (
            {
                "counts": [
                    {
                        "kind": "dead",
                        "value_low": 1,
                        "value_high": 1,
                        "victim_group": "unspecified",
                        "temporal": "current",
                    }
                ]
            },
            "kind",
        ),
        (
            {
                "counts": [
                    {
                        "kind": "killed",
                        "value_low": 5,
                        "value_high": 2,
                        "victim_group": "unspecified",
                        "temporal": "current",
                    }
                ]
            },
            "bounds",
        ),
        ({"published_at": "2024-03-14T10:00:00"}, "time zone"),
    ],
)
def test_malformed_gold_lines_are_rejected(change: dict[str, Any], message: str) -> None:
    with pytest.raises(ev.GoldFormatError, match=message):
        ev.parse_gold_line(gold_line(**change))


def test_floors_fail_below_and_only_rise() -> None:
    report = ev.summarise(ev.score_passage(gold(), fields(counts=(count(),))))
    assert report.metrics["counts.f1"] == 1.0
    assert ev.check_floors(report, {"counts.f1": 1.0}) == []
    assert ev.check_floors(report, {"places.f1": 0.5})[0].startswith("places.f1")
    assert "not reported" in ev.check_floors(report, {"nope": 0.1})[0]
    raised = ev.raise_floors({"counts.f1": 0.2, "places.f1": 0.9}, report)
    assert raised["counts.f1"] == 1.0
    assert raised["places.f1"] == 0.9  # the score (0.0) is lower: the floor stays


def test_raise_floors_rounds_down_to_a_hundredth() -> None:
    report = ev.Report({"a": 0.8567, "b": 0.85}, {}, ())
    assert ev.raise_floors({}, report) == {"a": 0.85, "b": 0.85}


def test_format_report_is_a_table_with_every_field() -> None:
    report = ev.evaluate([gold()], lambda text, **_: fields())
    table = ev.format_report(report, misses=5)
    for word in ("counts", "places", "dates", "t1 counts: missing"):
        assert word in table


def test_floors_file_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    ev.save_floors(path, {"counts.f1": 0.42})
    assert ev.read_floors(path) == {"counts.f1": 0.42}


def test_the_gold_set_loads_and_is_big_and_varied() -> None:
    passages = ev.load_gold()
    assert len(passages) >= 160
    assert {p.style for p in passages} == set(ev.STYLES)
    assert sum(len(p.counts) for p in passages) >= 200
    assert len({g.country_code for p in passages for g in p.places}) >= 50


def test_the_recorded_floors_cover_every_metric() -> None:
    report = ev.evaluate(ev.load_gold()[:3], lambda text, **_: fields())
    assert set(ev.read_floors(ev.FLOORS_PATH)) == set(report.metrics)


def test_the_scorer_imports_neither_prefect_nor_the_extractor() -> None:
    code = (
        "import sys, tasks.core.evaluation; "
        "bad = [m for m in sys.modules if m.startswith('prefect') or m == 'tasks.core.extraction.counts']; "
        "sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=Path(ev.__file__).parents[2], check=False)
    assert done.returncode == 0
