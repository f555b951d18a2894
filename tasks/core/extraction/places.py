"""Place mentions resolved offline against the gazetteer, with the event location marked.

Mentions come from `place_mentions` (spaCy entities plus names the text marks as places: datelines,
type words, parentheses, locatives, coordination). Roles follow the gold convention: `event` for
every mention of the event place (the most specific place in the event sentences, never a wire
dateline, reference point or home town), of the places coordinated with it ("in Lahore, Rawalpindi
and Peshawar"), of a court's seat in court reports, and of the admin-1 region and country that
contain any of these when the text names them ("Khorog ... Badakhshan region ... Tajikistan").
Everything else is `mentioned`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc

from tasks.core.extraction import place_anchors as anchors
from tasks.core.extraction import place_context as context
from tasks.core.extraction import place_cues as cues
from tasks.core.extraction.gazetteer import Candidate, GazEntry, Gazetteer, load_gazetteer, normalise_key
from tasks.core.extraction.model import FeatureKind, FeaturePrecision, Place, Precision, Sentence
from tasks.core.extraction.nlp import doc_text, sentence_index_of
from tasks.core.extraction.place_agencies import agency_regions
from tasks.core.extraction.place_backed import backed_mentions
from tasks.core.extraction.place_filters import contains, evidence, kept
from tasks.core.extraction.place_idioms import idiom_countries
from tasks.core.extraction.place_mentions import (
    Mention,
    collect_mentions,
    embedded_mentions,
    is_misfiled_place,
    relinked,
)
from tasks.core.extraction.place_phone import phone_regions

__all__ = ["extract_places", "is_misfiled_place"]

PRIOR = {"C": 16.0, "K": 15.0}
ADMIN_PRIOR = 11.0  # plus 0.2 per power of ten of the unit's population
DISTRICT_PRIOR = 8.0  # admin-2: below a same-name town unless a type word or the context says district
ROUNDS = 3
COHERENCE = 2.5  # per other name likely in a candidate's admin-1 region (`_coherence`)
SPECIFICITY = {"P": 3, "B": 2.5, "A": 2, "C": 1, "K": 0}
CAPITAL_REFERENCE = re.compile(r"(?:'s|’s|\bthe)\s+capital\b", re.IGNORECASE)
REFERENCE_WEIGHT = -1.5  # cues.event_weight of reference points and home towns
ORIGIN_WEIGHT = -1.0  # at most this: an origin or a residence ("from X", "Ray Lutz, 56, of X")
EPONYM_CITY = 100_000
EPONYM_TOWN = 10_000  # a namesake this big outside the region still makes the region's bare name a place's
SKELETON_PENALTY = 1.0  # a transliteration skeleton's match is weaker than a spelling correction (3.0 more)
CITY_POPULATION = 25_000  # a capital or a place this big is a city; smaller ones are towns (villages under 1,000)


def _prior(c: Candidate) -> float:
    """Name-only plausibility: countries, then regions, then places by population."""
    e = c.entry
    if e.kind == "C":  # same-name countries ("Congo"): the more populous, unless context says otherwise
        base = PRIOR["C"] + 0.1 * math.log10(e.population + 10)
    elif e.kind in PRIOR:
        base = PRIOR[e.kind]
    elif e.kind == "A":
        base = ADMIN_PRIOR + 0.2 * math.log10(e.population + 10)
    elif e.kind == "B":
        base = DISTRICT_PRIOR + 0.2 * math.log10(e.population + 10)
    else:
        base = 2.0 * math.log10(e.population + 10) + (1.0 if e.capital else 0.0)
    return base - (1.5 if c.weak else 0.0) - (3.0 if c.fuzzy else 0.0) - (SKELETON_PENALTY if c.skeleton else 0.0)


def _eponymous_region(c: Candidate, m: Mention) -> bool:
    """A region named like a place in its country ("Kharkiv", "Deraa"): the place is meant unless cued. An
    admin-1 region that bears the name itself yields only to a city of 100,000 ("New York") or to a place of that
    very name inside it or of 10,000 people: not to a hamlet elsewhere (Florida, New York: 2,800 people) nor to a
    place that one of GeoNames' stray aliases names so (Valle Vista, California, listed as "Florida")."""
    e = c.entry
    if e.kind not in ("A", "B") or m.cue == "admin":
        return False
    places = [o for o in m.candidates if o.entry.kind == "P" and o.entry.country_code == e.country_code and not o.weak]
    if e.kind == "B" or not _own_name(c, m):
        return bool(places)
    return any(
        o.entry.population >= EPONYM_CITY
        or (_own_name(o, m) and (o.entry.population >= EPONYM_TOWN or o.entry.admin1_code == e.admin1_code))
        for o in places
    )


