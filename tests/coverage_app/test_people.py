"""Invitations, password reset and editors managing the desk's people; every change audited."""

from __future__ import annotations

import importlib
import re
from datetime import timedelta

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import timezone, translation

from coverage_app.accounts.models import Invitation, PeopleAuditEntry
from coverage_app.models import ApiToken, Profile
from coverage_app.roles import CONTRIBUTORS, EDITORS, JOURNALISTS

LINK = re.compile(r"https?://testserver(/\S+)")
NEW_PASSWORD = "a-much-longer-passphrase-42"


def link_in(message) -> str:
    return LINK.search(message.body).group(1)


def invite(client, email: str = "lou@example.org", role: str = CONTRIBUTORS):
    return client.post("/newsroom/people/invite/", {"email": email, "role": role})


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def accept(path: str, username: str = "lou", password: str = NEW_PASSWORD, client: Client | None = None):
    client = client or Client()
    data = {
        "username": username,
        "first_name": "Lou",
        "last_name": "Reyes",
        "password1": password,
        "password2": password,
    }
    return client, client.post(path, data)


def test_an_editor_invites_by_address_and_role_and_the_invitee_joins_in_that_role(editor_client, editor):
    assert invite(editor_client, role=JOURNALISTS).status_code == 302
    (message,) = mail.outbox
    assert message.to == ["lou@example.org"]
    path = link_in(message)
    assert path.startswith("/accounts/invitations/")
    assert path.rsplit("/", 2)[-2] not in Invitation.objects.get().token_hash  # only the hash is kept
    invitee, response = accept(path)
    assert response["Location"] == "/newsroom/"
    user = get_user_model().objects.get(username="lou")
    assert user.email == "lou@example.org"
    assert list(user.groups.values_list("name", flat=True)) == [JOURNALISTS]
    assert invitee.get("/newsroom/").status_code == 200
    actions = list(PeopleAuditEntry.objects.order_by("pk").values_list("actor_name", "action", "subject_name"))
    assert actions == [("editor", "invited", "lou@example.org"), ("lou", "joined", "lou")]


def test_an_invitation_link_works_once(editor_client):
    invite(editor_client)
    path = link_in(mail.outbox[0])
    accept(path)
    _, again = accept(path, username="lou2")
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    assert not get_user_model().objects.filter(username="lou2").exists()


def test_an_expired_or_withdrawn_or_made_up_invitation_changes_nothing(editor_client):
    invite(editor_client)
    path = link_in(mail.outbox[0])
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    _, expired = accept(path)
    assert expired.status_code == 410
    assert "expired" in expired.content.decode()
    _, made_up = accept("/accounts/invitations/not-a-real-token/")
    assert made_up.status_code == 410
    invite(editor_client, email="sam@example.org")
    editor_client.post(f"/newsroom/people/invitations/{Invitation.objects.get(email='sam@example.org').pk}/withdraw/")
    _, withdrawn = accept(link_in(mail.outbox[1]), username="sam")
    assert withdrawn.status_code == 410
    assert "withdrawn" in withdrawn.content.decode()
    assert get_user_model().objects.filter(username__in=["lou", "sam"]).count() == 0


def test_a_weak_password_or_a_taken_username_is_refused_and_the_link_still_works(editor_client, journalist):
    invite(editor_client)
    path = link_in(mail.outbox[0])
    _, weak = accept(path, password="password")
    assert weak.status_code == 422
    _, taken = accept(path, username="Journalist")
    assert taken.status_code == 422
    assert "taken" in taken.content.decode()
    assert Invitation.objects.get().accepted_at is None
    _, done = accept(path)
    assert done.status_code == 302


def test_only_editors_invite_and_manage_people(client, journalist, editor):
    client.force_login(journalist)
    assert client.get("/newsroom/people/").status_code == 403
    assert invite(client).status_code == 403
    assert client.post(f"/newsroom/people/{editor.pk}/active/", {}).status_code == 403
    assert mail.outbox == []
    assert get_user_model().objects.get(pk=editor.pk).is_active


