"""Structured news-event fields from clean article text (pure; safe in worker processes).

`extract_fields` runs: sentences -> counts -> spaCy parse -> entities -> dates -> events ->
places (told which sentences hold a count or an event trigger) -> figures.
Only English is extracted; other languages keep their sentences and a `skipped_reason`.
A document with no detected language (None) is treated as English.

Every extractor is linear in its input (sentences are bounded: see sentences.py), and each document
has a time budget (`settings.extract_budget_s()`, `WIREHOUSE_EXTRACT_BUDGET_S`): checked between steps
and between sentences of the count extractor, before and after the spaCy parse. A document over it
gets `skipped_reason = "extractor_timeout"` (a row in `extractions`, as for any skipped text), and the
worker goes on with the next document.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import traceback
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from tasks.core.extraction.dates import extract_dates
from tasks.core.extraction.events import extract_events_and_actors
from tasks.core.extraction.figures import build_figures
from tasks.core.extraction.model import Actor, Count, DateMention, EventType, Fields, Sentence
from tasks.core.extraction.sentences import split_sentences

if TYPE_CHECKING:
    from spacy.tokens import Doc

EXTRACTOR_VERSION = "2026.12.04-3"  # bump whenever any extractor's output changes
SUPPORTED_LANGUAGES = frozenset({"en"})

__all__ = ["EXTRACTOR_VERSION", "SUPPORTED_LANGUAGES", "Article", "ExtractorTimeout", "extract_fields", "extract_many"]
TIMEOUT_REASON = "extractor_timeout"


class ExtractorTimeout(Exception):
    """A document's extraction ran past its time budget."""


class _Deadline:
    """A monotonic deadline; `check()` raises ExtractorTimeout once it has passed."""

    def __init__(self, budget_s: float | None) -> None:
        if budget_s is None:
            from tasks.core.settings import extract_budget_s

            budget_s = extract_budget_s()
        self.at = time.monotonic() + budget_s

    def check(self) -> None:
        if time.monotonic() > self.at:
            raise ExtractorTimeout


class Article(NamedTuple):
    """One text to extract: relative dates resolve against `published_at`, or against `reference_date` (the
    run's date) when the document has no publication date."""

    text: str
    language: str | None
    published_at: dt.datetime | None
    reference_date: dt.date
    country: str | None = None  # the feed's or source's country (ISO alpha-2), when known: place context


def extract_fields(
    text: str,
    *,
    language: str | None,
    published_at: dt.datetime | None,
    reference_date: dt.date,
    country: str | None = None,
    budget_s: float | None = None,
) -> Fields:
    """Extract every field of one document (an extractor bug raises; `extract_many` records it instead).
    Over the time budget, the Fields say `skipped_reason="extractor_timeout"`."""
    deadline = _Deadline(budget_s)
    try:
        prepared = _prepare(Article(text, language, published_at, reference_date, country), deadline)
        if isinstance(prepared, Fields):
            return prepared
        from tasks.core.extraction.nlp import parse_doc

        doc = parse_doc(prepared.masked)
        deadline.check()
        return _finish(prepared, doc, deadline)
    except ExtractorTimeout:
        return Fields(language=language, skipped_reason=TIMEOUT_REASON)


def extract_many(articles: Sequence[Article], budget_s: float | None = None) -> list[Fields]:
    """`extract_fields` for many texts, in order; spaCy parses them together (`nlp.pipe`, about 7% cheaper
    than one at a time). A bug on one text is recorded as its `skipped_reason`, never lost with the rest.

    The parse runs in a spaCy memory zone: the strings spaCy interns for each new word are freed when the
    batch is done, so a worker's memory does not grow with the vocabulary of a long backfill (no spaCy object
    outlives the zone: Fields hold plain strings and offsets).

    Each document's budget covers the steps before the parse, and again its share of the parse and the steps
    after it (the batch is parsed together, so the parse is timed for the batch and split by length)."""
    from tasks.core.extraction.nlp import load_nlp, parse_doc, parse_docs

    results: list[Any] = [_guarded(article.language, _prepare, article, _Deadline(budget_s)) for article in articles]
    pending = [i for i, result in enumerate(results) if isinstance(result, _Prepared)]
    if not pending:
        return results
    with load_nlp().memory_zone():
        started = time.monotonic()
        try:
            docs: list[Any] = parse_docs([results[i].masked for i in pending])
        except Exception:  # noqa: BLE001 -- find the text that broke the batch: parse them one by one
            docs = [_guarded(results[i].article.language, parse_doc, results[i].masked) for i in pending]
        parse_s = time.monotonic() - started
        chars = sum(len(results[i].masked) for i in pending) or 1
        for i, doc in zip(pending, docs, strict=True):
            prepared = results[i]
            language = prepared.article.language
            deadline = _Deadline(budget_s)
            deadline.at -= parse_s * len(prepared.masked) / chars  # this document's share of the batch parse
            results[i] = doc if isinstance(doc, Fields) else _guarded(language, _finish, prepared, doc, deadline)
    return results


