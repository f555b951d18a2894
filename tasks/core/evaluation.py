"""Score an extractor against the hand-annotated gold set (pure; no Prefect).

Matching rules (documented at length in tests/gold/README.md):
- counts match on (kind, value_low, value_high); a vague gold count ("dozens") matches any vague
  predicted count of the same kind, bounds ignored. Identical predictions are collapsed first.
- places match when the country codes are equal and the normalised (case-, diacritic- and
  punctuation-insensitive) gold text or name equals the predicted text or gazetteer name.
  Predicted mentions of one place (same country and name) are one item.
- dates match on (value, precision). Gold dates with no value (relative dates in a passage with
  no publication date) are not scored, nor are predicted dates resolved against the run date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar, get_args

from tasks.core.extraction.model import (
    Count,
    CountKind,
    DateMention,
    DatePrecision,
    FeatureKind,
    Fields,
    Place,
    PlaceRole,
    Temporal,
    VictimGroup,
)

GOLD_PATH = Path(__file__).resolve().parents[2] / "tests" / "gold" / "passages.jsonl"
FLOORS_PATH = GOLD_PATH.with_name("floors.json")
# A fixed run date far from every publication date, so that resolving against it shows up.
EVAL_REFERENCE_DATE = dt.date(2026, 1, 15)
FIELDS = ("counts", "places", "dates")
_EPS = 1e-9

G = TypeVar("G")
P = TypeVar("P")


class GoldFormatError(ValueError):
    """A gold line breaks the annotation schema (permanent: fix the file)."""


STYLES = (
    "wire",
    "local",
    "monitor",
    "press_release",
    "translated",
    "court",
    "disaster",
    "protest",
)


@dataclass(frozen=True, slots=True)
class GoldCount:
    kind: CountKind
    value_low: int | None
    value_high: int | None
    vague: bool
    victim_group: VictimGroup
    temporal: Temporal
    qualifier: str | None


@dataclass(frozen=True, slots=True)
class GoldPlace:
    text: str  # as written in the passage
    country_code: str | None
    feature_kind: FeatureKind
    role: PlaceRole
    name: str | None = None  # the gazetteer's name, when it differs from the text

    @property
    def aliases(self) -> frozenset[str]:
        return frozenset(normalise_name(n) for n in (self.text, self.name) if n)


@dataclass(frozen=True, slots=True)
class GoldDate:
    text: str
    value: dt.date | None  # None: relative, and the passage has no publication date
    precision: DatePrecision


@dataclass(frozen=True, slots=True)
class GoldPassage:
    id: str
    style: str
    text: str
    published_at: dt.datetime | None
    counts: tuple[GoldCount, ...]
    places: tuple[GoldPlace, ...]
    dates: tuple[GoldDate, ...]
    language: str = "en"


def _pick(raw: Mapping[str, Any], key: str, allowed: tuple[object, ...]) -> Any:
    value = raw.get(key)
    if value not in allowed:
        raise GoldFormatError(f"{key}={value!r} is not one of {allowed}")
    return value


def _parse_count(raw: Mapping[str, Any]) -> GoldCount:
    low, high, vague = (
        raw.get("value_low"),
        raw.get("value_high"),
        bool(raw.get("vague")),
    )
    for v in (low, high):
        if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 0):
            raise GoldFormatError(f"count bound {v!r} is not a non-negative int")
    if not vague and low is None and high is None:
        raise GoldFormatError("a non-vague count needs a bound")
    if low is not None and high is not None and low > high:
        raise GoldFormatError(f"count bounds {low} > {high}")
    return GoldCount(
        kind=_pick(raw, "kind", get_args(CountKind)),
        value_low=low,
        value_high=high,
        vague=vague,
        victim_group=_pick(raw, "victim_group", get_args(VictimGroup)),
        temporal=_pick(raw, "temporal", get_args(Temporal)),
        qualifier=raw.get("qualifier"),
    )


def _parse_place(raw: Mapping[str, Any], text: str) -> GoldPlace:
    if raw["text"] not in text:
        raise GoldFormatError(f"place {raw['text']!r} is not in the passage text")
    cc = raw.get("country_code")
    if cc is not None and (len(cc) != 2 or not cc.isupper()):
        raise GoldFormatError(f"country_code {cc!r} is not ISO alpha-2")
    return GoldPlace(
        text=raw["text"],
        country_code=cc,
        feature_kind=_pick(raw, "feature_kind", get_args(FeatureKind)),
        role=_pick(raw, "role", get_args(PlaceRole)),
        name=raw.get("name"),
    )


def _parse_date(raw: Mapping[str, Any], text: str) -> GoldDate:
    if raw["text"] not in text:
        raise GoldFormatError(f"date {raw['text']!r} is not in the passage text")
    value = raw.get("value")
    return GoldDate(
        text=raw["text"],
        value=dt.date.fromisoformat(value) if value else None,
        precision=_pick(raw, "precision", get_args(DatePrecision)),
    )


def parse_gold_line(line: str) -> GoldPassage:
    """One JSONL line of the gold set as a typed record; GoldFormatError when malformed."""
    raw = json.loads(line)
    text = raw["text"]
    published = raw.get("published_at")
    published_at = dt.datetime.fromisoformat(published) if published else None
    if published_at is not None and published_at.tzinfo is None:
        raise GoldFormatError("published_at must carry a time zone")
    return GoldPassage(
        id=raw["id"],
        style=_pick(raw, "style", STYLES),
        text=text,
        published_at=published_at,
        counts=tuple(_parse_count(c) for c in raw.get("counts", [])),
        places=tuple(_parse_place(p, text) for p in raw.get("places", [])),
        dates=tuple(_parse_date(d, text) for d in raw.get("dates", [])),
        language=raw.get("language", "en"),
    )


def load_gold(path: Path = GOLD_PATH) -> tuple[GoldPassage, ...]:
    """Read the gold JSONL file; the line number is noted on any format error."""
    passages = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                passages.append(parse_gold_line(line))
            except (GoldFormatError, KeyError, ValueError) as exc:
                raise GoldFormatError(f"{path}:{number}: {exc}") from exc
    ids = [p.id for p in passages]
    if len(ids) != len(set(ids)):
        raise GoldFormatError(f"{path}: duplicate passage ids")
    return tuple(passages)


class Extractor(Protocol):
    """The signature of `tasks.core.extraction.extract_fields`."""

    def __call__(
        self,
        text: str,
        *,
        language: str | None,
        published_at: dt.datetime | None,
        reference_date: dt.date,
    ) -> Fields: ...


@dataclass(frozen=True, slots=True)
class FieldResult:
    """How one field of one passage scored."""

    passage_id: str
    field: str
    tp: int
    missing: tuple[str, ...]  # gold items with no match (false negatives)
    extra: tuple[str, ...]  # predicted items with no match (false positives)
    agreements: Mapping[str, tuple[int, int]] = field(default_factory=dict)  # attr -> (hits, n)

    @property
    def exact(self) -> bool:
        return not self.missing and not self.extra


@dataclass(frozen=True, slots=True)
class Report:
    metrics: Mapping[str, float]  # "counts.f1" -> 0.83, ...
    support: Mapping[str, int]  # "counts.gold" -> 250, "counts.tp" -> ...
    results: tuple[FieldResult, ...]


_GENERIC_SUFFIXES = frozenset(
    [
        "region",
        "province",
        "state",
        "oblast",
        "governorate",
        "district",
        "county",
        "prefecture",
        "department",
        "territory",
    ]
)
_GENERIC_PREFIXES = frozenset({"the", "county", "co"})


def normalise_name(text: str) -> str:
    """Casefold; drop diacritics, punctuation, a possessive 's and generic words.

    "The Gorno-Badakhshan Region's" -> "gorno badakhshan"; "Co Limerick" -> "limerick".
    """
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.casefold().strip().removesuffix("'s")
    words = "".join(c if c.isalnum() else " " for c in plain).split()
    while len(words) > 1 and words[0] in _GENERIC_PREFIXES:
        words = words[1:]
    while len(words) > 1 and words[-1] in _GENERIC_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


def _match(
    gold: Sequence[G],
    pred: Sequence[P],
    compatible: Callable[[G, P], bool],
    affinity: Callable[[G, P], int],
) -> tuple[list[tuple[G, P]], list[G], list[P]]:
    """Greedy one-to-one matching of compatible pairs, best attribute agreement first."""
    pairs = [(-affinity(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred) if compatible(g, p)]
    used_g: set[int] = set()
    used_p: set[int] = set()
    matched: list[tuple[G, P]] = []
    for _, gi, pi in sorted(pairs):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            matched.append((gold[gi], pred[pi]))
    rest_g = [g for i, g in enumerate(gold) if i not in used_g]
    rest_p = [p for i, p in enumerate(pred) if i not in used_p]
    return matched, rest_g, rest_p


def _agreements(
    matched: Sequence[tuple[G, P]], attrs: Mapping[str, Callable[[G, P], bool]]
) -> dict[str, tuple[int, int]]:
    return {name: (sum(1 for g, p in matched if same(g, p)), len(matched)) for name, same in attrs.items()}


def _count_key(kind: str, low: int | None, high: int | None, vague: bool) -> tuple[object, ...]:
    return (kind, "vague") if vague else (kind, low, high)


def _describe_count(kind: str, low: int | None, high: int | None, vague: bool) -> str:
    return f"{kind}:vague" if vague else f"{kind}:{low}-{high}"


def _pred_key(c: Count) -> tuple[object, ...]:
    return _count_key(c.kind, c.value_low, c.value_high, c.vague)


def score_counts(passage_id: str, gold: Sequence[GoldCount], pred: Iterable[Count]) -> FieldResult:
    """Match counts on (kind, low, high), or (kind, vague) for vague gold counts.

    An unmatched prediction with the key of a matched or already reported one is a
    restatement of the same figure and is not a false positive.
    """
    preds = list(pred)

    def compatible(g: GoldCount, p: Count) -> bool:
        gk = _count_key(g.kind, g.value_low, g.value_high, g.vague)
        return gk == _count_key(p.kind, p.value_low, p.value_high, p.vague)

    def affinity(g: GoldCount, p: Count) -> int:
        return 2 * (g.victim_group == p.victim_group) + (g.temporal == p.temporal)

    matched, missing, unmatched = _match(gold, preds, compatible, affinity)
    seen = {_pred_key(p) for _, p in matched}
    extra = []
    for p in unmatched:
        if _pred_key(p) not in seen:
            seen.add(_pred_key(p))
            extra.append(p)
    attrs: dict[str, Callable[[GoldCount, Count], bool]] = {
        "victim_group": lambda g, p: g.victim_group == p.victim_group,
        "temporal": lambda g, p: g.temporal == p.temporal,
    }
    return FieldResult(
        passage_id,
        "counts",
        len(matched),
        tuple(_describe_count(g.kind, g.value_low, g.value_high, g.vague) for g in missing),
        tuple(_describe_count(p.kind, p.value_low, p.value_high, p.vague) for p in extra),
        _agreements(matched, attrs),
    )


@dataclass(frozen=True, slots=True)
class _PlaceGroup:
    """All predicted mentions of one resolved place."""

    country_code: str | None
    aliases: frozenset[str]
    label: str
    role: str
    feature_kind: str


def _group_places(pred: Iterable[Place]) -> list[_PlaceGroup]:
    groups: dict[tuple[str | None, str], list[Place]] = {}
    for p in pred:
        groups.setdefault((p.country_code, normalise_name(p.name or p.text)), []).append(p)
    return [
        _PlaceGroup(
            country_code=cc,
            aliases=frozenset({name} | {normalise_name(p.text) for p in mentions}),
            label=f"{mentions[0].name or mentions[0].text} ({cc})",
            role="event" if any(p.role == "event" for p in mentions) else "mentioned",
            feature_kind=mentions[0].feature_kind,
        )
        for (cc, name), mentions in groups.items()
    ]


def score_places(passage_id: str, gold: Sequence[GoldPlace], pred: Iterable[Place]) -> FieldResult:
    """Match places on country code plus a shared normalised text or name."""
    groups = _group_places(pred)

    def compatible(g: GoldPlace, p: _PlaceGroup) -> bool:
        return g.country_code == p.country_code and bool(g.aliases & p.aliases)

    def affinity(g: GoldPlace, p: _PlaceGroup) -> int:
        return 2 * (g.role == p.role) + (g.feature_kind == p.feature_kind)

    matched, missing, extra = _match(gold, groups, compatible, affinity)
    attrs: dict[str, Callable[[GoldPlace, _PlaceGroup], bool]] = {
        "role": lambda g, p: g.role == p.role,
        "feature_kind": lambda g, p: g.feature_kind == p.feature_kind,
    }
    return FieldResult(
        passage_id,
        "places",
        len(matched),
        tuple(f"{g.text} ({g.country_code})" for g in missing),
        tuple(p.label for p in extra),
        _agreements(matched, attrs),
    )


def score_dates(
    passage_id: str,
    gold: Sequence[GoldDate],
    pred: Iterable[DateMention],
    published: bool,
) -> FieldResult:
    """Match dates on (value, precision); unresolvable ones are left out on both sides.

    With no publication date, gold relative dates carry no value, and a prediction resolved
    against the run date counts when it equals a gold value but is never a false positive.
    """
    gold_keys = {(g.value, g.precision) for g in gold if g.value is not None}
    preds = list(pred)
    pred_keys = {(p.value, p.precision) for p in preds if published or p.reference != "run"}
    run_keys = {(p.value, p.precision) for p in preds if not published and p.reference == "run"}
    pred_keys |= run_keys & gold_keys
    return FieldResult(
        passage_id,
        "dates",
        len(gold_keys & pred_keys),
        tuple(f"{v.isoformat()}/{pr}" for v, pr in sorted(gold_keys - pred_keys)),
        tuple(f"{v.isoformat()}/{pr}" for v, pr in sorted(pred_keys - gold_keys)),
    )


def score_passage(passage: GoldPassage, fields: Fields) -> tuple[FieldResult, ...]:
    """Score the three fields of one passage."""
    return (
        score_counts(passage.id, passage.counts, fields.counts),
        score_places(passage.id, passage.places, fields.places),
        score_dates(passage.id, passage.dates, fields.dates, passage.published_at is not None),
    )


def _ratio(num: int, den: int, empty: float) -> float:
    return num / den if den else empty


def _field_metrics(name: str, results: Sequence[FieldResult]) -> tuple[dict[str, float], dict[str, int]]:
    tp = sum(r.tp for r in results)
    fp = sum(len(r.extra) for r in results)
    fn = sum(len(r.missing) for r in results)
    precision = _ratio(tp, tp + fp, 1.0 if fn == 0 else 0.0)
    recall = _ratio(tp, tp + fn, 1.0 if fp == 0 else 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    metrics = {
        f"{name}.precision": precision,
        f"{name}.recall": recall,
        f"{name}.f1": f1,
        f"{name}.exact": _ratio(sum(r.exact for r in results), len(results), 0.0),
    }
    attrs = sorted({a for r in results for a in r.agreements})
    for attr in attrs:
        hits = sum(r.agreements[attr][0] for r in results if attr in r.agreements)
        total = sum(r.agreements[attr][1] for r in results if attr in r.agreements)
        metrics[f"{name}.{attr}_accuracy"] = _ratio(hits, total, 0.0)
    support = {f"{name}.gold": tp + fn, f"{name}.predicted": tp + fp, f"{name}.tp": tp}
    return metrics, support


def summarise(results: Sequence[FieldResult]) -> Report:
    """Aggregate per-passage results into micro-averaged metrics."""
    metrics: dict[str, float] = {}
    support: dict[str, int] = {}
    for name in FIELDS:
        m, s = _field_metrics(name, [r for r in results if r.field == name])
        metrics.update(m)
        support.update(s)
    by_passage: dict[str, bool] = {}
    for r in results:
        by_passage[r.passage_id] = by_passage.get(r.passage_id, True) and r.exact
    metrics["all.exact"] = _ratio(sum(by_passage.values()), len(by_passage), 0.0)
    support["all.passages"] = len(by_passage)
    return Report(metrics, support, tuple(results))


def evaluate(passages: Iterable[GoldPassage], extract: Extractor) -> Report:
    """Run `extract` on every gold passage and score its counts, places and dates."""
    results: list[FieldResult] = []
    for passage in passages:
        try:
            fields = extract(
                passage.text,
                language=passage.language,
                published_at=passage.published_at,
                reference_date=EVAL_REFERENCE_DATE,
            )
        except Exception as exc:  # re-raised: a crash is a bug; the note names the passage
            exc.add_note(f"while extracting gold passage {passage.id}")
            raise
        results.extend(score_passage(passage, fields))
    return summarise(results)


def format_report(report: Report, *, misses: int = 0) -> str:
    """A readable table of the metrics; optionally the first `misses` imperfect passages."""
    m, s = report.metrics, report.support
    lines = [
        f"{'field':<8}{'gold':>6}{'pred':>6}{'tp':>6}{'prec':>8}{'recall':>8}{'f1':>8}{'exact':>8}",
    ]
    for name in FIELDS:
        lines.append(
            f"{name:<8}{s[name + '.gold']:>6}{s[name + '.predicted']:>6}{s[name + '.tp']:>6}"
            f"{m[name + '.precision']:>8.3f}{m[name + '.recall']:>8.3f}"
            f"{m[name + '.f1']:>8.3f}{m[name + '.exact']:>8.3f}"
        )
    lines.append(f"all passages exact: {m['all.exact']:.3f} of {s['all.passages']}")
    for key in sorted(k for k in m if k.endswith("_accuracy")):
        lines.append(f"{key:<32}{m[key]:.3f}")
    shown = [r for r in report.results if not r.exact][:misses]
    for r in shown:
        lines.append(f"{r.passage_id} {r.field}: missing {list(r.missing)} extra {list(r.extra)}")
    return "\n".join(lines)


def check_floors(report: Report, floors: Mapping[str, float]) -> list[str]:
    """Each metric below its floor (or missing from the report), as a message."""
    failures = []
    for key, floor in sorted(floors.items()):
        score = report.metrics.get(key)
        if score is None:
            failures.append(f"{key}: floor {floor:.2f} but the metric is not reported")
        elif score < floor - _EPS:
            failures.append(f"{key}: {score:.4f} is below its floor {floor:.2f}")
    return failures


def raise_floors(floors: Mapping[str, float], report: Report) -> dict[str, float]:
    """New floors: each score rounded down to 0.01, never lower than the old floor."""
    new = dict(floors)
    for key, score in report.metrics.items():
        new[key] = max(floors.get(key, 0.0), math.floor(score * 100 + _EPS) / 100)
    return dict(sorted(new.items()))


def read_floors(path: Path) -> dict[str, float]:
    return {k: float(v) for k, v in json.loads(path.read_text(encoding="utf-8"))["floors"].items()}


def save_floors(path: Path, floors: Mapping[str, float]) -> None:
    body = {
        "note": "Score floors for tests/test_gold_floors.py; they only ever move up.",
        "floors": dict(floors),
    }
    path.write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m tasks.core.evaluation`: print the table; exit 1 when a score is below its floor."""
    parser = argparse.ArgumentParser(prog="python -m tasks.core.evaluation")
    parser.add_argument("--gold", type=Path, default=GOLD_PATH)
    parser.add_argument("--floors", type=Path, default=FLOORS_PATH)
    parser.add_argument("--update-floors", action="store_true", help="raise floors to the scores")
    parser.add_argument("--misses", type=int, default=0, help="list up to N imperfect fields")
    args = parser.parse_args(argv)
    from tasks.core.extraction import (
        extract_fields,  # imported late: the scorer stands alone
    )

    report = evaluate(load_gold(args.gold), extract_fields)
    print(format_report(report, misses=args.misses))
    floors = read_floors(args.floors)
    if args.update_floors:
        floors = raise_floors(floors, report)
        save_floors(args.floors, floors)
        print(f"floors written to {args.floors}")
    failures = check_floors(report, floors)
    for failure in failures:
        print(f"BELOW FLOOR {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
