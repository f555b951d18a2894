"""Benchmark: 50 feeds of 20 entries served on loopback; first poll vs second poll (nothing changed).

    .venv/bin/python bench/ingest_bench.py [--feeds 50] [--entries 20]

Both polls run in one process (Prefect's temporary server starts once, before the first timing). The second
poll must fetch no page: every feed answers 304 to the conditional GET. Politeness is relaxed for loopback
(`host_delay_s=0`, 8 concurrent requests per host): all 1,000 pages live on one host here.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# a page's own canonical / og:url would make every copy of it one document
_IDENTITY = re.compile(rb"<link[^>]+rel=[\"']?canonical[^>]*>|<meta[^>]+(?:og:url|twitter:url)[^>]*>", re.IGNORECASE)
PAGES = [gzip.decompress(p.read_bytes()) for p in sorted((ROOT / "tests/golden/cleaning").glob("*/page.html.gz"))]


class Site:
    def __init__(self, n_feeds: int, n_entries: int) -> None:
        self.n_feeds, self.n_entries = n_feeds, n_entries
        self.page_hits = 0
        self.lock = threading.Lock()

    def feed(self, base: str, f: int) -> bytes:
        items = "".join(
            f"<item><title>Story {f}-{e}</title><link>{base}/p/{f}/{e}.html</link><guid>{base}/p/{f}/{e}.html</guid>"
            f"<description>Summary of story {f}-{e}.</description>"
            f"<pubDate>Tue, 24 Jul 2012 10:{e:02d}:00 GMT</pubDate></item>"
            for e in range(self.n_entries)
        )
        return (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {f}</title>{items}</channel></rss>'.encode()
        )

    def page(self, base: str, f: int, e: int) -> bytes:
        html = _IDENTITY.sub(b"", PAGES[(f * self.n_entries + e) % len(PAGES)])  # each entry is its own article
        canonical = f'<link rel="canonical" href="{base}/p/{f}/{e}.html">'.encode()
        return html.replace(b"<head>", b"<head>" + canonical, 1)


def serve(site: Site) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            return None

        def do_GET(self) -> None:  # noqa: N802 -- http.server's naming
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            parts = self.path.strip("/").split("/")
            if parts[0] == "robots.txt":
                return self._send(200, b"User-agent: *\nAllow: /\n", "text/plain")
            if parts[0] == "feed":
                if self.headers.get("If-None-Match") == '"v1"':
                    return self._send(304, b"", "application/rss+xml")
                return self._send(200, site.feed(base, int(parts[1])), "application/rss+xml")
            with site.lock:
                site.page_hits += 1
            return self._send(200, site.page(base, int(parts[1]), int(parts[2].split(".")[0])), "text/html")

        def _send(self, status: int, body: bytes, ctype: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("ETag", '"v1"')
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--entries", type=int, default=20)
    args = parser.parse_args()
    os.environ["WIREHOUSE_ALLOW_PRIVATE_NETWORKS"] = "1"
    site = Site(args.feeds, args.entries)
    server = serve(site)
    port = server.server_address[1]
    work = Path(tempfile.mkdtemp(prefix="wirehouse-ingest-bench-"))
    registry = work / "feeds.toml"
    registry.write_text(
        "".join(f'[[feeds]]\nurl = "http://127.0.0.1:{port}/feed/{f}"\nname = "f{f}"\n\n' for f in range(args.feeds))
    )
    from prefect.testing.utilities import prefect_test_harness

    from flows.ingest import ingest

    with prefect_test_harness(server_startup_timeout=180):
        kwargs = {"db": str(work / "ingest.duckdb"), "feeds_file": str(registry), "host_delay_s": 0.0}
        kwargs |= {"per_host": 8, "fetch_workers": 8}
        start = time.perf_counter()
        first = ingest(**kwargs)
        t1 = time.perf_counter() - start
        hits = site.page_hits
        start = time.perf_counter()
        second = ingest(force=True, **kwargs)
        t2 = time.perf_counter() - start
    print(f"feeds: {args.feeds} x {args.entries} entries on loopback; pages are real news pages")
    print(
        f"first poll : {t1:6.2f} s  feeds {first['feeds_polled']}, entries {first['entries_found']},"
        f" stored {first['documents_stored']}, pages fetched {hits}"
    )
    print(
        f"second poll: {t2:6.2f} s  entries {second['entries_found']}, stored {second['documents_stored']},"
        f" pages fetched {site.page_hits - hits} (every feed answered 304)"
    )
    print("  (each poll includes Prefect's per-flow-run cost of about 1.2 s; the temporary server was started once)")
    server.shutdown()


if __name__ == "__main__":
    main()
