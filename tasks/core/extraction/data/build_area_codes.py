"""Rebuild area_codes.tsv (North American area code -> US state) from libphonenumber's data (build time only).

Usage (from the repo root, inside the project's virtualenv)::

    pip download --no-deps -d /tmp/pn phonenumbers==9.0.43
    python tasks/core/extraction/data/build_area_codes.py /tmp/pn/phonenumbers-9.0.43-py2.py3-none-any.whl

Input: the `phonenumbers` wheel (Apache-2.0; Google's libphonenumber metadata and geocoding data). Only its
data is read, from the wheel, and only the result is committed: the package (about 9 MB of tables) is not a
run-time dependency. An area code is kept when libphonenumber places it in the US and every description it
gives (the code's own, or those of its longer prefixes: "New York, NY") names one state; the state's postal
code is the gazetteer's admin-1 code of that state. Area codes of Canada and the Caribbean, and toll-free or
non-geographic codes (800, 888, 900...), are left out.
"""

from __future__ import annotations

import sys
import zipfile
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).with_name("area_codes.tsv")


def main(wheel: str) -> None:
    target = Path("/tmp/area_codes_phonenumbers")
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(target)
    sys.path.insert(0, str(target))
    import phonenumbers  # noqa: PLC0415  # from the wheel just unpacked
    from phonenumbers.geocoder import GEOCODE_DATA  # noqa: PLC0415

    from tasks.core.extraction.gazetteer import load_gazetteer  # noqa: PLC0415

    gaz = load_gazetteer()
    states: dict[str, str] = {}
    names: dict[str, set[str]] = defaultdict(set)
    for prefix, descriptions in GEOCODE_DATA.items():
        if not prefix.startswith("1") or len(prefix) < 4:
            continue
        text = descriptions.get("en") if isinstance(descriptions, dict) else None
        if text:
            names[prefix[1:4]].add(text.rsplit(", ", 1)[-1] if ", " in text else text)
    rows = []
    for code in sorted(names):
        region = phonenumbers.region_code_for_number(phonenumbers.parse(f"+1{code}2345678"))
        if region != "US":
            continue
        found = set()
        for name in names[code]:
            if name not in states:
                states[name] = _state_code(gaz, name)
            found.add(states[name])
        if len(found) == 1 and None not in found:
            rows.append((code, found.pop()))
    with OUT.open("w", encoding="utf-8") as handle:
        handle.write("# area code\tUS state (postal code); built by build_area_codes.py from libphonenumber data\n")
        for code, state in rows:
            handle.write(f"{code}\t{state}\n")
    print(f"{len(rows)} area codes -> {OUT}")


def _state_code(gaz, name: str) -> str | None:
    """The admin-1 code of a US state by its name or postal code ("North Carolina", "NY")."""
    if len(name) == 2 and name.isupper():
        return name
    for c in gaz.lookup(name):
        if c.entry.kind == "A" and c.entry.country_code == "US" and not c.weak:
            return c.entry.admin1_code
    return None


if __name__ == "__main__":
    main(sys.argv[1])
