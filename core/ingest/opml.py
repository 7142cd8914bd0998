"""OPML: a list of feed addresses, as feed readers export their subscriptions."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from core.ingest.base import Unreadable, is_url, xml_root
from core.ingest.clean import clean_line


def is_opml(data: bytes) -> bool:
    return xml_root(data) == "opml"


def opml_feed_urls(data: bytes) -> list[str]:
    """The feed addresses an OPML file lists, in order, each once."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise Unreadable(f"not valid OPML ({exc})") from None
    urls: list[str] = []
    for outline in root.iter("outline"):
        url = clean_line(outline.get("xmlUrl") or outline.get("xmlurl") or "")
        if is_url(url) and url not in urls:
            urls.append(url)
    if not urls:
        raise Unreadable("the OPML file lists no feed addresses")
    return urls
