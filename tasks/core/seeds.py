"""Read seed files and archives into RawDocuments, streaming, telling formats apart by content.

Formats: plain text, HTML, gzip of any of these, JSON Lines, RSS/Atom/JSON feeds, WARC. Every input that
cannot become a document is yielded as a `Reject` with a reason code; nothing is read whole when it can be
streamed (JSON Lines, WARC), and every single read is capped.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
import stat as stat_module
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import IO, Literal

from tasks.core.records import RawDocument, Reject, Stage
from tasks.core.settings import MAX_DECOMPRESSED_BYTES, MAX_FILE_BYTES, MAX_JSONL_LINE_BYTES, SNIFF_BYTES

Format = Literal["warc", "feed", "html", "jsonl", "text", "binary", "empty"]
Item = RawDocument | Reject

_SKIPPED_NAMES = ("readme", "license", "licence", "notice", "copying")
_SKIPPED_SUFFIXES = (".md", ".toml", ".json.license")
_GZIP_MAGIC = b"\x1f\x8b"
_GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)
# File-level read rejects that mean reading the file failed before its end: such a file is not recorded as
# loaded (a file cut off by a cap, `too_large`, is: the cap is a verdict on those bytes, not a failure).
INTERRUPTED_REASONS = frozenset({"corrupt_gzip", "unreadable", "corrupt_warc", "not_a_regular_file"})
_READ_CHUNK = 1 << 20


class NotARegularFile(OSError):
    """A FIFO, socket or device given as an input: reading it could block forever or never end."""


def path_uri(path: Path) -> str:
    """The path as stored text: bytes of a non-UTF-8 file name become \\xNN escapes (storable, distinct)."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def walk_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files under the given paths, sorted; folders are walked, docs and dotfiles in them skipped."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            # Everything but folders: a FIFO or device among the files is refused by the reader, not skipped.
            for child in sorted(p for p in path.rglob("*") if p.exists() and not p.is_dir()):
                rel = child.relative_to(path)
                name = child.name.lower()
                hidden = any(part.startswith(".") for part in rel.parts)
                if hidden or name.startswith(_SKIPPED_NAMES) or name.endswith(_SKIPPED_SUFFIXES):
                    continue
                yield child
        else:
            yield path


def sniff_format(head: bytes, name: str = "") -> Format:
    """Tell a format from the first bytes (decompressed), using the file name only to break ties."""
    if not head.strip():
        return "empty"
    if head.startswith(b"WARC/"):
        return "warc"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    name = name.lower()
    if start.startswith(b"<"):
        markers = (b"<rss", b"<feed", b"<rdf:rdf", b"<channel")
        if any(m in start[:2048] for m in markers) and b"<html" not in start[:2048]:
            return "feed"
        return "html"
    if start.startswith(b"{"):
        if b"jsonfeed.org/version" in start:
            return "feed"
        return "jsonl"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16/32 byte order mark: text with NUL bytes
        return "html" if name.endswith((".html", ".htm")) else "text"
    if b"\x00" in head:
        return "binary"
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if controls > len(head) // 20:
        return "binary"
    if name.endswith((".html", ".htm", ".html.gz", ".htm.gz")):
        return "html"
    return "text"


