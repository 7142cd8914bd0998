"""Getting a page or feed over HTTP without letting the network hang or flood us.

Every request has a connect/read timeout and an overall deadline, follows at
most a few redirects, refuses bodies over a size limit (before reading them
when the server says the size, while reading them when it does not), and
refuses content that is not an article or a feed. Each refusal is an
``Unreadable`` with the reason in plain words.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core import __version__
from core.ingest.base import HTML, JSON, TEXT, XML, Unreadable, is_url

if TYPE_CHECKING:
    import httpx

MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
TIMEOUT_SECONDS = 15.0

# What a media type means to us (an input kind); anything else is refused.
_KINDS = {
    "text/html": HTML,
    "application/xhtml+xml": HTML,
    "application/rss+xml": XML,
    "application/atom+xml": XML,
    "application/rdf+xml": XML,
    "application/xml": XML,
    "text/xml": XML,
    "text/x-opml": XML,
    "application/json": JSON,
    "application/feed+json": JSON,
    "application/x-ndjson": JSON,
    "application/jsonl": JSON,
    "text/plain": TEXT,
    "text/markdown": TEXT,
}


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    kind: str
    body: bytes
    charset: str | None


class Fetcher:
    """One HTTP client shared by every request of a load; the client is made on
    first use so loading only local files never imports or starts it."""

    def __init__(
        self,
        timeout: float = TIMEOUT_SECONDS,
        max_bytes: int = MAX_BYTES,
        max_redirects: int = MAX_REDIRECTS,
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self._client: httpx.Client | None = None
        self._lock = threading.Lock()  # feeds and pages are fetched from a thread pool

    @property
    def client(self) -> httpx.Client:
        with self._lock:
            return self._client or self._new_client()

    def _new_client(self) -> httpx.Client:
        import httpx  # ~0.1 s: paid only by a load that goes online

        self._client = httpx.Client(
            timeout=httpx.Timeout(self.timeout),
            follow_redirects=True,
            max_redirects=self.max_redirects,
            headers={"User-Agent": f"newsreader/{__version__} (+terminal news reader)"},
        )
        return self._client

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                self._client.close()
                self._client = None

    def get(self, url: str) -> Fetched:
        """Fetch ``url``; raise ``Unreadable`` saying why if it cannot be used."""
        if not is_url(url):
            raise Unreadable("only http and https addresses can be opened")
        import httpx

        deadline = time.monotonic() + 2 * self.timeout
        try:
            with self.client.stream("GET", url) as response:
                return self._read(response, deadline)
        except httpx.TooManyRedirects:
            raise Unreadable(f"too many redirects (more than {self.max_redirects})") from None
        except httpx.TimeoutException:
            raise Unreadable(f"the server did not answer in time ({self.timeout:g} s)") from None
        except httpx.InvalidURL as exc:
            raise Unreadable(f"not a valid address ({exc})") from None
        except httpx.HTTPError as exc:
            raise Unreadable(f"could not connect ({_reason(exc)})") from None

    def _read(self, response: httpx.Response, deadline: float) -> Fetched:
        if response.status_code >= 400:
            phrase = response.reason_phrase or "error"
            raise Unreadable(f"the server answered {response.status_code} {phrase}")
        media_type, charset = _content_type(response.headers.get("content-type", ""))
        kind = _KINDS.get(media_type)
        if kind is None and media_type.endswith(("+xml", "+json")):
            kind = XML if media_type.endswith("+xml") else JSON
        if kind is None:
            shown = media_type or "of no stated type"
            raise Unreadable(f"not an article or a feed (the server sent {shown})")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise Unreadable(f"too large ({_megabytes(int(declared))}; the limit is {_megabytes(self.max_bytes)})")
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > self.max_bytes:
                raise Unreadable(f"too large (over {_megabytes(self.max_bytes)})")
            if time.monotonic() > deadline:
                raise Unreadable("the server sent too slowly")
        return Fetched(str(response.url), kind, bytes(body), charset)


def decode(fetched: Fetched) -> str:
    """The body as text, in the charset the server named (UTF-8 otherwise)."""
    try:
        return fetched.body.decode(fetched.charset or "utf-8-sig")
    except (LookupError, UnicodeDecodeError):
        raise Unreadable(f"not readable as {fetched.charset or 'UTF-8'} text") from None


def _content_type(header: str) -> tuple[str, str | None]:
    media_type, *params = (part.strip() for part in header.split(";"))
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"') or None
    return media_type.lower(), charset


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size // 1024} KB"


def _reason(exc: Exception) -> str:
    cause = exc.__cause__ or exc.__context__
    text = str(exc) or (str(cause) if cause else type(exc).__name__)
    return text.split("] ")[-1].lower()
