"""The Arabic reader page in a real Chromium (issue 15): right to left, axe finds nothing, a live
post is announced in Arabic by the polite live region, and its pictures go to docs/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from coverage_app import demo_content, services
from tests.browser.test_live_coverage import assert_not_reloaded, open_reader
from tests.browser.test_reader_grade import AXE_RUN
from tests.factories import make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


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
        reader.screenshot(path=str(SCREENSHOTS / f"reader-arabic-{name}.png"), full_page=False)

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
    reader.screenshot(path=str(SCREENSHOTS / "reader-arabic-paused-desktop.png"))


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