def test_an_editor_changes_a_role_and_it_is_in_the_audit_trail(editor_client, journalist):
    editor_client.post(f"/newsroom/people/{journalist.pk}/role/", {"role": EDITORS})
    assert list(journalist.groups.values_list("name", flat=True)) == [EDITORS]
    entry = PeopleAuditEntry.objects.get()
    # The detail in English (searches, logs) and as a code the page says in its reader's language.
    assert (entry.action, entry.subject_name, entry.detail) == ("changed role", "journalist", "Journalist → Editor")
    assert (entry.detail_code, entry.detail_params) == ("role_changed", {"before": JOURNALISTS, "after": EDITORS})
    page = editor_client.get("/newsroom/people/").content.decode()
    assert "changed the role of journalist" in page  # the stored verb, as the page says it


def test_an_unknown_role_changes_nothing(editor_client, journalist):
    editor_client.post(f"/newsroom/people/{journalist.pk}/role/", {"role": "Administrators"})
    assert list(journalist.groups.values_list("name", flat=True)) == [JOURNALISTS]
    assert not PeopleAuditEntry.objects.exists()


def test_an_editor_cannot_change_their_own_account_here(editor_client, editor):
    editor_client.post(f"/newsroom/people/{editor.pk}/role/", {"role": CONTRIBUTORS})
    editor_client.post(f"/newsroom/people/{editor.pk}/active/", {})
    editor.refresh_from_db()
    assert editor.is_active
    assert list(editor.groups.values_list("name", flat=True)) == [EDITORS]


def test_deactivating_signs_out_everywhere_and_stops_the_api_tokens(editor_client, journalist):
    from coverage_app.tokens import issue_token

    journalists_browser = Client()
    journalists_browser.post("/newsroom/login/", {"login": "journalist", "password": "pass-word-123"})
    assert journalists_browser.get("/newsroom/").status_code == 200
    token = issue_token(user=journalist, name="Bot")
    editor_client.post(f"/newsroom/people/{journalist.pk}/active/", {})
    assert journalists_browser.get("/newsroom/").status_code == 302
    assert not UserSession.objects.filter(user=journalist).exists()
    refused = Client().get("/api/newsroom/posts/1", headers={"authorization": f"Bearer {token}"})
    assert refused.status_code == 401
    assert "deactivated" in refused.json()["error"]
    assert PeopleAuditEntry.objects.get().action == "deactivated"


def test_sign_out_everywhere_ends_every_session_of_that_person(editor_client, journalist):
    laptop, phone = Client(), Client()
    for device in (laptop, phone):
        device.post("/newsroom/login/", {"login": "journalist", "password": "pass-word-123"})
    editor_client.post(f"/newsroom/people/{journalist.pk}/sign-out/")
    assert laptop.get("/newsroom/").status_code == 302
    assert phone.get("/newsroom/").status_code == 302
    journalist.refresh_from_db()
    assert journalist.is_active  # signed out, not shut out
    assert PeopleAuditEntry.objects.get().action == "signed out everywhere"


