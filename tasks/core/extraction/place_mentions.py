"""Place mentions found in a parsed document: spaCy's place entities, its misfiled ORG/PERSON spans,
and names it missed that the text itself marks as places (datelines, type words, parentheses,
locatives, coordination), each with its gazetteer candidates."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from spacy.tokens import Doc

from tasks.core.extraction import place_cues as cues
from tasks.core.extraction.gazetteer import Candidate, Gazetteer, load_gazetteer, normalise_key
from tasks.core.extraction.model import Sentence
from tasks.core.extraction.nlp import doc_text
from tasks.core.extraction.place_cues import Cue
from tasks.core.extraction.place_roads import road_ends
from tasks.core.extraction.place_us import is_road_number, state_abbreviations

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})
OTHER_LABELS = frozenset({"ORG", "PERSON"})  # spaCy's small model often files places here
BIG_PLACE = 100_000
LOCAL_PLACE = 10_000  # a locative alone vouches for a name the gazetteer knows at this size
APPOSITION_PLACE = 500_000  # ", Abuja,": a city this big (or a capital) set off by commas is an address
OWN_NAME_SIMILARITY = 60  # rapidfuzz ratio: "Tell Rifaat" spells "Tall Rifaat"; "Google" is not "Topeka"
EMBEDDED_PLACE = 100_000  # "the Benghazi Medical Centre": a place this big named inside an organisation
METROPOLIS = 1_000_000  # "A Melbourne man": named with no cue at all
STRONG_CUES = frozenset({"dateline", "heading", "typed", "paren", "listed"})
SKELETON_CUES = frozenset({"locative", "typed", "paren", "listed"})  # a name found by its skeleton needs one
# (a typed one only with an admin or settlement word: "the X area", "X field" name a neighbourhood or a ground)
SKELETON_KINDS = ("A", "B", "P")
# countries whose place names are English words, not romanisations: a skeleton there finds a street or a brand
ENGLISH_NAMED = frozenset({"US", "GB", "CA", "AU", "NZ", "IE"})
TRAILING_TYPE = re.compile(rf"\s+({cues.ADMIN_WORDS}|{cues.SETTLEMENT_WORDS}|island)$", re.IGNORECASE)
CAPITALISED = re.compile(cues.WORD)
SPLIT_ENTITY = re.compile(r"[(),;]|\s(?:for|to|from|and|near|via|towards?)\s")
# "in Southeast Austin", "west Phoenix": the city; not a street ("West Madison Street") or a whole name ("South Sudan")
COMPASS = re.compile(
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest|central)\s(?=[A-Z])"
    r"(?![\w.' -]*?\b(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Way|Place|Court|Highway|Parkway)\b)"
    r"(?!(?:Coast|Shore|Side|End|Bank)\b)",  # "the East Coast", "the West Bank": a region's name, not a compass word
    re.I,
)
PART_OF = re.compile(  # "X area of Lusaka", "Y sub-city of Addis Ababa": the second place contains the first
    r"^\s+(?:area|district|neighbou?rhood|suburb|township|sub-city|quarter|section)\s+of\s+(?:the\s+)?$", re.I
)
# "the city's East Side", "the Far South Side": a part of the city the text is about, no place name of its own
COMPASS_SIDE = re.compile(
    r"(?i)^(?:(?:far|near|lower|upper)\s+)?(?:north|south|east|west)(?:\s*-?\s*(?:east|west))?(?:ern)?\s+sides?$"
)
ROAD_DIRECTION = re.compile(r"(?:North|South|East|West)(?:bound)?")
BARE_COMPASS = re.compile(r"(?i:north|south|east|west)(?:-?(?i:east|west))?")
BEFORE_STATE = re.compile(rf"(?<![\w.])((?:[{cues.UP}][\w'’-]*\.?\s){{0,3}}[{cues.UP}][\w'’-]*),\s$")
FORT = re.compile(r"^F(?:T|t)\.?\s")  # "FT. SUMNER": Fort Sumner
SPEAKS = re.compile(r"\s+(?:said|says|spoke|speaks|told|added|wrote|argued|noted|warned|asked|replied|recalled)\b")
COMPOUND = re.compile(r"\w[\s‐‑-]\w")
PEOPLE_AFTER = re.compile(  # "X people", "X militia"; "X and Y communities" (not "X and Fulani herders")
    r"\s+(?:people|peoples|communit(?:y|ies)|tribes?(?:men)?|clans?|ethnic|militias?|herders|herdsmen|fighters|youths?)\b"
    r"|\s+and\s+[A-Z][\w'-]+\s+(?:people|peoples|communities|tribes|clans)\b"
)
# an organisation's head word: such an ORG span is never tried by its transliteration skeleton ("the High Court" has
# a Belgian village's); other ORG spans may be places NER misfiled ("shelled Kan Sheikhun")
INSTITUTION_WORD = re.compile(
    r"\b(?:court|ministry|council|party|university|college|school|hospital|bank|police|army|union|committee|"
    r"assembly|commission|authority|agency|office|department|services?|company|group|front|movement|association|"
    r"society|institute|church|mosque|parliament|senate|congress|forces?|brigades?|league|federation|corporation)$",
    re.I,
)
ACTOR_AFTER = re.compile(r"^[-‐‑]\s?[a-z]")  # "Moscow-backed", "U.S.-led"
ACTOR_BEFORE = re.compile(r"\b(?:pro|anti)[-‐‑]$", re.IGNORECASE)
INSTITUTIONS = frozenset(
    normalise_key(n)
    for n in (
        "Kremlin",
        "White House",
        "Pentagon",
        "Downing Street",
        "Capitol Hill",
        "Whitehall",
        "Elysee",
        "Elysee Palace",
        "Foggy Bottom",
        "Zhongnanhai",
        "Blue House",
        "Quai d'Orsay",
    )
)


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    key: str
    cue: str | None  # "admin" or "settlement"
    candidates: list[Candidate]
    best: Candidate | None = None
    qualifier: int | None = None  # index of a following ", Illinois"-style mention
    owner: int | None = None  # index of a preceding "Toronto's"-style mention
    dateline: bool = False  # a wire dateline: where the reporter files from
    score: float = 0.0  # the winning candidate's score (places._score)


def relinked(kept: list[Mention], index: dict[int, int]) -> list[Mention]:
    """`kept`, a filtered list of mentions, with its qualifier and owner links pointed into it (`index`: old
    position -> new); a link to a dropped mention is cut."""
    for m in kept:
        m.qualifier = None if m.qualifier is None else index.get(m.qualifier)
        m.owner = None if m.owner is None else index.get(m.owner)
    return kept


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds without a leading "the" and a trailing possessive."""
    if text[start:end].lower().startswith("the "):
        start += 4
    for tail in ("'s", "’s", "'", "’"):
        if text[start:end].endswith(tail):
            end -= len(tail)
            break
    return start, end


