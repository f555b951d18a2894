"""ACLED's codebook per event sentence: what was done, by whom, to whom -> (type, sub-type, actor1, actor2).

The trigger lexicon (`events._RULES`) says what kinds of act a sentence mentions; this module reads the
sentence's first real act (not negated: "no clash was reported", "did not explode"; not hypothetical:
"threatened to attack", "planning an attack") with its actors (`actors.roles`) and applies the codebook's
definitions and precedence:

- A note that opens with ACLED's own sub-type label ("Looting: ...", "Defusal: ...", "Movement of forces:")
  is a strategic development of that sub-type.
- A bomb defused, or one that went off while being planted, is a disrupted weapons use, not an explosion.
- Explosions/Remote violence wins over the rest when a remote weapon did the harm: air or drone strikes,
  shelling, artillery and missiles, suicide bombs, IEDs and landmines, grenades ("the tool creates
  asymmetry by taking away the ability of the target to respond").
- Abduction and sexual violence by anyone armed are violence against civilians.
- A demonstration: when the demonstrators do violence (stones, burning tyres, barricades, vandalism,
  wounding) it is a riot ("Violent demonstration"); when the state kills or wounds peaceful demonstrators it
  is "Excessive force against protesters"; when it disperses, tear-gasses or arrests them, "Protest with
  intervention"; else "Peaceful protest".
- Violence: two organised armed sides (state, rebels, militias, external forces) -> Battles/Armed clash (or
  a change of territory); an organised armed group on unarmed people -> Violence against civilians/Attack;
  a crowd of ordinary people (villagers, youths, a mob) doing violence -> Riots/Mob violence (a communal
  group raiding a camp or village is an identity militia: an attack on civilians). An attack whose attacker
  is not named is ACLED's "Unidentified Armed Group" (a political militia).
- Non-violent acts are strategic developments: arrests; looting and property destruction (nobody hurt);
  territory taken or handed over without a fight; agreements; troop and group movements, new groups,
  curfews ("Change to group/activity"); displacement and threats ("Other").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tasks.core.extraction.actors import Mention, as_actor, find_actors, roles, unnamed_actor
from tasks.core.extraction.model import Actor, ActorType, Count, Sentence

Key = tuple[str, str]
_B, _E, _V = "Battles", "Explosions/Remote violence", "Violence against civilians"
_P, _R, _S = "Protests", "Riots", "Strategic developments"


@dataclass(frozen=True, slots=True)
class Decision:
    key: Key
    actor1: Actor | None
    actor2: Actor | None
    protest_related: bool  # a demonstration sentence (folded with the document's other protest sentences)


def _rx(pattern: str) -> str:
    return pattern


# fmt: off
_ACTS: tuple[tuple[str, str], ...] = (
    ("defuse", _rx(r"defus(?:ed|al|ing|e)|deactivated|did not (?:explode|detonate|go off)|failed to (?:explode|"
                   r"detonate|go off)|unexploded|(?:found|discovered|recovered|unearthed|seized) (?:\w+ ){0,3}"
                   r"(?:landmines?|mines|ieds?|explosive devices?|explosives|bombs?|grenades)|"
                   r"(?:accidentally|prematurely) (?:went off|exploded|detonated)|"
                   r"(?:went off|exploded) (?:while|as) (?:it was being |they were )?(?:planted|planting|handled|"
                   r"assembled)|being planted|intercepted (?:\w+ )?(?:drones?|missiles?|rockets?)|"
                   r"shot down (?:\w+ )?drones?|seized (?:\w+ )?(?:weapons|arms|explosives|ammunition)")),
    ("abduct", _rx(r"kidnap(?:ped|ping|pings|s)?|abduct(?:ed|ion|ions|s|ing)?|taken hostage|held hostage|"
                   r"took (?:\w+ ){0,4}(?:as )?hostages?|forcibly disappeared|forced disappearance|ransom(?:ed)?")),
    ("sexual", _rx(r"rap(?:e|ed|es|ing)|gang-?raped?|sexual(?:ly)? (?:violence|assault(?:ed)?|abuse[d]?)|"
                   r"stripped (?:\w+ )?naked")),
    ("regain", _rx(r"re-?took|re-?captured?|retake|regain(?:ed)?(?: control)?|liberated|dislodg(?:ed|es?)|"
                   r"dismantled|pushed back|drove (?:\w+ )?out|flushed out|expelled|"
                   r"recovered (?:the )?"
                   r"(?:town|city|village|area|zone|district|base)|clear(?:ed|s)? (?:\w+ ){0,4}of (?:militants|rebels|"
                   r"insurgents|jihadists|boko haram|al[- ]shabaa?b|fighters)")),
    ("take", _rx(r"(?:took|taken|take|seized|seize|gained|assumed) (?:full |total )?control|overr[au]n|"
                 r"took over|taken over|captured (?:the )?(?:town|city|village|district|base|area|province|"
                 r"locality|positions?)|occupied|occupy")),
    ("withdraw", _rx(r"withdr[ae]w(?:n)? from|withdrawal of|pulled out of (?:the )?(?:town|city|village|area|"
                     r"region|base|positions?|country|district)|retreated|abandoned (?:their |its )?positions|"
                     r"handed over (?:control|the (?:town|city|base|barracks|area))|without (?:a )?fight(?:ing)?|"
                     r"fled without")),
    ("clash", _rx(r"clash(?:ed|es)?|exchanged? (?:of )?(?:gun)?fire|exchanges? of (?:gun)?fire|traded fire|"
                  r"gun ?battles?|gun-battles?|fire ?fights?|shoot-?outs?|fought|fighting|fight|skirmish(?:es|ed)?|"
                  r"confrontations?|returned fire|engaged|battled?|repel(?:led|s)?|repulsed|fought off|"
                  r"violence between")),
    ("riot", _rx(r"violent (?:demonstrations?|protests?|protesters|demonstrators)|turned violent|"
                 r"barricad(?:ed|es|ing)|burn(?:ing|ed|t) (?:\w+ )?(?:tyres|tires)|blocked (?:\w+ ){0,3}"
                 r"(?:roads?|highway|streets?|traffic)|threw (?:\w+ )?(?:stones|rocks|projectiles|bottles|"
                 r"petrol bombs|molotov)|stone-?pelting|pelted|vandali[sz](?:ed|ing)|ransacked|rampage|"
                 r"riot(?:ed|ing|s)?(?! police| gear| squad| control| units?| officers)")),
    ("attack", _rx(r"attack(?:ed|s|ing)?|ambush(?:ed|es)?|stormed|assault(?:ed|s)?|kill(?:ed|ing)|"
                   r"kills?|murder(?:ed|s)?|shot|shooting|shoot|open(?:s|ed)? fire|assassinates?|"
                   r"firing (?:\w+ ){0,3}(?:at|on|live|shots|bullets|rounds)|fired (?:at|on|shots)|wound(?:ed|ing)|"
                   r"injur(?:ed|ing)|beat(?:en|ing)?|hacked|stabbed|slit|slaughtered|beheaded|decapitated|"
                   r"lynch(?:ed|ing)|burn(?:ed|t) (?:alive|to death)|tortur(?:ed|ing)|flogged|whipped|"
                   r"executed|macheted|mutilated|assassinat(?:ed|ion)|gunned down|massacr(?:ed|e)|"
                   r"molested|manhandled|violence|violent|lynched|stoned|hit|struck|targeted|harass(?:ed|ing)|"
                   r"dead|died|death")),
    ("protest", _rx(r"(?<!lodged a )(?<!formal )(?<!diplomatic )protest(?:ed|s|ing)?|demonstrat(?:ed|ion|ions|ing|e)|"
                    r"(?<!\d )(?<!in )(?<!of )(?<!early )(?<!late )(?<!mid-)march(?:ed|es|ing)?(?!\s+\d)|"
                    r"rall(?:y|ied|ies)|sit-?ins?|(?:(?:went|go|going|are|were) )?on (?:a )?strike|chant(?:ed|ing)|"
                    r"waved (?:\w+ )?placards|strik(?:e|es|ed)|"
                    r"boycott(?:ed|s)?|picket(?:ed|s)?|vigils?|took to the streets|petition(?:ed)?|"
                    r"(?:went|took|poured|came|marched) (?:down )?(?:in|into|to|onto|on) the streets?|"
                    r"gathered (?:in front of|outside|to (?:demand|denounce|protest|express|call))")),
    ("arrest", _rx(r"arrest(?:ed|s|ing)?|charged (?:\w+ ){0,6}(?:with|over)|indicted|detain(?:ed|ing|s)?|"
                   r"apprehended|taken into custody|rounded up|"
                   r"nabbed|captured (?:\w+ ){0,3}(?:suspects?|militants?|fighters|members|men)")),
    ("loot", _rx(r"raid(?:ed|s)?|loot(?:ed|ing|s)?|stole|stolen|steal(?:ing|s)?|robb(?:ed|ery|eries)|rustl(?:ed|ing)|"
                 r"carted away|plunder(?:ed)?|pillag(?:ed|e)|seized (?:\w+ ){0,3}(?:livestock|cattle|animals|"
                 r"motorbikes?|motorcycles?|goods|property|money|cash|phones)|destroy(?:ed|ing)|burn(?:ed|t)|"
                 r"set (?:\w+ )?(?:on fire|ablaze|alight)|torched|razed|damaged|demolished|vandali[sz]ed")),
    ("agree", _rx(r"agreements?|cease-?fires?|truce|peace (?:deal|accord|talks|treaty)|signed|accords?|"
                  r"negotiat(?:ed|ions?)|reconcil(?:ed|iation)")),
    ("base", _rx(r"(?:established|set up|built|opened|installed) (?:\w+ ){0,3}(?:bases?|headquarters|outposts?)")),
    ("move", _rx(r"deploy(?:ed|ment|s)|patroll?(?:ed|ing|s)?|spotted|sighted|seen|reinforc(?:ed|ements)|"
                 r"mobili[sz](?:ed|ation)|set up (?:a |their )?camps?|camp(?:ed|ing)|installed|recruit(?:ed|ing|ment)|"
                 r"creat(?:ed|ion)|formed|established|launched|curfew|state of emergency|martial law|banned|"
                 r"suspended|closed|surrounded|cordoned|search(?:ed)?|operation|security measures|"
                 r"movement|travell?ing|arrived|convoy|defect(?:ed|s)?|surrender(?:ed)?|disbanded|training|trained")),
    ("other", _rx(r"displac(?:ed|ement)|fled|flee(?:ing)?|left (?:their|the) (?:village|homes?|area)|"
                  r"threat(?:ened|ens|s)?|warn(?:ed|ing)|ultimatum|demand(?:ed|s)|preach(?:ed|ing)|imposed|"
                  r"collected|extort(?:ed|ion)|bodies|body|corpses?|found|discovered")),
)
# fmt: on
_ACT_RXS = tuple((name, re.compile(rf"\b(?:{p})\b")) for name, p in _ACTS)
_LABELS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"loot|property destruction|destruction"), "Looting/property destruction"),
    (re.compile(r"land|property|seizure of (?:land|property|goods|livestock|cattle)"), "Looting/property destruction"),
    (re.compile(r"defus|detonat|disrupted|(?:weapons?|arms) seizure|weapons"), "Disrupted weapons use"),
    (re.compile(r"arrest"), "Arrests"),
    (re.compile(r"agreement"), "Agreement"),
    (re.compile(r"headquarters|base established"), "Headquarters or base established"),
    (re.compile(r"transfer of territory"), "Non-violent transfer of territory"),
    (
        re.compile(r"movement|change to|security measure|recruit|training|deploy|armed group|new group"),
        "Change to group/activity",
    ),
    (re.compile(r"displacement|non-violent|other|threat|presence|sighting"), "Other"),
)
_LABEL = re.compile(r"^\s*([A-Za-z][A-Za-z /&-]{2,40}):\s")
_NEGATION = re.compile(r"\b(?:no|not|without|never|nor|neither|none|didn't|did not|failed to)\b[^,.;]{0,25}$")
_NEGATED_AFTER = re.compile(
    r"^[^,.;]{0,15}\b(?:(?:was|were|has been|have been) (?:not|never) reported|"
    r"did not (?:explode|detonate|go off|occur|happen))"
)
_HYPOTHETICAL = re.compile(
    r"\b(?:threat(?:en|ened|ens)? to|vow(?:ed|s)? to|plan(?:ned|ning|s)? (?:to|an?|further)|planning|"
    r"on pain of|would|could|might|(?<!\d )may(?! \d)|intend(?:ed|s)? to|prepar(?:ed|ing) to|"
    r"fear(?:s|ed)? (?:of )?(?:an? )?|"
    r"risk of|warn(?:ed|s|ing)? (?:of|that)|call(?:ed|s)? for|to prevent|in order to|avoid(?:ed)?|"
    r"accused of|suspected of|over (?:the|an?) (?:earlier|previous)|following (?:the|an?)|after (?:the|an?)|"
    r"in the wake of|in retaliation for|in response to)\b[^,.;]{0,30}$"
)
_REMOTE = {
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Suicide bomb",
    "Remote explosive/landmine/IED",
    "Grenade",
    "Chemical weapon",
}
_ARMED_TYPES = {"state_forces", "rebels", "political_militia", "identity_militia", "external_forces"}
_LETHAL = re.compile(
    r"\b(?:live (?:ammunition|rounds|bullets|fire)|kill(?:ed|ing)|shot|shooting|"
    r"open(?:s|ed)? fire|fir(?:ed|ing) (?:at|on)|"
    r"(?:were|was) (?:killed|shot|wounded|injured)|died|dead|wounded|injur(?:ed|ing))\b"
)
_INTERVENE = re.compile(
    r"\b(?:dispers(?:ed|e|ing|al)|tear ?gas|teargas|water cannons?|rubber bullets|intervened|"
    r"broke up|break up|arrested|detained|cleared|stun grenades|batons?|baton-charged|"
    r"pepper spray|chased|repressed|prevented|blocked them|cracked down)\b"
)
_STATE_SIDE = {"state_forces", "external_forces"}
_DEMO_FORM = re.compile(r"violent|turned|barricad|burn|blocked|riot|rampage")
_STATE_MEASURE = re.compile(r"\b(?:curfews?|state of emergency|martial law|banned|ban on|prohibited|decree)\b")
_FORCED = re.compile(r"seized|seize|overr[au]n|captured|stormed")
_SUSPECT = re.compile(
    r"\b(?:thie(?:f|ves)|robbers?|burglars?|suspect(?:ed|s)?|accused|alleged|caught|stealing|"
    r"stole|theft)\b"
)
_FATAL = re.compile(r"\b(?:killed|dead|deaths?|died|killing|fatalit(?:y|ies))\b")
_WEAPONS = re.compile(
    r"\b(?:guns?|rifles?|fire ?arms?|ak-?47s?|weapons|armed|shots?|gunshots?|gunfire|bullets?|"
    r"machetes?|cutlass(?:es)?|bows?|arrows?|spears?)\b"
)
_COMMUNAL = re.compile(r"\b(?:inter-?communal|communal|inter-?ethnic|ethnic|tribal|clan|inter-?clan)\b")
_VICTIMS: dict[str, ActorType] = {
    "civilians": "civilians",
    "security_forces": "state_forces",
    "militants": "political_militia",
    "protesters": "protesters",
}


def label_sub_type(text: str) -> str | None:
    """The strategic-development sub-type of a note that opens with ACLED's label ("Looting: On 2 May ...")."""
    match = _LABEL.match(text)
    if match is None:
        return None
    label = match.group(1).lower()
    return next((sub for pattern, sub in _LABELS if pattern.search(label)), None)


