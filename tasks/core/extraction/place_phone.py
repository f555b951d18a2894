"""US states named by the phone numbers a story prints ("call Crime Stoppers at 704-334-1600").

Local crime news ends with a tip line: the police department's number, Crime Stoppers, a detective's desk.
Its area code says which state the story is about, which settles a town name shared by many states
("Springfield", "Columbus", "Cambridge") when the text names no state. The area codes come from
`data/area_codes.tsv` (built from libphonenumber's data by `data/build_area_codes.py`): only geographic US
codes, each in one state; toll-free numbers (800, 888...) and Canadian or Caribbean codes say nothing.

A number counts when it is written as North American numbers are: ten digits in groups of 3-3-4, the area
code in parentheses or followed by a hyphen, dot or space ("(617) 555-0134", "614.555.0199", "1-217-555-0102").
Each state counts once per number, at most `PHONE_WEIGHT` in all: an admin-1 region speaks for the
candidates there as one more place name of the text would (`places._coherence`).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

AREA_CODES = Path(__file__).with_name("data") / "area_codes.tsv"
PHONE = re.compile(
    r"(?<![\d.-])(?:1[-. ])?"
    r"(?:\((?P<a>[2-9]\d\d)\)\s?|(?P<b>[2-9]\d\d)[-. ])[2-9]\d\d[-. ]\d{4}(?![\d-])"
)
PHONE_WEIGHT = 1.0  # one place name's worth for the state most numbers are in


@cache
def area_codes() -> dict[str, str]:
    """Area code -> US state postal code ("704" -> "NC")."""
    table = {}
    with AREA_CODES.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                code, state = line.rstrip("\n").split("\t")
                table[code] = state
    return table


def phone_states(text: str) -> Counter:
    """US state postal code -> how many of the text's phone numbers have an area code there."""
    codes = area_codes()
    found: Counter = Counter()
    for match in PHONE.finditer(text):
        state = codes.get(match.group("a") or match.group("b"))
        if state:
            found[state] += 1
    return found


def phone_regions(text: str) -> dict[tuple[str, str], float]:
    """The admin-1 region(s) the phone numbers name, weighted for `places._coherence`: the most frequent
    state gets `PHONE_WEIGHT`, others in proportion."""
    found = phone_states(text)
    if not found:
        return {}
    top = max(found.values())
    return {("US", state): PHONE_WEIGHT * n / top for state, n in found.items()}
