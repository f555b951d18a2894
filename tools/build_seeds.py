"""Rebuild the derived seed files (JSON Lines exports and the WARC) from the shared real fixtures.

Run once from the repo root: `.venv/bin/python tools/build_seeds.py ../shared/fixtures`. The outputs are
committed; this script documents exactly how they were made.
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
import sys
from pathlib import Path

import trafilatura
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SEEDS = Path("seeds")
PAGES = {  # goose3 fixture -> seed name (<domain>.<slug>)
    "test_cnn1": "cnn.democrats-social-security",
    "test_guardian1": "guardian.article",
    "test_cbslocal": "cbslocal.article",
    "test_foxNews": "foxnews.article",
    "test_time": "time.article",
    "test_elpais": "elpais.article",
    "test_lefigaro": "lefigaro.article",
    "test_bbc_chinese": "bbc-chinese.article",
}
PLAIN_HTML = {"test_politico": "politico.article"}
JSONL_HTML = ["test_techcrunch1", "test_yahoo"]
JSONL_TEXT = ["test_marketplace", "test_msn1"]
LANGUAGE = {"test_liberation": "fr"}  # declared where the export would know it; others are detected
JSONL_GZ = ["test_huffingtonPost2", "test_usatoday_issue_74", "test_liberation"]
WARC = ["test_businessinsider3", "test_cnbc1"]
FEEDS = {
    "feeds/feed-rs/fixture/rss2/rss_2.0_bbc.xml": "bbc.world.rss.xml",
    "feeds/feed-rs/fixture/rss2/rss_2.0_nbcny.xml": "nbcnewyork.rss.xml",
    "feeds/feed-rs/fixture/rss2/rss_2.0_spiegel.xml": "spiegel.rss.xml",
    "feeds/feed-rs/fixture/atom/atom_mediarss_newscred_1.xml": "newscred.atom.xml",
}


def page(fixtures: Path, name: str) -> tuple[bytes, str]:
    content = fixtures / "pages/goose3/content"
    html = gzip.decompress((content / f"{name}.html.gz").read_bytes())
    url = json.loads((content / f"{name}.json").read_text())["url"]
    return html, url


def record(fixtures: Path, name: str, *, as_text: bool) -> dict[str, object]:
    html, url = page(fixtures, name)
    if not as_text:
        return {"id": name, "url": url, "html": html.decode("utf-8", "replace")}
    meta = trafilatura.bare_extraction(html, url=url, with_metadata=True).as_dict()
    return {
        "id": name,
        "url": url,
        "title": meta["title"],
        "published_at": meta["date"],
        "source": meta["sitename"],
        "text": meta["text"],
    } | ({"language": LANGUAGE[name]} if name in LANGUAGE else {})


def main(fixtures: Path) -> None:
    (SEEDS / "pages").mkdir(parents=True, exist_ok=True)
    for name, seed in PAGES.items():
        shutil.copy(fixtures / f"pages/goose3/content/{name}.html.gz", SEEDS / f"pages/{seed}.html.gz")
    for name, seed in PLAIN_HTML.items():
        (SEEDS / f"pages/{seed}.html").write_bytes(page(fixtures, name)[0])
    (SEEDS / "exports").mkdir(exist_ok=True)
    lines = [record(fixtures, n, as_text=False) for n in JSONL_HTML] + [
        record(fixtures, n, as_text=True) for n in JSONL_TEXT
    ]
    (SEEDS / "exports/articles.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines))
    gz_lines = [record(fixtures, n, as_text=True) for n in JSONL_GZ]
    with gzip.open(SEEDS / "exports/articles-2.jsonl.gz", "wt", encoding="utf-8") as out:
        out.writelines(json.dumps(r) + "\n" for r in gz_lines)
    (SEEDS / "feeds").mkdir(exist_ok=True)
    for src, seed in FEEDS.items():
        shutil.copy(fixtures / src, SEEDS / f"feeds/{seed}")
    (SEEDS / "archives").mkdir(exist_ok=True)
    with open(SEEDS / "archives/pages.warc.gz", "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for name in WARC:
            html, url = page(fixtures, name)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(html), http_headers=headers)
            )


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/fixtures"))