class _Prepared(NamedTuple):
    article: Article
    sentences: list[Sentence]
    counts: list[Count]
    dates: list[DateMention]
    events: list[EventType]
    event_sentences: frozenset[int]
    masked: str
    actors: tuple[Actor | None, Actor | None]


def _guarded(language: str | None, step: Callable[..., Any], *args: Any) -> Any:
    """`step(*args)`, or the Fields recording the bug (or the timeout) that made it raise."""
    try:
        return step(*args)
    except ExtractorTimeout:
        return Fields(language=language, skipped_reason=TIMEOUT_REASON)
    except Exception as exc:  # noqa: BLE001 -- a bug on one document must not lose the batch; it is recorded
        detail = "".join(traceback.format_exception_only(exc)).strip()[:500]
        return Fields(language=language, skipped_reason=f"extractor_error: {detail}")


def _prepare(article: Article, deadline: _Deadline) -> Fields | _Prepared:
    """Everything before the spaCy parse (or the finished Fields of a text that needs none)."""
    text, language = article.text, article.language
    if not text.strip():
        return Fields(language=language, skipped_reason="empty_text")
    base = _base_language(language)
    if base is not None and base not in SUPPORTED_LANGUAGES:
        return Fields(
            language=language,
            skipped_reason=f"language_not_supported:{base}",
            sentences=tuple(split_sentences(text)),
        )
    from tasks.core.extraction.counts import extract_counts  # loaded only when needed

    sentences = split_sentences(text)
    deadline.check()
    counts = extract_counts(text, sentences, check=deadline.check)
    deadline.check()
    dates = extract_dates(text, sentences, article.published_at, article.reference_date)
    deadline.check()
    from tasks.core.extraction.gazetteer import load_gazetteer

    events, actors = extract_events_and_actors(text, sentences, counts, load_gazetteer().demonym_country)
    deadline.check()
    event_sentences = frozenset(
        {c.sentence_index for c in counts if c.temporal == "current"} | {i for e in events for i in e.sentence_indexes}
    )
    masked = mask_for_ner(text, sentences, event_sentences)
    return _Prepared(article, sentences, counts, dates, events, event_sentences, masked, actors)


def _finish(prepared: _Prepared, doc: Doc, deadline: _Deadline) -> Fields:
    """Everything after the spaCy parse."""
    from tasks.core.extraction.entities import extract_entities
    from tasks.core.extraction.place_context import event_hint
    from tasks.core.extraction.place_fallback import fallback_country
    from tasks.core.extraction.places import extract_places

    article, sentences = prepared.article, prepared.sentences
    deadline.check()
    entities = extract_entities(doc, sentences, article.text)
    deadline.check()
    places = extract_places(doc, sentences, prepared.event_sentences, source_country=article.country)
    hint = event_hint(doc, sentences, prepared.event_sentences, places)
    if hint is None:  # no event place and no hint: the one country the text's evidence points to
        hint = fallback_country(doc, sentences, places)
    deadline.check()
    published = article.published_at.date() if article.published_at is not None else None
    figures = build_figures(
        prepared.counts,
        prepared.events,
        prepared.dates,
        places,
        text=article.text,
        published=published,
        anchor=published or article.reference_date,
        actors=prepared.actors,
        hint=hint,
    )
    return Fields(
        language=article.language,
        skipped_reason=None,
        sentences=tuple(sentences),
        entities=tuple(entities),
        places=tuple(places),
        counts=tuple(prepared.counts),
        dates=tuple(prepared.dates),
        events=tuple(prepared.events),
        figures=figures,
    )


