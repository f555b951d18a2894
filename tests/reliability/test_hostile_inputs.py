"""Hostile inputs: each is rejected with a reason or handled, in bounded time and memory, and the good
documents beside them are all stored. Runs the real pipeline functions (read_inputs -> process_batch ->
append_batch) on a temporary DuckDB, and once the real flow over the whole folder."""

from __future__ import annotations

import datetime as dt
import gzip
import itertools
import json
import os
import random
import subprocess
import sys
import time
import uuid
import zlib
from pathlib import Path

import duckdb
import pytest

from tasks.core.pipeline import extract_document, process_batch
from tasks.core.seeds import read_inputs
from tests.reliability.helpers import ROOT, write_corpus
from warehouse import writer
from warehouse.check import check_warehouse

GIB = 1 << 30
N_GOOD = 40  # good JSON Lines documents among the hostile files
GOOD_TEXT = "Police said two people were injured when a car hit a bus shelter in the town centre on Monday."
# file name -> the reject reasons it may produce (empty: it must become documents)
EXPECTED: dict[str, set[str]] = {
    "binary.png": {"binary_file"},
    "random.bin": {"binary_file"},
    "zero.txt": {"empty_file"},
    "blank.html": {"empty_file"},
    "huge.html": {"too_large"},
    "nested.html": {"no_main_text"},  # libxml2 caps the depth: the page is a document or rejected, never a crash
    "nested-fragment.rss.xml": {"empty_entry", "empty_text", "malformed", "xml_depth"},
    "nul-early.txt": {"binary_file"},
    "laughs.rss.xml": {"xml_entities"},
    "xxe.rss.xml": {"xml_entities"},
    "bomb.html.gz": {"too_large"},
    "bomb.jsonl.gz": {"too_large"},
    "bomb.warc.gz": {"too_large"},
    "truncated.html.gz": {"corrupt_gzip"},
    "broken.jsonl": {"bad_json", "bad_record", "no_text_field", "line_too_long"},
}
HANDLED = ("cp1252.txt", "mixed-encodings.txt", "invalid-utf8.txt", "nul-late.txt", "utf16.txt", "bad\udcffname.txt")


def _gzip_member(data: bytes) -> bytes:
    deflate = zlib.compressobj(9, zlib.DEFLATED, 31)
    return deflate.compress(data) + deflate.flush()


