"""Extract numeric claims about people (killed, injured, arrested, ...) from news sentences.

Pure Python + `re`. Sentences without a trigger word are skipped by one compiled regex.

How a trigger finds its figure, in order:
1. active object: "killing 12 soldiers", "arrested 40 people", "shot dead a policeman" (-> 1);
   not when the trigger is passive ("were killed").
2. subject / modifier: "30 militants were killed", "left at least 40 dead", "12 deaths",
   "hundreds of civilian casualties"; subjects joined by "and" ("3 soldiers and 2 civilians were
   killed") and parts in a parenthesis (", including 5 children,") give one Count each.
3. link: "the death toll rose to 40", "Fatalities: 3".
4. implied single victim: "a man was shot dead", "the general died", "he succumbed to his wounds"
   -> 1; `number_start/number_end` then span the noun phrase ("a man"), as for zeros ("no one").
"another 25 injured", "25 others", "12 of them" and a bare figure right after another claim
("2 civilians killed, 5 wounded") take the previous Count's victims in the sentence.
A count is `historical` when its clause (or the clause a relative "in which ..." hangs from)
carries a past-time cue (a year, "last year", "since 2011", "civil war", "the conflict has
killed") and names no current day ("on Tuesday", "today").

`estimate_totals` (best figure per kind for the main current event):
- uses current, uncontested, non-vague counts; vague counts, then contested ones (claim_source
  from opposition, rebels, activists, "the group", unverified) only when nothing better exists;
- a figure's point value is its lower bound, or the upper bound for "up to N";
- restatements are never added: the best is max(largest total, sum over victim groups of each
  group's largest figure), so "at least 40 dead" + 30 militants + 12 officers -> 42;
- 0 only when every claim for the kind is an explicit zero (a zero "casualties" claim counts for
  killed and injured); None when nothing was reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from tasks.core.extraction.model import Count, CountKind, Sentence, VictimGroup
from tasks.core.extraction.numbers import Quantity, find_quantities, parse_quantity


def _lex(words: str) -> frozenset[str]:
    return frozenset(words.split())


# (kind, flags, pattern); flags: "o" takes an active object, "l" takes a linked figure
# ("toll rose to 40"), "s" may have an implied single subject ("the general died").
_TRIGGER_TABLE: tuple[tuple[CountKind, str, str], ...] = (
    ("casualties", "l", r"(?:killed|dead) (?:or|and) (?:injured|wounded|maimed)|casualt(?:y|ies)"
                        r"|(?:enemy|personnel|combat) losses"),
    ("killed", "l", r"death tolls?|tolls?"),
    ("killed", "o", r"(?:claimed|cost|took) the lives of|(?:deaths?|murders?) of"),
    ("killed", "os", r"shot and killed|shot dead|gunned down|found dead|found shot dead|pronounced dead"),
    ("killed", "os", r"(?:shot|stabbed|hacked|beaten|burned|burnt|bludgeoned|crushed|trampled|stoned|tortured"
                     r"|lynched|strangled|hanged) to death"),
    ("killed", "os", r"fatally (?:shot|stabbed|wounded|injured|hit|struck|beaten|shooting|stabbing)"),
    ("killed", "s", r"succumbed to (?:(?:his|her|their|the) )?(?:injuries|wounds)"
                    r"|lost (?:their|his|her) li(?:ves|fe)"),
    ("killed", "os", r"killed|killing|kills|murdered|murdering|massacred|executed|assassinated|slain|martyred"
                     r"|neutrali[sz]ed|neutrali[sz]ing"),
    ("killed", "ls", r"dead|died|dies|die|deaths?|fatalit(?:y|ies)|perished|drowned|bodies|lives"),
    ("injured", "s", r"(?:taken|rushed|admitted|airlifted) to (?:a |the )?(?:local |nearby )?hospitals?"
                     r"|treated (?:in|at) (?:a |the )?(?:hospital|scene)|treated for"
                     r"|(?:receiving|received|needed|required) treatment"),
    ("injured", "os", r"injur(?:ed|ing)|wound(?:ed|ing)|maimed"),
    ("injured", "ls", r"injur(?:ies|y)|hurt|hospitali[sz]ed"),
    ("kidnapped", "s", r"taken hostage|held hostage|taken captive|hostages?|kidnappings|abductions"),
    ("kidnapped", "os", r"kidnap(?:ped|ping)|abduct(?:ed|ing)"),
    ("arrested", "s", r"taken into custody|(?:remanded|held|kept) in custody|in custody|detainees"),
    ("arrested", "os", r"arrest(?:ed|ing)?|detain(?:ed|ing)|apprehended|rounded up|captured|nabbed"
                       r"|(?:(?<=were )|(?<=was )|(?<=been )|(?<=being )|(?<=are ))held"),
    ("arrested", "l", r"arrests"),
    ("missing", "s", r"missing|unaccounted for|disappeared"
                     r"|(?:feared|believed|still|remain|remained) (?:trapped|buried)"),
    ("displaced", "s", r"fled (?:their|his|her) homes?|forced (?:from|out of) their homes|(?:made|left) homeless"
                       r"|homeless|(?:living|sheltering|staying) in (?:relief|displacement|evacuation) (?:camps|centres"
                       r"|centers|sites)"),
    ("displaced", "", r"forced to flee|to flee(?: their homes)?|fled"),
    ("displaced", "o", r"displac(?:ed|ing)|evacuated|uprooted|evacuation of"),
)  # fmt: skip
# One leading \b before the alternation: about 3x faster than a \b in every branch.
_TRIGGER = re.compile(
    r"\b(?:" + "|".join(rf"(?P<g{i}>(?:{p})\b)" for i, (_, _, p) in enumerate(_TRIGGER_TABLE)) + ")", re.I
)

_BE = _lex("was were been being be is are got get remain remains remained")
_ADVERBS = _lex(
    "reportedly also later allegedly subsequently all both since then confirmed feared reported believed now "
    "already initially eventually apparently officially still either each seriously critically badly slightly "
    "severely mortally fatally instantly immediately likely thought said to have has had who whom not being found "
    "among those"
)
_BLOCK = _lex(
    "and but or while whereas when after before because although though if as than until where says say told "
    "that which following amid despite unlike whether against attacked clashed"
)
_NP_STOP = _BE | _lex(
    "have has had will would in on at from near during by with after before for across inside outside into to "
    "as while when since including who whom which that and or but than reportedly also later over under"
)
_LINK_END = _lex(
    "to at of reached reaches hit hits numbered totalled totaled is was were are stood stands exceeded exceeds passed "
    "tops topped surpassed surpasses nears neared :"
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
        "climbers missionaries professor professors")),
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
    "pensioner patient worshipper pilgrim he she"
)
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
    "evening afternoon time"
)
_SRC_CUT = _lex("on in at who which that as after said citing when while told reported late early earlier last this")
_SRC_STOP = (_BLOCK | _ADVERBS | _SRC_CUT) - {"in"}  # "The Health Ministry in Gaza says"
_NAMED = {"killed", "injured", "arrested", "kidnapped"}  # kinds a bare name can be the subject of
_NOUN_TRIGGERS = _lex("hostages hostage detainees bodies")
_RELEASED = re.compile(
    r"\b(?:rescued|freed|released|release of|rescue of|freeing|swap of|exchange of)\s+(?:\S+\s+){0,2}$", re.I
)
_SENTENCED = re.compile(r"\bsentenced\b[^.;]{0,40}\bto\s+$", re.I)
_PRONOUNS = _lex("he she they it we i you who which")
_MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
           r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?")  # fmt: skip
_MONTH_BEFORE = re.compile(_MONTHS + r"\s*$")
_MONTH_AFTER = re.compile(r"\s*(?:of\s+)?" + _MONTHS)
_BAD_BEFORE = re.compile(
    r"(?:[$£€#¥₹]|\b(?:aged|age|ages|no\.|number|page|route|flight|article|section|room|highway|chapter|"
    r"resolution|paragraph|gate|line|channel|phase|stage|size|apartment|block|sector|zone|unit|platform|rs\.?|"
    r"us\$)\s*|\b(?:aged|ages)\s+\d+\s*(?:,|and|to|-)\s*)$",
    re.I,
)
_BAD_AFTER = re.compile(
    r"(?:\s*-?\s*year-old|\s*[-–]?\s*(?:years?|yrs?)[- ]old|[:/.]\d|\s*(?:a\.m\.|p\.m\.|o'clock)"
    r"|\s+[A-Z][a-z]+\s+(?:Street|St\b|Road|Rd\b|Avenue|Ave\b|Boulevard|Lane|Drive))"
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d+(?:[.,]\d+)*|[^\w\s]")
_CURRENT = re.compile(
    r"\b(?:on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|"
    r"\b(?:today|yesterday|tonight|overnight|this (?:morning|afternoon|evening|week))\b|"
    r"\b(?:sentenced|convicted|found guilty|pleaded guilty|jury|jurors|trial|acquitted)\b",  # a court report's crime
    re.I,
)
_SINCE_COMPARE = re.compile(
    r"\b(?:deadliest|worst|biggest|largest|bloodiest|first|highest|most)\b[^,;]{0,40}?\bsince\b[^,;]*", re.I
)
_HARD_PAST = re.compile(
    r"\b(?:in|since|during|by|until|before|of|from|between|ended in)\s+(?:the\s+)?(?:early\s+|late\s+|mid-?)?"
    r"(?:1[89]\d\d|20\d\d)s?\b|\b(?:1[89]|20)\d0s\b|\b(?:1[89]\d\d|20\d\d)\s*[-–]\s*(?:\d\d|\d{4})\b|"
    r"\blast year'?s?\b|\b(?:years|decades|a decade|a year|months)\s+ago\b|\bso far this year\b|"
    r"\bthis year alone\b|\bsince the (?:start|beginning|outbreak)\b|\bsince (?:the )?(?:war|conflict|fighting|"
    r"invasion|uprising|crisis|insurgency|coup)\b|\bsince (?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\b|\bover the (?:past|last)\s+"
    r"(?:\w+\s+)?(?:years|decades|months)\b|\bin (?:the )?(?:past|previous|last) (?:\w+ )?(?:years|decades)\b",
    re.I,
)
_SOFT_PAST = re.compile(
    r"\b(?:civil war|world war|genocide|previous (?:attacks?|clashes|incidents?)|earlier (?:attacks?|clashes)|"
    r"similar (?:attacks?|ambush|incident|bombing|raid|explosion)|earlier this (?:month|year)|last (?:week|month)|"
    r"(?:a|one|two|three|four|few|several|\d+) (?:days?|weeks?|months?) (?:after|before|earlier)|in a previous)\b|"
    r"\b(?:war|conflict|insurgency|uprising|violence|fighting)\s+(?:\w+\s+){0,3}?"
    r"(?:has|have|had)\s+(?:so far\s+|now\s+|since\s+)?(?:killed|left|claimed|displaced|cost)\b",
    re.I,
)
_CLAUSE = re.compile(r"[;:()\[\]]|,\s|\s[-–—]\s|[–—]")
_RELATIVE = re.compile(r"\s*(?:(?:in|during|of|at|by)\s+)?(?:which|whom|who|that|where|when)\b", re.I)
_PAREN = re.compile(
    r",\s*(?:aged|ages|including|among them|among whom|mostly|mainly|most of them|many of them|all of them|"
    r"both|one of them|some of them|of whom)\b[^,;]*,",
    re.I,
)
_AGED = re.compile(r"\baged\s+\d+(?:\s*(?:,|and|to|-)\s*\d+)*", re.I)
_AMONG = re.compile(r"\bamong (?:the|those)\b", re.I)
_TRAIL_PART = re.compile(
    r"(?:\s+(?:on|in|at)\s+\w+(?:\s+\w+)?)?\s*,?\s*(?P<incl>(?:including|among them|among whom|of whom)\s+)?", re.I
)
_AGE_APPOSITION = re.compile(
    r",\s*(?:aged\s+)?\d{1,3}\s*,|\s+in (?:his|her|their) (?:early |mid-?|late )?\d0s\b|"
    r"(?:,\s*)?\s+of \d{1,3} years(?: of age| old)?\b,?",
    re.I,
)
_NONE_OF_HARM = re.compile(r"\s+of (?:the|their|his|her) (?:injuries|wounds|deaths|injured|wounded)\b", re.I)
_NUMBER_WORDS = _lex(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred dozen dozens hundreds "
    "thousands several some many scores no"
)
_LEFT = re.compile(r"\b(?:left|leaving|leaves)\s+$", re.I)
_PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent")
_JOINT = re.compile(r"\s*(?:,|and|,\s*and)\s*")
_NP_LEAD = re.compile(r"['’\"”]?\s*(?:(?:of|among)\s+(?:the\s+|them\b|whom\b|those\s+)?)?")
_OBJ_GAP = re.compile(r"\s*(?:(?:a total of|all|another|the|an additional|a further|of|of the)\s+)?['‘\"“]?", re.I)
_INHERIT_BEFORE = re.compile(r"\b(?:another|a further|an additional)\s*$", re.I)
_NUMBER_OF = re.compile(r"\bnumber of (?:\w+ ){0,2}$", re.I)
_ACCORDING = re.compile(r"\baccording to\s+([^,.;:\"“”()]{2,80})", re.I)
_SAID_AFTER = re.compile(r"[,\"”]\s*(?:said|says|told|reported|added)\s+([^,.;:\"“”()]{2,80})", re.I)
_ATTRIB_VERB = re.compile(
    r"\b(?:said|says|say|told|reported|reporting|reports|claimed|claim|claims|confirmed|announced|stated)\b", re.I
)
_CONTESTED = re.compile(
    r"\b(?:opposition|rebels?|insurgents?|militants?|activists?|group|taliban|unverified|unconfirmed|"
    r"social media|rumou?rs?|jihadists?)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class _Trig:
    kind: CountKind
    flags: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Hit:
    """A figure matched to a trigger; offsets relative to the sentence."""

    trig: _Trig
    low: int | None
    high: int | None
    vague: bool
    qualifier: str | None
    num_start: int
    num_end: int
    victim: str | None
    inherit: bool = False


@dataclass(frozen=True, slots=True)
class _NP:
    text: str | None
    end: int
    back: bool  # "of them", "others": refers to earlier victims


@dataclass(slots=True)
class _Ctx:
    """One sentence being read: its text, triggers, people figures, and figures already used."""

    s: str
    ts: set[int]
    qs: list[Quantity] = field(default_factory=list)
    used: set[int] = field(default_factory=set)
    nps: dict[int, _NP] = field(default_factory=dict)

    def np(self, pos: int) -> _NP:
        if pos not in self.nps:
            self.nps[pos] = _noun_phrase(self.s, pos, self.ts)
        return self.nps[pos]


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _tokens(s: str, start: int, end: int) -> list[re.Match[str]]:
    return list(_WORD.finditer(s, max(0, start), min(len(s), end)))


def _filler(w: str) -> bool:
    """Auxiliaries and adverbs allowed between a subject and its verb ("were later", "lightly")."""
    return w in _ADVERBS or w in _BE or (w.endswith("ly") and len(w) > 4)


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
        if w in _NP_STOP and not (joins and (k + 1 >= len(toks) or toks[k + 1].start() not in ts)):
            break
        if w.endswith(("ed", "ing")) and w not in _PEOPLE and (not nxt[:1].isalpha() or nxt in _NP_STOP):
            break
        kept.append(m)
    if not kept:
        return _NP(None, end, back)
    back = back or kept[-1].group().lower() in ("others", "more")
    return _NP(s[kept[0].start() : kept[-1].end()], kept[-1].end(), back)


def _people_ok(s: str, q: Quantity, victim: str | None) -> bool:
    """False for ages, years, dates, times, money, addresses and counts of things."""
    if q.low is None and q.high is None:
        return False
    if q.end < len(s) and s[q.end].isalnum() or q.start > 0 and (s[q.start - 1].isalnum() or s[q.start - 1] in "-/."):
        return False
    if _BAD_BEFORE.search(s, max(0, q.start - 16), q.start) or _BAD_AFTER.match(s, q.end):
        return False
    if q.low == 0 and q.high == 0:  # not "none of the injuries were life-threatening"
        return not _NONE_OF_HARM.match(s, q.end)
    head = victim.split()[-1].lower() if victim else ""
    if victim and victim.split()[0].lower() in _NON_PERSON:
        return False  # "Five years ago", "3 vehicles carrying soldiers"
    value = q.low if q.low is not None else q.high
    if s[q.start].isdigit() and value is not None:
        if value <= 31 and (_MONTH_BEFORE.search(s, max(0, q.start - 11), q.start) or _MONTH_AFTER.match(s, q.end)):
            return False
        if 1800 <= value <= 2100 and "," not in s[q.start : q.end] and head not in _PEOPLE:
            return False
    return head not in _NON_PERSON


def _passive(s: str, t: _Trig) -> bool:
    for m in reversed(_tokens(s, t.start - 40, t.start)):
        w = m.group().lower()
        if w in _BE:
            return True
        if not _filler(w):
            return False
    return False


def _gap_ok(s: str, start: int, t: _Trig, zero: bool) -> bool:
    """Whether the words between a subject's noun phrase and its trigger keep them in one clause."""
    gap = _AMONG.sub(" among ", _AGED.sub(" ", _PAREN.sub(" ", s[start : t.start])))
    if re.search(r"[,;:()\"“”]", gap):
        return False
    words = _words(gap)
    if len(words) > 8 or any(w in _BLOCK for w in words):
        return False
    trailing = 0
    while words and _filler(words[-1]):
        words.pop()
        trailing += 1
    if not words:
        return True
    if zero:
        return len(words) <= 5
    if t.text.lower().endswith("ing") or ("o" in t.flags and not trailing):
        return False
    return words[0] in _PREPS and len(words) <= 5


