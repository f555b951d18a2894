"""The pure clustering rules: near-duplicate signatures, pair scores, components."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from tasks.core import clustering as cl

STORY = (
    "Firefighters battled a blaze at a textile warehouse on the edge of the industrial zone for most of the night,"
    " and the owners said stock worth millions had been lost. Residents of nearby streets were moved to a school"
    " hall while crews kept the flames from spreading to a fuel depot next door. The cause of the fire was not yet"
    " known, the fire service said, and an inspection team would visit the site once the ruins had cooled. Workers"
    " gathered at the gates in the morning asking whether they would be paid for the weeks of repairs ahead."
)
OTHER = (
    "The city council approved a new budget for libraries and parks on Thursday after a long debate about the cost"
    " of repairing old buildings. Several members asked for more money for youth programmes and for longer opening"
    " hours in the summer, and the mayor promised a review of the spending plan before the end of the year."
)


def _sig(doc_id: str, text: str) -> cl.Signature:
    return cl.make_signature(doc_id, text)


def test_a_copy_with_a_trimmed_tail_is_a_near_duplicate() -> None:
    trimmed = STORY.rsplit(" Workers gathered", 1)[0]
    assert cl.containment(_sig("a", STORY), _sig("b", "Warehouse fire: stock lost\n" + trimmed)) >= 0.8
    assert cl.containment(_sig("a", STORY), _sig("c", OTHER)) < 0.2


def test_near_duplicates_share_an_lsh_band_and_others_do_not() -> None:
    a, b = cl.band_buckets(_sig("a", STORY)), cl.band_buckets(_sig("b", "New headline. " + STORY))
    assert set(a) & set(b)
    assert not set(a) & set(cl.band_buckets(_sig("c", OTHER)))


def test_signature_round_trips_through_bytes() -> None:
    sig = _sig("a", STORY)
    back = cl.Signature.from_bytes("a", sig.to_bytes(), sig.n_shingles)
    assert cl.containment(sig, back) == 1.0


def test_a_stub_is_never_a_near_duplicate() -> None:
    assert cl.band_buckets(_sig("a", "Breaking news from the city")) == []


def test_the_original_is_the_earliest_published_copy() -> None:
    t = dt.datetime(2026, 3, 3, tzinfo=dt.UTC)
    copies = {"a": cl.Copy("a", t + dt.timedelta(hours=2)), "b": cl.Copy("b", t), "c": cl.Copy("c", None)}
    found = cl.pick_originals(copies, [("a", "b", 0.9), ("a", "c", 0.95), ("b", "c", 0.9)])
    assert found == {"a": ("b", 0.9), "c": ("b", 0.9)}


DAY = dt.date(2026, 3, 3)
BOMB = cl.EventFeatures(
    "x1",
    DAY,
    "Explosions/Remote violence",
    "PK",
    "Khyber Pakhtunkhwa",
    "Peshawar",
    34.0,
    71.58,
    7,
    20,
    None,
    frozenset({"kashif abbasi", "lady reading hospital"}),
    frozenset({"bomb", "market", "peshawar", "explosion", "car", "vegetable", "wounded", "hospital"}),
)


def _like(base: cl.EventFeatures, **changes: object) -> cl.EventFeatures:
    values = {f: getattr(base, f) for f in base.__slots__} | changes  # type: ignore[attr-defined]
    return cl.EventFeatures(**values)  # type: ignore[arg-type]


def test_another_outlets_report_a_day_later_with_a_higher_toll_links() -> None:
    later = _like(BOMB, doc_id="x2", day=DAY + dt.timedelta(days=1), killed=11, injured=19)
    found = cl.score_pair(BOMB, later)
    assert found is not None and "near_date" in found[1] and "counts" in found[1]


def test_pairs_that_cannot_be_one_event() -> None:
    assert cl.score_pair(BOMB, _like(BOMB, doc_id="y", day=DAY + dt.timedelta(days=3))) is None  # days apart
    assert cl.score_pair(BOMB, _like(BOMB, doc_id="y", country="AF", place="Kabul")) is None  # another country
    weak = _like(BOMB, doc_id="y", event_type="Protests", names=frozenset(), keywords=frozenset({"market"}))
    assert cl.score_pair(BOMB, weak) is None  # incompatible types and little else in common
    far = _like(BOMB, doc_id="y", place="Quetta", admin1="Balochistan", lat=30.19, lon=67.0)
    assert cl.score_pair(BOMB, far) is None  # two places 600 km apart


def test_a_different_incident_in_the_same_city_and_day_does_not_link() -> None:
    shooting = _like(
        BOMB, doc_id="y", event_type="Violence against civilians", killed=1, injured=None,
        names=frozenset({"naveed durrani", "peshawar bar association"}),
        keywords=frozenset({"lawyer", "gunmen", "motorcycle", "peshawar", "court", "strike"}),
    )  # fmt: skip
    assert cl.score_pair(BOMB, shooting) is None


def test_unknown_fields_neither_link_nor_crash() -> None:
    bare = cl.EventFeatures("z", DAY)
    assert cl.score_pair(BOMB, bare) is None
    assert cl.score_pair(bare, cl.EventFeatures("w", None)) is None


features = st.builds(
    cl.EventFeatures,
    doc_id=st.text("abcdef", min_size=1, max_size=4),
    day=st.one_of(st.none(), st.dates(DAY, DAY + dt.timedelta(days=3))),
    event_type=st.sampled_from([None, "Battles", "Protests", "Explosions/Remote violence", "Strategic developments"]),
    country=st.sampled_from([None, "PK", "KE"]),
    place=st.sampled_from([None, "Peshawar", "Nairobi"]),
    killed=st.one_of(st.none(), st.integers(0, 50)),
    keywords=st.frozensets(st.sampled_from(["bomb", "market", "protest", "tax", "court"]), max_size=4),
)


@given(features, features)
def test_score_pair_is_symmetric(a: cl.EventFeatures, b: cl.EventFeatures) -> None:
    assert cl.score_pair(a, b) == cl.score_pair(b, a)


@settings(max_examples=60)
@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=25), st.randoms())
def test_components_do_not_depend_on_order(edges: list[tuple[int, int]], rnd: random.Random) -> None:
    links = [(f"d{min(a, b):02d}", f"d{max(a, b):02d}", 1.0, "x") for a, b in edges if a != b]
    members = [f"d{i:02d}" for i in range(13)]
    first = cl.components(members, links)
    shuffled_links, shuffled_members = links[:], members[:]
    rnd.shuffle(shuffled_links)
    rnd.shuffle(shuffled_members)
    again = cl.components(shuffled_members, shuffled_links)
    assert [(m.doc_id, m.cluster_id) for m in first] == [(m.doc_id, m.cluster_id) for m in again]
    for m in first:
        assert m.cluster_id <= m.doc_id
    assert {m.doc_id for m in first} == set(members)


def test_find_links_only_compares_nearby_days() -> None:
    far = _like(BOMB, doc_id="x9", day=DAY + dt.timedelta(days=5))
    same = _like(BOMB, doc_id="x2")
    links = cl.find_links([BOMB], [far, same])
    assert [(a, b) for a, b, _, _ in links] == [("x1", "x2")]


def test_a_report_with_no_stated_date_can_be_about_the_days_before_it() -> None:
    follow_up = _like(BOMB, doc_id="x3", day=DAY + dt.timedelta(days=3), undated=True)
    assert cl.score_pair(BOMB, follow_up) is not None  # published three days later, stating no date
    assert cl.score_pair(BOMB, _like(follow_up, undated=False)) is None  # stating that later day: another event
    assert cl.score_pair(BOMB, _like(follow_up, day=DAY - dt.timedelta(days=2))) is None  # published before it
    links = cl.find_links([follow_up], [BOMB])
    assert [(a, b) for a, b, _, _ in links] == [("x1", "x3")]


def test_find_links_scores_no_pair_of_two_known_countries(monkeypatch) -> None:  # noqa: ANN001
    """Blocking by country: two documents of two known countries never link, so they are never scored; one of
    no known country is scored against every country."""
    abroad = _like(BOMB, doc_id="x2", country="AF")
    unknown = _like(BOMB, doc_id="x3", country=None)
    scored: list[set[str]] = []
    score = cl.score_pair

    def spy(a: cl.EventFeatures, b: cl.EventFeatures) -> tuple[float, str] | None:
        scored.append({a.doc_id, b.doc_id})
        return score(a, b)

    monkeypatch.setattr(cl, "score_pair", spy)
    cl.find_links([BOMB], [abroad, unknown])
    assert scored == [{"x1", "x3"}]
    scored.clear()
    cl.find_links([unknown], [BOMB, abroad])
    assert sorted(map(sorted, scored)) == [["x1", "x3"], ["x2", "x3"]]
