from __future__ import annotations

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from coverage_app.models import Post
from tests.browser.conftest import sign_in
from tests.browser.test_live_coverage import assert_not_reloaded, open_reader

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "harbour.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (60, 90, 120)).save(buffer, format="JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def open_desk(new_page, event, username):
    desk = new_page("/")
    sign_in(desk, username)
    desk.goto(f"/newsroom/events/{event.slug}/")
    return desk


def test_a_journalist_composes_publishes_edits_and_deletes_an_entry_with_a_picture(
    new_page, live_event, journalist, photo, settings
):
    reader = open_reader(new_page, live_event)
    desk = open_desk(new_page, live_event, "journalist")
    desk.fill("#id_title", "Waves over the harbour wall")
    desk.locator("#composer .rich-text").fill("The spray is reaching the rooftops.")
    desk.click("summary:text-is('Pictures')")
    desk.set_input_files("#composer [data-picture-input][multiple]", str(photo))
    desk.click("#composer button[value=publish]")
    # Alt text is required: nothing is published, the journalist is told why, text and picture are kept.
    expect(desk.locator("#composer .picture__error")).to_contain_text("Describe the picture")
    expect(desk.locator("#composer .rich-text")).to_contain_text("The spray is reaching the rooftops.")
    assert not Post.objects.exists()

    desk.fill("#id_images-0-alt_text", "Grey waves breaking over a stone harbour wall")
    desk.fill("#id_images-0-caption", "Port Averly, this afternoon")
    desk.click("summary:text-is('Quote')")
    desk.fill("#id_quote_text", "I have never seen the sea like this")
    desk.fill("#id_quote_attribution", "A harbour master")
    desk.check("#id_is_key_event")
    desk.locator("#composer .rich-text").press("Control+Enter")

    article = reader.locator("#posts article").first
    expect(article).to_contain_text("Waves over the harbour wall")
    expect(article).to_contain_text("I have never seen the sea like this")
    expect(article).to_contain_text("Key event")
    expect(article.locator("img")).to_have_attribute("alt", "Grey waves breaking over a stone harbour wall")
    assert "480w" in article.locator("img").get_attribute("srcset")
    post = Post.objects.get()

    # Fixed in place in the desk's stream: no page load, the picture's caption and credit too.
    desk.evaluate("window.__sameDesk = true")
    desk.locator(f"#desk-post-{post.pk} [data-open-editor]").click()
    desk.fill(f"#id_p{post.pk}-title", "Waves over the harbour wall at high tide")
    desk.fill(f"#id_p{post.pk}-correction_note", "An earlier version gave the wrong time.")
    item = post.media.get()
    desk.fill(f"#id_p{post.pk}-m{item.pk}-credit", "Jo Park")
    desk.locator(f"#inplace-{post.pk} button.primary").click()
    expect(article).to_contain_text("at high tide")
    expect(article).to_contain_text("An earlier version gave the wrong time.")
    expect(article).to_contain_text("Photograph: Jo Park")
    expect(desk.locator(f"#inplace-{post.pk} form")).to_have_count(0)
    assert desk.evaluate("window.__sameDesk === true")

    desk.once("dialog", lambda dialog: dialog.accept())
    desk.locator(f"#desk-post-{post.pk} button.danger").click()
    expect(reader.locator(f"#post-{post.pk}")).to_have_count(0)
    assert_not_reloaded(reader)


def test_the_composer_is_kept_on_the_server_for_its_user_in_a_new_browser_and_not_for_the_next_person(
    new_page, live_event, journalist, editor
):
    desk = open_desk(new_page, live_event, "journalist")
    desk.fill("#id_title", "Half-written update")
    with desk.expect_response("**/autosave/") as saved:
        desk.locator("#composer .rich-text").fill("Police say the road")
    assert saved.value.status == 204
    key = desk.input_value("#id_idempotency_key")
    # Another browser, the same journalist: the draft is there, with the same request key, so a
    # publish whose answer was lost cannot post twice.
    elsewhere = open_desk(new_page, live_event, "journalist")
    expect(elsewhere.locator("#id_title")).to_have_value("Half-written update")
    expect(elsewhere.locator("#composer .rich-text")).to_have_text("Police say the road")
    assert elsewhere.input_value("#id_idempotency_key") == key
    # The same browser, signed out and in as the next person: nothing of it.
    desk.click("text=Sign out")
    sign_in(desk, "editor")
    desk.goto(f"/newsroom/events/{live_event.slug}/")
    expect(desk.locator("#id_title")).to_have_value("")
    assert desk.evaluate("Object.keys(localStorage).length") == 0