def _hit(c: _Ctx, t: _Trig, q: Quantity) -> _Hit:
    np = c.np(q.end)
    victim = np.text
    if q.low == 0 and q.high == 0 and victim and victim.split()[-1].lower() not in _PEOPLE:
        victim = None
    low = q.high if c.s[q.start : q.start + 5].lower() == "from " else q.low  # "rose from 30 to 40"
    inherit = np.back or bool(_INHERIT_BEFORE.search(c.s, max(0, q.start - 16), q.start))
    return _Hit(t, low, q.high, q.vague, q.qualifier, q.start, q.end, victim, inherit)


def _chain(c: _Ctx, t: _Trig, hits: list[_Hit], after: list[Quantity]) -> list[_Hit]:
    """Add figures joined by "and" / "," after the last hit: "killed 3 soldiers and 2 civilians"."""
    for q in after:
        if q.start in c.used or not _JOINT.fullmatch(c.s, c.np(hits[-1].num_end).end, q.start):
            break
        end = c.np(q.end).end
        nxt = min((x for x in c.ts if x >= end), default=-1)
        if nxt >= 0 and all(map(_filler, _words(c.s[end:nxt]))) and _words(c.s[end:nxt]):
            break  # "arrested 457 people and 441 officers were injured": a new clause
        hits.append(_hit(c, t, q))
    return hits


