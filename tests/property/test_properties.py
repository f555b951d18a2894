"""Property and fuzz tests (Hypothesis): the pure core keeps its promises on any input."""

from __future__ import annotations

import datetime as dt
import io
import json
import tempfile
import unicodedata
import uuid
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tasks.core.cleaning import clean_document, decode_text, normalise_text
from tasks.core.feeds import FeedParseError, parse_feed
from tasks.core.pipeline import process_batch
from tasks.core.records import RawDocument, Reject, RejectedInput
from tasks.core.seeds import parse_timestamp, read_inputs
from warehouse import writer

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
QUICK = settings(max_examples=100, deadline=None)
ODD_CHARS = "\r\n\t\x00\x07\x0b\x0c\x1b\x7f\x85\u00a0\u00ad\u200b\u2028\u2029\u202e\u3000\ufeff\ufffe\ud800\udfff"
ODD_CHARS += "e\u0301A\u030a\u2000\u2001\ufb01\u1e9b\u0323"  # combining marks and compatibility forms


def _split(words: str) -> list[str]:
    return words.split("|")


any_text = st.text(alphabet=st.one_of(st.characters(), st.sampled_from(ODD_CHARS)), max_size=300)


@QUICK
@given(any_text)
def test_normalise_text_is_idempotent_and_has_no_control_chars(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert not [ch for ch in once if unicodedata.category(ch) in ("Cc", "Cs") and ch != "\n"]
    assert once == once.strip() and "\n\n\n" not in once and "  " not in once
    once.encode("utf-8")  # always storable


encodings = st.sampled_from(["utf-8", "utf-16", "utf-16-le", "latin-1", "cp1252", "shift_jis", "koi8-r", "gb18030"])


@QUICK
@given(st.one_of(st.binary(max_size=3000), st.tuples(any_text, encodings).map(lambda p: _encode(*p))))
def test_decode_text_raises_only_rejected_input(data: bytes) -> None:
    try:
        decoded = decode_text(data)
    except RejectedInput as exc:
        assert exc.reason and exc.detail
    else:
        assert isinstance(decoded, str)


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace") if encoding != "utf-8" else text.encode("utf-8", "surrogatepass")


timestamp_text = st.one_of(
    st.text(max_size=40),
    st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.strftime("%a, %d %b %Y %H:%M:%S") + " +0000" if d.year >= 1000 else "x"),
    st.from_regex(r"\A\d{1,5}-\d{1,2}-\d{1,2}([T ]\d{1,2}:\d{2}(:\d{2})?)?(Z|[+-]\d{2}:?\d{2})?\Z"),
    st.from_regex(r"\A(Mon|Tue), \d{1,2} (Jan|Feb|Foo) \d{1,5} \d{1,2}:\d{2}:\d{2} ([+-]\d{4}|GMT|XYZ)\Z"),
)


@QUICK
@given(st.one_of(timestamp_text, st.none(), st.integers(), st.floats(), st.lists(st.integers(), max_size=2)))
def test_parse_timestamp_never_raises_and_returns_utc(value: object) -> None:
    parsed = parse_timestamp(value)
    assert parsed is None or parsed.utcoffset() == dt.timedelta(0)


# Texts that are already normal (what normalise_text would keep as is), so the round trip is exact.
_WORD = st.text(alphabet=st.characters(categories=["L", "N"]), min_size=1, max_size=12)
_LINE = st.lists(_WORD, min_size=1, max_size=12).map(" ".join)
clean_text = st.lists(_LINE, min_size=1, max_size=5).map("\n".join).map(lambda t: unicodedata.normalize("NFC", t))
stamps = st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC))
records = st.lists(st.tuples(clean_text, st.one_of(st.none(), stamps), st.text(max_size=20)), min_size=1, max_size=8)