def _write_bomb(path: Path, head: bytes, expands_to: int) -> None:
    """A multi-member gzip file of a few MB that expands to `expands_to` bytes of spaces after `head`."""
    chunk = _gzip_member(b" " * (16 << 20))
    with path.open("wb") as out:
        out.write(_gzip_member(head))
        for _ in range(expands_to // (16 << 20)):
            out.write(chunk)


def _write_binary_and_empty(folder: Path) -> None:
    rng = random.Random(7)
    (folder / "binary.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(4096))
    (folder / "random.bin").write_bytes(rng.randbytes(65536))
    (folder / "zero.txt").write_bytes(b"")
    (folder / "blank.html").write_bytes(b"  \n\t \r\n ")


def _write_html(folder: Path) -> None:
    paragraph = f"<p>{GOOD_TEXT} Officials said the road was closed for hours.</p>\n".encode()
    with (folder / "huge.html").open("wb") as out:  # 50 MB
        out.write(b"<html><head><title>Huge</title></head><body><article>")
        out.write(paragraph * (50 * (1 << 20) // len(paragraph)))
        out.write(b"</article></body></html>")
    depth = 100_000
    (folder / "nested.html").write_bytes(
        b"<html><body>" + b"<div>" * depth + paragraph * 5 + b"</div>" * depth + b"</body></html>"
    )
    nested = "<div>" * depth + GOOD_TEXT + "</div>" * depth
    (folder / "nested-fragment.rss.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Deep</title><item><guid>deep-1</guid>'
        f"<title>Deep</title><description><![CDATA[{nested}]]></description></item></channel></rss>",
        encoding="utf-8",
    )


def _write_encodings(folder: Path) -> None:
    (folder / "cp1252.txt").write_bytes(
        "Caf\u00e9 owners in S\u00e3o Paulo said \u201cthree people\u201d were hurt \u2013 police.".encode("cp1252")
    )
    utf8 = "Na\u00efve r\u00e9sum\u00e9 of the day: the mayor spoke.\n".encode()
    (folder / "mixed-encodings.txt").write_bytes(utf8 + "Stra\u00dfe gesperrt, sagte die Polizei.\n".encode("latin-1"))
    (folder / "invalid-utf8.txt").write_bytes(
        b"Fire crews were called \xc3\x28 to the \xa0\xa1 market \xf0\x28\x8c\xbc."
    )
    (folder / "nul-early.txt").write_bytes(b"Officials\x00said\x00" + GOOD_TEXT.encode())
    (folder / "nul-late.txt").write_bytes((GOOD_TEXT + "\n").encode() * 120 + b"tail\x00end\n")
    (folder / "utf16.txt").write_bytes(("\ufeff" + GOOD_TEXT + " In Z\u00fcrich too.").encode("utf-16-le"))
    (folder / os.fsdecode(b"bad\xffname.txt")).write_bytes(b"A file whose name is not UTF-8 still loads.")


def _write_feeds(folder: Path) -> None:
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    (folder / "laughs.rss.xml").write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{laughs}]>'
        '<rss version="2.0"><channel><title>Lol</title><item><title>&l9;</title>'
        "<description>&l9;</description></item></channel></rss>"
    )
    (folder / "xxe.rss.xml").write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        '<rss version="2.0"><channel><title>X</title><item><title>x</title>'
        "<description>&xxe; leaked</description></item></channel></rss>"
    )


def _write_bombs(folder: Path) -> None:
    _write_bomb(folder / "bomb.html.gz", b"<html><body><p>" + GOOD_TEXT.encode(), 4 * GIB)
    _write_bomb(folder / "bomb.jsonl.gz", b'{"id": "bomb", "text": "', 4 * GIB)
    warc = b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:1>\r\nContent-Type: text/plain\r\n"
    _write_bomb(folder / "bomb.warc.gz", warc + f"Content-Length: {4 * GIB}\r\n\r\n".encode(), 4 * GIB)
    (folder / "truncated.html.gz").write_bytes(gzip.compress(b"<html><body>" + b"x" * 9000)[:30])


DATES = (
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "9999-12-31T23:59:59-05:00",
    "0001-01-01T00:00:00+05:00",
    "2024-02-30T10:00:00Z",
    "not a date",
    "Tue, 32 Foo 2024 99:99:99 GMT",
    "",
    1e308,
)
NUMBERS = (
    "Officials said 1e309 people were evacuated and 9,999,999,999,999 killed, a figure nobody believed.",
    "A total of 99,999,999,999,999,999,999 people were killed, the post claimed.",
    "NaN were injured; Infinity were arrested; -5 people were killed.",
)
SPECIAL_IDS = [f"date-{k}" for k in range(len(DATES))] + [f"num-{k}" for k in range(len(NUMBERS))]
SPECIAL_IDS += ["sur-title", "sur-text", "inf"]


def _record(doc_id: str, **extra: object) -> str:
    fields = {"id": doc_id, "source": "hostile", "text": f"Item {doc_id}. {GOOD_TEXT}", **extra}
    return json.dumps(fields)


def _jsonl_lines() -> list[str]:
    """Broken, enormous and odd records among good ones (ids good-*, and SPECIAL_IDS that must load too)."""
    good = (_record(f"good-{n}") for n in range(N_GOOD))
    lines = [next(good), "{not json", "[1, 2, 3]", '"a string"', '{"text": 5}', '{"text": "   "}', next(good)]
    lines += ['{"id": "big", "text": "' + "x" * (17 << 20) + '"}', next(good), "\x00\x01\x02", next(good)]
    lines += [_record(f"date-{k}", published_at=stamp) for k, stamp in enumerate(DATES)]
    lines += ['{"id": 1e309, "text": "An id that overflows a float."}']
    lines += [_record("sur-title", title="t\udc80itle \ud800", author="\x00nul")]
    lines += [_record("sur-text", text="\ud83d lone surrogate " + GOOD_TEXT)]
    lines += [_record(f"num-{k}", text=text) for k, text in enumerate(NUMBERS)]
    lines += list(good)
    lines.append(_record("cut").rstrip("}"))  # the last line is cut short, with no newline: a broken record
    return lines


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for write in (_write_binary_and_empty, _write_html, _write_encodings, _write_feeds, _write_bombs):
        write(folder)
    (folder / "broken.jsonl").write_text("\n".join(_jsonl_lines()), encoding="utf-8", errors="surrogatepass")
    write_corpus(folder / "good", prefix="fine", n_files=2, per_file=10)
    return folder


def _run(paths: list[Path], *, extract: bool = False):  # noqa: ANN202 -- (documents, rejects, seconds)
    started = time.monotonic()
    docs, rejects = [], []
    for chunk in _chunks(read_inputs(paths), 25):
        batch = process_batch(chunk, extract=extract)
        docs += batch.documents
        rejects += batch.rejects
    return docs, rejects, time.monotonic() - started


def _chunks(items, size):  # noqa: ANN001, ANN202
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_hostile_file_is_rejected_with_a_reason(hostile: Path, name: str) -> None:
    docs, rejects, seconds = _run([hostile / name])
    reasons = {r.reason for r in rejects}
    assert reasons and reasons <= EXPECTED[name], [(r.reason, r.detail) for r in rejects]
    assert all(r.detail for r in rejects)
    assert seconds < 30
    if name == "broken.jsonl":
        assert reasons == EXPECTED[name]
        assert sorted(d.external_id for d in docs) == sorted([f"good-{n}" for n in range(N_GOOD)] + SPECIAL_IDS)
    elif name.startswith("nested"):
        assert all(GOOD_TEXT in d.text for d in docs)
    else:
        assert docs == []


@pytest.mark.parametrize("name", HANDLED)
def test_odd_encodings_become_clean_documents(hostile: Path, name: str) -> None:
    docs, rejects, _ = _run([hostile / name])
    assert rejects == [] and len(docs) == 1
    text = docs[0].text
    assert text.strip() and "\x00" not in text and not any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)
    text.encode("utf-8")  # storable
    expected_words = {"cp1252.txt": "Caf\u00e9", "utf16.txt": "Z\u00fcrich", "nul-late.txt": "tailend"}
    assert expected_words.get(name, "") in text


