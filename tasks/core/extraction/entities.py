"""People and organisations from spaCy NER, cleaned: titles, demonyms and possessives removed,
surname-only mentions resolved to the full name given earlier."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span

from tasks.core.extraction.gazetteer import Gazetteer, load_gazetteer
from tasks.core.extraction.model import Entity, EntityKind, Sentence
from tasks.core.extraction.nlp import doc_text, sentence_index_of
from tasks.core.extraction.places import is_misfiled_place


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


TITLES = _words(
    """
    mr mrs ms miss dr prof sir dame lord lady president vice prime minister ministers deputy sheriff detective
    constable trooper pastor
    foreign defence defense interior finance secretary general gen maj major lt lieutenant
    col colonel capt captain cmdr commander adm admiral brig brigadier sgt sergeant cpl
    corporal pvt field marshal governor gov mayor senator sen rep representative congressman
    congresswoman councilman councilwoman councillor councilor alderman alderwoman assemblyman
    assemblywoman delegate judge justice chief king queen prince princess sheikh shaikh emir sultan
    ayatollah imam pope cardinal bishop archbishop rev reverend father ambassador chairman
    chairwoman chair spokesman spokeswoman spokesperson warlord commissioner inspector
    superintendent officer speaker chancellor premier crown acting former late then the a an
    """
)
ORG_WORDS = _words(
    """
    committee council ministry department agency party army force forces front group
    movement union nations organisation organization association bank company corp
    corporation inc ltd university college school institute office service services court
    parliament assembly commission authority police guard brigade battalion regiment network
    fund foundation federation alliance coalition league board bureau center centre news
    times post press tv radio club church mosque hospital government administration state
    islamic
    """
)
ROLE_WORDS = _words(
    """
    warlord leader commander chief militant rebel fighter activist journalist reporter
    official officer spokesman spokeswoman minister president governor general colonel
    businessman businesswoman tycoon lawyer opposition politician cleric suspect victim
    founder head director singer actor player coach
    """
)
SURNAME_ENDINGS = tuple(
    sorted(_words("ov ova ev eva enko sky ski ska vich vic dze shvili yan oglu zadeh poulos escu bekov ayev iyev"))
)
POSSESSIVE = re.compile(r"['’]s?$")
CALENDAR = _words(
    """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    """
)


def _trim(span: Span, gaz: Gazetteer) -> tuple[int, int] | None:
    """Token bounds without a leading article (people: titles and demonyms too) and trailing
    possessives or punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    person = span.label_ == "PERSON"
    for i in range(start + 1, end - 1):  # "MAPUTO - Insurgents": a dateline glued to the sentence's first words
        if doc[i].text in ("-", "–", "—") and doc[i - 1].is_upper:
            start = i + 1
    while start < end and (
        doc[start].lower_ in ("the", "a", "an")
        or doc[start].is_punct
        or (person and doc[start].lower_.rstrip(".") in TITLES)
        or (person and gaz.demonym_country(doc[start].text) is not None)
    ):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s", "'", "’")):
        end -= 1
    return (start, end) if end > start else None


def _plausible(kind: EntityKind, tokens: Span, gaz: Gazetteer) -> bool:
    """Reject demonyms, countries tagged as people, bare numbers and lowercase fragments."""
    text = tokens.text
    if not any(ch.isalpha() for ch in text) or not text[0].isupper():
        return False
    if gaz.demonym_country(text) is not None or text.lower() in CALENDAR:
        return False
    if kind == "PERSON" and len(tokens) == 1:
        return not any(c.entry.kind in ("C", "A", "K") for c in gaz.lookup(text))
    generic = TITLES | ORG_WORDS
    return not (kind == "ORG" and all(t.lower_ in generic or t.is_punct for t in tokens))


def _looks_like_person(tokens: Span) -> bool:
    """An ORG tag on what reads as a personal name ("local warlord Tolib Ayombekov")."""
    words = [t for t in tokens if not t.is_punct]
    if not 2 <= len(words) <= 3 or any(not w.is_alpha or not w.is_title for w in words):
        return False
    if any(w.lower_ in ORG_WORDS for w in words):
        return False
    before = tokens.doc[tokens.start - 1].lower_ if tokens.start > 0 else ""
    return before in ROLE_WORDS or words[-1].lower_.endswith(SURNAME_ENDINGS)


