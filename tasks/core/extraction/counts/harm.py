"""Injuries that gunfire did not cause, in a document where nobody is reported shot.

Gun stories (the text tells of shots, gunfire, a shooting, or a gun shown: "at gunpoint", "flashed a
handgun") also tell of people hurt in other ways: a driver hurt in the crash that ended the chase, a bystander
struck by the fleeing car ("the SUV struck an officer"), an officer hurt in a scuffle or a fall ("slipped on
ice"), a suspect hit by pepper spray, a taser or bean-bag rounds, a cut from broken glass, a knife or a blade,
bruises, a dog bite, someone taken to hospital to be evaluated, as a precaution or because intoxicated. When no
one in the document is reported shot (no current claim whose trigger says gunfire: "shot", "gunshot wounds",
"struck by a bullet"; no bullet that the text says hit someone: "the bullet pierced the man's thigh"), an injury
claim whose sentence names such a cause (and no gunfire), or, failing that, one of the two sentences before it
("The car crashed into a pole. The driver was taken to hospital"; the nearest first, and never past a sentence
telling of a gunshot hit: "fired a shot that struck him"), is not the shooting's casualty:
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
            r"\b(?:crash(?:es|ed)?|collisions?|collided|wreck(?:ed)?|rolled over|overturned|lost control"
            r"|(?:car|vehicle|traffic|motor vehicle|auto) accidents?|accidents? with (?:personal )?injur"
            r"|(?:struck|hit|run over|ran over|dragged) by (?:an? |the |his |her )?(?:\w+ )?(?:car|vehicle|truck|suv"
            r"|van|sedan|motorcycle|train)s?"
            r"|(?:car|vehicle|truck|suv|(?:mini)?van|sedan|motorcycle|cruiser)s?\b[^.;]{0,60}?\b(?:hit|struck|ran over"
            r"|rammed|dragged|pinned) (?:an?|the|him|her|them|one|two|several|\w+ (?:officer|deputy|trooper)s?)\b)\b",
        ),
        ("fall", r"\b(?:fell|falling|a fall|tripped|slipped|hit (?:his|her|their) heads?)\b"),
        ("animal", r"\b(?:dog|animal) bites?\b|\bbitten\b|\bmauled\b"),
        (
            "less-lethal",
            r"\b(?:pepper[- ]spray(?:ed)?|mace|maced|tear gas|tasers?|tased|stun guns?|bean[- ]bags?"
            r"|rubber bullets|less[- ]lethal|pepper balls?)\b",
        ),
        (
            "cut",
            r"\b(?:cuts?|lacerations?|broken glass|shattered glass|knife|stab(?:bed|bing)?|stab wounds?|slash(?:ed|ing)"
            r"|box cutter|blade)\b",
        ),
        (
            "scuffle",
            r"\b(?:scuffle|struggle|altercation|fistfight|tussle|punched|kicked|slugged|beaten|assaulted|bruis(?:e|es|ed)"
            r"|abrasions?|scrapes?|swelling)\b",
        ),
        (
            "medical",
            r"\b(?:as a precaution|precautionary|(?:to be |for )?evaluat(?:ed|ion)|checked out|medical (?:issue|"
            r"condition|emergency|episode|problem)s?|mental health|smoke inhalation|overdose|burns?|chest pains?"
            r"|heart attack|seizure|anxiety|panic attack|intoxicat(?:ed|ion)|under the influence|hypotherm\w*"
            r"|hypertherm\w*)\b",
        ),
    )
)

_GUNFIRE_TRIGGER = re.compile(r"\b(?:shot|shooting|gunshot|bullets?|gunfire|grazed|graze|wounded by gunfire)\b", re.I)
_GUNFIRE_TEXT = re.compile(r"\b(?:shot|gunshot|bullets?|gunfire|grazed)\b", re.I)
_SHOTS_FIRED = re.compile(
    r"\b(?:shots?|shooting|gunfire|gunshots?|fired|opened fire|gunman|gunmen|\w*guns?|pistols?|rifles?|firearms?"
    r"|revolvers?|gunpoint)\b",
    re.I,
)
_BULLET_HIT = re.compile(
    r"\b(?:bullets?|rounds?|shots?|pellets?) (?:struck|hit|pierced|grazed|entered|went through|lodged in) (?:him|her"
    r"|them|(?:the|a|an) (?:\w+ )?(?:man|woman|boy|girl|victim|teen\w*|child|officer|deputy|driver|passenger|person"
    r"|suspect))\b",
    re.I,
)
_LOOK_BACK = 2  # sentences before an injury that may name its cause
_GUN_HIT = re.compile(
    r"\b(?:gunshot|bullets? (?:struck|hit|grazed)|(?:struck|hit|grazed) by (?:a |the )?(?:bullets?|gunfire|rounds?)"
    r"|(?:shots?|rounds?|bullets?),? (?:which|that) (?:struck|hit)|(?:was|were|been|being|got) shot"
    r"|shot (?:him|her|them|\w+ (?:in|on) the)|pistol[- ]?whip\w*|wounding)\b",
    re.I,
)
_NOT_HIT = re.compile(r"\b(?:no one|nobody|no-one|none|neither|not)\b[^.;]{0,40}\b(?:shot|hit|struck)\b", re.I)


def _text_of(text: str, by_index: dict[int, Sentence], index: int) -> str:
    sent = by_index.get(index)
    return text[sent.char_start : sent.char_end] if sent is not None else ""


def _cause(sentence: str) -> str | None:
    """The first non-gunfire cause named in a sentence, or None."""
    for name, pattern in _CAUSES:
        if pattern.search(sentence):
            return name
    return None


def _someone_shot(text: str, sentences: Sequence[Sentence], counts: Sequence[Count]) -> bool:
    """A current, non-zero claim that says gunfire hit someone ("a man was shot", "fatally shot"), or a bullet that
    the text says hit someone ("the bullet pierced the man's thigh")."""
    if _BULLET_HIT.search(text):
        return True
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
        if c.kind == "injured" and c.temporal == "current" and c.sentence_index in by_index:
            cause = _cause_near(text, by_index, c.sentence_index)
            if cause:
                c = replace(c, cause=cause)
        out.append(c)
    return out


def _cause_near(text: str, by_index: dict[int, Sentence], index: int) -> str | None:
    """The cause of an injury: named in its own sentence (which names no gunfire, or says gunfire hit no one), else
    in one of the `_LOOK_BACK` sentences before it, the nearest first; a sentence between that tells of a gunshot
    hit ("fired one shot, which struck him", "a gunshot wound", "pistol-whipped") ends the search: the injury may
    be that one."""
    s = _text_of(text, by_index, index)
    if (cause := _cause(s)) is not None:
        return cause if not _GUNFIRE_TEXT.search(s) or _NOT_HIT.search(s) else None
    if _GUNFIRE_TEXT.search(s) and not _NOT_HIT.search(s):
        return None
    for back in range(1, _LOOK_BACK + 1):
        before = _text_of(text, by_index, index - back)
        if _GUN_HIT.search(before) and not _NOT_HIT.search(before):
            return None
        if (cause := _cause(before)) is not None:
            return cause
    return None


def other_harm(c: Count) -> bool:
    """A claim `mark_other_harm` set apart: it stays a claim but is no casualty of the shooting."""
    return c.cause is not None