NER_LEAD_CHARS = 1500  # NER reads the lead (about 250 words), every event sentence and later names; see mask_for_ner
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def mask_for_ner(text: str, sentences: Sequence[Sentence], keep: frozenset[int]) -> str:
    """The text with every sentence NER need not read blanked to spaces (offsets unchanged).

    NER is most of the extraction cost and grows with the tokens it reads. It reads the lead, the sentences that
    hold a count or an event act, and any later sentence with a name of two capitalised words or more and a cue
    that someone or something is named there ("said", "told", a title, a family word, an age, "Ministry",
    "Court": `_may_name_tail`); other later sentences are not read
    (its surnames, places and titled or aged names are found without a parse: `entities`' surname pass,
    the places scanner, `name_rules`). Short articles are read whole. Of those sentences, NER skips the ones
    that cannot hold a name (`_may_hold_name`). On the names gold set (tests/gold/names.jsonl) this reading
    scores as reading everything but one name (0.848 against 0.848-0.850), at 54% of the characters of 600-word
    articles (main read 42%, everything is 87%).
    """
    lower = {w for w in _WORD.findall(text) if w[0].islower()}
    parts = []
    cursor = 0
    for sentence in sentences:
        read = sentence.char_start < NER_LEAD_CHARS or sentence.index in keep or _may_name_tail(text, sentence)
        if not read or not _may_hold_name(text, sentence, lower):
            parts.append(text[cursor : sentence.char_start])
            parts.append(" " * (sentence.char_end - sentence.char_start))
            cursor = sentence.char_end
    parts.append(text[cursor:])
    return "".join(parts).rstrip()  # nothing kept after the last kept sentence: don't even tokenize it


_NAME_PAIR = re.compile(
    r"(?<![.!?]\s)\b[A-Z][a-z'’-]+(?:\s+(?:de|da|del|dos|van|von|bin|al|el|la|le)\b)?\s+[A-Z][a-z'’-]+"
)
_NOT_NAME_WORDS = (
    "January February March April May June July August September October November December Monday Tuesday "
    "Wednesday Thursday Friday Saturday Sunday The A An In On At He She They It We This That"
)
_NOT_NAME = frozenset(_NOT_NAME_WORDS.split())


def _may_name_tail(text: str, sentence: Sentence) -> bool:
    """A sentence after the lead is read when it holds two capitalised words in a row, not at its start
    ("said Hussein Mohamed", "the Law Society"), and a cue that it names someone or an organisation
    (`_NAME_CUE`). A lone capitalised word there is mostly a surname already named in full (found by
    `entities`' surname pass) or a place (found by the places scanner)."""
    if not _NAME_CUE.search(text, sentence.char_start, sentence.char_end):
        return False
    for match in _NAME_PAIR.finditer(text, sentence.char_start, sentence.char_end):
        if match.start() == sentence.char_start:
            continue
        words = match.group().split()
        if not all(w in _NOT_NAME for w in (words[0], words[-1])):
            return True
    return False


# a sentence naming someone mostly says who spoke or who they are; an organisation has its telling noun
_NAME_CUE = re.compile(
    r"\b(?:said|says|told|according|spokes\w+|identified|named|accused|charged|arrested|led by|head of|chief|"
    r"leader|president|minister|director|chairman|lawyer|judge|mate|wife|husband|son|daughter|brother|sister|"
    r"father|mother|family|friend|colleague|victim|suspect|witness|resident|neighbou?r|Ministry|Commission|Council|Court|Police|Party|"
    r"Union|Association|Society|University|Hospital|Department|Agency|Office|Bank|Company|Group|Front|Movement|"
    r"Army|Forces|Institute|Foundation|Organi[sz]ation|Authority|Service|Committee)\b|, \d{1,3},"
)


def _may_hold_name(text: str, sentence: Sentence, lower: set[str]) -> bool:
    """A name is capitalised: a sentence can hold one if a word other than its first is capitalised, or its
    first word is and the document never writes that word in lower case ("Kabul was quiet", not "The")."""
    for i, match in enumerate(_WORD.finditer(text, sentence.char_start, sentence.char_end)):
        word = match.group()
        if word[0].isupper() and (i > 0 or word.lower() not in lower):
            return True
    return False


def _base_language(language: str | None) -> str | None:
    """ "en-US" -> "en"; None stays None (unknown: extracted as English)."""
    if language is None or not language.strip():
        return None
    return language.strip().lower().replace("_", "-").split("-")[0]
