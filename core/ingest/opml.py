"""OPML: a list of feed addresses, as feed readers export their subscriptions."""

from __future__ import annotations

from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from core.ingest.base import Unreadable, is_url, xml_root
from core.ingest.clean import clean_line


def is_opml(data: bytes) -> bool:
    return xml_root(data) == "opml"


def opml_feed_urls(data: bytes) -> list[str]:
    """The feed addresses an OPML file lists, in order, each once. Parsed by
    defusedxml: no entity expansion, no external entities or DTDs fetched."""
    try:
        root = fromstring(data)
    except ParseError as exc:
        raise Unreadable(f"not valid OPML ({exc})") from None
    except DefusedXmlException:
        raise Unreadable("OPML that declares entities, which are not read") from None
    urls: list[str] = []
    for outline in root.iter("outline"):
        url = clean_line(outline.get("xmlUrl") or outline.get("xmlurl") or "")
        if is_url(url) and url not in urls:
            urls.append(url)
    if not urls:
        raise Unreadable("the OPML file lists no feed addresses")
    return urls
