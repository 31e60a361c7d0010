from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from liveblog.server import serve
from liveblog.staticfiles import ensure_collected


class Command(BaseCommand):
    help = "Serve the site (HTTP and the reader WebSocket) with the production ASGI server."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--proxy", action="store_true", help="trust X-Forwarded-* from the proxy in front")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:  # pages link to hashed names, which only a collected manifest knows
            ensure_collected()
        serve(
            host=options["host"],
            port=options["port"],
            proxy=options["proxy"],
            on_ready=lambda: self.stdout.write(f"Serving on http://{options['host']}:{options['port']}/", ending="\n"),
        )
