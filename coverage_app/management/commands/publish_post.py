from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from coverage_app import services
from coverage_app.models import Event


class Command(BaseCommand):
    help = "Publish a post to an event's live coverage (for scripts and wire feeds)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("event", help="the event's slug")
        parser.add_argument("--title", default="")
        parser.add_argument("--body", required=True, help="rich text; cleaned like any other post")
        parser.add_argument("--author", required=True, help="the username the post is by")
        parser.add_argument("--role", default="", help='the byline role, e.g. "US correspondent"')
        parser.add_argument("--key-event", action="store_true", help="mark the post as a key event")

    def handle(self, *args: Any, **options: Any) -> None:
        event = Event.objects.filter(slug=options["event"]).first()
        if event is None:
            raise CommandError(f"No event with the slug {options['event']!r}.")
        author = get_user_model().objects.filter(username=options["author"]).first()
        if author is None:
            raise CommandError(f"No user called {options['author']!r}.")
        try:
            post = services.post_publish(
                event=event,
                author=author,
                title=options["title"],
                body=options["body"],
                byline_role=options["role"],
                is_key_event=options["key_event"],
            )
        except (services.CoverageError, PermissionDenied) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Published post {post.pk} to {event.slug} (seq {post.seq}).")