def _single_np(c: _Ctx, toks: list[re.Match[str]], k: int) -> tuple[int, int] | None:
    """Span of a determiner-led singular noun phrase ending at token k ("a 25-year-old man")."""
    first = k
    while first > 0 and k - first < 6:
        w = toks[first - 1].group().lower()
        if not _np_word(w) or w in _NP_STOP or w in _BLOCK:
            break
        first -= 1
        if w in _DETERMINERS:
            break
    if toks[k].group().lower() not in ("he", "she") and toks[first].group().lower() not in _DETERMINERS:
        return None
    return toks[first].start(), toks[k].end()


def _object(c: _Ctx, t: _Trig) -> list[_Hit]:
    gap = _OBJ_GAP.match(c.s, t.end)
    pos = t.end if gap is None else gap.end()
    for k, q in enumerate(c.qs):
        if q.start == pos and q.start not in c.used:
            return _chain(c, t, [_hit(c, t, q)], c.qs[k + 1 :])
    words = _tokens(c.s, t.end, t.end + 60)
    words = words[1:] if words and words[0].group().lower() == "of" else words
    if not words or words[0].group().lower() not in _DETERMINERS - {"one"}:
        return []
    for k in range(1, min(len(words), 7)):
        if _person_head(words, k):
            start = words[0].start()
            return [_Hit(t, 1, 1, False, None, start, words[k].end(), c.s[start : words[k].end()])]
        if not _np_word(words[k].group()) or words[k].group().lower() in _NP_STOP:
            break
    return []


