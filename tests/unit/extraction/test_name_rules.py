"""People found by rules where spaCy's small model is weak, and names read anywhere in a long article."""

from __future__ import annotations

import datetime as dt

from tasks.core.extraction import extract_fields, mask_for_ner
from tasks.core.extraction.name_rules import find_aged_people, find_identified_people, find_titled_people
from tasks.core.extraction.sentences import split_sentences


def spans(text: str, found: object) -> list[str]:
    return [text[a:b] for a, b in found]  # type: ignore[attr-defined]


def test_titled_names() -> None:
    text = "Mr Okonkwo said the spokesman Tom Ahern and Sheriff Ed Gonzalez had met Maj. Gen. Ivan Petrov."
    assert spans(text, find_titled_people(text)) == ["Okonkwo", "Tom Ahern", "Ed Gonzalez", "Ivan Petrov"]


def test_names_with_ages_alone_and_in_lists() -> None:
    text = "Darnell Price, 23, Kevin Ortiz, 20, and Jamal Reed, 19, were charged. Luis Herrera, 21, of Humble, died."
    found = list(find_aged_people(text))
    assert [text[a:b] for (a, b), _ in found] == ["Darnell Price", "Kevin Ortiz", "Jamal Reed", "Luis Herrera"]
    assert [text[h[0] : h[1]] for _, h in found if h] == ["Humble"]


def test_words_that_are_no_names_are_not_taken() -> None:
    text = "On Monday, 23, people gathered. The Police, 40, said nothing. Mr The said."
    assert list(find_aged_people(text)) == [] and list(find_titled_people(text)) == []


def people(text: str) -> set[str]:
    fields = extract_fields(text, language="en", published_at=None, reference_date=dt.date(2026, 12, 1))
    for e in fields.entities:
        assert text[e.char_start : e.char_end] == e.text
    return {e.name for e in fields.entities if e.kind == "PERSON"}


FILLER = "The council met again on the matter of the road, and the budget was discussed at length by members. " * 22


def test_a_person_named_only_late_in_a_long_article_is_found() -> None:
    text = (
        "Heavy rain flooded the lower town on Sunday and the river rose above its banks.\n"
        + FILLER
        + "\nThe works were overdue, said Anita Lindqvist, who chairs the residents' association."
    )
    assert len(text) > 2000
    assert "Anita Lindqvist" in people(text)


def test_a_late_sentence_with_only_lower_case_words_is_still_not_read() -> None:
    text = "Rain fell.\n" + FILLER + "\nit was quiet after that in the town, and everyone went home."
    sentences = split_sentences(text)
    masked = mask_for_ner(text, sentences, frozenset())
    assert "everyone went home" not in masked


def test_rules_find_people_in_a_court_report() -> None:
    text = (
        "Two men charged over stabbing\nDaniel Hartley, 19, of Harehills, and Marcus Bell, 22, of Chapeltown, "
        "will appear in court on Tuesday. Mr Hartley was arrested on Friday."
    )
    found = people(text)
    assert {"Daniel Hartley", "Marcus Bell"} <= found
    assert "Harehills" not in found


def test_a_name_with_a_particle_is_one_person() -> None:
    text = "Relatives held photographs. Randy delos Santos said the families would wait."
    assert "Randy delos Santos" in people(text)


def test_names_given_by_identified_as_with_their_home_place() -> None:
    text = (
        "The coroner identified the woman as Nadia Pruitt of Kettering. Police later identified the 30-year-old "
        "driver as Owen Castle, 30, from Riverside. The man was named as Felix Drummond."
    )
    found = list(find_identified_people(text))
    assert [text[a:b] for (a, b), _ in found] == ["Nadia Pruitt", "Owen Castle", "Felix Drummond"]
    assert [text[h[0] : h[1]] for _, h in found if h] == ["Kettering", "Riverside"]
    assert list(find_identified_people("Nobody was identified as responsible.")) == []


def test_a_victim_named_with_a_home_place_is_a_person_and_the_place_is_not() -> None:
    text = (
        "A man was shot dead on Friday night. The county coroner identified the man as Nadia Pruitt of Kettering. "
        "A neighbour, Councilwoman Rhoda Vance, said the street had been quiet. The suspect, Calvin Oakes, 22, "
        "of Centerville, was arrested."
    )
    found = people(text)
    assert {"Nadia Pruitt", "Rhoda Vance", "Calvin Oakes"} <= found
    assert not found & {"Kettering", "Centerville", "Councilwoman Rhoda Vance", "Nadia Pruitt of Kettering"}