def parse_timestamp(value: object) -> dt.datetime | None:
    """A tz-aware UTC datetime from ISO 8601 or RFC 2822 text; naive values are taken as UTC; junk -> None."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    parsed: dt.datetime | None = None
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    try:
        if parsed.tzinfo is None:
            return parsed.replace(tzinfo=dt.UTC)
        return parsed.astimezone(dt.UTC)
    except OverflowError:
        return None


class DecompressedTooLarge(Exception):
    """A compressed file expanded past MAX_DECOMPRESSED_BYTES (a gzip bomb, or an archive to split)."""


class _Capped(io.RawIOBase):
    """A decompressing stream that raises DecompressedTooLarge once more than `limit` bytes came out.

    Each read is one `read1` of the gzip stream: a truncated file then yields every byte that could be
    decompressed before the next read raises (a `read` of many chunks drops what it had gathered)."""

    def __init__(self, inner: gzip.GzipFile, limit: int, file: IO[bytes]) -> None:
        self._inner = inner
        self._left = limit
        self._file = file  # the compressed file: a GzipFile given a file object does not close it

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        chunk = self._inner.read1(min(len(buffer), self._left + 1))
        if len(chunk) > self._left:
            raise DecompressedTooLarge(f"decompresses to more than {MAX_DECOMPRESSED_BYTES} bytes")
        self._left -= len(chunk)
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def close(self) -> None:
        self._inner.close()
        self._file.close()
        super().close()


def open_regular_file(path: Path) -> IO[bytes]:
    """Open a file for reading, refusing (NotARegularFile) a FIFO, socket or device: the open does not block
    (O_NONBLOCK) and the check is on the opened file, so a path swapped after a `stat` cannot slip through."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat_module.S_ISREG(mode):
            raise NotARegularFile(f"not a regular file ({_file_kind(mode)})")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _file_kind(mode: int) -> str:
    kinds = (
        (stat_module.S_ISFIFO, "a FIFO"),
        (stat_module.S_ISSOCK, "a socket"),
        (stat_module.S_ISCHR, "a character device"),
    )
    kinds += ((stat_module.S_ISBLK, "a block device"), (stat_module.S_ISDIR, "a folder"))
    return next((name for test, name in kinds if test(mode)), "a special file")


def _open(path: Path) -> IO[bytes]:
    raw = open_regular_file(path)
    magic = raw.read(2)
    raw.seek(0)
    if magic == _GZIP_MAGIC:
        return io.BufferedReader(_Capped(gzip.GzipFile(fileobj=raw, mode="rb"), MAX_DECOMPRESSED_BYTES, raw))
    return raw


def _read_head(stream: IO[bytes], size: int) -> tuple[bytes, BaseException | None]:
    """Up to `size` bytes, one chunk at a time; an error after some bytes is returned with what came before."""
    head = bytearray()
    try:
        while len(head) < size and (chunk := stream.read1(size - len(head))):  # type: ignore[attr-defined]
            head += chunk
    except (*_GZIP_ERRORS, DecompressedTooLarge, OSError) as exc:
        return bytes(head), exc
    return bytes(head), None


def read_path(path: Path) -> Iterator[Item]:
    """All documents (and rejects) in one file. A file that could not be read to its end yields a file-level
    reject with one of INTERRUPTED_REASONS last (after every complete item before the failure)."""
    uri = path_uri(path)
    try:
        with _open(path) as stream:
            head, error = _read_head(stream, SNIFF_BYTES)
            fmt = sniff_format(head, path.name)
            if fmt == "jsonl":
                yield from read_jsonl(_Rewound(head, stream, error), uri)
            elif fmt == "warc":
                yield from read_warc(_Rewound(head, stream, error), uri)
            else:
                if error is not None:
                    raise error
                rest = stream.read(MAX_FILE_BYTES + 1 - len(head))
                yield from _read_whole(head + rest, fmt, uri)
    except _GZIP_ERRORS as exc:
        yield Reject(uri, Stage.READ, "corrupt_gzip", f"{type(exc).__name__}: {exc}")
    except DecompressedTooLarge as exc:
        yield Reject(uri, Stage.READ, "too_large", str(exc))
    except NotARegularFile as exc:
        yield Reject(uri, Stage.READ, "not_a_regular_file", str(exc))
    except OSError as exc:
        yield Reject(uri, Stage.READ, "unreadable", f"{type(exc).__name__}: {exc}")


def _read_whole(data: bytes, fmt: Format, uri: str) -> Iterator[Item]:
    if fmt == "empty":
        yield Reject(uri, Stage.READ, "empty_file", f"{len(data)} bytes, no content")
    elif fmt == "binary":
        yield Reject(uri, Stage.READ, "binary_file", "content is binary, not text, HTML, JSON or XML")
    elif len(data) > MAX_FILE_BYTES:
        yield Reject(uri, Stage.READ, "too_large", f"more than {MAX_FILE_BYTES} bytes")
    elif fmt == "feed":
        yield from read_feed(data, uri)
    elif fmt == "html":
        yield RawDocument(source_uri=uri, kind="html", payload=data)
    else:
        yield RawDocument(source_uri=uri, kind="text", payload=data, title=_plain_text_title(data))


