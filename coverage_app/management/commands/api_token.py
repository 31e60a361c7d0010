from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from coverage_app.api import issue_token
from coverage_app.models import ApiToken


class Command(BaseCommand):
    help = "Create, list or revoke API tokens for scripts, wire feeds and bots (docs/api.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="make a token that acts as USERNAME (shown once)")
        create.add_argument("username")
        create.add_argument("--name", required=True, help='what uses it, e.g. "Wire feed"')
        actions.add_parser("list", help="the tokens there are (never the tokens themselves)")
        revoke = actions.add_parser("revoke", help="stop a token working")
        revoke.add_argument("id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "create":
            user = get_user_model().objects.filter(username=options["username"]).first()
            if user is None:
                raise CommandError(f"No user called {options['username']!r}.")
            self.stdout.write(issue_token(user=user, name=options["name"]))
        elif options["action"] == "list":
            for token in ApiToken.objects.select_related("user").order_by("pk"):
                used = token.last_used_at.isoformat() if token.last_used_at else "never used"
                self.stdout.write(f"{token.pk}\t{token.user.username}\t{token.name}\t{used}")
        else:
            deleted, _ = ApiToken.objects.filter(pk=options["id"]).delete()
            if not deleted:
                raise CommandError(f"No token {options['id']}.")
            self.stdout.write(f"Token {options['id']} revoked.")
