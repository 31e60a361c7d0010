"""The desk is live: private changes over the desk's socket, public ones over the reader socket,
and no refresh touches a field someone is typing in."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from coverage_app import services
from coverage_app.models import Post
from coverage_app.roles import CONTRIBUTORS
from tests.browser.test_newsroom import open_desk
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_submissions_presence_and_the_header_arrive_live_and_half_typed_text_survives(
    new_page, live_event, editor, journalist
):
    stringer = make_user("stringer", CONTRIBUTORS, first_name="Lou", last_name="Reyes")
    first = services.post_save_unpublished(
        event=live_event, author=stringer, state=Post.State.SUBMITTED, title="Crash on the A38", body="x"
    )
    desk = open_desk(new_page, live_event, "editor")
    desk.evaluate("window.__sameDesk = true")
    desk.click(f"#send-back-{first.pk} summary")
    desk.fill(f"#note-{first.pk}", "Which junc")
    desk.fill("#pause-message", "Back after the br")
    desk.fill("#key-points", "Two lanes closed\nDiversion via")
    desk.focus("#key-points")

    # A new submission, a draft saved elsewhere, a published post and an event edit all refresh parts.
    services.post_save_unpublished(
        event=live_event, author=stringer, state=Post.State.SUBMITTED, title="Witness account", body="x"
    )
    expect(desk.locator("#queue")).to_contain_text("Witness account")
    services.post_publish(event=live_event, author=journalist, title="Police statement", body="x")
    expect(desk.locator("#stream")).to_contain_text("Police statement")
    services.event_edit(event=live_event, by=editor, title=live_event.title, standfirst="Updated standfirst.")
    expect(desk.locator("#activity")).to_contain_text("edited the event")
    expect(desk.locator(f"#note-{first.pk}")).to_have_value("Which junc")
    expect(desk.locator(f"#send-back-{first.pk}")).to_have_attribute("open", "")
    expect(desk.locator("#pause-message")).to_have_value("Back after the br")
    expect(desk.locator("#key-points")).to_have_value("Two lanes closed\nDiversion via")
    expect(desk.locator("#key-points")).to_be_focused()

    # Someone arrives on the desk: presence is live too.
    services.desk_presence_touch(event=live_event, user=journalist)
    expect(desk.locator("#presence")).to_contain_text("Mara Okafor")

    # Another editor pauses: the header badge follows.
    services.coverage_pause(event=live_event, by=None, actor="night desk", message="Back at 6am")
    expect(desk.locator("#header-badge")).to_contain_text("Paused")
    assert desk.evaluate("window.__sameDesk === true")


def test_a_contributor_sees_a_send_back_note_without_reloading(new_page, live_event, editor):
    stringer = make_user("stringer", CONTRIBUTORS, first_name="Lou", last_name="Reyes")
    post = services.post_save_unpublished(
        event=live_event, author=stringer, state=Post.State.SUBMITTED, title="Crash", body="x"
    )
    desk = open_desk(new_page, live_event, "stringer")
    expect(desk.locator("#queue")).to_contain_text("Submitted for review")
    services.post_return(post=post, by=editor, note="Name the road")
    expect(desk.locator("#queue")).to_contain_text("Name the road")