def _subject(c: _Ctx, t: _Trig) -> list[_Hit]:
    s = c.s
    near = [q for q in c.qs if q.end <= t.start and t.start - q.end < 120]
    before = [q for q in near if not any(q.end <= x < t.start for x in c.ts)]
    for k in range(len(before) - 1, max(-1, len(before) - 4), -1):
        q, nearer = before[k], before[k + 1 :]
        parens = [m.span() for m in _PAREN.finditer(s, q.end, t.start)]
        if any(not any(a <= n.start < b for a, b in parens) for n in nearer):
            break
        if q.start in c.used or not _gap_ok(s, c.np(q.end).end, t, q.low == 0 and q.high == 0):
            continue
        hits = [_hit(c, t, q)] + [_hit(c, t, n) for n in nearer if n.start not in c.used]
        for prev in reversed(before[:k]):  # "3 soldiers and 2 civilians were killed"
            if prev.start in c.used or not _JOINT.fullmatch(s, c.np(prev.end).end, hits[0].num_start):
                break
            hits.insert(0, _hit(c, t, prev))
        return hits
    return []


def _linked(c: _Ctx, t: _Trig) -> list[_Hit]:
    """A figure linked to a noun trigger: "the death toll rose to 40", "Fatalities: 3"."""
    for q in c.qs:
        if q.start < t.end or q.start in c.used:
            continue
        words = _words(c.s[t.end : q.start])
        if c.np(q.end).end + 1 in c.ts or q.end + 1 in c.ts:
            return []  # "Casualties stood at 12 dead": the figure has its own trigger
        toll = "toll" in t.text.lower()  # "the death toll from the quake that hit X has risen to 202"
        if (
            len(words) <= (25 if toll else 7)
            and not any(t.end < x < q.start for x in c.ts)
            and not any((w in _BLOCK and not toll) or not (w[0].isalnum() or w in ":.'’") for w in words)
            and (not words or words[-1] in _LINK_END)
        ):
            return [_hit(c, t, q)]
        if not toll or len(words) > 25:
            return []
    return []