def test_a_password_reset_by_email_sets_a_new_password_and_the_link_works_once(client, journalist):
    journalist.email = "mara@example.org"
    journalist.save()
    client.post("/accounts/password/reset/", {"email": "mara@example.org"})
    (message,) = mail.outbox
    path = link_in(message)
    form_page = client.get(path, follow=True)
    set_path = form_page.redirect_chain[-1][0] if form_page.redirect_chain else path
    response = client.post(set_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    journalist.refresh_from_db()
    assert journalist.check_password(NEW_PASSWORD)
    reused = Client().get(path, follow=True)
    assert "Bad Token" in reused.content.decode() or "invalid" in reused.content.decode().lower()
    Client().post(set_path, {"password1": "another-long-passphrase-7", "password2": "another-long-passphrase-7"})
    journalist.refresh_from_db()
    assert journalist.check_password(NEW_PASSWORD)


def test_a_token_made_on_the_people_page_is_shown_once_with_its_limits(editor_client, journalist, live_event):
    response = editor_client.post(
        "/newsroom/people/tokens/",
        {"person": journalist.pk, "name": "Wire feed", "scope": "read", "days": "30", "event": live_event.pk},
    )
    assert response.status_code == 200
    token = re.search(r'id="new-token-value">(lb_[^<]+)<', response.content.decode()).group(1)
    stored = ApiToken.objects.get()
    assert (stored.scope, stored.event, stored.user) == ("read", live_event, journalist)
    assert token not in editor_client.get("/newsroom/people/").content.decode()
    assert PeopleAuditEntry.objects.get().action == "issued API token"


def speaking(client, user, language: str):
    Profile.objects.update_or_create(user=user, defaults={"language": language})
    return client.get("/newsroom/people/").content.decode()


# The trail keeps its details as codes and values: each editor reads them in their own language.
def test_the_people_pages_trail_says_its_details_in_german_and_in_arabic(editor_client, editor, journalist):
    editor_client.post(f"/newsroom/people/{journalist.pk}/role/", {"role": EDITORS})
    editor_client.post(f"/newsroom/people/{journalist.pk}/sign-out/")
    editor_client.post(
        "/newsroom/people/tokens/",
        {"person": journalist.pk, "name": "Wire", "scope": "read", "days": "30", "event": ""},
    )
    german = speaking(editor_client, editor, "de")
    assert "(Journalist → Redakteur)" in german
    assert "(0 Sitzungen beendet)" in german
    assert "(„Wire“, nur lesen, für 30 Tage)" in german
    arabic = speaking(editor_client, editor, "ar")
    assert "(صحفي ← محرر)" in arabic
    assert "(لم تُغلق أي جلسة)" in arabic  # Arabic's zero form, in words
    assert "(«Wire»، قراءة فقط، لمدة 30 يومًا)" in arabic  # 11-99: the singular noun, accusative
    assert "session(s)" not in german + arabic
    assert "Journalists → Editors" not in german + arabic


def test_the_trails_english_is_kept_for_searches_and_logs(editor_client, journalist):
    editor_client.post(f"/newsroom/people/{journalist.pk}/sign-out/")
    assert PeopleAuditEntry.objects.get().detail == "0 sessions ended"
    assert invite(editor_client).status_code == 302
    assert PeopleAuditEntry.objects.filter(action="invited").get().detail == "as Contributor"


def test_an_entry_stored_before_codes_is_shown_as_written(editor_client, editor, journalist):
    PeopleAuditEntry.objects.create(
        actor=editor, actor_name="editor", subject=journalist, subject_name="journalist",
        action="signed out everywhere", detail="2 session(s) ended",
    )  # fmt: skip
    assert "(2 session(s) ended)" in speaking(editor_client, editor, "de")


def test_older_entries_in_a_known_pattern_are_given_their_codes_by_the_migration(editor, journalist):
    from django.apps import apps

    old = {
        "invited": "as Editors",
        "joined": "as Journalists, invited by editor",
        "changed role": "none → Contributors",
        "signed out everywhere": "2 session(s) ended",
        "issued API token": '"Lou\'s feed", read for storm-live, 30 days',
        "revoked API token": "'Wire'",
        "deactivated": "something else entirely",
    }
    for action, detail in old.items():
        PeopleAuditEntry.objects.create(
            actor=editor, actor_name="editor", subject_name="x", action=action, detail=detail
        )
    importlib.import_module("coverage_app.accounts.migrations.0004_older_rows_as_codes").forwards(apps, None)
    with translation.override("de"):
        shown = {entry.action: entry.shown_detail for entry in PeopleAuditEntry.objects.all()}
    assert shown == {
        "invited": "als Redakteur",
        "joined": "als Journalist, eingeladen von editor",
        "changed role": "keine → Mitarbeiter",
        "signed out everywhere": "2 Sitzungen beendet",
        "issued API token": "„Lou's feed“, nur lesen, für das Ereignis storm-live, für 30 Tage",
        "revoked API token": "„Wire“",
        "deactivated": "something else entirely",  # no known pattern: as written
    }