def test_an_editor_pauses_with_a_message_resumes_and_ends_coverage(new_page, live_event, editor):
    reader = open_reader(new_page, live_event)
    desk = open_desk(new_page, live_event, "editor")
    desk.fill("#pause-message", "Pausing for the press conference.")
    desk.click("text=Pause coverage")
    expect(reader.locator("#status")).to_contain_text("Pausing for the press conference.")
    desk.click("text=Resume coverage")
    expect(reader.locator("#status .badge")).to_have_text("Live")
    expect(desk.locator("#controls")).to_contain_text("Pause coverage")
    desk.click("text=End coverage…")
    desk.fill("#end-message", "That's all from us tonight.")
    desk.click("button:has-text('End coverage')")
    expect(reader.locator("#status")).to_contain_text("That's all from us tonight.")
    expect(reader.locator("#status .badge")).to_have_text("Ended")
    expect(desk.locator("#controls .history")).to_contain_text("Ended")
    assert_not_reloaded(reader)


def test_the_desk_updates_when_someone_else_publishes(new_page, live_event, journalist, editor):
    from coverage_app import services

    desk = open_desk(new_page, live_event, "editor")
    desk.wait_for_function("document.documentElement.classList.contains('js')")
    expect(desk.locator("#presence")).to_contain_text("Sam Idris")  # the page reports who is on the desk
    services.post_publish(event=live_event, author=journalist, title="Filed from the scene", body="x")
    expect(desk.locator("#stream")).to_contain_text("Filed from the scene")


def test_the_admin_works_under_the_content_security_policy(new_page, live_event, editor):
    from coverage_app import services

    editor.is_staff = True
    editor.save()
    post = services.post_publish(event=live_event, author=editor, title="In the admin", body="x")
    page = new_page("/admin/login/")  # the admin signs in through the newsroom's form
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pass-word-123")
    page.click("main button[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto(f"/admin/coverage_app/post/{post.pk}/change/")
    expect(page.locator("#id_title")).to_have_value("In the admin")
    page.goto("/admin/coverage_app/event/")
    expect(page.locator("#result_list")).to_contain_text(live_event.title)
    # The fixture fails the test on any Content-Security-Policy violation the pages caused.


def test_two_people_on_one_post_see_each_other_and_a_conflict_shows_both_versions(
    new_page, live_event, journalist, editor
):
    from coverage_app import services

    post = services.post_publish(event=live_event, author=journalist, title="Fire at the depot", body="Early reports.")
    mine = open_desk(new_page, live_event, "journalist")
    theirs = open_desk(new_page, live_event, "editor")
    mine.locator(f"#desk-post-{post.pk} [data-open-editor]").click()
    expect(mine.locator(f"#id_p{post.pk}-title")).to_be_focused()
    mine.fill(f"#id_p{post.pk}-title", "Fire at the bus depot")
    theirs.locator(f"#desk-post-{post.pk} [data-open-editor]").click()
    # Each sees the other on this post (the presence report names the open editor).
    expect(theirs.locator(f"#desk-post-{post.pk} [data-editing-now]")).to_have_text("Mara Okafor is editing this post")
    theirs.fill(f"#id_p{post.pk}-title", "Fire at the depot: two hurt")
    theirs.locator(f"#inplace-{post.pk} button.primary").click()
    expect(theirs.locator(f"#inplace-{post.pk} form")).to_have_count(0)

    mine.locator(f"#inplace-{post.pk} button.primary").click()
    conflict = mine.locator(f"#inplace-{post.pk} .conflict")
    expect(conflict).to_contain_text("Fire at the depot: two hurt")
    expect(mine.locator(f"#id_p{post.pk}-title")).to_have_value("Fire at the bus depot")
    # The stream refreshes under the open editor (their save went out) without touching it.
    expect(mine.locator(f"#desk-post-{post.pk} > .post")).to_contain_text("two hurt")
    expect(mine.locator(f"#id_p{post.pk}-title")).to_have_value("Fire at the bus depot")
    post.refresh_from_db()
    assert post.title == "Fire at the depot: two hurt"
    mine.fill(f"#id_p{post.pk}-title", "Fire at the bus depot: two hurt")
    # Typing in the open editor's text while a new post refreshes the stream: the cursor stays.
    mine.locator(f"#inplace-{post.pk} .rich-text").click()
    mine.keyboard.press("End")
    services.post_publish(event=live_event, author=editor, title="Roads reopen", body="x")
    expect(mine.locator("#stream")).to_contain_text("Roads reopen")
    expect(mine.locator(f"#inplace-{post.pk} .rich-text")).to_be_focused()
    mine.keyboard.type(" More soon.")
    mine.locator(f"#inplace-{post.pk} button.primary").click()
    expect(mine.locator(f"#desk-post-{post.pk} > .post")).to_contain_text("Fire at the bus depot: two hurt")
    expect(mine.locator(f"#desk-post-{post.pk} > .post")).to_contain_text("Early reports. More soon.")