def decide(
    text: str,
    low: str,
    sentence: Sentence,
    remote: str | None,
    counts: list[Count],
    doc_protest: bool,
    demonym: Callable[[str], str | None] | None = None,
    found: Sequence[tuple[str, int, int]] | None = None,
) -> Decision | None:
    """The codebook's (type, sub-type) and actors for one sentence, or None when it reports no act.

    `remote` is the sentence's explosive sub-type from the lexicon; `doc_protest`: the document reports a
    demonstration."""
    acts = _acts(low, sentence, found)
    if not acts and remote is None:
        return None
    label = _LABEL.match(text) if sentence.char_start == 0 else None  # "Movement of forces:" names nobody
    mentions = find_actors(text, low, label.end() if label else sentence.char_start, sentence.char_end, demonym)
    if (
        _ACCIDENT.search(low, sentence.char_start, sentence.char_end)
        and not any(m.actor_type in _NON_STATE for m in mentions)
        and not any(a[0] in ("riot", "protest", "clash", "abduct", "sexual") for a in acts)
    ):
        return None  # a crash, a flood, a fire: not political violence
    if (
        _SPORT.search(low, sentence.char_start, sentence.char_end)
        and not any(m.kind in ("crowd", "protest") or m.actor_type == "rioters" for m in mentions)
        and not any(a[0] in ("riot", "clash", "protest") for a in acts)
    ):
        return None  # a match won or a share price: no event
    people = any(m.actor_type != "state_forces" for m in mentions)
    victims = [c for c in counts if c.temporal == "current" and c.kind in ("killed", "injured", "casualties")]
    state = bool(mentions)
    acts = [a for a in acts if _plausible_act(a, low, people or bool(victims) or (state and a[0] in _STATE_ACTS))]
    if not acts and remote is None:
        return None
    names = {name for name, _, _ in acts}
    first = acts[0][0] if acts else "attack"
    s = sentence.index

    def actor(m: Mention | None, kind: ActorType | None = None) -> Actor | None:
        return as_actor(m, kind or (m.actor_type if m else None), text, s)

    if "defuse" in names:
        a1, a2 = _pair(text, mentions, acts, "defuse")
        return Decision((_S, "Disrupted weapons use"), actor(a1) or unnamed_actor("state_forces"), actor(a2), False)
    if remote is not None:
        return _remote(text, mentions, acts, remote, victims, s)
    crowd = bool(mentions) and not any(m.actor_type in _NON_STATE for m in mentions)
    protest = (
        "protest" in names
        or any(m.kind == "protest" for m in mentions)
        or any(c.victim_group == "protesters" for c in victims)
        or (doc_protest and crowd and bool(names & {"riot", "clash", "attack", "loot"}))
    )
    if protest:
        return _demonstration(text, low, sentence, mentions, acts, names, victims)
    if first in ("abduct", "sexual"):
        a1, a2 = _pair(text, mentions, acts, first)
        sub = "Abduction/forced disappearance" if first == "abduct" else "Sexual violence"
        return Decision(
            (_V, sub), _armed(a1, s, text, communal=True), actor(a2, "civilians") or unnamed_actor("civilians"), False
        )
    if first in ("regain", "take", "withdraw"):
        return _territory(text, low, mentions, acts, names, s)
    if first == "riot":
        a1, a2 = _pair(text, mentions, acts, "riot")
        start, end = next((a, b) for n, a, b in acts if n == "riot")
        demo = _DEMO_FORM.match(low, start, end) or (a1 is not None and a1.actor_type == "rioters")
        sub = "Violent demonstration" if demo else "Mob violence"
        return Decision((_R, sub), unnamed_actor("rioters"), _side(a2, s, text), False)
    if first in ("clash", "attack"):
        return _violence(text, low, mentions, acts, first, victims, s)
    if first == "arrest":
        a1, a2 = _pair(text, mentions, acts, "arrest")
        police = actor(a1) if a1 is not None and a1.actor_type in _ARMED_TYPES else unnamed_actor("state_forces")
        return Decision((_S, "Arrests"), police, _side(a2, s, text), False)
    if first == "loot":
        a1, a2 = _pair(text, mentions, acts, "loot")
        if a1 is not None and (a1.actor_type == "rioters" or a1.kind in ("crowd", "protest")):
            return Decision((_R, "Mob violence"), unnamed_actor("rioters"), None, False)  # rioters, not an armed group
        return Decision(
            (_S, "Looting/property destruction"),
            _armed(a1, s, text, communal=True),
            actor(a2, "civilians") or unnamed_actor("civilians"),
            False,
        )
    if first == "base":
        a1, _ = _pair(text, mentions, acts, "base")
        return Decision((_S, "Headquarters or base established"), actor(a1), None, False)
    if first == "agree":
        a1, a2 = _pair(text, mentions, acts, "agree")
        return Decision((_S, "Agreement"), actor(a1), actor(a2), False)
    a1, a2 = _pair(text, mentions, acts, first)
    a1 = a1 or next((m for m in mentions if m.actor_type in _ARMED_TYPES), None) or (mentions[0] if mentions else None)
    sub = "Change to group/activity" if first == "move" else "Other"
    side = actor(a1)
    if side is None and _STATE_MEASURE.search(low, sentence.char_start, sentence.char_end):
        side = unnamed_actor("state_forces")  # only a state imposes a curfew or a state of emergency
    return Decision((_S, sub), side, None, False)


