"""Rule-based sentence splitting: exact offsets, abbreviations, quotes, decimals, paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tasks.core.extraction.sentences import split_sentences

SEED = (Path(__file__).resolve().parents[3] / "seeds" / "000_f0b822bff615e880.txt").read_text()


def texts(text: str) -> list[str]:
    return [text[s.char_start : s.char_end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The group killed Maj. Gen. Abdullo Nazarov on June 21. His car was stopped.",
            ["The group killed Maj. Gen. Abdullo Nazarov on June 21.", "His car was stopped."],
        ),
        (
            "Mr. Smith and Dr. Jones met Gov. Brown. They agreed.",
            ["Mr. Smith and Dr. Jones met Gov. Brown.", "They agreed."],
        ),
        (
            "Troops from the U.S. Army arrived. The U.N. Security Council met.",
            ["Troops from the U.S. Army arrived.", "The U.N. Security Council met."],
        ),
        (
            "The attack was condemned by the U.S. The talks resumed later.",
            ["The attack was condemned by the U.S.", "The talks resumed later."],
        ),
        (
            "He lives at No. 5 Green Street. Police were called.",
            ["He lives at No. 5 Green Street.", "Police were called."],
        ),
        (
            "Inflation rose 3.5 percent in May. Prices fell 0.2 points.",
            ["Inflation rose 3.5 percent in May.", "Prices fell 0.2 points."],
        ),
        (
            "John F. Kennedy was shot in 1963. The nation mourned.",
            ["John F. Kennedy was shot in 1963.", "The nation mourned."],
        ),
        (
            "“We will not leave,” said one protester. “Never.” Police moved in.",
            ["“We will not leave,” said one protester.", "“Never.”", "Police moved in."],
        ),
        (
            "“The ceasefire would allow us to search for wounded.” Kosim said so.",
            ["“The ceasefire would allow us to search for wounded.”", "Kosim said so."],
        ),
        (
            "Was it an accident? Nobody knows! Officials declined to comment.",
            ["Was it an accident?", "Nobody knows!", "Officials declined to comment."],
        ),
        (
            "The blast hit at 7 a.m. on Monday. Rescuers arrived at 8 a.m. The toll rose.",
            ["The blast hit at 7 a.m. on Monday.", "Rescuers arrived at 8 a.m.", "The toll rose."],
        ),
        (
            "Headline without a stop\nFirst sentence here. Second one.\n\nNew paragraph",
            ["Headline without a stop", "First sentence here.", "Second one.", "New paragraph"],
        ),
        (
            "Lt. Col. Ahmed and Sgt. Ali were wounded (both in hospital). Two died.",
            ["Lt. Col. Ahmed and Sgt. Ali were wounded (both in hospital).", "Two died."],
        ),
        (
            "Rebels seized arms, e.g. rifles and mortars. The army denied it.",
            ["Rebels seized arms, e.g. rifles and mortars.", "The army denied it."],
        ),
        (
            "The vote was 12 vs. 3 in favour. 2,000 people marched.",
            ["The vote was 12 vs. 3 in favour.", "2,000 people marched."],
        ),
        (
            "He said he would wait... Then he left.",
            ["He said he would wait...", "Then he left."],
        ),
        ("Sept. 11 changed everything. Jan. 6 too.", ["Sept. 11 changed everything.", "Jan. 6 too."]),
        ("", []),
        ("   \n\n  ", []),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_offsets_are_exact_on_the_seed() -> None:
    seed_text = SEED
    sentences = split_sentences(seed_text)
    assert len(sentences) == 13
    assert [s.index for s in sentences] == list(range(13))
    first, sixth = sentences[0], sentences[6]
    assert seed_text[first.char_start : first.char_end].startswith("Tajik President Emomali")
    assert seed_text[first.char_start : first.char_end].endswith("said on Wednesday.")
    assert seed_text[sixth.char_start : sixth.char_end] == (
        "The group is believed to be behind the murder of Maj. Gen. Abdullo Nazarov, chief of the "
        "Tajikistan National Security Committee regional office, on June 21."
    )
    assert all(a.char_end <= b.char_start for a, b in zip(sentences, sentences[1:], strict=False))


@given(st.text(alphabet="ab .!?\n“”\"'U.S", max_size=80))
def test_spans_are_ordered_trimmed_and_non_empty(text: str) -> None:
    previous_end = 0
    for sentence in split_sentences(text):
        chunk = text[sentence.char_start : sentence.char_end]
        assert chunk and chunk == chunk.strip()
        assert "\n" not in chunk
        assert sentence.char_start >= previous_end
        previous_end = sentence.char_end
