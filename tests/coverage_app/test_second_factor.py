"""Second factors (allauth.mfa): TOTP and recovery codes at sign-in, and the rule that requires one."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)

from coverage_app.models import Profile
from coverage_app.roles import CONTRIBUTORS
from tests.factories import make_user

PASSWORD = "pass-word-123"


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def with_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def sign_in_with_password(client, username: str):
    return client.post("/newsroom/login/", {"login": username, "password": PASSWORD})


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_a_password_alone_does_not_sign_in_someone_with_an_authenticator_app(client, journalist):
    secret = with_totp(journalist)
    response = sign_in_with_password(client, "journalist")
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert not signed_in(client)
    assert client.get("/newsroom/").status_code == 302  # still outside
    wrong = client.post(
        "/accounts/2fa/authenticate/", {"code": "000000" if current_code(secret) != "000000" else "111111"}
    )
    assert wrong.status_code == 200
    assert "Incorrect code" in wrong.content.decode()
    assert not signed_in(client)
    done = client.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert done["Location"] == "/newsroom/"
    assert signed_in(client)


def test_an_authenticator_code_works_once(client, journalist):
    secret = with_totp(journalist)
    code = current_code(secret)
    sign_in_with_password(client, "journalist")
    client.post("/accounts/2fa/authenticate/", {"code": code})
    assert signed_in(client)
    client.logout()
    sign_in_with_password(client, "journalist")
    replay = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert replay.status_code == 200
    assert not signed_in(client)


def test_a_recovery_code_signs_in_once_and_never_again(client, journalist):
    with_totp(journalist)
    code = RecoveryCodes.activate(journalist).get_unused_codes()[0]
    sign_in_with_password(client, "journalist")
    assert client.post("/accounts/2fa/authenticate/", {"code": code})["Location"] == "/newsroom/"
    client.logout()
    sign_in_with_password(client, "journalist")
    reused = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert reused.status_code == 200
    assert "Incorrect code" in reused.content.decode()
    assert not signed_in(client)
    stored = Authenticator.objects.get(user=journalist, type=Authenticator.Type.RECOVERY_CODES)
    assert len(stored.wrap().get_unused_codes()) == 9


@pytest.fixture
def editors_need_a_second_factor(settings):
    settings.SECOND_FACTOR_REQUIRED = "editors"


def test_an_editor_without_a_second_factor_is_sent_to_set_one_up(client, editor, editors_need_a_second_factor):
    assert sign_in_with_password(client, "editor").status_code == 302
    for door in ("/newsroom/", "/newsroom/events/new/", "/admin/"):
        response = client.get(door)
        assert response.status_code == 302
        assert response["Location"] == "/accounts/2fa/"
    page = client.get("/accounts/2fa/", follow=True)
    assert "needs a second factor" in page.content.decode()


def test_an_editor_with_a_second_factor_gets_in(client, editor, editors_need_a_second_factor):
    secret = with_totp(editor)
    sign_in_with_password(client, "editor")
    client.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert client.get("/newsroom/").status_code == 200


def test_the_editors_rule_leaves_journalists_alone_and_the_everyone_rule_does_not(client, journalist, settings):
    settings.SECOND_FACTOR_REQUIRED = "editors"
    sign_in_with_password(client, "journalist")
    assert client.get("/newsroom/").status_code == 200
    settings.SECOND_FACTOR_REQUIRED = "everyone"
    assert client.get("/newsroom/")["Location"] == "/accounts/2fa/"


def test_recovery_codes_alone_do_not_count_as_a_second_factor(client, roles, settings):
    settings.SECOND_FACTOR_REQUIRED = "everyone"
    user = make_user("freelancer", CONTRIBUTORS)
    RecoveryCodes.activate(user)
    client.force_login(user)
    assert client.get("/newsroom/")["Location"] == "/accounts/2fa/"


@pytest.mark.django_db
def test_production_requires_a_second_factor_for_editors_by_default_and_the_demo_does_not(settings):
    from tests.test_settings import PRODUCTION, run_manage

    shell = "from django.conf import settings; print(settings.SECOND_FACTOR_REQUIRED)"
    assert run_manage("shell", "-c", shell, **PRODUCTION).stdout.strip().splitlines()[-1] == "editors"
    # The suite's settings were read as the demo's are (DEBUG on, SECOND_FACTOR_REQUIRED unset).
    assert settings.SECOND_FACTOR_REQUIRED == "none"


def test_an_authenticator_code_used_on_one_worker_is_refused_on_another(journalist):
    from django.core.cache import cache

    secret = with_totp(journalist)
    code = current_code(secret)
    totp = Authenticator.objects.get(user=journalist, type=Authenticator.Type.TOTP).wrap()
    assert totp.validate_code(code)
    cache.clear()  # another worker: its own cache has never seen this code
    assert not totp.validate_code(code)


# Every allauth page our Sign-in security page links to, in both states of a second factor. These
# are allauth's templates in our frame: a template library missing from INSTALLED_APPS (the
# sessions page's {% load humanize %}) is a 500 only when the page is opened.
PAGES_WITHOUT_A_SECOND_FACTOR = (
    "/accounts/2fa/",
    "/accounts/sessions/",
    "/accounts/password/change/",
    "/accounts/email/",
    "/accounts/2fa/totp/activate/",
    "/accounts/2fa/webauthn/",
    "/accounts/2fa/webauthn/add/",
)
PAGES_WITH_AN_AUTHENTICATOR_APP = (
    "/accounts/2fa/",
    "/accounts/2fa/totp/deactivate/",
    "/accounts/2fa/recovery-codes/",
    "/accounts/2fa/recovery-codes/download/",
    "/accounts/2fa/recovery-codes/generate/",
)

ALL_PAGES = set(PAGES_WITHOUT_A_SECOND_FACTOR) | set(PAGES_WITH_AN_AUTHENTICATOR_APP)


def reauthenticate(client) -> None:
    """allauth asks for the password again before a second factor is changed: give it, once."""
    assert client.get("/accounts/reauthenticate/").status_code == 200
    assert client.post("/accounts/reauthenticate/", {"password": PASSWORD}).status_code == 302


def account_links(client) -> set[str]:
    return set(re.findall(r'href="(/accounts/[^"]*)"', client.get("/accounts/2fa/").content.decode()))


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_account_page_linked_from_sign_in_security_opens(client, journalist, language):
    Profile.objects.update_or_create(user=journalist, defaults={"language": language})
    sign_in_with_password(client, "journalist")
    assert signed_in(client)
    reauthenticate(client)
    assert account_links(client) <= ALL_PAGES
    for url in PAGES_WITHOUT_A_SECOND_FACTOR:
        response = client.get(url)
        assert (url, response.status_code, response.get("Location")) == (url, 200, None)
        assert response["Content-Language"] == language
    secret = with_totp(journalist)
    RecoveryCodes.activate(journalist)
    client.logout()
    sign_in_with_password(client, "journalist")
    client.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert signed_in(client)
    reauthenticate(client)
    assert account_links(client) <= ALL_PAGES  # a new link is a new page to list here
    for url in PAGES_WITH_AN_AUTHENTICATOR_APP:
        response = client.get(url)
        assert (url, response.status_code, response.get("Location")) == (url, 200, None)
        assert response["Content-Language"] == language
