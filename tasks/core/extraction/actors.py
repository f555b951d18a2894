"""Who acted and on whom: actor mentions typed by ACLED's interaction codes (pure, regex only).

ACLED's codebook sorts every actor into one of eight "inter" codes; here they are words:
state_forces (military, police, gendarmes, government), rebels (organised armed groups fighting the state:
jihadist and insurgent movements, "militants", "rebels"), political_militia (armed groups serving a political
end without aiming to replace the state, and ACLED's default for unidentified gunmen: "Unidentified Armed
Group"), identity_militia (communal, ethnic, clan and vigilante militias; armed herders or farmers raiding a
community), rioters, protesters, civilians, external_forces (peacekeepers, foreign or private forces,
mercenaries).

`find_actors` lists the actor noun phrases of a sentence in text order, each with a type and a *kind* that the
event rules read: a group of ordinary people ("villagers", "youths") is typed civilians, but becomes rioters
when it is the one who did violence (ACLED's mob violence) and a communal group ("farmers", "herders",
"hunters") becomes an identity militia when it raids. `roles` picks actor1 (who acted) and actor2 (on whom)
around the action word: passive "X was kidnapped by Y" gives Y, X; active "Y attacked X" gives Y, X;
"clashes between X and Y" and "X and Y clashed" give X, Y.

Names are written as ACLED writes them when the text allows: "Protesters (India)", "Police Forces of Nigeria",
"Unidentified Armed Group (Mali)", "Military Forces of Benin"; `acled_name` fills the country in. ACLED's
date suffixes ("(2016-)") are not guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from tasks.core.extraction.model import Actor, ActorType

Kind = str  # "force" (organised), "official" (a mayor, a minister: the state when it acts, a civilian when hurt),
# "crowd" (ordinary people, a mob when violent), "communal" (herders, farmers, hunters), "person", "protest"


@dataclass(frozen=True, slots=True)
class Mention:
    actor_type: ActorType
    template: str  # "Police Forces of {c}", "Civilians ({c})", or a fixed group name
    kind: Kind
    char_start: int
    char_end: int
    country: str | None = None  # an ISO code from a demonym next to the noun ("Beninese army")


# (pattern, type, name template, kind); patterns are lower case, tried longest first at each position.
# fmt: off
_LEXICON: tuple[tuple[str, ActorType, str, Kind], ...] = (
    # external forces first: "UN peacekeepers" and "French troops" are not the state's own forces
    (r"(?:un |united nations )?peace-?keep(?:ers?|ing (?:forces?|troops|mission))|blue helmets|minusma|monusco|"
     r"amisom|atmis|unmiss|unisfa|minusca|unamid|barkhane|ecomog|sadc (?:forces|mission|troops)|"
     r"multinational joint task force|mnjtf", "external_forces", "{u}", "force"),
    (r"mercenar(?:y|ies)|private (?:security|military) (?:forces?|contractors?|guards?|company)|wagner(?: group)?|"
     r"contractors?", "external_forces", "Private Security Forces ({c})", "force"),
    # state forces
    (r"police(?:men|man|women|woman| officers?| forces?)?|gendarm(?:es?|erie)|cops?|riot police|"
     r"anti-riot (?:police|units?)|constables?|security (?:forces|agents|officers|personnel|services)|"
     r"law enforcement(?: officers| agents)?|guards?|customs officers?|prison (?:guards|officials)|"
     r"(?:forest|park|game) (?:rangers?|guards?)|eco-?guards?|rangers?(?: unit)?",
     "state_forces", "Police Forces of {c}", "force"),
    (r"soldiers?|troops|army(?: patrol| unit| vehicle| convoy| post| base| position)?|military(?: forces?| "
     r"patrol| convoy| personnel| post| base| position| vehicle)?|armed forces|servicemen|commandos?|marines?|"
     r"paratroopers|naval forces|navy|air force|government forces|pro-government forces|national guard|"
     r"defence forces|defense forces|special forces|elite forces|forces|(?:military |army |police )?(?:positions?|"
     r"bases|barracks|checkpoints?|outposts?|garrisons?|patrols?)",
     "state_forces", "Military Forces of {c}", "force"),
    (r"(?:the )?(?:government (?:forces|troops|soldiers)|government(?! official)(?! area)|authorities|regime|"
     r"ministry of [a-z]+|officers?)", "state_forces",
     "Government of {c}", "force"),
    (r"(?:the )?(?:mayor|governor|prefect|president|prime minister|minister|head of state|district commissioner|"
     r"local authorities|municipal authorities)", "state_forces", "Government of {c}", "official"),
    # rebels: armed movements against the state (named groups as ACLED names them)
    (r"jnim|jama'?at nusrat al-islam wal-muslimin|group for (?:the )?support of islam and muslims",
     "rebels", "JNIM: Group for Support of Islam and Muslims", "force"),
    (r"islamic state(?: in the greater sahara| sahel| west africa(?: province)?)?|isis|isil|iswap|isgs|is sahel|"
     r"daesh|is militants|is fighters", "rebels", "Islamic State", "force"),
    (r"boko haram", "rebels", "Boko Haram", "force"),
    (r"al[- ]shabaa?b", "rebels", "Al Shabaab", "force"),
    (r"taliban", "rebels", "Taliban", "force"),
    (r"al[- ]qaeda|aqim|ansaru|ansar (?:al-)?dine|houthis?|ansar allah|pkk|adf|allied democratic forces|m23|"
     r"fdlr|farc|eln|new people's army|npa|hamas|hezbollah|hizbollah", "rebels", "{u}", "force"),
    (r"(?:suspected |alleged )?(?:jihadists?|insurgents?|rebels?|militants?|guerrillas?|separatists?|"
     r"islamists?|extremists?|terrorists?)(?: group| fighters)?|fighters|rebel (?:group|fighters|forces)|"
     r"armed (?:opposition|rebels)", "rebels", "Rebels ({c})", "force"),
    # political militias: ACLED's default for armed men it cannot name
    (r"(?:an? |the )?(?:(?:unidentified|unknown|suspected|masked|heavily) )?(?:armed (?:groups?|men|individuals|people|"
     r"assailants|bandits|gang|persons)|gunm[ae]n|assailants|attackers|bandits|kidnappers|abductors|pirates|"
     r"unidentified (?:men|individuals|people|persons|group)|unknown (?:men|individuals|people|persons|group))",
     "political_militia", "Unidentified Armed Group ({c})", "force"),
    (r"(?:party |ruling party |opposition )?(?:militias?|militiamen|armed supporters|party (?:youths|militants|"
     r"supporters|thugs)|thugs|cadres)", "political_militia", "Unidentified Armed Group ({c})", "force"),
    # identity militias: communal, ethnic, clan, vigilante
    (r"(?:communal|ethnic|clan|tribal|community|self-defen[cs]e|local) (?:militias?|defen[cs]e groups?|"
     r"vigilantes?)|vigilantes?(?: groups?| militias?)?|dozos?|traditional hunters|koglweogo|"
     r"civilian (?:jtf|joint task force)|cjtf|hisbah", "identity_militia", "Unidentified Communal Militia ({c})",
     "force"),
    # protesters and rioters
    (r"protesters|protestors|demonstrators|marchers|strikers|picketers|activists|campaigners|"
     r"(?:striking|protesting) (?:workers|students|teachers|doctors|nurses|drivers|traders|farmers|miners|"
     r"employees|staff|residents|youths?)", "protesters", "Protesters ({c})", "protest"),
    (r"rioters|(?:an? )?(?:angry |irate |violent )?mobs?|looters", "rioters", "Rioters ({c})", "force"),
    # groups of ordinary people: civilians, a mob when they act violently
    (r"(?:angry |irate |local |some |several |many |a group of |a number of |hundreds of |dozens of |"
     r"thousands of )?(?:(?:thousands|hundreds|dozens|scores)(?! of)|(?:angry|irate|furious|enraged) [a-z]+s\b|"
     r"villagers|residents|inhabitants|youths?|"
     r"young (?:men|people)|locals|crowds?|people|"
     r"population|community members|members of the (?:public|community)|members|motorcyclists|taxi drivers|"
     r"an? group(?! of)|families|relatives|supporters|partisans|fans|gangs?|"
     r"motor-?taxi drivers|traders|merchants|market women|students|pupils|workers|employees|fishermen|"
     r"worshippers|passengers|commuters)", "civilians", "Civilians ({c})", "crowd"),
    (r"(?:fulani |peulh? |nomadic |armed |transhumant )?(?:herders?|herdsm[ae]n|herdm[ae]n|pastoralists?|"
     r"cattle (?:herders|rearers|breeders)|farmers?|hunters)|fulanis?|peulhs?", "civilians", "Civilians ({c})",
     "communal"),
    (r"civilians?(?! casualt| deaths| areas| targets| population| li(?:fe|ves)| infrastructure| homes)|"
     r"(?:an? |the |one |two |three |four |five |several |\d+ )?(?:elderly |young |local |old )?"
     r"(?:man|woman|men|women|boy|girl|child|children|teenager|baby|infant|family|families|villager|resident|"
     r"trader|merchant|shopkeeper|journalist|reporter|teacher|pupil|student|priest|pastor|imam|cleric|chief|"
     r"village (?:chief|head)|traditional ruler|driver|motorcyclist|passenger|worker|farmer|herder|"
     r"pastoralist|businessm[ae]n|businesswom[ae]n|civil servant|politician|councillor|candidate|official|"
     r"person|persons|individual|victim|suspect|thief|robber|nurse|doctor|tourist|migrant|refugee)s?",
     "civilians", "Civilians ({c})", "person"),
)
# fmt: on
_PATTERN = re.compile(
    r"\b(?:" + "|".join(f"(?P<a{i}>{p})" for i, (p, *_) in enumerate(_LEXICON)) + r")\b(?![-'’]\w)",
)
_NAMED = re.compile(  # the lexicon's armed groups named by their own name
    r"\b(?:"
    + "|".join(p for p, kind, template, _ in _LEXICON if "{c}" not in template and kind != "external_forces")
    + r")\b"
)
_DEMONYM = re.compile(r"(?:([A-Z][a-z]+)\s+)?([A-Z][a-zéè]+)\s+$")  # "Kenyan", "South Sudanese", "Burkinabe"
_BY = re.compile(r"^[^.;:]{0,40}?\bby\s+(?:an?\s+|the\s+|some\s+)?$")
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|got|get)\s+(?:\w+ly\s+)?$")


def find_actors(text: str, low: str, start: int, end: int, demonym: object | None = None) -> list[Mention]:
    """Actor noun phrases in `text[start:end]` (`low` is `text` lower-cased, same offsets), in text order.

    `demonym(word) -> ISO code | None` (the gazetteer's) tags "Beninese soldiers" with BJ."""
    out: list[Mention] = []
    for match in _PATTERN.finditer(low, start, end):
        group = match.lastgroup
        if group is None:
            continue
        actor_type, template, kind = _LEXICON[int(group[1:])][1:]
        if template == "{u}":
            template = text[match.start() : match.end()].strip()
        country = None
        if demonym is not None:
            before = _DEMONYM.search(text, max(start, match.start() - 25), match.start())
            if before is not None:  # the two words first: "South Sudanese" soldiers are not Sudan's
                pair = f"{before.group(1)} {before.group(2)}" if before.group(1) else None
                country = (pair and demonym(pair)) or demonym(before.group(2))  # type: ignore[operator]
        if out and match.start() - out[-1].char_end <= 1:  # "Al Shabaab forces", "Fulani pastoralist men"
            out[-1] = replace(out[-1], char_end=match.end())
            continue
        out.append(Mention(actor_type, template, kind, match.start(), match.end(), country))
    return out


def roles(
    text: str, mentions: list[Mention], action_start: int, action_end: int, *, reciprocal: bool = False
) -> tuple[Mention | None, Mention | None]:
    """(actor1, actor2) for the action at [action_start, action_end): who acted, on whom (None if not named).

    `reciprocal` actions ("clashed", "fought") take two sides joined by "and" or "between ... and"."""
    mentions = [m for m in mentions if not _is_source(text, m)]
    before = [m for m in mentions if m.char_end <= action_start and action_start - m.char_end <= _AGENT_FAR]
    reach = _FAR_RECIPROCAL if reciprocal else _FAR
    after = [m for m in mentions if m.char_start >= action_end and m.char_start - action_end <= reach]
    if before and _PARTICIPLE.search(text, max(0, action_start - 3), action_end):
        before = before[:1]  # "Police opened fire on protesters, killing five": the clause's subject killed
    if before and not reciprocal:  # "a group of three herders with machetes killed": the most specific noun
        near = [m for m in before if action_start - m.char_end <= _NEAR]
        if near:
            best = min(near, key=lambda m: (_SPECIFIC[m.kind], -m.char_start))
            before = [m for m in before if m is not best] + [best]
    if _PASSIVE.search(text, max(0, action_start - 20), action_start) or _VICTIM_VERB.fullmatch(
        text.lower(), action_start, action_end
    ):
        agent = next((m for m in after if _BY.search(text[action_end : m.char_start])), None)
        return agent, (before[-1] if before else None)
    if reciprocal:
        for pair in (before[-2:], after[:2]):
            if len(pair) == 2 and _AND.fullmatch(text, pair[0].char_end, pair[1].char_start):
                return pair[0], pair[1]
    if (
        len(after) >= 2
        and after[0].kind in ("crowd", "person")
        and _OF.fullmatch(text, after[0].char_end, after[1].char_start)
    ):
        after = after[1:]  # "arrested 12 suspected members of the ADF": the group is the side
    return (before[-1] if before else None), (after[0] if after else None)


_VICTIM_VERB = re.compile(r"died|dies|dead|deaths?|perished|succumbed|lost (?:their|his|her) li(?:ves|fe)")
_PARTICIPLE = re.compile(r",\s*\w+ing$")
_NEAR = 60
_FAR = 90  # a patient is named soon after the act
_FAR_RECIPROCAL = 200  # "clashes in the area and later in two towns between X and Y"
_AGENT_FAR = 110  # and an agent not long before it
_SOURCE_AFTER = re.compile(
    r"\s*(?:\([^)]{0,30}\)\s*)?,?\s*(?:said|says|told|reported|claimed|stated|announced|confirmed|added)\b"
)
_SOURCE_BEFORE = re.compile(r"\b(?:according to|said|told|quoted|citing)\s+(?:an?\s+|the\s+)?$")


def _is_source(text: str, m: Mention) -> bool:
    """A reporting source ("a local official said", "according to police") is not a side of the event."""
    return bool(
        _SOURCE_AFTER.match(text, m.char_end) or _SOURCE_BEFORE.search(text, max(0, m.char_start - 20), m.char_start)
    )


_SPECIFIC = {"force": 0, "official": 0, "communal": 1, "protest": 2, "crowd": 3, "person": 4}
_OF = re.compile(r"\s+of\s+(?:the\s+)?")
_AND = re.compile(r"\s*(?:,|and|&)\s*(?:[\w'’-]+\s+){0,3}")


def named_group(text: str, low: str, demonym: object | None = None) -> Actor | None:
    """The first armed group the text names by its own name ("Boko Haram", "Al Shabaab", "JNIM"), if any: the
    likely author of an attack whose sentence names no attacker."""
    match = _NAMED.search(low)
    if match is None:
        return None
    mentions = find_actors(text, low, match.start(), match.end(), demonym)
    found = as_actor(mentions[0], mentions[0].actor_type, text, 0) if mentions else None
    return replace(found, sentence_index=None) if found else None


def as_actor(mention: Mention | None, actor_type: ActorType | None, text: str, sentence_index: int) -> Actor | None:
    """The record kept for an actor (its type as the event rules decided, the surface text and span)."""
    if mention is None or actor_type is None:
        return None
    template = mention.template
    if actor_type != mention.actor_type:
        template = _RETYPED.get(actor_type, template)
    return Actor(
        name=template,
        actor_type=actor_type,
        text=text[mention.char_start : mention.char_end],
        country_code=mention.country,
        sentence_index=sentence_index,
        char_start=mention.char_start,
        char_end=mention.char_end,
    )


def unnamed_actor(actor_type: ActorType) -> Actor:
    """An actor the text implies but does not name (an attack with no attacker named: ACLED's unidentified
    armed group)."""
    return Actor(_RETYPED.get(actor_type, "Unidentified Armed Group ({c})"), actor_type, None, None, None, None, None)


_RETYPED: dict[str, str] = {
    "rioters": "Rioters ({c})",
    "protesters": "Protesters ({c})",
    "identity_militia": "Unidentified Communal Militia ({c})",
    "political_militia": "Unidentified Armed Group ({c})",
    "civilians": "Civilians ({c})",
    "state_forces": "Military Forces of {c}",
}


def acled_name(actor: Actor, country: str | None) -> str:
    """ "Protesters ({c})" -> "Protesters (India)"; with no country known: "Protesters"."""
    name = actor.name
    if "{c}" not in name:
        return name
    if country:
        return name.replace("{c}", country)
    return re.sub(r"\s*(?:\(\{c\}\)|of \{c\})", "", name).strip()


def with_country(actor: Actor, code: str | None) -> Actor:
    return actor if actor.country_code or code is None else replace(actor, country_code=code)
