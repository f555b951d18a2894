"""ACLED event types per document (pure, regex only): ACLED's codebook per act sentence, a lexicon elsewhere.

A sentence that reports an act is decided by `codebook.decide` (who did what to whom; negation and
hypotheticals; see its docstring); it weighs 1.2, the first such sentence 0.6 more, and the lexicon's strategic
cues of the sentence stay beside it. Other sentences keep the weighted lexicon below. An armed group's attack
that a later sentence shows fought back is a battle; demonstrators who turned violent make the document a riot.

Scoring, per sentence: each (event type, sub-event type) gets the largest weight among its
triggers in that sentence (strong phrases ~1.0, ambiguous words 0.3-0.6). A few context rules
re-route ambiguous cues: "clashes" in a protest sentence are a riot, a bare "attack" on soldiers
or a checkpoint is an armed clash (on anyone else, an attack on civilians), police intervention
cues ("tear gas", "dispersed") count only in documents about a protest. Current casualty counts
add evidence: to the strongest violent type already in the sentence, else by victim group
(militants/security forces -> Armed clash, civilians -> Attack, protesters -> Excessive force);
arrests -> Arrests; kidnappings -> Abduction. Sentences about the past (only historical counts, unless one
is the earlier death a current protest answers; "ended in 1997", "anniversary") weigh 0.3. A type is kept when
one sentence gives it a strong cue (>= 0.8) or two sentences give it 1.0 together, so a lone "explosion" or
"missiles" is not an event.
A document score is the sum over sentences, scaled by a prior (Strategic developments 0.6: context,
rarely the main event); types are ranked by it and confidence = 1 - exp(-score/1.5).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Sequence

from tasks.core.extraction.actors import named_group
from tasks.core.extraction.codebook import Decision, decide, find_acts, label_sub_type
from tasks.core.extraction.model import Actor, Count, EventType, Sentence
from tasks.core.extraction.scan import word_matches, word_pattern

Key = tuple[str, str]
_B, _E, _V = "Battles", "Explosions/Remote violence", "Violence against civilians"
_P, _R, _S, _CUE = "Protests", "Riots", "Strategic developments", "_cue"
_MIN_SCORE = 0.5
_STRONG = 0.8
_PRIOR = {_S: 0.6}
_VIOLENT = (_B, _E, _V, _P, _R)


def _rx(pattern: str) -> re.Pattern[str]:
    """A whole-word lexicon pattern for `word_matches`; patterns run on lower-cased text (faster than
    IGNORECASE), so they hold no upper-case escapes."""
    return word_pattern(rf"(?:{pattern.lower()})\b")


def _lower(text: str) -> str:
    """Lower-case without moving offsets (a few characters, like "İ", grow when lowered)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


