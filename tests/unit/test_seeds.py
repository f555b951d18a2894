"""The seed readers: format sniffing, streaming readers, and a reject for every bad input."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
import random
import threading
import zlib
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tasks.core.records import RawDocument, Reject
from tasks.core.seeds import FileDone, parse_timestamp, read_inputs, read_inputs_tracked, sniff_format, walk_paths

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("head", "name", "expected"),
    [
        (b"WARC/1.0\r\nWARC-Type: warcinfo", "x.bin", "warc"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel>', "feed.txt", "feed"),
        (b"\xef\xbb\xbf<feed xmlns='http://www.w3.org/2005/Atom'>", "", "feed"),
        (b"<rdf:RDF xmlns:rdf='...'>", "x", "feed"),
        (b"<!DOCTYPE html><html><head>", "page.txt", "html"),
        (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', "x.xml", "html"),
        (b'{"id": 1, "text": "hello"}\n{"id": 2}', "export.txt", "jsonl"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": []}', "feed.json", "feed"),
        (b"Plain words in a file.\n", "notes.html", "html"),
        (b"Plain words in a file.\n", "notes.txt", "text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.txt", "binary"),
        (b"   \n\t ", "blank.txt", "empty"),
        (b"\xff\xfeH\x00i\x00", "utf16.txt", "text"),
    ],
)
def test_sniff_format(head: bytes, name: str, expected: str) -> None:
    assert sniff_format(head, name) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-14T10:00:00Z", dt.datetime(2024, 3, 14, 10, tzinfo=dt.UTC)),
        ("2024-03-14T12:00:00+02:00", dt.datetime(2024, 3, 14, 10, tzinfo=dt.UTC)),
        ("2024-03-14", dt.datetime(2024, 3, 14, tzinfo=dt.UTC)),
        ("Thu, 14 Mar 2024 10:00:00 GMT", dt.datetime(2024, 3, 14, 10, tzinfo=dt.UTC)),
        ("2024-03-14 10:00:00", dt.datetime(2024, 3, 14, 10, tzinfo=dt.UTC)),
        ("yesterday", None),
        ("0000-01-01", None),
        ("", None),
        (None, None),
        (1710410400, None),
    ],
)
def test_parse_timestamp(value: object, expected: dt.datetime | None) -> None:
    assert parse_timestamp(value) == expected


def _read(path: Path) -> list[RawDocument | Reject]:
    return list(read_inputs([path]))


def test_jsonl_keeps_good_lines_around_broken_ones(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "First article body.", "published_at": "2024-01-02T03:04:05Z"}),
        '{"id": "b", "text": "unterminated',
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "c", "title": "no body"}),
        "",
        json.dumps({"id": "d", "html": "<html><body><p>Second.</p></body></html>", "url": "https://e.x/d"}),
    ]
    path.write_text("\n".join(lines) + "\n")
    items = _read(path)
    docs = [i for i in items if isinstance(i, RawDocument)]
    rejects = {i.source_uri.rsplit("#", 1)[1]: i.reason for i in items if isinstance(i, Reject)}
    assert [d.external_id for d in docs] == ["a", "d"]
    assert docs[0].published_at == dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    assert docs[1].kind == "html" and docs[1].url == "https://e.x/d"
    assert rejects == {"L2": "bad_json", "L3": "bad_record", "L4": "no_text_field"}


def _complete_lines_before_truncation(truncated: bytes) -> int:
    """How many whole lines (ending in a newline) decompress from a truncated gzip file."""
    data = zlib.decompressobj(31).decompress(truncated)
    return data.count(b"\n")


def test_jsonl_gz_streams_and_corrupt_gzip_is_rejected_after_good_records(tmp_path: Path) -> None:
    good = gzip.compress(b"".join(json.dumps({"id": str(n), "text": f"t {n}"}).encode() + b"\n" for n in range(50)))
    (tmp_path / "ok.jsonl.gz").write_bytes(good)
    (tmp_path / "broken.jsonl.gz").write_bytes(good[: len(good) // 2])
    ok = _read(tmp_path / "ok.jsonl.gz")
    assert len(ok) == 50 and all(isinstance(i, RawDocument) for i in ok)
    broken = _read(tmp_path / "broken.jsonl.gz")
    assert isinstance(broken[-1], Reject) and broken[-1].reason == "corrupt_gzip"
    n_complete = _complete_lines_before_truncation(good[: len(good) // 2])
    assert n_complete >= 5  # the half file holds whole lines: each must come out as a document
    assert [i.external_id for i in broken[:-1] if isinstance(i, RawDocument)] == [str(n) for n in range(n_complete)]


def test_truncated_jsonl_gz_keeps_every_complete_line_of_the_last_megabyte(tmp_path: Path) -> None:
    """Several MB of lines cut in the middle: every complete line before the cut is read, the file is not
    recorded as loaded (no FileDone), and the cut is a corrupt_gzip reject."""
    rng = random.Random(5)
    lines = [json.dumps({"id": str(n), "text": rng.randbytes(300).hex()}).encode() + b"\n" for n in range(12_000)]
    whole = gzip.compress(b"".join(lines), compresslevel=1)
    truncated = whole[: int(len(whole) * 0.8)]
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(truncated)
    n_complete = _complete_lines_before_truncation(truncated)
    assert n_complete > 3000 * 2  # well over a megabyte of whole lines before the cut
    items = list(read_inputs_tracked([path]))
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [d.external_id for d in docs] == [str(n) for n in range(n_complete)]
    assert [(i.source_uri, i.reason) for i in items if isinstance(i, Reject)] == [(str(path), "corrupt_gzip")]
    assert not [i for i in items if isinstance(i, FileDone)]


def test_a_fifo_is_refused_not_read(tmp_path: Path) -> None:
    """A FIFO given as a path, or found in a folder, would block the reader forever: it is a reject."""
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    (tmp_path / "a.txt").write_text("A plain text document.")
    result: list[list[object]] = []
    reader = threading.Thread(target=lambda: result.append(list(read_inputs_tracked([fifo, tmp_path]))), daemon=True)
    reader.start()
    reader.join(timeout=20)
    if reader.is_alive():  # unblock the reader before failing: open the FIFO for writing and close it
        with open(fifo, "wb"):
            pass
        pytest.fail("reading a FIFO blocked")
    items = result[0]
    rejects = [(i.source_uri, i.reason) for i in items if isinstance(i, Reject)]
    assert rejects == [(str(fifo), "not_a_regular_file"), (str(fifo), "not_a_regular_file")]
    assert [i.source_uri for i in items if isinstance(i, RawDocument)] == [str(tmp_path / "a.txt")]
    assert [i.source_uri for i in items if isinstance(i, FileDone)] == [str(tmp_path / "a.txt")]


def test_a_device_is_refused_not_read() -> None:
    items = list(read_inputs_tracked(["/dev/zero"]))
    assert [(i.reason, i.detail) for i in items] == [("not_a_regular_file", "not a regular file (a character device)")]


def test_enormous_jsonl_line_is_rejected_and_the_next_line_read(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("tasks.core.seeds.MAX_JSONL_LINE_BYTES", 1000)
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": "small"}) + "\n")
    items = _read(path)
    assert isinstance(items[0], Reject) and items[0].reason == "line_too_long"
    assert isinstance(items[1], RawDocument) and items[1].payload == "small"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty_file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary_file"),
        (b"\x1f\x8b\x08\x00garbage-not-deflate", "corrupt_gzip"),
        (b"<rss><channel><item><title>x</title>", None),  # truncated feed: recovered or rejected, never a crash
    ],
)
def test_bad_files_are_rejected_with_a_reason(tmp_path: Path, content: bytes, reason: str | None) -> None:
    path = tmp_path / "input.dat"
    path.write_bytes(content)
    items = _read(path)
    if reason is not None:
        assert len(items) == 1 and isinstance(items[0], Reject) and items[0].reason == reason


def test_missing_path_is_a_reject(tmp_path: Path) -> None:
    items = _read(tmp_path / "nope.txt")
    assert isinstance(items[0], Reject) and items[0].reason == "not_found"


def test_warc_responses_become_html_documents(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, ctype in [("https://news.example/a", "text/html"), ("https://news.example/logo.png", "image/png")]:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(b"<html>a</html>"), http_headers=headers)
        writer.write_record(record)
    (tmp_path / "crawl.warc.gz").write_bytes(buffer.getvalue())
    items = _read(tmp_path / "crawl.warc.gz")
    assert [(i.kind, i.url) for i in items] == [("html", "https://news.example/a")]  # type: ignore[union-attr]


def test_feed_entries_become_documents() -> None:
    items = _read(ROOT / "seeds" / "feeds" / "nbcnewyork.rss.xml")
    assert items and all(isinstance(i, RawDocument) and i.kind == "fragment" for i in items)
    first = items[0]
    assert isinstance(first, RawDocument)
    assert first.title and first.url and first.published_at is not None and first.published_at.tzinfo is not None


def test_walk_skips_docs_and_dotfiles(tmp_path: Path) -> None:
    for name in ["a.txt", "README.md", "LICENSE-x.txt", ".hidden.txt", "feeds.toml", "sub/b.html"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in walk_paths([tmp_path])] == ["a.txt", "sub/b.html"]


def test_every_seed_file_is_read_without_a_reject() -> None:
    items = list(read_inputs([ROOT / "seeds"]))
    assert [i for i in items if isinstance(i, Reject)] == []
    kinds = {i.kind for i in items if isinstance(i, RawDocument)}
    assert kinds == {"text", "html", "fragment"}
