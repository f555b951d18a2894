"""Structured news-event fields from clean article text (pure; safe in worker processes).

`extract_fields` runs: sentences -> counts -> spaCy parse -> entities -> dates -> events ->
places (told which sentences hold a count or an event trigger) -> figures.
Only English is extracted; other languages keep their sentences and a `skipped_reason`.
A document with no detected language (None) is treated as English.
"""

from __future__ import annotations

import datetime as dt
import re
import traceback
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from tasks.core.extraction.dates import extract_dates
from tasks.core.extraction.events import extract_events
from tasks.core.extraction.figures import build_figures
from tasks.core.extraction.model import Count, DateMention, EventType, Fields, Sentence
from tasks.core.extraction.sentences import split_sentences

if TYPE_CHECKING:
    from spacy.tokens import Doc

EXTRACTOR_VERSION = "2026.12.01-datesmeta"  # bump whenever any extractor's output changes
SUPPORTED_LANGUAGES = frozenset({"en"})

__all__ = ["EXTRACTOR_VERSION", "SUPPORTED_LANGUAGES", "Article", "extract_fields", "extract_many"]


class Article(NamedTuple):
    """One text to extract: relative dates resolve against `published_at`, or against `reference_date` (the
    run's date) when the document has no publication date."""

    text: str
    language: str | None
    published_at: dt.datetime | None
    reference_date: dt.date


def extract_fields(
    text: str,
    *,
    language: str | None,
    published_at: dt.datetime | None,
    reference_date: dt.date,
) -> Fields:
    """Extract every field of one document (an extractor bug raises; `extract_many` records it instead)."""
    prepared = _prepare(Article(text, language, published_at, reference_date))
    if isinstance(prepared, Fields):
        return prepared
    from tasks.core.extraction.nlp import parse_doc

    return _finish(prepared, parse_doc(prepared.masked))


def extract_many(articles: Sequence[Article]) -> list[Fields]:
    """`extract_fields` for many texts, in order; spaCy parses them together (`nlp.pipe`, about 7% cheaper
    than one at a time). A bug on one text is recorded as its `skipped_reason`, never lost with the rest.

    The parse runs in a spaCy memory zone: the strings spaCy interns for each new word are freed when the
    batch is done, so a worker's memory does not grow with the vocabulary of a long backfill (no spaCy object
    outlives the zone: Fields hold plain strings and offsets)."""
    from tasks.core.extraction.nlp import load_nlp, parse_doc, parse_docs

    results: list[Any] = [_guarded(article.language, _prepare, article) for article in articles]
    pending = [i for i, result in enumerate(results) if isinstance(result, _Prepared)]
    if not pending:
        return results
    with load_nlp().memory_zone():
        try:
            docs: list[Any] = parse_docs([results[i].masked for i in pending])
        except Exception:  # noqa: BLE001 -- find the text that broke the batch: parse them one by one
            docs = [_guarded(results[i].article.language, parse_doc, results[i].masked) for i in pending]
        for i, doc in zip(pending, docs, strict=True):
            prepared = results[i]
            language = prepared.article.language
            results[i] = doc if isinstance(doc, Fields) else _guarded(language, _finish, prepared, doc)
    return results


class _Prepared(NamedTuple):
    article: Article
    sentences: list[Sentence]
    counts: list[Count]
    dates: list[DateMention]
    events: list[EventType]
    event_sentences: frozenset[int]
    masked: str


def _guarded(language: str | None, step: Callable[..., Any], *args: Any) -> Any:
    """`step(*args)`, or the Fields recording the bug that made it raise."""
    try:
        return step(*args)
    except Exception as exc:  # noqa: BLE001 -- a bug on one document must not lose the batch; it is recorded
        detail = "".join(traceback.format_exception_only(exc)).strip()[:500]
        return Fields(language=language, skipped_reason=f"extractor_error: {detail}")


def _prepare(article: Article) -> Fields | _Prepared:
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
    counts = extract_counts(text, sentences)
    dates = extract_dates(text, sentences, article.published_at, article.reference_date)
    events = extract_events(text, sentences, counts)
    event_sentences = frozenset(
        {c.sentence_index for c in counts if c.temporal == "current"} | {i for e in events for i in e.sentence_indexes}
    )
    masked = mask_for_ner(text, sentences, event_sentences)
    return _Prepared(article, sentences, counts, dates, events, event_sentences, masked)


def _finish(prepared: _Prepared, doc: Doc) -> Fields:
    """Everything after the spaCy parse."""
    from tasks.core.extraction.entities import extract_entities
    from tasks.core.extraction.places import extract_places

    article, sentences = prepared.article, prepared.sentences
    entities = extract_entities(doc, sentences)
    places = extract_places(doc, sentences, prepared.event_sentences)
    published = article.published_at.date() if article.published_at is not None else None
    figures = build_figures(
        prepared.counts,
        prepared.events,
        prepared.dates,
        places,
        text=article.text,
        published=published,
        anchor=published or article.reference_date,
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


NER_LEAD_CHARS = 1500  # NER reads the lead (about 250 words) and every event sentence; see mask_for_ner
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def mask_for_ner(text: str, sentences: Sequence[Sentence], keep: frozenset[int]) -> str:
    """The text with every sentence NER need not read blanked to spaces (offsets unchanged).

    NER is most of the extraction cost and grows with the tokens it reads. People, organisations and places
    that matter for the event are named in the lead and in the sentences that hold a count or an event
    trigger; long articles' remaining paragraphs (background, quotes, boilerplate) are not read, so a place or
    person named only there is not extracted. Short articles are read whole. Of those sentences, NER skips
    the ones that cannot hold a name (`_may_hold_name`): about a fifth of the tokens. On 205 test texts that
    dropped 13 of 322 entities, all junk read off foreign-language pages, and no place.
    """
    lower = {w for w in _WORD.findall(text) if w[0].islower()}
    parts = []
    cursor = 0
    for sentence in sentences:
        read = sentence.char_start < NER_LEAD_CHARS or sentence.index in keep
        if not read or not _may_hold_name(text, sentence, lower):
            parts.append(text[cursor : sentence.char_start])
            parts.append(" " * (sentence.char_end - sentence.char_start))
            cursor = sentence.char_end
    parts.append(text[cursor:])
    return "".join(parts).rstrip()  # nothing kept after the last kept sentence: don't even tokenize it


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