def _person_head(toks: list[re.Match[str]], k: int) -> bool:
    """A singular noun that names a person: "man", "taxi operator", "a 16-year-old"."""
    w = toks[k].group().lower()
    if w in _SINGULAR or w.endswith("-old"):
        return True
    return len(w) > 4 and w.endswith(_PERSON_SUFFIXES) and any("year-old" in m.group() for m in toks[max(0, k - 3) : k])


def _single_subject(c: _Ctx, t: _Trig, allowed: bool) -> list[_Hit]:
    """An implied single victim before the trigger: "a man was shot dead", "Nazarov died",
    "left a British tourist seriously injured"."""
    start = max(0, t.start - 80)
    toks = list(_WORD.finditer(_AGE_APPOSITION.sub(lambda m: " " * len(m.group()), c.s[start : t.start])))
    k = len(toks) - 1
    while k >= 0 and _filler(toks[k].group().lower()):
        if toks[k].group().lower() in ("were", "are", "have"):
            return []
        k -= 1
    if k < 0:
        return []
    head = toks[k].group()
    if head.lower() == "another":  # "one died and another was hurt": victims come from the previous claim
        return [_Hit(t, 1, 1, False, None, start + toks[k].start(), start + toks[k].end(), None)]
    if _person_head(toks, k):
        span = _single_np(c, toks, k)
        if span is not None and not allowed and not _LEFT.search(c.s, max(0, start + span[0] - 12), start + span[0]):
            return []
    elif not allowed:
        return []
    elif head[0].isupper() and head.isalpha() and head.lower() not in _PEOPLE | _NOT_NAMES and t.kind in _NAMED:
        first = k
        while first > 0 and (toks[first - 1].group()[0].isupper() or toks[first - 1].group() == "."):
            first -= 1
        first += toks[first].group() == "."
        span = toks[first].start(), toks[k].end()
    else:
        return []
    if span is None:
        return []
    a, b = start + span[0], start + span[1]
    return [_Hit(t, 1, 1, False, None, a, b, c.s[a:b])]


