"""Which resolved place mentions are kept (`places.extract_places`), and the containment and country-evidence tests
the resolution shares. Dropped: seats of power used as actors ("Beijing said"); a country named as its troops
abroad ("US drones" against al-Shabaab, `place_context.is_foreign_force`); neighbourhoods of another country's
city ("Toronto's Scarborough" with no Canadian Scarborough); names a ", Qualifier" or "X area of Y" puts outside
the candidate's region, country or city ("Numan, Idleb"), or in a district of another admin-1 region ("Dass,
Hawul"); small homonyms far from the story ("Yoro" in Japan in a story about Mali): a place under 150,000 people
(any corrected spelling) abroad, when the text's country evidence (demonyms, forces, the other places; a region
worth two) points elsewhere at least twice, or once for a place
under 15,000, a corrected spelling, a name that is only an alternate name of the place or a district's name
without its type word or a town named as a region ("Nyanza region" for Rwanda's Nyanza in a Kenyan story). A
neighbour's name that could be in the place's country too ("X township near Berlin") is no evidence against it; a
cross-border group's countries all count as backed. A corrected spelling with no evidence at all names a place of
100,000+ or none. With no evidence of the place's own country, these name nothing: an alternate name of 4 letters
or fewer ("Tur" for Tours) or of a village under 15,000; a word of 2-4 capitals (an acronym, "SAI") for a place
not written so; a corrected spelling under 7 letters, or a corrected spelling of one of the place's alternate names.
A name found only by its transliteration skeleton
("Kan Sheikhoun" for Khan Shaykhun, `gazetteer.skeleton`) names a place only in a country the text otherwise
evidences.
Also dropped: a region named only by a compass word ("Northeast", "West": Iceland's regions) with nothing else of
its country in the text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from tasks.core.extraction.gazetteer import GazEntry, load_gazetteer, normalise_key
from tasks.core.extraction.place_context import find_forces, is_foreign_force
from tasks.core.extraction.place_mentions import PART_OF, Mention, relinked
from tasks.core.geo import km_between

REPORTING = re.compile(
    r"^\s+(?:has\s+|had\s+|have\s+)?(?:said|says|say|accused|accuses|denied|denies|warned|warns|"
    r"announced|announces|insisted|insists|rejected|rejects|condemned|condemns|urged|urges|"
    r"claimed|claims|threatened|blamed|responded|demanded|vowed|signalled|signaled)\b"
)
COMPASS_NAME = re.compile(
    r"(?i)^(?:far\s+)?(?:north|south|east|west|central|centre|center|mid)(?:[\s-]?(?:north|south|east|west))?"
    r"(?:ern)?(?:\s+(?:district|region|province))?$"
)
OUTLIER_POPULATION = 150_000  # smaller places far from the story's country are homonyms
LIST_ON = re.compile(r",?\s+(?:and|or)\s+[A-Z]|,\s*[A-Z]")
TOWN_POPULATION = 15_000  # a namesake this small abroad loses to any evidence of the story's country
FUZZY_ALONE_POPULATION = 100_000  # a corrected spelling with no context names a place this big, or none
NEXT_TO = 30  # characters between two names read as neighbours ("X township near Berlin")
SHORT_ALIAS = 4  # an alternate name this short ("Tur" for Tours) names its place only with its country's evidence
ACRONYM = 4  # a word this short in capitals ("SAI", "SWAT") is an acronym; longer, a dateline or a heading
REHOME_KM = 60  # a boundary unit this near the region the text puts it in is in that region
FUZZY_ALONE_LETTERS = 7  # a corrected spelling with no evidence of its country is this long, or names nothing


def contains(outer: GazEntry, inner: GazEntry) -> bool:
    """Whether region or country `outer` contains `inner` (never itself)."""
    if outer.country_code is None or outer.country_code != inner.country_code or outer is inner:
        return False
    if outer.kind == "B":
        return inner.admin2_row == outer.row
    return outer.kind == "C" or (outer.kind == "A" and inner.kind != "C" and outer.admin1_code == inner.admin1_code)


def evidence(ctx: Counter, code: str | None, alike: dict[str, str]) -> float:
    """The country evidence for `code`; a cross-border group's other countries get its home country's."""
    return ctx.get(code, 0) or (ctx.get(alike[code], 0) if code in alike else 0)


def kept(mentions: list[Mention], demonyms: Counter, text: str, alike: dict[str, str]) -> list[Mention]:
    """Drop seats of power used as actors ("Beijing said"), neighbourhoods of another country's
    city ("Toronto's Scarborough" with no Canadian Scarborough) and small homonyms far from the
    story ("Yoro" in Japan in a story about Mali)."""
    out, index = [], {}
    for i, m in enumerate(mentions):
        e = m.best.entry if m.best else None
        if e is None or (e.capital and REPORTING.match(text[m.end : m.end + 30])):
            continue
        if _bare_compass(text[m.start : m.end], e, mentions, demonyms, alike):
            continue  # "shot in Northwest Atlanta", "the West": Iceland's regions, only with Iceland's evidence
        if e.kind == "C" and e.country_code and is_foreign_force(text, m.end, e.country_code, find_forces(text)):
            continue  # "US drone strikes on al-Shabaab": the troops' country, not the scene
        owner = mentions[m.owner].best if m.owner is not None else None
        if owner is not None and owner.entry.kind != "C" and owner.entry.country_code != e.country_code:
            continue
        qualifier = mentions[m.qualifier].best if m.qualifier is not None else None
        if qualifier is not None and _outside(qualifier.entry, e) and not _listed_on(text, m, mentions[m.qualifier]):
            if not _rehome(m, qualifier.entry, mentions):
                continue  # "Numan, Idleb", "Highfields, Harare": a namesake outside the place the text puts it in
            e = m.best.entry  # type: ignore[union-attr]  # re-homed under the text's region
        if qualifier is not None and _part_elsewhere(text, m, mentions[m.qualifier], e):
            continue  # "the Mission district of Fresno" read in another state: a part of town the gazetteer lacks
        ctx = Counter(demonyms)
        for n in mentions:  # a spelling correction is no evidence; a region named is worth two places; a name
            # that could be in e's country too is none against it ("X township near Berlin": South Africa's Berlin)
            if n.best and n.key != m.key and not n.best.fuzzy and n.best.entry is not e and not _could_be(n, m, e):
                ctx[n.best.entry.country_code] += 2 if n.best.entry.kind == "A" else 1
        fuzzy = m.best.fuzzy  # type: ignore[union-attr]  # resolved above
        small = e.kind in ("P", "A", "B") and (fuzzy or (e.kind != "A" and e.population < OUTLIER_POPULATION))
        top = ctx.most_common(1)
        alias = e.kind == "P" and m.key != normalise_key(e.name)  # "Victoria" for Hong Kong
        # a district by its name without the type word, or a town the text calls a region ("Nyanza region")
        weak = m.best.weak or (e.kind == "P" and m.cue == "admin")  # type: ignore[union-attr]
        needed = 1 if fuzzy or alias or weak or (e.kind != "A" and e.population < TOWN_POPULATION) else 2
        backed = evidence(ctx, e.country_code, alike)
        if m.best.skeleton and not backed:  # type: ignore[union-attr]  # a transliteration's guess: its country only
            continue
        if small and not m.dateline and top and top[0][1] >= needed and not backed:
            continue
        if fuzzy and e.kind == "P" and not top and e.population < FUZZY_ALONE_POPULATION:
            continue  # a corrected spelling with nothing else in the text to back it
        if alias and not m.dateline and top and top[0][1] >= 2 and not backed:
            continue
        if alias and not m.dateline and _alias_elsewhere(m, e, mentions):
            continue
        if _unbacked_namesake(m, e, text, alias, bool(backed)):
            continue
        index[i] = len(out)
        out.append(m)
    return relinked(out, index)


def _rehome(m: Mention, region: GazEntry, mentions: list[Mention]) -> bool:
    """A boundary unit (no GeoNames id, population not known: its admin-1 and admin-2 are only the majority of the
    places inside it) that the text puts in a region of its country it is not filed under, and that lies within
    REHOME_KM of the region's point or of a place or district of that region the text names ("Koabagou (Kerou,
    Atacora)"): the text knows the hierarchy better. The unit takes the region, and the named district."""
    e = m.best.entry if m.best else None
    if e is None or e.kind != "P" or e.geonameid is not None or e.population or e.lat is None:
        return False
    if region.kind not in ("A", "B") or region.country_code != e.country_code:
        return False
    inside = [n.best.entry for n in mentions if n.best and n is not m and contains(region, n.best.entry)]
    near = [
        a
        for a in [region, *inside]
        if a.kind in ("A", "B", "P") and a.lat is not None and km_between(a.lat, a.lon, e.lat, e.lon) <= REHOME_KM
    ]
    if not near:
        return False
    district = next((a.row if a.kind == "B" else a.admin2_row for a in near if a.kind != "A"), -1)
    admin1 = region.row if region.kind == "A" else region.admin1_row
    entry = replace(e, admin1_code=region.admin1_code, admin1_row=admin1, admin2_row=district)
    m.best = replace(m.best, entry=entry)  # type: ignore[arg-type]  # resolved above
    return True


