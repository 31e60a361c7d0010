from __future__ import annotations

import pytest
from playwright.sync_api import expect

from coverage_app import services
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_reader(new_page, event, **kwargs):
    """A reader page, marked so a later check can tell it never reloaded."""
    reader = new_page(f"/live/{event.slug}/", **kwargs)
    # Set on the page itself: still there later means the page never reloaded.
    reader.evaluate("window.__sameDocument = true")
    expect(reader.locator("#connection")).to_be_hidden()
    reader.wait_for_function("document.querySelector('[data-live]') && window.__sameDocument")
    return reader


def assert_not_reloaded(reader):
    assert reader.evaluate("window.__sameDocument === true")


def test_a_post_published_in_the_newsroom_appears_on_an_open_reader_page(new_page, live_event, journalist):
    reader = open_reader(new_page, live_event)
    desk = new_page("/")
    sign_in(desk, "journalist")
    desk.goto(f"/newsroom/events/{live_event.slug}/")
    desk.fill("#id_title", "Crowds gather at the harbour")
    desk.locator("#composer .rich-text").fill("Hundreds of people have come to watch the waves.")
    desk.fill("#id_byline_role", "at the harbour")
    desk.click("#composer button[value=publish]")
    expect(desk.locator("#toast")).to_contain_text("Published")
    expect(desk.locator("#id_title")).to_have_value("")  # a fresh composer for the next post

    post = reader.locator("#posts article").first
    expect(post).to_contain_text("Crowds gather at the harbour")
    expect(post).to_contain_text("By Mara Okafor, at the harbour")
    expect(reader.locator("#announcer")).to_contain_text("New post: Crowds gather at the harbour")
    assert_not_reloaded(reader)


def test_edits_and_deletions_take_effect_on_open_reader_pages(new_page, live_event, journalist):
    post = services.post_publish(event=live_event, author=journalist, title="Three hurt", body="Early reports.")
    reader = open_reader(new_page, live_event, width=390)
    desk = new_page("/")
    sign_in(desk, "journalist")
    desk.goto(f"/newsroom/events/{live_event.slug}/posts/{post.pk}/edit/")
    desk.fill(f"#id_p{post.pk}-title", "Two hurt, police say")
    desk.click("text=Save changes")
    article = reader.locator(f"#post-{post.pk}")
    expect(article).to_contain_text("Two hurt, police say")
    expect(article).to_contain_text("Updated")

    desk.once("dialog", lambda dialog: dialog.accept())
    desk.locator(f"#desk-post-{post.pk} button.danger").click()
    expect(article).to_have_count(0)
    assert_not_reloaded(reader)


def test_an_editor_pauses_and_readers_see_the_message_then_resumes(new_page, live_event, editor):
    reader = open_reader(new_page, live_event)
    desk = new_page("/")
    sign_in(desk, "editor")
    desk.goto(f"/newsroom/events/{live_event.slug}/")
    desk.fill("#pause-message", "We're pausing our coverage, that's it for now.")
    desk.click("text=Pause coverage")
    expect(reader.locator("#status")).to_contain_text("Paused")
    expect(reader.locator("#status")).to_contain_text("We're pausing our coverage, that's it for now.")
    expect(desk.locator("#composer")).to_contain_text("Coverage is paused")

    desk.reload()
    desk.locator("#composer .rich-text").fill("This must not go out.")
    desk.click("#composer button[value=publish]")
    expect(desk.locator("#composer")).to_contain_text("resume it before publishing")
    expect(desk.locator("#composer .rich-text")).to_have_text("This must not go out.")

    desk.click("text=Resume coverage")
    expect(reader.locator("#status .badge")).to_have_text("Live")
    assert_not_reloaded(reader)


def test_a_reader_that_lost_its_connection_catches_up_in_order(new_page, live_event, journalist, server):
    reader = open_reader(new_page, live_event)
    server.stop()  # cuts every socket for real
    expect(reader.locator("#connection")).to_contain_text("Connection lost")
    posts = [
        services.post_publish(event=live_event, author=journalist, title=f"While away {n}", body="x") for n in range(3)
    ]
    services.post_edit(post=posts[0], by=journalist, title="While away 0, corrected")
    services.post_delete(post=posts[1], by=journalist)
    server.start()
    expect(reader.locator("#connection")).to_contain_text("Back online", timeout=40_000)
    titles = reader.locator("#posts .post__title").all_inner_texts()
    assert titles == ["While away 2", "While away 0, corrected"]
    assert_not_reloaded(reader)