# One rule per line group; the layout is kept by hand (ruff would put each argument on its own line).
# fmt: off
_RULES: tuple[tuple[Key, float, re.Pattern[str]], ...] = (
    ((_B, "Armed clash"), 1.0, _rx(
        r"gun ?battles?|gun-battles?|gunfights?|fire ?fights?|shoot-?outs?|armed clash(?:es)?|"
        r"exchanges? of (?:gun)?fire|exchanged (?:gun)?fire|traded fire|heavy fighting|"
        r"(?:attacked|ambushed|stormed) (?:an? |the )?(?:military|army|police|security) "
        r"(?:post|base|checkpoint|convoy|patrol|station|outpost)s?")),
    ((_B, "Armed clash"), 0.6, _rx(
        r"fighting|fought|battl(?:e|es|ed|ing)|ambush(?:ed|es)?|offensive|"
        r"(?:special|military|security|counter-?terror(?:ism)?|counter-?insurgency) operations?")),
    ((_CUE, "armed"), 0.2, _rx(
        r"insurgents?|rebels?|militants?|gunmen|armed (?:group|men)|fighters|jihadists?|militias?")),
    ((_CUE, "clash"), 0.7, _rx(r"clash(?:es|ed)?")),
    ((_CUE, "attack"), 0.5, _rx(r"attack(?:s|ed|ing)?")),
    ((_B, "Government regains territory"), 1.0, _rx(
        r"re-?took|re-?capture[sd]?|retake|regain(?:ed)? control|liberated|recaptur(?:ed|ing)")),
    ((_B, "Non-state actor overtakes territory"), 0.9, _rx(
        r"overr[au]n|fell to (?:the )?(?:rebels|militants|insurgents|fighters|jihadists)|"
        r"(?:seized|took|taken|capture[sd]?) (?:full )?control of|"
        r"captured (?:the )?(?:town|city|village|district|base|area|province)")),
    ((_E, "Air/drone strike"), 1.0, _rx(
        r"air ?strikes?|air-strikes?|air raids?|drone (?:strikes?|attacks?)|bombing raids?|"
        r"warplanes?|fighter jets?|(?:helicopter )?gunships?|aerial (?:bombardment|attack)s?|"
        r"(?:air force|jets|aircraft|planes|helicopters?|mig|sukhoi) (?:\w+ ){0,3}(?:bombed|bombs?|struck|strike|"
        r"hit|targeted|pounded|raided)|bombed")),
    ((_E, "Shelling/artillery/missile attack"), 0.9, _rx(
        r"shell(?:ing|ed)|artillery|bombard(?:ed|ment)|barrages?|fired (?:\w+ ){0,2}(?:rockets?|missiles?|"
        r"mortars?|shells)(?!-)|(?:rocket|missile|mortar)s? (?:fire|attacks?|strikes?|hit|struck|landed|slammed)")),
    ((_E, "Shelling/artillery/missile attack"), 0.4, _rx(r"missiles?|rockets?|mortars?")),
    ((_E, "Suicide bomb"), 1.2, _rx(
        r"suicide (?:bomb(?:er|ers|ing|ings)?|attack(?:er|ers|s)?|vests?|car bomb(?:s|ing)?)|"
        r"blew (?:himself|herself|themselves) up")),
    ((_E, "Remote explosive/landmine/IED"), 1.0, _rx(
        r"IEDs?|improvised explosive|roadside bombs?|car bombs?|land ?mines?|explosive devices?|"
        r"booby[- ]trap(?:ped)?|planted (?:a )?bomb|bomb (?:blast|explosion)s?|remote-controlled")),
    ((_E, "Remote explosive/landmine/IED"), 0.6, _rx(r"explosions?|blasts?|bomb(?:s|ing|ings)?")),
    ((_E, "Grenade"), 0.9, _rx(r"(?<!propelled )(?<!stun )(?<!flash-bang )(?:hand )?grenades?(?! launcher)")),
    ((_V, "Attack"), 0.9, _rx(
        r"massacre[sd]?|executed|assassinat(?:ed|ion)|beheaded|shot dead|gunned down|hacked to death|"
        r"opened fire on (?:\w+ )?(?:civilians|worshippers|villagers|passengers|crowd|shoppers)")),
    ((_V, "Attack"), 0.5, _rx(r"murder(?:ed|s|ing)?|executions?|stabbed|killings?")),
    ((_V, "Abduction/forced disappearance"), 1.0, _rx(
        r"kidnap(?:ped|ping|pings|s)?|abduct(?:ed|ion|ions|s)?|taken hostage|held hostage|"
        r"forced disappearances?|forcibly disappeared")),
    ((_V, "Sexual violence"), 1.0, _rx(
        r"rap(?:e|ed|es|ing)|sexual(?:ly)? (?:violence|assault(?:ed)?|abuse[d]?)|gang-?raped?")),
    ((_P, "Peaceful protest"), 0.8, _rx(
        r"protesters|protestors|demonstrators|demonstrations?|sit-?ins?|general strike|hunger strike|"
        r"went on strike|vigils?|took to the streets|staged (?:a |an )?(?:\w+ )?protests?|"
        r"protests? (?:erupted|broke out|spread|continued)|(?:thousands|hundreds|dozens|crowds?|scores|"
        r"\d[\d,]{0,14} people)(?: of [a-z]+)? (?:marched|rallied|gathered|protested|demonstrated)")),
    ((_P, "Peaceful protest"), 0.5, _rx(
        r"(?<!lodged a )(?<!formal )(?<!diplomatic )protest(?:s|ed|ing)?|demonstrated|rall(?:y|ies|ied)|"
        r"marched|marchers")),
    ((_CUE, "intervention"), 1.0, _rx(
        r"tear ?gas|water cannons?|rubber bullets|dispers(?:e|ed|ing)|batons?|pepper spray|"
        r"stun grenades?|broke up|baton-charged")),
    ((_P, "Excessive force against protesters"), 1.2, _rx(
        r"(?:opened fire on|shot(?: dead)?|live (?:ammunition|fire|rounds) (?:on|at)|killed|"
        r"fired on) (?:\w+ ){0,3}(?:protesters|demonstrators|marchers|protestors)")),
    ((_R, "Violent demonstration"), 0.9, _rx(
        r"(?<!anti-)riot(?:s|ed|ing|ers)?(?! police| gear| squad| control)|rioters|"
        r"threw (?:stones|rocks|petrol bombs|molotov)|stone-?pelting|(?:burn(?:ed|t)|torched) "
        r"(?:cars|tyres|tires|vehicles|police)|looting")),
    ((_R, "Mob violence"), 1.0, _rx(r"mobs?|lynch(?:ed|ing|ings)?|vigilantes?")),
    ((_S, "Agreement"), 0.8, _rx(
        r"cease-?fires?|cease fire|truce|peace (?:deal|agreement|accord|talks|treaty|process)|"
        r"agreements?|accords?|signed (?:a|an) (?:deal|pact)|prisoner (?:swap|exchange)")),
    ((_S, "Agreement"), 0.6, _rx(r"talks|negotiat(?:ions?|ed|ing|e)|mediat(?:ed|ion)")),
    ((_S, "Arrests"), 0.8, _rx(
        r"arrest(?:ed|s|ing)?|detain(?:ed|ing|s)?|detention|apprehended|rounded up|"
        r"taken into custody|in custody")),
    ((_S, "Change to group/activity"), 0.8, _rx(
        r"curfews?|state of emergency|martial law|deployed (?:\w+ )?(?:troops|soldiers|police|forces)|"
        r"defected|defections?|disbanded|merged with")),
    ((_S, "Change to group/activity"), 0.6, _rx(
        r"tighten(?:ed|s)? security|security (?:was |has been )?(?:tightened|stepped up|heightened|beefed up)|"
        r"reinforcements")),
    ((_S, "Disrupted weapons use"), 0.9, _rx(
        r"defused|defuse|intercepted (?:\w+ )?(?:missiles?|rockets?|drones?)|shot down (?:\w+ )?"
        r"drones?|(?:arms|weapons) caches?|bomb disposal|foiled (?:an? )?(?:attack|plot)")),
    ((_S, "Headquarters or base established"), 0.9, _rx(
        r"(?:established|set up|built) (?:an? |new )*(?:military )?(?:base|headquarters|outpost)s?")),
    ((_S, "Non-violent transfer of territory"), 0.7, _rx(
        r"withdrew from|pulled out of|handed over (?:control|the town|the city)|"
        r"without a fight|withdrawal of (?:troops|forces)")),
    ((_S, "Other"), 0.5, _rx(r"mass graves?|bodies (?:were )?(?:found|discovered|recovered)")),
    ((_CUE, "security"), 0.0, _rx(
        r"soldiers?|troops|army|police(?:men)?|officers|checkpoints?|convoys?|patrols?|"
        r"military|security forces|base")),
)
# fmt: on
_PAST = re.compile(r"\b(?:ended in|anniversary|years ago|decades ago|in the (?:19|20)\d0s)\b")
_ARMED = ("militants", "security_forces")
_COUNT_EVENT = {"killed", "injured", "casualties"}
_PREFERRED = {
    "militants": (_B, _E),
    "security_forces": (_B, _E),
    "civilians": (_V, _E, _R),
    "protesters": (_P, _R),
}


