from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from coverage_app.models import ApiToken, Event
from coverage_app.tokens import issue_token


class Command(BaseCommand):
    help = "Create, list or revoke API tokens for scripts, wire feeds and bots (docs/api.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="make a token that acts as USERNAME (shown once)")
        create.add_argument("username")
        create.add_argument("--name", required=True, help='what uses it, e.g. "Wire feed"')
        create.add_argument("--scope", choices=ApiToken.Scope.values, default=ApiToken.Scope.WRITE)
        create.add_argument("--days", type=int, default=90, help="how long it works (1-366, default 90)")
        create.add_argument("--event", help="the slug of the only event it may act on")
        actions.add_parser("list", help="the tokens there are (never the tokens themselves)")
        revoke = actions.add_parser("revoke", help="stop a token working")
        revoke.add_argument("id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "create":
            user = get_user_model().objects.filter(username=options["username"]).first()
            if user is None:
                raise CommandError(f"No user called {options['username']!r}.")
            event = None
            if options["event"]:
                event = Event.objects.filter(slug=options["event"]).first()
                if event is None:
                    raise CommandError(f"No event {options['event']!r}.")
            if not 1 <= options["days"] <= 366:
                raise CommandError("--days must be between 1 and 366.")
            token = issue_token(
                user=user,
                name=options["name"],
                scope=options["scope"],
                lifetime=timedelta(days=options["days"]),
                event=event,
            )
            self.stdout.write(token)
        elif options["action"] == "list":
            for token in ApiToken.objects.select_related("user", "event").order_by("pk"):
                used = token.last_used_at.isoformat() if token.last_used_at else "never used"
                ends = token.expires_at.isoformat() if token.expires_at else "no expiry"
                event = token.event.slug if token.event else "any event"
                refused = f"refused {token.last_refused_at.isoformat()}" if token.last_refused_at else "never refused"
                # The last refusal's reason comes last: earlier columns keep their places for scripts.
                self.stdout.write(
                    f"{token.pk}\t{token.user.username}\t{token.name}\t{used}\t{refused}\t{token.scope}\t{event}\t{ends}"
                    f"\t{token.shown_refusal}"
                )
        else:
            deleted, _ = ApiToken.objects.filter(pk=options["id"]).delete()
            if not deleted:
                raise CommandError(f"No token {options['id']}.")
            self.stdout.write(f"Token {options['id']} revoked.")
