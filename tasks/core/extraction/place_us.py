"""The United States' own place vocabulary: state abbreviations (AP style and postal) and federal road numbers.

US news names its states by abbreviation after a town ("MONTEREY PARK, Calif.", "Akron, OH", "EAST ST. LOUIS,
Il."): `state_abbreviations` finds them (the town before one is read only among that state's namesakes,
`place_mentions._before_state`). "U.S. 2 East" and "US Highway 41" are roads, not mentions of the country
(`is_road_number`). `US_POSTAL` also names the states for `place_agencies`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tasks.core.extraction.place_cues import UP

US_STATES = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California", "Colo.": "Colorado",
    "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois",
    "Ind.": "Indiana", "Kan.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland",
    "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota", "Miss.": "Mississippi",
    "Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire",
    "N.J.": "New Jersey", "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina",
    "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota", "Tenn.": "Tennessee",
    "Texas": "Texas", "Va.": "Virginia", "Vt.": "Vermont", "Wash.": "Washington", "W.Va.": "West Virginia",
    "Wis.": "Wisconsin", "Wyo.": "Wyoming",
}  # fmt: skip
US_STATES.update(
    {
        "Alaska": "Alaska",
        "Hawaii": "Hawaii",
        "Idaho": "Idaho",
        "Iowa": "Iowa",
        "Maine": "Maine",
        "Ohio": "Ohio",
        "Utah": "Utah",
        "D.C.": "District of Columbia",
        "Calif": "California",
        "Penn.": "Pennsylvania",
        "Fla": "Florida",
        "Tex.": "Texas",
        "Wisc.": "Wisconsin",
        # title-cased postal codes some local sites write ("EAST ST. LOUIS, Il. -"); not those that are words
        # or names ("In.", "Me.", "Or.", "Ok.", "Oh.", "Hi.", "Al.")
        "Il.": "Illinois",
        "Tx.": "Texas",
        "Fl.": "Florida",
        "Ca.": "California",
        "Az.": "Arizona",
        "Mi.": "Michigan",
        "Mn.": "Minnesota",
        "Wi.": "Wisconsin",
        "Tn.": "Tennessee",
        "Nv.": "Nevada",
    }
)
US_POSTAL = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
    "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
    "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip
STATE_ABBREV = re.compile(
    rf"(?<=[{UP.replace('A-Z', 'a-zA-Z')}])(?<!\b[A-Z]),\s+(?:("
    + "|".join(re.escape(k) for k in US_STATES if k != "Texas")
    + r")(?=[\s,(—–-]|$)|(?-i:("
    + "|".join(US_POSTAL)
    + r"))(?=[\s,.;:)—–-]|$))"
)
# "U.S. 2 East", "US Highway 41", "U.S. Route 1": a numbered road, not the country
ROAD_NUMBER = re.compile(r"(?:\s+(?:Highway|Hwy\.?|Route|Rte\.?))?\s+\d{1,3}\b")
US_NAMES = frozenset({"U.S.", "US", "U.S"})


def is_road_number(text: str, name: str, end: int) -> bool:
    """ "U.S. 2", "US Highway 41": a numbered federal road, no mention of the country."""
    return name in US_NAMES and ROAD_NUMBER.match(text, end) is not None


def state_abbreviations(text: str) -> Iterator[tuple[int, int, str]]:
    """AP-style and postal state abbreviations after a place ("MONTEREY PARK, Calif.", "Akron, OH"):
    span and state name."""
    for m in STATE_ABBREV.finditer(text):
        if m.group(1):
            yield m.start(1), m.end(1), US_STATES[m.group(1)]
        else:
            yield m.start(2), m.end(2), US_POSTAL[m.group(2)]