def _plausible_act(act: tuple[str, int, int], low: str, people: bool) -> bool:
    """A bare verb that also reads as business or sport news ("shares rallied", "hit a record") is an act only
    when the sentence names people or counts victims."""
    name, start, end = act
    if people:
        return True
    return not (name in ("attack", "protest", "move", "other", "loot") and _AMBIGUOUS.fullmatch(low, start, end))


_AMBIGUOUS = re.compile(
    r"rall(?:ied|ies)|march(?:ed|es|ing)|strik(?:e|es|ed)|hit|struck|targeted|violence|violent|dead|died|death|"
    r"shot|shooting|shoot|injur(?:ed|ing)|wound(?:ed|ing)|launched|formed|established|created|closed|suspended|"
    r"banned|found|discovered|destroy(?:ed|ing)|damaged|burn(?:ed|t)|signed|movement|operation|seen|arrived|"
    r"collected|imposed|demand(?:ed|s)|warn(?:ed|ing)|training|trained|search(?:ed)?|installed|engaged|fight|"
    r"fighting|fought|battled?|beat(?:en|ing)?"
)
_STATE_ACTS = {"move", "other", "loot"}
_ACCIDENT = re.compile(
    r"\b(?:crash(?:ed|es)?|collision|collided|accident|flood(?:s|ing|ed)?|earthquake|landslide|storm|cyclone|"
    r"hurricane|typhoon|derail(?:ed|ment)|drown(?:ed|ing)|capsized|collapsed?|outbreak|epidemic|cholera|"
    r"lightning|wildfire|blaze broke out|fire broke out|electrocuted|heatwave|stampede)\b"
)
_SPORT = re.compile(
    r"\b(?:football|league|tournament|championship|match|goals?|striker|midfielder|quarterly|shares|"
    r"stocks|profits?|earnings)\b"
)
_NON_STATE = {"rebels", "political_militia", "identity_militia"}


