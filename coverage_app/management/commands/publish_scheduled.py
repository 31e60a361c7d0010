from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError, close_old_connections

from coverage_app import services


class Command(BaseCommand):
    help = (
        "Publish the scheduled posts whose time has come, and tell open pages when an event's announced start "
        "has come (once, or every few seconds with --loop)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep running, checking every --every seconds")
        parser.add_argument("--every", type=float, default=5.0)

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            try:
                for post in services.publish_due():
                    self.stdout.write(f"Published scheduled post {post.pk} to {post.event.slug} (seq {post.seq}).")
                for event in services.coverage_starts_due():
                    self.stdout.write(
                        f"Coverage of {event.slug} has begun: readers get the Live badge (seq {event.seq})."
                    )
            except DatabaseError as error:
                if not options["loop"]:
                    raise
                self.stderr.write(f"Could not check scheduled posts ({error}); trying again.")
            if not options["loop"]:
                return
            close_old_connections()
            time.sleep(options["every"])  # a poll of an indexed column; a missed tick costs seconds
