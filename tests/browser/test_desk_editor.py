"""The composer's keys and its rich-text editor (Tiptap), in Chromium under the site's CSP."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from coverage_app.models import Post
from tests.browser.test_newsroom import open_desk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASTE = Path(__file__).parent / "paste"


def body_html(desk) -> str:
    """What the form sends: the editor writes it into the hidden textarea."""
    return desk.input_value("#composer textarea[name=body]")


def paste(desk, html: str, text: str = "") -> None:
    # A real paste event with the clipboard's HTML, as Chromium delivers one from Word or Docs.
    desk.locator("#composer .rich-text").evaluate(
        """(el, [html, text]) => {
            el.focus();
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", text);
            el.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        [html, text],
    )


def clear_editor(desk) -> None:
    editor = desk.locator("#composer .rich-text")
    editor.click()
    editor.press("Control+a")
    editor.press("Delete")
    expect(desk.locator("#composer textarea[name=body]")).to_have_value("")


def test_enter_never_publishes_and_ctrl_enter_publishes_from_anywhere_then_the_title_has_the_cursor(
    new_page, live_event, journalist
):
    desk = open_desk(new_page, live_event, "journalist")
    sent = []
    desk.on("request", lambda request: request.method == "POST" and "/posts/" in request.url and sent.append(request))
    desk.fill("#id_title", "Half a title")
    desk.press("#id_title", "Enter")
    desk.locator("#composer .rich-text").fill("The bridge is open again.")
    desk.press("#id_byline_role", "Enter")
    desk.click("summary:text-is('Quote')")
    desk.press("#id_quote_attribution", "Enter")
    # Ctrl+Enter from a one-line field, not the editor: the whole composer publishes.
    desk.press("#id_byline_name", "Control+Enter")
    expect(desk.locator("#stream")).to_contain_text("The bridge is open again.")
    assert len(sent) == 1
    assert Post.objects.get().title == "Half a title"

    expect(desk.locator("#id_title")).to_be_focused()
    expect(desk.locator("#id_title")).to_have_value("")
    expect(desk.locator("#composer .rich-text")).to_have_text("")
    # Straight on to the next one, from inside the editor this time.
    desk.keyboard.type("Second")
    desk.locator("#composer .rich-text").fill("Traffic is moving.")
    desk.locator("#composer .rich-text").press("Control+Enter")
    expect(desk.locator("#stream")).to_contain_text("Traffic is moving.")
    assert len(sent) == 2
    assert Post.objects.get(title="Second").body_html == "<p>Traffic is moving.</p>"  # no line break from the keys

    # A social post from its address: an inside address is refused, the card is left to fill by hand.
    desk.click("summary:text-is('Social media post')")
    desk.fill("#id_social-url", "https://10.1.2.3/@harbour/1")
    desk.locator("#id_social-url").locator("xpath=ancestor::*[@data-link-card]").locator("[data-read-card]").click()
    expect(desk.locator("#composer .link-card__message")).to_contain_text("private or local address")
    expect(desk.locator("#composer .link-card__message")).to_contain_text("Fill the card by hand.")
    expect(desk.locator("#id_social-url")).to_have_value("https://10.1.2.3/@harbour/1")


