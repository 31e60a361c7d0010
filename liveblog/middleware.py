"""Compression for what Django answers (the fast path compresses its own copies once)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware

COMPRESSIBLE = ("text/", "application/json", "application/javascript", "application/atom+xml", "image/svg+xml")


class GZipTextMiddleware(GZipMiddleware):
    """Django's gzip (with its BREACH padding), for text only: pictures are compressed already."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE):
            return response
        return super().process_response(request, response)
