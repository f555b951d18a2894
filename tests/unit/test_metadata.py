"""Page metadata: publication date (with its source and precision), title and author, from every page-level source.

Two kinds of pages: goose3's one-pattern test pages (tests/fixtures/pages/goose3-metadata, Apache-2.0, see its
README) and small pages written here, one per source.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import uuid
from pathlib import Path

import duckdb
import pytest
from trafilatura.utils import load_html

from tasks.core.cleaning import clean_document
from tasks.core.metadata import clean_authors, headline_from_text, parse_date_value, read_page_metadata, strip_site_name
from tasks.core.records import RawDocument
from tasks.core.seeds import read_inputs
from warehouse import writer

GOOSE = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "goose3-metadata"
D = dt.date
BODY = (
    "<p>Rescue teams searched the hillside through the afternoon after the landslide buried part of the road, and "
    "residents of the valley were told to stay away from the slope until engineers had checked it.</p><p>The regional "
    "council said the road would stay closed for several days while the debris was cleared and the drains were "
    "repaired, and buses would take a longer route through the neighbouring villages in the meantime.</p>"
)


def page(head: str = "", body_top: str = "", *, title: str = "Landslide closes mountain road", tail: str = "") -> str:
    return (
        f"<html><head><title>{title}</title>{head}</head><body><article>{body_top}{BODY}</article>{tail}</body></html>"
    )


def clean(html: str, url: str | None = None, **raw: object) -> tuple[dt.date | None, str | None, str | None]:
    doc = clean_document(RawDocument("test", "html", html, url=url, **raw))  # type: ignore[arg-type]
    return (doc.published_at.date() if doc.published_at else None), doc.published_source, doc.published_precision


def goose(sub: str, name: str) -> tuple[bytes, dict[str, object]]:
    spec = json.loads((GOOSE / sub / f"{name}.json").read_text())
    return gzip.decompress((GOOSE / sub / f"{name}.html.gz").read_bytes()), spec


# ------------------------------------------------------------------------------------------ publication date


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("test_publish_date", "meta"),  # OriginalPublicationDate
        ("test_publish_date_article", "meta"),  # article:published_time
        ("test_publish_date_parsely_page", "meta"),  # the parsely-page JSON
        ("test_publish_date_rnews", "meta"),
        ("test_publish_date_schema", "time"),  # itemprop=datePublished on an element
        ("test_publish_date_tag", "time"),  # a short "pubdate" element
        ("test_publish_date_unix_seconds", "json-ld"),
        ("test_publish_date_unix_milliseconds", "json-ld"),
    ],
)
def test_goose3_publication_dates(name: str, source: str) -> None:
    html, spec = goose("publishdate", name)
    found = read_page_metadata(load_html(html), str(spec["url"])).date
    expected = str(spec["expected"]["publish_date"])[:10]  # type: ignore[index]
    assert found is not None and (found.value.isoformat(), found.source, found.precision) == (expected, source, "day")


def test_a_date_under_a_made_up_meta_name_is_not_guessed() -> None:
    html, spec = goose("publishdate", "test_publish_date_config")  # goose3 reads it only when configured to
    assert read_page_metadata(load_html(html), str(spec["url"])).date is None


@pytest.mark.parametrize(
    ("head", "body_top", "expected"),
    [
        (  # JSON-LD inside @graph, beside a WebPage node with another date
            '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
            '{"@type": "WebPage", "datePublished": "2019-01-01"},'
            '{"@type": "NewsArticle", "datePublished": "2021-04-07T18:20:00-05:00"}]}</script>',
            "",
            (D(2021, 4, 7), "json-ld", "day"),
        ),
        (  # a JSON-LD list at the top level, a trailing comma
            '<script type="application/ld+json">[{"@type": "Organization", "name": "Valley Post"},'
            '{"@type": ["ReportageNewsArticle"], "datePublished": "2020-02-29T23:30:00+01:00",}]</script>',
            "",
            (D(2020, 2, 29), "json-ld", "day"),
        ),
        (
            '<meta property="article:published_time" content="2018-11-05T06:00:00Z">',
            "",
            (D(2018, 11, 5), "meta", "day"),
        ),
        ('<meta name="DC.date.issued" content="2017-03-21">', "", (D(2017, 3, 21), "meta", "day")),
        ('<meta name="dcterms.created" content="2016-09-30">', "", (D(2016, 9, 30), "meta", "day")),
        ('<meta name="parsely-pub-date" content="2015-06-01T10:00:00Z">', "", (D(2015, 6, 1), "meta", "day")),
        ('<meta itemprop="datePublished" content="2014-12-24">', "", (D(2014, 12, 24), "meta", "day")),
        (
            "",
            '<header><h1>Landslide closes mountain road</h1><p class="byline">By Ana Ruiz '
            '<time datetime="2022-10-03T08:15:00+02:00">3 October 2022</time></p></header>',
            (D(2022, 10, 3), "time", "day"),
        ),
        (
            "",
            '<div class="article-meta"><time datetime="2013-05-17">Friday</time></div>',
            (D(2013, 5, 17), "time", "day"),
        ),
        ("", '<span class="published">Published: June 5, 2012</span>', (D(2012, 6, 5), "time", "day")),
    ],
)
def test_page_level_date_sources(head: str, body_top: str, expected: tuple[dt.date, str, str]) -> None:
    assert clean(page(head, body_top)) == expected


def test_the_modified_date_is_not_the_publication_date() -> None:
    head = (
        '<meta property="article:modified_time" content="2023-02-02T10:00:00Z">'
        '<meta property="article:published_time" content="2023-01-30T10:00:00Z">'
    )
    assert clean(page(head)) == (D(2023, 1, 30), "meta", "day")


def test_url_path_dates() -> None:
    assert clean(page(), "https://news.example.org/2020/11/04/landslide-road") == (D(2020, 11, 4), "url", "day")
    assert clean(page(), "https://news.example.org/2010/WORLD/08/13/landslide") == (D(2010, 8, 13), "url", "day")
    assert clean(page(), "https://news.example.org/news/2019-07-08-landslide") == (D(2019, 7, 8), "url", "day")
    assert clean(page(), "https://news.example.org/2020/11/landslide-road") == (D(2020, 11, 1), "url", "month")
    assert clean(page(), "https://news.example.org/landslide-2020") == (None, None, None)


def test_a_fetched_pages_own_date_comes_before_its_feed_entrys() -> None:
    feed_date = dt.datetime(2021, 4, 9, 12, tzinfo=dt.UTC)
    head = '<meta property="article:published_time" content="2021-04-07T18:20:00Z">'
    assert clean(page(head), published_at=feed_date, origin="page") == (D(2021, 4, 7), "meta", "day")
    assert clean(page(), published_at=feed_date, origin="page") == (D(2021, 4, 9), "feed", "day")
    assert clean(page(head), published_at=feed_date, origin="file") == (D(2021, 4, 9), "record", "day")


def test_a_dateline_with_a_year() -> None:
    dateline = "<p>GENEVA, March 3, 2019 (Wire) - Rescue teams worked through the night.</p>"
    assert clean(page(body_top=dateline)) == (D(2019, 3, 3), "dateline", "day")
    sentence = "<p>On 3 March 2019 a landslide closed the road, officials said on 4 March 2019.</p>"
    assert clean(page(body_top=sentence)) == (None, None, None)  # a sentence of the text is never a date source


def test_extensive_search_only_when_the_url_confirms_it() -> None:
    html = page(tail="<aside><p>Gallery 14.08.2020</p></aside>")  # outside the article's text
    assert clean(html, "https://news.example.org/2020/08/landslide") == (D(2020, 8, 14), "htmldate-extensive", "day")
    assert clean(html, "https://news.example.org/2021/03/landslide") == (D(2021, 3, 1), "url", "month")
    assert clean(html, "https://news.example.org/landslide") == (None, None, None)


def test_extensive_search_never_takes_a_date_from_a_sentence() -> None:
    html = page(body_top="<p>Pictures from 14.08.2020 show the slope before it gave way.</p>")
    assert clean(html, "https://news.example.org/2020/08/landslide") == (D(2020, 8, 1), "url", "month")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-04-07T18:20:00-05:00", D(2021, 4, 7)),
        ("20210407", D(2021, 4, 7)),
        (1676551869, D(2023, 2, 16)),
        ("1676551869000", D(2023, 2, 16)),
        ("Fri, 05 Jun 2020 10:00:00 GMT", D(2020, 6, 5)),
        ("5th June 2020", D(2020, 6, 5)),
        ("June 5, 2020 at 4:00 pm", D(2020, 6, 5)),
        ("31/12/2019", D(2019, 12, 31)),
        ("1985-01-01", None),
        ("yesterday", None),
        (True, None),
    ],
)
def test_parse_date_value(value: object, expected: dt.date | None) -> None:
    assert parse_date_value(value) == expected


def test_source_and_precision_are_stored(tmp_db: Path) -> None:
    run_id = uuid.uuid4().hex
    writer.start_run(tmp_db, run_id=run_id, flow="test", flow_run_id=None, parameters={})
    doc = clean_document(RawDocument("t", "html", page(), url="https://news.example.org/2020/11/landslide"))
    writer.append_batch(tmp_db, run_id=run_id, documents=[doc], rejects=[], n_read=1)
    with duckdb.connect(str(tmp_db), read_only=True) as con:
        row = con.execute("SELECT published_at::DATE, published_source, published_precision FROM documents").fetchone()
    assert row == (D(2020, 11, 1), "url", "month")


# ---------------------------------------------------------------------------------------------------- titles


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("test_title_opengraph", "Good article title"),
        ("test_title_sitename", "Pradhvan"),  # a blog's title is its name
        ("test_title_sitename_list", "What is Network Segmentation?"),  # " | OpenNMS" names the site
        ("test_title_splitter", None),  # " | Some Title": only the site's name is left
        ("test_title_empty", None),
        ("test_title_issue172", "Gospodynie będą rywalizować o najlepszą potrawę"),
    ],
)
def test_goose3_titles(name: str, expected: str | None) -> None:
    html, spec = goose("title", name)
    assert read_page_metadata(load_html(html), spec.get("url")).title == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("head", "body_top", "expected"),
    [
        (  # the article's h1 agrees with og:title once the site name is stripped
            '<meta property="og:site_name" content="Valley Post"><meta property="og:title" content="Landslide '
            'closes mountain road | Valley Post">',
            "<h1>Landslide closes mountain road for a week</h1>",
            "Landslide closes mountain road for a week",
        ),
        (  # a site-wide h1 that agrees with nothing: og:title, stripped
            '<meta property="og:site_name" content="Valley Post"><meta property="og:title" content="Valley Post: '
            'Road shut after landslide">',
            "<h1>Menu</h1>",
            "Road shut after landslide",
        ),
        (  # JSON-LD headline
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Hillside gives way above '
            'the valley road"}</script>',
            "",
            "Hillside gives way above the valley road",
        ),
    ],
)
def test_titles(head: str, body_top: str, expected: str) -> None:
    html = page(head, body_top, title="Valley Post - Local news")
    assert clean_document(RawDocument("t", "html", html)).title == expected


def test_title_suffix_from_the_url_host() -> None:
    html = page(title="Landslide closes mountain road - Valleypost")
    doc = clean_document(RawDocument("t", "html", html, url="https://www.valleypost.example/story/landslide"))
    assert doc.title == "Landslide closes mountain road"


@pytest.mark.parametrize(
    ("title", "sites", "expected"),
    [
        ("Floods hit the delta | The Daily Ledger", ["The Daily Ledger"], "Floods hit the delta"),
        ("Daily Ledger: Floods hit the delta", ["The Daily Ledger"], "Floods hit the delta"),
        ("Floods hit the delta – Daily Ledger – News", ["Daily Ledger"], "Floods hit the delta - News"),
        ("Floods - the delta's worst year", ["Daily Ledger"], "Floods - the delta's worst year"),
        ("Kenya: Floods kill twenty", ["kenyanledger"], "Kenya: Floods kill twenty"),  # a place, not the site
        ("Time to act | Time", ["time"], "Time to act"),
    ],
)
def test_strip_site_name(title: str, sites: list[str], expected: str) -> None:
    assert strip_site_name(title, sites) == expected


def test_a_plain_text_seeds_first_line_when_it_reads_as_a_headline(tmp_path: Path) -> None:
    text = "Ferry capsizes on the lake, dozens missing\nA ferry carrying about 80 people capsized on Sunday.\n"
    (tmp_path / "ferry.txt").write_text(text)
    (tmp_path / "plain.txt").write_text("A ferry capsized on Sunday near the port.\nDozens are missing.\n")
    titles = {Path(r.source_uri).name: r.title for r in read_inputs([tmp_path]) if isinstance(r, RawDocument)}
    assert titles == {"ferry.txt": "Ferry capsizes on the lake, dozens missing", "plain.txt": None}
    assert headline_from_text("Ferry capsizes on the lake") is None  # nothing after it: the whole text
    assert headline_from_text("Kenya: Ferry capsizes, dozens missing:\nMore text.") is None
    record = clean_document(RawDocument("r.jsonl#L1", "text", text))  # a record without a title keeps none
    assert record.title is None


# --------------------------------------------------------------------------------------------------- authors


@pytest.mark.parametrize("name", ["test_author_config", "test_author_schema", "test_author_linked_data"])
def test_goose3_authors(name: str) -> None:
    html, spec = goose("authors", name)
    doc = clean_document(RawDocument("t", "html", html, url=spec.get("url")))  # type: ignore[arg-type]
    assert sorted((doc.author or "").split("; ")) == sorted(spec["expected"]["authors"])  # type: ignore[index]


@pytest.mark.parametrize(
    ("head", "body_top", "expected"),
    [
        (  # JSON-LD: a list of people and an organisation; the people
            '<script type="application/ld+json">{"@type": "NewsArticle", "author": [{"@type": "Person", "name": '
            '"Ana Ruiz"}, {"@type": "Person", "name": "Tomas Berg"}, {"@type": "Organization", "name": "Valley '
            'Post"}]}</script>',
            "",
            "Ana Ruiz; Tomas Berg",
        ),
        (
            '<script type="application/ld+json">{"@type": "Article", "author": {"@type": "Organization", "name": '
            '"Reuters Staff"}}</script>',
            "",
            "Reuters",
        ),
        ('<meta name="author" content="By Lena Okafor, Senior Correspondent">', "", "Lena Okafor"),
        ("", '<p class="byline">By Ana Ruiz and Tomas Berg, Staff Writers | June 5, 2020</p>', "Ana Ruiz; Tomas Berg"),
        ("", '<a rel="author" href="/people/ana-ruiz">Ana Ruiz</a>', "Ana Ruiz"),
    ],
)
def test_authors(head: str, body_top: str, expected: str) -> None:
    assert clean_document(RawDocument("t", "html", page(head, body_top))).author == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("Written by Jane Doe & John Roe", ["Jane Doe", "John Roe"]),
        ("Jane Doe, John Roe and Ana Ruiz", ["Jane Doe", "John Roe", "Ana Ruiz"]),
        ("JANE DOE, Associated Press Writer", ["JANE DOE"]),
        ("By Jane Doe | Updated 5:30 PM EDT, Tue June 4, 2019", ["Jane Doe"]),
        ("Jane Doe - Political Reporter", ["Jane Doe"]),
        ("Jane Doe jane.doe@example.com", ["Jane Doe"]),
        ("AFP Staff", ["AFP"]),
        ("Par JEANNE MARTIN; PAUL LEROY Envoyés spéciaux à Lyon", ["JEANNE MARTIN", "PAUL LEROY"]),
        ("Emilio de Benito", ["Emilio de Benito"]),
        ("View my complete profile", []),
        ("admin", []),
    ],
)
def test_clean_authors(raw: str, expected: list[str]) -> None:
    assert clean_authors(raw) == expected