def test_jsonl_dates_out_of_range_are_dropped_not_fatal(hostile: Path) -> None:
    docs, _, _ = _run([hostile / "broken.jsonl"])
    dates = [d.published_at for d in docs if d.published_at is not None]
    assert all(d.tzinfo is not None for d in dates)
    assert {d.year for d in dates} == {9999}  # only "9999-12-31T23:59:59Z" is a real UTC instant
    by_id = {d.external_id: d for d in docs}
    assert "\ufffd" in (by_id["sur-title"].title or "") and "\ufffd" in by_id["sur-text"].text


def test_hostile_folder_loads_every_good_document(hostile: Path, tmp_db: Path) -> None:
    run_id = uuid.uuid4().hex
    writer.start_run(tmp_db, run_id=run_id, flow="test", flow_run_id=None, parameters={})
    docs, rejects, seconds = _run([hostile], extract=False)
    for chunk in _chunks(docs, 25):
        writer.append_batch(tmp_db, run_id=run_id, documents=chunk, rejects=[], n_read=len(chunk))
    writer.append_batch(tmp_db, run_id=run_id, documents=[], rejects=rejects, n_read=len(rejects))
    writer.finish_run(tmp_db, run_id, status="completed")
    with duckdb.connect(str(tmp_db), read_only=True) as con:
        ids = {r[0] for r in con.execute("SELECT external_id FROM documents WHERE external_id IS NOT NULL").fetchall()}
        n_rejects = con.execute("SELECT count(*) FROM rejects").fetchone()[0]
    assert {f"good-{n}" for n in range(N_GOOD)} | set(SPECIAL_IDS) <= ids
    assert sum(i.startswith("fine-") for i in ids) == 20  # the good/ corpus beside the hostile files
    assert n_rejects == len(rejects) >= len(EXPECTED)
    assert check_warehouse(tmp_db) == []
    assert seconds < 90


