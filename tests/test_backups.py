"""manage.py backup and restore: a round trip gives back every table and every media file exactly;
a damaged archive is refused with the reason and changes nothing."""

from __future__ import annotations

import hashlib
import io
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from coverage_app import services
from coverage_app.models import Event, Media
from coverage_app.tokens import issue_token

pytestmark = pytest.mark.django_db(transaction=True)


def every_table() -> dict[str, list]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [name for (name,) in cursor.fetchall()]
        state = {}
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')
            state[table] = sorted(map(repr, cursor.fetchall()))
        cursor.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")
        state["(sequences)"] = sorted(cursor.fetchall())
    return state


def every_media_file(root) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def site(settings, tmp_path, live_event, journalist, editor):
    settings.MEDIA_ROOT = tmp_path / "media"
    post = services.post_publish(event=live_event, author=journalist, title="Before the backup", body="<p>x</p>")
    name = default_storage.save("posts/2026/storm.jpg", ContentFile(b"\xff\xd8 picture bytes \xff\xd9"))
    Media.objects.create(post=post, kind=Media.Kind.IMAGE, file=name, alt_text="A flooded street")
    default_storage.save("posts/2026/nested/clip.mp4", ContentFile(b"video"))
    issue_token(user=journalist, name="Wire feed")
    return settings.MEDIA_ROOT


def wipe_to_a_fresh_install(media_root) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    call_command("migrate", verbosity=0)
    for path in sorted(media_root.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()


def test_backup_wipe_restore_gives_back_every_table_and_every_media_file(site, tmp_path):
    archive = tmp_path / "site.tar"
    tables, files = every_table(), every_media_file(site)
    assert len(files) == 2
    call_command("backup", "--output", str(archive), stdout=io.StringIO())
    wipe_to_a_fresh_install(site)
    assert every_table() != tables
    assert every_media_file(site) == {}
    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)
    assert "Restored" in out.getvalue()
    assert every_table() == tables
    assert every_media_file(site) == files


def damaged_copies(archive, tmp_path):
    data = archive.read_bytes()
    truncated = tmp_path / "truncated.tar"
    truncated.write_bytes(data[: len(data) // 2])
    flipped = tmp_path / "flipped.tar"
    with tarfile.open(archive) as source:
        offset = source.getmember("database.dump").offset_data + 40
    flipped.write_bytes(data[:offset] + bytes([data[offset] ^ 0xFF]) + data[offset + 1 :])
    garbage = tmp_path / "garbage.tar"
    garbage.write_bytes(b"not an archive at all")
    return {"truncated": truncated, "damaged": flipped, "cannot be read": garbage}


def test_a_damaged_archive_is_refused_with_the_reason_and_changes_nothing(site, tmp_path, editor):
    archive = tmp_path / "site.tar"
    call_command("backup", "--output", str(archive), stdout=io.StringIO())
    services.post_publish(event=Event.objects.get(), author=editor, title="After the backup", body="y")
    tables, files = every_table(), every_media_file(site)
    for reason, copy in damaged_copies(archive, tmp_path).items():
        with pytest.raises(CommandError) as refused:
            call_command("restore", str(copy), "--replace", stdout=io.StringIO())
        assert reason in str(refused.value)
        assert every_table() == tables
        assert every_media_file(site) == files


def test_restore_will_not_replace_a_site_in_use_unless_told(site, tmp_path):
    archive = tmp_path / "site.tar"
    call_command("backup", "--output", str(archive), stdout=io.StringIO())
    tables = every_table()
    with pytest.raises(CommandError, match="--replace"):
        call_command("restore", str(archive), stdout=io.StringIO())
    assert every_table() == tables