def extract_events(text: str, sentences: Sequence[Sentence], counts: Sequence[Count]) -> list[EventType]:
    """Rank the ACLED (type, sub-type) pairs a document supports, main one first."""
    return extract_events_and_actors(text, sentences, counts)[0]


def extract_events_and_actors(
    text: str,
    sentences: Sequence[Sentence],
    counts: Sequence[Count],
    demonym: Callable[[str], str | None] | None = None,
) -> tuple[list[EventType], tuple[Actor | None, Actor | None]]:
    """The ranked event types and the main event's (actor1, actor2).

    A sentence that reports an act is decided by the codebook (`codebook.decide`: who did what to whom);
    the others keep the lexicon's weighted cues. `demonym` (the gazetteer's) reads "Nigerian troops"."""
    starts = [s.char_start for s in sentences]
    low = _lower(text)
    hits: list[dict[Key, float]] = [{} for _ in sentences]
    for key, weight, pattern in _RULES:
        for match in word_matches(pattern, low):
            i = _sentence_of(starts, sentences, match.start())
            if i is not None and hits[i].get(key, -1.0) < weight:
                hits[i][key] = weight
    by_sentence: dict[int, list[Count]] = defaultdict(list)
    for count in counts:
        by_sentence[count.sentence_index].append(count)
    doc_protest = any((_P, "Peaceful protest") in h for h in hits)
    label = label_sub_type(text)
    acts = [  # acts are read where the lexicon or a count says something happened, and in a text's opening
        find_acts(low, s.char_start, s.char_end) if h or s.index in by_sentence or i < _OPENING else []
        for i, (s, h) in enumerate(zip(sentences, hits, strict=True))
    ]
    scores: dict[Key, dict[int, float]] = defaultdict(dict)
    decisions: list[tuple[int, Decision]] = []
    for i, sentence_hits in enumerate(hits):
        sentence_counts = by_sentence.get(sentences[i].index, [])
        remote = _remote_sub(sentence_hits)
        decision = decide(text, low, sentences[i], remote, sentence_counts, doc_protest, demonym, acts[i])
        if decision is not None and label is not None and not decisions:
            decision = Decision((_S, label), decision.actor1, decision.actor2, False)
        resolved = _resolve_cues(dict(sentence_hits), doc_protest)
        if decision is not None:  # the codebook's act; the lexicon's strategic context stays beside it
            resolved = {key: w for key, w in resolved.items() if key[0] == _S and key != decision.key}
            resolved[decision.key] = _DECIDED + (_FIRST if not decisions else 0.0)
            decisions.append((sentences[i].index, decision))
        _add_counts(resolved, sentence_counts)
        damp = _damping(low, sentences[i], sentence_counts)
        for key, weight in resolved.items():
            scores[key][sentences[i].index] = weight * damp
    _promote_resisted_attacks(scores, decisions)
    _fold_protests(scores)
    if any(d.protest_related and d.key[0] == _R for _, d in decisions):
        _fold_into(scores, (_R, "Violent demonstration"), _P)  # the demonstrators turned violent: a riot
    ranked = _rank(scores)
    actor1, actor2 = _main_actors(ranked, decisions)
    if actor1 is not None and actor1.text is None and actor1.actor_type == "political_militia":
        actor1 = named_group(text, low, demonym) or actor1  # "... Al Shabaab suspected": the unnamed attacker
    return ranked, (actor1, actor2)


