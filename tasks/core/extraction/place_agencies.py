"""US states named by their own agencies ("the Ohio Bureau of Criminal Identification", "Texas Rangers").

Local crime news names the state through the state's institutions more often than on its own: the evidence
goes to "the Ohio Bureau of Criminal Identification", the crash is worked by "the Florida Highway Patrol", the
suspect is held by "the Georgia Department of Corrections". The state's name there sits inside an organisation's
name, so it is no place mention, but it says which state the story is in, and settles a town name many states
share ("Cambridge", "Columbus", "Wilmington") as a phone number's area code does (`place_phone`): each state
an agency names speaks, once, for the candidates in it (`places._coherence`), at most `AGENCY_WEIGHT`.

Only government bodies count: a newspaper ("The Washington Post"), a university or a team ("Ohio State") is
no evidence of where a story happened.
"""

from __future__ import annotations

import re
from functools import cache

from tasks.core.extraction.place_us import US_POSTAL

AGENCY_WEIGHT = 1.0  # one place name's worth, as a phone number's state
_BODY = (
    r"(?:State\s+)?(?:Department|Dept\.|Bureau|Division|Office|Commission|Board|Agency|Court|Supreme\s+Court"
    r"|Court\s+of\s+Appeals|Highway\s+Patrol|State\s+Patrol|State\s+Police|State\s+Troopers?|Troopers?|Rangers"
    r"|National\s+Guard|Attorney\s+General|Governor|Legislature|General\s+Assembly|Senate|House\s+of"
    r"|Medical\s+Examiner|Crime\s+Lab(?:oratory)?|Fusion\s+Center|Fish\s+and\s+(?:Wildlife|Game)"
    r"|Wildlife|Game\s+and\s+Fish|Emergency\s+Management|Corrections?|Correctional|Parole|Alcohol)\b"
)


@cache
def _pattern() -> re.Pattern[str]:
    names = sorted((n for code, n in US_POSTAL.items() if code != "DC"), key=len, reverse=True)
    return re.compile(rf"\b(?P<state>{'|'.join(names)})\s+{_BODY}")


def agency_regions(text: str) -> dict[tuple[str, str], float]:
    """The US states (("US", postal code) -> weight) whose government bodies the text names."""
    code_of = {name: code for code, name in US_POSTAL.items()}
    found = {code_of[m.group("state")] for m in _pattern().finditer(text)}
    return {("US", code): AGENCY_WEIGHT for code in found}