def is_actor(text: str, start: int, end: int) -> bool:
    """Hyphenated adjectives ("Moscow-backed"), "pro-/anti-" forms, seats of power, organisations."""
    return bool(
        ACTOR_AFTER.match(text[end : end + 3])
        or ACTOR_BEFORE.search(text[max(0, start - 5) : start])
        or normalise_key(text[start:end]) in INSTITUTIONS
        or cues.is_org_modifier(text, end)
    )


def skeleton_cue(cue: Cue | None, label: str | None = None, name: str = "") -> bool:
    """Whether a cue lets a name be tried by its transliteration skeleton (`lookup`); never an organisation named
    by its head word (`INSTITUTION_WORD`)."""
    if cue is None or cue.strength not in SKELETON_CUES:
        return False
    if label == "ORG" and INSTITUTION_WORD.search(name):
        return False
    return cue.strength != "typed" or cue.type_word in ("admin", "settlement")


def lookup(gaz: Gazetteer, name: str, fuzzy: bool = True, skeleton: bool = False) -> tuple[list[Candidate], str | None]:
    """Candidates for a mention, and the type word it carried ("Sindh province"). With `skeleton` (the caller has
    a cue: "in X", "the village of X", "X (District, Region)", "X district"), a name neither lookup finds is
    tried by its transliteration skeleton (`Gazetteer.lookup_skeleton`: "Kan Sheikhoun" for "Khan
    Shaykhun"): regions, districts and places only, kept by `place_filters.kept` only in a country the text
    otherwise evidences."""
    found = gaz.lookup(name)
    if found:
        return found, None
    typed = TRAILING_TYPE.search(name)
    if typed:
        found = gaz.lookup(name[: typed.start()])
        if found:
            return found, typed.group(1)
    if not fuzzy and not skeleton:
        return [], None
    base = name[: typed.start()] if typed else name
    word = typed.group(1) if typed else None
    found = gaz.lookup_fuzzy(base) if fuzzy else []
    if found or not skeleton:
        return found, word
    found = gaz.lookup_skeleton(base)
    return [c for c in found if c.entry.kind in SKELETON_KINDS and c.entry.country_code not in ENGLISH_NAMED], word