def _own_name(c: Candidate, m: Mention) -> bool:
    return normalise_key(c.entry.name) == m.key


def _score(
    c: Candidate, m: Mention, partner: Mention | None, ctx: Counter, admins: set, alike: dict[str, str]
) -> float:
    e = c.entry
    score = _prior(c) - (4.0 if _eponymous_region(c, m) else 0.0)
    if e.kind == "P" and _own_name(c, m):  # a town's own name beats another's alias
        score += 2.0
    if m.cue == "admin":
        score += 3.0 if e.kind in ("A", "B") else -1.0 if e.kind == "P" else 0.0
    elif m.cue == "settlement":
        score += 3.0 if e.kind == "P" else 0.0
    if (
        partner is not None
        and partner.key != m.key  # "Armavir (Armavir, X)": a name is no evidence for itself
        and any(contains(p.entry, e) or contains(e, p.entry) for p in partner.candidates)
    ):
        score += 6.0
    total = sum(ctx.values())
    if e.country_code and evidence(ctx, e.country_code, alike):
        share = evidence(ctx, e.country_code, alike) / total
        score += {"A": 5.0 * share + 1.0, "B": 5.0 * share + 1.0, "C": 2.0 * share + 1.0}.get(e.kind, 2.0 * share + 0.5)
    if e.kind == "P" and (e.country_code, e.admin1_code) in admins:
        score += 3.0
    return score


def _regions(scores: list[float], candidates: list[Candidate]) -> dict[tuple[str, str], float]:
    """How much a mention speaks for each admin-1 region: half the share of its candidates' scores there (a
    softmax), half whether it has a namesake there at all ("Lake County" beside "Leesburg": a county of that
    name exists in Florida, none in Virginia)."""
    top = max(scores)
    weights = [math.exp(s - top) for s in scores]
    total = sum(weights)
    out: dict[tuple[str, str], float] = {}
    for w, c in zip(weights, candidates, strict=True):
        if c.entry.country_code and c.entry.admin1_code and c.entry.kind in ("P", "B", "A"):
            region = (c.entry.country_code, c.entry.admin1_code)
            present = 0.0 if c.weak or c.fuzzy or region in out else 0.5
            out[region] = out.get(region, 0.0) + 0.5 * w / total + present
    return out


def _coherence(key: str, region: tuple[str | None, str | None], spread: dict[str, dict]) -> float:
    """Admin-1 coherence: how many of the document's other names (each counted once) likely lie in the region
    of a candidate ("Marion County" beside "Ocala": the Florida county; a district name shared by two
    provinces: the one the text's other places are in). At most two names' worth."""
    return min(2.0, sum(regions.get(region, 0.0) for other, regions in spread.items() if other != key))


def _one_sense(mentions: list[Mention], scored: list[list[float]]) -> None:
    """One sense per name: every mention of a name takes the reading of its best-evidenced mention ("OAKLAND,
    Maine — An Oakland man ...": Oakland, Maine throughout). Namesakes of one kind only: a city and the
    district named after it ("the Qwarsha district of Benghazi") stay apart."""
    best: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if m.best is not None and (m.key not in best or m.score > mentions[best[m.key]].score):
            best[m.key] = i
    for i, m in enumerate(mentions):
        lead = mentions[best[m.key]] if m.key in best else None
        if lead is None or lead is m or lead.best is None or m.best is None or lead.best.entry == m.best.entry:
            continue
        if lead.best.entry.kind != m.best.entry.kind:
            continue
        at = next((n for n, c in enumerate(m.candidates) if c.entry == lead.best.entry), None)
        if at is not None:
            m.best, m.score = m.candidates[at], scored[i][at]


