"""A social post or video from its address: the server reads the platform's oEmbed or Open Graph
data, so the card is stored with the post and readers load no third-party script.

The fetch is a request our server makes to an address a user typed, so it is fenced: http(s) only,
every address the name resolves to must be public (no loopback, private, link-local or reserved
ones: the cloud metadata service lives there), the connection goes to the address that was
checked (no second lookup an attacker's DNS could answer differently), each redirect is checked
again, and time and size are capped. `LINK_CARD_ALLOW_LOOPBACK` (tests only) lets 127.0.0.1 through.
"""

from __future__ import annotations

import html
import http.client
import ipaddress
import json
import re
import socket
import ssl
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urljoin, urlsplit

import nh3
from django.conf import settings
from django.utils.translation import gettext as _

TIMEOUT = 4.0  # seconds for each connect and read, and about the whole fetch
MAX_BYTES = 512 * 1024
MAX_REDIRECTS = 3
USER_AGENT = "TheLedger-LinkCard/1.0 (+https://github.com/the-ledger; fetches oEmbed and Open Graph)"

# Platforms with a public oEmbed endpoint (no token). Others are read from their page.
OEMBED_ENDPOINTS = {
    "x.com": "https://publish.twitter.com/oembed",
    "twitter.com": "https://publish.twitter.com/oembed",
    "bsky.app": "https://embed.bsky.app/oembed",
    "www.youtube.com": "https://www.youtube.com/oembed",
    "youtube.com": "https://www.youtube.com/oembed",
    "youtu.be": "https://www.youtube.com/oembed",
    "m.youtube.com": "https://www.youtube.com/oembed",
    "www.tiktok.com": "https://www.tiktok.com/oembed",
    "vimeo.com": "https://vimeo.com/api/oembed.json",
}
VIDEO_HOSTS = {"www.youtube.com", "youtube.com", "youtu.be", "m.youtube.com", "vimeo.com", "www.vimeo.com"}


class LinkCardError(Exception):
    """The card could not be read; the message says why, for the journalist filling it by hand."""


