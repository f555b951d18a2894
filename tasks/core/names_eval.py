"""Score the names the extractor finds (people, organisations, places) on hand-annotated news passages.

`tests/gold/names.jsonl` holds passages written for this purpose (none copied from licensed data), each with the
set of people, organisations and places it names; alternatives are separated by "|" ("Lord Beckett|Beckett").
Crime passages also list their `victims` and `suspects` (people of the passage): `names.roles.recall` is the
share of them among the people found, the figure the held-out shooting articles are scored by.
Scoring is per document and per set, as the held-out newswire figure is: for each passage, the predicted set of
PERSON names (`Entity.name`, after title removal and surname resolution), of ORG names, and of places (a
`Place`'s surface text or its gazetteer name) is compared with the gold set; true positives, false positives and
misses are summed over passages (micro-averaged) into precision, recall and F1 per kind and over all three.
Names compare case-, accent- and punctuation-insensitively, without a leading "the" or a possessive "'s".

    python -m tasks.core.names_eval [--update-floors] [--misses]

Floors (which only rise) live in tests/gold/names_floors.json; tests/test_names_floors.py fails below them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tasks.core.extraction.model import Fields

GOLD_PATH = Path(__file__).resolve().parents[2] / "tests" / "gold" / "names.jsonl"
FLOORS_PATH = GOLD_PATH.with_name("names_floors.json")
KINDS = ("people", "orgs", "places")
_DROP = re.compile(r"[^\w\s&]")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class NamesPassage:
    id: str
    text: str
    gold: dict[str, tuple[frozenset[str], ...]]  # kind -> one set of accepted spellings per name
    roles: tuple[frozenset[str], ...] = ()  # the victims and suspects, each one of `gold["people"]`


def normalise(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.replace("’", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"'s\b", "", text)
    text = _SPACE.sub(" ", _DROP.sub(" ", text)).strip()
    return text[4:] if text.startswith("the ") else text


def load_passages(path: Path = GOLD_PATH) -> list[NamesPassage]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        raw = json.loads(line)
        gold = {k: tuple(frozenset(normalise(a) for a in name.split("|")) for name in raw[k]) for k in KINDS}
        written = normalise(raw["text"])
        for kind, names in gold.items():
            for alternatives in names:
                if not any(a in written for a in alternatives):
                    raise ValueError(f"{path}:{n}: {kind} {sorted(alternatives)} is not written in the passage")
        roles = tuple(
            frozenset(normalise(a) for a in name.split("|"))
            for name in raw.get("victims", []) + raw.get("suspects", [])
        )
        if stray := [sorted(r)[0] for r in roles if r not in gold["people"]]:
            raise ValueError(f"{path}:{n}: victims or suspects {stray} are not among the passage's people")
        out.append(NamesPassage(raw["id"], raw["text"], gold, roles))
    return out


def predicted(fields: Fields) -> dict[str, set[str]]:
    """The document-level sets the extractor found."""
    people = {normalise(e.name) for e in fields.entities if e.kind == "PERSON"}
    orgs = {normalise(e.name) for e in fields.entities if e.kind == "ORG"}
    places = {normalise(p.text) for p in fields.places} | {normalise(p.name) for p in fields.places}
    return {"people": people, "orgs": orgs, "places": places}


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def f1(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(passages: Iterable[NamesPassage], extract: Callable[[str], Fields]) -> tuple[dict[str, Tally], list[str]]:
    tallies = {k: Tally() for k in (*KINDS, "all", "roles")}
    misses: list[str] = []
    for passage in passages:
        pred = predicted(extract(passage.text))
        found_roles = sum(bool(r & pred["people"]) for r in passage.roles)
        tallies["roles"].tp += found_roles
        tallies["roles"].fn += len(passage.roles) - found_roles
        for kind in KINDS:
            gold = passage.gold[kind]
            found = [g for g in gold if g & pred[kind]]
            matched = set().union(*found) if found else set()
            extra = {p for p in pred[kind] if p not in matched}
            if kind == "places":  # a place's gazetteer name and surface text count once
                extra = {p for p in extra if not any(p in g or any(p in a or a in p for a in g) for g in found)}
                extra = _one_per_place(extra)
            tp, fn = len(found), len(gold) - len(found)
            for t in (tallies[kind], tallies["all"]):
                t.tp, t.fp, t.fn = t.tp + tp, t.fp + len(extra), t.fn + fn
            misses += [f"{passage.id} {kind} missed: {sorted(g)[0]}" for g in gold if not g & pred[kind]]
            misses += [f"{passage.id} {kind} extra: {p}" for p in sorted(extra)]
    return tallies, misses


def _one_per_place(extra: set[str]) -> set[str]:
    """Both spellings of one wrong place ("Kenya" written, "Republic of Kenya" resolved) are one error."""
    kept: list[str] = []
    for name in sorted(extra, key=len):
        if not any(k in name for k in kept):
            kept.append(name)
    return set(kept)


def metrics(tallies: dict[str, Tally]) -> dict[str, float]:
    out = {}
    for kind, tally in tallies.items():
        p, r, f = tally.f1()
        if kind == "roles":  # recall only: a person found who is neither victim nor suspect is no error here
            out[f"names.{kind}.recall"] = r
            continue
        out |= {f"names.{kind}.precision": p, f"names.{kind}.recall": r, f"names.{kind}.f1": f}
    return out


def extract_default(text: str) -> Fields:
    from tasks.core.extraction import extract_fields

    return extract_fields(text, language="en", published_at=None, reference_date=dt.date(2026, 12, 1))


def read_floors(path: Path = FLOORS_PATH) -> dict[str, float]:
    return dict(json.loads(path.read_text())["floors"]) if path.exists() else {}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update-floors", action="store_true")
    parser.add_argument("--misses", action="store_true", help="list every missed and extra name")
    args = parser.parse_args(argv)
    tallies, misses = score(load_passages(), extract_default)
    values = metrics(tallies)
    for kind, tally in tallies.items():
        p, r, f = tally.f1()
        if kind == "roles":
            print(f"victims and suspects among the people found: R {r:.3f}   ({tally.tp} of {tally.tp + tally.fn})")
            continue
        print(f"{kind:7} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (tp {tally.tp}, fp {tally.fp}, fn {tally.fn})")
    if args.misses:
        print("\n".join(misses))
    floors = read_floors()
    below = [f"{k}: {values[k]:.3f} < floor {v:.3f}" for k, v in floors.items() if values.get(k, 0.0) < v]
    if args.update_floors:
        gated = [k for k in values if k.endswith("f1") or k.startswith("names.roles.")]
        raised = {k: round(max(floors.get(k, 0.0), values[k] - 0.005), 3) for k in gated}
        old = json.loads(FLOORS_PATH.read_text()) if FLOORS_PATH.exists() else {}
        note = old.get("note", "Floors for tasks/core/names_eval.py; they only ever move up.")
        FLOORS_PATH.write_text(json.dumps({"note": note, "floors": dict(sorted(raised.items()))}, indent=2) + "\n")
    if below:
        print("\n".join(below), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
