"""`uv run manage.py demo`: the whole product on one machine, with demo coverage, in one command."""

from __future__ import annotations

import os
import secrets
import signal
import threading
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction

from coverage_app import demo_content
from coverage_app.models import Profile
from coverage_app.roles import CONTRIBUTORS, EDITORS, JOURNALISTS, sync_roles
from liveblog import embedded
from liveblog.server import serve
from liveblog.staticfiles import ensure_collected

ACCOUNTS = (
    ("journalist", "Mara", "Okafor", JOURNALISTS, "Wales and west correspondent"),
    ("editor", "Sam", "Idris", EDITORS, "live editor"),
    ("contributor", "Lou", "Reyes", CONTRIBUTORS, "freelance photographer"),
)


def _stop_on_sigterm(signum: int, frame: Any) -> None:
    # Turn SIGTERM into a normal exit so the `finally` that stops Postgres runs.
    raise SystemExit(0)


class Command(BaseCommand):
    help = "Run the site with demo coverage: database, migrations, demo accounts and the ASGI server."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args: Any, **options: Any) -> None:
        signal.signal(signal.SIGTERM, _stop_on_sigterm)
        embedded_dir: Path | None = (
            getattr(settings, "EMBEDDED_POSTGRES_DIR", None) if not settings.DATABASE_URL else None
        )
        keeper = None
        try:
            self._prepare()
            if embedded_dir is not None:
                # Held while the site runs, so a command run beside it (publish_post, coverage)
                # sees the server in use and does not stop it on exit.
                keeper = embedded.hold_connection(embedded_dir)
            self._start_scheduler()
            self._serve(options["host"], options["port"])
        except KeyboardInterrupt:
            pass
        finally:
            if keeper is not None:
                keeper.close()
            connection.close()
            if embedded_dir is not None:
                self._stop_database(embedded_dir)

    def _prepare(self) -> None:
        self.stdout.write("Preparing the database…")
        call_command("migrate", verbosity=0, interactive=False)
        if not settings.DEBUG:  # the demo is the product as readers get it: hashed static files
            ensure_collected()
        password = self._password()
        with transaction.atomic():
            sync_roles(apps)
            users = {account[0]: self._account(*account, password=password) for account in ACCOUNTS}
            created = demo_content.load(editor=users["editor"], journalist=users["journalist"])
        self.stdout.write("Loaded the demo coverage." if created else "Demo coverage already loaded; reusing it.")
        self._password_shown = password

    def _password(self) -> str:
        if password := os.environ.get("DEMO_PASSWORD"):
            return password
        # Kept beside the database, so a restart does not change what the user wrote down.
        path = Path(settings.DATA_DIR) / "demo_password"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(9))
            path.chmod(0o600)
        return path.read_text().strip()

    def _account(self, username: str, first: str, last: str, group: str, role: str, *, password: str) -> Any:
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        user.set_password(password)
        user.is_staff = group == EDITORS  # the admin is for editors
        user.save()
        user.groups.set([Group.objects.get(name=group)])
        Profile.objects.get_or_create(user=user, defaults={"byline_role": role})
        return user

    def _serve(self, host: str, port: int) -> None:
        base = f"http://{host}:{port}"
        banner = (
            self.style.SUCCESS(f"\nLive coverage: {base}/live/{demo_content.SLUG}/\n")
            + f"In Arabic:     {base}/live/{demo_content.ARABIC_SLUG}/   (right to left)\n"
            + f"All events:    {base}/\n"
            f"Newsroom:      {base}/newsroom/   (admin: {base}/admin/)\n"
            f"Accounts:      journalist, editor and contributor, password {self._password_shown}\n"
            "Press Ctrl+C to stop (the database stops too).\n"
        )

        def ready() -> None:
            self.stdout.write(banner)
            self.stdout.flush()

        serve(host=host, port=port, on_ready=ready)

    def _start_scheduler(self) -> None:
        """Scheduled posts go out from a thread beside the server (production runs
        `manage.py publish_scheduled --loop` as its own process)."""

        def run() -> None:
            call_command("publish_scheduled", loop=True, stdout=self.stdout)

        threading.Thread(target=run, name="publish-scheduled", daemon=True).start()

    def _stop_database(self, embedded_dir: Path) -> None:
        others = embedded.other_clients(embedded_dir)
        if others:
            self.stdout.write(f"Leaving the embedded PostgreSQL running: {others} other connection(s) still use it.")
            return
        embedded.stop(embedded_dir)
        self.stdout.write("Stopped the embedded PostgreSQL.")