def test_the_editor_formats_from_keys_and_a_keyboard_toolbar_and_leaves_a_quote(new_page, live_event, journalist):
    from coverage_app import services

    earlier = services.post_publish(event=live_event, author=journalist, title="Road closed", body="x")
    desk = open_desk(new_page, live_event, "journalist")
    editor = desk.locator("#composer .rich-text")
    editor.click()
    desk.keyboard.press("Control+Alt+2")
    desk.keyboard.type("Latest")
    desk.keyboard.press("Enter")
    desk.keyboard.type("Roads are ")
    desk.keyboard.press("Control+b")
    desk.keyboard.type("closed")
    desk.keyboard.press("Control+b")
    desk.keyboard.type(" and ")
    # The toolbar from the keyboard: Italic, reached with the arrow keys, formats at the caret.
    desk.focus("#composer .rich-text-toolbar button[data-command=bold]")
    desk.keyboard.press("ArrowRight")
    expect(desk.locator("#composer .rich-text-toolbar button[data-command=italic]")).to_be_focused()
    desk.keyboard.press("Enter")
    expect(editor).to_be_focused()
    desk.keyboard.type("flooded")
    expect(desk.locator("#composer .rich-text-toolbar button[data-command=italic]")).to_have_attribute(
        "aria-pressed", "true"
    )
    desk.keyboard.press("Control+i")
    desk.keyboard.press("Enter")
    desk.keyboard.press("Control+Shift+b")
    desk.keyboard.type("We stay put, said the mayor.")
    desk.keyboard.press("Enter")
    desk.keyboard.press("Enter")  # an empty line in a quote leaves it
    desk.keyboard.type("More soon.")
    desk.once("dialog", lambda dialog: dialog.accept("https://example.org/roads"))
    desk.keyboard.press("Shift+Home")
    desk.keyboard.press("Control+k")
    expect(desk.locator("#composer textarea[name=body]")).to_have_value(
        "<h2>Latest</h2><p>Roads are <strong>closed</strong> and <em>flooded</em></p>"
        "<blockquote><p>We stay put, said the mayor.</p></blockquote>"
        '<p><a href="https://example.org/roads">More soon.</a></p>'
    )
    desk.keyboard.press("Control+z")
    assert "<a " not in body_html(desk)
    desk.keyboard.press("Control+Shift+z")
    assert "<a " in body_html(desk)
    # A link to an earlier post, picked from the list, goes at the end of the text.
    desk.select_option("#link-picker", earlier.get_absolute_url())
    expect(desk.locator("#composer textarea[name=body]")).to_have_value(
        re.compile(
            rf'More soon\.</a> \(<a href="{re.escape(earlier.get_absolute_url())}">see the \d\d:\d\d post</a>\)</p>$'
        )
    )


def test_paste_from_google_docs_word_and_a_web_page_keeps_structure_and_nothing_else(new_page, live_event, journalist):
    desk = open_desk(new_page, live_event, "journalist")
    paste(desk, (PASTE / "google-docs.html").read_text())
    html = body_html(desk)
    # Docs wraps everything in <b style="font-weight:normal">: not one bold paragraph.
    assert html.startswith(
        "<h2>Flood defences hold at Port Averly</h2><p>The council says <strong>no homes were flooded</strong>"
    )
    assert "<em>provisional</em>" in html
    assert "<ul><li><p>Two coast roads closed</p></li><li><p>Ferries cancelled until noon</p></li></ul>" in html
    assert '<a href="https://example.org/flood-report">the council’s report</a>' in html  # noqa: RUF001 (the typographic apostrophe Docs keeps)
    assert "style=" not in html
    assert "<strong>" not in html.split("</strong>", 1)[1]

    clear_editor(desk)
    paste(desk, (PASTE / "word.html").read_text())
    html = body_html(desk)
    assert html.startswith(
        "<h2>Storm update from Cape Dorn</h2><p>Winds reached <strong>110 km/h</strong> at <em>Cape Dorn</em>"
    )
    assert (
        "<ul><li><p>Ferries cancelled</p></li><li><p>Schools closed</p></li></ul><ol><li><p>Stay indoors</p></li></ol>"
        in html
    )
    assert "<p>Town – Rain (mm)</p><p>Averly – 84</p>" in html  # noqa: RUF001 (rows stay apart, cells joined by an en dash)
    for clutter in ("mso", "font-face", "Symbol", "·", "class=", "o:p"):
        assert clutter not in html

    clear_editor(desk)
    paste(desk, (PASTE / "web-page.html").read_text())
    html = body_html(desk)
    assert html == (
        '<p>Rescue crews reached the <a href="https://example.org/village">village</a> at noon.</p>'
        "<blockquote><p>“We were lucky,” said one resident.</p></blockquote>"
    )
    desk.fill("#id_title", "Pasted")
    desk.locator("#composer .rich-text").press("Control+Enter")
    expect(desk.locator("#stream")).to_contain_text("We were lucky")
    assert Post.objects.get().body_html.startswith('<p>Rescue crews reached the <a href="https://example.org/village"')
