"""The Arabic reader page in a real Chromium (issue 15): right to left, axe finds nothing, a live
post is announced in Arabic by the polite live region (its pictures: tests/browser/screenshots.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from coverage_app import demo_content, services
from tests.browser.test_live_coverage import assert_not_reloaded, open_reader
from tests.browser.test_newsroom import open_desk
from tests.browser.test_reader_grade import AXE_RUN
from tests.factories import make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def arabic_event(journalist, editor):
    event = make_event(
        slug="wadi-harir",
        language="ar",
        time_zone="Asia/Amman",
        title="فيضانات وادي الحرير: إجلاء مئات العائلات مع استمرار الأمطار",
        standfirst="تغطية مباشرة لآخر التطورات في مدينة وادي الحرير.",
    )
    for title, body, (name, role), key in demo_content.ARABIC_POSTS:
        services.post_publish(
            event=event, author=journalist, title=title, body=body, byline_name=name, byline_role=role, is_key_event=key
        )
    return services.event_edit(
        event=event,
        by=editor,
        title=event.title,
        standfirst=event.standfirst,
        key_points=demo_content.ARABIC_KEY_POINTS,
    )


def test_the_arabic_page_is_right_to_left_accessible_and_announces_a_live_post_in_arabic(
    new_page, journalist, editor, axe_script
):
    event = arabic_event(journalist, editor)
    for name, (width, height) in {"desktop": (1280, 900), "phone": (390, 844)}.items():
        reader = open_reader(new_page, event, width=width, height=height, bypass_csp=True)
        assert reader.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
        # Mirrored: the stream's text starts at the right edge, the key events' rule is on its right.
        assert reader.evaluate("getComputedStyle(document.querySelector('.post__body')).direction") == "rtl"
        reader.add_script_tag(path=str(axe_script))
        assert reader.evaluate(AXE_RUN) == [], name

    reader = open_reader(new_page, event)
    services.post_publish(event=event, author=journalist, title="عودة التيار الكهربائي إلى وسط المدينة", body="نص")
    # The polite live region speaks the event's language: "New post: …".
    expect(reader.locator("#announcer")).to_have_text("منشور جديد: عودة التيار الكهربائي إلى وسط المدينة")
    # The relative time beside each post is said in Arabic by the browser's Intl.
    expect(reader.locator("#posts .post__ago").first).to_have_text("الآن")  # "Just now"
    assert_not_reloaded(reader)


def test_the_paused_arabic_page_says_so_in_arabic(new_page, journalist, editor):
    event = arabic_event(journalist, editor)
    reader = open_reader(new_page, event)
    services.coverage_pause(event=event, by=editor, message="")
    expect(reader.locator("#status")).to_contain_text("متوقفة مؤقتًا")  # "paused"
    expect(reader.locator("#announcer")).to_have_text("التغطية متوقفة مؤقتًا.")


def test_a_journalist_chooses_german_on_the_profile_page_by_keyboard_and_the_desk_and_its_scripts_speak_it(
    new_page, journalist, editor, tmp_path
):
    from tests.browser.conftest import sign_in

    event = make_event(slug="beirut-live", language="ar", time_zone="Asia/Beirut", title="بيروت مباشر")
    page = new_page("/")
    sign_in(page, "journalist")
    # From the header, by keyboard only: focus the link, open it, pick German, save.
    page.locator("nav.masthead__user a", has_text="Profile and language").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/newsroom/profile/")
    page.locator("#id_language").focus()
    page.keyboard.press("ArrowDown")  # from "The browser's language" to English …
    for _ in range(2):  # … Español, Deutsch
        page.keyboard.press("ArrowDown")
    assert page.locator("#id_language").input_value() == "de"
    page.locator("#id_byline_role").focus()
    page.keyboard.press("Enter")  # submits the form
    expect(page.locator(".messages")).to_have_text(
        "Gespeichert. Die Redaktion spricht jetzt die von Ihnen gewählte Sprache."
    )
    assert page.evaluate("document.documentElement.lang") == "de"

    page.goto(f"/newsroom/events/{event.slug}/")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["de", "ltr"]
    expect(page.locator("#composer-title")).to_have_text("Neuer Beitrag")
    expect(page.locator("#composer [data-command=bold]")).to_have_attribute("title", "Fett (Strg+B)")
    # The composer writes as the event's readers read: right to left.
    assert page.evaluate("getComputedStyle(document.querySelector('#composer .rich-text')).direction") == "rtl"
    # The script's words come from the German catalogue: a chosen picture is "Bild 1".
    page.click("summary:text-is('Bilder')")
    from tests.browser.test_desk_pictures import write_jpeg

    page.set_input_files("#composer [data-picture-input][multiple]", [write_jpeg(tmp_path / "hafen.jpg")])
    expect(page.locator("#composer [data-picture-tray] .picture__number")).to_have_text("Bild 1")
    expect(page.locator("#composer [data-picture-tray] [data-picture-remove]")).to_have_text("Entfernen")

    # The other way round: on an Arabic desk, an English event's composer writes left to right.
    from coverage_app.models import Profile

    Profile.objects.filter(user=journalist).update(language="ar")
    english = make_event(slug="london-live", language="en", title="London live")
    page.goto(f"/newsroom/events/{english.slug}/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    for field in ("#composer .rich-text", "#composer input[name=title]"):
        assert page.evaluate(f"getComputedStyle(document.querySelector('{field}')).direction") == "ltr", field


def test_arabic_plurals_in_the_browser_take_the_form_django_takes(new_page, journalist, editor):
    # One runtime for every language (static/js/i18n/runtime.js) and a data file per language: the
    # Arabic file's plural rule picks zero, one, two, few, many and other as gettext does on the server.
    import gettext

    from django.conf import settings

    event = make_event(language="ar")
    reader = open_reader(new_page, event)
    assert reader.evaluate("typeof django.locale.pluralidx") == "function"
    singular, plural = "%(count)s new post since your last visit.", "%(count)s new posts since your last visit."
    counts = [0, 1, 2, 3, 11, 100]
    shown = reader.evaluate(
        "([one, many, counts]) => counts.map((n) => django.interpolate(django.ngettext(one, many, n), {count: n}, true))",
        [singular, plural, counts],
    )
    with (Path(settings.BASE_DIR) / "locale" / "ar" / "LC_MESSAGES" / "djangojs.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    expected = [compiled.ngettext(singular, plural, n) % {"count": n} for n in counts]
    assert shown == expected
    assert len(set(shown)) == 6  # six different forms: none fell back to another
    assert reader.evaluate("[0, 1, 2, 3, 11, 100].map((n) => django.pluralidx(n))") == [0, 1, 2, 3, 4, 5]


# The left edges of the clock's digits and of its zone, as laid out on screen.
CLOCK_AND_ZONE_LEFT = """(element) => {
  const text = element.textContent;
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const edge = (needle) => {
    for (let node = walker.currentNode; node; node = walker.nextNode()) {
      const at = node.nodeType === 3 ? node.data.indexOf(needle) : -1;
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + needle.length);
        return range.getBoundingClientRect().left;
      }
    }
    return null;
  };
  const clock = text.match(/\\d\\d:\\d\\d/)[0];
  const clockLeft = edge(clock);
  walker.currentNode = element;
  return [clockLeft, edge("+03")];
}"""


def test_clock_times_on_an_arabic_page_read_digits_then_zone(new_page, journalist):
    # Riyadh's zone has no letters, only "+03": in right-to-left text, "13:43 +03" shows "+03 13:43"
    # unless the clock time is isolated left to right, on the server and in the script alike.
    event = make_event(language="ar", time_zone="Asia/Riyadh")
    services.post_publish(event=event, author=journalist, title="عنوان", body="نص")
    reader = open_reader(new_page, event)
    served = reader.locator("#posts .post__time time").first
    clock_left, zone_left = served.evaluate(CLOCK_AND_ZONE_LEFT)
    assert clock_left < zone_left  # the server's: digits first, then the zone, left to right
    services.post_publish(event=event, author=journalist, title="عنوان آخر", body="نص")
    expect(reader.locator("#posts article")).to_have_count(2)
    updated = reader.locator("#last-updated")
    expect(updated).to_have_text(re.compile(r"^\d\d:\d\d \+03$"))  # written by live.js when the post came
    clock_left, zone_left = updated.evaluate(CLOCK_AND_ZONE_LEFT)
    assert clock_left < zone_left
    # Without the isolation the same text in the same place would show the zone first: the check
    # above can fail.
    reader.evaluate(
        """() => { const span = Object.assign(document.createElement('span'), {id: 'bare', textContent: '13:43 +03'});
        document.querySelector('.post__body').append(span); }"""
    )
    clock_left, zone_left = reader.locator("#bare").evaluate(CLOCK_AND_ZONE_LEFT)
    assert clock_left > zone_left


def test_an_open_page_reloads_in_the_new_language_when_the_event_changes_language(new_page, journalist, editor):
    event = make_event(language="en", time_zone="Europe/London")
    services.post_publish(event=event, author=journalist, title="Update", body="x", is_key_event=True)
    reader = open_reader(new_page, event)
    expect(reader.locator("html")).to_have_attribute("lang", "en")
    services.event_edit(
        event=event, by=editor, title=event.title, standfirst="", language="ar", time_zone="Asia/Beirut"
    )
    expect(reader.locator("html")).to_have_attribute("lang", "ar")  # the script reloaded the page at the reset
    expect(reader.locator("html")).to_have_attribute("dir", "rtl")
    expect(reader.locator("#posts .post__key").first).to_contain_text("حدث بارز")


@pytest.mark.parametrize(
    ("zone", "before", "after", "names"),
    [
        # The last Sunday of October 2026: London's clocks go back at 01:00 UTC (02:00 BST → 01:00 GMT).
        ("Europe/London", "2026-10-25T00:30:00+00:00", "2026-10-25T01:30:00+00:00", ("BST", "GMT")),
        # The first Sunday of November 2026: New York's go back at 06:00 UTC (02:00 EDT → 01:00 EST).
        ("America/New_York", "2026-11-01T05:30:00+00:00", "2026-11-01T06:30:00+00:00", ("EDT", "EST")),
    ],
)
def test_times_the_script_writes_across_a_clock_change_agree_with_the_servers(
    new_page, journalist, zone, before, after, names
):
    # The reader's browser is in Tokyo, neither the event's zone nor the server's. Its clock is set to
    # each side of the change in turn; a post arrives live on each side: the script writes the key
    # event's time and "Updated" itself (Intl), the post's own time comes rendered by the server.
    from datetime import datetime

    from django.utils import timezone

    from coverage_app.templatetags.reader import when

    event = make_event(language="en", time_zone=zone)
    reader = open_reader(new_page, event, timezone_id="Asia/Tokyo")
    assert reader.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == "Asia/Tokyo"
    for moment, name in zip((before, after), names, strict=True):
        instant = datetime.fromisoformat(moment)
        reader.clock.set_fixed_time(instant)
        post = services.post_publish(
            event=event, author=journalist, title=name, body="x", is_key_event=True, published_at=instant
        )
        with timezone.override(event.tz):
            expected = when(instant, "H:i T")  # what the server writes for this instant
        assert expected == f"01:30 {name}"
        served = reader.locator(f"#post-{post.pk} .post__time time bdi")
        expect(served).to_have_text(expected)
        # The key event's entry, written by live.js from the post's datetime: the same wall clock.
        expect(reader.locator(f'#key-events-list [data-key-event="{post.pk}"] time')).to_have_text("01:30")
        # "Updated", written by live.js from the browser's (fixed) clock: the same time and zone name.
        expect(reader.locator("#last-updated")).to_have_text(expected)
    assert_not_reloaded(reader)


def test_a_page_reloaded_into_a_stale_copy_waits_before_reloading_again(new_page, journalist, editor):
    # A CDN may answer the reload with its copy from before the change; the page then gets the same
    # reset again and must not reload in a loop: it waits a few seconds first.
    event = make_event(language="en", time_zone="Europe/London")
    services.post_publish(event=event, author=journalist, title="Update", body="x")
    reader = open_reader(new_page, event)
    event.refresh_from_db()
    reset_seq = event.seq + 1
    reader.evaluate(f"sessionStorage.setItem('liveblog:reloaded-for:{event.slug}', '{reset_seq}')")
    event = services.event_edit(event=event, by=editor, title=event.title, standfirst="", language="fr")
    assert event.seq == reset_seq
    expect(reader.locator("[data-live]")).to_have_attribute("data-seq", str(reset_seq))
    assert_not_reloaded(reader)  # received the reset, and did not reload at once
    expect(reader.locator("html")).to_have_attribute("lang", "fr", timeout=15_000)  # but did after a while


def test_a_change_of_language_or_zone_tells_an_open_desk_to_reload_and_keeps_the_draft(new_page, journalist, editor):
    event = make_event(time_zone="Europe/Berlin")
    desk = open_desk(new_page, event, "journalist")
    expect(desk.locator(".desk-head")).to_contain_text("Times in Europe/Berlin")
    with desk.expect_response(lambda response: "autosave" in response.url):
        desk.fill("#id_title", "Halfway through")
    desk.locator("#composer .rich-text").fill("Still typing")  # not yet autosaved when the change lands
    services.event_edit(
        event=event, by=editor, title=event.title, standfirst=event.standfirst, language="ar", time_zone="Asia/Beirut"
    )
    notice = desk.locator("#locale-changed")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("This coverage's language or time zone changed — reload the desk.")
    # Nothing reloaded under the journalist's typing.
    expect(desk.locator("#id_title")).to_have_value("Halfway through")
    expect(desk.locator("#composer .rich-text")).to_have_text("Still typing")
    expect(desk.locator(".desk-head")).to_contain_text("Times in Europe/Berlin")

    with desk.expect_navigation():
        notice.get_by_role("button", name="Reload the desk").click()
    expect(desk.locator(".desk-head")).to_contain_text("Times in Asia/Beirut")
    expect(desk.locator("#composer form[data-writes]")).to_have_attribute("data-writes", "rtl")
    expect(desk.locator("#locale-changed")).to_be_hidden()
    expect(desk.locator("#id_title")).to_have_value("Halfway through")  # the draft, from the server
    expect(desk.locator("#composer .rich-text")).to_have_text("Still typing")


# Where a line of text ends against its box: "right" for right-to-left text, whatever its first word.
TEXT_SIDE = """(selector) => {
  const box = document.querySelector(selector);
  const range = document.createRange();
  range.selectNodeContents(box);
  const text = range.getBoundingClientRect(), rect = box.getBoundingClientRect();
  const style = getComputedStyle(box);
  const inner = [rect.left + parseFloat(style.paddingLeft), rect.right - parseFloat(style.paddingRight)];
  return [style.direction, Math.abs(text.right - inner[1]) < 2 ? "right" : Math.abs(text.left - inner[0]) < 2 ? "left" : "middle"];
}"""


def test_arabic_headlines_and_posts_that_begin_with_a_latin_word_read_right_to_left(new_page, journalist):
    event = make_event(
        slug="cairo-latin-first",
        language="ar",
        time_zone="Africa/Cairo",
        title="BBC News: إجلاء 500 عائلة",
        standfirst="Reuters: تغطية مباشرة.",
    )
    services.post_publish(
        event=event,
        author=journalist,
        title="CNN: الأمطار مستمرة",
        body="<p>Reuters: عادت الكهرباء.</p>",
        quote_text="We have never seen this.",
        quote_attribution="Omar Khalil",
    )
    reader = open_reader(new_page, event, width=1280, height=900)
    for selector in (
        ".headline__title",
        ".headline__standfirst",
        "#posts .post__title",
        "#posts .post__body p",
        "#posts .post__quote blockquote p",
    ):
        # As the composer showed it: right to left, its text against the right edge.
        assert reader.evaluate(TEXT_SIDE, selector) == ["rtl", "right"], selector
    # The quote's bar is on the same side as its text: the start, which is the right.
    bar = reader.evaluate(
        "(() => { const s = getComputedStyle(document.querySelector('#posts .post__quote'));"
        " return [s.borderRightWidth, s.borderLeftWidth]; })()"
    )
    assert bar == ["4px", "0px"]
