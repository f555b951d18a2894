"""Backfill batches count documents; each file's end-of-file marker rides with its last item."""

from __future__ import annotations

from tasks.core.pipeline import batches
from tasks.core.records import RawDocument, Reject, Stage
from tasks.core.seeds import FileDone


def _doc(uri: str) -> RawDocument:
    return RawDocument(uri, "text", "Two people were injured.")


def test_batches_count_documents_not_markers() -> None:
    stream = []
    for f in range(5):  # five one-document files: document, marker, document, marker, ...
        stream += [_doc(f"f{f}"), FileDone(f"f{f}", 1, 1, 1)]
    out = list(batches(stream, 2))
    assert [sum(not isinstance(i, FileDone) for i in b) for b in out] == [2, 2, 1]
    assert [i for b in out for i in b] == stream  # nothing lost, order kept
    for b in out:  # each marker follows its file's document in the same batch
        assert isinstance(b[-1], FileDone) and b[-2].source_uri == b[-1].source_uri


def test_rejects_count_and_empty_files_pass_through() -> None:
    reject = Reject("bad", Stage.READ, "not_found", "no such file")
    stream = [FileDone("empty", 0, 1, 0), reject, _doc("a"), _doc("a#2"), FileDone("a", 9, 1, 2)]
    out = list(batches(stream, 2))
    assert out == [[FileDone("empty", 0, 1, 0), reject, _doc("a")], [_doc("a#2"), FileDone("a", 9, 1, 2)]]
    assert list(batches([], 3)) == []