def test_extracted_fields_of_odd_numbers_are_stored(hostile: Path, tmp_db: Path) -> None:
    """Numbers like 1e309 and 9,999,999,999,999 in text go through extraction and into BIGINT columns."""
    from tasks.core.extraction import EXTRACTOR_VERSION

    run_id = uuid.uuid4().hex
    writer.start_run(tmp_db, run_id=run_id, flow="test", flow_run_id=None, parameters={})
    docs, _, _ = _run([hostile / "broken.jsonl"], extract=False)
    odd = [d for d in docs if any(w in d.text for w in ("1e309", "99,999", "NaN", "lone surrogate"))]
    assert len(odd) == 4
    fields = {(d.doc_id, d.content_hash): extract_document(d, dt.date(2024, 1, 1)) for d in odd}
    assert not any((f.skipped_reason or "").startswith("extractor_error") for f in fields.values())
    writer.append_batch(
        tmp_db,
        run_id=run_id,
        documents=odd,
        rejects=[],
        fields=fields,
        extractor_version=EXTRACTOR_VERSION,
        n_read=len(odd),
    )
    with duckdb.connect(str(tmp_db), read_only=True) as con:
        stored = con.execute("SELECT count(*) FROM extractions").fetchone()[0]
        values = con.execute("SELECT value_low, value_high FROM counts").fetchall()
    assert stored == len(odd)
    assert all(v is None or 0 <= v < 10**10 for pair in values for v in pair)  # no head count beyond the world's


@pytest.mark.slow
def test_bombs_and_huge_pages_stay_in_bounded_memory(hostile: Path) -> None:
    """Peak RSS growth of a fresh process reading the worst files (each read is capped)."""
    names = ["bomb.html.gz", "bomb.jsonl.gz", "bomb.warc.gz", "huge.html", "nested.html"]
    out = subprocess.run(
        [sys.executable, "-m", "tests.reliability.helpers", *(str(hostile / n) for n in names)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert out.returncode == 0, out.stderr[-3000:]
    found = json.loads(out.stdout)
    print(f"hostile worst files: {found}")
    assert found["documents"] <= 1 and set(found["reasons"]) <= {"too_large", "no_main_text"}
    assert found["reasons"].count("too_large") >= 4
    assert found["rss_growth_mb"] < 400  # 4 GiB bombs and a 50 MB page: bounded by the 64 MiB read cap
    assert found["seconds"] < 60


@pytest.mark.slow
@pytest.mark.integration
@pytest.mark.usefixtures("prefect_server")
def test_real_flow_over_the_hostile_folder(hostile: Path, tmp_db: Path) -> None:
    from flows.backfill import backfill

    direct_docs, direct_rejects, _ = _run([hostile])
    summary = backfill(paths=[str(hostile)], db=str(tmp_db), batch_size=25, extract=False, progress=False)
    assert summary["n_new"] == len({d.doc_id for d in direct_docs})
    assert summary["n_rejected"] == len(direct_rejects)
    with duckdb.connect(str(tmp_db), read_only=True) as con:
        status = con.execute("SELECT status FROM runs").fetchall()
        reasons = {r[0] for r in con.execute("SELECT DISTINCT reason FROM rejects").fetchall()}
    assert status == [("completed",)]
    assert {"too_large", "xml_entities", "binary_file", "empty_file", "corrupt_gzip", "bad_json"} <= reasons
    assert check_warehouse(tmp_db) == []