def _parts_after(c: _Ctx, t: _Trig, pos: int) -> list[_Hit]:
    """Parts named after a claim: "killing 12 people, including six women", ", six of them seriously"."""
    m = _TRAIL_PART.match(c.s, pos)
    if m is None:
        return []
    q = next((q for q in c.qs if q.start == m.end() and q.start not in c.used), None)
    if q is not None and (m.group("incl") or c.s.startswith(" of them", q.end) or c.s.startswith(" of whom", q.end)):
        return _chain(c, t, [_hit(c, t, q)], [n for n in c.qs if n.start > q.start])
    words = _tokens(c.s, m.end(), m.end() + 60)
    if m.group("incl") and words and words[0].group().lower() in ("a", "an", "one"):
        for k in range(1, min(len(words), 7)):
            if _person_head(words, k):
                a, b = words[0].start(), words[k].end()
                return [_Hit(t, 1, 1, False, None, a, b, c.s[a:b])]
            if not _np_word(words[k].group()) or words[k].group().lower() in _NP_STOP:
                break
    return []


def _match_trigger(c: _Ctx, t: _Trig) -> list[_Hit]:
    passive = _passive(c.s, t)
    hits = _object(c, t) if "o" in t.flags and not passive else []
    hits = hits or _subject(c, t)
    if not hits and ("l" in t.flags or _NUMBER_OF.search(c.s, max(0, t.start - 40), t.start)):
        hits = _linked(c, t)
    if not hits:
        hits = _single_subject(c, t, passive or ("s" in t.flags and "o" not in t.flags))
    if hits:
        c.used.update(h.num_start for h in hits)
        end = max(t.end, c.np(hits[-1].num_end).end if hits[-1].num_start > t.start else t.end)
        hits += _parts_after(c, t, end)
    return hits