def _resolve(
    mentions: list[Mention],
    base_ctx: Counter,
    alike: dict[str, str] | None = None,
    hints: dict[str, dict[tuple[str, str], float]] | None = None,
) -> None:
    """Names alone first, then again in the light of the document's other places: their countries, the
    regions they name, the admin-1 regions they likely lie in (`_coherence`), and `hints`, regions the text
    names otherwise: the states of the phone numbers it prints (`place_phone`: a tip line's area code) and of
    the state agencies it names (`place_agencies`: "the Ohio Bureau of Criminal Identification")."""
    spread: dict[str, dict] = {}
    for rnd in range(ROUNDS):
        picks = [(m.key, m.best.entry) for m in mentions if m.best is not None]
        all_scores = []
        for i, m in enumerate(mentions):
            ctx: Counter = Counter(base_ctx) if rnd else Counter()
            admins: set = set()
            for key, entry in picks:
                if key != m.key and entry.country_code:
                    ctx[entry.country_code] += 1
                    if entry.kind == "A":
                        admins.add((entry.country_code, entry.admin1_code))
            partners = [mentions[j] for j, n in enumerate(mentions) if n.qualifier == i]
            partner = mentions[m.qualifier] if m.qualifier is not None else (partners or [None])[0]
            scores = [
                _score(c, m, partner, ctx, admins, alike or {})
                + COHERENCE * _coherence(m.key, (c.entry.country_code, c.entry.admin1_code), spread)
                for c in m.candidates
            ]
            all_scores.append(scores)
            best = max(range(len(scores)), key=lambda n: (scores[n], -n))
            m.score, m.best = scores[best], m.candidates[best]
        _one_sense(mentions, all_scores)
        spread = {key: dict(regions) for key, regions in (hints or {}).items() if regions}
        for m, scores in zip(mentions, all_scores, strict=True):
            if m.candidates:
                regions = _regions(scores, m.candidates)
                old = spread.get(m.key, {})
                spread[m.key] = {r: max(v, old.get(r, 0.0)) for r, v in {**old, **regions}.items()}


def _evidenced_skeletons(mentions: list[Mention], demonyms: Counter) -> list[Mention]:
    """Names found only by their transliteration skeleton keep the candidates in countries the text evidences
    otherwise (demonyms, forces, the other names' candidates); with none left they are no mention, so that a
    guess abroad ("Annaville" read as an Indian village in a Texas story) never weighs in the resolution."""
    evidenced = set(demonyms) | {c.entry.country_code for m in mentions for c in m.candidates if not c.skeleton}
    out, index = [], {}
    for i, m in enumerate(mentions):
        if m.candidates and all(c.skeleton for c in m.candidates):
            m.candidates = [c for c in m.candidates if c.entry.country_code in evidenced]
            if not m.candidates:
                continue
        index[i] = len(out)
        out.append(m)
    return relinked(out, index)


def _eligible(m: Mention, text: str) -> bool:
    """Not a reference point or home town; wire datelines name where the reporter files from: the
    event's place only when the lead calls it "the capital" ("TBILISI, Georgia (AP) — Police in
    Georgia's capital ...")."""
    if m.best is None or cues.event_weight(text, m.start, m.end) <= REFERENCE_WEIGHT:
        return False
    if not m.dateline:
        return True
    return m.best.entry.capital and bool(CAPITAL_REFERENCE.search(text[m.end : m.end + 300]))


def _event_mention(
    mentions: list[Mention],
    sent_of: list[int],
    event_sentences: frozenset[int],
    text: str,
    countries: Counter,
    ground: frozenset[str] = frozenset(),
    home: anchors.Home | None = None,
) -> Mention | None:
    """The most specific place in the event sentences, favouring their main country; only places of the
    `ground` countries when the text says whose ground it was ("on Rwandan soil"). The dateline's place
    when the text names no other ("MILWAUKEE (WITI) — A man was arrested ...") and no other country
    (`countries`: demonyms, forces, idioms): where the story is filed is then the best evidence of where it
    happened."""
    pairs = [(m, s) for m, s in zip(mentions, sent_of, strict=True) if not ground or _country(m) in ground]
    pool = [(m, s) for m, s in pairs if s in event_sentences and _eligible(m, text)]
    at_home = None
    if not pool and home is not None and not (set(countries) - {_country(home.mention)}):  # "TRENTON — A city man ..."
        at_home = anchors.home_event(home, mentions, [m for m in mentions if not m.dateline and _eligible(m, text)])
    if not pool:
        pool = [(m, s) for m, s in pairs if s == min(sent_of) and _eligible(m, text)]
        if pool and pool[0][1] > 1:
            return at_home
    if not pool:
        if at_home is not None:
            return at_home
        filed = [m for m in mentions if m.dateline and m.best is not None]
        if not filed:
            return _home_town(mentions, text, countries)
        if any(not m.dateline and _eligible(m, text) for m in mentions):  # "a Newark man": no scene
            return None
        where = filed[0].best.entry  # type: ignore[union-attr]  # filtered above
        if set(countries) - {where.country_code} or where.capital or "capital" in text[filed[0].end :][:300]:
            return None  # "DUBAI (AP) — Iranian forces ...": filed from abroad; a capital files the country's news
        return filed[0]
    if home is not None and all(cues.event_weight(text, m.start, m.end) <= ORIGIN_WEIGHT for m, _ in pool):
        return home.mention  # "Ray Lutz, 56, of Elmira, was arrested ..., Canton police said": the home is the scene
    order = sorted({s for _, s in pool})
    main_cc = Counter(m.best.entry.country_code for m, _ in pool if m.best).most_common(1)[0][0]

    def rank(item: tuple[Mention, int]) -> float:
        m, s = item
        e = m.best.entry  # type: ignore[union-attr]  # eligible mentions are resolved
        return (
            SPECIFICITY[e.kind]
            + (1.0 if e.country_code == main_cc else 0.0)
            + cues.event_weight(text, m.start, m.end)
            - 0.1 * order.index(s)
            - 0.3 * (m.qualifier is None and any(_qualifies(mentions, n, m) for n, _ in pool))
        )

    return anchors.anchored_event(max(pool, key=rank)[0], mentions, home, text, countries)


