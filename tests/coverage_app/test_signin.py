"""The sign-in lock (django-axes): every sign-in door, per username-and-address pair, in the database."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from axes.models import AccessAttempt

from tests.conftest import process_env
from tests.servers import ROOT

PASSWORD = "pass-word-123"
HOME = "10.0.0.1"  # the journalist's own address
STRANGER = "10.0.0.66"


def sign_in(client, login: str, password: str, address: str = HOME):
    return client.post("/newsroom/login/", {"login": login, "password": password}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_five_wrong_passwords_lock_that_username_from_that_address(client, journalist):
    for _ in range(4):
        response = sign_in(client, "journalist", "wrong")
        assert response.status_code == 200
        assert "not correct" in response.content.decode()
    assert sign_in(client, "journalist", "wrong").status_code == 429  # the fifth locks at once
    locked = sign_in(client, "journalist", PASSWORD)
    assert locked.status_code == 429
    assert "Too many wrong passwords" in locked.content.decode()
    assert not signed_in(client)


def test_a_strangers_wrong_passwords_do_not_lock_the_owner_out_from_their_address(client, journalist):
    for _ in range(8):
        sign_in(client, "journalist", "wrong", address=STRANGER)
    assert sign_in(client, "journalist", PASSWORD, address=STRANGER).status_code == 429
    response = sign_in(client, "journalist", PASSWORD, address=HOME)
    assert response.status_code == 302
    assert signed_in(client)


def test_one_accounts_lock_is_not_another_accounts(client, journalist, editor):
    for _ in range(5):
        sign_in(client, "journalist", "wrong")
    assert sign_in(client, "editor", PASSWORD).status_code == 302


def fullwidth(text: str) -> str:
    return "".join(chr(ord(letter) + 0xFEE0) for letter in text)


@pytest.mark.parametrize("spelling", [fullwidth("JOURNALIST"), fullwidth("journalist"), "Journalist", "JOURNALIST"])
def test_other_spellings_of_a_username_count_against_the_same_lock(client, journalist, spelling):
    for _ in range(4):
        sign_in(client, spelling, "wrong")
    sign_in(client, "journalist", "wrong")  # the fifth failure, in the plain spelling
    assert sign_in(client, "journalist", PASSWORD).status_code == 429
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"journalist"}


def test_a_successful_sign_in_clears_earlier_failures(client, journalist):
    for _ in range(4):
        sign_in(client, "journalist", "wrong")
    assert sign_in(client, "journalist", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, "journalist", "wrong")
    assert sign_in(client, "journalist", PASSWORD).status_code == 302


def test_the_admin_has_no_sign_in_form_of_its_own(client, editor):
    editor.is_staff = True
    editor.save()
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/newsroom/login/?next=%2Fadmin%2F")
    # Posting Django's admin form straight to it signs nobody in.
    client.post("/admin/login/", {"username": "editor", "password": PASSWORD, "next": "/admin/"}, REMOTE_ADDR=HOME)
    assert not signed_in(client)


def test_a_locked_pair_cannot_get_into_the_admin_either(client, editor):
    editor.is_staff = True
    editor.save()
    for _ in range(5):
        sign_in(client, "editor", "wrong")
    response = client.post(
        "/newsroom/login/", {"login": "editor", "password": PASSWORD, "next": "/admin/"}, REMOTE_ADDR=HOME
    )
    assert response.status_code == 429
    assert client.get("/admin/").status_code == 302  # still sent to sign in


SECOND_PROCESS = textwrap.dedent(
    """
    import django, sys
    django.setup()
    from django.test import Client
    client = Client()
    for _ in range(2):
        client.post("/newsroom/login/", {"login": "journalist", "password": "wrong"}, REMOTE_ADDR="10.0.0.1")
    response = client.post("/newsroom/login/", {"login": "journalist", "password": "pass-word-123"}, REMOTE_ADDR="10.0.0.1")
    print(response.status_code)
    """
)


@pytest.mark.django_db(transaction=True)
def test_failures_in_two_processes_add_up_to_one_lock_without_redis(client, journalist):
    for _ in range(3):
        sign_in(client, "journalist", "wrong")
    env = process_env(ALLOWED_HOSTS="testserver", DJANGO_SETTINGS_MODULE="liveblog.settings")
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", SECOND_PROCESS], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "429"  # 3 failures here + 2 there: that process refuses the right password
    assert sign_in(client, "journalist", PASSWORD).status_code == 429  # and so does this one


def test_an_accounts_address_and_its_username_share_one_lock(client, journalist):
    journalist.email = "mara@example.org"
    journalist.save()
    for _ in range(2):
        sign_in(client, "MARA@example.org", "wrong")
    for _ in range(3):
        sign_in(client, "journalist", "wrong")
    assert sign_in(client, "mara@example.org", PASSWORD).status_code == 429
    assert "15 minutes" in sign_in(client, "journalist", PASSWORD).content.decode()
