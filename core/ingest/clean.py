"""Make untrusted text safe to show and stable to index.

Cleaning happens once, when an article is loaded; every offset computed
afterwards indexes the cleaned text, so nothing downstream has to re-clean.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls except newline, DEL, and the invisible format characters
# that can reorder or hide text on a terminal (bidi overrides and isolates).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# Terminal escape sequences (colours, cursor moves, titles) are dropped whole,
# including two-byte ones like ESC c and charset picks like ESC ( B (tput sgr0).
_ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[ -/]*[0-Z\\-~])")
# Blanks that are not a plain space (tabs, no-break and typographic spaces).
_ODD_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_RUN = re.compile(r" {2,}")
_BLANK_RUN = re.compile(r"\n{3,}")

# Lines that copied web pages drag along after the article proper.
_TRAILING_JUNK = re.compile(
    r"""^(
        related(\s+(articles?|stories|posts|content|news))?
      | (read\s+)?more(\s+(stories|articles|news))?(\s+from\s+.*)?
      | you\s+may\s+also\s+like.*
      | recommended(\s+for\s+you)?
      | back\s+to\s+top(\s+button)?
      | (share|tweet|email|print)(\s+(this|on|via)\b.*)?
      | share\s+(on|this|via)\b.*
      | (subscribe|sign\s+up)\b.*
      | follow\s+us\b.*
      | (facebook|twitter|x|linkedin|whatsapp|reddit|telegram|pinterest)
      | advertisement
      | comments?(\s*\(\d+\))?
      | tags?:.*
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


def clean_text(raw: str, *, trim_junk: bool = True) -> str:
    """Normalise newlines, drop control characters and fold runs of blanks.

    Tabs and odd spaces become one space, lines lose their edge blanks, runs
    of empty lines become one empty line, and the page junk that follows the
    last paragraph is cut. This runs for each of ten thousand articles at
    launch, so each step first asks, at C speed, whether it has work to do.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n") if "\r" in raw else raw
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # Controls, format characters and odd blanks are exactly what is not printable.
    if not text.replace("\n", "").isprintable():
        text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
        text = _ODD_SPACES.sub(" ", _CONTROL.sub("", _ANSI.sub("", text)))
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    text = text.replace(" \n", "\n").replace("\n ", "\n").strip(" \n")
    while text and trim_junk:
        body, _, last = text.rpartition("\n")
        if last.strip() and not _TRAILING_JUNK.match(last):
            break
        text = body.rstrip(" \n")
    return _BLANK_RUN.sub("\n\n", text) if "\n\n\n" in text else text


def clean_line(raw: str) -> str:
    """Clean a one-line field (a title, a name): no newlines, no controls."""
    return " ".join(clean_text(raw, trim_junk=False).split())


def split_title(text: str) -> tuple[str, str]:
    """First non-empty line as title, the rest as body (both cleaned)."""
    cleaned = clean_text(text)
    title, _, body = cleaned.partition("\n")
    return title.strip(), body.strip("\n")
