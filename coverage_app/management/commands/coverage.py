from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from coverage_app import services
from coverage_app.models import Event

ACTIONS = {"pause": services.coverage_pause, "resume": services.coverage_resume, "end": services.coverage_end}
# What the coverage history records when no --by user is given.
COMMAND_LINE_ACTOR = "command line"


class Command(BaseCommand):
    help = "Pause, resume or end an event's live coverage; readers see the change at once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("event", help="the event's slug")
        parser.add_argument("action", choices=sorted(ACTIONS))
        parser.add_argument("--message", default="", help="shown to readers at the top of the page")
        parser.add_argument("--by", default="", help="the username recorded in the history")

    def handle(self, *args: Any, **options: Any) -> None:
        event = Event.objects.filter(slug=options["event"]).first()
        if event is None:
            raise CommandError(f"No event with the slug {options['event']!r}.")
        by = None
        if options["by"]:
            by = get_user_model().objects.filter(username=options["by"]).first()
            if by is None:
                raise CommandError(f"No user called {options['by']!r}.")
        change = ACTIONS[options["action"]]
        try:
            event = change(event=event, by=by, message=options["message"], actor="" if by else COMMAND_LINE_ACTOR)
        except (services.CoverageError, PermissionDenied) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Coverage of {event.slug} is {event.get_status_display().lower()} (seq {event.seq}).")