def _plain_text_title(data: bytes) -> str | None:
    """A plain-text file's first line when it reads as a headline (`tasks.core.metadata.headline_from_text`)."""
    from tasks.core.cleaning import normalise_text
    from tasks.core.metadata import headline_from_text

    return headline_from_text(normalise_text(data[:2000].decode("utf-8", "ignore")))


class _Rewound(io.RawIOBase):
    """A stream whose first bytes were already read for sniffing (and whose first read may already have
    failed: the error is raised once those bytes are consumed)."""

    def __init__(self, head: bytes, rest: IO[bytes], error: BaseException | None = None) -> None:
        self._head = head
        self._rest = rest
        self._error = error

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        if self._error is not None:
            raise self._error
        chunk = self._rest.read1(len(buffer))  # type: ignore[attr-defined]
        buffer[: len(chunk)] = chunk
        return len(chunk)


def read_lines(stream: io.RawIOBase, limit: int) -> Iterator[bytes | None]:
    """The lines of a stream (each with its newline; the last maybe without), read a chunk at a time. A line
    longer than `limit` is yielded as None (and skipped to its end). When a read fails, every complete line
    before the failure has been yielded first; an unterminated tail is then dropped and the error raised."""
    pending = bytearray()
    too_long = False
    while True:
        chunk = stream.read(_READ_CHUNK)  # an error here drops only the unterminated tail
        if not chunk:
            break
        start = 0
        while (end := chunk.find(b"\n", start)) >= 0:
            if too_long or len(pending) + end + 1 - start > limit:
                yield None
            else:
                yield bytes(pending) + chunk[start : end + 1]
            pending.clear()
            too_long = False
            start = end + 1
        if not too_long:
            pending += chunk[start:]
            if len(pending) > limit:
                pending.clear()
                too_long = True
    if too_long:
        yield None
    elif pending:
        yield bytes(pending)


def read_jsonl(stream: io.RawIOBase, uri: str) -> Iterator[Item]:
    """One document per line; broken lines are rejected one by one and the rest still read. If the stream
    fails part-way (a truncated .gz), every complete line before that point is still read."""
    for lineno, line in enumerate(read_lines(stream, MAX_JSONL_LINE_BYTES), start=1):
        where = f"{uri}#L{lineno}"
        if line is None:
            yield Reject(where, Stage.READ, "line_too_long", f"line longer than {MAX_JSONL_LINE_BYTES} bytes")
            continue
        if not line.strip():
            continue
        yield parse_jsonl_record(line, where)


def parse_jsonl_record(line: bytes, where: str) -> Item:
    """One JSON Lines record: {"text"|"html", "id"?, "url"?, "title"?, "published_at"?, "source"?, "language"?,
    "author"?, "country"?}."""
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return Reject(where, Stage.READ, "bad_json", str(exc)[:300])
    if not isinstance(record, dict):
        return Reject(where, Stage.READ, "bad_record", f"a JSON {type(record).__name__}, not an object")
    html, text = record.get("html"), record.get("text")
    if isinstance(html, str) and html.strip():
        kind, payload = "html", html
    elif isinstance(text, str) and text.strip():
        kind, payload = "text", text
    else:
        return Reject(where, Stage.READ, "no_text_field", "record has no non-empty `text` or `html` string")

    def opt(key: str) -> str | None:
        value = record.get(key)
        return str(value) if value not in (None, "") else None

    return RawDocument(
        source_uri=where,
        kind=kind,  # type: ignore[arg-type]
        payload=payload,
        url=opt("url"),
        external_id=opt("id"),
        title=opt("title"),
        author=opt("author"),
        published_at=parse_timestamp(record.get("published_at")),
        source=opt("source"),
        language=opt("language"),
        country=_country(opt("country")),
    )


