"""Compression for what Django answers (the fast path compresses its own copies once)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
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
