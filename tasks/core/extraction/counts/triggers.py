"""Trigger words: the verb or noun that makes a sentence a claim about people, and its kind.

`_TRIGGER_TABLE` rows are (kind, flags, pattern); flags: "o" takes an active object ("killing 12
soldiers"), "l" takes a linked figure ("the toll rose to 40"), "s" may have an implied single
subject ("the general died"). One regex holds every pattern; the first row that matches at a
position wins, so longer phrases ("shot dead") come before their parts.
"A double homicide" / "triple murder" / "quadruple slaying" counts 2 / 3 / 4 dead. "A bullet struck him", "one of
the shots hit the clerk": the bullet's object was hit (injured); so was one gunfire is "striking" or "hitting" in a
part of the body ("firing twice and striking her in the arm"; not "a van swerved, hitting a jogger in the leg"), and
one who was "pistol-whipped" (struck with a gun). "Summarily shot" is an execution; two misspellings common in
field notes are read as meant ("killling", "causalities").
Not triggers: a noun trigger that is the subject of a verb trigger ("3 hostages were killed"), the
released ("rescued 21 hostages"), "sentenced ... to death", the verb "lives" ("who lives in ..."), a
capitalised trigger inside a name ("the Dead Sea").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tasks.core.extraction.counts.words import _BE, _filler, _lex, _tokens, _words
from tasks.core.extraction.model import CountKind
from tasks.core.extraction.numbers import parse_quantity

# (kind, flags, pattern); flags: "o" takes an active object, "l" takes a linked figure
# ("toll rose to 40"), "s" may have an implied single subject ("the general died").
_TRIGGER_TABLE: tuple[tuple[CountKind, str, str], ...] = (
    ("casualties", "l", r"(?:killed|dead) (?:or|and) (?:injured|wounded|maimed)|casualt(?:y|ies)|causalit(?:y|ies)"
                        r"|(?:enemy|personnel|combat) losses"),
    ("killed", "l", r"death tolls?|tolls?(?! (?:booths?|gates?|plazas?|roads?|stations?|fees?|charges?|collectors?"
                    r"|bridges?|highways?)\b)"),
    ("killed", "o", r"(?:claimed|cost|took) the li(?:ves|fe) of|(?:deaths?|murders?) of"
                    r"|(?:fatal|deadly) (?:shooting|stabbing)s? of|(?:shooting|stabbing) deaths? of|homicides? of"
                    r"|killings? of|bod(?:y|ies) of|(?:slit|cut|slashed) the throats? of"),
    ("killed", "s", r"(?:took|take|taking|takes) (?:his|her|their) (?:own )?li(?:fe|ves)"),
    ("killed", "o", r"turn(?:ed|ing|s)? (?:the|a|his|her) (?:gun|weapon|rifle|pistol|handgun|shotgun) on"
                    r"(?= (?:himself|herself)\b(?!,? (?:and )?(?:shooting|wounding) (?:himself|herself)))"),
    # a shooter's suicide (not when his wound is told, "turned the rifle on himself, wounding himself": he may live)
    ("killed", "os", r"shot and killed|shot dead|gunned down|found (?:dead|deceased)|found shot dead"
                     r"|pronounced (?:dead|deceased)"),
    ("killed", "", r"(?:double|triple|quadruple)[- ](?:homicides?|murders?|slayings?|killings?|fatal shootings?)"),
    ("killed", "os", r"(?:found )?(?:shot|stabbed|hacked|beaten|burned|burnt|bludgeoned|crushed|trampled|stoned"
                     r"|tortured|lynched|strangled|hanged) to death"),
    ("killed", "os", r"(?<!scared )(?<!frightened )(?<!bored )(?<!worried )(?<!sentenced )(?<!condemned )to death"),
    ("killed", "", r"fatally(?=\s*[,.;)]|\s+and\b|$)"),  # "three were shot, one fatally"
    ("killed", "os", r"fatally (?:shot|stabbed|wounded|injured|hit|struck|beaten|shooting|stabbing|wounding|injuring"
                     r"|assaulted|attacked|burned|hacked)"),
    ("killed", "s", r"succumbed to (?:(?:his|her|their|the) )?(?:injuries|wounds)"
                    r"|lost (?:their|his|her) li(?:ves|fe)|passed away"),
    ("killed", "", r"body (?:was|has been|had been) (?:found|discovered|recovered|pulled|located)"),
    ("killed", "os", r"(?<!to )(?<!will )(?<!would )(?<!could )(?<!may )(?<!might )(?<!not )kill"),
    ("injured", "os", r"(?<!to )(?<!will )(?<!would )(?<!could )(?<!may )(?<!might )(?<!not )(?:injure|wound)"),
    ("killed", "os", r"summarily (?:shot|executed)|kil{3}(?:ed|ing)"),  # "killling": a note's typo
    ("killed", "os", r"killed|killing|kills|murdered|murdering|massacred|executed|assassinated|assassinates?"
                     r"|assassinating|slain|martyred|lynched|beheaded|beheading|decapitated|decapitating"
                     r"|neutrali[sz]ed|neutrali[sz]ing"),
    ("killed", "ls", r"dead|died|dies|die|deaths?|fatalit(?:y|ies)|perished|drowned|bodies|lives"),
    ("killed", "os", r"shot and died|found (?:unresponsive|unconscious) (?:and|with) (?:a )?gunshot wounds?"),
    ("injured", "s", r"(?:in|listed in|remains in|remained in|was in|is in) (?:an? )?(?:critical|serious|grave|stable"
                     r"|fair|good|satisfactory|unknown|unspecified|life-threatening|non-life-threatening)"
                     r"(?: but stable| and stable)? conditions?"
                     r"|(?:suffered|sustained|received) (?:an? |multiple |several |two |three )?(?:minor |serious "
                     r"|critical |(?:non[- ]?)?life[- ]threatening |apparent |single )?(?:gunshot|bullet|graze|stab)"
                     r" (?:wounds?|injur(?:y|ies))|(?:suffered|sustained|received) (?:an? )?(?:non[- ]?)?life[- ]"
                     r"threatening (?:injur(?:y|ies)|wounds?)|(?:non[- ]?)?life[- ]threatening (?:injur(?:y|ies)"
                     r"|wounds?)|survived"
                     r"|(?:gunshot|bullet) (?:wounds?|injur(?:y|ies))"
                     r"|(?:expected|likely) to (?:survive|recover)|(?:is|was) recovering"),
    ("injured", "os", r"shot(?! (?:into|through|up|out|over|toward|towards|down|back|in the air|and killed|dead)\b)"
                      r"|(?:struck|hit) by (?:a |an |the |stray |errant )*(?:bullets?|gunfire|rounds?|shots?|pellets?)"
                      r"|grazed"),
    ("injured", "o", r"(?:(?<=shot )|(?<=shots )|(?<=bullet )|(?<=bullets )|(?<=round )|(?<=rounds )|(?<=shrapnel )"
                     r"|(?<=gunfire )|(?<=pellet )|(?<=pellets ))(?:struck|hit)"),  # "a bullet struck him in the hip"
    ("injured", "s", r"(?:taken|rushed|admitted|airlifted|transported) to (?:an? |the )?(?:local |nearby |area )?"
                     r"hospitals?"
                     r"|treated (?:in|at) (?:a |the )?(?:hospital|scene)|treated for"
                     r"|(?:sent|sends|sending) (?:(?:at least|about) )?(?:one|two|three|four|five|six|seven|eight"
                     r"|nine|ten|\d{1,3}|an?|the|his|her) (?:[\w'’-]+ ){0,3}?to (?:an? |the )?(?:local |nearby |area )?"
                     r"hospitals?"
                     r"|(?:receiving|received|needed|required) treatment"),
    ("injured", "os", r"pistol[- ]?whip(?:ped|ping|s)?"),  # struck with a gun: hurt, not shot
    ("injured", "o", r"(?:striking|hitting|(?<!fatally )shooting)(?= (?:(?:him|her|them|one|two|three|both|each"
                     r"|himself|herself)|(?:the|a|an|his|her|their)"
                     r"(?: [\w'’-]+){1,2}?) (?:in|on) (?:the|his|her|their|both) (?:(?:left|right|upper|lower) )?"
                     r"(?:legs?|arms?|hands?|feet|foot|chest|back|head|face|neck|shoulders?|stomach|abdomen|torso|hips?"
                     r"|thighs?|knees?|buttocks?|sides?|groin|ankles?|elbows?|wrists?|jaw|eyes?|body|calf|shin|fingers?))"),
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

_NAMED = {"killed", "injured", "arrested", "kidnapped"}  # kinds a bare name can be the subject of

_NOUN_TRIGGERS = _lex("hostages hostage detainees bodies")

_RELEASED = re.compile(
    r"\b(?:rescued|freed|released|release of|rescue of|freeing|swap of|exchange of)\s+(?:\S+\s+){0,2}$", re.I
)

_SENTENCED = re.compile(r"\b(?:sentenced|condemned)\b[^.;]{0,40}(?:\bto\s+)?$", re.I)


@dataclass(frozen=True, slots=True)
class _Trig:
    kind: CountKind
    flags: str
    text: str
    start: int
    end: int


def _passive(s: str, t: _Trig) -> bool:
    for m in reversed(_tokens(s, t.start - 40, t.start)):
        w = m.group().lower()
        if w in _BE:
            return True
        if not _filler(w):
            return False
    return False


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


_GUNFIRE_BEFORE = re.compile(r"\b(?:fir(?:e|ed|es|ing)|shots?|shooting|gun\w*|bullets?|rounds?|pistol|rifle)\b", re.I)

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
        if t.text.lower() in ("death", "to death") and _SENTENCED.search(s, max(0, t.start - 60), t.start):
            continue  # "sentenced six men to death"
        if t.text.lower() == "lives" and not _LIVES_LOST.search(s, max(0, t.start - 40), min(len(s), t.end + 20)):
            continue  # the verb: "a mother of four who lives in Birmingham"
        if t.text.lower() in ("striking", "hitting") and not _GUNFIRE_BEFORE.search(s, max(0, t.start - 100), t.start):
            continue  # "a car swerved, hitting a cyclist in the leg": only gunfire's hits are counted so
        if t.text[0].isupper() and _in_proper_name(s, t):
            continue  # "a Grateful Dead gig", "the Dead Sea"
        trigs.append(t)
    return trigs