def _chain(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The coordination run ("A, B and C") that text[start:end] belongs to, in text order."""
    run = [(start, end)]
    while True:
        m = re.search(rf"({cues.NAME})(,\s*|,?\s+(?:and|or)\s+)$", text[max(0, run[0][0] - 60) : run[0][0]])
        if not m:
            break
        offset = max(0, run[0][0] - 60)
        run.insert(0, (offset + m.start(1), offset + m.end(1)))
    while True:
        m = re.match(rf"(,\s*|,?\s+(?:and|or)\s+)({cues.NAME})", text[run[-1][1] : run[-1][1] + 60])
        if not m:
            break
        run.append((run[-1][1] + m.start(2), run[-1][1] + m.end(2)))
    return [_after_possessive(text, s, e) for s, e in run]


def _after_possessive(text: str, start: int, end: int) -> tuple[int, int]:
    """ "Yemen's Saada" -> "Saada"."""
    cut = max(text.rfind("'s ", start, end), text.rfind("’s ", start, end))
    return (cut + 3, end) if cut >= 0 else (start, end)


def evidence(text: str, start: int, end: int, gaz: Gazetteer) -> Cue | None:
    """Local evidence for a name, including membership of a cued coordination run."""
    own = cues.cue_of(text, start, end)
    if own is not None and own.strength != "locative":
        return own
    if _qualified(text, start, end, gaz):
        return Cue("paren")
    run = _chain(text, start, end)
    if _addressed(text, run, (start, end), gaz):
        return Cue("paren")
    if len(run) > 1:
        last = cues.TYPE_AFTER.match(text[run[-1][1] : run[-1][1] + 30])
        if last and last.group(0).split()[0].lower().endswith("s"):
            return Cue("listed", cues._type_word(last.group(0).split()[0]))
        head = cues.cue_of(text, *run[0])
        if head is not None and any(gaz.lookup(text[s:e]) for s, e in run if (s, e) != (start, end)):
            return Cue("listed", head.type_word)
    return own


def _addressed(text: str, run: list[tuple[int, int]], span: tuple[int, int], gaz: Gazetteer) -> bool:
    """ "in Seapoint, Cape Town": a town or district after an unknown name it qualifies (the scene's address)."""
    if len(run) != 2 or run[1] != span or text[run[0][1] : span[0]] != ", ":
        return False
    head = text[run[0][0] : run[0][1]]
    cue = cues.cue_of(text, *run[0])
    if cue is None or cue.strength != "locative" or cues.plain_word(head) or gaz.lookup(head):
        return False
    closed = re.match(r"\s*(?:[.;)]|,\s|$)", text[span[1] : span[1] + 3]) is not None  # "in X, Y." / "in X, Y, on"
    found = gaz.lookup(text[slice(*span)])
    return any(c.entry.kind in ("A", "B") or c.entry.population >= LOCAL_PLACE for c in found) or (
        closed and any(c.entry.kind == "P" and not c.weak for c in found)
    )  # a village after the unknown name it contains, at the clause's end ("in Koro Tola, Mayendit.")


def _region_or_country(gaz: Gazetteer, name: str) -> bool:
    return any(c.entry.kind in ("A", "C") and not c.weak for c in gaz.lookup(name))


def _qualified(text: str, start: int, end: int, gaz: Gazetteer) -> bool:
    """ "Tumaco, Nariño": a name qualified by a region or country, or that qualifier itself; "Toui (Ouesse,
    Collines)": a name a monitor's parenthesis places in a district and region."""
    after = re.match(rf",\s({cues.NAME})(?=[,.;:)]|\s+(?:on|in|at)\b)", text[end : end + 40])
    if after and _region_or_country(gaz, after.group(1)):
        return True
    listed = re.match(rf"\s\(({cues.NAME}),\s({cues.NAME})\)", text[end : end + 70])
    if listed and gaz.lookup(listed.group(1)) and _region_or_country(gaz, listed.group(2)):
        return True
    before = re.search(rf"(?:^|[^\w])({cues.NAME}),\s$", text[max(0, start - 40) : start])
    return bool(before) and bool(gaz.lookup(before.group(1))) and _region_or_country(gaz, text[start:end])


def accepts(found: list[Candidate], cue: Cue | None, label: str | None, text: str, span: tuple[int, int]) -> bool:
    """Whether candidates and evidence make a place of a span NER did not call one."""
    exact = [c for c in found if not c.weak and not c.fuzzy]
    if found and skeleton_cue(cue) and all(c.skeleton for c in found):
        return True  # found only by its skeleton, which the caller tries only with a cue; `kept` wants its country
    if cue is not None and cue.strength in STRONG_CUES:
        return bool(exact) or (cue.strength == "typed" and any(not c.weak for c in found))
    start, end = span
    name = text[start:end]
    if cues.plain_word(name) or cues.is_titled(text, start):
        return False
    sized = [c for c in exact if c.entry.kind in ("C", "A", "K") or c.entry.population >= LOCAL_PLACE]
    if cue is not None:  # a locative; a name of two or more words is rarely a village's by chance, nor is one
        # only one place in the world bears ("in Heliwa"), unless it names a people ("between X and Y people")
        unique = len(found) == 1 and not PEOPLE_AFTER.match(text[end : end + 50])
        return bool(sized) or (bool(exact) and (bool(COMPOUND.search(name)) or unique))
    if (
        text[max(0, start - 2) : start] == ", "
        and text[end : end + 1] in (",", ".", ";")
        and any(c.entry.capital or c.entry.population >= APPOSITION_PLACE for c in exact)
    ):
        return True  # "the Ministry of Finance, Abuja, said": an address
    if label == "PERSON" and " " not in name:
        return any(c.entry.kind == "C" for c in exact)  # "It was Nepal's deadliest crash"
    return label is not None and any(c.entry.kind == "C" or c.entry.population >= METROPOLIS for c in exact)


def misfiled(label: str, text: str, start: int, end: int, found: list[Candidate], cue: Cue | None) -> bool:
    """An ORG/PERSON tag that is really a place: "in Bamako", "Khan Younis", "across Ukrane"."""
    if cue is not None and cue.strength == "typed" and cue.type_word:  # "the town of Khorugh"
        return any(not c.weak for c in found)
    locative = cue is not None and cue.strength == "locative"
    strong = [c for c in found if not c.weak and (c.entry.kind != "P" or c.entry.population >= BIG_PLACE)]
    if label == "PERSON":
        old = bool(strong) and (locative or (" " in text[start:end] and not strong[0].fuzzy))
    else:
        old = bool(strong) and (locative or any(c.entry.kind in ("C", "A") and not c.fuzzy for c in strong))
    return old or accepts(found, cue, label, text, (start, end))


def _cued_lookup(gaz: Gazetteer, text: str, start: int, end: int, label: str) -> tuple[list[Candidate], Cue | None]:
    cue = evidence(text, start, end, gaz)
    fuzzy = cue is not None and (label not in OTHER_LABELS or cue.strength in ("locative", "typed"))
    skeleton = skeleton_cue(cue, label, text[start:end])
    return lookup(gaz, text[start:end], fuzzy=fuzzy or label not in OTHER_LABELS, skeleton=skeleton)[0], cue


def is_misfiled_place(text: str, label: str, start: int, end: int) -> bool:
    """Whether an ORG/PERSON span of `text` is taken as a place by `extract_places`."""
    start, end = trimmed(text, start, end)
    if end <= start or is_actor(text, start, end):
        return False
    gaz = load_gazetteer()
    if any(d.start <= start and end <= d.end for d in cues.find_datelines(text)):
        return bool(gaz.lookup(text[start:end]))
    found, cue = _cued_lookup(gaz, text, start, end, label)
    return misfiled(label, text, start, end, found, cue)


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _in_dateline(datelines: Sequence[cues.Dateline], start: int, end: int) -> cues.Dateline | None:
    return next((d for d in datelines if d.start <= start and end <= d.end), None)


def _extended(text: str, gaz: Gazetteer, start: int, end: int) -> int:
    """The end of a longer name NER cut short ("Viña" of "Viña del Mar")."""
    m = cues.NAME_RE.match(text, start)
    if m and m.end() > end and text[end : end + 1] == " " and gaz.lookup(text[start : m.end()]):
        return m.end()
    return end


def _from_entity(
    text: str, gaz: Gazetteer, label: str, span: tuple[int, int], dl: cues.Dateline | None
) -> Mention | None:
    start, end = trimmed(text, *span)
    end = _extended(text, gaz, start, end) if end > start else end
    name = text[start:end]
    compass = COMPASS.match(text, start) if end > start else None
    compass = compass if compass and compass.end() < end else None
    if compass and not name[0].isupper():  # "in west Phoenix"
        return _from_entity(text, gaz, label, (compass.end(), end), dl)
    if end <= start or not name[0].isupper() or gaz.demonym_country(name) is not None or COMPASS_SIDE.match(name):
        return None
    if ROAD_DIRECTION.fullmatch(name) and re.search(r"\d\s+$", text[max(0, start - 6) : start]):
        return None  # "U.S. 301 South", "I-95 North": the road's direction
    if BARE_COMPASS.fullmatch(name) and not cues.TYPE_AFTER.match(text[end : end + 30]):
        return None  # "on the city's West and South Sides", "in Northeast Washington": no region of Iceland's
    if name.casefold() in cues.BARE_LANDFORMS or is_actor(text, start, end) or is_road_number(text, name, end):
        return None
    if dl is not None:
        candidates, type_word, cue = gaz.lookup(name), None, Cue("dateline" if dl.wire else "heading")
    else:
        other = label in OTHER_LABELS
        cue = evidence(text, start, end, gaz)
        skeleton = skeleton_cue(cue, label, name)
        candidates, type_word = lookup(gaz, name, fuzzy=not other or cue is not None, skeleton=skeleton)
        if label == "NORP" and not (cue is not None and cue.strength == "typed"):
            candidates = [c for c in candidates if not c.fuzzy]  # "Tajikistan" tagged as a nationality: exact only
            # (but "the Janzour area": a type word says it is a place, spelt as the gazetteer does not)
        elif other and not misfiled(label, text, start, end, candidates, cue):
            return None
    if not candidates:  # "in Southeast Austin": the city ("South Sudan" is found whole)
        return _from_entity(text, gaz, label, (compass.end(), end), dl) if compass else None
    word = cues._type_word(type_word) if type_word else (cue.type_word if cue else None)
    return Mention(start, end, normalise_key(name), word, candidates, dateline=bool(dl and dl.wire))


def _from_scan(
    text: str, gaz: Gazetteer, span: tuple[int, int], sentence: Sentence, event: bool, dl: cues.Dateline | None
) -> Mention | None:
    start, end = span
    name = text[start:end]
    if cues.plain_word(name, acronyms=dl is None) or gaz.demonym_country(name) is not None or COMPASS_SIDE.match(name):
        return None
    if is_actor(text, start, end):
        return None
    if dl is not None:
        found = [c for c in lookup(gaz, name, fuzzy=False)[0] if not c.weak]
        big = [c for c in found if c.entry.kind != "P" or c.entry.population >= 50_000]
        if not (found if dl.wire else big):
            return None
        return Mention(start, end, normalise_key(name), None, found, dateline=dl.wire)
    opening = (
        not text[sentence.char_start : start].strip()
        and not cues.RESIDENTS_AFTER.match(text[end : end + 14])
        and not cues.police_jurisdiction(text, start, end)
    )
    if opening or cues.is_titled(text, start):
        return None  # sentence-initial capitals say nothing, unless of residents or police ("Kisumu residents burnt")
    cue = evidence(text, start, end, gaz)
    if cue is None or (cue.strength == "locative" and not event and not cues.police_jurisdiction(text, start, end)):
        return None
    found, type_word = lookup(gaz, name, fuzzy=cue.strength == "typed" and len(name) >= 7, skeleton=skeleton_cue(cue))
    if not accepts(found, cue, None, text, span):
        return None
    word = cues._type_word(type_word) if type_word else cue.type_word
    return Mention(start, end, normalise_key(name), word, [c for c in found if not c.weak] or found)


def collect_mentions(doc: Doc, sentences: Sequence[Sentence], event_sentences: frozenset[int]) -> list[Mention]:
    """Every place mention in text order, with candidates; qualifiers and owners linked."""
    gaz = load_gazetteer()
    text = doc_text(doc)  # spaCy rebuilds doc.text on every access
    datelines = cues.find_datelines(text)
    mentions: list[Mention] = []
    ner_spans = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS and ent.label_ not in OTHER_LABELS:
            continue
        dl = _in_dateline(datelines, ent.start_char, ent.end_char)
        found = _from_entity(text, gaz, ent.label_, (ent.start_char, ent.end_char), dl)
        if found is not None:
            mentions.append(found)
        if found is not None or not SPLIT_ENTITY.search(ent.text):
            ner_spans.append((ent.start_char, ent.end_char))  # a rejected "Town (District, Region" span:
            # its names are left to the scan
    roads = road_ends(text, gaz)  # "the Ouagadougou-Dori road": both towns, whatever NER made of the name
    if roads:
        mentions[:] = [m for m in mentions if not any(m.start < e and s < m.end for s, e, _ in roads)]
        mentions.extend(Mention(s, e, normalise_key(text[s:e]), "settlement", found) for s, e, found in roads)
        ner_spans = [(s, e) for s, e in ner_spans if not any(s < b and a < e for a, b, _ in roads)]
    for sentence in sentences:
        event = sentence.index in event_sentences or sentence.index == 0
        lo, hi = sentence.char_start, sentence.char_end
        nearby = [(s, e) for s, e in ner_spans + [(m.start, m.end) for m in mentions] if s < hi and lo < e]
        for span in cues.iter_names(text, lo, hi, gaz.names_place):
            taken = nearby + [(m.start, m.end) for m in mentions if m.start >= lo]
            if not _overlaps(taken, *span):
                found = _from_scan(text, gaz, span, sentence, event, _in_dateline(datelines, *span))
                cut = text.rfind(" of ", *span)
                if found is None and cut > 0:  # "Residents of Kole District": the tail
                    tail = (cut + 4, span[1])
                    found = _from_scan(text, gaz, tail, sentence, event, _in_dateline(datelines, *tail))
                compass = COMPASS.match(text, span[0])  # looks past the span for a street word
                if (
                    found is None and compass and compass.end() < span[1]
                ):  # "in Southeast Austin": the city ("South Sudan" is found whole)
                    tail = (compass.end(), span[1])
                    found = _from_scan(text, gaz, tail, sentence, event, _in_dateline(datelines, *tail))
                if found is not None:
                    mentions.append(found)
    for start, end, state in state_abbreviations(text):
        states = [c for c in gaz.lookup(state) if c.entry.kind == "A" and c.entry.country_code == "US"]
        if states:  # ", Ore." after a place is Oregon, whatever else the word could be
            mentions[:] = [m for m in mentions if not (m.start < end and start < m.end)]
            mentions.append(Mention(start, end, normalise_key(state), "admin", states))
            town = _before_state(text, gaz, start, states[0].entry.admin1_code, mentions)
            if town is not None:
                mentions[:] = [m for m in mentions if not (m.start < town.end and town.start < m.end)]
                mentions.append(town)
    surnames = {e.text.split()[-1] for e in doc.ents if e.label_ == "PERSON" and " " in e.text}
    read_as = Counter((e.text, e.label_ == "PERSON") for e in doc.ents if e.label_ in ("PERSON", "GPE", "LOC"))
    persons = {name for name, person in read_as if person and read_as[name, True] >= max(2, read_as[name, False] + 1)}
    people = {(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"}
    mentions[:] = [m for m in mentions if not _surname(surnames, text, gaz, m, people, persons)]
    mentions.sort(key=lambda m: m.start)
    _link(text, mentions)
    return mentions


def _surname(
    surnames: set[str],
    text: str,
    gaz: Gazetteer,
    m: Mention,
    people: frozenset[tuple[int, int]] | set[tuple[int, int]] = frozenset(),
    persons: frozenset[str] | set[str] = frozenset(),
) -> bool:
    """A bare name that is the surname of someone the text names in full, with no cue of a place ("Dana
    Jordan, 19, ... Jordan fired twice", "Omar Chad ... said Chad"), speaking ("Robert Gates ... In a speech in
    San Francisco, Gates spoke") or read as a person there too ("Chris Harris ... started shooting at Harris":
    `people`, NER's PERSON spans, outweigh the "at"); or a bare name NER reads as a person twice or more, and more
    often than as a place (`persons`: "Alvin Jordan" untagged, then "Investigators say Jordan jumped ..."): the
    person, not the country or town."""
    name = text[m.start : m.end]  # the cheap tests first: `evidence` only for a name that is a surname
    if m.dateline:
        return False
    if name not in surnames:
        return name in persons and evidence(text, m.start, m.end, gaz) is None
    if (m.start, m.end) in people:
        return True
    return bool(SPEAKS.match(text, m.end)) or evidence(text, m.start, m.end, gaz) is None


def _before_state(text: str, gaz: Gazetteer, start: int, admin1: str | None, mentions: list[Mention]) -> Mention | None:
    """The town or county a state abbreviation qualifies, when no other mention has it ("OXNARD, Calif. -",
    "FT. MYERS, Fla.", "SHELBY COUNTY, Tenn."): only its namesakes in that state. A longer known name
    replaces a mention of its tail ("EAST ST. LOUIS, Il." over "LOUIS": the caller drops the overlap)."""
    m = BEFORE_STATE.search(text, max(0, start - 40), start)
    if m is None:
        return None
    overlap = [n for n in mentions if n.start < m.end(1) and m.start(1) < n.end]
    words = m.group(1).split(" ")
    for name in (" ".join(words[i:]) for i in range(len(words))):  # "Northaven SHELBY COUNTY": the longest known
        for key in dict.fromkeys((name, FORT.sub("Fort ", name))):
            found = [
                c
                for c in gaz.lookup(key)
                if c.entry.kind in ("P", "B") and c.entry.admin1_code == admin1 and c.entry.country_code == "US"
            ]
            if found and not cues.plain_word(name, acronyms=False):
                begin = m.end(1) - len(name)
                if any(n.start < begin or n.end > m.end(1) or n.end - n.start >= len(name) for n in overlap):
                    return None  # the name is a mention already, or part of a longer one
                return Mention(begin, m.end(1), normalise_key(key), None, found)
    return None


def _link(text: str, mentions: list[Mention]) -> None:
    for i in range(len(mentions) - 1):
        gap = text[mentions[i].end : mentions[i + 1].start]
        if gap == ", " or PART_OF.match(gap):
            mentions[i].qualifier = i + 1
        elif gap.lstrip()[:1] in ("(", "[") and ")" not in gap and "]" not in gap and len(gap) <= 40:
            # "Sarmada (Harim, Idleb)": the list's last, widest unit qualifies the name
            close = text.find(")" if "(" in gap else "]", mentions[i].end)
            inside = [j for j in range(i + 1, len(mentions)) if close > 0 and mentions[j].end <= close]
            mentions[i].qualifier = inside[-1] if inside else None
        elif gap in ("'s ", "’s "):
            mentions[i + 1].owner = i


def _own_name(c: Candidate, name: str) -> bool:
    """Whether `name` is the place's own name or a spelling of it, not one of the nicknames GeoNames lists
    (the whole of "Google" is a nickname of Topeka): a town named inside an organisation's name is named
    as itself. Countries, regions and capitals keep their exonyms ("Ivory Coast", "Kiev")."""
    if c.entry.kind != "P" or c.entry.capital:
        return True
    return fuzz.ratio(normalise_key(name), normalise_key(c.entry.name)) >= OWN_NAME_SIMILARITY


def embedded_mentions(doc: Doc, mentions: Sequence[Mention]) -> list[Mention]:
    """Places named inside organisations and facilities ("the Government of Togo", "the Benghazi
    Medical Centre"): no place mentions themselves, but evidence of the country, and the event's
    place when the text names no other. Countries, regions and places of 100,000+ only."""
    gaz = load_gazetteer()
    text = doc_text(doc)
    taken = [(m.start, m.end) for m in mentions]
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("ORG", "FAC") or _overlaps(taken, ent.start_char, ent.end_char):
            continue
        words = [w.span() for w in CAPITALISED.finditer(text, ent.start_char, ent.end_char)]
        i = 0
        while i < len(words):  # the longest run of up to three capitalised words that is a place
            for n in (3, 2, 1):
                run = words[i : i + n]
                if len(run) < n or any(text[a[1] : b[0]] != " " for a, b in zip(run, run[1:], strict=False)):
                    continue
                start, end = run[0][0], run[-1][1]
                name = text[start:end]
                if cues.plain_word(name) or gaz.demonym_country(name) is not None:
                    continue
                found = [c for c in gaz.lookup(name) if not c.weak and _own_name(c, name)]
                if any(c.entry.kind in ("C", "A") or c.entry.population >= EMBEDDED_PLACE for c in found):
                    out.append(Mention(start, end, normalise_key(name), None, found))
                    i += n - 1
                    break
            i += 1
    return out