@dataclass
class Card:
    url: str
    kind: str = "social"  # or "video"
    author: str = ""
    handle: str = ""
    text: str = ""
    title: str = ""
    site: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def _check_address(host: str, port: int) -> str:
    """The one address to connect to, after checking every address the name has."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise LinkCardError(_("%(host)s could not be found.") % {"host": host}) from None
    allow_loopback = getattr(settings, "LINK_CARD_ALLOW_LOOPBACK", False)
    addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    for address in addresses:
        if allow_loopback and address.is_loopback:
            continue
        if not address.is_global or address.is_multicast:
            raise LinkCardError(
                _("%(host)s is a private or local address; only public sites are read.") % {"host": host}
            )
    return str(addresses[0])


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def fetch(url: str, *, accept: str = "text/html,application/json;q=0.9") -> tuple[str, str, bytes]:
    """GET `url` within the fence: (final URL, content type, at most MAX_BYTES of body)."""
    deadline = time.monotonic() + TIMEOUT * 2
    for _attempt in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise LinkCardError(_("Only http and https addresses can be read."))
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = _check_address(parts.hostname, port)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise LinkCardError(_("The site took too long to answer."))
        connection_class = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
        connection = connection_class(parts.hostname, address, port, timeout=min(TIMEOUT, remaining))
        try:
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            connection.request("GET", target, headers={"User-Agent": USER_AGENT, "Accept": accept})
            response = connection.getresponse()
            if response.status in {301, 302, 303, 307, 308} and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location"))
                continue  # checked again from the top: scheme, name, every address
            if response.status != 200:
                raise LinkCardError(_("The site answered %(status)s.") % {"status": response.status})
            body = response.read(MAX_BYTES + 1)
            if len(body) > MAX_BYTES:
                body = body[:MAX_BYTES]  # the head of a page holds its metadata; the rest is not read
            return url, response.getheader("Content-Type", ""), body
        except TimeoutError:
            raise LinkCardError(_("The site took too long to answer.")) from None
        except (OSError, http.client.HTTPException, ssl.SSLError) as error:
            raise LinkCardError(
                _("The site could not be read (%(error)s).") % {"error": error.__class__.__name__}
            ) from None
        finally:
            connection.close()
    raise LinkCardError(_("Too many redirects."))


def _text(markup: str) -> str:
    return html.unescape(nh3.clean(markup, tags=set())).strip()


META = re.compile(r"<meta\s[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(r"""([a-zA-Z:_-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
LINK = re.compile(r"<link\s[^>]*>", re.IGNORECASE)


def _attributes(tag: str) -> dict[str, str]:
    return {name.lower(): html.unescape(value.strip("\"'")) for name, value in ATTRIBUTE.findall(tag)}


def _page_metadata(page: str) -> tuple[dict[str, str], str | None]:
    """Open Graph / Twitter meta tags, and the page's oEmbed discovery link if it has one."""
    meta = {}
    for tag in META.findall(page):
        attributes = _attributes(tag)
        key = attributes.get("property") or attributes.get("name")
        if key and "content" in attributes and key.lower() not in meta:
            meta[key.lower()] = attributes["content"]
    discovery = None
    for tag in LINK.findall(page):
        attributes = _attributes(tag)
        if attributes.get("type") == "application/json+oembed" and attributes.get("href"):
            discovery = attributes["href"]
            break
    return meta, discovery


def _read_oembed(url: str) -> dict[str, object]:
    _status, _type, body = fetch(url, accept="application/json")
    try:
        data = json.loads(body)
    except ValueError:
        raise LinkCardError(_("The site's oEmbed answer was not JSON.")) from None
    if not isinstance(data, dict):
        raise LinkCardError(_("The site's oEmbed answer was not understood."))
    return data


def _handle(author_url: str) -> str:
    path = urlsplit(author_url).path.strip("/")
    name = path.split("/")[-1] if path else ""
    if not name:
        return ""
    return name if name.startswith("@") else f"@{name}"


def _from_oembed(card: Card, data: dict[str, object]) -> None:
    card.author = str(data.get("author_name") or card.author)[:120]
    card.handle = _handle(str(data.get("author_url") or "")) or card.handle
    card.title = str(data.get("title") or card.title)[:300]
    card.site = str(data.get("provider_name") or card.site)[:120]
    # X and Bluesky send the post's words as the first paragraph of their embed markup.
    first_paragraph = re.search(r"<p[^>]*>(.*?)</p>", str(data.get("html") or ""), re.DOTALL | re.IGNORECASE)
    if first_paragraph:
        card.text = _text(first_paragraph.group(1).replace("<br>", "\n"))[:3000] or card.text


def read_card(url: str) -> Card:
    """The card for a social post or video page."""
    url = url.strip()
    parts = urlsplit(url)
    card = Card(url=url, kind="video" if (parts.hostname or "") in VIDEO_HOSTS else "social")
    endpoint = OEMBED_ENDPOINTS.get(parts.hostname or "")
    if endpoint:
        _from_oembed(card, _read_oembed(f"{endpoint}?{urlencode({'url': url, 'format': 'json'})}"))
    if not card.author or (card.kind == "social" and not card.text):
        final_url, _type, body = fetch(url)
        page = body.decode("utf-8", "replace")
        meta, discovery = _page_metadata(page)
        if discovery and not endpoint:
            _from_oembed(card, _read_oembed(urljoin(final_url, discovery)))
        card.text = card.text or _text(meta.get("og:description") or meta.get("twitter:description") or "")[:3000]
        card.title = card.title or _text(meta.get("og:title") or "")[:300]
        card.author = card.author or _text(meta.get("article:author") or meta.get("og:title") or "")[:120]
        card.handle = card.handle or _text(meta.get("twitter:creator") or "")[:120]
        card.site = card.site or _text(meta.get("og:site_name") or "")[:120]
    if not (card.author or card.text or card.title):
        raise LinkCardError(_("The page says nothing about the post it holds."))
    return card
