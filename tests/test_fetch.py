"""Articles and feeds over HTTP, against a local server that misbehaves on purpose."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from core.ingest.dispatch import load
from core.ingest.fetch import Fetcher
from tests.support.local_server import Route, Server, serve
from tests.support.pages import ATOM, PARAGRAPHS, news_page, opml, rss


@pytest.fixture
def server() -> Iterator[Server]:
    with serve() as running:
        yield running


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    quick = Fetcher(timeout=0.5, max_bytes=50_000, max_redirects=5)
    yield quick
    quick.close()


def only_error(result) -> tuple[str, str]:
    assert result.articles == []
    [error] = result.errors
    return error.input, error.reason


def test_article_page(server: Server, fetcher: Fetcher) -> None:
    server.routes["/ferry"] = Route(news_page().encode())
    result = load([server.url("/ferry")], fetcher=fetcher)
    assert result.errors == []
    [article] = result.articles
    assert article.title == "Councillors back harbour ferry rescue"
    assert article.text == "\n\n".join(PARAGRAPHS)
    assert article.url == server.url("/ferry") and article.path is None
    assert article.site == "Harbour Herald"


def test_redirect_is_followed_and_final_address_kept(server: Server, fetcher: Fetcher) -> None:
    server.routes["/old"] = Route(status=301, headers={"Location": "/ferry"})
    server.routes["/ferry"] = Route(news_page().encode())
    [article] = load([server.url("/old")], fetcher=fetcher).articles
    assert article.url == server.url("/ferry")


def test_rss_feed_url(server: Server, fetcher: Fetcher) -> None:
    server.routes["/feed"] = Route(
        rss(
            [
                {
                    "title": "Ferry saved",
                    "link": "https://herald.example/ferry",
                    "description": "&lt;p&gt;Councillors &lt;b&gt;voted&lt;/b&gt;.&lt;/p&gt;",
                    "pubDate": "Tue, 17 Nov 2026 21:40:00 GMT",
                    "dc:creator": "Jo Marsh",
                },
                {"title": "Bridge shut", "link": "https://herald.example/bridge", "description": "Repairs."},
            ]
        ).encode(),
        "application/rss+xml",
    )
    result = load([server.url("/feed")], fetcher=fetcher)
    assert result.errors == []
    ferry, bridge = result.articles
    assert (ferry.title, ferry.text, ferry.url) == ("Ferry saved", "Councillors voted.", "https://herald.example/ferry")
    assert (ferry.date, ferry.author, ferry.site) == ("2026-11-17T21:40:00Z", "Jo Marsh", "Harbour Herald")
    assert bridge.text == "Repairs."


def test_atom_feed_served_as_plain_xml(server: Server, fetcher: Fetcher) -> None:
    server.routes["/atom"] = Route(ATOM.encode(), "text/xml")
    [article] = load([server.url("/atom")], fetcher=fetcher).articles
    assert article.text == "Scientists found active bacteria.\n\n“We expected a museum,” Ding said."
    assert (article.author, article.site) == ("Mei Ding", "Arctic Notes")


def test_json_export_url(server: Server, fetcher: Fetcher) -> None:
    server.routes["/api"] = Route(json.dumps({"articles": [{"title": "A", "text": "a."}]}).encode(), "application/json")
    assert [a.title for a in load([server.url("/api")], fetcher=fetcher).articles] == ["A"]


def test_plain_text_url(server: Server, fetcher: Fetcher) -> None:
    server.routes["/a.txt"] = Route(b"Title\n\nBody text.", "text/plain; charset=utf-8")
    [article] = load([server.url("/a.txt")], fetcher=fetcher).articles
    assert (article.title, article.text) == ("Title", "Body text.")


def test_full_pages_replace_summaries(server: Server, fetcher: Fetcher) -> None:
    server.routes["/ferry"] = Route(news_page().encode())
    server.routes["/feed"] = Route(
        rss(
            [
                {
                    "title": "Councillors back harbour ferry rescue",
                    "link": server.url("/ferry"),
                    "description": "The council voted.",
                },
                {"title": "Gone", "link": server.url("/gone"), "description": "Still the summary."},
            ]
        ).encode(),
        "application/rss+xml",
    )
    summaries = load([server.url("/feed")], fetcher=fetcher)
    assert [a.text for a in summaries.articles] == ["The council voted.", "Still the summary."]
    assert "/ferry" not in server.hits
    full = load([server.url("/feed")], fetcher=fetcher, full_pages=True)
    assert full.errors == []
    ferry, gone = full.articles
    assert ferry.text == "\n\n".join(PARAGRAPHS)
    assert (ferry.title, ferry.url, ferry.site) == (
        "Councillors back harbour ferry rescue",
        server.url("/ferry"),
        "Harbour Herald",
    )
    assert gone.text == "Still the summary."  # the page 404s: the summary stays


def test_feed_entry_and_its_page_are_one_article(server: Server, fetcher: Fetcher) -> None:
    server.routes["/ferry"] = Route(news_page().encode())
    server.routes["/feed"] = Route(
        rss(
            [{"title": "Councillors back harbour ferry rescue", "link": server.url("/ferry"), "description": "Short."}]
        ).encode(),
        "application/rss+xml",
    )
    result = load([server.url("/feed"), server.url("/ferry")], fetcher=fetcher)
    [article] = result.articles
    assert article.text == "\n\n".join(PARAGRAPHS)  # the longer version wins


def test_opml_lists_feeds_and_reports_the_failing_one(server: Server, fetcher: Fetcher, tmp_path) -> None:
    server.routes["/atom"] = Route(ATOM.encode(), "application/atom+xml")
    server.routes["/broken"] = Route(b"oops", "text/html", status=500)
    path = tmp_path / "feeds.opml"
    path.write_text(opml([server.url("/atom"), server.url("/broken")]), encoding="utf-8")
    result = load([str(path)], fetcher=fetcher)
    assert [a.title for a in result.articles] == ["Microbes found in old sea ice"]
    assert [(e.input, e.reason) for e in result.errors] == [
        (server.url("/broken"), "the server answered 500 Internal Server Error")
    ]


def test_slow_server_times_out(server: Server, fetcher: Fetcher) -> None:
    server.routes["/slow"] = Route(news_page().encode(), delay=2.0)
    assert only_error(load([server.url("/slow")], fetcher=fetcher)) == (
        server.url("/slow"),
        "the server did not answer in time (0.5 s)",
    )


def test_server_error(server: Server, fetcher: Fetcher) -> None:
    server.routes["/fail"] = Route(b"boom", status=500)
    assert (
        only_error(load([server.url("/fail")], fetcher=fetcher))[1] == "the server answered 500 Internal Server Error"
    )


def test_missing_page(server: Server, fetcher: Fetcher) -> None:
    assert only_error(load([server.url("/nothing")], fetcher=fetcher))[1] == "the server answered 404 Not Found"


def test_oversized_body_declared(server: Server, fetcher: Fetcher) -> None:
    server.routes["/big"] = Route(b"<p>" + b"x" * 60_000 + b"</p>")
    assert only_error(load([server.url("/big")], fetcher=fetcher))[1] == "too large (58 KB; the limit is 48 KB)"


def test_oversized_body_undeclared(server: Server, fetcher: Fetcher) -> None:
    server.routes["/big"] = Route(b"<p>" + b"x" * 60_000 + b"</p>", send_length=False)
    assert only_error(load([server.url("/big")], fetcher=fetcher))[1] == "too large (over 48 KB)"


def test_redirect_loop(server: Server, fetcher: Fetcher) -> None:
    server.routes["/loop"] = Route(status=302, headers={"Location": "/loop"})
    assert only_error(load([server.url("/loop")], fetcher=fetcher))[1] == "too many redirects (more than 5)"
    assert len(server.hits) == 6


def test_wrong_content_type(server: Server, fetcher: Fetcher) -> None:
    server.routes["/logo"] = Route(b"\x89PNG\r\n\x1a\n", "image/png")
    assert (
        only_error(load([server.url("/logo")], fetcher=fetcher))[1]
        == "not an article or a feed (the server sent image/png)"
    )


def test_malformed_feed(server: Server, fetcher: Fetcher) -> None:
    truncated = (
        b"<rss><channel><title>T</title><item><title>Whole &bogus;</title>"
        b"<description>Done &amp; <b>bold</description></item><item><title>Ha"
    )
    server.routes["/feed"] = Route(truncated, "application/rss+xml")
    server.routes["/junk"] = Route(b"\x00\x01 not xml at all", "application/rss+xml")
    result = load([server.url("/feed"), server.url("/junk")], fetcher=fetcher)
    # What could be read, is: the complete entry, not the truncated one.
    assert [(a.title, a.text) for a in result.articles] == [("Whole &bogus;", "Done & bold")]
    [error] = result.errors
    assert error.input == server.url("/junk") and error.reason.startswith("XML that is not")


def test_unreachable_host(fetcher: Fetcher) -> None:
    with serve() as gone:
        url = gone.url("/x")
    source, reason = only_error(load([url], fetcher=fetcher))
    assert reason.startswith("could not connect (")


def test_failure_does_not_stop_other_sources(server: Server, fetcher: Fetcher, tmp_path) -> None:
    (tmp_path / "a.txt").write_text("Local\n\nText.", encoding="utf-8")
    server.routes["/fail"] = Route(b"", status=503)
    result = load([server.url("/fail"), str(tmp_path / "a.txt")], fetcher=fetcher)
    assert [a.title for a in result.articles] == ["Local"]
    assert len(result.errors) == 1


def test_opml_naming_itself_is_not_followed(server: Server, fetcher: Fetcher) -> None:
    server.routes["/atom"] = Route(ATOM.encode(), "application/atom+xml")
    server.routes["/list.opml"] = Route(opml([server.url("/list.opml"), server.url("/atom")]).encode(), "text/x-opml")
    result = load([server.url("/list.opml")], fetcher=fetcher)
    assert [a.title for a in result.articles] == ["Microbes found in old sea ice"]
    assert [(e.input, e.reason) for e in result.errors] == [(server.url("/list.opml"), "an OPML list, not a feed")]
    assert server.hits.count("/list.opml") == 2


def test_feed_sent_as_html_is_read_as_a_feed(server: Server, fetcher: Fetcher) -> None:
    server.routes["/feed"] = Route(ATOM.encode(), "text/html")
    assert [a.title for a in load([server.url("/feed")], fetcher=fetcher).articles] == ["Microbes found in old sea ice"]


def test_page_charset_from_the_header(server: Server, fetcher: Fetcher) -> None:
    page = news_page(paragraphs=(PARAGRAPHS[0].replace("city", "cité"), *PARAGRAPHS[1:]))
    page = page.replace('<meta charset="utf-8">', "").replace("“", '"').replace("”", '"')
    server.routes["/latin"] = Route(page.encode("iso-8859-1"), "text/html; charset=ISO-8859-1")
    [article] = load([server.url("/latin")], fetcher=fetcher).articles
    assert "The cité council" in article.text
