"""Find and parse quantity phrases in English news text (pure; `re` only).

A `Quantity` is a range: `low`/`high` are inclusive bounds, `None` meaning open.

Qualifiers (kept, lower-cased, in `qualifier`):
- lower bound, `low=N, high=None`: at least, more than, over, above, upwards of, in excess of, no
  fewer than, no less than, well over, just over, a minimum of, exceeded, passed, surpassed, topped,
  N-plus, N+, N or more.
- upper bound, `low=None, high=N`: up to, as many as, as high as, at most, no more than, fewer than,
  less than, under, just under, nearly, almost, close to, a maximum of, N or fewer.
- approximate, `low=high=N`: about, around, some, approximately, roughly, an estimated, estimated,
  circa, N or so, N-odd.
The bound is the number as written ("more than 30" -> 30, "nearly 100" -> high 100), as in the
gold set's guidelines (tests/gold/README.md).
Ranges: "between 10 and 20", "from 10 to 20", "10 to 20", "10-20", "two or three" -> 10/20.
Zeros: "no", "no one", "nobody", "none", "zero" -> 0/0.

Vague quantifiers (`vague=True`, `qualifier` = the phrase unless an explicit qualifier came first):

| phrase                 | low       | high    |
|------------------------|-----------|---------|
| a couple (of)          | 2         | 3       |
| a few                  | 2         | 5       |
| a handful              | 2         | 6       |
| several                | 3         | 9       |
| a number of, multiple  | 2         | None    |
| many, numerous         | 10        | None    |
| dozens                 | 24        | 99      |
| scores                 | 40        | 199     |
| hundreds               | 200       | 999     |
| thousands              | 2,000     | 9,999   |
| tens of thousands      | 20,000    | 99,999  |
| hundreds of thousands  | 200,000   | 999,999 |
| millions               | 2,000,000 | None    |

"several hundred", "a few dozen", "a couple of thousand" multiply the quantifier's range by the
scale (300..900); "many thousands" counts as "thousands".

Refused (no quantity): what cannot be a count as written: scale words out of order or repeated
("a million billion", "twenty-five hundred thousand million", "5 million billion": each scale of a
thousand or more must be smaller than the one before), a digit run in a power or formula ("10^6",
"2*10", "3x4", "1e6"), and any bound above `MAX_PEOPLE`. A refused word number is never parsed
further than about twenty tokens (every scale must fall), so scanning stays linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

MAX_PEOPLE = 10**10  # a bound above the world's population is not a count of people


def _phrases(text: str) -> tuple[str, ...]:
    return tuple(text.split("|"))


@dataclass(frozen=True, slots=True)
class Quantity:
    low: int | None
    high: int | None
    vague: bool
    qualifier: str | None
    start: int
    end: int


_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|\S")

_LOWER = _phrases(
    "at least|more than|over|upwards of|upward of|in excess of|no fewer than|no less than|not less than|well over|"
    "just over|a minimum of|at a minimum|well above|above|greater than|exceeded|exceeding|exceeds|passed|surpassed|"
    "topped"
)
_UPPER = _phrases(
    "up to|as many as|as high as|at most|no more than|not more than|fewer than|less than|under|just under|"
    "a maximum of|as much as|nearly|almost|close to|not quite"
)
_APPROX = _phrases(
    "about|around|some|approximately|roughly|an estimated|estimated|circa|approx|more or less|perhaps|possibly|"
    "an approximate|approximate"
)
_QUALIFIERS: dict[str, str] = {
    **{q: "lower" for q in _LOWER},
    **{q: "upper" for q in _UPPER},
    **{q: "approx" for q in _APPROX},
}
_QUAL_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _q in sorted(_QUALIFIERS, key=lambda q: -len(q.split())):
    _QUAL_BY_FIRST.setdefault(_q.split()[0], []).append(tuple(_q.split()))

_UNIT_WORDS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
_UNITS = {w: i for i, w in enumerate(re.findall(r"\w+", _UNIT_WORDS + " sixteen seventeen eighteen nineteen"))}
_TENS = {
    w: 10 * (i + 2) for i, w in enumerate(re.findall(r"\w+", "twenty thirty forty fifty sixty seventy eighty ninety"))
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12}
_GLUED_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000}

# (tokens, label, low, high); longest phrases first when they share a first word.
_VAGUE: list[tuple[tuple[str, ...], str, int, int | None]] = [
    (("tens", "of", "thousands"), "tens of thousands", 20_000, 99_999),
    (("hundreds", "of", "thousands"), "hundreds of thousands", 200_000, 999_999),
    (("dozens", "of", "thousands"), "dozens of thousands", 24_000, 99_999),
    (("a", "couple", "of"), "a couple", 2, 3),
    (("a", "couple"), "a couple", 2, 3),
    (("a", "few"), "a few", 2, 5),
    (("a", "handful", "of"), "a handful", 2, 6),
    (("a", "handful"), "a handful", 2, 6),
    (("a", "number", "of"), "a number of", 2, None),
    (("multiple",), "multiple", 2, None),
    (("several",), "several", 3, 9),
    (("many",), "many", 10, None),
    (("numerous",), "numerous", 10, None),
    (("dozens",), "dozens", 24, 99),
    (("scores",), "scores", 40, 199),
    (("hundreds",), "hundreds", 200, 999),
    (("thousands",), "thousands", 2_000, 9_999),
    (("millions",), "millions", 2_000_000, None),
]
_PLURALS = {"dozens": (24, 99), "hundreds": (200, 999), "thousands": (2_000, 9_999), "millions": (2_000_000, None)}
_VAGUE_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str, int, int | None]]] = {}
for _v in _VAGUE:
    _VAGUE_BY_FIRST.setdefault(_v[0][0], []).append(_v)
_ZERO = {("no", "one"): "no one", ("nobody",): "nobody", ("none",): "none", ("zero",): "zero", ("no",): "no"}
# Words a quantity phrase can start with (digits aside): a cheap filter before parsing.
_STARTS = frozenset(
    [*_QUAL_BY_FIRST, *_UNITS, *_TENS, *_VAGUE_BY_FIRST, "a", "an", "half", "between", "from"] + [w[0] for w in _ZERO]
)
_LOWER_SUFFIX = (("or", "more"), ("plus",), ("+",), ("-", "plus"))
_APPROX_SUFFIX = (("or", "so"), ("odd",), ("-", "odd"))
_UPPER_SUFFIX = (("or", "fewer"), ("or", "less"))
_RANGE_JOIN = {"to", "-", "–", "—", "or"}
_POWER = {"^", "*", "e", "x", "×"}

Tok = tuple[str, int, int]  # lower-cased text, start, end


@dataclass(frozen=True, slots=True)
class _Num:
    low: int | None
    high: int | None
    vague: bool
    label: str | None
    end: int  # token index after the number
    scale: int  # the scale word that closed a word number (1 when none)


def _tokens(text: str) -> list[Tok]:
    return [(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _match(toks: list[Tok], i: int, words: tuple[str, ...]) -> bool:
    return len(toks) - i >= len(words) and all(toks[i + k][0] == w for k, w in enumerate(words))


def _digit_value(tok: str) -> Decimal | None:
    if "," in tok:
        head, *groups = tok.split(",")
        if len(head) <= 3 and all(len(g) == 3 and g.isdigit() for g in groups):
            return Decimal(tok.replace(",", ""))
        return None
    if "." in tok:
        head, *groups = tok.split(".")
        if len(groups) > 1 or len(groups[0]) == 3:  # "50.000": European thousands separators
            return Decimal(tok.replace(".", "")) if all(len(g) == 3 for g in groups) else None
    try:
        return Decimal(tok)
    except InvalidOperation:
        return None


def _digit_number(toks: list[Tok], i: int) -> _Num | None:
    value = _digit_value(toks[i][0])
    if value is None or _in_formula(toks, i):
        return None
    j, scale = i + 1, 1
    if j < len(toks) and toks[j][0] in _SCALES and toks[j][0] != "dozen":
        scale, j = _SCALES[toks[j][0]], j + 1
    elif j < len(toks) and toks[j][0] in _GLUED_SCALES and toks[j][1] == toks[i][2]:
        scale, j = _GLUED_SCALES[toks[j][0]], j + 1
    if scale > 1 and j < len(toks) and toks[j][0] in _SCALES:
        return None  # "5 million billion"
    total = value * scale
    if total != int(total):
        return None
    return _Num(int(total), int(total), False, None, j, scale)


def _in_formula(toks: list[Tok], i: int) -> bool:
    """A digit run that is part of a power or formula ("10^6", "2**10"): its value is not what is written."""
    before = i > 0 and toks[i - 1][2] == toks[i][1] and toks[i - 1][0] in _POWER
    after = i + 1 < len(toks) and toks[i + 1][1] == toks[i][2] and toks[i + 1][0] in _POWER
    return before or after


def _word_number(toks: list[Tok], i: int) -> _Num | None:
    """Parse "three hundred and forty", "twenty-five", "a dozen", "half a million"."""
    if _match(toks, i, ("half", "a")) and i + 2 < len(toks) and toks[i + 2][0] in _SCALES:
        scale = _SCALES[toks[i + 2][0]]
        return _Num(scale // 2, scale // 2, False, None, i + 3, scale)
    j, total, current, prev, last_scale, group = i, 0, 0, "", 1, MAX_PEOPLE
    if toks[i][0] in ("a", "an"):
        if i + 1 >= len(toks) or toks[i + 1][0] not in _SCALES:
            return None
        current, prev, j = 1, "unit", i + 1
    while j < len(toks):
        w, nxt = toks[j][0], toks[j + 1][0] if j + 1 < len(toks) else ""
        if w in _UNITS and (prev in ("", "scale", "and") or (prev in ("tens", "tens-") and 0 < _UNITS[w] < 10)):
            current, prev = current + _UNITS[w], "unit"
        elif w in _TENS and prev in ("", "scale", "and"):
            current, prev = current + _TENS[w], "tens"
        elif w in _SCALES and (prev in ("unit", "tens") or (prev == "scale" and _SCALES[w] > last_scale)):
            scale = _SCALES[w]
            if scale >= group:
                return None  # "a million billion", "five thousand million": not a number anyone counts in
            if scale >= 1_000:
                group = scale
                total, current = total + (current or 1) * scale, 0
            else:
                current *= scale
            prev, last_scale = "scale", scale
        elif w == "and" and prev == "scale" and (nxt in _UNITS or nxt in _TENS):
            prev = "and"
        elif w == "-" and prev == "tens" and nxt in _UNITS:
            prev = "tens-"
        elif w in _SCALES and prev == "scale":
            return None  # "one thousand hundred", "twenty-five hundred thousand million"
        else:
            break
        j += 1
    if prev in ("", "and", "tens-"):
        return None
    value = total + current
    return _Num(value, value, False, None, j, last_scale)


def _vague(toks: list[Tok], i: int) -> _Num | None:
    for words, label, low, high in _VAGUE_BY_FIRST.get(toks[i][0], ()):
        if not _match(toks, i, words):
            continue
        j = i + len(words)
        nxt = toks[j][0] if j < len(toks) else ""
        if nxt in _SCALES and words[0] in ("a", "several") and high is not None:
            scale = _SCALES[nxt]  # "several hundred", "a few dozen"
            return _Num(low * scale, high * scale, True, f"{label} {nxt}", j + 1, scale)
        if nxt in _PLURALS and words[0] in ("many", "numerous", "several"):
            plow, phigh = _PLURALS[nxt]  # "many thousands"
            return _Num(plow, phigh, True, f"{label} {nxt}", j + 1, 1)
        return _Num(low, high, True, label, j, 1)
    return None


def _number(toks: list[Tok], i: int) -> _Num | None:
    """A single (non-range) number starting at token `i`."""
    w = toks[i][0]
    if w[0].isdecimal():  # not isdigit(): "²" is a digit but no decimal number
        return _digit_number(toks, i)
    for words, label in _ZERO.items():
        if _match(toks, i, words):
            nxt = toks[i + len(words)][0] if i + len(words) < len(toks) else ""
            if label == "no" and not nxt[:1].isalpha():
                return None
            return _Num(0, 0, False, None, i + len(words), 1)
    if w in _UNITS or w in _TENS or w in ("a", "an", "half"):
        num = _word_number(toks, i)
        if num is not None:
            return num
    return _vague(toks, i)


def _range(toks: list[Tok], i: int, first: _Num) -> _Num | None:
    """Extend `first` to "N to M" / "N-M" / "N or M" / "between N and M" when M > N."""
    j = first.end
    if j + 1 >= len(toks) or first.vague or first.low is None:
        return None
    joiner = toks[j][0]
    between = i > 0 and toks[i - 1][0] in ("between", "from")
    if not (joiner in _RANGE_JOIN or (joiner == "and" and between)):
        return None
    second = _number(toks, j + 1) if toks[j + 1][0][:1].isalnum() else None
    if second is None or second.vague or second.low is None:
        return None
    low, high = first.low, second.low
    if joiner == "-" and 1000 <= low <= 2100 and 0 <= high < 100 and toks[j + 1][0].isdecimal():
        high += low - low % 100  # "1992-97"
    if first.scale == 1 and second.scale > 1 and low * second.scale <= high:
        low *= second.scale  # "two to three thousand"
    if high <= low:
        return None
    return _Num(low, high, False, None, second.end, second.scale)


def _qualifier(toks: list[Tok], i: int) -> tuple[str, str, int] | None:
    for words in _QUAL_BY_FIRST.get(toks[i][0], ()):
        if _match(toks, i, words):
            phrase = " ".join(words)
            return phrase, _QUALIFIERS[phrase], i + len(words)
    return None


def _suffix(toks: list[Tok], j: int) -> tuple[str, str, int] | None:
    for kind, table in (("lower", _LOWER_SUFFIX), ("approx", _APPROX_SUFFIX), ("upper", _UPPER_SUFFIX)):
        for words in table:
            if _match(toks, j, words):
                return " ".join(w for w in words if w != "-"), kind, j + len(words)
    return None


def _apply(num: _Num, kind: str, phrase: str) -> _Num:
    if kind == "lower":
        return _Num(num.low, None, num.vague, phrase, num.end, num.scale)
    if kind == "upper":
        return _Num(None, num.high if num.high is not None else num.low, num.vague, phrase, num.end, num.scale)
    return _Num(num.low, num.high, num.vague, phrase, num.end, num.scale)


def _quantity_at(toks: list[Tok], i: int) -> tuple[Quantity, int] | None:
    qual = _qualifier(toks, i)
    k = qual[2] if qual is not None else i
    num: _Num | None = None
    if k < len(toks) and toks[k][0] in ("between", "from") and k + 1 < len(toks):
        inner = _number(toks, k + 1)
        num = _range(toks, k + 1, inner) if inner is not None else None
    elif k < len(toks):
        num = _number(toks, k)
        num = (_range(toks, k, num) or num) if num is not None else None
    if num is None:
        return None
    suffix = _suffix(toks, num.end)
    if qual is not None:
        num = _apply(num, qual[1], qual[0])
    elif suffix is not None:
        moved = _Num(num.low, num.high, num.vague, num.label, suffix[2], num.scale)
        num = _apply(moved, suffix[1], suffix[0])
    if any(bound is not None and bound > MAX_PEOPLE for bound in (num.low, num.high)):
        return None  # more people than exist: a phone number, an ID or an error, never a count
    q = Quantity(num.low, num.high, num.vague, num.label, toks[i][1], toks[num.end - 1][2])
    return q, num.end


def find_quantities(text: str) -> list[Quantity]:
    """All non-overlapping quantity phrases, left to right; offsets relative to `text`."""
    toks = _tokens(text)
    found: list[Quantity] = []
    i = 0
    while i < len(toks):
        hit = _quantity_at(toks, i) if toks[i][0] in _STARTS or toks[i][0][0].isdecimal() else None
        if hit is None:
            i += 1
            continue
        found.append(hit[0])
        i = hit[1]
    return found


def parse_quantity(text: str) -> Quantity | None:
    """Parse a whole phrase ("at least 30", "two dozen", "hundreds"); None if it is not one."""
    if text.strip(" \t\n.,;:!?").lower() == "no":
        stripped = text.strip(" \t\n.,;:!?")
        start = text.index(stripped)
        return Quantity(0, 0, False, None, start, start + len(stripped))
    quantities = find_quantities(text)
    if len(quantities) != 1:
        return None
    q = quantities[0]
    rest = (text[: q.start] + text[q.end :]).strip(" \t\n.,;:!?")
    return q if not rest else None
