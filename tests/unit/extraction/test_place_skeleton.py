"""Transliteration skeletons: a name spelt in another romanisation than the gazetteer's ("Kan Sheikhun" for Khan
Shaykhun, "Sangeen" for Sangin) is found by its skeleton when the exact and the corrected lookups miss it, with a
cue, and only in a country the text evidences otherwise."""

from __future__ import annotations

import pytest

from tasks.core.extraction.gazetteer import load_gazetteer, normalise_key, skeleton
from tests.unit.extraction.helpers import figures_of as figures


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Khan Shaykhun", "Kan Sheikhoun"),  # kh/k, ay/ei, u/ou
        ("Qal'at al-Madiq", "Kalaat el Madik"),  # q/k, the article, doubled vowels
        ("Idlib", "Edleb"),  # kasra and fatha swapped, the first letter too
        ("Wadi Halfa", "Oued Halfa"),  # the French "Oued"
        ("Ghor", "Ghowr"),  # a "w" that is part of the vowel
    ],
)
def test_romanisations_share_a_skeleton(a: str, b: str) -> None:
    assert skeleton(normalise_key(a)) == skeleton(normalise_key(b))


@pytest.mark.parametrize(("a", "b"), [("Sangin", "Sengal"), ("Hama", "Homs")])
def test_different_names_do_not(a: str, b: str) -> None:
    assert skeleton(normalise_key(a)) != skeleton(normalise_key(b))


def test_a_skeleton_is_tried_only_when_the_spelling_is_unknown() -> None:
    gaz = load_gazetteer()
    assert not gaz.lookup("Kan Sheikhun") and not gaz.lookup_fuzzy("Kan Sheikhun")
    assert "SY" in {c.entry.country_code for c in gaz.lookup_skeleton("Kan Sheikhun")}


@pytest.mark.parametrize(
    ("text", "place", "admin1"),
    [
        ("Government forces shelled Kan Sheikhun in Idlib province, Syria, on Tuesday.", "Khān Shaykhūn", "Idlib"),
        ("Taliban fighters attacked a police checkpoint in Sangeen district of Helmand province.", "Sangin", "Helmand"),
        (
            "Syrian Democratic Forces said airstrikes hit Hajeen on Monday, killing three civilians.",
            "Hajīn",
            "Deir ez-Zor",
        ),
    ],
)
def test_a_variant_spelling_in_an_evidenced_country_is_found(text: str, place: str, admin1: str) -> None:
    f = figures(text)
    assert (f.event_place, f.event_admin1) == (place, admin1)


def test_a_skeleton_match_with_no_evidence_of_its_country_names_nothing() -> None:
    f = figures("Gunmen attacked a checkpoint in Hajeen on Monday.")
    assert (f.event_place, f.event_country) == (None, None)


def test_an_organisation_is_never_read_by_its_skeleton() -> None:
    """ "the High Court" has the skeleton of a Belgian village; NER's organisations stay organisations."""
    from tasks.core.extraction.place_mentions import is_misfiled_place

    text = "A man admitted fire-raising at the High Court in Glasgow on Monday."
    start = text.index("High Court")
    assert load_gazetteer().lookup_skeleton("High Court")  # the premise
    assert not is_misfiled_place(text, "ORG", start, start + len("High Court"))
