"""API tokens end, read or write, and may be tied to one event; refusals are clear JSON and write nothing."""

from __future__ import annotations

import importlib
import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from coverage_app import services
from coverage_app.models import ApiToken, Post, Profile
from coverage_app.roles import CONTRIBUTORS
from coverage_app.tokens import issue_token
from tests.factories import make_event, make_user

pytestmark = pytest.mark.django_db


def call(client, method: str, path: str, token: str, body: dict | None = None):
    data = json.dumps(body) if body is not None else None
    return getattr(client, method)(
        path, data=data, content_type="application/json", headers={"Authorization": f"Bearer {token}"}
    )


def publish(client, event, token: str):
    return call(
        client, "post", f"/api/newsroom/events/{event.slug}/posts", token, {"title": "Wire", "body": "<p>x</p>"}
    )


def test_an_expired_token_gets_a_clear_401_and_writes_nothing(client, journalist, live_event):
    token = issue_token(user=journalist, name="Old feed")
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = publish(client, live_event, token)
    assert response.status_code == 401
    assert "expired" in response.json()["error"]
    assert not Post.objects.exists()
    assert ApiToken.objects.get().last_used_at is None


def test_a_read_only_token_reads_but_may_not_write(client, journalist, live_event):
    token = issue_token(user=journalist, name="Dashboard", scope="read")
    post = services.post_publish(event=live_event, author=journalist, title="Up", body="x")
    assert call(client, "get", f"/api/newsroom/posts/{post.pk}", token).status_code == 200
    refused = publish(client, live_event, token)
    assert refused.status_code == 403
    assert "read-only" in refused.json()["error"]
    deleted = call(client, "delete", f"/api/newsroom/posts/{post.pk}", token)
    assert deleted.status_code == 403
    assert Post.objects.filter(deleted_at__isnull=True).count() == 1


def test_a_token_for_one_event_cannot_touch_another(client, journalist, live_event):
    other = make_event()
    token = issue_token(user=journalist, name="Storm feed", event=live_event)
    assert publish(client, live_event, token).status_code == 201
    refused = publish(client, other, token)
    assert refused.status_code == 403
    assert live_event.slug in refused.json()["error"]
    elsewhere = services.post_publish(event=other, author=journalist, title="Elsewhere", body="x")
    assert call(client, "get", f"/api/newsroom/posts/{elsewhere.pk}", token).status_code == 403
    assert Post.objects.filter(event=other).count() == 1


def test_a_tokens_use_is_recorded_and_shown_to_editors(client, journalist, editor, live_event):
    token = issue_token(user=journalist, name="Wire feed")
    publish(client, live_event, token)
    assert ApiToken.objects.get().last_used_at is not None
    client.force_login(editor)
    page = client.get("/newsroom/people/").content.decode()
    assert "Wire feed (read and write)" in page
    assert "last used never" not in page


def test_new_tokens_always_end(journalist):
    issue_token(user=journalist, name="Feed")
    assert ApiToken.objects.get().expires_at < timezone.now() + timedelta(days=91)
    with pytest.raises(ValueError, match="at most a year"):
        issue_token(user=journalist, name="Forever", lifetime=timedelta(days=5000))


def test_the_command_makes_a_scoped_event_token_and_refuses_nonsense(journalist, live_event):
    out = io.StringIO()
    call_command(
        "api_token",
        "create",
        "journalist",
        "--name",
        "Feed",
        "--scope",
        "read",
        "--days",
        "7",
        "--event",
        live_event.slug,
        stdout=out,
    )
    stored = ApiToken.objects.get()
    assert (stored.scope, stored.event) == ("read", live_event)
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="between 1 and 366"):
        call_command("api_token", "create", "journalist", "--name", "Feed", "--days", "0", stdout=io.StringIO())
    with pytest.raises(CommandError, match="No event"):
        call_command("api_token", "create", "journalist", "--name", "Feed", "--event", "nope", stdout=io.StringIO())
    assert ApiToken.objects.count() == 1


# What an operator auditing tokens reads: a refused request made with a valid token is still a use of
# it (a stolen token probing shows), and the last refusal is kept beside it, with its reason.
def test_a_refused_write_with_a_read_only_token_counts_as_use_and_is_kept_as_a_refusal(client, journalist, live_event):
    token = issue_token(user=journalist, name="Dashboard", scope="read")
    assert publish(client, live_event, token).status_code == 403
    row = ApiToken.objects.get()
    assert row.last_used_at is not None
    assert row.last_refused_at is not None
    assert "read-only" in row.last_refusal


def test_a_token_used_on_another_event_keeps_that_refusal(client, journalist, live_event):
    token = issue_token(user=journalist, name="Storm feed", event=live_event)
    assert publish(client, make_event(), token).status_code == 403
    assert live_event.slug in ApiToken.objects.get().last_refusal


def test_a_move_the_role_table_refuses_is_kept_as_a_refusal(client, roles, live_event):
    token = issue_token(user=make_user("stringer", CONTRIBUTORS), name="Stringer's script")
    assert publish(client, live_event, token).status_code == 403  # contributors submit; editors publish
    assert ApiToken.objects.get().last_refused_at is not None
    assert not Post.objects.exists()