def _temporal(s: str, pos: int) -> str:
    """Whether the clause holding `pos` (or the one a relative clause hangs from) is about the past."""
    bounds = [0] + [m.end() for m in _CLAUSE.finditer(s)] + [len(s) + 1]
    idx = max(k for k in range(len(bounds) - 1) if bounds[k] <= pos)
    while idx >= 0:
        clause = _SINCE_COMPARE.sub(" ", s[bounds[idx] : bounds[idx + 1]])
        if _CURRENT.search(clause):
            return "current"
        if _HARD_PAST.search(clause) or _SOFT_PAST.search(clause):
            return "historical"
        if not _RELATIVE.match(clause) and not (idx == 1 and len(s[: bounds[1]].split()) <= 6):
            return "current"
        idx -= 1  # a relative clause, or a short fronted adverbial ("In 2015, ...")
    return "current"


def _trim_source(text: str, *, cut: bool = True) -> str | None:
    words: list[str] = []
    for w in text.split():
        if cut and w.lower() in _SRC_CUT or len(words) >= 6:
            break
        words.append(w)
    return None if not words or words[0].lower() in _PRONOUNS else " ".join(words)


def _subject_source(s: str, verb: re.Match[str]) -> str | None:
    toks = _tokens(s, verb.start() - 80, verb.start())
    k = len(toks) - 1
    if k >= 0 and toks[k].group().lower() in ("are", "is", "have", "has", "had", "were", "was"):
        if toks[k].group().lower() in ("were", "was", "is", "are") and not verb.group().lower().endswith("ing"):
            return None  # passive: "no casualties were reported"
        k -= 1
    first = k + 1
    while first > 0 and k - first < 5:
        w = toks[first - 1].group()
        if not (w[0].isalpha() or w in ("’", "'")) or w.lower() in _SRC_STOP:
            break
        first -= 1
    return _trim_source(s[toks[first].start() : toks[k].end()], cut=False) if first <= k else None


def _claim_source(s: str) -> str | None:
    """Who the sentence attributes its claims to: "the health ministry", "police", "opposition sources"."""
    for m in _ACCORDING.finditer(s):
        if src := _trim_source(m.group(1)):
            return src
    for m in _ATTRIB_VERB.finditer(s):
        if src := _subject_source(s, m):
            return src
    for m in _SAID_AFTER.finditer(s):
        if src := _trim_source(m.group(1)):
            return src
    return None


def _victim_group(victim: str | None) -> VictimGroup:
    words = set(_words(victim or ""))
    for group, lexicon in _GROUP_WORDS:
        if words & lexicon:
            return group
    return "unspecified"


_LIVES_LOST = re.compile(
    r"\b(?:lost|claimed|claiming|cost|costing|took|taking|saved?|spared)\b.{0,30}\blives\b"
    r"|\blives\s+(?:were|have been|had been)?\s*lost",
    re.I,
)


def _in_proper_name(s: str, t: _Trig) -> bool:
    """A capitalised trigger inside a name: the word before is capitalised (and no number), or the next one is."""
    before = s[: t.start].rstrip().rsplit(None, 1)
    after = s[t.end :].lstrip().split(None, 1)
    prev = before[-1] if before and t.start > 0 and s[: t.start].strip() else ""
    prev_named = prev[:1].isupper() and parse_quantity(prev) is None and not prev.endswith((".", ":", '"', "”"))
    next_named = bool(after) and after[0][:1].isupper() and after[0].rstrip(".,;:") in _NAME_TAILS
    return prev_named or next_named


_NAME_TAILS = frozenset({"Sea", "Man", "Men", "Space", "Zone", "Sea.", "Island", "Poets", "Rising", "Sea,"})


