"""word_matches must return exactly what finditer returns for the same pattern with a leading \\b."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tasks.core.extraction.scan import word_matches, word_pattern

LEXICON = r"attack(?:s|ed)?|air ?strikes?|(?<!anti-)riots?|killed|_x|é\w*|\d+ dead"


def _spans(matches):
    return [(m.start(), m.end(), m.group()) for m in matches]


def test_only_matches_at_word_starts():
    text = "counterattack; attacked. reattacks-attacks riots anti-riots 12 dead x112 dead 112 dead"
    found = [m.group() for m in word_matches(word_pattern(LEXICON), text)]
    assert found == ["attacked", "attacks", "riots", "12 dead", "112 dead"]


def test_a_match_inside_a_word_does_not_hide_a_later_one():
    # "xairstrike" matches inside a word; the valid "air strikes" that follows must still be found
    assert [m.group() for m in word_matches(word_pattern("air ?strikes?|strikes"), "xairstrike strikes")] == ["strikes"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="attckedairs riotnl-_é0129 .x", max_size=80), st.integers(0, 5))
def test_equivalent_to_a_leading_word_boundary(text, pos):
    reference = re.compile(rf"\b(?:{LEXICON})")
    assert _spans(word_matches(word_pattern(LEXICON), text, pos)) == _spans(reference.finditer(text, pos))
