"""What may stand between a figure and its trigger, and the phrasings that void or redirect a claim, for
`matching`: a relative clause or a few prepositional words keep a subject with its trigger ("two guards who
were on duty were killed"), punctuation and blocking words do not (`_gap_ok`); parts named inside a subject
(", including 5 children,", "(a soldier)") are their own figures (`_parts`); intent ("tried to kill"),
prevention ("stopped him from killing"), "without injuries", shots fired at someone, negation and
"whether" make no figure.
"""

from __future__ import annotations

import re

from tasks.core.extraction.counts.triggers import _Trig
from tasks.core.extraction.counts.victims import _PREPS
from tasks.core.extraction.counts.words import _BLOCK, _filler, _lex, _words

_LINK_END = _lex(
    "to at of reached reaches hit hits numbered totalled totaled is was were are stood stands exceeded exceeds passed "
    "tops topped surpassed surpasses nears neared :"
)

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

_INLINE_PART = re.compile(
    r"\s(?:including|among them|of whom|mostly|mainly)\s[^,;()]{1,80}?(?=\s+(?:were|was|have|had|are|is|reportedly"
    r"|died|killed)\b)|\s*\([^()]{1,60}\)",
    re.I,
)

# An intended harm ("attempted murder of", "tried to kill"); not a condition ("life-threatening injuries"), not an
# attempted crime that did harm ("an attempted robbery left a man dead", "a man shot during an attempted carjacking
# died").
_INTENT = re.compile(
    r"\b(?<!life-)(?<!life )(?:attempted|attempting|attempt to|threatened|threatening|threatens|tried|trying|plotted"
    r"|plotting|planned|planning|going to|vowed|promised)\b(?!\s+(?:armed\s+)?(?:robber(?:y|ies)|carjack\w*"
    r"|burglar(?:y|ies)|break-ins?|thefts?|home invasions?|hold-?ups?|heists?|kidnappings?|abductions?|escapes?"
    r"|arrests?|stops?|traffic stops?"
    r"|rescues?|coup)\b)[^.;,:]{0,40}$",
    re.I,
)

# A threat or plan reported with its words: "said he was going to 'end it,' and kill her", "vowed, in a text
# message, to kill them all". Only a bare verb ("kill", "injure") is read this far back.
_INTENT_FAR = re.compile(
    r"\b(?:threat\w*|vow\w*|promis\w*|going to|gonna|wanted to|wants to|want to|would|will|plan\w* to"
    r"|intend\w* to|told \w+ to|asked \w+ to)\b[^.;:!?]{0,100}$",
    re.I,
)

_BARE_VERB = _lex("kill injure")

_NOUN_SHOT = re.compile(r"\b(?:a|one|another|single|warning|first|second|third|lone|fatal)\s+$", re.I)

_NOT_HURT_AFTER = re.compile(
    r"\s+(?:(?:for|to be)\s+(?:an?\s+|further\s+)?(?:medical\s+|mental\s+|psychiatric\s+|health\s+)?"
    r"(?:evaluat\w*|observation|check-?ups?|examination|assessment|tests?|precaution)\b|as a precaution\b"
    r"|because\b|(?:for\s+)?(?:an?\s+)?(?:medical (?:issue|condition|emergency|episode)|illness|unrelated|pre-existing"
    r"|overdose|intoxication|mental health|(?:involuntary\s+)?psychiatric)\b"
    r"|after\s+(?:a\s+)?(?:report|call|complaint)s?\s+(?:of|about)\s+(?:an?\s+)?(?:intoxicated"
    r"|drunk(?:en)?\s+(?:person|man|woman)|disoriented|suicidal|sick|confused)\b)",
    re.I,
)

_PREVENTED = re.compile(r"\b(?:prevent|stop|kept|keep|deter|dissuad)\w*\b[^.;:]{0,100}\bfrom\s+$", re.I)

_WITHOUT = re.compile(r"\b(?:without|escaped|avoided|no reports? of)\s+(?:any\s+|serious\s+|major\s+)*$", re.I)

_FIRED = re.compile(r"\b(?:fired|fire|fires|firing|heard|let off|squeezed off)\s+$", re.I)

_AND_THEN = re.compile(r"\band\s+(?:(?:later|then|was|were|is|subsequently|eventually|\w+ly)\s+){0,3}$", re.I)

_SHOT_AFTER = re.compile(
    r"\s*(?:[,:;]|$|(?:in|on|at|near|outside|inside|during|after|overnight|early|late|while|(?:mon|tues|wednes|thurs"
    r"|fri|satur|sun)day)\b)",
    re.I,
)

_NEGATED = re.compile(r"(?:\b(?:not|never)\b|n[’']t\b)(?!\s+(?:only|just)\b)[^,;]*$", re.I)

_WHO_GAP = re.compile(r"\s+(?:who|that)\s+(?:were|was|had been|have been)\s+(?:\w+ly\s+)?", re.I)

_INTRANSITIVE = re.compile(r"(?:died|passed away|perished|succumbed)", re.I)

_WHETHER = re.compile(r"\b(?:whether|if)\b[^,;.:]*$", re.I)

_TIME_WORDS = _lex("yesterday today tonight overnight morning afternoon evening night weekend")

_SHOT_AT = re.compile(r" at\b(?! least\b)", re.I)

_FIRED_AT = re.compile(
    r" at\s*(?:(?:but|by|from|and|after|before|when|while|several|multiple|repeatedly)\b|[,.;]|$)", re.I
)

_MULTIPLE = {"double": 2, "triple": 3, "quadruple": 4}

_NUMBER_OF = re.compile(r"\bnumber of (?:\w+ ){0,2}$", re.I)


def _gap_ok(s: str, start: int, t: _Trig, zero: bool) -> bool:
    """Whether the words between a subject's noun phrase and its trigger keep them in one clause."""
    gap = _AMONG.sub(" among ", _AGED.sub(" ", _PAREN.sub(" ", _INLINE_PART.sub(" ", s[start : t.start]))))
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
    if words[0] in ("who", "that") and (trailing or _INTRANSITIVE.match(t.text)):
        return True  # "two civilians who were informants died", "three guards who were on duty were killed"
    if zero:
        return len(words) <= 5
    if t.text.lower().endswith("ing") or ("o" in t.flags and not trailing):
        return False
    return words[0] in _PREPS and len(words) <= 5


def _parts(s: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of parts named inside a subject: ", including 5 children,", "including a child", "(a soldier)"."""
    return [m.span() for pattern in (_PAREN, _INLINE_PART) for m in pattern.finditer(s, start, end)]
