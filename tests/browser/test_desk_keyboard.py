"""The desk by keyboard, at phone and desktop width: what an outsider's walk-through found (pause
message, Tab in lists, pins, focus after actions, the sticky Publish bar, the pictures' errors)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from coverage_app import services
from coverage_app.models import Post
from tests.browser.conftest import sign_in
from tests.browser.test_newsroom import open_desk, photo  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def active(page) -> str:
    """What has the focus, as a short description."""
    return page.evaluate(
        "() => { const el = document.activeElement; return el === document.body ? 'body'"
        " : `${el.tagName.toLowerCase()}#${el.id}.${el.className}: ${el.textContent.trim().slice(0, 60)}`; }"
    )


def test_typing_a_pause_message_replaces_the_default_and_enter_in_a_field_pauses_nothing(new_page, live_event, editor):
    desk = open_desk(new_page, live_event, "editor")
    message = desk.locator("#pause-message")
    # The default is a placeholder, not text to type in front of.
    expect(message).to_have_value("")
    expect(message).to_have_attribute(
        "placeholder", "We\u2019re pausing our coverage for now. We\u2019ll be back shortly."
    )
    message.focus()
    desk.keyboard.type("Back at 07:00.")
    desk.locator("#pause-resumes-at").focus()
    desk.keyboard.press("Enter")
    desk.locator("#pause-resumes-at").press("Control+Enter")
    desk.evaluate("() => new Promise((done) => setTimeout(done, 300))")  # any request would have left by now
    live_event.refresh_from_db()
    assert live_event.status == "live"

    desk.click("#controls button:text-is('Pause coverage')")
    expect(desk.locator("#controls")).to_contain_text("Readers see: “Back at 07:00.”")
    live_event.refresh_from_db()
    assert (live_event.status, live_event.status_message) == ("paused", "Back at 07:00.")
    # Focus is on what the desk says, not dropped to the page.
    expect(desk.locator("#toast li")).to_be_focused()
    expect(desk.locator("#toast li")).to_have_text("Coverage paused. Readers see your message.")


def test_tab_leaves_a_list_without_nesting_it_and_ctrl_bracket_indents(new_page, live_event, journalist):
    desk = open_desk(new_page, live_event, "journalist")
    editor = desk.locator("#composer .rich-text")
    editor.click()
    desk.click("#composer [data-command=orderedList]")
    desk.keyboard.type("One")
    desk.keyboard.press("Enter")
    desk.keyboard.type("Two")
    desk.keyboard.press("Tab")
    expect(editor).not_to_be_focused()
    assert desk.input_value("#composer textarea[name=body]") == "<ol><li><p>One</p></li><li><p>Two</p></li></ol>"
    desk.keyboard.press("Shift+Tab")
    expect(editor).to_be_focused()
    desk.keyboard.press("Shift+Tab")
    expect(editor).not_to_be_focused()
    assert desk.input_value("#composer textarea[name=body]") == "<ol><li><p>One</p></li><li><p>Two</p></li></ol>"
    # Indenting is a choice: Ctrl+] (or the toolbar), and Ctrl+[ takes it back.
    editor.click()
    desk.keyboard.press("End")
    desk.keyboard.press("Control+BracketRight")
    nested = "<ol><li><p>One</p><ol><li><p>Two</p></li></ol></li></ol>"
    expect(desk.locator("#composer textarea[name=body]")).to_have_value(nested)
    desk.keyboard.press("Control+BracketLeft")
    expect(desk.locator("#composer textarea[name=body]")).to_have_value(
        "<ol><li><p>One</p></li><li><p>Two</p></li></ol>"
    )
    desk.click("#composer [data-command=indent]")
    expect(desk.locator("#composer textarea[name=body]")).to_have_value(nested)
    assert "Ctrl+]" in desk.get_attribute("#composer [data-command=indent]", "title")


def test_pinning_says_which_post_it_replaces_before_and_after_and_keeps_the_focus_on_the_post(
    new_page, live_event, editor
):
    first = services.post_publish(event=live_event, author=editor, title="What a red warning means", body="x")
    services.post_pin(post=first, by=editor)
    second = services.post_publish(event=live_event, author=editor, title="Roads closed", body="y")
    desk = open_desk(new_page, live_event, "editor")
    button = desk.locator(f"#desk-post-{second.pk} form[action$='/pin/'] button")
    expect(button).to_have_text("Pin — replaces “What a red warning means”")
    button.focus()
    desk.keyboard.press("Enter")
    expect(desk.locator("#toast")).to_contain_text("in place of “What a red warning means”")
    expect(desk.locator(f"#desk-post-{second.pk}")).to_be_focused()
    first.refresh_from_db()
    assert not first.is_pinned


def test_focus_goes_to_the_post_or_the_message_after_desk_actions(new_page, live_event, editor, journalist):
    post = services.post_publish(event=live_event, author=editor, title="Roads closed", body="y")
    other = services.post_publish(event=live_event, author=editor, title="Bridge shut", body="z")
    submitted = services.post_save_unpublished(
        event=live_event, author=journalist, state=Post.State.SUBMITTED, title="From the scene", body="w"
    )
    desk = open_desk(new_page, live_event, "editor")
    desk.on("dialog", lambda dialog: dialog.accept())

    # Save changes in place: back on the post.
    desk.locator(f"#desk-post-{post.pk} .desk-post__actions").get_by_text("Edit").click()
    title = desk.locator(f"#inplace-{post.pk} input[name$='-title']")
    expect(title).to_be_focused()
    title.fill("Roads closed until noon")
    desk.locator(f"#inplace-{post.pk} button[type=submit]").first.press("Enter")
    expect(desk.locator(f"#desk-post-{post.pk}")).to_contain_text("Roads closed until noon")
    expect(desk.locator(f"#desk-post-{post.pk}")).to_be_focused()

    # Approve and publish: the queued post, now in the stream.
    desk.locator(f"#queue-post-{submitted.pk} button:text-is('Approve and publish')").press("Enter")
    expect(desk.locator(f"#desk-post-{submitted.pk}")).to_be_focused()

    # Delete: the post is gone, the confirmation has the focus.
    desk.locator(f"#desk-post-{other.pk} button:text-is('Delete')").press("Enter")
    expect(desk.locator(f"#desk-post-{other.pk}")).to_have_count(0)
    expect(desk.locator("#toast li")).to_have_text("Post deleted. Readers no longer see it.")
    expect(desk.locator("#toast li")).to_be_focused()
    expect(desk.locator("#toast li")).to_have_text("Post deleted. Readers no longer see it.")

    # A refused publish (paused): the error has the focus.
    services.coverage_pause(event=live_event, by=editor)
    queued = services.post_save_unpublished(
        event=live_event, author=journalist, state=Post.State.SUBMITTED, title="Held", body="v"
    )
    # The desk's own socket refreshes the queue once it opens; act after that, as a person would.
    with desk.expect_response(lambda response: "part=queue" in response.url):
        desk.reload()
    desk.locator(f"#queue-post-{queued.pk} button:text-is('Approve and publish')").press("Enter")
    expect(desk.locator("#toast li.error")).to_be_focused()
    # And from the composer: its error has the focus, the text is kept.
    desk.locator("#composer .rich-text").fill("Still paused.")
    desk.locator("#composer .rich-text").press("Control+Enter")
    expect(desk.locator("#composer .composer__errors")).to_be_focused()
    expect(desk.locator("#composer .composer__errors")).to_contain_text("paused")

    # Resume: the message has it, not the page.
    desk.locator("#controls button:text-is('Resume coverage')").press("Enter")
    expect(desk.locator("#toast li")).to_have_text("Coverage is live again.")
    expect(desk.locator("#toast li")).to_be_focused()
    expect(desk.locator("#controls button:text-is('Pause coverage')")).to_be_visible()
    assert active(desk) != "body"


def test_on_a_phone_a_focused_field_is_never_under_the_publish_bar(new_page, live_event, journalist):
    services.post_publish(event=live_event, author=journalist, title="Earlier", body="x")
    desk = new_page("/", width=390, height=760)
    sign_in(desk, "journalist")
    desk.goto(f"/newsroom/events/{live_event.slug}/")
    bar = desk.locator("#composer .composer__actions")
    desk.locator("#id_title").focus()
    seen = []
    for _ in range(40):
        desk.keyboard.press("Tab")
        name = desk.evaluate("document.activeElement.id || document.activeElement.textContent.trim().slice(0, 30)")
        if not desk.evaluate("document.activeElement.closest('#composer form') !== null"):
            break
        if desk.evaluate("document.activeElement.closest('.composer__actions') !== null"):
            continue
        box = desk.evaluate("document.activeElement.getBoundingClientRect().bottom")
        assert box <= bar.bounding_box()["y"] + 1, name
        seen.append(name)
    assert "link-picker" in seen
    assert "Timing: backdate or schedule" in seen


def test_the_phone_toolbar_wraps_and_the_choose_pictures_label_shows_the_focus(new_page, live_event, journalist):
    desk = new_page("/", width=390)
    sign_in(desk, "journalist")
    desk.goto(f"/newsroom/events/{live_event.slug}/")
    toolbar = desk.locator("#composer .rich-text-toolbar")
    edge = toolbar.bounding_box()["x"] + toolbar.bounding_box()["width"]
    for button in toolbar.locator("button").all():
        box = button.bounding_box()
        assert box["x"] + box["width"] <= edge + 0.5, button.get_attribute("data-command")
    desk.click("summary:text-is('Pictures')")
    desk.locator("#composer [data-picture-input][multiple]").focus()
    desk.keyboard.press("Shift+Tab")
    desk.keyboard.press("Tab")  # by keyboard, so :focus-visible applies
    label = desk.locator("#composer .picture-drop label").first
    assert label.evaluate("(el) => getComputedStyle(el).outlineStyle") == "solid"


def test_a_picture_without_alt_text_gets_the_cursor_and_is_marked_invalid(new_page, live_event, journalist, photo):  # noqa: F811
    desk = open_desk(new_page, live_event, "journalist")
    desk.locator("#composer .rich-text").fill("The pier is gone.")
    desk.click("summary:text-is('Pictures')")
    desk.set_input_files("#composer [data-picture-input][multiple]", str(photo))
    desk.locator("#composer .picture input[data-field=caption]").fill("A caption")
    desk.locator("#composer .picture input[data-field=caption]").press("Control+Enter")
    alt = desk.locator("#composer .picture input[data-field=alt_text]")
    expect(alt).to_be_focused()
    expect(alt).to_have_attribute("aria-invalid", "true")
    error_id = alt.get_attribute("aria-describedby")
    expect(desk.locator(f"[id='{error_id}']")).to_contain_text("Describe the picture")
    assert not Post.objects.exists()


def test_a_picture_is_kept_with_the_draft_through_a_refused_publish_and_a_reload(
    new_page,
    live_event,
    journalist,
    editor,
    photo,  # noqa: F811
):
    from coverage_app.models import DraftPicture

    services.coverage_pause(event=live_event, by=editor)
    desk = open_desk(new_page, live_event, "journalist")
    desk.fill("#id_title", "The pier")
    desk.locator("#composer .rich-text").fill("The pier is gone.")
    desk.click("summary:text-is('Pictures')")
    desk.set_input_files("#composer [data-picture-input][multiple]", str(photo))
    expect(desk.locator("#composer .picture__kept")).to_have_text("kept with your draft")
    desk.locator("#composer .picture input[data-field=alt_text]").fill("The pier's stumps in the surf")
    # The draft's autosave carries the picture's words and its kept id.
    with desk.expect_response(
        lambda response: response.url.endswith("/autosave/") and "Low+tide" in (response.request.post_data or "")
    ) as saved:
        desk.locator("#composer .picture input[data-field=caption]").fill("Low tide this morning")
    assert saved.value.status == 204
    assert "images-0-kept=" in saved.value.request.post_data
    desk.locator("#composer .picture input[data-field=caption]").press("Control+Enter")
    expect(desk.locator("#composer .composer__errors")).to_contain_text("paused")  # refused: nothing sent
    asked = []
    desk.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))
    desk.reload()
    assert asked == []  # nothing to lose: no "Leave site?"
    picture = desk.locator("#composer .picture")
    expect(picture).to_have_count(1)
    expect(picture.locator("input[data-field=alt_text]")).to_have_value("The pier's stumps in the surf")
    expect(picture.locator("input[data-field=caption]")).to_have_value("Low tide this morning")
    expect(desk.locator("#id_title")).to_have_value("The pier")

    services.coverage_resume(event=live_event, by=editor)
    desk.locator("#id_title").press("Control+Enter")
    expect(desk.locator("#stream")).to_contain_text("The pier is gone.")
    post = Post.objects.get(title="The pier")
    media = post.media.get()
    assert (media.alt_text, media.caption) == ("The pier's stumps in the surf", "Low tide this morning")
    assert not DraftPicture.objects.exists()  # sent: the kept copy went
    expect(desk.locator(f"#desk-post-{post.pk} img")).to_have_attribute("alt", "The pier's stumps in the surf")