def _home_town(mentions: list[Mention], text: str, countries: Counter) -> Mention | None:
    """The town the people of a local story are from, when it names no scene, no dateline and no other place
    ("A 23-year-old Lakeport man was shot in the hip Friday on Eighth Avenue"): local news reports its own
    town's incidents, so the people's one home town is the best evidence of where it happened. Not when the
    text names another country or more than one town, nor when the town is read by another name than its own."""
    towns = [m for m in mentions if m.best is not None and not m.dateline and m.best.entry.kind == "P"]
    if not towns or len({m.best.entry for m in towns}) != 1:  # type: ignore[union-attr]  # filtered above
        return None
    town = towns[0]
    if len(towns) != len([m for m in mentions if m.best is not None]) or set(countries) - {_country(town)}:
        return None
    if not _own_name(town.best, town):  # type: ignore[arg-type]  # "Cordova" read as Córdoba: too weak alone
        return None
    return town if cues.HOME_TOWN.match(text[town.end : town.end + 12]) else None


def _country(m: Mention) -> str | None:
    return m.best.entry.country_code if m.best else None


def _qualifies(mentions: list[Mention], n: Mention, m: Mention) -> bool:
    """`n` is qualified by `m` (", Illinois"). Indexes point into the current list: `_kept` and `_inserted`
    remap them whenever the list is filtered or grows."""
    return n.qualifier is not None and mentions[n.qualifier] is m


def _event_entries(event: Mention, mentions: list[Mention], text: str, gaz: Gazetteer) -> set[GazEntry]:
    """The event place, places listed with it ("in Lahore, Rawalpindi and Peshawar"), court seats,
    and the districts, admin-1 regions and countries containing any of them."""
    places = {event.best.entry}  # type: ignore[union-attr]  # the event mention is resolved
    at = mentions.index(event)
    for step in (-1, 1):
        i = at
        while 0 <= i + step < len(mentions) and cues.listed_with(
            text, (mentions[i].start, mentions[i].end), (mentions[i + step].start, mentions[i + step].end)
        ):
            i += step
            places.add(mentions[i].best.entry)  # type: ignore[union-attr]
    places |= {m.best.entry for m in mentions if m.best and cues.is_court_seat(text, m.start, m.end)}
    mentioned = {m.best.entry for m in mentions if m.best}
    containers = set()
    for e in places:
        admin = gaz.admin1_of(e) if e.kind in ("P", "B") else None
        district = gaz.admin2_of(e) if e.kind == "P" else None
        country = gaz.country(e.country_code) if e.country_code and e.kind != "C" else None
        containers |= {c for c in (district, admin, country) if c is not None and c in mentioned}
    return places | containers


def _inserted(
    mentions: list[Mention], sent_of: list[int], extra: Mention, sent: int
) -> tuple[list[Mention], list[int]]:
    """The mentions with one more, in text order; qualifier and owner links follow the new order."""
    order = sorted(range(len(mentions) + 1), key=lambda i: (mentions + [extra])[i].start)
    new_index = {old: new for new, old in enumerate(order)}
    out = [(mentions + [extra])[i] for i in order]
    for m in out:
        m.qualifier = None if m.qualifier is None else new_index[m.qualifier]
        m.owner = None if m.owner is None else new_index[m.owner]
    return out, [(sent_of + [sent])[i] for i in order]


