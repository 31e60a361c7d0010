"""Accounts in a real browser: passkeys through Chromium's virtual authenticator, authenticator-app
codes, recovery codes, the second factor editors must have, invitations and password resets by
email (the server writes its mail to files, read here as the invitee's inbox)."""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, wait_for_the_server_to_finish_its_queries
from tests.coverage_app.test_second_factor import current_code
from tests.servers import Server

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NEW_PASSWORD = "a-much-longer-passphrase-42"


@pytest.fixture(scope="module")
def outbox(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("outbox")


@pytest.fixture(scope="module")
def accounts_server(browser, django_db_setup, django_db_blocker, outbox):
    server = Server(
        SECOND_FACTOR_REQUIRED="editors",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(outbox),
    )
    with django_db_blocker.unblock():
        server.start()
    yield server
    server.stop()


@pytest.fixture
def open_page(browser, accounts_server):
    """A page on `localhost` (passkeys need a domain name, not an address), failing on any CSP refusal."""
    contexts, violations = [], []

    def open_page(path: str = "/newsroom/login/"):
        context = browser.new_context(base_url=f"http://localhost:{accounts_server.port}")
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
        page.set_default_timeout(10_000)
        page.goto(path)
        return page

    yield open_page
    for context in contexts:
        context.close()
    wait_for_the_server_to_finish_its_queries()
    assert violations == []


def with_password(page, username: str, password: str = PASSWORD) -> None:
    page.goto("/newsroom/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("#main form button[type=submit]")


def confirm_password(page, password: str = PASSWORD) -> None:
    """allauth asks for the password again before a second factor is added or changed."""
    page.wait_for_load_state()
    if "/accounts/reauthenticate/" in page.url:
        page.fill("#id_password", password)
        page.click("#main form button[type=submit]")
        page.wait_for_url(lambda url: "/reauthenticate/" not in url)


def code_page(page):
    page.wait_for_url("**/accounts/2fa/authenticate/")
    return page


def last_mail(outbox: Path, to: str):
    for path in sorted(outbox.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True):
        for chunk in path.read_bytes().split(b"-" * 79):
            if chunk.strip():
                message = email.message_from_bytes(chunk.strip(), policy=email.policy.default)
                if to in message["To"]:
                    return message
    raise AssertionError(f"no mail to {to}")


def link_in(message) -> str:
    return re.search(r"http://\S+", message.get_content()).group(0)


def virtual_authenticator(page) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {"options": {"protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
                     "hasUserVerification": True, "isUserVerified": True, "automaticPresenceSimulation": True}},
    )  # fmt: skip


def test_a_journalist_registers_a_passkey_and_signs_in_with_it_alone(open_page, journalist):
    page = open_page()
    virtual_authenticator(page)
    with_password(page, "journalist")
    page.wait_for_url("**/newsroom/")
    page.goto("/accounts/2fa/webauthn/add/")
    confirm_password(page)
    page.fill("#id_name", "Laptop")
    page.check("#id_passwordless")
    page.click("#mfa_webauthn_add")
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)  # the key is stored, then we move on
    assert Authenticator.objects.filter(user=journalist, type=Authenticator.Type.WEBAUTHN).count() == 1
    page.click(".masthead__user form button")  # sign out
    page.wait_for_url("**/newsroom/login/")
    page.click("#passkey_login")
    page.wait_for_url("**/newsroom/")
    expect(page.locator(".masthead__user")).to_contain_text("Mara Okafor")


def test_an_authenticator_app_code_is_asked_after_the_password(open_page, journalist):
    secret = generate_totp_secret()
    TOTP.activate(journalist, secret)
    page = open_page()
    with_password(page, "journalist")
    code_page(page).fill("#id_code", "000000" if current_code(secret) != "000000" else "111111")
    page.click("#main form button[type=submit]")
    expect(page.locator("body")).to_contain_text("Incorrect code")
    page.fill("#id_code", current_code(secret))
    page.click("#main form button[type=submit]")
    page.wait_for_url("**/newsroom/")


def test_a_recovery_code_works_once(open_page, journalist):
    TOTP.activate(journalist, generate_totp_secret())
    code = RecoveryCodes.activate(journalist).get_unused_codes()[0]
    page = open_page()
    with_password(page, "journalist")
    code_page(page).fill("#id_code", code)
    page.click("#main form button[type=submit]")
    page.wait_for_url("**/newsroom/")
    page.click(".masthead__user form button")
    page.wait_for_url("**/newsroom/login/")
    with_password(page, "journalist")
    code_page(page).fill("#id_code", code)
    page.click("#main form button[type=submit]")
    expect(page.locator("body")).to_contain_text("Incorrect code")
    assert page.url.endswith("/accounts/2fa/authenticate/")


