"""Compression for what Django answers (the fast path compresses its own copies once), and the
refusal of writes whose text is not UTF-8."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from urllib.parse import parse_qsl

from django.core.handlers.asgi import ASGIRequest
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.middleware.gzip import GZipMiddleware

COMPRESSIBLE = ("text/", "application/json", "application/javascript", "application/atom+xml", "image/svg+xml")


class GZipTextMiddleware(GZipMiddleware):
    """Django's gzip (with its BREACH padding), for pages and text files: pictures are compressed already."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE):
            return response
        # The newsroom API answers scripts with a few hundred bytes of their own data: little to
        # gain, and compressing a caller's secrets beside its input is what BREACH needs.
        if request.path.startswith("/api/newsroom/"):
            return response
        return super().process_response(request, response)


# ---- text that is not UTF-8 ------------------------------------------------------------------------
# Django decodes form fields, file names and query strings with errors="replace", so bytes that are
# not UTF-8 would be saved as U+FFFD without a word. A write whose text is not UTF-8 is refused
# instead, before any view runs; reads (GET, HEAD) are left alone: they change nothing, and a broken
# tracking link must not cost a reader the page.
#
# Django's multipart parser takes its encoding from request.encoding and always passes
# errors="replace"; this codec is UTF-8 that ignores that and raises, so the parser itself says
# which field was not UTF-8 instead of replacing its bytes.
STRICT_UTF8 = "ledger_strict_utf_8"


def _strict_utf8_decode(data: bytes, errors: str = "strict") -> tuple[str, int]:
    return codecs.utf_8_decode(data, "strict", True)


def _find_strict_utf8(name: str) -> codecs.CodecInfo | None:
    if name != STRICT_UTF8:
        return None
    return codecs.CodecInfo(codecs.utf_8_encode, _strict_utf8_decode, name=STRICT_UTF8)


codecs.register(_find_strict_utf8)

NOT_UTF8 = (
    "The request's text is not valid UTF-8 (in its {where}), so nothing was saved. Send every field "
    "and the address's query as UTF-8 (a browser on this site always does)."
)


def _form_is_utf8(raw: bytes) -> bool:
    """As Django reads application/x-www-form-urlencoded text (QueryDict), without its replacing."""
    try:
        parse_qsl(raw.decode("utf-8"), keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        return False
    return True


def _raw_query(request: HttpRequest) -> bytes:
    query = request.META.get("QUERY_STRING", "")
    # ASGI gives the query as text already decoded from UTF-8; WSGI as bytes read as Latin-1 (PEP 3333).
    return query.encode("utf-8") if isinstance(request, ASGIRequest) else query.encode("iso-8859-1")


def _not_utf8_in(request: HttpRequest) -> str:
    """Where a write's text is not UTF-8 ("" if it all is); reads its form the strict way."""
    if not _form_is_utf8(_raw_query(request)):
        return "query string"
    if request.content_type == "application/x-www-form-urlencoded":
        return "" if _form_is_utf8(request.body) else "form fields"
    if request.content_type == "multipart/form-data":
        request.encoding = STRICT_UTF8
        try:
            request.POST  # noqa: B018 (parsing is the check: the codec raises on bytes that are not UTF-8)
        except UnicodeDecodeError:
            return "form fields or file names"
    return ""  # JSON (the API) is read strictly by its own parser


class RefuseTextNotUtf8Middleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method not in {"GET", "HEAD", "OPTIONS"} and (where := _not_utf8_in(request)):
            message = NOT_UTF8.format(where=where)
            if request.path.startswith("/api/"):
                return JsonResponse({"error": message}, status=400)
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