_OPENING = 3  # sentences: a note's whole text, a report's lead
_DECIDED = 1.2  # a sentence decided by the codebook outweighs a lexicon cue
_FIRST = 0.6  # the first act reported is the event the text is about (a note's lead, a news report's lead)


def _remote_sub(hits: dict[Key, float]) -> str | None:
    """The sentence's explosive weapon: a strong cue, or a weak one ("explosion", "bomb") beside harm."""
    remote = [(w, key[1]) for key, w in hits.items() if key[0] == _E and w >= 0.6]
    if not remote or (max(remote)[0] < _STRONG and not _harm(hits)):
        return None
    return max(remote)[1]


def _harm(hits: dict[Key, float]) -> bool:
    return any(key[0] in (_B, _V) or key in ((_CUE, "attack"), (_CUE, "clash")) for key in hits)


def _main_actors(ranked: list[EventType], decisions: list[tuple[int, Decision]]) -> tuple[Actor | None, Actor | None]:
    if not ranked:
        return None, None
    main = ranked[0]
    head = decisions[0][1] if decisions else None
    if head is not None and head.key == (_V, "Attack") and main.event_type == _B:  # a resisted attack
        clash = next((d for _, d in decisions if d.key[0] == _B), head)
        sides = [a for a in (clash.actor1, clash.actor2) if a is not None and head.actor1 is not None]
        target = next((a for a in sides if a.actor_type != head.actor1.actor_type), None)  # type: ignore[union-attr]
        return head.actor1, target or head.actor2
    for match in (
        lambda d: d.key == (main.event_type, main.sub_event_type),
        lambda d: d.key[0] == main.event_type,
    ):
        found = [d for _, d in decisions if match(d)]
        if found:
            return found[0].actor1, found[0].actor2
    return None, None


