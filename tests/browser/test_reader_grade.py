"""The reader page at newsroom grade, in a real Chromium (issue 12): axe-core in both colour
schemes and widths, the phone's first screen, the keyboard, a 1,000-post event, times, the
lightbox, the pause counter, and the embed framed by a page from another origin."""

from __future__ import annotations

import http.server
import json
import threading
import urllib.request
from datetime import timedelta
from functools import partial

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coverage_app import services
from coverage_app.models import Post
from tests.browser.test_live_coverage import assert_not_reloaded, open_reader
from tests.browser.test_reader_page import backfill
from tests.factories import make_event
from tests.reader_content import fill_event, picture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_RUN = """async () => {
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}"""


def test_axe_finds_nothing_in_either_scheme_at_either_width_and_a_phone_sees_the_first_post(
    new_page, live_event, journalist, editor, axe_script
):
    fill_event(live_event, journalist=journalist, editor=editor)
    lead = {
        "lead_image": picture("lead.jpg", (1200, 675)),
        "lead_image_alt": "The harbour wall",
        "lead_credit": "A. Photographer",
    }
    services.event_edit(
        event=live_event, by=editor, title=live_event.title, standfirst=live_event.standfirst, lead=lead
    )
    for scheme in ("light", "dark"):
        for width, height in ((1280, 900), (390, 844)):
            # axe is injected by the test, so this context alone lets it past the page's CSP.
            reader = open_reader(new_page, live_event, width=width, height=height, bypass_csp=True, color_scheme=scheme)
            reader.add_script_tag(path=str(axe_script))
            assert reader.evaluate(AXE_RUN) == [], (scheme, width)
            if width == 390:
                # The first post (the pinned one here) starts inside the first screen of a 390x844 phone.
                top = reader.evaluate(
                    "document.querySelector('#pinned-slot article, #posts article').getBoundingClientRect().top"
                )
                assert top < 844 - 120, top
                expect(reader.locator("#key-points")).not_to_have_attribute("open", "")