def _chars(tokens: Span) -> tuple[int, int]:
    return tokens.start_char, tokens.end_char


def _name(tokens: Span) -> str:
    return POSSESSIVE.sub("", " ".join(tokens.text.split())).strip()


def _mention(
    kind: EntityKind, name: str, text: str, start: int, end: int, where: tuple[list[int], list[int]]
) -> Entity:
    return Entity(kind, text[start:end], name, sentence_index_of(*where, start), start, end)


def _surname_mentions(doc: Doc, text: str, found: list[Entity], where: tuple[list[int], list[int]]) -> list[Entity]:
    """Later surname-only mentions of people named in full, which NER missed."""
    full: dict[str, set[str]] = {}
    first_seen: dict[str, int] = {}
    for e in found:
        parts = e.name.split()
        if e.kind == "PERSON" and len(parts) >= 2 and len(parts[-1]) >= 3:
            full.setdefault(parts[-1], set()).add(e.name)
            first_seen.setdefault(parts[-1], e.char_end)
    taken = [(e.char_start, e.char_end) for e in found]
    out = []
    for surname, names in full.items():
        if len(names) != 1 or surname.lower() in CALENDAR or doc.vocab[surname.lower()].is_stop:
            continue
        for m in re.finditer(rf"\b{re.escape(surname)}\b", text):
            s, e = m.span()
            if s >= first_seen[surname] and not any(a < e and s < b for a, b in taken):
                out.append(_mention("PERSON", next(iter(names)), text, s, e, where))
    return out


def _resolve_short_names(found: list[Entity]) -> list[Entity]:
    """Give a one-word PERSON mention the full name it abbreviates (surname, else first name),
    when that is unambiguous."""
    by_surname: dict[str, set[str]] = {}
    by_first: dict[str, set[str]] = {}
    for e in found:
        parts = e.name.split()
        if e.kind == "PERSON" and len(parts) >= 2:
            by_surname.setdefault(parts[-1], set()).add(e.name)
            by_first.setdefault(parts[0], set()).add(e.name)
    out = []
    for e in found:
        names = by_surname.get(e.name) or by_first.get(e.name) or set()
        names = names if e.kind == "PERSON" else set()
        if len(e.name.split()) == 1 and len(names) == 1:
            e = Entity(e.kind, e.text, next(iter(names)), e.sentence_index, e.char_start, e.char_end)
        out.append(e)
    return out


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_DATELINE_END = re.compile(r"^[A-Z][A-Z .,'’()-]*?\s[-–—]\s")


def _capitalised_by_position(text: str, tokens: Span, lower: set[str]) -> bool:
    """One word capitalised only because it opens a sentence or follows a dateline ("MAPUTO - Insurgents
    ambushed"): the document writes it in lower case elsewhere, or it is a plural common noun."""
    if len(tokens) != 1:
        return False
    word = tokens.text
    before = text[max(0, tokens.start_char - 40) : tokens.start_char]
    opens = not before.strip() or before.rstrip()[-1:] in ".!?\n-–—:" or _DATELINE_END.search(before + " ")
    return bool(opens) and (word.lower() in lower or (word.endswith("s") and word[:-1].lower() in lower))


def _with_rule_people(text: str, found: list[Entity], where: tuple[list[int], list[int]]) -> list[Entity]:
    """Add the people `name_rules` finds; a rule person replaces an ORG on the same words ("Darnell Price, 23"
    tagged ORG) and a home place after an age ("of Humble") is no organisation and no person."""
    from tasks.core.extraction.name_rules import find_aged_people, find_identified_people, find_titled_people

    people: list[tuple[int, int]] = list(find_titled_people(text))
    homes: list[tuple[int, int]] = []
    for span, home in [*find_aged_people(text), *find_identified_people(text)]:
        people.append(span)
        if home is not None:
            homes.append(home)
    kept = [
        e
        for e in found
        if not (e.kind == "ORG" and _overlaps_any(e, people + homes) or e.kind == "PERSON" and _overlaps_any(e, homes))
    ]
    for start, end in sorted(set(people)):
        if any(e.char_start < end and start < e.char_end for e in kept):
            continue
        name = POSSESSIVE.sub("", " ".join(text[start:end].split())).strip()
        kept.append(_mention("PERSON", name, text, start, end, where))
    return sorted(kept, key=lambda e: (e.char_start, e.char_end))