def _sentence_of(starts: list[int], sentences: Sequence[Sentence], pos: int) -> int | None:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= pos:
            lo = mid + 1
        else:
            hi = mid
    i = lo - 1
    return i if i >= 0 and pos < sentences[i].char_end else None


def _resolve_cues(hits: dict[Key, float], doc_protest: bool) -> dict[Key, float]:
    """Turn the context cues of one sentence into event keys."""
    protest = (_P, "Peaceful protest") in hits
    security = (_CUE, "security") in hits
    out = {key: w for key, w in hits.items() if key[0] != _CUE}
    if (_S, "Disrupted weapons use") in out:  # a defused bomb or downed drone did not explode
        out = {key: w for key, w in out.items() if key[0] != _E}
    if (clash := hits.get((_CUE, "clash"))) is not None:
        _bump(out, (_R, "Violent demonstration") if protest else (_B, "Armed clash"), clash)
    if (_CUE, "armed") in hits and (_B, "Armed clash") in out:
        out[(_B, "Armed clash")] += 0.2
    if (attack := hits.get((_CUE, "attack"))) is not None and not _has_violent(out):
        weight = attack + (0.3 if (_CUE, "armed") in hits else 0.0)  # "militants attacked ..."
        _bump(out, (_B, "Armed clash") if security else (_V, "Attack"), weight)
    riot = [key for key in out if key[0] == _R]
    if riot and (peaceful := out.pop((_P, "Peaceful protest"), None)) is not None:
        _bump(out, riot[0], peaceful)  # a protest that turned violent is a riot
    if (force := hits.get((_CUE, "intervention"))) is not None and (protest or doc_protest):
        _bump(out, (_P, "Protest with intervention"), force)
    return out


def _has_violent(hits: dict[Key, float]) -> bool:
    return any(key[0] in _VIOLENT and w >= 0.5 for key, w in hits.items())


def _bump(hits: dict[Key, float], key: Key, weight: float) -> None:
    hits[key] = max(hits.get(key, 0.0), weight)


def _add(hits: dict[Key, float], key: Key, weight: float) -> None:
    hits[key] = hits.get(key, 0.0) + weight


def _add_counts(hits: dict[Key, float], counts: Sequence[Count]) -> None:
    """Casualty, arrest and kidnap counts in a sentence are evidence for an event type."""
    for count in counts:
        if count.temporal != "current":
            continue
        if count.kind == "arrested":
            _add(hits, (_S, "Arrests"), 0.8)
        elif count.kind == "kidnapped":
            _add(hits, (_V, "Abduction/forced disappearance"), 0.9)
        elif count.kind in _COUNT_EVENT:
            _credit_casualties(hits, count)


