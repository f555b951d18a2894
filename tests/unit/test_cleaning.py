"""Text normalisation, decoding, language detection and document ids."""

from __future__ import annotations

import datetime as dt

import pytest

from tasks.core.cleaning import clean_document, decode_text, detect_language, fragment_to_text, normalise_text
from tasks.core.records import RawDocument, RejectedInput, make_doc_id


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  a  b \t c  ", "a b c"),
        ("line one\r\nline two\rline three", "line one\nline two\nline three"),
        ("para one\n\n\n\n\npara two", "para one\n\npara two"),
        ("cafe\u0301", "caf\u00e9"),  # NFC
        ("nul\x00 and bell\x07 gone", "nul and bell gone"),
        ("zero\u200bwidth\u00adsoft", "zerowidthsoft"),
        ("non\u00a0breaking\u2003space", "non breaking space"),
        ("\ufeffBOM at start", "BOM at start"),
        ("   \n \n ", ""),
    ],
)
def test_normalise_text(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


def test_decode_text_handles_boms_and_legacy_encodings() -> None:
    assert decode_text("\ufeffhello".encode()) == "hello"
    assert decode_text("h\u00e9llo".encode("utf-16")) == "h\u00e9llo"
    latin = "Le gouvernement a annoncé des mesures économiques très attendues à Genève.".encode("cp1252")
    assert "annoncé" in decode_text(latin)


def test_decode_text_rejects_binary() -> None:
    with pytest.raises(RejectedInput) as err:
        decode_text(b"abc\x00\x01\x02def")
    assert err.value.reason == "binary_file"


def test_fragment_to_text_keeps_blocks_and_drops_scripts() -> None:
    html = "<p>One <b>two</b></p><script>alert(1)</script><ul><li>three</li><li>four</li></ul>"
    assert normalise_text(fragment_to_text(html)) == "One two\nthree\nfour"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The government announced new measures on Tuesday after the floods.", "en"),
        ("Le gouvernement a annoncé mardi de nouvelles mesures après les inondations.", "fr"),
        ("Die Regierung kündigte am Dienstag nach den Überschwemmungen neue Maßnahmen an.", "de"),
        ("El gobierno anunció el martes nuevas medidas tras las inundaciones en la región.", "es"),
        ("ok", None),
    ],
)
def test_detect_language(text: str, lang: str | None) -> None:
    assert detect_language(text) == lang


def test_doc_id_is_deterministic_and_prefers_url_then_external_id() -> None:
    a = make_doc_id(url="https://e.x/a", external_id="1", source="s", content_hash="h1")
    assert a == make_doc_id(url="https://e.x/a", external_id="2", source="t", content_hash="h2")
    b = make_doc_id(url=None, external_id="1", source="s", content_hash="h1")
    assert b == make_doc_id(url=None, external_id="1", source="s", content_hash="other")
    assert b != make_doc_id(url=None, external_id="1", source="other", content_hash="h1")
    c = make_doc_id(url=None, external_id=None, source=None, content_hash="h1")
    assert len({a, b, c}) == 3 and all(len(x) == 16 for x in (a, b, c))


def test_clean_document_rejects_empty_text() -> None:
    with pytest.raises(RejectedInput) as err:
        clean_document(RawDocument("x", "text", b"  \n\x00\x00 "))
    assert err.value.reason in {"empty_text", "binary_file"}
    with pytest.raises(RejectedInput) as err:
        clean_document(RawDocument("x", "text", "\u200b \n "))
    assert err.value.reason == "empty_text"


def test_clean_document_never_guesses_a_date_from_the_body() -> None:
    html = (
        "<html><head><title>Storm</title></head><body><article><p>On 3 March 2021 a storm hit the coast and "
        "damaged hundreds of homes, officials said in a statement on 4 March 2021.</p><p>More text follows "
        "about the recovery effort and the people who lost their houses in the storm.</p></article></body></html>"
    )
    doc = clean_document(RawDocument("x", "html", html))
    assert doc.published_at is None
    dated = html.replace("<head>", '<head><meta property="article:published_time" content="2021-03-05T08:00:00Z">')
    assert clean_document(RawDocument("x", "html", dated)).published_at == dt.datetime(2021, 3, 5, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("page", "given", "expected"),
    [
        # the page's own canonical on the same registrable domain is its identity (tracking parameters dropped)
        ("https://www.site.co.uk/a?utm_source=x", "https://site.co.uk/a-old", ("https://www.site.co.uk/a", None)),
        ("https://m.site.com/story/1", "https://www.site.com/story/1?id=1", ("https://m.site.com/story/1", None)),
        # another site's URL: refused, kept beside the document
        ("https://victim.com/story", "https://attacker.net/x", ("https://attacker.net/x", "https://victim.com/story")),
        ("https://victim.co.uk/s", "https://other.co.uk/s", ("https://other.co.uk/s", "https://victim.co.uk/s")),
        # a site's home page standing for an article: refused, or every article of that site would be one document
        ("https://site.com/", "https://site.com/2024/story", ("https://site.com/2024/story", "https://site.com/")),
        ("https://site.com", None, (None, "https://site.com/")),
        # no stated URL: the page's canonical is all there is
        ("https://site.com/story", None, ("https://site.com/story", None)),
        (None, "https://site.com/story#top", ("https://site.com/story", None)),
        ("https://site.com/", "https://site.com/", ("https://site.com/", None)),
        # hosts without a public suffix (loopback test servers) are their own domain
        ("http://127.0.0.1:8000/b", "http://127.0.0.1:8000/a", ("http://127.0.0.1:8000/b", None)),
        ("https://cnn.com/story", "http://127.0.0.1:8000/a", ("http://127.0.0.1:8000/a", "https://cnn.com/story")),
    ],
)
def test_choose_canonical_refuses_a_takeover(page: str | None, given: str | None, expected: tuple) -> None:
    from tasks.core.cleaning import choose_canonical

    assert choose_canonical(page, given) == expected


def test_registrable_domain_uses_the_public_suffix_list() -> None:
    from tasks.core.cleaning import registrable_domain

    assert registrable_domain("https://news.bbc.co.uk/x") == "bbc.co.uk"
    assert registrable_domain("https://a.b.github.io/") == "b.github.io"  # a private suffix: each user their own
    assert registrable_domain("http://localhost:8080/") == "localhost"


def test_a_plain_texts_first_line_is_its_title_when_it_reads_as_a_headline() -> None:
    from tasks.core.cleaning import clean_document
    from tasks.core.metadata import headline_from_text as headline_of
    from tasks.core.records import RawDocument

    body = "Two people were hurt when a bus left the road near Carlisle on Friday, police said.\nMore follows."
    doc = clean_document(RawDocument("a.txt", "text", ("Bus crash near Carlisle\n\n" + body).encode()))
    assert doc.title == "Bus crash near Carlisle"
    assert clean_document(RawDocument("b.txt", "text", body.encode())).title is None  # a sentence, not a headline
    assert clean_document(RawDocument("c.jsonl#1", "text", "Bus crash near Carlisle\n\n" + body)).title is None
    assert headline_of("Bus crash near Carlisle") is None  # nothing follows it
    assert headline_of("the lower-case start of a line\nmore") is None
    assert headline_of("Police said on Friday that two people were hurt,\nand more") is None
    assert headline_of("UPDATE 2: Storm kills 3 in Lisbon\nText.") == "UPDATE 2: Storm kills 3 in Lisbon"