def _feature(e: GazEntry, cue: str | None) -> tuple[FeatureKind, Precision, FeaturePrecision]:
    """Kind, precision and feature precision; a place named as a district ("Lakki Marwat
    district") is a region located at its eponymous town."""
    if e.kind == "P" and cue == "admin":
        return "region", "place", "district"
    if e.kind == "C":
        return "country", "country", "country"
    if e.kind == "K":
        return "continent", "country", "continent"
    if e.kind == "A":
        return "region", "admin1", "region"
    if e.kind == "B":
        return "region", "admin2", "district"
    if e.capital or e.population >= CITY_POPULATION:
        return "city", "place", "city"
    if 0 < e.population < 1_000:  # GeoNames' 0 is "not known", not "nobody"
        return "village", "place", "village"
    return "town", "place", "town"


def extract_places(
    doc: Doc, sentences: Sequence[Sentence], event_sentences: frozenset[int], source_country: str | None = None
) -> list[Place]:
    """Every place mention, resolved; `event` for the mentions of the event's location. The feed's or
    source's country, when known, counts as one piece of country evidence."""
    gaz = load_gazetteer()
    text = doc_text(doc)  # spaCy rebuilds doc.text on every access
    mentions = collect_mentions(doc, sentences, event_sentences)
    embedded = embedded_mentions(doc, mentions)
    forces = context.find_forces(text)
    found = context.find_demonyms(doc, text, gaz)
    demonyms = Counter(e.country_code for e in found + list(forces))
    alike = {code: e.country_code for e in forces for code in e.also}  # a cross-border group's other countries
    demonyms.update(c.entry.country_code for m in embedded for c in m.candidates if c.entry.kind == "C")
    demonyms.update(idiom_countries(text))  # "the 600 block of Union Street": US local news
    if source_country:
        demonyms[source_country.upper()] += 1
    jurisdictions = anchors.jurisdiction_mentions(text, mentions, gaz)  # "Jefferson Parish Sheriff's deputies"
    hints = {
        "#phone": phone_regions(text),  # "call Crime Stoppers at 704-334-1600": North Carolina
        "#agency": agency_regions(text),  # "the Ohio Bureau of Criminal Identification": Ohio
    }
    if any(hints.values()):
        demonyms["US"] += 1
    for extra in backed_mentions(text, sentences, event_sentences, mentions, demonyms, gaz):  # "at Gudumbali"
        mentions = _inserted(mentions, [0] * len(mentions), extra, 0)[0]
    mentions = _evidenced_skeletons(mentions, demonyms)
    _resolve(mentions + jurisdictions, demonyms, alike, hints)
    mentions = kept(mentions, demonyms, text, alike)
    where = ([s.char_start for s in sentences], [s.index for s in sentences])
    sent_of = [sentence_index_of(*where, m.start) for m in mentions]
    ground = context.ground_countries(found, text)
    home = anchors.anchor(mentions, jurisdictions, text)
    event = (
        _event_mention(mentions, sent_of, event_sentences, text, demonyms, ground, home) if mentions or home else None
    )
    if event is not None and event not in mentions:  # the home place named only by its police or sheriff
        mentions, sent_of = _inserted(mentions, sent_of, event, sentence_index_of(*where, event.start))
    ctx = Counter(demonyms)
    ctx.update(m.best.entry.country_code for m in mentions if m.best)
    if ctx:  # inside a name, only a place of a country the text is about
        for m in embedded:
            m.candidates = [c for c in m.candidates if ctx.get(c.entry.country_code)]
        embedded = [m for m in embedded if m.candidates]
    if event is None and embedded:  # "the Government of Togo banned ...": the organisation's place
        _resolve(embedded, ctx)
        at = [sentence_index_of(*where, m.start) for m in embedded]
        pick = next((i for i, s in enumerate(at) if s in event_sentences), 0)
        event = embedded[pick]
        mentions, sent_of = _inserted(mentions, sent_of, event, at[pick])
    in_event = _event_entries(event, mentions, text, gaz) if event else set()
    places = []
    for m, sent in zip(mentions, sent_of, strict=True):
        e = m.best.entry  # type: ignore[union-attr]  # filtered above
        kind, precision, fine = _feature(e, m.cue)
        admin = gaz.admin1_of(e)
        district = gaz.admin2_of(e)
        lat, lon = e.lat, e.lon
        if lat is None and admin is not None and admin.lat is not None:  # a district no known place lies in
            lat, lon, precision = admin.lat, admin.lon, "admin1"  # located at its region's point, and says so
        places.append(
            Place(
                text[m.start : m.end],
                e.name,
                e.geonameid,
                kind,
                e.country_code,
                admin.name if admin else None,
                lat,
                lon,
                precision,
                "event" if e in in_event else "mentioned",
                sent,
                m.start,
                m.end,
                district.name if district else None,
                admin.iso3166_2 if admin else None,
                fine,
                round(m.score, 2),
                len(m.candidates) - 1,
            )
        )
    return places