def find_acts(low: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """Every act word of `low[start:end]` (a lower-cased text), as (name, start, end) in text order."""
    end = len(low) if end is None else end
    out = [(name, m.start(), m.end()) for name, rx in _ACT_RXS for m in rx.finditer(low, start, end)]
    out.sort(key=lambda a: a[1])
    return out


Act = tuple[str, int, int]  # (act name, start, end)


def _acts(low: str, sentence: Sentence, found: Sequence[Act] | None = None) -> list[Act]:
    """The real acts of a sentence (name, start, end) in codebook order of precedence, then text order."""
    if found is None:
        found = find_acts(low[: sentence.char_end])
    kept = []
    for name, start, end in found:
        if start < sentence.char_start or end > sentence.char_end:
            continue
        clause = low[max(sentence.char_start, start - 60) : start]
        if _NEGATION.search(clause) or _NEGATED_AFTER.search(low, end, sentence.char_end):
            continue
        if _HYPOTHETICAL.search(clause):
            continue
        kept.append((name, start, end))
    kept.sort(key=lambda a: (_TIER[a[0]], a[1]))
    return kept


_TIER = {
    **dict.fromkeys(("defuse", "abduct", "sexual", "regain", "take"), 0),
    **dict.fromkeys(("clash",), 1),
    **dict.fromkeys(("attack", "riot", "protest", "withdraw"), 2),
    **dict.fromkeys(("arrest", "loot"), 3),
    **dict.fromkeys(("agree", "base"), 4),
    "move": 5,
    "other": 6,
}


def _pair(text: str, mentions: list[Mention], acts: list[Act], name: str) -> tuple[Mention | None, ...]:
    _, start, end = next(a for a in acts if a[0] == name)
    return roles(text, mentions, start, end, reciprocal=name == "clash")


def _armed(m: Mention | None, s: int, text: str, *, communal: bool = False) -> Actor:
    """The perpetrator: the named armed actor, a communal group as an identity militia, else an unidentified
    armed group."""
    if m is None:
        return unnamed_actor("political_militia")
    if m.actor_type in _ARMED_TYPES:
        return as_actor(m, m.actor_type, text, s)  # type: ignore[return-value]
    if m.kind == "communal" or (communal and m.kind == "crowd"):
        return as_actor(m, "identity_militia", text, s)  # type: ignore[return-value]
    return as_actor(m, "political_militia", text, s)  # type: ignore[return-value]


def _side(m: Mention | None, s: int, text: str) -> Actor | None:
    return as_actor(m, m.actor_type, text, s) if m is not None else None


def _remote(
    text: str, mentions: list[Mention], acts: list[tuple[str, int, int]], sub: str, victims: list[Count], s: int
) -> Decision:
    attack = next((a for a in acts if a[0] in ("attack", "clash")), None)
    a1, a2 = roles(text, mentions, attack[1], attack[2]) if attack else (None, None)
    if a1 is None and sub == "Air/drone strike":
        perpetrator = unnamed_actor("state_forces")
    elif a1 is not None and a1.actor_type in _ARMED_TYPES:
        perpetrator = as_actor(a1, a1.actor_type, text, s)
    else:
        planted = next((m for m in mentions if re.search(r"\bby\s+(?:\w+\s+){0,2}$", text[: m.char_start])), None)
        perpetrator = _armed(planted, s, text)
    target = a2 if a2 is not None and a2 is not a1 else None
    if target is None:
        target = next((m for m in mentions if m is not a1 and m.actor_type in ("state_forces", "civilians")), None)
    victim = _side(target, s, text)
    if victim is None and victims:
        victim = unnamed_actor(_VICTIMS.get(victims[0].victim_group, "civilians"))
    if perpetrator.text is None and victim is not None and victim.actor_type == "state_forces":
        return Decision((_E, sub), victim, perpetrator, False)  # as ACLED orders a state and an unnamed group
    return Decision((_E, sub), perpetrator, victim, False)


def _demonstration(
    text: str,
    low: str,
    sentence: Sentence,
    mentions: list[Mention],
    acts: list[tuple[str, int, int]],
    names: set[str],
    victims: list[Count],
) -> Decision:
    s = sentence.index
    span = low[sentence.char_start : sentence.char_end]
    state = next((m for m in mentions if m.actor_type == "state_forces"), None)
    crowd_violent = False
    for name, start, end in acts:
        if name in ("riot", "loot"):
            crowd_violent = True
        elif name in ("attack", "clash"):
            a1, a2 = roles(text, mentions, start, end, reciprocal=name == "clash")
            sides = [m for m in (a1, a2) if m is not None]
            if name == "clash":
                crowd_violent = crowd_violent or not sides or any(m.actor_type not in _STATE_SIDE for m in sides)
            elif a1 is not None and a2 is not None and a1.actor_type not in _STATE_SIDE:
                crowd_violent = True  # "the residents wounded two policemen"
    state_force = state is not None and _LETHAL.search(span) is not None and not crowd_violent
    if crowd_violent:
        return Decision((_R, "Violent demonstration"), unnamed_actor("rioters"), _side(state, s, text), True)
    protesters = unnamed_actor("protesters")
    if state_force or (victims and any(c.victim_group == "protesters" for c in victims)):
        return Decision(
            (_P, "Excessive force against protesters"),
            _side(state, s, text) or unnamed_actor("state_forces"),
            protesters,
            True,
        )
    if _INTERVENE.search(span):
        return Decision(
            (_P, "Protest with intervention"), protesters, _side(state, s, text) or unnamed_actor("state_forces"), True
        )
    return Decision((_P, "Peaceful protest"), protesters, None, True)


def _territory(
    text: str, low: str, mentions: list[Mention], acts: list[tuple[str, int, int]], names: set[str], s: int
) -> Decision:
    first = acts[0][0]
    a1, a2 = _pair(text, mentions, acts, first)
    fought = bool(names & {"clash", "attack"}) and "withdraw" not in names
    if first == "regain" or (first == "take" and a1 is not None and a1.actor_type == "state_forces"):
        # the state taking ground back is a battle even when no fight is reported (ACLED's 2016 rows code it so)
        return Decision(
            (_B, "Government regains territory"),
            _side(a1, s, text) or unnamed_actor("state_forces"),
            _side(a2, s, text),
            False,
        )
    seized = any(n == "take" and _FORCED.match(low, a, b) for n, a, b in acts)
    if first == "take" and (fought or seized):
        return Decision((_B, "Non-state actor overtakes territory"), _armed(a1, s, text), _side(a2, s, text), False)
    return Decision((_S, "Non-violent transfer of territory"), _armed(a1, s, text), _side(a2, s, text), False)


def _violence(
    text: str,
    low: str,
    mentions: list[Mention],
    acts: list[tuple[str, int, int]],
    first: str,
    victims: list[Count],
    s: int,
) -> Decision:
    a1, a2 = _pair(text, mentions, acts, first) if acts else (None, None)
    counted = victims[0].victim_group if victims else None
    if victims and (a2 is None or (a2.kind in ("crowd", "person") and counted in ("security_forces", "militants"))):
        a2, a2_type = None, _VICTIMS.get(counted or "")
    else:
        a2_type = a2.actor_type if a2 is not None else None
    if a2 is not None and a2.kind == "official":  # an official attacked is an unarmed civilian
        a2_type = "civilians"
    side2 = as_actor(a2, a2_type, text, s) if a2 is not None else (unnamed_actor(a2_type) if a2_type else None)
    if (
        first == "clash"
        and _COMMUNAL.search(low, a1.char_start if a1 else 0, len(low))
        and (a1 is None or a1.actor_type not in ("state_forces", "rebels", "external_forces"))
    ):
        militia = as_actor(a1, "identity_militia", text, s) if a1 else unnamed_actor("identity_militia")
        other = as_actor(a2, "identity_militia", text, s) if a2 else unnamed_actor("identity_militia")
        return Decision((_B, "Armed clash"), militia, other, False)
    if a1 is None:
        if first == "clash" and not any(m.actor_type in _ARMED_TYPES for m in mentions):
            return Decision((_R, "Mob violence"), unnamed_actor("rioters"), unnamed_actor("rioters"), False)
        if a2_type == "state_forces":  # forces attacked by someone unnamed: ACLED names the state first
            return Decision((_B, "Armed clash"), side2, unnamed_actor("political_militia"), False)
        if a2_type in _ARMED_TYPES:
            return Decision((_B, "Armed clash"), unnamed_actor("political_militia"), side2, False)
        return Decision((_V, "Attack"), unnamed_actor("political_militia"), side2 or unnamed_actor("civilians"), False)
    armed1 = a1.actor_type in _ARMED_TYPES
    if a1.actor_type == "rioters" or (not armed1 and a1.kind == "crowd"):
        if first == "clash" and (a2 is None or a2.kind in ("crowd", "communal", "person")):
            return _communal_clash(text, low, a1, a2, s)
        return Decision((_R, "Mob violence"), unnamed_actor("rioters"), side2 or unnamed_actor("civilians"), False)
    if not armed1 and first == "clash" and a2 is not None and a2.actor_type in _ARMED_TYPES:
        return Decision((_B, "Armed clash"), as_actor(a1, "identity_militia", text, s), side2, False)
    if not armed1 and a1.kind in ("communal", "person"):
        if first == "clash" and (a2 is None or a2.kind in ("communal", "crowd", "person")):
            return _communal_clash(text, low, a1, a2, s)
        reach = min(len(low), a1.char_end + 200)
        raid = _WEAPONS.search(low, a1.char_start, reach) or _FATAL.search(low, a1.char_start, reach)
        if a1.kind == "communal" and raid and not _SUSPECT.search(low, a1.char_end, a1.char_end + 160):
            # an armed or deadly raid by herders or farmers: an identity militia; a beating: mob violence
            return Decision(
                (_V, "Attack"), as_actor(a1, "identity_militia", text, s), side2 or unnamed_actor("civilians"), False
            )
        return Decision((_R, "Mob violence"), unnamed_actor("rioters"), side2 or unnamed_actor("civilians"), False)
    if first == "clash" and a2 is None and a2_type is None:  # "... with militants after gun battles": the other side
        others = [m for m in mentions if m.actor_type in _ARMED_TYPES and m.actor_type != a1.actor_type]
        a2 = min(others, key=lambda m: (m.kind != "force", m.char_start), default=None)
        side2 = _side(a2, s, text)
    if a2_type in _ARMED_TYPES or (first == "clash" and a2_type is None):
        return Decision((_B, "Armed clash"), _side(a1, s, text), side2, False)
    return Decision((_V, "Attack"), _side(a1, s, text), side2 or unnamed_actor("civilians"), False)


def _communal_clash(text: str, low: str, a1: Mention, a2: Mention | None, s: int) -> Decision:
    """Two groups of ordinary people fighting: armed (firearms, machetes) or killing, they are identity militias in
    an armed clash; unarmed and nobody killed, rioters in mob violence."""
    reach = min(len(low), (a2.char_end if a2 else a1.char_end) + 160)
    if _WEAPONS.search(low, a1.char_start, reach) or _FATAL.search(low, a1.char_start, reach):
        militia = as_actor(a1, "identity_militia", text, s)
        other = as_actor(a2, "identity_militia", text, s) if a2 is not None else unnamed_actor("identity_militia")
        return Decision((_B, "Armed clash"), militia, other, False)
    return Decision((_R, "Mob violence"), unnamed_actor("rioters"), unnamed_actor("rioters"), False)
