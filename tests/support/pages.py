"""Documents the source tests load: a news page with the usual clutter, feeds, OPML."""

from __future__ import annotations

PARAGRAPHS = (
    "The city council voted on Tuesday to keep the harbour ferry running until 2028, "
    "ending a dispute that had split the ruling group for three months.",
    "“This is not a luxury. For people in Spike Island, the ferry is the bus,” "
    "Councillor Aisha Okonjo told the chamber shortly before the vote was taken.",
    "Opponents said the money would be better spent on buses, and warned that the "
    "operator had missed its passenger targets in each of the last four years.",
)


def news_page(title: str = "Councillors back harbour ferry rescue", paragraphs: tuple[str, ...] = PARAGRAPHS) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>{title} | Harbour Herald</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Harbour Herald">
<meta name="author" content="Jo Marsh">
<meta property="article:published_time" content="2026-11-17T21:40:00Z">
<script>window.tracking = {{"id": 42}}; document.write("SCRIPT TEXT");</script>
<style>body {{ color: red }}</style>
</head><body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience. Accept all cookies?</p><button>Accept</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>
<main><article>
<h1>{title}</h1>
<p class="byline">By Jo Marsh</p>
{body}
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">Bus fares to rise in January across the whole region</a></li>
<li><a href="/b">Bridge closure extended again after inspection</a></li></ul></aside>
</main>
<footer><p>© 2026 Harbour Herald. All rights reserved. Privacy policy. Terms of use.</p></footer>
</body></html>"""


def rss(items: list[dict[str, str]], title: str = "Harbour Herald") -> str:
    entries = "".join(
        "<item>" + "".join(f"<{key}>{value}</{key}>" for key, value in item.items()) + "</item>" for item in items
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>{title}</title><link>https://herald.example/</link><description>News</description>
{entries}
</channel></rss>"""


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<!-- an Atom feed -->
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Arctic Notes</title>
  <link href="https://arctic.example/"/>
  <updated>2026-11-20T10:00:00Z</updated>
  <entry>
    <title>Microbes found in old sea ice</title>
    <link href="https://arctic.example/microbes"/>
    <id>urn:1</id>
    <updated>2026-11-20T10:00:00Z</updated>
    <author><name>Mei Ding</name></author>
    <content type="html">&lt;p&gt;Scientists found &lt;em&gt;active&lt;/em&gt; bacteria.&lt;/p&gt;&lt;p&gt;“We expected a museum,” Ding said.&lt;/p&gt;</content>
  </entry>
</feed>"""


def opml(urls: list[str]) -> str:
    outlines = "".join(f'<outline type="rss" text="feed" xmlUrl="{u}"/>' for u in urls)
    return f"""<?xml version="1.0"?>
<opml version="2.0"><head><title>My feeds</title></head>
<body><outline text="News">{outlines}</outline></body></opml>"""