def _triggers(s: str) -> list[_Trig]:
    trigs: list[_Trig] = []
    for m in _TRIGGER.finditer(s):
        kind, flags, _ = _TRIGGER_TABLE[int((m.lastgroup or "g0")[1:])]
        t = _Trig(kind, flags, m.group(), m.start(), m.end())
        if trigs and trigs[-1].text.lower() in _NOUN_TRIGGERS and all(map(_filler, _words(s[trigs[-1].end : t.start]))):
            trigs.pop()  # "3 hostages were killed": the noun belongs to the subject of the verb
        if t.text.lower() in _NOUN_TRIGGERS and _RELEASED.search(s, max(0, t.start - 60), t.start):
            continue  # "rescued 21 hostages", "the release of 43 detainees"
        if t.text.lower() == "death" and _SENTENCED.search(s, max(0, t.start - 60), t.start):
            continue  # "sentenced six men to death"
        if t.text.lower() == "lives" and not _LIVES_LOST.search(s, max(0, t.start - 40), min(len(s), t.end + 20)):
            continue  # the verb: "a mother of four who lives in Birmingham"
        if t.text[0].isupper() and _in_proper_name(s, t):
            continue  # "a Grateful Dead gig", "the Dead Sea"
        trigs.append(t)
    return trigs


def _sentence_hits(s: str, trigs: list[_Trig]) -> list[_Hit]:
    c = _Ctx(s, {t.start for t in trigs})
    c.qs = [q for q in find_quantities(s) if _people_ok(s, q, c.np(q.end).text)]
    hits: list[_Hit] = []
    for t in trigs:
        hits.extend(_match_trigger(c, t))
        c.used.update(h.num_start for h in hits)
    hits.sort(key=lambda h: h.num_start)
    out: list[_Hit] = []
    for h in hits:  # inherit victims: "another 25 injured", "2 civilians killed, 5 wounded"
        prev = out[-1] if out else None
        follows = prev is not None and _JOINT.fullmatch(s, prev.trig.end, h.num_start) is not None
        if prev is not None and (h.inherit and h.victim in (None, "others", "more") or follows and h.victim is None):
            h = replace(h, victim=prev.victim)
        out.append(h)
    return out


def extract_counts(text: str, sentences: Sequence[Sentence]) -> list[Count]:
    """One Count per numeric claim about people; offsets into `text`."""
    out: list[Count] = []
    for sent in sentences:
        s = text[sent.char_start : sent.char_end]
        trigs = _triggers(s)  # the cheap pre-filter: most sentences stop here
        hits = _sentence_hits(s, trigs) if trigs else []
        source = _claim_source(s) if hits else None
        base = sent.char_start
        for h in hits:
            temporal = "historical" if _temporal(s, h.trig.start) == "historical" else "current"
            out.append(Count(
                kind=h.trig.kind, trigger=h.trig.text, value_low=h.low, value_high=h.high, vague=h.vague,
                qualifier=h.qualifier, victim_group=_victim_group(h.victim), victim_text=h.victim,
                temporal=temporal, claim_source=source, sentence_index=sent.index,
                number_start=base + h.num_start, number_end=base + h.num_end,
                trigger_start=base + h.trig.start, trigger_end=base + h.trig.end,
            ))  # fmt: skip
    return out


def _point(c: Count) -> int | None:
    return c.value_low if c.value_low is not None else c.value_high


def _best(counts: Sequence[Count]) -> int | None:
    """max(largest total, sum of each victim group's largest figure); None for no figures."""
    totals = [v for c in counts if c.victim_group == "unspecified" and (v := _point(c)) is not None]
    parts: dict[str, int] = {}
    for c in counts:
        v = _point(c)
        if c.victim_group != "unspecified" and v is not None:
            parts[c.victim_group] = max(parts.get(c.victim_group, 0), v)
    if not totals and not parts:
        return None
    return max(max(totals, default=0), sum(parts.values()))


def estimate_totals(counts: Sequence[Count]) -> dict[str, int | None]:
    """Best estimate per kind ("killed", "injured", "arrested") for the main current event."""
    result: dict[str, int | None] = {}
    current = [c for c in counts if c.temporal == "current"]
    for kind in ("killed", "injured", "arrested"):
        claims = [c for c in current if c.kind == kind]
        zeros = [c for c in current if _point(c) == 0 and (c.kind == kind or c.kind == "casualties" != kind)]
        nonzero = [c for c in claims if _point(c)]
        contested = [c for c in nonzero if c.claim_source and _CONTESTED.search(c.claim_source)]
        firm = [c for c in nonzero if c not in contested]
        best = None
        for pool in ([c for c in firm if not c.vague], firm, [c for c in contested if not c.vague], contested):
            if (best := _best(pool)) is not None:
                break
        result[kind] = best if best is not None else (0 if zeros else None)
    return result
