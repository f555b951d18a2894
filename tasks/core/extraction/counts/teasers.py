"""Headlines of other stories that a web page carries inside its text: their counts are not the document's.

News pages scraped whole keep the links to other stories, each a headline after a label: "RELATED: Two teens
shot near a park", "READ MORE: ...", "More: Three shot, including officer, in ...", "See also: ...", "In other
news: ...", "WATCH: ...", "Also in <region>: ..." (a list of headlines), "RELATED COVERAGE", and the caption of a
video player, which opens with its "CLOSE" button ("CLOSE A helicopter that crashed Sunday ..., killing all five
aboard"). A teaser runs from its label to the end of the label's sentence, or to where the article's own prose
resumes without a full stop ("... east of downtown The victim walked to a gas station": a lower-case word, then a
capitalised sentence opener), and at most `_REACH` characters. `drop_teasers` drops the claims whose figure (or
trigger, for a claim with no figure) lies in a teaser. A label in running prose ("read more about it") is no label:
labels are capitalised and end with a colon, or are written in capitals.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from tasks.core.extraction.model import Count, Sentence

_LABEL = re.compile(
    r"(?:\b(?:RELATED|Related|READ MORE|Read more|Read More|MORE|More|SEE ALSO|See also|See Also|In other news"
    r"|IN OTHER NEWS|WATCH|Watch|TRENDING|Trending|Also in [A-Z][\w .'-]{0,40}?)\s*:"
    r"|\bRELATED (?:COVERAGE|LINKS|STORIES|CONTENT)\b|\bRelated (?:Coverage|Links|Stories|Content)\b"
    r"|\bAlso in (?=[A-Z])|\bCLOSE(?= [A-Z]))"
)
_RESUMES = re.compile(
    r"\b[a-z][\w'’-]* (?=(?:The|A|An|He|She|They|It|Police|Officers|Authorities|Investigators|Deputies|Witnesses)\s)"
)
_REACH = 400  # characters after a label that its headlines may run


def teaser_spans(text: str, sentences: Sequence[Sentence]) -> list[tuple[int, int]]:
    """The (start, end) offsets of the other stories' headlines in `text`."""
    spans: list[tuple[int, int]] = []
    starts = [s.char_start for s in sentences]  # in text order
    for m in _LABEL.finditer(text):
        at = bisect_right(starts, m.start()) - 1
        inside = at >= 0 and m.start() < sentences[at].char_end
        sentence_end = sentences[at].char_end if inside else len(text)
        end = min(sentence_end, m.end() + _REACH)
        resumed = _RESUMES.search(text, m.end(), end)
        spans.append((m.end(), resumed.end() if resumed else end))
    return spans


def drop_teasers(text: str, sentences: Sequence[Sentence], counts: list[Count]) -> list[Count]:
    """The claims outside other stories' headlines (see the module docstring)."""
    if not counts:
        return counts
    spans = teaser_spans(text, sentences)
    if not spans:
        return counts
    starts = [start for start, _ in spans]  # in text order; one overlapping an earlier one ends no sooner
    out = []
    for c in counts:
        at = c.number_start if c.number_start is not None else c.trigger_start
        k = bisect_right(starts, at) - 1
        if not (k >= 0 and at < spans[k][1]):
            out.append(c)
    return out
