"""Extract numeric claims about people (killed, injured, arrested, ...) from news sentences.

Pure Python + `re`. Sentences without a trigger word are skipped by one compiled regex. The rules live
in the modules of this package, each documented in its own docstring:

- `triggers`: the words that make a claim ("killed", "wounded", "arrested", "taken to hospital") and
  the ones that look like a trigger but are not ("the Dead Sea", "sentenced to death").
- `numbers`: which quantities can count people (not ages, years, dates, times, money, addresses,
  counts of things).
- `victims`: the victim noun phrase after a figure, single victims ("a man", "he"), victim groups.
- `matching`: how a trigger finds its figure (object, subject, link, implied single victim), with
  `objects` (the active object), `singles` (an implied single victim), `clauses` (what may stand between
  a figure and its trigger, and what voids a claim) and `hits` (the matched figure and the sentence being read),
  `joined` (victims of one clause joined by "and" add up: "two soldiers and a civilian were killed" -> 3; parts
  after "including" do not) and `wounds` (a victim who came to care with a wound: "a man arrived at a hospital with
  a gunshot wound"; "a shooting sent two men to the hospital").
- `temporal`: whether a claim is about the current event or is historical.
- `claims`: who a claim is attributed to, and `estimate_totals`, the best figure per kind for the
  main current event (what `document_figures` shows).
- `harm`: injuries that gunfire did not cause (a crash, a fall, pepper spray, a cut) where nobody is reported
  shot: kept as claims, left out of the injured figure.
- `teasers`: headlines of other stories inside a page's text ("RELATED: Two teens shot ...", a video caption):
  their claims are dropped.
- `words`: the small lexicons and tokenizer the others share.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from tasks.core.extraction.counts.claims import _claim_source, _hit_only, _other_victim, estimate_totals
from tasks.core.extraction.counts.harm import mark_other_harm
from tasks.core.extraction.counts.hits import _Hit
from tasks.core.extraction.counts.matching import _sentence_hits
from tasks.core.extraction.counts.teasers import drop_teasers
from tasks.core.extraction.counts.temporal import _temporal, carried_dead, dateline_day, earlier_event
from tasks.core.extraction.counts.triggers import _triggers
from tasks.core.extraction.counts.victims import _victim_group
from tasks.core.extraction.counts.words import _lex
from tasks.core.extraction.model import Count, Sentence

__all__ = ["estimate_totals", "extract_counts"]
_BACK_REFERENCE = re.compile(r"(?:the victim|he|she)$", re.I)
_DEFINITE = re.compile(r"(?:the|he|she|this|that)\b", re.I)
_OF_THEM = re.compile(r"\s+of\s+(them|those)\b", re.I)

_UNVERIFIED = re.compile(
    r"\b(?:could not|cannot|can't|couldn't|has not|have not|had not) (?:yet )?be(?:en)? (?:independently )?"
    r"(?:verified|confirmed)\b|\b(?:is|was) not (?:yet )?(?:confirmed|verified)\b",
    re.I,
)


def extract_counts(text: str, sentences: Sequence[Sentence], *, check: Callable[[], None] | None = None) -> list[Count]:
    """One Count per numeric claim about people; offsets into `text`. `check` is called before each sentence
    (the caller's time budget: it raises to stop)."""
    out: list[Count] = []
    dateline = dateline_day(text)
    for sent in sentences:
        if check is not None:
            check()
        s = text[sent.char_start : sent.char_end]
        trigs = _triggers(s)  # the cheap pre-filter: most sentences stop here
        hits = _sentence_hits(s, trigs) if trigs else []
        source = _claim_source(s) if hits else None
        base = sent.char_start
        for h in hits:
            past = _temporal(s, h.trig.start) == "historical" or earlier_event(s, h.trig.start, dateline)
            past = past or (h.trig.kind == "killed" and carried_dead(s, max(h.trig.end, h.num_end)))
            temporal = "historical" if past else "current"
            out.append(Count(
                kind=h.trig.kind, trigger=h.trig.text, value_low=h.low, value_high=h.high, vague=h.vague,
                qualifier=h.qualifier, victim_group=_victim_group(h.victim), victim_text=_partitive(s, h) or h.victim,
                temporal=temporal, claim_source=source, sentence_index=sent.index,
                number_start=base + h.num_start, number_end=base + h.num_end,
                trigger_start=base + h.trig.start, trigger_end=base + h.trig.end,
            ))  # fmt: skip
    out = _drop_natural_deaths(text, sentences, _drop_animal_references(text, drop_teasers(text, sentences, out)))
    out = mark_other_harm(text, sentences, out)
    return _one_victim_died(_drop_hits_of_the_dead(_mark_unverified(text, sentences, out) if out else out))


_ANIMALS = re.compile(
    r"\b(?:dogs?|pit ?bulls?|cats?|horses?|cows?|cattle|bulls?|oxen|goats?|sheep|pigs?|camels?|donkeys?|deer|bears?"
    r"|cougars?|coyotes?|wol(?:f|ves)|lions?|leopards?|elephants?|animals?|livestock|puppies|puppy|kittens?|pets?"
    r"|birds?|chickens?)\b",
    re.I,
)
_PLURAL_PEOPLE = frozenset({"people", "men", "women", "children", "police", "they", "them", "those", "others"})
_NOT_PLURAL = frozenset(
    {
        "was",
        "has",
        "this",
        "its",
        "his",
        "hers",
        "is",
        "us",
        "as",
        "yes",
        "always",
        "perhaps",
        "towards",
        "across",
        "whereas",
        "afterwards",
        "besides",
        "unless",
        "thus",
        "news",
        "less",
    }
)
_ANAPHORS = frozenset({"them", "those", "others", "other"})
_LOOK_BACK = 300  # characters before the figure: its sentence and about one before


def _drop_animal_references(text: str, counts: list[Count]) -> list[Count]:
    """ "They were confronted by two pit bulls. A deputy shot and killed one of them." / "Five cougars were killed
    this winter. Five others have been killed by hunters.": a figure that only refers back ("them", "others") to
    animals (the nearest plural noun before it names animals) counts no people."""
    out: list[Count] = []
    for c in counts:
        words = re.findall(r"[a-z]+", (c.victim_text or "").lower())
        start = c.number_start
        if words and words[-1] in _ANAPHORS and start is not None and _last_plural_is_animal(text[:start]):
            continue
        if words and _animal_victim(words[-1], text[max(0, (start or 0) - _LOOK_BACK) : start or 0]):
            continue
        if (
            start is not None
            and start < c.trigger_start
            and _WHICH_DIED.search(text, max(0, c.trigger_start - 40), c.trigger_start)
        ):
            continue  # "an officer shot the dog, which died": "which" is no person, and the subject is not the dead
        out.append(c)
    return out


_WHICH_DIED = re.compile(r"\bwhich\s+(?:\w+\s+){0,2}$", re.I)
# Dog breeds and other words that name an animal only: "The 3-year-old terrier later died"
_BREEDS = _lex(
    "terrier terriers retriever retrievers rottweiler rottweilers poodle poodles labrador labradors chihuahua "
    "beagle beagles bulldog bulldogs husky huskies mastiff mastiffs dachshund doberman collie spaniel "
    "canine canines pony ponies mare stallion foal calf calves heifer"
)
# Words naming a person as often as a dog ("a boxer", "the shepherd", "a lab"): an animal only after a dog is named
_DOG_OR_PERSON = frozenset({"boxer", "shepherd", "lab", "pointer", "setter", "hound"})


def _animal_victim(head: str, before: str) -> bool:
    """The figure's victim is an animal by its head noun: "police shot the dog, which later died", "the family's
    terrier was killed" (issue: counts of animals are no casualties). A word that also names people ("boxer",
    "shepherd") is an animal only when a dog is named just before ("fired at his dog ... the boxer later died")."""
    if _ANIMALS.fullmatch(head) or head in _BREEDS:
        return True
    return head in _DOG_OR_PERSON and re.search(r"\b(?:dogs?|puppy|pet)\b", before, re.I) is not None


def _partitive(s: str, h: _Hit) -> str | None:
    """ "One of them died": the figure's people are "them", earlier counted ones."""
    m = _OF_THEM.match(s, h.num_end)
    return m.group(1).lower() if m else None


def _mark_unverified(text: str, sentences: Sequence[Sentence], counts: list[Count]) -> list[Count]:
    """ "IS claimed to have killed four soldiers. The claim could not be independently verified.": the claims of a
    sentence that says so, or of the one before it, are unverified (`claim_source` says so; never the figure)."""
    doubted: set[int] = set()
    for m in _UNVERIFIED.finditer(text):
        index = next((sent.index for sent in sentences if sent.char_start <= m.start() < sent.char_end), None)
        if index is not None:
            doubted |= {index, index - 1}
    if not doubted:
        return counts
    return [
        replace(c, claim_source=f"{c.claim_source or 'source'} (unverified)") if c.sentence_index in doubted else c
        for c in counts
    ]


def _drop_hits_of_the_dead(counts: list[Count]) -> list[Count]:
    """ "A chief was shot dead ... The victim sustained gunshot wounds": the wounds are the dead victim's, not
    an injury. A hit-only claim ("shot", "gunshot wounds") about "the victim" / "he" / "she" after a single
    current death is dropped, and so is an injury of the very figure a death claim counts ("a woman hurt in
    the raid later died": one death)."""
    out: list[Count] = []
    dead = False
    died = {(c.sentence_index, c.number_start) for c in counts if c.kind == "killed"}
    for c in counts:
        if c.kind == "injured" and (c.sentence_index, c.number_start) in died:
            continue
        if (
            dead
            and c.kind == "injured"
            and c.value_low == 1
            and _hit_only(c)
            and _BACK_REFERENCE.match(c.victim_text or "")
        ):
            continue
        dead = dead or (c.kind == "killed" and c.value_low == 1 and c.temporal == "current")
        out.append(c)
    return out


def _one_victim_died(counts: list[Count]) -> list[Count]:
    """ "A teenager was shot and wounded on Friday. The teen died on Saturday": one victim, introduced once and
    referred back to ("he", "the victim", "the teen") as the subject of the document's first death, who moved from
    injured to killed. When every current injury before that death counts one victim introduced at a single place
    (or a reference back), those injuries are the dead victim's and are dropped; "a second man", "another" stay."""
    first = next((c for c in counts if c.kind == "killed" and c.temporal == "current" and _point_of(c)), None)
    if first is None or first.value_low != 1 or not _DEFINITE.match(first.victim_text or ""):
        return counts
    if (first.number_start or 0) > first.trigger_start:
        return counts  # "opened fire, fatally wounding the victim": an object, perhaps someone else
    at = (first.sentence_index, first.number_start or 0)
    before = [
        c for c in counts
        if c.kind == "injured" and c.temporal == "current" and (c.sentence_index, c.number_start or 0) < at
        and _point_of(c)
    ]  # fmt: skip
    if not before or any(c.value_low != 1 or _other_victim(c) for c in before):
        return counts
    introduced = {c.number_start for c in before if not _DEFINITE.match(c.victim_text or "")}
    if len(introduced) > 1 or (not introduced and before[0].sentence_index == first.sentence_index):
        return counts
    drop = {id(c) for c in before}
    return [c for c in counts if id(c) not in drop]


def _point_of(c: Count) -> int | None:
    return c.value_low if c.value_low is not None else c.value_high


def _last_plural_is_animal(before: str) -> bool:
    """The nearest plural noun in the last `_LOOK_BACK` characters names animals."""
    for w in reversed(re.findall(r"[A-Za-z]+", before[-_LOOK_BACK:])):
        low = w.lower()
        if _ANIMALS.fullmatch(low):
            return True
        if low in _PLURAL_PEOPLE or (
            len(low) > 3 and low.endswith("s") and not low.endswith("ss") and low not in _NOT_PLURAL
        ):
            return False
    return False


_NO_FOUL_PLAY = re.compile(
    r"\bno (?:(?:signs?|indications?|evidence) of (?:foul play|criminal activity|trauma)|foul play)\b"
    r"|\bfoul play (?:is|was) not (?:suspected|involved)|\bfoul play (?:isn't|wasn't) (?:suspected|involved)"
    r"|\b(?:death|deaths|it) (?:is|was|are|were) not (?:believed to be |considered )?suspicious\b"
    r"|\bof natural causes\b",
    re.I,
)


def _drop_natural_deaths(text: str, sentences: Sequence[Sentence], counts: list[Count]) -> list[Count]:
    """ "A person was found dead on a couch. No sign of criminal activity.": a death that the sentence or the next
    one says was not caused by anyone (no foul play, not suspicious, natural causes) is no casualty."""
    natural = {sent.index for sent in sentences if _NO_FOUL_PLAY.search(text, sent.char_start, sent.char_end)}
    if not natural:
        return counts
    return [c for c in counts if not (c.kind == "killed" and {c.sentence_index, c.sentence_index + 1} & natural)]