def test_an_expired_token_tried_again_is_kept_as_a_refusal_not_a_use(client, journalist, live_event):
    token = issue_token(user=journalist, name="Old feed")
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert publish(client, live_event, token).status_code == 401
    row = ApiToken.objects.get()
    assert (row.last_used_at, "expired" in row.last_refusal) == (None, True)


def test_an_allowed_request_and_a_bad_body_are_uses_not_refusals(client, journalist, live_event):
    token = issue_token(user=journalist, name="Wire feed")
    assert publish(client, live_event, token).status_code == 201
    assert (
        call(client, "post", f"/api/newsroom/events/{live_event.slug}/posts", token, {"titel": "x"}).status_code == 400
    )
    row = ApiToken.objects.get()
    assert row.last_used_at is not None
    assert (row.last_refused_at, row.last_refusal) == (None, "")


def test_editors_see_a_tokens_last_refusal_on_the_people_page(client, journalist, editor, live_event):
    token = issue_token(user=journalist, name="Dashboard", scope="read")
    publish(client, live_event, token)
    client.force_login(editor)
    page = client.get("/newsroom/people/").content.decode()
    assert "last refused" in page
    assert "read-only" in page


# The refusal is kept as a code and values beside its English: the API answered in English, and
# each reader of the People page or the admin reads the reason in their own language.
def test_a_tokens_last_refusal_is_said_in_the_readers_language(client, journalist, editor, live_event):
    token = issue_token(user=journalist, name="Storm feed", event=live_event)
    answer = publish(client, make_event(), token)
    assert answer.json()["error"] == f"This API token works only for the event '{live_event.slug}'."
    assert ApiToken.objects.get().last_refusal == answer.json()["error"]
    Profile.objects.create(user=editor, language="de")
    client.force_login(editor)
    page = client.get("/newsroom/people/").content.decode()
    assert f"Dieses API-Token gilt nur für das Ereignis „{live_event.slug}“." in page
    editor.is_staff = editor.is_superuser = True
    editor.save()
    admin_page = client.get(f"/admin/coverage_app/apitoken/{ApiToken.objects.get().pk}/change/").content.decode()
    assert "Letzte Ablehnung" in admin_page
    assert f"Dieses API-Token gilt nur für das Ereignis „{live_event.slug}“." in admin_page


def test_a_role_tables_refusal_is_said_in_the_readers_language_too(client, roles, editor, live_event):
    token = issue_token(user=make_user("stringer", CONTRIBUTORS), name="Stringer's script")
    english = publish(client, live_event, token).json()["error"]
    assert ApiToken.objects.get().last_refusal == english
    Profile.objects.create(user=editor, language="de")
    client.force_login(editor)
    with translation.override("de"):
        german = translation.gettext(english)
    assert german != english
    assert german in client.get("/newsroom/people/").content.decode()


def test_a_refusal_stored_before_codes_is_translated_when_known_and_else_shown_as_written(journalist):
    token = ApiToken.objects.create(user=journalist, name="Old", key_hash="x" * 64)
    token.last_refusal = "This API token is read-only; writing needs a token with the write scope."
    with translation.override("de"):
        assert token.shown_refusal.startswith("Dieses API-Token darf nur lesen")
        token.last_refusal = "That API token expired on 2026-01-01 00:00 UTC; ask an editor for a new one."
        assert token.shown_refusal == token.last_refusal  # its date was in its words: as written
        token.last_refusal_code, token.last_refusal_params = "a_code_from_a_later_release", {"x": 1}
        assert token.shown_refusal == token.last_refusal


def test_the_command_lists_a_tokens_last_refusal(client, journalist, live_event):
    token = issue_token(user=journalist, name="Dashboard", scope="read")
    publish(client, live_event, token)
    out = io.StringIO()
    call_command("api_token", "list", stdout=out)
    assert out.getvalue().rstrip("\n").split("\t")[-1] == (
        "This API token is read-only; writing needs a token with the write scope."
    )


def test_older_refusals_and_desk_details_in_a_known_pattern_are_given_their_codes_by_the_migration(
    journalist, editor, live_event
):
    from django.apps import apps

    from coverage_app.models import AuditEntry

    token = ApiToken.objects.create(user=journalist, name="Old", key_hash="y" * 64)
    ApiToken.objects.filter(pk=token.pk).update(
        last_refusal="That API token expired on 2026-01-01 00:00 UTC; ask an editor for a new one."
    )
    for action, detail in (("edited", "title, body_html"), ("changed language or zone", "language en → ar, time zone Europe/London → Asia/Beirut"), ("published", "title, body_html")):  # fmt: skip
        AuditEntry.objects.create(event=live_event, actor="editor", action=action, detail=detail)
    importlib.import_module("coverage_app.migrations.0017_older_rows_as_codes").forwards(apps, None)
    with translation.override("de"):
        assert ApiToken.objects.get().shown_refusal.startswith(
            "Dieses API-Token ist am 2026-01-01 00:00 UTC abgelaufen"
        )
        shown = {entry.action: entry.shown_detail for entry in AuditEntry.objects.exclude(action="created the event")}
    assert shown == {
        "edited": "Titel, Text",
        "changed language or zone": "Sprache Englisch → Arabisch, Zeitzone Europe/London → Asia/Beirut",
        "published": "title, body_html",  # a published post's detail is its title: as written
    }
