"""Small places named only with a locative, kept when the text's country evidence backs them.

The scan (`place_mentions`) makes a place of a capitalised name NER missed, with only a locative before it ("at
Gudumbali", "in Nongoma"), when the gazetteer knows it as a town of 10,000 people or more (or the name has two
words, or only one place in the world bears it): a village-sized namesake is too often a person, a word or a
place abroad. In an event note whose country
the text says otherwise (its forces, parties, demonyms, institutions: "Boko Haram", "Kenyan troops", "the IFP"),
a village of exactly that name in that very country is no chance namesake: it is the scene. Such a name is added
as a mention when it is in an event sentence, not a generic word, a title's name or a demonym, has a locative that
is no origin or destination ("from X", "towards X"), names no group ("the X gang") and no region or country
(those are left to the other rules), and has an exact candidate (no alias, no corrected spelling) in a country with
evidence; only those candidates are kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from tasks.core.extraction import place_cues as cues
from tasks.core.extraction.gazetteer import Gazetteer, normalise_key
from tasks.core.extraction.model import Sentence
from tasks.core.extraction.place_mentions import Mention, is_actor

PLACE_KINDS = ("P", "B")


def backed_mentions(
    text: str,
    sentences: Sequence[Sentence],
    event_sentences: frozenset[int],
    mentions: Sequence[Mention],
    countries: Counter,
    gaz: Gazetteer,
) -> list[Mention]:
    """The mentions to add (see the module), in text order."""
    if not countries:
        return []
    taken = [(m.start, m.end) for m in mentions]
    out = []
    for sentence in sentences:
        if sentence.index not in event_sentences and sentence.index != 0:
            continue
        for start, end in cues.iter_names(text, sentence.char_start, sentence.char_end, gaz.names_place):
            if any(s < end and start < e for s, e in taken) or not _locative(text, start):
                continue
            name = text[start:end]
            if cues.plain_word(name) or cues.is_titled(text, start) or gaz.demonym_country(name) is not None:
                continue
            if is_actor(text, start, end):  # "the Santa Rosa de Lima gang"
                continue
            key, every = normalise_key(name), gaz.lookup(name)
            if any(c.entry.kind in ("A", "C") for c in every):  # "in Southern California": left to the other rules
                continue
            found = [
                c
                for c in every
                if c.entry.kind in PLACE_KINDS
                and not c.weak
                and countries.get(c.entry.country_code)
                and normalise_key(c.entry.name) == key
            ]
            if found:
                out.append(Mention(start, end, key, None, found))
                taken.append((start, end))
    return out


def _locative(text: str, start: int) -> bool:
    locative = cues.LOCATIVE.search(text[max(0, start - 30) : start])
    return locative is not None and not cues.ORIGIN_OR_DESTINATION.match(locative.group(0))
