from __future__ import annotations

import re
import signal

import pytest
from playwright.sync_api import expect

from coverage_app import services
from tests.browser.conftest import sign_in, wait_for_the_server_to_finish_its_queries
from tests.servers import Server

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


def live_dom(page):
    """What the reader sees of the coverage, as HTML: the stream, the pinned post, key events and
    the status banner (relative times, marks that depend on the visit, and the template's
    whitespace between elements left out)."""
    parts = page.evaluate(
        """() => ['#posts', '#pinned-slot', '#key-events-list', '#status'].map((selector) => {
            const element = document.querySelector(selector)?.cloneNode(true);
            if (!element) return '';
            element.querySelectorAll('time[data-relative]').forEach((time) => { time.textContent = ''; delete time.dataset.absolute; });
            element.querySelectorAll('.post--unseen, .post--target').forEach((post) => post.classList.remove('post--unseen', 'post--target'));
            return element.outerHTML;
        })"""
    )
    return [re.sub(r">\s+<", "><", part).strip() for part in parts]


def test_after_the_server_is_killed_and_restarted_the_page_equals_a_fresh_load(
    new_page, live_event, journalist, editor, server
):
    """The fault against a real page: SIGKILL (no close frame), changes while it is down, then
    changes while it comes back. The page must end exactly as a fresh load of the page."""
    first = services.post_publish(event=live_event, author=journalist, title="Before", body="x", is_key_event=True)
    reader = open_reader(new_page, live_event)
    expect(reader.locator(f"#post-{first.pk}")).to_be_visible()
    server.process.kill()
    server.process.wait()
    server.process = None
    expect(reader.locator("#connection")).to_contain_text("Connection lost")
    away = [
        services.post_publish(event=live_event, author=journalist, title=f"While down {n}", body="x") for n in range(3)
    ]
    services.post_edit(post=away[0], by=journalist, title="While down 0, corrected")
    services.post_delete(post=away[1], by=journalist)
    services.post_pin(post=away[2], by=editor)
    server.start()
    # Within the back-off's first steps: the page probes the changes API every ~2 s while down.
    expect(reader.locator("#connection")).to_contain_text("Back online", timeout=10_000)
    services.post_publish(event=live_event, author=journalist, title="After", body="x")
    expect(reader.locator("#posts .post__title").first).to_have_text("After")

    fresh = new_page(f"/live/{live_event.slug}/")
    assert live_dom(reader) == live_dom(fresh)
    assert_not_reloaded(reader)


def test_a_page_refused_a_socket_by_the_per_address_cap_keeps_up_by_polling(
    browser, live_event, journalist, django_db_blocker
):
    """Close code 4429 (docs/protocol.md): the page does not retry the socket in a loop; it polls
    the changes API, and new posts still arrive."""
    capped = Server(LIVE_MAX_SOCKETS_PER_CLIENT="0")
    with django_db_blocker.unblock():
        capped.start()
    context = browser.new_context(base_url=capped.url)
    try:
        page = context.new_page()
        sockets = []
        page.on("websocket", lambda socket: sockets.append(socket))
        with page.expect_request("**/api/live/*/changes?since=*", timeout=10_000):
            page.goto(f"/live/{live_event.slug}/")
        services.post_publish(event=live_event, author=journalist, title="Through the poll", body="x")
        expect(page.locator("#posts .post__title").first).to_have_text("Through the poll", timeout=15_000)
        assert len(sockets) == 1  # refused once, not hammered
    finally:
        context.close()
        capped.stop()
        wait_for_the_server_to_finish_its_queries()


def test_a_socket_that_goes_silent_is_dropped_and_the_page_reconnects(new_page, live_event, journalist, server):
    """The server process stopped (SIGSTOP): its sockets stay open and say nothing, as behind a
    dead path. After two heartbeat intervals (1 s here) the page drops the socket and opens another."""
    reader = open_reader(new_page, live_event)
    sockets = []
    reader.on("websocket", lambda socket: sockets.append(socket))
    server.process.send_signal(signal.SIGSTOP)
    try:
        expect(reader.locator("#connection")).to_contain_text("Connection lost", timeout=10_000)
        post = services.post_publish(event=live_event, author=journalist, title="While it was silent", body="x")
    finally:
        server.process.send_signal(signal.SIGCONT)
    expect(reader.locator(f"#post-{post.pk}")).to_be_visible(timeout=15_000)
    expect(reader.locator("#connection")).to_contain_text("Back online", timeout=15_000)
    assert len(sockets) >= 1  # a new socket: the silent one was given up, not waited out
    assert_not_reloaded(reader)
