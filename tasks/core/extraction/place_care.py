"""The hospital's town in a crime report: named after the event, where the wounded were taken, and rarely the
scene ("taken to St. Mary's Hospital in Joliet", "flown to Macon Hospital", "died at a medical center in Sparks").
A hospital that is attacked is the scene: only a care act ("taken", "rushed", "flown", "died at") makes the
town a hospital's address. `place_cues.event_weight` weighs such a town as a reference point.
"""

from __future__ import annotations

import re

_CARE_ACT = r"\b(?:taken|transported|rushed|flown|airlifted|driven|brought|admitted|treated|died|dead)\s+"
_CARE = r"(?:hospital|medical\s+cent(?:er|re)|trauma\s+cent(?:er|re)|infirmary|clinic)s?"
# "taken to Mercy Hospital in Joliet", "died at a medical center in Sparks": the hospital's town, not the scene
CARE_BEFORE = re.compile(
    rf"{_CARE_ACT}(?:[\w'.-]+\s+){{0,3}}?(?:to|at|in|into)\s+(?:an?\s+|the\s+)?(?:[\w'.-]+\s+){{0,4}}?{_CARE}\s+"
    r"(?:in|at|of)\s+(?:the\s+)?$",
    re.I,
)
# "flown to Macon Hospital", "rushed to a Joliet hospital": the town names the hospital
CARE_AT = re.compile(rf"{_CARE_ACT}(?:[\w'.-]+\s+){{0,3}}?(?:to|at|in|into)\s+(?:an?\s+|the\s+)?$", re.I)
CARE_AFTER = re.compile(rf"^\s+(?:[A-Z][\w'.-]*\s+){{0,2}}?{_CARE}\b", re.I)


def cared_for_at(text: str, start: int, end: int) -> bool:
    """The town of the hospital the wounded were taken to ("taken to St. Mary's Hospital in Joliet", "flown to
    Macon Hospital"): news names it after the event, and it is rarely the scene."""
    before = text[max(0, start - 110) : start]
    return bool(CARE_BEFORE.search(before)) or (
        bool(CARE_AT.search(before[-60:])) and bool(CARE_AFTER.match(text[end : end + 50]))
    )
