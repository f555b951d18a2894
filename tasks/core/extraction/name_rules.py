"""People named in patterns that spaCy's small model misses or never reads (pure, regex only).

They run over the whole text, including the sentences NER does not read (`mask_for_ner`), so they cost
microseconds, not a parse:

- a title or role right before a capitalised name: "Mr Haruna", "Sheriff Ed Gonzalez", "Detective Inspector
  Claire Whitmore", "spokesman Tom Ahern" (the title is not part of the name);
- a name with an age, as court and police reports write them, alone or in a list: "Daniel Hartley, 19, of
  Harehills", "Darnell Price, 23, Kevin Ortiz, 20, and Jamal Reed, 19", "Luis Herrera, 21," ("aged 21" too);
- a name after "identified ... as" / "named ... as", as police and coroners' statements give victims and
  suspects: "identified the woman as Ann Lee of Trotwood", "the man was named as Tom Hale";
- lower-case particles inside a name: "Randy delos Santos", "Ursula von der Leyen".

A candidate is a run of 1-4 capitalised words (particles allowed between them) none of which is a title,
an organisation word, a month or weekday; a one-word candidate is kept only after a title ("Mr Haruna").
What the text calls the place after the age ("of Harehills") is returned too, so that the entity pass does
not file it as an organisation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_PARTICLES = r"(?:de|da|das|do|dos|del|della|delos|de la|di|du|van|van der|van den|von|von der|bin|ibn|al|el|le|la|ter)"
_CAP = r"[A-Z][a-zà-ÿ'’]+(?:-[A-Z]?[a-zà-ÿ'’]+)?"
_NAME = rf"{_CAP}(?: +(?:{_PARTICLES} +)?{_CAP}){{0,3}}"
_TITLE = (
    r"Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Sheriff|Deputy|Detective(?: Inspector| Sergeant| Constable| Chief "
    r"Inspector)?|Inspector|Sergeant|Sgt|Constable|Officer|Trooper|Corporal|Cpl|Private|Pte|Judge|Justice|"
    r"Senator|Sen|Rep|Representative|Governor|Gov|Mayor|Councillor|Councilman|Councilwoman|Alderman|"
    r"President|Vice President|Prime Minister|Minister|Secretary|Chancellor|Premier|Commissioner|Superintendent|"
    r"Chief|Captain|Capt|Lieutenant|Lt|Colonel|Col|Major|Maj|General|Gen|Brigadier|Admiral|Commander|"
    r"Reverend|Rev|Father|Pastor|Bishop|Imam|Sheikh|Rabbi|Ambassador|Attorney General|Prosecutor|"
    r"spokesman|spokeswoman|spokesperson|lawyer|attorney|coach|manager|director|chairman|chairwoman|"
    r"leader|activist|journalist|witness|neighbour|neighbor|resident|victim|suspect|defendant"
)
_TITLED = re.compile(rf"\b(?:(?:{_TITLE})\.? +)+(?P<name>{_NAME})")
_AGED = re.compile(
    rf"(?P<name>{_NAME}),\s+(?:aged\s+)?\d{{1,3}}(?:,|\s+(?:and|of|from)\b)"
    rf"(?:\s+(?:of|from)\s+(?P<home>{_CAP}(?:\s+{_CAP}){{0,2}}))?"
)
_IDENTIFIED = re.compile(
    r"\b(?:identified|named)\s+(?:(?:him|her|them|the|a|an|two|three|four|\d+-year-old|[a-z]+)\s+){0,4}?as\s+"
    rf"(?P<name>{_NAME})(?:,\s+(?:aged\s+)?\d{{1,3}},?)?(?:\s+(?:of|from)\s+(?P<home>{_CAP}(?:\s+{_CAP}){{0,2}}))?"
)
_STOP_WORDS = """
    january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday the a an he she they it we his her their its this that there
    police court county city state district department ministry office university hospital school church
    street road avenue north south east west new said says told after before when while on in at of and
    mr mrs ms dr sheriff deputy detective inspector officer judge president governor mayor minister chief
    """
_STOP = frozenset(_STOP_WORDS.split()) | frozenset(w.lower() for w in re.findall(r"[A-Za-z]+", _TITLE))


def find_titled_people(text: str) -> Iterator[tuple[int, int]]:
    """Spans of names right after a title or role ("Mr Haruna", "spokesman Tom Ahern")."""
    for match in _TITLED.finditer(text):
        yield from _clean(text, *match.span("name"), single_ok=True)


def find_aged_people(text: str) -> Iterator[tuple[tuple[int, int], tuple[int, int] | None]]:
    """(name span, home-place span or None) for "Name, 34, of Place" and names in lists of such."""
    for match in _AGED.finditer(text):
        home = match.span("home") if match.group("home") else None
        for span in _clean(text, *match.span("name"), single_ok=False):
            yield span, home


def find_identified_people(text: str) -> Iterator[tuple[tuple[int, int], tuple[int, int] | None]]:
    """(name span, home-place span or None) for "identified the victim as Name (, 34,) of Place"."""
    for match in _IDENTIFIED.finditer(text):
        home = match.span("home") if match.group("home") else None
        for span in _clean(text, *match.span("name"), single_ok=False):
            yield span, home


def _clean(text: str, start: int, end: int, *, single_ok: bool) -> Iterator[tuple[int, int]]:
    """Drop leading and trailing words that cannot be part of a name; keep 2+ words (1 after a title)."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    while words and text[words[0][0] : words[0][1]].lower().rstrip(".") in _STOP:
        words.pop(0)
    while words and text[words[-1][0] : words[-1][1]].lower().rstrip(".") in _STOP:
        words.pop()
    if not words or any(text[a:b].lower().rstrip(".") in _STOP for a, b in words):
        return
    capitalised = [w for w in words if text[w[0]].isupper()]
    if len(capitalised) >= 2 or (single_ok and len(capitalised) == 1 and len(words) == 1):
        yield words[0][0], words[-1][1]
