from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from coverage_app.ops import backups


class Command(BaseCommand):
    help = (
        "Bring the database and the media folder to the state of an archive made by `backup`. The whole "
        "archive is checked first; a damaged one changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive")
        parser.add_argument(
            "--replace", action="store_true", help="allowed to replace a site that already has accounts or events"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backups.restore(Path(options["archive"]), replace=options["replace"])
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the backup of {manifest['created_at']} (release {manifest['release']}).")