def _alias_elsewhere(m: Mention, e: GazEntry, mentions: list[Mention]) -> bool:
    """A town read by another town's alias in one admin-1 region, while two or more of the text's other places
    lie in the country's one other region ("Cold Creek", an old name of an Ohio village, in a story about
    Las Vegas, Indian Springs and Nevada): a local name the gazetteer does not know, not that town. US places
    only: there GeoNames' other names are old names and nicknames; elsewhere they are mostly transliterations
    ("Maragha"), and a region apart is no reason to doubt them."""
    if e.country_code != "US":
        return False
    others = [
        n.best.entry
        for n in mentions
        if n.best and n.key != m.key and n.best.entry.country_code == e.country_code and n.best.entry.kind in "PAB"
    ]
    regions = {o.admin1_code for o in others}
    names = {o.geonameid for o in others}
    return len(names) >= 2 and len(regions) == 1 and None not in regions and e.admin1_code not in regions


def _bare_compass(name: str, e: GazEntry, mentions: list[Mention], demonyms: Counter, alike: dict[str, str]) -> bool:
    """A region named only by a compass word ("Northeast", "West", "Central District": regions of Iceland,
    Israel, Botswana) with nothing else in the text of its country: a direction, not that region."""
    if e.kind not in ("A", "B") or not COMPASS_NAME.match(name):
        return False
    others = [n for n in mentions if n.best and n.best.entry is not e and not COMPASS_NAME.match(n.key)]
    return not evidence(demonyms, e.country_code, alike) and all(
        n.best.entry.country_code != e.country_code  # type: ignore[union-attr]  # filtered above
        for n in others
    )


