"""Feed and OPML files on disk: each entry an article, broken ones a plain error."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.ingest.base import missing_paths
from core.ingest.dispatch import load
from core.ingest.feeds import feed_entries
from tests.support.pages import ATOM, opml, rss


def only_error(result) -> str:
    assert result.articles == []
    [error] = result.errors
    return error.reason


def test_rss_file_entries_become_articles(tmp_path: Path) -> None:
    path = tmp_path / "herald.rss"
    path.write_text(
        rss(
            [
                {
                    "title": "Ferry saved",
                    "link": "https://herald.example/ferry",
                    "content:encoded": (
                        "<![CDATA[<p>Councillors voted.</p><p>“Good,” she said.</p>"
                        "<div class='share'><script>t()</script></div>]]>"
                    ),
                    "description": "Short summary.",
                    "pubDate": "Tue, 17 Nov 2026 21:40:00 GMT",
                },
                {"title": "Sirens\x1b[5m tested\u202e", "description": "Plain summary"},
            ]
        ),
        encoding="utf-8",
    )
    result = load([str(path)])
    assert result.errors == []
    ferry, sirens = result.articles
    assert ferry.text == "Councillors voted.\n\n“Good,” she said."  # full content preferred
    assert (ferry.path, ferry.site, ferry.date) == (str(path), "Harbour Herald", "2026-11-17T21:40:00Z")
    assert (sirens.title, sirens.text, sirens.url) == ("Sirens tested", "Plain summary", None)


def test_atom_sniffed_from_xml_suffix(tmp_path: Path) -> None:
    path = tmp_path / "arctic.xml"
    path.write_text(ATOM, encoding="utf-8")
    [article] = load([str(path)]).articles
    assert (article.title, article.url) == ("Microbes found in old sea ice", "https://arctic.example/microbes")


def test_feeds_in_folders_are_found(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Local\n\nText.", encoding="utf-8")
    assert sorted(a.title for a in load([str(tmp_path)]).articles) == ["Local", "Microbes found in old sea ice"]


def test_same_feed_twice_is_loaded_once(tmp_path: Path) -> None:
    (tmp_path / "a.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "b.xml").write_text(ATOM, encoding="utf-8")
    assert len(load([str(tmp_path / "a.atom"), str(tmp_path / "b.xml")]).articles) == 1


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("junk.rss", "this is not a feed", "XML that is not an RSS, Atom or OPML feed"),
        (
            "svg.xml",
            '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
            "XML that is not an RSS, Atom or OPML feed",
        ),
        ("empty.rss", "<rss><channel><title>Nothing</title></channel></rss>", "the feed has no entries"),
        ("cut.rss", "<rss><channel", "not a readable feed (unclosed token)"),
        ("bad.opml", "<opml><body><outline xmlUrl='http://x", "not valid OPML (unclosed token: line 1, column 12)"),
        ("none.opml", "<opml><body><outline text='folder'/></body></opml>", "the OPML file lists no feed addresses"),
    ],
)
def test_broken_feed_files(tmp_path: Path, name: str, content: str, reason: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert only_error(load([str(path)])) == reason


def test_opml_ignores_non_web_addresses(tmp_path: Path) -> None:
    path = tmp_path / "list.opml"
    path.write_text(opml(["file:///etc/passwd", "javascript:alert(1)"]), encoding="utf-8")
    assert only_error(load([str(path)])) == "the OPML file lists no feed addresses"


def test_urls_are_not_missing_paths() -> None:
    assert missing_paths(["https://example.com/feed", "http://x/y", "/no/such/file.txt"]) == ["/no/such/file.txt"]


# --- titles and text by the type the feed declares ---------------------------

DECLARED_TYPES_ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Feed &lt;b&gt;Name&lt;/b&gt;</title>
<entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Example <b>Atom</b></div></title>
<content type="text">Plain &lt;p&gt; text stays as written.</content></entry>
<entry><title type="html">History of the &amp;lt;blink&amp;gt; tag</title>
<summary type="html">&lt;p&gt;A paragraph&lt;/p&gt;</summary></entry>
<entry><title type="text">Less &lt; than &amp; more</title><summary type="text">Words.</summary></entry>
</feed>"""

DECLARED_TYPES_RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>R</title>
<item><title>Caf&amp;eacute; &amp;amp; bar &lt;b&gt;bold&lt;/b&gt;</title>
<description>&lt;p&gt;Hello&lt;/p&gt;</description></item>
</channel></rss>"""


def test_titles_and_text_follow_the_type_the_feed_declares():
    articles = [entry.article for entry in feed_entries(DECLARED_TYPES_ATOM)]
    assert [a.title for a in articles] == ["Example Atom", "History of the <blink> tag", "Less < than & more"]
    assert [a.text for a in articles] == ["Plain <p> text stays as written.", "A paragraph", "Words."]
    assert {a.site for a in articles} == {"Feed Name"}


def test_rss_titles_are_html_without_tags_or_entities():
    [entry] = feed_entries(DECLARED_TYPES_RSS)
    assert (entry.article.title, entry.article.text) == ("Café & bar bold", "Hello")
