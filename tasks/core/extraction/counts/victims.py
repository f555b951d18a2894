"""Victims: the noun phrase a figure counts, single victims, and victim groups.

- `_noun_phrase`: the words after a figure up to a stop word or trigger ("Tajik security
  officers"), through "of the" / "of them" ("12 of them" refers back to earlier victims).
- `_person_head` / `_single_np`: a singular person noun led by a determiner ("a 25-year-old man",
  "the victim", "he") counts as 1.
- `_victim_group`: civilians, security_forces, militants, protesters, or unspecified, from the
  victim words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tasks.core.extraction.counts.words import _BE, _BLOCK, _lex, _tokens, _words
from tasks.core.extraction.model import VictimGroup

_NP_STOP = _BE | _lex(
    "have has had will would in on at from near during by with after before for across inside outside into to "
    "as while when since including who whom which that and or but than reportedly also later over under"
    " weren't wasn't isn't aren't hasn't haven't hadn't didn't won't wouldn't"
    " weren’t wasn’t isn’t aren’t hasn’t haven’t hadn’t didn’t won’t wouldn’t"
)

_PREPS = _lex("in at on from near inside across aboard along around of with")

_DETERMINERS = _lex("a an the one another his her their its our")

_NOT_NAMES = _lex("it this that there they we what nothing everyone none authorities i you one")

_GROUP_WORDS: tuple[tuple[VictimGroup, frozenset[str]], ...] = (
    ("protesters", _lex("protester protesters protestor protestors demonstrator demonstrators marcher marchers "
                        "rioter rioters activist activists strikers")),
    ("security_forces", _lex(
        "soldier soldiers troops trooper troopers police policeman policemen policewoman officer officers security "
        "servicemen serviceman servicemembers servicewomen army military guard guards gendarme gendarmes "
        "gendarmerie marine marines commando commandos peacekeeper peacekeepers cop cops personnel sailor sailors "
        "airmen conscript conscripts recruits sergeant colonel general captain lieutenant constable constables "
        "paratroopers jawans legionnaires")),
    ("militants", _lex(
        "militant militants rebel rebels gunman gunmen insurgent insurgents fighter fighters jihadist jihadists "
        "terrorist terrorists extremist extremists attacker attackers assailant assailants separatist separatists "
        "guerrilla guerrillas combatant combatants bandit bandits islamists militiamen militia militias bomber "
        "bombers kidnappers pirates taliban")),
    ("civilians", _lex(
        "civilian civilians child children resident residents villager villagers passenger "
        "passengers worshipper worshippers worshipers student students pupil pupils schoolchildren farmer farmers "
        "worker workers bystander bystanders pedestrian pedestrians shopper shoppers motorist motorists tourist "
        "tourists migrant migrants refugee refugees family families journalist journalists reporter reporters "
        "patient patients doctor doctors nurse nurses teacher teachers miner miners fishermen infant infants baby "
        "babies minors kids toddler toddlers elderly pilgrims mourners "
        "guests customers spectators fans commuters traders herders volunteers driver drivers motorcyclist "
        "motorcyclists cyclists pensioners parishioners congregants diners schoolgirls schoolboys firefighters "
        "climbers missionaries professor professors shepherds herdsmen")),
)  # fmt: skip

_PEOPLE = frozenset().union(*(w for _, w in _GROUP_WORDS)) | _lex(
    "people persons person individuals others victims suspects men man dead injured wounded members officials "
    "nationals citizens inmates prisoners detainees hostages bodies more"
)

_SINGULAR = _lex(
    "man woman boy girl child baby infant toddler teenager teen youth student pupil soldier policeman policewoman "
    "officer trooper guard civilian journalist reporter photographer driver passenger resident villager farmer "
    "worker pedestrian cyclist motorcyclist motorist general colonel commander captain lieutenant sergeant militant "
    "rebel gunman insurgent fighter attacker assailant suspect person individual victim official teacher doctor "
    "nurse priest imam pastor cleric monk trader shopkeeper businessman businesswoman pilot mother father son "
    "daughter wife husband brother sister grandmother grandfather elder chief leader mayor governor lawmaker "
    "politician activist protester demonstrator bystander tourist migrant refugee prisoner inmate detainee miner "
    "fisherman herder employee citizen constable peacekeeper marine commando jihadist terrorist bomber member "
    "spokesman judge lawyer prosecutor engineer contractor volunteer minister councillor councilor chairman "
    "pensioner patient worshipper pilgrim robber burglar thief intruder shooter carjacker homeowner neighbor "
    "neighbour friend relative cousin nephew niece uncle aunt grandson granddaughter boyfriend girlfriend roommate "
    "customer clerk cashier deputy agent veteran landowner conscript colleague sailor airman shepherd herdsman "
    "boxer athlete rapper singer male female he she"
)

_AGE_APPOSITION = re.compile(
    r",\s*(?:aged\s+)?\d{1,3}\s*,|\s*\(\d{1,3}\)|\s+in (?:his|her|their) (?:early |mid-?|late )?(?:\d0s|teens|twenties"
    r"|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b|"
    r"(?:,\s*)?\s+of \d{1,3} years(?: of age| old)?\b,?",
    re.I,
)

_NUMBER_WORDS = _lex(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred dozen dozens hundreds "
    "thousands several some many scores no"
)

_PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent")

_NP_LEAD = re.compile(r"['’\"”]?\s*(?:(?:of|among)\s+(?:the\s+|them\b|whom\b|those\s+)?)?")


@dataclass(frozen=True, slots=True)
class _NP:
    text: str | None
    end: int
    back: bool  # "of them", "others": refers to earlier victims


def _np_word(w: str) -> bool:
    return w[0].isalnum() or w == "-"


def _noun_phrase(s: str, pos: int, ts: set[int]) -> _NP:
    """The victim noun phrase after a figure ("Tajik security officers")."""
    lead = _NP_LEAD.match(s, pos)
    end = pos if lead is None else lead.end()
    back = lead is not None and ("them" in lead.group() or "whom" in lead.group())
    toks = _tokens(s, end, end + 80)
    kept: list[re.Match[str]] = []
    for k, m in enumerate(toks[:6]):
        w = m.group().lower()
        nxt = toks[k + 1].group().lower() if k + 1 < len(toks) else ""
        if m.start() in ts or not w[0].isalpha() or w == "of":
            break
        joins = w in ("and", "or") and kept and nxt[:1].isalpha() and nxt not in _NP_STOP | _DETERMINERS | _NUMBER_WORDS
        after = toks[k + 2].group().lower() if k + 2 < len(toks) else ""
        joins = joins and after not in _DETERMINERS  # "killed three farmers and stole their cattle": a verb joins
        if w in _NP_STOP and not (joins and (k + 1 >= len(toks) or toks[k + 1].start() not in ts)):
            break
        if w.endswith(("ed", "ing")) and w not in _PEOPLE and (not nxt[:1].isalpha() or nxt in _NP_STOP):
            break
        kept.append(m)
    if not kept:
        return _NP(None, end, back)
    back = back or kept[-1].group().lower() in ("others", "more")
    return _NP(s[kept[0].start() : kept[-1].end()], kept[-1].end(), back)


def _single_np(toks: list[re.Match[str]], k: int) -> tuple[int, int] | None:
    """Span of a determiner-led singular noun phrase ending at token k ("a 25-year-old man")."""
    first = k
    while first > 0 and k - first < 6:
        w = toks[first - 1].group().lower()
        if not _np_word(w) or w in _NP_STOP or w in _BLOCK:
            break
        first -= 1
        if w in _DETERMINERS:
            break
    if toks[k].group().lower() in ("him", "her"):
        return toks[k].start(), toks[k].end()  # "beat him to death"
    if toks[k].group().lower() not in ("he", "she") and toks[first].group().lower() not in _DETERMINERS:
        return None
    return toks[first].start(), toks[k].end()


def _person_head(toks: list[re.Match[str]], k: int) -> bool:
    """A singular noun that names a person: "man", "taxi operator", "a 16-year-old", "his ex-wife"."""
    w = toks[k].group().lower()
    if w in _SINGULAR or w.endswith("-old"):
        return True
    if w.startswith(("ex-", "step-", "step")) and w.split("-", 1)[-1].removeprefix("step") in _SINGULAR:
        return True  # "his ex-wife", "her stepson", "a step-daughter"
    return len(w) > 4 and w.endswith(_PERSON_SUFFIXES) and any("year-old" in m.group() for m in toks[max(0, k - 3) : k])


def _victim_group(victim: str | None) -> VictimGroup:
    words = set(_words(victim or ""))
    for group, lexicon in _GROUP_WORDS:
        if words & lexicon:
            return group
    return "unspecified"