def _country(value: str | None) -> str | None:
    """A record's `country`: an ISO 3166-1 alpha-2 code ("gb" -> "GB"); anything else is ignored (it is context
    for the places of the text, never a field of its own)."""
    return value.upper() if value and len(value) == 2 and value.isalpha() and value.isascii() else None


def read_feed(data: bytes, uri: str) -> Iterator[Item]:
    """Each entry of a saved RSS/Atom/JSON feed becomes a document from its content or summary."""
    from tasks.core.feeds import FeedParseError, parse_feed

    try:
        feed = parse_feed(data, uri)
    except FeedParseError as exc:
        yield Reject(uri, Stage.READ, exc.reason, exc.detail)
        return
    if not feed.entries:
        reason = "malformed" if feed.bozo_reason else "no_entries"
        yield Reject(uri, Stage.READ, reason, feed.bozo_reason or "the feed has no entries")
        return
    for n, entry in enumerate(feed.entries, start=1):
        where = f"{uri}#entry{n}"
        body = entry.content or entry.summary
        if not body or not body.strip():
            yield Reject(where, Stage.READ, "empty_entry", "feed entry has neither content nor summary")
            continue
        yield RawDocument(
            source_uri=where,
            kind="fragment",
            payload=body,
            url=entry.url,
            external_id=entry.entry_id,
            title=entry.title,
            author=entry.author,
            published_at=entry.published_at,
            source=feed.title,
            language=feed.language,
        )


def read_warc(stream: io.RawIOBase, uri: str) -> Iterator[Item]:
    """HTML responses and text resources of a WARC file (warcio); other records are not documents."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        for record in ArchiveIterator(io.BufferedReader(stream)):
            if record.rec_type not in ("response", "resource"):
                continue
            mime = (record.http_headers.get_header("Content-Type") if record.http_headers else None) or (
                record.rec_headers.get_header("Content-Type") or ""
            )
            if "html" not in mime and "text/plain" not in mime:
                continue
            target = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{uri}#{record.rec_headers.get_header('WARC-Record-ID')}"
            payload = record.content_stream().read(MAX_FILE_BYTES + 1)
            if len(payload) > MAX_FILE_BYTES:
                yield Reject(where, Stage.READ, "too_large", f"more than {MAX_FILE_BYTES} bytes")
                continue
            yield RawDocument(
                source_uri=where,
                kind="html" if "html" in mime else "text",
                payload=payload,
                url=target,
                published_at=None,
            )
    except ArchiveLoadFailed as exc:
        yield Reject(uri, Stage.READ, "corrupt_warc", str(exc)[:300])


def read_inputs(paths: Iterable[str | Path]) -> Iterator[Item]:
    """Every document and reject under the given paths, in a stable order."""
    return (item for item in read_inputs_tracked(paths) if not isinstance(item, FileDone))


@dataclass(frozen=True, slots=True)
class FileDone:
    """Marks the end of one input file's items in a stream (for the `sources` manifest)."""

    source_uri: str
    size: int
    mtime_ns: int
    n_items: int


def read_inputs_tracked(
    paths: Iterable[str | Path],
    seen: Mapping[str, tuple[int, int]] | None = None,
    skipped: list[str] | None = None,
) -> Iterator[Item | FileDone]:
    """Like `read_inputs`, but skips files whose (size, mtime_ns) match `seen` (fully loaded before, unchanged;
    their paths are appended to `skipped`) and follows each file's items with a `FileDone` marker."""
    seen = seen or {}
    for path in walk_paths(paths):
        uri = path_uri(path)
        try:
            stat = path.stat()
        except OSError:
            yield Reject(uri, Stage.READ, "not_found", "no such file or folder")
            continue
        if seen.get(uri) == (stat.st_size, stat.st_mtime_ns):
            if skipped is not None:
                skipped.append(uri)
            continue
        n, interrupted = 0, False
        for item in read_path(path):
            n += 1
            interrupted |= isinstance(item, Reject) and item.source_uri == uri and item.reason in INTERRUPTED_REASONS
            yield item
        if not interrupted:  # a file that ended in an error is read again next time, not recorded as loaded
            yield FileDone(uri, stat.st_size, stat.st_mtime_ns, n)
