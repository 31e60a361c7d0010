from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from coverage_app.ops import backups


class Command(BaseCommand):
    help = "Write the database (pg_dump) and the media folder to one archive (docs/operations.md, Backups)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", "-o", help="the archive to write (default: ledger-backup-<time>.tar here)")

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"] or f"ledger-backup-{timezone.now():%Y%m%d-%H%M%S}.tar")
        try:
            manifest = backups.backup(output)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        files = len(manifest["members"]) - 1
        self.stdout.write(f"Backup written to {output.resolve()} (database and {files} media file(s)).")