def test_an_editor_without_a_second_factor_is_refused_until_one_is_set_up(open_page, editor):
    page = open_page()
    with_password(page, "editor")
    page.wait_for_url("**/accounts/2fa/")
    expect(page.locator(".messages")).to_contain_text("needs a second factor")
    page.goto("/newsroom/")
    page.wait_for_url("**/accounts/2fa/")
    page.goto("/accounts/2fa/totp/activate/")
    confirm_password(page)
    secret = page.input_value("#authenticator_secret")
    page.fill("#id_code", current_code(secret))
    page.click("#main form button[type=submit]")
    page.wait_for_url(lambda url: "/totp/activate/" not in url)
    page.goto("/newsroom/")
    expect(page.locator("h1")).to_have_text("Your desks")


def test_an_invitation_is_accepted_from_the_email_and_an_editor_then_adds_a_second_factor(open_page, editor, outbox):
    secret = generate_totp_secret()
    TOTP.activate(editor, secret)
    page = open_page()
    with_password(page, "editor")
    code_page(page).fill("#id_code", current_code(secret))
    page.click("#main form button[type=submit]")
    page.wait_for_url("**/newsroom/")
    page.click("text=People")
    page.fill("#id_email", "ines@example.org")
    page.select_option("#id_role", "Editors")
    page.click("text=Send invitation")
    expect(page.locator(".messages")).to_contain_text("Invitation sent to ines@example.org")

    invitee = open_page(link_in(last_mail(outbox, "ines@example.org")))
    invitee.fill("#id_username", "ines")
    invitee.fill("#id_first_name", "Inès")
    invitee.fill("#id_password1", NEW_PASSWORD)
    invitee.fill("#id_password2", NEW_PASSWORD)
    invitee.click("text=Create my account")
    invitee.wait_for_url("**/accounts/2fa/")  # an editor's account needs a second factor first
    invitee.goto("/accounts/2fa/totp/activate/")
    invitee.fill("#id_code", current_code(invitee.input_value("#authenticator_secret")))
    invitee.click("#main form button[type=submit]")
    invitee.wait_for_url(lambda url: "/totp/activate/" not in url)
    invitee.goto("/newsroom/")
    expect(invitee.locator("h1")).to_have_text("Your desks")
    assert list(get_user_model().objects.get(username="ines").groups.values_list("name", flat=True)) == ["Editors"]
    page.goto("/newsroom/people/")
    expect(page.locator(".audit")).to_contain_text("ines joined ines")


def test_a_password_is_reset_from_the_email_link_which_then_stops_working(open_page, journalist, outbox):
    journalist.email = "mara@example.org"
    journalist.save()
    page = open_page()
    page.click("text=Forgotten your password?")
    page.fill("#id_email", "mara@example.org")
    page.click("#main form button[type=submit]")
    page.wait_for_url("**/accounts/password/reset/done/")
    link = link_in(last_mail(outbox, "mara@example.org"))
    page.goto(link)
    page.fill("#id_password1", NEW_PASSWORD)
    page.fill("#id_password2", NEW_PASSWORD)
    page.click("#main form button[type=submit]")
    page.wait_for_url("**/accounts/password/reset/key/done/")
    with_password(page, "journalist", NEW_PASSWORD)
    page.wait_for_url("**/newsroom/")
    again = open_page(link)
    expect(again.locator("body")).to_contain_text("Bad Token")


def test_on_a_phone_sign_in_security_and_people_fit_speak_as_the_newsroom_and_signing_out_says_so(
    open_page, editor, journalist
):
    secret = generate_totp_secret()
    TOTP.activate(editor, secret)
    page = open_page()
    page.set_viewport_size({"width": 390, "height": 800})
    with_password(page, "editor")
    code_page(page).fill("#id_code", current_code(secret))
    page.click("#main form button[type=submit]")
    page.wait_for_url("**/newsroom/")
    menu = page.locator(".masthead__user").inner_text()

    page.goto("/accounts/2fa/")
    expect(page.locator("h1")).to_have_text("Sign-in security")  # as the menu names it
    assert page.locator(".masthead__user").inner_text() == menu  # the menu every other page has
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    expect(page.locator("main")).to_contain_text("Passkeys")
    expect(page.locator("main")).not_to_contain_text("Security Keys")
    expect(page.get_by_role("link", name="Change your password")).to_be_visible()
    # Recovery codes: a way to have them from every state.
    expect(page.get_by_role("link", name="Make recovery codes")).to_be_visible()

    page.goto("/newsroom/people/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    region = page.get_by_role("region", name="People: the table scrolls sideways")
    assert region.evaluate("(el) => el.scrollWidth > el.clientWidth")  # the table scrolls in its own box
    region.focus()
    page.keyboard.press("ArrowRight")  # the keyboard scrolls it once it has the focus
    page.wait_for_function("() => document.activeElement.scrollLeft > 0")

    page.click(".masthead__user form button")  # sign out
    page.wait_for_url("**/newsroom/login/")
    expect(page.locator("main .messages")).to_have_text("You\u2019ve signed out.")
    page.reload()
    expect(page.locator("main .messages")).to_have_count(0)  # said once