def _credit_casualties(hits: dict[Key, float], count: Count) -> None:
    violent = [(w, key) for key, w in hits.items() if key[0] in _VIOLENT and w >= 0.5]
    preferred = _PREFERRED.get(count.victim_group, ())
    violent = [v for v in violent if v[1][0] in preferred] or violent
    if violent:
        weight, key = max(violent)
        hits[key] = weight + 0.5
    elif count.victim_group in _ARMED:
        _add(hits, (_B, "Armed clash"), 0.8)
    elif count.victim_group == "civilians":
        _add(hits, (_V, "Attack"), 0.8)
    elif count.victim_group == "protesters":
        _add(hits, (_P, "Excessive force against protesters"), 0.9)


def _damping(text: str, sentence: Sentence, counts: Sequence[Count]) -> float:
    if counts and all(c.temporal == "historical" for c in counts):
        # imported here: the scorer (tasks/core/evaluation.py) reads this module's labels without the count rules
        from tasks.core.extraction.counts.temporal import dateline_day, earlier_event

        s, dateline = text[sentence.char_start : sentence.char_end], dateline_day(text)
        if not any(earlier_event(s, c.trigger_start - sentence.char_start, dateline) for c in counts):
            return 0.3  # not "protested after a child died": the protest is current, the death it answers is not
    if _PAST.search(text, sentence.char_start, sentence.char_end):
        return 0.3
    return 1.0


def _fold_protests(scores: dict[Key, dict[int, float]]) -> None:
    """A protest met with force is one event: the most severe protest sub-type absorbs the rest."""
    for severe in ("Excessive force against protesters", "Protest with intervention"):
        if (_P, severe) in scores and (_P, "Peaceful protest") in scores:
            peaceful = scores.pop((_P, "Peaceful protest"))
            target = scores[(_P, severe)]
            for index, weight in peaceful.items():
                target[index] = max(target.get(index, 0.0), weight)
            return


def _promote_resisted_attacks(scores: dict[Key, dict[int, float]], decisions: list[tuple[int, Decision]]) -> None:
    """An armed group's attack that its target fought back ("... returned fire", "clashes followed") is a battle,
    not violence against civilians: the attack's sentences count for the armed clash."""
    attack, clash = (_V, "Attack"), (_B, "Armed clash")
    if not decisions or decisions[0][1].key != attack or clash not in scores:
        return
    first = decisions[0][1].actor1
    if first is None or first.actor_type not in ("rebels", "political_militia", "identity_militia", "external_forces"):
        return
    if not any(d.key == clash for _, d in decisions[1:]):
        return
    for index, weight in scores.pop(attack).items():
        scores[clash][index] = max(scores[clash].get(index, 0.0), weight)


def _fold_into(scores: dict[Key, dict[int, float]], target: Key, event_type: str) -> None:
    into = scores.setdefault(target, {})
    for key in [k for k in scores if k[0] == event_type]:
        for index, weight in scores.pop(key).items():
            into[index] = max(into.get(index, 0.0), weight)


def _rank(scores: dict[Key, dict[int, float]]) -> list[EventType]:
    """Keep a type with one strong cue (>= 0.8) or support from two sentences; rank by prior-scaled score."""
    ranked: list[tuple[float, int, EventType]] = []
    for (event_type, sub), per_sentence in scores.items():
        raw = sum(per_sentence.values())
        if raw < _MIN_SCORE or (max(per_sentence.values()) < _STRONG and (len(per_sentence) < 2 or raw < 1.0)):
            continue
        total = raw * _PRIOR.get(event_type, 1.0)
        order = sorted(per_sentence, key=lambda i: (-per_sentence[i], i))
        indexes = (order[0], *sorted(order[1:]))
        confidence = round(min(0.99, 1.0 - math.exp(-total / 1.5)), 3)
        ranked.append((total, order[0], EventType(event_type, sub, confidence, indexes)))
    ranked.sort(key=lambda r: (-r[0], r[1]))
    return [event for _, _, event in ranked]
