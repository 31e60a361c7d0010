"""Ahead of Django's request machinery: the pages a crowd arrives at, answered from memory.

A story breaks and thousands of readers open the same first page in a minute, while those without
a socket poll the changes API every few seconds. Django's request path (a thread hop, the
middleware, a query) costs milliseconds per request; this layer answers those requests in
microseconds, inside the same process, from a copy Django rendered:

- `GET`/`HEAD /live/<slug>/` (no query, no htmx) and `/api/live/<slug>/changes?since=N`, for a
  request **without a session cookie**. A signed-in reader always goes through Django and gets
  a private page; the copy here is built from a request with no cookie at all.
- The copy is named by the event's seq. Invalidation: the seq of each event is re-read (one
  indexed query) at most every `LIVE_PAGE_RECHECK_SECONDS` (1 s), whatever the traffic; a new seq
  makes the next request render a new copy, once (concurrent requests wait for that one render,
  as they wait for the one re-read). So a new change reaches a newly arriving reader's first page
  within about a second (0: every request re-reads, for tests), and the page's
  script catches up from the seq it carries: nothing is lost.
- `If-None-Match` gets a 304; `Accept-Encoding: gzip` gets a copy compressed once.
- With DEBUG off, `/static/` from STATIC_ROOT: content-hashed names for a year (`immutable`).

Everything else (and whatever Django declines to mark public) goes to Django unchanged, except that
a HEAD reaches Django as the GET it stands for, so every GET route answers HEAD.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import hashlib
import json
import logging
import mimetypes
import re
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from coverage_app import selectors
from coverage_app.protocol import since_param

logger = logging.getLogger(__name__)

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
Headers = list[tuple[bytes, bytes]]

PAGE = re.compile(r"/live/([-a-zA-Z0-9_]+)/")
CHANGES = re.compile(r"/api/live/([-a-zA-Z0-9_]+)/changes")
# Recomputed for every answer, never copied from Django's.
OWN_HEADERS = {b"content-length", b"content-encoding", b"etag", b"vary", b"date", b"server"}
# The fill request carries nothing of the reader who happened to trigger it.
FILL_DROPS = {b"cookie", b"accept-encoding", b"if-none-match", b"if-modified-since", b"authorization"}
MAX_ENTRIES = 512
MAX_HEADS = 4096
GZIP_MIN_BYTES = 200
YEAR = 60 * 60 * 24 * 365


@dataclass(slots=True)
class Entry:
    seq: int
    headers: Headers
    body: bytes
    gzipped: bytes | None
    etag: bytes


@dataclass(slots=True)
class Head:
    seq: int | None  # None: no such event; Django answers (404)
    checked: float


def header(scope: Scope, name: bytes) -> bytes:
    for key, value in scope["headers"]:
        if key == name:
            return value
    return b""


def accepts_gzip(scope: Scope) -> bool:
    return b"gzip" in header(scope, b"accept-encoding").lower()


def etag_matches(scope: Scope, etag: bytes) -> bool:
    # If-None-Match compares weakly (RFC 9110 13.1.2).
    tags = [tag.strip().removeprefix(b"W/") for tag in header(scope, b"if-none-match").split(b",")]
    return etag in tags or b"*" in tags


def has_session(scope: Scope) -> bool:
    cookies = header(scope, b"cookie")
    return bool(cookies) and settings.SESSION_COOKIE_NAME.encode() + b"=" in cookies


def compress(body: bytes) -> bytes | None:
    # mtime=0: the same page compresses to the same bytes in every process (and the same ETag).
    return gzip.compress(body, compresslevel=6, mtime=0) if len(body) >= GZIP_MIN_BYTES else None


async def respond(scope: Scope, send: Send, status: int, headers: Headers, body: bytes = b"") -> None:
    headers = [*headers, (b"content-length", str(len(body)).encode())] if status != 304 else headers
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})


async def answer(scope: Scope, send: Send, entry: Entry) -> None:
    use_gzip = entry.gzipped is not None and accepts_gzip(scope)
    etag = b"W/" + entry.etag if use_gzip else entry.etag
    headers = [*entry.headers, (b"etag", etag)]
    if entry.gzipped is not None:
        headers.append((b"vary", b"Accept-Encoding"))
    if etag_matches(scope, entry.etag):
        await respond(scope, send, 304, [(k, v) for k, v in headers if k in {b"etag", b"cache-control", b"vary"}])
    elif use_gzip:
        await respond(scope, send, 200, [*headers, (b"content-encoding", b"gzip")], entry.gzipped)
    else:
        await respond(scope, send, 200, headers, entry.body)


class FastPath:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.entries: OrderedDict[tuple, Entry] = OrderedDict()
        self.heads: OrderedDict[str, Head] = OrderedDict()
        self._checks: dict[str, asyncio.Task[int | None]] = {}
        self._fills: dict[tuple, asyncio.Future[Entry | None]] = {}
        self.static = StaticFiles() if not settings.DEBUG else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in {"GET", "HEAD"}:
            return await self.app(scope, receive, send)
        path = scope["path"]
        if self.static is not None and path.startswith(self.static.prefix):
            return await self.static(scope, send)
        key = self.key(scope) if not has_session(scope) else None
        seq = await self.head(key[1]) if key is not None else None
        if seq is None:
            return await self.django(scope, receive, send)
        if key[0] == "changes":
            key = (*key[:2], min(key[2], seq))  # every since past the head has the same answer
        entry = self.entries.get(key)
        if entry is None or entry.seq != seq:
            entry = await self.fill(key, seq, scope)
            if entry is None:
                return await self.django(scope, receive, send)
        await answer(scope, send, entry)

    async def django(self, scope: Scope, receive: Receive, send: Send) -> None:
        # HEAD is GET without the body on every route (RFC 9110 9.3.2): Django runs the GET view
        # and the server, which still sees HEAD in its own scope, sends no body.
        if scope["method"] == "HEAD":
            scope = scope | {"method": "GET"}
        await self.app(scope, receive, send)

    def key(self, scope: Scope) -> tuple | None:
        path, query = scope["path"], scope["query_string"]
        if (match := PAGE.fullmatch(path)) and not query and not header(scope, b"hx-request"):
            # The page names its own absolute URL (canonical, og:url): one copy per scheme and host.
            return ("page", match[1], scope.get("scheme", "http"), header(scope, b"host"))
        if match := CHANGES.fullmatch(path):
            return ("changes", match[1], since_param(query))
        return None

    # The event's seq, re-read at most every LIVE_PAGE_RECHECK_SECONDS ------------------------

    async def head(self, slug: str) -> int | None:
        known = self.heads.get(slug)
        if known is not None and time.monotonic() - known.checked < settings.LIVE_PAGE_RECHECK_SECONDS:
            return known.seq
        task = self._checks.get(slug)
        if task is None:
            task = asyncio.get_running_loop().create_task(self._check(slug))
            self._checks[slug] = task
            task.add_done_callback(lambda _: self._checks.pop(slug, None))
        # Everyone waits for the one re-read (about a millisecond, once a second): no answer is
        # ever named by a seq older than LIVE_PAGE_RECHECK_SECONDS.
        return await asyncio.shield(task)

    async def _check(self, slug: str) -> int | None:
        try:
            seq = await selectors.aevent_head(slug=slug)
        except Exception:  # the database is down: Django answers, and says so
            logger.warning("Could not read the head of %s", slug, exc_info=True)
            self.heads.pop(slug, None)
            return None
        self.heads[slug] = Head(seq=seq, checked=time.monotonic())
        self.heads.move_to_end(slug)
        while len(self.heads) > MAX_HEADS:
            self.heads.popitem(last=False)
        return seq

    # One render per new seq, whatever the number of readers asking ----------------------------

    async def fill(self, key: tuple, seq: int, scope: Scope) -> Entry | None:
        pending = self._fills.get(key)
        if pending is not None:
            return await asyncio.shield(pending)
        future: asyncio.Future[Entry | None] = asyncio.get_running_loop().create_future()
        self._fills[key] = future
        try:
            entry = await self._render(seq, scope)
            if entry is not None:
                self.entries[key] = entry
                self.entries.move_to_end(key)
                while len(self.entries) > MAX_ENTRIES:
                    self.entries.popitem(last=False)
            future.set_result(entry)
            return entry
        except BaseException:
            future.set_result(None)
            raise
        finally:
            self._fills.pop(key, None)

    async def _render(self, seq: int, scope: Scope) -> Entry | None:
        """Django renders the public copy from a request that has nothing of any reader in it.

        `seq` was read before the render: the copy is at least that new, so naming it by `seq` can
        make one extra render after a change but never serves an old page as the current one.
        """
        headers = [(k, v) for k, v in scope["headers"] if k not in FILL_DROPS]
        fill_scope = scope | {"method": "GET", "headers": headers}
        sent: list[Message] = []
        done = asyncio.Event()

        async def receive() -> Message:
            if not done.is_set():
                done.set()
                return {"type": "http.request", "body": b"", "more_body": False}
            await asyncio.Future()  # the fill's client never leaves: waiters depend on it
            raise AssertionError("unreachable")

        async def capture(message: Message) -> None:
            sent.append(message)

        await self.app(fill_scope, receive, capture)
        start = sent[0]
        response_headers = start["headers"]
        names = {k.lower() for k, _ in response_headers}
        cache_control = next((v for k, v in response_headers if k.lower() == b"cache-control"), b"")
        vary = next((v for k, v in response_headers if k.lower() == b"vary"), b"")
        etag = next((v for k, v in response_headers if k.lower() == b"etag"), b"")
        if (
            start["status"] != 200
            or b"set-cookie" in names
            or b"public" not in cache_control
            or b"cookie" in vary.lower()
            or not etag
        ):
            return None
        body = b"".join(message.get("body", b"") for message in sent[1:])
        kept = [(k, v) for k, v in response_headers if k.lower() not in OWN_HEADERS]
        return Entry(seq=seq, headers=kept, body=body, gzipped=compress(body), etag=etag)


class StaticFiles:
    """STATIC_ROOT from memory: hashed names for a year, the rest revalidated (DEBUG off only)."""

    def __init__(self) -> None:
        self.prefix = "/" + settings.STATIC_URL.lstrip("/")
        self.root = Path(settings.STATIC_ROOT).resolve()
        self.files: dict[str, Entry | None] = {}
        self._hashed: set[str] | None = None

    def hashed(self) -> set[str]:
        if self._hashed is None:
            with contextlib.suppress(OSError, ValueError):
                manifest = json.loads((self.root / "staticfiles.json").read_text())
                self._hashed = set(manifest.get("paths", {}).values())
        return self._hashed or set()

    def load(self, name: str) -> Entry | None:
        try:
            path = (self.root / name).resolve()
            if not path.is_relative_to(self.root) or not path.is_file():
                return None
        except (OSError, ValueError):  # a NUL byte, a name too long: no such file
            return None
        body = path.read_bytes()
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type in {"application/javascript", "image/svg+xml"}:
            content_type += "; charset=utf-8" if "charset" not in content_type else ""
            gzipped = compress(body)
        else:
            gzipped = None
        cache = f"public, max-age={YEAR}, immutable" if name in self.hashed() else "public, max-age=0, must-revalidate"
        etag = b'"' + hashlib.blake2b(body, digest_size=8).hexdigest().encode() + b'"'
        headers = [
            (b"content-type", content_type.encode()),
            (b"cache-control", cache.encode()),
            (b"x-content-type-options", b"nosniff"),
        ]
        return Entry(seq=0, headers=headers, body=body, gzipped=gzipped, etag=etag)

    async def __call__(self, scope: Scope, send: Send) -> None:
        name = scope["path"][len(self.prefix) :]
        if name not in self.files:
            if len(self.files) > MAX_ENTRIES:  # unknown names do not grow memory without bound
                self.files = {k: v for k, v in self.files.items() if v is not None}
            self.files[name] = self.load(name)
        entry = self.files[name]
        if entry is None:
            await respond(scope, send, 404, [(b"content-type", b"text/plain; charset=utf-8")], b"Not found.")
        else:
            await answer(scope, send, entry)
