"""Tokens and small word classes shared by the count modules (auxiliaries, adverbs, clause breakers)."""

from __future__ import annotations

import re


def _lex(words: str) -> frozenset[str]:
    return frozenset(words.split())


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

_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d+(?:[.,]\d+)*|[^\w\s]")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _tokens(s: str, start: int, end: int) -> list[re.Match[str]]:
    return list(_WORD.finditer(s, max(0, start), min(len(s), end)))


def _filler(w: str) -> bool:
    """Auxiliaries and adverbs allowed between a subject and its verb ("were later", "lightly")."""
    return w in _ADVERBS or w in _BE or (w.endswith("ly") and len(w) > 4)
