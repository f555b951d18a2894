"""People and organisations: titles, demonyms, possessives, surname-only mentions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tasks.core.extraction.entities import extract_entities
from tasks.core.extraction.model import Entity, Sentence
from tasks.core.extraction.nlp import load_nlp, parse_doc

SEED = (Path(__file__).resolve().parents[3] / "seeds" / "000_f0b822bff615e880.txt").read_text()


def split_sentences(text: str) -> list[Sentence]:
    """A crude splitter for test input (the real one lives in sentences.py)."""
    spans = [m.span() for m in re.finditer(r"[^\n.!?]+(?:[.!?]+|$)", text, re.M) if m.group().strip()]
    return [Sentence(i, s, e) for i, (s, e) in enumerate(spans)]


def entities_of(text: str) -> list[Entity]:
    return extract_entities(parse_doc(text), split_sentences(text))


def names(text: str, kind: str) -> set[str]:
    return {e.name for e in entities_of(text) if e.kind == kind}


def test_pipeline_keeps_only_ner() -> None:
    assert load_nlp().pipe_names == ["ner"]
    assert load_nlp() is load_nlp()


def test_seed_article_people_and_organisations() -> None:
    found = entities_of(SEED)
    people = {e.name for e in found if e.kind == "PERSON"}
    orgs = {e.name for e in found if e.kind == "ORG"}
    assert people == {"Emomali Rahmon", "Kodiri Kosim", "Tolib Ayombekov", "Abdullo Nazarov"}
    assert orgs == {"Tajikistan National Security Committee", "United Nations"}
    for e in found:
        assert SEED[e.char_start : e.char_end] == e.text
    later = [e for e in found if e.text == "Nazarov"]
    assert later and later[0].name == "Abdullo Nazarov"
    sentences = split_sentences(SEED)
    assert SEED[sentences[later[0].sentence_index].char_start :].startswith("Tajik opposition")


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("Prime Minister Narendra Modi met President Joe Biden on Monday.", "PERSON", {"Narendra Modi", "Joe Biden"}),
        (
            "The Kremlin said Russian President Vladimir Putin would meet Lt. Gen. Yevgeny Prigozhin.",
            "PERSON",
            {"Vladimir Putin", "Yevgeny Prigozhin"},
        ),
        (
            "Rebels loyal to warlord Joseph Kony attacked the village, the United Nations Children's Fund said.",
            "ORG",
            {"United Nations Children's Fund"},
        ),
        (
            "Hamas said Israeli strikes killed 20 people; the Israel Defense Forces said it targeted militants.",
            "ORG",
            {"Hamas", "Israel Defense Forces"},
        ),
        ("Modi's visit was praised by the Indian Foreign Ministry.", "ORG", {"Indian Foreign Ministry"}),
        ("Soldiers fired on protesters in Bamako on Friday.", "ORG", set()),
        ("Police in Karachi said the blast killed four people.", "ORG", set()),
    ],
)
def test_names_are_clean(text: str, kind: str, expected: set[str]) -> None:
    assert names(text, kind) == expected


def test_short_mentions_take_the_full_name() -> None:
    text = "Russian President Vladimir Putin met Dmitry Peskov. Putin's spokesman later said Putin was satisfied."
    found = [e for e in entities_of(text) if e.kind == "PERSON"]
    assert [e.name for e in found if e.text == "Putin"] == ["Vladimir Putin", "Vladimir Putin"]
    assert all(not e.name.endswith("'s") for e in found)


def test_demonyms_are_not_people() -> None:
    text = "Tajik authorities said Afghan and Russian officials would attend the talks."
    assert names(text, "PERSON") == set()
    assert names(text, "ORG") == set()


def test_empty_text() -> None:
    assert entities_of("") == []
