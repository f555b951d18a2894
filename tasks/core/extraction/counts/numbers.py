"""Which quantities can count people (`_people_ok`).

Refused: ages ("aged 25", "25-year-old"), years (1800-2100 without a people noun after), days of a month ("June 3",
"3rd of May"), times ("5:30", "10 a.m."), money and numbers after a label ("$5", "No. 5", "route 9", "flight 370",
a gallery's "Image 1 of / 13"), ids of seven digits or more, street addresses ("12 Main Street"), figures glued to
letters or slashes, and counts of things (the noun after the figure is a unit, a weapon, a vehicle, a building, an
animal, a time span: `_NON_PERSON`), and the whole a part is taken of ("⅓ of 30 villagers", "half of the 40
passengers", "20% of 500 workers", "whether any of the six were hurt": the figure is not the count, and the part is
not reported as one either), and counts of wounds ("a cook with several bullet wounds", "two stab wounds"). A zero
is kept unless it is about harm, not people ("none of the injuries were life-threatening").
"""

from __future__ import annotations

import re

from tasks.core.extraction.counts.victims import _PEOPLE
from tasks.core.extraction.counts.words import _lex
from tasks.core.extraction.numbers import Quantity

_NON_PERSON = _lex(
    "year years yr yrs month months week weeks day days hour hours minute minutes second seconds decade decades "
    "century centuries percent per % km kilometres kilometers kilometre kilometer mile miles metres meters metre "
    "meter feet foot yards kg kilograms kilos tonnes tons pounds dollars euros rupees naira shillings yuan yen "
    "roubles rubles am pm gmt utc times rounds shots rockets missiles mortars shells bombs drones houses homes "
    "buildings vehicles cars trucks buses villages towns cities districts provinces states countries schools "
    "hospitals shops stores acres hectares degrees points goals votes seats floors bullets weapons guns rifles "
    "grenades litres liters barrels cases incidents attacks charges counts cattle cows sheep goats camels animals "
    "companies locations sites places areas tents aircraft planes helicopters boats ships explosions blasts raids "
    "strikes airstrikes operations killings calls ago families households flats apartments night nights morning "
    "evening afternoon time ox oxen livestock cow bull bulls dog dogs horse horses donkeys pigs poultry chickens "
    "herd herds pet pets puppy puppies cat cats kitten kittens cougar cougars coyote coyotes wolf wolves bear bears "
    "deer pit trailer trailers residence residences window windows door doors wall walls warrant warrants"
)

_MORE = _lex("more other additional further extra separate")

_MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
           r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?")  # fmt: skip

_MONTH_BEFORE = re.compile(_MONTHS + r"\s*$")

_MONTH_AFTER = re.compile(r"\s*(?:of\s+)?" + _MONTHS)

_BAD_BEFORE = re.compile(
    r"(?:[$£€#¥₹]|\b(?:aged|age|ages|no\.|number|page|route|flight|article|section|room|highway|chapter|"
    r"resolution|paragraph|gate|line|channel|phase|stage|size|apartment|block|sector|zone|unit|platform|rs\.?|"
    r"us\$|image|photo|slide|of\s*/)\s*|\b(?:aged|ages)\s+\d+\s*(?:,|and|to|-)\s*)$",
    re.I,
)

_BAD_AFTER = re.compile(
    r"(?:\s*-?\s*year-old|\s*[-–]?\s*(?:years?|yrs?)[- ]old|[:/.]\d|\s*(?:a\.m\.|p\.m\.|o'clock)|\s+block\b"
    r"|\s+[A-Z][a-z]+\s+(?:Street|St\b|Road|Rd\b|Avenue|Ave\b|Boulevard|Blvd\b|Lane|Drive|Parkway|Pkwy\b|Court"
    r"|Circle|Terrace|Highway|Hwy\b|Pike|Trail|Plaza))"
)

_PART_OF = re.compile(
    r"(?:[\u00bc-\u00be\u2150-\u215e]|\d\s*/\s*\d+|\d\s*(?:%|per\s*cent)|\b(?:half|halves|thirds?|quarters?|fifths?"
    r"|tenths?|percent|proportion|fraction|any))\s+of\s+(?:the\s+|those\s+|these\s+|its\s+|their\s+)?$",
    re.I,
)

_WOUNDS_AFTER = re.compile(
    r"\s+(?:(?:\w+-)?(?:gunshot|bullet|shotgun|stab|knife|puncture|entry|exit|graze)\s+)?wounds?\b", re.I
)

_NONE_OF_HARM = re.compile(r"\s+of (?:the|their|his|her) (?:injuries|wounds|deaths|injured|wounded)\b", re.I)


def _people_ok(s: str, q: Quantity, victim: str | None) -> bool:
    """False for ages, years, dates, times, money, addresses and counts of things."""
    if q.low is None and q.high is None:
        return False
    if q.end < len(s) and s[q.end].isalnum() or q.start > 0 and (s[q.start - 1].isalnum() or s[q.start - 1] in "-/."):
        return False
    if re.fullmatch(r"\d{7,}", s[q.start : q.end]):
        return False  # "13484466": an id, not a count
    if _BAD_BEFORE.search(s, max(0, q.start - 16), q.start) or _BAD_AFTER.match(s, q.end):
        return False
    if _PART_OF.search(s, max(0, q.start - 30), q.start):
        return False  # "⅓ of 30 villagers"
    if _WOUNDS_AFTER.match(s, q.end):
        return False  # "several bullet wounds": wounds, not victims
    if q.low == 0 and q.high == 0:  # not "none of the injuries were life-threatening"
        return not _NONE_OF_HARM.match(s, q.end)
    head = victim.split()[-1].lower() if victim else ""
    lead = victim.lower().split()[:2] if victim else []
    if lead and (lead[0] in _NON_PERSON or lead[0] in _MORE and lead[1:] and lead[1] in _NON_PERSON):
        return False  # "Five years ago", "3 vehicles carrying soldiers", "2 more times"
    value = q.low if q.low is not None else q.high
    if s[q.start].isdigit() and value is not None:
        if value <= 31 and (_MONTH_BEFORE.search(s, max(0, q.start - 11), q.start) or _MONTH_AFTER.match(s, q.end)):
            return False
        if 1800 <= value <= 2100 and "," not in s[q.start : q.end] and head not in _PEOPLE:
            return False
    return head not in _NON_PERSON
