"""Saved web pages: the article, its metadata, and none of the page around it."""

from __future__ import annotations

from pathlib import Path

from core.ingest.base import article_id
from core.ingest.dispatch import load
from tests.support.pages import PARAGRAPHS, news_page


def only_error(result) -> str:
    assert result.articles == []
    [error] = result.errors
    return error.reason


def test_page_gives_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "ferry.html"
    path.write_text(news_page(), encoding="utf-8")
    result = load([str(path)])
    assert result.errors == []
    [article] = result.articles
    assert article.title == "Councillors back harbour ferry rescue"
    assert article.text == "\n\n".join(PARAGRAPHS)
    assert (article.author, article.date, article.site) == ("Jo Marsh", "2026-11-17", "Harbour Herald")
    assert article.path == str(path)
    assert article.id == article_id(article.title, article.text)


def test_page_clutter_is_left_out(tmp_path: Path) -> None:
    path = tmp_path / "ferry.htm"
    path.write_text(news_page(), encoding="utf-8")
    [article] = load([str(path)]).articles
    for clutter in ("cookies", "Sport", "SCRIPT", "tracking", "color", "Related", "Bus fares", "rights reserved"):
        assert clutter not in article.text


def test_page_in_another_encoding(tmp_path: Path) -> None:
    page = news_page(paragraphs=(PARAGRAPHS[0].replace("city", "cité"), *PARAGRAPHS[1:]))
    page = page.replace('charset="utf-8"', 'charset="iso-8859-1"').replace("“", '"').replace("”", '"')
    path = tmp_path / "latin.html"
    path.write_bytes(page.encode("iso-8859-1"))
    [article] = load([str(path)]).articles
    assert "The cité council" in article.text


def test_page_text_is_cleaned(tmp_path: Path) -> None:
    dirty = PARAGRAPHS[0].replace("council", "coun\u200bcil\u202e\x07")
    path = tmp_path / "dirty.html"
    path.write_text(news_page(paragraphs=(dirty, *PARAGRAPHS[1:])), encoding="utf-8")
    [article] = load([str(path)]).articles
    assert article.text.startswith("The city council voted")
    assert not {"\u200b", "\u202e", "\x07"} & set(article.text)


def test_malformed_html_still_yields_the_text(tmp_path: Path) -> None:
    broken = "<html><body><div><p>" + PARAGRAPHS[0] + "<p>" + PARAGRAPHS[1] + "</div></span></table><p>" + PARAGRAPHS[2]
    path = tmp_path / "broken.html"
    path.write_text(broken, encoding="utf-8")
    [article] = load([str(path)]).articles
    assert "harbour ferry" in article.title + article.text
    assert "Opponents said" in article.text


def test_page_without_article_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>")
    assert only_error(load([str(path)])) == "no article text found on the page"


def test_binary_file_named_html_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "image.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    assert only_error(load([str(path)]))


def test_same_page_saved_twice_is_one_article(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(news_page(), encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "copy.htm").write_text(news_page(), encoding="utf-8")
    result = load([str(tmp_path)])
    assert result.errors == []
    assert len(result.articles) == 1
