"""Country evidence from a country's own news idioms, for texts that name their towns but never their country.

US local news rarely says "United States" or even the state: "SPRINGFIELD — Police responded to the 600 block
of Union Street", "the county sheriff's office said", "SAN JOSE (KTVU) —". A town name alone then goes to its
most populous namesake, usually abroad (York, Manchester, San José). These idioms are US-only in English news,
so each kind found is one piece of evidence for the US, weighed like a demonym (`places.extract_places`):

- the police-report address "the 4600 block of Valdez Street" ("N00 block of");
- a sheriff's office or department, or sheriff's deputies (elsewhere a sheriff is a court officer);
- a dateline whose station is a US broadcaster's call sign (K... or W..., "SAN JOSE (KTVU) —") or a US
  network's local station ("(CBS SF)", "(NBC4)"), or such a station named in the text ("CBS21 reports");
- a numbered street ("on 23rd Street", "near 30th Avenue"), a town's "Police Department";
- US criminal law's words: felony, misdemeanor, arraigned (England abolished felonies in 1967 and arraigns
  only in the Crown Court, and spells "misdemeanour").

Each kind counts once however often it occurs: explicit country names and demonyms still outweigh them.
"""

from __future__ import annotations

import re

IDIOMS = {
    "block": re.compile(r"\b\d{1,2}00\s+block\s+of\s+(?:[NSEW]\.?\s+|North\s+|South\s+|East\s+|West\s+)?[A-Z0-9]"),
    "sheriff": re.compile(
        r"\b[Ss]heriff(?:'s|’s)?\s+(?:[Oo]ffice|[Dd]epartment|[Dd]eputies|[Dd]eputy)\b|\b[Ss]heriff(?:'s|’s)\s+deput"
    ),
    "station": re.compile(
        r"\b[A-Z][A-Z.'-]+(?:\s[A-Z][A-Z.'-]+){0,3},?\s\((?:[KW][A-Z]{2,3}(?:-(?:TV|FM|AM|DT))?|(?:CBS|NBC|ABC|FOX)\s?[A-Z0-9]{1,4})\)"
        r"\s*(?:[—–-]{1,2}|>>)"
        r"|\b(?:CBS|NBC|ABC|FOX)\s?\d{1,2}\b"
    ),
    "street": re.compile(r"\b\d{1,3}(?:st|nd|rd|th)\s+(?:Street|Avenue|St\b|Ave\b)|\bPolice Department\b"),
    "law": re.compile(r"\b(?:felony|felonies|misdemeanor|misdemeanors|arraign(?:ed|ment))\b", re.I),
}


def idiom_countries(text: str) -> list[str]:
    """One "US" per kind of US news idiom found in `text`."""
    return ["US" for pattern in IDIOMS.values() if pattern.search(text)]
