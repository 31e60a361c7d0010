"""An ended session never breaks the desk."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from coverage_app.models import Post
from tests.browser.conftest import PASSWORD
from tests.browser.test_newsroom import open_desk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_signed_out_elsewhere_the_desk_says_so_keeps_the_text_and_publishes_after_signing_in(
    new_page, live_event, journalist
):
    desk = open_desk(new_page, live_event, "journalist")
    desk.fill("#id_title", "Road reopens")
    desk.locator("#composer .rich-text").fill("Police have lifted the cordon.")
    other = desk.context.new_page()
    other.goto("/newsroom/")
    other.click("text=Sign out")
    expect(other.locator("body")).not_to_contain_text("Mara Okafor")

    desk.locator("#composer .rich-text").press("Control+Enter")
    expect(desk.locator("#signed-out")).to_be_visible()
    expect(desk.locator("#signed-out")).to_contain_text("Signed out — sign in again")
    expect(desk.locator("#id_title")).to_have_value("Road reopens")
    expect(desk.locator("#composer .rich-text")).to_have_text("Police have lifted the cordon.")
    assert desk.locator("#id_username").count() == 0  # no sign-in page pasted into the desk
    assert not Post.objects.exists()

    other.goto(desk.locator("#signed-out a").get_attribute("href"))
    other.fill("#id_username", "journalist")
    other.fill("#id_password", PASSWORD)
    other.click("main button[type=submit]")
    expect(other.locator("main")).to_contain_text("You are signed in again")
    # The desk hears of it, and the publish that failed goes out (with a fresh CSRF token).
    expect(desk.locator("#signed-out")).to_be_hidden()
    expect(desk.locator("#stream")).to_contain_text("Police have lifted the cordon.")
    assert Post.objects.get().title == "Road reopens"
