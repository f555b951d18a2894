"""Extract numeric claims about people (killed, injured, arrested, ...) from news sentences.

Pure Python + `re`. Sentences without a trigger word are skipped by one compiled regex.

How a trigger finds its figure, in order:
1. active object: "killing 12 soldiers", "arrested 40 people", "shot dead a policeman" (-> 1);
   not when the trigger is passive ("were killed").
2. subject / modifier: "30 militants were killed", "left at least 40 dead", "12 deaths",
   "hundreds of civilian casualties"; subjects joined by "and" ("3 soldiers and 2 civilians were
   killed") and parts in a parenthesis (", including 5 children,") give one Count each.
3. link: "the death toll rose to 40", "casualties stood at 12".
4. implied single victim: "a man was shot dead", "the general died", "he succumbed to his wounds"
   -> 1; `number_start/number_end` then span the noun phrase ("a man"), as for zeros ("no one").
"another 25 injured" / "25 others" / "12 of them" inherit the previous Count's victims in the
sentence. A count is `historical` when its clause (or the clause a relative "in which ..." hangs
from) carries a past-time cue (a year, "last year", "since 2011", "civil war", "the conflict has
killed"), unless the clause also names a current day ("on Tuesday", "today").

`estimate_totals` (best figure per kind for the main current event):
- uses current, uncontested, non-vague counts; vague counts, then contested ones (claim_source
  from opposition, rebels, activists, "the group", unverified) are used only when nothing better
  exists;
- a figure's point value is its lower bound, or the upper bound for "up to N";
- restatements are never added: the best is max(largest total, sum over victim groups of each
  group's largest figure), so "at least 40 dead" + 30 militants + 12 officers -> 42;
- 0 only when every claim for the kind is an explicit zero; None when nothing was reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from tasks.core.extraction.model import Count, CountKind, Sentence, VictimGroup
from tasks.core.extraction.numbers import Quantity, find_quantities

# (kind, flags, pattern); flags: "o" takes an active object, "l" takes a linked figure
# ("toll rose to 40"), "s" may have an implied single subject ("the general died").
_TRIGGER_TABLE: tuple[tuple[CountKind, str, str], ...] = (
    ("casualties", "l", r"(?:killed|dead) (?:or|and) (?:injured|wounded)"),
    ("killed", "l", r"death tolls?|tolls?"),
    ("killed", "o", r"(?:claimed|cost|took) the lives of"),
    ("killed", "os", r"shot and killed|shot dead|gunned down|found dead|found shot dead"),
    ("killed", "os", r"(?:shot|stabbed|hacked|beaten|burned|burnt|bludgeoned|crushed|trampled"
                     r"|stoned|tortured|lynched|strangled|hanged) to death"),
    ("killed", "os", r"fatally (?:shot|stabbed|wounded|injured|hit|struck|beaten|shooting|stabbing)"),
    ("killed", "s", r"succumbed to (?:(?:his|her|their|the) )?(?:injuries|wounds)"),
    ("killed", "s", r"lost (?:their|his|her) li(?:ves|fe)"),
    ("killed", "os", r"killed|killing|kills|murdered|massacred|executed|assassinated|slain"),
    ("killed", "ls", r"dead|died|dies|die|deaths?|fatalit(?:y|ies)|perished|drowned|bodies|lives"),
    ("injured", "os", r"injur(?:ed|ing)|wound(?:ed|ing)|maimed"),
    ("injured", "ls", r"injur(?:ies|y)|hurt|hospitali[sz]ed"),
    ("kidnapped", "s", r"taken hostage|held hostage|taken captive|hostages?|kidnappings|abductions"),
    ("kidnapped", "os", r"kidnap(?:ped|ping)|abduct(?:ed|ing)"),
    ("arrested", "s", r"taken into custody|in custody|detainees"),
    ("arrested", "os", r"arrest(?:ed|ing)|detain(?:ed|ing)|apprehended|rounded up|jailed|captured"
                       r"|nabbed|(?:(?<=were )|(?<=was )|(?<=been )|(?<=being )|(?<=are ))held"),
    ("arrested", "l", r"arrests"),
    ("missing", "s", r"missing|unaccounted for|disappeared"),
    ("displaced", "s", r"fled (?:their|his|her) homes?|forced (?:from|out of) their homes"
                       r"|forced to flee|(?:made|left) homeless|homeless|fled"),
    ("displaced", "o", r"displac(?:ed|ing)|evacuated|uprooted"),
)
_TRIGGER = re.compile("|".join(f"(?P<g{i}>\\b(?:{p})\\b)" for i, (_, _, p) in enumerate(_TRIGGER_TABLE)),
                      re.IGNORECASE)

_BE = {"was", "were", "been", "being", "be", "is", "are", "got", "get"}
_ADVERBS = {"reportedly", "also", "later", "allegedly", "subsequently", "all", "both", "since",
            "then", "confirmed", "feared", "reported", "believed", "now", "already", "initially",
            "eventually", "apparently", "officially", "still", "either", "each", "seriously",
            "critically", "badly", "slightly", "severely", "mortally", "fatally", "instantly",
            "immediately", "likely", "thought", "said", "to", "have", "has", "had", "who", "whom",
            "not", "among", "those", "being"}
_BLOCK = {"and", "but", "or", "while", "whereas", "when", "after", "before", "because", "although",
          "though", "if", "as", "than", "until", "where", "says", "say", "told", "that", "which",
          "following", "amid", "despite", "unlike", "whether", "against", "attacked", "clashed"}
_NP_STOP = _BE | {"have", "has", "had", "will", "would", "in", "on", "at", "from", "near", "during",
                  "by", "with", "after", "before", "for", "across", "inside", "outside", "into",
                  "to", "as", "while", "when", "since", "including", "who", "whom", "which", "that",
                  "and", "or", "but", "than", "reportedly", "also", "later", "over", "under"}
_LINK_END = {"to", "at", "of", "reached", "hit", "numbered", "totalled", "totaled", "is", "was",
             "were", "are", "stood", "stands", "exceeded", "surpassed", "topped", "passed", "past"}

_GROUP_WORDS: tuple[tuple[VictimGroup, frozenset[str]], ...] = (
    ("protesters", frozenset("protester protesters protestor protestors demonstrator demonstrators "
                             "marcher marchers rioter rioters activist activists strikers".split())),
    ("security_forces", frozenset(
        "soldier soldiers troops trooper troopers police policeman policemen policewoman officer "
        "officers security servicemen serviceman servicemembers army military guard guards "
        "gendarme gendarmes gendarmerie marine marines commando commandos peacekeeper peacekeepers "
        "cop cops personnel sailor sailors airmen conscript conscripts recruits sergeant colonel "
        "general captain lieutenant constable constables paratroopers jawans legionnaires "
        "servicewomen".split())),
    ("militants", frozenset(
        "militant militants rebel rebels gunman gunmen insurgent insurgents fighter fighters "
        "jihadist jihadists terrorist terrorists extremist extremists attacker attackers assailant "
        "assailants separatist separatists guerrilla guerrillas guerrillas combatant combatants "
        "bandit bandits islamists militiamen militia militias bomber bombers kidnappers pirates "
        "taliban".split())),
    ("civilians", frozenset(
        "civilian civilians child children woman women resident residents villager villagers "
        "passenger passengers worshipper worshippers worshipers student students pupil pupils "
        "schoolchildren farmer farmers worker workers bystander bystanders pedestrian pedestrians "
        "shopper shoppers motorist motorists tourist tourists migrant migrants refugee refugees "
        "family families journalist journalists reporter reporters patient patients doctor doctors "
        "nurse nurses teacher teachers miner miners fishermen infant infants baby babies girl girls "
        "boy boys teenager teenagers minors kids toddler toddlers elderly pilgrims mourners guests "
        "customers spectators fans commuters traders herders volunteers driver drivers "
        "motorcyclist motorcyclists cyclists pensioners parishioners congregants diners "
        "schoolgirls schoolboys".split())),
)
_PEOPLE = frozenset().union(*(w for _, w in _GROUP_WORDS)) | frozenset(
    "people persons person individuals others victims suspects men man dead injured wounded "
    "members officials nationals citizens inmates prisoners detainees hostages bodies "
    "more".split())
_SINGULAR = frozenset(
    "man woman boy girl child baby infant toddler teenager teen youth student pupil soldier "
    "policeman policewoman officer trooper guard civilian journalist reporter photographer driver "
    "passenger resident villager farmer worker pedestrian cyclist motorcyclist motorist general "
    "colonel commander captain lieutenant sergeant militant rebel gunman insurgent fighter "
    "attacker assailant suspect person individual victim official teacher doctor nurse priest "
    "imam pastor cleric monk trader shopkeeper businessman businesswoman pilot mother father son "
    "daughter wife husband brother sister grandmother grandfather elder chief leader mayor "
    "governor lawmaker politician activist protester demonstrator bystander tourist migrant "
    "refugee prisoner inmate detainee miner fisherman herder employee citizen constable "
    "peacekeeper marine commando jihadist terrorist bomber member spokesman judge lawyer "
    "prosecutor engineer contractor volunteer minister councillor councilor chairman pensioner "
    "patient worshipper pilgrim he she".split())
_NON_PERSON = frozenset(
    "year years yr yrs month months week weeks day days hour hours minute minutes second seconds "
    "decade decades century centuries percent per % km kilometres kilometers kilometre kilometer "
    "mile miles metres meters metre meter feet foot yards kg kilograms kilos tonnes tons pounds "
    "dollars euros rupees naira shillings yuan yen roubles rubles am pm gmt utc times rounds "
    "shots rockets missiles mortars shells bombs drones houses homes buildings vehicles cars "
    "trucks buses villages towns cities districts provinces states countries schools hospitals "
    "shops stores acres hectares degrees points goals votes seats floors bullets weapons guns "
    "rifles grenades litres liters barrels cases incidents attacks charges counts cattle cows "
    "sheep goats camels animals companies locations sites places areas tents aircraft planes "
    "helicopters boats ships explosions blasts raids strikes airstrikes operations killings "
    "deaths".split())
_MONTHS = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October"
                     r"|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
_BAD_BEFORE = re.compile(r"(?:[$£€#¥₹]|\b(?:aged|age|ages|no\.|number|page|route|flight|article|"
                         r"section|room|highway|chapter|resolution|paragraph|gate|line|channel|"
                         r"phase|stage|size|apartment|block|sector|zone|unit|platform|rs\.?|us\$)\s*)$",
                         re.IGNORECASE)
_BAD_AFTER = re.compile(r"^(?:\s*-?\s*year-old|\s*[-–]?\s*(?:years?|yrs?)[- ]old|[:/.]\d|\s*(?:a\.m\.|p\.m\.|o'clock)"
                        r"|\s+[A-Z][a-z]+\s+(?:Street|St\b|Road|Rd\b|Avenue|Ave\b|Boulevard|Lane|Drive))")
_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*|[^\w\s]")
_CURRENT = re.compile(r"\b(?:on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|"
                      r"\b(?:today|yesterday|tonight|overnight|this (?:morning|afternoon|evening|week))\b",
                      re.IGNORECASE)
_HARD_PAST = re.compile(
    r"\b(?:in|since|during|by|until|before|of|from|between|ended in)\s+(?:the\s+)?(?:early\s+|late\s+|mid-?)?"
    r"(?:1[89]\d\d|20\d\d)s?\b|\b(?:1[89]|20)\d0s\b|\b(?:1[89]\d\d|20\d\d)\s*[-–]\s*(?:\d\d|\d{4})\b|"
    r"\blast year'?s?\b|\b(?:years|decades|a decade|a year|months)\s+ago\b|\bso far this year\b|"
    r"\bthis year alone\b|\bsince the (?:start|beginning|outbreak)\b|\bover the (?:past|last)\s+"
    r"(?:\w+\s+)?(?:years|decades|months)\b|\bin (?:the )?(?:past|previous|last) (?:\w+ )?"
    r"(?:years|decades)\b", re.IGNORECASE)
_SOFT_PAST = re.compile(
    r"\b(?:civil war|world war|genocide|previous (?:attacks?|clashes|incidents?)|earlier (?:attacks?|"
    r"clashes)|similar attacks?)\b|\b(?:war|conflict|insurgency|uprising|violence|fighting)\s+"
    r"(?:\w+\s+){0,3}?(?:has|have|had)\s+(?:so far\s+|now\s+|since\s+)?(?:killed|left|claimed|displaced|"
    r"cost)\b", re.IGNORECASE)
_CLAUSE = re.compile(r"[;:()\[\]]|,\s|\s[-–—]\s|[–—]")
_RELATIVE = re.compile(r"^\s*(?:(?:in|during|of|at|by)\s+)?(?:which|whom|who|that|where|when)\b",
                       re.IGNORECASE)
_PAREN = re.compile(r",\s*(?:including|among them|among whom|mostly|mainly|most of them|many of "
                    r"them|all of them|both|one of them|some of them|of whom)\b[^,;]*,", re.IGNORECASE)
_ACCORDING = re.compile(r"\baccording to\s+([^,.;:\"“”()]{2,80})", re.IGNORECASE)
_SAID_AFTER = re.compile(r"[,\"”]\s*(?:said|says|told|reported|added)\s+([^,.;:\"“”()]{2,80})",
                         re.IGNORECASE)
_ATTRIB_VERB = re.compile(r"\b(?:said|says|say|told|reported|reporting|reports|claimed|claim|claims|"
                          r"confirmed|announced|stated)\b", re.IGNORECASE)
_SRC_CUT = {"on", "in", "at", "who", "which", "that", "as", "after", "said", "citing", "when",
            "while", "told", "reported", "late", "early", "earlier", "last", "this"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which"}
_CONTESTED = re.compile(r"\b(?:opposition|rebels?|insurgents?|militants?|activists?|group|taliban|"
                        r"unverified|unconfirmed|social media|rumou?rs?|jihadists?)\b", re.IGNORECASE)


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


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]
