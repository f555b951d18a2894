"""Injuries that gunfire did not cause, in a document where nobody is reported shot.

Shooting articles (the text tells of shots, gunfire, a shooting) also tell of people hurt in other ways: a
driver hurt in the crash that ended the chase, a bystander struck by the fleeing car, an officer hurt in a
scuffle or a fall, a suspect hit by pepper spray, a taser or bean-bag rounds, a cut from broken glass or a
knife, a dog bite, someone taken to hospital to be evaluated or as a precaution. When no one in the document is
reported shot (no current claim whose trigger says gunfire: "shot", "gunshot wounds", "struck by a bullet"),
an injury claim whose sentence (or the one before: "The car crashed into a pole. The driver was taken to
hospital") names such a cause, and its own sentence no gunfire, is not the shooting's casualty:
`mark_other_harm` keeps the claim (provenance) with its cause in `cause` ("crash", "fall"), and
`estimate_totals` leaves it out of the injured figure. Outside shooting articles (a crash, a riot) such
injuries stay casualties.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from tasks.core.extraction.model import Count, Sentence

_CAUSES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in (
        (
            "crash",
            r"\b(?:crash(?:es|ed)?|collisions?|collided|wreck(?:ed)?|rolled over|overturned"
            r"|(?:car|vehicle|traffic|motor vehicle|auto) accidents?|accidents? with (?:personal )?injur"
            r"|(?:struck|hit|run over|ran over|dragged) by (?:an? |the |his |her )?(?:\w+ )?(?:car|vehicle|truck|suv"
            r"|van|sedan|motorcycle|train)s?)\b",
        ),
        ("fall", r"\b(?:fell|falling|a fall|tripped)\b"),
        ("animal", r"\b(?:dog|animal) bites?\b|\bbitten\b|\bmauled\b"),
        (
            "less-lethal",
            r"\b(?:pepper[- ]spray(?:ed)?|mace|maced|tear gas|tasers?|tased|stun guns?|bean[- ]bags?"
            r"|rubber bullets|less[- ]lethal|pepper balls?)\b",
        ),
        ("cut", r"\b(?:cuts?|lacerations?|broken glass|shattered glass|knife|stab(?:bed|bing)?|stab wounds?)\b"),
        ("scuffle", r"\b(?:scuffle|struggle|altercation|fistfight|tussle|punched|kicked|beaten|assaulted)\b"),
        (
            "medical",
            r"\b(?:as a precaution|precautionary|(?:to be |for )?evaluat(?:ed|ion)|checked out|medical (?:issue|"
            r"condition|emergency|episode|problem)s?|mental health|smoke inhalation|overdose|burns?|chest pains?"
            r"|heart attack|seizure|anxiety|panic attack)\b",
        ),
    )
)

_GUNFIRE_TRIGGER = re.compile(r"\b(?:shot|shooting|gunshot|bullets?|gunfire|grazed|graze|wounded by gunfire)\b", re.I)
_GUNFIRE_TEXT = re.compile(r"\b(?:shot|gunshot|bullets?|gunfire|grazed)\b", re.I)
_SHOTS_FIRED = re.compile(r"\b(?:shots?|shooting|gunfire|gunshots?|fired|opened fire|gunman|gunmen)\b", re.I)
_NOT_HIT = re.compile(r"\b(?:no one|nobody|no-one|none|neither|not)\b[^.;]{0,40}\b(?:shot|hit|struck)\b", re.I)


def _cause(sentence: str) -> str | None:
    """The first non-gunfire cause named in a sentence, or None."""
    for name, pattern in _CAUSES:
        if pattern.search(sentence):
            return name
    return None


def _someone_shot(text: str, sentences: Sequence[Sentence], counts: Sequence[Count]) -> bool:
    """A current, non-zero claim that says gunfire hit someone ("a man was shot", "fatally shot")."""
    by_index = {s.index: s for s in sentences}
    for c in counts:
        if c.temporal != "current" or not (c.value_low or c.value_high):
            continue
        if _GUNFIRE_TRIGGER.search(c.trigger):
            sent = by_index.get(c.sentence_index)
            s = text[sent.char_start : sent.char_end] if sent is not None else ""
            if not _cause(s) or _GUNFIRE_TEXT.search(s.replace(c.trigger, "", 1)):
                return True
    return False


def mark_other_harm(text: str, sentences: Sequence[Sentence], counts: list[Count]) -> list[Count]:
    """Mark (`cause` = "crash", "fall", ...) the current injury claims caused by something other than
    gunfire, when nobody in the document is reported shot (see the module docstring)."""
    injured = [c for c in counts if c.kind == "injured" and c.temporal == "current"]
    if not injured or not _SHOTS_FIRED.search(text) or _someone_shot(text, sentences, counts):
        return counts
    by_index = {s.index: s for s in sentences}
    out: list[Count] = []
    for c in counts:
        sent = by_index.get(c.sentence_index)
        if c.kind == "injured" and c.temporal == "current" and sent is not None:
            s = text[sent.char_start : sent.char_end]
            prev = by_index.get(c.sentence_index - 1)
            cause = _cause(s) or (_cause(text[prev.char_start : prev.char_end]) if prev is not None else None)
            if cause and (not _GUNFIRE_TEXT.search(s) or _NOT_HIT.search(s)):
                c = replace(c, cause=cause)
        out.append(c)
    return out


def other_harm(c: Count) -> bool:
    """A claim `mark_other_harm` set apart: it stays a claim but is no casualty of the shooting."""
    return c.cause is not None