def _overlaps_any(e: Entity, spans: list[tuple[int, int]]) -> bool:
    return any(e.char_start < b and a < e.char_end for a, b in spans)


def _merge_adjacent_people(found: list[Entity], text: str) -> list[Entity]:
    """Two PERSON mentions one space or a name particle apart are one name ("Mohammad Sadiq" + "Akif Mohajir",
    "Randy" + "delos" + "Santos"); a one-word ORG that is the surname of a person named in full is that person
    ("Price had been released"); a PERSON ending in "Road" or "Street" is an address, not a person."""
    out: list[Entity] = []
    for e in found:
        prev = out[-1] if out else None
        gap = text[prev.char_end : e.char_start] if prev else ""
        if prev and prev.kind == e.kind == "PERSON" and (gap == " " or _PARTICLE_GAP.fullmatch(gap)):
            start, end = prev.char_start, e.char_end
            name = " ".join(text[start:end].split())
            out[-1] = Entity("PERSON", text[start:end], name, prev.sentence_index, start, end)
        elif not (e.kind == "PERSON" and e.name.split()[-1].lower() in _STREET_WORDS):
            out.append(e)
    surnames = {e.name.split()[-1]: e.name for e in out if e.kind == "PERSON" and len(e.name.split()) >= 2}
    return [
        Entity("PERSON", e.text, surnames[e.name], e.sentence_index, e.char_start, e.char_end)
        if e.kind == "ORG" and e.name in surnames
        else e
        for e in out
    ]


_PARTICLE_GAP = re.compile(r" (?:de|da|dos|del|della|delos|de la|di|du|van|van der|von|von der|bin|ibn|al|el|le) ")
_STREET_WORDS = _words("road street avenue boulevard lane drive highway way court place square")


def extract_entities(doc: Doc, sentences: Sequence[Sentence], original: str | None = None) -> list[Entity]:
    """PERSON and ORG mentions in text order, one per mention.

    `doc` may have been parsed from a masked copy of `original` (same offsets); the rules of `name_rules`
    and the surname pass read `original` whole, so names in sentences NER skipped are found too."""
    gaz = load_gazetteer()
    text = original if original is not None else doc_text(doc)  # spaCy rebuilds doc.text on every access
    where = ([s.char_start for s in sentences], [s.index for s in sentences])
    found: list[Entity] = []
    lower = {w for w in _WORD.findall(text) if w[0].islower()}
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG"):
            continue
        bounds = _trim(ent, gaz)
        if bounds is None:
            continue
        tokens = doc[bounds[0] : bounds[1]]
        kind: EntityKind = "PERSON" if ent.label_ == "PERSON" else "ORG"
        if kind == "ORG" and _looks_like_person(tokens):
            kind = "PERSON"
        if not _plausible(kind, tokens, gaz) or is_misfiled_place(text, ent.label_, *_chars(tokens)):
            continue
        if _capitalised_by_position(text, tokens, lower):
            continue
        found.append(_mention(kind, _name(tokens), text, tokens.start_char, tokens.end_char, where))
    found = _merge_adjacent_people(_with_rule_people(text, found, where), text)
    found += _surname_mentions(doc, text, found, where)
    ends = {s.index: s.char_end for s in sentences}
    found = [e for e in found if e.char_end <= ends.get(e.sentence_index, e.char_end)]  # no mention spans 2 sentences
    found.sort(key=lambda e: (e.char_start, e.char_end))
    return _resolve_short_names(found)