def test_the_keyboard_reaches_the_first_post_the_pill_and_each_new_post(new_page, live_event, journalist):
    posts = backfill(live_event, journalist, 30)
    reader = open_reader(new_page, live_event)
    reader.keyboard.press("Tab")
    expect(reader.locator(".skip-link")).to_be_focused()
    reader.keyboard.press("Enter")
    reader.keyboard.press("Tab")  # the skip link lands above the first post: one Tab is into it
    assert reader.evaluate("document.activeElement.closest('article')?.id") == f"post-{posts[-1].pk}"

    reader.click("text=Load older posts")
    expect(reader.locator(f"#post-{posts[9].pk}")).to_be_focused()  # the first of the older ones

    services.post_publish(event=live_event, author=journalist, title="While you were reading", body="x")
    pill = reader.locator("#new-posts")
    expect(pill).to_have_text("Show 1 new post")
    # Early in the tab order: before the posts, though it floats at the top of the screen.
    assert reader.evaluate("""() => {
        const pill = document.getElementById("new-posts");
        return Boolean(pill.compareDocumentPosition(document.querySelector("#posts a")) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")
    reader.evaluate("window.scrollTo(0, 0)")
    masthead = reader.evaluate("getComputedStyle(document.querySelector('.masthead')).backgroundColor")
    assert reader.evaluate("getComputedStyle(document.getElementById('new-posts')).backgroundColor") != masthead
    pill.focus()
    reader.keyboard.press("Enter")
    new = Post.objects.get(title="While you were reading")
    expect(reader.locator(f"#post-{new.pk}")).to_be_focused()
    assert_not_reloaded(reader)


def test_a_thousand_post_event_keeps_its_key_events_reachable_and_jumps_by_slice(new_page, live_event, journalist):
    start = timezone.now() - timedelta(days=1)
    Post.objects.bulk_create(
        Post(event=live_event, title=f"Post {n}", body_html="<p>x</p>", author=journalist, published_at=start + timedelta(minutes=n), seq=1, is_key_event=n % 10 == 0)
        for n in range(1000)
    )  # fmt: skip
    reader = open_reader(new_page, live_event)
    aside = reader.locator(".live__aside")
    assert aside.bounding_box()["height"] <= 900
    last = reader.locator("#key-events-list li").last
    last.scroll_into_view_if_needed()
    expect(last).to_be_in_viewport()
    expect(reader.get_by_role("link", name="Show key events only")).to_be_visible()
    first_post = Post.objects.get(title="Post 0")
    last.locator("a").click()
    reader.wait_for_url(f"**?at={first_post.pk}#post-{first_post.pk}")
    expect(reader.locator(f"#post-{first_post.pk}")).to_be_in_viewport()
    assert reader.locator("#posts article").count() == 1  # the slice, not a thousand posts


def test_times_the_lightbox_and_the_pause_counter(new_page, live_event, journalist, editor):
    posts = fill_event(live_event, journalist=journalist, editor=editor, backfill=0)
    two_hours_ago = timezone.now() - timedelta(hours=2, minutes=5)
    old = services.post_publish(
        event=live_event, author=journalist, title="Earlier", body="x", published_at=two_hours_ago
    )
    reader = open_reader(new_page, live_event)
    clock = timezone.localtime(two_hours_ago, live_event.tz).strftime("%H:%M")
    expect(reader.locator(f"#post-{old.pk} .post__time")).to_contain_text(clock)
    # Said by the browser's Intl in the page's language ("2 hours ago" in English, "قبل ساعتين" in Arabic).
    two_hours = reader.evaluate(
        "new Intl.RelativeTimeFormat(document.documentElement.lang, {numeric: 'always', style: 'long'}).format(-2, 'hour')"
    )
    assert two_hours == "2 hours ago"
    expect(reader.locator(f"#post-{old.pk} .post__ago")).to_have_text(two_hours)

    gallery = reader.locator(f"#post-{posts['gallery'].pk} [data-lightbox]")
    gallery.first.click()
    box = reader.locator("dialog.lightbox")
    expect(box).to_be_visible()
    expect(box.locator(".lightbox__count")).to_have_text("1 of 3")
    expect(box.locator(".lightbox__close")).to_be_focused()
    reader.keyboard.press("ArrowRight")
    expect(box.locator(".lightbox__count")).to_have_text("2 of 3")
    stage = box.locator(".lightbox__stage").bounding_box()
    y = stage["y"] + stage["height"] / 2
    reader.mouse.move(stage["x"] + 300, y)  # a swipe to the left: the next picture
    reader.mouse.down()
    reader.mouse.move(stage["x"] + 100, y, steps=4)
    reader.mouse.up()
    expect(box.locator(".lightbox__count")).to_have_text("3 of 3")
    expect(box.locator(".lightbox__caption")).to_contain_text("Wave 2")
    reader.keyboard.press("Escape")
    expect(box).to_be_hidden()
    expect(gallery.first).to_be_focused()

    reader.click("text=Pause live updates")
    first = services.post_publish(event=live_event, author=journalist, title="Held one", body="x")
    services.post_publish(event=live_event, author=journalist, title="Held two", body="x")
    expect(reader.locator("#toggle-updates")).to_have_text("Resume live updates (2 waiting)")
    services.post_delete(post=first, by=journalist)  # a deletion is not a post waiting
    services.post_edit(post=posts["list"], by=journalist, title="Roads closed, one reopened")
    expect(reader.locator("#toggle-updates")).to_have_text("Resume live updates (1 waiting)")
    services.coverage_end(event=live_event, by=editor, message="That is all from us.")
    expect(reader.locator("#toggle-updates")).to_have_count(0)  # ended: nothing left to pause
    expect(reader.locator("#posts article").first).to_contain_text("Held two")  # what was held is shown
    assert_not_reloaded(reader)


def test_the_lightbox_counts_pictures_in_the_events_language(new_page, journalist, editor):
    # The counter is the lightbox's aria-live region: a screen reader reads it on every picture.
    event = make_event(language="ar")
    posts = fill_event(event, journalist=journalist, editor=editor, backfill=0)
    reader = open_reader(new_page, event)
    reader.locator(f"#post-{posts['gallery'].pk} [data-lightbox]").first.click()
    count = reader.locator("dialog.lightbox .lightbox__count")
    expect(count).to_have_text("1 من 3")
    reader.keyboard.press("ArrowLeft")  # right to left: the next picture is to the left
    expect(count).to_have_text("2 من 3")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_a_page_on_another_origin_frames_the_embed_and_sees_a_new_post_arrive(
    new_page, server, live_event, journalist, tmp_path
):
    services.post_publish(event=live_event, author=journalist, title="Before the frame", body="x")
    oembed_url = f"{server.url}/oembed?url={server.url}/live/{live_event.slug}/"
    with urllib.request.urlopen(oembed_url, timeout=10) as response:
        code = json.load(response)["html"]
    (tmp_path / "article.html").write_text(
        f"<!doctype html><title>A publisher's article</title><h1>Our story</h1><p>Text above.</p>{code}<p>Text below.</p>"
    )
    publisher = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(tmp_path)))
    thread = threading.Thread(target=publisher.serve_forever, daemon=True)
    thread.start()
    try:
        page = new_page(f"http://127.0.0.1:{publisher.server_port}/article.html")  # another origin: another port
        frame = page.frame_locator("iframe[data-ledger-embed]")
        expect(frame.locator("#posts article").first).to_contain_text("Before the frame")
        expect(frame.locator(".masthead")).to_have_count(0)
        page.wait_for_function("document.querySelector('iframe[data-ledger-embed]').style.height !== ''")
        before = page.evaluate("document.querySelector('iframe[data-ledger-embed]').getBoundingClientRect().height")
        frame.locator("html").evaluate("() => { window.__sameDocument = true; }")
        frame.locator("#connection").wait_for(state="hidden")
        services.post_publish(
            event=live_event,
            author=journalist,
            title="Arrived live in the frame",
            body="<p>A longer post.</p><p>With a second paragraph.</p>",
        )
        expect(frame.locator("#posts article").first).to_contain_text("Arrived live in the frame")
        page.wait_for_function(
            f"document.querySelector('iframe[data-ledger-embed]').getBoundingClientRect().height > {before}"
        )  # the frame grew with its content
        assert frame.locator("html").evaluate("() => window.__sameDocument === true")
        # The stream's own controls stay inside the frame: the publisher's article stays where it was.
        frame.get_by_role("link", name="Oldest first").click()
        expect(frame.locator("#posts article").first).to_contain_text("Before the frame")
        assert page.url.endswith("/article.html")
        expect(frame.locator(".masthead")).to_have_count(0)
    finally:
        publisher.shutdown()
        publisher.server_close()


def test_a_reader_on_a_post_that_is_deleted_stays_in_the_stream_and_hears_link_copied(new_page, live_event, journalist):
    older = services.post_publish(event=live_event, author=journalist, title="Older report", body="x")
    doomed = services.post_publish(event=live_event, author=journalist, title="Report withdrawn", body="x")
    services.post_publish(event=live_event, author=journalist, title="Newest report", body="x")
    reader = open_reader(new_page, live_event)
    share = reader.locator(f"#post-{doomed.pk} .post__share")
    share.focus()
    share.press("Enter")
    expect(reader.locator("#announcer")).to_have_text("Link copied")
    services.post_delete(post=doomed, by=journalist)
    expect(reader.locator(f"#post-{doomed.pk}")).to_have_count(0)
    # Focus moved on to the next post down, not back to the top of the document.
    assert reader.evaluate("document.activeElement.id") == f"post-{older.pk}"