def _could_be(n: Mention, m: Mention, e: GazEntry) -> bool:
    """Whether mention `n`, named right beside `m` ("X township near Berlin") and resolved to another country
    than `m`'s `e`, has a candidate in `e`'s country too: a neighbour's name, no evidence against `e`."""
    if n.best is None or n.best.entry.country_code == e.country_code or max(n.start - m.end, m.start - n.end) > NEXT_TO:
        return False
    return any(c.entry.country_code == e.country_code for c in n.candidates)


def _listed_on(text: str, m: Mention, q: Mention) -> bool:
    """A qualifier followed by more of a list ("Cotonou, Dakar and Bamako"): no qualifier, unless the text
    says the one is part of the other ("X area of Lusaka, ...")."""
    return bool(LIST_ON.match(text[q.end : q.end + 8])) and not PART_OF.match(text[m.end : q.start])


def _outside(qualifier: GazEntry, e: GazEntry) -> bool:
    """Whether a ", Qualifier" puts a name elsewhere than its candidate: a region or country not
    containing it, or a bigger city of another country (or any, for another country's capital)."""
    if e.kind in ("C", "K") or contains(e, qualifier):  # "Ethiopia, Tigray:": a heading, not a qualifier
        return False
    if qualifier.kind in ("A", "C"):
        return not contains(qualifier, e)
    if qualifier.kind == "B" and e.kind == "P" and qualifier.country_code == e.country_code:
        return qualifier.admin1_code != e.admin1_code  # "Kobo, East Hararghe": a district of another region
    if qualifier.kind != "P" or qualifier.country_code == e.country_code:
        return False
    return qualifier.population > e.population or e.capital  # "Algiers, New Orleans": a neighbourhood


def _part_elsewhere(text: str, m: Mention, q: Mention, e: GazEntry) -> bool:
    """A name the text calls a part of a town or district ("the Mission district of Fresno", "the X area of
    Lusaka") read in another admin-1 region than that town: a namesake, not the part."""
    container = q.best.entry if q.best else None
    if container is None or container.kind not in ("P", "B") or e.kind not in ("P", "B"):
        return False
    if not PART_OF.match(text[m.end : q.start]):
        return False
    return (e.country_code, e.admin1_code) != (container.country_code, container.admin1_code)


def _unbacked_namesake(m: Mention, e: GazEntry, text: str, alias: bool, backed: bool) -> bool:
    """A far namesake found through a short or village alternate name, an acronym or a short corrected
    spelling, with nothing in the text for its country (datelines name places as written)."""
    if backed or m.dateline or e.kind not in ("P", "B"):
        return False
    written = text[m.start : m.end]
    if alias and (len(m.key) <= SHORT_ALIAS or e.population < TOWN_POPULATION):
        return True
    if 1 < len(written) <= ACRONYM and written.isupper() and not e.name.isupper():
        return True
    if m.best and m.best.fuzzy and e.kind == "P" and load_gazetteer().corrected_to_alias(m.key, e):
        return True  # "Sortony camp" corrected to an old spelling of a Colorado city
    return bool(m.best and m.best.fuzzy and len(m.key) < FUZZY_ALONE_LETTERS)