@settings(max_examples=25, deadline=None)
@given(records)
def test_jsonl_round_trip_through_the_warehouse(rows: list[tuple[str, dt.datetime | None, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        export, db = Path(tmp) / "export.jsonl", Path(tmp) / "w.duckdb"
        lines = [
            {
                "id": f"r{n}",
                "source": "prop",
                "text": text,
                "title": title or None,
                "published_at": stamp.isoformat() if stamp else None,
            }
            for n, (text, stamp, title) in enumerate(rows)
        ]
        export.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
        batch = process_batch(list(read_inputs([export])), extract=False)
        assert batch.rejects == []
        run_id = uuid.uuid4().hex
        writer.start_run(db, run_id=run_id, flow="prop", flow_run_id=None, parameters={})
        writer.append_batch(db, run_id=run_id, documents=batch.documents, rejects=[], n_read=batch.n_read)
        with duckdb.connect(str(db), read_only=True) as con:
            stored = con.execute("SELECT external_id, text, published_at, title FROM documents").fetchall()
    got = {ext: (text, published, title) for ext, text, published, title in stored}
    want = {f"r{n}": (text, stamp, title or None) for n, (text, stamp, title) in enumerate(rows)}
    assert got == want


_XML_PIECES = st.sampled_from(
    [
        '<?xml version="1.0"?>',
        '<?xml version="1.0" encoding="latin-1"?>',
        '<rss version="2.0">',
        "</rss>",
        "<channel>",
        "</channel>",
        "<item>",
        "</item>",
        "<title>",
        "</title>",
        "<link>http://a.b/c</link>",
        "<description>",
        "</description>",
        "<![CDATA[<p>x</p>]]>",
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        "</feed>",
        "<entry>",
        "</entry>",
        '<content type="html">',
        "</content>",
        "<pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate>",
        "<updated>2003-12-13T18:30:02Z</updated>",
        "&amp;",
        "&lt;",
        "&#xD800;",
        "&#0;",
        "&bogus;",
        '<!DOCTYPE rss [<!ENTITY a "b">]>',
        "<guid>1</guid>",
        "\x00",
        "\xff",
        "<",
        ">",
        '"',
        "text",
        " ",
        '{"version": "https://jsonfeed.org/version/1.1", "items": [',
        "]}",
    ]
)
feed_bytes = st.one_of(
    st.lists(_XML_PIECES, max_size=30).map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass")),
    st.binary(max_size=500),
)


@FUZZ
@given(feed_bytes)
def test_parse_feed_raises_only_feed_parse_error(data: bytes) -> None:
    try:
        feed = parse_feed(data, "http://example.org/feed")
    except FeedParseError as exc:
        assert exc.reason in {"not_a_feed", "malformed", "xml_entities", "empty"}
        return
    for entry in feed.entries:
        assert entry.published_at is None or entry.published_at.utcoffset() == dt.timedelta(0)


_HTML_PIECES = st.sampled_from(
    [
        "<html>",
        "</html>",
        "<head>",
        "<title>T</title>",
        "</head>",
        "<body>",
        "</body>",
        "<article>",
        "</article>",
        "<p>",
        "</p>",
        '<div class="content">',
        "</div>",
        "<script>var x = '</p>';</script>",
        "<style>p{}</style>",
        "<!-- c -->",
        "<br/>",
        "<table><tr><td>",
        "</td></tr></table>",
        "<h1>",
        "</h1>",
        "&nbsp;",
        "&#0;",
        "&#xD800;",
        '<meta charset="utf-16">',
        '<meta name="date" content="9999-99-99">',
        '<html lang="zz">',
        "<",
        "Two people were killed in the city on Monday, officials said. ",
        "\x00",
        "\u202e",
        "<![CDATA[",
        "]]>",
    ]
)
html_bytes = st.one_of(
    st.lists(st.one_of(_HTML_PIECES, st.text(max_size=20)), max_size=40).map(
        lambda parts: "".join(parts).encode("utf-8", "surrogatepass")
    ),
    st.binary(max_size=800),
)


@FUZZ
@given(html_bytes, st.sampled_from(["html", "fragment", "text"]))
def test_clean_document_raises_only_rejected_input(data: bytes, kind: str) -> None:
    payload: bytes | str = data if kind != "fragment" else data.decode("utf-8", "replace")
    try:
        doc = clean_document(RawDocument(source_uri="fuzz", kind=kind, payload=payload))  # type: ignore[arg-type]
    except RejectedInput as exc:
        assert exc.reason
        return
    assert doc.text and doc.text == normalise_text(doc.text)
    doc.text.encode("utf-8")


jsonl_lines = st.lists(
    st.one_of(
        st.binary(max_size=200),
        st.dictionaries(
            st.sampled_from(["id", "text", "html", "url", "published_at", "title", "language"]),
            st.one_of(st.text(max_size=40), st.integers(), st.floats(), st.none(), st.booleans()),
            max_size=6,
        ).map(lambda d: json.dumps(d).encode()),
    ),
    max_size=12,
)


@FUZZ
@given(jsonl_lines, st.booleans())
def test_jsonl_reader_yields_only_documents_and_rejects(lines: list[bytes], newline_at_end: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.jsonl"
        path.write_bytes(b'{"text": "first"}\n' + b"\n".join(lines) + (b"\n" if newline_at_end else b""))
        items = list(read_inputs([path]))
        batch = process_batch(items, extract=False)
    assert all(isinstance(item, RawDocument | Reject) for item in items)
    assert len(batch.documents) + len(batch.rejects) == len(items) >= 1


@QUICK
@given(any_text)
def test_quantities_are_ordered_non_negative_and_inside_the_text(text: str) -> None:
    from tasks.core.extraction.numbers import find_quantities, parse_quantity

    single = parse_quantity(text)
    for q in [*find_quantities(text), *([single] if single else [])]:
        assert 0 <= q.start < q.end <= len(text)
        assert all(v is None or v >= 0 for v in (q.low, q.high))
        assert q.low is None or q.high is None or q.low <= q.high


_NUMBER_WORDS = _split(
    "at least|up to|between|and|nearly|dozens of|hundreds|a few|no one|two|thousand|million|billion|or|"
    "-|to|killed|people|injured|1e309|9,999,999,999,999|99,999,999,999,999,999,999|3.5|10-20|½|٣"
)
number_phrases = st.lists(
    st.one_of(
        st.sampled_from(_NUMBER_WORDS),
        st.integers(min_value=0, max_value=10**30).map(str),
    ),
    max_size=8,
).map(" ".join)


@QUICK
@given(number_phrases)
def test_parse_quantity_on_number_phrases(text: str) -> None:
    from tasks.core.extraction.counts import extract_counts
    from tasks.core.extraction.numbers import parse_quantity
    from tasks.core.extraction.sentences import split_sentences

    q = parse_quantity(text)
    assert q is None or (q.low is None or q.high is None or 0 <= q.low <= q.high)
    sentences = split_sentences(text)
    for count in extract_counts(text, sentences):
        sentence = sentences[count.sentence_index]
        assert sentence.char_start <= count.trigger_start < count.trigger_end <= sentence.char_end
        if count.number_start is not None:
            assert sentence.char_start <= count.number_start < count.number_end <= sentence.char_end
        for value in (count.value_low, count.value_high):
            assert value is None or 0 <= value < 2**63  # fits the BIGINT columns


_DATE_WORDS = _split(
    "on|Monday|last|week|June|21|2024|9999|0000|yesterday|ago|3|days|Feb.|30|31|December|of|in|the|-|"
    "2024-02-30|1st|.|,|\n|next|year|month|Sept|32"
)
date_text = st.lists(
    st.one_of(
        st.sampled_from(_DATE_WORDS),
        st.integers(min_value=0, max_value=100000).map(str),
    ),
    max_size=12,
).map(" ".join)


@QUICK
@given(date_text, st.one_of(st.none(), stamps), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_extract_dates_spans_are_inside_the_text(
    text: str, published_at: dt.datetime | None, reference: dt.date
) -> None:
    from tasks.core.extraction.dates import extract_dates
    from tasks.core.extraction.sentences import split_sentences

    sentences = split_sentences(text)
    for mention in extract_dates(text, sentences, published_at, reference):
        assert 0 <= mention.char_start < mention.char_end <= len(text)
        assert mention.text == text[mention.char_start : mention.char_end]
        sentence = sentences[mention.sentence_index]
        assert sentence.char_start <= mention.char_start and mention.char_end <= sentence.char_end


_RECORDS = st.lists(
    st.tuples(st.sampled_from("abc"), st.sampled_from(["one text", "two text", "red text"])), max_size=12
)


@settings(max_examples=40, deadline=None)
@given(_RECORDS, st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=6))
def test_ids_repeated_within_and_across_batches_keep_text_fields_and_versions_together(
    records: list[tuple[str, str]], sizes: list[int]
) -> None:
    """Whatever the batching, the warehouse ends as if the records came one by one: each id's current text is
    its last record's, its versions are its content changes in order, and its fields are of its current text
    (each record's stand-in fields name the hash of its own text)."""
    from tasks.core.extraction.model import Fields
    from warehouse.check import check_warehouse

    docs = [
        clean_document(RawDocument(f"in#{n}", "text", text, external_id=ext, source="p"))
        for n, (ext, text) in enumerate(records)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "w.duckdb"
        run_id = uuid.uuid4().hex
        writer.start_run(db, run_id=run_id, flow="prop", flow_run_id=None, parameters={})
        start, k = 0, 0
        while start < len(docs):
            batch = docs[start : start + sizes[k % len(sizes)]]
            fields = {(d.doc_id, d.content_hash): Fields("en", f"text:{d.content_hash}") for d in batch}
            writer.append_batch(db, run_id=run_id, documents=batch, rejects=[], fields=fields, extractor_version="x")
            start, k = start + len(batch), k + 1
        writer.finish_run(db, run_id, status="completed")
        with duckdb.connect(str(db), read_only=True) as con:
            current = con.execute(
                "SELECT d.external_id, d.text, d.version, e.skipped_reason = 'text:' || d.content_hash"
                " FROM documents d JOIN extractions e USING (doc_id)"
            ).fetchall()
            versions = con.execute(
                "SELECT d.external_id, list(v.text ORDER BY v.version) FROM document_versions v"
                " JOIN documents d USING (doc_id) GROUP BY ALL"
            ).fetchall()
        assert check_warehouse(db) == []
    expected: dict[str, list[str]] = {}
    for ext, text in records:
        history = expected.setdefault(ext, [])
        if not history or history[-1] != text:
            history.append(text)
    assert sorted(current) == sorted((ext, h[-1], len(h), True) for ext, h in expected.items())
    assert dict(versions) == expected


class _Chunked(io.RawIOBase):
    """A stream that returns at most `size` bytes a read (as a gzip stream's read1 does), then maybe fails."""

    def __init__(self, data: bytes, size: int, fail: bool) -> None:
        self._data, self._size, self._fail = data, size, fail

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        if not self._data and self._fail:
            raise EOFError("cut")
        n = min(len(buffer), self._size, len(self._data))
        buffer[:n], self._data = self._data[:n], self._data[n:]
        return n


@QUICK
@given(
    st.lists(st.binary(max_size=12).map(lambda b: b.replace(b"\n", b"")), max_size=12),
    st.booleans(),
    st.integers(min_value=1, max_value=9),
    st.integers(min_value=1, max_value=10),
    st.booleans(),
)
def test_read_lines_matches_splitting_whole_bytes(
    pieces: list[bytes], trailing_newline: bool, chunk: int, limit: int, fail: bool
) -> None:
    """Lines come out as splitting the whole bytes would give them, whatever the chunk size; over-long lines
    are None; after a failed read, every complete line came first and the unterminated tail is dropped."""
    from tasks.core import seeds

    data = b"\n".join(pieces) + (b"\n" if trailing_newline and pieces else b"")
    parts = data.split(b"\n")
    lines = [part + b"\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    if fail and lines and not lines[-1].endswith(b"\n"):
        lines = lines[:-1]
    expected = [line if len(line) <= limit else None for line in lines]
    got: list[bytes | None] = []
    old_chunk = seeds._READ_CHUNK
    seeds._READ_CHUNK = chunk
    try:
        for line in seeds.read_lines(_Chunked(data, chunk, fail), limit):
            got.append(line)
    except EOFError:
        assert fail
    else:
        assert not fail
    finally:
        seeds._READ_CHUNK = old_chunk
    assert got == expected
